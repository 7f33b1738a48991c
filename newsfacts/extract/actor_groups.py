"""Mentions -> actors: one row per person or organisation, every form of its name an alias.

- A person's full name and its variants are one actor: the name with or without middle names or
  initials ('Eugene A. Nida', 'Eugene Nida'), its last words ('Lopez Obrador'), the surname or
  the given name alone ('Crivellaro', 'Kim' of 'Kim Jong-un', 'Daniel' of 'Daniel Bernoulli')
  where one person of the document has it, and a titled surname ('Mr. Walker').
- Never two people: a title's sex must agree ('Mrs. Lee' is not 'Mr. Lee'); a surname two people
  share ('Bill Nelson', 'Alondra Nelson') links each mention to the one named last before it
  without becoming an alias of either; two people with only a surname and different titles stay
  two actors; a gendered title ('Mrs. Clinton') goes to the bearer of its sex, told by what the
  article says of them (a role word, a kin noun, 'his brother', the 'she' after them), and among
  several of that sex to the main one, not the one named last.
- An organisation's shorter names join its longest: its last words ('State Department' of 'US
  State Department'), its first words ('the Church' of 'Church of Scientology', 'Harvard' of
  'Harvard University'), its initials ('MIT'), a surname spaCy called an organisation joins the
  person. An organisation never joins a person's row by a given name.
- A common noun alone ('the Society') is kept only as such a short form, or when it is an
  institution news names alone ('Congress', 'the Senate').
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from newsfacts.extract.common import DisjointSpans, doc_text, slug
from newsfacts.extract.names import (
    Lexicon,
    clean_name,
    known,
    lower_words,
    norm,
    same_given_name,
    titles,
    type_from_cues,
)


@dataclass
class Mention:
    start: int
    end: int
    canonical: str
    type: str
    source: str  # lexicon, force, acronym, entity
    country: str | None = None  # set for a country's mention: it is an actor only if it acts
    role: str | None = None
    sex: str = ""  # 'male' / 'female' when a title tells it ('Mrs.')
    generic: bool = False  # one common noun ('Society'): only a short form of a longer name
    named_body: bool = False  # such a noun written as a name after 'the' ('through the Academy')
    title: str = ""  # the title as written before a person's name ('Mrs.', 'Gen.')
    written: str = ""  # the name as written with its titles and honours ('Dame Zaha Hadid DBE')

    def titled(self, surface: str) -> str:
        """'Mrs. Lee' for a one-word name written with its title, else the name as written."""
        return f"{self.title} {surface}" if self.title and len(surface.split()) == 1 else surface


@dataclass
class Actor:
    actor_id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of every mention
    sex: str = ""
    generic: bool = True  # every mention a lone common noun
    named_body: bool = False  # one of them written as a name after 'the' ('the Assembly')
    known: bool = False  # named by the curated lexicon, a force or a country
    relative: bool = False  # introduced as someone's relative ('his brother, George Whitman')
    kin_of: str = ""  # the sex of whose relative they are: 'male' for 'his brother, George Whitman'

    def add(self, surface: str, start: int, end: int, alias: bool = True) -> None:
        surface = clean_name(surface)
        if alias and surface and surface != self.name and surface not in self.aliases:
            self.aliases.append(surface)
        if (start, end) not in self.mentions:
            self.mentions.append((start, end))

    def absorb(self, other: Actor, alias: bool = True) -> None:
        """Take ``other``'s names and mentions (it is the same actor under a shorter name)."""
        if alias:
            for name in (other.name, *other.aliases):
                if name != self.name and name not in self.aliases:
                    self.aliases.append(name)
        for mention in other.mentions:
            if mention not in self.mentions:
                self.mentions.append(mention)
        self.role = self.role or other.role
        self.sex = self.sex or other.sex
        self.generic = self.generic and other.generic
        self.named_body = self.named_body or other.named_body
        other.mentions = []


def initialisms(name: str) -> str:
    """'U.S. State Department' -> 'US State Department', so both spellings get one id."""
    return re.sub(r"\b((?:[A-Z]\.){2,})", lambda m: m.group(1).replace(".", ""), name)


