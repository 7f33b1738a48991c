import pandera.pandas as pa
from pandera.typing import Series


class DocumentSchema(pa.DataFrameModel):
    """One row per article read from the seeds folder: the exact text that every offset indexes."""

    doc_id: Series[str] = pa.Field(
        unique=True,
        str_matches=r"^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*$",
        description="Stable identifier: the file's path relative to the seeds folder without its "
        "extension, each folder and the file name slugged ('Ünïcödé näme' -> 'unicode-name', "
        "'Москва' -> 'moskva': transliterated to ASCII, lower-cased, other characters than letters "
        "and digits replaced by '-') and joined by '/'. The same file gets the same id on every run.",
        metadata={"hxl": "#meta+id", "example": "2016-11-mosul-sorrowful-picture"},
    )
    path: Series[str] = pa.Field(
        unique=True,
        description="The file's path relative to the seeds folder, with '/' separators.",
        metadata={"hxl": "#meta+path", "example": "2016-11-mosul-sorrowful-picture.txt"},
    )
    title: Series[str] = pa.Field(
        description="The article's title: from its sidecar metadata, else its first line.",
        metadata={"hxl": "#meta+title", "example": "“Sorrowful picture” in Mosul"},
    )
    text: Series[str] = pa.Field(
        str_length={"min_value": 1},
        description="The article's text as read (UTF-8, line ends normalised to \\n, a byte-order "
        "mark removed). Every start/end offset in the other tables indexes this string.",
        metadata={
            "hxl": "#description+text",
            "example": "“Sorrowful picture” in Mosul\n\nA campaign to recapture Mosul ...",
        },
    )
    sha256: Series[str] = pa.Field(
        str_matches=r"^[0-9a-f]{64}$",
        description="SHA-256 of the file's bytes as read from disk.",
        metadata={
            "hxl": "#meta+hash",
            "example": "a4a509b6ba51cd508fda40d9beafaf11cf4cbcc17b95cfb01cd052dd97a3ff88",
        },
    )
    n_chars: Series[int] = pa.Field(
        ge=1,
        description="Number of characters in text.",
        metadata={
            "hxl": "#meta+chars+num",
            "example": 4620,
        },
    )
    n_words: Series[int] = pa.Field(
        ge=0,
        description="Number of words in text (runs of letters or digits).",
        metadata={"hxl": "#meta+words+num", "example": 781},
    )
    published: Series[str] = pa.Field(
        nullable=True,
        str_matches=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        description="Publication date (YYYY, YYYY-MM or YYYY-MM-DD) from the sidecar metadata, "
        "else from the text when the article states it in its first lines (a dateline such as "
        "'BEIRUT, Oct. 3, 2016 (Reuters) -' or a date line 'Tuesday, March 4, 2014'); never from "
        "the file's modification time; null when neither gives it. Relative times in the figures "
        "table ('on Monday') are resolved against it.",
        metadata={"hxl": "#date+published", "example": "2016-11-03"},
    )
    published_source: Series[str] = pa.Field(
        nullable=True,
        isin=["sidecar", "text"],
        description="Where `published` came from: 'sidecar' (the article's .meta.json) or 'text' "
        "(its dateline or date line); null when `published` is null.",
        metadata={"hxl": "#date+published+source", "example": "sidecar"},
    )
    source_url: Series[str] = pa.Field(
        nullable=True,
        description="Where the article was published, from the sidecar metadata.",
        metadata={"hxl": "#meta+source+url", "example": "https://en.wikinews.org/wiki/..."},
    )
    licence: Series[str] = pa.Field(
        nullable=True,
        description="The article's licence, from the sidecar metadata, null when unknown.",
        metadata={"hxl": "#meta+licence", "example": "CC-BY-2.5"},
    )

    class Config:
        strict = True
        title = "Documents"
        description = (
            "The articles the dataset was extracted from, one row each, with the exact "
            "text that all character offsets index."
        )
        metadata = {"primary_key": ["doc_id"], "foreign_keys": []}
