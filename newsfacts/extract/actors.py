"""Text -> actors: named persons, organisations, armed groups, security forces and governments.

Mentions come from four places, the longest winning where they overlap:
- the curated lexicon (lexicons/actors.toml): named groups and bodies with their aliases
  ('IS', 'Daesh' -> Islamic State), and countries, which are actors (governments) only where the
  text makes one act: a doer of a verb that is not a place's ('Iraq has 40 million people' is a
  place), an agent, or the owner of a government or an official;
- a country's or people's adjective before a force noun ('Iraqi army', 'Indonesia's navy',
  'Kurdish forces'): the country's security forces, or a named branch; '<adjective> government'
  is the country's government;
- names defined with an acronym in brackets ('Save the Children (STC)'), then the acronym alone;
- spaCy's PERSON and ORG entities, cut at line breaks and list separators, hyphenated parts kept
  whole, brackets balanced, without titles (kept as the role, lexicons/titles.toml),
  possessives, names of places (the places extractor's test, handed in), and names of things
  that are no actors: events, works, prizes, buildings, storms, diseases.
Mentions are then joined into one actor per person or organisation (actor_groups.py). The
canonical name (the lexicon's, else the longest) gives the actor_id, so one actor has one id in
every document.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsfacts.extract.actor_evidence import without_unsupported
from newsfacts.extract.actor_groups import Actor, Mention, group_mentions, initialisms
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
    alternation,
    breaks_name,
    clean_name,
    countries_named,
    is_acronym,
    known,
    lexicon,
    lower_words,
    name_pieces,
    norm,
    person_surnames,
    type_from_cues,
)
from newsfacts.extract.reporting import reporting_verbs
from newsfacts.gazetteer import Gazetteer, fold
from newsfacts.gazetteer import load as load_gazetteer

# Tells a name spaCy called a person or organisation that is a place a reader would see
# ('in Hammam al-Alil'): (doc, gazetteer, name tokens, name, ISO codes of the countries the
# document names) -> bool. The places extractor's looks_like_place, handed in by extract_rows.
PlaceTest = Callable[[Doc, Gazetteer, list[Token], str, set[str]], bool]


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
    found += _lexicon_mentions(doc, lex)
    found += _force_mentions(doc, lex)
    found += _acronym_mentions(doc, lex)
    places = (gazetteer or load_gazetteer(), is_place) if is_place is not None else None
    entities, things = _entity_mentions(doc, lex, places)
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
        doc, _place_name(places[0]) if places else None
    )  # 'Achebe, Chinua': one person, whatever spaCy made of each word
    found = [m for m in found if not any(b.start < m.end and m.start < b.end for b in inverted)]
    found += born + inverted
    accepted = [m for m in (_well_formed(doc, m, lex) for m in _without_overlaps(found)) if m is not None]
    accepted = [m for m in accepted if m.country is None or _country_acts(doc, lex, accepted, m)]
    for m in accepted:
        if m.type == "person" and m.role is None:
            m.role = _role_after(doc, m.end, lex)
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


# --- finding mentions -----------------------------------------------------------------------


def _lexicon_mentions(doc: Doc, lex: Lexicon) -> list[Mention]:
    text = doc_text(doc)
    out = []
    for m in lex.pattern.finditer(text):
        surface = m.group(0)
        entry = known(lex, surface)
        if entry is None:
            continue
        particle = re.split(r"[-\s]", surface, maxsplit=1)[0].lower() in lex.words["name_particles"]
        if not is_acronym(surface) and not (surface[0].isupper() or particle):  # 'al-Shabab', not 'is'
            continue
        if entry.country and _after_capitalised_word(text, m.start(), lex):
            continue  # 'Latin America', 'New South Wales'
        out.append(Mention(m.start(), m.end(), entry.canonical, entry.type, "lexicon", entry.country))
    return out


def _after_capitalised_word(text: str, start: int, lex: Lexicon) -> bool:
    before = text[max(0, start - 30) : start]
    word = re.search(r"([A-Za-z]+) $", before)
    if not word or not word.group(1)[0].isupper():
        return False
    ahead = before[: word.start()].rstrip(" \t")
    return (
        bool(ahead)
        and ahead[-1] not in '.!?\n"“:'
        and word.group(1).lower() not in lex.words["clause_openers"]
    )


def _force_pattern(lex: Lexicon) -> re.Pattern:
    cached = getattr(lex, "_force_re", None)
    if cached is not None:
        return cached
    adjectives = set(lex.demonyms) | set(lex.forces["groups"])
    names = set(lex.countries.values()) | {a for a in _country_aliases(lex) if not a.islower()}
    nouns = [*lex.forces["nouns"], *lex.forces["branches"], "government"]
    alt = "|".join(re.escape(w) for w in sorted(nouns, key=len, reverse=True))
    # the thousand adjectives and names as one trie-factored alternation (longest first, as a
    # flat one would be, but not tried branch by branch at every position of the text)
    owner = (
        "(?:"
        + alternation(adjectives, case_sensitive=True)
        + "|(?:"
        + alternation(names, case_sensitive=True)
        + r")(?:'s|’s)?)"
    )
    # one space or tab between the words: a name never runs across a line break
    pattern = re.compile(
        r"(?<![\w-])(" + owner + r")[ \t]+(?i:(" + alt.replace(r"\ ", "[ \t]+") + r"))(?![\w-])"
    )
    object.__setattr__(lex, "_force_re", pattern)
    return pattern


def _country_aliases(lex: Lexicon) -> set[str]:
    return {a for a, k in lex.acronyms.items() if k.country} | set(lex.words["short_country_names"])


def _country_of_owner(lex: Lexicon, owner: str) -> str | None:
    owner = re.sub(r"['’]s$", "", owner)
    if owner in lex.demonyms:
        return lex.demonyms[owner]
    if owner in lex.acronyms and lex.acronyms[owner].country:
        return lex.acronyms[owner].country
    return lex.country_names.get(norm(owner))


def _force_mentions(doc: Doc, lex: Lexicon) -> list[Mention]:
    out = []
    branches = {k.lower(): v for k, v in lex.forces["branches"].items()}
    groups = lex.forces["groups"]
    for m in _force_pattern(lex).finditer(doc_text(doc)):
        owner, noun = m.group(1), re.sub(r"\s+", " ", m.group(2).lower())
        start = m.start()
        if owner in groups:
            canonical = groups[owner] if noun not in branches else f"{owner} {branches[noun]}"
            out.append(Mention(start, m.end(), canonical, "security_force", "force"))
            continue
        code = _country_of_owner(lex, owner)
        if code is None or code not in lex.countries:
            continue
        if noun == "government":
            out.append(Mention(start, m.end(), lex.countries[code], "government", "force"))
            continue
        adjective = _demonym(lex, code)
        if noun in branches:
            canonical = f"{adjective} {branches[noun]}"
        else:
            canonical = lex.forces["national"].get(code) or f"{adjective} security forces"
        out.append(Mention(start, m.end(), canonical, "security_force", "force"))
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


def _acronym_mentions(doc: Doc, lex: Lexicon) -> list[Mention]:
    """'Save the Children (STC)' defines STC; every later 'STC' is that actor."""
    text = doc_text(doc)
    out = []
    for m in _DEFINITION.finditer(text):
        acronym = m.group(1)
        if sum(c.isupper() for c in acronym) < 2:
            continue
        name_start, name = _name_before(text, m.start(), acronym, lex)
        if not name:
            continue
        entry = known(lex, name) or known(lex, acronym)
        if entry is not None:
            canonical, actor_type, country = entry.canonical, entry.type, entry.country
        else:
            canonical, actor_type, country = name, type_from_cues(lex, name), None
        if country or _not_an_actor(lex, name.split()):
            continue  # a country's code in brackets, or 'Millennium Development Goals (MDGs)'
        out.append(Mention(name_start, name_start + len(name), canonical, actor_type, "acronym"))
        for use in re.finditer(r"(?<![\w-])" + re.escape(acronym) + r"(?![\w-])", text):
            out.append(Mention(use.start(), use.end(), canonical, actor_type, "acronym"))
    return out


def _name_before(text: str, bracket: int, acronym: str, lex: Lexicon) -> tuple[int, str]:
    """The shortest run of name words before the bracket whose initials spell the acronym, on
    the bracket's line."""
    line_start = text.rfind("\n", 0, bracket) + 1
    offset = max(line_start, bracket - 120)
    words = list(re.finditer(r"[\w'’\-]+", text[offset:bracket]))
    connectors = lex.words["connectors"]
    run: list[re.Match[str]] = []
    for w in reversed(words):
        token = w.group(0)
        gap = text[offset + w.end() : (offset + run[0].start()) if run else bracket]
        if gap.strip():
            break
        if token[0].isupper() or (token.lower() in connectors and run):
            run.insert(0, w)
        else:
            break
    letters = [c.lower() for c in acronym if c.isalpha()]
    for i in range(len(run) - 1, -1, -1):
        names = [w.group(0) for w in run[i:]]
        if names[0].lower() in connectors or names[0][0].lower() != letters[0]:
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


