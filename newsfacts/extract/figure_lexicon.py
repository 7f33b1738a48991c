"""The figures lexicon (``newsfacts/lexicons/figures.toml``) and the patterns built from it.

One reader for the file: the number words, scales, qualifiers, currencies and units the amount
finder matches (``figure_amounts``), and the verbs, nouns and complements that give a figure
its category (``figure_parse``).
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from schemas.figure_categories import CATEGORIES

LEXICON_PATH = Path(__file__).resolve().parent.parent / "lexicons" / "figures.toml"


def _alternation(words) -> str:
    """A regex alternation, longest first so that "tens of thousands" beats "thousands"."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


class Lexicon:
    """The figures lexicon, with the regular expressions and lookups derived from it."""

    def __init__(self, data: dict):
        self.word_numbers = {k: float(v) for k, v in data["word_numbers"].items()}
        self.scales = {k: float(v) for k, v in data["scales"].items()}
        self.suffixes = {k: float(v) for k, v in data["magnitude_suffixes"].items()}
        self.metre_cues = set(data["metre_cues"]["words"])
        self.vague = {k: float(v) for k, v in data["vague"].items()}
        self.vague_needs_of = set(data["vague_needs_of"]["words"])
        self.before = data["qualifiers_before"]
        self.after = data["qualifiers_after"]
        self.currency_before = data["currency_before"]
        self.currency_after = data["currency_after"]
        self.units = {k: tuple(v) for k, v in data["units"].items()}
        self.time_units = set(data["time_units"]["words"])
        self.calendar = set(data["calendar_words"]["words"])
        self.age_cues = set(data["age_cues"]["words"])
        self.reference_nouns = set(data["reference_nouns"]["words"])
        self.tally_context = set(data["tally_context"]["words"])
        self.measure_nouns = data["measure_nouns"]
        self.people_nouns = set(data["population_cues"]["people_nouns"])
        self.settlements = set(data["population_cues"]["settlement_nouns"])
        self.syntax = {k: set(v) for k, v in data["syntax"].items()}
        self.roles = {
            role: self._by_word(data["categories"], role)
            for role in ("verbs", "intransitive", "complements", "nouns")
        }
        self._compile()

    @staticmethod
    def _by_word(categories: dict, role: str) -> dict[str, str]:
        """word -> category for one role; the first category in the schema's order wins."""
        out: dict[str, str] = {}
        for category in CATEGORIES:
            for word in categories.get(category, {}).get(role, []):
                out.setdefault(word, category)
        return out

    def _compile(self) -> None:
        digits = r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
        words = _alternation(list(self.word_numbers) + list(self.scales))
        after_scale = "|".join(f"(?<={s})" for s in self.scales)
        word_number = rf"\b(?:{words})(?:(?:[ \t]*-[ \t]*|[ \t]+|(?:{after_scale})\s+and\s+)(?:{words}))*\b"
        scale = rf"\s*(?:{_alternation(self.scales)})\b|(?:{_alternation(self.suffixes)})(?![A-Za-z0-9])"
        number = rf"(?:(?:{digits})(?:{scale})?|{word_number})"
        sep = r"\s*[-\u2013\u2014]\s*|\s+to\s+|\s+and\s+"
        cur = "|".join(re.escape(c) for c in self.currency_before if not c.isalpha())
        self.number_re = re.compile(
            rf"(?P<n1>{number})(?:(?P<sep>{sep})(?:{cur})?(?P<n2>{number}))?", re.IGNORECASE
        )
        self.digits_re = re.compile(digits)
        self.word_re = re.compile(rf"\b(?:{words})\b", re.IGNORECASE)
        self.scale_word_re = re.compile(rf"^(?:{_alternation(self.scales)})\b", re.IGNORECASE)
        self.vague_re = re.compile(rf"\b(?:{_alternation(self.vague)})\b", re.IGNORECASE)
        self.before_re = re.compile(rf"(?:^|(?<=[^\w]))(?:{_alternation(self.before)})\s+$", re.IGNORECASE)
        self.after_re = re.compile(rf"^(?:\s*(?:{_alternation(self.after)}))(?![A-Za-z0-9])", re.IGNORECASE)
        self.currency_before_re = re.compile(
            rf"(?:^|(?<=[^\w$]))(?:{_alternation(self.currency_before)})\s?$", re.IGNORECASE
        )
        self.currency_after_re = re.compile(rf"^\s+(?:{_alternation(self.currency_after)})\b", re.IGNORECASE)
        self.unit_re = re.compile(rf"^[ \t]?-?(?:{_alternation(self.units)})(?![A-Za-z0-9])", re.IGNORECASE)
        self.time_re = re.compile(rf"^[ \t]*-?(?:{_alternation(self.time_units)})(?![A-Za-z])", re.IGNORECASE)
        self.phone_re = re.compile(
            r"(?:\+[0-9]{1,3}[\s.-]?)?(?:\([0-9]{1,4}\)[\s.-]?)?[0-9]{2,5}(?:[\s.-][0-9]{2,5}){2,}"
        )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    with LEXICON_PATH.open("rb") as f:
        return Lexicon(tomllib.load(f))
