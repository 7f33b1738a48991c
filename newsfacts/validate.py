"""Check tables and published packages: the Pandera models, keys between tables, offsets, the
files' bytes and hashes, and the Frictionless descriptor.

Every problem names its table, column, row and check, so that a failed run says exactly what
to fix; a failed validation publishes nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pandera.errors
import pyarrow as pa
import pyarrow.parquet as pq

import schemas
from newsfacts.paths import COMPLETE, DATA_DIR, DESCRIPTOR, STAGE
from newsfacts.publish.formats import size_of
from newsfacts.tables import to_pandas
from schemas import id_formats

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


@dataclass(frozen=True)
class Link:
    """A foreign key from a table's column to another table, read from the models' metadata."""

    column: str
    target: str
    target_column: str
    same_document: bool  # the target's key is (doc_id, column): the row's own document must hold it


def links(table: str) -> list[Link]:
    out = []
    for key in (schemas.TABLES[table].__config__.metadata or {}).get("foreign_keys", []):
        [column], [target_column] = key["fields"], key["reference"]["fields"]
        target = key["reference"]["resource"]
        target_key = (schemas.TABLES[target].__config__.metadata or {}).get("primary_key")
        out.append(Link(column, target, target_column, target_key == ["doc_id", target_column]))
    return out


def id_problems(table: str, i: int, row: dict) -> list[Problem]:
    """The row's ids follow their format in the model (``id_format``), with a '-N' suffix allowed
    for rows that start at the same offset."""
    problems = []
    for column, template in id_formats().get(table, {}).items():
        expected = template.format(**row)
        value = row[column]
        if value != expected and not re.fullmatch(re.escape(expected) + r"-[2-9]\d*", value or ""):
            problems.append(
                Problem(table, column, i, "id format", f"{value!r} is not {template!r} ({expected!r})")
            )
    return problems


def _offset_problems(table: str, i: int, row: dict, text: str) -> list[Problem]:
    """Offsets inside the document's text, and ``text == documents.text[start:end]`` for a table that
    gives its row's text."""
    if not (0 <= row["start"] < row["end"] <= len(text)):
        return [
            Problem(
                table,
                "start",
                i,
                "offsets inside the text",
                f"[{row['start']}, {row['end']}) outside 0..{len(text)}",
            )
        ]
    if "text" in row and text[row["start"] : row["end"]] != row["text"]:
        return [
            Problem(
                table,
                "text",
                i,
                "text equals documents.text[start:end]",
                f"{row['text'][:60]!r} != {text[row['start'] : row['end']][:60]!r}",
            )
        ]
    return []


def check_links(tables: dict[str, pa.Table]) -> list[Problem]:
    """Keys between tables (within a document where the target is keyed by document), offsets
    inside the document's text, and ids made as the models say; all read from the models."""
    problems: list[Problem] = []
    texts = dict(
        zip(
            tables["documents"].column("doc_id").to_pylist(),
            tables["documents"].column("text").to_pylist(),
            strict=True,
        )
    )
    targets = {
        link.target: link.target_column for t in schemas.EXTRACTED for link in links(t) if link.same_document
    }
    keys = {
        target: set(
            zip(
                tables[target].column("doc_id").to_pylist(),
                tables[target].column(column).to_pylist(),
                strict=True,
            )
        )
        for target, column in targets.items()
    }
    for table in schemas.EXTRACTED:
        checked = [link for link in links(table) if link.same_document]
        for i, row in enumerate(tables[table].to_pylist()):
            text = texts.get(row["doc_id"])
            if text is None:
                problems.append(
                    Problem(table, "doc_id", i, "foreign key", f"{row['doc_id']!r} is not in documents")
                )
                continue
            problems += _offset_problems(table, i, row, text)
            problems += id_problems(table, i, row)
            for link in checked:
                value = row[link.column]
                if value is not None and (row["doc_id"], value) not in keys[link.target]:
                    problems.append(
                        Problem(
                            table,
                            link.column,
                            i,
                            "foreign key",
                            f"{value!r} is not in {link.target} of {row['doc_id']!r}",
                        )
                    )
    return problems