@dataclass
class _Context:
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


def _entity_mentions(
    doc: Doc, lex: Lexicon, places: tuple[Gazetteer, PlaceTest] | None
) -> tuple[list[Mention], list[tuple[int, int]]]:
    """The mentions spaCy's entities make, and the spans of names found to be things that are no
    actors (works, events, laws), which no later rule takes for a form of an actor's name."""
    persons = [ent for ent in doc.ents if ent.label_ == "PERSON"]
    context = _Context(
        doc,
        lex,
        places,
        countries_named(doc, lex),
        person_surnames(doc),
        {t.text for ent in persons for t in ent if t.is_title},
        {norm(ent.text) for ent in persons},
        lower_words(doc),
    )
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "GPE"):
            continue
        for tokens in name_pieces(doc, ent.start, ent.end, lex, person=ent.label_ == "PERSON"):
            if ent.label_ == "ORG" and _ends_the_entity(doc, tokens, ent.end, lex):
                tokens = _widen_organisation(doc, tokens, lex)
            mention = _entity_mention(context, ent, tokens)
            if mention is not None:
                out.append(mention)
    return out, context.things


def _ends_the_entity(doc: Doc, tokens: list[Token], end: int, lex: Lexicon) -> bool:
    """The name ends where spaCy's entity does, or before a connector the entity ended on."""
    words = lex.words["widening_connectors"] | lex.words["widening_joiners"]
    return all(t.lower_ in words for t in doc[tokens[-1].i + 1 : end])


