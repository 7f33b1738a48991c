"""Casualty and displacement figures for the landing page: per period and category (the
timeline) and per place (the map and the table of places).

Read a batch at a time from the figures table, a few columns; what is kept is one small tally
per (month, category), per (year, category) and per (place, category), never the rows nor a set
of documents per tally: the tables hold each document's rows together (``newsfacts.tables``), so a
tally counts an article when its rows start, and ``read`` refuses a table where they do not.

Many articles report the same event, each with its toll: a sum would count one event as often
as it is reported. So a tally keeps how many figures and how many articles report the category,
and the **largest value one figure reports** (a lower bound of the toll, never a total). Ranges
and vague amounts count their lower bound (``figures.value``). Figures with a unit (a percentage)
are not counts of people: they are counted apart and left out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from schemas.figure_categories import CATEGORIES

# The categories that count people harmed or displaced, in the model's order.
PEOPLE = tuple(
    c for c in CATEGORIES if c in {"killed", "injured", "missing", "displaced", "captive", "affected"}
)
COLUMNS = ["doc_id", "category", "value", "unit", "location_id", "location", "when_start", "when_end"]
MAX_PERIODS = 120  # bars on the timeline: ten years of months, or 120 years
KEEP = 0.95  # a window of months is used when it holds this share of the figures dated to a month


@dataclass
class Tally:
    """Figures of one category in one period or place: how many, in how many articles, the
    largest value one of them reports."""

    figures: int = 0
    articles: int = 0
    largest: float | None = None
    last: int = -1  # the article counted last (an article's rows come together)

    def add(self, document: int, value: float | None) -> None:
        self.figures += 1
        if document != self.last:
            self.articles += 1
            self.last = document
        if value is not None and (self.largest is None or value > self.largest):
            self.largest = value

    def cell(self) -> dict:
        return {"figures": self.figures, "articles": self.articles, "largest": self.largest}


@dataclass
class Casualties:
    """The tallies of one figures table (see ``read``)."""

    by_month: dict[tuple[int, str], Tally] = field(default_factory=dict)  # (year*12 + month-1, category)
    by_year: dict[tuple[int, str], Tally] = field(default_factory=dict)
    by_place: dict[str, dict[str, Tally]] = field(default_factory=dict)  # location_id -> category -> tally
    place_totals: dict[str, Tally] = field(default_factory=dict)  # location_id -> all its figures
    place_names: dict[str, str] = field(default_factory=dict)  # location_id -> figures.location
    figures: int = 0  # people figures that are counts (no unit)
    with_unit: int = 0  # people figures with a unit (percentages): left out
    undated: int = 0
    over_months: int = 0  # dated to a span across months (a year, 'since January')
    over_years: int = 0  # dated to a span across years
    unplaced: int = 0

    def add(
        self,
        document: int,
        category: str,
        value: float | None,
        unit: str | None,
        place: str | None,
        name: str | None,
        when: tuple[int, int, int, int] | None,  # first year, first month, last year, last month
    ) -> None:
        if unit is not None:
            self.with_unit += 1
            return
        self.figures += 1
        if when is None:
            self.undated += 1
        else:
            first_year, first_month, last_year, last_month = when
            if first_year == last_year:
                self.by_year.setdefault((first_year, category), Tally()).add(document, value)
                if first_month == last_month:
                    month = first_year * 12 + first_month - 1
                    self.by_month.setdefault((month, category), Tally()).add(document, value)
                else:
                    self.over_months += 1
            else:
                self.over_months += 1
                self.over_years += 1
        if place is None:
            self.unplaced += 1
            return
        self.by_place.setdefault(place, {}).setdefault(category, Tally()).add(document, value)
        self.place_totals.setdefault(place, Tally()).add(document, value)
        if name:
            self.place_names.setdefault(place, name)


def _whens(batch: pa.RecordBatch | pa.Table) -> list[tuple[int, int, int, int] | None]:
    """(first year, first month, last year, last month) of each row's `when`, or None."""
    start, end = batch.column("when_start"), batch.column("when_end")
    parts = [pc.year(start), pc.month(start), pc.year(end), pc.month(end)]
    return [None if None in t else t for t in zip(*(p.to_pylist() for p in parts), strict=True)]


