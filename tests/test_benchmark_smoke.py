"""The benchmark itself, at N = 20, so that it never rots: ``benchmarks/run.py`` runs bare spaCy,
a cold ``newsfacts run`` with its breakdown, a re-run and the query, and writes its tables. The
figures at this size mean nothing (start-up dominates); that the tables are whole is what counts.
Real figures: ``benchmarks/results/``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.flow


def test_the_benchmark_runs_end_to_end_and_writes_its_tables(tmp_path):
    out = tmp_path / "results"
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "run.py"),
            "--n",
            "20",
            "--workers",
            "1",
            "--phases",
            "floor,cold,breakdown,rerun,query",
            "--out",
            str(out),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1200,  # a shared, loaded machine; alone it takes under a minute
    )
    assert done.returncode == 0, done.stderr[-3000:]
    table = (out / "n20.md").read_text(encoding="utf-8")
    for phase in ("spaCy nlp.pipe (floor)", "cold run", "re-run, nothing changed"):
        assert f"| {phase} |" in table
    for part in ("workers: spaCy parse", "workers: extract_quotes", "flow: validate", "flow: publish"):
        assert f"| {part} |" in table
    assert "Prefect's server" in table and "DuckDB join" in table
    result = json.loads((out / "n20.json").read_text(encoding="utf-8"))
    cold = next(r for r in result["rows"] if r["phase"] == "cold run")
    assert cold["summary"]["rows"]["documents"] == 20
    assert cold["cpu"]["flow"] > 0 and cold["rss"] > 0  # one batch: parsed in the flow's process
    assert set(cold["summary"]["timings"]) >= {"ingest", "cache look-up", "validate", "publish"}
    assert result["breakdown"]["documents"] == 20 and result["breakdown"]["parse"] > 0
