"""Text -> actors: named persons, organisations, armed groups, security forces and governments.

Mentions come from four places, the longest winning where they overlap:
- the curated lexicon (lexicons/actors.toml): named groups and bodies with their aliases
  ('IS', 'Daesh' -> Islamic State), and countries, which are actors (governments) only where the
  text makes one act: a doer of a verb that is not a place's ('Iraq has 40 million people' is a
  place), an agent, or the owner of a government or an official (actor_sources.py);
- a country's or people's adjective before a force noun ('Iraqi army', 'Indonesia's navy',
  'Kurdish forces'): the country's security forces, or a named branch; '<adjective> government'
  is the country's government (actor_sources.py);
- names defined with an acronym in brackets ('Save the Children (STC)'), then the acronym alone
  (actor_sources.py);
- spaCy's PERSON and ORG entities (actor_entities.py), cut at line breaks and list separators,
  hyphenated parts kept whole, brackets balanced, without titles (kept as the role,
  actor_titles.py, lexicons/titles.toml), possessives, and names that are no actors' (places,
  by the places extractor's test handed in; events, works, prizes, buildings, storms, diseases:
  actor_not_names.py); and the names spaCy missed (missed_names.py).
This module mends and chooses among them and joins them into one actor per person or
organisation (actor_groups.py). The canonical name (the lexicon's, else the longest) gives the
actor_id, so one actor has one id in every document.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterator

from spacy.tokens import Doc, Token

from newsfacts.extract.actor_context import PlaceTest
from newsfacts.extract.actor_entities import entity_mentions
from newsfacts.extract.actor_evidence import without_unsupported
from newsfacts.extract.actor_groups import Actor, Mention, group_mentions, initialisms
from newsfacts.extract.actor_sources import acronym_mentions, force_mentions, lexicon_mentions
from newsfacts.extract.actor_titles import role_after
from newsfacts.extract.common import DisjointSpans, doc_text, sentence_at, sentence_text, slug
from newsfacts.extract.missed_names import (
    born_names,
    capitals_names,
    fuller_person_names,
    inverted_names,
    named_after_a_person_noun,
    named_bodies,
    speaking_names,
)
from newsfacts.extract.names import (
    Known,
    Lexicon,
    clean_name,
    known,
    lexicon,
    norm,
)
from newsfacts.extract.reporting import reporting_verbs
from newsfacts.gazetteer import Gazetteer, fold
from newsfacts.gazetteer import load as load_gazetteer


class ActorIndex:
    """The actors of one document, and the lookups figures and quotes need."""

    def __init__(self, doc: Doc, actors: list[Actor]):
        self.doc = doc
        self.actors = actors

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors)

    def __len__(self) -> int:
        return len(self.actors)

    def at(self, start: int, end: int) -> Actor | None:
        """The actor with a mention overlapping [start, end), the longest mention first."""
        best, best_len = None, 0
        for actor in self.actors:
            for s, e in actor.mentions:
                if s < end and start < e and e - s > best_len:
                    best, best_len = actor, e - s
        return best

    def by_id(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.actor_id == actor_id), None)

    def find(self, name: str) -> Actor | None:
        """The actor a surface form names: 'Crivellaro', 'STC', 'the UN', 'Islamic State', and a
        titled surname ('Mr. Walker' -> Scott K. Walker; 'Mrs. Lee' never -> a Mr. Lee)."""
        if not name or not name.strip():
            return None
        key = norm(name)
        for actor in self.actors:
            if key == norm(actor.name) or any(key == norm(a) for a in actor.aliases):
                return actor
        entry = known(lexicon(), name)
        if entry is not None:
            found = self.by_id(slug(initialisms(entry.canonical)))
            if found is not None:
                return found
        return _find_person(self.actors, name)

    def rows(self) -> list[dict]:
        rows = []
        for actor in self.actors:
            start, end = min(actor.mentions)
            rows.append(
                {
                    "actor_id": actor.actor_id,
                    "name": actor.name,
                    "aliases": list(actor.aliases),
                    "type": actor.type,
                    "role": actor.role,
                    "start": start,
                    "end": end,
                    "mentions": len(actor.mentions),
                    "sentence": sentence_text(sentence_at(self.doc, start)),
                }
            )
        return rows


def _find_person(actors: list[Actor], name: str) -> Actor | None:
    """A person by a surname, with or without a title: the one person of that surname whose sex,
    where the title tells one, agrees; None when it names two people."""
    words = name.split()
    lex = lexicon()
    sex = ""
    while len(words) > 1 and lex.titles.is_title(words[0]):
        sex = sex or lex.titles.sex(words[0])
        words = words[1:]
    key = norm(" ".join(words))
    if not key:
        return None
    persons = [a for a in actors if a.type == "person" and not (sex and a.sex and a.sex != sex)]
    found = [a for a in persons if key in {norm(n).split()[-1] for n in (a.name, *a.aliases) if norm(n)}]
    if not found:  # a family name written first ('Kim' of 'Kim Jong-un')
        found = [a for a in persons if len(a.name.split()) > 1 and norm(a.name).split()[0] == key]
    return found[0] if len(found) == 1 else None


def extract_actors(
    doc: Doc, gazetteer: Gazetteer | None = None, *, is_place: PlaceTest | None = None
) -> ActorIndex:
    """Named actors of a parsed document, one per actor, joined under a canonical name.
    ``is_place`` tells names spaCy mislabels as persons or organisations that are places (with
    the gazetteer, loaded if not given); without it no name is taken for a place."""
    if not doc_text(doc).strip():
        return ActorIndex(doc, [])
    lex = lexicon()
    found: list[Mention] = []
    found += lexicon_mentions(doc, lex)
    found += force_mentions(doc, lex)
    found += acronym_mentions(doc, lex)
    places = (gazetteer or load_gazetteer(), is_place) if is_place is not None else None
    entities, things = entity_mentions(doc, lex, places)
    found += entities
    found += fuller_person_names(doc, lex, [m for m in found if m.type == "person" and m.source == "entity"])
    found += speaking_names(doc, lex, _speaking_verbs(lex), found)
    found += named_after_a_person_noun(doc, lex)
    found += named_bodies(doc, lex)
    found += capitals_names(doc, lex, [m for m in found if m.type == "person"])
    born = born_names(doc, lex)  # a person's name, whatever spaCy labelled it
    found = [
        m for m in found if m.type == "person" or not any(b.start <= m.start and m.end <= b.end for b in born)
    ]
    inverted = inverted_names(
        doc, lex, _place_name(places[0]) if places else None
    )  # 'Achebe, Chinua': one person, whatever spaCy made of each word
    found = [m for m in found if not any(b.start < m.end and m.start < b.end for b in inverted)]
    found += born + inverted
    accepted = [m for m in (_well_formed(doc, m, lex) for m in _without_overlaps(found)) if m is not None]
    accepted = [m for m in accepted if m.country is None or _country_acts(doc, lex, accepted, m)]
    for m in accepted:
        if m.type == "person" and m.role is None:
            m.role = role_after(doc, m.end, lex)
    actors = group_mentions(doc, accepted, lex, _place_name(places[0]) if places else None, things)
    actors = without_unsupported(doc, actors, lex, _speaking_verbs(lex))
    actors.sort(key=lambda a: min(a.mentions))
    return ActorIndex(doc, actors)


# a city this large is a place a reader knows by name ('Buffalo', 'Lyon'); a smaller town named
# like a surname ('Whitman', 'Holt') does not make the surname a place
_KNOWN_CITY = 100_000


def _speaking_verbs(lex: Lexicon) -> frozenset[str]:
    """The verbs whose subject says or tells something: the reporting verbs that mark a
    statement (lexicons/reporting.toml), and those of actors.toml ('interview')."""
    verbs = frozenset(lemma for lemma, kinds in reporting_verbs().content.items() if kinds)
    return verbs | lex.words["speaking_verbs"]


def _place_name(gazetteer: Gazetteer) -> Callable[[str], bool]:
    """Is a word the name of a country, region or large city ('Australia', 'Manitoba', 'Buffalo'),
    spelt as the gazetteer spells it (not 'Hill' for Al Hillah, 'Malle' for Male)? Answers are
    kept for the gazetteer's life: the same names come back in every document."""
    lex = lexicon()
    cache = _PLACE_NAMES.setdefault(gazetteer, {})

    def is_place(name: str) -> bool:
        found = cache.get(name)
        if found is None:
            key = fold(name)
            found = cache[name] = norm(name) in lex.country_names or any(
                fold(p.name) == key
                and (p.kind in ("country", "region") or (p.kind == "city" and p.population >= _KNOWN_CITY))
                for p in gazetteer.lookup(name)[:1]
            )
            if len(cache) > 100_000:
                cache.clear()
        return found

    return is_place


