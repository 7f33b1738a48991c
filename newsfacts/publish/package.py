"""Validated tables -> a published Frictionless data package in DEST, swapped in atomically.

DEST holds ``datapackage.json``, the landing page ``index.html`` and the data beside them in
``output/``: each table in every registered format (``formats.FORMATS``: Parquet, CSV and
HXL-tagged CSV), and a README with the data dictionary. The run writes its tables' Parquet files
as it goes, in a scratch folder of its own (``newsfacts.staging``); publishing moves them to
``DEST/.newsfacts-stage/``, writes the other formats, the descriptor and the landing page beside
them, checks it all there (files, sizes, hashes, Frictionless), marks it complete, and only then
swaps it in (``swap``).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

import schemas
from newsfacts import stopping
from newsfacts.paths import DATA_DIR, DATA_README, DESCRIPTOR, LANDING_PAGE, STAGE
from newsfacts.publish import dictionary, fingerprint, formats, landing, owned, swap
from newsfacts.publish.copies import write_copies
from newsfacts.publish.descriptor import build_descriptor, resource
from newsfacts.publish.formats import PARQUET
from newsfacts.staging import StagedTables
from newsfacts.validate import Problem, ValidationFailed, check_files, check_frictionless

FRICTIONLESS_ROWS = 1_000  # rows of each table Frictionless reads before a package is published


@dataclass(frozen=True)
class Published:
    dest: Path
    version: str
    changed: bool
    rows: dict[str, int]


def read_descriptor(dest: Path) -> dict | None:
    try:
        return json.loads((dest / DESCRIPTOR).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def unchanged(dest: Path, inputs: str) -> Published | None:
    """The package in DEST, if it was built from these inputs and its files are intact (sizes
    and hashes as its descriptor says); None if it must be built."""
    dest = Path(dest)
    if fingerprint.recorded(dest) != inputs or swap.in_progress(dest):
        return None  # other inputs, or an interrupted publish that publish() must recover
    descriptor = read_descriptor(dest)
    if not descriptor or check_files(dest, descriptor):
        return None
    rows = {}
    for res in descriptor.get("resources", []):
        if res.get("format") == PARQUET.format and res["name"] in schemas.TABLES:
            rows[res["name"]] = pq.ParquetFile(dest / res["path"]).metadata.num_rows
    if set(rows) != set(schemas.TABLES):
        return None
    return Published(dest, descriptor["version"], False, {name: rows[name] for name in schemas.TABLES})


def write_resources(staged: StagedTables, folder: Path) -> list[dict]:
    """The staged Parquet files (already under ``folder/output``) and their copies in every other
    format; their resources, in the registry's order."""
    tables = [
        resource(name, PARQUET, staged.path(name), f"{DATA_DIR}/{PARQUET.path(name)}")
        for name in schemas.TABLES
    ]
    written = {name: write_copies(name, staged.path(name), folder / DATA_DIR) for name in schemas.TABLES}
    copies = [
        resource(name, fmt, written[name][fmt.kind], f"{DATA_DIR}/{fmt.path(name)}")
        for fmt in formats.copies()
        for name in schemas.TABLES
    ]
    return tables + copies


def write_documentation(descriptor: dict, staged: StagedTables, folder: Path) -> None:
    """The landing page and the data folder's README (data dictionary), from the descriptor."""
    (folder / DATA_README).write_text(
        dictionary.markdown(descriptor, staged.rows), encoding="utf-8", newline="\n"
    )
    files = {name: staged.path(name) for name in schemas.TABLES}
    (folder / LANDING_PAGE).write_text(landing.render(descriptor, files), encoding="utf-8", newline="\n")


def publish(
    tables: StagedTables | Mapping[str, pa.Table],
    dest: Path,
    model: dict,
    lock_timeout: float = 600.0,
    inputs: str | None = None,
    force: bool = False,
) -> Published:
    """Write, check and atomically publish the package; raises ValidationFailed and publishes
    nothing if the staged package does not validate. ``tables``: the run's staged tables
    (``newsfacts.staging``), or whole Arrow tables, which are staged first. ``inputs``
    (``fingerprint.inputs_key``) is recorded beside the package once it is in place, so that a run
    on the same inputs can skip the work. Files in DEST that newsfacts did not write where the
    package goes are never replaced (``owned.NotOurs``) unless ``force``."""
    dest = Path(dest)
    if not isinstance(tables, StagedTables):
        with StagedTables.scratch(dest) as staged:
            staged.add(tables)
            return publish(staged, dest, model, lock_timeout, inputs, force)
    staged = tables
    rows = staged.close()
    with swap.package_lock(dest, lock_timeout):
        swap.recover(dest)
        if not force:
            owned.refuse_foreign(dest)
        if inputs and (done := unchanged(dest, inputs)) is not None:
            return done  # another run published these inputs while this one waited for the lock
        fingerprint.record(dest, None)
        stage = dest / STAGE
        staged.move_to(stage)  # the Parquet files, written as the run went
        try:
            resources = write_resources(staged, stage)
            swap.crash_point("staging")
            previous = read_descriptor(dest)
            descriptor = build_descriptor(resources, staged.path("documents"), model, previous)
            changed = previous is None or previous.get("version") != descriptor["version"]
            text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
            (stage / DESCRIPTOR).write_text(text, encoding="utf-8")
            write_documentation(descriptor, staged, stage)
            # Frictionless reads every row in Python (about 50 us a row, 4.5 s for 2,000
            # articles, a third of a re-run's time): here it checks the descriptor and the
            # tables (Parquet) on their first FRICTIONLESS_ROWS rows, without the links between
            # tables (for those it reads every row of the tables they point to, whatever the
            # limit: another second at N = 2,000); every row has passed the same checks already
            # (the Pandera models the descriptor is generated from, keys and links over every
            # row: ``check_chunk``), and `newsfacts validate` runs Frictionless over every row of
            # every format, links included.
            problems: list[Problem] = check_files(stage, descriptor) + check_frictionless(
                stage, formats=(PARQUET.format,), limit_rows=FRICTIONLESS_ROWS, foreign_keys=False
            )
            if problems:
                raise ValidationFailed(problems)
            swap.mark_complete(stage)
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
        with stopping.deferred():  # a signal now waits for the swap: never half a package
            swap.swap_in(dest, stage)
            if inputs:
                fingerprint.record(dest, inputs)
    return Published(dest, descriptor["version"], changed, rows)
