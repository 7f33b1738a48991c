"""Rows -> typed Arrow tables, shaped by the Pandera models (the only place columns are declared).

Lists of names become one '; '-separated string (the models say which columns); dates, held as
ISO text in the rows, become Arrow dates. Rows are sorted
by document, then by position in its text (reading order), then by primary key, so that the same
input always gives the same bytes; chunks of documents staged in ``doc_id`` order
(``newsfacts.staging``) concatenate to the same order.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pyarrow as pa

import schemas
from schemas.descriptor import arrow_schema, columns


def _delimiters(model) -> dict[str, str]:
    return {
        name: col.metadata["delimiter"]
        for name, col in columns(model).items()
        if (col.metadata or {}).get("delimiter")
    }


def _sort_key(model):
    meta = model.__config__.metadata or {}
    names = columns(model)
    keys = meta.get("primary_key") or list(names)[:1]
    first = ["doc_id"] if "doc_id" in names else []
    position = ["start", "end"] if "start" in names and "end" in names else []

    def key(row):
        return (
            *("" if row.get(k) is None else str(row.get(k)) for k in first),
            *(row.get(k) if isinstance(row.get(k), int) else -1 for k in position),
            *("" if row.get(k) is None else str(row.get(k)) for k in keys),
        )

    return key


def to_arrow(table: str, rows: list[dict]) -> pa.Table:
    """Rows (dicts) -> an Arrow table with exactly the model's columns and types."""
    model = schemas.TABLES[table]
    schema = arrow_schema(model)
    delimiters = _delimiters(model)
    ordered = sorted(rows, key=_sort_key(model))
    data = {}
    for name in schema.names:  # column by column: much faster than row dicts for Arrow
        values = [row.get(name) for row in ordered]
        if name in delimiters:
            sep = delimiters[name]
            values = [(sep.join(v) or None) if isinstance(v, (list, tuple)) else v for v in values]
        elif pa.types.is_date32(schema.field(name).type):
            # rows hold dates as ISO text (they are cached as JSON); Arrow stores them as dates
            values = [date.fromisoformat(v) if isinstance(v, str) else v for v in values]
        data[name] = values
    return pa.Table.from_pydict(data, schema=schema)


def to_pandas(table: str, arrow: pa.Table) -> pd.DataFrame:
    """Arrow -> pandas with the dtypes the model expects (nullable ints stay integers)."""
    model = schemas.TABLES[table]
    frame = arrow.to_pandas()
    for name, col in columns(model).items():
        if str(col.dtype) == "Int64" and name in frame:
            frame[name] = pd.array(arrow.column(name).to_pylist(), dtype="Int64")
    return frame
