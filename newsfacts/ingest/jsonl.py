"""JSON exports of scrapers: JSON Lines (``.jsonl``, ``.ndjson``: one article object per line) and
JSON (``.json``: a list of article objects, or one object).

The fields news-please, newspaper4k and most pipelines write are read by default (see
``DEFAULT_JSON_FIELDS``: ``text``/``maintext``/``content``/``body``, ``title``,
``date_publish``/``published``, ``url``, ``authors``, ...); ``--json-field COLUMN=FIELD`` names
another field (``meta.title`` reaches into a nested object). Each object is one record, named by
its URL, else by its position (``line 12``, ``item 3``). A line that is not an object, an object
without text, a field of the wrong type: that record is rejected with the reason, the others go
on. A JSON Lines file is read a line at a time (each line at most ``MAX_LINE_BYTES``); a JSON
file is parsed whole (at most ``MAX_JSON_BYTES``, nesting bounded).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator, Mapping

from newsfacts.ingest.dates import iso_date
from newsfacts.ingest.documents import BadInput
from newsfacts.ingest.files import is_gzip, open_regular, read_file
from newsfacts.ingest.limits import MAX_FIELD_CHARS, MAX_JSON_BYTES, MAX_LINE_BYTES
from newsfacts.ingest.sidecar import parse_json, text_field
from newsfacts.ingest.source import Draft, RecordReject, Source, sha256_of
from newsfacts.ingest.text import checked_text


def _lookup(obj: dict, name: str):
    value: object = obj
    for part in name.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _first(obj: dict, names: tuple[str, ...]):
    for name in names:
        value = _lookup(obj, name)
        if value not in (None, "", []):
            return name, value
    return None, None


def _author(value, name: str, what: str) -> str | None:
    if isinstance(value, list):
        if not all(isinstance(item, str) for item in value):
            raise BadInput(f"{what} has {name} that is not a list of names")
        names = [" ".join(item.split()) for item in value if item.strip()]
        return "; ".join(names)[:MAX_FIELD_CHARS] or None
    return text_field(value, name, what)


def article(obj, fields: Mapping[str, tuple[str, ...]], record: str, what: str) -> Draft:
    """One JSON value -> a Draft, or BadInput naming the field at fault."""
    if not isinstance(obj, dict):
        raise BadInput(f"{what} is not a JSON object (it is a {type(obj).__name__})")
    name, text = _first(obj, fields["text"])
    if text is None:
        raise BadInput(f"{what} has no text (none of the fields {', '.join(fields['text'])})")
    if not isinstance(text, str):
        raise BadInput(f"{what} has {name} of type {type(text).__name__}; expected a string")
    values: dict[str, str | None] = {}
    for column in ("title", "source_url", "licence"):
        name, value = _first(obj, fields[column])
        values[column] = text_field(value, name, what) if name else None
    name, value = _first(obj, fields["author"])
    values["author"] = _author(value, name, what) if name else None
    name, value = _first(obj, fields["published"])
    published = None
    if name:
        published = iso_date(value) if isinstance(value, str) else None
        if published is None:
            raise BadInput(f"{what} has {name}={value!r}; expected an ISO 8601 date (YYYY-MM-DD[THH:MM...])")
    return Draft(
        text=checked_text(text),
        sha256="",
        record=record,
        published=published,
        title=values["title"],
        source_url=values["source_url"],
        licence=values["licence"],
        author=values["author"],
    )


def _records(source: Source) -> Iterator[tuple[int, str, bytes]]:
    """(ordinal, label, bytes) of each record: the lines of a JSON Lines file, a line at a time."""
    with open_regular(source.path, source.root) as raw:
        handle = raw
        if is_gzip(source.path.name):
            import gzip

            handle = gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[assignment]
        number = 0
        try:
            while line := handle.readline(MAX_LINE_BYTES + 1):
                number += 1
                if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
                    while (rest := handle.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                        pass
                    yield number, f"line {number}", b""
                    continue
                if line.strip():
                    yield number, f"line {number}", line
        except EOFError:
            raise BadInput(f"truncated gzip file after line {number}") from None
        except OSError as exc:
            raise BadInput(f"cannot read it after line {number} ({exc})") from None


def _drafts(
    source: Source, items: Iterator[tuple[int, str, bytes | object]]
) -> Iterator[Draft | RecordReject]:
    fields = source.options.json_fields
    for ordinal, position, value in items:
        if value == b"":
            yield RecordReject(position, f"{position} is longer than {MAX_LINE_BYTES:,} bytes", ordinal)
            continue
        raw = value if isinstance(value, bytes) else None
        try:
            obj = parse_json(raw, position) if raw is not None else value
            _, url = _first(obj, fields["source_url"]) if isinstance(obj, dict) else (None, None)
            record = url.strip() if isinstance(url, str) and url.strip() else position
            draft = article(obj, fields, record, position)
        except BadInput as exc:
            yield RecordReject(position, exc.reason, ordinal, sha256_of(raw) if raw else None)
            continue
        # a line's own bytes; an object of a JSON list, its canonical JSON
        own = raw if raw is not None else json.dumps(obj, sort_keys=True, ensure_ascii=False).encode()
        yield dataclasses.replace(draft, sha256=sha256_of(own), ordinal=ordinal)


def read(source: Source) -> Iterator[Draft | RecordReject]:
    name = source.path.name.lower().removesuffix(".gz")
    if name.endswith((".jsonl", ".ndjson")):
        yield from _drafts(source, _records(source))
        return
    data = read_file(source.path, source.root, MAX_JSON_BYTES)
    value = parse_json(data, "the file")
    if isinstance(value, dict) and not any(_lookup(value, n) for n in source.options.json_fields["text"]):
        lists = [v for v in value.values() if isinstance(v, list)]
        value = lists[0] if len(lists) == 1 else value  # {"articles": [...]}
    items = value if isinstance(value, list) else [value]
    yield from _drafts(source, ((i, f"item {i}", obj) for i, obj in enumerate(items, start=1)))
