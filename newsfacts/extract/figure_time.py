"""When: the time a figure refers to, as the words that give it (resolved later against the
publication date by ``when.resolve``).

1. A time on the figure's own clause or a clause above it ('Last October, ... 1,792 people
   killed', 'officials said on Monday that 30 died', 'currently at sea'), never one inside a
   clause about something else ('Baghdad, which fell to IS in June 2014').
2. For a figure told in the past tense without a time of its own, the story's time: the last
   time given on the main line of an earlier sentence of its paragraph ('War maniacs made another
   provocation on Thursday afternoon. They perpetrated ... firing 36 shells'), else of the
   paragraph before; a headline takes its lead's ('Over 900 rescued' <- 'On Friday, fishermen
   rescued ...').
3. Otherwise none: an ongoing state in the present ('About 25,000 are held'), a perfect ('have
   killed nearly 1,000') or a possibility ('could fall') has no time unless the text gives one.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsfacts.extract.figure_context import (
    NOUN_CLAUSES,
    VERB_POS,
    DocContext,
    Site,
    TimeMention,
    ancestors,
    governing_verb,
    in_subtree,
    tree_distance,
)

_CLAUSE_LINKS = ("conj", "advcl", "xcomp", "ccomp", "pcomp", "prep", "pobj", "parataxis", "dep", "ROOT")


def time_for(site: Site, ctx: DocContext) -> TimeMention | None:
    """The time words that date the figure, or None."""
    sent = site.sent
    own = _on_clause(site, ctx.time_mentions(sent))
    if own is not None:
        return own
    in_title = ctx.paragraph_of(sent.start_char) == ctx.title_paragraph()
    if is_past(site.head) or (in_title and not _is_modal(site.head)):
        return _story_time(sent, site, ctx)  # a headline's present is the story's past
    return None


def _is_modal(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)


def _on_clause(site: Site, mentions: list[TimeMention]) -> TimeMention | None:
    ranked = []
    above = [site.head, *ancestors(site.head)]
    for m in mentions:
        if in_subtree(m.token, site.anchor) and not _in_noun_clause(m.token, site.anchor):
            ranked.append((0, tree_distance(m.token, site.root), m))
            continue
        verb = governing_verb(m.token) if m.token.pos_ not in VERB_POS else m.token
        if verb is None or _in_noun_clause(m.token, verb):
            continue
        if verb.i == site.head.i:
            ranked.append((1, tree_distance(m.token, site.root), m))
        elif in_subtree(verb, site.head) and _linked(verb, site.head):
            ranked.append((2, tree_distance(m.token, site.root), m))
        elif any(a.i == verb.i for a in above):
            ranked.append((3, tree_distance(m.token, site.root), m))
    return min(ranked, key=lambda r: (r[0], r[1]))[2] if ranked else None


def _in_noun_clause(token: Token, top: Token) -> bool:
    """Is there a noun's clause (relative or participle) between the token and ``top``?"""
    for t in [token, *ancestors(token)]:
        if t.i == top.i:
            return False
        if t.dep_ in NOUN_CLAUSES and t.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return True
    return False


def _linked(verb: Token, head: Token) -> bool:
    """Does ``verb`` hang on ``head`` through clause links only ('killed when a bomb struck')?"""
    for t in [verb, *ancestors(verb)]:
        if t.i == head.i:
            return True
        if t.dep_ not in _CLAUSE_LINKS:
            return False
    return False


def is_past(head: Token) -> bool:
    """Is the figure's clause told in the simple past ('were killed', 'fled', 'had died', a
    headline's 'rescued')? Not a perfect ('have killed'), a modal ('could fall') or a present."""
    verb: Token | None = head
    for _ in range(6):
        if verb is None:
            return False
        aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(c.tag_ == "MD" for c in aux) or any(
            c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ") for c in aux
        ):
            return False
        if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in aux):
            return True
        if any(c.tag_ in ("VBZ", "VBP") for c in aux):
            return False  # a present: 'are trapped', 'is held'
        if verb.tag_ in ("VBZ", "VBP", "MD") or (verb.tag_ == "VB" and aux):
            return False
        if verb.tag_ == "VBN" and not aux:
            return True  # 'people killed', a headline's 'rescued'
        verb = governing_verb(verb)  # a gerund or infinitive: the tense of the verb it hangs on
    return False


def story_times(sent: Span, ctx: DocContext) -> list[TimeMention]:
    """Times on a sentence's main line (not inside a clause about something else), in order."""
    out = []
    for m in ctx.time_mentions(sent):
        if ctx.lexicon_time_present(m.words):
            continue
        if not _in_noun_clause(m.token, sent.root):
            out.append(m)
    return out


def _story_time(sent: Span, site: Site, ctx: DocContext) -> TimeMention | None:
    paragraph = ctx.paragraph_of(sent.start_char)
    title = ctx.title_paragraph()
    if paragraph == title:
        lead = ctx.lead_paragraph()
        if lead is None:
            return None
        for other in ctx.paragraph_sentence_list(lead):
            times = story_times(other, ctx)
            if times:
                return times[0]
        return None
    before, _ = ctx.paragraph_sentences(sent)
    for other in before:
        times = story_times(other, ctx)
        if times:
            return times[-1]
    previous = _previous_paragraph(paragraph, ctx)
    if previous is None or previous == title:
        return None
    for other in reversed(ctx.paragraph_sentence_list(previous)):
        times = story_times(other, ctx)
        if times:
            return times[-1]
    return None


def _previous_paragraph(paragraph: int, ctx: DocContext) -> int | None:
    for p in range(paragraph - 1, -1, -1):
        start = ctx.paragraph_starts[p]
        end = ctx.paragraph_starts[p + 1] if p + 1 < len(ctx.paragraph_starts) else len(ctx.text)
        if ctx.text[start:end].strip():
            return p
    return None
