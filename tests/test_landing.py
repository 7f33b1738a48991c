"""The landing page: escaped, self-contained, and rendered for real in headless Chromium (Debian's
`chromium`, driven by Playwright): no console error, the chart, the casualty timeline and the map
drawn, a screenshot."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from test_publish import MODEL
from test_schemas import GOOD, tables_from

import schemas
from newsfacts.publish import landing, publish
from newsfacts.serve import serve_in_thread

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
EVIL = '<script>alert("pwned")</script><img src=x onerror="alert(1)">'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A package whose article puts markup everywhere it can reach the page."""
    text = f"{EVIL} UN said 1,000 people fled Mosul."
    shift = len(EVIL) + 1
    doc = dict(GOOD["documents"], title=EVIL, text=text, n_chars=len(text), source_url="javascript:alert(1)")
    figure = dict(
        GOOD["figures"],
        start=8 + shift,
        end=13 + shift,
        sentence=text,
        counted=EVIL,
        figure_id=f"d1:fig:{8 + shift}",
    )
    actor = dict(GOOD["actors"], name=EVIL, start=shift, end=shift + 2, sentence=text)
    location = dict(GOOD["locations"], name="Mosul", start=26 + shift, end=31 + shift, sentence=text)
    quote = dict(
        GOOD["quotes"],
        start=8 + shift,
        end=31 + shift,
        sentence=text,
        speaker=EVIL,
        quote_id=f"d1:quote:{8 + shift}",
    )
    tables = tables_from(
        {
            "documents": [doc],
            "figures": [figure],
            "actors": [actor],
            "locations": [location],
            "quotes": [quote],
        }
    )
    dest = tmp_path_factory.mktemp("hostile")
    publish(tables, dest, MODEL)
    return dest


# Three articles on a siege, as the figures table holds them: (category, number, value, unit, place,
# `when`). Two articles report the same 40 killed in Mosul on 17 October.
PLACES = {
    "Mosul": ("geonames:99072", "city", "IQ", 36.335, 43.11889),
    "Aleppo": ("geonames:170063", "city", "SY", 36.20124, 37.16117),
    "Syria": ("geonames:163843", "country", "SY", 35.0, 38.0),
    EVIL: ("name:evil-village", "town", "IQ", 36.37, 42.45),
}
ARTICLES = {
    "a-mosul": (
        "2016-11-02",
        [
            ("killed", "40", 40.0, None, "Mosul", "2016-10-17"),
            ("killed", "25", 25.0, None, "Mosul", "2016-10-20"),
            ("displaced", "5,000", 5000.0, None, "Mosul", "2016-10"),
            ("injured", "12", 12.0, None, None, "2016-10-17"),
            ("killed", "300", 300.0, None, "Syria", "2016"),
            ("money", "$5 million", 5e6, "USD", "Mosul", "2016-10"),
        ],
    ),
    "b-mosul-aleppo": (
        "2016-11-07",
        [
            ("killed", "forty", 40.0, None, "Mosul", "2016-10-17"),
            ("killed", "8", 8.0, None, "Aleppo", "2016-11-05"),
            ("displaced", "80 per cent", 80.0, "percent", "Aleppo", "2016-11-05"),
            ("captive", "3", 3.0, None, EVIL, None),
        ],
    ),
    "c-aleppo": (
        "2017-01-03",
        [
            ("killed", "12", 12.0, None, "Aleppo", "2017-01-02"),
            ("affected", "1,000", 1000.0, None, None, None),
        ],
    ),
}


def _days(when):
    if when is None:
        return None, None
    if len(when) == 4:
        return dt.date(int(when), 1, 1), dt.date(int(when), 12, 31)
    if len(when) == 7:
        y, m = int(when[:4]), int(when[5:])
        return dt.date(y, m, 1), dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date.fromisoformat(when), dt.date.fromisoformat(when)


