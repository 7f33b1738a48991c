"""Text -> figures: numbers that count or measure something in the world.

How a figure is read, sentence by sentence:

1. Find: regular expressions over the sentence text find numerals ("1,358", "1.5 million",
   "2.3bn", "400km"), number words ("twenty-five", "a dozen") and vague amounts ("dozens",
   "tens of thousands"), with ranges ("3,000-5,000", "between 9 and 11").
2. Read: the text around each number gives its qualifier ("more than", "up to", "or more"),
   currency ("US$", "euros") and unit ("km", "per cent"); dates, times, ages, ordinals,
   scores, phone and reference numbers ("Flight 370", "posts 542 and 543") are dropped.
3. Place in the parse: a few tokens of the dependency parse give what is counted (the noun
   the number modifies, or "of" what) and the category, from the governing verb or
   adjective ("killed", "were hurt", "forced to leave", "held hostage", "people trapped",
   "stationed at"), across active and passive voice, then from the counted noun.
4. Link: who gives the figure (``figure_claimant``), where it is (``figure_place``) and when
   (``figure_time``, resolved by ``when``), each read from the figure's clause first, then its
   sentence, paragraph and article.

The parts: ``figure_lexicon`` (the word lists of ``newsfacts/lexicons/figures.toml``, the only
home of every word), ``figure_amounts`` (steps 1-2, text only), ``figure_parse`` (step 3),
``figure_filters`` (numbers that are no figures), and the three links of step 4.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from newsfacts.extract.common import doc_text, sentence_bounds
from newsfacts.extract.figure_amounts import Amount, find_amounts
from newsfacts.extract.figure_claimant import claimant_for, continues_previous
from newsfacts.extract.figure_context import DocContext, Site, clause_head
from newsfacts.extract.figure_filters import is_not_a_figure, is_tally
from newsfacts.extract.figure_lexicon import Lexicon, lexicon
from newsfacts.extract.figure_parse import DocView, category_of, counted_noun, counted_text, number_root
from newsfacts.extract.figure_place import place_for
from newsfacts.extract.figure_time import time_for
from newsfacts.extract.when import resolve

ROW_KEYS = (
    "text",
    "start",
    "end",
    "value",
    "value_low",
    "value_high",
    "qualifier",
    "unit",
    "counted",
    "category",
    "claimant",
    "claimant_actor_id",
    "location",
    "location_id",
    "when",
    "when_text",
    "when_start",
    "when_end",
    "sentence",
)


def extract_figures(
    doc: Doc, actors=None, places=None, quotes: list[dict] | None = None, published: str | None = None
) -> list[dict]:
    """Figure rows of one parsed document (doc_id and figure_id are added by the caller). With the
    document's ActorIndex, PlaceIndex and quote rows, each figure gets its claimant and place;
    with its publication date ('YYYY[-MM[-DD]]'), relative times are resolved."""
    if not len(doc) or not doc_text(doc).strip():
        return []
    lex = lexicon()
    view = DocView(doc)
    context = DocContext.build(doc, view.text, places, actors, quotes)
    rows: list[dict] = []
    for sent in context.sentences:
        rows.extend(_sentence_figures(sent, view, lex, context, rows[-1] if rows else None))
    return resolve_times(rows, published)


def resolve_times(rows: list[dict], published: str | None) -> list[dict]:
    """Set each figure row's `when`, `when_start` and `when_end` from its `when_text`, against the
    publication date (the rows depend on the text only; the date is the document's)."""
    for row in rows:
        found = resolve(row.get("when_text"), published)
        row["when"] = found.iso if found else None
        row["when_start"] = found.start.isoformat() if found else None
        row["when_end"] = found.end.isoformat() if found else None
    return rows


def _sentence_figures(
    sent: Span, view: DocView, lex: Lexicon, context: DocContext, last: dict | None
) -> list[dict]:
    start, end = sentence_bounds(sent)
    text = view.text[start:end]
    if not re.search(r"[0-9]|[a-z]{3,}", text, re.IGNORECASE):
        return []
    amounts = find_amounts(text, start, lex)
    if not amounts:
        return []
    references: list[int] = []
    rows: list[dict] = []
    for amount in amounts:
        core = view.tokens(amount.core_start, amount.core_end)
        root = number_root(core)
        if root is None or is_tally(amount, sent, lex):
            continue
        if is_not_a_figure(amount, core, root, view, sent, lex, references):
            continue
        row = _row(amount, core, root, sent, text, view, lex, context, rows[-1] if rows else last)
        rows.append(row)
    return rows


def _row(
    amount: Amount, core, root, sent, sentence, view, lex, context: DocContext, previous: dict | None
) -> dict:
    doc = view.doc
    noun = counted_noun(root, core, amount.unit)
    category = category_of(amount, root, noun, lex)
    site = Site(root, noun, clause_head(root), amount.start, amount.end, sent)
    claim = claimant_for(site, context)
    if claim is None and previous is not None and continues_previous(site, context):
        claim = (previous["claimant"], previous["claimant_actor_id"]) if previous["claimant"] else None
    location = place_for(site, context)
    when = time_for(site, context)
    is_range = amount.qualifier == "range"
    return {
        "text": amount.text,
        "start": amount.start,
        "end": amount.end,
        "value": amount.value,
        "value_low": amount.value if is_range or amount.vague else None,
        "value_high": amount.high if is_range else None,
        "qualifier": amount.qualifier,
        "unit": amount.unit,
        "counted": counted_text(doc, noun, core, amount.end),
        "category": category,
        "claimant": claim[0] if claim else None,
        "claimant_actor_id": claim[1] if claim else None,
        "location": location.name if location is not None else None,
        "location_id": location.location_id if location is not None else None,
        "when": None,
        "when_text": when.words if when is not None else None,
        "when_start": None,
        "when_end": None,
        "sentence": sentence,
    }
