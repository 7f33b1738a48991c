"""Who said it: a cue's speaker token -> the speaker's name and actor.

A named speaker is the actor the text names there (the actors table's row, through
``ActorIndex``), checked against what the words themselves say: an honorific of the other gender
(``Mrs. Clinton`` when the actor found is ``Bill Clinton``) or another given name (``Ivanka Trump``
for ``Donald Trump``) sends the search to the actor that fits, or to the name as written. A pronoun
stands first for a fitting subject just before it (its sentence, else the one before, outside
quotation marks): ``he``/``she`` a named person of that gender or a noun of people (``My aunt
still says``), ``they`` a plural noun or joined names (``Aides to the minister ... They said``),
``it`` a noun of a thing that speaks (``The city sent a letter. It says``). Else ``he``/``she``
is the nearest person before it whose gender does not contradict it; ``it``, ``they`` and a
collective noun (``the administration``, ``the campaign``) are the nearest organisation, the one
whose name has that noun first. A document speaks for its author (``a report by X``), a
relative pronoun for the noun before it, an infinitive for the object of the verb it completes
(``forced X to admit``), a participle on a noun of people for those people.
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

from newsfacts.extract.common import doc_text, has_subject, sentence_at
from newsfacts.extract.names import clean_name, titles
from newsfacts.extract.reporting import reporting_verbs
from newsfacts.paths import LEXICONS

LEXICON_PATH = LEXICONS / "quotes.toml"

# How many tokens back a pronoun's antecedent subject is looked for, in its sentence and in the
# sentence before
_ANTECEDENT_REACH = 80

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
    sending_verbs: frozenset[str]
    clause_openers: frozenset[str]
    person_nouns: frozenset[str]
    role_nouns: frozenset[str]
    speaking_things: frozenset[str]
    made_things: frozenset[str]  # speaking things and things put out: name their maker
    organisation_things: frozenset[str]
    plural_pronouns: frozenset[str]
    shares: frozenset[str]
    polls: frozenset[str]
    thing_heads: frozenset[str]
    possessives: dict[str, str]
    indefinites: frozenset[str]


@lru_cache(maxsize=1)
def words() -> SpeakerWords:
    with LEXICON_PATH.open("rb") as f:
        data = tomllib.load(f)
    pronouns = data["pronouns"]
    told, actor_words = titles(), _actor_words()
    return SpeakerWords(
        titles=told.words,  # the one titles list, lexicons/titles.toml
        person_pronouns=frozenset(pronouns["person"]),
        organisation_pronouns=frozenset(pronouns["organisation"]),
        relative_pronouns=frozenset(pronouns["relative"]),
        female_pronouns=frozenset(pronouns["gender"]["female"]),
        male_pronouns=frozenset(pronouns["gender"]["male"]),
        organisation_nouns=frozenset(data["organisation_nouns"]["words"]),
        organisation_determiners=frozenset(data["organisation_determiners"]["words"]),
        phrase_breaks=frozenset(data["marks"]["phrase_breaks"]),
        doer_prepositions=frozenset(data["gerund_speakers"]["prepositions"]),
        sending_verbs=frozenset(data["sending_verbs"]["words"]),
        clause_openers=frozenset(data["clause_openers"]["words"]),
        person_nouns=actor_words["kin_nouns"] | actor_words["companion_nouns"] | told.person_nouns,
        role_nouns=told.role_nouns | told.occupations,
        speaking_things=told.speaking_things,
        made_things=told.speaking_things | told.authored_things,
        organisation_things=told.speaking_things | frozenset(data["organisation_nouns"]["words"]),
        plural_pronouns=actor_words["plural_pronouns"],
        shares=told.shares,
        polls=told.polls,
        thing_heads=told.thing_heads,
        possessives=told.possessive_pronouns,
        indefinites=told.indefinite_pronouns,
    )


def _writes_head(text: str, actor) -> bool:
    """The mention writes the thing's word of a name like 'Okafor Express'."""
    return actor.name.split()[-1].lower() in text.lower().split()


def _names_a_thing(actor) -> bool:
    """A 'person' actor whose name ends in a thing's word ('Okafor Express'): a plane, an airline,
    a building named after someone, which the actors stored as a person."""
    parts = actor.name.split()
    return actor.type == "person" and len(parts) > 1 and parts[-1].lower() in words().thing_heads


