"""Small helpers every extractor shares: sentences, slugs, spans."""

from __future__ import annotations

import bisect
import re
import unicodedata

from spacy.tokens import Doc, Span, Token


def slug(name: str) -> str:
    """ASCII, lower-case, hyphen-separated: 'Abu Bakr al-Baghdadi' -> 'abu-bakr-al-baghdadi'."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = folded.replace("'", "").replace("\u2019", "")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "x"


def doc_text(doc: Doc) -> str:
    """The document's text, built once: spaCy rebuilds ``doc.text`` from every token on each
    access, which makes a loop over mentions quadratic in the document's length."""
    text = doc.user_data.get("newsfacts_text")
    if text is None:
        text = doc.user_data["newsfacts_text"] = doc.text
    return text


def has_subject(token: Token) -> bool:
    """The word has a subject of its own, active or passive ('she said', 'it was said')."""
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def sentence_bounds(sent: Span) -> tuple[int, int]:
    """Character offsets of a sentence without its surrounding whitespace."""
    text = doc_text(sent.doc)[sent.start_char : sent.end_char]  # Span.text joins its tokens
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.end_char - (len(text) - len(text.rstrip()))
    return start, max(end, start)


def sentence_text(sent: Span) -> str:
    start, end = sentence_bounds(sent)
    return doc_text(sent.doc)[start:end]


def _sentences(doc: Doc) -> tuple[list[int], list[tuple[int, int, int]]]:
    """The document's sentences, built once (``Token.sent`` and ``doc.sents`` walk the tokens on
    every access): their start offsets, and (first token, end token, end offset) of each. Plain
    numbers, not Spans: a Span in ``doc.user_data`` would tie the Doc into a reference cycle,
    freed only by a full garbage collection (a worker's memory grew by hundreds of MB)."""
    cached = doc.user_data.get("newsfacts_sentences")
    if cached is None:
        sents = list(doc.sents) if len(doc) else []
        cached = ([s.start_char for s in sents], [(s.start, s.end, s.end_char) for s in sents])
        doc.user_data["newsfacts_sentences"] = cached
    return cached


def sentence_at(doc: Doc, char: int) -> Span:
    """The sentence holding character offset ``char``."""
    starts, bounds = _sentences(doc)
    i = bisect.bisect_right(starts, char) - 1
    if i >= 0 and char < bounds[i][2]:
        return doc[bounds[i][0] : bounds[i][1]]
    token = doc.char_span(char, char + 1, alignment_mode="expand")
    if token is not None and len(token):
        return token[0].sent
    for sent in doc.sents:
        if sent.start_char <= char < sent.end_char:
            return sent
    return doc[-1:].sent if len(doc) else doc[0:0]


class DisjointSpans:
    """Non-overlapping [start, end) spans, with overlap and containment tests in O(log n)."""

    def __init__(self):
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._starts, end)  # spans starting before `end`
        return i > 0 and self._ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)

    def containing(self, start: int, end: int) -> tuple[int, int] | None:
        """The span that holds [start, end) and is not equal to it, if any."""
        i = bisect.bisect_right(self._starts, start)
        if i == 0:
            return None
        s, e = self._starts[i - 1], self._ends[i - 1]
        return (s, e) if s <= start and end <= e and (s, e) != (start, end) else None

    def strictly_inside(self, start: int, end: int) -> bool:
        """Is [start, end) inside one span and not equal to it?"""
        i = bisect.bisect_right(self._starts, start)
        if i == 0:
            return False
        s, e = self._starts[i - 1], self._ends[i - 1]
        return s <= start and end <= e and (s, e) != (start, end)