def group_mentions(
    doc: Doc,
    mentions: list[Mention],
    lex: Lexicon,
    place_name: Callable[[str], bool] | None = None,
    things: list[tuple[int, int]] | None = None,
) -> list[Actor]:
    """The actors of a document from its accepted mentions. ``place_name`` tells a word that
    names a country, region or city: such a word is never taken for a person's name where spaCy
    did not call it one ('Australia' of a 'Sizzler Australia' spaCy took for a person).
    ``things`` are spans of names of works, events and laws: no form of a person is looked for
    there ('Tom' of 'appeared ... as Tom' beside Tom Welling)."""
    is_place = place_name or (lambda name: False)
    text = doc_text(doc)
    persons = [m for m in mentions if m.type == "person"]
    actors = _by_canonical(text, [m for m in mentions if m.type != "person"])
    full = _by_canonical(text, [m for m in persons if len(m.canonical.split()) > 1])
    full = _merge_name_variants(full)
    full = _merge_nicknames(full, lex)
    full = _merge_other_names(doc, full, lex)
    _mark_relatives(doc, full, lex)
    _sexes_from_the_text(doc, full, persons, lex)
    short = _short_forms(text, [m for m in persons if len(m.canonical.split()) == 1], full)
    _add_surnames(doc, full, actors + short, lex, is_place, things or [])
    people = full + short
    _join_surnames_typed_as_organisations(doc, people, actors, lex, is_place)
    actors = _merge_organisation_names(doc, [a for a in actors if a.mentions], lex)
    _add_school_short_forms(doc, actors, people, lex)
    _add_team_short_forms(doc, actors, people, lex, is_place)
    out = [a for a in people + actors if a.mentions and not _lone_common_noun(a, lex)]
    _unique_ids(out)
    for actor in out:
        actor.aliases = [a for a in dict.fromkeys(actor.aliases) if a and a != actor.name]
    return out


def _by_canonical(text: str, mentions: list[Mention]) -> list[Actor]:
    by_id: dict[str, Actor] = {}
    for m in mentions:
        surface = text[m.start : m.end]
        canonical = clean_name(m.canonical)
        actor_id = slug(initialisms(canonical))
        key = actor_id
        if m.type == "person" and m.sex and len(canonical.split()) == 1:
            key = f"{actor_id}#{m.sex}"  # 'Mrs. Lee' and 'Mr. Lee' are two people
            actor_id = slug(m.titled(canonical))
        actor = by_id.get(key)
        if actor is None:
            actor = by_id[key] = Actor(actor_id, canonical, m.type)
        if m.type == "person" and len(canonical) > len(actor.name):
            actor.aliases.append(actor.name)
            actor.name = canonical
        actor.add(surface, m.start, m.end)
        if m.type == "person" and m.title:
            actor.add(m.titled(surface), m.start, m.end)
        if m.written:
            actor.add(m.written, m.start, m.end)
        actor.role = actor.role or m.role
        actor.sex = actor.sex or m.sex
        actor.generic = actor.generic and m.generic
        actor.named_body = actor.named_body or m.named_body
        actor.known = actor.known or m.source != "entity" or m.country is not None
    return list(by_id.values())


@lru_cache(maxsize=65536)
def _name_words(name: str) -> tuple[str, ...]:
    return tuple(norm(name).split())


def _words(name: str) -> list[str]:
    return list(_name_words(name))


def _is_variant(short: list[str], long: list[str]) -> bool:
    """'Eugene Nida' of 'Eugene A. Nida', 'Nicole Mourey' of 'Jenna Nicole Mourey'."""
    if len(short) >= len(long) or len(short) < 2 or len(short[-1]) < 2:
        return False  # 'George W.' is no variant of 'George H. W.': an initial is no surname
    if long[-len(short) :] == short:
        return True
    if len(short) > 2 or short[-1] != long[-1]:
        return False  # 'George W. Bush' is not 'George H. W. Bush': only middle names drop
    if short[0] != long[0]:
        return short[0] in long[1:-1] and len(short[0]) > 1  # 'Otto Jespersen' of 'Jens Otto Harry Jespersen'
    it = iter(long)
    return all(any(w == x for x in it) for w in short)


def _merge_name_variants(full: list[Actor]) -> list[Actor]:
    """A name joins the one longer name it is a variant of ('Eugene Nida' of 'Eugene A. Nida'),
    or whose given names it is where no one has its last word for a surname ('Pierre Charles' of
    'Pierre Charles L'Enfant', not 'John Paul' beside 'John Paul Getty' and 'Chris Paul')."""
    full.sort(key=lambda a: -len(_words(a.name)))
    others_surnames = {
        id(actor): {_words(a.name)[-1] for a in full if a is not actor and _words(a.name)} for actor in full
    }

    def same(longer: Actor, actor: Actor) -> bool:
        words, other, surnames = _words(actor.name), _words(longer.name), others_surnames[id(actor)]
        return (_is_variant(words, other) or _given_names_of(words, other, surnames)) and _sexes_agree(
            longer.sex, actor.sex
        )

    return _merged(full, same)


def _merged(ordered: list[Actor], same: Callable[[Actor, Actor], bool]) -> list[Actor]:
    """Each actor, in order, joins the one kept before it that ``same`` says it is; with none,
    or with several (which one would be a guess), it is kept as an actor of its own."""
    out: list[Actor] = []
    for actor in ordered:
        matches = [kept for kept in out if same(kept, actor)]
        if len(matches) == 1:
            matches[0].absorb(actor)
        else:
            out.append(actor)
    return out


def _given_names_of(short: list[str], long: list[str], surnames: set[str]) -> bool:
    return (
        len(short) >= 2
        and len(long) > len(short)
        and long[: len(short)] == short
        and min(len(w) for w in short) > 1
        and short[-1] not in surnames
    )


