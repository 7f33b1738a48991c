"""Actors the text gives no sign of acting: a name spaCy called an organisation, named once,
with no cue word of a body ('Esperanto', 'GitHub', 'Rusalka', 'Oath'), that is one word, or
several of which the document also writes one in lower case ('Moon Rocks', 'Functional
Equivalence'), is kept only where the sentence treats it as an actor:
- it is the subject of a verb other than 'be' ('Wikinews interviewed', 'the Independent
  reported'), an agent ('by Cruse'), or owns something ('ABC's film');
- it is written with 'the' ('the CW', 'the Guardian'), or as an acronym ('CBS', 'OSCE');
- it names the body of the noun it modifies ('Focus magazine', 'Anadolu agency');
- it is where someone works, plays or studies ('worked for Koyoshi', 'joined Zentrix');
- it is joined by 'and' or a comma to another organisation or person ('Yahoo and Bing');
- a name of several words: people work there ('the chief executive of Ora Media', 'TD
  Ameritrade founder', 'officials at ...'), or the text calls it a body ('the mining company
  Mopani Copper Mines', 'Alpha Natural Resources, a coal company').
One word spaCy called a person, named once, after another person's possessive and before the
noun it names ("Vaughn's Kingsman prequel") is that person's work.
A name right after a possessive ('his Harvard degree', 'its Nature') is a thing someone has. A
name spaCy called an organisation that a person owns ('Lagrange's Mécanique Analytique',
'Truffaut's New Wave') is that person's work or idea, however many words it has.

The rule reads one mention of one actor, so it never joins or splits actors; curated actors,
countries, forces and institutions news names alone ('House') are never dropped.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsfacts.extract.actor_groups import Actor
from newsfacts.extract.names import Lexicon, is_acronym, lower_words, norm, type_from_cues


def without_unsupported(
    doc: Doc, actors: list[Actor], lex: Lexicon, speaking_verbs: frozenset[str]
) -> list[Actor]:
    """``actors`` without the organisations the text never treats as acting (module docstring).
    ``speaking_verbs``: a name before one says or tells ('Wikinews interviews ...' in a headline,
    'the Reuters report'), whatever the parser made of the words."""
    persons = [span for a in actors if a.type == "person" for span in a.mentions]
    lower = lower_words(doc)
    return [a for a in actors if not _unsupported(doc, a, lex, persons, speaking_verbs, lower)]


def _unsupported(
    doc: Doc,
    actor: Actor,
    lex: Lexicon,
    persons: list[tuple[int, int]],
    speaking_verbs: frozenset[str],
    lower: frozenset[str],
) -> bool:
    if actor.type == "person" and not actor.known and len(actor.mentions) == 1 and not actor.aliases:
        return _a_persons_work(doc, actor, persons)
    if actor.type != "organisation" or actor.known or len(actor.mentions) != 1:
        return False
    if type_from_cues(lex, actor.name, default="") or norm(actor.name) in lex.words["institutions"]:
        return False
    start, end = actor.mentions[0]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    if _owned_by_person(doc, span, persons):
        return True
    if span.end < len(doc) and doc[span.end].lemma_.lower() in speaking_verbs:
        return False  # 'Wikinews interviews ...', in a headline the parser read as a noun phrase
    if len(span) == 1:
        return not _acts(doc, span, lex)
    return _common_words_in(span, lower) and not _acts(doc, span, lex) and not _has_members(span, lex)


def _a_persons_work(doc: Doc, actor: Actor, persons: list[tuple[int, int]]) -> bool:
    """ "Vaughn's Kingsman prequel": one word spaCy called a person, after another person's
    possessive and before the noun it names, is that person's work."""
    start, end = actor.mentions[0]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1 or actor.role:
        return False
    return span.root.dep_ == "compound" and _owned_by_person(
        doc, span, [p for p in persons if p != (start, end)]
    )


def _owned_by_person(doc: Doc, span: Span, persons: list[tuple[int, int]]) -> bool:
    """'Newton's Philosophiae Naturalis Principia Mathematica': a person's work or idea (the
    owner spaCy's person, or one of the document's people)."""
    i = span.start
    if i < 2 or doc[i - 1].tag_ != "POS":
        return False
    owner = doc[i - 2]
    return owner.ent_type_ == "PERSON" or any(s <= owner.idx < e for s, e in persons)


def _acts(doc: Doc, span: Span, lex: Lexicon) -> bool:
    """Does the sentence treat the one-word name in ``span`` as an actor (module docstring)?"""
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in lex.words["possessive_words"]:
        return False
    root = span.root
    if before is not None and before.lower_ == "the":
        return True
    if is_acronym(root.text) and sum(c.isalpha() for c in root.text) >= 2 and root.text.isupper():
        return True
    if root.dep_ in lex.words["acting_relations"] and root.head.lemma_ != "be":
        return True
    if root.dep_ == "poss" or (root.dep_ == "pobj" and root.head.lower_ == "by"):
        return True
    if root.dep_ == "compound" and type_from_cues(lex, root.head.text, default=""):
        return True
    if _employer(root, lex):
        return True
    return _joined_to_an_actor(root)


def _common_words_in(span: Span, lower: frozenset[str]) -> bool:
    """A name of several words one of which the document also writes in lower case ('Moon
    Rocks', 'Functional Equivalence'): made of common words, unlike a person's or most firms'."""
    return any(t.is_alpha and t.lower_ in lower for t in span)


def _has_members(span: Span, lex: Lexicon) -> bool:
    """'the chief executive of Ora Media', 'a lawyer at Bailey & Glasser', 'TD Ameritrade
    founder', 'Alpha Natural Resources, a coal company': a body people work for, or one the
    text calls a body."""
    token, doc = span.root, span.doc
    titles = lex.titles
    people = titles.role_nouns | titles.occupations | titles.offices | lex.words["member_nouns"]
    if token.dep_ == "compound" and token.head.lemma_.lower() in people:
        return True
    if token.dep_ == "pobj" and token.head.head.lemma_.lower() in people:
        return True
    before = span.start - 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    if before >= 0 and type_from_cues(lex, doc[before].text, default=""):
        return True  # 'the mining company Mopani Copper Mines', 'the organization Gender Diversity'
    described = [token.head] if token.dep_ == "appos" else []
    described += [child for child in token.children if child.dep_ == "appos"]
    return any(type_from_cues(lex, other.text, default="") for other in described)


def _employer(token: Token, lex: Lexicon) -> bool:
    """'worked for Koyoshi', 'played for Dynamos', 'joined Zentrix': where someone works."""
    words = lex.words
    if token.dep_ == "dobj":
        return token.head.lemma_.lower() in words["school_verbs"]
    preposition = token.head
    return (
        token.dep_ == "pobj"
        and preposition.lower_ in words["employment_prepositions"]
        and preposition.head.lemma_.lower() in words["employment_verbs"]
    )


def _joined_to_an_actor(token: Token) -> bool:
    """'Yahoo and Bing', 'Metro.us, Jezebel': conjoined with another organisation or person."""
    others = [token.head] if token.dep_ == "conj" else []
    others += [child for child in token.children if child.dep_ == "conj"]
    return any(other.ent_type_ in ("ORG", "PERSON") for other in others)
