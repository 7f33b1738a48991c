"""Seals (``newsfacts.seals``): a cached document whose rows passed the checks is not checked again
on a re-run, and anything that could change the verdict (the entry's bytes, the document's id or
date, the checks) breaks the seal, so that the rows are checked as before."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import zlib

import pytest

from newsfacts import cache, ingest, pipeline, seals, validate
from newsfacts.staging import StagedTables

ARTICLE = (
    "Landslides kill 14 in western Uganda\n\n"
    "At least 14 people were killed and 2,300 displaced by landslides in the Bulambuli district of "
    'Uganda on Tuesday, the Uganda Red Cross Society said. "Many more are missing," said Irene '
    "Nakasiita, a spokeswoman for the society."
)


def _document(doc_id: str, published: str | None = "2026-11-03") -> ingest.Document:
    return ingest.Document(
        doc_id=doc_id, path=f"{doc_id}.txt", title=doc_id, text=ARTICLE, sha256="0" * 64, published=published
    )


class _Build:
    """The part of ``pipeline.Build`` that ``check_chunk`` uses, over a real document cache."""

    def __init__(self, store: cache.DocumentCache):
        self.entries = pipeline.Entries(store)
        self.done: set[str] = set()

    @property
    def sealed(self) -> set[str]:
        return self.entries.sealed

    def passed(self, documents) -> None:
        self.entries.passed(documents)

    def extract_again(self, document):
        raise AssertionError(f"{document.doc_id} should not need extracting again")

    def failed(self, document, reason):
        raise AssertionError(f"{document.doc_id} failed: {reason}")


@pytest.fixture
def rows(extract):
    found = extract(ARTICLE, "x")
    assert found["figures"] and found["actors"], "the article must give figures and actors"
    return {t: [{k: v for k, v in r.items() if k != "doc_id"} for r in rs] for t, rs in found.items()}


@pytest.fixture
def checked_schemas(monkeypatch):
    """How many tables each call of check_chunk puts through the Pandera models."""
    calls: list[str] = []
    real = validate.check_schema

    def counting(table, arrow):
        calls.append(table)
        return real(table, arrow)

    monkeypatch.setattr(validate, "check_schema", counting)
    return calls


def _stage(build: _Build, document: ingest.Document, tmp_path, name: str) -> dict[str, bytes]:
    """The document read from the cache (as a re-run reads it), checked and staged."""
    outcome = build.entries.read(document)
    assert isinstance(outcome, dict)
    with StagedTables.scratch(tmp_path / name) as staged:
        assert pipeline.check_chunk([(document, outcome)], staged, redo=build) == ([], [])
        staged.close()
        return {t: staged.path(t).read_bytes() for t in ("documents", "figures", "actors", "quotes")}


def test_rows_that_passed_are_staged_without_checking_again_and_give_the_same_bytes(
    rows, tmp_path, checked_schemas
):
    store = cache.DocumentCache(tmp_path / "cache", "fingerprint")
    document = _document("uganda")
    store.put(document.text, rows)

    first = _stage(_Build(store), document, tmp_path, "first")  # a first read: checked, then sealed
    assert {"figures", "actors", "locations", "quotes"} <= set(checked_schemas)
    checked_schemas.clear()

    again = _stage(_Build(store), document, tmp_path, "again")  # a re-run: sealed
    assert checked_schemas == ["documents"]  # the document's own row, read from its file, always
    assert again == first


@pytest.mark.parametrize(
    "change",
    ["another doc_id", "another publication date", "the entry's bytes", "the checks"],
)
def test_anything_that_could_change_the_verdict_breaks_the_seal(
    rows, tmp_path, checked_schemas, monkeypatch, change
):
    store = cache.DocumentCache(tmp_path / "cache", "fingerprint")
    document = _document("uganda")
    store.put(document.text, rows)
    _stage(_Build(store), document, tmp_path, "first")
    checked_schemas.clear()

    if change == "another doc_id":
        document = dataclasses.replace(document, doc_id="uganda-landslides")
    elif change == "another publication date":
        document = dataclasses.replace(document, published="2026-11-04")
    elif change == "the entry's bytes":  # damage that still reads as an entry for this key
        con = sqlite3.connect(store.path)
        (body,) = con.execute(
            "SELECT body FROM entries WHERE key = ?", (store.key(document.text),)
        ).fetchone()
        entry = json.loads(zlib.decompress(body))
        entry["tables"]["figures"][0]["value"] += 1  # a wrong count that still passes every check
        with con:
            con.execute(
                "UPDATE entries SET body = ? WHERE key = ?",
                (zlib.compress(json.dumps(entry).encode()), store.key(document.text)),
            )
        con.close()
    else:
        monkeypatch.setattr(seals, "checks_fingerprint", lambda: "another version of the schemas")

    build = _Build(store)
    _stage(build, document, tmp_path, "again")
    assert {"figures", "actors", "locations", "quotes"} <= set(checked_schemas), "checked again"


def test_a_cached_entry_sealed_before_but_now_failing_is_still_a_miss(rows, tmp_path):
    """Damage that breaks the rows: the seal no longer holds, the checks catch the rows, and the
    document is extracted again (``Build.extract_again``)."""
    store = cache.DocumentCache(tmp_path / "cache", "fingerprint")
    document = _document("uganda")
    store.put(document.text, rows)
    _stage(_Build(store), document, tmp_path, "first")
    damaged = json.loads(json.dumps(rows))
    damaged["figures"][0]["end"] = 10**9  # outside the text
    store.put(document.text, damaged)

    class Redo(_Build):
        def __init__(self, store):
            super().__init__(store)
            self.extracted: list[str] = []

        def extract_again(self, document):
            self.extracted.append(document.doc_id)
            self.entries.write([(document, rows)])
            return rows

    build = Redo(store)
    build.done = {document.doc_id}
    outcome = build.entries.read(document)
    with StagedTables.scratch(tmp_path / "again") as staged:
        assert pipeline.check_chunk([(document, outcome)], staged, redo=build) == ([], [])
        assert staged.rows["figures"] == len(rows["figures"])
    assert build.extracted == ["uganda"]


def test_the_checks_fingerprint_covers_the_schemas_and_the_checks():
    covered = {
        p.relative_to(seals._ROOT).as_posix()
        for pattern in seals._CHECKS_CODE
        for p in seals._ROOT.glob(pattern)
    }
    assert {
        "schemas/figures.py",
        "schemas/__init__.py",
        "newsfacts/validate.py",
        "newsfacts/tables.py",
    } <= covered
