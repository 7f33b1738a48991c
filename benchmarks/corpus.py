"""A deterministic corpus of N distinct news articles, varied from the real seed article.

Each article is the seed article's paragraphs, a seeded random subset in a shuffled order, with
its numbers changed (same shape: ``1,792`` stays a comma-grouped integer) and its city, town,
person and organisation names swapped for others drawn from the lists below. The same N and seed
always give the same files; no two articles are the same (each also carries its number in the
title), so ingest never skips one as a duplicate.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

SEED_ARTICLE = Path(__file__).resolve().parent.parent / "seeds" / "2016-11-mosul-sorrowful-picture.txt"

CITIES = [
    "Mosul",
    "Aleppo",
    "Raqqa",
    "Homs",
    "Kirkuk",
    "Tikrit",
    "Sirte",
    "Idlib",
    "Deir ez-Zor",
    "Fallujah",
    "Ramadi",
    "Hama",
    "Benghazi",
    "Taiz",
    "Hodeidah",
    "Marawi",
    "Maiduguri",
]
TOWNS = [
    "Qaraqosh",
    "Tal Afar",
    "Bartella",
    "Sinjar",
    "Manbij",
    "Kobani",
    "Baiji",
    "Hit",
    "Palmyra",
    "Dabiq",
    "Jarablus",
    "Haditha",
]
PEOPLE = [
    "Maurizio Crivellaro",
    "Anna Lindqvist",
    "Samir Haddad",
    "Lise Grande",
    "Peter Maurer",
    "Jan Egeland",
    "Fatima Hassan",
    "David Miliband",
    "Karim Nasser",
    "Elena Petrova",
]
ORGS = [
    "The United Nations",
    "The Red Cross",
    "Amnesty International",
    "Human Rights Watch",
    "The World Food Programme",
    "Oxfam",
]
_NAMES = [(CITIES[0], CITIES), (TOWNS[0], TOWNS), (PEOPLE[0], PEOPLE), (ORGS[0], ORGS)]
_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\w.,])\d+(?![\d,])")
_YEAR = re.compile(r"^(19|20)\d\d$")


def _number(rng: random.Random, match: re.Match) -> str:
    text = match.group(0)
    if _YEAR.match(text):
        return text  # dates stay dates
    digits = text.replace(",", "")
    value = max(1, int(int(digits) * rng.uniform(0.3, 3.0)))
    return f"{value:,}" if "," in text else str(value)


def article(i: int, paragraphs: list[str], title: str, seed: int = 0) -> str:
    rng = random.Random(seed * 1_000_003 + i)
    keep = [p for p in paragraphs if rng.random() < 0.85] or paragraphs[:1]
    rng.shuffle(keep)
    text = "\n\n".join([title, *keep]) + "\n"
    text = _NUMBER.sub(lambda m: _number(rng, m), text)
    for original, choices in _NAMES:
        text = text.replace(original, rng.choice(choices))
    first, rest = text.split("\n", 1)
    return f"{first} ({i})\n{rest}"  # the article's number, unchanged: every article is distinct


def seed_parts() -> tuple[str, list[str]]:
    lines = SEED_ARTICLE.read_text(encoding="utf-8").split("\n")
    title = lines[0].strip()
    body = "\n".join(lines[1:])
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    return title, paragraphs


def write_corpus(folder: Path, n: int, start: int = 0, seed: int = 0) -> list[Path]:
    """Articles number ``start`` .. ``start + n - 1`` as ``folder/article-NNNNNN.txt``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    title, paragraphs = seed_parts()
    paths = []
    for i in range(start, start + n):
        path = folder / f"article-{i:06d}.txt"
        path.write_text(article(i, paragraphs, title, seed), encoding="utf-8")
        paths.append(path)
    return paths


def number_heavy(i: int, size: int = 450_000) -> str:
    """An article of ``size`` characters that is mostly numbers (tables of district figures, runs
    of bare numbers, and a casualty sentence now and then): under the size limits, but ~100,000
    tokens, the input that once drove a run past 10 GB (issue 12)."""
    rng = random.Random(7_919 * i + 1)
    lines = [f"Casualty and displacement figures by district, report {i}", ""]
    length = sum(len(line) + 1 for line in lines)
    while length < size:
        kind = rng.random()
        if kind < 0.5:
            line = " | ".join(f"{rng.randint(1, 99_999):,}" for _ in range(8))
        elif kind < 0.8:
            line = " ".join(str(rng.randint(0, 999)) for _ in range(20))
        else:
            line = (
                f"At least {rng.randint(2, 900)} people were killed and {rng.randint(10, 9_000):,} "
                f"displaced in {rng.choice(CITIES)} in {rng.randint(1990, 2025)}, officials said."
            )
        lines.append(line)
        length += len(line) + 1
    return "\n".join(lines)[:size] + "\n"


def write_number_heavy(folder: Path, n: int = 8, size: int = 450_000) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"numbers-{i:02d}.txt"
        path.write_text(number_heavy(i, size), encoding="utf-8")
        paths.append(path)
    return paths