def read(batches: Iterable[pa.RecordBatch | pa.Table]) -> Casualties:
    """The tallies of the people figures in BATCHES (with the columns ``COLUMNS``), whose rows
    come document by document; a ValueError names a document whose rows do not."""
    out = Casualties()
    seen: set[str] = set()  # the documents whose rows have ended
    current, document = None, -1
    wanted = pa.array(PEOPLE)
    for batch in batches:
        batch = batch.filter(pc.is_in(batch.column("category"), value_set=wanted))
        names = ["doc_id", "category", "value", "unit", "location_id", "location"]
        columns = [batch.column(name).to_pylist() for name in names]
        for doc_id, category, value, unit, place, name, when in zip(*columns, _whens(batch), strict=True):
            if doc_id != current:
                if doc_id in seen:
                    raise ValueError(
                        f"figures of document {doc_id!r} are not together: the table is not in document order"
                    )
                if current is not None:
                    seen.add(current)
                current, document = doc_id, document + 1
            out.add(document, category, value, unit, place, name, when)
    return out


@dataclass(frozen=True)
class Timeline:
    """What the timeline draws: ``unit`` ('month' or 'year'), every period from the first to the
    last (``'2016-10'`` or ``'2016'``), the categories that have a figure in them, a cell per
    (period, category) with figures, and what is not drawn."""

    unit: str
    periods: list[str]
    categories: list[str]
    cells: dict[tuple[str, str], dict]
    shown: int  # figures drawn
    coarse: int  # dated only to a longer span than the unit
    before: int  # dated finely enough, but before the first period shown
    after: int  # ... or after the last


def _window(counts: dict[int, int]) -> tuple[int, int]:
    """The first and last period with figures in the MAX_PERIODS-long window that holds the most
    figures (the latest such window on a tie): all of them when they fit."""
    keys = sorted(counts)
    if keys[-1] - keys[0] < MAX_PERIODS:
        return keys[0], keys[-1]
    best, window, total, j = -1, (keys[0], keys[0]), 0, 0
    for start in keys:  # the window starting at each period with figures
        while j < len(keys) and keys[j] < start + MAX_PERIODS:
            total += counts[keys[j]]
            j += 1
        if total >= best:
            best, window = total, (start, keys[j - 1])
        total -= counts[start]
    return window


