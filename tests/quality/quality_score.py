"""A small scorer of our own: one document's extracted rows against its gold, by the matching rules
of the extraction guidelines ("Matching in score.py"):

- a figure matches a gold figure when their spans overlap and the numbers agree (the bounds for a
  range, the value otherwise; a gold row without a number, such as a vague amount, agrees with any);
- an actor or a location matches when one of its names equals one of the gold names after
  normalising (case, a leading "the", punctuation, a possessive 's, a trailing bracketed acronym);
- a quote matches when it covers at least half of the gold content and is at most twice its length
  or its length plus 300 characters, whichever is more;
- each gold row is matched once; a second row for the same gold row is a duplicate (neither right
  nor wrong), a row that matches an optional gold row is ignored, any other row is a false positive.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_ACRONYM = re.compile(r"\s*\([A-Z0-9.\-]{2,}\)\s*$")
_POSSESSIVE = re.compile(r"['’]s\b")


def normalise(name: str) -> str:
    name = _ACRONYM.sub("", name.strip())
    name = _POSSESSIVE.sub("", name.lower())
    name = re.sub(r"[^\w\s]", " ", name)
    name = re.sub(r"^the\s+", "", " ".join(name.split()))
    return name


@dataclass
class Score:
    true_positives: int
    false_positives: int
    gold: int  # the gold rows that are not optional
    duplicates: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Every place the gold text occurs in the document (the gold gives text, not offsets)."""
    found, start = [], text.find(needle)
    while start >= 0:
        found.append((start, start + len(needle)))
        start = text.find(needle, start + 1)
    return found


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _figure_matches(text: str) -> Callable[[dict, dict], bool]:
    def matches(row: dict, gold: dict) -> bool:
        if not any(_overlap((row["start"], row["end"]), span) for span in spans(text, gold["text"])):
            return False
        if gold.get("low") is not None and gold.get("high") is not None:
            return (row["value_low"], row["value_high"]) == (gold["low"], gold["high"])
        return gold["value"] is None or row["value"] == gold["value"]

    return matches


def _names_match(row: dict, gold: dict) -> bool:
    names = {normalise(n) for n in [row["name"], *(row.get("aliases") or [])]}
    return bool(names & {normalise(n) for n in [gold["name"], *gold["aliases"]]})


def _quote_matches(text: str) -> Callable[[dict, dict], bool]:
    def matches(row: dict, gold: dict) -> bool:
        length = row["end"] - row["start"]
        for span in spans(text, gold["text"]):
            size = span[1] - span[0]
            if _overlap((row["start"], row["end"]), span) * 2 >= size and length <= max(2 * size, size + 300):
                return True
        return False

    return matches


def score_rows(rows: list[dict], gold: list[dict], matches: Callable[[dict, dict], bool]) -> Score:
    matched: set[int] = set()
    true_positives = false_positives = duplicates = 0
    for row in rows:
        fits = [i for i, g in enumerate(gold) if matches(row, g)]
        new = [i for i in fits if not gold[i]["optional"] and i not in matched]
        if new:
            matched.add(new[0])
            true_positives += 1
        elif any(not gold[i]["optional"] for i in fits):
            duplicates += 1
        elif not fits:
            false_positives += 1
    return Score(true_positives, false_positives, sum(not g["optional"] for g in gold), duplicates)


def score_document(text: str, tables: dict[str, list[dict]], gold: dict) -> dict[str, Score]:
    """Table -> its score, for one document's rows (as ``extract_document`` gives them)."""
    return {
        "figures": score_rows(tables["figures"], gold["figures"], _figure_matches(text)),
        "actors": score_rows(tables["actors"], gold["actors"], lambda row, g: _names_match(row, g)),
        "locations": score_rows(tables["locations"], gold["locations"], lambda row, g: _names_match(row, g)),
        "quotes": score_rows(tables["quotes"], gold["quotes"], _quote_matches(text)),
    }
