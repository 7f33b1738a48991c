"""What a figure's place, claimant and time are read from: the document around the number.

A figure is a *site* in the parse: the number's token, the noun it counts and the head of its
clause (the first verb above it). ``DocContext`` holds what one document offers every figure,
built once: paragraphs, the title and lead, place mentions (named places and definite place nouns
such as 'the city'), time expressions, and the document's quotes. The three readers live beside
this module: ``figure_place``, ``figure_claimant`` and ``figure_time``.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from spacy.attrs import HEAD, IDX
from spacy.tokens import Doc, Span, Token

from newsfacts.extract import when as when_module
from newsfacts.extract.common import _sentences as cached_sentences
from newsfacts.extract.reporting import claimant_verbs
from newsfacts.paths import LEXICONS

if TYPE_CHECKING:
    from newsfacts.extract.actors import ActorIndex
    from newsfacts.extract.locations import Location, PlaceIndex

VERB_POS = ("VERB", "AUX")
CORE_ARGS = ("nsubj", "nsubjpass", "csubj", "csubjpass", "dobj", "dative", "attr", "agent", "expl")
# Relations that open a noun modifier about another event ('Baghdad, which fell in June 2014')
NOUN_CLAUSES = ("relcl", "acl")


@dataclass
class ContextLexicon:
    """The words the place, claimant and time readers need (lexicons/figures.toml [context])."""

    place_prepositions: set[str]
    geographic_nouns: set[str]
    people_nouns: set[str]
    anaphor_kinds: dict[str, tuple[str, ...]]
    nowhere: set[str]
    attribution: set[str]
    evidence_verbs: set[str]
    denial_verbs: set[str]
    hearsay_adverbs: set[str]
    hearsay_nouns: set[str]
    document_nouns: set[str]
    issuer_prepositions: set[str]
    publish_verbs: set[str]
    removal_verbs: set[str]
    passive_speakers: set[str]
    partitive_pronouns: set[str]
    pronoun_types: dict[str, tuple[str, ...]]
    speaker_pronouns: set[str]
    source_ends: set[str]
    definite_determiners: set[str]
    stative_verbs: set[str]
    vague_words: set[str]


@lru_cache(maxsize=1)
def context_lexicon() -> ContextLexicon:
    with (LEXICONS / "figures.toml").open("rb") as f:
        data = tomllib.load(f)
    place, claim = data["place"], data["claimant"]
    return ContextLexicon(
        place_prepositions=set(data["place_prepositions"]["words"]),
        geographic_nouns=set(place["geographic_nouns"]),
        people_nouns=set(data["population_cues"]["people_nouns"]) | set(place["people_nouns"]),
        anaphor_kinds={k: tuple(v) for k, v in place["anaphor_kinds"].items()},
        nowhere=set(place["nowhere"]),
        attribution=set(claimant_verbs()),  # lexicons/reporting.toml, shared with quotes
        evidence_verbs=set(claim["evidence_verbs"]),
        denial_verbs=set(claim["denial_verbs"]),
        hearsay_adverbs=set(claim["hearsay_adverbs"]),
        hearsay_nouns=set(claim["hearsay_nouns"]),
        document_nouns=set(claim["document_nouns"]),
        issuer_prepositions=set(claim["issuer_prepositions"]),
        publish_verbs=set(claim["publish_verbs"]),
        removal_verbs=set(place["removal_verbs"]),
        passive_speakers=set(claim["passive_speakers"]),
        partitive_pronouns=set(claim["partitive_pronouns"]),
        pronoun_types={k: tuple(v) for k, v in claim["pronoun_types"].items()},
        speaker_pronouns=set(claim["speaker_pronouns"]),
        source_ends=set(claim["source_ends"]),
        definite_determiners=set(data["syntax"]["definite_determiners"]),
        stative_verbs=set(place["stative_verbs"]),
        vague_words={w for phrase in data["vague"] for w in phrase.split()},
    )


# ---------------------------------------------------------------------------------------------
# The parse


def heads(doc: Doc) -> list[int]:
    """Each token's head as a token index, read once per document from the parse's array (a
    Token object for every step up the tree costs more than the walk)."""
    cached = doc.user_data.get("newsfacts_heads")
    if cached is None:
        offsets = doc.to_array(HEAD).astype("int64").tolist() if len(doc) else []
        cached = doc.user_data["newsfacts_heads"] = [i + o for i, o in enumerate(offsets)]
    return cached


def _chain(doc: Doc, i: int) -> list[int]:
    """Token index ``i`` and its heads' indices up to the root."""
    up, out = heads(doc), [i]
    while up[i] != i and len(out) <= len(up):
        i = up[i]
        out.append(i)
    return out


