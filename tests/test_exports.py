"""CSV and HXL exports: generated from the models, faithful to the Parquet data, deterministic."""

from __future__ import annotations

import csv
import io
import re

import pytest
from test_schemas import GOOD, TEXT, tables_from

import schemas
from newsfacts.publish import exports
from schemas.descriptor import columns, table_schema

# HXL 1.1: a hashtag, then attributes, lower case letters, digits and underscores.
HXL = re.compile(r"^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$")


@pytest.mark.parametrize("table", list(schemas.TABLES))
def test_every_column_has_one_hxl_hashtag_in_its_model(table):
    tags = exports.hxl_tags(table)
    assert len(tags) == len(columns(schemas.TABLES[table]))
    assert all(HXL.match(tag) for tag in tags), tags
    assert len(set(tags)) == len(tags), "two columns of one table share a hashtag"
    # the descriptor gives the same tags, from the same model
    assert [f["hxl"] for f in table_schema(schemas.TABLES[table])["fields"]] == tags


def test_humanitarian_columns_carry_the_core_hxl_tags():
    tags = {t: dict(zip(columns(m), exports.hxl_tags(t), strict=False)) for t, m in schemas.TABLES.items()}
    assert tags["locations"]["latitude"] == "#geo+lat" and tags["locations"]["longitude"] == "#geo+lon"
    assert tags["locations"]["name"] == "#loc+name" and tags["actors"]["name"] == "#org+name"
    assert tags["locations"]["country_code"] == "#country+code+v_iso2"
    assert tags["figures"]["value"].endswith("+num") and tags["figures"]["category"].startswith("#indicator")


def tricky_tables():
    """Values a CSV writer must quote: commas, quotes, line breaks, a leading '=' and non-ASCII."""
    title = 'Mosul, "the city" =1+1\nsecond line – ünïcode'
    doc = dict(GOOD["documents"], title=title, licence="CC-BY-4.0")
    figure = dict(GOOD["figures"], value=0.1 + 0.2, value_low=None, counted=None)
    return tables_from({"documents": [doc], "figures": [figure]}), title


def read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("table", list(schemas.TABLES))
def test_csv_reads_back_to_the_parquet_values(table):
    tables, _ = tricky_tables()
    arrow = tables[table]
    rows = read(exports.csv_text(table, arrow))
    assert rows[0] == list(columns(schemas.TABLES[table]))
    assert len(rows) - 1 == arrow.num_rows
    for cells, original in zip(rows[1:], arrow.to_pylist(), strict=False):
        for name, cell in zip(rows[0], cells, strict=False):
            value = original[name]
            if value is None:
                assert cell == ""
            elif isinstance(value, float):
                assert float(cell) == value  # the shortest repr reads back to the same float
            else:
                assert cell == str(value)


def test_csv_quotes_what_needs_quoting_and_is_rfc4180():
    tables, title = tricky_tables()
    text = exports.csv_text("documents", tables["documents"])
    header, row = read(text)[:2]
    assert row[header.index("title")] == title and row[header.index("text")] == TEXT
    assert text.endswith("\r\n") and '"Mosul, ""the city"" =1+1\nsecond line' in text


def test_hxl_export_is_the_csv_with_a_row_of_hashtags():
    tables, _ = tricky_tables()
    for table in schemas.TABLES:
        plain = read(exports.csv_text(table, tables[table]))
        tagged = read(exports.csv_text(table, tables[table], hxl=True))
        assert tagged[0] == plain[0] and tagged[1] == exports.hxl_tags(table) and tagged[2:] == plain[1:]


def test_copies_written_from_parquet_batch_by_batch_equal_the_whole_table_text(tmp_path):
    """write_copies reads the Parquet file a batch at a time: the bytes are those of the whole
    table's CSV, whatever the batch size, and the same on every run."""
    from newsfacts.publish.copies import write_copies
    from newsfacts.staging import stage

    tables, _ = tricky_tables()
    more = [dict(GOOD["figures"], figure_id=f"seed:fig:{i}", value=float(i)) for i in range(7)]
    tables["figures"] = tables_from({"figures": more})["figures"]
    staged = stage(tables, tmp_path / "staged")
    for batch_rows in (1, 3, 1024):
        paths = write_copies(
            "figures", staged.path("figures"), tmp_path / f"b{batch_rows}", batch_rows=batch_rows
        )
        assert paths["csv"].read_bytes() == exports.csv_text("figures", tables["figures"]).encode()
        assert paths["hxl"].read_bytes() == exports.csv_text("figures", tables["figures"], hxl=True).encode()
