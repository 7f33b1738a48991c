"""build_dataset: seeds -> documents -> extracted rows -> validated, staged tables -> published package.

Thin tasks over the library, top to bottom; batching, the workers' window, the cache and the
chunks are plain Python in ``newsfacts.pipeline``, the workers in ``flows.extract``. A run whose
inputs are those of the published package publishes nothing and says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from flows.extract import extract_batch, workers
from newsfacts import batches, ingest, pipeline
from newsfacts.progress import Progress
from newsfacts.spool import Corpus

if TYPE_CHECKING:  # loaded by the flow's own process only, never by a worker (newsfacts.pipeline)
    from newsfacts.publish import Published
    from newsfacts.staging import StagedTables
    from newsfacts.validate import Problem

T = TypeVar("T")


def as_is(value: T) -> T:
    """A task argument Prefect must not walk looking for futures (a chunk holds thousands of rows)."""
    return cast(T, quote(value))


@task(name="ingest", cache_policy=NO_CACHE, persist_result=False)  # the corpus holds an open file
def ingest_seeds(seeds: Path, options: ingest.Options | None = None) -> Corpus:
    """The seeds streamed: texts to a spool file, the documents' metadata kept (``newsfacts.spool``)."""
    corpus = Corpus.read(ingest.stream(seeds, options))
    logger = get_run_logger()
    logger.info(
        "read %d document(s) from %s, rejected %d file(s)", len(corpus.documents), seeds, len(corpus.rejects)
    )
    for message in [r.message() for r in corpus.rejects] + [
        m for d in corpus.documents for m in d.messages()
    ]:
        logger.warning(message)
    return corpus


@task(name="validate", cache_policy=NO_CACHE)
def validate_chunk(
    chunk: pipeline.Chunk, staged: StagedTables, build: pipeline.Build
) -> tuple[list[ingest.Reject], list[Problem]]:
    with build.timings.measure("validate"):
        return pipeline.check_chunk(chunk, staged, redo=build)


@task(name="publish", cache_policy=NO_CACHE)
def publish_package(staged: StagedTables, build: pipeline.Build, dest: Path) -> Published:
    return pipeline.publish_package(staged, build, dest)


@flow(name="build-dataset", log_prints=True)
def build_dataset(
    seeds: str = "seeds",
    dest: str = ".",
    model: str | None = None,
    strict: bool = False,
    batch_size: int = batches.BATCH_SIZE,
    dask_address: str | None = None,
    languages: str = "en",
    json_fields: dict[str, str] | None = None,
    force: bool = False,
) -> dict:
    progress = Progress(get_run_logger())
    pipeline.refuse_harm(Path(seeds), Path(dest), force)
    timings = pipeline.Timings()
    with batches.started_early(workers(model, dask_address), Path(seeds), Path(dest)) as extractors:
        with timings.measure("ingest"):
            corpus = ingest_seeds(Path(seeds), ingest.Options.make(languages, json_fields))
        progress.say(
            f"ingest: {len(corpus.documents)} document(s) read, {len(corpus.rejects)} file(s) rejected"
        )
        build = pipeline.Build(corpus.documents, corpus.rejects, model, strict, force, timings)
        progress.say(f"cache: {len(build.done)} document(s) extracted before, {len(build.todo)} to extract")
        if (published := build.unchanged(Path(dest))) is not None:
            progress.say(f"unchanged: the package in {dest} was built from these inputs")
            return build.summary(published)
        with pipeline.scratch(Path(dest)) as staged:
            published = _extract_check_publish(build, staged, extractors, batch_size, progress, Path(dest))
    if published.changed:
        progress.say(f"published version {published.version} to {dest}")
    else:
        progress.say(f"unchanged: the package in {dest} is the same (version {published.version})")
    return build.summary(published)


def _extract_check_publish(
    build: pipeline.Build,
    staged: StagedTables,
    extractors: batches.Workers,
    batch_size: int,
    progress: Progress,
    dest: Path,
) -> Published:
    """The documents to extract, on the workers; every document's rows checked and staged in
    chunks; the package published."""
    progress.start("extract", "validate")
    extracted = batches.extracted_batches(
        build.todo, batch_size, lambda texts: extract_batch(texts, build.model), extractors
    )
    outcomes = build.outcomes(batches.reported(extracted, len(build.todo), progress))
    failed = pipeline.stage_documents(
        outcomes, lambda chunk: validate_chunk(as_is(chunk), as_is(staged), as_is(build))
    )
    total = len(build.documents)
    progress.done("extract", total, total)  # every document, cached or new
    progress.done("validate", total - len(failed), total)
    build.reject(failed)
    progress.start("publish")
    published = publish_package(as_is(staged), build, dest)
    progress.done("publish", published.rows["documents"], published.rows["documents"])
    return published
