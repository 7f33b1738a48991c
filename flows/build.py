"""build_dataset: seeds -> documents -> extracted rows -> validated tables -> published package.

Each task is a thin wrapper over one library step; the flow reads top to bottom. Extraction (the
language model: nearly all the time) runs only for documents the per-document cache has not
seen, in batches submitted to the task runner: a local process pool using every core by default,
or a Dask cluster (``dask_address``). A run whose inputs are those of the published package
publishes nothing and says so.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.utilities.annotations import quote

from newsfacts import cache, gazetteer, ingest, nlp
from newsfacts.extract import collect, extract_texts
from newsfacts.progress import Progress
from newsfacts.publish import inputs_key, publish, unchanged
from newsfacts.tables import to_arrow
from newsfacts.validate import ValidationFailed, check_tables

BATCH_SIZE = 25  # documents per extraction task: one task per document costs ~5-20 ms in Prefect


class StrictModeFailure(RuntimeError):
    pass


@task(name="ingest", cache_policy=NO_CACHE)
def ingest_seeds(seeds: Path):
    documents, rejects = ingest.scan(seeds)
    logger = get_run_logger()
    logger.info(
        "read %d document(s) from %s, rejected %d file(s)", len(documents), seeds, len(rejects)
    )
    for reject in rejects:
        logger.warning("rejected %s", reject.message())
    for document in documents:
        for note in document.notes:
            logger.warning("%s: %s", document.path, note)
    return documents, rejects


@task(name="extract", cache_policy=NO_CACHE)
def extract_batch(texts: list[str], model: str | None) -> list[dict | str]:
    """Parse and extract a batch where the task runs (a worker process, a Dask worker); the
    model and gazetteer load once per process."""
    return extract_texts(texts, nlp.load(model), gazetteer.load())


def failed_extractions(documents, extracted) -> list[ingest.Reject]:
    by_id = {d.doc_id: d for d in documents}
    return [ingest.Reject(by_id[doc_id].path, reason, by_id[doc_id].sha256)
            for doc_id, reason in extracted.failures]


@task(name="validate", cache_policy=NO_CACHE)
def validate_tables(documents, rejects, extracted):
    failed = {doc_id for doc_id, _ in extracted.failures}
    tables = {
        "documents": to_arrow("documents", [d.row() for d in documents if d.doc_id not in failed]),
        **{name: to_arrow(name, rows) for name, rows in extracted.tables.items()},
        "rejects": to_arrow("rejects", [r.row() for r in rejects]),
    }
    problems = check_tables(tables)
    if problems:
        raise ValidationFailed(problems)
    return tables


@task(name="publish", cache_policy=NO_CACHE)
def publish_package(tables, dest: Path, model_info: dict, inputs: str):
    return publish(tables, dest, model_info, inputs=inputs)


def _task_runner(dask_address: str | None):
    """Where extraction batches run: a Dask cluster, or a local pool of worker processes."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    from prefect.task_runners import ProcessPoolTaskRunner

    return ProcessPoolTaskRunner(max_workers=int(os.environ.get("NEWSFACTS_WORKERS") or os.cpu_count() or 1))


def extracted_batches(documents, batch_size: int, model: str | None, dask_address: str | None):
    """(batch, its outcomes) as each batch of documents is extracted: on the task runner's
    workers when there is more than one batch (or a Dask cluster), else in this process."""
    batches = [documents[i : i + batch_size] for i in range(0, len(documents), batch_size)]
    if len(batches) <= 1 and not dask_address:  # one batch: not worth starting worker processes
        for batch in batches:
            yield batch, extract_batch([d.text for d in batch], model)
        return
    with _task_runner(dask_address) as runner:
        futures = {runner.submit(extract_batch, {"texts": [d.text for d in b], "model": model}): b
                   for b in batches}
        for future in as_completed(list(futures)):
            yield futures[future], future.result()


@flow(name="build-dataset", log_prints=True)
def build_dataset(
    seeds: str = "seeds",
    dest: str = ".",
    model: str | None = None,
    strict: bool = False,
    batch_size: int = BATCH_SIZE,
    dask_address: str | None = None,
) -> dict:
    started = time.perf_counter()
    progress = Progress(get_run_logger())
    documents, rejects = ingest_seeds(Path(seeds))
    progress.say(f"ingest: {len(documents)} document(s) read, {len(rejects)} file(s) rejected")
    model_info = nlp.model_info(nlp.model_meta(model))
    store = cache.DocumentCache(None, cache.fingerprint(model_info))
    outcomes = {d.doc_id: store.get(d.text) for d in documents}
    todo = [d for d in documents if outcomes[d.doc_id] is None]
    progress.say(f"cache: {len(documents) - len(todo)} document(s) extracted before, {len(todo)} to extract")
    progress.start("extract")
    done = 0
    for batch, batch_outcomes in extracted_batches(todo, batch_size, model, dask_address):
        for document, outcome in zip(batch, batch_outcomes):
            outcomes[document.doc_id] = outcome
            store.put(document.text, outcome)
        done += len(batch)
        if done < len(todo):  # the new documents, so that the rate and time left are right
            progress.done("extract", done, len(todo))
    progress.done("extract", len(documents), len(documents))  # every document, cached or new
    extracted = collect([(d.doc_id, outcomes[d.doc_id]) for d in documents])
    rejects = rejects + failed_extractions(documents, extracted)
    if strict and rejects:
        raise StrictModeFailure(
            f"--strict: {len(rejects)} file(s) rejected, nothing published: "
            + "; ".join(r.message() for r in rejects)
        )
    inputs = inputs_key(documents, rejects, model_info)
    published = unchanged(Path(dest), inputs)
    if published is None:
        progress.start("validate")
        # quote(): Prefect would otherwise walk every row looking for futures to resolve
        tables = validate_tables(quote(documents), rejects, quote(extracted))
        valid = tables["documents"].num_rows
        progress.done("validate", valid, len(documents))
        progress.start("publish")
        published = publish_package(tables, Path(dest), model_info, inputs)
        progress.done("publish", valid, valid)
        progress.say(f"published version {published.version} to {dest}")
    else:
        progress.say(f"unchanged: the package in {dest} was built from these inputs")
    return {
        "dest": str(published.dest),
        "version": published.version,
        "changed": published.changed,
        "rows": published.rows,
        "rejects": [r.message() for r in rejects],
        "notes": [f"{d.path}: {note}" for d in documents for note in d.notes],
        "seconds": round(time.perf_counter() - started, 2),
    }
