"""DuckDB over a published package: one view per resource, named after it.

newsfacts query "SELECT category, sum(value) FROM figures GROUP BY 1"
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb

from newsfacts.paths import DESCRIPTOR


def _quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class QueryRefused(PermissionError):
    """The query tried to reach outside the package (files, databases, extensions)."""


def _sandbox(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    con.execute("SET allowed_directories = [?]", [str(data_dir) + "/"])
    con.execute("SET enable_external_access = false")
    con.execute("SET autoinstall_known_extensions = false")
    con.execute("SET autoload_known_extensions = false")
    con.execute("SET lock_configuration = true")


def connect(dest: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with a view per Parquet resource of the package,
    sandboxed to the package's data folder."""
    dest = Path(dest)
    path = dest / DESCRIPTOR
    if not path.is_file():
        raise FileNotFoundError(
            f"no package at {dest}: {path} is missing (run `newsfacts run` first)"
        )
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    con = duckdb.connect(":memory:")
    data_dirs = set()
    for res in descriptor.get("resources", []):
        if res.get("format") != "parquet":
            continue
        file = (dest / res["path"]).resolve()
        if not file.is_relative_to(dest.resolve()):
            raise FileNotFoundError(f"resource {res['name']!r} points outside the package: {res['path']}")
        data_dirs.add(file.parent)
        literal = str(file).replace("'", "''")
        con.execute(
            f"CREATE VIEW {_quote_identifier(res['name'])} AS "
            f"SELECT * FROM read_parquet('{literal}')"
        )
    _sandbox(con, min(data_dirs) if len(data_dirs) == 1 else dest.resolve())
    return con


def run(sql: str, dest: Path) -> tuple[list[str], list[tuple]]:
    """Run SQL over the package; returns column names and rows."""
    con = connect(dest)
    try:
        try:
            cursor = con.execute(sql)
        except duckdb.PermissionException as exc:
            raise QueryRefused(f"refused: {str(exc).splitlines()[0]} (queries may only read the "
                               "package's own tables)") from None
        if cursor.description is None:
            return [], []
        columns = [d[0] for d in cursor.description]
        return columns, cursor.fetchall()
    finally:
        con.close()


def render(columns: list[str], rows: list[tuple], fmt: str = "table", max_width: int = 60) -> str:
    """Rows as an aligned text table, CSV or JSON lines."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows(rows)
        return out.getvalue()
    if fmt == "json":
        return "\n".join(
            json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=str) for row in rows
        ) + ("\n" if rows else "")

    def cell(value) -> str:
        text = "" if value is None else str(value)
        text = text.replace("\n", " ")
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(v.ljust(w) for v, w in zip(r, widths)) for r in cells]
    return (
        "\n".join([line, rule, *body, f"({len(rows)} row{'s' if len(rows) != 1 else ''})"]) + "\n"
    )
