"""The flow on a Dask cluster (prefect-dask's DaskTaskRunner) gives the package of a local run,
byte for byte."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from newsfacts import cache

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "2016-11-mosul-sorrowful-picture.txt"
pytestmark = pytest.mark.flow


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".newsfacts")
    }


def test_a_run_on_a_dask_cluster_gives_the_local_package_byte_for_byte(prefect_api, tmp_path, monkeypatch):
    from distributed import LocalCluster

    from flows.build import build_dataset

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEED, seeds / SEED.name)
    text = SEED.read_text(encoding="utf-8")
    for city in ("Aleppo", "Raqqa"):  # two more distinct articles
        (seeds / f"{city.lower()}.txt").write_text(text.replace("Mosul", city), encoding="utf-8")
    # local: three batches of one document on the local process pool
    monkeypatch.setenv("NEWSFACTS_DOC_CACHE", str(tmp_path / "cache-local"))
    build_dataset(seeds=str(seeds), dest=str(tmp_path / "local"), batch_size=1)
    # Dask: the same batches on a cluster (in this process, threads: quick to start and stop)
    monkeypatch.setenv("NEWSFACTS_DOC_CACHE", str(tmp_path / "cache-dask"))
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        summary = build_dataset(
            seeds=str(seeds),
            dest=str(tmp_path / "dask"),
            batch_size=1,
            dask_address=cluster.scheduler_address,
        )
    assert summary["rows"]["documents"] == 3
    local, dask = _files(tmp_path / "local"), _files(tmp_path / "dask")
    assert sorted(local) == sorted(dask) and "output/figures.parquet" in local
    for name in local:
        assert local[name] == dask[name], f"{name} differs between the local and the Dask run"
    con = sqlite3.connect(tmp_path / "cache-dask" / cache.DATABASE)  # the flow's process wrote the cache
    assert con.execute("SELECT count(*) FROM entries").fetchall() == [(3,)]
    con.close()
