"""Names of actors: the curated lexicon (lexicons/actors.toml), countries and their adjectives,
and the normalising every lookup shares."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token

from newsfacts.extract.common import doc_text
from newsfacts.paths import LEXICONS


@lru_cache(maxsize=65536)
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


@dataclass(frozen=True)
class Titles:
    """The one list of people's titles (lexicons/titles.toml), for every extractor."""

    honorifics: dict[str, str]  # 'mrs.' -> 'female'; '' when the form tells no sex
    address: frozenset[str]  # 'mr.', 'mrs.': how a person is called, never a role
    offices: frozenset[str]
    qualifiers: frozenset[str]
    joiners: frozenset[str]
    modifiers: frozenset[str]
    role_nouns: frozenset[str]
    occupations: frozenset[str] = frozenset()  # 'mathematician': a role before a name, never a title
    nobility: frozenset[str] = frozenset()  # 'earl': a title only in 'Earl of Clare', '2nd Earl'
    words: frozenset[str] = frozenset()  # every word a title may be made of, but the joiners
    female: frozenset[str] = frozenset()  # words that tell a woman: 'mrs', 'queen' (no full stop)
    male: frozenset[str] = frozenset()  # and a man: 'mr', 'king'
    person_nouns: frozenset[str] = frozenset()  # 'neighbour', 'voter': a person, not an office
    speaking_things: frozenset[str] = frozenset()  # 'statement', 'letter': speak for their author
    authored_things: frozenset[str] = frozenset()  # 'report', 'ad': one put out speaks for its maker
    shares: frozenset[str] = frozenset()  # 'percent', 'majority': a share of people a poll finds
    polls: frozenset[str] = frozenset()  # 'poll', 'survey': what speaks for a share it found
    thing_heads: frozenset[str] = frozenset()  # 'shuttle', 'one': a thing named after a person
    possessive_pronouns: dict[str, str] = field(default_factory=dict)  # 'her' -> 'she'
    indefinite_pronouns: frozenset[str] = frozenset()  # 'someone', 'another': their own speaker
    subject_pronouns: dict[str, str] = field(default_factory=dict)  # 'she' -> 'female'

    def sex_of(self, word: str) -> str | None:
        """'female' or 'male' if the word tells a person's sex ('Mrs.', 'Queen'), else None."""
        low = word.lower().rstrip(".")
        return "female" if low in self.female else "male" if low in self.male else None

    def is_title(self, word: str) -> bool:
        """A word that can start or continue a title: 'Gen.', 'Foreign', 'Minister'."""
        return word.lower() in self.words

    def sex(self, word: str) -> str:
        """'male' for 'Mr.', 'female' for 'Mrs.', '' for any other word."""
        return self.honorifics.get(word.lower(), "")


@lru_cache(maxsize=1)
def titles() -> Titles:
    """People's titles and roles, the one list the actors and quotes extractors share."""
    with (LEXICONS / "titles.toml").open("rb") as fh:
        data = tomllib.load(fh)
    honorifics = {k.lower(): v for k, v in data["honorifics"].items()}
    offices = frozenset(data["offices"]["words"])
    qualifiers = frozenset(data["qualifiers"]["words"])
    modifiers = frozenset(data["modifiers"]["words"])
    return Titles(
        honorifics=honorifics,
        address=frozenset(data["address"]["words"]),
        offices=offices,
        qualifiers=qualifiers,
        joiners=frozenset(data["joiners"]["words"]),
        modifiers=modifiers,
        role_nouns=frozenset(data["role_nouns"]["words"]),
        occupations=frozenset(data["occupations"]["words"]),
        nobility=frozenset(data["nobility"]["words"]),
        words=frozenset(honorifics) | offices | qualifiers | modifiers,
        female=_told("female", honorifics, data["sex_words"]),
        male=_told("male", honorifics, data["sex_words"]),
        person_nouns=frozenset(data["person_nouns"]["words"]),
        speaking_things=frozenset(data["speaking_things"]["words"]),
        authored_things=frozenset(data["authored_things"]["words"]),
        shares=frozenset(data["shares"]["words"]),
        polls=frozenset(data["polls"]["words"]),
        thing_heads=frozenset(data["thing_heads"]["words"]),
        possessive_pronouns=dict(data["possessive_pronouns"]),
        indefinite_pronouns=frozenset(data["indefinite_pronouns"]["words"]),
        subject_pronouns={w: sex for sex, ws in data["subject_pronouns"].items() for w in ws},
    )


