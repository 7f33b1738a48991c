"""A seeds folder (or one file) -> documents and rejects, streamed in a fixed order.

``stream(seeds)`` yields each Document or Reject as it is read: files in walking order (each
folder's entries sorted by name, depth first), a file's records in their order. It holds one
article's text at a time (plus, per file, one document held back to carry the file's note) and
the hashes and ids seen so far, to report duplicates. ``scan(seeds)`` collects the stream.

Nothing here raises for a bad file or record: each becomes a Reject with the reason (an error
inside a parser too, said to be a bug), and one bad input never costs the rest of the run.
"""

from __future__ import annotations

import dataclasses
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from newsfacts.ingest import language, sidecar
from newsfacts.ingest.display import printable
from newsfacts.ingest.documents import BadInput, Document, Reject
from newsfacts.ingest.files import why_not_read
from newsfacts.ingest.ids import doc_id_for, record_id_for
from newsfacts.ingest.limits import MAX_DEPTH
from newsfacts.ingest.registry import Format, expected, format_of, split_suffix
from newsfacts.ingest.source import Draft, FileNote, Options, RecordReject, Source
from newsfacts.ingest.text import checked_text, title_from_text


def _entries(folder: Path, rel: str, depth: int) -> Iterator[tuple[Path, str] | Reject]:
    """(path, relpath) of every non-folder entry under ``folder``, depth first, sorted by name;
    a Reject for a folder that cannot be listed or is nested too deep. Symlinked folders are not
    followed (they could loop or escape); hidden entries are skipped."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        yield Reject(rel or ".", f"folder {why_not_read(exc).removeprefix('cannot read it')}".strip())
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        relpath = f"{rel}/{entry.name}" if rel else entry.name
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            if depth >= MAX_DEPTH:
                yield Reject(relpath + "/", f"folder nested deeper than {MAX_DEPTH} levels: not read")
                continue
            yield from _entries(Path(entry.path), relpath, depth + 1)
        elif not relpath.endswith(sidecar.SUFFIX):
            yield Path(entry.path), relpath


def _files(seeds: Path) -> tuple[Path, Iterator[tuple[Path, str] | Reject]]:
    """The seeds' root folder and its files. ``seeds`` may be one file (of any format)."""
    try:
        mode = seeds.stat().st_mode
    except OSError:
        raise FileNotFoundError(f"seeds folder not found: {seeds}") from None
    if stat.S_ISDIR(mode):
        return seeds.resolve(), _entries(seeds, "", 0)
    real = seeds.resolve()
    return real.parent, iter([(real, real.name)])


# where a format's own date comes from (documents.published_source)
_DATE_SOURCE = {"html": "page", "warc": "page", "feed": "feed", "jsonl": "json", "json": "json"}


def _published(meta: dict, draft: Draft, fmt: Format, text: str) -> tuple[str | None, str | None]:
    """The publication date and where it came from: the sidecar, else what the format says (page
    metadata, the feed item, the JSON object), else the article's own first lines (a dateline or
    date line); never the file's modification time."""
    if meta.get("published"):
        return meta["published"], "sidecar"
    if draft.published:
        return draft.published, _DATE_SOURCE.get(fmt.name, fmt.name)
    from newsfacts.extract.when import published_in_text

    stated = published_in_text(text)
    return (stated, "text") if stated else (None, None)


