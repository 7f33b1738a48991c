"""Every input format through `newsfacts run`, end to end: a folder of a crawl, a feed, a JSON
export and a web page gives one valid package whose rejects name the record; `--seeds` takes a
single file; `--languages` and `--json-field` reach the ingest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_ingest_feed import RSS
from test_ingest_html import page
from test_ingest_json import lines, news_please
from test_ingest_warc import article, crawl, record, response

from newsfacts import query
from newsfacts.validate import validate_package

NEWSFACTS = Path(sys.executable).parent / "newsfacts"
pytestmark = pytest.mark.flow

FRENCH = [
    "De fortes pluies de mousson ont déplacé plus de 20 000 personnes dans la région de Sylhet, "
    "au Bangladesh, ont indiqué mardi les autorités, alors que les rivières débordaient.",
    "Au moins douze personnes ont été tuées et environ trois cents blessées, selon le Croissant-Rouge, "
    "dont les volontaires n'ont atteint que la moitié des districts inondés.",
]


def run(prefect_api, *args):
    env = {**os.environ, "PREFECT_API_URL": prefect_api}
    return subprocess.run(
        [str(NEWSFACTS), "run", *args], env=env, capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def mixed_seeds(tmp_path_factory):
    seeds = tmp_path_factory.mktemp("mixed")
    (seeds / "crawl.warc.gz").write_bytes(
        crawl(
            record("warcinfo", b"software: test\r\n"),
            response("https://news.example.org/news/1", article(1)),
            response("https://news.example.org/fr", page(FRENCH, lang="fr").encode()),
            response("https://news.example.org/news/2", article(2)),
        )
    )
    (seeds / "asia.rss").write_text(RSS)
    (seeds / "export.jsonl").write_text(lines(news_please(7), "[1]", news_please(8, maintext=12)))
    (seeds / "saved.html").write_bytes(article(9))
    return seeds


@pytest.fixture(scope="module")
def mixed_run(prefect_api, mixed_seeds, tmp_path_factory):
    dest = tmp_path_factory.mktemp("mixed-dest")
    return dest, run(prefect_api, "--seeds", str(mixed_seeds), "--dest", str(dest))


def test_a_folder_of_every_format_gives_one_valid_package(mixed_run):
    dest, result = mixed_run
    assert result.returncode == 0, result.stderr[-3000:]
    _, documents = query.run("SELECT path, record, format FROM documents ORDER BY doc_id", dest)
    assert documents == [
        ("asia.rss", "https://news.example.org/asia/floods-sylhet", "feed"),
        ("crawl.warc.gz", "https://news.example.org/news/1", "warc"),
        ("crawl.warc.gz", "https://news.example.org/news/2", "warc"),
        ("export.jsonl", "https://news.example.org/asia/floods-7", "jsonl"),
        ("saved.html", None, "html"),
    ]
    _, rejects = query.run("SELECT path, record, reason FROM rejects ORDER BY path, record", dest)
    assert [(p, r) for p, r, _ in rejects] == [
        ("asia.rss", "https://news.example.org/business/markets"),
        ("crawl.warc.gz", "https://news.example.org/fr"),
        ("export.jsonl", "line 2"),
        ("export.jsonl", "line 3"),
    ]
    assert "rejected: crawl.warc.gz [https://news.example.org/fr]: not in English (en)" in result.stderr
    assert "note: crawl.warc.gz [https://news.example.org/news/2]: 4 WARC record(s)" in result.stderr
    assert validate_package(dest) == []
    check = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", str(dest / "datapackage.json")],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout[-3000:]


def test_one_file_as_seeds_and_the_options_reach_ingest(prefect_api, mixed_seeds, tmp_path):
    result = run(
        prefect_api,
        "--seeds",
        str(mixed_seeds / "crawl.warc.gz"),
        "--dest",
        str(tmp_path),
        "--languages",
        "en,fr",
    )
    assert result.returncode == 0, result.stderr[-3000:]
    _, rows = query.run("SELECT record, language FROM documents ORDER BY record", tmp_path)
    assert rows == [
        ("https://news.example.org/fr", "fr"),
        ("https://news.example.org/news/1", "en"),
        ("https://news.example.org/news/2", "en"),
    ]
    export = tmp_path / "scrape.jsonl"
    export.write_text(lines({"body": news_please(1)["maintext"], "headline": "Floods"}))
    dest = tmp_path / "pkg"
    result = run(prefect_api, "--seeds", str(export), "--dest", str(dest), "--json-field", "title=headline")
    assert result.returncode == 0, result.stderr[-3000:]
    _, rows = query.run("SELECT doc_id, title FROM documents", dest)
    assert rows == [("scrape/line-1", "Floods")]


def test_bad_options_are_a_clear_error(prefect_api, mixed_seeds, tmp_path):
    result = run(prefect_api, "--seeds", str(mixed_seeds), "--dest", str(tmp_path), "--json-field", "body")
    assert result.returncode == 2 and "expected COLUMN=FIELD" in result.stderr
    result = run(prefect_api, "--seeds", str(tmp_path / "missing.warc"), "--dest", str(tmp_path))
    assert result.returncode == 2 and "seeds not found (a folder or one file)" in result.stderr
    assert not (tmp_path / "datapackage.json").exists()
