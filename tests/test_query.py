"""DuckDB over a package: a view per resource, SQL in, a table out."""

from __future__ import annotations

import duckdb
import pytest
from test_publish import MODEL
from test_schemas import tables_from

from cli import main as cli
from newsfacts import query
from newsfacts.publish import publish


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    dest = tmp_path_factory.mktemp("package")
    publish(tables_from({}), dest, MODEL)
    return dest


def test_each_resource_is_a_view(package):
    _columns, rows = query.run("SELECT table_name FROM information_schema.tables ORDER BY 1", package)
    assert [r[0] for r in rows] == ["actors", "documents", "figures", "locations", "quotes", "rejects"]


def test_figures_join_their_place_and_document(package):
    columns, rows = query.run(
        """SELECT f.value, f.category, l.name, l.country_code, d.title
           FROM figures f JOIN locations l USING (doc_id, location_id) JOIN documents d USING (doc_id)""",
        package,
    )
    assert columns == ["value", "category", "name", "country_code", "title"]
    assert rows == [(1000.0, "displaced", "Mosul", "IQ", "T")]


def test_who_is_quoted_most(package):
    _, rows = query.run("SELECT speaker, count(*) FROM quotes GROUP BY 1 ORDER BY 2 DESC", package)
    assert rows == [("United Nations", 1)]


def test_render_table_csv_json():
    columns, rows = ["name", "n"], [("Mosul", 3), ("a very long name indeed", None)]
    table = query.render(columns, rows, "table", max_width=10)
    assert table.splitlines()[0].split() == ["name", "n"] and "a very lo…" in table and "(2 rows)" in table
    assert query.render(columns, rows, "csv") == "name,n\r\nMosul,3\r\na very long name indeed,\r\n"
    assert query.render(columns, rows[:1], "json") == '{"name": "Mosul", "n": 3}\n'


def test_query_command_prints_rows_and_explains_errors(package, capsys):
    assert cli.main(["query", "SELECT name FROM actors", "--dest", str(package)]) == 0
    assert "United Nations" in capsys.readouterr().out
    assert cli.main(["query", "SELECT nope FROM actors", "--dest", str(package)]) == 1
    assert "nope" in capsys.readouterr().err
    assert cli.main(["query", "SELECT 1", "--dest", str(package / "missing")]) == 2
    assert "no package" in capsys.readouterr().err


# Each attempt, and exactly how it is stopped: by the sandbox (refused, naming what it tried) or,
# for a change of configuration, by DuckDB's locked configuration.
REFUSED = "refused: Permission Error: "
ESCAPES = [
    (
        "COPY (SELECT * FROM figures) TO '/tmp/newsfacts-leak.csv'",
        REFUSED + 'Cannot access file "/tmp/newsfacts-leak.csv"',
    ),
    (
        "ATTACH '/tmp/newsfacts-evil.duckdb' AS evil",
        REFUSED + 'Cannot access file "/tmp/newsfacts-evil.duckdb"',
    ),
    ("SELECT * FROM read_csv('/etc/passwd')", REFUSED + 'Cannot access file "/etc/passwd"'),
    ("SELECT * FROM read_text('/etc/hostname')", REFUSED + 'Cannot access file "/etc/hostname"'),
    ("SELECT * FROM glob('/*')", REFUSED + 'Cannot access file "/*"'),
    ("INSTALL httpfs", REFUSED + "Cannot access directory"),
    ("LOAD httpfs", REFUSED + "Loading external extensions is disabled"),
]


@pytest.mark.parametrize("sql, message", ESCAPES)
def test_queries_cannot_reach_outside_the_package(package, sql, message, capsys):
    with pytest.raises(query.QueryRefused) as refused:
        query.run(sql, package)
    assert str(refused.value).startswith(message)
    assert cli.main(["query", sql, "--dest", str(package)]) == 1
    assert capsys.readouterr().err.startswith(f"newsfacts query: {message}")
    assert not (package.parent / "newsfacts-leak.csv").exists()


def test_the_sandbox_cannot_be_switched_off(package, capsys):
    sql = "SET enable_external_access = true"
    with pytest.raises(duckdb.InvalidInputException, match="the configuration has been locked"):
        query.run(sql, package)
    assert cli.main(["query", sql, "--dest", str(package)]) == 1
    assert "the configuration has been locked" in capsys.readouterr().err


def test_the_package_own_files_stay_readable(package):
    _, rows = query.run(f"SELECT count(*) FROM read_parquet('{package}/output/figures.parquet')", package)
    assert rows == [(1,)]
