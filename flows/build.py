"""build_dataset: seeds -> documents -> extracted rows -> validated tables -> published package.

Each task is a thin wrapper over one library step; the flow reads top to bottom.
"""

from __future__ import annotations

import time
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from newsfacts import gazetteer, ingest, nlp
from newsfacts.extract import Extracted, extract_documents
from newsfacts.progress import Progress
from newsfacts.publish import publish
from newsfacts.tables import to_arrow
from newsfacts.validate import ValidationFailed, check_tables

BATCH_SIZE = 50  # documents per extraction task: one task per document costs ~5-20 ms in Prefect


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
def extract_batch(documents: list[ingest.Document], model: str | None) -> Extracted:
    return extract_documents(documents, nlp.load(model), gazetteer.load())


@task(name="validate", cache_policy=NO_CACHE)
def validate_tables(documents, rejects, extracted: Extracted):
    failed = {doc_id for doc_id, _ in extracted.failures}
    by_id = {d.doc_id: d for d in documents}
    rejects = rejects + [
        ingest.Reject(by_id[doc_id].path, reason, by_id[doc_id].sha256)
        for doc_id, reason in extracted.failures
    ]
    tables = {
        "documents": to_arrow("documents", [d.row() for d in documents if d.doc_id not in failed]),
        **{name: to_arrow(name, rows) for name, rows in extracted.tables.items()},
        "rejects": to_arrow("rejects", [r.row() for r in rejects]),
    }
    problems = check_tables(tables)
    if problems:
        raise ValidationFailed(problems)
    return tables, rejects


@task(name="publish", cache_policy=NO_CACHE)
def publish_package(tables, dest: Path, model: str | None):
    return publish(tables, dest, nlp.model_info(nlp.load(model)))


@flow(name="build-dataset", log_prints=True)
def build_dataset(
    seeds: str = "seeds",
    dest: str = ".",
    model: str | None = None,
    strict: bool = False,
    batch_size: int = BATCH_SIZE,
) -> dict:
    started = time.perf_counter()
    logger = get_run_logger()
    progress = Progress(logger)
    documents, rejects = ingest_seeds(Path(seeds))
    progress.say(f"ingest: {len(documents)} document(s) read, {len(rejects)} file(s) rejected")
    extracted = Extracted()
    progress.start("extract")
    for i in range(0, len(documents), batch_size):
        extracted.merge(extract_batch(documents[i : i + batch_size], model))
        progress.done("extract", min(i + batch_size, len(documents)), len(documents))
    progress.start("validate")
    tables, rejects = validate_tables(documents, rejects, extracted)
    valid = tables["documents"].num_rows
    progress.done("validate", valid, len(documents))
    if strict and rejects:
        raise StrictModeFailure(
            f"--strict: {len(rejects)} file(s) rejected, nothing published: "
            + "; ".join(r.message() for r in rejects)
        )
    progress.start("publish")
    published = publish_package(tables, Path(dest), model)
    progress.done("publish", valid, valid)
    progress.say(f"published version {published.version} to {dest}")
    return {
        "dest": str(published.dest),
        "version": published.version,
        "changed": published.changed,
        "rows": published.rows,
        "rejects": [r.message() for r in rejects],
        "notes": [f"{d.path}: {note}" for d in documents for note in d.notes],
        "seconds": round(time.perf_counter() - started, 2),
    }
