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

Every word list lives in ``newsfacts/lexicons/figures.toml``.
"""

from __future__ import annotations

import math
import re
import tomllib
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.attrs import IDX
from spacy.tokens import Doc, Span, Token

from newsfacts.extract.common import doc_text, sentence_bounds
from newsfacts.extract.figure_claimant import claimant_for, continues_previous
from newsfacts.extract.figure_context import DocContext, Site, clause_head
from newsfacts.extract.figure_place import place_for
from newsfacts.extract.figure_time import time_for
from newsfacts.extract.when import resolve
from schemas.figure_categories import CATEGORIES

LEXICON_PATH = Path(__file__).resolve().parent.parent / "lexicons" / "figures.toml"
MAX_DIGITS = 30  # longer digit strings are identifiers or noise, never amounts
THING_CATEGORIES = ("territory", "money")  # a counted thing beats the verb that acts on it
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


# ---------------------------------------------------------------------------------------------
# The lexicon and the patterns built from it


def _alternation(words) -> str:
    """A regex alternation, longest first so that "tens of thousands" beats "thousands"."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


class Lexicon:
    """The figures lexicon, with the regular expressions and lookups derived from it."""

    def __init__(self, data: dict):
        self.word_numbers = {k: float(v) for k, v in data["word_numbers"].items()}
        self.scales = {k: float(v) for k, v in data["scales"].items()}
        self.suffixes = {k: float(v) for k, v in data["magnitude_suffixes"].items()}
        self.metre_cues = set(data["metre_cues"]["words"])
        self.vague = {k: float(v) for k, v in data["vague"].items()}
        self.vague_needs_of = set(data["vague_needs_of"]["words"])
        self.before = data["qualifiers_before"]
        self.after = data["qualifiers_after"]
        self.currency_before = data["currency_before"]
        self.currency_after = data["currency_after"]
        self.units = {k: tuple(v) for k, v in data["units"].items()}
        self.time_units = set(data["time_units"]["words"])
        self.calendar = set(data["calendar_words"]["words"])
        self.age_cues = set(data["age_cues"]["words"])
        self.reference_nouns = set(data["reference_nouns"]["words"])
        self.tally_context = set(data["tally_context"]["words"])
        self.measure_nouns = data["measure_nouns"]
        self.people_nouns = set(data["population_cues"]["people_nouns"])
        self.settlements = set(data["population_cues"]["settlement_nouns"])
        self.syntax = {k: set(v) for k, v in data["syntax"].items()}
        self.roles = {
            role: self._by_word(data["categories"], role)
            for role in ("verbs", "intransitive", "complements", "nouns")
        }
        self._compile()

    @staticmethod
    def _by_word(categories: dict, role: str) -> dict[str, str]:
        """word -> category for one role; the first category in the schema's order wins."""
        out: dict[str, str] = {}
        for category in CATEGORIES:
            for word in categories.get(category, {}).get(role, []):
                out.setdefault(word, category)
        return out

    def _compile(self) -> None:
        digits = r"[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
        words = _alternation(list(self.word_numbers) + list(self.scales))
        after_scale = "|".join(f"(?<={s})" for s in self.scales)
        word_number = rf"\b(?:{words})(?:(?:[ \t]*-[ \t]*|[ \t]+|(?:{after_scale})\s+and\s+)(?:{words}))*\b"
        scale = rf"\s*(?:{_alternation(self.scales)})\b|(?:{_alternation(self.suffixes)})(?![A-Za-z0-9])"
        number = rf"(?:(?:{digits})(?:{scale})?|{word_number})"
        sep = r"\s*[-\u2013\u2014]\s*|\s+to\s+|\s+and\s+"
        cur = "|".join(re.escape(c) for c in self.currency_before if not c.isalpha())
        self.number_re = re.compile(
            rf"(?P<n1>{number})(?:(?P<sep>{sep})(?:{cur})?(?P<n2>{number}))?", re.IGNORECASE
        )
        self.digits_re = re.compile(digits)
        self.word_re = re.compile(rf"\b(?:{words})\b", re.IGNORECASE)
        self.scale_word_re = re.compile(rf"^(?:{_alternation(self.scales)})\b", re.IGNORECASE)
        self.vague_re = re.compile(rf"\b(?:{_alternation(self.vague)})\b", re.IGNORECASE)
        self.before_re = re.compile(rf"(?:^|(?<=[^\w]))(?:{_alternation(self.before)})\s+$", re.IGNORECASE)
        self.after_re = re.compile(rf"^(?:\s*(?:{_alternation(self.after)}))(?![A-Za-z0-9])", re.IGNORECASE)
        self.currency_before_re = re.compile(
            rf"(?:^|(?<=[^\w$]))(?:{_alternation(self.currency_before)})\s?$", re.IGNORECASE
        )
        self.currency_after_re = re.compile(rf"^\s+(?:{_alternation(self.currency_after)})\b", re.IGNORECASE)
        self.unit_re = re.compile(rf"^[ \t]?-?(?:{_alternation(self.units)})(?![A-Za-z0-9])", re.IGNORECASE)
        self.time_re = re.compile(rf"^[ \t]*-?(?:{_alternation(self.time_units)})(?![A-Za-z])", re.IGNORECASE)
        self.phone_re = re.compile(
            r"(?:\+[0-9]{1,3}[\s.-]?)?(?:\([0-9]{1,4}\)[\s.-]?)?[0-9]{2,5}(?:[\s.-][0-9]{2,5}){2,}"
        )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    with LEXICON_PATH.open("rb") as f:
        return Lexicon(tomllib.load(f))