def _widen_organisation(doc: Doc, tokens: list[Token], lex: Lexicon) -> list[Token]:
    """An organisation's name spaCy cut at a connector ('Webber Douglas Academy' + 'of Dramatic
    Art', 'Institute of History and Philology' + 'of Academia Sinica'): the name goes on over
    'of', 'for' and capitalised words no other entity holds, where it
    names a body (an organisation's cue word). Past an 'of' or 'for' it goes on over 'and'
    where the words after it are joined to the name's last word ('Centre for Disarmament and
    Non-Proliferation', 'Centre for Internet and Society'), and into the next entity where
    spaCy's own entity ended on the connector ('Institute of History and Philology of' +
    'Academia Sinica')."""
    if not type_from_cues(lex, " ".join(t.text for t in tokens), default=""):
        return tokens
    connectors, joiners = lex.words["widening_connectors"], lex.words["widening_joiners"]
    out = list(tokens)
    k = tokens[-1].i + 1
    while k + 1 < len(doc) and (
        doc[k].lower_ in connectors
        or (doc[k].lower_ in joiners and any(t.lower_ in connectors for t in out[1:]))
    ):
        if "\n" in doc[k - 1].whitespace_ or "\n" in doc[k].whitespace_:
            break
        joined = doc[k].lower_ in joiners
        into_entity = joined or doc[k].ent_iob_ == "I"  # the connector was inside spaCy's entity
        j = k + 1
        while (
            j < len(doc)
            and (doc[j].ent_iob_ == "O" or (into_entity and doc[j].ent_type_ == "ORG"))
            and _capitalised_word(doc[j])
            and not breaks_name(doc[j])
        ):
            j += 1
            if "\n" in doc[j - 1].whitespace_:
                break
        if j == k + 1 or (
            joined and not any(t.dep_ == "conj" and t.head.i == out[-1].i for t in doc[k + 1 : j])
        ):
            break
        out += list(doc[k:j])
        k = j
    return out


def _capitalised_word(token: Token) -> bool:
    if token.text in "-\u2010\u2011":
        return not token.whitespace_ and not token.nbor(-1).whitespace_  # 'Non-Proliferation'
    return token.pos_ in ("PROPN", "NOUN", "ADJ") and token.text[:1].isupper()


def _entity_mention(c: _Context, ent: Span, tokens: list[Token]) -> Mention | None:
    """The mention a name in a spaCy entity makes, or None when it is no actor's name."""
    lex, doc = c.lex, c.doc
    before = _title_before(doc, tokens[0].i, lex, honorifics_only=ent.label_ != "PERSON")
    tokens, role_tokens = _split_title(tokens, lex, ent.label_ == "PERSON" or bool(before))
    if not tokens:
        return None
    role_tokens = before + role_tokens
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    surface = clean_name(doc_text(doc)[start:end])
    if not any(ch.isalpha() for ch in surface):
        return None
    entry = known(lex, surface)
    if entry is None and _is_subject(ent.root, lex) and ent.root.head.lemma_ != "be":
        code = lex.capitals.get(norm(surface)) if surface not in c.surnames else None
        if code:  # 'Pyongyang said', 'Washington warned': the country's government (not 'Raphael Warsaw')
            return Mention(start, end, lex.countries[code], "government", "entity")
    if ent.label_ == "GPE":
        return None  # a country acting is found from the lexicon; other GPEs are places
    body = _a_form_of_a_body(lex, tokens, surface, start, end) if entry is None else None
    if body is not None:
        return body
    if entry is not None:
        return Mention(start, end, entry.canonical, entry.type, "entity", entry.country)
    if _no_actor_name(c, ent.label_, tokens, surface, titled=bool(role_tokens)):
        return None
    role = _role_text(role_tokens, lex)
    generic = _common_words(c, tokens, ent.label_)
    named_body = generic and _written_as_a_name(doc, tokens, lex)
    cue_head = len(tokens) > 1 and type_from_cues(lex, tokens[-1].text, default="")
    person = (ent.label_ == "PERSON" and not cue_head) or _person_like(c, tokens, surface, role_tokens)
    if person and (_SPACED_INITIALS.match(surface) or _no_persons_words(tokens, lex)):
        return None  # 'S. F.' of a city, 'H. R. 1280' of a bill, 'Professors': no one's name
    if person and not any(t.is_digit for t in tokens):  # 'YouTube Rewind 2013' is no person
        written_end = end
        tokens = _without_postnominals(tokens)
        end = tokens[-1].idx + len(tokens[-1].text)
        surface = clean_name(doc_text(doc)[start:end])
        written = _written_form(doc, role_tokens, start, written_end)
        sex = next((lex.titles.sex(t.text) for t in role_tokens if lex.titles.sex(t.text)), "")
        last = role_tokens[-1:]
        title = clean_name(
            " ".join(
                t.text + ("." if t.nbor(1).text == "." else "") for t in last if lex.titles.is_title(t.text)
            )
        )
        return Mention(
            start,
            end,
            surface,
            "person",
            "entity",
            role=role,
            sex=sex,
            generic=generic,
            title=title,
            written=written if written != surface else "",
        )
    actor_type = type_from_cues(lex, surface)
    canonical = surface
    owner = _possessor_country(doc, tokens[0].i, lex)
    if owner and actor_type in ("government", "security_force"):
        canonical = f"{_demonym(lex, owner)} {surface}"  # one id per country's ministry
    return Mention(start, end, canonical, actor_type, "entity", generic=generic, named_body=named_body)


def _a_form_of_a_body(
    lex: Lexicon, tokens: list[Token], surface: str, start: int, end: int
) -> Mention | None:
    """'the Government of the Republic of Albania' is Albania's government; 'the 117th
    Congress', 'the 20th Knesset' are the body in one of its terms, one row with it."""
    code = _government_of(lex, surface)
    if code:
        return Mention(start, end, lex.countries[code], "government", "entity")
    if (
        len(tokens) == 2
        and _ORDINAL.fullmatch(tokens[0].lower_)
        and tokens[1].lower_ in lex.words["institutions"]
    ):
        return Mention(start, end, tokens[1].text, type_from_cues(lex, tokens[1].text), "entity")
    return None


def _government_of(lex: Lexicon, surface: str) -> str | None:
    """'Government of Kenya', 'Government of the Republic of Albania', 'Government of the
    Federal Democratic Republic of Ethiopia' -> the country's code; the state's own name before
    its last 'of' may be anything ('Government of National Unity' names no country)."""
    words = surface.split()
    if len(words) < 3 or words[0].lower() not in lex.words["government_nouns"] or words[1] != "of":
        return None
    rest = words[2:]
    tails = [rest] + [rest[k + 1 :] for k, w in enumerate(rest) if w == "of"]
    return next(
        (lex.country_names[norm(" ".join(t))] for t in tails if norm(" ".join(t)) in lex.country_names), None
    )


