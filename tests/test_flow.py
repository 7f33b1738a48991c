"""The Prefect flow end to end into a temporary folder: seeds with good and bad files in, a valid
published package out, queried with DuckDB; and the committed package is what the flow gives."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsfacts import query
from newsfacts.validate import validate_package

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "2016-11-mosul-sorrowful-picture.txt"
pytestmark = pytest.mark.flow


@pytest.fixture(scope="session")
def prefect_harness(prefect_api):
    return prefect_api


@pytest.fixture(scope="session")
def seeds_with_bad_files(tmp_path_factory):
    seeds = tmp_path_factory.mktemp("seeds")
    shutil.copy(SEED, seeds / SEED.name)
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "latin.txt").write_bytes(bytes(range(128, 256)) * 3)
    return seeds


@pytest.fixture(scope="session")
def built(prefect_harness, seeds_with_bad_files, tmp_path_factory):
    from flows.build import build_dataset

    dest = tmp_path_factory.mktemp("dest")
    summary = build_dataset(seeds=str(seeds_with_bad_files), dest=str(dest))
    return dest, summary


def test_flow_publishes_the_good_documents_and_lists_the_bad_files(built):
    dest, summary = built
    assert summary["rows"]["documents"] == 1
    assert summary["rows"]["figures"] > 5 and summary["rows"]["quotes"] > 3
    assert sorted(m.split(":")[0] for m in summary["rejects"]) == ["empty.txt", "latin.txt"]
    _, rows = query.run("SELECT path, reason FROM rejects ORDER BY path", dest)
    assert rows[0] == ("empty.txt", "empty file (0 bytes)")
    assert rows[1][0] == "latin.txt" and "not UTF-8" in rows[1][1]


def test_flow_output_is_valid_for_newsfacts_and_frictionless(built):
    dest, _ = built
    assert validate_package(dest) == []
    run = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", str(dest / "datapackage.json")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-2000:]


def test_killed_and_displaced_figures_with_their_sentences(built):
    dest, _ = built
    _, rows = query.run(
        """SELECT f.text, f.value, f.category, d.path
           FROM figures f JOIN documents d USING (doc_id)
           WHERE f.category IN ('killed', 'displaced') ORDER BY f.start""",
        dest,
    )
    assert ("1,792", 1792.0, "killed", SEED.name) in rows
    _, offsets = query.run(
        "SELECT count(*) FROM figures f JOIN documents d USING (doc_id) "
        'WHERE substr(d.text, f.start + 1, f."end" - f.start) <> f.text',
        dest,
    )
    assert offsets == [(0,)]


def test_strict_mode_publishes_nothing_when_a_file_is_rejected(
    prefect_harness, seeds_with_bad_files, tmp_path
):
    from flows.build import build_dataset
    from newsfacts.pipeline import StrictModeFailure

    with pytest.raises(StrictModeFailure, match=r"empty\.txt"):
        build_dataset(seeds=str(seeds_with_bad_files), dest=str(tmp_path), strict=True)
    assert not (tmp_path / "datapackage.json").exists()


def test_committed_package_is_what_the_flow_gives_byte_for_byte(prefect_harness, tmp_path):
    from flows.build import build_dataset

    build_dataset(seeds=str(REPO / "seeds"), dest=str(tmp_path))
    committed = sorted((REPO / "output").glob("*.parquet")) + sorted((REPO / "output").rglob("*.csv"))
    assert committed, "no committed package: run `newsfacts run`"
    for path in committed:
        rel = path.relative_to(REPO)
        assert (tmp_path / rel).read_bytes() == path.read_bytes(), (
            f"{rel} differs from a fresh run: regenerate the package with `newsfacts run`"
        )


def test_run_command_end_to_end(tmp_path):
    """What a user types: `newsfacts run`, then `newsfacts validate` and `newsfacts query`."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEED, seeds / SEED.name)
    (seeds / "empty.txt").write_bytes(b"")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    exe = Path(sys.executable).parent / "newsfacts"
    run = subprocess.run(
        [str(exe), "run", "--seeds", str(seeds), "--dest", str(tmp_path / "pkg")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "rejected: empty.txt: empty file (0 bytes)" in run.stderr
    assert "Traceback" not in run.stderr and "published" in run.stdout
    # progress, per stage, on the terminal
    for line in (
        "ingest: 1 document(s) read, 1 file(s) rejected",
        "extract: 1/1 documents (100%)",
        "validate: 1/1 documents",
        "publish: 1/1 documents",
    ):
        assert line in run.stderr, run.stderr
    check = subprocess.run(
        [str(exe), "validate", "--dest", str(tmp_path / "pkg")], capture_output=True, text=True
    )
    assert check.returncode == 0 and check.stdout.startswith("valid")
    answer = subprocess.run(
        [str(exe), "query", "SELECT count(*) AS n FROM documents", "--dest", str(tmp_path / "pkg")],
        capture_output=True,
        text=True,
    )
    assert answer.returncode == 0 and answer.stdout.split()[:3] == ["n", "-", "1"]
