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
import socket
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
CPU: dict[str, float] = {}  # the last measure's CPU seconds (user + system) by process kind


def _kind(process: psutil.Process, root: psutil.Process) -> str:
    """What a process of a run's tree is: the command's own ("flow"), Prefect's temporary server
    ("Prefect server", uvicorn), or an extraction worker ("workers")."""
    if process.pid == root.pid:
        return "flow"
    with contextlib.suppress(psutil.Error):
        if "uvicorn" in " ".join(process.cmdline()):
            return "Prefect server"
    return "workers"


STOPPED: list[bool] = [False]  # the last measure was stopped at its time limit


def measure(cmd: list[str], env: dict, limit: float | None = None) -> tuple[float, int, str]:
    """Run a command to the end, or for at most ``limit`` seconds (then SIGTERM: ``newsfacts run``
    stops its children and exits 143; ``STOPPED[0]`` is set); (wall seconds, peak RSS of its process
    tree in bytes, stdout). ``PEAK_PARTS`` says how the peak was made up, ``CPU`` the CPU each kind
    of process used (its last sample before the process ended: within 20 ms)."""
    peak = 0
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stop = threading.Event()
    cpu: dict[int, tuple[str, float]] = {}

    def sample():
        nonlocal peak
        root = psutil.Process(proc.pid)
        kinds: dict[int, str] = {}
        while not stop.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
                sizes = []
                for p in procs:
                    with contextlib.suppress(psutil.Error):
                        if p.pid not in kinds:
                            kinds[p.pid] = _kind(p, root)
                        times = p.cpu_times()
                        cpu[p.pid] = (kinds[p.pid], times.user + times.system)
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
    STOPPED[0] = False
    try:
        out, err = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        STOPPED[0] = True
        proc.terminate()
        out, err = proc.communicate()
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    CPU.clear()
    for kind, spent in cpu.values():
        CPU[kind] = CPU.get(kind, 0.0) + spent
    if proc.returncode != 0 and not STOPPED[0]:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-3000:]}")
    return seconds, peak, out


def words_in(folder: Path) -> int:
    return sum(len(_WORD.findall(p.read_text(encoding="utf-8"))) for p in folder.glob("*.txt"))


PHASES = ("startup", "floor", "cold", "rerun", "added", "breakdown", "dask", "query")
FLOOR_BATCH_SIZES = (8, 32, 64)  # tried on a sample; the fastest runs the floor
FLOOR_SAMPLE = 200  # articles
BREAKDOWN_SAMPLE = 200  # articles
DASK_WORKERS = (1, 2)


