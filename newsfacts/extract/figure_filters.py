"""Numbers that are not figures, told by the parse: dates, years, ages, names and references.

"November 2", "the 2016 election", "John Smith, 45,", "Flight 370", "Apollo 11", "posts 542
and 543", and scores or tallies ("won 3-1").
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from newsfacts.extract.figure_amounts import Amount
from newsfacts.extract.figure_lexicon import Lexicon, lexicon
from newsfacts.extract.figure_parse import DocView, is_noun, of_object


def is_not_a_figure(
    amount: Amount,
    core: list[Token],
    root: Token,
    view: DocView,
    sent: Span,
    lex: Lexicon,
    references: list[int],
) -> bool:
    doc = view.doc
    if amount.vague:
        return False
    first, last = core[0], core[-1]
    before = doc[first.i - 1] if first.i > sent.start else None
    after = doc[last.i + 1] if last.i + 1 < sent.end else None
    plain = amount.unit is None
    # a month next to the number: 'November 2', '2 Nov', 'June 2014'
    for neighbour in (before, after):
        if (
            neighbour is not None
            and neighbour.lower_.rstrip(".") in lex.calendar
            and neighbour.text[:1].isupper()
        ):
            return True
    if plain and _looks_like_year(amount, root, core):
        return True
    if plain and root.ent_type_ in ("DATE", "TIME") and not _counts_a_noun(root, core):
        return True
    text = amount.core_text.strip().lower()
    if text == "one" and not (root.dep_ == "nummod" and _counts_a_noun(root, core)):
        return True  # 'one of them', 'no one'
    start_token = view.token_at(amount.start)
    prev = doc[start_token.i - 1] if start_token is not None and start_token.i > sent.start else None
    if prev is not None and prev.lower_ in lex.age_cues:
        return True
    if (
        prev is not None
        and prev.text == ","
        and prev.i - 1 >= sent.start
        and doc[prev.i - 1].ent_type_ == "PERSON"
        and after is not None
        and after.text in ",)"
    ):
        return True  # 'John Smith, 45,'
    if plain and prev is not None and _is_reference(prev, root, core, lex, references):
        references.append(last.i)
        return True
    return False


def _looks_like_year(amount: Amount, root: Token, core: list[Token]) -> bool:
    text = amount.core_text
    if amount.qualifier == "range":
        years = re.fullmatch(r"(1[5-9][0-9]{2}|20[0-9]{2})\s*[-\u2013to ]+\s*([0-9]{2,4})", text)
        return bool(years)
    if not re.fullmatch(r"(1[5-9][0-9]{2}|20[0-9]{2})", text):
        return False
    # '2,000 people' is written with a comma or counts a plural; 'the 2016 election',
    # 'the 2012 Olympics' name a year
    return not (_counts_a_noun(root, core) and root.head.tag_ == "NNS")


def _counts_a_noun(root: Token, core: list[Token]) -> bool:
    head = root.head
    return (
        root.dep_ in ("nummod", "quantmod")
        and head.i > core[-1].i
        and is_noun(head)
        and head.lower_ not in lexicon().time_units
    ) or of_object(root) is not None


def _is_reference(prev: Token, root: Token, core: list[Token], lex: Lexicon, references: list[int]) -> bool:
    """'Flight 370', 'Resolution 2334', 'posts 542 and 543', 'Article 5'."""
    if prev.lower_ in lex.reference_nouns or prev.lemma_.lower() in lex.reference_nouns:
        return True
    if (
        prev.lower_ in lex.syntax["reference_joiners"]
        and references
        and references[-1] in range(prev.i - 3, prev.i)
    ):
        return True
    # a number right after a name: 'Apollo 11', 'Boeing 737'
    return (
        prev.is_title
        and not prev.is_sent_start
        and is_noun(prev)
        and prev.ent_type_ not in ("DATE", "NORP")
        and not _counts_a_noun(root, core)
    )


def is_tally(amount: Amount, sent: Span, lex: Lexicon) -> bool:
    """'won 3-1', 'passed 52-48': scores and tallies are not ranges of anything."""
    if amount.qualifier != "range":
        return False
    core = amount.core_text
    if not re.fullmatch(r"[0-9]{1,3}\s*[-\u2013]\s*[0-9]{1,3}", core):
        return False
    return any(t.lower_ in lex.tally_context or t.lemma_.lower() in lex.tally_context for t in sent)
