"""The package's landing page, ``index.html``: what the dataset is and where it comes from, each
table's data dictionary, row count and first rows, a chart of figures by category, a map of the
places, and download links.

Rendered with Jinja2 with autoescaping on, from the descriptor and the tables' Parquet files (read
a batch at a time: a few columns, never a whole table); the chart and the
map are inline SVG (``newsfacts.charts``). The page loads nothing: no script, no font, no image
from the network (its Content-Security-Policy forbids it). Deterministic: the same package gives
the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

import schemas
from newsfacts import __version__
from newsfacts.paths import LANDING_PAGE
from newsfacts.publish import casualties, charts, dictionary, formats
from schemas.figure_categories import CATEGORIES

SAMPLE_ROWS = 5
MAX_CELL = 140
FILE = LANDING_PAGE


@lru_cache(maxsize=1)
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("newsfacts.publish", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    environment.filters["visible"] = dictionary.visible  # an article's text: controls shown, not obeyed
    return environment


def _cell(value) -> str:
    if value is None:
        return ""
    text = " ".join(dictionary.visible(value).split())
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _downloads(descriptor: dict, table: str) -> list[dict]:
    """A link to the table's file in every format, in the registry's order."""
    resources = {res["name"]: res for res in descriptor["resources"]}
    out = []
    for fmt in formats.FORMATS:
        res = resources.get(fmt.resource_name(table))
        if res is not None:
            size = res.get(fmt.size_property)
            out.append({"path": res["path"], "label": f"{fmt.label} ({size:,} bytes)"})
    return out


def _batches(path: Path, columns: list[str]) -> Iterable[pa.RecordBatch]:
    yield from pq.ParquetFile(path).iter_batches(batch_size=65_536, columns=columns)


def figure_counts(batches: Iterable[pa.RecordBatch | pa.Table]) -> list[tuple[str, int]]:
    """(category, number of figures), most first, in the model's order on ties."""
    counts: dict[str, int] = {}
    for batch in batches:
        for category in batch.column("category").to_pylist():
            counts[category] = counts.get(category, 0) + 1
    order = list(CATEGORIES)
    return sorted(counts.items(), key=lambda kv: (-kv[1], order.index(kv[0]) if kv[0] in order else 99))


PLACE_COLUMNS = ["location_id", "name", "kind", "country_code", "latitude", "longitude", "mentions"]


def places(batches: Iterable[pa.RecordBatch | pa.Table]) -> list[dict]:
    """One entry per place across documents, mentions summed."""
    merged: dict[str, dict] = {}
    for batch in batches:
        for row in batch.to_pylist():
            place = merged.get(row["location_id"])
            if place is None:
                place = {k: row[k] for k in PLACE_COLUMNS[:-1]} | {"mentions": 0}
                merged[row["location_id"]] = place
            place["mentions"] += row["mentions"] or 1
    return [merged[k] for k in sorted(merged)]


def render(descriptor: dict, files: Mapping[str, Path]) -> str:
    """The page, from the descriptor and each table's Parquet file (table name -> path)."""
    listed = []
    for name, model in schemas.TABLES.items():
        parquet = pq.ParquetFile(files[name])
        columns = parquet.schema_arrow.names
        first = next(parquet.iter_batches(batch_size=SAMPLE_ROWS), None)
        listed.append(
            {
                "name": name,
                "title": model.__config__.title,
                "description": model.__config__.description,
                "rows": parquet.metadata.num_rows,
                "primary_key": (model.__config__.metadata or {}).get("primary_key") or [],
                "fields": dictionary.fields(name),
                "downloads": _downloads(descriptor, name),
                "sample_columns": columns,
                "sample": [[_cell(row[c]) for c in columns] for row in (first.to_pylist() if first else [])],
            }
        )
        parquet.close()
    tallies = casualties.read(_batches(files["figures"], casualties.COLUMNS))
    located = casualties.with_places(tallies, places(_batches(files["locations"], PLACE_COLUMNS)))
    timeline = casualties.timeline(tallies)
    top = casualties.top_places(located)
    reported = sum(1 for p in located if p["articles"])
    return (
        _environment()
        .get_template("index.html.j2")
        .render(
            package=descriptor,
            tables=listed,
            chart=charts.bar_chart(figure_counts(_batches(files["figures"], ["category"]))),
            map=charts.location_map(located),
            timeline=timeline,
            timeline_chart=charts.timeline(timeline.periods, timeline.categories, timeline.cells),
            casualties=tallies,
            timeline_note=casualties.timeline_note(tallies, timeline, charts.period_label),
            top_places=top,
            places_note=casualties.places_note(tallies, reported, len(top), charts.RINGS),
            top_places_count=reported,
            place_categories=[c for c in casualties.PEOPLE if any(c in p["largest"] for p in top)],
            amount=charts.amount,
            places=sum(1 for p in located if p["mentions"]),
            located=sum(1 for p in located if p["mentions"] and p["latitude"] is not None),
            software_version=__version__,
            formats=dictionary.formats_sentence(),
        )
    )
