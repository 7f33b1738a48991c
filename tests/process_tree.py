"""A command run as a user runs it, its process tree watched: which Prefect servers and extraction
workers it started (tests/test_workers.py, tests/test_server.py)."""

from __future__ import annotations

import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path

import psutil


@dataclass
class Watched:
    done: subprocess.CompletedProcess
    servers: set[int] = field(default_factory=set)  # uvicorn: Prefect's servers
    workers: set[int] = field(default_factory=set)  # multiprocessing's spawned workers
    workers_while: list[int] = field(default_factory=list)  # workers seen while ``while_exists`` existed


def run_watched(
    command: list[str], env: dict[str, str], cwd: Path | None = None, while_exists: Path | None = None
) -> Watched:
    proc = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    servers: set[int] = set()
    workers: set[int] = set()
    workers_while: list[int] = []
    stop = threading.Event()

    def watch() -> None:
        root = psutil.Process(proc.pid)
        while not stop.is_set():
            try:
                for child in root.children(recursive=True):
                    cmdline = " ".join(child.cmdline())
                    if "uvicorn" in cmdline:
                        servers.add(child.pid)
                    elif "spawn_main" in cmdline:
                        workers.add(child.pid)
                        if while_exists is not None and while_exists.exists():
                            workers_while.append(child.pid)
            except psutil.Error:
                pass
            stop.wait(0.05)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        out, err = proc.communicate(timeout=600)
    finally:
        stop.set()
        watcher.join()
    done = subprocess.CompletedProcess(command, proc.returncode, out, err)
    return Watched(done, servers, workers, workers_while)
