"""Validated tables -> a published Frictionless data package in DEST, swapped in atomically.

DEST holds ``datapackage.json`` and the data beside it in ``output/``. A new package is written
to ``DEST/.newsfacts-stage/``, checked there (files, hashes, Frictionless), marked complete, and
only then swapped in: the old ``output/`` is moved aside, the new one moved in, the descriptor
replaced. A run that dies before the mark leaves the published package untouched; one that dies
after it is rolled forward by the next run (``recover``). A lock file serialises publishers.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

import schemas
from newsfacts import __version__
from newsfacts.paths import DATA_DIR, DESCRIPTOR
from newsfacts.validate import Problem, ValidationFailed, check_files, check_frictionless, sha256_of
from schemas import package as meta
from schemas.descriptor import table_schema

STAGE = ".newsfacts-stage"
OLD = ".newsfacts-old"
LOCK = ".newsfacts.lock"
COMPLETE = "COMPLETE"


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
    with open(dest / LOCK, "a+") as fh:
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


def write_parquet(table: pa.Table, path: Path) -> None:
    # Fixed writer options: the same table gives the same bytes on every run.
    pq.write_table(
        table,
        path,
        compression="zstd",
        compression_level=9,
        use_dictionary=True,
        write_statistics=True,
        row_group_size=1 << 20,
        store_schema=False,
    )


def _fsync_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _resource(name: str, path: Path, rel: str) -> dict:
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
        "hash": f"sha256:{sha256_of(path)}",
        "schema": table_schema(model),
    }


def _article_sources(documents: pa.Table) -> list[dict]:
    sources = []
    for row in documents.select(["path", "title", "source_url", "licence", "published"]).to_pylist():
        source = {"title": row["title"], "path": row["source_url"] or f"seeds/{row['path']}"}
        if row["licence"]:
            source["license"] = row["licence"]
        if row["published"]:
            source["version"] = row["published"]
        sources.append(source)
    return sources


def _structure(schema: dict) -> tuple:
    """What a user's query depends on: column names, types and constraints, and the keys."""
    fields = tuple(
        (f["name"], f["type"], json.dumps(f.get("constraints", {}), sort_keys=True))
        for f in schema.get("fields", [])
    )
    return fields, tuple(schema.get("primaryKey", [])), json.dumps(schema.get("foreignKeys", []))


def _bump(previous: dict | None, resources: list[dict], metadata: dict) -> tuple[str, str | None]:
    """Semantic version: a column change is major, new data is minor, a fix of the metadata
    (descriptions, examples, sources) is patch; nothing changed keeps the version and date."""
    if not previous or "version" not in previous:
        return "1.0.0", None
    old = {r["name"]: r for r in previous.get("resources", [])}
    try:
        major, minor, patch = (int(x) for x in previous["version"].split("."))
    except ValueError:
        return "1.0.0", None
    if set(old) != {r["name"] for r in resources} or any(
        _structure(old[r["name"]].get("schema", {})) != _structure(r["schema"]) for r in resources
    ):
        return f"{major + 1}.0.0", None
    if any(old[r["name"]].get("hash") != r["hash"] for r in resources):
        return f"{major}.{minor + 1}.0", None
    same_metadata = all(old[r["name"]] == r for r in resources) and all(
        previous.get(k) == v for k, v in metadata.items()
    )
    if not same_metadata:
        return f"{major}.{minor}.{patch + 1}", None
    return previous["version"], previous.get("created")


def _now() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def build_descriptor(resources: list[dict], documents: pa.Table, model: dict, previous: dict | None) -> dict:
    metadata = {
        "$schema": meta.PROFILE,
        "name": meta.NAME,
        "title": meta.TITLE,
        "description": meta.DESCRIPTION,
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
    }
    version, created = _bump(previous, resources, metadata)
    return {
        **metadata,
        "id": f"{meta.HOMEPAGE}/releases/{version}",
        "version": version,
        "created": created or _now(),
        "resources": resources,
    }


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
        os.replace(old / DATA_DIR, dest / DATA_DIR)  # died between moving out and moving in
    shutil.rmtree(stage, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)


def _swap_in(dest: Path, stage: Path) -> None:
    old = dest / OLD
    old.mkdir(exist_ok=True)
    if (stage / DATA_DIR).exists():
        if (dest / DATA_DIR).exists() and not (old / DATA_DIR).exists():
            os.replace(dest / DATA_DIR, old / DATA_DIR)
        elif (dest / DATA_DIR).exists():
            shutil.rmtree(dest / DATA_DIR)
        _crash_point("swap")
        os.replace(stage / DATA_DIR, dest / DATA_DIR)
    _crash_point("descriptor")
    if (stage / DESCRIPTOR).exists():
        os.replace(stage / DESCRIPTOR, dest / DESCRIPTOR)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(stage, ignore_errors=True)


def publish(tables: dict[str, pa.Table], dest: Path, model: dict, lock_timeout: float = 600.0) -> Published:
    """Write, check and atomically publish the package; raises ValidationFailed and publishes
    nothing if the staged package does not validate."""
    dest = Path(dest)
    with package_lock(dest, lock_timeout):
        recover(dest)
        stage = dest / STAGE
        (stage / DATA_DIR).mkdir(parents=True)
        try:
            resources = []
            for name in schemas.TABLES:
                rel = f"{DATA_DIR}/{name}.parquet"
                write_parquet(tables[name], stage / rel)
                resources.append(_resource(name, stage / rel, rel))
                _crash_point("staging")
            previous = _read_previous(dest)
            descriptor = build_descriptor(resources, tables["documents"], model, previous)
            changed = previous is None or previous.get("version") != descriptor["version"]
            text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
            (stage / DESCRIPTOR).write_text(text, encoding="utf-8")
            problems: list[Problem] = check_files(stage, descriptor) + check_frictionless(stage)
            if problems:
                raise ValidationFailed(problems)
            _fsync_tree(stage)
            (stage / COMPLETE).touch()
            _crash_point("complete")
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
        _swap_in(dest, stage)
    return Published(
        dest,
        descriptor["version"],
        changed,
        {name: tables[name].num_rows for name in schemas.TABLES},
    )
