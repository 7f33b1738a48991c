"""Words live in the lexicons (``newsfacts/lexicons/*.toml``), never in the extractors' code.

A guard over every module of ``newsfacts/extract/`` (owid/etl's step-code tests are the model):
each literal collection of strings (set, list, tuple) and each alternation of a regular
expression (``(?:and|or)``) may hold only names the code has a home for elsewhere: spaCy's
labels (parts of speech, tags, dependencies, entity labels), the schemas' categories and
columns, the lexicons' own keys and canonical values, and the identifiers of the code itself.
An English word there ('the', 'since', 'and') belongs in a lexicon, where a user can read and
change it. Read from the source with ``ast`` so that nothing slips past at run time.
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.glossary import GLOSSARY

REPO = Path(__file__).resolve().parent.parent
EXTRACT = REPO / "newsfacts" / "extract"
# English affixes the code strips or adds to a word it already has ('urged' -> 'urge', '3rd'):
# morphology, not words anyone would list or translate one by one.
AFFIXES = frozenset({"st", "nd", "rd", "th", "s", "es", "ies", "y", "d", "ed", "ied", "e", "ing"})
WORD = re.compile(r"[a-z]+(?:[ '-][a-z]+)*")
ALTERNATION = re.compile(r"\((?:\?:|\?P<\w+>)?([^()]*\|[^()]*)\)")


def _lexicon_names(table: dict, out: set[str]) -> None:
    for key, value in table.items():
        if isinstance(value, dict):
            out.add(key)  # a section's name ('verbs', 'intransitive'): a key of the code
            _lexicon_names(value, out)
        elif isinstance(value, list):
            out.add(key)
        elif isinstance(value, str):
            out.add(value)  # a canonical value ('day' for 'days', 'weeks'), not the word itself


def _string_constants(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


def _identifiers(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            yield node.name.lstrip("_")
        elif isinstance(node, ast.Name):
            yield node.id
        elif isinstance(node, ast.Attribute):
            yield node.attr
        elif isinstance(node, ast.arg | ast.keyword) and node.arg:
            yield node.arg


@pytest.fixture(scope="module")
def known_names(nlp) -> frozenset[str]:
    """Every name that has a home outside the extractors' code."""
    names = set(GLOSSARY)
    for labels in nlp.pipe_labels.values():
        names |= set(labels)
    for lexicon in (REPO / "newsfacts" / "lexicons").glob("*.toml"):
        _lexicon_names(tomllib.loads(lexicon.read_text(encoding="utf-8")), names)
    for module in [*(REPO / "schemas").glob("*.py"), REPO / "newsfacts" / "gazetteer.py"]:
        names |= {s for s in _string_constants(module) if re.fullmatch(r"\w+", s)}
        names |= set(_identifiers(module))  # columns ('counted') and fields ('admin1')
    for module in EXTRACT.glob("*.py"):
        names |= set(_identifiers(module))
    return frozenset(names | {name.rstrip("0123456789") for name in names})  # 'admin' of 'admin1'


def _skipped(tree: ast.AST) -> set[int]:
    """The ids of nodes that hold prose or names, not words the code matches: docstrings (their
    examples, 'Mal(?:i|ta|awi)', are prose) and ``__all__``."""
    out = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            out.add(id(first.value))
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in node.targets):
            out.add(id(node.value))
    return out


def word_lists(source: str, known: frozenset[str]) -> list[tuple[int, list[str]]]:
    """(line, words) for each collection or alternation in ``source`` that holds English words."""
    tree = ast.parse(source)
    skipped = _skipped(tree)
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        strings: list[list[str]] = []
        if isinstance(node, ast.Set | ast.List | ast.Tuple):
            items = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(items) >= 2:
                strings.append(items)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            strings += [group.split("|") for group in ALTERNATION.findall(node.value)]
        for items in strings:
            words = [w for w in items if WORD.fullmatch(w) and w not in known and w not in AFFIXES]
            if words:
                found.append((node.lineno, words))
    return found


@pytest.mark.parametrize("module", sorted(p.name for p in EXTRACT.glob("*.py")))
def test_no_word_lists_in_the_extractors_code(module, known_names):
    found = word_lists((EXTRACT / module).read_text(encoding="utf-8"), known_names)
    assert found == [], f"{module}: move these words into a lexicon (newsfacts/lexicons/*.toml)"


def test_the_guard_sees_word_sets_tuples_and_alternations(known_names):
    """The check above would pass vacuously if it missed what it is meant to catch."""
    source = (
        "STOP = {'the', 'this'}\n"
        "def f(token):\n"
        "    return token.lower_ in ('since', 'until') and token.dep_ in ('nsubj', 'dobj')\n"
        "PATTERN = r'\\s*(?:,|and|or)\\s*'\n"
        "KINDS = ('city', 'country')\n"
        "SUFFIXES = (('ies', 'y'), ('ed', ''))\n"
    )
    assert sorted(word_lists(source, known_names)) == [
        (1, ["the", "this"]),
        (3, ["since", "until"]),
        (4, ["and", "or"]),
    ]
