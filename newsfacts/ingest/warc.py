"""WARC crawls (``.warc``, ``.warc.gz``; Common Crawl's CC-NEWS): every HTML page response is an article.

Read with FastWARC, a record at a time (a crawl of gigabytes is never in memory; one page's
payload is, up to ``MAX_PAGE_BYTES``). A record is an article when it is a ``response`` with an
HTTP status of 200 and an HTML content type; it is identified by its ``WARC-Target-URI``, which
is also the article's ``source_url``. Every other record (requests, metadata, warcinfo, images,
redirects, robots.txt) is skipped and counted in a note. A record whose payload is shorter than
its headers say (a truncated file) or a header FastWARC cannot parse ends the file with a reject
naming the record; the articles before it are kept.
"""

from __future__ import annotations

import dataclasses
import gzip
import zlib
from collections import Counter
from collections.abc import Iterator

from newsfacts.ingest.documents import BadInput
from newsfacts.ingest.files import is_gzip, open_regular
from newsfacts.ingest.html import page
from newsfacts.ingest.limits import MAX_PAGE_BYTES
from newsfacts.ingest.source import Draft, FileNote, RecordReject, Source

HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 1 << 20


class _Gunzip:
    """A gzip stream for FastWARC that ends at a truncation instead of raising, and remembers it:
    the records before the cut are read, then the file is reported as truncated."""

    def __init__(self, raw):
        self._members = gzip.GzipFile(fileobj=raw, mode="rb")
        self.truncated = False

    def tell(self) -> int:
        return self._members.tell()

    def read(self, size: int = -1) -> bytes:
        if self.truncated:
            return b""
        try:  # read1: what one step decompresses, so that a cut loses only the bytes after it
            return self._members.read1(size if size > 0 else 1 << 16)
        except EOFError:
            self.truncated = True
            return b""


def _uri(record) -> str:
    uri = (record.headers.get("WARC-Target-URI") or "").strip()
    return uri[1:-1] if uri.startswith("<") and uri.endswith(">") else uri


def _kind(record) -> str | None:
    """Why a record is not an article page (for the count), or None if it is one."""
    from fastwarc.warc import WarcRecordType

    if record.record_type != WarcRecordType.response:
        return f"{record.record_type} record"
    if not record.is_http_parsed:
        return "non-HTTP response"
    status = record.http_headers.status_code
    if status != 200:
        return f"HTTP {status} response"
    content_type = (record.http_content_type or "").lower()
    if content_type not in HTML_TYPES:
        return f"{content_type or 'untyped'} response"
    return None


def _payload(record, limit: int) -> tuple[bytes | None, int]:
    """The payload (None when over ``limit``: the rest is read and counted, not kept) and its length."""
    data = record.reader.read(limit + 1)
    if len(data) <= limit:
        return data, len(data)
    size = len(data)
    while chunk := record.reader.read(_CHUNK):
        size += len(chunk)
    return None, size


def _decoded(data: bytes, encoding: str) -> bytes:
    """The payload without its HTTP content encoding (gzip or deflate), at most MAX_PAGE_BYTES."""
    if encoding in ("", "identity"):
        return data
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise BadInput(f"HTTP content encoding {encoding!r} is not supported")
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 32 if encoding != "deflate" else zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, MAX_PAGE_BYTES + 1)
    except zlib.error as exc:
        raise BadInput(f"its {encoding} content encoding is corrupt ({exc})") from None
    if len(out) > MAX_PAGE_BYTES:
        raise BadInput(f"page too large once decompressed (the limit is {MAX_PAGE_BYTES:,} bytes)")
    return out


def _before(articles: int) -> str:
    return f"{articles} article(s) before it were read"


def read(source: Source) -> Iterator[Draft | RecordReject | FileNote]:
    from fastwarc.warc import ArchiveIterator

    skipped: Counter[str] = Counter()
    ordinal = articles = 0
    with open_regular(source.path, source.root) as raw:
        # Python's gzip reads the members, so that a cut inside one raises EOFError (FastWARC's own
        # decompression ends quietly at a cut between two records' headers)
        handle = _Gunzip(raw) if is_gzip(source.path.name) else raw
        records = ArchiveIterator(
            handle,  # type: ignore[arg-type]  # FastWARC reads any object with read() and tell()
            parse_http=True,
            fsspec_args=False,
            auto_decode="none",
            stream_detect=False,
        )
        try:
            for record in records:
                ordinal += 1
                kind = _kind(record)
                uri = _uri(record) or f"record {ordinal}"
                data, size = _payload(record, 0 if kind else MAX_PAGE_BYTES)
                if size < record.content_length:
                    raise BadInput(
                        f"truncated WARC: record {ordinal} ({uri}) has {size:,} of its "
                        f"{record.content_length:,} payload bytes; {_before(articles)}"
                    )
                if kind is not None:
                    skipped[kind] += 1
                    continue
                if data is None:
                    yield RecordReject(
                        uri, f"page too large ({size:,} bytes; the limit is {MAX_PAGE_BYTES:,})", ordinal
                    )
                    continue
                try:
                    encoding = (record.http_headers.get("Content-Encoding") or "").strip().lower()
                    draft = page(_decoded(data, encoding), url=uri, declared=record.http_charset)
                except BadInput as exc:
                    yield RecordReject(uri, exc.reason, ordinal, exc.sha256)
                    continue
                articles += 1
                yield dataclasses.replace(draft, record=uri, ordinal=ordinal, source_url=uri)
        except (gzip.BadGzipFile, zlib.error) as exc:
            raise BadInput(
                f"corrupt gzip stream after record {ordinal} ({exc}); {_before(articles)}"
            ) from None
        except OSError as exc:
            raise BadInput(f"malformed WARC after record {ordinal} ({exc}); {_before(articles)}") from None
    if isinstance(handle, _Gunzip) and handle.truncated:
        raise BadInput(f"truncated WARC: its gzip stream ends after record {ordinal}; {_before(articles)}")
    if ordinal == 0:
        raise BadInput("not a WARC file: no record in it")
    counts = ", ".join(f"{n} {kind}" for kind, n in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])))
    total = sum(skipped.values())
    if ordinal == total:
        raise BadInput(f"no article page in it: its {ordinal} WARC record(s) are all skipped ({counts})")
    if skipped:
        yield FileNote(f"{ordinal} WARC record(s): {articles} article page(s); {total} skipped ({counts})")