def _actor_words() -> dict[str, frozenset[str]]:
    """actors.toml's [words] lists that name people (kin, companions) and plural pronouns."""
    with (LEXICONS / "actors.toml").open("rb") as f:
        return {k: frozenset(v) for k, v in tomllib.load(f)["words"].items()}


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
    if before and (named := _appositive_next_to(subject, verb)) is not None:
        return named  # 'To see the real X, Chief Justice Ana Roberts said, ...': the name by the verb
    last = subject  # of conjoined subjects, the last ('the UN and the US'); not a conjunct
    while True:  # inside an apposition ('X, director of A and a professor at B')
        nxt = next((c for c in last.children if c.dep_ == "conj" and c.i < verb.i), None)
        if nxt is None or nxt.pos_ not in ("PROPN", "NOUN"):
            return last
        last = nxt


def _appositive_next_to(subject: Token, verb: Token) -> Token | None:
    """A person's name the parser hung as an apposition on the subject although it stands right
    before the verb, no comma between ('To see the real X, Chief Justice Ana Roberts said'):
    the name by the verb speaks."""
    for child in subject.children:
        if (
            child.dep_ == "appos"
            and child.right_edge.i == verb.i - 1
            and child.pos_ == "PROPN"
            and child.ent_type_ == "PERSON"
        ):
            return child
    return None


def subject_of(verb: Token, quoted: Callable[[int], bool] | None = None) -> Token | None:
    """The cue's speaker token: its subject, or the subject of the verb it depends on
    ('X sent a message calling on ...', 'X arrived and said ...'), or an inverted subject
    ('..., said the minister'); for a share of people a poll found ('A poll found that 74
    percent said ...'), the poll. `quoted(char)` tells the characters inside quotation marks."""
    subject = _subject_of(verb, quoted)
    if subject is not None and _is_share(subject):
        return _poll_of(verb, quoted) or subject
    return subject


def _is_share(token: Token) -> bool:
    """'74 percent (of voters)', 'a majority', 'half', 'three in four': a share of people."""
    if token.ent_type_ == "PERCENT" or token.lemma_.lower() in words().shares:
        return True
    # 'three in four', 'six in 10': a number with 'in' and a number after it
    return token.pos_ == "NUM" and any(
        c.dep_ == "prep" and c.lower_ == "in" and any(g.pos_ == "NUM" for g in c.children)
        for c in token.children
    )


def _poll_of(verb: Token, quoted: Callable[[int], bool] | None) -> Token | None:
    """The poll a share's statement reports: the subject of a verb above it ('A poll found that
    ...'), else a poll the sentence names before the verb, outside quotation marks ('In a
    recent poll, 60 percent said ...'), the one nearest the verb. Not one after it: that is in
    the words reported ('said they ... in a poll this month')."""
    polls = words().polls
    node = verb
    while node.head.i != node.i:
        node = node.head
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() in polls:
                return child
    named = [
        t
        for t in verb.sent
        if t.i < verb.i
        and t.pos_ == "NOUN"
        and t.lemma_.lower() in polls
        and not (quoted is not None and quoted(t.idx))
    ]
    return named[-1] if named else None


def _subject_of(verb: Token, quoted: Callable[[int], bool] | None = None) -> Token | None:
    relative = words().relative_pronouns
    shown = _shown_saying(verb)
    if shown is not None:
        return shown
    node = verb
    for _ in range(6):
        subject = _nearest_subject(node, quoted) if node.i == verb.i else _subject_above(node, quoted)
        if subject is not None:
            if subject.lower_ in relative and node.dep_ == "relcl":
                return _maker_of(node.head, quoted) or node.head
            if subject.lower_ in relative and (noun := _noun_before(subject)) is not None:
                # 'turned to the police, which reported ...', however it is parsed; a document
                # speaks for its maker however parsed ('X released a statement that accused ...')
                return _maker_of(noun, quoted) or noun
            return subject
        if (doer := _doer_of_dependent(node)) is not None:
            return doer
        above = _next_up(node)
        if above is None:
            break
        node = above
    return _unattached_speaker(verb, quoted)


