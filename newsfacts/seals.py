"""Rows that passed the checks before: a re-run stages them without checking them again.

A re-run reads most of its documents' rows from the cache (``newsfacts.cache``), and checking
them again (the Pandera models, keys, offsets and ids: about 1 ms a document) was a sixth of a
re-run that adds 1% new articles, and grows with the corpus. Once a document's rows have passed
the checks, a *seal* is stored beside its cache entry: the SHA-256 of

- what the rows were checked against (``checks_fingerprint``: the source of the schemas, of the
  checks and of the code that builds the tables, and the versions of Pandera, pandas and pyarrow),
- the document's id and publication date (the rows' ids and the figures' dates are made from them
  after the cache, ``extract.with_ids``),
- the digest of the entry's exact bytes (``cache.Entry.digest``).

A cached document whose stored seal is the one these give is staged without its rows being
checked again. Any change breaks the seal and the rows are checked as before, so that an entry
that fails is still a cache miss (``pipeline.check_chunk``): a new schema or check, a renamed file
or a new publication date, one changed byte in the entry (damage). The document's own row
(``documents``: its metadata, read from the file on every run) is always checked.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from newsfacts.cache import hash_files

_ROOT = Path(__file__).resolve().parent.parent
# what decides whether rows pass: the models, the checks, and the code that turns rows into tables
_CHECKS_CODE = ("schemas/*.py", "newsfacts/validate.py", "newsfacts/tables.py", "newsfacts/pipeline.py")
_CHECKS_PACKAGES = ("pandera", "pandas", "pyarrow", "numpy")


@cache
def checks_fingerprint() -> str:
    """What a document's rows are checked against (see the module's docstring)."""
    digest = hashlib.sha256(b"newsfacts checks\n")
    for package in _CHECKS_PACKAGES:
        try:
            digest.update(f"{package} {version(package)}\n".encode())
        except PackageNotFoundError:
            digest.update(f"{package} -\n".encode())
    hash_files(digest, sorted(p for pattern in _CHECKS_CODE for p in _ROOT.glob(pattern)), _ROOT)
    hash_files(digest, [Path(__file__).resolve()], _ROOT)
    return digest.hexdigest()


def seal(doc_id: str, published: str | None, digest: str) -> str:
    """The seal of a document's cache entry (its ``digest``) whose rows passed the checks."""
    text = f"{checks_fingerprint()}\n{doc_id}\n{published or ''}\n{digest}"
    return hashlib.sha256(text.encode()).hexdigest()