def _no_persons_words(tokens: list[Token], lex: Lexicon) -> bool:
    """Words spaCy called a person's that are no one's name: a gerund opening it ('Browsing the
    catalog', 'Closing Loopholes and ...'), or one plural of a title or an occupation ('Ivy
    League elites and Professors')."""
    first = tokens[0]
    if first.tag_ == "VBG" and first.pos_ == "VERB":
        return True
    if len(tokens) != 1 or first.tag_ not in ("NNS", "NNPS") or not first.lower_.endswith("s"):
        return False
    singular = first.lower_[:-1]
    titles = lex.titles
    return titles.is_title(singular) or singular in titles.occupations or singular in titles.role_nouns


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_SPACED_INITIALS = re.compile(r"^[A-Z]\.(?: [A-Z]\.)+(?: \d+)?$")  # 'S. F.', 'H. R. 1280'


def _no_actor_name(c: _Context, label: str, tokens: list[Token], surface: str, titled: bool = False) -> bool:
    """A name that is no actor's: only titles ('Madam Speaker', 'Earl of Clare'), a suffix
    ('Jr.'), a thing that does not act, a work, a place (never a name after a person's title:
    'Senator Hatfield')."""
    lex, doc = c.lex, c.doc
    words = [t for t in tokens if not t.like_num and not re.fullmatch(r"\d+(st|nd|rd|th)", t.lower_)]
    ordinal = len(words) < len(tokens)
    titles = lex.titles

    def title(t: Token) -> bool:
        return titles.is_title(t.text) or (t.lower_ in titles.nobility and (ordinal or len(words) > 2))

    if not words or all(title(t) or t.lower_ in titles.joiners for t in words):
        return True  # 'State' of 'Secretary of State', '1st Earl'
    if len(words) > 2 and title(words[0]) and words[1].lower_ == "of":
        return True  # 'Earl of Clare', 'Chair of the Judiciary Committee': a title, not a name
    if len(tokens) == 1 and tokens[0].lower_.rstrip(".") in lex.words["name_suffixes"]:
        return True
    if (
        _not_an_actor(lex, [t.text for t in tokens])
        or _names_a_work(doc, tokens, lex, label)
        or _in_a_longer_name(doc, tokens, lex)  # 'George Floyd Justice' of the '... in Policing Act'
    ):
        c.things.append((tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)))
        return True
    if any(t.lower_ in lex.words["case_separators"] for t in tokens[1:-1]):
        return True  # 'Brown v. Board of Education': a court case
    if label != "PERSON" and (tokens[-1].pos_ == "ADJ" or _ends_in_a_common_noun(lex, tokens)):
        return True  # 'Euro-Atlantic', 'Biblical', 'Rector of the university': a name ends in a name
    if c.places is None or surface in c.surnames or titled or norm(surface) in lex.words["institutions"]:
        return False  # 'in the Congress' is the body, whatever town the gazetteer calls Congress
    if _kin_of(doc, tokens[0].i, lex) or _written_as_a_name(doc, tokens, lex) or _a_school(lex, tokens):
        return False  # 'the son of Riley', 'submitted to the Academy', 'attend the University of
        # Texas': whatever town has the name
    gazetteer, is_place = c.places
    if _a_places_part(c, tokens, gazetteer):
        return True  # 'born in Exeter, Devon', '― Amina Yusuf, Kano': a place, not a person
    if label == "ORG" and _owns_or_does(doc[tokens[0].i : tokens[-1].i + 1].root):
        return False  # "Google's response", 'support by Google': a body, whatever town has the name
    return is_place(doc, gazetteer, tokens, surface, c.countries) or (
        label == "ORG" and _one_word_town(c, tokens, gazetteer, surface)
    )


def _one_word_town(c: _Context, tokens: list[Token], gazetteer: Gazetteer, surface: str) -> bool:
    """One word spaCy calls an organisation that the gazetteer knows as a city or region, no cue
    makes an organisation and no person of the document bears ('Thrace'); persons keep their
    place-like names ('Anna Lyon')."""
    lex, word = c.lex, tokens[0]
    return (
        not _after_title_the(c.doc, word.i)
        and len(tokens) == 1
        and word.lower_ not in lex.words["generic_names"]
        and word.lower_ not in lex.words["institutions"]
        and word.text not in c.person_words
        and not type_from_cues(lex, surface, default="")
        and any(p.kind in ("country", "region", "city") for p in gazetteer.lookup(surface)[:3])
    )


def _a_places_part(c: _Context, tokens: list[Token], gazetteer: Gazetteer) -> bool:
    """One word the gazetteer knows as a country, region or town, written after a comma where
    addresses put a place: after a place ('born in Exeter, Devon', 'in Kibbutz Kinneret,
    Tiberias') or after a person at the end of a line, as a letter or a reader's comment is
    signed ('― Amina Yusuf, Kano'); or the territory of a title ('1st Earl of Snowdon'). A word
    of a person's full name in the document stays that person's ('Lincoln' beside 'Abraham
    Lincoln'), and so does one that owns or does something ('on Obama, Obama's adviser')."""
    doc, lex = c.doc, c.lex
    word = tokens[0]
    if len(tokens) != 1 or word.i < 2 or word.text in c.surnames:
        return False
    before = doc[word.i - 1]
    territory = before.lower_ == "of" and doc[word.i - 2].lower_ in lex.titles.nobility
    if territory:
        return True
    key = fold(word.text)
    if (
        before.text != ","
        or word.dep_ == "poss"
        or _is_subject(word, lex)
        or not any(fold(p.name) == key and p.kind != "site" for p in gazetteer.lookup(word.text)[:3])
    ):
        return False
    anchor = doc[word.i - 2]
    if anchor.ent_type_ in ("GPE", "LOC", "FAC") or (
        word.dep_ == "appos"
        and word.head.dep_ == "pobj"
        and word.head.head.lower_ in lex.words["locative_prepositions"]
    ):
        return True
    line_end = word.i + 1 == len(doc) or "\n" in word.whitespace_ or doc[word.i + 1].is_space
    return line_end and anchor.ent_type_ == "PERSON"