def _next_up(node: Token) -> Token | None:
    """The verb whose subject speaks for a cue verb without one of its own, one step up the
    tree; None when no step fits."""
    if _participle_after_relative(node):
        # 'X defended it, not paying a builder who said ..., saying ...': X says it, not the
        # builder: from the relative clause up to the first verb with a subject
        node = node.head.head
        while node.head.i != node.i and not (node.pos_ in ("VERB", "AUX") and has_subject(node)):
            node = node.head
        return node
    if node.dep_ in ("conj", "xcomp", "advcl") and node.head.i != node.i:
        node = node.head
        if _reported_clause(node):
            node = node.head  # 'X said the plan would fail, citing ...': X cites, not the plan
        return node
    if _gerund_of_preposition(node):
        return node.head.head  # 'X landed in trouble by saying that ...': X speaks
    if node.dep_ == "acl" and node.head.dep_ in ("dobj", "pobj", "attr"):
        node = node.head.head
        while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
            node = node.head
        return node
    return None


def _maker_of(thing: Token, quoted: Callable[[int], bool] | None) -> Token | None:
    """Who put out a document a relative clause says something of: the subject of the verb
    whose object it is ('Ruiz released a report that found ...': Ruiz), when it names someone."""
    authored = titles().authored_things
    if thing.dep_ != "dobj" or (thing.lemma_.lower() not in authored and thing.lower_ not in authored):
        return None  # the word as written too: 'data' has the lemma 'datum'
    # the verb's own subject, else whoever does a verb without one: a verb of control's object
    # ('prompted Ito to make a comment that ...'), the subject of the clause a participle hangs
    # on ('Ito held firm, releasing a statement that ...')
    maker = _nearest_subject(thing.head, quoted) or _subject_of(thing.head, quoted)
    return maker if maker is not None and maker.i < thing.i and _is_someone(maker) else None


def _subject_above(node: Token, quoted: Callable[[int], bool] | None) -> Token | None:
    """The subject of a verb the cue hangs on: its own, else a passive one that names someone."""
    return _nearest_subject(node, quoted) or _passive_someone(node, quoted)


def _passive_someone(node: Token, quoted: Callable[[int], bool] | None) -> Token | None:
    """The passive subject of a verb the cue hangs on, when it names someone: in 'Okafor was
    booed after telling the crowd that ...' and 'The mayor was asked about it and said ...' the
    one booed or asked is the one who speaks. Never the cue's own passive subject ('X is said
    to ...' is no cue)."""
    passives = [
        c
        for c in node.children
        if c.dep_ == "nsubjpass" and c.i < node.i and not (quoted is not None and quoted(c.idx))
    ]
    nearest = passives[-1] if passives else None  # of two (a misread possessive), the nearer
    return nearest if nearest is not None and _is_someone(nearest) else None


def _noun_before(relative: Token) -> Token | None:
    """The noun a relative pronoun stands for: the one right before it, past a comma."""
    k = relative.i - 1
    while k >= 0 and relative.doc[k].is_punct:
        k -= 1
    noun = relative.doc[k] if k >= 0 else None
    return noun if noun is not None and noun.pos_ in ("NOUN", "PROPN") else None


def _author_of(noun: Token) -> Token | None:
    """Who made a statement a source names by its document ('a speech Mrs. Okafor gave', 'a
    letter by the mayor', 'Okafor's statement'): the name or person noun there, when the
    noun is one of the things that speak for someone."""
    lemma = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or lemma not in words().made_things:
        return None
    for child in noun.children:
        if child.dep_ == "poss" and _is_someone(child):
            return child
        if child.dep_ == "relcl":
            subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.pos_ == "PROPN" and _names_someone(subject):
                return subject
        if child.dep_ == "prep" and child.lower_ == "by":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and _is_someone(obj):
                return obj
    return None


def _doer_of_dependent(node: Token) -> Token | None:
    """Who does a verb without a subject of its own, when the word it hangs on says it."""
    if node.dep_ == "acl" and _sent_to(node.head):
        return None  # 'X emailed supporters saying ...': the sender's words, found further up
    if (opened := _subject_after_opener(node)) is not None:
        return opened  # 'after Mr. Okafor, asked about it, had said ...': Okafor said
    if node.dep_ == "acl" and _is_someone(node.head):
        return node.head  # 'footage of Hillary Clinton asking, "..."', 'features voters saying'
    if node.dep_ == "acl" and (people := _people_of(node.head)) is not None:
        return people  # 'a wide array of artists writing songs about him'
    if node.dep_ == "xcomp":
        return _object_of_control(node)  # 'the senator forced Ito to admit ...': Ito admits
    if node.dep_ == "acl":
        return _person_shown(node.head)  # 'the ad uses footage of Grace Mugabe asking': not the ad
    return None


