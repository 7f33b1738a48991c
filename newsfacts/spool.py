"""The run's documents without their texts in memory: ingest streams, the texts wait on disk.

A run needs every document's metadata up front (the tables are in ``doc_id`` order, which is not
the order files are read in; the cache is asked which documents it holds; the inputs' key covers
them all), but each text only twice more: when it is sent to a worker and when its row is
written. So ingest's stream (``newsfacts.ingest.stream``) is read once: each text is appended to
one anonymous temporary file (``Spool``), and what stays in memory is a ``SpooledDocument``: the
document's metadata, where its text is in the file, and its length in characters and words. Its
``text`` is read back from the file when it is used (``os.pread``: a few microseconds, the file
is in the OS page cache while it is small enough). The documents' order and the duplicate checks
are ingest's own, unchanged: the stream reports duplicates as it reads, and the pipeline sorts
the spooled documents by id.

The file is created unlinked (``tempfile.TemporaryFile``, in ``$TMPDIR``): nothing to clean up,
whatever way the run ends, and it goes when the process does. It holds the texts once (about
6 KB an article: 120 MB for 20,000, 6 GB for a million; set ``TMPDIR`` to a roomy disk for a
large corpus).
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

from newsfacts.ingest import Document, Reject


class Spool:
    """Texts appended to one anonymous temporary file; read back by offset, from any thread."""

    def __init__(self, folder: Path | None = None):
        # the run's whole life (closed by close(), or when the process ends): no context manager
        self._file = tempfile.TemporaryFile(prefix="newsfacts-texts-", dir=folder)  # noqa: SIM115
        self._fd = self._file.fileno()
        self._end = 0
        self._lock = threading.Lock()

    def add(self, document: Document) -> SpooledDocument:
        """Write the document's text to the file; the document without it, and where it is."""
        data = document.text.encode(
            "utf-8", "surrogatepass"
        )  # any str as it came: a lone surrogate from a JSON escape too
        with self._lock:
            offset = self._end
            written = 0
            while written < len(data):
                written += os.pwrite(self._fd, data[written:], offset + written)
            self._end += len(data)
        return SpooledDocument(
            dataclasses.replace(document, text=""),
            self,
            offset,
            len(data),
            document.n_chars,
            document.n_words,
        )

    def read(self, offset: int, size: int) -> str:
        data = b""
        while len(data) < size:
            piece = os.pread(self._fd, size - len(data), offset + len(data))
            if not piece:
                raise OSError(f"the texts' spool file ends at {offset + len(data)}, before {offset + size}")
            data += piece
        return data.decode("utf-8", "surrogatepass")

    @property
    def size(self) -> int:
        """Bytes written so far."""
        return self._end

    def close(self) -> None:
        self._file.close()


@dataclasses.dataclass(frozen=True, eq=False)
class SpooledDocument:
    """A Document whose text is in a ``Spool``: the same attributes and methods as a Document,
    with ``text`` read from the file each time it is asked for (``document()`` reads it once and
    gives the whole Document)."""

    meta: Document  # the document with its text left out ("")
    spool: Spool
    offset: int
    size: int
    n_chars: int
    n_words: int

    @property
    def text(self) -> str:
        return self.spool.read(self.offset, self.size)

    def document(self) -> Document:
        return dataclasses.replace(self.meta, text=self.text)

    @property
    def doc_id(self) -> str:
        return self.meta.doc_id

    @property
    def path(self) -> str:
        return self.meta.path

    @property
    def record(self) -> str | None:
        return self.meta.record

    @property
    def sha256(self) -> str:
        return self.meta.sha256

    @property
    def published(self) -> str | None:
        return self.meta.published

    @property
    def notes(self) -> tuple[str, ...]:
        return self.meta.notes

    def row(self) -> dict:
        return self.document().row()

    def metadata_row(self) -> dict:
        """The documents row without its text (what the inputs' key is made of)."""
        row = self.meta.metadata_row()
        row.update(n_chars=self.n_chars, n_words=self.n_words)
        return row

    def where(self) -> str:
        return self.meta.where()

    def messages(self) -> list[str]:
        return self.meta.messages()

    def reject(self, reason: str) -> Reject:
        return self.meta.reject(reason)


AnyDocument = Document | SpooledDocument  # what the pipeline takes: a document, its text spooled or not


@dataclasses.dataclass
class Corpus:
    """What ingest read: the documents (texts spooled), in reading order, and the rejects."""

    documents: list[SpooledDocument]
    rejects: list[Reject]
    spool: Spool

    @classmethod
    def read(cls, items: Iterable[Document | Reject], folder: Path | None = None) -> Corpus:
        """Spool a stream of documents and rejects (``newsfacts.ingest.stream``)."""
        spool = Spool(folder)
        documents: list[SpooledDocument] = []
        rejects: list[Reject] = []
        for item in items:
            if isinstance(item, Document):
                documents.append(spool.add(item))
            else:
                rejects.append(item)
        return cls(documents, rejects, spool)
