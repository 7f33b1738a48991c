"""What in DEST is newsfacts's own: a publish replaces only files it wrote.

A publish replaces ``datapackage.json``, ``index.html`` and everything in ``output/``. Those are
newsfacts's when the package in DEST lists them: its descriptor (one newsfacts wrote: it has a
``newsfacts`` section) names every resource, and the landing page and data dictionary go with it.
Anything else at those paths (an unrelated ``output/``, someone's ``index.html``, notes in
``output/``) is not ours, and a publish refuses to touch it unless forced. The lock, the inputs'
key and the scratch and stage folders are ours by their ``.newsfacts`` names.

Seeds and destination must not overlap either: a destination inside the seeds folder would be
read by the next run as articles, and seeds inside the data folder would be replaced by the
package.
"""

from __future__ import annotations

import json
from pathlib import Path

from newsfacts.paths import DATA_DIR, DATA_README, DESCRIPTOR, LANDING_PAGE


class NotOurs(RuntimeError):
    """DEST holds files newsfacts did not write where a publish would replace them."""


class Overlap(ValueError):
    """The seeds folder and the destination overlap."""


MAX_LISTED = 5


def _descriptor(dest: Path) -> dict | None:
    """DEST's descriptor, if newsfacts wrote it (else None)."""
    try:
        descriptor = json.loads((dest / DESCRIPTOR).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("newsfacts"), dict):
        return None
    return descriptor


def ours(dest: Path) -> set[str]:
    """The paths (relative to DEST) of the package newsfacts published there; empty if none."""
    descriptor = _descriptor(dest)
    if descriptor is None:
        return set()
    listed = {DESCRIPTOR, LANDING_PAGE, DATA_README}
    for resource in descriptor.get("resources") or []:
        if isinstance(resource, dict) and isinstance(resource.get("path"), str):
            listed.add(resource["path"])
    return listed


def foreign(dest: Path) -> list[str]:
    """The paths in DEST a publish would replace or remove that newsfacts did not write."""
    dest = Path(dest)
    mine = ours(dest)
    found: list[str] = []
    for name in (DESCRIPTOR, LANDING_PAGE):
        path = dest / name
        if (path.exists() or path.is_symlink()) and (
            name not in mine or not path.is_file() or path.is_symlink()
        ):
            found.append(name)
    data = dest / DATA_DIR
    if data.is_symlink() or (data.exists() and not data.is_dir()):
        found.append(DATA_DIR)
    elif data.is_dir():
        for path in sorted(data.rglob("*")):
            rel = path.relative_to(dest).as_posix()
            if path.is_symlink() or (not path.is_dir() and rel not in mine):
                found.append(rel)
    return found


def refuse_foreign(dest: Path) -> None:
    """Raise NotOurs, naming what is there, if a publish into DEST would harm files it did not write."""
    found = foreign(dest)
    if found:
        shown = ", ".join(found[:MAX_LISTED]) + (
            f" and {len(found) - MAX_LISTED} more" if len(found) > MAX_LISTED else ""
        )
        raise NotOurs(
            f"{dest} holds files newsfacts did not write where the package goes ({shown}); "
            "nothing was changed. Choose another --dest, move them away, or pass --force to replace them"
        )


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def refuse_overlap(seeds: Path, dest: Path) -> None:
    """Raise Overlap if the destination is inside the seeds folder or the seeds inside the package's
    own folders (``output/``, ``.newsfacts-*``)."""
    seeds_at, dest_at = Path(seeds).resolve(), Path(dest).resolve()
    if _inside(dest_at, seeds_at):
        raise Overlap(
            f"the destination {dest} is inside the seeds folder {seeds}: every run would read its own "
            "output as articles; choose a destination outside it"
        )
    owned = [dest_at / DATA_DIR, *(p for p in dest_at.glob(".newsfacts*"))]
    for folder in owned:
        if _inside(seeds_at, folder):
            raise Overlap(
                f"the seeds folder {seeds} is inside {folder}, which a publish to {dest} replaces; "
                "keep the seeds outside the package's folders"
            )
