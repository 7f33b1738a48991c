"""The package's semantic version, decided against the published descriptor.

- major: what a consumer's code depends on changed: a table's columns, types, constraints or keys,
  a table removed, or the rule that makes the ids (``ID_SCHEME``: the same article gets another
  ``doc_id``, so every key built from it changes);
- minor: new data (a table's content, a new table);
- patch: anything else that changed (documentation, metadata, formats offered);
- nothing changed: the version and its ``created`` stay.
"""

from __future__ import annotations

# The rule that turns an article into its ids (documents.doc_id, and the keys built from it).
# Bump it whenever that rule changes: a package built under another scheme is a major version.
#   1: the path lower-cased, other characters than [a-z0-9._/-] replaced by '-'
#   2: each folder and the file name slugged by python-slugify with Unidecode (newsfacts.ingest)
ID_SCHEME = 2


def _structure(schema: dict) -> list:
    """What a consumer's code depends on: columns, types, constraints and keys (not their docs)."""
    return [
        [(f["name"], f["type"], f.get("itemType"), f.get("constraints")) for f in schema["fields"]],
        schema.get("primaryKey"),
        schema.get("foreignKeys"),
    ]


def _tables(descriptor: dict) -> dict[str, dict]:
    return {r["name"]: r for r in descriptor.get("resources", []) if r.get("format") == "parquet"}


def _id_scheme(descriptor: dict) -> int:
    return (descriptor.get("newsfacts") or {}).get("id_scheme", 1)


def next_version(previous: dict | None, descriptor: dict) -> tuple[str, str | None]:
    """(version, created) of ``descriptor`` after ``previous``; ``created`` is None when it is new."""
    if not previous or "version" not in previous:
        return "1.0.0", None
    major, minor, patch = (int(x) for x in previous["version"].split("."))
    old, new = _tables(previous), _tables(descriptor)
    if _id_scheme(previous) != _id_scheme(descriptor) or any(
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