def package_files(folder: Path) -> dict[str, bytes]:
    """The package's files (everything but newsfacts's own bookkeeping), by path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".newsfacts")
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def dask_cluster(workers: int, env: dict, log: Path):
    """A real Dask cluster on this machine: ``dask scheduler`` and ``dask worker`` processes on
    127.0.0.1 (one thread each: spaCy holds the GIL), stopped on leaving; yields its address."""
    from distributed import Client

    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = str(Path(sys.executable).with_name("dask"))
    with log.open("ab") as out:
        procs = [
            subprocess.Popen(
                [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                env=env,
                cwd=REPO,
                stdout=out,
                stderr=out,
            )
        ]
        try:
            procs.append(
                subprocess.Popen(
                    [
                        dask,
                        "worker",
                        address,
                        "--nthreads",
                        "1",
                        "--nworkers",
                        str(workers),
                        "--no-dashboard",
                        "--memory-limit",
                        "0",
                    ],
                    env=env,
                    cwd=REPO,
                    stdout=out,
                    stderr=out,
                )
            )
            with Client(address, timeout=120) as client:
                client.wait_for_workers(workers, timeout=300)
            yield address
        finally:
            for proc in reversed(procs):
                proc.terminate()
                try:
                    proc.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


def _floor(phase, rows: list[dict], seeds: Path, workers: int, n: int, env: dict) -> int:
    """Bare spaCy at its fastest plain batch size (tried on a sample); its tokens."""
    floor_cmd = [sys.executable, str(HERE / "spacy_floor.py"), str(seeds), str(workers)]
    tries = {}
    sizes = FLOOR_BATCH_SIZES if n > FLOOR_SAMPLE else FLOOR_BATCH_SIZES[:1]
    for size in sizes if len(sizes) > 1 else ():
        out = measure([*floor_cmd, str(size), str(FLOOR_SAMPLE)], env)[2]
        tries[size] = json.loads(out)["seconds"]
        print(f"  floor sample, batch {size}: {tries[size]:.1f} s", file=sys.stderr, flush=True)
    best = min(tries, key=tries.__getitem__) if tries else sizes[0]
    floor = json.loads(phase("spaCy nlp.pipe (floor)", [*floor_cmd, str(best)]))
    process = rows[-1]["seconds"]
    rows[-1]["seconds"] = floor["seconds"]
    tried = ", ".join(f"{size}: {t:.1f} s" for size, t in tries.items())
    rows[-1]["note"] = (
        f"nlp.pipe only ({workers} processes, batch_size={best}"
        + (f", the fastest on the first {FLOOR_SAMPLE} articles of {tried}" if tried else "")
        + f"); the whole process, with imports and the model's load ({floor['load_seconds']:.1f} s), "
        f"took {process:.1f} s"
    )
    return floor["tokens"]


def _dask(phase, rows: list[dict], run: list[str], dest: Path, env: dict, root: Path, n: int) -> None:
    """Cold runs on a real Dask cluster of 1 and 2 workers; their packages against the local one's."""
    local = package_files(dest)
    for count in DASK_WORKERS:
        dask_dest = root / f"pkg-dask-{count}-{n}"
        dask_env = dict(env, NEWSFACTS_DOC_CACHE=str(root / f"cache-dask-{count}-{n}"))
        with dask_cluster(count, dask_env, root / "dask.log") as address:
            phase(
                f"cold run on Dask, {count} worker(s)",
                [*run, "--dest", str(dask_dest), "--dask", address],
                env=dask_env,
            )
        same = package_files(dask_dest) == local
        rows[-1]["note"] = (
            f"`dask scheduler` and `dask worker --nworkers {count} --nthreads 1` on 127.0.0.1; "
            + (
                "package byte-identical to the local run's"
                if same
                else "PACKAGE DIFFERS from the local run's"
            )
        )
        rows[-1]["same_bytes"] = same
        rows[-1]["dask_workers"] = count


class _Progress:
    """The number of documents in the run's document cache, every 10 s: how far extraction got."""

    def __init__(self, folder: Path):
        self.path, self.seen = folder / "documents.sqlite3", [(0.0, 0)]
        self.started, self.done = time.perf_counter(), threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _count(self) -> int:
        import sqlite3

        try:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=5)
            try:
                return con.execute("SELECT count(*) FROM entries").fetchone()[0]
            finally:
                con.close()
        except sqlite3.Error:
            return 0

    def _watch(self) -> None:
        while not self.done.wait(10.0):
            self.seen.append((time.perf_counter() - self.started, self._count()))

    def stop(self) -> list[tuple[float, int]]:
        self.done.set()
        self.thread.join()
        self.seen.append((time.perf_counter() - self.started, self._count()))
        return self.seen


def _rate(progress: list[tuple[float, int]]) -> float:
    """Articles extracted a second, from the first sample with any to the last."""
    started = next(((t, k) for t, k in progress if k > 0), None)
    if started is None or progress[-1][0] <= started[0]:
        return 0.0
    return (progress[-1][1] - started[1]) / (progress[-1][0] - started[0])


