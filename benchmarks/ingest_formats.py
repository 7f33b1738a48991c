"""Benchmark: what reading web pages from a WARC crawl adds to a run, against the same articles as text.

    .venv/bin/python benchmarks/ingest_formats.py [--warc ../shared/eval/html/pages.warc.gz] [--repeat 2]

From the crawl (by default the 181 pages of the shared article-extraction benchmark, 192 records)
it writes the texts ingest extracts, one ``.txt`` per article, to a temporary folder: the same
articles as text. Then, side by side and alternating, each as a whole process (``newsfacts run
--quiet``, cold: an empty document cache and a new destination every time; the gazetteer index is
shared, as on any machine after its first run):

- ``text``: a run over the folder of texts;
- ``warc``: a run over the crawl (``--seeds FILE.warc.gz``): FastWARC, trafilatura, htmldate,
  py3langid on every page, then the same extraction;

and, in this process, ingest alone (``ingest.scan``) of each, best of three after a warm-up.
Target (issue 18): the WARC run takes at most 10% longer than the text run. On a shared machine
wall times vary by more than that from run to run: the CPU time of each run's processes (the
command and every process it waited for) is given beside them. The table goes to
stdout and to ``benchmarks/results/ingest-formats.md`` with the machine and its load.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from benchmarks.run import load, machine, measure  # noqa: E402
from newsfacts import ingest  # noqa: E402

DEFAULT_WARC = REPO.parent / "shared" / "eval" / "html" / "pages.warc.gz"
NEWSFACTS = Path(sys.executable).parent / "newsfacts"


def write_texts(warc: Path, folder: Path) -> int:
    documents, _ = ingest.scan(warc)
    folder.mkdir(parents=True, exist_ok=True)
    for i, doc in enumerate(documents):
        (folder / f"article-{i:03d}.txt").write_text(doc.text, encoding="utf-8")
    return len(documents)


def _children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes and their own children: less
    sensitive than wall time to other work on a shared machine."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def ingest_seconds(seeds: Path) -> float:
    ingest.scan(seeds)  # warm-up: libraries and the language model loaded
    times = []
    for _ in range(3):
        started = time.perf_counter()
        ingest.scan(seeds)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warc", type=Path, default=DEFAULT_WARC)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each kind (default 2)")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "ingest-formats.md")
    args = parser.parse_args()
    if not args.warc.is_file():
        raise SystemExit(f"no crawl at {args.warc}")
    root = Path(tempfile.mkdtemp(prefix="newsfacts-bench-formats-"))
    texts = root / "texts"
    n = write_texts(args.warc, texts)
    print(f"{n} articles from {args.warc.name} -> {texts}", file=sys.stderr)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    seconds: dict[str, list[float]] = {"text": [], "warc": []}
    peaks: dict[str, list[int]] = {"text": [], "warc": []}
    cpu: dict[str, list[float]] = {"text": [], "warc": []}
    loads = []
    for rep in range(args.repeat):
        for kind, seeds in (
            (("text", texts), ("warc", args.warc))
            if rep % 2 == 0
            else (
                ("warc", args.warc),
                ("text", texts),
            )
        ):
            run_env = dict(env, NEWSFACTS_DOC_CACHE=str(root / f"cache-{kind}-{rep}"))
            dest = root / f"dest-{kind}-{rep}"
            before, cpu_before = load(), _children_cpu()
            wall, peak, _ = measure(
                [str(NEWSFACTS), "run", "--quiet", "--seeds", str(seeds), "--dest", str(dest)], run_env
            )
            loads.append(f"{before} -> {load()}")
            cpu[kind].append(_children_cpu() - cpu_before)
            seconds[kind].append(wall)
            peaks[kind].append(peak)
            print(
                f"  {kind} run {rep + 1}: {wall:.1f} s, peak {peak / 2**20:.0f} MB",
                file=sys.stderr,
                flush=True,
            )
    scan = {"text": ingest_seconds(texts), "warc": ingest_seconds(args.warc)}
    text_run, warc_run = statistics.median(seconds["text"]), statistics.median(seconds["warc"])
    added = warc_run / text_run - 1
    text_cpu, warc_cpu = statistics.median(cpu["text"]), statistics.median(cpu["warc"])
    runs = {kind: ", ".join(f"{s:.1f}" for s in values) for kind, values in seconds.items()}
    peak_mb = {kind: max(values) / 2**20 for kind, values in peaks.items()}
    per_page = (scan["warc"] - scan["text"]) / n * 1000
    size = args.warc.stat().st_size
    lines = [
        "# Ingest of a WARC crawl against the same articles as text",
        "",
        f"- machine: {machine()}; load (1/5/15 min) during the runs: {'; '.join(loads)}",
        f"- date: {time.strftime('%Y-%m-%d %H:%M %Z')}; crawl: {args.warc.name} ({size:,} bytes), "
        f"{n} English articles published; each run cold (empty document cache), "
        f"{args.repeat} of each, median",
        "- command: `.venv/bin/python benchmarks/ingest_formats.py`",
        "",
        "| | text folder | WARC crawl | WARC / text |",
        "|---|---|---|---|",
        f"| `newsfacts run`, wall (median) | {text_run:.1f} s | {warc_run:.1f} s | {added:+.1%} |",
        f"| runs | {runs['text']} s | {runs['warc']} s | |",
        f"| CPU time of the run's processes (median) | {text_cpu:.1f} s | {warc_cpu:.1f} s | "
        f"{warc_cpu / text_cpu - 1:+.1%} |",
        f"| peak RSS (process tree) | {peak_mb['text']:.0f} MB | {peak_mb['warc']:.0f} MB | |",
        f"| ingest alone (`ingest.scan`, best of 3) | {scan['text']:.2f} s | {scan['warc']:.2f} s | "
        f"+{scan['warc'] - scan['text']:.2f} s ({per_page:.0f} ms a page) |",
        "",
        f"Target (issue 18): the WARC run at most 10% longer than the text run: "
        f"{'met' if added <= 0.10 else 'NOT met'} ({added:+.1%}).",
        "",
    ]
    report = "\n".join(lines)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
