"""Scheduled runs for real: a local Prefect server (`prefect server start`, its own PREFECT_HOME),
`newsfacts schedule` serving the flow on a short interval, one scheduled run that completes and
publishes, its progress in Prefect's logs; `prefect deploy` of prefect.yaml; everything stopped
within a bounded time."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from newsfacts.validate import validate_package

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "2016-11-mosul-sorrowful-picture.txt"
BIN = Path(sys.executable).parent
pytestmark = pytest.mark.flow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc: subprocess.Popen, first=signal.SIGTERM, grace: float = 30.0) -> bool:
    """Stop a process and its group: ``first``, then SIGKILL after ``grace`` seconds. True if it
    stopped on ``first``."""
    if proc.poll() is not None:
        return True
    try:
        os.killpg(proc.pid, first)
        proc.wait(grace)
        return True
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
        return False
    except ProcessLookupError:
        return True
    finally:
        with contextlib.suppress(ProcessLookupError):  # children left in the group (a flow run's subprocess)
            os.killpg(proc.pid, signal.SIGKILL)


def api(url: str, path: str, body: dict | None = None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        url + path,
        data=data,
        method="POST" if body is not None else "GET",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def clean_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    env.update(PREFECT_SERVER_ANALYTICS_ENABLED="false", **extra)
    return env


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory):
    """A real Prefect server on a free port, with its own home (database, settings)."""
    home = tmp_path_factory.mktemp("prefect-home")
    port = free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    env = clean_env(PREFECT_HOME=str(home), PREFECT_API_URL=api_url, PREFECT_LOGGING_LEVEL="WARNING")
    log = (home / "server.log").open("wb")
    proc = subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                pytest.fail(f"prefect server exited: {(home / 'server.log').read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(api_url + "/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("prefect server not healthy after 120 s")
            time.sleep(0.5)
        yield api_url, env
    finally:
        stop(proc)
        log.close()


def test_schedule_refuses_without_a_prefect_server(tmp_path):
    env = clean_env()
    run = subprocess.run(
        [sys.executable, "-m", "cli", "schedule", "--cron", "0 6 * * *", "--dest", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert run.returncode == 2
    assert "prefect server start" in run.stderr and "PREFECT_API_URL" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_scheduled_run_completes_and_publishes(prefect_server, tmp_path, artifact):
    api_url, env = prefect_server
    seeds, dest = tmp_path / "seeds", tmp_path / "pkg"
    seeds.mkdir()
    shutil.copy(SEED, seeds / SEED.name)
    env = dict(env, PREFECT_LOGGING_LEVEL="INFO")
    log_path = tmp_path / "schedule.log"
    started = time.monotonic()
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "cli",
                "schedule",
                "--interval",
                "10",
                "--seeds",
                str(seeds),
                "--dest",
                str(dest),
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            cwd=tmp_path,
        )
        completed = None
        try:
            deadline = started + 240
            while completed is None:
                if proc.poll() is not None:
                    pytest.fail(f"`newsfacts schedule` exited: {log_path.read_text()[-3000:]}")
                if time.monotonic() > deadline:
                    pytest.fail(f"no completed scheduled run in 240 s: {log_path.read_text()[-3000:]}")
                runs = api(
                    api_url,
                    "/flow_runs/filter",
                    {"flow_runs": {"state": {"type": {"any_": ["COMPLETED", "FAILED", "CRASHED"]}}}},
                )
                if runs:
                    completed = runs[0]
                else:
                    time.sleep(1)
            elapsed = time.monotonic() - started
        finally:
            stopped_cleanly = stop(proc, signal.SIGINT, grace=30)
    assert completed["state_type"] == "COMPLETED", log_path.read_text()[-3000:]
    assert stopped_cleanly, "`newsfacts schedule` did not stop on Ctrl-C within 30 s"
    deployment = api(api_url, f"/deployments/{completed['deployment_id']}")
    assert deployment["name"] == "scheduled"
    assert [s["schedule"].get("interval") for s in deployment["schedules"]] == [10.0]
    assert completed["parameters"]["dest"] == str(dest.resolve())
    # it published a valid package
    assert validate_package(dest) == []
    assert json.loads((dest / "datapackage.json").read_text())["version"] == "1.0.0"
    # progress, per stage, in Prefect's logs (and so in the terminal of `newsfacts schedule`)
    logs = api(api_url, "/logs/filter", {"logs": {"flow_run_id": {"any_": [completed["id"]]}}})
    messages = [entry["message"] for entry in logs]
    for stage in (
        "ingest: 1 document(s) read",
        "extract: 1/1 documents",
        "validate: 1/1 documents",
        "publish: 1/1 documents",
    ):
        assert any(m.startswith(stage) for m in messages), (stage, messages)
    assert "extract: 1/1 documents" in log_path.read_text()
    artifact("schedule-timing.txt").write_text(
        f"from `newsfacts schedule --interval 10` to a completed, published run: {elapsed:.1f} s\n"
    )
    print(f"\nschedule -> completed run: {elapsed:.1f} s")


def test_prefect_yaml_deploys_to_a_work_pool(prefect_server, tmp_path):
    """What prefect.yaml promises: `prefect work-pool create` + `prefect deploy --all` register the
    flow with its cron schedule and parameters."""
    api_url, env = prefect_server
    env = dict(env, PWD=str(REPO))  # as in a shell that has `cd`-ed into the repository
    spec = yaml.safe_load((REPO / "prefect.yaml").read_text())
    [deployment] = spec["deployments"]
    pool = deployment["work_pool"]["name"]
    subprocess.run(
        [str(BIN / "prefect"), "work-pool", "create", pool, "--type", "process"],
        env=env,
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=120,
    )
    run = subprocess.run(
        [str(BIN / "prefect"), "--no-prompt", "deploy", "--all"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    registered = api(api_url, f"/deployments/name/build-dataset/{deployment['name']}")
    assert registered["work_pool_name"] == pool
    assert registered["parameters"] == deployment["parameters"]
    assert [s["schedule"]["cron"] for s in registered["schedules"]] == ["0 6 * * *"]
    assert registered["entrypoint"] == "flows/build.py:build_dataset"
    [pull] = registered["pull_steps"]
    assert pull["prefect.deployments.steps.set_working_directory"]["directory"] == str(REPO)
