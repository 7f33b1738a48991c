import pandera.pandas as pa
from pandera.typing import Series

from schemas import _fields

KINDS = {
    "direct": (
        "the speaker's own words, in quotation marks (one or more segments)",
        '"Foolhardy provocation deserves harsh punishment", it added',
    ),
    "indirect": (
        "reported speech: X said that ..., according to X, X warned of ...; with the speaker's "
        'own words where it quotes some (X said the plan was "dead on arrival")',
        "Save the Children (STC) said that up to 600,000 children ... are trapped",
    ),
    "scare": (
        "words in quotation marks that nobody is reported as saying: scare quotes, titles of "
        "shows, books and slogans",
        '"human shields"',
    ),
}

SEGMENT = r"\d+-\d+"
SEGMENTS_PATTERN = rf"^{SEGMENT}(; {SEGMENT})*$"


class QuoteSchema(_fields.TracedRows):
    """One row per statement: who said what at one place in the text, in their words or
    reported. A statement interrupted by its attribution ('"A," she said. "B."') is one row of
    several segments."""

    quote_id: Series[str] = pa.Field(
        unique=True,
        description="Primary key: doc_id, ':quote:' and the start offset.",
        metadata={"hxl": "#meta+id", "example": "2016-11-mosul-sorrowful-picture:quote:2210"},
    )
    doc_id: Series[str] = _fields.doc_id()
    text: Series[str] = pa.Field(
        str_length={"min_value": 1},
        description="The stretch of text the statement covers, from its first segment's start "
        "to its last segment's end: text == documents.text[start:end]. For a quote interrupted "
        "by its attribution this includes the attribution ('..., she said. ...'); `words` "
        "leaves it out.",
        metadata={
            "hxl": "#description+quote",
            "example": "up to 600,000 children in Iraq are trapped in the northern city",
        },
    )
    start: Series[int] = _fields.start("the statement's first segment")
    end: Series[int] = _fields.end("the statement's last segment")
    segments: Series[str] = pa.Field(
        str_matches=SEGMENTS_PATTERN,
        description="The speaker's words as character ranges of documents.text, in order, "
        "'start-end' items separated by '; ' (one item for a statement of one piece; two for "
        "'\"A,\" she said. \"B.\"' or 'The plan, she said, would fail'; one for each paragraph of "
        "a quotation that runs on over paragraphs). The first starts at `start`, the last ends "
        "at `end`.",
        metadata={"hxl": "#meta+segments", "example": "1043-1102; 1120-1185"},
    )
    words: Series[str] = pa.Field(
        str_length={"min_value": 1},
        description="The speaker's words: the text of each segment, joined by ' \u2026 ' where "
        "the attribution was cut out; the same as `text` for a statement of one segment. "
        "What a user quotes.",
        metadata={
            "hxl": "#description+quote+words",
            "example": "We have lost everything \u2026 Our house, our animals, our fields.",
        },
    )
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
        "a vague source such as 'witnesses'); null when unknown and for scare quotes. A pronoun "
        "(he, she) is resolved to a person of the nearest sentence before it that names one "
        "outside quotation marks, whose gender (by honorifics such as Mr., Mrs., and the "
        "pronouns that follow the name) does not contradict it: one an honorific gives the "
        "pronoun's gender first, then the sentence's subject; it, they and a collective noun "
        "(the administration, the campaign) to the nearest organisation. The person a "
        "recording shows speaks ('footage of X saying'), not the recording. A "
        "title and surname ('Mr. Walker') is the actor the article named in full ('Scott K. "
        "Walker'), never one of the other gender or given name ('Mrs. Clinton' is not 'Bill "
        "Clinton').",
        metadata={"hxl": "#org+name+speaker", "example": "Save the Children"},
    )
    speaker_actor_id: Series[str] = pa.Field(
        nullable=True,
        description="The speaker's actors.actor_id in the same document.",
        metadata={"hxl": "#org+id+speaker", "example": "save-the-children"},
    )
    speaker_mention: Series[str] = pa.Field(
        nullable=True,
        description="The speaker as the article writes it where this statement is attributed, "
        "before `speaker` resolves it: the name with its title ('Mr. Walker', 'Sen. Amara "
        "Obi'), a description ('the senator', 'a spokeswoman for the ministry') or the pronoun "
        "itself ('she'); for a quote attributed only by its place after another, that "
        "quote's. What a reader citing the statement writes (on whose word, as the article "
        "put it); `speaker` is whom it means. Null when `speaker` is.",
        metadata={"hxl": "#org+name+speaker+as_written", "example": "Mr. Walker"},
    )
    cue: Series[str] = pa.Field(
        nullable=True,
        description="The word or phrase that marks the statement ('said', "
        "'according to', 'called for', 'warned of', ':' for a transcript's speaker label, "
        "a headline's 'Name: ...' or a colon that introduces a quotation after a name or a "
        "speaker's clause ('Okafor: \"...\"', 'She turned to the crowd: \"...\"'), a dash for "
        "'\"...\" \u2014 Name'), as written; for a quote that continues "
        "the previous paragraph's, that quote's cue; null for scare quotes and for quoted "
        "passages attributed only by their place after another speaker's words.",
        metadata={"hxl": "#description+cue", "example": "said"},
    )
    sentence: Series[str] = _fields.sentence()

    @pa.check("speaker", "speaker_mention")
    def speaker_on_one_line(cls, speaker):
        """Trimmed, with no line break or other control character."""
        return _fields.clean_names(speaker)

    @pa.dataframe_check
    @classmethod
    def mention_only_with_a_speaker(cls, df):
        """A speaker as written only where there is a speaker."""
        return df["speaker"].notna() | df["speaker_mention"].isna()

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