def _told(sex: str, honorifics: dict[str, str], sex_words: dict[str, list[str]]) -> frozenset[str]:
    return frozenset(h.rstrip(".") for h, s in honorifics.items() if s == sex) | frozenset(sex_words[sex])


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
    titles: Titles
    words: dict[str, frozenset[str]]  # the word lists of [words] in actors.toml, by name
    given_names: dict[str, frozenset[str]] = field(
        default_factory=dict
    )  # 'larry' -> {'lawrence', 'laurence'}


def alternation(words, case_sensitive: bool = False) -> str:
    """``_alternation`` for the other patterns of names (case-sensitive ones keep their case)."""
    return _alternation(words, case_sensitive)


def _alternation(words, case_sensitive: bool = False) -> str:
    """One regular expression for many words, factored as a trie ('al-Qaeda', 'al-Shabab' ->
    'al\\-(?:Qaeda|Shabab)'): Python's re tries an alternation's branches one by one, so a
    thousand names written out would be tried at every position of every text. Longer words
    win as in a longest-first alternation. Case-insensitive matching needs case-folded keys."""
    trie: dict = {}
    for word in set(words):
        node = trie
        for ch in word if case_sensitive else word.lower():
            node = node.setdefault(ch, {})
        node[""] = True
    return _trie_pattern(trie)


def _trie_pattern(node: dict) -> str:
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word ends here: the longer words first, then the end
        return "(?:" + body + ")?"
    return body


def _named_actors(data: dict) -> tuple[dict[str, Known], dict[str, Known], set[str]]:
    """The curated actors: by normalised name, by acronym as written, and every surface form."""
    named: dict[str, Known] = {}
    acronyms: dict[str, Known] = {}
    surfaces: set[str] = set()
    for actor_type, entries in data["named"].items():
        for canonical, aliases in entries.items():
            entry = Known(canonical, actor_type)
            for alias in [canonical, *aliases]:
                surfaces.add(alias)
                if is_acronym(alias):
                    acronyms[alias] = entry
                else:
                    named[norm(alias)] = entry
    return named, acronyms, surfaces


@dataclass
class _Countries:
    names: dict[str, str] = field(default_factory=dict)  # ISO code -> canonical name
    by_name: dict[str, str] = field(default_factory=dict)  # norm(name or alias) -> code
    capitals: dict[str, str] = field(default_factory=dict)  # norm(capital) -> code
    demonyms: dict[str, str] = field(default_factory=dict)  # adjective -> code


def _countries(gaz, places: dict) -> _Countries:
    out = _Countries()
    for code, info in gaz.countries.items():
        out.names[code] = info["name"]
        out.by_name[norm(info["name"])] = code
        if info.get("capital"):
            out.capitals[norm(info["capital"])] = code
        demonym = info.get("demonym") or ""
        if demonym and demonym[0].isupper() and " " not in demonym:
            out.demonyms.setdefault(demonym, code)
    out.demonyms.update(places["demonyms"])
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    from newsfacts import gazetteer

    with (LEXICONS / "actors.toml").open("rb") as fh:
        data = tomllib.load(fh)
    places = gazetteer.curated()
    named, acronyms, surfaces = _named_actors(data)
    countries = _countries(gazetteer.load(), places)
    for code, aliases in places["country_aliases"].items():
        for alias in aliases:
            if is_acronym(alias):
                acronyms.setdefault(alias, Known(countries.names.get(code, alias), "government", code))
            else:
                countries.by_name[norm(alias)] = code
            surfaces.add(alias)
    for code, name in countries.names.items():
        named.setdefault(norm(name), Known(name, "government", code))
    for key, code in countries.by_name.items():
        named.setdefault(key, Known(countries.names.get(code, key), "government", code))
    surfaces |= set(countries.names.values())
    pattern = re.compile(r"(?<![\w-])(?:" + _alternation(surfaces) + r")(?![\w-])", re.IGNORECASE)
    return Lexicon(
        named,
        acronyms,
        pattern,
        countries.demonyms,
        countries.names,
        countries.by_name,
        countries.capitals,
        data["forces"],
        {k: set(v) for k, v in data["cues"].items()},
        titles(),
        {k: frozenset(v) for k, v in data["words"].items()},
        _given_names(data["nicknames"]),
    )