# ---------------------------------------------------------------------------------------------
# Step 1-2: amounts found in the text


@dataclass
class Amount:
    """A number found in a sentence, with what its surrounding text says about it."""

    start: int  # the whole figure, qualifier and currency included (document offsets)
    end: int
    core_start: int  # the number itself, for the parse lookup
    core_end: int
    value: float
    high: float | None = None
    qualifier: str = "exact"
    unit: str | None = None
    unit_category: str = ""
    vague: bool = False
    text: str = ""  # the figure's text and the number's text, set once the span is final
    core_text: str = ""


def parse_number(text: str) -> float | None:
    """'1,500' -> 1500, '1.5 million' -> 1.5e6, '2.3bn' -> 2.3e9, 'twenty-five' -> 25."""
    lex = lexicon()
    text = text.strip().lower()
    digits = lex.digits_re.match(text)
    if digits:
        if len(digits.group()) > MAX_DIGITS:
            return None
        base = float(digits.group().replace(",", ""))
        rest = text[digits.end() :].strip()
        factor = lex.scales.get(rest) or lex.suffixes.get(rest) or (1.0 if not rest else None)
        return base * factor if factor is not None else None
    return _word_value(re.findall(r"[a-z]+", text), lex)


def _word_value(words: list[str], lex: Lexicon) -> float | None:
    """Number words to a value: 'one hundred and six' -> 106, 'two dozen' -> 24."""
    total, current, seen = 0.0, 0.0, False
    for word in words:
        if word == "and":
            continue
        if word in lex.word_numbers:
            current += lex.word_numbers[word]
        elif word in lex.scales:
            scale = lex.scales[word]
            current = (current or 1.0) * scale
            if scale >= 1000:
                total, current = total + current, 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def _find_amounts(text: str, offset: int, lex: Lexicon) -> list[Amount]:
    """Every amount in one sentence's text; offsets are document offsets."""
    masked = [m.span() for m in lex.phone_re.finditer(text) if sum(c.isdigit() for c in m.group()) >= 7]
    found: list[Amount] = []
    for m in lex.vague_re.finditer(text):
        amount = _vague_amount(text, m, lex)
        if amount:
            found.append(amount)
    pos = 0
    while (number := lex.number_re.search(text, pos)) is not None:
        amount, pos = _number_amount(text, number, lex)
        if amount and not any(s < amount.core_end and amount.core_start < e for s, e in masked):
            found.append(amount)
    found.sort(key=lambda a: (a.start, -(a.end - a.start)))
    kept: list[Amount] = []
    for amount in found:
        if kept and amount.start < kept[-1].end:
            continue
        kept.append(amount)
    for amount in kept:
        amount.text = text[amount.start : amount.end]
        amount.core_text = text[amount.core_start : amount.core_end]
        for attr in ("start", "end", "core_start", "core_end"):
            setattr(amount, attr, getattr(amount, attr) + offset)
    return kept


def _vague_amount(text: str, m: re.Match, lex: Lexicon) -> Amount | None:
    phrase = re.sub(r"\s+", " ", m.group().lower())
    if phrase in lex.vague_needs_of and not re.match(r"\s+of\b", text[m.end() :]):
        return None
    if re.search(r"[0-9]\s*$", text[: m.start()]):
        return None  # "5 hundreds": not vague
    if lex.time_re.match(re.sub(r"^\s+more\b", "", text[m.end() :])):
        return None  # "several (more) weeks": a duration, not an amount
    lower = lex.vague[phrase]
    return Amount(m.start(), m.end(), m.start(), m.end(), lower, None, "vague", vague=True)


