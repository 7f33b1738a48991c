"""Soak: a few hundred varied articles through the real flow; every one is published, none fails.

The articles are generated here, deterministically, from sentences written for this test in the
styles news comes in (wire copy, bulletins, lists, tables of figures), with the shapes that broke
runs before: odd whitespace (tabs, CRLF, non-breaking and zero-width spaces), lone headings,
bullet lists, tables of numbers, URLs and e-mail addresses, emoji, right-to-left text, names
padded with line breaks, photo credits, very long and very short texts.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from newsfacts import query
from newsfacts.validate import validate_package

NEWSFACTS = Path(sys.executable).parent / "newsfacts"
N_ARTICLES = 320

PLACES = ["Gao", "Mosul", "Sylhet", "Goma", "Kharkiv", "Aleppo", "Maiduguri", "Cox's Bazar", "Tegucigalpa"]
COUNTRIES = ["Mali", "Iraq", "Bangladesh", "the Democratic Republic of Congo", "Ukraine", "Syria", "Nigeria"]
PEOPLE = [
    "Amina Diallo",
    "Rahim Uddin",
    "Olena Kovalenko",
    "Jean-Pierre Mba-Ndong",
    "Maria Fernández",
    "Ali Hassan",
]
GROUPS = [
    "the Red Crescent",
    "the UN refugee agency (UNHCR)",
    "Médecins Sans Frontières",
    "the health ministry",
]
SENTENCES = [
    "At least {n} people were killed when {group} said shelling hit a market in {place}, {country}.",
    "More than {n:,} people have been displaced since {month}, according to {group}.",
    '"We have never seen anything like this," said {person}, a spokesperson for {group}.',
    "{person} told reporters that {n} aid workers were injured near {place} on Tuesday.",
    "The number of cases rose to {n:,} in {place}, up {pct}% from last week.",
    "Officials in {country} deny reports that {n} civilians died in the attack.",
    "Prices of wheat rose by {pct} percent, traders in {place} said.",
    "Between {n} and {m} families fled to {place}, local leaders said.",
    "{group} appealed for ${n} million to feed {m:,} people in {country}.",
    "Police arrested {n} suspects after the protest in {place}, a statement said.",
]
ODDITIES = [
    lambda r, s: s.replace(" ", "\u00a0", 3),  # non-breaking spaces
    lambda r, s: s.replace(" ", "\t", 2),
    lambda r, s: s.replace(" ", "\u200b ", 1),  # zero-width space
    lambda r, s: s + "\r\n",
    lambda r, s: s + " 🙏🏽🔥",
    lambda r, s: s + " Read more at https://example.org/news/2016/11/report?id=42&ref=rss.",
    lambda r, s: s + " Contact press@example.org for details.",
    lambda r, s: s + " قال المتحدث إن 40 شخصا قتلوا. ",  # Arabic, right to left
    lambda r, s: s + " אמר הדובר כי 12 בני אדם נפצעו.",  # Hebrew
    lambda r, s: s + "\n\nFelix Marquez AP Photo\n\n",  # a photo credit: a name padded with line breaks
    lambda r, s: s.upper(),
    lambda r, s: "   " + s + "   ",
]


def _sentence(rng: random.Random) -> str:
    return rng.choice(SENTENCES).format(
        n=rng.randint(2, 90_000),
        m=rng.randint(100, 900_000),
        pct=rng.randint(1, 99),
        place=rng.choice(PLACES),
        country=rng.choice(COUNTRIES),
        person=rng.choice(PEOPLE),
        group=rng.choice(GROUPS),
        month=rng.choice(["January", "last October", "2014", "March 2016"]),
    )


def _block(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.55:
        paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(1, 5)))
        if rng.random() < 0.4:
            paragraph = rng.choice(ODDITIES)(rng, paragraph)
        return paragraph
    if kind < 0.65:
        return rng.choice(["UPDATE", "Background", "## What we know", "***", "—", "Photos"])  # lone headings
    if kind < 0.78:
        return "\n".join(
            f"{rng.choice(['-', '*', '•', '1.'])} {_sentence(rng)}" for _ in range(rng.randint(2, 6))
        )
    if kind < 0.9:
        header = "District | Killed | Injured | Displaced"
        rows = [
            f"{rng.choice(PLACES)} | {rng.randint(0, 900)} | {rng.randint(0, 5000):,} | {rng.randint(0, 90000):,}"
            for _ in range(rng.randint(3, 12))
        ]
        return "\n".join([header, "---|---|---|---", *rows])
    return " ".join(str(rng.randint(0, 10**6)) for _ in range(rng.randint(10, 60)))  # a run of bare numbers


def soak_articles(n: int, seed: int = 12) -> dict[str, str]:
    """n articles, name -> text: mostly a few paragraphs, some one line, a few very long."""
    rng = random.Random(seed)
    articles = {}
    for i in range(n):
        shape = rng.random()
        if shape < 0.08:
            text = rng.choice(
                ["Breaking {i}.", "{i} killed.", "UPDATE {i}", "🙏 {i}", "Gao{i}", "https://example.org/{i}"]
            )
            text = text.format(i=i)
        elif shape < 0.11:
            text = "\n\n".join(_block(rng) for _ in range(400))  # 40-60,000 characters
        else:
            title = _sentence(rng).split(",")[0]
            text = title + "\n\n" + "\n\n".join(_block(rng) for _ in range(rng.randint(1, 14)))
        articles[f"{i:03d}-article.txt"] = text
    return articles


@pytest.fixture(scope="module")
def soak_run(prefect_api, tmp_path_factory):
    root = tmp_path_factory.mktemp("soak")
    seeds, dest = root / "seeds", root / "dest"
    seeds.mkdir()
    articles = soak_articles(N_ARTICLES)
    for name, text in articles.items():
        (seeds / name).write_text(text, encoding="utf-8", newline="")
    assert max(len(t) for t in articles.values()) > 40_000 and min(len(t) for t in articles.values()) < 10
    result = subprocess.run(
        [str(NEWSFACTS), "run", "--seeds", str(seeds), "--dest", str(dest)],
        env={**os.environ, "PREFECT_API_URL": prefect_api},
        capture_output=True,
        text=True,
        timeout=1200,
    )
    return dest, result


def test_soak_the_run_survives_every_article_and_publishes_the_rest(soak_run):
    dest, result = soak_run
    assert result.returncode == 0, result.stderr[-3000:]
    _, [(documents,)] = query.run("SELECT count(*) FROM documents", dest)
    _, rejects = query.run("SELECT path, reason FROM rejects", dest)
    assert documents + len(rejects) == N_ARTICLES
    # nothing is rejected but for a failure of newsfacts itself, each naming its column and value
    assert all(re.match(r"extraction failed: \w+\.\w+ row \d+: .+: failure case '", r) for _, r in rejects), (
        rejects
    )
    assert f"0 file(s) rejected, {len(rejects)} extraction failure(s)" in result.stdout
    _, [(figures,)] = query.run("SELECT count(*) FROM figures", dest)
    assert figures > N_ARTICLES  # the articles were read, not just counted
    assert validate_package(dest) == []


def test_soak_every_article_is_published_with_zero_extraction_failures(soak_run):
    dest, result = soak_run
    assert "failed:" not in result.stderr, [
        line for line in result.stderr.splitlines() if line.startswith("failed:")
    ]
    assert "0 file(s) rejected, 0 extraction failure(s)" in result.stdout
    _, [(documents,)] = query.run("SELECT count(*) FROM documents", dest)
    assert documents == N_ARTICLES
