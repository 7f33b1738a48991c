"""Tables are written as their rows arrive, in fixed row groups: the bytes do not depend on how
the documents were chunked, and a run's scratch folder never outlives it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from test_schemas import GOOD

from newsfacts import staging
from newsfacts.tables import to_arrow

TEXT = GOOD["documents"]["text"]


def document_rows(doc_id: str) -> dict[str, list[dict]]:
    """One small document's rows in every extracted table, as the flow stages them."""
    rows = {
        "documents": [dict(GOOD["documents"], doc_id=doc_id, path=f"{doc_id}.txt")],
        "figures": [dict(GOOD["figures"], doc_id=doc_id, figure_id=f"{doc_id}:fig:8")],
        "actors": [dict(GOOD["actors"], doc_id=doc_id)],
        "locations": [dict(GOOD["locations"], doc_id=doc_id)],
        "quotes": [dict(GOOD["quotes"], doc_id=doc_id, quote_id=f"{doc_id}:quote:8")],
    }
    second = dict(
        GOOD["figures"],
        doc_id=doc_id,
        figure_id=f"{doc_id}:fig:0",
        start=0,
        end=2,
        text="UN",
        value=1.0,
        counted=None,
        category="other",
    )
    rows["figures"].insert(0, second)  # out of reading order: staging sorts it
    return rows


DOC_IDS = [f"doc-{i:02d}" for i in range(11)]


def staged_bytes(folder, chunk_size: int) -> dict[str, bytes]:
    staged = staging.StagedTables(folder)
    for start in range(0, len(DOC_IDS), chunk_size):
        chunk = [document_rows(doc_id) for doc_id in DOC_IDS[start : start + chunk_size]]
        staged.add({name: to_arrow(name, [row for rows in chunk for row in rows[name]]) for name in chunk[0]})
    staged.close()
    return {name: staged.path(name).read_bytes() for name in staged.files}


def test_the_same_rows_give_the_same_bytes_whatever_the_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(staging, "DEFAULT_ROW_GROUP_ROWS", 4)
    monkeypatch.setattr(staging, "ROW_GROUP_ROWS", {"documents": 3})
    one_by_one = staged_bytes(tmp_path / "a", 1)
    assert staged_bytes(tmp_path / "b", 4) == one_by_one
    assert staged_bytes(tmp_path / "c", len(DOC_IDS)) == one_by_one
    figures = pq.ParquetFile(tmp_path / "a" / "output" / "figures.parquet")
    # 22 rows in row groups of 4, the last one shorter
    assert [figures.metadata.row_group(i).num_rows for i in range(figures.num_row_groups)] == [4] * 5 + [2]
    assert pq.ParquetFile(tmp_path / "a" / "output" / "documents.parquet").num_row_groups == 4
    # by document, then reading order
    rows = figures.read().select(["doc_id", "start"]).to_pylist()
    assert rows == sorted(rows, key=lambda r: (r["doc_id"], r["start"]))
    assert rows[:2] == [{"doc_id": "doc-00", "start": 0}, {"doc_id": "doc-00", "start": 8}]


def test_an_empty_table_is_a_valid_parquet_file_with_the_models_columns(tmp_path):
    staged = staging.stage({"figures": to_arrow("figures", [])}, tmp_path)
    table = pq.read_table(staged.path("rejects"))
    assert table.num_rows == 0 and table.column_names == ["path", "record", "reason", "sha256"]


def test_rows_of_another_shape_are_refused(tmp_path):
    staged = staging.StagedTables(tmp_path)
    with pytest.raises(ValueError, match="figures"):
        staged.add({"figures": to_arrow("actors", [GOOD["actors"]])})
    staged.discard()


def test_the_scratch_folder_goes_when_the_run_fails(tmp_path):
    with pytest.raises(RuntimeError), staging.StagedTables.scratch(tmp_path) as staged:
        staged.add({"documents": to_arrow("documents", [GOOD["documents"]])})
        assert staged.folder.parent == tmp_path and staged.folder.name.startswith(staging.PREFIX)
        raise RuntimeError("the run died")
    assert list(tmp_path.iterdir()) == []


LIVE_RUN = """
import sys, time
from pathlib import Path
from newsfacts import staging
with staging.StagedTables.scratch(Path(sys.argv[1])) as staged:
    print(staged.folder, flush=True)
    time.sleep(120)
"""


def test_scratch_folders_of_dead_runs_are_removed_whatever_pid_they_name(tmp_path):
    # a live run in another process holds its folder's lock; a run killed with SIGKILL held one
    live = subprocess.Popen(
        [sys.executable, "-c", LIVE_RUN, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    killed = subprocess.Popen(
        [sys.executable, "-c", LIVE_RUN, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        live_folder = Path(live.stdout.readline().strip())
        killed_folder = Path(killed.stdout.readline().strip())
        killed.kill()
        killed.wait()
        # folders naming live processes that are not runs: PID 1, this test's own PID
        foreign_pids = [tmp_path / f"{staging.PREFIX}1-x1", tmp_path / f"{staging.PREFIX}{os.getpid()}-x2"]
        for folder in foreign_pids:
            (folder / "output").mkdir(parents=True)
        with staging.StagedTables.scratch(tmp_path) as staged:
            assert live_folder.exists() and staged.folder.exists()
            assert not killed_folder.exists()
            assert not any(folder.exists() for folder in foreign_pids)
        assert sorted(p.name for p in tmp_path.iterdir()) == [live_folder.name]
    finally:
        live.kill()
        live.wait()
        killed.kill()
        killed.wait()
    staging.remove_abandoned(tmp_path)  # the live run is dead now: its folder goes too
    assert list(tmp_path.iterdir()) == []
