import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas import _fields

KINDS = {
    "country": ("a sovereign state or territory", "Iraq"),
    "region": ("a province, state, or a region spanning countries", "Aceh"),
    "city": ("a populated place of 100,000 or more", "Mosul"),
    "town": ("a populated place of under 100,000", "Hammam al-Alil"),
    "site": ("a named site: a facility, a sea, a border crossing", "Mosul Dam"),
    "unknown": ("a place the gazetteer does not have", "Qayyarah West"),
}

MATCHES = {
    "exact": "the name as GeoNames gives it",
    "alternate": "one of GeoNames' alternate names",
    "folded": "equal once accents, hyphens and 'al-' variants are folded",
    "curated": "from the project's curated list of regions and sites (lexicons/places.toml)",
    "none": "not in the gazetteer: coordinates are null",
}


class LocationSchema(_fields.TracedRows):
    """One row per named place per document, geocoded offline."""

    doc_id: Series[str] = _fields.doc_id()
    location_id: Series[str] = pa.Field(
        str_matches=r"^(geonames:\d+|region:[a-z0-9-]+|name:[a-z0-9-]+)$",
        description="Stable id: 'geonames:<id>' for a place found in GeoNames, "
        "'region:<cc>-<slug>' for a first-level region (province, state) built from GeoNames "
        "places, 'region:<slug>' for a curated region or site, 'name:<slug>' for a place the "
        "gazetteer lacks.",
        metadata={"hxl": "#loc+id", "example": "geonames:99072"},
    )
    name: Series[str] = pa.Field(
        str_length={"min_value": 1},
        description="The place's name as the document gives it.",
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
        description="Latitude (WGS84) from GeoNames; a country's or region's is its centre.",
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
        "reading or a country, less for an alternate (0.85) or folded (0.7) name, and less again "
        "when several places share the name and the document's countries did not decide.",
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
