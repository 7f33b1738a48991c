"""The extraction task and the workers that run it (a local process pool, or a Dask cluster).

Kept apart from ``flows/build.py`` so that a worker imports only what parsing and extraction need
(Prefect, spaCy, the extractors and the gazetteer), not pandas, Pandera, pyarrow and Frictionless,
which only the flow's own process uses: about 150 MB less in every worker.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings
from prefect.task_runners import TaskRunner

from newsfacts import gazetteer, nlp
from newsfacts.batches import Outcome, Submit, Workers
from newsfacts.extract import extract_texts


@task(name="extract", cache_policy=NO_CACHE)
def extract_batch(texts: list[str], model: str | None) -> list[Outcome]:
    """Parse and extract a batch of texts; the model and gazetteer load once per process. For each
    text, in order: its rows (without ids), or the reason its extraction failed."""
    return extract_texts(texts, nlp.load(model), gazetteer.load())


def workers(model: str | None, dask_address: str | None) -> Workers:
    """The run's workers: a Dask cluster (``dask_address``), or a local pool of worker processes,
    one per core (``NEWSFACTS_WORKERS`` to change it); a few batches per worker in flight."""
    count = int(os.environ.get("NEWSFACTS_WORKERS") or os.cpu_count() or 1)

    @contextmanager
    def start() -> Iterator[Submit]:
        with _workers_report_here(), _task_runner(dask_address, count) as runner:
            yield lambda texts: runner.submit(extract_batch, {"texts": texts, "model": model})

    if dask_address:
        return Workers(start, window=16, remote=True)
    return Workers(start, window=3 * count, processes=count)


def _task_runner(dask_address: str | None, count: int) -> TaskRunner:
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    from prefect.task_runners import ProcessPoolTaskRunner

    return ProcessPoolTaskRunner(max_workers=count)


@contextmanager
def _workers_report_here() -> Iterator[None]:
    """Worker processes must report to this run's Prefect API. With no ``PREFECT_API_URL`` set,
    that is the temporary server this process started, which the settings the workers inherit do
    not name: without this, each worker would start a temporary server of its own (about 200 MB
    and seconds of CPU each, on cores the parse needs)."""
    context = FlowRunContext.get()
    if get_current_settings().api.url or context is None:
        yield
        return
    with temporary_settings(updates={PREFECT_API_URL: str(context.client.api_url).rstrip("/")}):
        yield
