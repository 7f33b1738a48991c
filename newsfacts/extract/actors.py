"""Text -> actors: named persons, organisations, armed groups, security forces and governments.

Mentions come from four places, the longest winning where they overlap:
- the curated lexicon (lexicons/actors.toml): named groups and bodies with their aliases
  ('IS', 'Daesh' -> Islamic State), and countries, which are actors (governments) only where the
  text makes one act: subject, agent, or the owner of a government or an official;
- a country's or people's adjective before a force noun ('Iraqi army', 'Indonesia's navy',
  'Kurdish forces'): the country's security forces, or a named branch; '<adjective> government'
  is the country's government;
- names defined with an acronym in brackets ('Save the Children (STC)'), then the acronym alone;
- spaCy's PERSON and ORG entities, without titles (kept as the role), possessives and names of
  places after a locative preposition (spaCy often calls a town a person).
Mentions are then joined within the document: a surname to the full name, an organisation's
shorter name to the longer one. The canonical name (the lexicon's, else the longest) gives the
actor_id, so one actor has one id in every document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsfacts.extract.common import DisjointSpans, doc_text, sentence_at, sentence_text, slug
from newsfacts.extract.locations import looks_like_place
from newsfacts.extract.names import (
    Known,
    Lexicon,
    countries_named,
    is_acronym,
    known,
    lexicon,
    norm,
    person_surnames,
    type_from_cues,
)
from newsfacts.gazetteer import Gazetteer
from newsfacts.gazetteer import load as load_gazetteer


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

    def find(self, name: str) -> Actor | None:
        """The actor a surface form names: 'Crivellaro', 'STC', 'the UN', 'Islamic State'."""
        if not name or not name.strip():
            return None
        key = norm(name)
        for actor in self.actors:
            if key == norm(actor.name) or any(key == norm(a) for a in actor.aliases):
                return actor
        entry = known(lexicon(), name)
        if entry is not None:
            found = self.by_id(slug(_initialisms(entry.canonical)))
            if found is not None:
                return found
        for actor in self.actors:  # a surname alone
            if actor.type == "person" and key and norm(actor.name).split()[-1:] == [key]:
                return actor
        return None

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


@dataclass
class _Mention:
    start: int
    end: int
    canonical: str
    type: str
    source: str  # lexicon, force, acronym, entity
    country: str | None = None  # set for a country's mention: it is an actor only if it acts
    role: str | None = None


_ACTING_DEPS = {"nsubj", "nsubjpass", "agent", "csubj"}
_OWNED = {
    "government",
    "minister",
    "president",
    "army",
    "military",
    "forces",
    "navy",
    "leader",
    "officials",
    "official",
    "ministry",
    "spokesman",
    "spokesperson",
    "police",
    "embassy",
    "authorities",
    "troops",
    "prime",
    "foreign",
    "king",
    "parliament",
    "cabinet",
}
_CONNECTORS = {"of", "the", "for", "and", "de", "du", "des", "la", "al", "el", "on", "in", "&"}


def extract_actors(doc: Doc, gazetteer: Gazetteer | None = None) -> ActorIndex:
    """Named actors of a parsed document, one per actor, joined under a canonical name. The
    gazetteer (loaded if not given) tells names spaCy mislabels as persons or organisations
    that are places."""
    if not doc_text(doc).strip():
        return ActorIndex(doc, [])
    lex = lexicon()
    found: list[_Mention] = []
    found += _lexicon_mentions(doc, lex)
    found += _force_mentions(doc, lex)
    found += _acronym_mentions(doc, lex)
    found += _entity_mentions(doc, lex, gazetteer or load_gazetteer())
    accepted = _without_overlaps(found)
    accepted = [m for m in accepted if m.country is None or _country_acts(doc, accepted, m)]
    actors = _group(doc, accepted)
    _add_surnames(doc, actors)
    actors = _merge_short_names(actors)
    actors.sort(key=lambda a: min(a.mentions))
    return ActorIndex(doc, actors)


# --- finding mentions -----------------------------------------------------------------------


def _lexicon_mentions(doc: Doc, lex: Lexicon) -> list[_Mention]:
    text = doc_text(doc)
    out = []
    for m in lex.pattern.finditer(text):
        surface = m.group(0)
        entry = known(lex, surface)
        if entry is None:
            continue
        if not is_acronym(surface) and not (surface[0].isupper() or surface[:3].lower() in ("al-", "al ")):
            continue
        if entry.country and _after_capitalised_word(text, m.start()):
            continue  # 'Latin America', 'New South Wales'
        out.append(_Mention(m.start(), m.end(), entry.canonical, entry.type, "lexicon", entry.country))
    return out


def _after_capitalised_word(text: str, start: int) -> bool:
    before = text[max(0, start - 30) : start]
    word = re.search(r"([A-Za-z]+)\s$", before)
    if not word or not word.group(1)[0].isupper():
        return False
    ahead = before[: word.start()].rstrip()
    return (
        bool(ahead)
        and ahead[-1] not in '.!?\n"“:'
        and word.group(1)
        not in ("In", "The", "And", "But", "By", "From", "With", "For", "As", "If", "When", "While")
    )


def _force_pattern(lex: Lexicon) -> re.Pattern:
    cached = getattr(lex, "_force_re", None)
    if cached is not None:
        return cached
    adjectives = set(lex.demonyms) | set(lex.forces["groups"])
    names = {name for name in lex.countries.values()} | {a for a in _country_aliases(lex) if not a.islower()}
    nouns = list(lex.forces["nouns"]) + list(lex.forces["branches"]) + ["government"]
    alt = "|".join(re.escape(w) for w in sorted(nouns, key=len, reverse=True))
    owner = (
        "(?:"
        + "|".join(re.escape(a) for a in sorted(adjectives, key=len, reverse=True))
        + "|(?:"
        + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        + r")(?:'s|’s)?)"
    )
    pattern = re.compile(r"(?<![\w-])(" + owner + r")\s+(?i:(" + alt + r"))(?![\w-])")
    object.__setattr__(lex, "_force_re", pattern)
    return pattern


def _country_aliases(lex: Lexicon) -> set[str]:
    return {a for a, k in lex.acronyms.items() if k.country} | {"Britain", "America"}


def _country_of_owner(lex: Lexicon, owner: str) -> str | None:
    owner = re.sub(r"['’]s$", "", owner)
    if owner in lex.demonyms:
        return lex.demonyms[owner]
    if owner in lex.acronyms and lex.acronyms[owner].country:
        return lex.acronyms[owner].country
    return lex.country_names.get(norm(owner))


def _force_mentions(doc: Doc, lex: Lexicon) -> list[_Mention]:
    out = []
    branches = {k.lower(): v for k, v in lex.forces["branches"].items()}
    groups = lex.forces["groups"]
    for m in _force_pattern(lex).finditer(doc_text(doc)):
        owner, noun = m.group(1), m.group(2).lower()
        start = m.start()
        if owner in groups:
            adjective, code = owner, None
            canonical = groups[owner] if noun not in branches else f"{owner} {branches[noun]}"
            out.append(_Mention(start, m.end(), canonical, "security_force", "force"))
            continue
        code = _country_of_owner(lex, owner)
        if code is None or code not in lex.countries:
            continue
        if noun == "government":
            out.append(_Mention(start, m.end(), lex.countries[code], "government", "force"))
            continue
        adjective = _demonym(lex, code)
        if noun in branches:
            canonical = f"{adjective} {branches[noun]}"
        else:
            canonical = lex.forces["national"].get(code) or f"{adjective} security forces"
        out.append(_Mention(start, m.end(), canonical, "security_force", "force"))
    return out


def _demonym(lex: Lexicon, code: str) -> str:
    cache = getattr(lex, "_demonym_of", None)
    if cache is None:
        cache = {}
        for adjective, c in lex.demonyms.items():
            if adjective[0].isupper() and not is_acronym(adjective):
                cache.setdefault(c, adjective)
        object.__setattr__(lex, "_demonym_of", cache)
    return cache.get(code) or lex.countries[code]


_DEFINITION = re.compile(r"[\(\[]\s*([A-Z][A-Za-z.&\-]{1,9})\s*[\)\]]")


def _acronym_mentions(doc: Doc, lex: Lexicon) -> list[_Mention]:
    """'Save the Children (STC)' defines STC; every later 'STC' is that actor."""
    text = doc_text(doc)
    out = []
    for m in _DEFINITION.finditer(text):
        acronym = m.group(1)
        if sum(c.isupper() for c in acronym) < 2:
            continue
        name_start, name = _name_before(text, m.start(), acronym)
        if not name:
            continue
        entry = known(lex, name) or known(lex, acronym)
        if entry is not None:
            canonical, actor_type, country = entry.canonical, entry.type, entry.country
        else:
            canonical, actor_type, country = name, type_from_cues(lex, name), None
        if country:
            continue  # a country's code in brackets is not a definition of an actor
        out.append(_Mention(name_start, name_start + len(name), canonical, actor_type, "acronym"))
        for use in re.finditer(r"(?<![\w-])" + re.escape(acronym) + r"(?![\w-])", text):
            out.append(_Mention(use.start(), use.end(), canonical, actor_type, "acronym"))
    return out


def _name_before(text: str, bracket: int, acronym: str) -> tuple[int, str]:
    """The shortest run of name words before the bracket whose initials spell the acronym."""
    words = list(re.finditer(r"[\w'’\-]+", text[max(0, bracket - 120) : bracket]))
    offset = max(0, bracket - 120)
    run: list[re.Match[str]] = []
    for w in reversed(words):
        token = w.group(0)
        gap = text[offset + w.end() : (offset + run[0].start()) if run else bracket]
        if gap.strip():
            break
        if token[0].isupper() or (token.lower() in _CONNECTORS and run):
            run.insert(0, w)
        else:
            break
    letters = [c.lower() for c in acronym if c.isalpha()]
    for i in range(len(run) - 1, -1, -1):
        names = [w.group(0) for w in run[i:]]
        if names[0].lower() in _CONNECTORS or names[0][0].lower() != letters[0]:
            continue
        capitalised = [w for w in names if w[0].isupper()]
        # initials in order ('STC'), or letters of the words in order ('AMISOM')
        if len(capitalised) <= len(letters) + 1 and (
            _subsequence(letters, [w[0].lower() for w in names])
            or _subsequence(letters, list(" ".join(names).lower()))
        ):
            start = offset + run[i].start()
            return start, text[start : offset + run[-1].end()]
    return 0, ""


def _subsequence(letters: list[str], pool: list[str]) -> bool:
    it = iter(pool)
    return all(any(c == i for i in it) for c in letters)


def _entity_mentions(doc: Doc, lex: Lexicon, gaz: Gazetteer) -> list[_Mention]:
    context = countries_named(doc, lex)
    surnames = person_surnames(doc)
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "GPE"):
            continue
        tokens = list(ent)
        while tokens and tokens[0].lower_ in ("the", "a", "an"):
            tokens = tokens[1:]
        while tokens and tokens[-1].text in ("'s", "’s", "'", "’"):
            tokens = tokens[:-1]
        role_tokens = []
        if ent.label_ == "PERSON":
            while len(tokens) > 1 and (
                tokens[0].lower_.rstrip(".") in lex.title_words or tokens[0].text == "-"
            ):
                role_tokens.append(tokens.pop(0))
        while len(tokens) > 1 and tokens[-1].lower_ in lex.role_nouns:
            tokens = tokens[:-1]
        if not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        surface = doc_text(doc)[start:end]
        if not any(c.isalpha() for c in surface):
            continue
        entry = known(lex, surface)
        if entry is None and ent.root.dep_ in _ACTING_DEPS and ent.root.head.lemma_ != "be":
            code = lex.capitals.get(norm(surface))
            if code:  # 'Pyongyang said', 'Washington warned': the country's government
                out.append(_Mention(start, end, lex.countries[code], "government", "entity"))
                continue
        if ent.label_ == "GPE":
            continue  # a country acting is found from the lexicon; other GPEs are places
        if entry is not None:
            out.append(_Mention(start, end, entry.canonical, entry.type, "entity", entry.country))
            continue
        if len(tokens) == 1 and tokens[0].lower_ in lex.title_words:
            continue  # 'State' of 'Secretary of State'
        if surface not in surnames and looks_like_place(doc, gaz, tokens, surface, context):
            continue
        before = doc[tokens[0].i - 1].lower_ if tokens[0].i > 0 else ""
        if ent.label_ == "PERSON" or (
            before in lex.role_nouns and len(tokens) >= 2 and all(t.is_title for t in tokens)
        ):
            # 'WFP spokeswoman Leni Kinzli': a name after a role is a person's, whatever spaCy says
            role = " ".join(t.text for t in role_tokens).replace(" - ", "-") or None
            out.append(_Mention(start, end, surface, "person", "entity", role=role))
        else:
            actor_type = type_from_cues(lex, surface)
            canonical = surface
            owner = _possessor_country(doc, tokens[0].i, lex)
            if owner and actor_type in ("government", "security_force"):
                canonical = f"{_demonym(lex, owner)} {surface}"  # one id per country's ministry
            out.append(_Mention(start, end, canonical, actor_type, "entity"))
    return out


def _possessor_country(doc: Doc, first: int, lex: Lexicon) -> str | None:
    """'Russia's Defence Ministry' -> RU."""
    if first < 2 or doc[first - 1].text not in ("'s", "’s"):
        return None
    for width in (1, 2, 3):
        if first - 1 - width < 0:
            break
        owner = doc[first - 1 - width : first - 1].text
        code = lex.country_names.get(norm(owner)) or (
            lex.acronyms[owner].country if owner in lex.acronyms else None
        )
        if code:
            return code
    return None


