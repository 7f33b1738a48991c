"""Benchmark: `newsfacts run` against bare spaCy on the same texts, side by side, in one run.

    .venv/bin/python benchmarks/run.py --n 200 --n 2000

For each N it builds a deterministic corpus of N distinct articles (``benchmarks/corpus.py``, from
the seed article) in a temporary folder and times, each as a whole process (``python -m
cli run``, no ``PREFECT_API_URL``: Prefect's temporary server starts every time):

- start-up: a run on a one-article folder (empty document cache): the fixed cost of any run;
- spaCy: bare ``nlp.pipe`` over the same texts, same model, pipeline and batch size, with as many
  processes as the flow's workers (``benchmarks/spacy_floor.py``): the floor. Its time is the pipe
  alone (the model's load is not counted: a stricter floor);
- cold: the first run (empty document cache, no package);
- re-run: the same folder again, nothing changed;
- +1%: a re-run after adding N/100 new articles;
- query: a DuckDB join of figures, locations and documents over the package (in this process).

Peak memory is the largest total RSS of the process and all its children (Prefect's temporary
server, worker processes), sampled every 20 ms. The table goes to stdout and to
``benchmarks/results/nN.md``, with the machine it ran on and its load.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from benchmarks.corpus import SEED_ARTICLE, write_corpus, write_number_heavy  # noqa: E402

_WORD = re.compile(r"\w+")
QUERY = """SELECT l.name, l.country_code, f.category, count(*) AS figures, sum(f.value) AS total,
                  count(DISTINCT d.doc_id) AS documents
           FROM figures f
           JOIN locations l USING (doc_id, location_id)
           JOIN documents d USING (doc_id)
           WHERE f.category IN ('killed', 'displaced', 'injured')
           GROUP BY ALL ORDER BY total DESC LIMIT 20"""


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = psutil.virtual_memory().total / 2**30
    return (
        f"{os.cpu_count()} cores ({cpu}), {ram:.0f} GB RAM, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def load() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


PEAK_PARTS: dict[str, int] = {}  # the last measure's peak, by process: "flow", "largest child", "children"


def measure(cmd: list[str], env: dict) -> tuple[float, int, str]:
    """Run a command to the end; (wall seconds, peak RSS of its process tree in bytes, stdout).
    ``PEAK_PARTS`` says how the peak was made up."""
    peak = 0
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stop = threading.Event()

    def sample():
        nonlocal peak
        root = psutil.Process(proc.pid)
        while not stop.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
                sizes = []
                for p in procs:
                    with contextlib.suppress(psutil.Error):
                        sizes.append(p.memory_info().rss)
                total = sum(sizes)
                if total > peak:
                    peak = total
                    children = sizes[1:] if sizes else []
                    PEAK_PARTS.update(
                        flow=sizes[0] if sizes else 0,
                        largest_child=max(children, default=0),
                        children=len(children),
                    )
            except psutil.Error:
                pass
            stop.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-3000:]}")
    return seconds, peak, out


def words_in(folder: Path) -> int:
    return sum(len(_WORD.findall(p.read_text(encoding="utf-8"))) for p in folder.glob("*.txt"))


def bench(n: int, workers: int, root: Path) -> dict:
    seeds, one = root / f"seeds-{n}", root / "one"
    write_corpus(seeds, n)
    one.mkdir(exist_ok=True)
    (one / SEED_ARTICLE.name).write_text(SEED_ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    words = words_in(seeds)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env.update(
        PYTHONPATH=str(REPO), NEWSFACTS_WORKERS=str(workers), NEWSFACTS_DOC_CACHE=str(root / f"cache-{n}")
    )
    run = [sys.executable, "-m", "cli", "run", "--quiet"]
    rows = []

    def phase(name, cmd, env=env, words=words, note=""):
        before = load()
        seconds, peak, out = measure(cmd, env)
        rows.append(
            {
                "phase": name,
                "seconds": seconds,
                "words": words,
                "rss": peak,
                "load": f"{before} -> {load()}",
                "note": note,
            }
        )
        print(f"  {name}: {seconds:.1f} s, peak {peak / 2**20:.0f} MB", file=sys.stderr, flush=True)
        return out

    print(f"N = {n}: {words:,} words", file=sys.stderr, flush=True)
    one_env = dict(env, NEWSFACTS_DOC_CACHE=str(root / f"cache-one-{n}"))
    phase(
        "start-up (one article)",
        [*run, "--seeds", str(one), "--dest", str(root / f"pkg-one-{n}")],
        env=one_env,
        words=words_in(one),
    )
    floor = json.loads(
        phase(
            "spaCy nlp.pipe (floor)", [sys.executable, str(HERE / "spacy_floor.py"), str(seeds), str(workers)]
        )
    )
    process = rows[-1]["seconds"]
    rows[-1]["seconds"] = floor["seconds"]
    rows[-1]["note"] = (
        f"nlp.pipe only ({workers} processes); the whole process, with imports and the "
        f"model's load ({floor['load_seconds']:.1f} s), took {process:.1f} s"
    )
    dest = root / f"pkg-{n}"
    phase("cold run", [*run, "--seeds", str(seeds), "--dest", str(dest)])
    phase("re-run, nothing changed", [*run, "--seeds", str(seeds), "--dest", str(dest)])
    added = max(1, n // 100)
    write_corpus(seeds, added, start=n)
    phase(
        f"re-run, +{added} new (1%)",
        [*run, "--seeds", str(seeds), "--dest", str(dest)],
        words=words_in(seeds),
    )

    from newsfacts import query

    query.run(QUERY, dest)  # warm the OS file cache once, as a served package would be
    best = min(_timed(lambda: query.run(QUERY, dest)) for _ in range(5))
    return {"n": n, "words": words, "workers": workers, "rows": rows, "query_ms": best * 1000}


MEMORY_TARGET = 1.5 * 2**30  # a run's peak, whatever the input within the limits (issue 12)


def bench_number_heavy(workers: int, root: Path, n: int = 8, size: int = 450_000) -> str:
    """A cold run over ``n`` number-heavy articles of ``size`` characters each (under the size
    limits, ~100,000 tokens each): its time, and its peak memory against the 1.5 GB bound."""
    seeds = root / "number-heavy"
    write_number_heavy(seeds, n, size)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env.update(
        PYTHONPATH=str(REPO), NEWSFACTS_WORKERS=str(workers), NEWSFACTS_DOC_CACHE=str(root / "cache-numbers")
    )
    cmd = [
        sys.executable,
        "-m",
        "cli",
        "run",
        "--quiet",
        "--seeds",
        str(seeds),
        "--dest",
        str(root / "pkg-numbers"),
    ]
    before = load()
    seconds, peak, out = measure(cmd, env)
    print(f"  number-heavy: {seconds:.1f} s, peak {peak / 2**20:.0f} MB", file=sys.stderr, flush=True)
    summary = out.strip().splitlines()[-1] if out.strip() else ""
    holds = "yes" if peak <= MEMORY_TARGET else "NO"
    return "\n".join(
        [
            f"Number-heavy input: {n} articles of {size:,} characters each (`benchmarks/corpus.py`, "
            f"`number_heavy`: tables of figures and runs of numbers), {workers} worker processes, cold",
            "",
            "| phase | seconds | peak RSS (MB) | ≤ 1.5 GB | load before -> after |",
            "|---|---:|---:|---|---|",
            f"| cold run | {seconds:.1f} | {peak / 2**20:,.0f} | {holds} | {before} -> {load()} |",
            "",
            f"At the peak: the flow's process {PEAK_PARTS.get('flow', 0) / 2**20:,.0f} MB, "
            f"{PEAK_PARTS.get('children', 0)} child process(es) (Prefect's server, workers), the "
            f"largest {PEAK_PARTS.get('largest_child', 0) / 2**20:,.0f} MB.",
            "",
            f"The run's summary: {summary}",
        ]
    )


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def table(result: dict) -> str:
    rows = result["rows"]
    spacy = next(r for r in rows if r["phase"].startswith("spaCy"))["seconds"]
    startup = rows[0]["seconds"]
    cold = next(r for r in rows if r["phase"] == "cold run")["seconds"]
    lines = [
        f"N = {result['n']:,} articles, {result['words']:,} words, {result['workers']} worker processes",
        "",
        "| phase | seconds | words/s | × spaCy | beyond start-up, % of cold | peak RSS (MB) "
        "| load before -> after |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        beyond = ""
        if r["phase"].startswith("re-run"):
            beyond = f"{100 * max(0.0, r['seconds'] - startup) / max(1e-9, cold - startup):.1f}%"
        lines.append(
            f"| {r['phase']} | {r['seconds']:.1f} | {r['words'] / r['seconds']:,.0f} | "
            f"{r['seconds'] / spacy:.2f} | {beyond} | {r['rss'] / 2**20:,.0f} | {r['load']} |"
        )
    lines += [
        "",
        f"DuckDB join of figures, locations and documents: {result['query_ms']:.0f} ms "
        "(best of 5, views created each time).",
    ]
    notes = [f"{r['phase']}: {r['note']}" for r in rows if r["note"]]
    return "\n".join(lines + (["", *notes] if notes else []))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, action="append", help="corpus size (repeatable; default 200)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--number-heavy",
        action="store_true",
        help="also run the number-heavy case (8 articles of 450 KB: peak memory; results/number-heavy.md)",
    )
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="newsfacts-bench-"))
    header = f"Machine: {machine()}. Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}."
    print(header, file=sys.stderr)
    out_dir = HERE / "results"
    out_dir.mkdir(exist_ok=True)
    try:
        for n in args.n if args.n is not None else ([] if args.number_heavy else [200]):
            text = f"{header}\n\n{table(bench(n, args.workers, root))}\n"
            print("\n" + text)
            (out_dir / f"n{n}.md").write_text(text, encoding="utf-8")
        if args.number_heavy:
            text = f"{header}\n\n{bench_number_heavy(args.workers, root)}\n"
            print("\n" + text)
            (out_dir / "number-heavy.md").write_text(text, encoding="utf-8")
    finally:
        if not args.keep:
            import shutil

            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