def _sent_to(noun: Token) -> bool:
    """The ones a verb of sending sends words to ('emailed supporters', 'sent a letter to
    members'), whose participle is the sender's ('..., saying ...')."""
    sending = words().sending_verbs
    if noun.dep_ in ("dobj", "dative"):
        return noun.head.lemma_.lower() in sending
    return (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "to"
        and noun.head.head.i != noun.head.i
        and noun.head.head.lemma_.lower() in sending
    )


def _subject_after_opener(node: Token) -> Token | None:
    """The subject of a clause whose opening word the parser read as a preposition ('after Mr.
    Okafor, asked about it, had said ...', 'Since Ruiz, at the debate, cited ...'): that word's
    object, a name or a noun of people followed by a comma, when the verb, a finite one, hangs
    where the opening word does."""
    if node.pos_ not in ("VERB", "AUX") or node.dep_ not in ("advcl", "parataxis", "conj"):
        return None
    if node.tag_ in ("VBG", "VB"):
        return None  # a participle has no subject to find here: 'went after Bush, calling him ...'
    if has_subject(node):
        return None
    openers = words().clause_openers
    for t in node.doc[node.sent.start : node.i]:
        opener = t.head
        if t.dep_ != "pobj" or opener.lower_ not in openers or opener.head.i not in (node.i, node.head.i):
            continue
        after = t.right_edge.i + 1
        if after < node.i and node.doc[after].text == "," and _is_someone(t):
            return t
    return None


def _people_of(noun: Token) -> Token | None:
    """The people a noun of quantity counts ('a crowd of farmers', 'dozens of nurses')."""
    return _of_object(noun, _is_person_noun)


def _is_person_noun(token: Token) -> bool:
    """A common noun of people ('voters', 'three farmers'): the doer of a participle on it."""
    if token.pos_ != "NOUN":
        return False
    w = words()
    return token.lemma_.lower() in w.person_nouns or token.lemma_.lower() in w.role_nouns


def _object_of_control(xcomp: Token) -> Token | None:
    """The object of the verb an infinitive completes, which does what the infinitive says
    ('forced Ito to admit', 'urged the minister to explain'): a name or a noun of people."""
    if xcomp.head.i == xcomp.i:
        return None
    for child in xcomp.head.children:
        if child.dep_ == "dobj" and child.i < xcomp.i and _is_someone(child):
            return child
    return None


def _reported_clause(node: Token) -> bool:
    """A clause another verb reports ('said [the country would leave]'): a verb hung on it
    without a subject of its own ('..., citing ...', '... and suggested ...') is the reporter's
    act, whatever the small model attached it to."""
    head = node.head
    return node.dep_ == "ccomp" and head.i < node.i and head.lemma_.lower() in reporting_verbs().content


def _participle_after_relative(node: Token) -> bool:
    """A participle set off by a comma ('..., saying ...') that the parser hung on the verb of
    a relative clause ('a builder who said he was cheated, saying ...'): it goes with the
    clause the described noun belongs to, as such a participle does."""
    head = node.head
    return (
        node.tag_ == "VBG"
        and node.dep_ == "advcl"
        and head.i < node.i
        and head.dep_ == "relcl"
        and node.i > 0
        and node.doc[node.i - 1].text == ","
        and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in words().relative_pronouns for c in head.children
        )
    )


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

    def outside(token: Token) -> bool:
        return not (quoted is not None and quoted(token.idx))

    left = verb.doc[verb.i - 1] if verb.i > 0 else None
    if left is not None and left.pos_ == "PROPN" and left.ent_type_ in ("PERSON", "ORG") and outside(left):
        return left
    described = _described_before(verb)
    if described is not None and outside(described):
        return described
    for child in verb.rights:
        if child.ent_type_ in ("DATE", "TIME") or (child.dep_ == "nsubj" and not outside(child)):
            continue  # never a time ('said Monday'), never a quoted title ('said on "Meet the Press"')
        if (
            child.dep_ in ("dobj", "npadvmod", "attr", "appos", "nsubj")
            and child.pos_ in ("PROPN", "NOUN")
            and (child.dep_ == "nsubj" or _inverted(verb))
        ):
            return child
        if (inverted := _subject_of_participle(verb, child)) is not None and outside(inverted):
            return inverted
    return None


