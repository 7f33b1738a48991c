"""DuckDB over a published package: one view per resource, named after it.

newsfacts query "SELECT category, sum(value) FROM figures GROUP BY 1"
newsfacts query "SELECT count(*) FROM figures" --dest http://127.0.0.1:8000/   # a served package

A package on a web server is read in place over HTTP(S) by DuckDB's httpfs extension, loaded from
the ``duckdb-extension-httpfs`` package (DuckDB's own signed binary, checked when loaded; DuckDB
never downloads an extension here).
"""

from __future__ import annotations

import csv
import io
import json
import urllib.parse
import urllib.request
from pathlib import Path

import duckdb

from newsfacts.paths import DESCRIPTOR


def _quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class QueryRefused(PermissionError):
    """The query tried to reach outside the package (files, databases, extensions)."""


def _sandbox(con: duckdb.DuckDBPyConnection, data_dir: Path | str) -> None:
    prefix = data_dir if isinstance(data_dir, str) else str(data_dir) + "/"
    con.execute("SET allowed_directories = [?]", [prefix])
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
        raise FileNotFoundError(f"no package at {dest}: {path} is missing (run `newsfacts run` first)")
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
            f"CREATE VIEW {_quote_identifier(res['name'])} AS SELECT * FROM read_parquet('{literal}')"
        )
    _sandbox(con, min(data_dirs) if len(data_dirs) == 1 else dest.resolve())
    return con


def run(sql: str, dest: Path | str) -> tuple[list[str], list[tuple]]:
    """Run SQL over the package (a folder, or an http(s) URL); returns column names and rows."""
    con = connect_remote(str(dest)) if is_url(dest) else connect(Path(dest))
    try:
        try:
            cursor = con.execute(sql)
        except duckdb.PermissionException as exc:
            raise QueryRefused(
                f"refused: {str(exc).splitlines()[0]} (queries may only read the package's own tables)"
            ) from None
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
            json.dumps(dict(zip(columns, row, strict=False)), ensure_ascii=False, default=str) for row in rows
        ) + ("\n" if rows else "")

    def cell(value) -> str:
        text = "" if value is None else str(value)
        text = text.replace("\n", " ")
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=False))
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=False)) for r in cells]
    return "\n".join([line, rule, *body, f"({len(rows)} row{'s' if len(rows) != 1 else ''})"]) + "\n"


# Remote packages: over HTTP(S), with DuckDB's httpfs loaded from its file.


def is_url(dest) -> bool:
    """A package given as an http(s) URL rather than a folder."""
    return isinstance(dest, str) and urllib.parse.urlsplit(dest).scheme in ("http", "https")


def httpfs_extension_path() -> Path:
    """DuckDB's signed httpfs binary for the installed DuckDB, from ``duckdb-extension-httpfs``."""
    try:
        import duckdb_extension_httpfs
    except ImportError:
        raise RuntimeError(
            "querying a remote package needs the duckdb-extension-httpfs package "
            f"(pip install duckdb-extension-httpfs=={duckdb.__version__})"
        ) from None
    base = Path(duckdb_extension_httpfs.__path__[0]) / "extensions"
    path = base / f"v{duckdb.__version__}" / "httpfs.duckdb_extension"
    if not path.is_file():
        have = ", ".join(sorted(p.name for p in base.glob("v*"))) or "none"
        raise RuntimeError(
            f"duckdb-extension-httpfs has no httpfs for DuckDB {duckdb.__version__} (it has: {have}); "
            "install matching versions (see pyproject.toml)"
        )
    return path


def load_httpfs(con: duckdb.DuckDBPyConnection) -> None:
    """Load httpfs from its file (DuckDB checks its signature) and never fetch extensions online."""
    con.execute("SET autoinstall_known_extensions = false")
    con.execute("SET autoload_known_extensions = false")
    literal = str(httpfs_extension_path()).replace("'", "''")
    con.execute(f"LOAD '{literal}'")


def fetch_descriptor(url: str, timeout: float = 30.0) -> tuple[str, dict]:
    """The descriptor of the package at URL (the package's folder or its datapackage.json);
    returns the package's base URL and the descriptor."""
    base = url if url.endswith("/") else url + "/"
    if url.endswith(".json"):
        base = url.rsplit("/", 1)[0] + "/"
    with urllib.request.urlopen(urllib.parse.urljoin(base, DESCRIPTOR), timeout=timeout) as response:
        return base, json.loads(response.read().decode("utf-8"))


def connect_remote(url: str) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with a view per Parquet resource of the package at URL,
    each read over HTTP(S) in place (DuckDB asks for byte ranges, not whole files)."""
    base, descriptor = fetch_descriptor(url)
    con = duckdb.connect(":memory:")
    try:
        load_httpfs(con)
        for res in descriptor.get("resources", []):
            if res.get("format") != "parquet":
                continue
            file = urllib.parse.urljoin(base, res["path"])
            if not file.startswith(base):
                raise ValueError(f"resource {res['name']!r} points outside the package: {res['path']}")
            literal = file.replace("'", "''")
            con.execute(
                f"CREATE VIEW {_quote_identifier(res['name'])} AS SELECT * FROM read_parquet('{literal}')"
            )
        _sandbox(con, base)
    except BaseException:
        con.close()
        raise
    return con
