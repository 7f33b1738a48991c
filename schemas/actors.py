import re

import pandera.pandas as pa
from pandera.typing import Series

from schemas import _fields

# A name as a row holds it: trimmed, one line, no control characters (a name never spans a
# line break: 'NTS Realty Holdings Limited Partnership\n' was one).
CLEAN_NAME = r"^(?![\s\S]*[\x00-\x1f\x7f-\x9f])\S(?:[\s\S]*\S)?$"

ACTOR_TYPES = {
    "person": ("a named person", "Maurizio Crivellaro"),
    "armed_group": ("a non-state armed group", "Islamic State"),
    "security_force": ("a state army, police, or state-aligned force", "Iraqi army"),
    "government": ("a state acting, a government, ministry or official body", "United States"),
    "organisation": ("UN bodies, NGOs, companies, media", "Save the Children"),
}


class ActorSchema(_fields.TracedRows):
    """One row per actor per document."""

    doc_id: Series[str] = _fields.doc_id()
    actor_id: Series[str] = pa.Field(
        str_matches=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        description="Stable id from the canonical name: the same actor gets the same id in every "
        "document, so mentions can be counted across the dataset.",
        metadata={"hxl": "#org+id", "example": "islamic-state"},
    )
    name: Series[str] = pa.Field(
        str_length={"min_value": 1},
        str_matches=CLEAN_NAME,
        description="Canonical name: the curated lexicon's name for a known actor, else the longest "
        "form of the name the document uses (with middle names: 'Eugene A. Nida'), without titles "
        "or roles ('President', 'Gen.', 'Dr.', 'spokeswoman': see `role`), on one line, trimmed.",
        metadata={"hxl": "#org+name", "example": "Islamic State"},
    )
    aliases: Series[str] = pa.Field(
        nullable=True,
        description="Every other form of the name the document uses for this one actor, separated "
        "by '; ': acronyms ('STC'), the surname or, where one person has it, the given name alone "
        "('Crivellaro', 'Kim'), shorter names of an organisation ('State Department', 'the "
        "Church'), spellings and titled forms ('Mr. Walker'). A surname two people of the "
        "document share is an alias of neither; a row never holds two actors' names. Null when "
        "there are none.",
        metadata={"hxl": "#org+name+alt", "example": "IS; Daesh; ISIL", "delimiter": "; "},
    )
    type: Series[str] = pa.Field(
        isin=list(ACTOR_TYPES),
        description="; ".join(f"`{k}`: {v[0]} (e.g. {v[1]!r})" for k, v in ACTOR_TYPES.items())
        + ". From the curated lexicon (newsfacts/lexicons/actors.toml) where the actor is in it, "
        "else from the phrase ('Iraqi army' is a security force, '<country> government' and a "
        "country that acts are governments) and cue words in the name ('Ministry', 'News Agency').",
        metadata={
            "hxl": "#org+type",
            "example": "armed_group",
            "categories": {k: v[0] for k, v in ACTOR_TYPES.items()},
        },
    )
    role: Series[str] = pa.Field(
        nullable=True,
        str_matches=CLEAN_NAME,
        description="A title or role the document gives the actor, never part of the name: the "
        "title before it ('Prime Minister', 'Gen.', 'Dr.'; titles in newsfacts/lexicons/titles.toml) "
        "or the role given beside it ('STC Country Director in Iraq'). Forms of address alone "
        "('Mr.', 'Mrs.') are no role. Null when the document gives none.",
        metadata={"hxl": "#org+role", "example": "STC Country Director in Iraq"},
    )
    start: Series[int] = _fields.start("the first mention")
    end: Series[int] = _fields.end("the first mention")
    mentions: Series[int] = pa.Field(
        ge=1,
        description="How many times the document names the actor, under any of its names.",
        metadata={"hxl": "#meta+mentions+num", "example": 24},
    )
    sentence: Series[str] = _fields.sentence()

    @pa.check("aliases")
    def aliases_well_formed(cls, aliases):
        """No empty item in the "; "-separated list, each a clean name (one line, trimmed)."""
        clean = re.compile(CLEAN_NAME)
        return aliases.map(
            lambda v: all(clean.match(item) for item in v.split(_fields.LIST_DELIMITER))
        ).astype(bool)

    class Config:
        strict = True
        unique = ["doc_id", "actor_id"]
        title = "Actors"
        description = (
            "Named persons, organisations, armed groups, security forces and "
            "governments that act, speak or are acted on; one row per actor per document, "
            "every form of its name in the document grouped in that row (docs/method-actors.md). "
            "A country is an actor (a government) only where the text makes it act; a country "
            "that is only a place is in the locations table."
        )
        metadata = {
            "primary_key": ["doc_id", "actor_id"],
            "foreign_keys": [
                {
                    "fields": ["doc_id"],
                    "reference": {"resource": "documents", "fields": ["doc_id"]},
                },
            ],
        }