def _merge_nicknames(full: list[Actor], lex: Lexicon) -> list[Actor]:
    """'Larry Lessig' and 'Lawrence Lessig': the same words but the given name, which is one
    name in a short and a formal form (lexicons/actors.toml [nicknames]). The formal form is the
    name."""

    def same(formal: Actor, actor: Actor) -> bool:
        words, other = _words(actor.name), _words(formal.name)
        return (
            len(other) == len(words) > 1
            and other[1:] == words[1:]
            and other[0] != words[0]
            and same_given_name(lex, other[0], words[0])
            and _sexes_agree(formal.sex, actor.sex)
        )

    return _merged(sorted(full, key=lambda a: -len(a.name)), same)


def _merge_other_names(doc: Doc, full: list[Actor], lex: Lexicon) -> list[Actor]:
    """A person's other names are one person: the same two words in the other order ('Higuchi
    Natsu' of 'Natsu Higuchi', as East Asian names are written both ways), and a name the text
    gives right after a cue that says so ('Jenna Nicole Mourey (born 1986), better known by her
    pseudonym Jenna Marbles'; 'Natsu Higuchi, also known as Natsuko Higuchi')."""
    owner: dict[int, Actor] = {}

    def final(actor: Actor) -> Actor:
        while id(actor) in owner:
            actor = owner[id(actor)]
        return actor

    def join(first: Actor, later: Actor) -> None:
        first, later = final(first), final(later)
        if first is not later and _sexes_agree(first.sex, later.sex):
            first.absorb(later)
            owner[id(later)] = first

    text = doc_text(doc)
    by_words = {tuple(_words(a.name)): a for a in full if len(_words(a.name)) == 2}
    for words, actor in list(by_words.items()):
        other = by_words.get(words[::-1])
        if other is not None and min(other.mentions) < min(actor.mentions):
            (s1, e1), (s2, _) = min(other.mentions), min(actor.mentions)
            between = text[e1:s2]
            if between.count("(") > between.count(")") or not _same_sentence(doc, s1, s2):
                join(other, actor)  # not 'Li Wei met Wei Li': two people named in one clause
    mentions = sorted(((s, e, a) for a in full for s, e in a.mentions), key=lambda m: m[:2])
    for (_, end, first), (start, _, later) in pairwise(mentions):
        if final(first) is not final(later) and _names_another_name(doc, end, start, lex):
            join(first, later)
    return [a for a in full if id(a) not in owner]


def _same_sentence(doc: Doc, a: int, b: int) -> bool:
    one = doc.char_span(a, a + 1, alignment_mode="expand")
    other = doc.char_span(b, b + 1, alignment_mode="expand")
    return (
        one is not None
        and other is not None
        and len(one) > 0
        and len(other) > 0
        and one[0].sent == other[0].sent
    )


def _names_another_name(doc: Doc, end: int, start: int, lex: Lexicon) -> bool:
    """Does the text between two names say the second is another name of the first? Brackets
    (dates, a native spelling) are skipped; a cue of lexicons/actors.toml [words] alias_cues,
    then at most two describing words ('pen name of Japanese author'), and no sentence's end."""
    between = doc_text(doc)[end:start].lower()
    if len(between) > 300 or not any(cue in between for cue in lex.words["alias_cues"]):
        return False  # cheap: most names have no cue between them
    span = doc.char_span(end, start, alignment_mode="expand")
    kept = _outside_brackets(span) if span is not None and len(span) <= 40 else None
    if kept is None:
        return False
    words = [t.lower_ for t in kept]
    after = -1
    for cue in lex.words["alias_cues"]:
        parts = cue.split()
        for k in range(len(words) - len(parts), -1, -1):
            if words[k : k + len(parts)] == parts:
                after = max(after, k + len(parts))
                break
    if after < 0:
        return False
    free = [t for t in kept[after:] if not t.is_punct and t.lower_ not in lex.words["alias_cue_joiners"]]
    return len(free) <= 2 and all(t.pos_ in ("ADJ", "NOUN", "PROPN") for t in free)


def _outside_brackets(span: Span) -> list[Token] | None:
    """The tokens of a span outside brackets, or None where a sentence ends in it."""
    kept: list[Token] = []
    depth = 0
    for token in span:
        if token.text in ("(", "["):
            depth += 1
        elif token.text in (")", "]"):
            if depth == 0:
                kept = []  # the first name was inside brackets: what came before is theirs
            depth = max(0, depth - 1)
        elif "\n" in token.text or token.text in (".", ";", "!", "?"):
            return None
        elif depth == 0:
            kept.append(token)
    return kept


def _sexes_agree(a: str, b: str) -> bool:
    return not (a and b and a != b)


def _forms(person: Actor) -> tuple[frozenset[str], str]:
    """The surname forms of a person's full name ('Lopez Obrador', 'Obrador', 'Baghdadi' of
    'al-Baghdadi'), and the given name (the first word: 'Kim' of 'Kim Jong-un')."""
    return _name_forms(person.name)


