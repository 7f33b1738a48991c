"""Text in, rows out: the four extractors and the function that runs them on one document.

Plain Python, no Prefect. Actors and places are found first, because figures link to their
claimant and place, and quotes to their speaker.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsfacts.extract.actors import ActorIndex, extract_actors
from newsfacts.extract.figures import extract_figures, resolve_times
from newsfacts.extract.locations import PlaceIndex, extract_locations
from newsfacts.extract.place_names import looks_like_place
from newsfacts.extract.quotes import extract_quotes
from newsfacts.gazetteer import Gazetteer
from newsfacts.nlp import PIPE_BATCH_SIZE
from schemas import EXTRACTED, id_formats

TABLE_NAMES = EXTRACTED


def extract_rows(doc: Doc, gazetteer: Gazetteer) -> dict[str, list[dict]]:
    """All four tables' rows for one parsed document, sorted by offsets, without ``doc_id`` or
    ids: they depend on the text only, so they can be cached by its content (a figure's relative
    time is resolved against the publication date by ``with_ids``). Quotes run before figures: a
    figure inside a quote is its speaker's."""
    # the places extractor's test tells the actors extractor which names spaCy mislabels are places
    actors: ActorIndex = extract_actors(doc, gazetteer, is_place=looks_like_place)
    places: PlaceIndex = extract_locations(doc, gazetteer, actors=actors)
    quotes = extract_quotes(doc, actors)
    tables = {
        "figures": extract_figures(doc, actors, places, quotes),
        "actors": actors.rows(),
        "locations": places.rows(),
        "quotes": quotes,
    }
    for rows in tables.values():
        rows.sort(key=lambda r: (r["start"], r["end"]))
    return tables


def with_ids(
    doc_id: str, tables: dict[str, list[dict]], published: str | None = None
) -> dict[str, list[dict]]:
    """Copies of a document's rows with ``doc_id`` and the ids made from each row, as the models
    declare them (``id_format`` in their metadata: ``{doc_id}:fig:{start}``), and the figures'
    times resolved against the document's publication date."""
    out = {}
    for name, rows in tables.items():
        rows = [dict(row, doc_id=doc_id) for row in rows]
        if name == "figures":
            resolve_times(rows, published)
        for column, template in id_formats().get(name, {}).items():
            for row in rows:
                row[column] = template.format(**row)
            _dedupe_ids(rows, column)
        out[name] = rows
    return out


def extract_document(
    doc_id: str, doc: Doc, gazetteer: Gazetteer, published: str | None = None
) -> dict[str, list[dict]]:
    """All four tables' rows for one parsed document, with doc_id and primary keys set."""
    return with_ids(doc_id, extract_rows(doc, gazetteer), published)


def _dedupe_ids(rows: list[dict], key: str) -> None:
    """Two rows starting at one offset (a quote inside a quote) get '-2', '-3' suffixes."""
    seen: dict[str, int] = {}
    for row in rows:
        n = seen.get(row[key], 0) + 1
        seen[row[key]] = n
        if n > 1:
            row[key] = f"{row[key]}-{n}"


@dataclass
class Extracted:
    """Rows of the four tables for a batch of documents, and the documents that failed."""

    tables: dict[str, list[dict]] = field(default_factory=lambda: {t: [] for t in TABLE_NAMES})
    failures: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, reason)


# Bounded work per parse: spaCy's memory grows with the tokens it parses at once (about 10 KB a
# token: a 450 KB table of numbers, 108,000 tokens, took 1 GB in one worker, and eight of them in
# one batch drove a run past 10 GB). So texts are parsed in groups of at most BATCH_CHARS
# characters, and a text longer than PIECE_CHARS in pieces cut at line breaks (which end sentences
# anyway, ``nlp.line_breaks``), joined back into one Doc whose offsets are the text's own. News
# articles (a few thousand characters) are parsed exactly as before: in batches of
# ``PIPE_BATCH_SIZE``, whole.
PIECE_CHARS = 16_000
BATCH_CHARS = 64_000


def pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """The text cut into consecutive pieces of at most ``size`` characters, at a blank line, else a
    line break, else a sentence's end, else a space (else anywhere); joined, they are the text."""
    out = []
    rest = text
    while len(rest) > size:
        window = rest[:size]
        cut = -1
        for mark in ("\n\n", "\n", ". ", " "):
            at = window.rfind(mark, size // 4)
            if at > 0:
                cut = at + len(mark)
                break
        cut = cut if cut > 0 else size
        out.append(rest[:cut])
        rest = rest[cut:]
    out.append(rest)
    return out


def _parse_groups(texts: list[str], batch_size: int) -> Iterator[list[str]]:
    """Consecutive groups of parse units (a whole text, or one piece of a long one), each at most
    ``batch_size`` units and ``BATCH_CHARS`` characters (a unit alone may reach PIECE_CHARS)."""
    group: list[str] = []
    chars = 0
    for text in texts:
        for unit in pieces(text) if len(text) > PIECE_CHARS else [text]:
            if group and (len(group) == batch_size or chars + len(unit) > BATCH_CHARS):
                yield group
                group, chars = [], 0
            group.append(unit)
            chars += len(unit)
    if group:
        yield group


def parsed(texts: list[str], nlp, batch_size: int = PIPE_BATCH_SIZE) -> Iterator[Doc]:
    """One Doc per text, in order, parsed with bounded memory (see ``PIECE_CHARS``)."""
    units = (
        doc for group in _parse_groups(texts, batch_size) for doc in nlp.pipe(group, batch_size=len(group))
    )
    for text in texts:
        if len(text) <= PIECE_CHARS:
            yield next(units)
            continue
        docs = [next(units) for _ in pieces(text)]
        doc = Doc.from_docs(docs, ensure_whitespace=False)
        if doc.text != text:  # never: the pieces are the text, cut
            raise ValueError("a long text's pieces do not join back into it")
        yield doc


def extract_texts(
    texts: list[str], nlp, gazetteer: Gazetteer, batch_size: int = PIPE_BATCH_SIZE
) -> list[dict | str]:
    """Parse texts in a stream (``parsed``) and extract their rows (``extract_rows``). For each
    text, in order: its tables, or the reason its extraction failed (a string, "extraction failed:
    ..."): one bad document never costs the others. Should the parser itself fail on a text, the
    stream is broken: the texts not yet done are parsed one at a time, so that only that text fails."""
    outcomes: list[dict | str] = []
    try:
        for doc in parsed(texts, nlp, batch_size):
            outcomes.append(_extracted(doc, gazetteer))
    except Exception:
        for text in texts[len(outcomes) :]:
            try:
                doc = next(parsed([text], nlp, batch_size))
            except Exception as exc:
                outcomes.append(f"extraction failed: parsing: {type(exc).__name__}: {exc}")
                continue
            outcomes.append(_extracted(doc, gazetteer))
    return outcomes


def _extracted(doc: Doc, gazetteer: Gazetteer) -> dict | str:
    try:
        return extract_rows(doc, gazetteer)
    except Exception as exc:
        return f"extraction failed: {type(exc).__name__}: {exc}"


def collect(
    outcomes: list[tuple[str, dict | str]], published: Mapping[str, str | None] | None = None
) -> Extracted:
    """(doc_id, outcome) pairs -> the four tables, with ids, and the documents that failed;
    ``published`` (doc_id -> publication date) dates the figures' relative times."""
    result = Extracted()
    dates = published or {}
    for doc_id, outcome in outcomes:
        if isinstance(outcome, str):
            result.failures.append((doc_id, outcome))
            continue
        for name, rows in with_ids(doc_id, outcome, dates.get(doc_id)).items():
            result.tables[name].extend(rows)
    return result


__all__ = [
    "TABLE_NAMES",
    "Extracted",
    "collect",
    "extract_actors",
    "extract_document",
    "extract_figures",
    "extract_locations",
    "extract_quotes",
    "extract_rows",
    "extract_texts",
    "with_ids",
]
