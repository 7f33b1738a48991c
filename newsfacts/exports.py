"""Tables -> CSV copies for spreadsheet users, and HXL-tagged CSV for humanitarian tools.

Both are generated from the Parquet files, a batch of rows at a time (memory stays flat), with
the columns, order and HXL hashtags of the Pandera models (``metadata["hxl"]``). Values are
written as they are in the Parquet file: null is an empty cell, a list of names is its
'; '-separated string, a number is written in the shortest form that reads back to the same
float. The HXL file is the plain CSV with one more row under the header: each column's hashtag
(https://hxlstandard.org/). Output is deterministic: the same table gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import math
from contextlib import ExitStack
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

import schemas
from schemas.descriptor import columns

# RFC 4180: comma, double quotes, CRLF between records; UTF-8 without a byte-order mark.
ENCODING = "utf-8"
LINE_TERMINATOR = "\r\n"


def hxl_tags(table: str) -> list[str]:
    """Each column's HXL hashtag, in column order, from the table's model."""
    return [(col.metadata or {})["hxl"] for col in columns(schemas.TABLES[table]).values()]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return repr(value)
    return str(value)


def _rows_text(rows: list[list] | list[tuple]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=LINE_TERMINATOR, quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return out.getvalue()


def _body(arrow: pa.Table | pa.RecordBatch, names: list[str]) -> str:
    cells = [[_cell(v) for v in arrow.column(name).to_pylist()] for name in names]
    return _rows_text(list(zip(*cells, strict=False)))


def _header(table: str, hxl: bool) -> str:
    """A row of column names (and with ``hxl`` a row of hashtags under it)."""
    names = list(columns(schemas.TABLES[table]))
    return _rows_text([names, hxl_tags(table)] if hxl else [names])


def csv_text(table: str, arrow: pa.Table, hxl: bool = False) -> str:
    """The table as CSV text: its header, then its rows."""
    return _header(table, hxl) + _body(arrow, list(columns(schemas.TABLES[table])))


def write_copies(table: str, parquet: Path, data_dir: Path, batch_rows: int = 1024) -> dict[str, Path]:
    """Every copy of a table (CSV, HXL) under ``data_dir``, read from its Parquet file a batch at a
    time, each batch's rows rendered once for both; kind -> path. The same bytes as ``csv_text``."""
    names = list(columns(schemas.TABLES[table]))
    paths = {kind: Path(data_dir) / copy_path(table, kind) for kind, _, _ in COPIES}
    with ExitStack() as files:
        out = []
        for kind, _, hxl in COPIES:
            paths[kind].parent.mkdir(parents=True, exist_ok=True)
            fh = files.enter_context(paths[kind].open("w", encoding=ENCODING, newline=""))
            fh.write(_header(table, hxl))
            out.append(fh)
        for batch in pq.ParquetFile(parquet).iter_batches(batch_size=batch_rows, columns=names):
            body = _body(batch, names)
            for fh in out:
                fh.write(body)
    return paths


# The package's copies of a table, besides its Parquet file: (resource name suffix, folder, HXL).
COPIES = (("csv", "", False), ("hxl", "hxl/", True))


def copy_path(table: str, kind: str) -> str:
    """Path of a table's CSV copy inside the data folder: ``figures.csv`` or ``hxl/figures.csv``."""
    for suffix, folder, _ in COPIES:
        if suffix == kind:
            return f"{folder}{table}.csv"
    raise ValueError(f"unknown copy {kind!r}")