_PLACE_NAMES: weakref.WeakKeyDictionary[Gazetteer, dict[str, bool]] = weakref.WeakKeyDictionary()


# --- mending and choosing mentions ------------------------------------------------------------


def _well_formed(doc: Doc, m: Mention, lex: Lexicon) -> Mention | None:
    """A name spaCy cut or glued badly, mended or dropped: an unclosed bracket and what follows
    it go ('Virginia Governor(s' -> 'Virginia Governor', 'World Health Organisation (WHO' ->
    'World Health Organisation'), so do a trailing '&' or form of address ('Kermie Worm & Mr.')
    and a trailing 'No' of a number ('Holland Lodge No'); a name that starts with a possessive's
    's ('’s Man'), ends in a hyphen ('Command-in-') or has not two letters or digits is none."""
    if m.source != "entity":
        return m
    surface = doc_text(doc)[m.start : m.end]
    prefix = surface[: surface.rfind("(")] if surface.count("(") > surface.count(")") else surface
    prefix = prefix.rstrip()
    while " " in prefix:
        last = prefix.rsplit(None, 1)[-1]
        if not (
            last in ("&", "-") or last.lower() in lex.titles.honorifics or last in lex.words["number_words"]
        ):
            break
        prefix = prefix[: len(prefix) - len(last)].rstrip()
    kept = clean_name(prefix)
    if (
        not kept
        or re.match(r"['’]s\b", kept)
        or kept.endswith(("-", "–"))
        or sum(c.isalnum() for c in kept) < 2
    ):
        return None
    if len(prefix) < len(surface.rstrip()):
        if m.canonical == clean_name(surface):
            m.canonical = kept
        m.end = m.start + len(prefix)
    return m


