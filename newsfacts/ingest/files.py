"""Opening input files safely: only regular files inside the seeds folder, never more bytes than a limit.

A FIFO, a device or a socket given as an article or sidecar would hang a plain ``open()`` (a FIFO
without a writer) or never end (``/dev/zero``): every file is opened with ``O_NONBLOCK`` and
checked with ``fstat`` before a byte is read. A symbolic link is followed only when its target is
inside the seeds folder. Reads stop one byte past the limit, so a file that grows while it is read
cannot get past it either. Gzip files are decompressed under the same limit (a gzip bomb is just
too large). Every failure is a ``BadInput`` with the reason.
"""

from __future__ import annotations

import errno
import gzip
import os
import stat
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from newsfacts.ingest.documents import BadInput

_KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}
_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


def why_not_read(exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return "cannot read it: its name or path is too long for the file system"
    if exc.errno == errno.ELOOP:
        return "cannot read it: a symbolic link changed while it was read (refused)"
    return f"cannot read it ({exc.strerror or exc})"


def inside(path: Path, root: Path) -> Path:
    """The real path of ``path`` (symbolic links resolved), which must be inside ``root``."""
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        raise BadInput("broken symbolic link" if path.is_symlink() else "the file is gone") from None
    except (OSError, RuntimeError) as exc:
        if isinstance(exc, OSError) and exc.errno == errno.ENAMETOOLONG:
            raise BadInput(why_not_read(exc)) from None
        raise BadInput("symbolic link loop (refused)") from None
    if not target.is_relative_to(root):
        raise BadInput("symbolic link pointing outside the seeds folder (refused)")
    return target


@contextmanager
def open_regular(path: Path, root: Path, limit: int | None = None) -> Iterator[BinaryIO]:
    """``path`` opened for reading, after checking that it is a regular file inside ``root`` and
    (with ``limit``) no larger than ``limit`` bytes."""
    target = inside(path, root)
    try:
        fd = os.open(target, _FLAGS | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        raise BadInput(why_not_read(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
            raise BadInput(f"not a regular file: it is {kind} (not read)")
        if info.st_size == 0:
            raise BadInput("empty file (0 bytes)")
        if limit is not None and info.st_size > limit:
            raise BadInput(f"too large ({info.st_size:,} bytes; the limit is {limit:,})")
        os.set_blocking(fd, True)  # a regular file: reads block only on the disk
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        yield handle


def read_limited(handle: BinaryIO | gzip.GzipFile, limit: int, what: str = "") -> bytes:
    """All of ``handle``, or BadInput if it holds more than ``limit`` bytes."""
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise BadInput(f"too large{' ' + what if what else ''} (more than {limit:,} bytes, the limit)")
    return data


def is_gzip(name: str) -> bool:
    return name.lower().endswith(".gz")


def read_file(path: Path, root: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path`` (decompressed when its name ends in ``.gz``)."""
    gz = is_gzip(path.name)
    with open_regular(path, root, None if gz else limit) as handle:
        try:
            return read_gzip(handle, limit) if gz else read_limited(handle, limit)
        except OSError as exc:
            raise BadInput(why_not_read(exc)) from None


def read_gzip(handle: BinaryIO, limit: int) -> bytes:
    """A gzip stream's content, at most ``limit`` bytes; BadInput for a truncated or corrupt one."""
    try:
        with gzip.GzipFile(fileobj=handle, mode="rb") as unzipped:
            return read_limited(unzipped, limit, "once decompressed")
    except EOFError:
        raise BadInput("truncated gzip file: it ends before its end-of-stream marker") from None
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise BadInput(f"not a valid gzip file ({exc})") from None
