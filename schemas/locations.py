import re

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas import _fields

KINDS = {
    "country": ("a sovereign state or territory", "Iraq"),
    "region": (
        "a first-level region (province, state), a region spanning countries, a sea, "
        "an island or a mountain range",
        "Aceh",
    ),
    "county": ("a second-level region: a county, district or department", "Metcalfe County"),
    "city": ("a populated place of 100,000 or more", "Mosul"),
    "town": ("a populated place of under 100,000", "Hammam al-Alil"),
    "site": ("a named site: a facility, an airport, a road, a border crossing", "Mosul Dam"),
    "unknown": ("a place the gazetteer does not have", "Qayyarah West"),
}

MATCHES = {
    "exact": "the name as GeoNames gives it",
    "alternate": "one of GeoNames' alternate names",
    "folded": "equal once accents, hyphens and 'al-' variants are folded",
    "curated": "from the project's curated list of regions, seas, lakes, islands and sites "
    "(lexicons/places.toml), or a continent",
    "within": "a place or named site the gazetteer lacks (or has only outside the region written "
    "after it), placed at the place its name or the words right after it give ('Barren County "
    "Detention Center', 'Trillium Health Centre in Mississauga', 'Balintawak, Quezon City', "
    "'HOLLIDAY, Mo.'), else at the one country all the article's other places lie in "
    "(confidence 0.5, or 0.3 for the country)",
    "none": "not in the gazetteer: coordinates are null",
}


def _spans_agree(row) -> bool:
    spans = row["mention_spans"]
    if not isinstance(spans, str) or not re.fullmatch(r"\d+:\d+(; \d+:\d+)*", spans):
        return False  # reported by the column's own check
    pairs = [tuple(int(v) for v in item.split(":")) for item in spans.split("; ")]
    return (
        len(pairs) == row["mentions"]
        and pairs[0] == (row["start"], row["end"])
        and all(s < e for s, e in pairs)
        and pairs == sorted(pairs)
    )


class LocationSchema(_fields.TracedRows):
    """One row per named place per document, geocoded offline."""

    doc_id: Series[str] = _fields.doc_id()
    location_id: Series[str] = pa.Field(
        str_matches=r"^(geonames:\d+|region:[a-z0-9-]+|airport:[a-z0-9]+|name:[a-z0-9-]+)$",
        description="Stable id: 'geonames:<id>' for a place found in GeoNames, "
        "'region:<cc>-<code>[-<county>]' for a first- or second-level region (province, state, "
        "county) built from GeoNames places, 'airport:<IATA code>' for an airport, "
        "'region:<slug>' for a curated region or site, 'name:<slug>' for a place the "
        "gazetteer lacks.",
        metadata={"hxl": "#loc+id", "example": "geonames:99072"},
    )
    name: Series[str] = pa.Field(
        str_length={"min_value": 1},
        description="The place's name as the document gives it (its first mention): trimmed, on "
        "one line, without control characters.",
        metadata={"hxl": "#loc+name", "example": "Mosul"},
    )
    aliases: Series[str] = pa.Field(
        nullable=True,
        description="Other forms of the name in the document and the gazetteer's name, "
        "separated by '; '; null when there are none.",
        metadata={"hxl": "#loc+name+alt", "example": "Al Mawşil; Mawsil", "delimiter": "; "},
    )
    kind: Series[str] = pa.Field(
        isin=list(KINDS),
        description="; ".join(f"`{k}`: {v[0]} (e.g. {v[1]!r})" for k, v in KINDS.items()),
        metadata={"hxl": "#loc+type", "example": "city", "categories": {k: v[0] for k, v in KINDS.items()}},
    )
    geonames_id: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=1,
        description="GeoNames id of the matched place, null when none.",
        metadata={"hxl": "#loc+code+v_geonames", "example": 99072},
    )
    country_code: Series[str] = pa.Field(
        nullable=True,
        str_matches=r"^[A-Z]{2}$",
        description="ISO 3166-1 alpha-2 code of the place's country, null for regions spanning "
        "countries and unmatched places.",
        metadata={"hxl": "#country+code+v_iso2", "example": "IQ"},
    )
    latitude: Series[float] = pa.Field(
        nullable=True,
        in_range={"min_value": -90, "max_value": 90},
        description="Latitude (WGS84) from GeoNames: a place's own point; a country's is GeoNames' "
        "point for it (or countryinfo's centre), a region's the middle of its places' extent, "
        "a curated sea's, lake's or island's its approximate centre.",
        metadata={"hxl": "#geo+lat", "example": 36.335},
    )
    longitude: Series[float] = pa.Field(
        nullable=True,
        in_range={"min_value": -180, "max_value": 180},
        description="Longitude (WGS84) from GeoNames.",
        metadata={"hxl": "#geo+lon", "example": 43.11889},
    )
    match: Series[str] = pa.Field(
        isin=list(MATCHES),
        description="How the name was matched: " + "; ".join(f"`{k}`: {v}" for k, v in MATCHES.items()),
        metadata={"hxl": "#meta+match", "example": "exact", "categories": MATCHES},
    )
    confidence: Series[float] = pa.Field(
        in_range={"min_value": 0, "max_value": 1},
        description="How sure the match is, from 0 (no match) to 1: 0.95 for an exact name with one "
        "reading, less for an alternate (0.85) or folded (0.7) name, and less again (down to 60% "
        "of that) when another place of the name scored close to the chosen one (see "
        "docs/method-locations.md).",
        metadata={"hxl": "#meta+confidence+num", "example": 0.95},
    )
    start: Series[int] = _fields.start("the first mention")
    end: Series[int] = _fields.end("the first mention")
    mentions: Series[int] = pa.Field(
        ge=1,
        description="How many times the document names the place.",
        metadata={
            "hxl": "#meta+mentions+num",
            "example": 17,
        },
    )
    mention_spans: Series[str] = pa.Field(
        description="Every mention of the place, as 'start:end' character offsets into "
        "documents.text (text[start:end] gives the name as written), in document order, "
        "separated by '; '; the first is start and end.",
        metadata={"hxl": "#meta+spans", "example": "1043:1048; 2210:2215", "delimiter": "; "},
    )
    sentence: Series[str] = _fields.sentence()

    @pa.dataframe_check
    @classmethod
    def coordinates_paired(cls, df):
        """latitude and longitude are both set or both null."""
        return df["latitude"].isna() == df["longitude"].isna()

    @pa.check("aliases")
    def aliases_well_formed(cls, aliases):
        """No empty item in the "; "-separated list."""
        return _fields.list_well_formed(aliases)

    @pa.check("name")
    def name_on_one_line(cls, name):
        """Trimmed, with no line break or other control character."""
        return _fields.clean_names(name)

    @pa.check("aliases")
    def aliases_on_one_line(cls, aliases):
        """Each alias trimmed, with no line break or other control character."""
        return _fields.clean_names(aliases)

    @pa.dataframe_check
    @classmethod
    def spans_agree(cls, df):
        """mention_spans is 'start:end' pairs separated by '; ', as many as `mentions`, in order,
        the first of them start:end, each start < end."""
        return df.apply(_spans_agree, axis=1)

    class Config:
        strict = True
        unique = ["doc_id", "location_id"]
        title = "Locations"
        description = (
            "Named places (countries, regions, cities, towns, sites), one row per place "
            "per document, geocoded offline against GeoNames."
        )
        metadata = {
            "primary_key": ["doc_id", "location_id"],
            "foreign_keys": [
                {
                    "fields": ["doc_id"],
                    "reference": {"resource": "documents", "fields": ["doc_id"]},
                },
            ],
        }
