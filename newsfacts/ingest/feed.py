"""RSS and Atom feeds (``.rss``, ``.atom``, ``.xml``): each item with full content is an article (feedparser).

An item's full text is its ``content`` (Atom ``<content>``, RSS ``<content:encoded>``), as HTML
or plain text; its link, title, author and date (published, else updated) fill the documents
columns, and the link (else the item's id) names the record. An item that carries only a
``<description>``/``<summary>`` is a summary, not the article: it is rejected with that reason,
never silently dropped.

XML entity bombs: a feed that declares entities (``<!ENTITY``, the "billion laughs" attack and
its kin) is refused before feedparser sees it. feedparser itself also strips such declarations
(measured: a 10^9-expansion file parses in milliseconds, unexpanded), and Python's expat limits
amplification; the refusal makes the reason clear instead of publishing ``&lol9;`` as a title.
"""

from __future__ import annotations

import xml.parsers.expat
from collections.abc import Iterator

from newsfacts.ingest.dates import from_struct
from newsfacts.ingest.documents import BadInput
from newsfacts.ingest.files import read_file
from newsfacts.ingest.limits import MAX_FEED_BYTES, MAX_FIELD_CHARS
from newsfacts.ingest.source import Draft, RecordReject, Source, sha256_of

_BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "tr",
    "table",
    "figure",
    "section",
    "article",
    "hr",
}


class _EntityDeclared(Exception):
    pass


def refuse_entities(data: bytes) -> None:
    """BadInput if the XML declares entities or an external DTD subset with content."""
    parser = xml.parsers.expat.ParserCreate()

    def declared(*_args):
        raise _EntityDeclared

    parser.EntityDeclHandler = declared
    parser.UnparsedEntityDeclHandler = declared
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except _EntityDeclared:
        raise BadInput(
            "the feed declares XML entities (<!ENTITY ...>): refused, as an entity-expansion "
            "('billion laughs') attack would be"
        ) from None
    except xml.parsers.expat.ExpatError:
        pass  # malformed XML: feedparser's lenient parser decides (it strips declarations itself)


def fragment_text(fragment: str) -> str:
    """An HTML fragment (a feed item's content) as text: one paragraph per block element."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, TypeError, lxml.etree.ParserError):
        return ""
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n\n" + (element.tail or "")
            if element.tag.lower() != "br":
                element.text = "\n\n" + (element.text or "")
    lines = [" ".join(line.split()) for line in root.text_content().split("\n")]
    paragraphs, current = [], []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def _short(value) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value[:MAX_FIELD_CHARS] or None


def _content(entry) -> str:
    parts = []
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        kind = (content.get("type") or "text/html").lower()
        parts.append(value if kind == "text/plain" else fragment_text(value))
    return "\n\n".join(part for part in parts if part.strip())


def read(source: Source) -> Iterator[Draft | RecordReject]:
    import feedparser

    data = read_file(source.path, source.root, MAX_FEED_BYTES)
    refuse_entities(data)
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise BadInput(f"not an RSS or Atom feed{f' ({problem})' if problem else ''}", sha256_of(data))
    if not parsed.entries:
        raise BadInput("the feed has no items", sha256_of(data))
    for ordinal, entry in enumerate(parsed.entries, start=1):
        link = _short(entry.get("link"))
        record = link or _short(entry.get("id")) or f"item {ordinal}"
        text = _content(entry)
        if not text.strip():
            summary = fragment_text(entry.get("summary") or "")
            reason = (
                f"only a summary ({len(summary.split())} words), no full text: not published as an article"
                if summary.strip()
                else "no content and no summary: nothing to publish"
            )
            yield RecordReject(record, reason, ordinal)
            continue
        yield Draft(
            text=text,
            sha256=sha256_of(text.encode("utf-8", "surrogatepass")),
            record=record,
            ordinal=ordinal,
            title=_short(entry.get("title")),
            published=from_struct(entry.get("published_parsed") or entry.get("updated_parsed")),
            source_url=link,
            author=_short(entry.get("author")),
        )
