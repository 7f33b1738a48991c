"""Serve a published package over HTTP, so that DuckDB (and browsers) can use it in place.

    newsfacts serve --dest . --port 8000
    duckdb: SELECT * FROM read_parquet('http://127.0.0.1:8000/output/figures.parquet')

Python's ``http.server`` answers whole files only; DuckDB's httpfs reads Parquet by byte ranges
(the footer first, then the row groups it needs). This handler answers ``Range: bytes=a-b`` with
``206 Partial Content`` (one range per request, as DuckDB asks), ``HEAD`` with the size, and gives
each file its media type.

What it serves is the package and nothing else: the descriptor, the files it lists, the landing
page and the data dictionary (``output/README.md``), each a regular file inside DEST reached without
a symbolic link; never the rest of DEST (a repository, notes, dot files, the publish lock or stage).
Every response carries a Content-Security-Policy that allows no script, no connection and no
resource from elsewhere, so even an HTML file someone drops into ``output/`` cannot run code.

Consistent snapshots: the server opens every file of a package version at once and answers from
those open files, so a publish that swaps the package underneath (``output/`` first, then the
landing page, then the descriptor) is never seen half-done; it moves to the new version when the
new descriptor is in place and its files match it. The descriptor it serves names each resource by
its version's URL (``v/1.3.0/output/figures.parquet``), and the last few versions stay available
there, so a client that reads the descriptor and then the files it lists always gets one version
whole, even when a publish happens in between. ``output/...`` is always the latest version.

It listens on 127.0.0.1 unless told otherwise; idle connections are closed after
``IDLE_TIMEOUT`` seconds and at most ``MAX_CONNECTIONS`` are served at once.
"""

from __future__ import annotations

import contextlib
import email.utils
import json
import os
import posixpath
import re
import stat
import threading
import urllib.parse
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from newsfacts.paths import DATA_README, DESCRIPTOR, LANDING_PAGE
from newsfacts.publish import formats
from newsfacts.publish.swap import OLD

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


# Served beside the descriptor's resources.
DOCUMENTATION = (LANDING_PAGE, DATA_README)
# No script, no fetch, no frame, no form, no remote image or font: the landing page needs only its
# inline style and inline SVG.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
PINNED = "v"  # /v/<version>/<path>: a file of that version of the package
RETAINED_VERSIONS = 4  # versions kept open for pinned URLs (the current one and three before)
IDLE_TIMEOUT = 20.0  # seconds a connection may wait for its next request
MAX_CONNECTIONS = 64  # connections served at once; more get 503
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
_VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+-]{0,63}$")
CHUNK = 1 << 16


class PackageUnavailable(RuntimeError):
    """DEST holds no complete package that can be served (missing, or its files do not match)."""


@dataclass
class OpenFile:
    fd: int
    size: int
    mtime: float
    media_type: str
    body: bytes | None = None  # served from memory instead of the file (the rewritten descriptor)


@dataclass
class Snapshot:
    """One version of the package: its files, open, as they were when the version was read."""

    version: str
    key: tuple[int, int, int, int]  # the descriptor's (device, inode, mtime, size)
    files: dict[str, OpenFile]
    users: int = 0
    retired: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def acquire(self) -> Snapshot:
        with self.lock:
            self.users += 1
        return self

    def release(self) -> None:
        with self.lock:
            self.users -= 1
            close = self.retired and self.users == 0
        if close:
            self.close()

    def retire(self) -> None:
        with self.lock:
            self.retired = True
            close = self.users == 0
        if close:
            self.close()

    def close(self) -> None:
        for file in self.files.values():
            if file.fd >= 0:
                os.close(file.fd)
                file.fd = -1


def _key(path: Path) -> tuple[int, int, int, int]:
    st = path.lstat()
    return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)


def _open_regular(root: Path, rel: str) -> int:
    """A read-only descriptor of ``root/rel``, if it is a regular file reached without a symbolic
    link anywhere below ``root``; else OSError."""
    path = root / rel
    if Path(os.path.realpath(path)) != path:
        raise OSError(f"{rel}: reached through a symbolic link")
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(f"{rel}: not a regular file")
    return fd


def _inside(rel: object) -> str:
    """A descriptor's resource path, if it names a file inside the package; else OSError."""
    if not isinstance(rel, str) or not rel or "\x00" in rel or "\\" in rel:
        raise OSError(f"resource path {rel!r} is not a relative path")
    norm = posixpath.normpath(rel)
    if norm != rel or norm.startswith(("/", "../")) or norm == ".." or norm.startswith("."):
        raise OSError(f"resource path {rel!r} leaves the package")
    return rel