def _progress_of(row: dict, progress: _Progress | None, limit: float | None, articles: int) -> None:
    """A run's progress samples, and, when it was stopped at its time limit, how far it got."""
    if progress is None or limit is None:
        return
    row["progress"] = progress.stop()
    if STOPPED[0]:
        row["stopped"] = True
        row["note"] = (
            f"stopped at the time limit ({limit:.0f} s): {row['progress'][-1][1]:,} of {articles:,} "
            f"articles extracted; extraction rate {_rate(row['progress']):.2f} articles/s"
        )


def bench(n: int, workers: int, root: Path, phases: set[str], limit: float | None = None) -> dict:
    seeds, one = root / f"seeds-{n}", root / "one"
    write_corpus(seeds, n)
    one.mkdir(exist_ok=True)
    (one / SEED_ARTICLE.name).write_text(SEED_ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    words = words_in(seeds)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env.update(
        PYTHONPATH=str(REPO),
        NEWSFACTS_WORKERS=str(workers),
        NEWSFACTS_DOC_CACHE=str(root / f"cache-{n}"),
        SOURCE_DATE_EPOCH="1700000000",  # the same bytes from every run of the same inputs
    )
    # on a loaded machine Prefect's temporary server can take longer than its default 20 s to answer
    env.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    run = [sys.executable, "-m", "cli", "run", "--quiet"]
    rows: list[dict] = []
    result: dict = {"n": n, "words": words, "workers": workers, "rows": rows, "load": load()}

    def phase(name, cmd, env=env, words=words, note="", articles=n, limit=None):
        before = load()
        summary = root / "summary.json"
        summary.unlink(missing_ok=True)
        cmd = cmd + ["--summary", str(summary)] * (cmd[:4] == run[:4])
        progress = _Progress(Path(env["NEWSFACTS_DOC_CACHE"])) if limit else None
        seconds, peak, out = measure(cmd, env, limit)
        row = {
            "phase": name,
            "seconds": seconds,
            "words": words,
            "articles": articles,
            "rss": peak,
            "cpu": dict(CPU),
            "peak_parts": dict(PEAK_PARTS),
            "load": f"{before} -> {load()}",
            "note": note,
        }
        if summary.exists():
            row["summary"] = json.loads(summary.read_text(encoding="utf-8"))
        _progress_of(row, progress, limit, articles)
        rows.append(row)
        print(
            f"  {name}: {seconds:.1f} s, peak {peak / 2**20:.0f} MB, load {row['load']}",
            file=sys.stderr,
            flush=True,
        )
        return out

    print(f"N = {n}: {words:,} words", file=sys.stderr, flush=True)
    if "startup" in phases:
        one_env = dict(env, NEWSFACTS_DOC_CACHE=str(root / f"cache-one-{n}"))
        phase(
            "start-up (one article)",
            [*run, "--seeds", str(one), "--dest", str(root / f"pkg-one-{n}")],
            env=one_env,
            words=words_in(one),
            articles=1,
        )
    if "floor" in phases:
        result["floor_tokens"] = _floor(phase, rows, seeds, workers, n, env)
    dest = root / f"pkg-{n}"
    if "cold" in phases:
        phase("cold run", [*run, "--seeds", str(seeds), "--dest", str(dest)], limit=limit)
    if "breakdown" in phases:
        result["breakdown"] = json.loads(
            measure([sys.executable, str(HERE / "breakdown.py"), str(seeds), str(BREAKDOWN_SAMPLE)], env)[2]
        )
    if "dask" in phases and "cold" in phases:
        _dask(phase, rows, [*run, "--seeds", str(seeds)], dest, env, root, n)
    if "rerun" in phases and "cold" in phases:
        phase("re-run, nothing changed", [*run, "--seeds", str(seeds), "--dest", str(dest)])
    if "added" in phases and "cold" in phases:
        added = max(1, n // 100)
        write_corpus(seeds, added, start=n)
        phase(
            f"re-run, +{added} new (1%)",
            [*run, "--seeds", str(seeds), "--dest", str(dest)],
            words=words_in(seeds),
            articles=n + added,
        )
    if "query" in phases and "cold" in phases:
        from newsfacts import query

        query.run(QUERY, dest)  # warm the OS file cache once, as a served package would be
        result["query_ms"] = 1000 * min(_timed(lambda: query.run(QUERY, dest)) for _ in range(5))
    return result


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


def _row(rows: list[dict], prefix: str) -> dict | None:
    return next((r for r in rows if r["phase"].startswith(prefix)), None)


def _mb(n: float) -> str:
    return f"{n / 2**20:,.0f}"


def table(result: dict) -> str:
    """The run's Markdown: the phases side by side, where the cold run's time went, the targets."""
    rows = result["rows"]
    floor, startup_row, cold = _row(rows, "spaCy"), _row(rows, "start-up"), _row(rows, "cold run")
    startup = startup_row["seconds"] if startup_row else 0.0
    lines = [
        f"N = {result['n']:,} articles, {result['words']:,} words, {result['workers']} worker processes",
        "",
        "| phase | seconds | ms per article | words/s | × spaCy | beyond start-up, % of cold | peak RSS (MB) "
        "| CPU s: flow / Prefect server / workers | load before -> after |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in rows:
        beyond = ""
        if r["phase"].startswith("re-run") and cold:
            beyond = f"{100 * max(0.0, r['seconds'] - startup) / max(1e-9, cold['seconds'] - startup):.1f}%"
        ratio = f"{r['seconds'] / floor['seconds']:.2f}" if floor else ""
        cpu = " / ".join(f"{r['cpu'].get(k, 0.0):.1f}" for k in ("flow", "Prefect server", "workers"))
        lines.append(
            f"| {r['phase']} | {r['seconds']:.1f} | {1000 * r['seconds'] / r['articles']:,.1f} | "
            f"{r['words'] / r['seconds']:,.0f} | {ratio} | {beyond} | {_mb(r['rss'])} | {cpu} | {r['load']} |"
        )
    if "query_ms" in result:
        lines += [
            "",
            f"DuckDB join of figures, locations and documents: {result['query_ms']:.0f} ms "
            "(best of 5, views created each time).",
        ]
    notes = [f"- {r['phase']}: {r['note']}" for r in rows if r["note"]]
    lines += ["", *notes] if notes else []
    if cold:
        lines += ["", *breakdown(cold, startup_row, result.get("breakdown"))]
    lines += ["", *targets(result)]
    return "\n".join(lines)


def breakdown(cold: dict, startup: dict | None, sample: dict | None) -> list[str]:
    """Where the cold run's time went: the workers' CPU split as the sample splits it (parse, each
    extractor), the flow process's own steps (its summary's timings), Prefect's share."""
    steps = cold.get("summary", {}).get("timings", {})
    cpu = cold["cpu"]
    lines = [
        "Where the cold run's time went (CPU seconds by process, from its process tree; the flow "
        "process's steps from its own timings, `newsfacts run --summary`):",
        "",
        "| part | CPU s | wall s | note |",
        "|---|---:|---:|---|",
    ]
    if startup:
        lines.append(
            f"| start-up (a one-article run, whole) |  | {startup['seconds']:.1f} | "
            "the fixed cost of any run |"
        )
    workers = cpu.get("workers", 0.0)
    if sample:
        parts = ["parse", "extract_actors", "extract_locations", "extract_figures", "extract_quotes", "rest"]
        total = sum(sample[k] for k in parts) or 1.0
        for part in parts:
            share = sample[part] / total
            label = "spaCy parse" if part == "parse" else ("extraction, the rest" if part == "rest" else part)
            lines.append(
                f"| workers: {label} | {share * workers:.1f} |  | {share:.1%} of the workers' CPU "
                f"({1000 * sample[part] / sample['documents']:.1f} ms per article on a sample of "
                f"{sample['documents']}) |"
            )
    else:
        lines.append(f"| workers (parse and extraction) | {workers:.1f} |  |  |")
    own = 0.0
    for step in ("ingest", "cache look-up", "validate", "publish"):
        if step in steps:
            own += steps[step]["cpu"]
            lines.append(f"| flow: {step} | {steps[step]['cpu']:.1f} | {steps[step]['seconds']:.1f} |  |")
    flow = cpu.get("flow", 0.0)
    lines += [
        f"| flow: Prefect, imports and the rest | {max(0.0, flow - own):.1f} |  | the flow process's CPU "
        f"({flow:.1f} s) less the steps above |",
        f"| Prefect's server | {cpu.get('Prefect server', 0.0):.1f} |  | its process's CPU |",
    ]
    return lines


TARGETS = {
    "ratio": 1.3,  # cold run against bare spaCy, N = 2,000
    "unchanged": 1.0,  # % of cold beyond start-up
    "added": 5.0,  # % of cold beyond start-up
    "startup": 8.0,  # seconds
    "memory": 1.5 * 2**30,
}


def _cpu(row: dict) -> float:
    """CPU seconds of a phase's whole process tree: on a shared machine, far steadier than its wall
    time (the load slows a process's wall time, not the work it does)."""
    return sum(row["cpu"].values())


def targets(result: dict) -> list[str]:
    rows = result["rows"]
    floor, startup, cold = _row(rows, "spaCy"), _row(rows, "start-up"), _row(rows, "cold run")
    unchanged, added = _row(rows, "re-run, nothing"), _row(rows, "re-run, +")
    lines = [
        "Targets (wall time, and, where the machine's load makes wall times incomparable, CPU time):",
        "",
        "| target | measured | holds? |",
        "|---|---|---|",
    ]

    def line(target, measured, holds):
        lines.append(f"| {target} | {measured} | {'yes' if holds else 'NO'} |")

    if floor and cold and not cold.get("stopped"):
        ratio = cold["seconds"] / floor["seconds"]
        line(
            f"cold run ≤ {TARGETS['ratio']} × bare spaCy",
            f"{ratio:.2f} × ({cold['seconds']:.1f} s against {floor['seconds']:.1f} s)",
            ratio <= TARGETS["ratio"],
        )
    if floor and cold and not cold.get("stopped"):
        ratio = _cpu(cold) / _cpu(floor)
        line(
            f"... by CPU time: the cold run's process tree ≤ {TARGETS['ratio']} × bare spaCy's",
            f"{ratio:.2f} × ({_cpu(cold):.1f} s against {_cpu(floor):.1f} s of CPU)",
            ratio <= TARGETS["ratio"],
        )
    base = startup["seconds"] if startup else 0.0
    for row, key in ((unchanged, "unchanged"), (added, "added")):
        if row and cold:
            pct = 100 * max(0.0, row["seconds"] - base) / max(1e-9, cold["seconds"] - base)
            line(
                f"{row['phase']}: ≤ {TARGETS[key]:.0f}% of cold beyond start-up",
                f"{pct:.1f}% ({row['seconds']:.1f} s, start-up {base:.1f} s)",
                pct <= TARGETS[key],
            )
            if startup:
                base_cpu = _cpu(startup)
                pct = 100 * max(0.0, _cpu(row) - base_cpu) / max(1e-9, _cpu(cold) - base_cpu)
                line(
                    "... by CPU time",
                    f"{pct:.1f}% ({_cpu(row):.1f} s of CPU, start-up {base_cpu:.1f} s)",
                    pct <= TARGETS[key],
                )
    if startup:
        line(
            f"start-up of a one-article run ≤ {TARGETS['startup']:.0f} s",
            f"{startup['seconds']:.1f} s",
            startup["seconds"] <= TARGETS["startup"],
        )
    if cold:
        line(
            "peak RSS ≤ 1.5 GB (whole process tree)",
            f"{_mb(cold['rss'])} MB" + (" (until the run was stopped)" if cold.get("stopped") else ""),
            cold["rss"] <= TARGETS["memory"],
        )
    for row in rows:
        if "same_bytes" in row:
            per_core = row["articles"] / row["seconds"] / row["dask_workers"]
            line(
                f"{row['phase']}: bytes equal the local run's",
                f"{row['articles'] / row['seconds']:.1f} articles/s ({per_core:.1f} per worker)",
                row["same_bytes"],
            )
    return lines


def scaling(results: list[dict]) -> str:
    """Peak memory and time per article of the cold run, smallest N against largest, measured in one run."""
    colds: list[tuple[int, dict, dict | None]] = []
    for r in results:
        if (cold := _row(r["rows"], "cold run")) is not None:
            colds.append((r["n"], cold, _row(r["rows"], "start-up")))
    lines = [
        "| N | cold run s | ms per article beyond start-up | peak RSS (MB) "
        "| at the peak: flow process (MB) | load |",
        "|---:|---:|---:|---:|---:|---|",
    ]
    for n, cold, startup in colds:
        per = 1000 * (cold["seconds"] - (startup["seconds"] if startup else 0.0)) / n
        lines.append(
            f"| {n:,} | {cold['seconds']:.1f} | {per:,.1f} | {_mb(cold['rss'])} | "
            f"{_mb(cold['peak_parts'].get('flow', 0))} | {cold['load']} |"
        )
    if len(colds) >= 2:
        (n0, c0, s0), (n1, c1, s1) = colds[0], colds[-1]
        per0 = (c0["seconds"] - (s0["seconds"] if s0 else 0.0)) / n0
        per1 = (c1["seconds"] - (s1["seconds"] if s1 else 0.0)) / n1
        growth, slower = c1["rss"] / c0["rss"] - 1, per1 / per0 - 1
        flat = abs(growth) <= 0.10 and c1["rss"] <= TARGETS["memory"]
        lines += [
            "",
            f"From N = {n0:,} to N = {n1:,}: peak RSS {growth:+.1%} (target: within 10%, ≤ 1.5 GB: "
            f"{'yes' if flat else 'NO'}); time per article "
            f"{slower:+.1%} (target: within 10%: {'yes' if abs(slower) <= 0.10 else 'NO'}).",
        ]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, action="append", help="corpus size (repeatable; default 200)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--phases",
        default=",".join(PHASES),
        help=f"comma-separated, of {','.join(PHASES)} (default: all)",
    )
    parser.add_argument("--out", type=Path, default=HERE / "results", help="where the Markdown goes")
    parser.add_argument(
        "--time-limit",
        type=float,
        help="stop the cold run after this many seconds (SIGTERM) and report how far it got: its peak "
        "memory so far and its extraction rate (for a large N on a busy machine)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--number-heavy",
        action="store_true",
        help="also run the number-heavy case (8 articles of 450 KB: peak memory; results/number-heavy.md)",
    )
    args = parser.parse_args(argv)
    phases = {p.strip() for p in args.phases.split(",") if p.strip()}
    if unknown := phases - set(PHASES):
        parser.error(f"unknown phase(s): {', '.join(sorted(unknown))}")
    root = Path(tempfile.mkdtemp(prefix="newsfacts-bench-"))
    header = (
        f"Machine: {machine()}. Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"load average at the start {load()} (1/5/15 min; other jobs share the machine)."
    )
    print(header, file=sys.stderr)
    out_dir = args.out
    out_dir.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for n in args.n if args.n is not None else ([] if args.number_heavy else [200]):
            result = bench(n, args.workers, root, phases, args.time_limit)
            results.append(result)
            text = f"{header}\n\n{table(result)}\n"
            print("\n" + text)
            (out_dir / f"n{n}.md").write_text(text, encoding="utf-8")
            (out_dir / f"n{n}.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        if len(results) >= 2:
            sizes = "-".join(str(r["n"]) for r in results)
            text = f"{header}\n\n{scaling(results)}\n"
            print("\n" + text)
            (out_dir / f"scaling-{sizes}.md").write_text(text, encoding="utf-8")
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
