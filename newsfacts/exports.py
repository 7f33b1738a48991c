"""Tables -> CSV copies for spreadsheet users, and HXL-tagged CSV for humanitarian tools.

Both are generated from the same Arrow tables as the Parquet files, with the columns, order and
HXL hashtags of the Pandera models (``metadata["hxl"]``). Values are written as they are in the
Parquet file: null is an empty cell, a list of names is its '; '-separated string, a number is
written in the shortest form that reads back to the same float. The HXL file is the plain CSV with
one more row under the header: each column's hashtag (https://hxlstandard.org/). Output is
deterministic: the same table gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pyarrow as pa

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


def csv_text(table: str, arrow: pa.Table, hxl: bool = False) -> str:
    """The table as CSV text: a header of column names (and with ``hxl`` a row of hashtags)."""
    names = list(columns(schemas.TABLES[table]))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=LINE_TERMINATOR, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(names)
    if hxl:
        writer.writerow(hxl_tags(table))
    for row in arrow.select(names).to_pylist():
        writer.writerow([_cell(row[name]) for name in names])
    return out.getvalue()


def write_csv(table: str, arrow: pa.Table, path: Path, hxl: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding=ENCODING, newline="") as fh:
        fh.write(csv_text(table, arrow, hxl=hxl))


# The package's copies of a table, besides its Parquet file: (resource name suffix, folder, HXL).
COPIES = (("csv", "", False), ("hxl", "hxl/", True))


def copy_path(table: str, kind: str) -> str:
    """Path of a table's CSV copy inside the data folder: ``figures.csv`` or ``hxl/figures.csv``."""
    for suffix, folder, _ in COPIES:
        if suffix == kind:
            return f"{folder}{table}.csv"
    raise ValueError(f"unknown copy {kind!r}")