def _inverted(verb: Token) -> bool:
    """A verb that opens an inverted attribution ('"...," said the minister', 'The plan, said
    Ruiz, is dead'): after punctuation or first in its sentence. Elsewhere the noun after it is
    its object, whom it tells or what it names ('after telling voters that', 'calling the
    plan a disaster'), never the speaker."""
    return verb.i == verb.sent.start or verb.doc[verb.i - 1].is_punct


def _share_of_a_thing(token: Token) -> bool:
    """'some of it': a part of a thing, not of people."""
    w = words()
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                thing = obj.lower_ in w.organisation_pronouns and obj.lower_ not in w.plural_pronouns
                if obj.dep_ == "pobj" and thing:
                    return True
    return False


def _described_before(verb: Token) -> Token | None:
    """'"...," Flynn, a top aide, said': the name whose apposition ends right before the verb,
    which the parser hung elsewhere (on the quoted words)."""
    k = verb.i - 1
    while k >= 0 and verb.doc[k].is_punct:
        k -= 1
    if k < 0 or k == verb.i - 1:
        return None
    node = verb.doc[k]
    while (
        node.dep_ != "appos" and node.head.i > node.i - 6 and node.head.i < verb.i and node.head.i != node.i
    ):
        node = node.head  # from the apposition's last word to its head ('a top aide')
    if node.dep_ != "appos":
        return None
    name = node.head
    # a number in apposition is a person's age ('Ramos, 58, told'), whatever entity spaCy saw
    return name if name.pos_ == "PROPN" and (name.ent_type_ == "PERSON" or node.like_num) else None


def _subject_of_participle(verb: Token, child: Token) -> Token | None:
    """'said Robin Okafor, half joking': the parser may make the inverted speaker the subject
    of the participle after it; a name between the verb and that participle speaks."""
    if child.tag_ != "VBG" or child.dep_ not in ("ccomp", "advcl", "xcomp", "conj"):
        return None
    for sub in child.children:
        if sub.dep_ == "nsubj" and verb.i < sub.i < child.i and sub.pos_ == "PROPN" and _names_someone(sub):
            return sub
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
    return _of_object(noun, _names_someone)


