"""build_dataset: seeds -> documents -> extracted rows -> validated, staged tables -> published package.

Each task is a thin wrapper over one library step; the flow reads top to bottom. Extraction (the
language model: nearly all the time) runs only for documents the per-document cache has not
seen, in batches submitted to the task runner: a local process pool using every core by default,
or a Dask cluster (``dask_address``). Documents then go through in ``doc_id`` order, a chunk at a
time: their rows (from the cache or a finished batch) are checked and appended to the tables'
Parquet files, so memory stays flat whatever the number of articles. A run whose inputs are those
of the published package publishes nothing and says so.
"""

from __future__ import annotations

import gc
import os
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings
from prefect.utilities.annotations import quote

from flows.extract import extract_batch
from newsfacts import cache, gazetteer, ingest, nlp
from newsfacts.extract import collect, extract_texts
from newsfacts.progress import Progress

# Worker processes import this module too: Prefect hands each task the flow run's context, which
# names this flow. What only the flow's own process does (Arrow tables, Pandera checks, writing
# and publishing the package) is therefore imported where it is used, so that a worker does not
# load pandas, Pandera, pyarrow and Frictionless (about 70 MB each).
if TYPE_CHECKING:
    from newsfacts.staging import StagedTables
    from newsfacts.validate import Problem

BATCH_SIZE = 25  # documents per extraction task: one task per document costs ~5-20 ms in Prefect
CHUNK_SIZE = 250  # documents checked and written at a time in the flow's process (Pandera's cost per call)
MAX_PROBLEMS = 1_000  # kept for the report of a failed validation (the count is always exact)


class StrictModeFailure(RuntimeError):
    pass


@task(name="ingest", cache_policy=NO_CACHE)
def ingest_seeds(
    seeds: Path, options: ingest.Options | None = None
) -> tuple[list[ingest.Document], list[ingest.Reject]]:
    documents, rejects = ingest.scan(seeds, options)
    logger = get_run_logger()
    logger.info("read %d document(s) from %s, rejected %d file(s)", len(documents), seeds, len(rejects))
    for reject in rejects:
        logger.warning("rejected %s", reject.message())
    for document in documents:
        for message in document.messages():
            logger.warning("%s", message)
    return documents, rejects


@task(name="validate", cache_policy=NO_CACHE)
def validate_chunk(chunk, staged: StagedTables) -> tuple[list[ingest.Reject], list[Problem]]:
    """A chunk of (document, outcome) pairs: documents whose extraction failed become rejects; the
    others' rows get their ids, become Arrow tables, pass every check (the Pandera models, keys and
    offsets within each document) and are appended to the staged tables. Nothing is appended from
    a chunk with a problem."""
    from newsfacts.tables import to_arrow
    from newsfacts.validate import check_tables

    extracted = collect([(d.doc_id, outcome) for d, outcome in chunk])
    reasons = dict(extracted.failures)
    failed = [d.reject(reasons[d.doc_id]) for d, _ in chunk if d.doc_id in reasons]
    tables = {
        "documents": to_arrow("documents", [d.row() for d, _ in chunk if d.doc_id not in reasons]),
        **{name: to_arrow(name, rows) for name, rows in extracted.tables.items()},
    }
    problems = check_tables(tables)
    if not problems:
        staged.add(tables)
    return failed, problems


@task(name="publish", cache_policy=NO_CACHE)
def publish_package(staged: StagedTables, rejects, dest: Path, model_info: dict, inputs: str):
    from newsfacts.publish import publish
    from newsfacts.tables import to_arrow
    from newsfacts.validate import ValidationFailed, check_tables

    rows = [r.row() for r in rejects]
    tables = {"rejects": to_arrow("rejects", rows)}
    problems = check_tables(tables)
    if problems:
        raise ValidationFailed(problems)
    staged.add(tables)
    return publish(staged, dest, model_info, inputs=inputs)


def _task_runner(dask_address: str | None, workers: int):
    """Where extraction batches run: a Dask cluster, or a local pool of worker processes."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    from prefect.task_runners import ProcessPoolTaskRunner

    return ProcessPoolTaskRunner(max_workers=workers)


def _workers() -> int:
    return int(os.environ.get("NEWSFACTS_WORKERS") or os.cpu_count() or 1)


@contextmanager
def _workers_report_here():
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


def extracted_batches(documents, batch_size: int, model: str | None, dask_address: str | None):
    """(batch, its outcomes) for each batch of documents, in order: on the task runner's workers
    when there is more than one batch (or a Dask cluster), else in this process. A few batches per
    worker are in flight at a time, so finished batches never pile up in memory."""
    batches = deque(documents[i : i + batch_size] for i in range(0, len(documents), batch_size))
    if len(batches) <= 1 and not dask_address:  # one batch: not worth starting worker processes
        for batch in batches:
            yield batch, extract_batch([d.text for d in batch], model)
        return
    workers = _workers()
    window = 16 if dask_address else 3 * workers
    with _workers_report_here(), _task_runner(dask_address, workers) as runner:
        running = deque()
        while batches or running:
            while batches and len(running) < window:
                batch = batches.popleft()
                running.append(
                    (batch, runner.submit(extract_batch, {"texts": [d.text for d in batch], "model": model}))
                )
            batch, future = running.popleft()
            yield batch, future.result()


def outcomes_in_order(
    documents, done: set[str], store: cache.DocumentCache, batches, model: str | None = None
) -> Iterator[tuple]:
    """(document, outcome) for every document, in order: read from the cache (``done``: the ids it
    holds) or taken from the extracted ``batches`` (which cover the others, in the same order),
    whose outcomes are cached as they arrive."""
    ready: dict[str, dict | str] = {}
    for document in documents:
        if document.doc_id in done:
            outcome = store.get(document.text)
            if outcome is None:  # the entry went between two reads (the cache was cleared)
                outcome = extract_texts([document.text], nlp.load(model), gazetteer.load())[0]
                store.put(document.text, outcome)
        else:
            while document.doc_id not in ready:
                batch, outcomes = next(batches)
                for extracted, outcome in zip(batch, outcomes, strict=False):
                    store.put(extracted.text, outcome)
                    ready[extracted.doc_id] = outcome
            outcome = ready.pop(document.doc_id)
        yield document, outcome
    next(batches, None)  # let the batches finish: the worker processes stop now, not at exit


def reported(batches, total: int, progress: Progress):
    """The batches, reporting the new documents extracted so far (rate and time left)."""
    extracted = 0
    for batch, outcomes in batches:
        extracted += len(batch)
        if extracted < total:
            progress.done("extract", extracted, total)
        yield batch, outcomes


def chunks(pairs, size: int):
    chunk = []
    for pair in pairs:
        chunk.append(pair)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@contextmanager
def _collected_per_chunk():
    """A Prefect future keeps its task's result (a batch's rows) in a reference cycle, so a
    finished batch is freed only by a full garbage collection, which Python runs rarely: the
    flow's memory grew by ~6 MB per 100 documents. Collect after each chunk; the objects alive
    before the loop are frozen first, so that each collection looks only at the chunk's own."""
    gc.freeze()
    try:
        yield gc.collect
    finally:
        gc.unfreeze()


