"""What a format reader is given (a Source) and what it gives back (Drafts, one per article).

A reader turns one file into Drafts: the article's text and whatever the format says about it
(title, date, URLs, author). It raises ``BadInput`` for a file it cannot read at all, and yields a
``RecordReject`` for one record it must skip. Ids, sidecars, the language check and duplicates are
the scanner's job (``newsfacts.ingest.scanner``), the same for every format.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

# column -> the JSON fields that may hold it, first found wins (``--json-field COLUMN=FIELD``)
DEFAULT_JSON_FIELDS: Mapping[str, tuple[str, ...]] = {
    "text": ("text", "maintext", "content", "body"),
    "title": ("title", "headline"),
    "published": ("date_publish", "published", "publish_date", "date"),
    "source_url": ("url", "link"),
    "author": ("authors", "author", "byline"),
    "licence": ("licence", "license"),
}


@dataclass(frozen=True)
class Options:
    """How to read the seeds: which languages to publish (None: any) and where JSON keeps each column."""

    languages: frozenset[str] | None = frozenset({"en"})
    json_fields: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_JSON_FIELDS))

    @classmethod
    def make(cls, languages: str | None = "en", json_fields: Mapping[str, str] | None = None) -> Options:
        """From the command line's words: ``languages`` 'en', 'en,fr' or 'any'; ``json_fields``
        {column: field} (a field may be a dotted path, ``meta.title``) replacing the defaults."""
        langs = None
        if languages and languages.strip().lower() not in ("any", "all", "*"):
            langs = frozenset(code.strip().lower() for code in languages.split(",") if code.strip())
        mapping = dict(DEFAULT_JSON_FIELDS)
        for column, name in (json_fields or {}).items():
            if column not in DEFAULT_JSON_FIELDS:
                raise ValueError(
                    f"--json-field: unknown column {column!r} (one of {', '.join(DEFAULT_JSON_FIELDS)})"
                )
            mapping[column] = (name,)
        return cls(languages=langs, json_fields=mapping)


@dataclass(frozen=True)
class Source:
    """One input file: its real path, its path relative to the seeds folder, the seeds folder."""

    path: Path
    relpath: str
    root: Path
    options: Options


@dataclass(frozen=True)
class Draft:
    """One article as a format read it, before ids, sidecar, language and duplicate checks."""

    text: str
    sha256: str
    record: str | None = None  # within a file of many articles: its URL or position
    ordinal: int = 0  # the record's position in the file (1-based), 0 for a one-article file
    title: str | None = None
    published: str | None = None
    source_url: str | None = None
    canonical_url: str | None = None
    author: str | None = None
    licence: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecordReject:
    """One record of a file that is not published, and why (the file's other records go on)."""

    record: str
    reason: str
    ordinal: int = 0
    sha256: str | None = None


@dataclass(frozen=True)
class FileNote:
    """Something to tell the user about the whole file (e.g. the records skipped, counted)."""

    note: str


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
