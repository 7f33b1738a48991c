"""DuckDB over a package: a view per resource, SQL in, a table out."""

from __future__ import annotations

import time
from pathlib import Path

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


# Each attempt, and exactly how it is stopped: a statement that is not a read is refused before it
# runs; a read that reaches outside the package is refused by DuckDB's sandbox, naming the file.
NOT_A_READ = " statement (queries only read the package: SELECT, WITH, FROM, DESCRIBE, SUMMARIZE, EXPLAIN)"
SANDBOX = "refused: Permission Error: "
ESCAPES = [
    ("COPY (SELECT * FROM figures) TO '/tmp/newsfacts-leak.csv'", "refused: a COPY" + NOT_A_READ),
    ("ATTACH '/tmp/newsfacts-evil.duckdb' AS evil", "refused: a ATTACH" + NOT_A_READ),
    ("INSTALL httpfs", "refused: a LOAD" + NOT_A_READ),
    ("LOAD httpfs", "refused: a LOAD" + NOT_A_READ),
    ("SET enable_external_access = true", "refused: a SET" + NOT_A_READ),
    ("PRAGMA memory_limit = '64GB'", "refused: a SET" + NOT_A_READ),
    ("CREATE TABLE copied AS SELECT * FROM figures", "refused: a CREATE" + NOT_A_READ),
    ("EXPORT DATABASE '/tmp/newsfacts-export'", "refused: a EXPORT" + NOT_A_READ),
    ("SELECT 1; SELECT 2", "refused: 2 statements; give one query at a time"),
    ("SELECT * FROM read_csv('/etc/passwd')", SANDBOX + 'Cannot access file "/etc/passwd"'),
    ("SELECT * FROM read_text('/etc/hostname')", SANDBOX + 'Cannot access file "/etc/hostname"'),
    ("SELECT * FROM glob('/*')", SANDBOX + 'Cannot access file "/*"'),
]


@pytest.mark.parametrize(("sql", "message"), ESCAPES)
def test_queries_cannot_write_or_reach_outside_the_package(package, sql, message, capsys):
    with pytest.raises(query.QueryRefused) as refused:
        query.run(sql, package)
    assert str(refused.value).startswith(message)
    assert cli.main(["query", sql, "--dest", str(package)]) == 1
    assert capsys.readouterr().err.startswith(f"newsfacts query: {message}")
    assert not (package.parent / "newsfacts-leak.csv").exists()


def test_the_sandbox_is_locked_even_for_a_statement_that_got_through(package):
    """Behind the read-only check, DuckDB's own configuration lock: a connection `query` made
    cannot switch file access back on."""
    con = query.connect(package)
    try:
        with pytest.raises(duckdb.InvalidInputException, match="the configuration has been locked"):
            con.execute("SET enable_external_access = true")
    finally:
        con.close()


@pytest.mark.parametrize(
    "target",
    ["output/figures.parquet", "README.md", "output/evil.html", "datapackage.json"],
)
def test_a_query_cannot_overwrite_the_package(tmp_path, target):
    """COPY into the package's own folder emptied a published table: every file stays as it was."""
    dest = tmp_path / "package"
    publish(tables_from({}), dest, MODEL)
    before = {p: p.read_bytes() for p in dest.rglob("*") if p.is_file()}
    sql = f"COPY (SELECT 1 AS x WHERE false) TO '{dest / target}' (FORMAT parquet)"
    with pytest.raises(query.QueryRefused, match="a COPY statement"):
        query.run(sql, dest)
    assert {p: p.read_bytes() for p in dest.rglob("*") if p.is_file()} == before
    assert query.run("SELECT count(*) FROM figures", dest)[1] == [(1,)]


def test_no_temporary_folder_to_reach_through(tmp_path, package, monkeypatch):
    """DuckDB allows its temporary folder, ./.tmp by default: a symlink there to / let a query read
    /etc/passwd and write to /tmp. With the folder switched off, both are refused."""
    work = tmp_path / "work"
    work.mkdir()
    (work / ".tmp").symlink_to("/")
    monkeypatch.chdir(work)
    assert query.run("SELECT current_setting('temp_directory')", package)[1] == [("",)]
    with pytest.raises(query.QueryRefused, match="Cannot access file"):
        query.run("SELECT * FROM read_text('.tmp/etc/passwd')", package)
    with pytest.raises(query.QueryRefused, match="Cannot access file"):
        query.run("SELECT * FROM read_text('/etc/passwd')", package)
    with pytest.raises(query.QueryRefused, match="a COPY statement"):
        query.run("COPY (SELECT 1) TO '.tmp/tmp/newsfacts-escape.csv'", package)
    assert not Path("/tmp/newsfacts-escape.csv").exists()


def test_a_long_query_stops_at_its_time_limit(package, capsys):
    endless = "SELECT count(*) FROM range(1000000000000) a"
    started = time.monotonic()
    with pytest.raises(query.QueryTimeout, match=r"stopped after 0.5 s"):
        query.run(endless, package, timeout=0.5)
    assert time.monotonic() - started < 10
    assert cli.main(["query", endless, "--dest", str(package), "--timeout", "0.5"]) == 1
    assert "stopped after 0.5 s, the time limit" in capsys.readouterr().err


def test_a_query_stays_within_its_memory_limit(package, capsys):
    hungry = "SELECT list(range) AS big FROM range(50000000)"
    with pytest.raises(duckdb.OutOfMemoryException):
        query.run(hungry, package, memory_limit="32MB")
    assert cli.main(["query", hungry, "--dest", str(package), "--memory-limit", "32MB"]) == 1
    assert "--memory-limit to allow more" in capsys.readouterr().err


@pytest.mark.parametrize(
    "path",
    [
        "../outside.parquet",
        "output/../../outside.parquet",
        "output/%2e%2e/%2e%2e/outside.parquet",
        "output/%252e%252e/%252e%252e/outside.parquet",
        "/etc/passwd",
        "http://elsewhere.example/figures.parquet",
        "output\\..\\..\\outside.parquet",
    ],
)
def test_resource_paths_that_leave_the_package_are_refused(path):
    with pytest.raises(ValueError, match="leaves the package"):
        query.safe_resource_path(path)


def test_inside_paths_are_accepted():
    assert query.safe_resource_path("output/figures.parquet") == "output/figures.parquet"
    assert query.safe_resource_path("output/hxl/figures.csv") == "output/hxl/figures.csv"


def test_the_package_own_files_stay_readable(package):
    _, rows = query.run(f"SELECT count(*) FROM read_parquet('{package}/output/figures.parquet')", package)
    assert rows == [(1,)]
