"""The build's machinery in plain Python: what ``flows/build.py`` calls, step by step.

- ``Build``: the run's documents in the tables' order (``doc_id``), which of them the per-document
  cache holds, and whether the published package was built from these inputs already;
- the documents to extract go in batches to the workers the flow provides (``newsfacts.batches``);
- ``outcomes_in_order``: every document's rows, in order, from the cache or from its batch,
  cached as they arrive;
- ``stage_documents``: chunks of documents checked and appended to the staged tables, memory
  released after each (``collected_per_chunk``); a cached document whose rows passed the same
  checks before (``newsfacts.seals``) is staged without checking them again;
- ``publish_package``: the staged tables and the rejects, published.

No Prefect here: the flow passes in the task that checks a chunk. What only the flow's own
process does (Arrow tables, Pandera checks, publishing) is imported where it is used: worker
processes import this module (through the flow's module, which Prefect names in every task's
context), and must not load pandas, Pandera, pyarrow or Frictionless (about 70 MB each).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from newsfacts import cache, gazetteer, nlp, seals
from newsfacts.batches import Batch, Outcome
from newsfacts.extract import collect, extract_texts
from newsfacts.ingest import Reject
from newsfacts.spool import AnyDocument

if TYPE_CHECKING:
    from newsfacts.publish import Published
    from newsfacts.staging import StagedTables
    from newsfacts.validate import Problem

CHUNK_SIZE = 250  # documents checked and written at a time in the flow's process (Pandera's cost per call)
# ... and at most about this many rows: news gives ~30 rows a document (7,500 a chunk), but a table
# of numbers can give 27,000 figures in one document, and checking 200,000 rows at once in pandas
# took the flow's process past 1 GB (rows are staged in the same order whatever the chunks).
CHUNK_ROWS = 30_000
MAX_PROBLEMS = 1_000  # kept for the report of a failed validation (the count is always exact)

Chunk = list[tuple[AnyDocument, Outcome]]
T = TypeVar("T")


class StrictModeFailure(RuntimeError):
    pass


def refuse_rejects(rejects: Sequence[Reject]) -> None:
    """``--strict``: any rejected file fails the run before anything is published."""
    if rejects:
        raise StrictModeFailure(
            f"--strict: {len(rejects)} file(s) rejected, nothing published: "
            + "; ".join(r.message() for r in rejects)
        )


class Timings:
    """Where a run's own time goes in the flow's process: wall seconds and this thread's CPU
    seconds per step (ingest, cache look-up, validate, publish), summed over its calls. The
    benchmark reads them from the run's summary (``newsfacts run --summary FILE``)."""

    def __init__(self) -> None:
        self.steps: dict[str, dict[str, float]] = {}

    def add(self, step: str, seconds: float, cpu: float) -> None:
        spent = self.steps.setdefault(step, {"seconds": 0.0, "cpu": 0.0})
        spent["seconds"] += seconds
        spent["cpu"] += cpu

    @contextmanager
    def measure(self, step: str) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            yield
        finally:
            self.add(step, time.perf_counter() - wall, time.thread_time() - cpu)

    def rounded(self) -> dict[str, dict[str, float]]:
        return {step: {k: round(v, 3) for k, v in spent.items()} for step, spent in self.steps.items()}


