"""Inline SVG for the landing page: a bar chart of figures by category and a map of the places.

Drawn here, in Python, so that the page needs no script, no library and no network. Every text
that can come from an article is escaped; coordinates are rounded so the output is deterministic.
The map's country outlines are the ones the countryinfo package ships (Natural Earth 1:110m).
"""

from __future__ import annotations

import math
from functools import lru_cache
from html import escape

WIDTH = 720


def _num(x: float) -> str:
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def bar_chart(counts: list[tuple[str, int]], label: str = "figures") -> str:
    """Horizontal bars, one per (category, count), largest first as given."""
    if not counts:
        return f'<p class="empty">No {escape(label)}.</p>'
    row, label_w, right = 26, 120, 60
    height = row * len(counts) + 10
    top = max(n for _, n in counts) or 1
    scale = (WIDTH - label_w - right) / top
    parts = [
        f'<svg id="chart" class="chart" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg" aria-label="{escape(label)} by category">'
    ]
    for i, (name, n) in enumerate(counts):
        y = 5 + i * row
        w = max(n * scale, 1)
        parts.append(
            f'<g class="bar" data-category="{escape(name)}" data-count="{n}">'
            f"<title>{escape(name)}: {n} {escape(label)}</title>"
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end">{escape(name)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{_num(w)}" height="{row - 8}"></rect>'
            f'<text class="count" x="{_num(label_w + w + 6)}" y="{y + 17}">{n}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


@lru_cache(maxsize=1)
def _countries() -> tuple[tuple[str, str, tuple[tuple[tuple[float, float], ...], ...]], ...]:
    """(name, ISO alpha-2 code, rings) for every country countryinfo has an outline for; rings of
    (lon, lat)."""
    from countryinfo import all_countries

    out = []
    for country in all_countries():
        try:
            features = (country.geo_json() or {}).get("features", [])
        except Exception:  # a country without an outline is simply not drawn
            continue
        rings = []
        for feature in features:
            geometry = feature.get("geometry") or {}
            polygons = geometry.get("coordinates") or []
            if geometry.get("type") == "Polygon":
                polygons = [polygons]
            for polygon in polygons:
                for ring in polygon:
                    rings.append(tuple((float(x), float(y)) for x, y in ring))
        if rings:
            try:
                code = (country.iso() or {}).get("alpha2") or ""
            except Exception:
                code = ""
            out.append((str(country.name()), code.upper(), tuple(rings)))
    return tuple(sorted(out))


class _Projection:
    """Equirectangular, scaled by cos(latitude) at the centre, fitted to the points with a margin."""

    def __init__(self, points: list[tuple[float, float]]):
        lons = [p[0] for p in points]
        lats = [p[1] for p in points]
        cx, cy = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
        self.k = math.cos(math.radians(max(min(cy, 80), -80)))
        half_w = max((max(lons) - min(lons)) * self.k * 0.6 + 2.5, 8.0)
        half_h = max((max(lats) - min(lats)) * 0.6 + 2.0, half_w * 0.55)
        half_w = max(half_w, half_h / 0.75)
        self.west, self.east = cx - half_w / self.k, cx + half_w / self.k
        self.south, self.north = cy - half_h, cy + half_h
        self.scale = WIDTH / (2 * half_w)
        self.cx, self.top = cx, cy + half_h
        self.height = round(2 * half_h * self.scale)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (WIDTH / 2 + (lon - self.cx) * self.k * self.scale, (self.top - lat) * self.scale)

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north

    def sees(self, ring) -> bool:
        lons = [p[0] for p in ring]
        lats = [p[1] for p in ring]
        return not (
            max(lons) < self.west or min(lons) > self.east or max(lats) < self.south or min(lats) > self.north
        )


def _country_paths(project: _Projection, named: set) -> list[str]:
    """The outline of every country in view, shaded if the article names it."""
    parts = []
    for name, code, rings in _countries():
        visible = [ring for ring in rings if project.sees(ring)]
        if not visible:
            continue
        d = []
        for ring in visible:
            pts: list[str] = []
            for lon, lat in ring:
                x, y = project(lon, lat)
                pt = f"{_num(x)},{_num(y)}"
                if not pts or pts[-1] != pt:
                    pts.append(pt)
            d.append("M" + "L".join(pts) + "Z")
        cls = "land named" if code in named else "land"
        parts.append(
            f'<path class="{cls}" data-country="{escape(code)}" d="{"".join(d)}">'
            f"<title>{escape(name)}</title></path>"
        )
    return parts


def _dots(project: _Projection, ordered: list[dict]) -> list[str]:
    parts = []
    for p in reversed(ordered):  # the most mentioned on top
        x, y = project(p["longitude"], p["latitude"])
        r = 3 + 1.5 * math.sqrt(p.get("mentions") or 1)
        parts.append(
            f'<circle class="place" data-name="{escape(p["name"])}" cx="{_num(x)}" cy="{_num(y)}" '
            f'r="{_num(r)}"><title>{escape(p["name"])} ({escape(str(p.get("kind") or ""))}, '
            f"{p.get('mentions') or 1} mention(s))</title></circle>"
        )
    return parts


def _disjoint(
    box: tuple[float, float, float, float], placed: list[tuple[float, float, float, float]]
) -> bool:
    return all(
        box[0] + box[2] < b[0] or b[0] + b[2] < box[0] or box[1] + box[3] < b[1] or b[1] + b[3] < box[1]
        for b in placed
    )


def _labels(project: _Projection, ordered: list[dict]) -> list[str]:
    """Names of the most mentioned places, each where no other label is."""
    parts = []
    placed: list[tuple[float, float, float, float]] = []
    for p in ordered:
        x, y = project(p["longitude"], p["latitude"])
        w, h = 7.0 * len(p["name"]), 13.0
        # right above, right below, left above, left below: the first spot no other label takes
        for lx, ly, anchor in (
            (x + 7, y - 6, "start"),
            (x + 7, y + 15, "start"),
            (x - 7, y - 6, "end"),
            (x - 7, y + 15, "end"),
        ):
            box = (lx if anchor == "start" else lx - w, ly - h, w, h)
            if _disjoint(box, placed):
                placed.append(box)
                parts.append(
                    f'<text class="label" x="{_num(lx)}" y="{_num(ly)}" text-anchor="{anchor}">'
                    f"{escape(p['name'])}</text>"
                )
                break
    return parts


def _map_note(places: list[dict], located: list[dict], shown: list[dict]) -> str:
    drawn = {id(p) for p in shown}
    countries = sorted(p["name"] for p in located if p.get("kind") == "country")
    elsewhere = sorted(p["name"] for p in places if p.get("kind") != "country" and id(p) not in drawn)
    notes = []
    if countries:
        notes.append("Countries named (shaded): " + ", ".join(escape(n) for n in countries) + ".")
    if elsewhere:
        notes.append(
            "Not on this map (no coordinates or far away): " + ", ".join(escape(n) for n in elsewhere) + "."
        )
    return '<p class="map-note">' + " ".join(notes) + "</p>" if notes else ""


def location_map(places: list[dict], labels: int = 8) -> str:
    """Places (dicts with name, kind, country_code, latitude, longitude, mentions) on a map: the
    countries named are shaded, the other places are dots sized by mentions.

    The view fits the places below country level (countries are areas, their centre says little);
    places outside it or without coordinates are listed under the map."""
    located = [p for p in places if p.get("latitude") is not None and p.get("longitude") is not None]
    if not located:
        return '<p class="empty">No located places.</p>'
    points = [p for p in located if p.get("kind") != "country"] or located
    project = _Projection([(p["longitude"], p["latitude"]) for p in points])
    named = {p.get("country_code") for p in located if p.get("kind") == "country" and p.get("country_code")}
    height = project.height
    shown = [
        p for p in located if p.get("kind") != "country" and project.contains(p["longitude"], p["latitude"])
    ]
    ordered = sorted(shown, key=lambda p: (-(p.get("mentions") or 1), p["name"]))
    parts = [
        f'<svg id="map" class="map" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg" aria-label="map of the places">',
        f'<rect class="sea" x="0" y="0" width="{WIDTH}" height="{height}"></rect>',
        *_country_paths(project, named),
        *_dots(project, ordered),
        *_labels(project, ordered[:labels]),
        "</svg>",
        _map_note(places, located, shown),
    ]
    return "".join(parts)
