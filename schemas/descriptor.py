"""Generate the Arrow schema (for writing Parquet) and the Frictionless Table Schema (for
datapackage.json) from a table's Pandera model, so that each column is declared only once."""

import copy

import pandera.pandas as pdr
import pyarrow as pa

# Pandera dtype (as str) -> (Arrow type, Table Schema type)
_TYPES = {
    "str": (pa.string(), "string"),
    "string": (pa.string(), "string"),
    "string[pyarrow]": (pa.string(), "string"),
    "string[python]": (pa.string(), "string"),
    "int64": (pa.int64(), "integer"),
    "Int64": (pa.int64(), "integer"),
    "float64": (pa.float64(), "number"),
    "bool": (pa.bool_(), "boolean"),
    # pandera's Date: Python dates in pandas, Arrow date32 in Parquet, DuckDB DATE
    "date": (pa.date32(), "date"),
}


def _column_types(column):
    if (column.metadata or {}).get("delimiter"):
        # A list of names is stored as one delimited string: Frictionless reads Parquet lists as
        # numpy arrays and rejects them, and CSV has no lists.
        return pa.string(), "list"
    try:
        return _TYPES[str(column.dtype)]
    except KeyError:
        raise TypeError(f"column {column.name!r}: no Arrow/Table Schema type for {column.dtype}") from None


def columns(model: type[pdr.DataFrameModel]):
    """The model's columns in declaration order."""
    return model.to_schema().columns


def arrow_schema(model) -> pa.Schema:
    """Arrow schema for the table's Parquet file."""
    fields = []
    for name, column in columns(model).items():
        arrow_type, _ = _column_types(column)
        fields.append(pa.field(name, arrow_type, nullable=column.nullable))
    return pa.schema(fields)


def _constraints(column, unique_alone):
    constraints: dict[str, object] = {}
    if not column.nullable:
        constraints["required"] = True
    if column.unique and unique_alone:
        constraints["unique"] = True
    for check in column.checks:
        stats = check.statistics or {}
        if check.name == "isin":
            constraints["enum"] = sorted(stats["allowed_values"])
        elif check.name == "greater_than_or_equal_to":
            constraints["minimum"] = stats["min_value"]
        elif check.name == "less_than_or_equal_to":
            constraints["maximum"] = stats["max_value"]
        elif check.name == "in_range":
            constraints["minimum"] = stats["min_value"]
            constraints["maximum"] = stats["max_value"]
        elif check.name == "str_matches":
            constraints["pattern"] = stats["pattern"]
        elif check.name == "str_length":
            if stats.get("min_value") is not None:
                constraints["minLength"] = stats["min_value"]
            if stats.get("max_value") is not None:
                constraints["maxLength"] = stats["max_value"]
    return constraints


def table_schema(model) -> dict:
    """Frictionless Table Schema for the table: fields with types, descriptions, examples and
    constraints, the primary key and the foreign keys."""
    meta = model.__config__.metadata or {}
    primary_key = meta.get("primary_key", [])
    fields = []
    for name, column in columns(model).items():
        _, ts_type = _column_types(column)
        field = {"name": name, "type": ts_type}
        if ts_type == "list":
            field["itemType"] = "string"
        if column.description:
            field["description"] = column.description
        extra = copy.deepcopy(column.metadata or {})
        if "example" in extra:
            field["example"] = extra.pop("example")
        if "categories" in extra:
            # Data Package v2 categories: each allowed value with its meaning
            field["categories"] = [{"value": k, "label": v} for k, v in extra.pop("categories").items()]
        field.update(extra)
        if column.nullable and ts_type in ("number", "integer"):
            # Frictionless reads Parquet through pandas, where a null number becomes NaN.
            field["missingValues"] = ["", "nan"]
        constraints = _constraints(column, unique_alone=primary_key != [name])
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    schema = {"fields": fields, "missingValues": [""]}
    if primary_key:
        schema["primaryKey"] = primary_key
    foreign_keys = meta.get("foreign_keys") or []
    if foreign_keys:
        schema["foreignKeys"] = copy.deepcopy(foreign_keys)  # callers may adapt their copy
    return schema