class Build:
    """One build's inputs: its documents in the tables' order, its rejects, the model, and what the
    per-document cache already holds. ``strict``: any reject fails the build, nothing published."""

    def __init__(
        self,
        documents: Sequence[AnyDocument],
        rejects: Sequence[Reject],
        model: str | None,
        strict: bool,
        force: bool = False,
        timings: Timings | None = None,
    ):
        self.started = time.perf_counter()
        self.timings = timings or Timings()
        self.strict = strict
        self.force = force  # replace files in DEST that newsfacts did not write
        if strict:
            refuse_rejects(rejects)
        self.documents = sorted(documents, key=lambda d: d.doc_id)  # the tables' order
        self.rejects = list(rejects)
        self.model = model
        self.model_info = nlp.model_info(nlp.model_meta(model))
        self.store = cache.DocumentCache(None, cache.fingerprint(self.model_info))
        with self.timings.measure("cache look-up"):
            self.done, self.failed_before = self.store.look_up(self.documents)
        self.todo = [d for d in self.documents if d.doc_id not in self.done]
        self.entries = Entries(self.store)

    @property
    def sealed(self) -> set[str]:
        return self.entries.sealed

    def passed(self, documents: Sequence[AnyDocument]) -> None:
        self.entries.passed(documents)

    def inputs_key(self) -> str:
        from newsfacts.publish import inputs_key

        return inputs_key(self.documents, self.rejects, self.model_info)

    def reject(self, failed: list[Reject]) -> None:
        """Documents whose extraction failed join the rejects (under ``strict``, the build fails)."""
        self.rejects += failed
        if self.strict:
            refuse_rejects(self.rejects)

    def unchanged(self, dest: Path) -> Published | None:
        """The package in DEST, when every document is in the cache and the package was built from
        exactly these inputs (then there is nothing to do); else None."""
        if self.todo:
            return None
        from newsfacts.publish import inputs_key, unchanged

        known = self.rejects + [d.reject(reason) for d, reason in self.failed_before]
        if self.strict:
            refuse_rejects(known)
        published = unchanged(dest, inputs_key(self.documents, known, self.model_info))
        if published is not None:
            self.rejects = known
        return published

    def extract_again(self, document: AnyDocument) -> Outcome:
        """Extract one document in this process (its cached rows failed the checks) and cache it."""
        outcome = extract_texts([document.text], nlp.load(self.model), gazetteer.load())[0]
        self.entries.write([(document, outcome)])
        return outcome

    def failed(self, document: AnyDocument, reason: str) -> None:
        """The document's fresh rows fail the checks: cache that, so that a re-run rejects it as
        before instead of extracting it again (a change of code makes it a miss)."""
        self.entries.write([(document, reason)])

    def outcomes(
        self, batches: Iterator[tuple[Batch, list[Outcome]]]
    ) -> Iterator[tuple[AnyDocument, Outcome]]:
        return outcomes_in_order(self.documents, self.done, self.entries, batches, self.model)

    def summary(self, published: Published) -> dict:
        """What the run did. ``failures``: the documents newsfacts failed on (bugs), apart from
        ``rejects``, the files it could not use."""
        return {
            "dest": str(published.dest),
            "version": published.version,
            "changed": published.changed,
            "rows": published.rows,
            "rejects": [r.message() for r in self.rejects if not is_extraction_failure(r)],
            "failures": [r.message() for r in self.rejects if is_extraction_failure(r)],
            "notes": [message for d in self.documents for message in d.messages()],
            "seconds": round(time.perf_counter() - self.started, 2),
            "timings": self.timings.rounded(),
        }


class Entries:
    """The cache entries of the documents being staged: read and written through here, each
    entry's digest is kept until its document is staged, and the documents whose stored seal
    holds (``newsfacts.seals``: their rows passed these very checks before) are ``sealed``.
    ``passed`` seals the others once their rows have passed."""

    def __init__(self, store: cache.DocumentCache):
        self.store = store
        self.digests: dict[str, str] = {}  # doc_id -> its entry's digest, until it is staged
        self.sealed: set[str] = set()

    def read(self, document: AnyDocument) -> Outcome | None:
        entry = self.store.entry(document.text)
        if entry is None or isinstance(entry.outcome, str):  # a failure: a reject, never staged
            return None if entry is None else entry.outcome
        self.digests[document.doc_id] = entry.digest
        if entry.seal is not None and entry.seal == seals.seal(
            document.doc_id, document.published, entry.digest
        ):
            self.sealed.add(document.doc_id)
        return entry.outcome

    def write(self, pairs: Sequence[tuple[AnyDocument, Outcome]]) -> None:
        """Cache the documents' outcomes (one transaction); fresh rows are not sealed."""
        digests = self.store.put_many((d.text, o) for d, o in pairs)
        for (document, outcome), digest in zip(pairs, digests, strict=True):
            self.sealed.discard(document.doc_id)
            if digest is None or isinstance(outcome, str):
                self.digests.pop(document.doc_id, None)
            else:
                self.digests[document.doc_id] = digest

    def passed(self, documents: Sequence[AnyDocument]) -> None:
        """The documents' rows passed the checks and are staged: seal their entries."""
        self.store.seal(
            (d.text, seals.seal(d.doc_id, d.published, self.digests[d.doc_id]))
            for d in documents
            if d.doc_id in self.digests and d.doc_id not in self.sealed
        )
        for document in documents:
            self.digests.pop(document.doc_id, None)
            self.sealed.discard(document.doc_id)


