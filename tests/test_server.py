"""Prefect's temporary server for one `newsfacts run`: started first, the flow and its workers use
it (never a server of their own), stopped with the run; a configured server is used instead; a
server that cannot start fails the run in one sentence, nothing published."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psutil
import pytest
from process_tree import run_watched

from flows.server import ServerFailed, TemporaryServer

REPO = Path(__file__).resolve().parent.parent
NEWSFACTS = Path(sys.executable).parent / "newsfacts"
SEED = REPO / "seeds" / "2016-11-mosul-sorrowful-picture.txt"
pytestmark = pytest.mark.flow


def _without_prefect_api() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}


def test_the_server_answers_and_stops(monkeypatch):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    server = TemporaryServer.start()
    assert server is not None
    try:
        server.wait()
        assert server.api_url.startswith("http://127.0.0.1:")
        assert server.process.poll() is None
    finally:
        server.stop()
    assert server.process.poll() is not None


def test_no_server_is_started_when_prefect_api_url_names_one(monkeypatch):
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")
    assert TemporaryServer.start() is None


def test_a_server_that_cannot_start_is_reported_with_its_error(monkeypatch, tmp_path):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    # a database Prefect cannot create: the server fails on start, every time
    monkeypatch.setenv(
        "PREFECT_API_DATABASE_CONNECTION_URL", f"sqlite+aiosqlite:///{tmp_path}/no/such/dir/p.db"
    )
    server = TemporaryServer.start()
    assert server is not None
    with pytest.raises(ServerFailed, match="Prefect's temporary server exited with code"):
        server.wait()


def _articles(seeds: Path, count: int) -> None:
    """Short articles, enough of them for the workers to start while the seeds are read."""
    seeds.mkdir()
    sentences = SEED.read_text(encoding="utf-8").split("\n\n")[:3]
    for i in range(count):
        (seeds / f"article-{i:03d}.txt").write_text(
            f"Report {i}\n\n" + "\n\n".join(sentences).replace("Mosul", f"Mosul district {i}"),
            encoding="utf-8",
        )


def _watched(command: list[str], env: dict[str, str]) -> tuple[subprocess.CompletedProcess, set, set]:
    run = run_watched(command, env)
    return run.done, run.servers, run.workers


def test_a_run_uses_one_temporary_server_and_leaves_no_process(tmp_path):
    """The run's own server, its workers (started while the seeds are read) reporting to it, and
    nothing left running after; a re-run with nothing new stops the early workers at once."""
    seeds, dest = tmp_path / "seeds", tmp_path / "dest"
    _articles(seeds, 60)
    env = {**_without_prefect_api(), "NEWSFACTS_WORKERS": "2", "NEWSFACTS_DOC_CACHE": str(tmp_path / "cache")}
    command = [str(NEWSFACTS), "run", "--quiet", "--seeds", str(seeds), "--dest", str(dest)]
    done, servers, workers = _watched(command, env)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "published" in done.stdout
    assert len(servers) == 1, f"{len(servers)} Prefect servers for one run"
    assert len(workers) == 2
    assert not [
        p for p in servers | workers if psutil.pid_exists(p) and psutil.Process(p).status() != "zombie"
    ]

    again, servers, workers = _watched(command, env)
    assert again.returncode == 0, again.stderr[-3000:]
    assert again.stdout.startswith("unchanged")
    assert len(servers) == 1
    assert not [
        p for p in servers | workers if psutil.pid_exists(p) and psutil.Process(p).status() != "zombie"
    ]


def test_a_run_with_a_configured_server_starts_none(tmp_path, prefect_api):
    seeds, dest = tmp_path / "seeds", tmp_path / "dest"
    _articles(seeds, 2)
    env = {
        **_without_prefect_api(),
        "PREFECT_API_URL": prefect_api,
        "NEWSFACTS_DOC_CACHE": str(tmp_path / "c"),
    }
    done, servers, _workers = _watched(
        [str(NEWSFACTS), "run", "--quiet", "--seeds", str(seeds), "--dest", str(dest)], env
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert servers == set()


def test_a_run_whose_server_cannot_start_says_so_and_publishes_nothing(tmp_path):
    seeds, dest = tmp_path / "seeds", tmp_path / "dest"
    _articles(seeds, 1)
    env = {
        **_without_prefect_api(),
        "NEWSFACTS_DOC_CACHE": str(tmp_path / "c"),
        "PREFECT_API_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{tmp_path}/no/such/dir/p.db",
    }
    done = subprocess.run(
        [str(NEWSFACTS), "run", "--seeds", str(seeds), "--dest", str(dest)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1
    assert "newsfacts run: Prefect's temporary server exited with code" in done.stderr
    assert "nothing was published" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (dest / "datapackage.json").exists()
