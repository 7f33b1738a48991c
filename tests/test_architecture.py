"""Dependencies point one way: cli -> flows -> newsfacts -> schemas. Read from the source with
``ast`` (every import, at any depth, including those inside functions), so that a lazy import
cannot slip past."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# package -> the top-level names its modules may never import
FORBIDDEN = {
    "schemas": {"newsfacts", "flows", "cli", "prefect", "prefect_dask", "dask", "distributed"},
    "newsfacts": {"flows", "cli", "prefect", "prefect_dask", "dask", "distributed"},
    "flows": {"cli"},
}


def imported_names(path: Path) -> set[str]:
    """The top-level names of every module a file imports (relative imports count as its own)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def sources(package: str) -> list[Path]:
    return sorted((REPO / package).rglob("*.py"))


@pytest.mark.parametrize("package", list(FORBIDDEN))
def test_dependencies_point_one_way(package):
    files = sources(package)
    assert files, f"no Python files under {package}/"
    wrong = {
        path.relative_to(REPO).as_posix(): sorted(imported_names(path) & FORBIDDEN[package])
        for path in files
        if imported_names(path) & FORBIDDEN[package]
    }
    assert wrong == {}


def test_the_guard_sees_imports_inside_functions(tmp_path):
    """The check above would pass vacuously if it missed the imports it is meant to catch."""
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from prefect import flow\n    import flows.build\n")
    assert imported_names(module) == {"prefect", "flows"}


def test_the_command_line_is_not_part_of_the_library():
    assert not (REPO / "newsfacts" / "cli.py").exists()
    assert (REPO / "cli" / "main.py").is_file()
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'newsfacts = "cli.main:main"' in pyproject


def test_the_software_version_is_declared_once():
    import tomllib

    import newsfacts

    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert newsfacts.__version__ == declared
    repeated = [
        p.relative_to(REPO).as_posix()
        for package in ("newsfacts", "schemas", "flows", "cli")
        for p in sources(package)
        if f'"{declared}"' in p.read_text(encoding="utf-8")
    ]
    assert repeated == []
