"""Text -> quotes: direct speech in quotation marks, reported speech, and scare quotes.

How a quote is found:
1. Quotation marks are paired by a scanner over the raw text, one paragraph at a time
   (straight, curly and angle marks; nested marks; an unclosed mark ends at its paragraph).
2. Reporting cues come from the dependency parse: a verb listed in
   ``newsfacts/lexicons/quotes.toml`` (``said``, ``warned``, ``called``, ...) with the content its
   entry allows (a clause, an object, an infinitive, or a preposition's phrase), or a source
   phrase (``according to X``).
3. A quoted passage next to a cue (``"...," she said`` / ``he told reporters: "..."``) or inside
   a cue's clause is direct speech by the cue's speaker; an unattributed passage continues the
   previous speaker's words when it is long, and is a scare quote when it is a short phrase.
4. The speaker is the cue's subject (through appositions, conjoined and participle verbs),
   linked to the actors table; a pronoun is the last person (he, she) or organisation
   (it, they) named before it.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsfacts.extract.common import doc_text, sentence_at, sentence_bounds
from newsfacts.extract.names import titles
from newsfacts.paths import LEXICONS

LEXICON_PATH = LEXICONS / "quotes.toml"


# --- the lexicon --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, frozenset[str]]  # lemma -> allowed content kinds
    phrasal_verbs: dict[tuple[str, str], frozenset[str]]  # (lemma, particle) -> kinds
    source_phrases: tuple[tuple[str, ...], ...]  # ("according", "to"), ...
    titles: frozenset[str]
    person_pronouns: frozenset[str]
    organisation_pronouns: frozenset[str]
    relative_pronouns: frozenset[str]
    scare_max_words: int


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    with LEXICON_PATH.open("rb") as f:
        data = tomllib.load(f)
    phrasal = {}
    for phrase, kinds in data.get("phrasal_verbs", {}).items():
        lemma, particle = phrase.split(maxsplit=1)
        phrasal[(lemma, particle)] = frozenset(kinds)
    return Lexicon(
        verbs={lemma: frozenset(kinds) for lemma, kinds in data["verbs"].items()},
        phrasal_verbs=phrasal,
        source_phrases=tuple(tuple(p.split()) for p in data.get("source_phrases", {})),
        titles=titles().words,  # the one titles list, lexicons/titles.toml
        person_pronouns=frozenset(data["pronouns"]["person"]),
        organisation_pronouns=frozenset(data["pronouns"]["organisation"]),
        relative_pronouns=frozenset(data["pronouns"]["relative"]),
        scare_max_words=int(data["scare"]["max_words"]),
    )


# --- pairing quotation marks --------------------------------------------------------------------

# A closing mark closes the nearest open mark of these kinds (typographers mix them).
_DOUBLE_CLOSES = {'"': ('"', "\u201c"), "\u201d": ("\u201c", '"'), "\u00bb": ("\u00ab",)}
_SINGLE_CLOSES = {"'": ("'", "\u2018"), "\u2019": ("\u2018", "'")}
_DOUBLE_OPENERS = {"\u201c", "\u00ab"}
_SINGLE_OPENERS = {"\u2018"}
_OPEN_CONTEXT = set("([{\u2014\u2013-/:;,=") | {"\u201c", "\u2018", '"', "'"}
_SINGLE_QUOTE_MAX_CHARS = 300  # a single-quoted phrase is short: longer is an apostrophe's doing


@dataclass
class Quoted:
    """One passage between quotation marks, within one paragraph."""

    start: int  # first character of the content
    end: int  # one past its last character
    open_at: int  # the opening mark
    close_at: int | None  # the closing mark; None when the paragraph ends first
    opens_paragraph: bool  # the mark is the paragraph's first character

    @property
    def outer_end(self) -> int:
        return self.close_at + 1 if self.close_at is not None else self.end


def _can_open(prev: str, nxt: str) -> bool:
    return (prev.isspace() or prev in _OPEN_CONTEXT) and not nxt.isspace()


def _can_close(prev: str, nxt: str) -> bool:
    return not prev.isspace() and not nxt.isalnum()


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without surrounding whitespace, and without the comma that ends a quote
    before its attribution ('"We will win," he said')."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _paragraphs(text: str):
    for m in re.finditer(r"[^\n]+", text):
        yield m.start(), m.end()


def _scan(
    text: str,
    p_start: int,
    p_end: int,
    closes: dict,
    openers: set[str],
    may_stay_open: bool,
    skip: list[tuple[int, int]],
) -> list[Quoted]:
    """Outermost quoted passages of one paragraph for one family of marks (double or single)."""
    stack: list[tuple[str, int]] = []
    found = []
    first_char = p_start + (len(text[p_start:p_end]) - len(text[p_start:p_end].lstrip()))
    skip_i = 0
    i = p_start
    while i < p_end:
        while skip_i < len(skip) and skip[skip_i][1] <= i:
            skip_i += 1
        if skip_i < len(skip) and skip[skip_i][0] <= i:
            i = skip[skip_i][1]
            continue
        ch = text[i]
        prev = text[i - 1] if i > p_start else " "
        nxt = text[i + 1] if i + 1 < p_end else " "
        if ch in closes and (ch not in openers):
            targets = closes[ch]
            depth = next((d for d in range(len(stack) - 1, -1, -1) if stack[d][0] in targets), None)
            is_straight = ch in ('"', "'")
            if depth is not None and (_can_close(prev, nxt) or not is_straight or not _can_open(prev, nxt)):
                open_at = stack[depth][1]
                del stack[depth:]
                if not stack:
                    found.append(_passage(text, open_at, i, first_char))
            elif is_straight and _can_open(prev, nxt):
                stack.append((ch, i))
        elif ch in openers and not nxt.isspace():
            stack.append((ch, i))
        i += 1
    if stack and may_stay_open:
        found.append(_passage(text, stack[0][1], None, first_char, p_end))
    return [q for q in found if q.end > q.start and (q.close_at is not None or may_stay_open)]


def _passage(text: str, open_at: int, close_at: int | None, first_char: int, p_end: int = 0) -> Quoted:
    """A quoted passage: from its opening mark to its closing one, or to ``p_end`` (the end of
    its paragraph) when it stays open."""
    start, end = _trimmed(text, open_at + 1, close_at if close_at is not None else p_end)
    return Quoted(start, end, open_at, close_at, open_at == first_char)


def find_quoted(text: str) -> list[Quoted]:
    """Every outermost quoted passage in the text, in order. Double marks are paired first;
    single marks only outside them, only when closed and short (they double as apostrophes)."""
    out = []
    for p_start, p_end in _paragraphs(text):
        double = _scan(text, p_start, p_end, _DOUBLE_CLOSES, _DOUBLE_OPENERS, True, [])
        taken = [(q.open_at, q.outer_end) for q in double]
        single = [
            q
            for q in _scan(text, p_start, p_end, _SINGLE_CLOSES, _SINGLE_OPENERS, False, taken)
            if q.end - q.start <= _SINGLE_QUOTE_MAX_CHARS
        ]
        out.extend(sorted(double + single, key=lambda q: q.open_at))
    return out


# --- where the quotation marks are, for the parse ----------------------------------------------


class QuotedRegions:
    """Character ranges inside quotation marks (marks included): cues there are the quoted
    speaker's words, not the reporter's."""

    def __init__(self, quoted: list[Quoted]):
        self.ranges = sorted((q.open_at, q.outer_end) for q in quoted)
        self.starts = [s for s, _ in self.ranges]

    def holds(self, char: int) -> bool:
        i = bisect.bisect_right(self.starts, char) - 1
        return i >= 0 and char < self.ranges[i][1]

    def covered(self, start: int, end: int) -> int:
        """How many characters of [start, end) lie inside quotation marks."""
        return sum(max(0, min(e, end) - max(s, start)) for s, e in self.ranges)


# --- cues ---------------------------------------------------------------------------------------


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def cue_kinds(token: Token) -> frozenset[str] | None:
    """The content kinds a reporting verb allows, or None when the token is not one."""
    if token.pos_ not in ("VERB", "AUX") or _is_passive(token):
        return None
    lex = lexicon()
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ == "prt" and (lemma, child.lower_) in lex.phrasal_verbs:
            return lex.phrasal_verbs[(lemma, child.lower_)]
    kinds = lex.verbs.get(lemma)
    if kinds is None:  # the small model's lemmatiser slips ('rates' -> 'rat')
        kinds = next((lex.verbs[f] for f in _naive_lemmas(token.lower_) if f in lex.verbs), None)
    return kinds


def _naive_lemmas(word: str) -> list[str]:
    """Base forms a regular English verb form may have: 'rates' -> 'rate', 'urged' -> 'urge'."""
    forms = []
    for suffix, repl in (
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ied", "y"),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("ing", ""),
        ("ing", "e"),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms.append(word[: -len(suffix)] + repl)
    return forms


@lru_cache(maxsize=1)
def _source_phrase_starts() -> frozenset[str]:
    return frozenset(words[0] for words in lexicon().source_phrases if words)


def source_phrase_at(token: Token) -> Span | None:
    """'according to' (or another source phrase) starting at this token."""
    if token.lower_ not in _source_phrase_starts():
        return None  # most tokens: no phrase starts with them
    doc = token.doc
    for words in lexicon().source_phrases:
        end = token.i + len(words)
        if end <= len(doc) and all(doc[token.i + k].lower_ == w for k, w in enumerate(words)):
            return doc[token.i : end]
    return None


# --- content of a reporting verb ----------------------------------------------------------------

_QUOTE_CHARS = set("\"\u201c\u201d\u2018\u2019\u00ab\u00bb'")


def _content_bounds(tokens_start: Token, tokens_end: Token) -> tuple[int, int] | None:
    """Token range -> character range, without leading 'that' and edge punctuation."""
    doc = tokens_start.doc
    i, j = tokens_start.i, tokens_end.i
    while i <= j and (
        (doc[i].is_punct and doc[i].text not in _QUOTE_CHARS)
        or (i == tokens_start.i and doc[i].lower_ == "that")
        or doc[i].is_space
    ):
        i += 1
    while j >= i and ((doc[j].is_punct and doc[j].text not in _QUOTE_CHARS) or doc[j].is_space):
        j -= 1
    if j < i:
        return None
    # Doc.text is rebuilt on every access: work on the span's own text
    base, text = doc[i].idx, doc[i : j + 1].text
    start, end = 0, len(text)
    # a quotation mark at one edge whose partner is outside the content is dropped
    marks = sum(text.count(c) for c in '"\u201c\u201d')
    if marks % 2 and text[start] in '"\u201c':
        start += 1
    elif marks % 2 and text[end - 1] in '"\u201d':
        end -= 1
    start, end = _trimmed(text, start, end)
    return (base + start, base + end) if end > start else None


def _right_children(verb: Token, deps: set[str]) -> list[Token]:
    return [c for c in verb.rights if c.dep_ in deps]


def _extent_end(verb: Token, first: Token) -> Token:
    """The last token of what a verb reports, from one of its right-hand children on: the
    parser of a small model often hangs a clause's tail on the verb itself, so every later
    child counts, up to one that is a report of its own ('..., adding that ...')."""
    end = first.right_edge
    for child in verb.rights:
        if child.i <= first.i or child.dep_ in ("punct", "cc"):
            continue
        if child.dep_ == "parataxis" or _reports(child):
            break
        if child.right_edge.i > end.i:
            end = child.right_edge
    return end


def _to_punctuation(token: Token) -> Token:
    """The last token before the next comma or sentence end: the content of a preposition the
    parser left without an object ('calling on X not to ...' misread)."""
    sent_end = token.sent.end
    k = token.i + 1
    while k < sent_end - 1 and not (token.doc[k + 1].is_punct and token.doc[k + 1].text in ",;."):
        k += 1
    return token.doc[min(k, sent_end - 1)]


def _reports(token: Token) -> bool:
    kinds = cue_kinds(token)
    return kinds is not None and bool(kinds) and reported_content(token, kinds) is not None


def reported_content(verb: Token, kinds: frozenset[str]) -> tuple[int, int, str] | None:
    """(start, end, cue) of what a reporting verb reports, by the kinds its entry allows."""
    if "clause" in kinds:
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        right = [c for c in clauses if c.i > verb.i]
        if right:
            bounds = _content_bounds(right[0].left_edge, _extent_end(verb, right[0]))
            return (*bounds, verb.text) if bounds else None
        if clauses:
            bounds = _content_bounds(clauses[0].left_edge, clauses[0].right_edge)
            return (*bounds, verb.text) if bounds else None
    objects = _right_children(verb, {"dobj", "dative"})
    for prep in _right_children(verb, {"prep"}):
        if prep.lower_ in kinds and prep.i + 1 < len(prep.doc):
            first = objects[0] if objects and objects[0].i < prep.i else None
            start = first.left_edge if first is not None else prep.doc[prep.i + 1]
            has_object = any(c.dep_ in ("pobj", "pcomp") for c in prep.children)
            end = _extent_end(verb, prep) if has_object else _to_punctuation(prep)
            bounds = _content_bounds(start, end)
            return (*bounds, f"{verb.text} {prep.text}") if bounds else None
    if "to" in kinds:
        xcomp = next(
            (
                x
                for x in _right_children(verb, {"xcomp"})
                if any(c.dep_ == "aux" and c.lower_ == "to" for c in x.children)
            ),
            None,
        )
        if xcomp is not None:
            first = objects[0] if objects and objects[0].i < xcomp.i else xcomp
            bounds = _content_bounds(first.left_edge, _extent_end(verb, xcomp))
            return (*bounds, verb.text) if bounds else None
    if "object" in kinds and objects:
        bounds = _content_bounds(objects[0].left_edge, _extent_end(verb, objects[0]))
        return (*bounds, verb.text) if bounds else None
    return None


# --- speakers -----------------------------------------------------------------------------------


def _nearest_subject(verb: Token) -> Token | None:
    """The subject next to the verb: of two subjects (a misread apposition, 'Malaysia's Prime
    Minister, Najib Razak said') the nearer, of conjoined ones ('the UN and the US said') the
    last, the one the parser is surest of."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if not subjects:
        return None
    before = [c for c in subjects if c.i < verb.i]
    subject = before[-1] if before else subjects[0]
    conjuncts = [
        c for c in subject.subtree if c.dep_ == "conj" and c.i < verb.i and c.pos_ in ("PROPN", "NOUN")
    ]
    return conjuncts[-1] if conjuncts else subject


def subject_of(verb: Token) -> Token | None:
    """The cue's speaker token: its subject, or the subject of the verb it depends on
    ('X sent a message calling on ...', 'X arrived and said ...'), or an inverted subject
    ('..., said the minister')."""
    relative = lexicon().relative_pronouns
    node = verb
    for _ in range(6):
        subject = _nearest_subject(node)
        if subject is not None:
            if subject.lower_ in relative and node.dep_ == "relcl":
                return node.head
            return subject
        if node.dep_ in ("conj", "xcomp", "advcl") and node.head is not node:
            node = node.head
        elif node.dep_ == "acl" and node.head.dep_ in ("dobj", "pobj", "attr"):
            node = node.head.head
            while node.pos_ not in ("VERB", "AUX") and node.head is not node:
                node = node.head
        else:
            break
    for child in verb.rights:
        if child.dep_ in ("dobj", "npadvmod", "attr", "appos", "nsubj") and child.pos_ in ("PROPN", "NOUN"):
            return child
    return None


_PHRASE_STOP_DEPS = {"relcl", "acl", "appos", "punct", "advcl"}
_PHRASE_BREAKS = {",", "(", ";", ":", "\u2014", "\u2013"}


def speaker_phrase(head: Token) -> Span:
    """The speaker's noun phrase: the head with its modifiers, without appositions, relative
    clauses and parentheses ('Maurizio Crivellaro, STC Country Director' -> 'Maurizio
    Crivellaro')."""
    doc = head.doc
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in _PHRASE_STOP_DEPS or child.text in _PHRASE_BREAKS:
            break
        end = child.right_edge.i + 1
    end = next((k for k in range(head.i + 1, end) if doc[k].text in _PHRASE_BREAKS), end)
    start = head.left_edge.i
    for k in range(start, head.i):  # a comma before the head ends an apposition
        if doc[k].text in _PHRASE_BREAKS:
            start = k + 1
    while start < head.i and (doc[start].dep_ in ("det", "predet") or doc[start].is_punct):
        start += 1
    return doc[start:end]


def _strip_titles(words: list[str]) -> list[str]:
    titles = lexicon().titles
    k = 0
    while k < len(words) - 1 and words[k].lower() in titles:
        k += 1
    rest = words[k:]
    return rest if rest and rest[0][:1].isupper() else words


def _written_name(phrase: Span) -> str:
    name = " ".join(_strip_titles(phrase.text.split()))
    return name[4:] if name.lower().startswith("the ") else name


def _actor_has_word(actor, word: str) -> bool:
    names = [actor.name, *getattr(actor, "aliases", [])]
    return any(word.lower() in n.lower().split() for n in names)


class SpeakerResolver:
    """Names a speaker token as the actors table does, and links it."""

    def __init__(self, doc: Doc, actors, regions: QuotedRegions):
        self.doc = doc
        self.ents = list(doc.ents)  # doc.ents is rebuilt on every access
        self.actors = actors
        self.regions = regions

    def resolve(self, token: Token) -> tuple[str | None, str | None]:
        lex = lexicon()
        low = token.lower_
        if low in lex.person_pronouns:
            return self._last_named(token.idx, person=True)
        if low in lex.organisation_pronouns:
            return self._last_named(token.idx, person=False)
        if token.pos_ == "PRON":
            return None, None
        return self._named(token)

    def _named(self, head: Token) -> tuple[str | None, str | None]:
        phrase = speaker_phrase(head)
        actor = self._actor_at(head)
        if actor is None:
            actor = self._actor_by_name(phrase.text, head.text)
        if actor is None:
            actor = self._actor_in_appositions(head)
        if actor is not None:
            return actor.name, actor.actor_id
        entity = self._entity_at(head) or self._person_in_appositions(head)
        if entity is not None:
            text = entity.text
            return (text[4:] if text.lower().startswith("the ") else text), None
        return _written_name(phrase) or None, None

    def _actor_at(self, token: Token):
        if self.actors is None:
            return None
        return self.actors.at(token.idx, token.idx + len(token.text))

    def _actor_by_name(self, text: str, head_word: str):
        find = getattr(self.actors, "find", None)
        if find is None:
            return None
        actor = find(text)
        return actor if actor is not None and _actor_has_word(actor, head_word) else None

    def _appositions(self, head: Token) -> list[Token]:
        return [t for t in head.subtree if t.dep_ == "appos" and t.head.dep_ != "pobj"]

    def _actor_in_appositions(self, head: Token):
        if self.actors is None:
            return None
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

    def _last_named(self, before: int, person: bool) -> tuple[str | None, str | None]:
        """The person (or organisation) named last before a pronoun, outside quotes."""
        best, best_start = None, -1
        if self.actors is not None:
            for actor in self.actors:
                if (actor.type == "person") != person:
                    continue
                for s, _e in actor.mentions:
                    if best_start < s < before and not self.regions.holds(s):
                        best, best_start = (actor.name, actor.actor_id), s
        if best is None:
            labels = ("PERSON",) if person else ("ORG", "GPE", "NORP")
            for ent in self.ents:
                if (
                    ent.label_ in labels
                    and ent.start_char < before
                    and not self.regions.holds(ent.start_char)
                ):
                    best = (ent.text[4:] if ent.text.lower().startswith("the ") else ent.text, None)
        if best is None and person:
            best = self._last_proper_subject(before)
        return best or (None, None)

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


# --- rows ---------------------------------------------------------------------------------------


@dataclass
class Attribution:
    cue: str | None
    speaker: str | None
    actor_id: str | None
    char: int  # where the cue is, for ordering


def _sentence_around(doc: Doc, text: str, start: int, end: int) -> str:
    first = sentence_at(doc, start)
    last = sentence_at(doc, max(start, end - 1))
    s, _ = sentence_bounds(first)
    _, e = sentence_bounds(last)
    return text[min(s, start) : max(e, end)]


def _row(doc: Doc, text: str, start: int, end: int, kind: str, att: Attribution | None) -> dict:
    return {
        "text": text[start:end],
        "start": start,
        "end": end,
        "kind": kind,
        "speaker": att.speaker if att else None,
        "speaker_actor_id": att.actor_id if att else None,
        "cue": att.cue if att else None,
        "sentence": _sentence_around(doc, text, start, end),
    }


class QuoteExtractor:
    def __init__(self, doc: Doc, actors=None):
        self.doc = doc
        self.text = doc_text(doc)  # Doc.text is rebuilt on every access
        self.quoted = find_quoted(self.text)
        self.regions = QuotedRegions(self.quoted)
        self.speakers = SpeakerResolver(doc, actors, self.regions)
        self.paragraph_of = _paragraph_index(self.text)

    def run(self) -> list[dict]:
        reported = self.reported_rows()
        direct = self.direct_rows(reported)
        rows, starts = [], set()
        for row in sorted(direct + reported, key=lambda r: (r["start"], r["kind"] != "direct")):
            if row["start"] not in starts:
                starts.add(row["start"])
                rows.append(row)
        return rows

    # reported speech

    def reported_rows(self) -> list[dict]:
        rows = []
        for token in self.doc:
            if self.regions.holds(token.idx):
                continue
            kinds = cue_kinds(token)
            if kinds:
                row = self._verb_row(token, kinds)
            elif (phrase := source_phrase_at(token)) is not None:
                row = self._source_phrase_row(phrase)
            else:
                continue
            if row is not None and not self._mostly_quoted(row):
                rows.append(row)
        return _drop_overlapping_source_rows(rows)

    def _mostly_quoted(self, row: dict) -> bool:
        return self.regions.covered(row["start"], row["end"]) * 2 > row["end"] - row["start"]

    def _verb_row(self, verb: Token, kinds: frozenset[str]) -> dict | None:
        content = reported_content(verb, kinds)
        subject = subject_of(verb)
        if content is None or subject is None:
            return None
        start, end, cue = content
        if start <= subject.idx < end:  # the 'subject' is inside the content: a misparse
            return None
        speaker, actor_id = self.speakers.resolve(subject)
        if speaker is None:
            return None
        return _row(
            self.doc, self.text, start, end, "indirect", Attribution(cue, speaker, actor_id, verb.idx)
        )

    def _source_phrase_row(self, phrase: Span) -> dict | None:
        last = phrase[-1]
        source = next((c for c in last.children if c.dep_ == "pobj"), None)
        if source is None:
            return None
        bounds = _clause_beside(phrase, source)
        if bounds is None:
            return None
        speaker, actor_id = self.speakers.resolve(source)
        if speaker is None:
            return None
        att = Attribution(phrase.text.lower(), speaker, actor_id, phrase.start_char)
        return _row(self.doc, self.text, *bounds, "indirect", att)

    # direct speech

    def direct_rows(self, reported: list[dict]) -> list[dict]:
        rows = []
        previous: dict | None = None
        for q in self.quoted:
            att = self.attribution(q)
            kind = "direct"
            if att is None:
                if self._is_phrase(q):
                    kind = "scare"
                else:
                    att = self._inherited(q, previous, reported)
            row = _row(self.doc, self.text, q.start, q.end, kind, att)
            row["_q"] = q
            rows.append(row)
            if kind == "direct":
                previous = row
        for row in rows:
            del row["_q"]
        return rows

    def _is_phrase(self, q: Quoted) -> bool:
        """A short quoted phrase without a clause's end: a title, a term, a scare quote."""
        text = self.text[q.start : q.end]
        return len(text.split()) <= lexicon().scare_max_words and not re.search(r"[.!?]$", text)

    def _inherited(self, q: Quoted, previous: dict | None, reported: list[dict]):
        """An unattributed passage continues the last speaker of its paragraph, or of the
        paragraph before when it opens its own (newspapers quote on over paragraphs)."""
        para = self.paragraph_of(q.open_at)
        candidates: list[dict] = [r for r in reported if r["start"] < q.open_at and r["speaker"]]
        if previous is not None and previous["speaker"]:
            candidates.append(previous)
        candidates.sort(key=lambda r: r["start"])
        for row in reversed(candidates):
            row_para = self.paragraph_of(row["start"])
            inherited = row is previous  # the passage before this one, in the paragraph before
            if row_para == para or (q.opens_paragraph and row_para == para - 1 and inherited):
                cue = row["cue"] if inherited and row_para != para else None
                return Attribution(cue, row["speaker"], row["speaker_actor_id"], row["start"])
            break
        return None

    def attribution(self, q: Quoted) -> Attribution | None:
        """The cue a quoted passage is attributed by: next to it, or governing it."""
        after = self._cue_after(q)
        before = self._cue_before(q)
        ends_with_comma = (
            self.text[q.end : q.outer_end + 1].strip().startswith(",") or self.text[q.end : q.end + 1] == ","
        )
        order = [after, before] if ends_with_comma or before is None else [before, after]
        for cue in order:
            if cue is not None:
                att = self._attribute(cue)
                if att is not None:
                    return att
        governing = self._governing_cue(q)
        return self._attribute(governing) if governing is not None else None

    def _attribute(self, cue: Token) -> Attribution | None:
        phrase = source_phrase_at(cue)
        if phrase is not None:
            source = next((c for c in phrase[-1].children if c.dep_ == "pobj"), None)
            if source is None:
                return None
            speaker, actor_id = self.speakers.resolve(source)
            return Attribution(phrase.text.lower(), speaker, actor_id, cue.idx)
        subject = subject_of(cue)
        if subject is None:  # 'the so-called "red zone"': a verb nobody speaks through
            return None
        speaker, actor_id = self.speakers.resolve(subject)
        return Attribution(cue.text, speaker, actor_id, cue.idx)

    def _tokens_between(self, start: int, end: int) -> Span:
        span = self.doc.char_span(start, end, alignment_mode="contract")
        return span if span is not None else self.doc[0:0]

    def _is_cue(self, token: Token) -> bool:
        return not self.regions.holds(token.idx) and (
            cue_kinds(token) is not None or source_phrase_at(token) is not None
        )

    def _quiet_gap(self, gap: Span | list[Token], max_words: int = 10) -> bool:
        """Between a quote and its cue there is only the speaker, punctuation, an object
        ('told reporters'), an adverb: no other verb, no other quote."""
        words = [t for t in gap if not t.is_punct and not t.is_space]
        if len(words) > max_words:
            return False
        return not any(t.pos_ in ("VERB", "AUX") or self.regions.holds(t.idx) for t in gap)

    def _cue_after(self, q: Quoted) -> Token | None:
        p_end = self._paragraph_end(q.open_at)
        tail = self._tokens_between(q.outer_end, p_end)
        for k, token in enumerate(tail):
            if self.regions.holds(token.idx):
                return None
            if self._is_cue(token):
                return token if self._quiet_gap(tail[:k]) else None
            if token.pos_ in ("VERB", "AUX"):
                return None
        return None

    def _cue_before(self, q: Quoted) -> Token | None:
        p_start = self._paragraph_start(q.open_at)
        head = self._tokens_between(p_start, q.open_at)
        for k in range(len(head) - 1, -1, -1):
            token = head[k]
            if self.regions.holds(token.idx):
                return None
            if self._is_cue(token):
                gap = [t for t in head[k + 1 :] if t.dep_ not in ("dative", "dobj")]
                return token if self._quiet_gap(gap) else None
            if token.lower_ == "to" and k > 0 and source_phrase_at(head[k - 1]) is not None:
                continue
            if token.pos_ in ("VERB", "AUX"):
                return None
        return None

    def _governing_cue(self, q: Quoted) -> Token | None:
        """A reporting verb outside the quote that the quoted words depend on ('he said the
        plan was "a betrayal"')."""
        span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            return None
        for token in span:
            node, hops = token.head, 0
            while hops < 4 and node.i != node.head.i and q.open_at <= node.idx < q.outer_end:
                node, hops = node.head, hops + 1
            while hops < 4:
                if not self.regions.holds(node.idx) and cue_kinds(node) is not None:
                    return node
                if node.i == node.head.i:
                    break
                node, hops = node.head, hops + 1
        return None

    def _paragraph_start(self, char: int) -> int:
        return self.text.rfind("\n", 0, char) + 1

    def _paragraph_end(self, char: int) -> int:
        end = self.text.find("\n", char)
        return len(self.text) if end < 0 else end


def _paragraph_index(text: str):
    breaks = [m.start() for m in re.finditer(r"\n\s*\n|\n", text)]
    return lambda char: bisect.bisect_right(breaks, char)


def _clause_beside(phrase: Span, source: Token) -> tuple[int, int] | None:
    """The clause an 'according to X' phrase is attached to, without the phrase itself;
    for a relative clause, the noun phrase it describes ('a policy which, according to X, ...')."""
    doc = phrase.doc
    head = phrase[0].head
    while head.pos_ not in ("VERB", "AUX") and head.i != head.head.i:
        head = head.head
    if head.pos_ not in ("VERB", "AUX"):
        return None
    phrase_end = source.right_edge.i
    if head.dep_ == "relcl":
        return _content_bounds(head.head.left_edge, head.right_edge)
    left, right = head.left_edge.i, head.right_edge.i
    if phrase[0].i <= left:
        subject = next(
            (c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i > phrase_end), None
        )
        first = subject.left_edge if subject is not None else doc[min(phrase_end + 1, right)]
        return _content_bounds(first, doc[right])
    if phrase[0].i > head.i:
        return _content_bounds(doc[left], doc[max(left, phrase[0].i - 1)])
    return _content_bounds(doc[left], doc[right])


def _drop_overlapping_source_rows(rows: list[dict]) -> list[dict]:
    """A clause that a verb already reports ('According to X, Y believes that ...') keeps
    the verb's row, whose content is tighter."""
    verbs = [r for r in rows if r["cue"] not in _SOURCE_CUES]
    kept = []
    for row in rows:
        if row["cue"] in _SOURCE_CUES and any(
            min(v["end"], row["end"]) - max(v["start"], row["start"]) > 0 for v in verbs
        ):
            continue
        kept.append(row)
    return kept


_SOURCE_CUES = {" ".join(p) for p in lexicon().source_phrases}


def extract_quotes(doc: Doc, actors=None) -> list[dict]:
    """Quote rows of one parsed document: text, start, end, kind, speaker, speaker_actor_id,
    cue, sentence (doc_id and quote_id are the caller's)."""
    if not doc_text(doc).strip():
        return []
    return QuoteExtractor(doc, actors).run()
