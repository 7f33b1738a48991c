"""Sidecar metadata: ``name.meta.json`` beside an article ``name.txt`` (or ``name.html``, ``name.html.gz``).

A JSON object with any of ``title``, ``published`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``),
``source_url`` and ``licence``, each a JSON string. It fills or overrides what the article's
format gives; for a file of many articles (WARC, feed, JSON) only ``licence`` applies, to every
record. A sidecar is read like an article (a regular file inside the seeds folder, never through
a link outside it), is at most 64 KB, and any field of the wrong type or form rejects its article
with the reason: a number or an object is not a title, ``NaN`` is not JSON, ``2016-13-45`` is
not a date.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

from newsfacts.ingest.dates import exact_date
from newsfacts.ingest.documents import BadInput
from newsfacts.ingest.files import open_regular, read_limited, why_not_read
from newsfacts.ingest.limits import MAX_FIELD_CHARS, MAX_SIDECAR_BYTES
from newsfacts.ingest.registry import split_suffix

SUFFIX = ".meta.json"
FIELDS = ("title", "published", "source_url", "licence")
# Text that spreadsheets and dataframes write for a missing value: not a title or a URL.
_MISSING = {"nan", "none", "null", "nat", "n/a", "undefined"}


def path_for(article: Path) -> Path:
    stem, _ = split_suffix(article.name)
    return article.with_name(stem + SUFFIX)


def _exists(path: Path) -> bool:
    try:
        os.lstat(path)
    except OSError as exc:  # ENAMETOOLONG: a name that long cannot be a sidecar on this disk
        if exc.errno in (errno.ENOENT, errno.ENAMETOOLONG, errno.ENOTDIR):
            return False
        raise BadInput(f"cannot check for its metadata file ({why_not_read(exc)})") from None
    return True


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a JSON value")


def parse_json(data: bytes, what: str):
    """JSON from bytes: strict (no NaN or Infinity), nesting bounded by Python's recursion limit."""
    try:
        return json.loads(data.decode("utf-8-sig"), parse_constant=_refuse_constant)
    except RecursionError:
        raise BadInput(f"{what} is nested too deeply to read") from None
    except UnicodeDecodeError as exc:
        raise BadInput(f"{what} is not UTF-8 (invalid byte at offset {exc.start})") from None
    except ValueError as exc:
        raise BadInput(f"{what} is not valid JSON ({exc})") from None


def text_field(value, name: str, what: str) -> str | None:
    """A string field as stored: a JSON string, not a number, list, object or missing-value word."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadInput(f"{what} has {name} of type {type(value).__name__}; expected a string")
    stripped = value.strip()
    if not stripped:
        return None
    if stripped.lower() in _MISSING:
        raise BadInput(f"{what} has {name}={value!r}, a missing value written as text")
    return stripped[:MAX_FIELD_CHARS]


def read(article: Path, root: Path) -> dict[str, str | None]:
    """The sidecar of ``article`` as {field: value}; {} when there is none."""
    sidecar = path_for(article)
    if not _exists(sidecar):
        return {}
    what = f"its metadata file {sidecar.name}"
    try:
        with open_regular(sidecar, root, MAX_SIDECAR_BYTES) as handle:
            data = read_limited(handle, MAX_SIDECAR_BYTES)
    except BadInput as exc:
        raise BadInput(f"{what}: {exc.reason}") from None
    except OSError as exc:
        raise BadInput(f"{what}: {why_not_read(exc)}") from None
    meta = parse_json(data, what)
    if not isinstance(meta, dict):
        raise BadInput(f"{what} is not a JSON object")
    fields = {name: text_field(meta.get(name), name, what) for name in FIELDS}
    published = fields["published"]
    if published is not None and (
        not isinstance(meta["published"], str) or exact_date(meta["published"]) is None
    ):
        raise BadInput(
            f"{what} has published={meta['published']!r}; "
            "expected a real date written YYYY, YYYY-MM or YYYY-MM-DD"
        )
    return fields
