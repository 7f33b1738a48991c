"""Validated tables -> a published Frictionless data package in DEST, swapped in atomically.

DEST holds ``datapackage.json``, the landing page ``index.html`` and the data beside them in
``output/``: each table as Parquet, CSV and HXL-tagged CSV (``output/hxl/``), and a README with the
data dictionary. The run writes its tables' Parquet files as it goes, in a scratch folder of its
own (``newsfacts.staging``); publishing moves them to ``DEST/.newsfacts-stage/``, writes the CSV
copies, the descriptor and the landing page beside them, checks it all there (files, sizes,
hashes, Frictionless), marked complete, and only then swapped in: the old ``output/`` is moved
aside, the new one moved in, the landing page and then the descriptor replaced. A run that dies
before the mark leaves the published package untouched; one that dies after it is rolled forward
by the next run (``recover``). A lock file serialises publishers.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import signal
import time
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

import schemas
from newsfacts import __version__, dictionary, exports, landing
from newsfacts.cache import hash_files
from newsfacts.paths import COMPLETE, DATA_DIR, DESCRIPTOR, STAGE
from newsfacts.staging import StagedTables
from newsfacts.validate import Problem, ValidationFailed, check_files, check_frictionless, sha256_of
from schemas import package as meta
from schemas.descriptor import table_schema

INPUTS = ".newsfacts-inputs"  # the key of the inputs the published package was built from
OLD = ".newsfacts-old"
LOCK = ".newsfacts.lock"


def _crash_point(name: str) -> None:
    """Fault injection for the crash tests: NEWSFACTS_CRASH_AT=name kills this process here,
    as a power cut or `kill -9` would."""
    if os.environ.get("NEWSFACTS_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


class PackageLocked(RuntimeError):
    pass


@dataclass(frozen=True)
class Published:
    dest: Path
    version: str
    changed: bool
    rows: dict[str, int]


@contextmanager
def package_lock(dest: Path, timeout: float = 600.0):
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


def _fsync_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with path.open("rb") as fh:
                os.fsync(fh.fileno())
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _resource(name: str, path: Path, rel: str) -> dict:
    """The Parquet resource of a table.

    Its size is recorded as ``newsfacts:bytes``, not ``bytes``: Frictionless 5 reads Parquet through
    pyarrow/pandas without counting bytes, so a standard ``bytes`` makes ``frictionless validate``
    fail ("expected is N and actual is None"). ``newsfacts validate`` and the tests check the size
    and the hash of every file; the CSV copies carry the standard ``bytes``, which Frictionless
    checks too."""
    model = schemas.TABLES[name]
    config = model.__config__
    return {
        "name": name,
        "type": "table",
        "title": config.title,
        "description": config.description,
        "path": rel,
        "format": "parquet",
        "mediatype": meta.MEDIATYPE_PARQUET,
        "newsfacts:bytes": path.stat().st_size,
        "hash": f"sha256:{sha256_of(path)}",
        "schema": table_schema(model),
    }


def _copy_resource(name: str, kind: str, path: Path, rel: str) -> dict:
    """A CSV copy of a table (``kind`` "csv", or "hxl" for the HXL-tagged one), same schema, its
    foreign keys pointing at the CSV copies of the other tables."""
    model = schemas.TABLES[name]
    config = model.__config__
    schema = table_schema(model)
    for key in schema.get("foreignKeys", []):
        key["reference"] = dict(key["reference"], resource=f"{key['reference']['resource']}-{kind}")
    resource = {
        "name": f"{name}-{kind}",
        "type": "table",
        "title": f"{config.title} ({'HXL-tagged CSV' if kind == 'hxl' else 'CSV'})",
        "description": config.description
        + (
            " HXL-tagged CSV: the second row gives each column's HXL hashtag (https://hxlstandard.org/)."
            if kind == "hxl"
            else " CSV copy of the Parquet table for spreadsheets: UTF-8, RFC 4180, an empty cell is null."
        ),
        "path": rel,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": exports.ENCODING,
        "bytes": path.stat().st_size,
        "hash": f"sha256:{sha256_of(path)}",
    }
    if kind == "hxl":
        resource["dialect"] = {"headerRows": [1], "commentRows": [2]}
    resource["schema"] = schema
    return resource


def _article_sources(documents: Path) -> list[dict]:
    """One source per article, from the documents' Parquet file (not its texts)."""
    sources = []
    columns = ["path", "title", "source_url", "licence", "published"]
    for row in pq.read_table(documents, columns=columns).to_pylist():
        source = {"title": row["title"], "path": row["source_url"] or f"seeds/{row['path']}"}
        if row["licence"]:
            source["license"] = row["licence"]
        if row["published"]:
            source["version"] = row["published"]
        sources.append(source)
    return sources


