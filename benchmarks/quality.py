"""Extraction quality, fast: run the extractors over a folder of articles without Prefect and write
the tables where the shared scorers read them.

    python benchmarks/quality.py SEEDS OUT [--parses DIR]
    python ../shared/eval/places/score.py OUT ../shared/eval/places/trnews/gold

Writes ``OUT/output/<table>.parquet`` for every table and a minimal ``OUT/datapackage.json``
naming them (what the scorers read; not a published package: no checks, no CSV copies, no
landing page). Each document's parse is kept in ``--parses`` (default ``$TMPDIR/newsfacts-parses``)
as a spaCy ``DocBin`` keyed by the model and the text, so that the next run of a changed extractor
re-runs only the extraction: on the 840 PolNeAR training articles about 70 s of parsing become a
few seconds of loading. Rows are those of ``newsfacts run``: the same ingest, the same
``extract_rows`` on the same parse (a test checks it).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
from spacy.language import Language
from spacy.tokens import Doc, DocBin

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from newsfacts import gazetteer, ingest, nlp  # noqa: E402
from newsfacts.extract import collect, extract_rows  # noqa: E402
from newsfacts.tables import to_arrow  # noqa: E402

# The Doc attributes the extractors read: tokens, tags, lemmas, the parse, entities and the
# sentence starts the model and newsfacts' line-break rule set.
ATTRS = ["ORTH", "NORM", "LEMMA", "POS", "TAG", "MORPH", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "SENT_START"]


def default_parses() -> Path:
    return Path(os.environ.get("TMPDIR") or tempfile.gettempdir()) / "newsfacts-parses"


def _key(model: dict, text: str) -> str:
    return hashlib.sha256(f"{model['name']} {model['version']} {model['spacy']}\n{text}".encode()).hexdigest()


def parsed(texts: list[str], language: Language, store: Path) -> Iterator[Doc]:
    """The parse of each text, in order: from ``store`` when it was parsed before, else parsed now
    (in one ``nlp.pipe`` stream) and stored."""
    model = nlp.model_info(language)
    store.mkdir(parents=True, exist_ok=True)
    paths = [store / f"{_key(model, text)}.spacy" for text in texts]
    missing = [i for i, path in enumerate(paths) if not path.exists()]
    fresh = dict(zip(missing, language.pipe([texts[i] for i in missing], batch_size=8), strict=True))
    for i, path in enumerate(paths):
        if i in fresh:
            doc = fresh[i]
            tmp = path.with_suffix(".tmp")
            DocBin(attrs=ATTRS, docs=[doc]).to_disk(tmp)
            tmp.replace(path)
            yield doc
        else:
            yield next(iter(DocBin().from_disk(path).get_docs(language.vocab)))


def extract_folder(seeds: Path, out: Path, parses: Path) -> dict[str, int]:
    """Ingest ``seeds``, extract every document, write the tables under ``out``; rows per table."""
    documents, rejects = ingest.scan(seeds)
    documents.sort(key=lambda d: d.doc_id)
    language, places = nlp.load(), gazetteer.load()
    outcomes: list[tuple[str, dict | str]] = []
    for document, doc in zip(documents, parsed([d.text for d in documents], language, parses), strict=True):
        try:
            outcomes.append((document.doc_id, extract_rows(doc, places)))
        except Exception as exc:  # reported as the run reports it: one document fails
            outcomes.append((document.doc_id, f"extraction failed: {type(exc).__name__}: {exc}"))
    extracted = collect(outcomes, {d.doc_id: d.published for d in documents})
    failed = dict(extracted.failures)
    tables = {
        "documents": [d.row() for d in documents if d.doc_id not in failed],
        **extracted.tables,
        "rejects": [r.row() for r in rejects]
        + [
            {"path": d.path, "reason": failed[d.doc_id], "sha256": d.sha256}
            for d in documents
            if d.doc_id in failed
        ],
    }
    (out / "output").mkdir(parents=True, exist_ok=True)
    resources = []
    for name, rows in tables.items():
        pq.write_table(to_arrow(name, rows), out / "output" / f"{name}.parquet")
        resources.append({"name": name, "path": f"output/{name}.parquet", "format": "parquet"})
    descriptor = {"name": "newsfacts-quality", "resources": resources}
    (out / "datapackage.json").write_text(json.dumps(descriptor, indent=2) + "\n", encoding="utf-8")
    for doc_id, reason in extracted.failures:
        print(f"failed: {doc_id}: {reason}", file=sys.stderr)
    return {name: len(rows) for name, rows in tables.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("seeds", type=Path, help="folder of articles (as for newsfacts run --seeds)")
    parser.add_argument("out", type=Path, help="where to write output/*.parquet and datapackage.json")
    parser.add_argument("--parses", type=Path, default=default_parses(), help="parse store (DocBin files)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    rows = extract_folder(args.seeds, args.out, args.parses)
    counts = ", ".join(f"{n} {name}" for name, n in rows.items())
    print(f"{args.out}: {counts} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