def _given_names(nicknames: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    """Every given name and short form -> the formal names it stands for (itself included)."""
    out: dict[str, set[str]] = {}
    for formal, shorts in nicknames.items():
        for name in [formal, *shorts]:
            out.setdefault(name, {name}).add(formal)
    return {k: frozenset(v) for k, v in out.items()}


def same_given_name(lex: Lexicon, a: str, b: str) -> bool:
    """'Larry' and 'Lawrence', 'Bill' and 'William': one given name (lower case words)."""
    return a == b or bool(lex.given_names.get(a, frozenset()) & lex.given_names.get(b, frozenset()))


def known(lex: Lexicon, surface: str) -> Known | None:
    """The lexicon's actor for a surface form ('IS', 'the U.N.', 'Daesh'), if any."""
    surface = surface.strip()
    if surface in lex.acronyms:
        return lex.acronyms[surface]
    if is_acronym(surface):
        return None  # 'is', 'Us': acronyms only as written
    return lex.named.get(norm(surface))


def type_from_cues(lex: Lexicon, name: str, default: str = "organisation") -> str:
    """The actor type the first cue word of a name tells ('Ministry' -> government), else
    ``default``."""
    if lex is not lexicon():
        return _cue_type(lex, name) or default
    return _cached_cue_type(name) or default


@lru_cache(maxsize=65536)
def _cached_cue_type(name: str) -> str:
    return _cue_type(lexicon(), name)


def _cue_type(lex: Lexicon, name: str) -> str:
    words = set(norm(name).split())
    text = " " + norm(name) + " "
    for actor_type in ("armed_group", "security_force", "government", "organisation"):
        for cue in lex.cues[actor_type]:
            if (cue in words) if " " not in cue else (f" {cue} " in text):
                return actor_type
    return ""


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


# --- the shape of a name in the text ------------------------------------------------------------

_DASHES = "-\u2010\u2011"
_SEPARATORS = re.compile(r"^(?:[,;:/|•·]|[\u2013\u2014]|--)$")
_EDGE_CATEGORIES = frozenset({"Pd", "Ps", "Pe", "Pi", "Pf"})  # dashes, brackets, quotation marks
_EDGE_PUNCT = re.compile(r"^[\"'“”‘’«»()\[\]{}*_.,;:!?\u2013\u2014-]+$")
_JOINED_DASH = re.compile(r"[\w.][\u2013\u2014]\w")
_POSSESSIVE = re.compile(r"^['’]s?$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


def lower_words(doc: Doc) -> frozenset[str]:
    """Every word the document writes in lower case, found once per document."""
    cached = doc.user_data.get("newsfacts_lower_words")
    if cached is None:
        cached = doc.user_data["newsfacts_lower_words"] = frozenset(re.findall(r"\b[a-z]+\b", doc_text(doc)))
    return cached


def clean_name(name: str) -> str:
    """A name as a row holds it: trimmed, no control or bidi characters, single spaces."""
    return re.sub(r"\s+", " ", _CONTROL.sub(" ", name)).strip()


def _abbreviated(word: Token) -> bool:
    """A word a full stop right after it abbreviates ('Sr.', 'Gen.', the initial 'F.'), not
    a sentence it ends."""
    lex = lexicon()
    return not word.whitespace_ and (
        len(word.text) == 1
        or word.lower_ in lex.words["name_suffixes"]
        or lex.titles.is_title(word.text + ".")
    )


def _breaks(token: Token) -> bool:
    """A token a name never runs across: a line break, a list separator, a spaced dash, a verb
    (a headline's 'Obama Says Museum Will Open')."""
    if token.tag_ in ("VBZ", "VBD", "MD") and token.i > 0 and token.nbor(-1).ent_iob_ != "O":
        return True  # 'Says', 'Warned', 'Will'; not 'Black Lives Matter'
    if token.is_space or "\n" in token.text or "\n" in token.whitespace_:
        return True
    if token.text in lexicon().words["name_breaking_words"]:
        return True  # 'House of Wax as Wade': the role played after a title
    if token.text in ("!", "?") or (
        token.text == "." and token.whitespace_ and not _abbreviated(token.nbor(-1))
    ):
        return True  # a name never runs across the end of a sentence ('director. Goode')
    if _SEPARATORS.match(token.text) or _JOINED_DASH.search(token.text):
        return True  # 'D.C.–Speaker Nancy Pelosi': a dateline joined to the name by a dash
    return token.text in _DASHES and bool(token.whitespace_ or token.nbor(-1).whitespace_)


def breaks_name(token: Token) -> bool:
    """A token a name never runs across (``_breaks``), for the other finders of names."""
    return _breaks(token)


def _hyphen_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) over hyphens joined to the name ('Mba' + '-Ndong', 'Jean' + '-Pierre')."""

    def joined(i: int) -> bool:  # doc[i] is a hyphen with no space on either side
        return (
            0 < i < len(doc) - 1
            and doc[i].text in _DASHES
            and not doc[i - 1].whitespace_
            and not doc[i].whitespace_
        )

    # a capitalised part ('Mba-Ndong'), or a short syllable of a Korean given name ('Jong-un')
    def part(i: int) -> bool:  # 'Ndong' of 'Mba-Ndong', 'un' of 'Kim Jong-un', '19' of 'COVID-19'
        t = doc[i]
        return t.text[:1].isupper() or t.is_digit or (t.is_lower and t.is_alpha and len(t) <= 4)

    while end < len(doc) - 1 and joined(end) and part(end + 1):
        end += 2
    while start > 1 and joined(start - 1) and doc[start - 2].text[:1].isupper():
        start -= 2
    return start, end


def _trim(tokens: list[Token], lex: Lexicon, person: bool) -> list[Token]:
    """Without leading articles and punctuation, trailing possessives, connectors and punctuation,
    and cut at a bracket that does not close ('World Health Organisation (WHO' ->
    'World Health Organisation')."""
    depth, cut = 0, len(tokens)
    for k, t in enumerate(tokens):
        if t.text in "([{":
            depth += 1
            cut = min(cut, k) if depth == 1 else cut
        elif t.text in ")]}":
            if depth == 0:
                cut = min(cut, k)
                break
            depth -= 1
            if depth == 0:
                cut = len(tokens)
    if depth > 0 or cut < len(tokens):
        tokens = tokens[:cut]
    determiners = lex.words["determiners"]
    while tokens and (tokens[0].lower_ in determiners or _is_edge_punct(tokens[0].text)):
        tokens = tokens[1:]
    tokens = _without_leading_modifiers(tokens, lex)
    if len(tokens) > 2 and tokens[0].lower_ in lex.words["part_nouns"] and tokens[1].lower_ == "of":
        tokens = tokens[2:]  # 'Floor of the House of Representatives': the House
        while tokens and tokens[0].lower_ in determiners:
            tokens = tokens[1:]
    if (
        not person
        and len(tokens) > 2
        and tokens[-2].text in _DASHES
        and tokens[-1].is_lower
        and len(tokens[-1]) > 3
    ):
        tokens = tokens[:-2]  # 'Mets-inspired', 'UN-related': a word made from a name (not 'Ban Ki-moon')
    connectors = lex.words["connectors"]
    while tokens and (
        _POSSESSIVE.match(tokens[-1].text)
        or (_is_edge_punct(tokens[-1].text) and tokens[-1].text not in ").")
        or (tokens[-1].lower_ in connectors and not (len(tokens) > 1 and tokens[-2].text in _DASHES))
        or (
            tokens[-1].text == "."
            and len(tokens) > 1
            and len(tokens[-2].text) > 1
            and tokens[-2].lower_ not in lex.words["name_suffixes"]
            and not lex.titles.is_title(tokens[-2].text + ".")
        )
    ):
        tokens = tokens[:-1]
    return tokens


def _is_edge_punct(text: str) -> bool:
    """Punctuation only (any script's dashes and quotation marks: '― Jacklyn Ashley', '«'), which
    never begins or ends a name; '&', '#', '@', '%' inside a name are not at its edge."""
    return bool(text) and (
        bool(_EDGE_PUNCT.match(text)) or all(unicodedata.category(c) in _EDGE_CATEGORIES for c in text)
    )


def _without_leading_modifiers(tokens: list[Token], lex: Lexicon) -> list[Token]:
    """Without the lower-case words spaCy put before a name ('state Department of Revenue
    Services', 'federal Securities and Exchange Commission'; a name's particles stay: 'de
    Blasio', 'al-Qaeda'), and without an adjective made of another name ('pro-Clinton Priorities
    USA Action'; 'pro-Clinton' alone is no name)."""
    particles, prefixes = lex.words["name_particles"], lex.words["name_adjective_prefixes"]
    while len(tokens) > 1:
        first, second = tokens[0], tokens[1]
        if first.is_lower and first.lower_ in prefixes and second.text in _DASHES:
            tokens = tokens[3:]
        elif (
            first.is_lower and first.is_alpha and first.lower_ not in particles and second.text[:1].isupper()
        ):
            tokens = tokens[1:]
        else:
            break
    if len(tokens) == 1 and tokens[0].is_lower and tokens[0].lower_ not in particles:
        return []
    return tokens


_APOSTROPHE_SURNAME = re.compile(r"^[A-Z][’'][A-Z][a-z]+$")  # O'Neill, D’Alesandro, N'Diaye
_REGNAL_NUMBER = re.compile(r"^(?:X{0,2}(?:IX|IV|V?I{1,3})|X{1,2}|X{0,2}V)$")  # I .. XXIX


def _person_bounds(doc: Doc, start: int, end: int, lex: Lexicon) -> tuple[int, int]:
    """Widen a person's name over what spaCy left out: particles and the name after them
    ('Ursula von' + 'der Leyen'), and a capitalised proper noun before it outside any entity
    ('López' + 'Obrador')."""
    particles = lex.words["name_particles"]
    k = end
    while k < len(doc) and doc[k].lower_ in particles and doc[k].is_lower and not doc[k - 1].is_space:
        k += 1
    if k > end and k < len(doc) and doc[k].is_title and doc[k].pos_ == "PROPN":
        end = k + 1
    elif end > start + 1 and doc[end - 1].lower_ in particles and end < len(doc) and doc[end].is_title:
        end += 1
    if end < len(doc) and "\n" not in doc[end - 1].whitespace_ and doc[end].ent_iob_ == "O":
        if _APOSTROPHE_SURNAME.match(doc[end].text):
            end += 1  # 'Thomas' + 'D’Alesandro', whatever the tagger made of the surname
        elif (
            _REGNAL_NUMBER.match(doc[end].text)
            and sum(not lex.titles.is_title(t.text) for t in doc[start:end]) == 1
            and any(lex.titles.is_title(t.text) for t in doc[max(0, start - 1) : end])
        ):
            end += 1  # 'Tsar Aleksei' + 'I', 'Queen Margrethe' + 'II': the number is the name's
    while (
        start > 0
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].is_title
        and doc[start - 1].ent_iob_ == "O"
        and not lex.titles.is_title(doc[start - 1].text)
        and not _breaks(doc[start - 1])
        and "\n" not in doc[start - 1].whitespace_
    ):
        start -= 1
    return start, end


def name_pieces(doc: Doc, start: int, end: int, lex: Lexicon, person: bool = False) -> list[list[Token]]:
    """The names in tokens [start, end) of an entity: cut at line breaks and list separators
    (an organisation at the end of one line and a person at the start of the next are two
    names), with hyphenated parts kept whole and brackets balanced."""
    if person:
        start, end = _person_bounds(doc, start, end, lex)
    start, end = _hyphen_bounds(doc, start, end)
    pieces: list[list[Token]] = [[]]
    for token in doc[start:end]:
        if _breaks(token):
            pieces.append([])
        else:
            pieces[-1].append(token)
            if "\n" in token.whitespace_:
                pieces.append([])
    out = []
    for piece in pieces:
        piece = _trim(piece, lex, person)
        text = "".join(t.text_with_ws for t in piece).strip()
        if piece and any(c.isupper() for c in text):
            out.append(piece)
    return out
