import pandera.pandas as pa
from pandera.typing import Series

from schemas import _fields

KINDS = {
    "direct": (
        "the speaker's own words, in quotation marks",
        '"Foolhardy provocation deserves harsh punishment", it added',
    ),
    "indirect": (
        "reported speech: X said that ..., according to X, X warned of ...",
        "Save the Children (STC) said that up to 600,000 children ... are trapped",
    ),
    "scare": ("words in quotation marks that nobody is reported as saying", '"human shields"'),
}


class QuoteSchema(_fields.TracedRows):
    """One row per statement: who said what, in their words or reported."""

    quote_id: Series[str] = pa.Field(
        unique=True,
        description="Primary key: doc_id, ':quote:' and the start offset.",
        metadata={"hxl": "#meta+id", "example": "2016-11-mosul-sorrowful-picture:quote:2210"},
    )
    doc_id: Series[str] = _fields.doc_id()
    text: Series[str] = pa.Field(
        str_length={"min_value": 1},
        description="The quoted or reported content: text == documents.text[start:end].",
        metadata={
            "hxl": "#description+quote",
            "example": "up to 600,000 children in Iraq are trapped in the northern city",
        },
    )
    start: Series[int] = _fields.start("the quoted content")
    end: Series[int] = _fields.end("the quoted content")
    kind: Series[str] = pa.Field(
        isin=list(KINDS),
        description="; ".join(f"`{k}`: {v[0]} (e.g. {v[1]!r})" for k, v in KINDS.items()),
        metadata={
            "hxl": "#description+type",
            "example": "indirect",
            "categories": {k: v[0] for k, v in KINDS.items()},
        },
    )
    speaker: Series[str] = pa.Field(
        nullable=True,
        description="Who said it, as named in the actors table (or as written for "
        "a vague source such as 'witnesses'); null when unknown and for scare quotes.",
        metadata={"hxl": "#org+name+speaker", "example": "Save the Children"},
    )
    speaker_actor_id: Series[str] = pa.Field(
        nullable=True,
        description="The speaker's actors.actor_id in the same document.",
        metadata={"hxl": "#org+id+speaker", "example": "save-the-children"},
    )
    cue: Series[str] = pa.Field(
        nullable=True,
        description="The word or phrase that marks the statement ('said', "
        "'according to', 'called for', 'warned of'), as written; for a quote that continues "
        "the previous paragraph's, that quote's cue; null for scare quotes and for quoted "
        "passages attributed only by their place after another speaker's words.",
        metadata={"hxl": "#description+cue", "example": "said"},
    )
    sentence: Series[str] = _fields.sentence()

    @pa.dataframe_check
    @classmethod
    def scare_quotes_have_no_speaker(cls, df):
        """A scare quote has no speaker."""
        return (df["kind"] != "scare") | df["speaker"].isna()

    class Config:
        strict = True
        title = "Quotes"
        description = (
            "Statements: what a speaker said, wrote or declared, in their words (direct) "
            "or reported (indirect), with the speaker linked to the actors table; "
            "scare quotes are kept without a speaker."
        )
        metadata = {
            "primary_key": ["quote_id"],
            # how newsfacts.extract.with_ids makes the key, and validate checks it ('-2'... on a tie)
            "id_format": {"quote_id": "{doc_id}:quote:{start}"},
            "foreign_keys": [
                {
                    "fields": ["doc_id"],
                    "reference": {"resource": "documents", "fields": ["doc_id"]},
                },
                # Same-document membership is checked by `newsfacts validate`.
                {
                    "fields": ["speaker_actor_id"],
                    "reference": {"resource": "actors", "fields": ["actor_id"]},
                },
            ],
        }
