"""The registry of output formats is the only place a format is declared: a new one, added as one
entry with its writer, is published, described, linked from the landing page, listed in the data
dictionary, checked by validate and served with its media type, with no other change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_publish import MODEL
from test_schemas import tables_from

import schemas
from newsfacts import serve
from newsfacts.publish import formats, publish
from newsfacts.validate import check_files, sha256_of
from schemas.descriptor import columns


def tsv_header(table: str) -> str:
    return "\t".join(columns(schemas.TABLES[table])) + "\n"


def tsv_rows(table: str, batch) -> str:
    names = list(columns(schemas.TABLES[table]))
    values = [batch.column(name).to_pylist() for name in names]
    return "".join(
        "\t".join("" if v is None else str(v) for v in row) + "\n" for row in zip(*values, strict=True)
    )


TSV = formats.Format(
    kind="tsv",
    folder="tsv/",
    extension=".tsv",
    format="tsv",
    mediatype="text/tab-separated-values",
    label="TSV",
    summary="TSV (tab-separated, for the command line)",
    title="TSV",
    description=" Tab-separated copy of the Parquet table.",
    encoding="utf-8",
    writer=formats.Writer(header=tsv_header, rows=tsv_rows),
)


@pytest.fixture
def with_tsv(monkeypatch):
    monkeypatch.setattr(formats, "FORMATS", (*formats.FORMATS, TSV))


def test_a_new_format_is_one_registry_entry_and_its_writer(with_tsv, tmp_path):
    publish(tables_from({}), tmp_path, MODEL)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    tsv = [r for r in descriptor["resources"] if r["name"].endswith("-tsv")]
    assert [r["name"] for r in tsv] == [f"{t}-tsv" for t in schemas.TABLES]
    figures = next(r for r in tsv if r["name"] == "figures-tsv")
    path = tmp_path / "output" / "tsv" / "figures.tsv"
    assert figures["path"] == "output/tsv/figures.tsv" and figures["mediatype"] == "text/tab-separated-values"
    assert figures["bytes"] == path.stat().st_size and figures["hash"] == f"sha256:{sha256_of(path)}"
    assert path.read_text().splitlines()[0].split("\t") == list(columns(schemas.FigureSchema))
    # the other tables' keys point at their TSV copies
    assert {k["reference"]["resource"] for k in figures["schema"]["foreignKeys"]} == {
        "documents-tsv",
        "actors-tsv",
        "locations-tsv",
    }
    page = (tmp_path / "index.html").read_text()
    assert 'href="output/tsv/figures.tsv" download>TSV (' in page
    assert "TSV (tab-separated, for the command line)" in (tmp_path / "output" / "README.md").read_text()
    assert check_files(tmp_path, descriptor) == []
    assert serve.media_type(path) == "text/tab-separated-values; charset=utf-8"


def test_the_registered_formats_and_what_reads_them():
    assert [f.kind for f in formats.FORMATS] == ["", "csv", "hxl"]
    assert [f.kind for f in formats.copies()] == ["csv", "hxl"]
    assert (
        serve.media_type(Path("output") / formats.PARQUET.path("figures")) == "application/vnd.apache.parquet"
    )
    assert serve.media_type(Path("output/hxl/figures.csv")) == "text/csv; charset=utf-8"
    with pytest.raises(ValueError, match="unknown format"):
        formats.by_kind("xlsx")
