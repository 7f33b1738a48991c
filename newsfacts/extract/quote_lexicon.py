"""The quotes extractor's words (lexicons/quotes.toml) and the reporting verbs it reads from
lexicons/reporting.toml, the one list shared with figures: read once."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

from newsfacts.extract.reporting import reporting_verbs
from newsfacts.paths import LEXICONS

LEXICON_PATH = LEXICONS / "quotes.toml"


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, frozenset[str]]  # lemma -> allowed content kinds
    phrasal_verbs: dict[tuple[str, str], frozenset[str]]  # (lemma, particle) -> kinds
    source_phrases: tuple[tuple[str, ...], ...]  # ("according", "to"), ...
    scare_max_words: int
    title_cues: frozenset[str]
    title_minor_words: frozenset[str]
    title_max_words: int
    title_credit: frozenset[str]
    dashes: frozenset[str]
    name_particles: frozenset[str]
    quote_characters: frozenset[str]
    headline_max_chars: int
    headline_sources: frozenset[str]
    headline_settings: frozenset[str]
    continuing_prepositions: frozenset[str]
    label_presentatives: tuple[tuple[str, ...], ...]
    label_settings: frozenset[str]
    noun_cues_that: frozenset[str]
    noun_cues_to: frozenset[str]
    question_verbs: frozenset[str]
    question_marks: frozenset[str]
    question_put: frozenset[str]  # content kinds of a question put by an unnamed asker
    as_marks: frozenset[str]
    label_headings: frozenset[str]
    next_statement_verbs: frozenset[str]
    name_aside_relatives: frozenset[str]
    occasion_marks: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    with LEXICON_PATH.open("rb") as f:
        data = tomllib.load(f)
    reporting = reporting_verbs()
    works = data["titles_of_works"]
    return Lexicon(
        verbs={lemma: kinds for lemma, kinds in reporting.content.items() if kinds},
        phrasal_verbs=reporting.phrasal,
        source_phrases=reporting.source_phrases,
        scare_max_words=int(data["scare"]["max_words"]),
        title_cues=frozenset(works["before"]),
        title_minor_words=frozenset(works["minor_words"]),
        title_max_words=int(works["max_words"]),
        title_credit=frozenset(works["credit"]),
        dashes=frozenset(data["dash_cues"]["marks"]),
        name_particles=frozenset(data["dash_cues"]["name_particles"]),
        quote_characters=frozenset(data["marks"]["quote_characters"]),
        headline_max_chars=int(data["headline"]["max_chars"]),
        headline_sources=frozenset(data["headline"]["source_nouns"]),
        headline_settings=frozenset(data["headline"]["setting_prepositions"]),
        continuing_prepositions=frozenset(data["interposed"]["continuing_prepositions"]),
        label_presentatives=tuple(tuple(p.split()) for p in data["colon_labels"]["presentatives"]),
        label_settings=frozenset(data["colon_labels"]["setting_prepositions"]),
        noun_cues_that=frozenset(data["noun_cues"]["that"]),
        noun_cues_to=frozenset(data["noun_cues"]["to"]),
        question_verbs=frozenset(data["questions"]["verbs"]),
        question_marks=frozenset(data["questions"]["marks"]),
        question_put=frozenset(data["questions"]["put"]),
        as_marks=frozenset(data["as_clauses"]["marks"]),
        label_headings=frozenset(data["transcript_labels"]["headings"]),
        next_statement_verbs=frozenset(data["next_statements"]["verbs"]),
        name_aside_relatives=frozenset(data["name_asides"]["relatives"]),
        occasion_marks=frozenset(data["occasion_clauses"]["marks"]),
    )
