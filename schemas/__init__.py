"""The contract: one Pandera model per table, and the package descriptor built from them.

Each table's columns, types, checks, descriptions and examples are declared once, in its
model (``schemas/*.py``); the Arrow schema used to write Parquet and the Table Schema published in
``datapackage.json`` are both generated from it (see ``schemas.descriptor``).
The models are imported on first use (``schemas.TABLES``, ``schemas.FigureSchema``): the worker
processes that parse and extract need only the table names, not Pandera and pandas (about 100 MB
each).
"""

from functools import lru_cache
from importlib import import_module

# The tables extracted from each document's text (the others describe the files).
EXTRACTED = ("figures", "actors", "locations", "quotes")

# Resource name -> (module, model), in the order the package lists them.
_MODELS = {
    "documents": ("schemas.documents", "DocumentSchema"),
    "figures": ("schemas.figures", "FigureSchema"),
    "actors": ("schemas.actors", "ActorSchema"),
    "locations": ("schemas.locations", "LocationSchema"),
    "quotes": ("schemas.quotes", "QuoteSchema"),
    "rejects": ("schemas.rejects", "RejectSchema"),
}


@lru_cache(maxsize=1)
def id_formats() -> dict[str, dict[str, str]]:
    """table -> {id column: its format} (``id_format`` in the models' metadata, e.g.
    ``{doc_id}:fig:{start}``): how ``newsfacts.extract.with_ids`` makes the ids of a document's
    rows and how ``newsfacts.validate`` checks them. Loads the models on first use."""
    models = __getattr__("TABLES")
    return {name: dict((m.__config__.metadata or {}).get("id_format", {})) for name, m in models.items()}


def __getattr__(name: str):
    if name == "TABLES":  # resource name -> model
        tables = {table: getattr(import_module(module), model) for table, (module, model) in _MODELS.items()}
        globals()["TABLES"] = tables
        return tables
    for module, model in _MODELS.values():
        if name == model:
            return getattr(import_module(module), model)
    raise AttributeError(f"module 'schemas' has no attribute {name!r}")


__all__ = [
    "EXTRACTED",
    "TABLES",
    "ActorSchema",
    "DocumentSchema",
    "FigureSchema",
    "LocationSchema",
    "QuoteSchema",
    "RejectSchema",
    "id_formats",
]
