"""Names of actors: the curated lexicon (lexicons/actors.toml), countries and their adjectives,
and the normalising every lookup shares."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from newsfacts.paths import LEXICONS


def norm(name: str) -> str:
    """Key for comparing two forms of a name: case, accents, a leading 'the', a possessive."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'").lower().strip()
    s = re.sub(r"'s?$", "", s)
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"^the\s+", "", s.strip())
    return re.sub(r"\s+", " ", s).strip()


def is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(alias) <= 3 or (bool(letters) and sum(c.isupper() for c in letters) >= len(letters) - 1)


@dataclass(frozen=True)
class Known:
    canonical: str
    type: str
    country: str | None = None  # ISO code when the actor is a country's government


@dataclass
class Lexicon:
    named: dict[str, Known]  # norm(alias or name) -> Known, for case-insensitive names
    acronyms: dict[str, Known]  # exact alias -> Known, for acronyms matched as written
    pattern: re.Pattern  # every named alias and country name, longest first
    demonyms: dict[str, str]  # adjective ('Iraqi', 'North Korean') -> ISO code
    countries: dict[str, str]  # ISO code -> canonical country name
    country_names: dict[str, str]  # norm(name or alias) -> ISO code
    capitals: dict[str, str]  # norm(capital) -> ISO code
    forces: dict
    cues: dict[str, set[str]]
    title_words: set[str]
    role_nouns: set[str]


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    from newsfacts import gazetteer

    with (LEXICONS / "actors.toml").open("rb") as fh:
        data = tomllib.load(fh)
    places = gazetteer.curated()
    gaz = gazetteer.load()
    named: dict[str, Known] = {}
    acronyms: dict[str, Known] = {}
    surfaces: set[str] = set()
    for actor_type, entries in data["named"].items():
        for canonical, aliases in entries.items():
            known = Known(canonical, actor_type)
            for alias in [canonical, *aliases]:
                surfaces.add(alias)
                if is_acronym(alias):
                    acronyms[alias] = known
                else:
                    named[norm(alias)] = known
    countries: dict[str, str] = {}
    country_names: dict[str, str] = {}
    capitals: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for code, info in gaz.countries.items():
        countries[code] = info["name"]
        country_names[norm(info["name"])] = code
        if info.get("capital"):
            capitals[norm(info["capital"])] = code
        demonym = info.get("demonym") or ""
        if demonym and demonym[0].isupper() and " " not in demonym:
            demonyms.setdefault(demonym, code)
    for code, aliases in places["country_aliases"].items():
        for alias in aliases:
            if is_acronym(alias):
                acronyms.setdefault(alias, Known(countries.get(code, alias), "government", code))
            else:
                country_names[norm(alias)] = code
            surfaces.add(alias)
    demonyms.update(places["demonyms"])
    for code, name in countries.items():
        known = Known(name, "government", code)
        named.setdefault(norm(name), known)
    for key, code in country_names.items():
        named.setdefault(key, Known(countries.get(code, key), "government", code))
    surfaces |= set(countries.values())
    pattern = re.compile(r"(?<![\w-])(?:" + _alternation(surfaces) + r")(?![\w-])", re.IGNORECASE)
    cues = {k: set(v) for k, v in data["cues"].items()}
    return Lexicon(
        named,
        acronyms,
        pattern,
        demonyms,
        countries,
        country_names,
        capitals,
        data["forces"],
        cues,
        set(data["titles"]["words"]),
        set(data["titles"]["role_nouns"]),
    )


def known(lex: Lexicon, surface: str) -> Known | None:
    """The lexicon's actor for a surface form ('IS', 'the U.N.', 'Daesh'), if any."""
    surface = surface.strip()
    if surface in lex.acronyms:
        return lex.acronyms[surface]
    if is_acronym(surface):
        return None  # 'is', 'Us': acronyms only as written
    return lex.named.get(norm(surface))


def type_from_cues(lex: Lexicon, name: str, default: str = "organisation") -> str:
    words = set(norm(name).split())
    text = " " + norm(name) + " "
    for actor_type in ("armed_group", "security_force", "government", "organisation"):
        for cue in lex.cues[actor_type]:
            if (cue in words) if " " not in cue else (f" {cue} " in text):
                return actor_type
    return default


def countries_named(doc: Doc, lex: Lexicon) -> set[str]:
    """ISO codes of the countries a document names (its GPE entities)."""
    return {
        lex.country_names[norm(ent.text)]
        for ent in doc.ents
        if ent.label_ == "GPE" and norm(ent.text) in lex.country_names
    }


def person_surnames(doc: Doc) -> set[str]:
    """Words after the first of multi-word person names: 'Crivellaro' in 'Maurizio Crivellaro'
    is a person, never a place."""
    return {w for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for w in ent.text.split()[1:]}
