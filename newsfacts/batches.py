"""The documents to extract, in batches, on the workers the flow provides.

- ``Workers``: the flow's task runner behind a ``submit(texts)`` callable (a local pool of worker
  processes, or a Dask cluster), as ``flows/extract.py`` makes it;
- ``batch_sizes``: large batches while many documents remain, small ones at the end (each task
  costs ~150 ms of CPU in Prefect: the flow's process, its server and the worker);
- ``extracted_batches``: (batch, outcomes) in order, a window of batches in flight, or the few
  documents of a small run extracted in this process;
- ``started_early``: on a first run, the local workers started before the documents are known,
  so that their start-up (each imports spaCy and loads the model: ~5 s) overlaps reading the seeds;
- ``reported``: progress as the batches come in.

No Prefect here: the flow passes in what runs on its task runner.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from newsfacts import stopping
from newsfacts.paths import DESCRIPTOR
from newsfacts.progress import Progress
from newsfacts.spool import AnyDocument

BATCH_SIZE = 100  # the largest batch: documents per extraction task while many remain
SMALLEST_BATCH = 5  # the smallest, at the end of a run
HERE_AT_MOST = 25  # a run with no more new documents extracts them in its own process
SMALL_BYTES = 1_000_000  # seeds larger than this hold more than HERE_AT_MOST news articles

Outcome = dict[str, list[dict]] | str  # a document's rows (without ids), or why its extraction failed
Batch = list[AnyDocument]


class Pending(Protocol):
    """A batch submitted to the workers: its outcomes, once they are in."""

    def result(self) -> list[Outcome]: ...


Submit = Callable[[list[str]], Pending]


@dataclass(frozen=True)
class Workers:
    """Where extraction batches run besides this process. ``start()`` starts the workers and
    yields ``submit(texts)``; leaving it stops them. ``window``: batches in flight at a time, so
    that finished batches never pile up in memory; ``remote`` (a cluster): even a single batch
    goes there; ``processes``: how many local worker processes ``start()`` starts (0 for a
    cluster); ``running``: started already (``started_early``), so even a few documents go there."""

    start: Callable[[], AbstractContextManager[Submit]]
    window: int
    remote: bool = False
    processes: int = 0
    running: bool = False


def batch_sizes(total: int, window: int, largest: int, smallest: int = SMALLEST_BATCH) -> Iterator[int]:
    """Sizes of consecutive batches covering ``total`` documents (guided self-scheduling): each a
    ``window``-th of what remains, between ``smallest`` and ``largest``: few tasks while much
    remains, and small ones at the end, so that no worker is left parsing a large batch alone."""
    remaining = total
    while remaining > 0:
        size = min(remaining, largest, max(smallest, -(-remaining // max(1, window))))
        yield size
        remaining -= size


def extracted_batches(
    documents: list[AnyDocument],
    batch_size: int,
    extract_here: Callable[[list[str]], list[Outcome]],
    workers: Workers,
) -> Iterator[tuple[Batch, list[Outcome]]]:
    """(batch, its outcomes) for each batch of documents, in order: on the workers, unless there
    are only a few documents (at most ``batch_size`` and ``HERE_AT_MOST``: not worth starting
    worker processes) and the workers are local and not running yet. ``workers.window`` batches
    are in flight at a time, of the sizes ``batch_sizes`` gives; the workers stop as soon as the
    last batch is in."""
    if len(documents) <= min(batch_size, HERE_AT_MOST) and not (workers.remote or workers.running):
        if documents:
            yield documents, extract_here([d.text for d in documents])
        return
    batches: deque[Batch] = deque()
    start = 0
    for size in batch_sizes(len(documents), workers.window, batch_size):
        batches.append(documents[start : start + size])
        start += size
    with stopping.workers_stop_on_signal(), workers.start() as submit:
        running: deque[tuple[Batch, Pending]] = deque()
        while batches or running:
            while batches and len(running) < workers.window:
                batch = batches.popleft()
                running.append((batch, submit([d.text for d in batch])))
            batch, pending = running.popleft()
            yield batch, pending.result()


@contextmanager
def started_early(workers: Workers, seeds: Path, dest: Path) -> Iterator[Workers]:
    """``workers``, started now when the run will surely need them: local processes, a first run
    (no package in ``dest`` yet: a re-run finds most documents in the cache, and starting workers
    it may not need would slow it) of more than a few documents (``few_documents``). Each is sent
    an empty batch, so that it starts and loads the model while this process reads the seeds. The
    ``Workers`` yielded hand out the running ones and stop them once their batches are in (or kill
    them when this context ends, should there be nothing to extract); otherwise ``workers`` as they
    are, started when needed."""
    first_run = not (dest / DESCRIPTOR).exists()
    if workers.remote or workers.processes < 1 or not first_run or few_documents(seeds):
        yield workers
        return
    before = stopping.child_ids()
    with ExitStack() as started:
        started.enter_context(stopping.workers_stop_on_signal())
        submit = started.enter_context(workers.start())
        for _ in range(workers.processes):
            submit([])  # done long before the batches are in; stopping the workers waits for it
        handed_out: list[bool] = []

        @contextmanager
        def hand_out() -> Iterator[Submit]:
            handed_out.append(True)
            try:
                yield submit
            finally:
                started.close()  # the batches are in: the worker processes stop now

        try:
            yield replace(workers, start=hand_out, running=True)
        finally:
            if not handed_out:  # nothing to extract: no need to wait for the model to load
                stopping.kill_children_since(before)


def few_documents(seeds: Path) -> bool:
    """True when ``seeds`` (one file, or a folder, read until it holds too many files) holds few
    enough articles to be extracted in this process (``HERE_AT_MOST``)."""
    if seeds.is_file():
        return _size(seeds) <= SMALL_BYTES
    files, size = 0, 0
    for folder, _subfolders, names in os.walk(seeds):
        for name in names:
            files += 1
            size += _size(Path(folder) / name)
            if files > 2 * HERE_AT_MOST or size > SMALL_BYTES:  # a sidecar may sit beside each article
                return False
    return True


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def reported(
    batches: Iterable[tuple[Batch, list[Outcome]]], total: int, progress: Progress
) -> Iterator[tuple[Batch, list[Outcome]]]:
    """The batches, reporting the new documents extracted so far (rate and time left)."""
    extracted = 0
    for batch, outcomes in batches:
        extracted += len(batch)
        if extracted < total:
            progress.done("extract", extracted, total)
        yield batch, outcomes
