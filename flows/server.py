"""Prefect's temporary API server for one ``newsfacts run``, started before anything is imported.

With no Prefect API configured, a flow run starts Prefect's temporary server itself and waits for
it (about 5 s, 4 s of its CPU: Prefect's server modules loading). ``newsfacts run`` starts the same
server, in the same way Prefect does (``uvicorn`` over ``prefect.server.api.server:create_app``,
its ephemeral mode: no UI, no background services), as its very first step, before importing
Prefect itself (2.3 s), spaCy, pandas and Pandera, so that the two come up side by side on two
cores; and without importing Prefect's server modules into the flow's process (1.6 s) as
Prefect's own ``SubprocessASGIServer`` would. It is launched before anyone can tell whether a
Prefect profile names a server of its own (that takes importing Prefect): ``use`` then stops it.

The server skips the block-type registration a persistent server does on start (it loads every
installed Prefect integration for it, prefect-dask among them: 0.7 s); newsfacts uses no blocks.
The run stops it with its other children (``newsfacts.stopping``).
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STARTUP_FAILED = 3  # uvicorn's exit code when it could not start: its port taken in between, or worse
LAUNCHES = 3  # tries, each on a fresh port, before the server's own error is reported
DEFAULT_TIMEOUT = 120.0  # seconds (PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS wins)
SERVER_ENV = {
    # what Prefect's own SubprocessASGIServer sets for its temporary server
    "PREFECT_UI_ENABLED": "0",
    "PREFECT__SERVER_EPHEMERAL": "1",
    "PREFECT__SERVER_FINAL": "1",
    # newsfacts uses no blocks: do not load every installed integration to register theirs
    "PREFECT_API_BLOCKS_REGISTER_ON_START": "false",
    "PREFECT_MEMOIZE_BLOCK_AUTO_REGISTRATION": "false",
}


_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # 127.0.0.1: never a proxy


class ServerFailed(RuntimeError):
    pass


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class TemporaryServer:
    """Prefect's server in a child process on 127.0.0.1, from ``start()`` until the run stops."""

    def __init__(self) -> None:
        self.port = _free_port()
        # its error output goes to a file: a pipe nobody reads would stop the server once full
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the server)
        self.process = self._launch()

    @classmethod
    def start(cls) -> TemporaryServer | None:
        """The server, launched now; None when ``PREFECT_API_URL`` names a server already."""
        if os.environ.get("PREFECT_API_URL"):
            return None
        return cls()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def _launch(self) -> subprocess.Popen[bytes]:
        spec = importlib.util.find_spec("prefect")
        if spec is None or spec.origin is None:
            raise ServerFailed("Prefect is not installed")
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            "--app-dir",
            str(Path(spec.origin).parent.parent),
            "--factory",
            "prefect.server.api.server:create_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--log-level",
            "error",
            "--lifespan",
            "on",
        ]
        return subprocess.Popen(
            command, env={**os.environ, **SERVER_ENV}, stdout=subprocess.DEVNULL, stderr=self.errors
        )

    def wait(self) -> None:
        """Return once the server answers its health check; ``ServerFailed`` (with its error
        output) when it exits or does not answer in time."""
        timeout = float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS") or DEFAULT_TIMEOUT)
        deadline = time.monotonic() + timeout
        launches = 1
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code == STARTUP_FAILED and launches < LAUNCHES:  # the port taken between probe and bind?
                self.port = _free_port()
                self.process = self._launch()
                launches += 1
                continue
            if code is not None:
                raise ServerFailed(f"Prefect's temporary server exited with code {code}: {self._errors()}")
            if self._healthy():
                return
            time.sleep(0.05)
        self.stop()
        raise ServerFailed(f"Prefect's temporary server did not answer within {timeout:.0f} s")

    def _healthy(self) -> bool:
        try:
            with _DIRECT.open(f"{self.api_url}/health", timeout=2) as response:
                return bool(response.status == 200)
        except (urllib.error.URLError, OSError):
            return False

    def _errors(self) -> str:
        self.errors.seek(0)
        lines = self.errors.read().decode("utf-8", "replace").strip().splitlines()
        return lines[-1] if lines else "no error output"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()


@contextmanager
def used_by_this_run(server: TemporaryServer | None) -> Iterator[None]:
    """Inside: Prefect's client, in this process and in the workers it starts, talks to
    ``server``, unless a Prefect profile or setting names a server already (then ``server`` is
    stopped unused). Prefect must be importable here (the caller has imported the flow)."""
    from prefect.context import refresh_global_settings_context
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
        get_current_settings,
        temporary_settings,
    )

    if server is None:
        yield
        return
    if get_current_settings().api.url:
        server.stop()
        yield
        return
    server.wait()
    # in the environment for the worker processes, and in Prefect's global settings for this
    # process's threads that start with no settings of their own (without it, the first of them
    # to send an event starts a temporary server of its own: 200 MB, and CPU the parse needs)
    os.environ["PREFECT_API_URL"] = server.api_url
    refresh_global_settings_context()
    try:
        # no heartbeats: they tell a watching server that a run has died; this one dies with the
        # run, and the thread sending them holds the run's end up to 1 s
        quiet = {PREFECT_API_URL: server.api_url, PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}
        with temporary_settings(updates=quiet):
            yield
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        refresh_global_settings_context()
