"""Inline SVG for the landing page: a bar chart of figures by category, a timeline of casualty and
displacement figures by category, and a map of the places.

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


def amount(x: float | None) -> str:
    """A reported value as a reader writes it: 1792.0 -> '1,792', 2.5 -> '2.5'; None -> ''."""
    if x is None:
        return ""
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"


def _short(x: float) -> str:
    """A bar's label where space is short: 1792 -> '1,792', 25000 -> '25k', 1500000 -> '1.5M'."""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e4, "k")):
        if x >= size:
            text = f"{x / size:.1f}"
            return (text[:-2] if text.endswith(".0") else text) + suffix
    return amount(x)


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def period_label(period: str) -> str:
    """'2016-10' -> 'Oct 2016', '2016' -> '2016' (the same on every machine: no locale)."""
    if len(period) == 7 and period[4] == "-" and period[5:].isdigit() and 1 <= int(period[5:]) <= 12:
        return f"{MONTHS[int(period[5:]) - 1]} {period[:4]}"
    return period


def _ticks(periods: list[str], step: float) -> list[tuple[int, str]]:
    """(index, label) of the periods labelled under the axis, never two closer than a label's
    width: a span of up to three years of months every k-th month ('Oct 2016'), a longer one
    each January ('2016'), years every k-th year."""
    monthly = all(len(p) == 7 for p in periods)
    if monthly and len(periods) <= 36:
        k = max(math.ceil(64 / step), 1)
        return [(i, period_label(p)) for i, p in enumerate(periods) if i % k == 0]
    if monthly:
        k = max(math.ceil(36 / (12 * step)), 1)  # years between two labels
        januaries = [(i, p[:4]) for i, p in enumerate(periods) if p.endswith("-01")]
        return [t for t in januaries if _year(t[1], t[0] // 12) % k == 0]
    k = max(math.ceil(36 / step), 1)
    return [(i, p) for i, p in enumerate(periods) if _year(p, i) % k == 0]


def _year(period: str, otherwise: int) -> int:
    return int(period[:4]) if period[:4].isdigit() else otherwise


def timeline(
    periods: list[str], categories: list[str], cells: dict[tuple[str, str], dict], label: str = "figures"
) -> str:
    """One lane per category, one bar per period (``'2016-10'`` or ``'2016'``, every period from
    the first to the last): a cell ``{figures, articles, largest}`` per (period, category) that has
    figures. A bar's height is the largest value one figure reports, on the lane's own scale (the
    categories' sizes differ by orders: 40 killed, 1.5 million displaced); a period with figures
    but no value gets a stub."""
    if not periods or not categories:
        return f'<p class="empty">No dated {escape(label)}.</p>'
    label_w, right, lane, bar_h, axis = 130, 12, 50, 32, 24
    plot_w = WIDTH - label_w - right
    step = plot_w / len(periods)
    bar_w = min(max(step * 0.8, 1.0), 48.0)
    height = lane * len(categories) + axis + 4
    numbers = step >= 34  # room to write each bar's value above it
    parts = [
        f'<svg id="timeline" class="timeline" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg" '
        f'aria-label="{escape(label)} over time, by category">'
    ]
    for row, category in enumerate(categories):
        top = 4 + row * lane
        base = top + lane - 8
        lane_cells = [(i, cells[(p, category)]) for i, p in enumerate(periods) if (p, category) in cells]
        peak = max((c["largest"] or 0 for _, c in lane_cells), default=0) or 1
        total = sum(c["figures"] for _, c in lane_cells)
        parts.append(
            f'<g class="lane" data-category="{escape(category)}" data-figures="{total}">'
            f'<text class="name" x="{label_w - 10}" y="{top + 20}" text-anchor="end">'
            f"{escape(category)}</text>"
            f'<text class="scale" x="{label_w - 10}" y="{top + 35}" text-anchor="end">'
            f"{total} {escape(label if total != 1 else label.removesuffix('s'))}</text>"
            f'<line class="base" x1="{label_w}" y1="{base}" x2="{WIDTH - right}" y2="{base}"></line>'
        )
        for i, c in lane_cells:
            largest = c["largest"]
            h = max(bar_h * largest / peak, 2.0) if largest else 2.0
            x = label_w + i * step + (step - bar_w) / 2
            period = periods[i]
            said = f"largest {amount(largest)}" if largest is not None else "no value"
            parts.append(
                f'<rect class="bin" data-category="{escape(category)}" data-period="{escape(period)}" '
                f'data-figures="{c["figures"]}" data-articles="{c["articles"]}" '
                f'data-largest="{amount(largest)}" x="{_num(x)}" y="{_num(base - h)}" width="{_num(bar_w)}" '
                f'height="{_num(h)}"><title>{escape(period_label(period))}, {escape(category)}: {said} '
                f"({c['figures']} {escape(label)} in {c['articles']} article(s))</title></rect>"
            )
            if numbers and largest is not None:
                parts.append(
                    f'<text class="value" x="{_num(x + bar_w / 2)}" y="{_num(base - h - 3)}" '
                    f'text-anchor="middle">{_short(largest)}</text>'
                )
        parts.append("</g>")
    axis_y = 4 + lane * len(categories)
    parts.append('<g class="axis">')
    for i, text in _ticks(periods, step):
        x = label_w + i * step + step / 2
        parts.append(
            f'<text class="tick" data-period="{escape(periods[i])}" x="{_num(x)}" y="{axis_y + 14}" '
            f'text-anchor="middle">{escape(text)}</text>'
        )
    parts.append("</g></svg>")
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


def _tolls(project: _Projection, reported: list[dict]) -> list[str]:
    """A ring per place with casualty or displacement figures, its size by the articles that
    report them there; dashed for a country (drawn at its centre: the figure is somewhere in it)."""
    parts = []
    for p in sorted(reported, key=lambda p: (-p["articles"], p["name"])):  # the most reported below
        x, y = project(p["longitude"], p["latitude"])
        r = 5 + 3 * math.sqrt(p["articles"])
        cls = "toll country" if p.get("kind") == "country" else "toll"
        largest = "; ".join(f"{k} {amount(v)}" for k, v in (p.get("largest") or {}).items() if v is not None)
        parts.append(
            f'<circle class="{cls}" data-name="{escape(p["name"])}" data-figures="{p["figures"]}" '
            f'data-articles="{p["articles"]}" cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}">'
            f"<title>{escape(p['name'])}: {p['figures']} casualty and displacement figure(s) in "
            f"{p['articles']} article(s){escape('; largest: ' + largest) if largest else ''}</title></circle>"
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


RINGS = 100  # places with casualty figures ringed on the map, the most reported first


def location_map(places: list[dict], labels: int = 8, rings: int = RINGS) -> str:
    """Places (dicts with name, kind, country_code, latitude, longitude, mentions) on a map: the
    countries named are shaded, the other places are dots sized by mentions. A place that has
    casualty or displacement figures (``articles`` > 0, with ``figures`` and ``largest``, see
    ``casualties.with_places``) also gets a ring sized by the articles reporting them (the RINGS
    places most reported), and its name is labelled first.

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
    reported = [p for p in located if p.get("articles") and project.contains(p["longitude"], p["latitude"])]
    reported = sorted(reported, key=lambda p: (-p["articles"], -p["figures"], p["name"]))[:rings]
    labelled = sorted(ordered, key=lambda p: -(p.get("articles") or 0))  # stable: then by mentions
    parts = [
        f'<svg id="map" class="map" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg" aria-label="map of the places">',
        f'<rect class="sea" x="0" y="0" width="{WIDTH}" height="{height}"></rect>',
        *_country_paths(project, named),
        *_dots(project, ordered),
        *_tolls(project, reported),
        *_labels(project, labelled[:labels]),
        "</svg>",
        _map_note(places, located, shown),
    ]
    return "".join(parts)
