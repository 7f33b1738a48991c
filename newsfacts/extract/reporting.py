"""The one list of reporting verbs (``newsfacts/lexicons/reporting.toml``), read by the quotes
extractor (what marks a statement) and the figures extractor (whose word a number is)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

from newsfacts.paths import LEXICONS

LEXICON_PATH = LEXICONS / "reporting.toml"


@dataclass(frozen=True)
class ReportingVerbs:
    content: dict[str, frozenset[str]]  # lemma -> allowed content kinds (empty: no statement)
    claimant: frozenset[str]  # lemmas whose subject claims a figure
    phrasal: dict[tuple[str, str], frozenset[str]]  # (lemma, particle) -> content kinds
    source_phrases: tuple[tuple[str, ...], ...]  # ("according", "to"), ...


@lru_cache(maxsize=1)
def reporting_verbs() -> ReportingVerbs:
    with LEXICON_PATH.open("rb") as f:
        data = tomllib.load(f)
    verbs = data["verbs"]
    phrasal = {}
    for phrase, kinds in data.get("phrasal_verbs", {}).items():
        lemma, particle = phrase.split(maxsplit=1)
        phrasal[(lemma, particle)] = frozenset(kinds)
    return ReportingVerbs(
        content={lemma: frozenset(entry["content"]) for lemma, entry in verbs.items()},
        claimant=frozenset(lemma for lemma, entry in verbs.items() if entry["claimant"]),
        phrasal=phrasal,
        source_phrases=tuple(tuple(p.split()) for p in data.get("source_phrases", {})),
    )


def claimant_verbs() -> frozenset[str]:
    """Lemmas whose subject is the claimant of a figure they report ('the UN said', 'officials
    counted')."""
    return reporting_verbs().claimant
