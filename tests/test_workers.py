"""The extraction workers: light (no table libraries), reporting to the run's one Prefect server,
stopped once the last batch is in, and a run that mixes cached and new documents gives the bytes
of a run that extracts them all."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from process_tree import run_watched

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "2016-11-mosul-sorrowful-picture.txt"
pytestmark = pytest.mark.flow


def test_what_a_worker_imports_loads_no_table_libraries():
    """A worker imports the flow's module (Prefect hands it the flow run's context) and the
    extraction task's: neither may pull in pandas, Pandera, pyarrow or Frictionless."""
    code = (
        "import sys, flows.build, flows.extract, newsfacts.extract, newsfacts.pipeline, schemas; "
        "print(sorted(m for m in ('pandas', 'pandera', 'pyarrow', 'frictionless', 'duckdb') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _articles(seeds: Path, cities: list[str]) -> None:
    seeds.mkdir(exist_ok=True)
    text = SEED.read_text(encoding="utf-8")
    for city in cities:
        (seeds / f"{city.lower()}.txt").write_text(text.replace("Mosul", city), encoding="utf-8")


def test_workers_report_to_the_runs_own_temporary_server_and_stop_before_publishing(tmp_path):
    """With no PREFECT_API_URL, a run starts one temporary Prefect server; its worker processes
    must use it, not start one each (about 200 MB and seconds of CPU apiece)."""
    _articles(tmp_path / "seeds", ["Mosul", "Aleppo", "Raqqa"])
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env.update(NEWSFACTS_WORKERS="2", NEWSFACTS_DOC_CACHE=str(tmp_path / "cache"), PYTHONPATH=str(REPO))
    code = (
        "import sys; from flows.build import build_dataset; "
        "build_dataset(seeds=sys.argv[1], dest=sys.argv[2], batch_size=1)"
    )
    run = run_watched(
        [sys.executable, "-c", code, str(tmp_path / "seeds"), str(tmp_path / "pkg")],
        env,
        cwd=REPO,
        while_exists=tmp_path / "pkg" / ".newsfacts-stage",
    )
    servers, workers, publishing_with_workers = run.servers, run.workers, run.workers_while
    assert run.done.returncode == 0, run.done.stderr[-3000:]
    assert len(workers) == 2, "the extraction batches did not run on two worker processes"
    assert len(servers) == 1, f"{len(servers)} Prefect servers for one run"
    assert publishing_with_workers == [], "worker processes were still running while publishing"


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".newsfacts")
    }


def test_cached_and_new_documents_interleaved_give_the_bytes_of_a_fresh_run(
    prefect_api, tmp_path, monkeypatch
):
    from flows.build import build_dataset

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    cities = ["Aleppo", "Basra", "Homs", "Kirkuk", "Raqqa"]
    # a first run sees every other article; the second run mixes them with new ones
    _articles(tmp_path / "seeds", cities[::2])
    monkeypatch.setenv("NEWSFACTS_DOC_CACHE", str(tmp_path / "cache"))
    build_dataset(seeds=str(tmp_path / "seeds"), dest=str(tmp_path / "mixed"), batch_size=1)
    _articles(tmp_path / "seeds", cities)
    mixed = build_dataset(seeds=str(tmp_path / "seeds"), dest=str(tmp_path / "mixed"), batch_size=1)
    monkeypatch.setenv("NEWSFACTS_DOC_CACHE", str(tmp_path / "fresh-cache"))
    build_dataset(seeds=str(tmp_path / "seeds"), dest=str(tmp_path / "fresh"), batch_size=2)
    assert mixed["rows"]["documents"] == len(cities)
    mixed_files, fresh_files = _files(tmp_path / "mixed"), _files(tmp_path / "fresh")
    assert sorted(mixed_files) == sorted(fresh_files)
    # the data, byte for byte (the descriptor and the pages name the version: 1.1.0 against 1.0.0)
    data = [name for name in fresh_files if name.endswith((".parquet", ".csv"))]
    assert len(data) == 18
    assert [name for name in data if mixed_files[name] != fresh_files[name]] == []
    assert not list((tmp_path / "mixed").glob(".newsfacts-build-*")), "a scratch folder was left behind"


def test_a_cache_entry_gone_between_lookup_and_write_is_extracted_again(tmp_path, nlp, gazetteer):
    from newsfacts import cache, ingest
    from newsfacts.pipeline import Entries, outcomes_in_order

    _articles(tmp_path / "seeds", ["Mosul"])
    documents, _ = ingest.scan(tmp_path / "seeds")
    store = cache.DocumentCache(tmp_path / "cache", "fingerprint")
    # the lookup found it (done), then the cache was cleared: nothing to read, no batch holds it
    [(document, outcome)] = list(
        outcomes_in_order(documents, {documents[0].doc_id}, Entries(store), iter([]))
    )
    assert document is documents[0] and outcome["figures"] and outcome["quotes"]
    assert store.get(document.text) == outcome