def _without_overlaps(found: list[_Mention]) -> list[_Mention]:
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


def _country_acts(doc: Doc, mentions: list[_Mention], mention: _Mention) -> bool:
    """A country is an actor (its government) when one of its mentions acts."""
    for m in mentions:
        if m.country != mention.country:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        if _acts(span.root):
            return True
    return False


def _acts(token) -> bool:
    seen = 0
    while token.dep_ == "conj" and seen < 5:
        token, seen = token.head, seen + 1
    if token.dep_ in _ACTING_DEPS:
        return token.head.lemma_ != "be"  # 'Myanmar is mainly Buddhist' describes a place
    if token.dep_ == "pobj" and token.head.lower_ == "by":
        return True
    return bool(token.dep_ == "poss" and token.head.lower_ in _OWNED)


# --- joining mentions into actors -----------------------------------------------------------


def _group(doc: Doc, mentions: list[_Mention]) -> list[Actor]:
    by_id: dict[str, Actor] = {}
    for m in mentions:
        surface = doc_text(doc)[m.start : m.end]
        actor_id = slug(_initialisms(m.canonical))
        actor = by_id.get(actor_id)
        if actor is None:
            actor = by_id[actor_id] = Actor(actor_id, m.canonical, m.type)
        if m.type == "person" and len(m.canonical) > len(actor.name):
            actor.aliases.append(actor.name)
            actor.name = m.canonical
        actor.add(surface, m.start, m.end)
        if actor.role is None:
            actor.role = m.role or (_role_after(doc, m.end) if m.type == "person" else None)
    for actor in by_id.values():
        actor.aliases = [a for a in actor.aliases if a != actor.name]
    return list(by_id.values())


