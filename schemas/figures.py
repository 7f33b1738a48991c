import pandera.pandas as pa
from pandera.engines.pandas_engine import Date
from pandera.typing import Series

from schemas import _fields
from schemas.figure_categories import CATEGORIES, QUALIFIERS

# ISO 8601 as precise as the article: a year, a month, a day, or an interval of two days.
WHEN_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$|^\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}$"


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
        description="The nearest source the text gives for the figure, as named in the actors "
        "table: 'according to X', 'X said ...', 'X's report states' (a report's issuer), the "
        "speaker of the direct quote it is in, the side a pronoun stands for ('strikes which they "
        "say killed 12'); in a chain of reported speech the nearest source ('according to a news "
        "agency, village elders said ...' -> the elders). Null for the article's own voice, "
        "unattributed hearsay ('reportedly', 'is reported to have') and figures the source denies.",
        metadata={"hxl": "#meta+source", "example": "United Nations"},
    )
    claimant_actor_id: Series[str] = pa.Field(
        nullable=True,
        description="The claimant's actors.actor_id in the same document.",
        metadata={"hxl": "#meta+source+id", "example": "united-nations"},
    )
    location: Series[str] = pa.Field(
        nullable=True,
        description="Where the counted thing happened or is, as a careful reader understands it: "
        "a place on the figure's own phrase or clause first ('600,000 children in Iraq', 'stationed "
        "at Mosul', 'killed when a bomb struck a market in Kirkuk'), then its sentence, its "
        "paragraph, then the article's dateline or main place; the most specific place, or the "
        "smallest one holding several listed places. Never a place named only as an origin or a "
        "nationality ('aid workers from Norway'); null when the text places it nowhere "
        "('displaced worldwide'). As named in the locations table.",
        metadata={"hxl": "#loc+name", "example": "Mosul"},
    )
    location_id: Series[str] = pa.Field(
        nullable=True,
        description="That place's locations.location_id in the same document.",
        metadata={"hxl": "#loc+id", "example": "geonames:99072"},
    )
    when: Series[str] = pa.Field(
        nullable=True,
        str_matches=WHEN_PATTERN,
        description="When the counted thing happened or held, in ISO 8601 exactly as precise as "
        "the article: a day ('2016-10-31'), a month ('2016-10'), a year ('2014') or an interval of "
        "two days ('2016-01-01/2016-11-03' for 'since January'). Relative times ('on Monday', 'last "
        "October', 'yesterday', 'currently') are resolved against documents.published; a time "
        "given earlier in the paragraph carries to a figure in the past tense. Null when the text "
        "gives no time (the publication date is never a default). An SQL keyword: write it "
        '"when" in queries, or filter on when_start/when_end.',
        metadata={"hxl": "#date", "example": "2016-10"},
    )
    when_text: Series[str] = pa.Field(
        nullable=True,
        description="The words the time was read from, as written ('Last October', 'on Thursday "
        "afternoon', 'currently'); set even when the publication date is unknown and a relative "
        "time cannot be resolved (then `when` is null).",
        metadata={"hxl": "#date+text", "example": "Last October"},
    )
    when_start: Series[Date] = pa.Field(
        nullable=True,
        description="First day `when` covers (a date: '2016-10' -> 2016-10-01), for filtering and sorting.",
        metadata={"hxl": "#date+start", "example": "2016-10-01"},
    )
    when_end: Series[Date] = pa.Field(
        nullable=True,
        description="Last day `when` covers (a date: '2016-10' -> 2016-10-31).",
        metadata={"hxl": "#date+end", "example": "2016-10-31"},
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
    def when_bounds_ordered(cls, df):
        """when_start and when_end are both set exactly when `when` is, and in order."""
        present = df["when"].notna()
        same = (df["when_start"].notna() == present) & (df["when_end"].notna() == present)
        ordered = ~present | (df["when_start"] <= df["when_end"]).fillna(True)
        return same & ordered

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