def _of_object(noun: Token, fits: Callable[[Token], bool]) -> Token | None:
    """The object of the noun's 'of' phrase, when it fits."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and fits(obj):
                return obj
    return None


def _is_someone(token: Token) -> bool:
    """A name of a person or organisation, or a common noun of people."""
    return _names_someone(token) or _is_person_noun(token)


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
        if child.dep_ in _PHRASE_STOP_DEPS or child.text in breaks or _is_time_phrase(child):
            break  # nor a time: 'A group of doctors in 2015 wrote ...' is the group
        end = child.right_edge.i + 1
    end = next((k for k in range(head.i + 1, end) if doc[k].text in breaks), end)
    start = head.left_edge.i
    for k in range(start, head.i):  # a comma before the head ends an apposition
        if doc[k].text in breaks:
            start = k + 1
    while start < head.i and (doc[start].dep_ in ("det", "predet") or doc[start].is_punct):
        start += 1
    return doc[_hyphenated_from(doc, start) : end]


def _hyphenated_from(doc: Doc, start: int) -> int:
    """The start of a word the tokenizer split at its hyphens ('ex-wife', 'co-founder'), which
    the parser may hang apart: the phrase keeps the whole word ('His ex-wife said', not 'wife')."""
    while (
        start >= 2
        and doc[start - 1].text == "-"
        and not doc[start - 1].whitespace_
        and not doc[start - 2].whitespace_
        and doc[start - 2].is_alpha
    ):
        start -= 2
    return start


def _is_time_phrase(child: Token) -> bool:
    return child.dep_ == "prep" and any(
        c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in child.children
    )


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
        if token.dep_ == "poss":
            low = w.possessives.get(low, low)  # 'her claim that ...' is what 'she' claimed
        if low in w.person_pronouns:
            gender = "female" if low in w.female_pronouns else "male" if low in w.male_pronouns else None
            return self._antecedent_subject(token, "person", gender) or self._last_named(
                token.idx, person=True, gender=gender
            )
        if low in w.organisation_pronouns:
            kind = "plural" if low in w.plural_pronouns else "thing"
            return self._antecedent_subject(token, kind, None) or self._last_named(token.idx, person=False)
        if low in w.indefinites:
            if _share_of_a_thing(token):
                return None, None  # 'some of it says ...' is part of a text, no speaker
            return written_name(speaker_phrase(token).text) or None, None  # 'Someone said ...'
        if token.pos_ == "PRON":
            return None, None
        if (author := _author_of(token)) is not None:
            return self.resolve(author)  # 'according to a speech Mrs. Okafor gave'
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
        if _names_a_thing(actor) and actor.name.split()[-1].lower() not in {t.lower() for t in tokens}:
            return False  # 'Mr. Okafor' is the man, not the bus line 'Okafor Express'
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
            # only a subject pronoun ('he', 'she') tells: a possessive or object after a subject
            # is as often someone it speaks of ('Ruiz said the ruling ended her career')
            if self.regions.holds(at) or m.group(0).lower() not in w.person_pronouns:
                continue
            male = m.group(0).lower() in w.male_pronouns
            i = bisect.bisect_left(self._starts, at)
            for k in range(i - 1, max(-1, i - 8), -1):
                s, e, actor = self._mentions[k]
                if at - s > 250:
                    break
                if actor.type == "person" and not self.regions.holds(s):
                    # only a subject's pronoun tells: 'the rise of Trump, who ... she believed'
                    # is about someone else
                    if self._is_subject(s, e):
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
            if not self.regions.holds(m.start()) and (named := self._name_before_noun(m)) is not None:
                found = named
        if found is None:
            return None
        name = written_name(found)
        actor = self.actors.find(name) if self.actors is not None and hasattr(self.actors, "find") else None
        return (actor.name, actor.actor_id) if actor is not None else (name, None)

    def _name_before_noun(self, m: re.Match) -> str | None:
        """The '<Name> <noun>' a match of capitalised words before the noun is, inside the
        noun's sentence and without its determiner: never 'Clinton. A union' (the end of one
        sentence and the article of the next), which names nothing."""
        start = max(m.start(1), sentence_at(self.doc, m.end(1) - 1).start_char)
        span = self.doc.char_span(start, m.end(), alignment_mode="expand")
        if span is None or not len(span):
            return None
        k = 0
        while k < len(span) - 1 and span[k].pos_ == "DET":
            k += 1
        if k >= len(span) - 1:
            return None  # 'A union': no name before the noun
        return self.text[span[k].idx : m.end()]

    def _last_named(
        self, before: int, person: bool, gender: str | None = None
    ) -> tuple[str | None, str | None]:
        """The person (or organisation) named last before a pronoun, outside quotes, whose gender
        does not contradict the pronoun's."""
        found = self._salient(before, person, gender)
        if found is not None:
            return found
        best: tuple[str | None, str | None] | None = None
        labels = ("PERSON",) if person else ("ORG", "GPE", "NORP")
        for ent in self.ents:
            if ent.label_ in labels and ent.start_char < before and not self.regions.holds(ent.start_char):
                best = (ent.text[4:] if ent.text.lower().startswith("the ") else ent.text, None)
        if best is None and person:
            best = self._last_proper_subject(before)
        return best or (None, None)

    def _salient(self, before: int, person: bool, gender: str | None):
        """The actor a pronoun most likely stands for (its name and id): of the compatible
        mentions in the nearest sentence that has one, one an honorific gives the pronoun's
        gender ('Mrs.'), then the subject ('Obama spoke after meeting Putin. He said ...' is
        Obama), then the first; a person's gender never contradicts the pronoun's."""
        i = bisect.bisect_left(self._starts, before)
        sentence = None
        found = []
        for k in range(i - 1, -1, -1):
            s, e, actor = self._mentions[k]
            if (actor.type == "person") != person or self.regions.holds(s):
                continue
            if person and _names_a_thing(actor) and _writes_head(self.text[s:e], actor):
                continue  # 'he' is not the plane 'Okafor One' (but may be the 'Okafor' in it)
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
        subjects = [m for m in found if self._is_subject(m[0], m[1])]
        if gender is not None:
            # a subject of the pronoun's gender, then a person an honorific gives it, then a
            # subject of unknown gender
            self.gender(found[0][2])  # reads the honorifics
            titled = [m for m in found if self._titled.get(m[2].actor_id) == gender]
            told = [m for m in subjects if self.gender(m[2]) == gender]
            subjects = [m for m in told if m in titled] or told or titled or subjects
        s, e, actor = (subjects or found)[0]
        return self._person_named(s, e, actor)

    def _antecedent_subject(self, pronoun: Token, kind: str, gender: str | None):
        """A pronoun speaker's antecedent when it is the subject of a clause just before it (in
        its sentence, else the sentence before), outside quotation marks: the first compatible
        one, the main clause's first. 'he'/'she' takes a person, named or not ('My aunt
        still says ...', 'A retired teacher spoke first. She said ...') whose gender does not
        contradict it; 'they' a plural noun or joined subjects ('Aides to the senator met the
        press. They said ...'); 'it' a singular noun that names no person ('The city sent a
        letter. It says ...'). None when no subject there fits: the actors decide."""
        sentence = sentence_at(self.doc, pronoun.idx)
        reach = _ANTECEDENT_REACH  # a text without sentence ends is never scanned whole
        groups = [self.doc[max(sentence.start, pronoun.i - reach) : pronoun.i]]
        if sentence.start > 0:
            previous = sentence_at(self.doc, self.doc[sentence.start - 1].idx)
            while previous.start > 0 and not any(t.is_alpha for t in previous):
                # a closing mark and a line break the parser split off ('... chaos."' / '"\n\n')
                # are no sentence: the one before them is
                previous = sentence_at(self.doc, self.doc[previous.start - 1].idx)
            end = min(previous.end, sentence.start)
            groups.append(self.doc[max(previous.start, end - reach) : end])
        for group in groups:
            subjects = [
                t
                for t in group
                if t.dep_ in ("nsubj", "nsubjpass")
                and t.pos_ in ("NOUN", "PROPN")
                and not self.regions.holds(t.idx)
            ]
            subjects.sort(key=lambda t: (_depth(t), t.i))
            for subject in subjects:
                found = self._fitting_subject(subject, kind, gender)
                if found is not None:
                    return found
        if kind == "plural":
            return self._plural_people_in(groups)
        if kind == "thing":
            return self._speaking_thing_in(groups)
        return None

    def _speaking_thing_in(self, groups: list[Span]) -> tuple[str | None, str | None] | None:
        """No subject fits 'it': the nearest singular noun of a document before it, in its
        sentence or the one before, whatever its role ('... wrote in the affidavit. It
        continued: ...', 'On his website, ... "...," it now says')."""
        things = titles().authored_things  # documents, not places ('in the city. It said')
        for group in groups:
            if self._organisation_in(group.start_char, group.end_char):
                return None  # 'asked Norton to reprint the book, and it declined': Norton
            for t in reversed(group):
                if (
                    t.tag_ == "NN"
                    and t.dep_ not in ("poss", "compound")
                    and t.lemma_.lower() in things
                    and not self.regions.holds(t.idx)
                ):
                    return written_name(speaker_phrase(t).text) or None, None
        return None

    def _organisation_subject_in(self, group: Span) -> bool:
        """A subject there is an organisation actor, outside quotation marks."""
        for t in group:
            if t.dep_ in ("nsubj", "nsubjpass") and not self.regions.holds(t.idx):
                actor = self._actor_at(t)
                if actor is not None and actor.type != "person":
                    return True
        return False

    def _organisation_in(self, start: int, end: int) -> bool:
        """An organisation actor is mentioned between start and end, outside quotation marks."""
        i = bisect.bisect_left(self._starts, start)
        for s, _e, actor in self._mentions[i:]:
            if s >= end:
                break
            if actor.type != "person" and not self.regions.holds(s):
                return True
        return False

    def _plural_people_in(self, groups: list[Span]) -> tuple[str | None, str | None] | None:
        """No subject fits 'they': the nearest plural noun of people before it, in its sentence
        or the one before, whatever its role ('... sparked criticism from Democrats and
        Republicans in Congress. They slammed ...', 'On the other side are partisans and
        thinkers ... They acknowledge ...')."""
        w = words()
        for group in groups:
            if self._organisation_subject_in(group):
                return None  # 'Amnesty interviewed survivors. They said ...': the organisation
            for t in reversed(group):
                noun = t.lemma_.lower()
                if (
                    t.tag_ == "NNS"
                    and t.dep_ not in ("compound", "poss")
                    and (noun in w.person_nouns or noun in w.role_nouns)
                    and not self.regions.holds(t.idx)
                ):
                    while t.dep_ == "conj" and t.head.pos_ == "NOUN" and t.head.i < t.i:
                        t = t.head  # 'activists and intellectuals': the first of the joined nouns
                    return written_name(speaker_phrase(t).text) or None, None
        return None

    def _fitting_subject(self, subject: Token, kind: str, gender: str | None):
        """The speaker a subject gives the pronoun, when it fits it (see _antecedent_subject)."""
        joined = [c for c in subject.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")]
        plural = subject.tag_ in ("NNS", "NNPS") or bool(joined)
        if kind == "plural":
            return self._plural_subject(subject, joined) if plural else None
        if plural:
            return None
        if subject.pos_ == "PROPN" or subject.ent_type_:
            return self._named_subject(subject, kind, gender)
        return self._noun_subject(subject, kind, gender)

    def _plural_subject(self, subject: Token, joined: list[Token]):
        w = words()
        if joined and subject.pos_ == "PROPN":  # 'Ms. Ito and Mr. Berg met. They said': both
            names = [self._named(t)[0] for t in (subject, *joined)]
            return (" and ".join(n for n in names if n) or None), None
        if subject.pos_ == "PROPN" or self._actor_at(subject) is not None:
            return self._named(subject)  # a plural name: 'the Democrats'
        noun = subject.lemma_.lower()
        if noun in w.person_nouns or noun in w.role_nouns or noun in w.organisation_things:
            return written_name(speaker_phrase(subject).text) or None, None
        return None

    def _named_subject(self, subject: Token, kind: str, gender: str | None):
        actor = self._actor_at(subject)
        if actor is None or (actor.type == "person") != (kind == "person"):
            return None
        if gender is not None and self.gender(actor) != gender:
            return None  # of unknown gender: the actors' order decides (an honorific first)
        return self._person_named(subject.idx, subject.idx + len(subject.text), actor)

    def _person_named(self, start: int, end: int, actor) -> tuple[str | None, str | None]:
        """A person actor mentioned at start:end, as the actors name it; one named after a thing
        ('Okafor Express', whose mentions 'Mr. Okafor' the actors took for it) is the person as
        written there, unlinked."""
        if not _names_a_thing(actor):
            return actor.name, actor.actor_id
        return written_name(self.text[start:end]) or None, None

    def _noun_subject(self, subject: Token, kind: str, gender: str | None):
        w = words()
        noun = subject.lemma_.lower()
        if kind == "thing":
            return (
                (written_name(speaker_phrase(subject).text) or None, None)
                if noun in w.organisation_things
                else None
            )
        definite = any(
            c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in w.organisation_determiners)
            for c in subject.children
        )
        if not (noun in w.person_nouns or (noun in w.role_nouns and not definite)):
            return None  # 'the senator' describes a named actor: the actors resolve the pronoun
        if gender is not None:
            said = _gender_of_words([t.text for t in speaker_phrase(subject)])
            if said is not None and said != gender:
                return None
        return written_name(speaker_phrase(subject).text) or None, None

    def _is_subject(self, start: int, end: int) -> bool:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return False
        node = span.root
        for _ in range(3):  # a name inside its subject's phrase ('Sen. Amy Klobuchar of ...')
            if node.dep_ in ("nsubj", "nsubjpass"):
                return True
            if node.dep_ not in ("compound", "appos", "conj") or node.head.i == node.i:
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


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def _actor_has_word(actor, word: str) -> bool:
    names = [actor.name, *getattr(actor, "aliases", [])]
    return any(word.lower() in n.lower().split() for n in names)