def _a_school(lex: Lexicon, tokens: list[Token]) -> bool:
    """A name of several words with a school's cue word ('University of Texas', 'Ohio State
    University'): a body, even where a town or an airport has the name."""
    return len(tokens) > 1 and any(t.lower_ in lex.words["school_words"] for t in tokens)


def _ends_in_a_common_noun(lex: Lexicon, tokens: list[Token]) -> bool:
    """'Rector of the university': a common noun after 'of the', no body's name (not
    'Republican party', 'House of Commons trade committee': a body's cue word may be lower case)."""
    return (
        len(tokens) > 3
        and tokens[-1].is_lower
        and tokens[-1].pos_ == "NOUN"
        and tokens[-2].lower_ in lex.words["determiners"]
        and tokens[-3].lower_ in lex.words["widening_connectors"]
    )


def _owns_or_does(root: Token) -> bool:
    """A name that owns something or is the agent of a passive: what a body does, not a place."""
    return root.dep_ in ("poss", "agent") or (root.dep_ == "pobj" and root.head.lower_ == "by")


def _common_words(c: _Context, tokens: list[Token], label: str) -> bool:
    """A name made of common words ('Career', 'Frame Semantics', 'Peace and Security'): one
    common noun of the lexicon, or, for a name spaCy does not call a person, words the document
    also writes in lower case, none an organisation's cue. Such a name is kept only as the short
    form of a longer actor's name ('the Society' of 'Society of the Cincinnati')."""
    lex, doc = c.lex, c.doc
    if _after_title_the(doc, tokens[0].i):
        return False
    if len(tokens) == 1 and tokens[0].lower_ in lex.words["generic_names"]:
        return True
    words = [t for t in tokens if t.lower_ not in lex.words["connectors"]]
    if not words or any(t.is_upper or not t.is_alpha for t in words):
        return False
    if label == "PERSON" and len(words) > 1:
        return False
    if type_from_cues(lex, " ".join(t.text for t in tokens), default=""):
        return False
    return all(t.lower_ in c.lower_words for t in words)


def _written_as_a_name(doc: Doc, tokens: list[Token], lex: Lexicon) -> bool:
    """One common noun written as a proper noun after 'the' or 'this' inside a sentence
    ('submitted to the Academy', 'upon this Assembly', 'the Church was persecuted'): the name of
    the body the text is about, not a common word ('the Society' of a heading is written so
    only at a line's start)."""
    word = tokens[0]
    if word.lower_ not in lex.words["generic_names"] and word.lower_ not in lex.words["institutions"]:
        return False  # 'the World', 'the Property': a common word, not a body's noun
    if len(tokens) != 1 or word.i < 1 or word.tag_ != "NNP" or not word.text[:1].isupper():
        return False
    before = doc[word.i - 1]
    return (
        before.lower_ in lex.words["body_determiners"] and before.text.islower() and not before.is_sent_start
    )


def _after_title_the(doc: Doc, first: int) -> bool:
    """'The Hill', 'The Times' in mid-sentence: 'The' is part of a title of its own."""
    return first > 0 and doc[first - 1].text == "The" and not doc[first - 1].is_sent_start


def _split_title(tokens: list[Token], lex: Lexicon, person: bool) -> tuple[list[Token], list[Token]]:
    """('President', 'Andres', ...) -> the name and the title before it ('Gen.', 'Dr.', 'Foreign
    Minister'); trailing role nouns ('Crivellaro spokesman') are dropped. An organisation's
    name keeps its first words unless a form of address or an office opens it ('Mr. Haddad')."""
    titles = lex.titles
    role: list[Token] = []
    opens_person = (
        bool(tokens)
        and (tokens[0].lower_ in titles.honorifics or tokens[0].lower_ in titles.offices)
        and not type_from_cues(lex, " ".join(t.text for t in tokens), default="")
    )  # 'Mr. Haddad' spaCy called an organisation, but not 'General Assembly', 'Justice Department'
    if person and len(tokens) > 2 and tokens[0].lower_ in titles.occupations and tokens[1].is_title:
        role.append(tokens.pop(0))  # 'Mathematician Hermann Weyl' at the start of a sentence
    if person or opens_person:
        while len(tokens) > 1 and (
            titles.is_title(tokens[0].text)
            or tokens[0].text in "-\u2010\u2011"
            or (role and tokens[0].lower_ in titles.joiners)
        ):
            role.append(tokens.pop(0))
    while len(tokens) > 1 and tokens[-1].lower_ in titles.role_nouns:
        tokens = tokens[:-1]
    if role and not person and not (len(tokens) <= 3 and all(t.is_title or t.is_upper for t in tokens)):
        return role + tokens, []  # not a person's name after all: the organisation's whole name
    if not role and not person:
        return _person_after_title(tokens, lex)
    return tokens, role


def _person_after_title(tokens: list[Token], lex: Lexicon) -> tuple[list[Token], list[Token]]:
    """'Manitoba Premier Brian Pallister', 'Sizzler Australia Managing Director Bo Ryan' in one
    entity spaCy called an organisation: the person's name after the office, the rest the role."""
    titles = lex.titles
    for k in range(1, len(tokens) - 1):
        if tokens[k].lower_ not in titles.offices or not tokens[k].is_title:
            continue
        if tokens[k - 1].lower_ in lex.words["connectors"]:
            return tokens, []  # 'Society for General Systems Research': a word of the name
        end = k
        while end + 1 < len(tokens) and titles.is_title(tokens[end + 1].text):
            end += 1
        name = tokens[end + 1 :]
        if 2 <= len(name) <= 4 and all(t.is_title for t in name):
            return name, tokens[: end + 1]
        return tokens, []
    return tokens, []


