"""The landing page's casualty figures, drawn without a script: what is tallied from the figures
table (the largest figure, never a sum; every figure left out counted), and the SVG drawn from it
(every text escaped, the same bytes for the same data)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pyarrow as pa
import pytest

from newsfacts.publish import casualties, charts
from schemas.figure_categories import CATEGORIES
from schemas.figures import FigureSchema

SVG = "{http://www.w3.org/2000/svg}"
EVIL = '<script>alert("x")</script>&amp;"\'<'


def figure(doc, category, value, when=None, place=None, name=None, unit=None):
    """A figures row with the columns the landing page reads; WHEN is (first day, last day)."""
    start, end = when or (None, None)
    return {
        "doc_id": doc,
        "category": category,
        "value": value,
        "unit": unit,
        "location_id": place,
        "location": name or place,
        "when_start": start,
        "when_end": end,
    }


def table(rows):
    fields = FigureSchema.to_schema().columns
    assert set(casualties.COLUMNS) <= set(fields)  # the columns read are the model's
    types = {"value": pa.float64(), "when_start": pa.date32(), "when_end": pa.date32()}
    return pa.table(
        {c: pa.array([r[c] for r in rows], type=types.get(c, pa.string())) for c in casualties.COLUMNS}
    )


def day(text):
    d = dt.date.fromisoformat(text)
    return (d, d)


def month(y, m):
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return (dt.date(y, m, 1), nxt - dt.timedelta(days=1))


def year(y):
    return (dt.date(y, 1, 1), dt.date(y, 12, 31))


def svg(text):
    """The SVG parsed as XML: well-formed only if every text in it is escaped."""
    return ET.fromstring(text)


def test_the_people_categories_are_the_models_in_its_order():
    assert set(casualties.PEOPLE) <= set(CATEGORIES)
    assert list(casualties.PEOPLE) == [c for c in CATEGORIES if c in casualties.PEOPLE]
    assert len(casualties.PEOPLE) == 6


# The same strike reported by three articles: 40 killed, 40 killed and 'at least 38'.
SAME_EVENT = [
    figure("a", "killed", 40.0, day("2016-10-17"), "geonames:99072", "Mosul"),
    figure("b", "killed", 40.0, day("2016-10-17"), "geonames:99072", "Mosul"),
    figure("c", "killed", 38.0, day("2016-10-18"), "geonames:99072", "Mosul"),
]


def test_a_toll_several_articles_report_is_its_largest_figure_not_their_sum():
    t = casualties.timeline(casualties.read([table(SAME_EVENT)]))
    assert t.unit == "month" and t.periods == ["2016-10"] and t.categories == ["killed"]
    assert t.cells == {("2016-10", "killed"): {"figures": 3, "articles": 3, "largest": 40.0}}


def test_articles_are_counted_once_and_batches_give_what_one_table_gives():
    rows = [figure("a", "killed", 12.0, day("2016-10-30"), "geonames:99072", "Mosul"), *SAME_EVENT]
    whole = casualties.read([table(rows)])
    in_batches = casualties.read(table(rows).to_batches(max_chunksize=1))
    assert casualties.timeline(whole) == casualties.timeline(in_batches)
    assert whole.by_place["geonames:99072"]["killed"].cell() == {"figures": 4, "articles": 3, "largest": 40.0}


def test_every_figure_left_out_is_counted_and_only_people_figures_are_read():
    rows = [
        figure("a", "killed", 5.0, day("2016-10-01"), "geonames:1"),
        figure("a", "injured", 9.0),  # no time, no place
        figure("a", "displaced", 2000.0, year(2016), "geonames:1"),  # a year: not on a monthly bar
        figure("a", "displaced", 80.0, day("2016-10-02"), "geonames:1", unit="percent"),
        figure("a", "money", 5e6, day("2016-10-01"), "geonames:1", unit="USD"),
        figure("a", "affected", None, day("2016-10-03")),  # 'scores' without a value: a stub
    ]
    c = casualties.read([table(rows)])
    t = casualties.timeline(c)
    assert (c.figures, c.with_unit, c.undated, c.unplaced) == (4, 1, 1, 2)
    assert (t.shown, t.coarse, t.before, t.after) == (2, 1, 0, 0)
    assert t.cells[("2016-10", "affected")] == {"figures": 1, "articles": 1, "largest": None}
    note = casualties.timeline_note(c, t, charts.period_label)
    assert note.startswith("4 casualty or displacement figures count people; 2 are on the timeline.")
    assert "1 gives no time" in note and "1 is dated only to a span longer than a month" in note
    assert "1 figure of these categories with a unit" in note


def test_figures_spanning_years_fill_every_month_between():
    rows = [
        figure("a", "killed", 3.0, month(2015, 11)),
        figure("a", "killed", 7.0, day("2017-02-09")),
        figure("a", "killed", 50.0, (dt.date(2016, 12, 30), dt.date(2017, 1, 2))),  # two months
    ]
    t = casualties.timeline(casualties.read([table(rows)]))
    assert t.unit == "month" and len(t.periods) == 16
    assert (t.periods[0], t.periods[2], t.periods[-1]) == ("2015-11", "2016-01", "2017-02")
    assert t.coarse == 1 and t.shown == 2
    drawn = svg(charts.timeline(t.periods, t.categories, t.cells))
    bins = drawn.findall(f".//{SVG}rect[@class='bin']")
    assert [(b.get("data-period"), b.get("data-largest")) for b in bins] == [
        ("2015-11", "3"),
        ("2017-02", "7"),
    ]
    ticks = [e.text for e in drawn.findall(f".//{SVG}text[@class='tick']")]
    assert ticks == [
        "Nov 2015",
        "Jan 2016",
        "Mar 2016",
        "May 2016",
        "Jul 2016",
        "Sep 2016",
        "Nov 2016",
        "Jan 2017",
    ]
    longer = [figure("a", "killed", 3.0, month(2012, 11)), figure("a", "killed", 7.0, day("2017-02-09"))]
    t = casualties.timeline(casualties.read([table(longer)]))
    drawn = svg(charts.timeline(t.periods, t.categories, t.cells))
    assert [e.text for e in drawn.findall(f".//{SVG}text[@class='tick']")] == [
        "2013",
        "2014",
        "2015",
        "2016",
        "2017",
    ]


def test_a_decade_of_months_then_a_historical_figure_keeps_the_months_and_counts_it():
    rows = [figure("a", "killed", float(i + 1), month(2007 + i // 12, i % 12 + 1)) for i in range(120)]
    rows.append(figure("b", "killed", 1e6, day("1945-08-06")))
    t = casualties.timeline(casualties.read([table(rows)]))
    assert t.unit == "month" and len(t.periods) == 120 and t.periods[0] == "2007-01"
    assert (t.shown, t.before, t.after) == (120, 1, 0)


def test_figures_spread_over_decades_go_by_year():
    rows = [figure("a", "displaced", 1000.0 * y, day(f"{y}-06-01")) for y in range(1990, 2017, 2)]
    rows.append(figure("a", "displaced", 10.0, year(2000)))  # a year: on the yearly bar
    t = casualties.timeline(casualties.read([table(rows)]))
    assert t.unit == "year" and t.periods[0] == "1990" and t.periods[-1] == "2016" and len(t.periods) == 27
    assert t.shown == len(rows) and t.coarse == 0
    assert casualties.timeline_note(casualties.read([table(rows)]), t, charts.period_label).endswith(
        "By year: the figures dated to a month spread over more than 120 months."
    )
    assert t.cells[("2000", "displaced")] == {"figures": 2, "articles": 1, "largest": 2_000_000.0}
    ticks = [e.text for e in svg(charts.timeline(t.periods, t.categories, t.cells)).iter(f"{SVG}text")]
    assert "1990" in ticks and "2016" in ticks


def test_one_month_is_one_bar_labelled_with_its_month():
    cells = {("2016-10", "killed"): {"figures": 2, "articles": 1, "largest": 1792.0}}
    drawn = svg(charts.timeline(["2016-10"], ["killed"], cells))
    [bar] = drawn.findall(f".//{SVG}rect[@class='bin']")
    assert float(bar.get("width")) <= 48 and float(bar.get("height")) == 32
    assert bar.find(f"{SVG}title").text == "Oct 2016, killed: largest 1,792 (2 figures in 1 article(s))"
    texts = [e.text for e in drawn.iter(f"{SVG}text")]
    assert "Oct 2016" in texts and "1,792" in texts and "2 figures" in texts


def test_empty_data_says_so():
    assert charts.timeline([], [], {}) == '<p class="empty">No dated figures.</p>'
    c = casualties.read([table([])])
    t = casualties.timeline(c)
    assert (t.periods, t.cells, t.shown) == ([], {}, 0)
    assert casualties.timeline_note(c, t, charts.period_label).startswith("No figure counts people")
    assert casualties.places_note(c, 0, 0, 100) == "No casualty or displacement figure."
    only_years = casualties.read(
        [table([figure("a", "killed", 3.0, (dt.date(2014, 1, 1), dt.date(2016, 6, 30)))])]
    )
    assert casualties.timeline(only_years).coarse == 1


def test_hostile_categories_and_periods_are_escaped():
    cells = {(EVIL, EVIL): {"figures": 1, "articles": 1, "largest": 5.0}}
    out = charts.timeline([EVIL], [EVIL], cells, label=EVIL)
    drawn = svg(out)  # parses: nothing broke out of its attribute or element
    assert "<script" not in out
    lane = drawn.find(f"{SVG}g[@class='lane']")
    assert lane.get("data-category") == EVIL
    assert drawn.find(f".//{SVG}rect").get("data-period") == EVIL


def test_hostile_place_names_are_escaped_on_the_map_and_its_rings():
    places = [
        {
            "location_id": "name:evil",
            "name": EVIL,
            "kind": "town",
            "country_code": "IQ",
            "latitude": 36.3,
            "longitude": 43.1,
            "mentions": 2,
            "figures": 3,
            "articles": 2,
            "largest": {"killed": 40.0, EVIL: 2.0},
        },
        {"location_id": "geonames:1", "name": "Erbil", "kind": "city", "country_code": "IQ"}
        | {"latitude": 36.19, "longitude": 44.01, "mentions": 1, "figures": 0, "articles": 0, "largest": {}},
    ]
    out = charts.location_map(places)
    svg_part = out[: out.index("</svg>") + len("</svg>")]
    drawn = svg(svg_part)
    [ring] = drawn.findall(f".//{SVG}circle[@class='toll']")
    assert (
        ring.get("data-name") == EVIL and ring.get("data-articles") == "2" and ring.get("data-figures") == "3"
    )
    assert float(ring.get("r")) == pytest.approx(5 + 3 * 2**0.5, abs=0.05)
    assert ring.find(
        f"{SVG}title"
    ).text == f"{EVIL}: 3 casualty and displacement figure(s) in 2 article(s); " + (
        f"largest: killed 40; {EVIL} 2"
    )
    assert [c.get("data-name") for c in drawn.findall(f".//{SVG}circle[@class='place']")] == ["Erbil", EVIL]
    labels = [e.text for e in drawn.findall(f".//{SVG}text[@class='label']")]
    assert labels[0] == EVIL  # the place with figures is labelled first
    assert "<script" not in out


def test_a_country_with_figures_gets_a_dashed_ring_at_its_centre():
    places = [
        {"location_id": "geonames:163843", "name": "Syria", "kind": "country", "country_code": "SY"}
        | {"latitude": 35.0, "longitude": 38.0, "mentions": 3, "figures": 1, "articles": 1, "largest": {}},
        {"location_id": "geonames:170063", "name": "Aleppo", "kind": "city", "country_code": "SY"}
        | {"latitude": 36.2, "longitude": 37.16, "mentions": 1, "figures": 0, "articles": 0, "largest": {}},
    ]
    drawn = svg(charts.location_map(places).split("</svg>")[0] + "</svg>")
    assert [c.get("data-name") for c in drawn.findall(f".//{SVG}circle[@class='toll country']")] == ["Syria"]
    assert [c.get("data-name") for c in drawn.findall(f".//{SVG}circle[@class='place']")] == ["Aleppo"]


def test_the_same_data_draws_the_same_bytes():
    rows = [*SAME_EVENT, figure("d", "displaced", 1.5e6, month(2016, 11), "geonames:1", "Erbil")]
    first = casualties.timeline(casualties.read([table(rows)]))
    again = casualties.timeline(casualties.read([table(list(reversed(rows)))]))
    assert charts.timeline(first.periods, first.categories, first.cells) == charts.timeline(
        again.periods, again.categories, again.cells
    )


def test_top_places_are_the_most_reported_and_places_the_figures_name_are_kept():
    c = casualties.read(
        [
            table(
                [
                    figure("a", "injured", 7.0, None, "geonames:2", "Tal Afar"),
                    *SAME_EVENT,
                    figure("d", "missing", 4.0, None, "name:nowhere", "Nowhere"),
                ]
            )
        ]
    )
    located = [
        {"location_id": "geonames:99072", "name": "Mosul", "kind": "city", "country_code": "IQ"}
        | {"latitude": 36.3, "longitude": 43.1, "mentions": 4},
        {"location_id": "geonames:2", "name": "Tal Afar", "kind": "city", "country_code": "IQ"}
        | {"latitude": 36.4, "longitude": 42.4, "mentions": 1},
    ]
    places = casualties.with_places(c, located)
    top = casualties.top_places(places)
    assert [(p["name"], p["articles"], p["figures"], p["largest"]) for p in top] == [
        ("Mosul", 3, 3, {"killed": 40.0}),
        ("Nowhere", 1, 1, {"missing": 4.0}),
        ("Tal Afar", 1, 1, {"injured": 7.0}),
    ]
    assert next(p for p in places if p["name"] == "Nowhere")["latitude"] is None
    assert casualties.places_note(c, 3, 2, 2).endswith(
        "The map rings the 2 places with the most articles. The 2 places with the most articles are listed; "
        "1 more is in the figures table."
    )


@pytest.mark.parametrize(
    "value, text", [(1792.0, "1,792"), (2.5, "2.5"), (None, ""), (1_500_000.0, "1,500,000")]
)
def test_amounts_are_written_as_a_reader_writes_them(value, text):
    assert charts.amount(value) == text


def test_a_table_whose_documents_are_not_together_is_refused():
    rows = [SAME_EVENT[0], SAME_EVENT[1], dict(SAME_EVENT[2], doc_id="a")]
    with pytest.raises(ValueError, match="figures of document 'a' are not together"):
        casualties.read([table(rows)])


def test_the_map_rings_only_the_places_most_reported():
    places = [
        {"location_id": f"geonames:{i}", "name": name, "kind": "city", "country_code": "IQ"}
        | {"latitude": 36.0 + i / 10, "longitude": 43.0, "mentions": 1, "figures": n, "articles": n}
        | {"largest": {"killed": 1.0}}
        for i, (name, n) in enumerate([("Mosul", 3), ("Erbil", 1), ("Kirkuk", 2)])
    ]
    drawn = svg(charts.location_map(places, rings=2).split("</svg>")[0] + "</svg>")
    rings = drawn.findall(f".//{SVG}circle[@class='toll']")
    assert [r.get("data-name") for r in rings] == ["Mosul", "Kirkuk"]  # the larger drawn first, below