@lru_cache(maxsize=65536)
def _name_forms(name: str) -> tuple[frozenset[str], str]:
    words = _words(name)
    surnames = {" ".join(words[k:]) for k in range(1, len(words))}
    surnames.add(words[-1])
    return frozenset(surnames), words[0]


def _candidates(key: str, sex: str, full: list[Actor]) -> list[Actor]:
    out = []
    for person in full:
        surnames, given = _forms(person)
        if (key in surnames or key == given) and _sexes_agree(person.sex, sex):
            out.append(person)
    return out


def _sexes_from_titles(mentions: list[Mention], full: list[Actor]) -> None:
    """'Mr. Clinton' and 'Mrs. Clinton' beside one Clinton named in full (or one main Clinton)
    whose sex nothing else told: the title written more often (then first) is theirs, so that
    the other, the spouse, never joins the row."""
    votes: dict[int, list[str]] = {}
    for m in mentions:
        if not m.sex:
            continue
        found = _candidates(norm(m.canonical), "", full)
        # several bearers: the main one, who would take the bare surname ('Bill Clinton' named
        # far more often than 'Hillary Clinton' in an article about him)
        owner = found[0] if len(found) == 1 else _principal(found)
        if owner is not None and not owner.sex:
            votes.setdefault(id(owner), []).append(m.sex)
    for person in full:
        said = votes.get(id(person), [])
        if len(set(said)) > 1:
            person.sex = _title_written_more(said)


def _title_written_more(sexes: list[str]) -> str:
    """The sex of the title written more often ('Mr.' thrice, 'Mrs.' once: 'male'), the first
    written on a tie."""
    female, male = sexes.count("female"), sexes.count("male")
    return sexes[0] if female == male else "female" if female > male else "male"


def _most_prominent(candidates: list[Actor]) -> Actor:
    """The bearer of a name the article is about: not introduced as someone's relative, named
    most often, then first."""
    return min(candidates, key=lambda p: (p.relative, -len(p.mentions), min(p.mentions)))


def _sexes_from_the_text(doc: Doc, full: list[Actor], persons: list[Mention], lex: Lexicon) -> None:
    """The sex of a person named in full whose title did not tell it, from what the article says
    of them: a role that tells it ('the first lady', 'congresswoman'), and the subject pronoun
    ('he', 'she') of the next clause after the person was named as a subject, with no other
    person named in between ('Anna Berg opened the shop. She ...'). So 'Mrs. Berg' is Anna and
    never Tomas Berg, and 'Mr. Obama' never joins Michelle Obama."""
    told = lex.titles
    starts = sorted({m.start for m in persons})
    for person in full:
        if person.sex:
            continue
        votes = {"female": 0, "male": 0}
        for word in (person.role or "").split():
            if word.lower() in told.address:
                break  # 'adviser to Mr. Obama': the rest of the role is someone else's
            sex = told.sex_of(word)
            if sex:
                votes[sex] += 3
        for start, end in person.mentions:
            sex = _apposition_sex(doc, start, end, lex)
            if sex:
                votes[sex] += 3
            sex = _pronoun_after(doc, start, end, starts, told.subject_pronouns)
            if sex:
                votes[sex] += 1
        if votes["female"] != votes["male"]:
            person.sex = "female" if votes["female"] > votes["male"] else "male"
    for relative in (p for p in full if p.kin_of):
        # 'his brother, Robert Vance' beside Donald Vance: the one bearer of the surname not
        # introduced as a relative is the 'his'
        surname = _words(relative.name)[-1]
        owners = [p for p in full if not p.relative and _words(p.name)[-1] == surname]
        if len(owners) == 1 and not owners[0].sex:
            owners[0].sex = relative.kin_of


def _apposition_sex(doc: Doc, start: int, end: int, lex: Lexicon) -> str:
    """The sex a noun in apposition tells: 'the first lady, Michelle Abara', 'Joan Ferro, a
    congresswoman'; '' else."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    root = span.root
    nouns = [root.head] if root.dep_ == "appos" else []
    nouns += [c for c in root.children if c.dep_ == "appos"]
    for noun in nouns:
        sex = lex.titles.sex_of(noun.text)
        if sex:
            return sex
    return ""


_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def _pronoun_after(doc: Doc, start: int, end: int, starts: list[int], pronouns: dict[str, str]) -> str:
    """The sex of the first subject pronoun after a subject name, in its sentence or the next,
    if no other person is named before it; '' else."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or span.root.dep_ not in _SUBJECTS or span.root.head.dep_ != "ROOT":
        return ""  # 'When Trump came to town, she ...': the subject of a clause is not the topic
    if any(_quote_mark(t) for t in doc[span.sent.start : span.start]):
        return ""  # named inside someone's quoted words: the 'he' after is the one quoted
    sentences = 0
    for token in doc[span.end :]:
        if token.is_sent_start:
            sentences += 1
            if sentences > 1:
                return ""
        if token.idx in starts or _quote_mark(token):
            return ""  # another person (or this one again) named first, or quoted words
        if token.lower_ in pronouns and token.dep_ in _SUBJECTS:
            return pronouns[token.lower_]
    return ""


