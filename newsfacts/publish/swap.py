"""Putting a staged package in place atomically, one publisher at a time, and recovering a publish
that a crash interrupted.

The new package is staged in ``DEST/.newsfacts-stage/`` and marked complete there once it has been
checked; only then is it swapped in: the old ``output/`` moved aside, the new one moved in, the
landing page and then the descriptor replaced. A run that dies before the mark leaves the
published package untouched; one that dies after it is rolled forward by the next run
(``recover``). A lock file serialises publishers.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsfacts.paths import COMPLETE, DATA_DIR, DESCRIPTOR, LANDING_PAGE, STAGE

OLD = ".newsfacts-old"
LOCK = ".newsfacts.lock"


class PackageLocked(RuntimeError):
    pass


def crash_point(name: str) -> None:
    """Fault injection for the crash tests: NEWSFACTS_CRASH_AT=name kills this process here,
    as a power cut or `kill -9` would."""
    if os.environ.get("NEWSFACTS_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


@contextmanager
def package_lock(dest: Path, timeout: float = 600.0) -> Iterator[None]:
    """Hold DEST's lock; wait up to ``timeout`` seconds for another publisher, then refuse."""
    dest.mkdir(parents=True, exist_ok=True)
    with (dest / LOCK).open("a+") as fh:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise PackageLocked(
                        f"{dest} is being published by another run (lock "
                        f"{dest / LOCK}); gave up after {timeout:.0f} s"
                    ) from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def fsync_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with path.open("rb") as fh:
                os.fsync(fh.fileno())
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def mark_complete(stage: Path) -> None:
    """The staged package is whole and checked: from here on, a crash rolls it forward."""
    fsync_tree(stage)
    (stage / COMPLETE).touch()
    crash_point("complete")


def recover(dest: Path) -> None:
    """Finish or undo a publish that a crash interrupted (call with the lock held)."""
    stage, old = dest / STAGE, dest / OLD
    if (stage / COMPLETE).exists():
        swap_in(dest, stage)
    elif (old / DATA_DIR).exists() and not (dest / DATA_DIR).exists():
        (old / DATA_DIR).replace(dest / DATA_DIR)  # died between moving out and moving in
    shutil.rmtree(stage, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)


def swap_in(dest: Path, stage: Path) -> None:
    old = dest / OLD
    old.mkdir(exist_ok=True)
    if (stage / DATA_DIR).exists():
        if (dest / DATA_DIR).exists() and not (old / DATA_DIR).exists():
            (dest / DATA_DIR).replace(old / DATA_DIR)
        elif (dest / DATA_DIR).exists():
            shutil.rmtree(dest / DATA_DIR)
        crash_point("swap")
        (stage / DATA_DIR).replace(dest / DATA_DIR)
    crash_point("descriptor")
    if (stage / LANDING_PAGE).exists():
        (stage / LANDING_PAGE).replace(dest / LANDING_PAGE)
    if (stage / DESCRIPTOR).exists():
        (stage / DESCRIPTOR).replace(dest / DESCRIPTOR)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(stage, ignore_errors=True)


def in_progress(dest: Path) -> bool:
    """An interrupted publish is waiting in DEST (``recover`` completes or undoes it)."""
    return (dest / STAGE).exists() or (dest / OLD).exists()
