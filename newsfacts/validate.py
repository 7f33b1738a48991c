"""Check tables and published packages: the Pandera models, keys between tables, offsets, the
files' bytes and hashes, and the Frictionless descriptor.

Every problem names its table, column, row and check, so that a failed run says exactly what
to fix; a failed validation publishes nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pandera.errors
import pyarrow as pa
import pyarrow.parquet as pq

import schemas
from newsfacts.paths import COMPLETE, DESCRIPTOR, STAGE
from newsfacts.publish.formats import FORMATS
from newsfacts.tables import to_pandas

MAX_REPORTED = 50


@dataclass(frozen=True)
class Problem:
    table: str
    column: str | None
    row: int | str | None
    check: str
    message: str

    def __str__(self):
        where = self.table + (f".{self.column}" if self.column else "")
        if self.row is not None:
            where += f" row {self.row}"
        return f"{where}: {self.check}: {self.message}"


class ValidationFailed(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in problems[:MAX_REPORTED])
        more = len(problems) - MAX_REPORTED
        super().__init__(
            f"{len(problems)} problem(s):\n{shown}" + (f"\n  ... {more} more" if more > 0 else "")
        )


def check_schema(table: str, arrow: pa.Table) -> list[Problem]:
    """The table against its Pandera model (all failures, not just the first)."""
    model = schemas.TABLES[table]
    try:
        model.validate(to_pandas(table, arrow), lazy=True)
    except pandera.errors.SchemaErrors as exc:
        problems = []
        for case in exc.failure_cases.itertuples(index=False):
            row = getattr(case, "index", None)
            problems.append(
                Problem(
                    table,
                    getattr(case, "column", None),
                    None if row is None or row != row else int(row),
                    str(getattr(case, "check", "")),
                    f"failure case {getattr(case, 'failure_case', '')!r}",
                )
            )
        return problems
    return []


def check_links(tables: dict[str, pa.Table]) -> list[Problem]:
    """Keys between tables within a document, and offsets inside the document's text."""
    problems: list[Problem] = []
    texts = dict(
        zip(
            tables["documents"].column("doc_id").to_pylist(),
            tables["documents"].column("text").to_pylist(),
            strict=False,
        )
    )
    keys = {
        "actors": {
            (r["doc_id"], r["actor_id"]) for r in tables["actors"].select(["doc_id", "actor_id"]).to_pylist()
        },
        "locations": {
            (r["doc_id"], r["location_id"])
            for r in tables["locations"].select(["doc_id", "location_id"]).to_pylist()
        },
    }
    links = {
        "figures": [("claimant_actor_id", "actors"), ("location_id", "locations")],
        "quotes": [("speaker_actor_id", "actors")],
    }
    for table in schemas.EXTRACTED:
        for i, row in enumerate(tables[table].to_pylist()):
            text = texts.get(row["doc_id"])
            if text is None:
                problems.append(
                    Problem(table, "doc_id", i, "foreign key", f"{row['doc_id']!r} is not in documents")
                )
                continue
            if not (0 <= row["start"] < row["end"] <= len(text)):
                problems.append(
                    Problem(
                        table,
                        "start",
                        i,
                        "offsets inside the text",
                        f"[{row['start']}, {row['end']}) outside 0..{len(text)}",
                    )
                )
            elif table in ("figures", "quotes") and text[row["start"] : row["end"]] != row["text"]:
                problems.append(
                    Problem(
                        table,
                        "text",
                        i,
                        "text equals documents.text[start:end]",
                        f"{row['text'][:60]!r} != {text[row['start'] : row['end']][:60]!r}",
                    )
                )
            for column, target in links.get(table, []):
                if row[column] is not None and (row["doc_id"], row[column]) not in keys[target]:
                    problems.append(
                        Problem(
                            table,
                            column,
                            i,
                            "foreign key",
                            f"{row[column]!r} is not in {target} of {row['doc_id']!r}",
                        )
                    )
    return problems