def _quote_mark(token: Token) -> bool:
    return token.is_quote or token.text in ("``", "''")


def _nearest_before(candidates: list[Actor], start: int) -> Actor | None:
    best, best_start = None, -1
    for person in candidates:
        before = [s for s, _ in person.mentions if s < start]
        if before and max(before) > best_start:
            best, best_start = person, max(before)
    return best


def _short_forms(text: str, mentions: list[Mention], full: list[Actor]) -> list[Actor]:
    """One-word person mentions: joined to the one full name they are a form of, or to the one
    person of that name the same title was given ('Dr. Nelson' of 'Dr. Alondra Nelson'); shared
    by two people, each is linked to the nearest named before it. Else persons of their own."""
    alone: list[Mention] = []
    shared: list[tuple[Mention, Actor]] = []
    _sexes_from_titles(mentions, full)
    for m in mentions:
        found = _candidates(norm(m.canonical), m.sex, full)
        shared_name = len(found) > 1
        if len(found) > 1 and m.sex:
            found = [p for p in found if p.sex == m.sex] or found  # 'Mrs. Okafor' of 'his wife'
        if len(found) > 1 and m.sex and not m.role and all(p.sex == m.sex for p in found):
            # 'Mr. Vance' of two brothers: the one the article is about, not whichever was
            # named last
            found = [_most_prominent(found)]
            found[0].add(m.titled(text[m.start : m.end]), m.start, m.end)
            continue
        if len(found) > 1 and m.role:
            found = [p for p in found if p.role and m.role.lower() in p.role.lower()] or found
        if len(found) == 1:
            # a surname two people share, told apart by the title ('Mrs. Renner' beside Hillary
            # and Bill Renner): the titled form only is an alias, the bare name is neither's
            found[0].add(text[m.start : m.end], m.start, m.end, alias=not (shared_name and m.title))
            found[0].add(m.titled(text[m.start : m.end]), m.start, m.end)
            if m.written:
                found[0].add(m.written, m.start, m.end)
            found[0].role = found[0].role or m.role
            found[0].sex = found[0].sex or m.sex
            continue
        nearest = _nearest_before(found, m.start) if found else None
        if nearest is None:
            alone.append(m)
        else:
            shared.append((m, nearest))
    _link_shared([(m.titled(text[m.start : m.end]), m.start, m.end, p) for m, p in shared], full)
    return _by_canonical(text, alone)


def _link_shared(links: list[tuple[str, int, int, Actor]], people: list[Actor] | None = None) -> None:
    """Mentions of a name two people share ('Nelson' of 'Bill Nelson' and 'Alondra Nelson'):
    each is linked to the person named last before it (quotes find their speaker by it), and
    the name is an alias of neither, so that no row holds two people's names."""

    def bearers(surface: str, sex: str) -> list[Actor]:
        key = norm(surface).split()[-1]
        return [p for p in (people or []) if key in _forms(p)[0] and _sexes_agree(p.sex, sex)]

    # the main bearer takes the title written more often for the name ('Mr. Clinton' in an
    # article about him), never both: the spouse named by the other title is not the main person
    written: dict[str, list[str]] = {}
    for surface, *_ in links:
        if said := titles().sex(surface.split()[0]):
            written.setdefault(norm(surface).split()[-1], []).append(said)
    for surface, start, end, person in links:
        sex = titles().sex(surface.split()[0])  # 'Mrs. Okafor' is never a Mr. Okafor's
        candidates = bearers(surface, sex)
        principal = _principal(candidates)
        if principal is not None and sex and not principal.sex:
            sexes = written.get(norm(surface).split()[-1], [])
            if len(set(sexes)) > 1:
                principal.sex = _title_written_more(sexes)
            if not _sexes_agree(principal.sex, sex):
                candidates = bearers(surface, sex)
                principal = _principal(candidates)
                person = _nearest_before(candidates, start) or person
        if principal is not None:
            principal.add(surface, start, end)
        elif _sexes_agree(person.sex, sex):
            person.add(surface, start, end, alias=False)


def _mark_relatives(doc: Doc, people: list[Actor], lex: Lexicon) -> None:
    """People the text introduces as someone's relative: a name in apposition to a kin noun ('his
    brother, George Whitman', 'Their son, Thomas Padalecki') or after one ('her son Pedro')."""
    kin = lex.words["kin_nouns"]
    for person in people:
        for start, end in person.mentions:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            root = span.root
            nouns = [root.head] if root.dep_ == "appos" else []
            nouns += [c for c in root.children if c.i < span.start or c.dep_ == "appos"]
            noun = next((n.lemma_.lower() for n in nouns if n.lemma_.lower() in kin), None)
            if noun is not None:
                person.relative = True  # 'his wife, Grace Okafor', 'Marie Diallo, his mother'
                person.sex = person.sex or _kin_sex(noun, lex)
                person.kin_of = _possessor_sex(next(n for n in nouns if n.lemma_.lower() == noun), lex)
                break
            if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in kin:
                person.relative = True  # 'the second son of Pierre Diallo': his father
                break


