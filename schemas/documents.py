import datetime as dt
import re

import pandera.pandas as pa
from pandera.typing import Series

_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


def _real_date(value) -> bool:
    """Null, or exactly YYYY[-MM[-DD]] (nothing after it, not even a newline) naming a real day."""
    if value is None or value != value:  # null (None or NaN)
        return True
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return False
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        dt.date(*parts[:3])
    except ValueError:
        return False
    return True


class DocumentSchema(pa.DataFrameModel):
    """One row per article read from the seeds folder: the exact text that every offset indexes."""

    doc_id: Series[str] = pa.Field(
        unique=True,
        str_matches=r"^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*$",
        description="Stable identifier, the same on every run: the file's path relative to the seeds "
        "folder without its format's suffix, each folder and the file name slugged ('Ünïcödé näme' "
        "-> 'unicode-name', 'Москва' -> 'moskva': transliterated to ASCII, lower-cased, other "
        "characters than letters and digits replaced by '-') and joined by '/'; for a record of a "
        "file of many articles (WARC, feed, JSON), the file's id, '/', and the slug of the record's "
        "URL without its scheme (or of its position, 'line-12').",
        metadata={"hxl": "#meta+id", "example": "2016-11-mosul-sorrowful-picture"},
    )
    path: Series[str] = pa.Field(
        description="The file's path relative to the seeds folder, with '/' separators (the seeds "
        "file's own name when the seeds are one file).",
        metadata={"hxl": "#meta+path", "example": "2016-11-mosul-sorrowful-picture.txt"},
    )
    record: Series[str] = pa.Field(
        nullable=True,
        description="The record within the file, for a file of many articles: a WARC record's "
        "target URI, a feed item's link (else its id), a JSON object's URL (else its position, "
        "'line 12' or 'item 3'); null for a file that is one article.",
        metadata={"hxl": "#meta+record", "example": "https://www.example.org/news/2019/11/flood-toll"},
    )
    format: Series[str] = pa.Field(
        isin=["text", "html", "warc", "feed", "jsonl", "json"],
        description="The input format it was read from (docs/input-formats.md): text (.txt, .md), "
        "html (a saved web page), warc (a WARC crawl's response record), feed (an RSS/Atom item), "
        "jsonl or json (an object of a JSON export).",
        metadata={"hxl": "#meta+format", "example": "text"},
    )
    title: Series[str] = pa.Field(
        description="The article's title: from its sidecar metadata, else the page's, feed item's "
        "or JSON object's title, else its first line.",
        metadata={"hxl": "#meta+title", "example": "“Sorrowful picture” in Mosul"},
    )
    text: Series[str] = pa.Field(
        str_length={"min_value": 1},
        description="The article's text as read (UTF-8, line ends normalised to \\n, a byte-order "
        "mark removed); for a web page, its main text as trafilatura extracts it (navigation, "
        "comments and boilerplate left out); for a feed item, its content as text. Every start/end offset in "
        "the other tables indexes this string.",
        metadata={
            "hxl": "#description+text",
            "example": "“Sorrowful picture” in Mosul\n\nA campaign to recapture Mosul ...",
        },
    )
    sha256: Series[str] = pa.Field(
        str_matches=r"^[0-9a-f]{64}$",
        description="SHA-256 of the bytes the article was read from: the file's (decompressed when "
        "gzipped), a WARC record's HTTP payload, a JSON Lines line; for a feed item or an object of a "
        "JSON list, its content's text (UTF-8). Two inputs with the same hash are one document.",
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
        str_matches=r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
        description="Publication date (YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date) from the "
        "sidecar metadata, else the page's metadata (htmldate), the feed item's or the JSON "
        "object's date, else from the text when the article states it in its first lines (a "
        "dateline such as 'BEIRUT, Oct. 3, 2016 (Reuters) -' or a date line 'Tuesday, March 4, "
        "2014'); never from the file's modification time; null when none gives it. Relative times "
        "in the figures table ('on Monday') are resolved against it.",
        metadata={"hxl": "#date+published", "example": "2016-11-03"},
    )
    published_source: Series[str] = pa.Field(
        nullable=True,
        isin=["sidecar", "page", "feed", "json", "text"],
        description="Where `published` came from: 'sidecar' (the article's .meta.json), 'page' (a "
        "web page's or WARC record's metadata), 'feed' (the feed item's date), 'json' (the JSON "
        "object's date field) or 'text' (its dateline or date line); null when `published` is null.",
        metadata={"hxl": "#date+published+source", "example": "sidecar"},
    )
    author: Series[str] = pa.Field(
        nullable=True,
        description="The author(s) as the page, feed item or JSON object names them ('; ' between "
        "names), null when not given.",
        metadata={"hxl": "#meta+author", "example": "Sarah E Needleman"},
    )
    language: Series[str] = pa.Field(
        nullable=True,
        str_matches=r"^[a-z]{2,3}$",
        description="The text's language (ISO 639 code) as py3langid detects it, null when the text "
        "is too short to tell (under 200 letters) or the detection is unsure (probability under 0.9).",
        metadata={"hxl": "#language+code", "example": "en"},
    )
    source_url: Series[str] = pa.Field(
        nullable=True,
        description="Where the article was published: from the sidecar metadata, else a WARC "
        "record's target URI, a feed item's link, a JSON object's URL, a saved page's canonical link.",
        metadata={"hxl": "#meta+source+url", "example": "https://en.wikinews.org/wiki/..."},
    )
    canonical_url: Series[str] = pa.Field(
        nullable=True,
        description="The page's own canonical URL (<link rel=canonical>, og:url), for web pages and "
        "WARC records; null for other formats.",
        metadata={"hxl": "#meta+canonical+url", "example": "https://www.example.org/news/flood-toll"},
    )
    licence: Series[str] = pa.Field(
        nullable=True,
        description="The article's licence, from the sidecar metadata (or the JSON object's "
        "licence field), null when unknown.",
        metadata={"hxl": "#meta+licence", "example": "CC-BY-2.5"},
    )

    @pa.check("published", name="published_is_a_date")
    @classmethod
    def published_is_a_date(cls, series: Series[str]) -> Series[bool]:
        """A real calendar date: no month 13, no February 30."""
        return series.map(_real_date)

    class Config:
        strict = True
        title = "Documents"
        description = (
            "The articles the dataset was extracted from, one row each, with the exact "
            "text that all character offsets index."
        )
        unique = ["path", "record"]
        metadata = {"primary_key": ["doc_id"], "foreign_keys": []}