def _initialisms(name: str) -> str:
    """'U.S. State Department' -> 'US State Department', so both spellings get one id."""
    return re.sub(r"\b((?:[A-Z]\.){2,})", lambda m: m.group(1).replace(".", ""), name)


def _role_after(doc: Doc, end: int) -> str | None:
    """', STC Country Director in Iraq' after a person's name: the role it gives."""
    lex = lexicon()
    span = doc.char_span(end, min(len(doc_text(doc)), end + 1), alignment_mode="expand")
    if span is None or not len(span) or span[0].text != ",":
        return _role_before(doc, end, lex)
    words = []
    for token in doc[span[0].i + 1 : span[0].i + 12]:
        if token.text in (",", ".", ";", ":", '"', "“", "”", "(") or token.pos_ in ("VERB", "AUX"):
            break
        words.append(token)
    while words and words[0].lower_ in ("the", "a", "an"):
        words.pop(0)
    if words and any(w.lower_ in lex.role_nouns for w in words):
        return doc_text(doc)[words[0].idx : words[-1].idx + len(words[-1].text)]
    return _role_before(doc, end, lex)


def _role_before(doc: Doc, end: int, lex: Lexicon) -> str | None:
    """'Malaysia's Prime Minister, Najib Razak' / 'Prime Minister Najib Razak'."""
    span = doc.char_span(max(0, end - 1), end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    i = span[0].i
    while (i > 0 and doc[i - 1].ent_iob_ == "I") or (i > 0 and doc[i].ent_iob_ == "I"):
        i -= 1
    j = i - 1
    if j >= 0 and doc[j].text == ",":
        j -= 1
    words: list[Token] = []
    while j >= 0 and (
        doc[j].text == "-"
        or (
            doc[j].lower_.rstrip(".") in lex.title_words
            and (doc[j].text[0].isupper() or doc[j].lower_ in ("of", "and"))
        )
    ):
        words.insert(0, doc[j])
        j -= 1
    while words and words[0].lower_ in ("of", "the", "and", "-"):
        words.pop(0)
    if words and any(
        w.lower_ in lex.role_nouns or w.lower_ in ("president", "minister", "general") for w in words
    ):
        return doc_text(doc)[words[0].idx : words[-1].idx + len(words[-1].text)]
    return None


def _add_surnames(doc: Doc, actors: list[Actor]) -> None:
    """'Crivellaro' after 'Maurizio Crivellaro': the same person, found even if spaCy missed it."""
    text = doc_text(doc)
    taken = [(s, e) for a in actors for s, e in a.mentions]
    persons = [a for a in actors if a.type == "person" and len(a.name.split()) >= 2]
    for actor in persons:
        last = actor.name.split()[-1]
        forms = {last}
        bare = re.sub(r"^(?:al|el|bin|ibn|ben)[-\s]", "", last, flags=re.IGNORECASE)
        if bare != last:
            forms.add(bare)
        for form in forms:
            if len(form) < 3 or not form[0].isupper():
                continue
            for m in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", text):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                actor.add(form, m.start(), m.end())
                taken.append((m.start(), m.end()))
    # 'Lopez Obrador', or a 'Guterres' spaCy called an organisation, after the full name
    lex = lexicon()
    for short in actors:
        words = short.name.split()
        if short.type == "government" or known(lex, short.name) is not None:
            continue
        full = next(
            (
                a
                for a in persons
                if a is not short
                and len(a.name.split()) > len(words)
                and a.name.split()[-len(words) :] == words
            ),
            None,
        )
        if full is not None:
            for s, e in short.mentions:
                full.add(short.name, s, e)
            short.mentions = []
    actors[:] = [a for a in actors if a.mentions]


def _merge_short_names(actors: list[Actor]) -> list[Actor]:
    """'State Department' after 'US State Department': an organisation's shorter name."""
    out: list[Actor] = []
    for actor in sorted(actors, key=lambda a: -len(a.name)):
        words = norm(actor.name).split()
        longer = next(
            (
                o
                for o in out
                if o.type == actor.type
                and actor.type != "person"
                and len(words) >= 2
                and norm(o.name).split()[-len(words) :] == words
            ),
            None,
        )
        if longer is None:
            out.append(actor)
            continue
        for alias in [actor.name, *actor.aliases]:
            if alias != longer.name and alias not in longer.aliases:
                longer.aliases.append(alias)
        for mention in actor.mentions:
            if mention not in longer.mentions:
                longer.mentions.append(mention)
    return out


__all__ = ["Actor", "ActorIndex", "Known", "extract_actors"]
