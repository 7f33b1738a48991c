"""The lexicons and the extractors speak the schemas' categories: an actor type or a place kind
named in a lexicon or compared in the code is one the Pandera models declare (and so one the
descriptor, the data dictionary and the checks know). A typo there ('armed_groups') would
otherwise make rows that fail validation, or a rule that never fires."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from schemas.actors import ACTOR_TYPES
from schemas.locations import KINDS

REPO = Path(__file__).resolve().parent.parent
LEXICONS = REPO / "newsfacts" / "lexicons"
EXTRACT = REPO / "newsfacts" / "extract"


def _lexicon(name: str) -> dict:
    return tomllib.loads((LEXICONS / name).read_text(encoding="utf-8"))


def compared_values(source: str, attribute: str) -> set[str]:
    """Strings the code compares ``<x>.<attribute>`` with (``==``, ``!=``, ``in``, ``not in``)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Compare) and isinstance(node.left, ast.Attribute)):
            continue
        if node.left.attr != attribute:
            continue
        for right in node.comparators:
            items = right.elts if isinstance(right, ast.Tuple | ast.List | ast.Set) else [right]
            found |= {i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)}
    return found


def test_actor_types_in_the_lexicon_are_the_schemas():
    actors = _lexicon("actors.toml")
    assert set(actors["named"]) <= set(ACTOR_TYPES)
    assert set(actors["cues"]) <= set(ACTOR_TYPES)


def test_actor_types_compared_in_the_code_are_the_schemas():
    compared = set()
    for module in EXTRACT.glob("*.py"):
        compared |= compared_values(module.read_text(encoding="utf-8"), "type")
    assert "person" in compared  # the guard reads the code it is meant to read
    assert compared <= set(ACTOR_TYPES)


# a quote's kind ('direct', 'indirect') is the quotes table's own, not a place's
QUOTE_MODULES = {"quotes.py", "speakers.py", "reporting.py"}


def test_place_kinds_compared_in_the_code_are_the_schemas():
    compared = set()
    for module in (m for m in EXTRACT.glob("*.py") if m.name not in QUOTE_MODULES):
        compared |= compared_values(module.read_text(encoding="utf-8"), "kind")
    assert "country" in compared
    assert compared <= set(KINDS)


def test_the_guard_reads_comparisons_of_both_forms():
    source = "if m.type == 'person' or a.type in ('armed_group', 'goverment'): pass\n"
    assert compared_values(source, "type") == {"person", "armed_group", "goverment"}
