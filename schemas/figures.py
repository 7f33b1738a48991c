import pandera.pandas as pa
from pandera.typing import Series

from schemas import _fields

# Each category with what it covers and an example, as the guidelines define them.
CATEGORIES = {
    "killed": ("people killed, dead, executed", "nearly 1,000 IS gunmen (killed)"),
    "injured": ("people injured, wounded, hurt", "1,358 injured"),
    "missing": ("people missing or unaccounted for", "40 fishermen are missing"),
    "displaced": (
        "people displaced, fleeing, evacuated, forced to leave, refugees, asylum seekers",
        "more than 1.5 million have been forced to leave",
    ),
    "captive": ("hostages, abducted, arrested, detained", "About 25,000 have been held hostage"),
    "affected": (
        "trapped, besieged, stranded, homeless, in need, at risk, rescued, affected",
        "up to 600,000 children in Iraq are trapped",
    ),
    "forces": ("troops, fighters, militants in a place or an operation", "about 50,000 Iraqi soldiers"),
    "population": ("inhabitants, residents, people living in a place", "about 21,000 people in the city"),
    "distance": ("distances", "400km from the capital"),
    "territory": (
        "villages, towns, areas, land areas (km2, hectares), shares of land",
        "more than a dozen villages",
    ),
    "money": ("amounts of money", "$5 million in aid"),
    "other": ("anything else counted or measured: shells, votes, seats, rates, fans", "36 shells"),
}

QUALIFIERS = {
    "exact": ("the number as stated", "1,792 people killed"),
    "approximate": ("about, around, nearly, almost, some, an estimated, roughly", "about 50,000"),
    "lower_bound": ("more than, over, at least, no fewer than", "more than 1.5 million"),
    "upper_bound": ("up to, as many as, fewer than, at most, less than", "up to 1 million"),
    "range": ("two bounds: value_low and value_high are set", "3,000-5,000"),
    "vague": (
        (
            "dozens (24), scores of (40), hundreds (200), thousands (2000), tens of thousands "
            "(20000), millions (2e6), several (3): value = value_low = that documented lower "
            "bound (newsfacts/lexicons/figures.toml), value_high null"
        ),
        "thousands of civilians (value 2000)",
    ),
}


def _listing(d):
    return "; ".join(f"`{k}`: {v[0]} (e.g. {v[1]!r})" for k, v in d.items())