def ancestors(token: Token) -> list[Token]:
    """The token's heads up to its sentence's root, nearest first."""
    doc = token.doc
    return [doc[i] for i in _chain(doc, token.i)[1:]]


def tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one sentence in the dependency tree."""
    if a.i == b.i:
        return 0
    up_a = _chain(a.doc, a.i)
    depth = {t: n for n, t in enumerate(up_a)}
    for n, t in enumerate(_chain(b.doc, b.i)):
        if t in depth:
            return depth[t] + n
    return len(up_a) + 50  # different trees (a broken parse): far apart


def clause_head(token: Token) -> Token:
    """The first verb at or above the token: the head of the clause the figure is in."""
    chain = [token, *ancestors(token)]
    for t in chain:
        if t.pos_ in VERB_POS:
            return t
    return chain[-1]  # the sentence's root


def in_subtree(token: Token, top: Token) -> bool:
    """Is ``token`` ``top`` or below it?"""
    if not top.left_edge.i <= token.i <= top.right_edge.i:
        return False
    return top.i in _chain(token.doc, token.i)


def governing_verb(token: Token) -> Token | None:
    """The verb a time or place phrase hangs on, through prepositions and nouns: None when a noun
    modifier clause or another noun's phrase comes first ('Baghdad, which fell in June 2014')."""
    for t in ancestors(token):
        if t.pos_ in VERB_POS:
            return t
    return None


@dataclass
class Site:
    """A figure in the parse."""

    root: Token  # the number's token
    noun: Token | None  # the noun it counts
    head: Token  # the head of its clause
    start: int  # the figure's character offsets
    end: int
    sent: Span  # its sentence

    @property
    def anchor(self) -> Token:
        return self.noun if self.noun is not None else self.root


# ---------------------------------------------------------------------------------------------
# The document


@dataclass
class PlaceMention:
    token: Token  # the mention's head token
    location: Location
    anaphor: bool = False  # 'the city' standing for the last city named


@dataclass
class TimeMention:
    token: Token
    start: int
    end: int
    words: str