def _in(tallies: dict[tuple[int, str], Tally]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for (period, _), tally in tallies.items():
        counts[period] = counts.get(period, 0) + tally.figures
    return counts


def month_key(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def timeline(c: Casualties) -> Timeline:
    """Months, unless a window of MAX_PERIODS months would leave out more than 1 - KEEP of the
    figures dated to a month: then years."""
    months, years = _in(c.by_month), _in(c.by_year)
    if not years:  # nothing dated to a year or less (every month is in a year)
        return Timeline("month", [], [], {}, 0, c.over_months, 0, 0)
    if months:
        first, last = _window(months)
        monthly = sum(n for m, n in months.items() if first <= m <= last) >= KEEP * sum(months.values())
    if months and monthly:
        unit, tallies, counts, coarse = "month", c.by_month, months, c.over_months
    else:
        unit, tallies, counts, coarse = "year", c.by_year, years, c.over_years
        first, last = _window(years)
    key = month_key if unit == "month" else (lambda y: f"{y:04d}")
    cells = {
        (key(period), category): tally.cell()
        for (period, category), tally in sorted(
            tallies.items(), key=lambda kv: (kv[0][0], PEOPLE.index(kv[0][1]))
        )
        if first <= period <= last
    }
    present = {category for _, category in cells}
    return Timeline(
        unit=unit,
        periods=[key(p) for p in range(first, last + 1)],
        categories=[c for c in PEOPLE if c in present],
        cells=cells,
        shown=sum(n for p, n in counts.items() if first <= p <= last),
        coarse=coarse,
        before=sum(n for p, n in counts.items() if p < first),
        after=sum(n for p, n in counts.items() if p > last),
    )


def with_places(c: Casualties, places: list[dict]) -> list[dict]:
    """PLACES (``landing.places``) with their casualty figures: ``figures``, ``articles`` and
    ``largest`` (category -> value); a place the figures name that the locations table lacks is
    added without coordinates."""
    by_id = {p["location_id"]: p for p in places}
    out = []
    for place in places:
        out.append(dict(place, figures=0, articles=0, largest={}))
    for location_id in sorted(set(c.by_place) - set(by_id)):
        name = c.place_names.get(location_id, location_id)
        out.append(
            {"location_id": location_id, "name": name, "kind": None, "country_code": None}
            | {"latitude": None, "longitude": None, "mentions": 0, "figures": 0, "articles": 0, "largest": {}}
        )
    for place in out:
        tallies = c.by_place.get(place["location_id"])
        if tallies:
            place["figures"] = sum(t.figures for t in tallies.values())
            place["articles"] = c.place_totals[place["location_id"]].articles
            place["largest"] = {k: tallies[k].largest for k in PEOPLE if k in tallies}
    return out


def top_places(places: list[dict], n: int = 15) -> list[dict]:
    """The places with casualty figures, most articles first, then most figures, then by name."""
    reported = [p for p in places if p.get("articles")]
    return sorted(reported, key=lambda p: (-p["articles"], -p["figures"], p["name"], p["location_id"]))[:n]


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _verb(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def timeline_note(c: Casualties, t: Timeline, label: Callable[[str], str]) -> str:
    """What the timeline leaves out, and why, in a sentence or two (LABEL names a period)."""
    if not c.figures:
        return "No figure counts people killed, injured, missing, displaced, held or affected."
    said = _plural(c.figures, "casualty or displacement figure")
    said += f" {_verb(c.figures, 'counts', 'count')} people;"
    said += f" {t.shown:,} {_verb(t.shown, 'is', 'are')} on the timeline."
    left = []
    if c.undated:
        left.append(f"{c.undated:,} {_verb(c.undated, 'gives', 'give')} no time")
    if t.coarse:
        left.append(
            f"{t.coarse:,} {_verb(t.coarse, 'is', 'are')} dated only to a span longer than a {t.unit} "
            + ("(a year, 'since January')" if t.unit == "month" else "('since 2014', 'in the 1990s')")
        )
    if t.before:
        left.append(f"{t.before:,} {_verb(t.before, 'is', 'are')} dated before {label(t.periods[0])}")
    if t.after:
        left.append(f"{t.after:,} {_verb(t.after, 'is', 'are')} dated after {label(t.periods[-1])}")
    if t.before or t.after:
        left[-1] += f" (the timeline shows the {len(t.periods)} {t.unit}s that hold the most figures)"
    if left:
        said += " Not on it: " + "; ".join(left) + "."
    if t.unit == "year" and t.periods:
        said += f" By year: the figures dated to a month spread over more than {MAX_PERIODS} months."
    if c.with_unit:
        unit = _plural(c.with_unit, "figure")
        said += f" Left out everywhere: {unit} of these categories with a unit (a percentage)."
    return said


def places_note(c: Casualties, places: int, listed: int, rings: int) -> str:
    """How many figures have a place, and what the map (RINGS places ringed at most) and the
    table of places (LISTED) leave out."""
    if not c.figures:
        return "No casualty or displacement figure."
    placed = c.figures - c.unplaced
    said = f"{placed:,} of the {_plural(c.figures, 'casualty or displacement figure')} have a place"
    said += f", in {_plural(places, 'place')}"
    if c.unplaced:
        said += f"; {c.unplaced:,} {_verb(c.unplaced, 'has', 'have')} none (the article does not say where)."
    else:
        said += "."
    said += " Per place and category: the largest number one figure reports (not a sum, as above)."
    if places > rings:
        said += f" The map rings the {rings} places with the most articles."
    if places > listed:
        said += f" The {listed} places with the most articles are listed;"
        said += f" {places - listed:,} more {_verb(places - listed, 'is', 'are')} in the figures table."
    return said