class FigureSchema(_fields.TracedRows):
    """One row per number that counts or measures something in the world."""

    figure_id: Series[str] = pa.Field(
        unique=True,
        description="Primary key: doc_id, ':fig:' and the start offset.",
        metadata={"hxl": "#meta+id", "example": "2016-11-mosul-sorrowful-picture:fig:1530"},
    )
    doc_id: Series[str] = _fields.doc_id()
    text: Series[str] = pa.Field(
        str_length={"min_value": 1},
        description="The figure's surface text, with its qualifier: text == documents.text[start:end].",
        metadata={"hxl": "#indicator+text", "example": "nearly 1,000"},
    )
    start: Series[int] = _fields.start("the figure")
    end: Series[int] = _fields.end("the figure")
    value: Series[float] = pa.Field(
        nullable=True,
        ge=0,
        description="The number as a float ('1.5 million' -> 1500000, 'a dozen' -> 12). For a range "
        "the lower bound; for a vague amount its documented lower bound.",
        metadata={"hxl": "#indicator+value+num", "example": 1000.0},
    )
    value_low: Series[float] = pa.Field(
        nullable=True,
        ge=0,
        description="Lower bound of a range (or of a vague amount), else null.",
        metadata={"hxl": "#indicator+value+min+num", "example": 3000.0},
    )
    value_high: Series[float] = pa.Field(
        nullable=True,
        ge=0,
        description="Upper bound of a range ('3,000-5,000' -> 5000, 'between 9 and 11' -> 11), else null.",
        metadata={"hxl": "#indicator+value+max+num", "example": 5000.0},
    )
    qualifier: Series[str] = pa.Field(
        isin=list(QUALIFIERS),
        description="How the number is qualified: " + _listing(QUALIFIERS),
        metadata={
            "hxl": "#indicator+qualifier",
            "example": "approximate",
            "categories": {k: v[0] for k, v in QUALIFIERS.items()},
        },
    )
    unit: Series[str] = pa.Field(
        nullable=True,
        description="Null for plain counts, else the unit: 'km', 'mi', 'm', 'km2', 'ha', 'kg', 't', "
        "'percent', or an ISO 4217 currency code ('USD', 'GBP', 'EUR') for money "
        "('$5 million' -> USD, '£300' -> GBP, '80 per cent' -> percent, '400km' -> km).",
        metadata={"hxl": "#indicator+unit", "example": "km"},
    )
    counted: Series[str] = pa.Field(
        nullable=True,
        description="The noun phrase the number counts, from the dependency parse: "
        "the noun it modifies ('nearly 1,000 IS gunmen' -> 'IS gunmen') or the object of 'of' "
        "('dozens of locals' -> 'locals'); null when the number stands alone ('About 25,000 "
        "have been held hostage').",
        metadata={"hxl": "#indicator+name", "example": "IS gunmen"},
    )
    category: Series[str] = pa.Field(
        isin=list(CATEGORIES),
        description="What the figure is about: " + _listing(CATEGORIES),
        metadata={
            "hxl": "#indicator+category",
            "example": "killed",
            "categories": {k: v[0] for k, v in CATEGORIES.items()},
        },
    )
    claimant: Series[str] = pa.Field(
        nullable=True,
        description="Who the sentence attributes the figure to, as named in the "
        "actors table ('according to US military authorities', 'the United Nations said').",
        metadata={"hxl": "#meta+source", "example": "United Nations"},
    )
    claimant_actor_id: Series[str] = pa.Field(
        nullable=True,
        description="The claimant's actors.actor_id in the same document.",
        metadata={"hxl": "#meta+source+id", "example": "united-nations"},
    )
    location: Series[str] = pa.Field(
        nullable=True,
        description="The place the figure is about, when the sentence says it in a "
        "prepositional phrase on the figure, its counted noun or its verb ('600,000 children in "
        "Iraq', 'stationed at Mosul'); as named in the locations table.",
        metadata={"hxl": "#loc+name", "example": "Mosul"},
    )
    location_id: Series[str] = pa.Field(
        nullable=True,
        description="That place's locations.location_id in the same document.",
        metadata={"hxl": "#loc+id", "example": "geonames:99072"},
    )
    sentence: Series[str] = _fields.sentence()

    @pa.dataframe_check
    @classmethod
    def bounds_ordered(cls, df):
        """value_low <= value <= value_high wherever they are set."""
        low_ok = df["value_low"].isna() | df["value"].isna() | (df["value_low"] <= df["value"])
        high_ok = df["value_high"].isna() | df["value"].isna() | (df["value"] <= df["value_high"])
        return low_ok & high_ok

    @pa.dataframe_check
    @classmethod
    def range_has_bounds(cls, df):
        """A range gives both bounds."""
        is_range = df["qualifier"] == "range"
        return ~is_range | (df["value_low"].notna() & df["value_high"].notna())

    class Config:
        strict = True
        title = "Figures"
        description = (
            "Numbers that count or measure something in the world: people killed, "
            "injured, displaced, held; troops; distances; shares of territory; money. "
            "Each with its qualifier, what it counts, its category, who claims it and "
            "where, and the sentence it came from."
        )
        metadata = {
            "primary_key": ["figure_id"],
            # how newsfacts.extract.with_ids makes the key, and validate checks it ('-2'... on a tie)
            "id_format": {"figure_id": "{doc_id}:fig:{start}"},
            "foreign_keys": [
                {
                    "fields": ["doc_id"],
                    "reference": {"resource": "documents", "fields": ["doc_id"]},
                },
                # Ids are stable across documents; that the claimant and the place are in the
                # same document is checked by `newsfacts validate` (Frictionless cannot check a
                # composite key whose second part may be null).
                {
                    "fields": ["claimant_actor_id"],
                    "reference": {"resource": "actors", "fields": ["actor_id"]},
                },
                {
                    "fields": ["location_id"],
                    "reference": {"resource": "locations", "fields": ["location_id"]},
                },
            ],
        }