def siege_tables():
    """The articles' documents, figures and places, each row traced to its text."""
    rows = {"documents": [], "figures": [], "locations": [], "actors": [], "quotes": []}
    for doc_id, (published, figures) in ARTICLES.items():
        sentences = [
            f"{number} people were counted in {place or 'the region'} ({category})."
            for category, number, _, _, place, _ in figures
        ]
        text = " ".join(sentences)
        rows["documents"].append(
            dict(GOOD["documents"], doc_id=doc_id, path=f"{doc_id}.txt", title=doc_id, text=text)
            | {"n_chars": len(text), "published": published, "published_source": "sidecar"}
        )
        offset, named = 0, {}
        for sentence, (category, number, value, unit, place, when) in zip(sentences, figures, strict=True):
            start = offset
            if place is not None and place not in named:
                location_id, kind, country, lat, lon = PLACES[place]
                at = offset + sentence.index(place, len(number))
                named[place] = location_id
                rows["locations"].append(
                    dict(GOOD["locations"], doc_id=doc_id, location_id=location_id, name=place, kind=kind)
                    | {
                        "geonames_id": int(location_id.split(":")[1])
                        if location_id.startswith("geonames:")
                        else None
                    }
                    | {"country_code": country, "latitude": lat, "longitude": lon}
                    | {"start": at, "end": at + len(place), "sentence": sentence}
                )
            first, last = _days(when)
            rows["figures"].append(
                dict(GOOD["figures"], figure_id=f"{doc_id}:fig:{start}", doc_id=doc_id, text=number)
                | {"start": start, "end": start + len(number), "value": value, "unit": unit}
                | {"category": category, "claimant": None, "claimant_actor_id": None, "sentence": sentence}
                | {"location": place, "location_id": named.get(place) if place else None}
                | {"when": when, "when_text": when and "on a day", "when_start": first, "when_end": last}
            )
            offset += len(sentence) + 1
    return tables_from(rows)


@pytest.fixture(scope="module")
def siege(tmp_path_factory):
    dest = tmp_path_factory.mktemp("siege")
    publish(siege_tables(), dest, MODEL)
    return dest


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.hrefs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.hrefs += [v for k, v in attrs if k in ("href", "src")]


def landing_files(dest: Path) -> dict[str, Path]:
    return {name: dest / "output" / f"{name}.parquet" for name in schemas.TABLES}


def test_article_markup_is_escaped_and_the_page_loads_nothing(hostile):
    html = (hostile / "index.html").read_text()
    parser = Tags()
    parser.feed(html)
    assert "script" not in parser.tags and "img" not in parser.tags
    assert "<script" not in html and "&lt;script&gt;alert(" in html
    assert not any(h.startswith("javascript:") for h in parser.hrefs), "a source URL became a link"
    # no network: every link is relative (the package's files) or a plain https page to visit
    assert all(not re.match(r"^(//|data:)", h) for h in parser.hrefs)
    assert "default-src 'none'" in html


