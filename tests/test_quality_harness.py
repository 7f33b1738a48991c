"""benchmarks/quality.py gives the rows the pipeline gives, whether it parses or reads a stored parse."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq

from benchmarks.quality import extract_folder
from newsfacts import ingest
from newsfacts.extract import collect, extract_texts
from schemas import EXTRACTED

SEED = Path(__file__).resolve().parent.parent / "seeds"


def test_stored_parses_give_the_pipelines_rows(tmp_path, nlp, gazetteer):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEED, seeds)
    (seeds / "second.txt").write_text(
        "Floods displace thousands\n\nAbout 4,000 people fled their homes in Sylhet on Monday, "
        '"We lost everything," said Rahima Begum, a farmer.\n',
        encoding="utf-8",
    )
    documents, _ = ingest.scan(seeds)
    documents.sort(key=lambda d: d.doc_id)
    outcomes = extract_texts([d.text for d in documents], nlp, gazetteer)
    published = {d.doc_id: d.published for d in documents}
    expected = collect([(d.doc_id, o) for d, o in zip(documents, outcomes, strict=True)], published).tables

    parses = tmp_path / "parses"
    for run in ("parsed", "stored"):
        rows = extract_folder(seeds, tmp_path / run, parses)
        assert rows["documents"] == 2
        assert len(list(parses.glob("*.spacy"))) == 2
        for table in EXTRACTED:
            got = pq.read_table(tmp_path / run / "output" / f"{table}.parquet").to_pylist()
            want = pq.read_table(_arrow_file(tmp_path, table, expected[table])).to_pylist()
            assert got == want, (run, table)
            assert got, table  # the articles give rows in every table


def _arrow_file(tmp_path: Path, table: str, rows: list[dict]) -> Path:
    from newsfacts.tables import to_arrow

    path = tmp_path / f"expected-{table}.parquet"
    pq.write_table(to_arrow(table, rows), path)
    return path