def _pinned_descriptor(descriptor: dict, version: str) -> bytes:
    """The descriptor as served: each resource named by its version's URL."""
    served = dict(descriptor)
    served["resources"] = [
        dict(res, path=f"{PINNED}/{version}/{res['path']}") for res in descriptor.get("resources", [])
    ]
    return (json.dumps(served, indent=2, ensure_ascii=False) + "\n").encode()


def open_snapshot(root: Path) -> Snapshot:
    """Open the package in ``root`` as one snapshot, or raise PackageUnavailable."""
    files: dict[str, OpenFile] = {}
    try:
        before = _key(root / DESCRIPTOR)
        fd = _open_regular(root, DESCRIPTOR)
        with os.fdopen(fd, "rb") as fh:
            raw = fh.read()
        descriptor = json.loads(raw.decode("utf-8"))
        version = str(descriptor.get("version") or "")
        if not _VERSION.match(version):
            raise PackageUnavailable(f"{root / DESCRIPTOR} has no usable version ({version!r})")
        for res in descriptor.get("resources", []):
            rel = _inside(res.get("path"))
            fd = _open_regular(root, rel)
            size = os.fstat(fd).st_size
            files[rel] = OpenFile(fd, size, os.fstat(fd).st_mtime, _media_type(rel))
            declared = res.get("bytes", res.get("newsfacts:bytes"))
            if declared is not None and declared != size:
                raise PackageUnavailable(f"{rel} has {size} bytes, its descriptor says {declared}")
        for rel in DOCUMENTATION:
            fd = _open_regular(root, rel)
            st = os.fstat(fd)
            files[rel] = OpenFile(fd, st.st_size, st.st_mtime, _media_type(rel))
        if _key(root / DESCRIPTOR) != before:
            raise PackageUnavailable("the descriptor changed while it was read")
        body = _pinned_descriptor(descriptor, version)
        files[DESCRIPTOR] = OpenFile(-1, len(body), before[2] / 1e9, MEDIA_TYPES[".json"], body)
        return Snapshot(version, before, files)
    except PackageUnavailable:
        Snapshot("", (0, 0, 0, 0), files).close()
        raise
    except (OSError, ValueError, RecursionError, AttributeError, TypeError) as exc:
        Snapshot("", (0, 0, 0, 0), files).close()
        raise PackageUnavailable(f"no complete package in {root}: {exc}") from None


def _media_type(rel: str) -> str:
    return media_type(Path(rel))


class Snapshots:
    """The versions the server holds open: the current one, and a few before it for pinned URLs."""

    def __init__(self, root: Path):
        self.root = root
        self.lock = threading.Lock()
        self.versions: dict[str, Snapshot] = {}
        self.current = open_snapshot(root)
        self.versions[self.current.version] = self.current

    def latest(self) -> Snapshot:
        """The current snapshot (acquired: release it), moving to a new version first when a
        publish has completed: a new descriptor in place, no swap in progress, files that match."""
        with self.lock:
            try:
                changed = _key(self.root / DESCRIPTOR) != self.current.key
            except OSError:
                changed = False  # between two renames of a swap: keep serving what we have
            if changed and not (self.root / OLD).exists():
                # mid-publish or damaged: the version we hold stays whole
                with contextlib.suppress(PackageUnavailable):
                    self._switch(open_snapshot(self.root))
            return self.current.acquire()

    def _switch(self, snapshot: Snapshot) -> None:
        previous = self.versions.pop(snapshot.version, None)
        if previous is not None and previous is not self.current:
            previous.retire()
        self.versions[snapshot.version] = snapshot
        if self.current.version == snapshot.version and self.current is not snapshot:
            self.current.retire()
        self.current = snapshot
        while len(self.versions) > RETAINED_VERSIONS:
            oldest = next(iter(self.versions))
            self.versions.pop(oldest).retire()

    def pinned(self, version: str) -> Snapshot | None:
        self.latest().release()  # learn of a newer version first
        with self.lock:
            snapshot = self.versions.get(version)
            return snapshot.acquire() if snapshot is not None else None

    def close(self) -> None:
        with self.lock:
            for snapshot in self.versions.values():
                snapshot.retire()
            self.versions.clear()


