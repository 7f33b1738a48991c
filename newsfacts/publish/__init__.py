"""Validated tables -> the published package: one small module per concern.

- ``package``: publish() (write, check, swap in) and unchanged() (is DEST built from these inputs);
- ``formats``: the one registry of output formats (kind, folder, media type, label, writer);
- ``exports``: the CSV and HXL-tagged CSV writers; ``copies``: every format from the Parquet files;
- ``descriptor``: datapackage.json (resources, sources, metadata); ``version``: semantic versions;
- ``swap``: the lock, the atomic swap and recovery; ``fingerprint``: the key of a build's inputs;
- ``dictionary``, ``landing``, ``charts``, ``casualties``: the data dictionary, the landing page,
  its SVG and its casualty tallies;
- ``archive``: the package as one reproducible zip.
"""

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what the names below are, for type checkers
    from newsfacts.paths import COMPLETE, STAGE
    from newsfacts.publish.fingerprint import inputs_key
    from newsfacts.publish.package import Published, publish, unchanged
    from newsfacts.publish.swap import PackageLocked, package_lock, recover

# Imported on first use, so that a module that needs only a light part (the server: ``formats``)
# does not load the whole publishing machinery, and ``validate`` can read the registry.
_EXPORTS = {
    "Published": "newsfacts.publish.package",
    "publish": "newsfacts.publish.package",
    "unchanged": "newsfacts.publish.package",
    "inputs_key": "newsfacts.publish.fingerprint",
    "PackageLocked": "newsfacts.publish.swap",
    "package_lock": "newsfacts.publish.swap",
    "recover": "newsfacts.publish.swap",
    "COMPLETE": "newsfacts.paths",
    "STAGE": "newsfacts.paths",
}


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'newsfacts.publish' has no attribute {name!r}")


__all__ = [
    "COMPLETE",
    "STAGE",
    "PackageLocked",
    "Published",
    "inputs_key",
    "package_lock",
    "publish",
    "recover",
    "unchanged",
]