def _title_before(doc: Doc, first: int, lex: Lexicon, honorifics_only: bool = False) -> list[Token]:
    """The title written just before a name and outside spaCy's entity: 'Mrs.' of 'Mrs. Lee',
    'Gen.' of 'Gen. Abdel Fattah al-Burhan', 'spokeswoman' of 'ministry spokeswoman Maria
    Zakharova', 'European Commission President' -> 'President'. Before a name spaCy did not call
    a person, only a form of address ('Mme. Diallo') makes it a person's."""
    titles = lex.titles
    dashes = "-\u2010\u2011"

    def in_title(j: int) -> bool:
        t = doc[j]
        if titles.is_title(t.text):
            return t.text[:1].isupper() or t.lower_ in titles.offices
        after_title = j > 0 and titles.is_title(doc[j - 1].text)
        if (
            t.text == "."
            and doc[j + 1].is_sent_start
            and not _abbreviated(doc[j - 1].lower_, titles.honorifics)
        ):
            return False  # 'a Polish officer. Kowalski served': a sentence's end, no title's dot
        return after_title and (t.lower_ in titles.joiners or t.text in dashes or t.text == ".")

    j = first - 1
    while j >= 0 and in_title(j) and "\n" not in doc[j].whitespace_:
        j -= 1
    words = list(doc[j + 1 : first])
    while words and (words[0].lower_ in titles.joiners or words[0].text in dashes or words[0].text == "."):
        words.pop(0)
    words = [t for t in words if t.text != "."]
    if honorifics_only and not any(t.lower_ in titles.honorifics for t in words):
        return []
    return words


def _abbreviated(word: str, honorifics: dict[str, str]) -> bool:
    """'Mme' before its dot: a form of address, whose dot ends no sentence."""
    return word in honorifics or f"{word}." in honorifics


def _written_form(doc: Doc, role_tokens: list[Token], start: int, end: int) -> str:
    """The name as the text writes it with the title just before it and the honours after it
    ('Speaker Nancy Pelosi', 'Dame Zaha Hadid DBE'): a form of the name, kept as an alias."""
    text = doc_text(doc)
    first = start
    for token in reversed(role_tokens):
        gap = text[token.idx + len(token.text) : first]
        if token.idx >= first or gap.strip(" .") or "\n" in gap or not token.text[:1].isupper():
            break  # 'Speaker Nancy Pelosi', not 'director Louis Malle'
        if token.tag_ in ("NNS", "NNPS"):
            break  # 'Senators Grassley and Feinstein': a title of two people
        first = token.idx
    written = clean_name(text[first:end])
    if written.endswith(".") and not text[start:end].endswith("."):
        written = written[:-1]  # the sentence's full stop
    return written


def _role_text(role_tokens: list[Token], lex: Lexicon) -> str | None:
    """The title as the text writes it, unless it is only a form of address ('Mr.')."""
    words = [t for t in role_tokens if t.lower_ not in lex.titles.address]
    if not words:
        return None
    text = " ".join(t.text for t in words).replace(" - ", "-")
    return clean_name(text) or None


def _without_postnominals(tokens: list[Token]) -> list[Token]:
    """'Zaha Hadid DBE RA' -> 'Zaha Hadid': letters of honours after a person's name; and the
    place a family is 'of' after a given name and a surname ('Patrick Leopold Gordon of
    Auchleuchries' -> 'Patrick Leopold Gordon'; 'Hilary of Poitiers' has no other name)."""
    while len(tokens) > 2 and tokens[-1].is_upper and 2 <= len(tokens[-1].text) <= 4 and tokens[-1].is_alpha:
        tokens = tokens[:-1]
    of = next((k for k, t in enumerate(tokens) if t.lower_ == "of"), None)
    if (
        of is not None
        and of >= 2
        and of + 1 < len(tokens)
        and all(t.text[:1].isupper() and t.is_alpha for t in tokens[:of])
        and all(t.text[:1].isupper() for t in tokens[of + 1 :])
    ):
        tokens = tokens[:of]
    return tokens


def _person_like(c: _Context, tokens: list[Token], surface: str, role_tokens: list[Token]) -> bool:
    """An entity spaCy called an organisation that is a person's name: it follows a person's
    title, a role, an occupation, a kin or companion noun ('WFP spokeswoman Leni Kinzli', 'his
    friend Honoré Marchand'), spaCy calls the same name a person
    elsewhere in the document, or it is two to four capitalised words, none an organisation's
    cue, whose words spaCy took for a person's elsewhere ('Jean Cocteau' beside 'Cocteau')."""
    if role_tokens:
        return True
    lex, doc = c.lex, c.doc
    if type_from_cues(lex, surface, default="") or any(
        t.lower_ in lex.words["generic_names"] or t.lower_ in lex.words["connectors"] for t in tokens
    ):
        return False
    if norm(surface) in c.person_names or _kin_of(doc, tokens[0].i, lex):
        return True
    before = doc[tokens[0].i - 1].lower_ if tokens[0].i > 0 else ""
    names_only = 2 <= len(tokens) <= 4 and all(t.is_title or "-" in t.text for t in tokens)
    if names_only and before in (
        lex.titles.role_nouns | lex.titles.occupations | lex.words["kin_nouns"] | lex.words["companion_nouns"]
    ):
        return True  # 'his friend Honoré Marchand', 'the statistician Anouk Verbeek'
    return names_only and any(t.text in c.person_words or t.text in c.surnames for t in tokens)