def _number_amount(text: str, m: re.Match, lex: Lexicon) -> tuple[Amount | None, int]:
    """The amount for one number match (or None), and where to search next."""
    start, end = m.start(), m.end()
    n1, n2 = m.group("n1"), m.group("n2")
    prefix = text[max(0, start - 40) : start]
    between = re.search(r"\bbetween\s+\S{0,3}$", prefix, re.IGNORECASE)
    sep = (m.group("sep") or "").strip().lower()
    after_from = re.search(r"\bfrom\s+\S{0,3}$", prefix, re.IGNORECASE)
    if n2 and ((sep == "and" and not between) or (sep == "to" and after_from)):
        end, n2 = m.end("n1"), None  # "542 and 543", "from 20 to 30": two numbers, not a range
    core_end = end
    if not _clean_edges(text, start, end, lex):
        return None, end
    value = parse_number(n1)
    high = parse_number(n2) if n2 else None
    if value is None or (n2 and high is None):
        return None, end
    if n2 and high is not None:
        value = _share_magnitude(n1, n2, value, high)
    amount = Amount(start, end, start, core_end, value, high, "range" if n2 else "exact")
    if lex.scale_word_re.match(n1) and not _extend_article(text, amount):
        return None, end  # a bare "hundred" or "dozen" without "a" is not an amount
    if lex.time_re.match(text[end:]) or re.match(r"\s*:\s*[0-9]", text[end:]):
        return None, end  # a duration, an age or a clock time
    _metres(text, amount, n1, lex)
    _extend_right(text, amount, lex)
    _extend_left(text, amount, lex, between is not None)
    if not all(math.isfinite(v) for v in (amount.value, amount.high or 0.0)):
        return None, end
    if amount.high is not None and amount.high < amount.value:
        return None, end  # "3-1", "2014-15": a score or a season, not a range
    return amount, max(end, amount.end)


