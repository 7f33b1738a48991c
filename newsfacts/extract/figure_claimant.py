"""On whose word: the nearest source the text gives for a figure.

From the number up the parse, the first of these decides:

- an attribution verb whose clause holds the figure: its subject ('the UN said 30 died', 'the
  ministry reported 30 deaths'), a passive's agent ('deaths recorded by the WHO'), a quoted
  speaker ('officials were quoted as saying'); a pronoun subject stands for the side that says so
  ('strikes which they say killed 12': the last speaker or actor it can be), a report or a study
  for its issuer ('a UN report says', 'according to the report' -> whose report it is);
- 'according to X' on the figure's clause, then anywhere in its sentence;
- a denial ('officials denied that 90 died'), unattributed hearsay ('reports that', 'is said
  to', 'were reported', 'reportedly', 'estimates suggest'): nobody vouches, the claimant is null.

A figure inside a direct quote is its speaker's unless a nearer source inside the quote gives it
('"The ministry says 30 died," he said' -> the ministry). 'N of them' after a sourced figure keeps
that source. Everything else is the article's own voice: null.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

from spacy.tokens import Token

from newsfacts.extract.figure_context import VERB_POS, DocContext, Site, ancestors, context_lexicon

SUBJECTS = ("nsubj", "csubj")


@dataclass(frozen=True)
class Source:
    """A source found in the text: a span to name and link, or a name and actor id already known
    (a quote's speaker)."""

    start: int
    end: int
    name: str | None = None
    actor_id: str | None = None
    resolved: bool = False


class _Stop:
    """Nobody vouches for the figure: hearsay, a denial, a pronoun that names no one."""


STOP = _Stop()
UNSOURCED = _Stop()  # a passive report without its agent: hearsay unless a source above gives it


def claimant_for(site: Site, ctx: DocContext) -> tuple[str, str | None] | None:
    """(claimant, claimant_actor_id) for a figure, or None."""
    found = _walk(site, ctx)
    quote = ctx.quote_at(site.start, site.end, ("direct",))
    if quote is not None and quote.get("speaker"):
        inside = isinstance(found, Source) and quote["start"] <= found.start < quote["end"]
        if not inside and found is not STOP:
            found = Source(
                quote["start"], quote["end"], quote["speaker"], quote.get("speaker_actor_id"), True
            )
    if found is None:
        found = _according_anywhere(site, ctx)
    if found is None:
        found = _indirect_quote(site, ctx)
    if not isinstance(found, Source):
        return None
    return _named(found, ctx)


def _walk(site: Site, ctx: DocContext):
    lex = ctx.lexicon
    path = [site.root, *ancestors(site.root)]
    unsourced = False  # '120 cases were confirmed': nobody, unless a source above says so
    for child, node in itertools.pairwise(path):
        if any(c.dep_ == "advmod" and c.lower_ in lex.hearsay_adverbs for c in node.children):
            return STOP  # 'reportedly saved 200', 'allegedly killed'
        found = _at_node(child, node, ctx)
        if found is UNSOURCED:
            unsourced = True
        elif found is not None:
            return found
    return STOP if unsourced else None


def _at_node(child: Token, node: Token, ctx: DocContext):
    lex = ctx.lexicon
    lemma = node.lemma_.lower()
    if node.pos_ in VERB_POS and child.dep_ not in SUBJECTS:
        if lemma in lex.denial_verbs:
            return STOP
        if lemma in lex.attribution and _states_the_figure(child, ctx):
            return _verb_source(node, ctx)
        if lemma in lex.evidence_verbs:
            return _evidence_source(node, child, ctx)
    if (
        node.pos_ in ("NOUN", "PROPN")
        and lemma in lex.hearsay_nouns
        and child.dep_ in ("acl", "ccomp", "relcl")
    ):
        return _issuer(node, ctx) or STOP  # 'reports that 90 died', 'claims that ...'
    according = _according(node)
    if according is not None:
        return _source_of(according, ctx) or STOP
    return None


def _states_the_figure(child: Token, ctx: DocContext) -> bool:
    """Does the verb state the figure: in its clause ('said that 30 died'), or as its object
    ('reported 30 deaths')? Not a figure deep inside another object ('claimed responsibility for
    the bombings that killed 44')."""
    if child.dep_ != "dobj":
        return True
    return child.like_num or any(c.like_num or c.lower_ in ctx.lexicon.vague_words for c in child.children)


def _according(node: Token) -> Token | None:
    for c in node.children:
        if c.lower_ == "according":
            for to in c.children:
                for pobj in to.children:
                    if pobj.dep_ == "pobj":
                        return pobj
    return None


def _according_anywhere(site: Site, ctx: DocContext):
    for token in ctx.sent_words(site.sent, ("according",)):
        if token.lower_ == "according":
            for to in token.children:
                for pobj in to.children:
                    if pobj.dep_ == "pobj":
                        found = _source_of(pobj, ctx)
                        return found if isinstance(found, Source) else None
    return None


def _verb_source(verb: Token, ctx: DocContext):
    """The source an attribution verb gives: its subject, a passive's agent, or nobody."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    if subject is not None:
        return _source_of(subject, ctx) or STOP
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if pobj is not None:
            return _source_of(pobj, ctx) or STOP
    if passive is not None:
        if verb.lemma_.lower() in ctx.lexicon.passive_speakers and passive.pos_ != "PRON":
            return _source_of(passive, ctx) or STOP  # 'officials were quoted as saying'
        return UNSOURCED  # '30 deaths were reported', 'it is estimated that': nobody named
    if verb.dep_ in ("conj", "xcomp") and verb.head.pos_ in VERB_POS:
        return _verb_source(verb.head, ctx)  # 'the UN counted the dead and said 30 died'
    return None


def _evidence_source(verb: Token, child: Token, ctx: DocContext):
    """'figures show', 'a study found', 'estimates suggest': a document's issuer, or nobody; an
    actor's finding only as a statement ('the UN found that 30 died', 'officials put the toll
    at 50'), not as a deed ('soldiers found 14 bodies')."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    if subject is None:
        return None
    if subject.lemma_.lower() in ctx.lexicon.document_nouns:
        return _issuer(subject, ctx) or STOP
    if child.dep_ not in ("ccomp", "xcomp", "prep", "advcl", "parataxis"):
        return None
    actor = ctx.actors.at(subject.idx, subject.idx + len(subject)) if ctx.actors is not None else None
    return _source_of(subject, ctx) if actor is not None else None


def _source_of(token: Token, ctx: DocContext):
    """What a subject or 'according to' object names: a pronoun's referent, a document's issuer,
    or its own words."""
    if token.pos_ == "PRON":
        return _pronoun_source(token, ctx)
    if token.lemma_.lower() in ctx.lexicon.document_nouns:
        return _issuer(token, ctx)
    span = _source_span(token)
    return Source(*span) if span else None


def _source_span(subject: Token) -> tuple[int, int] | None:
    """The subject's words, cut before an apposition, a parenthesis or a relative clause."""
    doc = subject.doc
    first, last = subject.left_edge.i, subject.right_edge.i
    for i in range(subject.i, last + 1):
        if doc[i].text in context_lexicon().source_ends:
            last = i - 1
            break
    while first <= last and doc[first].pos_ in ("DET", "PUNCT"):
        first += 1
    if first > last:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last])


