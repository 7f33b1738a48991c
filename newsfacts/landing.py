"""The package's landing page, ``index.html``: what the dataset is and where it comes from, each
table's data dictionary, row count and first rows, a chart of figures by category, a map of the
places, and download links.

Rendered with Jinja2 with autoescaping on, from the descriptor and the tables; the chart and the
map are inline SVG (``newsfacts.charts``). The page loads nothing: no script, no font, no image
from the network (its Content-Security-Policy forbids it). Deterministic: the same package gives
the same bytes.
"""

from __future__ import annotations

from functools import lru_cache

import pyarrow as pa
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

import schemas
from newsfacts import __version__, charts, dictionary
from schemas.figures import CATEGORIES

SAMPLE_ROWS = 5
MAX_CELL = 140
FILE = "index.html"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("newsfacts", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def _cell(value) -> str:
    if value is None:
        return ""
    text = " ".join(str(value).split())
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _downloads(descriptor: dict, table: str) -> list[dict]:
    labels = {table: "Parquet", f"{table}-csv": "CSV", f"{table}-hxl": "HXL CSV"}
    out = []
    for res in descriptor["resources"]:
        if res["name"] in labels:
            size = res.get("bytes", res.get("newsfacts:bytes"))
            out.append({"path": res["path"], "label": f"{labels[res['name']]} ({size:,} bytes)"})
    return out


def figure_counts(figures: pa.Table) -> list[tuple[str, int]]:
    """(category, number of figures), most first, in the model's order on ties."""
    counts: dict[str, int] = {}
    for category in figures.column("category").to_pylist():
        counts[category] = counts.get(category, 0) + 1
    order = list(CATEGORIES)
    return sorted(counts.items(), key=lambda kv: (-kv[1], order.index(kv[0]) if kv[0] in order else 99))


def places(locations: pa.Table) -> list[dict]:
    """One entry per place across documents, mentions summed."""
    merged: dict[str, dict] = {}
    for row in locations.to_pylist():
        place = merged.setdefault(
            row["location_id"],
            {k: row[k] for k in ("name", "kind", "country_code", "latitude", "longitude")} | {"mentions": 0},
        )
        place["mentions"] += row["mentions"] or 1
    return [merged[k] for k in sorted(merged)]


def render(descriptor: dict, tables: dict[str, pa.Table]) -> str:
    listed = []
    for name, model in schemas.TABLES.items():
        table = tables[name]
        columns = table.column_names
        listed.append(
            {
                "name": name,
                "title": model.__config__.title,
                "description": model.__config__.description,
                "rows": table.num_rows,
                "primary_key": (model.__config__.metadata or {}).get("primary_key") or [],
                "fields": dictionary.fields(name),
                "downloads": _downloads(descriptor, name),
                "sample_columns": columns,
                "sample": [
                    [_cell(row[c]) for c in columns] for row in table.slice(0, SAMPLE_ROWS).to_pylist()
                ],
            }
        )
    located = places(tables["locations"])
    return (
        _environment()
        .get_template("index.html.j2")
        .render(
            package=descriptor,
            tables=listed,
            chart=charts.bar_chart(figure_counts(tables["figures"])),
            map=charts.location_map(located),
            places=len(located),
            located=sum(1 for p in located if p["latitude"] is not None),
            software_version=__version__,
        )
    )
