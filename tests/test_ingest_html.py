"""Saved web pages: the article's main text (trafilatura) and its metadata fill the documents row;
gzipped pages read the same; bad pages are rejects with their reason."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsfacts import ingest

PARAGRAPHS = [
    "Heavy monsoon rains have displaced more than 20,000 people in the Sylhet region of "
    "Bangladesh, officials said on Tuesday, as rivers burst their banks for a third day.",
    '"The water is still rising," said Rahim Uddin, a local council chairman, standing on the '
    "roof of a school that now shelters more than 400 families from nearby villages.",
    "At least 12 people were killed and about 300 were injured, according to the Red Crescent, "
    "which said its volunteers had reached only half of the flooded districts so far.",
    "The government has sent boats and dry food to the worst-hit areas, but aid workers warned "
    "that clean water was running short and that diarrhoea was spreading in the camps.",
]
NAV = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(30))


def page(paragraphs=PARAGRAPHS, lang="en", charset="utf-8", title="Floods displace 20,000 in Bangladesh"):
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="{charset}">
<title>{title} | The Daily Example</title>
<meta property="og:title" content="{title}">
<meta name="author" content="Anika Rahman">
<meta property="article:published_time" content="2022-06-21T08:30:00+06:00">
<link rel="canonical" href="https://news.example.org/asia/2022/06/21/floods-sylhet">
</head><body>
<header><nav><ul>{NAV}</ul></nav><div class="cookie">We use cookies. Accept all cookies?</div></header>
<main><article><h1>{title}</h1><p class="byline">By Anika Rahman</p>{body}</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Celebrity wedding photos</a></li></ul></aside>
<footer><p>© 2022 The Daily Example. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""


def only_document(folder: Path) -> ingest.Document:
    documents, rejects = ingest.scan(folder)
    assert rejects == [], [r.message() for r in rejects]
    [document] = documents
    return document


def test_a_web_page_gives_its_main_text_and_metadata(tmp_path):
    html = page().encode()
    (tmp_path / "floods.html").write_bytes(html)
    doc = only_document(tmp_path)
    # the article as trafilatura finds it (its headline too), without navigation, banner or footer
    assert doc.text == "\n\n".join(["Floods displace 20,000 in Bangladesh", *PARAGRAPHS])
    assert (doc.doc_id, doc.path, doc.record, doc.format) == ("floods", "floods.html", None, "html")
    assert doc.title == "Floods displace 20,000 in Bangladesh"
    assert (doc.published, doc.published_source) == ("2022-06-21", "page")
    assert doc.author == "Anika Rahman"
    assert doc.language == "en"
    assert doc.canonical_url == doc.source_url == "https://news.example.org/asia/2022/06/21/floods-sylhet"
    import hashlib

    assert doc.sha256 == hashlib.sha256(html).hexdigest()  # the page's own bytes


def test_a_gzipped_page_reads_like_the_page_itself(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "floods.htm").write_bytes(page().encode())
    (tmp_path / "b" / "floods.html.gz").write_bytes(gzip.compress(page().encode()))
    plain, zipped = only_document(tmp_path / "a"), ingest.scan(tmp_path / "b" / "floods.html.gz")[0][0]
    assert zipped.doc_id == "floods" and zipped.path == "floods.html.gz"
    assert (zipped.text, zipped.sha256, zipped.title) == (plain.text, plain.sha256, plain.title)


def test_a_sidecar_overrides_the_page_metadata(tmp_path):
    (tmp_path / "floods.html").write_text(page())
    (tmp_path / "floods.meta.json").write_text(
        json.dumps({"published": "2022-06-20", "licence": "CC-BY-4.0"})
    )
    doc = only_document(tmp_path)
    assert (doc.published, doc.licence, doc.author) == ("2022-06-20", "CC-BY-4.0", "Anika Rahman")
    assert doc.published_source == "sidecar"


def test_a_page_in_a_declared_legacy_charset_is_decoded_with_it(tmp_path):
    text = [*PARAGRAPHS[:3], "Officials in Bogotá said the café had closed, and the señora agreed."]
    html = page(text, charset="windows-1252").encode("cp1252")
    (tmp_path / "latin.html").write_bytes(html)
    doc = only_document(tmp_path)
    assert "Bogotá said the café" in doc.text
    assert doc.notes == ("decoded as windows-1252 (as the page declares)",)


def test_a_page_without_charset_that_is_utf8_is_read_as_utf8(tmp_path):
    text = [*PARAGRAPHS[:3], "Officials in Bogotá said the café had closed, and the señora agreed."]
    html = page(text).replace('<meta charset="utf-8">', "").encode()
    (tmp_path / "nocharset.html").write_bytes(html)
    assert "Bogotá said the café" in only_document(tmp_path).text


def test_a_page_in_another_language_is_rejected_unless_asked_for(tmp_path):
    french = [
        "De fortes pluies de mousson ont déplacé plus de 20 000 personnes dans la région de Sylhet, "
        "au Bangladesh, ont indiqué mardi les autorités, alors que les rivières débordaient.",
        "Au moins douze personnes ont été tuées et environ trois cents blessées, selon le Croissant-Rouge, "
        "dont les volontaires n'ont atteint que la moitié des districts inondés.",
        "Le gouvernement a envoyé des bateaux et de la nourriture sèche dans les zones les plus touchées.",
    ]
    (tmp_path / "inondations.html").write_text(page(french, lang="fr", title="Inondations au Bangladesh"))
    documents, rejects = ingest.scan(tmp_path)
    assert documents == []
    assert rejects[0].reason.startswith("not in English (en): its text is in French (fr)")
    assert "--languages en,fr publishes it" in rejects[0].reason
    documents, rejects = ingest.scan(tmp_path, ingest.Options.make("en,fr"))
    assert rejects == [] and documents[0].language == "fr"
    assert ingest.scan(tmp_path, ingest.Options.make("any"))[0][0].language == "fr"


@pytest.mark.parametrize(
    "name, data, phrase",
    [
        (
            "nothing.html",
            b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
            "no article text found",
        ),
        (
            "short.html",
            b"<html><body><article><p>Read more below.</p></article></body></html>",
            "only 3 word(s)",
        ),
        ("blank.html", b"   \n ", "empty page"),
        ("truncated.html.gz", gzip.compress(page().encode())[:-300], "truncated gzip file"),
        ("not-gzip.html.gz", page().encode(), "not a valid gzip file"),
        ("empty.htm", b"", "empty file (0 bytes)"),
    ],
)
def test_a_bad_page_is_rejected_with_its_reason(tmp_path, name, data, phrase):
    (tmp_path / "good.html").write_text(page())
    (tmp_path / name).write_bytes(data)
    documents, rejects = ingest.scan(tmp_path)
    assert [d.path for d in documents] == ["good.html"]
    assert [r.path for r in rejects] == [name] and phrase in rejects[0].reason


def test_a_50_mb_page_is_refused_before_it_is_parsed(tmp_path):
    with (tmp_path / "huge.html").open("wb") as fh:
        fh.write(b"<html><body>")
        fh.truncate(50 * 1024 * 1024)
    _, rejects = ingest.scan(tmp_path)
    assert rejects[0].reason == "too large (52,428,800 bytes; the limit is 16,777,216)"


def test_a_gzip_bomb_is_stopped_at_the_page_limit(tmp_path):
    bomb = gzip.compress(b"<p>" + b"a" * (40 * 1024 * 1024), compresslevel=9)  # 40 KB -> 40 MB
    assert len(bomb) < 100_000
    (tmp_path / "bomb.html.gz").write_bytes(bomb)
    _, rejects = ingest.scan(tmp_path)
    assert rejects[0].reason == "too large once decompressed (more than 16,777,216 bytes, the limit)"


SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval" / "html"


@pytest.mark.skipif(not (SHARED / "pages").is_dir(), reason="needs ../shared/eval/html")
def test_real_pages_from_the_benchmark(tmp_path):
    """Three real article pages (WSJ, CNBC, Al Jazeera-like sites) as distributed: gzipped, UTF-8."""
    gold = json.loads((SHARED / "gold.json").read_text(encoding="utf-8"))
    pages = sorted((SHARED / "pages").glob("*.html.gz"))[:3]
    for path in pages:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    documents, rejects = ingest.scan(tmp_path)
    assert rejects == [] and len(documents) == 3
    for doc in documents:
        body = gold[doc.path.split(".")[0]]["articleBody"]
        shared_words = set(doc.text.split()) & set(body.split())
        assert len(shared_words) > 0.8 * len(set(body.split())), doc.path
        assert doc.title and doc.published and doc.canonical_url and doc.language == "en"