def _issuer(noun: Token, ctx: DocContext, depth: int = 0):
    """Whose report, study or figures: 'UNHCR's report', 'a UN report', 'a report by Amnesty',
    'figures from the ministry'; 'the report' is the one named before, with its issuer."""
    lex = ctx.lexicon
    for c in noun.children:
        if c.dep_ == "poss":
            return _source_of(c, ctx)
    names = [c for c in noun.children if c.dep_ == "compound" and (c.pos_ == "PROPN" or c.is_upper)]
    if names:
        first, last = names[0].left_edge, names[-1]
        return Source(first.idx, last.idx + len(last))
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in lex.issuer_prepositions:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.lemma_.lower() not in lex.document_nouns:
                return _source_of(pobj, ctx)
    definite = any(c.dep_ == "det" and c.lower_ in lex.definite_determiners for c in noun.children)
    if definite and depth == 0:
        return _issued_before(noun, ctx)
    return None


def _issued_before(noun: Token, ctx: DocContext):
    """The issuer of the same kind of document named earlier in the text: 'The WHO released a
    report on Monday. According to the report, ...'."""
    lex, lemma = ctx.lexicon, noun.lemma_.lower()
    sentences = ctx.sentences[: ctx.sentence_index(ctx.sentence_of(noun)) + 1]
    for sent in reversed(sentences[-8:]):
        for token in reversed(list(sent)):
            if token.i >= noun.i or token.lemma_.lower() != lemma:
                continue
            found = _issuer(token, ctx, depth=1)
            if found is None and token.dep_ == "dobj" and token.head.lemma_.lower() in lex.publish_verbs:
                subject = next((c for c in token.head.children if c.dep_ in SUBJECTS), None)
                found = _source_of(subject, ctx) if subject is not None else None
            if isinstance(found, Source):
                return found
    return None


