"""Progress of a long run, per stage and in documents: to the terminal and to Prefect's logs.

The flow reports through ``Progress``; each message goes to the logger it is given (Prefect's
run logger: the UI, the API and the console of ``newsfacts schedule``) and to the
``newsfacts.progress`` logger, which ``newsfacts run`` prints to the terminal (``to_terminal``).
Extraction reports its rate and the time left.
"""

from __future__ import annotations

import logging
import sys
import time

TERMINAL = logging.getLogger("newsfacts.progress")


def to_terminal(stream=None) -> logging.Handler:
    """Print progress messages to the terminal (stderr) as they come."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    TERMINAL.addHandler(handler)
    TERMINAL.setLevel(logging.INFO)
    TERMINAL.propagate = False
    return handler


class Progress:
    def __init__(self, logger: logging.Logger | logging.LoggerAdapter | None = None, clock=time.perf_counter):
        self.logger = logger
        self.clock = clock
        self.started: dict[str, float] = {}

    def say(self, message: str) -> None:
        if self.logger is not None:
            self.logger.info(message)
        TERMINAL.info(message)

    def start(self, *stages: str) -> None:
        for stage in stages:
            self.started[stage] = self.clock()

    def done(self, stage: str, done: int, total: int, unit: str = "documents") -> str:
        """Report ``done`` of ``total`` for a stage, with the rate and the time left."""
        elapsed = self.clock() - self.started.setdefault(stage, self.clock())
        message = f"{stage}: {done}/{total} {unit}"
        if total:
            message += f" ({100 * done // total}%)"
        message += f", {elapsed:.1f} s"
        if 0 < done < total and elapsed > 0:
            rate = done / elapsed
            message += f", {rate:.1f}/s, about {(total - done) / rate:.0f} s left"
        self.say(message)
        return message