def check_tables(tables: dict[str, pa.Table]) -> list[Problem]:
    problems = []
    for table, arrow in tables.items():
        problems.extend(check_schema(table, arrow))
    if all(t in tables for t in ("documents", *schemas.EXTRACTED)):
        problems.extend(check_links(tables))
    return problems


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_files(dest: Path, descriptor: dict) -> list[Problem]:
    """Each resource's file exists and matches its recorded size and SHA-256."""
    problems = []
    for res in descriptor.get("resources", []):
        path = Path(dest) / res["path"]
        if not path.is_file():
            problems.append(Problem(res["name"], None, None, "file exists", f"{res['path']} is missing"))
            continue
        size = next((res[f.size_property] for f in FORMATS if f.size_property in res), None)
        if size is not None and path.stat().st_size != size:
            problems.append(
                Problem(
                    res["name"],
                    None,
                    None,
                    "bytes",
                    f"{res['path']} has {path.stat().st_size} bytes, descriptor says {size}",
                )
            )
        expected = (res.get("hash") or "").removeprefix("sha256:")
        if expected and sha256_of(path) != expected:
            problems.append(
                Problem(
                    res["name"],
                    None,
                    None,
                    "hash",
                    f"{res['path']} does not match its sha256 in the descriptor",
                )
            )
    return problems


def check_frictionless(dest: Path, formats: tuple[str, ...] | None = None) -> list[Problem]:
    """What `frictionless validate datapackage.json` checks: descriptor, types, constraints, keys.
    ``formats`` (e.g. ``("parquet",)``) limits the check to the resources of those formats."""
    from frictionless import Package

    from newsfacts import fastparquet

    fastparquet.register()  # the same checks; Frictionless's own Parquet reader is very slow
    path = Path(dest) / DESCRIPTOR
    if formats is None:
        package = Package(str(path))
    else:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
        descriptor["resources"] = [r for r in descriptor["resources"] if r.get("format") in formats]
        package = Package(descriptor, basepath=str(Path(dest)))
    report = package.validate()
    problems = []
    for task in report.tasks:
        for error in task.errors:
            problems.append(
                Problem(
                    task.name or "package",
                    getattr(error, "field_name", None),
                    getattr(error, "row_number", None),
                    error.type,
                    error.message,
                )
            )
    for error in report.errors:
        problems.append(Problem("package", None, None, error.type, error.message))
    return problems


def read_package(dest: Path, unreadable: list[Problem] | None = None) -> tuple[dict, dict[str, pa.Table]]:
    """The descriptor and the Parquet tables it lists; a file that cannot be read as Parquet is
    left out and reported in ``unreadable`` (when given) instead of raising."""
    dest = Path(dest)
    path = dest / DESCRIPTOR
    if not path.is_file():
        raise FileNotFoundError(f"no package at {dest}: {path} is missing")
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise FileNotFoundError(f"{path} is not valid JSON ({exc})") from None
    tables = {}
    for res in descriptor.get("resources", []):
        if (
            res["name"] in schemas.TABLES
            and res.get("format") == "parquet"
            and (dest / res["path"]).is_file()
        ):
            try:
                tables[res["name"]] = pq.read_table(dest / res["path"])
            except (pa.ArrowException, OSError) as exc:
                if unreadable is None:
                    raise
                unreadable.append(
                    Problem(
                        res["name"],
                        None,
                        None,
                        "readable Parquet",
                        f"{res['path']}: {str(exc).splitlines()[0]}",
                    )
                )
    return descriptor, tables


def validate_package(dest: Path) -> list[Problem]:
    """Every check on a published package; an empty list means it is valid."""
    unreadable: list[Problem] = []
    descriptor, tables = read_package(dest, unreadable)
    problems = unreadable + check_files(dest, descriptor)
    missing = [t for t in schemas.TABLES if t not in tables and not any(p.table == t for p in unreadable)]
    problems += [Problem(t, None, None, "resource exists", "no Parquet resource") for t in missing]
    problems += check_tables(tables)
    problems += check_frictionless(dest)
    if problems and (Path(dest) / STAGE / COMPLETE).exists():
        problems.insert(
            0,
            Problem(
                "package",
                None,
                None,
                "interrupted publish",
                f"a publish of {dest} was interrupted mid-swap; `newsfacts "
                "recover` (or the next `newsfacts run`) completes it",
            ),
        )
    return problems