def outcomes_in_order(
    documents: list[AnyDocument],
    done: set[str],
    entries: Entries,
    batches: Iterator[tuple[Batch, list[Outcome]]],
    model: str | None = None,
) -> Iterator[tuple[AnyDocument, Outcome]]:
    """(document, outcome) for every document, in order: read from the cache (``done``: the ids it
    holds) or taken from the extracted ``batches`` (which cover the others, in the same order),
    whose outcomes are cached as they arrive."""
    ready: dict[str, Outcome] = {}
    for document in documents:
        outcome: Outcome | None
        if document.doc_id in done:
            outcome = entries.read(document)
            if outcome is None:  # the entry went between two reads (the cache was cleared)
                outcome = extract_texts([document.text], nlp.load(model), gazetteer.load())[0]
                entries.write([(document, outcome)])
        else:
            while document.doc_id not in ready:
                batch, outcomes = next(batches)
                entries.write(list(zip(batch, outcomes, strict=True)))  # one transaction
                for extracted, extracted_outcome in zip(batch, outcomes, strict=True):
                    ready[extracted.doc_id] = extracted_outcome
            outcome = ready.pop(document.doc_id)
        yield document, outcome
    next(batches, None)  # let the batches finish: the worker processes stop now, not at exit


def chunks(
    items: Iterable[T], size: int, weight: Callable[[T], int] | None = None, max_weight: int = 0
) -> Iterator[list[T]]:
    """Consecutive lists of at most ``size`` items, and, with ``weight``, closed as soon as their
    weight reaches ``max_weight``."""
    chunk: list[T] = []
    total = 0
    for item in items:
        chunk.append(item)
        total += weight(item) if weight else 0
        if len(chunk) == size or (weight and total >= max_weight):
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


def rows_in(pair: tuple[AnyDocument, Outcome]) -> int:
    """How many rows a document's outcome holds (its weight in a chunk)."""
    outcome = pair[1]
    return 0 if isinstance(outcome, str) else sum(len(rows) for rows in outcome.values())


@contextmanager
def collected_per_chunk() -> Iterator[Callable[[], int]]:
    """A Prefect future keeps its task's result (a batch's rows) in a reference cycle, so a
    finished batch is freed only by a full garbage collection, which Python runs rarely: the
    flow's memory grew by ~6 MB per 100 documents. Collect after each chunk; the objects alive
    before the loop are frozen first, so that each collection looks only at the chunk's own."""
    gc.freeze()
    try:
        yield gc.collect
    finally:
        gc.unfreeze()


def release_freed_memory() -> None:
    """Arrow's default allocator (jemalloc) keeps freed memory for reuse; tables are built and
    written a chunk at a time, so let freed memory go back (measured: ~60 MB less at N = 2,000)."""
    import pyarrow as pa

    pa.set_memory_pool(pa.system_memory_pool())


EXTRACTION_FAILED = "extraction failed"  # every reject reason of a document newsfacts failed on (a bug)
MAX_REASON = 300  # characters of a failure's first problem kept in its reject reason


def is_extraction_failure(reject: Reject) -> bool:
    """A document newsfacts itself failed on (a bug to report), not a file it could not read."""
    return reject.reason.startswith(EXTRACTION_FAILED)


