"""Steps 1-2 of reading a figure: the amounts in one sentence's text, before any parse.

Regular expressions from the lexicon find numerals ("1,358", "1.5 million", "2.3bn"), number
words ("twenty-five", "a dozen"), vague amounts ("dozens", "tens of thousands") and ranges
("3,000-5,000", "between 9 and 11"); the text around each gives its qualifier ("more than",
"or more"), currency and unit. Numbers glued to letters ("MH17", "5th"), durations, clock times
and phone numbers are no amounts. Text in, ``Amount`` objects out.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from newsfacts.extract.figure_lexicon import Lexicon, lexicon

MAX_DIGITS = 30  # longer digit strings are identifiers or noise, never amounts


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


def find_amounts(text: str, offset: int, lex: Lexicon) -> list[Amount]:
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
