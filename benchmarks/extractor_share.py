"""Each extractor's share of extraction time, over stored parses (no parsing, no Prefect).

    python benchmarks/extractor_share.py FOLDER... [--parses DIR] [--repeat 3] [--out FILE.md]

Parses each folder's articles once into the DocBin store that benchmarks/quality.py keeps, then
runs ``extract_rows`` over every document ``--repeat`` times, with a perf_counter around each of
the four extractors as extract_rows calls them, and reports the fastest round: total time, each
extractor's seconds, share of ``extract_rows`` and milliseconds per document.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import newsfacts.extract as extract  # noqa: E402
from benchmarks.quality import default_parses, parsed  # noqa: E402
from newsfacts import gazetteer, ingest, nlp  # noqa: E402

EXTRACTORS = ["extract_actors", "extract_locations", "extract_figures", "extract_quotes"]


def measure(folders: list[Path], parses: Path, repeat: int) -> dict:
    language, places = nlp.load(), gazetteer.load()
    docs = []
    for folder in folders:
        documents, _ = ingest.scan(folder)
        documents.sort(key=lambda d: d.doc_id)
        docs += list(parsed([d.text for d in documents], language, parses))
    spent = dict.fromkeys(EXTRACTORS, 0.0)
    originals = {name: getattr(extract, name) for name in EXTRACTORS}

    def timed(name):
        def run(*args, **kwargs):
            started = time.perf_counter()
            try:
                return originals[name](*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - started

        return run

    best: dict | None = None
    try:
        for name in EXTRACTORS:
            setattr(extract, name, timed(name))
        for _ in range(repeat):
            spent.update(dict.fromkeys(EXTRACTORS, 0.0))
            for doc in docs:  # the per-document caches, as a fresh parse has them
                doc.user_data.clear()
            started = time.perf_counter()
            for doc in docs:
                extract.extract_rows(doc, places)
            total = time.perf_counter() - started
            if best is None or total < best["total"]:
                best = {"total": total, **spent}
    finally:
        for name, fn in originals.items():
            setattr(extract, name, fn)
    assert best is not None
    best["documents"] = len(docs)
    return best


def report(result: dict, folders: list[Path]) -> str:
    n, total = result["documents"], result["total"]
    names = ", ".join(f.parent.name if f.name == "docs" else f.name for f in folders)
    lines = [
        f"extract_rows over {n} stored parses ({names}): "
        f"{total:.2f} s, {1000 * total / n:.1f} ms per document",
        "",
        "| extractor | seconds | share of extract_rows | ms per document |",
        "|---|---|---|---|",
    ]
    for name in EXTRACTORS:
        lines.append(
            f"| {name} | {result[name]:.2f} | {result[name] / total:.1%} | {1000 * result[name] / n:.1f} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", type=Path, nargs="+", help="folders of articles")
    parser.add_argument("--parses", type=Path, default=default_parses(), help="parse store (DocBin files)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the fastest is reported")
    parser.add_argument("--out", type=Path, help="also write the table here (Markdown)")
    args = parser.parse_args(argv)
    text = report(measure(args.folders, args.parses, args.repeat), args.folders)
    print(text, end="")
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