@dataclass
class DocContext:
    """One document as the figure readers see it."""

    doc: Doc
    text: str
    places: PlaceIndex | None
    actors: ActorIndex | None
    quotes: list[dict]
    lexicon: ContextLexicon = field(default_factory=context_lexicon)
    paragraph_starts: list[int] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)
    sentence_first_tokens: list[int] = field(default_factory=list)
    _place_mentions: dict[int, list[PlaceMention]] = field(default_factory=dict)
    _time_mentions: dict[int, list[TimeMention]] = field(default_factory=dict)
    _located: list[tuple[int, Location]] = field(default_factory=list)  # (start, Location), sorted
    dateline_span: tuple[int, int] | None = None  # the dateline's place: 'BEIRUT' in 'BEIRUT, Oct. 3 -'
    dateline_end: int | None = None  # where the dateline ends (its dash)
    memo: dict[str, Any] = field(default_factory=dict)
    token_starts: list[int] = field(default_factory=list)  # what the readers compute once per document

    @classmethod
    def build(cls, doc: Doc, text: str, places, actors, quotes) -> DocContext:
        ctx = cls(doc, text, places, actors, list(quotes or []))
        ctx.paragraph_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        starts, bounds = cached_sentences(doc)  # doc.sents walks every token on each call
        ctx.sentences = [doc[first:end] for first, end, _ in bounds]
        ctx.sentence_starts = list(starts)
        ctx.sentence_first_tokens = [first for first, _, _ in bounds]
        if places is not None:
            ctx._located = sorted(((s, loc) for loc in places for s, _ in loc.mentions), key=lambda x: x[0])
        ctx.dateline_span, ctx.dateline_end = when_module.dateline_bounds(text)
        return ctx

    # -- paragraphs and sentences

    def paragraph_of(self, char: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, char) - 1

    def sentence_index(self, sent: Span) -> int:
        return bisect.bisect_right(self.sentence_first_tokens, sent.start) - 1

    def sentence_of(self, token: Token) -> Span:
        """The token's sentence (``Token.sent`` walks the document on every call)."""
        i = bisect.bisect_right(self.sentence_first_tokens, token.i) - 1
        return self.sentences[max(i, 0)]

    def paragraph_sentences(self, sent: Span) -> tuple[list[Span], list[Span]]:
        """The other sentences of the sentence's paragraph: those before it (nearest first) and
        those after it."""
        i, paragraph = self.sentence_index(sent), self.paragraph_of(sent.start_char)
        before, after = [], []
        j = i - 1
        while j >= 0 and self.paragraph_of(self.sentences[j].start_char) == paragraph:
            before.append(self.sentences[j])
            j -= 1
        j = i + 1
        while j < len(self.sentences) and self.paragraph_of(self.sentences[j].start_char) == paragraph:
            after.append(self.sentences[j])
            j += 1
        return before, after

    def paragraph_sentence_list(self, paragraph: int) -> list[Span]:
        return [s for s in self.sentences if self.paragraph_of(s.start_char) == paragraph]

    def title_paragraph(self) -> int | None:
        """The headline: the first line with words, when more text follows it and it does not
        end as a sentence does ('Floods kill 200 in Kenya', not 'Rains battered Chennai.')."""
        if "title" in self.memo:
            return self.memo["title"]
        found = None
        first = self.text.lstrip()
        line = first.split("\n", 1)[0].strip()
        rest = first[len(line) :].strip() if line else ""
        if line and rest and line.rstrip("\"'”’»)")[-1:] not in (".", "!", "?", ":", ";", ""):
            found = self.paragraph_of(len(self.text) - len(first))
        self.memo["title"] = found
        return found

    def lead_paragraph(self) -> int | None:
        """The first paragraph after the headline that is not only a date line."""
        title = self.title_paragraph()
        seen = set()
        for s in self.sentences:
            p = self.paragraph_of(s.start_char)
            if p == title or p in seen or not s.text.strip():
                continue
            seen.add(p)
            line = self.text[self.paragraph_starts[p] :].split("\n", 1)[0]
            if when_module.published_in_text("x\n" + line) is None:
                return p
        return None

    # -- places

    def place_mentions(self, sent: Span) -> list[PlaceMention]:
        """The sentence's named places, then its definite place nouns ('the city') standing for the
        last place of their kind named as a place before them."""
        key = sent.start
        if key not in self._place_mentions:
            named = self.named_mentions(sent)
            seen = {m.token.i for m in named}
            anaphors = []
            for token in self._words(sent, self.lexicon.anaphor_kinds):
                kinds = self.lexicon.anaphor_kinds[token.lower_]
                if token.i not in seen and _is_definite_place_noun(token):
                    loc = self.last_place_of_kind(kinds, token)
                    if loc is not None:
                        anaphors.append(PlaceMention(token, loc, anaphor=True))
            self._place_mentions[key] = named + anaphors
        return self._place_mentions[key]

    def sent_words(self, sent: Span, words) -> list[Token]:
        return self._words(sent, words)

    def _words(self, sent: Span, words) -> list[Token]:
        """The sentence's tokens whose lower-case text is one of ``words``, found in its text
        first (making a Token for every word of every sentence costs more than the rest)."""
        text = self.text[sent.start_char : sent.end_char].lower()
        if not any(w in text for w in words):
            return []
        return [t for t in sent if t.lower_ in words]

    def named_mentions(self, sent: Span) -> list[PlaceMention]:
        key = -1 - sent.start
        if key in self._place_mentions:
            return self._place_mentions[key]
        out: list[PlaceMention] = []
        if self.places is not None:
            lo = bisect.bisect_left(self._located, (sent.start_char,), key=lambda x: (x[0],))
            seen: set[int] = set()
            for start, loc in self._located[lo:]:
                if start >= sent.end_char:
                    break
                token = self._token_at(start, sent)
                if token is None:
                    continue
                head = _mention_head(token, loc)
                if head.i not in seen:
                    seen.add(head.i)
                    out.append(PlaceMention(head, loc))
        self._place_mentions[key] = out
        return out

    def _token_at(self, char: int, sent: Span) -> Token | None:
        """The sentence's token at (or first after) character ``char``."""
        if not self.token_starts:
            self.token_starts = self.doc.to_array(IDX).tolist()
        i = bisect.bisect_right(self.token_starts, char, sent.start, sent.end) - 1
        if i < sent.start or self.token_starts[i] + len(self.doc[i]) <= char:
            i += 1
        return self.doc[i] if sent.start <= i < sent.end else None

    def last_place_of_kind(self, kinds: tuple[str, ...], anaphor: Token, reach: int = 40):
        """The place of one of ``kinds`` named last, as a place, before the anaphor ('in the
        country' after 'troops in Iraq'): a country only named as an actor is not its referent."""
        i = self.sentence_index(self.sentence_of(anaphor))
        for sent in reversed(self.sentences[max(0, i - reach) : i + 1]):
            for m in reversed(self.named_mentions(sent)):
                if (
                    m.token.i < anaphor.i
                    and _kind(m.location) in kinds
                    and _is_referent(m.token, self.lexicon)
                ):
                    return m.location
        return None

    # -- times

    def time_mentions(self, sent: Span) -> list[TimeMention]:
        key = sent.start
        if key not in self._time_mentions:
            start = sent.start_char
            text = self.text[start : sent.end_char]
            found = []
            for s, e in when_module.find_times(text):
                if self.dateline_end is not None and start + s < self.dateline_end:
                    continue  # the dateline's date is the publication's, not an event's
                token = self._token_at(start + s, sent)
                if token is None:
                    continue
                last = self._token_at(start + e - 1, sent) or token
                head = _span_head(sent.doc[token.i : last.i + 1])
                found.append(TimeMention(head, start + s, start + e, text[s:e]))
            self._time_mentions[key] = found
        return self._time_mentions[key]

    @staticmethod
    def lexicon_time_present(words: str) -> bool:
        """Are these time words the present ('currently', 'now')?"""
        return bool(when_module.lexicon().present_re.match(" ".join(words.split())))

    # -- quotes

    def quote_at(self, start: int, end: int, kinds: tuple[str, ...]) -> dict | None:
        """The innermost quote row of one of ``kinds`` holding [start, end)."""
        best = None
        for q in self.quotes:
            holds = q.get("kind") in kinds and q["start"] <= start and end <= q["end"]
            if holds and (best is None or q["end"] - q["start"] < best["end"] - best["start"]):
                best = q
        return best


