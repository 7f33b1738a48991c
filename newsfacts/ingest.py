"""A seeds folder -> documents and rejects.

Every file under the folder becomes either a Document (published) or a Reject (listed in the
package's rejects table with the reason). Nothing here raises for a bad file: one bad file never
costs the rest of the run.

Metadata: an article ``name.txt`` may have a sidecar ``name.meta.json`` with any of
``title``, ``published`` (YYYY[-MM[-DD]]), ``source_url`` and ``licence``. Without a sidecar date,
the publication date is the one the article states in its first lines, if any
(``documents.published_source`` says which).
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from slugify import slugify

from newsfacts.extract.when import published_in_text

ARTICLE_SUFFIXES = {".txt", ".md", ".text"}
SIDECAR_SUFFIX = ".meta.json"
# Limits: a long news article is 10-50,000 characters. Far larger files are dumps or mistakes;
# refusing them (with the reason) keeps one file from costing minutes and gigabytes of parsing.
MAX_BYTES = int(os.environ.get("NEWSFACTS_MAX_BYTES", 4 * 1024 * 1024))  # refused before reading
MAX_CHARS = int(os.environ.get("NEWSFACTS_MAX_CHARS", 500_000))  # refused after decoding
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Document:
    doc_id: str
    path: str
    title: str
    text: str
    sha256: str
    published: str | None = None
    published_source: str | None = None  # 'sidecar' or 'text': where `published` came from
    source_url: str | None = None
    licence: str | None = None
    notes: tuple[str, ...] = field(default=())  # warnings worth telling the user (e.g. decoded as Latin-1)

    @property
    def n_chars(self) -> int:
        return len(self.text)

    @property
    def n_words(self) -> int:
        return sum(1 for _ in _WORD.finditer(self.text))

    def row(self) -> dict:
        return {
            "doc_id": self.doc_id,
            "path": self.path,
            "title": self.title,
            "text": self.text,
            "sha256": self.sha256,
            "n_chars": self.n_chars,
            "n_words": self.n_words,
            "published": self.published,
            "published_source": self.published_source,
            "source_url": self.source_url,
            "licence": self.licence,
        }


@dataclass(frozen=True)
class Reject:
    path: str
    reason: str
    sha256: str | None = None

    def row(self) -> dict:
        return {"path": self.path, "reason": self.reason, "sha256": self.sha256}

    def message(self) -> str:
        return f"{self.path}: {self.reason}"


class BadInput(ValueError):
    """A file that cannot be published; the message says why."""


def doc_id_for(relpath: str) -> str:
    """Stable, readable id from the path relative to the seeds folder: the extension dropped, each
    folder and the file name slugged (python-slugify with Unidecode: ``ünïcödé näme.txt`` ->
    ``unicode-name``, ``Москва.txt`` -> ``moskva``), joined by '/'. A name with nothing to
    transliterate (emoji only) gets ``d-`` and a short hash of it, so two such names stay apart.
    The rule is id scheme 2 (``newsfacts.publish.version.ID_SCHEME``): change it, bump that."""
    parts = relpath.split("/")
    if "." in parts[-1]:
        parts[-1] = parts[-1].rsplit(".", 1)[0]
    slugs = [slugify(part) or f"d-{hashlib.sha256(part.encode()).hexdigest()[:8]}" for part in parts if part]
    return "/".join(slugs) or "document"


def decode(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Bytes -> text, or BadInput with the reason. Returns the text and notes for the user."""
    notes: tuple[str, ...] = ()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise BadInput(f"UTF-16 byte-order mark but invalid UTF-16 ({exc.reason})") from None
        notes = ("decoded as UTF-16 (byte-order mark)",)
    elif b"\x00" in data:
        raise BadInput("binary file: it contains NUL bytes")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            latin1 = _latin1_or_none(data)
            if latin1 is None:
                raise BadInput(
                    f"not UTF-8 text: invalid byte 0x{data[exc.start]:02x} at offset {exc.start}"
                ) from None
            text = latin1
            notes = ("not valid UTF-8; decoded as Latin-1 (Windows-1252)",)
    if "\x00" in text:
        raise BadInput("the text contains NUL characters")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise BadInput("no text: the file holds only whitespace")
    if len(text) > MAX_CHARS:
        longest = max(len(line) for line in text.split("\n"))
        raise BadInput(
            f"too long for one news article: {len(text):,} characters (the limit is "
            f"{MAX_CHARS:,}; its longest line has {longest:,}); split it into articles"
        )
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\t\f\v")
    if controls > max(8, len(text) // 100):
        raise BadInput(f"binary file: {controls} control characters in {len(text)}")
    return text, notes


def _latin1_or_none(data: bytes) -> str | None:
    """Text that is clearly Latin-1/Windows-1252: mostly ASCII, high bytes among letters."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    high = [c for c in text if ord(c) > 127]
    if len(high) > len(text) * 0.3:
        return None
    if sum(1 for c in high if c.isalpha() or c in "€‘’“”–—…°£©®«»·") < len(high) * 0.8:
        return None
    return text


def _title_from_text(text: str, fallback: str) -> str:
    for line in text.split("\n"):
        line = line.strip()
        if line:
            return line[:200]
    return fallback


def _sidecar(path: Path) -> dict:
    sidecar = path.with_name(path.name.rsplit(".", 1)[0] + SIDECAR_SUFFIX)
    if not sidecar.exists():
        return {}
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BadInput(f"its metadata file {sidecar.name} is not valid JSON ({exc})") from None
    if not isinstance(meta, dict):
        raise BadInput(f"its metadata file {sidecar.name} is not a JSON object")
    published = meta.get("published")
    if published is not None and not _DATE.match(str(published)):
        raise BadInput(
            f"its metadata file {sidecar.name} has published={published!r}; "
            "expected YYYY, YYYY-MM or YYYY-MM-DD"
        )
    return {
        k: (str(meta[k]) if meta.get(k) is not None else None)
        for k in ("title", "published", "source_url", "licence")
    }


def _published(meta: dict, text: str) -> tuple[str | None, str | None]:
    """The publication date and where it came from: the sidecar, else the article's own first
    lines (a dateline or date line); never the file's modification time."""
    if meta.get("published"):
        return meta["published"], "sidecar"
    stated = published_in_text(text)
    return (stated, "text") if stated else (None, None)


def read_document(path: Path, relpath: str) -> Document:
    """One file -> a Document, or BadInput naming the reason."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise BadInput(f"cannot read it ({exc.strerror})") from None
    if size == 0:
        raise BadInput("empty file (0 bytes)")
    if size > MAX_BYTES:
        raise BadInput(f"too large for a news article ({size:,} bytes; the limit is {MAX_BYTES:,})")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"cannot read it ({exc.strerror})") from None
    sha = hashlib.sha256(data).hexdigest()
    try:
        text, notes = decode(data)
        meta = _sidecar(path)
    except BadInput as exc:
        raise BadInput(str(exc), sha) from None
    published, published_source = _published(meta, text)
    return Document(
        doc_id=doc_id_for(relpath),
        path=relpath,
        title=meta.get("title") or _title_from_text(text, Path(relpath).stem),
        text=text,
        sha256=sha,
        published=published,
        published_source=published_source,
        source_url=meta.get("source_url"),
        licence=meta.get("licence"),
        notes=notes,
    )


def _sha_or_none(exc: BadInput) -> str | None:
    return exc.args[1] if len(exc.args) > 1 else None


def scan(seeds: Path) -> tuple[list[Document], list[Reject]]:
    """Read every file under ``seeds`` (recursively, in a fixed order) into documents and rejects."""
    seeds = Path(seeds)
    if not seeds.is_dir():
        raise FileNotFoundError(f"seeds folder not found: {seeds}")
    root = seeds.resolve()
    documents: list[Document] = []
    rejects: list[Reject] = []
    seen_sha: dict[str, str] = {}
    seen_ids: dict[str, str] = {}
    for path in sorted(_walk(seeds), key=lambda p: p.relative_to(seeds).as_posix()):
        relpath = path.relative_to(seeds).as_posix()
        if relpath.endswith(SIDECAR_SUFFIX) or path.name.startswith("."):
            continue
        if path.is_symlink():
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                rejects.append(Reject(relpath, "broken symbolic link"))
                continue
            if not target.is_relative_to(root):
                rejects.append(Reject(relpath, "symbolic link pointing outside the seeds folder (refused)"))
                continue
        if path.suffix.lower() not in ARTICLE_SUFFIXES:
            rejects.append(
                Reject(
                    relpath,
                    f"not an article: extension {path.suffix or '(none)'!r} "
                    f"(expected one of {', '.join(sorted(ARTICLE_SUFFIXES))})",
                )
            )
            continue
        try:
            doc = read_document(path, relpath)
        except BadInput as exc:
            rejects.append(Reject(relpath, exc.args[0], _sha_or_none(exc)))
            continue
        if doc.sha256 in seen_sha:
            rejects.append(
                Reject(
                    relpath,
                    f"duplicate of {seen_sha[doc.sha256]} (same bytes); published once",
                    doc.sha256,
                )
            )
            continue
        if doc.doc_id in seen_ids:
            rejects.append(
                Reject(
                    relpath,
                    f"its document id {doc.doc_id!r} is already taken by "
                    f"{seen_ids[doc.doc_id]}; rename one of them",
                    doc.sha256,
                )
            )
            continue
        seen_sha[doc.sha256] = relpath
        seen_ids[doc.doc_id] = relpath
        documents.append(doc)
    return documents, rejects


def _walk(folder: Path):
    """Files under folder; symlinked folders are not followed (they could loop or escape)."""
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.is_dir() and not entry.is_symlink():
            if not entry.name.startswith("."):
                yield from _walk(entry)
        elif entry.is_file() or entry.is_symlink():
            yield entry