def _possessor_sex(noun: Token, lex: Lexicon) -> str:
    """'male' for the 'his' of 'his brother', 'female' for 'her', '' else."""
    told = lex.titles
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ in told.possessive_pronouns:
            return told.subject_pronouns.get(told.possessive_pronouns[child.lower_], "")
    return ""


def _kin_sex(noun: str, lex: Lexicon) -> str:
    """'female' for 'wife', 'male' for 'brother', '' for 'cousin'."""
    if noun in lex.words["female_kin_nouns"]:
        return "female"
    return "male" if noun in lex.words["male_kin_nouns"] else ""


def _principal(candidates: list[Actor]) -> Actor | None:
    """The person an article is about among those sharing a surname: the one bearer not
    introduced as a relative of another ('Walt Whitman' beside 'his brother, George Whitman'),
    or the one named first, and more often than each of the others."""
    if len(candidates) < 2:
        return None
    others = [p for p in candidates if not p.relative]
    if len(others) == 1:
        return others[0]
    first = min(candidates, key=lambda p: min(p.mentions))
    if all(len(first.mentions) > 2 * len(p.mentions) for p in candidates if p is not first):
        return first
    return None


def _add_surnames(
    doc: Doc,
    full: list[Actor],
    others: list[Actor],
    lex: Lexicon,
    is_place: Callable[[str], bool],
    things: list[tuple[int, int]],
) -> None:
    """'Crivellaro' after 'Maurizio Crivellaro': the same person, found even where spaCy missed
    it. The surname (also without its particle: 'Baghdadi' of 'al-Baghdadi'), and, where one
    person has them and the document never writes them in lower case, the other words of the
    name: 'Lula' of 'Luiz Inácio Lula da Silva', 'Tedros' of 'Tedros Adhanom Ghebreyesus'."""
    owners = _surname_owners(doc, full, lex, is_place)
    if not owners:
        return
    shared: list[tuple[str, int, int, Actor]] = []
    givens = {p.name.split()[0] for p in full}
    text = doc_text(doc)
    taken = [m for actor in full + others for m in actor.mentions] + things
    for m in _untaken(text, owners, taken):
        if _after_locative(doc, m.start(), lex):
            continue  # 'a lawyer in Lyon' is the city, whoever Anna Lyon is
        if m.group(0) in givens and _not_a_given_name(doc, m.start()):
            continue  # 'a Mets fan' beside a 'Mets Poet': a team, not a person's given name
        if _after_determiner(text, m.start(), lex):
            continue  # 'the Poet': a common noun, not the surname of a 'Mets Poet'
        people = owners[m.group(0)]
        if len(people) == 1:
            people[0].add(m.group(0), m.start(), m.end())
        else:
            nearest = _nearest_before(people, m.start())
            if nearest is None:
                continue
            shared.append((m.group(0), m.start(), m.end(), nearest))
    _link_shared(shared, full)


# spaCy's labels of names that are no person's given name ('a Mets fan'); its PRODUCT and
# WORK_OF_ART labels on a person's given name are often wrong ('Jared decided to move')
_NOT_PERSON_LABELS = frozenset({"ORG", "NORP", "GPE", "LOC", "FAC"})


def _plural(doc: Doc, start: int) -> bool:
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return span is not None and len(span) > 0 and span[0].tag_ == "NNPS"


