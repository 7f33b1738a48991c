"""JSON exports: one article per line (JSON Lines) or a list; the fields scrapers write map to the
documents columns, other fields can be named; a bad line is that line's reject."""

from __future__ import annotations

import gzip
import json

import pytest
from test_ingest_html import PARAGRAPHS

from newsfacts import ingest

TEXT = "\n\n".join(PARAGRAPHS)


def news_please(n: int, **changes) -> dict:
    """An object as news-please writes it."""
    article = {
        "authors": ["Anika Rahman", "Tom Wells"],
        "date_download": "2022-06-22 09:00:00",
        "date_publish": f"2022-06-{20 + n} 08:30:00",
        "description": "Heavy rains displaced 20,000 people.",
        "language": "en",
        "maintext": f"Story {n}. {TEXT}",
        "source_domain": "news.example.org",
        "title": f"Floods, day {n}",
        "url": f"https://news.example.org/asia/floods-{n}",
    }
    article.update(changes)
    return article


def lines(*objects) -> str:
    return "".join((o if isinstance(o, str) else json.dumps(o)) + "\n" for o in objects)


def test_a_news_please_export_maps_to_the_documents_columns(tmp_path):
    (tmp_path / "export.jsonl").write_text(lines(news_please(1), news_please(2)))
    documents, rejects = ingest.scan(tmp_path)
    assert rejects == []
    first = documents[0]
    assert (first.doc_id, first.path, first.record, first.format) == (
        "export/news-example-org-asia-floods-1",
        "export.jsonl",
        "https://news.example.org/asia/floods-1",
        "jsonl",
    )
    assert (first.title, first.published, first.author, first.source_url, first.language) == (
        "Floods, day 1",
        "2022-06-21",
        "Anika Rahman; Tom Wells",
        "https://news.example.org/asia/floods-1",
        "en",
    )
    assert first.text == f"Story 1. {TEXT}" and first.published_source == "json"
    import hashlib

    line = (json.dumps(news_please(1)) + "\n").encode()
    assert first.sha256 == hashlib.sha256(line).hexdigest()  # the line's own bytes


def test_bad_lines_are_rejected_by_line_and_the_others_published(tmp_path):
    (tmp_path / "export.jsonl").write_text(
        lines(
            news_please(1),
            "[1, 2, 3]",
            '{"title": "broken", "text": ',
            {"title": "no text here", "url": "https://news.example.org/x"},
            news_please(3, maintext={"html": "<p>x</p>"}),
            news_please(4, title={"a": 1}),
            news_please(5, date_publish="2022-13-45"),
            '{"text": NaN}',
            "",
            '"just a string"',
            news_please(6),
        )
    )
    documents, rejects = ingest.scan(tmp_path)
    assert [d.record for d in documents] == [
        "https://news.example.org/asia/floods-1",
        "https://news.example.org/asia/floods-6",
    ]
    found = {r.record: r.reason for r in rejects}
    assert found == {
        "line 2": "line 2 is not a JSON object (it is a list)",
        "line 3": found["line 3"],
        "line 4": "line 4 has no text (none of the fields text, maintext, content, body)",
        "line 5": "line 5 has maintext of type dict; expected a string",
        "line 6": "line 6 has title of type dict; expected a string",
        "line 7": "line 7 has date_publish='2022-13-45'; expected an ISO 8601 date (YYYY-MM-DD[THH:MM...])",
        "line 8": found["line 8"],
        "line 10": "line 10 is not a JSON object (it is a str)",
    }
    assert found["line 3"].startswith("line 3 is not valid JSON")
    assert found["line 8"].startswith("line 8 is not valid JSON (NaN is not a JSON value")
    assert all(r.path == "export.jsonl" for r in rejects)


def test_other_field_names_can_be_given(tmp_path):
    (tmp_path / "scrape.ndjson").write_text(
        lines(
            {
                "headline": "Floods",
                "body_text": TEXT,
                "meta": {"when": "2022-06-21", "link": "https://x.example/1"},
            }
        )
    )
    _, rejects = ingest.scan(tmp_path)
    assert rejects[0].reason == "line 1 has no text (none of the fields text, maintext, content, body)"
    options = ingest.Options.make(
        json_fields={"text": "body_text", "published": "meta.when", "source_url": "meta.link"}
    )
    [doc], rejects = ingest.scan(tmp_path, options)
    assert rejects == []
    assert (doc.title, doc.published, doc.source_url, doc.record) == (
        "Floods",
        "2022-06-21",
        "https://x.example/1",
        "https://x.example/1",
    )
    with pytest.raises(ValueError, match="unknown column 'body'"):
        ingest.Options.make(json_fields={"body": "text"})


def test_a_json_list_and_an_object_holding_one(tmp_path):
    (tmp_path / "list.json").write_text(json.dumps([news_please(1), {"text": TEXT}]))
    (tmp_path / "wrapped.json").write_text(json.dumps({"articles": [news_please(2)], "count": 1}))
    documents, rejects = ingest.scan(tmp_path)
    assert rejects == []
    assert [(d.path, d.record, d.format) for d in documents] == [
        ("list.json", "https://news.example.org/asia/floods-1", "json"),
        ("list.json", "item 2", "json"),
        ("wrapped.json", "https://news.example.org/asia/floods-2", "json"),
    ]
    assert documents[1].doc_id == "list/item-2"


def test_a_gzipped_export_and_a_truncated_one(tmp_path):
    data = lines(news_please(1), news_please(2)).encode()
    (tmp_path / "good.jsonl.gz").write_bytes(gzip.compress(data))
    (tmp_path / "cut.jsonl.gz").write_bytes(gzip.compress(data.replace(b"floods-", b"flood-"))[:-40])
    documents, rejects = ingest.scan(tmp_path)
    assert [d.path for d in documents if d.path == "good.jsonl.gz"] == ["good.jsonl.gz"] * 2
    cut = [r for r in rejects if r.path == "cut.jsonl.gz"]
    assert (
        len(cut) == 1 and cut[0].record is None and cut[0].reason.startswith("truncated gzip file after line")
    )


def test_a_line_over_the_limit_is_that_line_s_reject(tmp_path, monkeypatch):
    from newsfacts.ingest import jsonl

    monkeypatch.setattr(jsonl, "MAX_LINE_BYTES", 5_000)
    (tmp_path / "export.jsonl").write_text(lines(news_please(1, maintext="word " * 5_000), news_please(2)))
    documents, rejects = ingest.scan(tmp_path)
    assert [d.record for d in documents] == ["https://news.example.org/asia/floods-2"]
    assert [(r.record, r.reason) for r in rejects] == [("line 1", "line 1 is longer than 5,000 bytes")]


def test_a_json_file_that_is_not_an_export_is_rejected(tmp_path):
    (tmp_path / "numbers.json").write_text("[1, 2]")
    (tmp_path / "broken.json").write_text('{"text": "unfinished')
    _, rejects = ingest.scan(tmp_path)
    found = {(r.path, r.record): r.reason for r in rejects}
    assert found[("numbers.json", "item 1")] == "item 1 is not a JSON object (it is a int)"
    assert found[("broken.json", None)].startswith("the file is not valid JSON")