def failure_reason(problems: list[Problem]) -> str:
    """A rejects.reason for a document whose rows failed the checks: the first problem (its table,
    column, check and value) and how many more there were."""
    first = str(problems[0])
    if len(first) > MAX_REASON:
        first = first[: MAX_REASON - 1] + "…"
    more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
    return f"{EXTRACTION_FAILED}: {first}{more}"


class Redo(Protocol):
    """What ``check_chunk`` needs to treat a cached document whose rows fail the checks as a cache
    miss: which documents came from the cache, and how to extract one again (and re-cache it);
    and to skip the checks of rows that passed them before: which documents are ``sealed``, and
    ``passed`` to seal the others once staged (``newsfacts.seals``)."""

    done: set[str]

    @property
    def sealed(self) -> set[str]: ...

    def extract_again(self, document: AnyDocument) -> Outcome: ...

    def failed(self, document: AnyDocument, reason: str) -> None: ...

    def passed(self, documents: Sequence[AnyDocument]) -> None: ...


def _tables(pairs: list[tuple[AnyDocument, dict[str, list[dict]]]]) -> dict:
    from newsfacts.tables import to_arrow

    extracted = collect([(d.doc_id, rows) for d, rows in pairs], {d.doc_id: d.published for d, _ in pairs})
    return {
        "documents": to_arrow("documents", [d.row() for d, _ in pairs]),
        **{name: to_arrow(name, rows) for name, rows in extracted.tables.items()},
    }


