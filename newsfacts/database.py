"""The SQLite plumbing of newsfacts's two caches (the document cache, ``newsfacts.cache``, and the
languages told, ``newsfacts.ingest.language``): one way to open a store and one way to write to it.

A store is one SQLite file shared by every process and run: autocommit, a write-ahead log (readers
never wait for a writer), a busy timeout (writers wait for each other instead of failing), and
writes in one ``BEGIN IMMEDIATE`` transaction each, so that a batch is all in or not at all.
What to do when a store cannot be used is the caller's: a cache that fails only costs time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

BUSY_TIMEOUT = 30.0  # seconds a writer waits for another process's transaction


def open_store(path: Path, tables: Sequence[str], check_same_thread: bool = True) -> sqlite3.Connection:
    """A connection to the store at ``path``, its ``tables`` created (``CREATE TABLE IF NOT
    EXISTS`` statements). Raises sqlite3.DatabaseError for a file that is not a usable database."""
    con = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=check_same_thread
    )
    try:
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = NORMAL")
        for table in tables:
            con.execute(table)
    except BaseException:
        con.close()
        raise
    return con


def write_many(con: sqlite3.Connection, statement: str, rows: Sequence[tuple]) -> None:
    """``statement`` for every row, in one transaction."""
    if not rows:
        return
    with con:
        con.execute("BEGIN IMMEDIATE")
        con.executemany(statement, rows)
