"""Ingest: the seeds (a folder, or one file) -> Documents (published) and Rejects (listed with the reason).

One module per input format (``text``, ``html``, ``warc``, ``feed``, ``jsonl``), registered by file
suffix in ``registry``; what every format shares: safe file opening (``files``), limits
(``limits``), sidecar metadata (``sidecar``), dates (``dates``), the language check
(``language``), ids (``ids``), names safe for the terminal (``display``), and the scanner (``scanner``) that
walks the seeds and hands on documents and rejects in a fixed order . The formats and
how their fields fill the ``documents`` columns: docs/input-formats.md.

Importing this package loads no parser: each format's libraries (trafilatura, FastWARC,
feedparser, py3langid) load when a file of that format is first read.
"""

from newsfacts.ingest.display import printable
from newsfacts.ingest.documents import BadInput, Document, Reject
from newsfacts.ingest.ids import doc_id_for, record_id_for, slug
from newsfacts.ingest.limits import MAX_BYTES, MAX_CHARS
from newsfacts.ingest.registry import FORMATS, SUFFIXES, format_of
from newsfacts.ingest.scanner import scan, stream
from newsfacts.ingest.sidecar import SUFFIX as SIDECAR_SUFFIX
from newsfacts.ingest.source import DEFAULT_JSON_FIELDS, Options
from newsfacts.ingest.text import decode

ARTICLE_SUFFIXES = frozenset(SUFFIXES)

__all__ = [
    "ARTICLE_SUFFIXES",
    "DEFAULT_JSON_FIELDS",
    "FORMATS",
    "MAX_BYTES",
    "MAX_CHARS",
    "SIDECAR_SUFFIX",
    "SUFFIXES",
    "BadInput",
    "Document",
    "Options",
    "Reject",
    "decode",
    "doc_id_for",
    "format_of",
    "printable",
    "record_id_for",
    "scan",
    "slug",
    "stream",
]
