"""DuckDB over a published package: one view per resource, named after it.

newsfacts query "SELECT category, sum(value) FROM figures GROUP BY 1"
newsfacts query "SELECT count(*) FROM figures" --dest http://127.0.0.1:8000/   # a served package

A package on a web server is read in place over HTTP(S) by DuckDB's httpfs extension, loaded from
the ``duckdb-extension-httpfs`` package (DuckDB's own signed binary, checked when loaded; DuckDB
never downloads an extension here).

Queries only read, and only the package: one statement at a time, and only a read (``SELECT``,
``WITH ... SELECT``, ``FROM ...``, ``DESCRIBE``, ``SUMMARIZE``, ``EXPLAIN``): no ``COPY``, ``EXPORT``,
``CREATE``, ``ATTACH``, ``INSTALL``, ``LOAD`` or ``SET``. DuckDB's file access is limited to the
package's data folder (or its base URL), its temporary folder is switched off (it would otherwise be
readable and writable: DuckDB adds ``./.tmp`` to the allowed directories), its configuration is
locked, and each query runs under a time limit and a memory limit (``DEFAULT_TIMEOUT``,
``DEFAULT_MEMORY_LIMIT``; ``newsfacts query --timeout --memory-limit`` change them). A remote
descriptor is read with a size limit and an overall deadline, redirects to another host are refused,
and a resource path that leaves the package (``..``, also percent-encoded, an absolute path or
another host) is refused.
"""

from __future__ import annotations

import csv
import io
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path, PurePosixPath

import duckdb

from newsfacts.paths import DESCRIPTOR


def _quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


DEFAULT_TIMEOUT = 120.0  # seconds a query may run (the package's own joins take milliseconds)
DEFAULT_MEMORY_LIMIT = "2GB"  # DuckDB's memory for one query; with no temporary folder it cannot spill
DESCRIPTOR_MAX_BYTES = 64 * 1024 * 1024  # a descriptor lists one source per article: ~150 bytes each
DESCRIPTOR_TIMEOUT = 30.0  # seconds to read a remote descriptor, whole (not per read)
READ_TIMEOUT = 5.0  # seconds one read of it may wait for a byte
# Statement types that only read: SELECT covers WITH, FROM-first, DESCRIBE, SUMMARIZE and PRAGMA
# functions; EXPLAIN shows a plan.
READ_STATEMENTS = (duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN)


class QueryRefused(PermissionError):
    """The query tried to write, or to reach outside the package (files, databases, extensions)."""


class QueryTimeout(TimeoutError):
    """The query ran longer than its time limit."""


def _sandbox(con: duckdb.DuckDBPyConnection, data_dir: Path | str, memory_limit: str) -> None:
    prefix = data_dir if isinstance(data_dir, str) else str(data_dir) + "/"
    # No temporary folder: DuckDB adds it to the allowed directories, and a `.tmp` in the working
    # directory (even a symlink to /) would be readable and writable by the query.
    con.execute("SET temp_directory = ''")
    con.execute("SET memory_limit = ?", [memory_limit])
    con.execute("SET allowed_directories = [?]", [prefix])
    con.execute("SET enable_external_access = false")
    con.execute("SET autoinstall_known_extensions = false")
    con.execute("SET autoload_known_extensions = false")
    con.execute("SET lock_configuration = true")


def safe_resource_path(path: object) -> str:
    """A resource's path as the descriptor gives it, if it stays inside the package: relative, no
    ``..`` segment (also percent-encoded), no backslash, no scheme or host. Else ValueError."""
    if not isinstance(path, str) or not path:
        raise ValueError(f"resource path {path!r} is not a relative path")
    decoded = path
    for _ in range(3):  # '%252e%252e' is '..' encoded twice
        decoded = urllib.parse.unquote(decoded)
    parts = urllib.parse.urlsplit(decoded)
    if (
        parts.scheme
        or parts.netloc
        or "\\" in decoded
        or "\x00" in decoded
        or PurePosixPath(decoded).is_absolute()
        or ".." in PurePosixPath(parts.path).parts
    ):
        raise ValueError(f"resource path {path!r} leaves the package")
    return path


def connect(dest: Path, memory_limit: str = DEFAULT_MEMORY_LIMIT) -> duckdb.DuckDBPyConnection:
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
        try:
            file = (dest / safe_resource_path(res.get("path"))).resolve()
        except ValueError as exc:
            raise FileNotFoundError(f"resource {res.get('name')!r}: {exc}") from None
        if not file.is_relative_to(dest.resolve()):
            raise FileNotFoundError(f"resource {res['name']!r} points outside the package: {res['path']}")
        data_dirs.add(file.parent)
        literal = str(file).replace("'", "''")
        con.execute(
            f"CREATE VIEW {_quote_identifier(res['name'])} AS SELECT * FROM read_parquet('{literal}')"
        )
    _sandbox(con, min(data_dirs) if len(data_dirs) == 1 else dest.resolve(), memory_limit)
    return con


