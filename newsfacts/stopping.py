"""Stopping a run on SIGINT (Ctrl-C) or SIGTERM: within seconds, every child process with it.

- ``handle_signals()`` (the command line): both signals raise ``Interrupted`` in the main thread
  (a ``BaseException``, like ``KeyboardInterrupt``: nothing catches it as a task's failure), also
  when a shell started the command in the background with SIGINT ignored. The first signal arms
  a deadline: should the unwinding hang, every child is killed and the process exits anyway.
- ``workers_stop_on_signal()`` (the pipeline, while the extraction workers run): a signal first
  stops the worker processes started inside it, then does what the handler in force did (raise
  ``Interrupted``, or Prefect's ``TerminationSignal`` when a Prefect runner delivered it). Without
  this, unwinding would wait for the batches the workers are parsing (tens of seconds).
- ``stop_children()``: whatever this process started and is still running (Prefect's temporary
  server, workers), terminated, then killed if it does not stop.

Nothing here kills a process this one did not start: only its own children, by their ids.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM)
DEADLINE = 20.0  # seconds from the first signal to a forced exit, should the clean stop hang
GRACE = 3.0  # seconds a child has to stop after SIGTERM before it is killed


class Interrupted(BaseException):
    """The run was stopped by a signal; ``exit_code`` is the shell's 128 + its number."""

    def __init__(self, signum: int):
        super().__init__(f"interrupted by {signal.Signals(signum).name}")
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


_received: list[int] = []


def received() -> int | None:
    """The first signal this process received, if any."""
    return _received[0] if _received else None


def _children() -> list:
    """This process's descendants, but for multiprocessing's resource tracker: it ends by itself
    when this process does (killing it first only makes it complain and start again)."""
    import psutil

    try:
        children = psutil.Process().children(recursive=True)
    except psutil.Error:
        return []
    out = []
    for child in children:
        try:
            if "multiprocessing.resource_tracker" in " ".join(child.cmdline()):
                continue
        except psutil.Error:
            continue
        out.append(child)
    return out


def _gone(process) -> bool:
    import psutil

    try:
        return process.status() == psutil.STATUS_ZOMBIE
    except psutil.Error:
        return True


def _wait_gone(processes: list, timeout: float) -> list:
    """The processes still running after ``timeout``. A child that ended is left for its owner to
    reap (multiprocessing, subprocess): reaping it here would make its owner wait for it forever."""
    deadline = time.monotonic() + timeout
    alive = [p for p in processes if not _gone(p)]
    while alive and time.monotonic() < deadline:
        time.sleep(0.05)
        alive = [p for p in alive if not _gone(p)]
    return alive


def stop_processes(processes: list, grace: float = GRACE) -> None:
    """Terminate the processes (psutil.Process), then kill those still running after ``grace``."""
    import psutil

    for process in processes:
        with suppress(psutil.Error):
            process.terminate()
    for process in _wait_gone(processes, grace):
        with suppress(psutil.Error):
            process.kill()
    _wait_gone(processes, grace)


def kill_processes(processes: list) -> None:
    """Kill at once (worker processes: what they were parsing is lost anyway)."""
    import psutil

    for process in processes:
        with suppress(psutil.Error):
            process.kill()


def child_ids() -> set[int]:
    """The ids of this process's children now (to tell them from those it starts after)."""
    return {p.pid for p in _children()}


def kill_children_since(before: set[int]) -> None:
    """Kill at once the children started since ``before`` (``child_ids()``)."""
    kill_processes([p for p in _children() if p.pid not in before])


def stop_children(grace: float = GRACE) -> None:
    """Every process this one started (and theirs), stopped."""
    _trace("stopping children")
    stop_processes(_children(), grace)
    _trace("children stopped")


def _trace(what: str) -> None:
    if os.environ.get("NEWSFACTS_TRACE_STOP"):
        import sys
        import time

        # sys.__stderr__, not print(): a flow with log_prints sends print() to its logger
        (sys.__stderr__ or sys.stderr).write(f"[stop {time.monotonic():.2f}] {what}\n")


def _forced_exit(code: int) -> None:
    if os.environ.get("NEWSFACTS_TRACE_STOP"):
        import faulthandler

        faulthandler.dump_traceback(all_threads=True)
    stop_children(grace=1.0)
    os._exit(code)


def _first(signum: int) -> bool:
    """Note a signal; True for the first, which arms the deadline."""
    if _received:
        return False
    _received.append(signum)
    timer = threading.Timer(DEADLINE, _forced_exit, args=(128 + signum,))
    timer.daemon = True
    timer.start()
    return True


def _handler(signum: int, frame: FrameType | None) -> None:
    _trace(f"signal {signum}")
    if _first(signum):
        raise Interrupted(signum)
    # already stopping: a second Ctrl-C must not break the clean-up


def handle_signals() -> None:
    """SIGINT and SIGTERM raise ``Interrupted`` (call from the main thread)."""
    for signum in SIGNALS:
        signal.signal(signum, _handler)


_stopping_workers: list[bool] = []  # one entry while inside workers_stop_on_signal()


@contextmanager
def workers_stop_on_signal() -> Iterator[None]:
    """While inside: a signal stops the processes started inside first, then is handled as before.
    Outside the main thread (where handlers cannot be set), or inside another such context (whose
    handler already stops those processes), nothing changes."""
    if threading.current_thread() is not threading.main_thread() or _stopping_workers:
        yield
        return
    before = {p.pid for p in _children()}
    previous = {signum: signal.getsignal(signum) for signum in SIGNALS}

    def stop_workers_first(signum: int, frame: FrameType | None) -> None:
        if not _first(signum):
            return
        _trace("stopping workers")
        kill_processes([p for p in _children() if p.pid not in before])
        handler = previous[signal.Signals(signum)]
        if handler is _handler:
            raise Interrupted(signum)
        if callable(handler):
            handler(signum, frame)
        elif handler == signal.SIG_DFL:
            if signum == signal.SIGINT:
                raise KeyboardInterrupt
            raise Interrupted(signum)

    for signum in SIGNALS:
        signal.signal(signum, stop_workers_first)
    _stopping_workers.append(True)
    try:
        yield
    finally:
        _stopping_workers.pop()
        for number, handler in previous.items():
            signal.signal(number, handler)


_published: list[bool] = []


def published_before_stop() -> bool:
    """The signal came while the package was being swapped in: that finished first, then the run stopped."""
    return bool(_published)


@contextmanager
def deferred() -> Iterator[None]:
    """While inside (the swap of a checked package: a few renames), SIGINT and SIGTERM wait: the
    swap is never cut in half. A signal received meanwhile is delivered again on the way out, to
    whatever handler is then in force. Outside the main thread, nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []
    previous = {signum: signal.getsignal(signum) for signum in SIGNALS}
    for signum in SIGNALS:
        signal.signal(signum, lambda number, frame: pending.append(number))
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if pending:
        _published.append(True)
        os.kill(os.getpid(), pending[0])
