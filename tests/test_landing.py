"""The landing page: escaped, self-contained, and rendered for real in headless Chromium (Debian's
`chromium`, driven by Playwright): no console error, the chart and the map drawn, a screenshot."""

from __future__ import annotations

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


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.hrefs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.hrefs += [v for k, v in attrs if k in ("href", "src")]


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