def _clean_edges(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """False for numbers glued to letters: 'MH17', 'F-16', 'COVID-19', '5th', '1990s'."""
    before = text[start - 1] if start > 0 else " "
    if before.isalnum() or before in "_./:#":
        return False
    if before == "-" and start > 1 and text[start - 2].isalpha():
        return False
    rest = text[end:]
    return not rest[:1].isalpha() or bool(lex.unit_re.match(rest) or lex.time_re.match(rest))


def _share_magnitude(n1: str, n2: str, low: float, high: float) -> float:
    """'3 to 5 million': the low bound takes the high bound's magnitude."""
    if high > low * 100 and parse_number(n1) == low and not re.search(r"[a-z]", n1.lower()):
        digits2 = lexicon().digits_re.match(n2.strip())
        if digits2:
            factor = high / float(digits2.group().replace(",", ""))
            if factor > 1:
                return low * factor
    return low


def _extend_article(text: str, amount: Amount) -> bool:
    """'a dozen', 'a hundred', 'half a million': the article is part of the number."""
    prefix = text[: amount.start]
    half = re.search(r"\bhalf\s+an?\s+$", prefix, re.IGNORECASE)
    article = re.search(r"\ban?\s+$", prefix, re.IGNORECASE)
    if half:
        amount.start -= len(half.group())
        amount.value *= 0.5
        return True
    if article:
        amount.start -= len(article.group())
        return True
    return False


def _metres(text: str, amount: Amount, n1: str, lex: Lexicon) -> bool:
    """'100m from the border' is 100 metres, not 100 million."""
    if not re.search(r"[0-9]m$", n1.strip(), re.IGNORECASE):
        return False
    following = re.match(r"\s+([a-z]+)", text[amount.end :])
    if following and following.group(1).lower() in lex.metre_cues:
        amount.value /= lex.suffixes["m"]
        amount.unit, amount.unit_category = "m", "distance"
        return True
    return False


def _extend_right(text: str, amount: Amount, lex: Lexicon) -> None:
    """Unit, currency word and trailing qualifier after the number."""
    rest = text[amount.end :]
    unit = lex.unit_re.match(rest) if amount.unit is None else None
    if unit:
        key = re.sub(r"\s+", " ", unit.group().strip(" \t-").lower())
        amount.unit, amount.unit_category = lex.units.get(key, (key, ""))
        amount.end += unit.end()
        rest = text[amount.end :]
    currency = lex.currency_after_re.match(rest)
    if currency and amount.unit is None:
        amount.unit = lex.currency_after[re.sub(r"\s+", " ", currency.group().strip().lower())]
        amount.unit_category = "money"
        amount.end += currency.end()
        rest = text[amount.end :]
    after = lex.after_re.match(rest)
    if after and amount.qualifier == "exact":
        amount.qualifier = lex.after[after.group().strip().lower()]
        amount.end += after.end()


def _extend_left(text: str, amount: Amount, lex: Lexicon, between: bool) -> None:
    """Currency symbol, then qualifier ('more than', 'about', 'between') before the number."""
    prefix = text[max(0, amount.start - 12) : amount.start]
    currency = lex.currency_before_re.search(prefix)
    if currency and amount.unit is None:
        key = currency.group().strip().lower()
        amount.unit, amount.unit_category = lex.currency_before[key], "money"
        amount.start -= len(currency.group())
    prefix = text[max(0, amount.start - 30) : amount.start]
    if between:
        found = re.search(r"\bbetween\s+$", prefix, re.IGNORECASE)
        if found and amount.qualifier == "range":
            amount.start -= len(found.group())
        return
    qualifier = lex.before_re.search(prefix)
    if qualifier and amount.qualifier == "exact":
        amount.qualifier = lex.before[re.sub(r"\s+", " ", qualifier.group().strip().lower())]
        amount.start -= len(qualifier.group())


# ---------------------------------------------------------------------------------------------
# Step 3: the parse around a number


class DocView:
    """Cheap lookups on one parsed document: token at a character, entity of a token."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc_text(doc)  # Doc.text joins every token on each call: read it once
        self.starts = doc.to_array(IDX).tolist() if len(doc) else []  # no Token objects
        self.entity_of: dict[int, Span] = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.entity_of[i] = ent

    def token_at(self, char: int) -> Token | None:
        i = bisect_right(self.starts, char) - 1
        return self.doc[i] if i >= 0 else None

    def tokens(self, start: int, end: int) -> list[Token]:
        first = bisect_right(self.starts, start) - 1
        last = bisect_right(self.starts, max(start, end - 1)) - 1
        return [self.doc[i] for i in range(max(first, 0), last + 1)] if last >= 0 else []


def _root(tokens: list[Token]) -> Token | None:
    """The token of a span whose head lies outside it (the last one, if several)."""
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    return roots[-1] if roots else (tokens[-1] if tokens else None)


def _is_noun(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") or token.tag_.startswith("NN")


def _counted_noun(root: Token, core: list[Token], unit: str | None) -> Token | None:
    """The noun the number counts: its head ('36 shells'), 'of' what ('dozens of locals'),
    or the noun just after it when the parse went astray ('1,000 IS gunmen')."""
    head = root.head
    last = core[-1]
    if (
        root.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod")
        and head.i > last.i
        and _is_noun(head)
        and head.lower_ not in lexicon().syntax["percent_nouns"]
    ):
        if unit and head.i == last.i + 1 and not head.is_alpha:
            return _of_object(head)
        return head if not unit else (_of_object(head) or None)
    of_object = _of_object(root)
    if of_object is not None:
        return of_object
    if unit:
        return _of_object(head) if head.i > last.i else None
    if root.dep_ == "nummod" and head.i > last.i:
        for token in root.doc[last.i + 1 : min(last.i + 5, len(root.doc))]:
            if token.is_upper and token.is_alpha:
                continue  # an acronym the tagger took for a verb: '1,000 IS gunmen'
            if token.is_punct or token.pos_ in ("ADP", "DET", "AUX", "CCONJ", "PRON"):
                break
            if _is_noun(token) and (token.i + 1 >= len(root.doc) or not _is_noun(root.doc[token.i + 1])):
                return token
    return None


def _of_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and _is_noun(grandchild):
                    return grandchild
    return None


def _counted_text(doc: Doc, noun: Token | None, core: list[Token], end: int) -> str | None:
    if noun is None:
        return None
    if noun.i > core[-1].i and noun.i - core[-1].i <= 5 and noun.head.lower_ != "of":
        first = core[-1].i + 1
        while first < noun.i and doc[first].idx < end:
            first += 1  # past a trailing qualifier: '500 or more workers'
    else:
        first = noun.left_edge.i
        if noun.idx >= end:
            while first < noun.i and doc[first].idx < end:
                first += 1  # the figure itself is not what it counts: 'of about 50,000 soldiers'
        while first < noun.i and doc[first].pos_ in ("DET", "PRON", "ADP", "NUM", "PUNCT"):
            first += 1
    words = doc[first : noun.i + 1]
    text = words.text.strip(" -")
    return text or None


def _keys(token: Token) -> list[str]:
    """Lexicon keys for a token: '<compound> <lemma>' and '<lemma> <particle>' first."""
    lemma = token.lemma_.lower()
    keys = []
    for child in token.children:
        if child.dep_ == "compound" and child.i == token.i - 1:
            keys.append(f"{child.lemma_.lower()} {lemma}")
        elif child.dep_ == "prt":
            keys.append(f"{lemma} {child.lower_}")
    keys += [lemma, token.lower_]
    return keys


def _lookup(token: Token | None, role: str) -> str | None:
    if token is None:
        return None
    table = lexicon().roles[role]
    return next((table[k] for k in _keys(token) if k in table), None)


def _is_passive(verb: Token) -> bool:
    """'were killed', 'killed' as a bare participle: the subject is the patient."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    has_perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    return verb.tag_ == "VBN" and not has_perfect


def _complement_category(verb: Token) -> str | None:
    """'held hostage', 'went missing', 'left homeless', 'fall into homelessness', 'in need',
    'forced to leave': the category of what completes the verb."""
    for child in verb.children:
        if child.dep_ in ("acomp", "oprd", "attr", "xcomp", "ccomp", "advcl"):
            if child.dep_ in ("ccomp", "advcl") and child.pos_ != "ADJ":
                continue
            found = _lookup(child, "complements") or _lookup(child, "verbs") or _lookup(child, "intransitive")
            if found:
                return found
            if child.dep_ == "xcomp":
                deeper = _complement_category(child)
                if deeper:
                    return deeper
        elif child.dep_ == "prep" and child.lower_ in lexicon().syntax["complement_prepositions"]:
            for pobj in child.children:
                found = _lookup(pobj, "complements") if pobj.dep_ == "pobj" else None
                if found:
                    return found
    return None


def _modifier_category(anchor: Token) -> str | None:
    """'people killed', 'children trapped', 'displaced families', 'people who fled'."""
    for child in anchor.children:
        if child.dep_ in ("acl", "relcl", "amod") and child.i != anchor.i:
            active = (child.dep_ == "acl" and child.tag_ == "VBG") or (
                child.dep_ == "relcl" and not _is_passive(child)
            )
            if active:  # 'people fleeing', 'people who fled': the subject is counted
                found = _lookup(child, "intransitive") or _complement_category(child)
            else:
                found = (
                    _lookup(child, "verbs") or _lookup(child, "complements") or _complement_category(child)
                )
            if found:
                return found
    return None


def _role_category(anchor: Token) -> str | None:
    """The category the governing verb or adjective gives the anchor, by its relation."""
    head, dep = anchor.head, anchor.dep_
    if head.i == anchor.i:
        return None
    if dep in ("dobj", "nsubjpass", "oprd") or (dep == "nsubj" and _is_passive(head)):
        return _complement_category(head) or _lookup(head, "verbs")
    if dep == "nsubj":  # 'are missing', 'were dead': the predicate word may head the clause
        return _complement_category(head) or _lookup(head, "intransitive") or _lookup(head, "complements")
    if dep == "attr":
        return _complement_category(head)
    if dep in ("conj", "appos"):
        return _modifier_category(head) or _role_category(head)
    return None


def _may_be_people(noun: Token, noun_category: str | None, lex: Lexicon) -> bool:
    """Could the counted noun be people? Yes for the category nouns ('troops', 'refugees'),
    the people nouns ('people', 'civilians'), names and nationalities; no for other things."""
    if noun_category is not None or noun.lemma_.lower() in lex.people_nouns:
        return True
    return noun.pos_ == "PROPN" or noun.ent_type_ in ("NORP", "PERSON", "ORG")


def _climb_category(anchor: Token) -> str | None:
    """A few steps up the tree, for parses that hang the number off the wrong word
    ('killed nearly 1,000 IS gunmen' parsed with 'IS' as a verb)."""
    token = anchor
    for _ in range(3):
        if token.dep_ in ("nsubj", "ROOT", "pobj", "prep", "advcl", "conj") or token.head.i == token.i:
            return None
        token = token.head
        found = _lookup(token, "verbs") if token.pos_ in ("VERB", "AUX") else None
        if found:
            return found
    return None


def _measure_category(root: Token, lex: Lexicon) -> str | None:
    """'a death toll of 50', 'a population of 2 million', 'the toll rose to 50',
    'a city of 2 million', 'home to 2 million people'."""
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in lex.syntax["measure_prepositions"]:
        owner = head.head
        key = next((k for k in _keys(owner) if k in lex.measure_nouns), None)
        if key:
            return lex.measure_nouns[key]
        if owner.lemma_.lower() in lex.settlements:
            return "population"
    verb = head.head if root.dep_ == "pobj" else head
    if root.dep_ in ("pobj", "dobj", "attr") and verb.pos_ in ("VERB", "AUX"):
        for child in verb.children:
            if child.dep_ == "nsubj":
                key = next((k for k in _keys(child) if k in lex.measure_nouns), None)
                if key:
                    return lex.measure_nouns[key]
    return None


def _population_category(anchor: Token, lex: Lexicon) -> str | None:
    """'there are 21,000 people in the city': people located and nothing else said."""
    if anchor.lemma_.lower() not in lex.people_nouns:
        return None
    head = anchor.head
    if head.lemma_ == "be" and any(c.dep_ == "expl" for c in head.children):
        return "population"
    for prep in anchor.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for pobj in prep.children:
                if pobj.lemma_.lower() in lex.settlements and head.lemma_ == "be":
                    return "population"
    return None


def _category(amount: Amount, root: Token, noun: Token | None, lex: Lexicon) -> str:
    if amount.unit_category and amount.unit_category != "money":
        return amount.unit_category
    if amount.unit_category == "money":
        return "money"
    noun_category = _lookup(noun, "nouns")
    if noun_category in THING_CATEGORIES:
        return noun_category
    anchors = [noun, root] if noun is not None and noun.i != root.i else [root]
    for anchor in anchors:
        found = _modifier_category(anchor) or _role_category(anchor)
        if found == "forces" and noun is not None and not _may_be_people(noun, noun_category, lex):
            found = None  # 'sent 12 ambulances', 'deployed 40 tanks': equipment, not troops
        if found:
            return found
    found = (
        _measure_category(root, lex)
        or (noun is not None and _measure_category(noun, lex))
        or _climb_category(root)
    )
    if found == "forces" and noun is not None and not _may_be_people(noun, noun_category, lex):
        found = None
    if found:
        return found
    if noun_category:
        return noun_category
    if amount.unit == "percent":
        return "other"
    return (_population_category(noun, lex) if noun is not None else None) or "other"


# ---------------------------------------------------------------------------------------------
# Filters that need the parse: dates, ages, names and references


def _is_not_a_figure(
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
        and _is_noun(head)
        and head.lower_ not in lexicon().time_units
    ) or _of_object(root) is not None


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
        and _is_noun(prev)
        and prev.ent_type_ not in ("DATE", "NORP")
        and not _counts_a_noun(root, core)
    )


