"""The places extractor's words (lexicons/places.toml), compiled once: locative words,
place and region nouns, the names that are no places (diseases, storms, teams), site heads, road
patterns, sub-national abbreviations, and the patterns that join a list or a place and its
enclosing one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsfacts.gazetteer import curated, fold

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True)
class PlaceWords:
    locative: frozenset[str]
    weak_locative: frozenset[str]
    landscape: frozenset[str]
    natural_features: frozenset[str]
    place_nouns: frozenset[str]
    region_nouns: frozenset[str]
    city_nouns: frozenset[str]
    person_nouns_before_in: frozenset[str]
    event_nouns: frozenset[str]
    city_suffixes: tuple[str, ...]
    compass: frozenset[str]
    articles: frozenset[str]
    possessives: frozenset[str]
    connectors: frozenset[str]
    openers: frozenset[str]
    diseases: frozenset[str]
    disease_nouns: frozenset[str]
    storms: frozenset[str]
    team_words: frozenset[str]
    team_roles: frozenset[str]
    saint_words: frozenset[str]
    saint_institutions: tuple[str, ...]
    seats_of_government: frozenset[str]
    currency_signs: frozenset[str]
    sports_verbs: frozenset[str]
    site_heads: frozenset[str]
    strong_site_heads: frozenset[str]
    roads: re.Pattern
    flight_words: re.Pattern
    abbreviations: re.Pattern
    list_gap: re.Pattern  # what stands between two names of a list
    enclosure: re.Pattern  # what stands between a place and the one that holds it
    qualifying: re.Pattern  # what stands between a place and the region that qualifies it
    span_part: re.Pattern  # one place of a name spaCy read across a conjunction
    span_lead: re.Pattern  # the conjunction a part opens with


@lru_cache(maxsize=1)
def words() -> PlaceWords:
    data = curated()
    w, no, sites = data["words"], data["not_places"], data["sites_words"]
    alternation = trie_pattern(list(data["abbreviations"]))
    return PlaceWords(
        frozenset(w["locative"]),
        frozenset(w["weak_locative"]),
        frozenset(w["landscape"]),
        frozenset(w["natural_features"]),
        frozenset(w["place_nouns"]),
        frozenset(w["region_nouns"]),
        frozenset(w["city_nouns"]),
        frozenset(w["person_nouns_before_in"]),
        frozenset(w["event_nouns"]),
        tuple(w["city_suffixes"]),
        frozenset(w["compass"]),
        frozenset(w["articles"]),
        frozenset(w["possessives"]),
        frozenset(w["connectors"]),
        frozenset(w["openers"]),
        frozenset(fold(d) for d in no["diseases"]),
        frozenset(no["disease_nouns"]),
        frozenset(no["storms"]),
        frozenset(no["team_words"]),
        frozenset(no["team_roles"]),
        frozenset(no["saint_words"]),
        tuple(no["saint_institutions"]),
        frozenset(fold(n) for n in no["seats_of_government"]),
        frozenset(no["currency_signs"]),
        frozenset(no["sports_verbs"]),
        frozenset(sites["heads"]),
        frozenset(sites["strong_heads"]),
        re.compile("|".join(f"(?:{r})" for r in sites["roads"])),
        re.compile(
            r"\b(?:" + "|".join(map(re.escape, data["airports"]["flight_words"])) + r")\b", re.IGNORECASE
        ),
        # after a place and a comma, or in a party tag: 'Peoria, Ill.', '(D-Md.)'
        re.compile(r"(?:, |\b[DRI]\.?-)(" + alternation + r")(?![\w.])"),
        re.compile(rf"\s*(?:,|{_words(w['list_conjunctions'])}|, {_words(w['list_conjunctions'])})\s*"),
        # 'Kafr Nabl in Idlib', 'Jarabulus, near Aleppo', 'the Adhamiyah district of Baghdad',
        # 'the Gokwe district, Midlands province', 'University College Hospital in central London',
        # 'the town of Kalam in the Swat Valley'
        re.compile(
            rf",?\s+(?:{_words(w['place_nouns'])}\s+)?(?:{_words(w['containment_participles'])}\s+)?"
            rf"{_words(w['containment_prepositions'])},?\s+"
            rf"(?:the\s+)?(?:{_words(w['part_words'])}\s+)?"
            rf"|(?:\s+{_words(w['region_nouns'])})?,[ \t]*"
        ),
        re.compile(rf",[ \t]*|,? {_words(w['qualifying_prepositions'])} "),
        re.compile(rf"[^,]+?(?=\s+{_words(w['span_conjunctions'])}\s+|,|$)"),
        re.compile(rf"^{_words(w['span_conjunctions'])}\s+"),
    )


def _words(words: list[str]) -> str:
    """One group matching any of the words."""
    return "(?:" + "|".join(map(re.escape, words)) + ")"


def trie_pattern(words: set[str] | list[str]) -> str:
    """A regular expression matching any of the strings, the longest where several match, built
    as a trie so that the engine tries each character once ('Mali|Malta|Malawi' -> 'Mal(?:i|ta|awi)')."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        branches = [re.escape(ch) + walk(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")" if len(branches) > 1 else branches[0]
        return "(?:" + body + ")?" if "" in node else body

    return "(?:" + walk(trie) + ")"
