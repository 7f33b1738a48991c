"""Quality regression: the extractors against hand-annotated gold, scored by the guidelines'
matching rules (``quality_score.py``). Each table's F1 must stay at or above a floor set just under
its score when the floor was set: a change that makes extraction worse fails here, in CI.

The gold: the seed article (the project's own), and two short articles written for this test in
news style (names and events invented), one on conflict and displacement, one general news,
annotated by hand by the rules of the project's extraction guidelines. Raise a floor when an
improvement lands; never lower one to let a change through without saying why in its commit.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from quality_score import Score, normalise, score_document, score_rows

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
GOLD = sorted((HERE / "gold").glob("*.json"))

# document -> table -> the lowest F1 accepted (today's score, less a little)
FLOORS = {
    "2016-11-mosul-sorrowful-picture": {"figures": 0.99, "actors": 0.99, "locations": 0.99, "quotes": 0.93},
    "2026-03-goma-clashes": {"figures": 0.99, "actors": 0.92, "locations": 0.79, "quotes": 0.93},
    "2026-04-rail-strike": {"figures": 0.99, "actors": 0.90, "locations": 0.99, "quotes": 0.99},
}


def article(gold: dict) -> str:
    for folder in (REPO / "seeds", HERE / "articles"):
        if (folder / gold["document"]).is_file():
            return (folder / gold["document"]).read_text(encoding="utf-8")
    raise FileNotFoundError(gold["document"])


def test_every_gold_file_has_its_article_and_its_floors():
    assert sorted(p.stem for p in GOLD) == sorted(FLOORS)
    for path in GOLD:
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = article(gold)
        for table in ("figures", "quotes"):
            missing = [row["text"] for row in gold[table] if row["text"] not in text]
            assert missing == [], f"{path.name}: {table} gold text not in the article"


@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_f1_per_table_stays_above_its_floor(path, extract, capsys):
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = article(gold)
    scores = score_document(text, extract(text, doc_id=path.stem), gold)
    with capsys.disabled():
        print(f"\n{path.stem}: " + ", ".join(f"{t} F1 {s.f1:.3f}" for t, s in scores.items()))
    below = {
        table: round(score.f1, 3) for table, score in scores.items() if score.f1 < FLOORS[path.stem][table]
    }
    assert below == {}, f"F1 fell below its floor {FLOORS[path.stem]}"


# --- the scorer itself -------------------------------------------------------------------------


def test_names_are_normalised_as_the_guidelines_say():
    assert normalise("The Islamic State (IS)") == normalise("islamic state")
    assert normalise("Iraq's army") == normalise("Iraq army")
    assert normalise("U.N.") != normalise("UNHCR")


def test_duplicates_and_optional_rows_are_neither_right_nor_wrong():
    gold = [
        {"name": "Save the Children", "aliases": ["STC"], "optional": False},
        {"name": "witnesses", "aliases": [], "optional": True},
    ]
    rows = [
        {"name": "Save the Children", "aliases": []},
        {"name": "STC", "aliases": []},
        {"name": "witnesses", "aliases": []},
        {"name": "Oxfam", "aliases": []},
    ]

    def match(row, g):
        return normalise(row["name"]) in {normalise(n) for n in [g["name"], *g["aliases"]]}

    assert score_rows(rows, gold, match) == Score(true_positives=1, false_positives=1, gold=1, duplicates=1)


def test_a_quote_must_cover_half_its_gold_and_not_run_far_beyond_it():
    text = "Officials said the road was closed. " + "Then a long paragraph followed. " * 20
    gold = {
        "quotes": [{"text": "the road was closed", "kind": "indirect", "speaker": None, "optional": False}],
        "figures": [],
        "actors": [],
        "locations": [],
    }
    sentence = {"start": 0, "end": 35}
    half = {"start": text.index("closed"), "end": text.index("closed") + 6}
    paragraph = {"start": 0, "end": len(text)}
    scores = [
        score_document(text, {"figures": [], "actors": [], "locations": [], "quotes": [q]}, gold)["quotes"]
        for q in (sentence, half, paragraph)
    ]
    assert [s.true_positives for s in scores] == [1, 0, 0]
