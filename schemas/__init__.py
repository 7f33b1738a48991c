"""The contract: one Pandera model per table, and the package descriptor built from them.

Each table's columns, types, checks, descriptions and examples are declared once, in its
model below; the Arrow schema used to write Parquet and the Table Schema published in
``datapackage.json`` are both generated from it (see ``schemas.descriptor``).
"""

from schemas.actors import ActorSchema
from schemas.documents import DocumentSchema
from schemas.figures import FigureSchema
from schemas.locations import LocationSchema
from schemas.quotes import QuoteSchema
from schemas.rejects import RejectSchema

# Resource name -> model, in the order the package lists them.
TABLES = {
    "documents": DocumentSchema,
    "figures": FigureSchema,
    "actors": ActorSchema,
    "locations": LocationSchema,
    "quotes": QuoteSchema,
    "rejects": RejectSchema,
}
# The tables extracted from each document's text (the others describe the files).
EXTRACTED = ("figures", "actors", "locations", "quotes")

__all__ = [
    "EXTRACTED",
    "TABLES",
    "ActorSchema",
    "DocumentSchema",
    "FigureSchema",
    "LocationSchema",
    "QuoteSchema",
    "RejectSchema",
]