def first_of_list(token: Token) -> Token:
    """The first name of a list of names ('in Kandahar, Helmand and Uruzgan', 'Mosul, Iraq'); a
    name the parse joined to a common noun ('soldiers ... and the US') stays itself."""
    while token.dep_ in ("conj", "appos") and token.head.i != token.i and token.head.pos_ == "PROPN":
        token = token.head
    return token


def is_locative(token: Token, lex: ContextLexicon) -> bool:
    """Is a place named by this token used as a place here: after a locative preposition, as a
    verb's object ('retook Mosul'), naming a geographic noun ('Iraq's north', 'the Mosul area')?
    Not an origin ('aid workers from Norway'), a subject that acts, or part of another name
    ('the Mosul campaign')."""
    token = first_of_list(token)
    head, dep = token.head, token.dep_
    if dep == "pobj":
        prep = head.lower_
        if prep not in lex.place_prepositions or (prep == "to" and head.head.lower_ == "according"):
            return False
        if prep == "from":
            # 'aid workers from Norway', 'a woman visiting from Canada': where they come from, not
            # where it happened; but 'abducted 276 schoolgirls from Chibok', 'evacuated 80 people
            # from Aleppo' took them there
            verb = head.head if head.head.pos_ in VERB_POS else head.head.head
            taken = head.head.pos_ in VERB_POS or head.head.dep_ == "dobj"
            return taken and verb.lemma_.lower() in lex.removal_verbs
        if prep == "of":
            return head.head.lemma_.lower() in lex.geographic_nouns | lex.people_nouns
        return True
    if dep in ("compound", "poss", "nmod"):
        return head.lemma_.lower() in lex.geographic_nouns
    if dep in ("nsubj", "nsubjpass") and head.lemma_ in lex.stative_verbs:
        return True  # 'Gaza is home to 2 million', 'the district has a population of 450,000'
    return dep in ("dobj", "ROOT", "npadvmod")


def _is_referent(token: Token, lex: ContextLexicon) -> bool:
    """Can 'the country' refer back to this mention? Any place named as a place or as a place's
    part ('the governments of South East Asia', 'Thailand's minister'), not a subject that acts
    ('both Iraq and the US are expected'), an origin, or part of another name."""
    if is_locative(token, lex):
        return True
    token = first_of_list(token)
    return token.dep_ in ("poss",) or (token.dep_ == "pobj" and token.head.lower_ == "of")


def _span_head(span: Span) -> Token:
    inside = {t.i for t in span}
    for t in span:
        if t.head.i not in inside or t.head.i == t.i:
            return t
    return span[0]


def _mention_head(token: Token, loc) -> Token:
    """The head token of a place mention of several tokens ('Hammam al-Alil')."""
    ends = [e for s, e in loc.mentions if s <= token.idx < e]
    if not ends:
        return token
    span = token.doc.char_span(token.idx, ends[0], alignment_mode="expand")
    return _span_head(span) if span is not None and len(span) else token


def _is_definite_place_noun(token: Token) -> bool:
    """'the city', 'this region': a place noun with a definite determiner and no name of its
    own ('the town of Yeoncheon' names it)."""
    if token.pos_ != "NOUN":
        return False
    if not any(
        c.dep_ == "det" and c.lower_ in context_lexicon().definite_determiners for c in token.children
    ):
        return False
    for child in token.children:
        if child.dep_ in ("appos", "compound") and child.pos_ == "PROPN":
            return False
        named = any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in child.children)
        if child.dep_ == "prep" and child.lower_ == "of" and named:
            return False
    return True


def _kind(loc) -> str:
    place = getattr(loc, "place", None)
    return place.kind if place is not None else "unknown"
