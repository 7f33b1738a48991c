"""Web pages (``.html``, ``.htm``, gzipped or not): the article's main text and metadata, by trafilatura.

trafilatura is the best open-source main-text extractor on the article-extraction benchmark
(F1 0.958 published; 2.3.1 with ``fast=True`` measured 0.963 here on the 163 English pages, and
faster than its default, which also runs two fallback extractors). Its metadata gives the title,
the publication date (htmldate), the canonical URL and the author.

Decoding: a page is read as UTF-8 when its bytes are valid UTF-8 (many pages declare no charset
in their first kilobyte, and guessing Windows-1252 for those garbles them), else in the charset
it or its HTTP response declares, else as Windows-1252.
"""

from __future__ import annotations

import codecs
import dataclasses
import re
from collections.abc import Iterator
from functools import lru_cache

from newsfacts.ingest.dates import iso_date
from newsfacts.ingest.documents import BadInput
from newsfacts.ingest.files import read_file
from newsfacts.ingest.limits import MAX_FIELD_CHARS, MAX_PAGE_BYTES
from newsfacts.ingest.source import Draft, Source, sha256_of

MIN_WORDS = 10  # a page whose main text is shorter is a menu, an error page or a stub, not an article
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)


def decode_page(data: bytes, declared: str | None = None) -> tuple[str, tuple[str, ...]]:
    """HTML bytes -> text, and notes for the user when it was not UTF-8."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), ("decoded as UTF-16 (byte-order mark)",)
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET.search(data[:4096])
    for charset in (declared, match.group(1).decode("ascii") if match else None):
        if not charset:
            continue
        try:
            codecs.lookup(charset)
        except LookupError:
            continue
        if codecs.lookup(charset).name not in ("utf-8", "utf-8-sig"):
            return data.decode(charset, errors="replace"), (f"decoded as {charset} (as the page declares)",)
    return data.decode("cp1252", errors="replace"), (
        "not valid UTF-8 and no charset declared; decoded as Windows-1252",
    )


@lru_cache(maxsize=1)
def _config():
    from trafilatura.settings import use_config

    config = use_config()
    # trafilatura's own size limit would silently return nothing: ours is checked before
    config.set("DEFAULT", "MAX_FILE_SIZE", str(MAX_PAGE_BYTES + 1))
    return config


def _field(value) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value[:MAX_FIELD_CHARS] or None


def page(data: bytes, url: str | None = None, declared: str | None = None) -> Draft:
    """One page's bytes -> a Draft (its text, title, date, canonical URL, author), or BadInput."""
    import trafilatura

    sha = sha256_of(data)
    html, notes = decode_page(data, declared)
    if not html.strip():
        raise BadInput("empty page", sha)
    try:
        found = trafilatura.bare_extraction(
            html,
            url=url,
            fast=True,
            include_comments=False,
            with_metadata=True,
            config=_config(),
        )
    except (ValueError, TypeError, RecursionError) as exc:  # lxml on pathological markup
        raise BadInput(f"the page could not be parsed as HTML ({type(exc).__name__}: {exc})", sha) from None
    # trafilatura writes one paragraph (or list item) a line; a blank line between them, as in
    # text seeds, keeps a headline-like line from running into the next sentence.
    if found is not None and not isinstance(found, trafilatura.settings.Document):
        raise BadInput("trafilatura returned no document", sha)  # a dict only when asked for one
    body = found.text if found is not None else None
    text = "\n\n".join(line.strip() for line in (body or "").split("\n") if line.strip())
    if not text:
        raise BadInput("no article text found in the page (trafilatura found no main content)", sha)
    words = len(text.split())
    if words < MIN_WORDS:
        raise BadInput(f"no article text found in the page: only {words} word(s) of main text", sha)
    assert found is not None
    return Draft(
        text=text,
        sha256=sha,
        title=_field(found.title),
        published=iso_date(found.date) if isinstance(found.date, str) else None,
        canonical_url=_field(found.url),
        author=_field(found.author),
        notes=notes,
    )


def read(source: Source) -> Iterator[Draft]:
    """A saved web page: one article; its canonical URL is also its source URL."""
    data = read_file(source.path, source.root, MAX_PAGE_BYTES)
    draft = page(data)
    yield dataclasses.replace(draft, source_url=draft.canonical_url)
