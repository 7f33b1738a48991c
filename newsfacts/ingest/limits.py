"""How much ingest reads at most: one bad or hostile file costs a reject, never minutes or gigabytes.

A long news article is 10-50,000 characters and its web page rarely more than 2 MB of HTML. Far
larger inputs are dumps or attacks; refusing them (with the reason) keeps one file from costing
the run. Each limit can be raised through its environment variable.
"""

from __future__ import annotations

import os


def _limit(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name) or default)
    except ValueError:
        return default


# A text article's file, refused before reading.
MAX_BYTES = _limit("NEWSFACTS_MAX_BYTES", 4 * 1024 * 1024)
# One web page's HTML (a file, a gzip's content, a WARC record's payload).
MAX_PAGE_BYTES = _limit("NEWSFACTS_MAX_PAGE_BYTES", 16 * 1024 * 1024)
# A whole feed file or JSON file (parsed whole); a JSON Lines file is read a line at a time.
MAX_FEED_BYTES = _limit("NEWSFACTS_MAX_FEED_BYTES", 64 * 1024 * 1024)
MAX_JSON_BYTES = _limit("NEWSFACTS_MAX_JSON_BYTES", 64 * 1024 * 1024)
MAX_LINE_BYTES = _limit("NEWSFACTS_MAX_LINE_BYTES", 8 * 1024 * 1024)
# An article's text after decoding or extraction.
MAX_CHARS = _limit("NEWSFACTS_MAX_CHARS", 500_000)
# A sidecar ``name.meta.json`` holds a few short fields.
MAX_SIDECAR_BYTES = 64 * 1024
# Folders below the seeds folder (deeper trees are refused, not walked).
MAX_DEPTH = _limit("NEWSFACTS_MAX_DEPTH", 64)
# Characters of a title, an author or a URL kept (longer values are cut, and said so).
MAX_FIELD_CHARS = 2_000
