"""Tables -> CSV text for spreadsheet users, and HXL-tagged CSV for humanitarian tools: the writers
of the CSV formats in the registry (``newsfacts.publish.formats``).

Rendered from the Parquet files a batch of rows at a time, with the columns, order and HXL
hashtags of the Pandera models (``metadata["hxl"]``). Values are written as they are in the
Parquet file: null is an empty cell, a list of names is its '; '-separated string, a number is
written in the shortest form that reads back to the same float. The HXL file is the plain CSV
with one more row under the header: each column's hashtag (https://hxlstandard.org/). Output is
deterministic: the same table gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import math
from functools import cache
from typing import TYPE_CHECKING

import schemas

if TYPE_CHECKING:
    import pyarrow as pa

# RFC 4180: comma, double quotes, CRLF between records; UTF-8 without a byte-order mark.
ENCODING = "utf-8"
LINE_TERMINATOR = "\r\n"


@cache
def _columns(table: str) -> dict:
    from schemas.descriptor import columns  # Pandera: loaded when a table is written, not before

    return dict(columns(schemas.TABLES[table]))


def hxl_tags(table: str) -> list[str]:
    """Each column's HXL hashtag, in column order, from the table's model."""
    return [(col.metadata or {})["hxl"] for col in _columns(table).values()]


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


def header(table: str, hxl: bool = False) -> str:
    """A row of column names (and with ``hxl`` a row of hashtags under it)."""
    names = list(_columns(table))
    return _rows_text([names, hxl_tags(table)] if hxl else [names])


def rows(table: str, arrow: pa.Table | pa.RecordBatch) -> str:
    """The rows as CSV records, in the model's column order."""
    names = list(_columns(table))
    cells = [[_cell(v) for v in arrow.column(name).to_pylist()] for name in names]
    return _rows_text(list(zip(*cells, strict=True)))


def csv_text(table: str, arrow: pa.Table, hxl: bool = False) -> str:
    """The table as CSV text: its header, then its rows."""
    return header(table, hxl) + rows(table, arrow)