def _kin_of(doc: Doc, first: int, lex: Lexicon) -> bool:
    """'the son of Riley', 'the widow of Amadou': a name after a kin noun and 'of'."""
    return first >= 2 and doc[first - 1].lower_ == "of" and doc[first - 2].lower_ in lex.words["kin_nouns"]


def _not_an_actor(lex: Lexicon, words: list[str]) -> bool:
    """A name of a thing that does not act: 'Cannes Film Festival Award for Best Actress',
    'NATO Istanbul Summit', 'Cyclone Phailin', 'COVID-19'."""
    lowered = [w.lower() for w in words if w]
    if not lowered:
        return True
    head, cut = lowered, ""
    for k, w in enumerate(lowered):
        if k and w in lex.words["connectors"] and w not in lex.words["determiners"]:
            head, cut = lowered[:k], w
            break
    heads = lex.words["not_actor_heads"]
    if head[-1] in heads:
        return not (cut == "of" and head[-1] in lex.words["bodies_before_of"])
    if lowered[-1] in heads and not type_from_cues(lex, " ".join(head), default=""):
        return True  # 'Justice Against Sponsors of Terrorism Act', not 'Department of Linguistics'
    if len(lowered) > 1 and (
        lowered[0] in lex.words["storm_words"] or lowered[0] in lex.words["heads_first"]
    ):
        return True  # 'Cyclone Phailin'; 'Hôpital Cochin', 'Estadio Azteca': a place, not a body
    return " ".join(lowered) in lex.words["diseases"] or lowered[0] in lex.words["diseases"]


def _in_a_longer_name(doc: Doc, tokens: list[Token], lex: Lexicon) -> bool:
    """A name spaCy cut short of the capitalised words that follow it, whose last word is the
    head of a thing that is no actor: a law, an award, a building, a plan."""
    connectors = lex.words["connectors"]
    last = None
    locative = False  # the run went on over 'in' or 'at', or into another entity
    k = tokens[-1].i + 1
    while k < min(len(doc), tokens[-1].i + 8) and "\n" not in doc[k - 1].whitespace_:
        token = doc[k]
        if breaks_name(token) or token.tag_ in ("VBZ", "VBD", "MD"):
            break
        if token.is_title and token.pos_ in ("PROPN", "NOUN"):
            last = token
        elif not (token.lower_ in connectors and k + 1 < len(doc) and doc[k + 1].is_title):
            break
        else:  # over 'in' or 'at', or into another entity: another name unless a law's
            locative = (
                locative or token.lower_ in lex.words["locative_prepositions"] or doc[k + 1].ent_iob_ == "B"
            )
        k += 1
    if last is None:
        return False
    if locative:  # 'Frank Sinatra at Carnegie Hall', 'Bell in Men of Mathematics': another name,
        return last.lower_ in lex.words["law_heads"]  # but 'George Floyd Justice in Policing Act'
    return last.lower_ in lex.words["not_actor_heads"]


def _names_a_work(doc: Doc, tokens: list[Token], lex: Lexicon, label: str) -> bool:
    """The title of a work: after 'the film', 'his novel', 'films including' or 'starred in',
    before a year in brackets ('Jules et Jim (1962)'; a person's years are a range or 'born'),
    a character played, what someone composed or wrote, a title in quotation marks, a name in
    brackets after a person's ('Fassbinder (Querelle)'), or one listed with a work ('Stoker
    (2013), Belle (2013)')."""
    first, last = tokens[0].i, tokens[-1].i
    if last + 1 < len(doc) and doc[last + 1].tag_ == "POS":
        return False  # "films like Woody Allen's Match Point": the work's maker
    if (
        _after_work_noun(doc, first, lex)
        or _before_a_year(doc, last, label)
        or _played_as(doc, first, lex)
        or _in_a_laws_title(doc, first, lex)
    ):
        return True
    if type_from_cues(lex, " ".join(t.text for t in tokens), default=""):
        return False  # '"The Wall Street Journal" wrote', 'directed the Institute'
    if _quoted(doc, first, last, lex) or _bracketed_after_a_person(doc, first, last):
        return True
    root = doc[first : last + 1].root
    owned = first > 0 and doc[first - 1].lower_ in lex.words["possessive_words"]
    if (
        (label != "PERSON" or owned)
        and root.dep_ == "dobj"
        and root.head.lemma_.lower() in lex.words["creating_verbs"]
    ):
        return True  # 'composed Rusalka', 'wrote The Tempest', 'wrote his Dumky Trio'
    if (
        first > 1
        and doc[first - 1].lower_ == "in"
        and doc[first - 2].lemma_.lower() in lex.words["work_verbs"]
    ):
        return True  # 'starred in Watchmen'
    if (
        root.dep_ == "pobj"
        and root.head.lower_ == "in"
        and root.head.head.lemma_.lower() in lex.words["work_verbs"]
    ):
        return True  # 'starred opposite Elisha Cuthbert in House of Wax'
    return root.dep_ == "conj" and _a_work_at(doc, root.head, lex)


def _in_a_laws_title(doc: Doc, first: int, lex: Lexicon) -> bool:
    """'the Treaty on the Non-Proliferation of Nuclear Weapons', 'the Convention on the Rights
    of the Child': what a law or a treaty is on is part of its title ('an Act of Parliament' is
    not read: 'of' names who made it)."""
    i = first - 1
    if i >= 0 and doc[i].lower_ in lex.words["determiners"]:
        i -= 1
    return (
        i >= 1
        and doc[i].lower_ == "on"
        and doc[i - 1].lower_ in lex.words["law_heads"]
        and doc[i - 1].is_title
    )


