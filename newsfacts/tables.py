"""Rows -> typed Arrow tables, shaped by the Pandera models (the only place columns are declared).

Lists of names become one '; '-separated string (the models say which columns); rows are sorted
by primary key so that the same input always gives the same bytes.
"""

from __future__ import annotations

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
    keys = meta.get("primary_key") or list(columns(model))[:1]
    return lambda row: tuple("" if row.get(k) is None else str(row.get(k)) for k in keys)


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
