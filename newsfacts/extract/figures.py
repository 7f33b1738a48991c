"""Text -> figures: numbers that count or measure something in the world.

First version: spaCy's CARDINAL/QUANTITY/PERCENT/MONEY entities, parsed into a value, a
qualifier and a unit; the category from the counted noun and the verb that governs it.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from newsfacts.extract.common import sentence_at, sentence_text

_QUALIFIERS = [
    ("lower_bound", ("more than", "over", "at least", "no fewer than", "upwards of")),
    ("upper_bound", ("up to", "as many as", "fewer than", "less than", "at most", "under")),
    ("approximate", ("about", "around", "nearly", "almost", "some", "an estimated", "roughly",
                     "approximately")),
]
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "a dozen": 12,
          "twenty": 20, "hundred": 100, "thousand": 1000}
_SCALE = {"million": 1e6, "billion": 1e9, "thousand": 1e3, "hundred": 1e2, "bn": 1e9, "m": 1e6}
_VAGUE = {"dozens": 24, "hundreds": 200, "thousands": 2000, "millions": 2e6, "scores": 40}
_NUMBER = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(million|billion|thousand|bn|m)?\b", re.I)
_CATEGORY_WORDS = {
    "killed": {"kill", "execute", "die", "dead", "death", "murder"},
    "injured": {"injure", "wound", "hurt"},
    "displaced": {"displace", "flee", "leave", "evacuate", "refugee", "migrant", "seeker"},
    "captive": {"hostage", "abduct", "kidnap", "arrest", "detain", "hold", "capture"},
    "affected": {"trap", "besiege", "homelessness", "homeless", "rescue", "save"},
    "forces": {"soldier", "troop", "fighter", "militant", "gunman", "force", "station", "deploy"},
    "population": {"people", "resident", "inhabitant", "civilian"},
    "territory": {"village", "area", "town", "territory"},
}


def _parse_value(text: str):
    low = text.lower()
    for word, lower_bound in _VAGUE.items():
        if low.endswith(word):
            return float(lower_bound), None, "vague"
    numbers = [float(m.group(1).replace(",", "")) * _SCALE.get((m.group(2) or "").lower(), 1)
               for m in _NUMBER.finditer(text)]
    if len(numbers) >= 2 and re.search(r"\d\s*(-|–|to)\s*\d", text):
        return numbers[0], numbers[1], "range"
    if numbers:
        return numbers[0], None, None
    for word, value in sorted(_WORDS.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{word}\b", low):
            return float(value), None, None
    return None, None, None


def _category(span, unit) -> str:
    if unit == "km":
        return "distance"
    lemmas = []
    for token in span:
        lemmas.append(token.head.lemma_.lower())
        lemmas.extend(child.lemma_.lower() for child in token.head.children)
        lemmas.extend(t.lemma_.lower() for t in token.head.ancestors)
    for category, words in _CATEGORY_WORDS.items():
        if any(lemma in words for lemma in lemmas):
            return category
    return "other"


def extract_figures(doc: Doc, actors=None, places=None) -> list[dict]:
    rows = []
    for ent in doc.ents:
        if ent.label_ not in ("CARDINAL", "QUANTITY", "PERCENT", "MONEY"):
            continue
        value, high, qualifier = _parse_value(ent.text)
        if value is None:
            continue
        low_text = ent.text.lower()
        if qualifier is None:
            qualifier = next((q for q, words in _QUALIFIERS
                              if any(low_text.startswith(w + " ") for w in words)), "exact")
        unit = "km" if re.search(r"\d\s*km\b", low_text) else (
            "percent" if ent.label_ == "PERCENT" else None)
        sent = sentence_at(doc, ent.start_char)
        counted = ent.root.head.text if ent.root.dep_ == "nummod" else None
        rows.append({
            "text": ent.text, "start": ent.start_char, "end": ent.end_char,
            "value": value, "value_low": value if qualifier in ("range", "vague") else None,
            "value_high": high, "qualifier": qualifier, "unit": unit, "counted": counted,
            "category": _category(ent, unit), "claimant": None, "claimant_actor_id": None,
            "location": None, "location_id": None, "sentence": sentence_text(sent),
        })
    return rows