def stage_documents(outcomes, staged: StagedTables, chunk_size: int = CHUNK_SIZE) -> list[ingest.Reject]:
    """Check and stage every document's rows, a chunk at a time; the documents whose extraction
    failed, as rejects. Raises ValidationFailed, with the problems found, if any chunk has one."""
    from newsfacts.validate import ValidationFailed

    failed, problems = [], []
    with _collected_per_chunk() as collect:
        for chunk in chunks(outcomes, chunk_size):
            chunk_failed, chunk_problems = validate_chunk(quote(chunk), quote(staged))
            failed += chunk_failed
            problems += chunk_problems[: max(0, MAX_PROBLEMS - len(problems))]
            collect()
    if problems:
        raise ValidationFailed(problems)
    return failed


def _strict(rejects) -> None:
    if rejects:
        raise StrictModeFailure(
            f"--strict: {len(rejects)} file(s) rejected, nothing published: "
            + "; ".join(r.message() for r in rejects)
        )


def _summary(published, documents, rejects, started: float) -> dict:
    return {
        "dest": str(published.dest),
        "version": published.version,
        "changed": published.changed,
        "rows": published.rows,
        "rejects": [r.message() for r in rejects],
        "notes": [message for d in documents for message in d.messages()],
        "seconds": round(time.perf_counter() - started, 2),
    }


@flow(name="build-dataset", log_prints=True)
def build_dataset(
    seeds: str = "seeds",
    dest: str = ".",
    model: str | None = None,
    strict: bool = False,
    batch_size: int = BATCH_SIZE,
    dask_address: str | None = None,
    languages: str = "en",
    json_fields: dict[str, str] | None = None,
) -> dict:
    import pyarrow as pa

    from newsfacts.publish import inputs_key, unchanged
    from newsfacts.staging import StagedTables

    # Arrow's default allocator (jemalloc) keeps freed memory for reuse; tables are built and
    # written a chunk at a time, so let freed memory go back (measured: ~60 MB less at N = 2,000).
    pa.set_memory_pool(pa.system_memory_pool())
    started = time.perf_counter()
    progress = Progress(get_run_logger())
    documents, rejects = ingest_seeds(Path(seeds), ingest.Options.make(languages, json_fields))
    progress.say(f"ingest: {len(documents)} document(s) read, {len(rejects)} file(s) rejected")
    if strict:
        _strict(rejects)
    documents = sorted(documents, key=lambda d: d.doc_id)  # the tables' order
    model_info = nlp.model_info(nlp.model_meta(model))
    store = cache.DocumentCache(None, cache.fingerprint(model_info))
    done, failed_before = store.look_up(documents)
    todo = [d for d in documents if d.doc_id not in done]
    progress.say(f"cache: {len(done)} document(s) extracted before, {len(todo)} to extract")
    if not todo:  # every document is known: perhaps the package is already built from them
        known_rejects = rejects + [d.reject(reason) for d, reason in failed_before]
        if strict:
            _strict(known_rejects)
        published = unchanged(Path(dest), inputs_key(documents, known_rejects, model_info))
        if published is not None:
            progress.say(f"unchanged: the package in {dest} was built from these inputs")
            return _summary(published, documents, known_rejects, started)
    with StagedTables.scratch(Path(dest)) as staged:
        progress.start("extract")
        progress.start("validate")
        batches = reported(extracted_batches(todo, batch_size, model, dask_address), len(todo), progress)
        failed = stage_documents(outcomes_in_order(documents, done, store, batches, model), staged)
        progress.done("extract", len(documents), len(documents))  # every document, cached or new
        progress.done("validate", len(documents) - len(failed), len(documents))
        rejects = rejects + failed
        if strict:
            _strict(rejects)
        progress.start("publish")
        published = publish_package(
            quote(staged), rejects, Path(dest), model_info, inputs_key(documents, rejects, model_info)
        )
        progress.done("publish", published.rows["documents"], published.rows["documents"])
        if published.changed:
            progress.say(f"published version {published.version} to {dest}")
        else:
            progress.say(f"unchanged: the package in {dest} is the same (version {published.version})")
    return _summary(published, documents, rejects, started)
