"""The key of everything a package is built from, recorded beside it (``DEST/.newsfacts-inputs``):
a run whose inputs have the key of the published package can skip the work."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

import schemas
from newsfacts.cache import hash_files
from newsfacts.ingest import Reject

INPUTS = ".newsfacts-inputs"
_LIBRARY = Path(__file__).resolve().parent.parent


def _software_fingerprint() -> str:
    """Every file of the code that shapes the package (newsfacts, its templates and lexicons,
    the schemas): a change of code is a change of inputs."""
    digest = hashlib.sha256()
    for root in (_LIBRARY, Path(schemas.__file__).resolve().parent):
        files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".py", ".j2", ".toml"))
        hash_files(digest, files, root.parent)
    return digest.hexdigest()


class HasMetadata(Protocol):
    def metadata_row(self) -> dict: ...


def inputs_key(documents: Iterable[HasMetadata], rejects: Sequence[Reject], model: dict) -> str:
    """A key of everything a package is built from: the documents (their bytes' SHA-256 and
    metadata, ``Document.metadata_row``), the rejects, the model and the code. Equal keys give the
    same package. Hashed a document at a time: nothing here grows with the number of documents."""
    digest = hashlib.sha256()
    head = {
        "software": _software_fingerprint(),
        "model": model,
        "rejects": [r.row() for r in rejects],
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH"),
    }
    digest.update(json.dumps(head, sort_keys=True, ensure_ascii=False).encode() + b"\n")
    for document in documents:
        row = json.dumps(document.metadata_row(), sort_keys=True, ensure_ascii=False)
        digest.update(row.encode() + b"\n")
    return digest.hexdigest()


def recorded(dest: Path) -> str | None:
    """The key recorded beside the package in DEST, if any."""
    try:
        return (dest / INPUTS).read_text(encoding="utf-8").strip()
    except OSError:
        return None


def record(dest: Path, key: str | None) -> None:
    """Record the key of the package now in DEST (None: forget it, the package is changing)."""
    if key is None:
        (dest / INPUTS).unlink(missing_ok=True)
    else:
        (dest / INPUTS).write_text(key + "\n", encoding="utf-8")