def _unsealed(tables: dict, sealed: set[str]) -> dict:
    """The tables without the extracted rows of the ``sealed`` documents (every document's own row
    stays: it is read from its file on every run)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    known = pa.array(sorted(sealed), pa.string())
    return {
        name: table
        if name == "documents"
        else table.filter(pc.invert(pc.is_in(table["doc_id"], value_set=known)))
        for name, table in tables.items()
    }


def _problems_of(
    pairs: list[tuple[AnyDocument, dict[str, list[dict]]]], sealed: set[str] | None = None
) -> tuple[dict | None, list[Problem]]:
    """The pairs' tables and their problems (the rows of ``sealed`` documents are not checked
    again); an exception while building or checking them (a value of the wrong type, a bug in a
    check) is a problem too, never a failed run."""
    from newsfacts.validate import Problem, check_tables

    try:
        tables = _tables(pairs)
        skipped = {d.doc_id for d, _ in pairs} & (sealed or set())
        return tables, check_tables(_unsealed(tables, skipped) if skipped else tables, skip_empty=True)
    except Exception as exc:
        return None, [Problem("rows", None, None, "build and check", f"{type(exc).__name__}: {exc}")]


def check_chunk(
    chunk: Chunk, staged: StagedTables, redo: Redo | None = None
) -> tuple[list[Reject], list[Problem]]:
    """A chunk of (document, outcome) pairs: documents whose extraction failed become rejects; the
    others' rows get their ids, become Arrow tables, pass every check (the Pandera models, keys and
    offsets within each document) and are appended to the staged tables.

    One document never costs the others: the chunk is checked whole (the fast path, one Pandera
    call), and only when it has a problem is each document checked alone; a document whose rows
    fail is a reject ("extraction failed: TABLE.COLUMN: check: value"), the rest are staged. A
    document that came from the cache (``redo.done``) and fails is a cache miss first: it is
    extracted again (``redo.extract_again``) and checked once more; a document that fails with
    fresh rows is remembered as failed (``redo.failed``), so that a re-run does not extract it
    again. The problems returned are the package's as a whole: rows that pass document by document
    but not together (nothing is staged from such a chunk). The rows of ``redo.sealed`` documents
    passed these checks before and are not checked again; the others are sealed once staged."""
    sealed = redo.sealed if redo is not None else None
    reasons = {d.doc_id: o for d, o in chunk if isinstance(o, str)}
    failed = [d.reject(reasons[d.doc_id]) for d, _ in chunk if d.doc_id in reasons]
    pairs = [(d, o) for d, o in chunk if not isinstance(o, str)]
    tables, problems = _problems_of(pairs, sealed)
    if problems or tables is None:
        good: list[tuple[AnyDocument, dict[str, list[dict]]]] = []
        for document, rows in pairs:
            rejected = _checked_alone(document, rows, redo)
            if isinstance(rejected, Reject):
                failed.append(rejected)
            else:
                good.append((document, rejected))
        pairs = good
        tables, problems = _problems_of(pairs, sealed)
        if tables is None or problems:  # each passes alone, together they do not: the package's problem
            return failed, problems
    staged.add(tables)
    if redo is not None:
        redo.passed([d for d, _ in pairs])
    return failed, []


def _checked_alone(
    document: AnyDocument, rows: dict[str, list[dict]], redo: Redo | None
) -> dict[str, list[dict]] | Reject:
    """The document's rows if they pass the checks alone (extracted again first when its cached
    rows do not), else its reject."""
    sealed = redo.sealed if redo is not None else None
    _, problems = _problems_of([(document, rows)], sealed)
    if problems and redo is not None and document.doc_id in redo.done:
        fresh = redo.extract_again(document)  # a cache entry that fails the checks is a miss
        if isinstance(fresh, str):
            return document.reject(fresh)
        rows = fresh
        _, problems = _problems_of([(document, rows)], sealed)
    if problems:
        reason = failure_reason(problems)
        if redo is not None:
            redo.failed(document, reason)
        return document.reject(reason)
    return rows


def stage_documents(
    outcomes: Iterable[tuple[AnyDocument, Outcome]],
    check: Callable[[Chunk], tuple[list[Reject], list[Problem]]],
    chunk_size: int = CHUNK_SIZE,
) -> list[Reject]:
    """Check and stage every document's rows, a chunk at a time (``check``: ``check_chunk``, run
    as the flow's task); the documents whose extraction failed, as rejects. Raises
    ValidationFailed, with the problems found, if any chunk has one."""
    from newsfacts.validate import ValidationFailed

    failed: list[Reject] = []
    problems: list[Problem] = []
    with collected_per_chunk() as collect_garbage:
        for chunk in chunks(outcomes, chunk_size, rows_in, CHUNK_ROWS):
            chunk_failed, chunk_problems = check(chunk)
            failed += chunk_failed
            problems += chunk_problems[: max(0, MAX_PROBLEMS - len(problems))]
            collect_garbage()
    if problems:
        raise ValidationFailed(problems)
    return failed


def publish_package(staged: StagedTables, build: Build, dest: Path) -> Published:
    """The rejects table checked and staged, then the whole package published."""
    from newsfacts.publish import publish
    from newsfacts.tables import to_arrow
    from newsfacts.validate import ValidationFailed, check_tables

    with build.timings.measure("publish"):
        tables = {"rejects": to_arrow("rejects", [r.row() for r in build.rejects])}
        problems = check_tables(tables)
        if problems:
            raise ValidationFailed(problems)
        staged.add(tables)
        return publish(staged, dest, build.model_info, inputs=build.inputs_key(), force=build.force)


def refuse_harm(seeds: Path, dest: Path, force: bool) -> None:
    """Before any work: the seeds and DEST do not overlap (``owned.Overlap``), and DEST holds no
    file newsfacts did not write where the package goes (``owned.NotOurs``, unless ``force``)."""
    from newsfacts.publish import owned, swap

    owned.refuse_overlap(seeds, dest)
    if not force and not swap.in_progress(dest):  # an interrupted publish: checked once recovered
        owned.refuse_foreign(dest)


def scratch(dest: Path) -> AbstractContextManager[StagedTables]:
    """The run's staged tables, in a scratch folder inside DEST (``newsfacts.staging``)."""
    from newsfacts.staging import StagedTables

    release_freed_memory()
    return StagedTables.scratch(dest)
