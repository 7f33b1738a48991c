"""Small helpers every extractor shares: sentences, slugs, spans."""

from __future__ import annotations

import re
import unicodedata

from spacy.tokens import Doc, Span


def slug(name: str) -> str:
    """ASCII, lower-case, hyphen-separated: 'Abu Bakr al-Baghdadi' -> 'abu-bakr-al-baghdadi'."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = folded.replace("'", "").replace("\u2019", "")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "x"


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once per document: spaCy rebuilds it from every token on each
    access, which made extraction quadratic in the document's length."""
    text = doc.user_data.get("newsfacts_text")
    if text is None:
        text = doc.user_data["newsfacts_text"] = doc.text
    return text


def sentence_bounds(sent: Span) -> tuple[int, int]:
    """Character offsets of a sentence without its surrounding whitespace."""
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.end_char - (len(text) - len(text.rstrip()))
    return start, max(end, start)


def sentence_text(sent: Span) -> str:
    start, end = sentence_bounds(sent)
    return text_of(sent.doc)[start:end]


def sentence_at(doc: Doc, char: int) -> Span:
    """The sentence holding character offset ``char``."""
    token = doc.char_span(char, char + 1, alignment_mode="expand")
    if token is not None and len(token):
        return token[0].sent
    for sent in doc.sents:
        if sent.start_char <= char < sent.end_char:
            return sent
    return doc[-1:].sent if len(doc) else doc[0:0]
