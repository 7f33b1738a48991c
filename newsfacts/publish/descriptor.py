"""The package descriptor, ``datapackage.json``: the package's metadata (``schemas.package``), one
resource per table and format (``formats.FORMATS``), each with its Table Schema generated from the
table's Pandera model, its size and SHA-256, and the package's semantic version."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq

import schemas
from newsfacts import __version__
from newsfacts.publish.formats import Format
from newsfacts.publish.version import ID_SCHEME, next_version
from newsfacts.validate import sha256_of
from schemas import package as meta
from schemas.descriptor import table_schema


def resource_schema(table: str, fmt: Format) -> dict:
    """The Table Schema of a table's resource in one format, from its model: the same in every
    format, its foreign keys pointing at the other tables in the same format."""
    schema = table_schema(schemas.TABLES[table])
    for key in schema.get("foreignKeys", []):
        key["reference"] = dict(key["reference"], resource=fmt.resource_name(key["reference"]["resource"]))
    return schema


def resource(table: str, fmt: Format, path: Path, rel: str) -> dict:
    """The resource of a table in one format (its schema: ``resource_schema``)."""
    config = schemas.TABLES[table].__config__
    schema = resource_schema(table, fmt)
    out = {
        "name": fmt.resource_name(table),
        "type": "table",
        "title": f"{config.title} ({fmt.title})" if fmt.title else config.title,
        "description": config.description + fmt.description,
        "path": rel,
        "format": fmt.format,
        "mediatype": fmt.mediatype,
    }
    if fmt.encoding:
        out["encoding"] = fmt.encoding
    out[fmt.size_property] = path.stat().st_size
    out["hash"] = f"sha256:{sha256_of(path)}"
    if fmt.dialect:
        out["dialect"] = fmt.dialect
    out["schema"] = schema
    return out


def article_sources(documents: Path) -> list[dict]:
    """One source per article, from the documents' Parquet file (not its texts): where it was
    published (``source_url``), else its path relative to the seeds folder it was read from
    (``documents.path``; the seeds folder may have any name)."""
    sources = []
    columns = ["path", "title", "source_url", "licence", "published"]
    for row in pq.read_table(documents, columns=columns).to_pylist():
        source = {"title": row["title"], "path": row["source_url"] or row["path"]}
        if row["licence"]:
            source["license"] = row["licence"]
        if row["published"]:
            source["version"] = row["published"]
        sources.append(source)
    return sources


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
        "sources": article_sources(documents)
        + meta.STATIC_SOURCES
        + [
            {
                "title": f"spaCy model {model['name']} {model.get('version') or ''}".strip(),
                "path": "https://spacy.io/models/en",
                "description": "Language model used for sentences, parsing and named entities.",
                "license": model.get("license") or "MIT",
            }
        ],
        "newsfacts": {"software_version": __version__, "spacy": model.get("spacy"), "id_scheme": ID_SCHEME},
        "resources": resources,
    }
    version, created = next_version(previous, descriptor)
    descriptor["id"] = f"{meta.HOMEPAGE}/releases/{version}"
    descriptor["version"] = version
    descriptor["created"] = created or _now()
    return descriptor
