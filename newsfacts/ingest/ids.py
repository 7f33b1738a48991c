"""Document ids: stable (the same input gives the same id on every run) and readable.

One rule for every source (id scheme 2, ``newsfacts.publish.version.ID_SCHEME``: change it, bump
that). An article file's id is its path relative to the seeds folder without the format's suffix
(``.txt``, ``.html.gz``, ...; any other name loses its last extension), each folder and the name
slugged by python-slugify with Unidecode (``ünïcödé näme.txt`` -> ``unicode-name``,
``Москва.txt`` -> ``moskva``) and joined by '/'; a part with nothing to transliterate (emoji only)
gets ``d-`` and a short hash of it. A record of a file that holds many articles (a WARC response,
a feed item, a JSON object) is ``FILE-ID/RECORD``, RECORD the slug of its URL without the scheme
(``www-bbc-com-news-world-12345``) or of its position (``line-12``), cut at 120 characters and
ended by a hash of the whole when longer.
"""

from __future__ import annotations

import hashlib
import re

from slugify import slugify

from newsfacts.ingest.registry import split_suffix

MAX_SLUG = 120  # characters of a record's part of an id
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def _digest(text: str, n: int) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:n]


def slug(text: str) -> str:
    """One part of an id: python-slugify's slug, or ``d-`` and a hash when nothing is left."""
    return slugify(text) or f"d-{_digest(text, 8)}"


def doc_id_for(relpath: str) -> str:
    """The id of the article file at ``relpath`` (relative to the seeds folder, '/' separators)."""
    *folders, name = relpath.split("/")
    stem, _ = split_suffix(name)
    return "/".join(slug(part) for part in [*folders, stem] if part) or "document"


def record_id_for(relpath: str, record: str) -> str:
    """The id of one record (``record``: its URL, or ``line 12``) of the file at ``relpath``."""
    part = slug(_SCHEME.sub("", record))
    if len(part) > MAX_SLUG:
        part = part[: MAX_SLUG - 11].rstrip("-") + "-" + _digest(record, 10)
    return f"{doc_id_for(relpath)}/{part}"
