"""Text -> locations: named places, geocoded offline against the gazetteer.

Places are spaCy's GPE/LOC/FAC entities, and the names it labels PERSON or ORG after a
locative preposition ('in Hammam al-Alil', 'the town of Yeoncheon') that the gazetteer knows.
Not places: adjectives (spaCy's NORP), bare compass words ('the North'), and names inside an
actor's name ('Save the Children', 'al-Baghdadi', 'US State Department').

Each name is matched on its folded form (accents, 'al-', transliteration variants), and among
its candidates a reader's choice is made: a place in a country the document names, then a
country, a big city, a region, then the largest place. A name the gazetteer lacks keeps its
row, with null coordinates and match 'none'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsfacts.extract.common import DisjointSpans, doc_text, sentence_at, sentence_text, slug
from newsfacts.extract.names import countries_named, lexicon, person_surnames
from newsfacts.gazetteer import Gazetteer, Place


@dataclass
class Location:
    location_id: str
    name: str
    place: Place | None
    match: str
    confidence: float
    aliases: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)


class PlaceIndex:
    """The places of one document, and the lookup figures need."""

    def __init__(self, doc: Doc, locations: list[Location]):
        self.doc = doc
        self.locations = locations

    def __iter__(self):
        return iter(self.locations)

    def __len__(self):
        return len(self.locations)

    def at(self, start: int, end: int) -> Location | None:
        for loc in self.locations:
            for s, e in loc.mentions:
                if s < end and start < e:
                    return loc
        return None

    def rows(self) -> list[dict]:
        rows = []
        for loc in self.locations:
            start, end = min(loc.mentions)
            p = loc.place
            rows.append(
                {
                    "location_id": loc.location_id,
                    "name": loc.name,
                    "aliases": list(loc.aliases),
                    "kind": p.kind if p else "unknown",
                    "geonames_id": p.geonames_id if p else None,
                    "country_code": p.country_code if p else None,
                    "latitude": p.latitude if p else None,
                    "longitude": p.longitude if p else None,
                    "match": loc.match,
                    "confidence": loc.confidence,
                    "start": start,
                    "end": end,
                    "mentions": len(loc.mentions),
                    "sentence": sentence_text(sentence_at(self.doc, start)),
                }
            )
        return rows


_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_LOCATIVE = {
    "in",
    "at",
    "near",
    "from",
    "to",
    "into",
    "toward",
    "towards",
    "across",
    "outside",
    "inside",
    "around",
    "of",
    "through",
    "via",
    "between",
    "on",
    "reach",
    "reached",
    "as",
}
# nouns after a name that make it a place: 'the Rafah crossing', 'the Sambisa forest'
LANDSCAPE = {
    "crossing",
    "forest",
    "camp",
    "border",
    "river",
    "mountains",
    "valley",
    "desert",
    "lake",
    "dam",
    "bridge",
    "airport",
    "port",
    "checkpoint",
    "district",
    "province",
    "governorate",
    "county",
    "region",
    "strait",
    "sea",
    "island",
    "islands",
    "peninsula",
    "basin",
    "plain",
    "highway",
    "refugee",
}
_PLACE_NOUNS = {
    "the",
    "town",
    "city",
    "village",
    "province",
    "district",
    "region",
    "camp",
    "governorate",
    "state",
    "county",
    "port",
    "capital",
}
_REGION_NOUNS = {"state", "province", "region", "governorate", "district", "county", "oblast"}
_COMPASS = {
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north east",
    "north west",
    "south east",
    "south west",
    "the north",
    "the south",
    "the east",
    "the west",
    "west bank of",
    "centre",
    "center",
}


@dataclass
class _Name:
    start: int
    end: int
    surface: str
    label: str
    region_hint: bool = False


def extract_locations(doc: Doc, gazetteer: Gazetteer, actors=None) -> PlaceIndex:
    """Named places of a parsed document, one per place. With ``actors`` (an ActorIndex), places
    inside actors' names ('Save the Children', 'al-Baghdadi') are skipped."""
    if not doc_text(doc).strip():
        return PlaceIndex(doc, [])
    inside_actor, named_actor = _actor_spans(actors)
    names = [
        n
        for n in _place_names(doc, gazetteer)
        if not inside_actor.strictly_inside(n.start, n.end) and (n.start, n.end) not in named_actor
    ]
    looked_up = {n.surface: gazetteer.lookup_with_match(n.surface) for n in names}
    context = _document_countries(looked_up)
    by_id: dict[str, Location] = {}
    for n in names:
        candidates, how = looked_up[n.surface]
        if not candidates and n.label not in _PLACE_LABELS:
            continue
        if n.region_hint:  # 'Para state', 'Sagaing Region': the province, not its capital
            candidates = [p for p in candidates if p.kind == "region"] or candidates
        place, confidence = _choose(candidates, how, context)
        confidence = round(confidence, 2)
        if place is None:
            location_id, match = f"name:{slug(n.surface)}", "none"
        else:
            location_id = place.location_id
            match = "curated" if place.source == "curated" else how
        loc = by_id.get(location_id)
        if loc is None:
            loc = by_id[location_id] = Location(location_id, n.surface, place, match, confidence)
        elif n.surface != loc.name and n.surface not in loc.aliases:
            loc.aliases.append(n.surface)
        if (n.start, n.end) not in loc.mentions:
            loc.mentions.append((n.start, n.end))
    for loc in by_id.values():
        if loc.place and loc.place.name != loc.name and loc.place.name not in loc.aliases:
            loc.aliases.append(loc.place.name)
    return PlaceIndex(doc, sorted(by_id.values(), key=lambda loc: min(loc.mentions)))


