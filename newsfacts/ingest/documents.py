"""What ingest hands on: a Document (published) or a Reject (listed with its reason).

Each carries the file it came from (``path``, relative to the seeds folder) and, for a file that
holds many articles (a WARC crawl, a feed, a JSON export), the ``record`` within it. Their
``row()`` gives exactly the columns of ``schemas.documents`` and ``schemas.rejects``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsfacts.ingest.display import printable

_WORD = re.compile(r"\w+")


class BadInput(ValueError):
    """An input that cannot be published; the message says why (and may carry the bytes' hash)."""

    def __init__(self, reason: str, sha256: str | None = None):
        super().__init__(reason, sha256)
        self.reason = reason
        self.sha256 = sha256

    def __str__(self) -> str:
        return self.reason


def where(path: str, record: str | None) -> str:
    """``path`` or ``path [record]``, safe to print."""
    return printable(path) + (f" [{printable(record)}]" if record else "")


@dataclass(frozen=True)
class Document:
    doc_id: str
    path: str
    title: str
    text: str
    sha256: str
    published: str | None = None
    published_source: str | None = None  # where `published` came from: sidecar, page, feed, json, text
    source_url: str | None = None
    licence: str | None = None
    notes: tuple[str, ...] = field(default=())  # warnings worth telling the user (e.g. decoded as Latin-1)
    record: str | None = None
    format: str = "text"
    author: str | None = None
    language: str | None = None
    canonical_url: str | None = None

    @property
    def n_chars(self) -> int:
        return len(self.text)

    @property
    def n_words(self) -> int:
        return len(_WORD.findall(self.text))

    def row(self) -> dict:
        return {
            "doc_id": self.doc_id,
            "path": self.path,
            "record": self.record,
            "format": self.format,
            "title": self.title,
            "text": self.text,
            "sha256": self.sha256,
            "n_chars": self.n_chars,
            "n_words": self.n_words,
            "published": self.published,
            "published_source": self.published_source,
            "author": self.author,
            "language": self.language,
            "source_url": self.source_url,
            "canonical_url": self.canonical_url,
            "licence": self.licence,
        }

    def metadata_row(self) -> dict:
        """The row without its text (what the inputs' key is made of)."""
        row = self.row()
        del row["text"]
        return row

    def where(self) -> str:
        """The file (and record) this document came from, safe to print."""
        return where(self.path, self.record)

    def messages(self) -> list[str]:
        """Its notes as lines for the terminal: ``path [record]: note``."""
        return [f"{self.where()}: {printable(note)}" for note in self.notes]

    def reject(self, reason: str) -> Reject:
        """This document as a reject (e.g. when its extraction failed)."""
        return Reject(self.path, reason, self.sha256, self.record)


@dataclass(frozen=True)
class Reject:
    path: str
    reason: str
    sha256: str | None = None
    record: str | None = None

    def row(self) -> dict:
        return {"path": self.path, "record": self.record, "reason": self.reason, "sha256": self.sha256}

    def message(self) -> str:
        """One line for the terminal, with every control or bidi character shown escaped."""
        return f"{where(self.path, self.record)}: {printable(self.reason)}"
