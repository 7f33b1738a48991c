"""Text in, rows out: the four extractors and the function that runs them on one document.

Plain Python, no Prefect. Actors and places are found first, because figures link to their
claimant and place, and quotes to their speaker.
"""
from __future__ import annotations

from spacy.tokens import Doc

from newsfacts.extract.actors import ActorIndex, extract_actors
from newsfacts.extract.figures import extract_figures
from newsfacts.extract.locations import PlaceIndex, extract_locations
from newsfacts.extract.quotes import extract_quotes
from newsfacts.gazetteer import Gazetteer

TABLE_NAMES = ("figures", "actors", "locations", "quotes")


def extract_document(doc_id: str, doc: Doc, gazetteer: Gazetteer) -> dict[str, list[dict]]:
    """All four tables' rows for one parsed document, with doc_id and primary keys set."""
    actors: ActorIndex = extract_actors(doc)
    places: PlaceIndex = extract_locations(doc, gazetteer)
    tables = {
        "figures": extract_figures(doc, actors, places),
        "actors": actors.rows(),
        "locations": places.rows(),
        "quotes": extract_quotes(doc, actors),
    }
    for name, rows in tables.items():
        rows.sort(key=lambda r: (r["start"], r["end"]))
        for row in rows:
            row["doc_id"] = doc_id
            if name == "figures":
                row["figure_id"] = f"{doc_id}:fig:{row['start']}"
            elif name == "quotes":
                row["quote_id"] = f"{doc_id}:quote:{row['start']}"
        _dedupe_ids(rows, name)
    return tables


def _dedupe_ids(rows: list[dict], table: str) -> None:
    """Two rows starting at one offset (a quote inside a quote) get '-2', '-3' suffixes."""
    key = {"figures": "figure_id", "quotes": "quote_id"}.get(table)
    if not key:
        return
    seen: dict[str, int] = {}
    for row in rows:
        n = seen.get(row[key], 0) + 1
        seen[row[key]] = n
        if n > 1:
            row[key] = f"{row[key]}-{n}"


__all__ = ["TABLE_NAMES", "extract_document", "extract_actors", "extract_figures",
           "extract_locations", "extract_quotes"]