def _not_a_given_name(doc: Doc, start: int) -> bool:
    """A plural proper noun, or a word spaCy labelled as something other than a person's name."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return (
        span is not None
        and len(span) > 0
        and (span[0].tag_ == "NNPS" or span[0].ent_type_ in _NOT_PERSON_LABELS)
    )


def _after_determiner(text: str, start: int, lex: Lexicon) -> bool:
    """'the Poet': the word before is an article (read on the text: no token lookup)."""
    before = text[max(0, start - 6) : start]
    word = before.rstrip(" ").rsplit(None, 1)[-1].lower() if before.strip() else ""
    return before.endswith(" ") and word in lex.words["determiners"]


def _surname_owners(
    doc: Doc, full: list[Actor], lex: Lexicon, is_place: Callable[[str], bool]
) -> dict[str, list[Actor]]:
    """Each form to look for -> the persons whose name it is a form of (a given name only where
    one person has it)."""
    lower = lower_words(doc)
    particles = lex.words["name_particles"]
    owners: dict[str, list[Actor]] = {}
    surnames: set[str] = set()
    for person in full:
        words = person.name.split()
        last = {words[-1], _without_particle(words[-1], particles)}
        forms = set(last)
        if len(words) >= 3 and all(w[:1].isupper() or w.lower() in particles for w in words):
            forms |= {
                w for w in words[:-1] if len(w) >= 4 and w.lower() not in lower and w.lower() not in particles
            }
        elif len(words) == 2 and words[0].lower() not in lower and words[0].lower() not in particles:
            forms.add(words[0])  # 'Jenna' of 'Jenna Marbles', 'Yang' of 'Yang Buwei'
        for other in [person.name, *person.aliases]:
            two = other.split()
            if len(two) == 2 and all(
                w[:1].isupper() and w.isalpha() and not lex.titles.is_title(w) for w in two
            ):
                forms.add(f"{two[1]} {two[0]}")  # 'Higuchi Natsuko' of 'Natsuko Higuchi'
        surnames |= last
        for form in forms:
            if (
                len(form) >= 3
                and form[0].isupper()
                and not lex.titles.is_title(form)
                and form.lower()
                not in lex.titles.nobility  # 'Earl' of Earl Ray Tomblin is no 'Earl of Clare'
                and not is_place(form)
            ):
                owners.setdefault(form, []).append(person)
    # a given name two people share links to neither
    return {f: people for f, people in owners.items() if len(people) == 1 or f in surnames}


def _without_particle(word: str, particles: frozenset[str]) -> str:
    """'Baghdadi' of 'al-Baghdadi'."""
    head, sep, rest = word.partition("-")
    return rest if sep and head.lower() in particles and rest else word


def _after_locative(doc: Doc, start: int, lex: Lexicon) -> bool:
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or not len(span) or span[0].i == 0:
        return False
    return doc[span[0].i - 1].lower_ in lex.words["locative_prepositions"]


def _join_surnames_typed_as_organisations(
    doc: Doc, people: list[Actor], actors: list[Actor], lex: Lexicon, is_place: Callable[[str], bool]
) -> None:
    """'Lopez Obrador', 'Brock Holt' of 'Brock Wyatt Holt', or a 'Guterres' spaCy called an
    organisation, after the full name (a
    surname even where a place has it: 'Malle' of Louis Malle), or its given name ('Wang' of
    'Wang Li'), unless that is a place's name ('Buffalo' of a 'Buffalo Fire' spaCy took for a
    person) or a plural ('the Mets' beside a 'Mets Poet')."""
    full = [p for p in people if len(p.name.split()) > 1]
    for short in actors:
        if short.known or short.type != "organisation" or known(lex, short.name) is not None:
            continue
        key = norm(short.name)
        found = [p for p in full if key in _forms(p)[0] or _is_variant(_words(short.name), _words(p.name))]
        principal = _principal(found)
        if principal is not None:
            found = [principal]  # 'Whitman' spaCy called an organisation, beside his brother's name
        if not found and not is_place(short.name) and not any(_plural(doc, s) for s, _ in short.mentions):
            found = [p for p in full if key == _forms(p)[1]]  # 'Wang' of 'Wang Li', not 'the Mets'
        if len(found) == 1:
            found[0].absorb(short)


def _school_word(actor: Actor, lex: Lexicon) -> str | None:
    """'Harvard' of 'Harvard University', 'Helsinki' of 'University of Helsinki'."""
    words = actor.name.split()
    schools = lex.words["school_words"]
    if len(words) == 2 and words[1].lower() in schools:
        word = words[0]
    elif len(words) == 3 and words[0].lower() in schools and words[1].lower() == "of":
        word = words[2]
    else:
        return None
    return word if word[:1].isupper() and word.isalpha() else None


def _add_school_short_forms(doc: Doc, actors: list[Actor], people: list[Actor], lex: Lexicon) -> None:
    """A school named by its place alone where the text speaks of the school: 'at Harvard',
    'returned to Harrow', 'Harrow boys', "joining Berkeley's department", beside 'Harvard
    University' or 'University of Helsinki'; never 'in Helsinki', the city."""
    schools: dict[str, list[Actor]] = {}
    for actor in actors:
        word = _school_word(actor, lex)
        if word is not None and actor.type == "organisation":
            schools.setdefault(word, []).append(actor)
    forms = {w: a[0] for w, a in schools.items() if len(a) == 1}
    if not forms:
        return
    for person in people:
        if (
            person.name in forms
            and person.mentions
            and any(_speaks_of_the_school(t, lex) for s, e in person.mentions for t in _one_token(doc, s, e))
        ):
            forms[person.name].absorb(person)  # 'his Rice teammate' spaCy took for a person
    for m in _untaken(doc_text(doc), forms, [m for actor in actors + people for m in actor.mentions]):
        span = doc.char_span(m.start(), m.end())
        if span is not None and len(span) == 1 and _speaks_of_the_school(span[0], lex):
            forms[m.group(0)].add(m.group(0), m.start(), m.end())


