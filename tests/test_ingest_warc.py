"""WARC crawls: every 200 HTML response is an article named by its target URI; every other record
is skipped and counted; truncated and malformed files end in a reject naming the record, after the
articles read before it."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest
from test_ingest_html import PARAGRAPHS, page

from newsfacts import ingest

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval" / "html"


def record(kind: str, block: bytes, uri: str | None = None, content_type: str | None = None) -> bytes:
    """One WARC/1.0 record, as a crawler writes it."""
    headers = [
        "WARC/1.0",
        f"WARC-Type: {kind}",
        f"WARC-Record-ID: <urn:uuid:{hashlib.md5(block + kind.encode()).hexdigest()}>",
        "WARC-Date: 2022-06-21T12:00:00Z",
    ]
    if uri:
        headers.append(f"WARC-Target-URI: {uri}")
    if content_type:
        headers.append(f"Content-Type: {content_type}")
    headers.append(f"Content-Length: {len(block)}")
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def response(uri: str, body: bytes, status: str = "200 OK", content_type: str = "text/html; charset=utf-8"):
    http = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return record("response", http.encode() + body, uri, "application/http; msgtype=response")


def crawl(*records: bytes, gz: bool = True) -> bytes:
    """A WARC file: one gzip member per record (as Common Crawl writes them), or plain."""
    return b"".join(gzip.compress(r) for r in records) if gz else b"".join(records)


def article(n: int) -> bytes:
    return page([f"Story {n}: " + p for p in PARAGRAPHS], title=f"Floods, day {n}").encode()


def news_crawl(gz: bool = True) -> bytes:
    return crawl(
        record("warcinfo", b"software: test-crawler\r\n", content_type="application/warc-fields"),
        record(
            "request",
            b"GET /news/1 HTTP/1.1\r\nHost: news.example.org\r\n\r\n",
            "https://news.example.org/news/1",
        ),
        response("https://news.example.org/news/1", article(1)),
        record(
            "metadata", b"fetchTimeMs: 120\r\n", "https://news.example.org/news/1", "application/warc-fields"
        ),
        response("https://news.example.org/logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png"),
        response("https://news.example.org/old", b"<html>moved</html>", status="301 Moved Permanently"),
        response("https://news.example.org/news/2?page=1#top", article(2)),
        gz=gz,
    )


@pytest.mark.parametrize("name, gz", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_each_html_response_is_an_article_and_the_rest_is_counted(tmp_path, name, gz):
    (tmp_path / name).write_bytes(news_crawl(gz))
    documents, rejects = ingest.scan(tmp_path)
    assert rejects == []
    assert [(d.doc_id, d.record, d.format) for d in documents] == [
        ("crawl/news-example-org-news-1", "https://news.example.org/news/1", "warc"),
        ("crawl/news-example-org-news-2-page-1-top", "https://news.example.org/news/2?page=1#top", "warc"),
    ]
    first, second = documents
    assert first.path == name and first.source_url == "https://news.example.org/news/1"
    assert first.title == "Floods, day 1" and first.published == "2022-06-21" and first.language == "en"
    assert first.text.startswith("Floods, day 1\n\nStory 1: Heavy monsoon rains")
    assert first.sha256 == hashlib.sha256(article(1)).hexdigest()  # the HTTP payload's bytes
    assert first.notes == ()
    assert second.notes == (
        "7 WARC record(s): 2 article page(s); 5 skipped (1 HTTP 301 response, 1 image/png response, "
        "1 metadata record, 1 request record, 1 warcinfo record)",
    )
    assert second.messages()[0].startswith(f"{name} [https://news.example.org/news/2?page=1#top]: 7 WARC")


def test_a_truncated_crawl_keeps_the_articles_before_the_cut(tmp_path):
    data = news_crawl()
    (tmp_path / "cut.warc.gz").write_bytes(data[: len(data) - 300])  # inside the last page
    documents, rejects = ingest.scan(tmp_path)
    assert [d.record for d in documents] == ["https://news.example.org/news/1"]
    [reject] = rejects
    assert (reject.path, reject.record) == ("cut.warc.gz", None)
    assert reject.reason.startswith(
        "truncated WARC: record 7 (https://news.example.org/news/2?page=1#top) has "
    )
    assert reject.reason.endswith("payload bytes; 1 article(s) before it were read")


@pytest.mark.parametrize(
    "name, data, phrase",
    [
        ("text.warc", b"this is not a WARC file at all, just text\n" * 20, "malformed WARC after record 0"),
        ("text.warc.gz", b"this is not gzip\n" * 20, "corrupt gzip stream after record 0"),
        ("http.warc.gz", gzip.compress(b"GET / HTTP/1.1\r\n\r\n"), "malformed WARC after record 0"),
        (
            "short.warc",
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999999\r\n\r\nhello",
            "truncated WARC: record 1",
        ),
        (
            "one-member.warc.gz",
            gzip.compress(news_crawl(gz=False))[:200],
            "truncated WARC: its gzip stream ends after record 1",
        ),
        # an uncompressed WARC cut inside a record's headers: FastWARC stops quietly before it
        # (a known limit, docs/input-formats.md); the records before it are all that is read
        ("cut.warc", news_crawl(gz=False)[:400], "no article page in it: its 2 WARC record(s)"),
        (
            "info.warc.gz",
            crawl(record("warcinfo", b"software: x\r\n")),
            "no article page in it: its 1 WARC record(s) are all skipped",
        ),
    ],
)
def test_a_malformed_crawl_is_a_reject_not_a_failed_run(tmp_path, name, data, phrase):
    (tmp_path / "good.txt").write_text("Officials said 12 people were killed in Mosul on Monday.\n")
    (tmp_path / name).write_bytes(data)
    documents, rejects = ingest.scan(tmp_path)
    assert [d.path for d in documents] == ["good.txt"]
    assert [r.path for r in rejects] == [name] and phrase in rejects[0].reason, rejects[0].reason


def test_bad_records_are_rejected_by_uri_and_the_others_published(tmp_path, monkeypatch):
    from newsfacts.ingest import warc

    monkeypatch.setattr(warc, "MAX_PAGE_BYTES", 20_000)
    big = page(PARAGRAPHS * 40).encode()
    german = page(
        [
            "Schwere Monsunregen haben in der Region Sylhet in Bangladesch mehr als 20.000 Menschen "
            "vertrieben, teilten die Behörden am Dienstag mit, während die Flüsse über die Ufer traten.",
            "Mindestens zwölf Menschen wurden getötet und etwa dreihundert verletzt, teilte der Rote "
            "Halbmond mit, dessen Helfer bislang nur die Hälfte der Bezirke erreicht haben.",
        ],
        lang="de",
    ).encode()
    (tmp_path / "crawl.warc.gz").write_bytes(
        crawl(
            response("https://news.example.org/big", big),
            response("https://news.example.org/de", german),
            response("https://news.example.org/empty", b"<html><body><nav>Home</nav></body></html>"),
            response("https://news.example.org/news/1", article(1)),
            response("https://news.example.org/news/1", article(3)),  # the same URI fetched again
        )
    )
    documents, rejects = ingest.scan(tmp_path)
    assert [d.record for d in documents] == ["https://news.example.org/news/1"]
    found = {r.record: r.reason for r in rejects}
    assert found["https://news.example.org/big"].startswith("page too large (")
    assert found["https://news.example.org/de"].startswith("not in English (en): its text is in German (de)")
    assert found["https://news.example.org/empty"].startswith("no article text found in the page")
    assert found["https://news.example.org/news/1 (record 5)"] == (
        "another record of this file has the same URL (https://news.example.org/news/1): published once"
    )
    assert len({(r.path, r.record) for r in rejects}) == len(rejects)  # the rejects' key holds


def test_the_same_page_in_a_crawl_and_as_a_file_is_one_document(tmp_path):
    (tmp_path / "crawl.warc.gz").write_bytes(crawl(response("https://news.example.org/news/1", article(1))))
    (tmp_path / "saved.html").write_bytes(article(1))
    documents, rejects = ingest.scan(tmp_path)
    assert [d.path for d in documents] == ["crawl.warc.gz"]
    assert rejects[0].path == "saved.html"
    assert (
        rejects[0].reason
        == "duplicate of crawl.warc.gz [https://news.example.org/news/1] (same bytes); published once"
    )


@pytest.mark.skipif(not (SHARED / "pages.warc.gz").is_file(), reason="needs ../shared/eval/html")
def test_the_benchmark_crawl_gives_the_same_documents_as_its_pages():
    """181 real pages in a real crawl (192 records): the texts equal those read from the pages."""
    documents, rejects = ingest.scan(SHARED / "pages.warc.gz")
    gold = json.loads((SHARED / "gold.json").read_text(encoding="utf-8"))
    assert len(documents) + len(rejects) == 181
    assert all(r.reason.startswith("not in English") for r in rejects)
    assert {d.source_url for d in documents} <= {g["url"] for g in gold.values()}
    assert documents[-1].notes[-1].startswith("192 WARC record(s): 181 article page(s); 11 skipped")
    by_url = {g["url"]: page_id for page_id, g in gold.items()}
    sample = documents[:: len(documents) // 5]
    for doc in sample:
        from_page = ingest.scan(SHARED / "pages" / f"{by_url[doc.source_url]}.html.gz")[0][0]
        assert (from_page.text, from_page.sha256, from_page.title) == (doc.text, doc.sha256, doc.title)
