"""Tables written as their rows arrive: a run never holds a whole table in memory.

The flow hands over the rows of a few documents at a time (a *chunk*); each table's rows are
appended to its Parquet file in a scratch folder inside the destination
(``DEST/.newsfacts-build-PID-XXXX/output/``), and ``publish`` moves the finished files into the
package. Memory stays flat whatever the number of articles: a chunk, and at most one row group
per table waiting to be written.

The bytes do not depend on how rows were chunked: documents arrive in ``doc_id`` order, each
chunk's rows are sorted (``tables.to_arrow``: by document, then position), and row groups are cut
by row count, never by chunk. So the package is the same whatever the batch size, the number of
workers or the order their batches finish in.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

import schemas
from newsfacts.paths import DATA_DIR, table_path
from schemas.descriptor import arrow_schema

PREFIX = ".newsfacts-build-"
STARTING = ".newsfacts-starting-"  # a scratch folder being made: renamed to PREFIX once locked
ALIVE = ".alive"  # inside a scratch folder: the live run holds an exclusive flock on it
STARTING_GRACE = 600.0  # seconds after which a folder left half-made is a dead run's
# Rows per Parquet row group, which is also what waits in memory before it is written:
# documents carry their whole text (a few KB a row), the other tables a few hundred bytes a row,
# so either way a row group is a few MB. DuckDB reads row groups of this size at full speed.
ROW_GROUP_ROWS = {"documents": 1_024}
DEFAULT_ROW_GROUP_ROWS = 16_384
# Fixed writer options: the same rows give the same bytes on every run.
PARQUET_OPTIONS = dict(
    compression="zstd",
    compression_level=9,
    use_dictionary=True,
    write_statistics=True,
    store_schema=False,
)


class TableFile:
    """One table's Parquet file, written a row group at a time as rows are appended."""

    def __init__(self, table: str, path: Path, row_group_rows: int):
        self.table = table
        self.path = Path(path)
        self.row_group_rows = row_group_rows
        self.schema = arrow_schema(schemas.TABLES[table])
        self.writer = pq.ParquetWriter(self.path, self.schema, **PARQUET_OPTIONS)
        self.pending: list[pa.Table] = []
        self.pending_rows = 0
        self.rows = 0

    def append(self, arrow: pa.Table) -> None:
        if arrow.num_rows == 0:
            return
        if not arrow.schema.equals(self.schema):
            raise ValueError(f"{self.table}: rows do not have the table's schema")
        self.pending.append(arrow)
        self.pending_rows += arrow.num_rows
        self.rows += arrow.num_rows
        if self.pending_rows >= self.row_group_rows:
            self._flush(whole_groups_only=True)

    def _flush(self, whole_groups_only: bool) -> None:
        waiting = pa.concat_tables(self.pending) if self.pending else self.schema.empty_table()
        size = self.row_group_rows
        cut = (waiting.num_rows // size) * size if whole_groups_only else waiting.num_rows
        for offset in range(0, cut, size):
            self.writer.write_table(waiting.slice(offset, min(size, cut - offset)), row_group_size=size)
        rest = waiting.slice(cut)
        self.pending = [rest] if rest.num_rows else []
        self.pending_rows = rest.num_rows

    def close(self) -> int:
        """Write what is left (a last, shorter row group) and close the file; its row count."""
        if self.writer is not None:
            self._flush(whole_groups_only=False)
            self.writer.close()
            self.writer = None
        return self.rows


class StagedTables:
    """Every table of a package, as Parquet files in ``folder/output/`` written incrementally."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        (self.folder / DATA_DIR).mkdir(parents=True, exist_ok=True)
        self.files = {
            name: TableFile(
                name, table_path(self.folder, name), ROW_GROUP_ROWS.get(name, DEFAULT_ROW_GROUP_ROWS)
            )
            for name in schemas.TABLES
        }
        self.closed = False
        self.moved = False

    def add(self, tables: Mapping[str, pa.Table]) -> None:
        """Append a chunk's rows (checked already) to their tables."""
        if self.closed:
            raise RuntimeError("the staged tables are closed")
        for name, arrow in tables.items():
            self.files[name].append(arrow)

    def close(self) -> dict[str, int]:
        """Finish every file; rows per table."""
        self.closed = True
        return {name: file.close() for name, file in self.files.items()}

    @property
    def rows(self) -> dict[str, int]:
        return {name: file.rows for name, file in self.files.items()}

    def path(self, table: str) -> Path:
        return table_path(self.folder, table)

    def move_to(self, folder: Path) -> None:
        """Move the closed files' folder (``publish``: into the package's stage); it is no longer
        ours to remove."""
        if not self.closed:
            raise RuntimeError("close the staged tables before moving them")
        self.folder.replace(folder)
        self.folder = Path(folder)
        self.moved = True

    def discard(self) -> None:
        """Close the files and remove the scratch folder (unless it was moved)."""
        for file in self.files.values():
            if file.writer is not None:
                file.writer.close()
                file.writer = None
        self.closed = True
        if not self.moved:
            shutil.rmtree(self.folder, ignore_errors=True)

    @classmethod
    @contextmanager
    def scratch(cls, dest: Path) -> Iterator[StagedTables]:
        """Staged tables in a new scratch folder inside ``dest`` (on the package's file system, so
        that publishing moves the files instead of copying them); removed on the way out unless
        ``publish`` has taken them."""
        dest = Path(dest)
        dest.mkdir(parents=True, exist_ok=True)
        remove_abandoned(dest)
        folder, alive = _locked_folder(dest)
        try:
            staged = cls(folder)
            try:
                yield staged
            finally:
                staged.discard()
        finally:
            alive.close()  # releases the flock


def _locked_folder(dest: Path):
    """A new scratch folder in DEST whose ``.alive`` file this process holds an flock on, for as
    long as the returned file is open. It is made under another name and renamed once locked, so
    that no other run ever sees it unlocked."""
    starting = Path(tempfile.mkdtemp(dir=dest, prefix=f"{STARTING}{os.getpid()}-"))
    alive = (starting / ALIVE).open("w")
    try:
        fcntl.flock(alive, fcntl.LOCK_EX | fcntl.LOCK_NB)
        folder = dest / (PREFIX + starting.name.removeprefix(STARTING))
        starting.replace(folder)
    except BaseException:
        alive.close()
        shutil.rmtree(starting, ignore_errors=True)
        raise
    return folder, alive


def stage(tables: Mapping[str, pa.Table], folder: Path) -> StagedTables:
    """Whole tables held in memory (tests, small packages), staged the same way; closed."""
    staged = StagedTables(folder)
    staged.add(tables)
    staged.close()
    return staged


def remove_abandoned(dest: Path) -> None:
    """Scratch folders of runs that died; a live run's is kept. A run is alive while it holds the
    flock on its folder's ``.alive`` file: the kernel drops it when the process ends, however it
    ends, so neither a reused PID nor a folder naming another process's PID (PID 1) can keep a
    dead run's folder forever."""
    for folder in Path(dest).glob(f"{PREFIX}*"):
        if folder.is_dir() and not folder.is_symlink() and not _held(folder / ALIVE):
            shutil.rmtree(folder, ignore_errors=True)
    for folder in Path(dest).glob(f"{STARTING}*"):  # a run that died while making its folder
        try:
            old = time.time() - folder.lstat().st_mtime > STARTING_GRACE
        except OSError:
            continue
        if old and folder.is_dir() and not folder.is_symlink() and not _held(folder / ALIVE):
            shutil.rmtree(folder, ignore_errors=True)


def _held(path: Path) -> bool:
    """Another process holds an flock on the file (a missing file is held by nobody)."""
    try:
        fh = path.open("r")
    except OSError:
        return False
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(fh, fcntl.LOCK_UN)
        return False