def _actor_spans(actors) -> tuple[DisjointSpans, set[tuple[int, int]]]:
    """Every actor mention (they do not overlap), and those of persons and organisations
    (never a place themselves)."""
    spans = DisjointSpans()
    if actors is None:
        return spans, set()
    for actor in actors:
        for s, e in actor.mentions:
            spans.add(s, e)
    named = {
        (s, e)
        for actor in actors
        if actor.type in ("person", "organisation", "armed_group")
        for s, e in actor.mentions
    }
    return spans, named


def _place_names(doc: Doc, gazetteer: Gazetteer) -> list[_Name]:
    lex = lexicon()
    context = countries_named(doc, lex)
    surnames = person_surnames(doc)
    out = []
    for ent in doc.ents:
        if ent.label_ not in _PLACE_LABELS | {"PERSON", "ORG", "NORP"}:
            continue
        tokens = list(ent)
        while tokens and tokens[0].lower_ in ("the", "a"):
            tokens = tokens[1:]
        while tokens and tokens[-1].text in ("'s", "’s", "'", "’"):
            tokens = tokens[:-1]
        if not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        surface = doc_text(doc)[start:end]
        if surface.lower() in _COMPASS or not any(c.isalpha() for c in surface):
            continue
        following = doc[tokens[-1].i + 1].lower_ if tokens[-1].i + 1 < len(doc) else ""
        if following in LANDSCAPE:
            longer = doc_text(doc)[start : doc[tokens[-1].i + 1].idx + len(following)]
            if gazetteer.lookup(longer):
                out.append(_Name(start, start + len(longer), longer, "LOC"))
                continue
        if ent.label_ == "NORP" and not (
            _after_locative(doc, tokens[0].i) and surface not in lexicon().demonyms
        ):
            continue  # 'Iraqi', 'Kurdish' are adjectives; 'in Culiacan' is a misread place
        if ent.label_ in ("PERSON", "ORG") and (
            len(surface) < 3
            or surface.isupper()
            or surface in surnames
            or not looks_like_place(doc, gazetteer, tokens, surface, context)
        ):
            continue  # acronyms of organisations, people, organisations
        out.extend(
            _split_coordination(surface, start)
            if " and " in surface
            else [_Name(start, end, surface, ent.label_, following in _REGION_NOUNS)]
        )
    return out


def looks_like_place(doc: Doc, gazetteer: Gazetteer, tokens, surface: str, context: set[str]) -> bool:
    """A name spaCy called a person or organisation that is a place a reader would see:
    'in Hammam al-Alil', 'the Sambisa forest', 'hit Khan Younis', 'lost Falluja'. A subject
    that acts stays an actor; so does a name the gazetteer does not know."""
    after = tokens[-1].i + 1
    if after < len(doc) and doc[after].lower_ in LANDSCAPE:
        return True
    candidates = gazetteer.lookup(surface)
    if not candidates:
        return False
    if _after_locative(doc, tokens[0].i):
        return True
    if tokens[-1].dep_ in ("nsubj", "nsubjpass", "agent", "csubj", "appos"):
        return False
    return any(p.country_code in context or p.kind in ("country", "city") for p in candidates[:3])


def _after_locative(doc: Doc, first: int) -> bool:
    i = first - 1
    while i >= 0 and doc[i].lower_ in _PLACE_NOUNS:
        i -= 1
    if i < 0 or doc[i].lower_ not in _LOCATIVE:
        return False
    if doc[i].lower_ == "to" and i > 0 and doc[i - 1].lower_ == "according":
        return False
    if doc[i].lower_ == "as" and not (i > 0 and doc[i - 1].lower_ == "such"):
        return False
    # 'Secretary of State', 'Ministry of Interior': 'of' after a capitalised title is no place
    return not (doc[i].lower_ == "of" and i > 0 and doc[i - 1].text[:1].isupper())


def _split_coordination(surface: str, start: int) -> list[_Name]:
    """'North and South Korea' -> 'North Korea', 'South Korea'; 'Iraq and Syria' -> both."""
    m = re.fullmatch(r"(\w+) and (\w+) (\w+)", surface)
    if m:
        first = f"{m.group(1)} {m.group(3)}"
        return [
            _Name(start, start + len(m.group(1)), first, "GPE"),
            _Name(start + m.start(2), start + len(surface), surface[m.start(2) :], "GPE"),
        ]
    out = []
    for part in re.finditer(r"[^,]+?(?=\s+and\s+|,|$)", surface):
        text = part.group(0).strip()
        text = re.sub(r"^and\s+", "", text)
        if text:
            s = start + part.start() + part.group(0).index(text)
            out.append(_Name(s, s + len(text), text, "GPE"))
    return out


def _document_countries(looked_up: dict[str, tuple[list[Place], str]]) -> set[str]:
    """The countries a document is about: those it names, and those of its unambiguous places."""
    codes = set()
    for candidates, _ in looked_up.values():
        if (candidates and candidates[0].kind == "country") or (
            len(candidates) == 1 and candidates[0].country_code
        ):
            codes.add(candidates[0].country_code or "")
    return codes - {""}


def _choose(candidates: list[Place], how: str, context: set[str]) -> tuple[Place | None, float]:
    if not candidates:
        return None, 0.0
    base = {"exact": 0.95, "alternate": 0.85, "folded": 0.7}.get(how, 0.7)
    top = candidates[0]
    if top.kind == "country" or len(candidates) == 1:
        return top, base
    in_context = [p for p in candidates if p.country_code in context]
    if in_context:
        return in_context[0], base - 0.05
    if top.kind == "city" or (top.kind == "region" and top.country_code is None):
        return top, base - 0.15
    return top, base - 0.3
