"""Text -> locations: named places, geocoded offline against the gazetteer.

First version: spaCy's GPE/LOC/FAC entities (and names it mislabels that the gazetteer knows
after a locative preposition), one row per place, the gazetteer's most likely candidate.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsfacts.extract.common import sentence_at, sentence_text, slug
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
            rows.append({
                "location_id": loc.location_id, "name": loc.name, "aliases": list(loc.aliases),
                "kind": p.kind if p else "unknown",
                "geonames_id": p.geonames_id if p else None,
                "country_code": p.country_code if p else None,
                "latitude": p.latitude if p else None, "longitude": p.longitude if p else None,
                "match": loc.match, "confidence": loc.confidence,
                "start": start, "end": end, "mentions": len(loc.mentions),
                "sentence": sentence_text(sentence_at(self.doc, start)),
            })
        return rows


_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_LOCATIVE = {"in", "at", "near", "from", "to", "of", "into", "toward", "towards", "across"}


def extract_locations(doc: Doc, gazetteer: Gazetteer) -> PlaceIndex:
    by_id: dict[str, Location] = {}
    for ent in doc.ents:
        surface = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        if not surface:
            continue
        candidates = gazetteer.lookup(surface)
        if ent.label_ not in _PLACE_LABELS:
            before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if not (candidates and before in _LOCATIVE and ent.label_ in ("PERSON", "ORG")):
                continue
        place = candidates[0] if candidates else None
        if place is not None:
            location_id = f"geonames:{place.geonames_id}"
            match = "exact" if place.name == surface else "alternate"
            confidence = 0.9 if len(candidates) == 1 else 0.7
        else:
            location_id, match, confidence = f"name:{slug(surface)}", "none", 0.0
        loc = by_id.get(location_id)
        if loc is None:
            loc = by_id[location_id] = Location(location_id, surface, place, match, confidence)
        elif surface != loc.name and surface not in loc.aliases:
            loc.aliases.append(surface)
        start = ent.end_char - len(surface)
        loc.mentions.append((start, ent.end_char))
    for loc in by_id.values():
        if loc.place and loc.place.name != loc.name and loc.place.name not in loc.aliases:
            loc.aliases.append(loc.place.name)
    return PlaceIndex(doc, sorted(by_id.values(), key=lambda loc: min(loc.mentions)))