def _structure(schema: dict) -> list:
    """What a consumer's code depends on: columns, types, constraints and keys (not their docs)."""
    return [
        [(f["name"], f["type"], f.get("itemType"), f.get("constraints")) for f in schema["fields"]],
        schema.get("primaryKey"),
        schema.get("foreignKeys"),
    ]


def _bump(previous: dict | None, descriptor: dict) -> tuple[str, str | None]:
    """Semantic version against the published package: a column change (a table's columns, types,
    constraints or keys, or a table removed) is major; new data (a table's content, a new table)
    is minor; anything else that changed (documentation, metadata, formats offered) is a patch;
    nothing changed keeps the version and its ``created``."""
    if not previous or "version" not in previous:
        return "1.0.0", None
    major, minor, patch = (int(x) for x in previous["version"].split("."))
    old = {r["name"]: r for r in previous.get("resources", []) if r.get("format") == "parquet"}
    new = {r["name"]: r for r in descriptor["resources"] if r.get("format") == "parquet"}
    if any(
        name not in new
        or "schema" not in old[name]
        or _structure(old[name]["schema"]) != _structure(new[name]["schema"])
        for name in old
    ):
        return f"{major + 1}.0.0", None
    if any(name not in old or old[name].get("hash") != new[name]["hash"] for name in new):
        return f"{major}.{minor + 1}.0", None
    unversioned = ("version", "id", "created")
    if {k: v for k, v in previous.items() if k not in unversioned} != {
        k: v for k, v in descriptor.items() if k not in unversioned
    }:
        return f"{major}.{minor}.{patch + 1}", None
    return previous["version"], previous.get("created")


def _now() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def build_descriptor(resources: list[dict], documents: Path, model: dict, previous: dict | None) -> dict:
    descriptor = {
        "$schema": meta.PROFILE,
        "name": meta.NAME,
        "id": None,
        "title": meta.TITLE,
        "description": meta.DESCRIPTION,
        "version": None,
        "created": None,
        "homepage": meta.HOMEPAGE,
        "keywords": meta.KEYWORDS,
        "licenses": meta.LICENSES,
        "contributors": meta.CONTRIBUTORS,
        "sources": _article_sources(documents)
        + meta.STATIC_SOURCES
        + [
            {
                "title": f"spaCy model {model['name']} {model.get('version') or ''}".strip(),
                "path": "https://spacy.io/models/en",
                "description": "Language model used for sentences, parsing and named entities.",
                "license": model.get("license") or "MIT",
            }
        ],
        "newsfacts": {"software_version": __version__, "spacy": model.get("spacy")},
        "resources": resources,
    }
    version, created = _bump(previous, descriptor)
    descriptor["id"] = f"{meta.HOMEPAGE}/releases/{version}"
    descriptor["version"] = version
    descriptor["created"] = created or _now()
    return descriptor


def _read_previous(dest: Path) -> dict | None:
    try:
        return json.loads((dest / DESCRIPTOR).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def recover(dest: Path) -> None:
    """Finish or undo a publish that a crash interrupted (call with the lock held)."""
    stage, old = dest / STAGE, dest / OLD
    if (stage / COMPLETE).exists():
        _swap_in(dest, stage)
    elif (old / DATA_DIR).exists() and not (dest / DATA_DIR).exists():
        (old / DATA_DIR).replace(dest / DATA_DIR)  # died between moving out and moving in
    shutil.rmtree(stage, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)


def _swap_in(dest: Path, stage: Path) -> None:
    old = dest / OLD
    old.mkdir(exist_ok=True)
    if (stage / DATA_DIR).exists():
        if (dest / DATA_DIR).exists() and not (old / DATA_DIR).exists():
            (dest / DATA_DIR).replace(old / DATA_DIR)
        elif (dest / DATA_DIR).exists():
            shutil.rmtree(dest / DATA_DIR)
        _crash_point("swap")
        (stage / DATA_DIR).replace(dest / DATA_DIR)
    _crash_point("descriptor")
    if (stage / landing.FILE).exists():
        (stage / landing.FILE).replace(dest / landing.FILE)
    if (stage / DESCRIPTOR).exists():
        (stage / DESCRIPTOR).replace(dest / DESCRIPTOR)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(stage, ignore_errors=True)


def _software_fingerprint() -> str:
    """Every file of the code that shapes the package (newsfacts, its templates and lexicons,
    the schemas): a change of code is a change of inputs."""
    digest = hashlib.sha256()
    for root in (Path(__file__).resolve().parent, Path(schemas.__file__).resolve().parent):
        files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".py", ".j2", ".toml"))
        hash_files(digest, files, root.parent)
    return digest.hexdigest()