def read_statement(con: duckdb.DuckDBPyConnection, sql: str) -> str:
    """The query's one statement, if it only reads; else QueryRefused saying why."""
    statements = con.extract_statements(sql)
    if len(statements) != 1:
        raise QueryRefused(f"refused: {len(statements)} statements; give one query at a time")
    statement = statements[0]
    if statement.type not in READ_STATEMENTS:
        raise QueryRefused(
            f"refused: a {statement.type.name} statement (queries only read the package: SELECT, "
            "WITH, FROM, DESCRIBE, SUMMARIZE, EXPLAIN)"
        )
    return statement.query


def run(
    sql: str,
    dest: Path | str,
    timeout: float = DEFAULT_TIMEOUT,
    memory_limit: str = DEFAULT_MEMORY_LIMIT,
) -> tuple[list[str], list[tuple]]:
    """Run one read-only query over the package (a folder, or an http(s) URL) within ``timeout``
    seconds and ``memory_limit``; returns column names and rows."""
    if is_url(dest):
        con = connect_remote(str(dest), memory_limit=memory_limit)
    else:
        con = connect(Path(dest), memory_limit=memory_limit)
    timer = threading.Timer(timeout, con.interrupt)
    timer.daemon = True
    try:
        statement = read_statement(con, sql)
        timer.start()
        try:
            cursor = con.execute(statement)
            columns = [d[0] for d in cursor.description] if cursor.description else []
            rows = cursor.fetchall() if cursor.description else []
        except duckdb.PermissionException as exc:
            raise QueryRefused(
                f"refused: {str(exc).splitlines()[0]} (queries may only read the package's own tables)"
            ) from None
        except duckdb.InterruptException:
            raise QueryTimeout(
                f"stopped after {timeout:g} s, the time limit (--timeout SECONDS to allow more)"
            ) from None
        return columns, rows
    finally:
        timer.cancel()
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


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only within the package's own scheme, host and port."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        old, new = urllib.parse.urlsplit(req.full_url), urllib.parse.urlsplit(newurl)
        if (old.scheme, old.netloc) != (new.scheme, new.netloc):
            raise urllib.error.HTTPError(
                req.full_url, code, f"redirect to another host refused ({newurl})", headers, fp
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def read_limited(url: str, max_bytes: int, timeout: float) -> bytes:
    """The body at URL, at most ``max_bytes``, read whole within ``timeout`` seconds (a server that
    drips a byte at a time is cut off at the deadline, not after each read's own timeout)."""
    deadline = time.monotonic() + timeout
    opener = urllib.request.build_opener(_SameHostRedirects)
    # the socket's timeout bounds each read; the deadline bounds them all
    with opener.open(url, timeout=min(timeout, READ_TIMEOUT)) as response:
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise ValueError(f"{url}: {int(declared):,} bytes, over the limit of {max_bytes:,}")
        chunks: list[bytes] = []
        size = 0
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{url}: not read within {timeout:g} s")
            chunk = response.read1(64 * 1024)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > max_bytes:
                raise ValueError(f"{url}: over the limit of {max_bytes:,} bytes")
            chunks.append(chunk)


def fetch_descriptor(
    url: str, timeout: float = DESCRIPTOR_TIMEOUT, max_bytes: int = DESCRIPTOR_MAX_BYTES
) -> tuple[str, dict]:
    """The descriptor of the package at URL (the package's folder or its datapackage.json);
    returns the package's base URL and the descriptor."""
    base = url if url.endswith("/") else url + "/"
    if url.endswith(".json"):
        base = url.rsplit("/", 1)[0] + "/"
    body = read_limited(urllib.parse.urljoin(base, DESCRIPTOR), max_bytes, timeout)
    try:
        descriptor = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ValueError(f"{base}{DESCRIPTOR} is not a JSON descriptor ({exc})") from None
    if not isinstance(descriptor, dict):
        raise ValueError(f"{base}{DESCRIPTOR} is not a JSON object")
    return base, descriptor


def connect_remote(url: str, memory_limit: str = DEFAULT_MEMORY_LIMIT) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with a view per Parquet resource of the package at URL,
    each read over HTTP(S) in place (DuckDB asks for byte ranges, not whole files)."""
    base, descriptor = fetch_descriptor(url)
    con = duckdb.connect(":memory:")
    try:
        load_httpfs(con)
        for res in descriptor.get("resources", []):
            if res.get("format") != "parquet":
                continue
            file = urllib.parse.urljoin(base, safe_resource_path(res.get("path")))
            if not file.startswith(base):
                raise ValueError(f"resource {res['name']!r} points outside the package: {res['path']}")
            literal = file.replace("'", "''")
            con.execute(
                f"CREATE VIEW {_quote_identifier(res['name'])} AS SELECT * FROM read_parquet('{literal}')"
            )
        _sandbox(con, base, memory_limit)
    except BaseException:
        con.close()
        raise
    return con
