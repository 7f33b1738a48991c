"""What the rules over spaCy's entities read about the whole document (computed once per
document), and the places extractor's test they are handed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsfacts.extract.names import Lexicon
from newsfacts.gazetteer import Gazetteer

# Tells a name spaCy called a person or organisation that is a place a reader would see
# ('in Hammam al-Alil'): (doc, gazetteer, name tokens, name, ISO codes of the countries the
# document names) -> bool. The places extractor's looks_like_place, handed in by extract_rows.
PlaceTest = Callable[[Doc, Gazetteer, list[Token], str, set[str]], bool]


@dataclass
class EntityContext:
    """What the entity rules read about the whole document, computed once."""

    doc: Doc
    lex: Lexicon
    places: tuple[Gazetteer, PlaceTest] | None
    countries: set[str]
    surnames: set[str]
    person_words: set[str]  # every capitalised word of a PERSON entity
    person_names: set[str]  # norm() of every PERSON entity
    lower_words: frozenset[str]  # every word the document writes in lower case
    things: list[tuple[int, int]] = field(default_factory=list)  # names of works, events, laws


def is_subject(token: Token, lex: Lexicon) -> bool:
    return token.dep_ in lex.words["subject_relations"]