def request_path(url_path: str) -> tuple[str | None, str] | None:
    """(pinned version or None, path inside the package) of a request, or None if it is not a
    well-formed path (a NUL byte or another control character, a bad percent-escape). Whether the
    path names a file of the package is the snapshot's to say: it holds only those."""
    raw = urllib.parse.urlsplit(url_path).path
    try:
        path = urllib.parse.unquote(raw, errors="strict")
    except UnicodeDecodeError:
        return None
    if "\x00" in path or "\\" in path or any(ord(c) < 32 for c in path):
        return None
    rel = posixpath.normpath("/" + path).lstrip("/")
    if rel in ("", "."):
        rel = LANDING_PAGE
    parts = rel.split("/")
    if len(parts) >= 3 and parts[0] == PINNED:
        return parts[1], "/".join(parts[2:])
    return None, rel


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
    timeout = IDLE_TIMEOUT  # an idle connection is closed (each one holds a thread)
    snapshots: Snapshots
    quiet = False

    def log_message(self, format, *args):
        if not self.quiet:
            super().log_message(format, *args)

    def do_HEAD(self):
        self._serve(body=False)

    def do_GET(self):
        self._serve(body=True)

    def end_headers(self):
        self.send_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def _error(self, status: HTTPStatus, size: int | None = None, why: str = ""):
        body = f"{status.value} {status.phrase}{': ' + why if why else ''}\n".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if size is not None:
            self.send_header("Content-Range", f"bytes */{size}")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _serve(self, body: bool):
        target = request_path(self.path)
        if target is None:
            return self._error(HTTPStatus.BAD_REQUEST)
        version, rel = target
        if version is None:
            snapshot = self.snapshots.latest()
        else:
            pinned = self.snapshots.pinned(version)
            if pinned is None:
                why = f"version {version} is not served (any more); read datapackage.json again"
                return self._error(HTTPStatus.NOT_FOUND, why=why)
            snapshot = pinned
        try:
            file = snapshot.files.get(rel)
            if file is None:
                return self._error(HTTPStatus.NOT_FOUND)
            self._send(file, snapshot.version, body)
        finally:
            snapshot.release()

    def _send(self, file: OpenFile, version: str, body: bool) -> None:
        first, last, status = 0, file.size - 1, HTTPStatus.OK
        header = self.headers.get("Range")
        if header:
            span: tuple[int, int] | bool | None
            try:
                span = parse_range(header, file.size)
            except ValueError:
                span = False  # not one byte range (several, or another unit): the whole file
            if span is None:
                return self._error(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE, file.size)
            if isinstance(span, tuple):
                (first, last), status = span, HTTPStatus.PARTIAL_CONTENT
        length = max(last - first + 1, 0)
        self.send_response(status)
        self.send_header("Content-Type", file.media_type)
        self.send_header("Content-Length", str(length))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Last-Modified", email.utils.formatdate(file.mtime, usegmt=True))
        self.send_header("ETag", f'"{version}-{file.size:x}-{int(file.mtime * 1e6):x}"')
        self.send_header("X-Newsfacts-Version", version)
        self.send_header("Cache-Control", "no-cache")
        if status is HTTPStatus.PARTIAL_CONTENT:
            self.send_header("Content-Range", f"bytes {first}-{last}/{file.size}")
        self.end_headers()
        if not body or not length:
            return
        if file.body is not None:
            self.wfile.write(file.body[first : last + 1])
            return
        offset, remaining = first, length
        while remaining:
            chunk = os.pread(file.fd, min(CHUNK, remaining), offset)
            if not chunk:
                break
            self.wfile.write(chunk)
            offset += len(chunk)
            remaining -= len(chunk)


class PackageServer(ThreadingHTTPServer):
    """A thread per connection, at most ``MAX_CONNECTIONS`` at once (more are answered 503)."""

    daemon_threads = True
    snapshots: Snapshots

    def __init__(self, address, handler, max_connections: int = MAX_CONNECTIONS):
        super().__init__(address, handler)
        self.slots = threading.BoundedSemaphore(max_connections)

    def process_request(self, request, client_address):
        if not self.slots.acquire(blocking=False):
            with contextlib.suppress(OSError):
                request.sendall(
                    b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                )
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def server_close(self):
        super().server_close()
        self.snapshots.close()


def make_server(
    dest: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    quiet: bool = False,
    max_connections: int = MAX_CONNECTIONS,
    idle_timeout: float = IDLE_TIMEOUT,
) -> PackageServer:
    """A server for the package at DEST (port 0: any free port; see ``server.server_address``)."""
    root = Path(dest).resolve()
    if not (root / DESCRIPTOR).is_file():
        raise FileNotFoundError(
            f"no package at {dest}: {root / DESCRIPTOR} is missing (run `newsfacts run` first)"
        )
    snapshots = Snapshots(root)
    handler = type(
        "Handler", (PackageHandler,), {"snapshots": snapshots, "quiet": quiet, "timeout": idle_timeout}
    )
    try:
        server = PackageServer((host, port), handler, max_connections)
    except BaseException:
        snapshots.close()
        raise
    server.snapshots = snapshots
    return server


def url_of(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}/"


def serve_in_thread(dest: Path, host: str = "127.0.0.1", port: int = 0, **options):
    """Start a quiet server in a background thread; returns (server, url). ``server.shutdown()``
    and ``server.server_close()`` stop it. ``options``: those of ``make_server``."""
    server = make_server(dest, host, port, quiet=True, **options)
    threading.Thread(target=server.serve_forever, daemon=True, name="newsfacts-serve").start()
    return server, url_of(server)
