"""Document ids: stable (the same input gives the same id on every run) and readable.

An article file's id is its path relative to the seeds folder without the format's suffix, each
folder and the name slugged by python-slugify (Unidecode transliteration: ``ünïcödé näme.txt``
-> ``unicode-name``; ``Мосул.txt`` -> ``mosul``). A record of a file that holds many articles (a
WARC response, a feed item, a JSON object) is ``FILE-ID/RECORD``, where RECORD is the slug of its
URL without the scheme (``www.bbc.com-news-world-12345``) or of its position (``line-12``).
"""

from __future__ import annotations

import hashlib
import re

from slugify import slugify

from newsfacts.ingest.registry import split_suffix

# Letters, digits, '.', '_' and '-' survive; anything else becomes '-'.
_DISALLOWED = r"[^-a-z0-9._]+"
MAX_SLUG = 120  # characters of one part of an id; longer parts end in a hash of the whole
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def slug(text: str, max_length: int = MAX_SLUG) -> str:
    """``text`` as a lower-case ASCII slug ('' when nothing is left); a slug longer than
    ``max_length`` is cut and ends in 10 hex digits of the text's SHA-1, so it stays unique."""
    value = slugify(text, regex_pattern=_DISALLOWED).strip("-._")
    value = re.sub(r"[-._]*-[-._]*", "-", value)  # 'a.-b' -> 'a-b': one separator between words
    if len(value) > max_length:
        digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        value = value[: max_length - 11].rstrip("-._") + "-" + digest
    return value


def doc_id_for(relpath: str) -> str:
    """The id of the article file at ``relpath`` (relative to the seeds folder, '/' separators)."""
    *folders, name = relpath.split("/")
    stem, _ = split_suffix(name)
    parts = [slug(part) for part in [*folders, stem]]
    value = "/".join(part for part in parts if part) or "document"
    return value if value[0].isalnum() else "d" + value


def record_id_for(relpath: str, record: str) -> str:
    """The id of one record (``record``: its URL, or ``line 12``) of the file at ``relpath``."""
    part = slug(_SCHEME.sub("", record)) or "record"
    return f"{doc_id_for(relpath)}/{part}"
