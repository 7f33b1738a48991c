"""Run build_dataset on a schedule: ``newsfacts schedule --cron "0 6 * * *"``.

Serves the flow as a Prefect deployment (``flow.serve``) from this process: the Prefect server
schedules runs, this process executes them (each in a subprocess) until it is stopped (Ctrl-C,
SIGTERM), then pauses the schedule. Needs a real Prefect server (``prefect server start``) and
``PREFECT_API_URL`` pointing at it: the temporary server ``newsfacts run`` starts cannot schedule.
For a server with a work pool, see ``prefect.yaml`` instead.
"""

from __future__ import annotations

from pathlib import Path

from prefect.deployments.runner import EntrypointType

from flows.build import build_dataset

DEPLOYMENT = "scheduled"


class NoPrefectServer(RuntimeError):
    pass


def check_server() -> str:
    """The API URL of a reachable Prefect server; raises NoPrefectServer with what to do."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL

    url = PREFECT_API_URL.value()
    how = (
        "start one with `prefect server start` (in another terminal) and point to it with "
        "`export PREFECT_API_URL=http://127.0.0.1:4200/api`"
    )
    if not url:
        raise NoPrefectServer(f"scheduling needs a Prefect server and PREFECT_API_URL is not set: {how}")
    with get_client(sync_client=True) as client:
        error = client.api_healthcheck()
    if error is not None:
        raise NoPrefectServer(f"the Prefect server at {url} does not answer ({error}): {how}")
    return url


def serve(
    seeds: Path,
    dest: Path,
    cron: str | None = None,
    interval: float | None = None,
    model: str | None = None,
    name: str = DEPLOYMENT,
) -> None:
    """Serve build_dataset with a cron schedule (or an interval in seconds) until stopped."""
    if (cron is None) == (interval is None):
        raise ValueError("give a cron schedule or an interval, not both")
    check_server()
    build_dataset.serve(
        name=name,
        cron=cron,
        interval=interval,
        parameters={"seeds": str(Path(seeds).resolve()), "dest": str(Path(dest).resolve()), "model": model},
        description="Build and publish the newsfacts package from the seeds folder.",
        tags=["newsfacts"],
        limit=1,  # one run at a time: a slow run delays the next instead of racing it
        entrypoint_type=EntrypointType.MODULE_PATH,
    )