class _Scanner:
    def __init__(self, root: Path, options: Options):
        self.root = root
        self.options = options
        self.seen_sha: dict[str, str] = {}
        self.seen_ids: dict[str, str] = {}

    def file(self, path: Path, relpath: str) -> Iterator[Document | Reject]:
        fmt = format_of(path.name)
        if fmt is None:
            yield Reject(
                relpath,
                f"not an article: extension {path.suffix or '(none)'!r} (expected one of {expected()})",
            )
            return
        source = Source(path, relpath, self.root, self.options)
        held: Document | None = None  # the file's last document, which gets the file's note
        labels: set[str] = set()
        meta: dict | None = None  # the sidecar, read once the file has given an article
        sha = None
        try:
            for item in fmt.reader()(source):
                if isinstance(item, FileNote):
                    if held is not None:
                        held = dataclasses.replace(held, notes=(*held.notes, item.note))
                    continue
                if isinstance(item, Draft) and meta is None:
                    sha = None if fmt.many else item.sha256
                    meta = sidecar.read(path, self.root)
                out = self._record(item, source, fmt, meta or {}, labels)
                if isinstance(out, Document):
                    if held is not None:
                        yield held
                    held = out
                else:
                    yield out
        except BadInput as exc:
            yield Reject(relpath, exc.reason, exc.sha256 or sha)
        except (KeyboardInterrupt, SystemExit, GeneratorExit, MemoryError):
            raise
        except (
            BaseException
        ) as exc:  # a parser's own failure (a Rust panic too): this file only, said to be a bug
            yield Reject(
                relpath,
                f"could not be read: {type(exc).__name__}: {exc} "
                "(a bug in newsfacts or a library it uses; please report it)",
                sha,
            )
        if held is not None:
            yield held

    def _label(self, record: str | None, ordinal: int, labels: set[str]) -> str | None:
        """The record's name, made unique within its file (a URL seen twice gets its position)."""
        if record is None:
            return None
        label = record if record not in labels else f"{record} (record {ordinal})"
        labels.add(label)
        return label

    def _record(self, item, source: Source, fmt: Format, meta: dict, labels: set[str]) -> Document | Reject:
        if isinstance(item, RecordReject):
            return Reject(
                source.relpath, item.reason, item.sha256, self._label(item.record, item.ordinal, labels)
            )
        label = self._label(item.record, item.ordinal, labels)
        if label != item.record:
            return Reject(
                source.relpath,
                f"another record of this file has the same URL ({printable(item.record or '')}): "
                "published once",
                item.sha256,
                label,
            )
        try:
            document = self._document(item, source, fmt, meta)
        except BadInput as exc:
            return Reject(source.relpath, exc.reason, item.sha256, label)
        return self._unique(document)

    def _document(self, draft: Draft, source: Source, fmt: Format, meta: dict) -> Document:
        text = checked_text(draft.text)
        if fmt.many:
            doc_id = record_id_for(source.relpath, draft.record or f"record {draft.ordinal}")
            meta = {"licence": meta.get("licence")}
        else:
            doc_id = doc_id_for(source.relpath)
        code = language.language_of(text)
        if code is not None and self.options.languages is not None and code not in self.options.languages:
            raise BadInput(language.refusal(code, self.options.languages))
        fallback = split_suffix(Path(source.relpath).name)[0]
        published, published_source = _published(meta, draft, fmt, text)
        return Document(
            doc_id=doc_id,
            path=source.relpath,
            record=draft.record,
            format=fmt.name,
            title=meta.get("title") or draft.title or title_from_text(text, fallback),
            text=text,
            sha256=draft.sha256,
            published=published,
            published_source=published_source,
            author=draft.author,
            language=code,
            source_url=meta.get("source_url") or draft.source_url,
            canonical_url=draft.canonical_url,
            licence=meta.get("licence") or draft.licence,
            notes=draft.notes,
        )

    def _unique(self, doc: Document) -> Document | Reject:
        where = doc.path + (f" [{doc.record}]" if doc.record else "")
        if doc.sha256 in self.seen_sha:
            return doc.reject(f"duplicate of {self.seen_sha[doc.sha256]} (same bytes); published once")
        if doc.doc_id in self.seen_ids:
            return doc.reject(
                f"its document id {doc.doc_id!r} is already taken by {self.seen_ids[doc.doc_id]}; "
                "rename one of them"
            )
        self.seen_sha[doc.sha256] = where
        self.seen_ids[doc.doc_id] = where
        return doc


def stream(seeds: Path, options: Options | None = None) -> Iterator[Document | Reject]:
    """Every document and reject under ``seeds`` (a folder, or one file), one at a time, in a fixed order."""
    root, files = _files(Path(seeds))
    scanner = _Scanner(root, options or Options())
    try:
        for entry in files:
            if isinstance(entry, Reject):
                yield entry
            else:
                yield from scanner.file(*entry)
    finally:
        language.release()  # ~110 MB the extraction that follows does not need


def scan(seeds: Path, options: Options | None = None) -> tuple[list[Document], list[Reject]]:
    """Read every file under ``seeds`` (recursively, in a fixed order) into documents and rejects."""
    documents: list[Document] = []
    rejects: list[Reject] = []
    for item in stream(seeds, options):
        if isinstance(item, Document):
            documents.append(item)
        else:
            rejects.append(item)
    return documents, rejects
