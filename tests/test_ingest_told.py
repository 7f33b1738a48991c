"""Languages told once: a re-run reads the same articles, and py3langid's answer for each is kept
(``language.Told``), so ingest does not walk every text again; the answers are the same, and a
memo that cannot be used is only a cost."""

from __future__ import annotations

import sqlite3

from newsfacts import ingest
from newsfacts.ingest import language

ENGLISH = (
    "Heavy monsoon rains displaced more than 20,000 people in the Sylhet region of Bangladesh, "
    "officials said on Tuesday, as rivers burst their banks. At least twelve people were killed and "
    "about three hundred injured, the Red Crescent said; its volunteers reached half the districts.\n"
)
FRENCH = (
    "De fortes pluies de mousson ont déplacé plus de 20 000 personnes dans la région de Sylhet, au "
    "Bangladesh, ont indiqué mardi les autorités, alors que les rivières débordaient. Au moins douze "
    "personnes ont été tuées et environ trois cents blessées, selon le Croissant-Rouge.\n"
)


def seeds(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "floods.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "inondations.txt").write_text(FRENCH, encoding="utf-8")
    return folder


def told_rows(cache):
    con = sqlite3.connect(cache / "languages.sqlite3")
    try:
        return con.execute("SELECT code, probability FROM told ORDER BY code").fetchall()
    finally:
        con.close()


def test_a_second_reading_takes_the_languages_told_the_first_time(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("NEWSFACTS_DOC_CACHE", str(cache))
    first = ingest.scan(seeds(tmp_path))
    assert [d.language for d in first[0]] == ["en"] and "French (fr)" in first[1][0].reason
    assert [code for code, _ in told_rows(cache)] == ["en", "fr"]

    def not_again(*args, **kwargs):
        raise AssertionError("py3langid asked again")

    not_again.cache_clear = lambda: None  # type: ignore[attr-defined]  # as the lru_cache it stands for
    monkeypatch.setattr(language, "identifier", not_again)
    assert ingest.scan(tmp_path / "seeds") == first


def test_a_damaged_memo_is_only_a_cost(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "languages.sqlite3").write_bytes(b"not a database at all" * 100)
    monkeypatch.setenv("NEWSFACTS_DOC_CACHE", str(cache))
    documents, rejects = ingest.scan(seeds(tmp_path))
    assert [d.language for d in documents] == ["en"] and "French (fr)" in rejects[0].reason