def _pronoun_source(pronoun: Token, ctx: DocContext):
    """The speaker or actor a pronoun subject stands for: inside a quote its speaker ('we'); else
    the last speaker, then the last actor, it can be ('they': a group, 'he'/'she': a person)."""
    word = pronoun.lower_
    types = ctx.lexicon.pronoun_types.get(word)
    if types is None:
        return None
    quote = ctx.quote_at(pronoun.idx, pronoun.idx + len(pronoun), ("direct",))
    if quote is not None and quote.get("speaker") and word in ctx.lexicon.speaker_pronouns:
        return _quote_source(quote)
    for q in sorted(
        (q for q in ctx.quotes if q.get("speaker") and q["start"] < pronoun.idx), key=lambda q: -q["start"]
    ):
        if _speaker_fits(q, types, ctx):
            return _quote_source(q)
        break  # only the last speaker: an older one is a guess
    actor = _last_actor(pronoun.idx, types, ctx)
    if actor is not None:
        return Source(pronoun.idx, pronoun.idx + len(pronoun), actor.name, actor.actor_id, True)
    return STOP


def _quote_source(quote: dict) -> Source:
    return Source(quote["start"], quote["end"], quote["speaker"], quote.get("speaker_actor_id"), True)


def _speaker_fits(quote: dict, types: tuple[str, ...], ctx: DocContext) -> bool:
    if quote.get("speaker_actor_id") and ctx.actors is not None:
        actor = ctx.actors.by_id(quote["speaker_actor_id"])
        return actor is not None and actor.type in types
    return "person" not in types  # a vague plural source ('officials', 'witnesses')


def _last_actor(before: int, types: tuple[str, ...], ctx: DocContext):
    if ctx.actors is None:
        return None
    if "actor_mentions" not in ctx.memo:
        ctx.memo["actor_mentions"] = sorted(
            ((s, a) for a in ctx.actors for s, _ in a.mentions), key=lambda x: x[0]
        )
    mentions = ctx.memo["actor_mentions"]
    i = bisect.bisect_left(mentions, (before,), key=lambda x: (x[0],)) - 1
    while i >= 0 and i >= len(mentions) - 10_000:
        actor = mentions[i][1]
        if actor.type in types:
            return actor
        i -= 1
    return None


def _indirect_quote(site: Site, ctx: DocContext):
    """A figure inside reported speech the quotes extractor found, cued by an attribution verb
    of its sentence the parse did not put above it: its speaker ('pledged' is no report)."""
    quote = ctx.quote_at(site.start, site.end, ("indirect",))
    if quote is None or not quote.get("speaker") or not quote.get("cue"):
        return None
    cue = quote["cue"].split()[-1].lower()
    sent = site.sent
    if not any(t.lower_ == cue and t.lemma_.lower() in ctx.lexicon.attribution for t in sent):
        return None
    return _quote_source(quote)


def continues_previous(site: Site, ctx: DocContext) -> bool:
    """'At least 12 of them': a figure that cannot be read without the figure before it."""
    words = ctx.text[site.end : site.end + 20].lower().split()
    return len(words) >= 2 and words[0] == "of" and words[1].strip(".,;:") in ctx.lexicon.partitive_pronouns


def _named(source: Source, ctx: DocContext) -> tuple[str, str | None]:
    """The source's name as the actors table spells it, and its actor id."""
    if source.resolved:
        return source.name or ctx.text[source.start : source.end], source.actor_id
    text = ctx.text[source.start : source.end]
    actors = ctx.actors
    if actors is None:
        return text, None
    doc = ctx.doc
    span = doc.char_span(source.start, source.end, alignment_mode="expand")
    last = [span[-1]] if span is not None and len(span) else []
    candidates = [(t.idx, t.idx + len(t)) for t in last]
    for token in last:  # 'Save the Children (STC)': the acronym in brackets names it too
        candidates += [(c.idx, c.idx + len(c)) for c in token.head.children if c.dep_ == "appos"]
    for start, end in candidates:
        actor = actors.at(start, end)
        if actor is not None:
            return actor.name, actor.actor_id
    # the source's own words name an actor only when it is not merely their possessor or modifier:
    # "Afghanistan's health ministry" is the ministry, not the country
    actor = actors.at(source.start, source.end)
    if actor is not None and not (last and _only_modifies(actor, last[0])):
        return actor.name, actor.actor_id
    return text, None


def _only_modifies(actor, head: Token) -> bool:
    """Do all of the actor's mentions inside the head's phrase lie in words that depend on the
    head (a possessor, a compound) rather than cover the head itself?"""
    inside = [(s, e) for s, e in actor.mentions if head.left_edge.idx <= s and e <= head.idx + len(head)]
    return bool(inside) and all(e <= head.idx for _, e in inside)
