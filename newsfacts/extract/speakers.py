"""Who said it: a cue's speaker token -> the speaker's name and actor.

A named speaker is the actor the text names there (the actors table's row, through
``ActorIndex``), checked against what the words themselves say: an honorific of the other gender
(``Mrs. Clinton`` when the actor found is ``Bill Clinton``) or another given name (``Ivanka Trump``
for ``Donald Trump``) sends the search to the actor that fits, or to the name as written. A pronoun
(``he``, ``she``) is the nearest person before it, outside quotation marks, whose gender does not
contradict it; ``it``, ``they`` and a collective noun (``the administration``, ``the campaign``)
are the nearest organisation, the one whose name has that noun first.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from newsfacts.extract.common import doc_text, sentence_at
from newsfacts.extract.names import clean_name, titles
from newsfacts.extract.reporting import reporting_verbs
from newsfacts.paths import LEXICONS

LEXICON_PATH = LEXICONS / "quotes.toml"

# The dependency labels of what is not part of a speaker's own noun phrase
_PHRASE_STOP_DEPS = ("relcl", "acl", "appos", "punct", "advcl")


@dataclass(frozen=True)
class SpeakerWords:
    titles: frozenset[str]
    person_pronouns: frozenset[str]
    organisation_pronouns: frozenset[str]
    relative_pronouns: frozenset[str]
    female_pronouns: frozenset[str]
    male_pronouns: frozenset[str]
    organisation_nouns: frozenset[str]
    organisation_determiners: frozenset[str]
    phrase_breaks: frozenset[str]
    doer_prepositions: frozenset[str]


@lru_cache(maxsize=1)
def words() -> SpeakerWords:
    with LEXICON_PATH.open("rb") as f:
        data = tomllib.load(f)
    pronouns = data["pronouns"]
    return SpeakerWords(
        titles=titles().words,  # the one titles list, lexicons/titles.toml
        person_pronouns=frozenset(pronouns["person"]),
        organisation_pronouns=frozenset(pronouns["organisation"]),
        relative_pronouns=frozenset(pronouns["relative"]),
        female_pronouns=frozenset(pronouns["gender"]["female"]),
        male_pronouns=frozenset(pronouns["gender"]["male"]),
        organisation_nouns=frozenset(data["organisation_nouns"]["words"]),
        organisation_determiners=frozenset(data["organisation_determiners"]["words"]),
        phrase_breaks=frozenset(data["marks"]["phrase_breaks"]),
        doer_prepositions=frozenset(data["gerund_speakers"]["prepositions"]),
    )


@lru_cache(maxsize=1)
def _gendered_pronouns() -> re.Pattern:
    w = words()
    alternatives = "|".join(sorted(w.female_pronouns | w.male_pronouns, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


class Regions(Protocol):
    def holds(self, char: int) -> bool: ...


class ActorLike(Protocol):
    actor_id: str
    name: str
    type: str
    aliases: list[str]
    mentions: list[tuple[int, int]]


# --- the speaker's noun phrase ------------------------------------------------------------------


def _nearest_subject(verb: Token, quoted: Callable[[int], bool] | None = None) -> Token | None:
    """The subject next to the verb: of two subjects (a misread apposition, 'Malaysia's Prime
    Minister, Najib Razak said') the nearer, of conjoined ones ('the UN and the US said') the
    last, the one the parser is surest of. Never the quoted words ('"Meh," wrote a voter'),
    which the parser may take for one."""
    subjects = [
        c
        for c in verb.children
        if c.dep_ in ("nsubj", "csubj") and not (quoted is not None and quoted(c.idx))
    ]
    if not subjects:
        return None
    before = [c for c in subjects if c.i < verb.i]
    subject = before[-1] if before else subjects[0]
    last = subject  # of conjoined subjects, the last ('the UN and the US'); not a conjunct
    while True:  # inside an apposition ('X, director of A and a professor at B')
        nxt = next((c for c in last.children if c.dep_ == "conj" and c.i < verb.i), None)
        if nxt is None or nxt.pos_ not in ("PROPN", "NOUN"):
            return last
        last = nxt


def subject_of(verb: Token, quoted: Callable[[int], bool] | None = None) -> Token | None:
    """The cue's speaker token: its subject, or the subject of the verb it depends on
    ('X sent a message calling on ...', 'X arrived and said ...'), or an inverted subject
    ('..., said the minister'). `quoted(char)` tells the characters inside quotation marks."""
    relative = words().relative_pronouns
    shown = _shown_saying(verb)
    if shown is not None:
        return shown
    node = verb
    for _ in range(6):
        subject = _nearest_subject(node, quoted)
        if subject is not None:
            if subject.lower_ in relative and node.dep_ == "relcl":
                return node.head
            return subject
        if node.dep_ == "acl" and _names_someone(node.head):
            return node.head  # 'footage of Hillary Clinton asking, "..."'
        if node.dep_ == "acl" and (shown := _person_shown(node.head)) is not None:
            return shown  # 'the ad uses footage of Grace Mugabe asking, "..."': not the ad
        if node.dep_ in ("conj", "xcomp", "advcl") and node.head is not node:
            node = node.head
            if _reported_clause(node):
                node = node.head  # 'X said the plan would fail, citing ...': X cites, not the plan
        elif _gerund_of_preposition(node):
            node = node.head.head  # 'X landed in trouble by saying that ...': X speaks
        elif node.dep_ == "acl" and node.head.dep_ in ("dobj", "pobj", "attr"):
            node = node.head.head
            while node.pos_ not in ("VERB", "AUX") and node.head is not node:
                node = node.head
        else:
            break
    return _unattached_speaker(verb, quoted)


def _reported_clause(node: Token) -> bool:
    """A clause another verb reports ('said [the country would leave]'): a verb hung on it
    without a subject of its own ('..., citing ...', '... and suggested ...') is the reporter's
    act, whatever the small model attached it to."""
    head = node.head
    return node.dep_ == "ccomp" and head.i < node.i and head.lemma_.lower() in reporting_verbs().content


def _gerund_of_preposition(node: Token) -> bool:
    """A gerund after a preposition of the clause's verb ('by saying', 'after telling'), whose
    doer is that verb's subject; not after 'for' or 'without' ('praised X for saying', 'goes
    without saying'), whose doer is someone else or nobody."""
    return (
        node.tag_ == "VBG"
        and node.dep_ == "pcomp"
        and node.head.dep_ == "prep"
        and node.head.lower_ in words().doer_prepositions
        and node.head.head.pos_ in ("VERB", "AUX")
    )


def _unattached_speaker(verb: Token, quoted: Callable[[int], bool] | None) -> Token | None:
    """A speaker the parser did not make the verb's subject: a name right before it ('"...,"
    Chief Ana Ruiz said Monday'), else an inverted subject after it ('said the minister'),
    never a time ('said Monday')."""
    left = verb.doc[verb.i - 1] if verb.i > 0 else None
    if (
        left is not None
        and left.pos_ == "PROPN"
        and left.ent_type_ in ("PERSON", "ORG")
        and not (quoted is not None and quoted(left.idx))
    ):
        return left
    for child in verb.rights:
        if child.ent_type_ in ("DATE", "TIME"):
            continue
        if child.dep_ in ("dobj", "npadvmod", "attr", "appos", "nsubj") and child.pos_ in ("PROPN", "NOUN"):
            return child
    return None


def _shown_saying(verb: Token) -> Token | None:
    """'a clip of X saying, "..."', however it is parsed: the name just before the participle."""
    if verb.tag_ != "VBG" or verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    if before.dep_ == "pobj" and before.head.lower_ == "of" and _names_someone(before):
        return before
    return None


def _person_shown(noun: Token) -> Token | None:
    """The person a recording shows ('footage of X', 'a video of X'): the 'of' phrase's name."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and _names_someone(obj):
                return obj
    return None


def _names_someone(token: Token) -> bool:
    return token.ent_type_ in ("PERSON", "ORG") or (
        token.pos_ == "PROPN" and token.ent_type_ not in ("GPE", "LOC")
    )


def speaker_phrase(head: Token) -> Span:
    """The speaker's noun phrase: the head with its modifiers, without appositions, relative
    clauses and parentheses ('Maurizio Crivellaro, STC Country Director' -> 'Maurizio
    Crivellaro')."""
    doc = head.doc
    breaks = words().phrase_breaks
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in _PHRASE_STOP_DEPS or child.text in breaks:
            break
        end = child.right_edge.i + 1
    end = next((k for k in range(head.i + 1, end) if doc[k].text in breaks), end)
    start = head.left_edge.i
    for k in range(start, head.i):  # a comma before the head ends an apposition
        if doc[k].text in breaks:
            start = k + 1
    while start < head.i and (doc[start].dep_ in ("det", "predet") or doc[start].is_punct):
        start += 1
    return doc[start:end]


def strip_titles(tokens: list[str]) -> list[str]:
    """A name without the titles before it ('Major General Fuad Basya' -> 'Fuad Basya')."""
    titles = words().titles
    k = 0
    while k < len(tokens) - 1 and tokens[k].lower() in titles:
        k += 1
    rest = tokens[k:]
    return rest if rest and rest[0][:1].isupper() else tokens


def one_line(text: str) -> str:
    """Text on one line: runs of white space (a line break inside a phrase) as one space, no
    control characters (``names.clean_name``)."""
    return clean_name(text)


def written_name(text: str) -> str:
    name = " ".join(strip_titles(clean_name(text).split()))
    return name[4:] if name.lower().startswith("the ") else name


def _gender_of_words(tokens: list[str]) -> str | None:
    told = titles()
    for token in tokens:
        sex = told.sex_of(token)
        if sex:
            return sex
    return None


# --- resolution ---------------------------------------------------------------------------------


class SpeakerResolver:
    """Names a speaker token as the actors table does, and links it."""

    def __init__(self, doc: Doc, actors, regions: Regions):
        self.doc = doc
        self.text = doc_text(doc)
        self.ents = list(doc.ents)  # doc.ents is rebuilt on every access
        self.actors = actors
        self.regions = regions
        # every actor mention outside quotation marks, in order: for pronouns and lookups
        self._mentions: list[tuple[int, int, ActorLike]] = []
        if actors is not None:
            for actor in actors:
                for s, e in actor.mentions:
                    self._mentions.append((s, e, actor))
        self._mentions.sort(key=lambda m: (m[0], -m[1]))
        self._starts = [m[0] for m in self._mentions]
        self._gender: dict[str, str | None] = {}
        self._titled: dict[str, str] = {}  # actor_id -> the gender its honorifics say

    # public

    def resolve(self, token: Token) -> tuple[str | None, str | None]:
        w = words()
        low = token.lower_
        if low in w.person_pronouns:
            gender = "female" if low in w.female_pronouns else "male" if low in w.male_pronouns else None
            return self._last_named(token.idx, person=True, gender=gender)
        if low in w.organisation_pronouns:
            return self._last_named(token.idx, person=False)
        if token.pos_ == "PRON":
            return None, None
        if self._is_collective(token):
            found = self._last_organisation_with(token.lower_, token.idx) or self._last_written_with(
                token.lower_, token.idx
            )
            if found is not None:
                return found
        return self._named(token)

    def mention(self, token: Token) -> str:
        """The speaker as the article writes it at the cue: the pronoun itself ('she'), else the
        speaker's noun phrase with its titles ('Mr. Walker', 'the senator'); on one line."""
        if token.pos_ == "PRON" or token.lower_ in words().person_pronouns:
            return token.text
        phrase = speaker_phrase(token)
        start = phrase.start
        while (
            start > 0
            and token.doc[start - 1].dep_ in ("det", "predet")
            and token.doc[start - 1].head.i == token.i
        ):
            start -= 1  # the determiner as written: 'the senator'
        return one_line(token.doc[start : phrase.end].text) or token.text

    def name_at(self, start: int, end: int, written: str) -> tuple[str, str | None]:
        """A speaker named by characters (a dash or a transcript label), not by a parse."""
        actor = self._actor_over(start, end)
        inside = actor is not None and any(start <= s and e <= end for s, e in actor.mentions)
        if actor is not None and inside and self._fits(actor, written.split()):
            return actor.name, actor.actor_id
        return written, None

    # named speakers

    def _named(self, head: Token) -> tuple[str | None, str | None]:
        phrase = speaker_phrase(head)
        tokens = phrase.text.split()
        actor = self._actor_at(head)
        if actor is not None and not self._fits(actor, tokens):
            actor = self._actor_fitting(tokens, head.idx)
            if actor is None:
                return written_name(phrase.text) or None, None
        if actor is None:
            actor = self._actor_by_name(phrase.text, head.text)
        if actor is None:
            actor = self._actor_in_appositions(head)
        if actor is not None:
            return actor.name, actor.actor_id
        entity = self._entity_at(head) or self._person_in_appositions(head)
        if entity is not None:
            text = clean_name(entity.text)
            return (text[4:] if text.lower().startswith("the ") else text) or None, None
        return written_name(phrase.text) or None, None

    def _fits(self, actor: ActorLike, tokens: list[str]) -> bool:
        """The words that name the speaker do not contradict the actor: no honorific of the other
        gender, no given name the actor does not have."""
        said = _gender_of_words(tokens)
        if said is not None and self.gender(actor) not in (None, said):
            return False
        name_words = [t for t in strip_titles(tokens) if t[:1].isupper()]
        forms = [actor.name, *actor.aliases]
        if actor.type != "person":  # 'Senator Amara Obi' is not an organisation named 'Obi'
            words_of = {w.lower() for f in forms for w in f.split()}
            return len(name_words) < 2 or all(w.lower() in words_of for w in name_words)
        if len(name_words) < 2:
            return True
        given = name_words[0].lower()
        return any(given in f.lower().split() for f in forms) or not any(
            name_words[-1].lower() in f.lower().split() for f in forms
        )

    def _actor_fitting(self, tokens: list[str], before: int):
        """Another person actor with the speaker's surname whose name fits the words: 'Mrs.
        Clinton' -> Hillary Clinton when Bill Clinton is also named."""
        name_words = [t for t in strip_titles(tokens) if t[:1].isupper()]
        if not name_words or self.actors is None:
            return None
        surname = name_words[-1].lower()
        candidates = [
            a
            for a in self.actors
            if a.type == "person"
            and any(surname in f.lower().split() for f in [a.name, *a.aliases])
            and self._fits(a, tokens)
        ]
        if not candidates:
            return None

        # the one mentioned last before the speaker, else the first named
        def last_before(a) -> int:
            return max((s for s, _ in a.mentions if s < before), default=-1)

        return max(candidates, key=last_before)

    def gender(self, actor: ActorLike) -> str | None:
        """The gender the article gives an actor: by the honorifics written before its mentions
        ('Mrs.', 'Mr.'), else by the pronouns that follow them ('Trump ... he said')."""
        if not self._gender:
            self._gender = self._genders()
        return self._gender.get(actor.actor_id)

    def _genders(self) -> dict[str, str | None]:
        w = words()
        votes: dict[str, list[int]] = {}  # actor_id -> [female, male]
        for s, e, actor in self._mentions:
            if actor.type != "person":
                continue
            said = _gender_of_words(self.text[max(0, s - 12) : e].split()[-4:])
            if said is not None:
                votes.setdefault(actor.actor_id, [0, 0])[said == "male"] += 3
                self._titled[actor.actor_id] = said
        for m in _gendered_pronouns().finditer(self.text):  # a regex: far cheaper than the tokens
            at = m.start()
            if self.regions.holds(at):
                continue
            male = m.group(0).lower() in w.male_pronouns
            i = bisect.bisect_left(self._starts, at)
            for k in range(i - 1, max(-1, i - 8), -1):
                s, _e, actor = self._mentions[k]
                if at - s > 250:
                    break
                if actor.type == "person" and not self.regions.holds(s):
                    votes.setdefault(actor.actor_id, [0, 0])[male] += 1
                    break
        out: dict[str, str | None] = {"": None}
        for actor_id, (female, male_votes) in votes.items():
            out[actor_id] = "female" if female > male_votes else "male" if male_votes > female else None
        return out

    def _actor_over(self, start: int, end: int):
        i = bisect.bisect_left(self._starts, end)
        best, best_len = None, 0
        for k in range(i - 1, -1, -1):
            s, e, actor = self._mentions[k]
            if e <= start and s < start - 400:
                break
            if s < end and start < e and e - s > best_len:
                best, best_len = actor, e - s
        return best

    def _actor_at(self, token: Token):
        return self._actor_over(token.idx, token.idx + len(token.text))

    def _actor_by_name(self, text: str, head_word: str):
        find = getattr(self.actors, "find", None)
        if find is None:
            return None
        actor = find(text)
        return actor if actor is not None and _actor_has_word(actor, head_word) else None

    def _appositions(self, head: Token) -> list[Token]:
        return [t for t in head.subtree if t.dep_ == "appos" and t.head.dep_ != "pobj"]

    def _actor_in_appositions(self, head: Token):
        found = [a for t in self._appositions(head) if (a := self._actor_at(t)) is not None]
        persons = [a for a in found if a.type == "person"]
        return (persons or found or [None])[0]

    def _entity_at(self, token: Token) -> Span | None:
        # From the token's IOB tags, not by scanning doc.ents (rebuilt on every access).
        if token.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP"):
            return None
        doc, start, end = self.doc, token.i, token.i + 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return doc[start:end]

    def _person_in_appositions(self, head: Token) -> Span | None:
        for t in self._appositions(head):
            ent = self._entity_at(t)
            if ent is not None and ent.label_ == "PERSON":
                return ent
        return None

    # collective nouns and pronouns

    def _is_collective(self, token: Token) -> bool:
        """'the administration', 'the campaign': a collective noun without a name of its own."""
        return (
            token.pos_ == "NOUN"
            and token.lower_ in words().organisation_nouns
            and not any(c.pos_ == "PROPN" or c.dep_ == "poss" for c in token.children)
            and any(c.dep_ == "det" and c.lower_ in words().organisation_determiners for c in token.children)
        )

    def _last_organisation_with(self, noun: str, before: int) -> tuple[str, str] | None:
        """The organisation named last before, whose name has the noun ('the Trump campaign')."""
        i = bisect.bisect_left(self._starts, before)
        for k in range(i - 1, -1, -1):
            s, _e, actor = self._mentions[k]
            if actor.type != "person" and not self.regions.holds(s) and noun in actor.name.lower().split():
                return actor.name, actor.actor_id
        return None

    def _last_written_with(self, noun: str, before: int) -> tuple[str, str | None] | None:
        """No organisation actor has the noun: the last '<Name> administration' written before."""
        found = None
        for m in re.finditer(rf"\b((?:[A-Z][\w'\u2019.-]*\s+)+){re.escape(noun)}\b", self.text[:before]):
            if not self.regions.holds(m.start()):
                found = m
        if found is None:
            return None
        name = written_name(found.group(0))
        actor = self.actors.find(name) if self.actors is not None and hasattr(self.actors, "find") else None
        return (actor.name, actor.actor_id) if actor is not None else (name, None)

    def _last_named(
        self, before: int, person: bool, gender: str | None = None
    ) -> tuple[str | None, str | None]:
        """The person (or organisation) named last before a pronoun, outside quotes, whose gender
        does not contradict the pronoun's."""
        found = self._salient(before, person, gender)
        if found is not None:
            return found.name, found.actor_id
        best: tuple[str | None, str | None] | None = None
        labels = ("PERSON",) if person else ("ORG", "GPE", "NORP")
        for ent in self.ents:
            if ent.label_ in labels and ent.start_char < before and not self.regions.holds(ent.start_char):
                best = (ent.text[4:] if ent.text.lower().startswith("the ") else ent.text, None)
        if best is None and person:
            best = self._last_proper_subject(before)
        return best or (None, None)

    def _salient(self, before: int, person: bool, gender: str | None):
        """The actor a pronoun most likely stands for: of the compatible mentions in the nearest
        sentence that has one, one an honorific gives the pronoun's gender ('Mrs.'), then the subject ('Obama
        spoke after meeting Putin. He said ...' is Obama), then the first; a person's gender
        never contradicts the pronoun's."""
        i = bisect.bisect_left(self._starts, before)
        sentence = None
        found = []
        for k in range(i - 1, -1, -1):
            s, e, actor = self._mentions[k]
            if (actor.type == "person") != person or self.regions.holds(s):
                continue
            if gender is not None and self.gender(actor) not in (None, gender):
                continue
            sent = sentence_at(self.doc, s)
            if sentence is None:
                sentence = sent
            elif sent.start != sentence.start:
                break
            found.append((s, e, actor))
        if not found:
            return None
        found.reverse()  # in the order of the text
        if gender is not None:  # a person an honorific gives the pronoun's gender comes first
            self.gender(found[0][2])  # reads the honorifics
            found = [m for m in found if self._titled.get(m[2].actor_id) == gender] or found
        subjects = [m for m in found if self._is_subject(m[0], m[1])]
        return (subjects or found)[0][2]

    def _is_subject(self, start: int, end: int) -> bool:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return False
        node = span.root
        for _ in range(3):  # a name inside its subject's phrase ('Sen. Amy Klobuchar of ...')
            if node.dep_ in ("nsubj", "nsubjpass"):
                return True
            if node.dep_ not in ("compound", "appos", "conj") or node.head is node:
                return False
            node = node.head
        return False

    def _last_proper_subject(self, before: int) -> tuple[str | None, str | None] | None:
        """No person named before 'he'/'she': the model may have missed the name's type, so the
        last proper-noun subject stands in ('Nadia Rahman lost her shop. ... she said')."""
        for token in reversed(self.doc):
            if token.idx >= before:
                continue
            if (
                token.dep_ == "nsubj"
                and token.pos_ == "PROPN"
                and not self.regions.holds(token.idx)
                and token.ent_type_ not in ("GPE", "NORP")
            ):
                return self._named(token)
        return None


def _actor_has_word(actor, word: str) -> bool:
    names = [actor.name, *getattr(actor, "aliases", [])]
    return any(word.lower() in n.lower().split() for n in names)