def test_page_lists_every_table_with_its_row_count_and_dictionary(hostile):
    html = (hostile / "index.html").read_text()
    for table, model in schemas.TABLES.items():
        rows = pq.read_table(hostile / "output" / f"{table}.parquet").num_rows
        assert f'data-rows="{table}">{rows}<' in html, table
        for column in model.to_schema().columns:
            assert f"<code>{column}</code>" in html, (table, column)
    descriptor = json.loads((hostile / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        assert f'href="{resource["path"]}"' in html, resource["path"]


def browse(url, screenshot: Path | None = None):
    """Open URL in headless Chromium; returns what the page did and showed."""
    from playwright.sync_api import sync_playwright

    seen = {"console": [], "errors": [], "dialogs": [], "requests": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, timeout=60_000)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.set_default_timeout(30_000)
            page.on("console", lambda m: seen["console"].append((m.type, m.text)))
            page.on("pageerror", lambda e: seen["errors"].append(str(e)))
            page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
            page.on("request", lambda r: seen["requests"].append(r.url))
            page.goto(url, wait_until="load")
            seen["bars"] = page.eval_on_selector_all(
                "#chart .bar",
                "els => els.map(e => [e.dataset.category, +e.dataset.count, "
                "e.querySelector('rect').getBoundingClientRect().width])",
            )
            seen["dots"] = page.eval_on_selector_all(
                "#map circle.place", "els => els.map(e => [e.dataset.name, e.getBoundingClientRect().width])"
            )
            seen["land"] = page.eval_on_selector_all("#map path.land", "els => els.length")
            seen["map_box"] = page.eval_on_selector(
                "#map", "e => [e.getBoundingClientRect().width, e.getBoundingClientRect().height]"
            )
            seen["bins"] = page.eval_on_selector_all(
                "#timeline rect.bin",
                "els => els.map(e => [e.dataset.period, e.dataset.category, +e.dataset.figures, "
                "+e.dataset.articles, e.dataset.largest, e.getBoundingClientRect().height])",
            )
            seen["lanes"] = page.eval_on_selector_all(
                "#timeline g.lane", "els => els.map(e => [e.dataset.category, +e.dataset.figures])"
            )
            seen["ticks"] = page.eval_on_selector_all(
                "#timeline text.tick", "els => els.map(e => e.textContent)"
            )
            seen["tolls"] = page.eval_on_selector_all(
                "#map circle.toll",
                "els => els.map(e => [e.dataset.name, +e.dataset.figures, +e.dataset.articles, "
                "e.classList.contains('country'), e.getBoundingClientRect().width])",
            )
            seen["notes"] = page.eval_on_selector_all(
                "p.note[id]", "els => Object.fromEntries(els.map(e => [e.id, [{...e.dataset}, e.innerText]]))"
            )
            seen["place_rows"] = page.eval_on_selector_all(
                "table.casualty-places tr", "els => els.map(r => [...r.cells].map(c => c.innerText))"
            )
            seen["scripts"] = page.evaluate("document.scripts.length")
            seen["text"] = page.inner_text("body")
            if screenshot:
                screenshot.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(screenshot), full_page=True)
        finally:
            browser.close()
    return seen


def test_hostile_page_in_chromium_shows_markup_as_text(hostile):
    server, url = serve_in_thread(hostile)
    try:
        seen = browse(url)
    finally:
        server.shutdown()
        server.server_close()
    assert seen["errors"] == [] and seen["dialogs"] == [] and seen["scripts"] == 0
    assert [c for c in seen["console"] if c[0] == "error"] == []
    assert EVIL in seen["text"]  # shown, as text
    assert all(r.startswith(url) for r in seen["requests"]), seen["requests"]


def test_committed_landing_page_renders_its_chart_and_map(artifact):
    """The committed package's page, as a user opens it from disk; the screenshot is kept."""
    page = REPO / landing.FILE
    assert page.is_file(), "no committed landing page: run `newsfacts run`"
    shot = artifact("landing.png")
    seen = browse(page.as_uri(), shot)
    assert seen["errors"] == [] and [c for c in seen["console"] if c[0] in ("error", "warning")] == []
    assert all(r.startswith("file://") for r in seen["requests"]), seen["requests"]
    figures = pq.read_table(REPO / "output" / "figures.parquet").column("category").to_pylist()
    assert {c: n for c, n, _ in seen["bars"]} == {c: figures.count(c) for c in set(figures)}
    assert all(width > 0 for _, _, width in seen["bars"])
    located = landing.places([pq.read_table(REPO / "output" / "locations.parquet")])
    drawn = {name for name, width in seen["dots"] if width > 0}
    assert drawn and drawn <= {p["name"] for p in located if p["kind"] != "country"}
    assert seen["land"] > 0 and seen["map_box"][0] > 300 and seen["map_box"][1] > 100
    assert shot.stat().st_size > 10_000
    print(f"\nscreenshot: {shot}")


def test_siege_page_in_chromium_plots_casualties_over_time_and_by_place(siege, artifact):
    """Three articles, two of which report the same 40 killed: the month's bar is 40, not 80."""
    seen = browse((siege / "index.html").as_uri(), artifact("landing-siege.png"))
    assert seen["errors"] == [] and [c for c in seen["console"] if c[0] in ("error", "warning")] == []
    bins = {
        (period, category): (figures, articles, largest)
        for period, category, figures, articles, largest, _ in seen["bins"]
    }
    assert bins == {
        ("2016-10", "killed"): (3, 2, "40"),
        ("2016-11", "killed"): (1, 1, "8"),
        ("2017-01", "killed"): (1, 1, "12"),
        ("2016-10", "injured"): (1, 1, "12"),
        ("2016-10", "displaced"): (1, 1, "5,000"),
    }
    heights = {(p, c): h for p, c, *_, h in seen["bins"]}
    assert (
        heights[("2016-10", "killed")] > heights[("2017-01", "killed")] > heights[("2016-11", "killed")] > 0
    )
    assert seen["lanes"] == [["killed", 5], ["injured", 1], ["displaced", 1]]
    assert seen["ticks"] == ["Oct 2016", "Nov 2016", "Dec 2016", "Jan 2017"]  # the empty month too
    # 10 figures count people ($5 million and '80 per cent' do not): 7 drawn, 2 without a time, a year
    data, text = seen["notes"]["timeline-note"]
    assert data == {
        "figures": "10",
        "shown": "7",
        "undated": "2",
        "coarse": "1",
        "outside": "0",
        "unitFigures": "1",
    }
    assert text.startswith("10 casualty or displacement figures count people; 7 are on the timeline.")
    data, text = seen["notes"]["places-note"]
    assert data == {"placed": "8", "unplaced": "2", "places": "4"}
    assert "8 of the 10 casualty or displacement figures have a place, in 4 places; 2 have none" in text
    # rings: Mosul and Aleppo are each reported by two articles, Syria's is dashed, the markup is a name
    tolls = {
        name: (figures, articles, country)
        for name, figures, articles, country, width in seen["tolls"]
        if width
    }
    assert tolls == {
        "Mosul": (4, 2, False),
        "Aleppo": (2, 2, False),
        "Syria": (1, 1, True),
        EVIL: (1, 1, False),
    }
    assert seen["place_rows"] == [
        ["place", "kind", "country", "articles", "figures", "killed", "displaced", "captive"],
        ["Mosul", "city", "IQ", "2", "4", "40", "5,000", ""],
        ["Aleppo", "city", "SY", "2", "2", "12", "", ""],
        [EVIL, "town", "IQ", "1", "1", "", "", "3"],
        ["Syria", "country", "SY", "1", "1", "300", "", ""],
    ]
    assert seen["scripts"] == 0 and seen["dialogs"] == []


def test_siege_timeline_is_what_duckdb_says_of_the_published_figures(siege):
    """The page's bars against the package queried as a user would: per month and category, the
    figures, the articles and the largest value (counts of people dated within one month)."""
    import duckdb

    figures = str(siege / "output" / "figures.parquet")
    expected = duckdb.sql(
        f"""SELECT strftime(when_start, '%Y-%m') AS month, category, count(*) AS figures,
                   count(DISTINCT doc_id) AS articles, max(value) AS largest
            FROM '{figures}'
            WHERE category IN {tuple(landing.casualties.PEOPLE)} AND unit IS NULL
              AND date_trunc('month', when_start) = date_trunc('month', when_end)
            GROUP BY ALL ORDER BY ALL"""
    ).fetchall()
    html = (siege / "index.html").read_text()
    drawn = re.findall(
        r'class="bin" data-category="(\w+)" data-period="([\d-]+)" data-figures="(\d+)" '
        r'data-articles="(\d+)" data-largest="([\d,.]*)"',
        html,
    )
    assert sorted((p, c, int(n), int(a), float(v.replace(",", ""))) for c, p, n, a, v in drawn) == expected
    assert landing.render(json.loads((siege / "datapackage.json").read_text()), landing_files(siege)) == html
