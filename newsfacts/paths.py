"""Every path the project uses, from one place."""

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
LEXICONS = Path(__file__).resolve().parent / "lexicons"


def default_seeds() -> Path:
    return Path(os.environ.get("NEWSFACTS_SEEDS", REPO_ROOT / "seeds"))


def default_dest() -> Path:
    return Path(os.environ.get("NEWSFACTS_DEST", REPO_ROOT))


def cache_dir() -> Path:
    """Where built indexes (the gazetteer) are cached between runs."""
    if os.environ.get("NEWSFACTS_CACHE"):
        path = Path(os.environ["NEWSFACTS_CACHE"])
    else:
        path = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsfacts"
    path.mkdir(parents=True, exist_ok=True)
    return path


# Inside a package folder (DEST): the descriptor at the root, the data beside it.
DESCRIPTOR = "datapackage.json"
LANDING_PAGE = "index.html"
DATA_DIR = "output"
DATA_README = f"{DATA_DIR}/README.md"  # the data dictionary
# A publish in progress: the new package is staged here, then marked complete, then swapped in.
STAGE = ".newsfacts-stage"
COMPLETE = "COMPLETE"


def table_path(dest: Path, table: str, ext: str = "parquet") -> Path:
    return Path(dest) / DATA_DIR / f"{table}.{ext}"
