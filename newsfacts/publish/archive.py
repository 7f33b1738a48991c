"""A published package -> one zip file to download, reproducible byte for byte.

The zip holds the whole package under one folder named after it and its version
(``newsfacts-1.2.0/``): the descriptor, the landing page, the data dictionary and every resource
the descriptor lists. Entries are sorted, dated from the package's ``created`` (which changes only
with its version), with fixed permissions and compression, so the same package always gives the
same bytes. The package is validated first: an invalid package is not archived.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

from newsfacts.paths import DATA_README, DESCRIPTOR, LANDING_PAGE
from newsfacts.validate import ValidationFailed, validate_package

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
# The archive's file and folder are named from the descriptor's name and version: only a plain
# name (Frictionless's pattern for names) and version, so that no name can write outside the
# archive's folder (`../../x`, `/tmp/x`) or put `..` in the zip's entries.
_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,99}")
_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+-]{0,63}")


class UnsafeArchive(ValueError):
    """The descriptor names the archive or its files in a way that would leave its folder."""


def _member(rel: object) -> str:
    if not isinstance(rel, str) or rel.startswith("/") or "\\" in rel or ".." in rel.split("/"):
        raise UnsafeArchive(f"the descriptor lists a file outside the package: {rel!r}")
    return rel


def members(dest: Path, descriptor: dict) -> list[str]:
    """The package's files, relative to DEST, sorted (a path leaving DEST is refused)."""
    files = {DESCRIPTOR, LANDING_PAGE, DATA_README} | {
        _member(res.get("path")) for res in descriptor["resources"]
    }
    missing = sorted(f for f in files if not (Path(dest) / f).is_file())
    if missing:
        raise FileNotFoundError(f"the package at {dest} lacks {', '.join(missing)}")
    return sorted(files)


def _timestamp(created: str | None) -> tuple[int, int, int, int, int, int]:
    try:
        moment = datetime.fromisoformat((created or "").replace("Z", "+00:00"))
    except ValueError:
        return _ZIP_EPOCH
    stamp = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    return max(stamp, _ZIP_EPOCH)  # zip cannot date anything before 1980


def root_name(descriptor: dict) -> str:
    """NAME-VERSION, refused (UnsafeArchive) unless both are plain names."""
    name, version = descriptor.get("name"), descriptor.get("version")
    if not (isinstance(name, str) and _NAME.fullmatch(name)):
        raise UnsafeArchive(f"the descriptor's name {name!r} is not a plain package name (a-z, 0-9, . _ -)")
    if not (isinstance(version, str) and _VERSION.fullmatch(version) and ".." not in version):
        raise UnsafeArchive(f"the descriptor's version {version!r} is not a plain version")
    return f"{name}-{version}"


def default_name(descriptor: dict) -> str:
    return f"{root_name(descriptor)}.zip"


def write_archive(dest: Path, archive: Path | None = None, check: bool = True) -> Path:
    """Zip the package at DEST into ``archive`` (default ``DEST/dist/NAME-VERSION.zip``); the
    file is written beside its target and renamed into place."""
    dest = Path(dest)
    if check:
        problems = validate_package(dest)
        if problems:
            raise ValidationFailed(problems)
    descriptor = json.loads((dest / DESCRIPTOR).read_text(encoding="utf-8"))
    root = root_name(descriptor)  # before anything is written: a crafted name is refused
    files = members(dest, descriptor)
    archive = Path(archive) if archive else dest / "dist" / f"{root}.zip"
    archive.parent.mkdir(parents=True, exist_ok=True)
    when = _timestamp(descriptor.get("created"))
    fd, tmp = tempfile.mkstemp(prefix=".newsfacts-zip-", dir=archive.parent)
    try:
        with os.fdopen(fd, "wb") as fh, zipfile.ZipFile(fh, "w") as zf:
            for rel in files:
                info = zipfile.ZipInfo(f"{root}/{rel}", date_time=when)
                info.create_system = 3  # Unix, so that the permissions below are honoured
                info.external_attr = 0o100644 << 16
                # Parquet is already compressed (zstd); the text files deflate well.
                info.compress_type = zipfile.ZIP_STORED if rel.endswith(".parquet") else zipfile.ZIP_DEFLATED
                zf.writestr(info, (dest / rel).read_bytes(), compresslevel=9)
        Path(tmp).chmod(0o644)
        Path(tmp).replace(archive)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return archive