def check_tables(tables: dict[str, pa.Table], skip_empty: bool = False) -> list[Problem]:
    """Every table against its model, and the links between them when all are there.
    ``skip_empty``: the tables were built from the models' own columns (``tables.to_arrow``), so
    one without rows has nothing to fail (each Pandera call costs ~15 ms however few the rows)."""
    problems = []
    for table, arrow in tables.items():
        if skip_empty and arrow.num_rows == 0:
            continue
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
        size = size_of(res)
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


def check_frictionless(
    dest: Path,
    formats: tuple[str, ...] | None = None,
    limit_rows: int | None = None,
    foreign_keys: bool = True,
) -> list[Problem]:
    """What `frictionless validate datapackage.json` checks: descriptor, types, constraints, keys.
    ``formats`` (e.g. ``("parquet",)``) limits the check to the resources of those formats, and
    ``limit_rows`` to the first rows of each. Without ``foreign_keys``, the links between tables
    are left out: Frictionless reads every row of every table a link points to, whatever
    ``limit_rows`` (``check_links`` checks them over every row, faster)."""
    from frictionless import Package

    from newsfacts import fastparquet

    fastparquet.register()  # the same checks; Frictionless's own Parquet reader is very slow
    path = Path(dest) / DESCRIPTOR
    if formats is None and foreign_keys:
        package = Package(str(path))
    else:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
        descriptor["resources"] = [
            r for r in descriptor["resources"] if formats is None or r.get("format") in formats
        ]
        if not foreign_keys:
            for res in descriptor["resources"]:
                res.get("schema", {}).pop("foreignKeys", None)
        package = Package(descriptor, basepath=str(Path(dest)))
    report = package.validate(limit_rows=limit_rows)
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


def _guarded(name: str, check, *args) -> list[Problem]:
    """A check's problems; should the check itself fail on a damaged package (a changed type, a
    file of another shape), that is a problem of the package, reported, never a traceback."""
    try:
        return check(*args)
    except Exception as exc:
        return [
            Problem("package", None, None, name, f"{type(exc).__name__}: {str(exc).splitlines()[0][:300]}")
        ]


def check_resources(descriptor: dict) -> list[Problem]:
    """The descriptor lists every table in every registered format, nothing else, each resource's
    schema exactly the one its model gives."""
    from newsfacts.publish import formats
    from newsfacts.publish.descriptor import resource_schema

    expected = {fmt.resource_name(t): (t, fmt) for fmt in formats.FORMATS for t in schemas.TABLES}
    listed = {res.get("name"): res for res in descriptor.get("resources", [])}
    problems = [
        Problem(name, None, None, "resource listed", "missing from the descriptor")
        for name in expected
        if name not in listed
    ]
    problems += [
        Problem(str(name), None, None, "resource listed", "not a resource newsfacts publishes")
        for name in listed
        if name not in expected
    ]
    for name, (table, fmt) in expected.items():
        res = listed.get(name)
        if res is None:
            continue
        if res.get("path") != f"{DATA_DIR}/{fmt.path(table)}":
            problems.append(
                Problem(name, None, None, "resource path", f"{res.get('path')!r} is not its path")
            )
        want = resource_schema(table, fmt)
        got = res.get("schema")
        if got != want:
            problems.append(
                Problem(name, None, None, "schema from the models", _schema_difference(got, want))
            )
    return problems


def _schema_difference(got, want: dict) -> str:
    if not isinstance(got, dict):
        return "the resource has no schema"
    fields = {f.get("name"): f for f in got.get("fields", []) if isinstance(f, dict)}
    for field in want["fields"]:
        mine = fields.get(field["name"])
        if mine is None:
            return f"field {field['name']!r} is missing"
        if mine != field:
            changed = sorted(k for k in set(mine) | set(field) if mine.get(k) != field.get(k))
            detail = ", ".join(f"{k} {mine.get(k)!r} (the model: {field.get(k)!r})" for k in changed[:3])
            return f"field {field['name']!r} differs: {detail}"
    return "the schema differs from the model's (fields, keys or order)"