def _add_team_short_forms(
    doc: Doc, actors: list[Actor], people: list[Actor], lex: Lexicon, is_place: Callable[[str], bool]
) -> None:
    """A team named by its town where someone plays or works for it: 'debuted for Boston',
    'signed with Kaizer' beside 'Boston Red Sox', 'Kaizer Chiefs'; the town's name, the first
    word of one organisation's name of two or three words none of which is a cue word (a team's
    name, not 'Boston University'), is that organisation there, never 'in Boston'."""
    teams: dict[str, list[Actor]] = {}
    for actor in actors:
        words = actor.name.split()
        if (
            actor.type == "organisation"
            and not actor.known
            and 2 <= len(words) <= 3
            and words[0].isalpha()
            and words[0][:1].isupper()
            and is_place(words[0])
            and not type_from_cues(lex, actor.name, default="")
        ):
            teams.setdefault(words[0], []).append(actor)
    forms = {w: a[0] for w, a in teams.items() if len(a) == 1}
    if not forms:
        return
    for m in _untaken(doc_text(doc), forms, [m for actor in actors + people for m in actor.mentions]):
        span = doc.char_span(m.start(), m.end())
        if span is None or len(span) != 1:
            continue
        token = span[0]
        if (
            token.dep_ == "pobj"
            and token.head.lower_ in lex.words["employment_prepositions"]
            and token.head.head.lemma_.lower() in lex.words["employment_verbs"]
        ):
            forms[m.group(0)].add(m.group(0), m.start(), m.end())


def _untaken(text: str, words: Iterable[str], taken: Iterable[tuple[int, int]]) -> Iterator[re.Match]:
    """Each whole-word occurrence of one of ``words`` in ``text`` (the longest first) that overlaps
    none of the ``taken`` spans (the first of overlapping ones counts): where a short form of a
    name is looked for beyond the mentions already found."""
    spans = DisjointSpans()
    for s, e in taken:
        if not spans.overlaps(s, e):
            spans.add(s, e)
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    for m in re.finditer(r"(?<![\w-])(?:" + alternatives + r")(?![\w-])", text):
        if not spans.overlaps(m.start(), m.end()):
            yield m


def _one_token(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end)
    return [span[0]] if span is not None and len(span) == 1 else []


def _speaks_of_the_school(token: Token, lex: Lexicon) -> bool:
    before = token.nbor(-1).lower_ if token.i > 0 else ""
    if before in lex.words["school_prepositions"]:
        return True
    if token.dep_ == "dobj" and token.head.lemma_.lower() in lex.words["school_verbs"]:
        return True
    return (
        token.dep_ in ("poss", "compound")
        and token.head.pos_ == "NOUN"
        and before not in lex.words["town_prepositions"]
    )


def _initials(words: list[str], lex: Lexicon) -> set[str]:
    connectors = lex.words["connectors"]
    every = "".join(w[0] for w in words if w)
    named = "".join(w[0] for w in words if w and w.lower() not in connectors)
    return {every.upper(), named.upper()}


def _merge_organisation_names(doc: Doc, actors: list[Actor], lex: Lexicon) -> list[Actor]:
    """An organisation's shorter names join the one longer name they are part of, unless the
    shorter comes first in the sentence that names the longer: 'studied at the Royal Academy in
    the Louvre, and at the Royal Academy of Painting' names two schools."""
    out: list[Actor] = []
    for actor in sorted(actors, key=lambda a: -len(a.name)):
        longer = _longer_name(actor, out, lex)
        if longer is not None and _named_before_in_its_sentence(doc, actor, longer):
            longer = None
        if longer is None:
            out.append(actor)
        else:
            longer.absorb(actor)
    return out


def _longer_name(actor: Actor, longer: list[Actor], lex: Lexicon) -> Actor | None:
    if actor.known:
        return None  # a country, a curated body or a force is an actor of its own
    words = _words(actor.name)
    if not words:
        return None
    found = []
    for other in longer:
        # an organisation's short name may lack its type's cue ('the House' of the House of Representatives)
        if other.type == "person" or (actor.type not in (other.type, "organisation") and not actor.generic):
            continue
        theirs = _words(other.name)
        if len(theirs) <= len(words):
            continue
        if (
            (len(words) >= 2 and theirs[-len(words) :] == words)
            or theirs[: len(words)] == words
            or (
                actor.name.isupper()
                and 2 <= len(actor.name) <= 6
                and actor.name in _initials(other.name.split(), lex)
            )
        ):
            found.append(other)
    return found[0] if len(found) == 1 else None


def _named_before_in_its_sentence(doc: Doc, short: Actor, longer: Actor) -> bool:
    (s1, _), (s2, _) = min(short.mentions), min(longer.mentions)
    return s1 < s2 and not short.generic and _same_sentence(doc, s1, s2)


def _lone_common_noun(actor: Actor, lex: Lexicon) -> bool:
    """A common noun alone that names no body: not a short form of a longer name, not an
    institution news names alone, and never written as a name after 'the' or 'this' ('submitted
    to the Academy', 'upon this Assembly': the text's own body, as a reader takes it)."""
    return (
        actor.generic
        and not actor.known
        and not actor.named_body
        and norm(actor.name) not in lex.words["institutions"]
    )


def _unique_ids(actors: list[Actor]) -> None:
    """Two actors of one slug (two people called only 'Lee', by 'Mr.' and 'Mrs.') get '-2'..."""
    seen: dict[str, int] = {}
    for actor in sorted(actors, key=lambda a: min(a.mentions)):
        n = seen.get(actor.actor_id, 0) + 1
        seen[actor.actor_id] = n
        if n > 1:
            actor.actor_id = f"{actor.actor_id}-{n}"