def _after_work_noun(doc: Doc, first: int, lex: Lexicon) -> bool:
    """'the film Match Point', 'the comedy Cheaper by the Dozen', 'films, including Silent
    Witness', 'novels such as Beloved'."""
    nouns = lex.words["work_nouns"]
    i = first - 1
    if i > 0 and doc[i].text == "The":
        i -= 1  # 'the play The Tempest': the title's own article
    if i >= 0 and doc[i].lower_ in nouns:
        return True
    if i >= 1 and doc[i].lower_ == "as" and doc[i - 1].lower_ == "such":
        i -= 1
    if i >= 0 and doc[i].lower_ in lex.words["list_openers"]:
        i -= 1
        while i >= 0 and doc[i].text == ",":
            i -= 1
        return i >= 0 and doc[i].lower_ in nouns
    return False


def _before_a_year(doc: Doc, last: int, label: str) -> bool:
    """'Jules et Jim (1962)'; a person only before a year alone in its brackets ('Stoker (2013)',
    not 'Jane Doe (1950 – 2010)')."""
    after = doc[last + 1 : last + 4]
    if len(after) < 2 or after[0].text != "(" or not re.fullmatch(r"(1[89]|20)\d\d", after[1].text):
        return False
    return label != "PERSON" or (len(after) == 3 and after[2].text == ")")


def _bracketed_after_a_person(doc: Doc, first: int, last: int) -> bool:
    """'Rainer Werner Fassbinder (Querelle)': a person's work in brackets after the name; never an
    acronym ('Mohammed bin Salman (MBS)')."""
    if first < 2 or last + 1 >= len(doc) or doc[first - 1].text != "(" or doc[last + 1].text != ")":
        return False
    return doc[first - 2].ent_type_ == "PERSON" and not all(t.is_upper for t in doc[first : last + 1])


def _a_work_at(doc: Doc, token: Token, lex: Lexicon) -> bool:
    """Is the name at ``token`` (the first of two conjoined names) a work?"""
    if token.ent_type_ == "WORK_OF_ART":
        return True
    if token.ent_iob_ == "O":
        return False
    first = token.i
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    last = token.i
    while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
        last += 1
    return _after_work_noun(doc, first, lex) or _before_a_year(doc, last, token.ent_type_)


_OPENING_QUOTES = frozenset("\"“‘'«")
_CLOSING_QUOTES = frozenset("\"”’'»")


def _quoted(doc: Doc, first: int, last: int, lex: Lexicon) -> bool:
    """A name that is the whole of a quotation ('the painting "Joan of Arc"'): a title."""
    i = first - 1
    if i >= 0 and doc[i].lower_ in lex.words["determiners"]:
        i -= 1
    if i < 0 or last + 1 >= len(doc):
        return False
    opening, closing = doc[i], doc[last + 1]
    return (
        opening.text in _OPENING_QUOTES
        and not opening.whitespace_  # a quote that opens is joined to the word after it
        and not doc[last].whitespace_
        and closing.text[:1] in _CLOSING_QUOTES
        and doc[first : last + 1].root.dep_ not in ("nsubj", "nsubjpass", "agent")  # '"The Journal" wrote'
    )


def _played_as(doc: Doc, first: int, lex: Lexicon) -> bool:
    """'appeared in Cry Wolf as Tom', 'was cast as Sam Winchester': a character played."""
    if first == 0 or doc[first - 1].lower_ != "as":
        return False
    head = doc[first - 1].head
    for _ in range(4):
        if head.lemma_.lower() in lex.words["playing_verbs"]:
            return True
        if head.head.i == head.i:
            break
        head = head.head
    return False


def _role_after(doc: Doc, end: int, lex: Lexicon) -> str | None:
    """', STC Country Director in Iraq' after a person's name: the role it gives."""
    span = doc.char_span(end, min(len(doc_text(doc)), end + 1), alignment_mode="expand")
    if span is None or not len(span) or span[0].text != ",":
        return _role_before(doc, end, lex)
    words = []
    for token in doc[span[0].i + 1 : span[0].i + 12]:
        if token.text in (",", ".", ";", ":", '"', "“", "”", "(") or token.pos_ in ("VERB", "AUX", "CCONJ"):
            break
        if token.tag_ in ("WP", "WP$", "WDT"):  # 'who', 'whose': a clause, not the role
            break
        if token.is_space:
            break  # a role, like a name, never runs across a line break
        words.append(token)
        if "\n" in token.whitespace_:
            break
    while words and words[0].lower_ in lex.words["determiners"]:
        words.pop(0)
    if words and any(w.lower_ in lex.titles.role_nouns for w in words):
        return clean_name(doc_text(doc)[words[0].idx : words[-1].idx + len(words[-1].text)]) or None
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
    while (
        j >= 0
        and "\n" not in doc[j].whitespace_
        and not doc[j].is_space
        and (
            doc[j].text == "-"
            or (
                (lex.titles.is_title(doc[j].text) or doc[j].lower_ in lex.titles.joiners)
                and (doc[j].text[0].isupper() or doc[j].lower_ in lex.titles.joiners)
            )
        )
    ):
        words.insert(0, doc[j])
        j -= 1
    while words and (words[0].lower_ in lex.titles.joiners or words[0].text == "-"):
        words.pop(0)
    if words and any(w.lower_ in lex.titles.role_nouns for w in words):
        return clean_name(doc_text(doc)[words[0].idx : words[-1].idx + len(words[-1].text)]) or None
    return None


def _is_subject(token: Token, lex: Lexicon) -> bool:
    return token.dep_ in lex.words["subject_relations"]


def _possessor_country(doc: Doc, first: int, lex: Lexicon) -> str | None:
    """'Russia's Defence Ministry' -> RU."""
    if first < 2 or not re.fullmatch(r"['’]s", doc[first - 1].text):
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
