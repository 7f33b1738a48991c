"""The documents to extract, in batches: large while many remain, small at the end, in order, a
window in flight; a small run in the flow's own process; the workers started before the seeds are
read when the run will need them."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager

import pytest

from newsfacts.batches import (
    HERE_AT_MOST,
    SMALL_BYTES,
    Workers,
    batch_sizes,
    extracted_batches,
    few_documents,
    started_early,
)
from newsfacts.ingest.documents import Document


@pytest.mark.parametrize(
    ("total", "window", "largest"), [(2000, 6, 100), (20_000, 6, 100), (37, 4, 100), (7, 6, 3)]
)
def test_batches_cover_every_document_largest_first_then_smaller(total, window, largest):
    sizes = list(batch_sizes(total, window, largest))
    assert sum(sizes) == total
    assert max(sizes) <= largest
    assert sizes == sorted(sizes, reverse=True)  # never a large batch after a small one
    assert all(size >= min(5, largest) for size in sizes[:-1])


def test_a_run_of_2000_documents_takes_a_few_dozen_tasks_not_eighty():
    sizes = list(batch_sizes(2000, 6, 100))
    assert 30 <= len(sizes) <= 40
    assert sizes[0] == 100 and sizes[-1] == 5


def test_batch_size_one_gives_one_document_a_task():
    assert list(batch_sizes(3, 6, 1)) == [1, 1, 1]


def _documents(n: int) -> list[Document]:
    return [
        Document(f"d{i:03d}", f"d{i:03d}.txt", f"Article {i}", f"Text number {i}.", f"{i:064x}")
        for i in range(n)
    ]


class ThreadWorkers:
    """Workers in threads of this process: what a task runner does, seen from the batches."""

    def __init__(self, window: int = 3, running: bool = False, processes: int = 0):
        self.submitted: list[list[str]] = []
        self.in_flight, self.most_in_flight, self.started = 0, 0, 0
        self.window, self.running, self.processes = window, running, processes

    def extract(self, texts: list[str]) -> list:
        self.in_flight -= 1
        return [f"rows of {t}" for t in texts]

    @contextmanager
    def start(self) -> Iterator:
        self.started += 1
        with ThreadPoolExecutor(2) as pool:

            def submit(texts: list[str]) -> Future:
                self.submitted.append(texts)
                self.in_flight += 1
                self.most_in_flight = max(self.most_in_flight, self.in_flight)
                return pool.submit(self.extract, texts)

            yield submit

    def workers(self) -> Workers:
        return Workers(self.start, self.window, processes=self.processes, running=self.running)


def test_many_documents_go_to_the_workers_in_order_a_window_at_a_time():
    pool = ThreadWorkers(window=3)
    documents = _documents(120)
    out = list(extracted_batches(documents, 100, lambda texts: pytest.fail("not here"), pool.workers()))
    assert [d for batch, _ in out for d in batch] == documents
    assert [o for _, outcomes in out for o in outcomes] == [f"rows of {d.text}" for d in documents]
    assert pool.most_in_flight <= 3
    assert pool.started == 1


def test_a_few_documents_are_extracted_here_unless_the_workers_are_running():
    here: list[list[str]] = []
    documents = _documents(HERE_AT_MOST)

    def extract_here(texts: list[str]) -> list:
        here.append(texts)
        return ["rows"] * len(texts)

    pool = ThreadWorkers()
    assert len(list(extracted_batches(documents, 100, extract_here, pool.workers()))) == 1
    assert here == [[d.text for d in documents]] and pool.started == 0

    running = ThreadWorkers(running=True)
    out = list(extracted_batches(documents, 100, extract_here, running.workers()))
    assert [d for batch, _ in out for d in batch] == documents
    assert running.started == 1 and len(here) == 1


def test_seeds_of_a_few_articles_are_few_documents(tmp_path):
    for i in range(HERE_AT_MOST):
        (tmp_path / f"a{i}.txt").write_text("An article.\n", encoding="utf-8")
        (tmp_path / f"a{i}.meta.json").write_text("{}", encoding="utf-8")
    assert few_documents(tmp_path)
    assert few_documents(tmp_path / "a0.txt")


def test_many_files_or_many_bytes_are_not_few_documents(tmp_path):
    many = tmp_path / "many"
    (many / "2026" / "11").mkdir(parents=True)
    for i in range(3 * HERE_AT_MOST):
        (many / "2026" / "11" / f"a{i}.txt").write_text("An article.\n", encoding="utf-8")
    assert not few_documents(many)
    crawl = tmp_path / "crawl.jsonl"
    crawl.write_text('{"text": "An article."}\n' * (SMALL_BYTES // 20), encoding="utf-8")
    assert not few_documents(crawl)


def test_workers_start_before_the_seeds_are_read_when_there_are_many(tmp_path):
    for i in range(3 * HERE_AT_MOST):
        (tmp_path / f"a{i}.txt").write_text("An article.\n", encoding="utf-8")
    pool = ThreadWorkers(processes=2)
    with started_early(pool.workers(), tmp_path, tmp_path / "dest") as workers:
        assert pool.started == 1 and pool.submitted == [[], []]  # an empty batch each: they load the model
        assert workers.running
        out = list(extracted_batches(_documents(3), 100, lambda texts: pytest.fail("not here"), workers))
        assert [len(batch) for batch, _ in out] == [3]
    assert pool.started == 1


def test_workers_are_not_started_early_for_a_few_articles_or_a_cluster(tmp_path):
    (tmp_path / "a.txt").write_text("An article.\n", encoding="utf-8")
    pool = ThreadWorkers(processes=2)
    with started_early(pool.workers(), tmp_path, tmp_path / "dest") as workers:
        assert pool.started == 0 and not workers.running
    cluster = Workers(pool.start, 16, remote=True)
    for i in range(3 * HERE_AT_MOST):
        (tmp_path / f"a{i}.txt").write_text("An article.\n", encoding="utf-8")
    with started_early(cluster, tmp_path, tmp_path / "dest") as workers:
        assert workers is cluster and pool.started == 0


def test_a_re_run_starts_its_workers_only_when_it_knows_it_needs_them(tmp_path):
    seeds, dest = tmp_path / "seeds", tmp_path / "dest"
    seeds.mkdir()
    dest.mkdir()
    for i in range(3 * HERE_AT_MOST):
        (seeds / f"a{i}.txt").write_text("An article.\n", encoding="utf-8")
    (dest / "datapackage.json").write_text("{}", encoding="utf-8")  # published before
    pool = ThreadWorkers(processes=2)
    with started_early(pool.workers(), seeds, dest) as workers:
        assert pool.started == 0 and not workers.running