def check_generated(dest: Path, descriptor: dict) -> list[Problem]:
    """Every file generated from the Parquet tables is the one they give: each copy (CSV, HXL),
    byte for byte (a copy edited and its hash updated in the descriptor is still caught), the data
    dictionary and the landing page."""
    import tempfile

    from newsfacts.paths import DATA_README, LANDING_PAGE, table_path
    from newsfacts.publish import dictionary, formats, landing
    from newsfacts.publish.copies import write_copies

    dest = Path(dest)
    parquet = {t: table_path(dest, t) for t in schemas.TABLES}
    if not all(p.is_file() for p in parquet.values()):
        return []  # reported by check_files
    problems = []
    with tempfile.TemporaryDirectory(prefix="newsfacts-validate-") as tmp:
        for table, path in parquet.items():
            written = write_copies(table, path, Path(tmp))
            for fmt in formats.copies():
                rel = f"{DATA_DIR}/{fmt.path(table)}"
                if (dest / rel).is_file() and not _same_bytes(dest / rel, written[fmt.kind]):
                    problems.append(
                        Problem(
                            fmt.resource_name(table),
                            None,
                            None,
                            "copy of the Parquet table",
                            f"{rel} is not what the Parquet table gives",
                        )
                    )
    rows = {t: pq.ParquetFile(p).metadata.num_rows for t, p in parquet.items()}
    generated = {
        DATA_README: dictionary.markdown(descriptor, rows),
        LANDING_PAGE: landing.render(descriptor, parquet),
    }
    for rel, text in generated.items():
        path = dest / rel
        if not path.is_file():
            problems.append(Problem("package", None, None, "generated file", f"{rel} is missing"))
        elif path.read_bytes() != text.encode("utf-8"):
            problems.append(
                Problem("package", None, None, "generated file", f"{rel} is not the generated one")
            )
    return problems


def _same_bytes(a: Path, b: Path) -> bool:
    if a.stat().st_size != b.stat().st_size:
        return False
    with a.open("rb") as fa, b.open("rb") as fb:
        while True:
            x, y = fa.read(1 << 20), fb.read(1 << 20)
            if x != y:
                return False
            if not x:
                return True


def check_types(tables: dict[str, pa.Table]) -> list[Problem]:
    """Each table's columns have the names and types its model gives (a table whose do not is
    reported column by column and left out of the other checks, which would only fail on it)."""
    from schemas.descriptor import arrow_schema

    problems = []
    for table in list(tables):
        want, got = arrow_schema(schemas.TABLES[table]), tables[table].schema
        if got.equals(want):
            continue
        for field in want:
            have = got.field(field.name) if field.name in got.names else None
            if have is None:
                problems.append(Problem(table, field.name, None, "column type", "the column is missing"))
            elif have.type != field.type:
                problems.append(
                    Problem(
                        table, field.name, None, "column type", f"{have.type}, the model says {field.type}"
                    )
                )
        problems += [
            Problem(table, name, None, "column type", "not a column of the model")
            for name in got.names
            if name not in want.names
        ]
        if not problems or problems[-1].table != table:
            problems.append(
                Problem(table, None, None, "column type", "the columns' order or metadata differ")
            )
        del tables[table]
    return problems


def validate_package(dest: Path) -> list[Problem]:
    """Every check on a published package; an empty list means it is valid."""
    unreadable: list[Problem] = []
    descriptor, tables = read_package(dest, unreadable)
    unreadable += check_types(tables)
    problems = unreadable + _guarded("files", check_files, dest, descriptor)
    missing = [t for t in schemas.TABLES if t not in tables and not any(p.table == t for p in unreadable)]
    problems += [Problem(t, None, None, "resource exists", "no Parquet resource") for t in missing]
    problems += _guarded("resources", check_resources, descriptor)
    problems += _guarded("tables", check_tables, tables)
    problems += _guarded("generated files", check_generated, dest, descriptor)
    problems += _guarded("frictionless", check_frictionless, dest)
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
