"""Text -> actors: named persons, organisations, armed groups, security forces and governments.

First version: spaCy's named entities (PERSON, ORG, and GPE/NORP when they act), merged
within the document by a shared canonical key, typed from a small lexicon.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsfacts.extract.common import sentence_at, sentence_text, slug


@dataclass
class Actor:
    actor_id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of every mention

    def add(self, surface: str, start: int, end: int) -> None:
        if surface != self.name and surface not in self.aliases:
            self.aliases.append(surface)
        if (start, end) not in self.mentions:
            self.mentions.append((start, end))


class ActorIndex:
    """The actors of one document, and the lookups figures and quotes need."""

    def __init__(self, doc: Doc, actors: list[Actor]):
        self.doc = doc
        self.actors = actors

    def __iter__(self):
        return iter(self.actors)

    def __len__(self):
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

    def rows(self) -> list[dict]:
        rows = []
        for actor in self.actors:
            start, end = min(actor.mentions)
            rows.append({
                "actor_id": actor.actor_id, "name": actor.name, "aliases": list(actor.aliases),
                "type": actor.type, "role": actor.role, "start": start, "end": end,
                "mentions": len(actor.mentions),
                "sentence": sentence_text(sentence_at(self.doc, start)),
            })
        return rows


_TYPE_OF_LABEL = {"PERSON": "person", "ORG": "organisation", "GPE": "government", "NORP": None}


def extract_actors(doc: Doc) -> ActorIndex:
    """Named actors of a parsed document, one per canonical name."""
    by_key: dict[str, Actor] = {}
    for ent in doc.ents:
        actor_type = _TYPE_OF_LABEL.get(ent.label_)
        if actor_type is None:
            continue
        if ent.label_ == "GPE" and ent.root.dep_ not in ("nsubj", "nsubjpass", "pobj") :
            continue
        surface = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        key = slug(surface)
        actor = by_key.get(key)
        if actor is None:
            actor = by_key[key] = Actor(actor_id=key, name=surface, type=actor_type)
        actor.add(surface, ent.start_char + (len(ent.text) - len(surface)), ent.end_char)
    actors = sorted(by_key.values(), key=lambda a: min(a.mentions))
    return ActorIndex(doc, actors)
