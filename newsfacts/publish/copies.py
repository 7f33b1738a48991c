"""A table's Parquet file -> its copy in every other registered format (``formats.copies()``).

The Parquet file is read a batch of rows at a time (memory stays flat), and each batch is
rendered once per distinct writer: the CSV and the HXL-tagged CSV share their rows' text.
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

import pyarrow.parquet as pq

import schemas
from newsfacts.publish import formats
from schemas.descriptor import columns


def write_copies(table: str, parquet: Path, data_dir: Path, batch_rows: int = 1024) -> dict[str, Path]:
    """Every copy of a table under ``data_dir``; format kind -> path."""
    names = list(columns(schemas.TABLES[table]))
    paths = {fmt.kind: Path(data_dir) / fmt.path(table) for fmt in formats.copies()}
    with ExitStack() as files:
        out = []
        for fmt in formats.copies():
            if fmt.writer is None:  # not a copy: copies() holds only formats with a writer
                continue
            paths[fmt.kind].parent.mkdir(parents=True, exist_ok=True)
            fh = files.enter_context(paths[fmt.kind].open("w", encoding=fmt.encoding, newline=""))
            fh.write(fmt.writer.header(table))
            out.append((fmt.writer.rows, fh))
        for batch in pq.ParquetFile(parquet).iter_batches(batch_size=batch_rows, columns=names):
            rendered: dict[object, str] = {}  # one rendering per writer function
            for render, fh in out:
                if render not in rendered:
                    rendered[render] = render(table, batch)
                fh.write(rendered[render])
    return paths