def _without_overlaps(found: list[Mention]) -> list[Mention]:
    rank = {"acronym": 0, "force": 1, "lexicon": 2, "entity": 3}
    found.sort(key=lambda m: (-(m.end - m.start), rank[m.source], m.start))
    taken = DisjointSpans()
    out = []
    for m in found:
        if taken.overlaps(m.start, m.end):
            continue
        taken.add(m.start, m.end)
        out.append(m)
    out.sort(key=lambda m: m.start)
    return out


def _country_acts(doc: Doc, lex: Lexicon, mentions: list[Mention], mention: Mention) -> bool:
    """A country is an actor (its government) when one of its mentions acts; a country that is
    only where things happen is a place, for the locations table."""
    for m in mentions:
        if m.country != mention.country:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        if _acts(span.root, lex):
            return True
    return False


def _acts(token: Token, lex: Lexicon) -> bool:
    seen = 0
    while token.dep_ == "conj" and seen < 5:
        token, seen = token.head, seen + 1
    words = lex.words
    if token.dep_ in words["acting_relations"]:
        verb = token.head  # 'Myanmar is mainly Buddhist' describes a place; 'the US has to act' acts
        return verb.lemma_.lower() not in words["place_verbs"] or (
            verb.lemma_ != "be" and any(child.dep_ == "xcomp" for child in verb.children)
        )
    if token.dep_ == "pobj" and token.head.lower_ == "by":
        return token.head.dep_ == "agent" or token.head.head.pos_ == "VERB"
    if (
        token.dep_ == "pobj" and token.head.lower_ == "of"
    ):  # 'the Government of Peru', not 'the President of Peru'
        return token.head.head.lower_ in words["bodies_of_a_country"]
    return bool(token.dep_ == "poss" and token.head.lower_ in words["owned_nouns"])


__all__ = ["Actor", "ActorIndex", "Known", "PlaceTest", "extract_actors"]
