"""Places: the gazetteer's size, cold build, load and memory per process, and the locations
extractor's share of extraction time over stored parses.

    python benchmarks/places.py [--corpus DIR ...] [--parses DIR] [--out benchmarks/results/places.md]

The gazetteer is built in a fresh process on an empty cache folder (its peak RSS is the build's),
then loaded in another fresh process: the private memory (USS) the load adds is what each worker
pays; the mapped index is shared between processes through the page cache. Extraction is timed
per extractor in CPU seconds (time.process_time, as the machine is shared) around each step of
``extract_rows`` on parses kept by benchmarks/quality.py (parse once, time many), on a second pass
(a worker meets the same names again and again).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

_PROBE = r"""
import json, resource, sys, time
import psutil
from newsfacts import gazetteer
me = psutil.Process()
before = me.memory_full_info()
imported = time.process_time()
if sys.argv[1] == "load":
    g = gazetteer.load()
    for name in ("London", "Mosul", "Paris", "Kentucky", "Heathrow"):
        g.lookup(name)
seconds = time.process_time() - imported
after = me.memory_full_info()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_rss_mb": peak,
                  "uss_mb": (after.uss - before.uss) / 2**20, "rss_mb": (after.rss - before.rss) / 2**20}))
"""


def _probe(cache: Path, what: str) -> dict:
    env = dict(os.environ, NEWSFACTS_CACHE=str(cache))
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, what], env=env, capture_output=True, text=True, check=True, cwd=ROOT
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def gazetteer_figures() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp)
        cold = _probe(cache, "load")  # builds
        files = [p for p in cache.iterdir() if p.suffix == ".idx"]
        warm = _probe(cache, "load")
        from newsfacts import gazetteer

        os.environ["NEWSFACTS_CACHE"] = str(cache)
        gazetteer.load.cache_clear()
        g = gazetteer.load()
        return {
            "index_mb": round(files[0].stat().st_size / 2**20, 1),
            "places": g.places,
            "names": len(g),
            "cold_build_cpu_s": round(cold["seconds"], 1),
            "cold_build_peak_rss_mb": round(cold["peak_rss_mb"]),
            "load_cpu_s": round(warm["seconds"], 3),
            "load_private_memory_mb (USS, per process)": round(warm["uss_mb"], 1),
            "load_rss_mb (shared page cache included)": round(warm["rss_mb"], 1),
        }


def extraction_share(corpora: list[Path], parses: Path) -> dict:
    from benchmarks.quality import parsed
    from newsfacts import gazetteer, ingest, nlp
    from newsfacts.extract import extract_actors, extract_figures, extract_locations, extract_quotes

    language, places = nlp.load(), gazetteer.load()
    totals = {"actors": 0.0, "locations": 0.0, "figures": 0.0, "quotes": 0.0}
    documents = 0
    docs = [
        doc
        for corpus in corpora
        for doc in parsed([d.text for d in ingest.scan(corpus)[0]], language, parses)
    ]
    for doc in docs:  # a first pass, untimed: a worker has met most names before
        extract_locations(doc, places, actors=extract_actors(doc, places)).rows()
    for _ in (1,):
        for doc in docs:
            t0 = time.process_time()
            actors = extract_actors(doc, places)
            t1 = time.process_time()
            index = extract_locations(doc, places, actors=actors)
            index.rows()
            t2 = time.process_time()
            extract_figures(doc, actors, index)
            t3 = time.process_time()
            extract_quotes(doc, actors)
            t4 = time.process_time()
            for name, seconds in zip(totals, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
                totals[name] += seconds
            documents += 1
    whole = sum(totals.values())
    return {
        "documents": documents,
        "seconds": {k: round(v, 2) for k, v in totals.items()},
        "locations_ms_per_document": round(1000 * totals["locations"] / max(documents, 1), 2),
        "locations_share": round(totals["locations"] / whole, 3) if whole else 0.0,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", action="append", type=Path, default=[])
    ap.add_argument("--parses", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=HERE / "results" / "places.md")
    args = ap.parse_args()
    from benchmarks.quality import default_parses

    gaz = gazetteer_figures()
    share = extraction_share(args.corpus, args.parses or default_parses()) if args.corpus else None
    lines = [
        f"Machine: {os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}. "
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        "",
        "| gazetteer | value |",
        "|---|---:|",
        *(f"| {k} | {v:,} |" if isinstance(v, int) else f"| {k} | {v} |" for k, v in gaz.items()),
    ]
    if share:
        lines += [
            "",
            f"Extraction over stored parses of {share['documents']} documents "
            f"({', '.join(str(c) for c in args.corpus)}):",
            "",
            "| extractor | seconds |",
            "|---|---:|",
            *(f"| {k} | {v} |" for k, v in share["seconds"].items()),
            "",
            f"locations: {share['locations_ms_per_document']} ms a document, "
            f"{share['locations_share']:.1%} of extraction time.",
        ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