def _is_tally(amount: Amount, sent: Span, lex: Lexicon) -> bool:
    """'won 3-1', 'passed 52-48': scores and tallies are not ranges of anything."""
    if amount.qualifier != "range":
        return False
    core = amount.core_text
    if not re.fullmatch(r"[0-9]{1,3}\s*[-\u2013]\s*[0-9]{1,3}", core):
        return False
    return any(t.lower_ in lex.tally_context or t.lemma_.lower() in lex.tally_context for t in sent)


# ---------------------------------------------------------------------------------------------
# The extractor


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
    amounts = _find_amounts(text, start, lex)
    if not amounts:
        return []
    references: list[int] = []
    rows: list[dict] = []
    for amount in amounts:
        core = view.tokens(amount.core_start, amount.core_end)
        root = _root(core)
        if root is None or _is_tally(amount, sent, lex):
            continue
        if _is_not_a_figure(amount, core, root, view, sent, lex, references):
            continue
        row = _row(amount, core, root, sent, text, view, lex, context, rows[-1] if rows else last)
        rows.append(row)
    return rows


def _row(
    amount: Amount, core, root, sent, sentence, view, lex, context: DocContext, previous: dict | None
) -> dict:
    doc = view.doc
    noun = _counted_noun(root, core, amount.unit)
    category = _category(amount, root, noun, lex)
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
        "counted": _counted_text(doc, noun, core, amount.end),
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