def inputs_key(documents, rejects, model: dict) -> str:
    """A key of everything a package is built from: the documents (their bytes' SHA-256 and
    metadata), the rejects, the model and the code. Equal keys give the same package."""
    rows = [{k: v for k, v in d.row().items() if k != "text"} for d in documents]
    blob = json.dumps(
        {
            "software": _software_fingerprint(),
            "model": model,
            "documents": rows,
            "rejects": [r.row() for r in rejects],
            "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH"),
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(blob.encode()).hexdigest()


def unchanged(dest: Path, inputs: str) -> Published | None:
    """The package in DEST, if it was built from these inputs and its files are intact (sizes
    and hashes as its descriptor says); None if it must be built."""
    dest = Path(dest)
    try:
        if (dest / INPUTS).read_text(encoding="utf-8").strip() != inputs:
            return None
    except OSError:
        return None
    if (dest / STAGE).exists() or (dest / OLD).exists():
        return None  # an interrupted publish: let publish() recover it
    descriptor = _read_previous(dest)
    if not descriptor or check_files(dest, descriptor):
        return None
    rows = {}
    for res in descriptor.get("resources", []):
        if res.get("format") == "parquet" and res["name"] in schemas.TABLES:
            rows[res["name"]] = pq.ParquetFile(dest / res["path"]).metadata.num_rows
    if set(rows) != set(schemas.TABLES):
        return None
    return Published(dest, descriptor["version"], False, {name: rows[name] for name in schemas.TABLES})


def write_resources(staged: StagedTables, folder: Path) -> list[dict]:
    """The staged Parquet files (already under ``folder/output``) and their CSV and HXL copies;
    their resources, Parquet first (the order the package lists them)."""
    parquet, copies = [], []
    for name in schemas.TABLES:
        rel = f"{DATA_DIR}/{name}.parquet"
        parquet.append(_resource(name, folder / rel, rel))
    written = {
        name: exports.write_copies(name, staged.path(name), folder / DATA_DIR) for name in schemas.TABLES
    }
    for kind, _, _ in exports.COPIES:
        for name in schemas.TABLES:
            rel = f"{DATA_DIR}/{exports.copy_path(name, kind)}"
            copies.append(_copy_resource(name, kind, written[name][kind], rel))
    return parquet + copies


def write_documentation(descriptor: dict, staged: StagedTables, folder: Path) -> None:
    """The landing page and the data folder's README (data dictionary), from the descriptor."""
    (folder / DATA_DIR / "README.md").write_text(
        dictionary.markdown(descriptor, staged.rows), encoding="utf-8", newline="\n"
    )
    files = {name: staged.path(name) for name in schemas.TABLES}
    (folder / landing.FILE).write_text(landing.render(descriptor, files), encoding="utf-8", newline="\n")


def publish(
    tables: StagedTables | Mapping[str, pa.Table],
    dest: Path,
    model: dict,
    lock_timeout: float = 600.0,
    inputs: str | None = None,
) -> Published:
    """Write, check and atomically publish the package; raises ValidationFailed and publishes
    nothing if the staged package does not validate. ``tables``: the run's staged tables
    (``newsfacts.staging``), or whole Arrow tables, which are staged first. ``inputs``
    (``inputs_key``) is recorded beside the package once it is in place, so that a run on the same
    inputs can skip the work."""
    dest = Path(dest)
    if not isinstance(tables, StagedTables):
        with StagedTables.scratch(dest) as staged:
            staged.add(tables)
            return publish(staged, dest, model, lock_timeout, inputs)
    staged = tables
    rows = staged.close()
    with package_lock(dest, lock_timeout):
        recover(dest)
        if inputs and (done := unchanged(dest, inputs)) is not None:
            return done  # another run published these inputs while this one waited for the lock
        (dest / INPUTS).unlink(missing_ok=True)
        stage = dest / STAGE
        staged.move_to(stage)  # the Parquet files, written as the run went
        try:
            resources = write_resources(staged, stage)
            _crash_point("staging")
            previous = _read_previous(dest)
            descriptor = build_descriptor(resources, staged.path("documents"), model, previous)
            changed = previous is None or previous.get("version") != descriptor["version"]
            text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
            (stage / DESCRIPTOR).write_text(text, encoding="utf-8")
            write_documentation(descriptor, staged, stage)
            # Frictionless reads every row in Python (about 40 us a row): here it checks the
            # tables (Parquet) and the descriptor; the CSV and HXL copies, written from the same
            # Parquet files by exports.write_copies, are checked by `newsfacts validate`.
            problems: list[Problem] = check_files(stage, descriptor) + check_frictionless(
                stage, formats=("parquet",)
            )
            if problems:
                raise ValidationFailed(problems)
            _fsync_tree(stage)
            (stage / COMPLETE).touch()
            _crash_point("complete")
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
        _swap_in(dest, stage)
        if inputs:
            (dest / INPUTS).write_text(inputs + "\n", encoding="utf-8")
    return Published(dest, descriptor["version"], changed, rows)
