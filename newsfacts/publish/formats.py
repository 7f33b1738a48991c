"""The one registry of output formats: every form in which each table is published.

Publishing (the files and their resources in the descriptor), the landing page (download links),
the server (media types) and the data dictionary (the files and what each format is for) all read
``FORMATS``. To add a format, add one entry here and its writer (``newsfacts/publish/exports.py``
holds the CSV ones): nothing else changes.

A writer renders a table as text a batch of rows at a time: ``header(table)`` once, then
``rows(table, batch)`` for each batch read from the table's Parquet file (memory stays flat).
Formats that share a ``rows`` function (the CSV and the HXL-tagged CSV) render each batch once.
The Parquet files themselves have no writer here: they are written as the run goes
(``newsfacts.staging``) and every other format is generated from them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsfacts.publish import exports

if TYPE_CHECKING:
    import pyarrow as pa


@dataclass(frozen=True)
class Writer:
    header: Callable[[str], str]  # table -> the text before its rows
    rows: Callable[[str, pa.RecordBatch], str]  # (table, a batch of its rows) -> their text


@dataclass(frozen=True)
class Format:
    kind: str  # the resource name's suffix (NAME-kind); "" for the tables themselves
    folder: str  # inside the data folder: "" or "hxl/"
    extension: str  # of the file: ".parquet", ".csv"
    format: str  # the descriptor's "format"
    mediatype: str  # the descriptor's "mediatype"
    label: str  # the landing page's download link
    summary: str  # the data dictionary's account of the format
    title: str = ""  # added to the table's title in the resource: "Figures (CSV)"
    description: str = ""  # added to the table's description in the resource
    encoding: str | None = None  # text formats: the descriptor's "encoding" and the served charset
    dialect: dict | None = None  # the descriptor's CSV dialect, when not the default
    size_property: str = "bytes"  # where the descriptor records the file's size
    writer: Writer | None = None  # None: the staged Parquet file itself

    def resource_name(self, table: str) -> str:
        return f"{table}-{self.kind}" if self.kind else table

    def path(self, table: str) -> str:
        """The file's path inside the data folder: ``figures.parquet``, ``hxl/figures.csv``."""
        return f"{self.folder}{table}{self.extension}"

    @property
    def content_type(self) -> str:
        """The HTTP Content-Type the server sends for it."""
        return f"{self.mediatype}; charset={self.encoding}" if self.encoding else self.mediatype


CSV_WRITER = Writer(header=lambda table: exports.header(table, hxl=False), rows=exports.rows)
HXL_WRITER = Writer(header=lambda table: exports.header(table, hxl=True), rows=exports.rows)

PARQUET = Format(
    kind="",
    folder="",
    extension=".parquet",
    format="parquet",
    mediatype="application/vnd.apache.parquet",
    label="Parquet",
    summary="Parquet (typed)",
    # Frictionless 5 reads Parquet through pyarrow/pandas without counting bytes, so a standard
    # ``bytes`` makes `frictionless validate` fail ("expected is N and actual is None");
    # `newsfacts validate` checks this size and the hash of every file.
    size_property="newsfacts:bytes",
)
CSV = Format(
    kind="csv",
    folder="",
    extension=".csv",
    format="csv",
    mediatype="text/csv",
    label="CSV",
    summary="CSV (UTF-8, RFC 4180, empty cell = null)",
    title="CSV",
    description=" CSV copy of the Parquet table for spreadsheets: UTF-8, RFC 4180, an empty cell is null.",
    encoding=exports.ENCODING,
    writer=CSV_WRITER,
)
HXL = Format(
    kind="hxl",
    folder="hxl/",
    extension=".csv",
    format="csv",
    mediatype="text/csv",
    label="HXL CSV",
    summary="HXL-tagged CSV (in hxl/: the second row holds each column's HXL hashtag)",
    title="HXL-tagged CSV",
    description=" HXL-tagged CSV: the second row gives each column's HXL hashtag (https://hxlstandard.org/).",
    encoding=exports.ENCODING,
    dialect={"headerRows": [1], "commentRows": [2]},
    writer=HXL_WRITER,
)

# In the order the package lists their resources: the tables first, then each copy.
FORMATS: tuple[Format, ...] = (PARQUET, CSV, HXL)


def copies() -> tuple[Format, ...]:
    """The formats written from the Parquet files: every one with a writer."""
    return tuple(f for f in FORMATS if f.writer is not None)


def size_of(resource: dict) -> int | None:
    """A resource's recorded size, wherever its format records it."""
    return next((resource[f.size_property] for f in FORMATS if f.size_property in resource), None)


def by_kind(kind: str) -> Format:
    for fmt in FORMATS:
        if fmt.kind == kind:
            return fmt
    raise ValueError(f"unknown format {kind!r}")
