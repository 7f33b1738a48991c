"""Serve a published package over HTTP, so that DuckDB (and browsers) can use it in place.

    newsfacts serve --dest . --port 8000
    duckdb: SELECT * FROM read_parquet('http://127.0.0.1:8000/output/figures.parquet')

Python's ``http.server`` answers whole files only; DuckDB's httpfs reads Parquet by byte ranges
(the footer first, then the row groups it needs). This handler answers ``Range: bytes=a-b`` with
``206 Partial Content`` (one range per request, as DuckDB asks), ``HEAD`` with the size, and gives
each file its media type. It serves the package's files only (the descriptor, the landing page
and ``output/``), never the rest of DEST (a repository, dot files, the publish lock or stage), and
listens on 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import email.utils
import os
import posixpath
import re
import threading
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from newsfacts.paths import DATA_DIR, DESCRIPTOR, LANDING_PAGE
from newsfacts.publish import formats

# The package's own files; the tables' formats come from the registry (``media_type``).
MEDIA_TYPES = {
    ".json": "application/json",
    ".html": "text/html; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".zip": "application/zip",
}


def media_type(path: Path) -> str:
    for fmt in formats.FORMATS:
        if path.suffix == fmt.extension:
            return fmt.content_type
    return MEDIA_TYPES.get(path.suffix, "application/octet-stream")


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 1 << 16


def package_file(root: Path, url_path: str) -> Path | None:
    """The file a URL path names, if it is part of the package; None otherwise."""
    path = urllib.parse.unquote(urllib.parse.urlsplit(url_path).path)
    rel = posixpath.normpath("/" + path).lstrip("/")
    if rel in ("", "."):
        rel = LANDING_PAGE
    parts = rel.split("/")
    if any(p.startswith(".") for p in parts):
        return None
    if rel not in (DESCRIPTOR, LANDING_PAGE) and parts[0] != DATA_DIR:
        return None
    file = (root / rel).resolve()
    if not file.is_relative_to(root) or not file.is_file():
        return None
    return file


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) byte of a single ``bytes=`` range, clipped to the file; None if unsatisfiable.
    Raises ValueError for a header this server does not answer with a range (then: the whole file)."""
    match = _RANGE.match(header.strip())
    if not match or match.groups() == ("", ""):
        raise ValueError(header)
    first, last = match.groups()
    if first == "":  # the last N bytes
        n = int(last)
        return (max(size - n, 0), size - 1) if n > 0 and size > 0 else None
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or end < start:
        return None
    return start, end


class PackageHandler(BaseHTTPRequestHandler):
    server_version = "newsfacts"
    protocol_version = "HTTP/1.1"
    root: Path = Path()
    quiet = False

    def log_message(self, format, *args):
        if not self.quiet:
            super().log_message(format, *args)

    def do_HEAD(self):
        self._serve(body=False)

    def do_GET(self):
        self._serve(body=True)

    def _error(self, status: HTTPStatus, size: int | None = None):
        body = f"{status.value} {status.phrase}\n".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if size is not None:
            self.send_header("Content-Range", f"bytes */{size}")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _serve(self, body: bool):
        file = package_file(self.root, self.path)
        if file is None:
            return self._error(HTTPStatus.NOT_FOUND)
        try:
            fh = file.open("rb")
        except OSError:
            return self._error(HTTPStatus.NOT_FOUND)
        with fh:
            stat = os.fstat(fh.fileno())
            size = stat.st_size
            first, last, status = 0, size - 1, HTTPStatus.OK
            header = self.headers.get("Range")
            if header:
                span: tuple[int, int] | bool | None
                try:
                    span = parse_range(header, size)
                except ValueError:
                    span = False  # not one byte range (several, or another unit): the whole file
                if span is None:
                    return self._error(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE, size)
                if isinstance(span, tuple):
                    (first, last), status = span, HTTPStatus.PARTIAL_CONTENT
            length = max(last - first + 1, 0)
            self.send_response(status)
            self.send_header("Content-Type", media_type(file))
            self.send_header("Content-Length", str(length))
            self.send_header("Accept-Ranges", "bytes")
            self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
            self.send_header("ETag", f'"{stat.st_ino:x}-{stat.st_mtime_ns:x}-{size:x}"')
            self.send_header("Cache-Control", "no-cache")
            self.send_header("X-Content-Type-Options", "nosniff")
            if status is HTTPStatus.PARTIAL_CONTENT:
                self.send_header("Content-Range", f"bytes {first}-{last}/{size}")
            self.end_headers()
            if body and length:
                fh.seek(first)
                remaining = length
                while remaining:
                    chunk = fh.read(min(CHUNK, remaining))
                    if not chunk:
                        break
                    self.wfile.write(chunk)
                    remaining -= len(chunk)


def make_server(
    dest: Path, host: str = "127.0.0.1", port: int = 8000, quiet: bool = False
) -> ThreadingHTTPServer:
    """A server for the package at DEST (port 0: any free port; see ``server.server_address``)."""
    root = Path(dest).resolve()
    if not (root / DESCRIPTOR).is_file():
        raise FileNotFoundError(
            f"no package at {dest}: {root / DESCRIPTOR} is missing (run `newsfacts run` first)"
        )
    handler = type("Handler", (PackageHandler,), {"root": root, "quiet": quiet})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def url_of(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}/"


def serve_in_thread(dest: Path, host: str = "127.0.0.1", port: int = 0):
    """Start a quiet server in a background thread; returns (server, url). ``server.shutdown()``
    and ``server.server_close()`` stop it."""
    server = make_server(dest, host, port, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True, name="newsfacts-serve").start()
    return server, url_of(server)
