"""Quotation marks paired over the raw text, one paragraph at a time: straight, curly and angle
marks, the two apostrophes some papers print for a double mark (and three that close a single
quotation and a double one), nested marks, a paragraph opened by a reversed mark; an unclosed
mark ends at its paragraph. Plain text in, passages out; no parse."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

# A closing mark closes the nearest open mark of these kinds (typographers mix them).
_DOUBLE_CLOSES = {'"': ('"', "\u201c"), "\u201d": ("\u201c", '"'), "\u00bb": ("\u00ab",)}


_SINGLE_CLOSES = {"'": ("'", "\u2018"), "\u2019": ("\u2018", "'")}


_DOUBLE_OPENERS = {"\u201c", "\u00ab"}


_SINGLE_OPENERS = {"\u2018"}


# A closing mark that opens its paragraph stands for the opening mark of its kind
_REVERSED_OPENERS = {"\u201d": "\u201c"}


_OPEN_CONTEXT = set("([{\u2014\u2013-/:;,=") | {"\u201c", "\u2018", '"', "'"}


# A markup tag left in an article's text ('<tweet id="1" author="@x">', '</tweet>', '<br/>'):
# its name and attributes are no one's words, and its attributes' quotation marks pair with
# nothing said. An unclosed one runs to the end of its line.
_MARKUP_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>\n]*)?/?(?:>|$)", re.MULTILINE)


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


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
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
        if ch in _REVERSED_OPENERS and i == first_char and not stack and not nxt.isspace() and ch in closes:
            # a paragraph that opens with a closing mark ('\u201dWe will win.\u201d'): a typesetter's
            # slip, as the mark cannot close anything there
            stack.append((_REVERSED_OPENERS[ch], i))
        elif ch in closes and (ch not in openers):
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
    start, end = trimmed(text, open_at + 1, close_at if close_at is not None else p_end)
    return Quoted(start, end, open_at, close_at, open_at == first_char)


# Three apostrophes after a word, before a space or punctuation: a quotation inside a quotation
# ends, and then the quotation, in papers that print two apostrophes for a double mark
_CLOSING_TRIPLE = re.compile(r"(?<=\S)'''(?=[\s,.;:!?)]|$)")


def find_quoted(text: str) -> list[Quoted]:
    """Every outermost quoted passage in the text, in order. Double marks are paired first;
    single marks only outside them, only when closed and short (they double as apostrophes).
    Two apostrophes (``''We will,'' he said``, as some papers print a double mark) are one."""
    view = text
    if "''" in text:  # same length, same offsets
        # three apostrophes after a word close a single quote and then the double one
        view = _CLOSING_TRIPLE.sub("'\" ", view).replace("''", ' "')
    out = []
    for p_start, p_end in _paragraphs(view):
        double = _scan(view, p_start, p_end, _DOUBLE_CLOSES, _DOUBLE_OPENERS, True, [])
        taken = [(q.open_at, q.outer_end) for q in double]
        single = [
            q
            for q in _scan(view, p_start, p_end, _SINGLE_CLOSES, _SINGLE_OPENERS, False, taken)
            if q.end - q.start <= _SINGLE_QUOTE_MAX_CHARS
        ]
        out.extend(sorted(double + single, key=lambda q: q.open_at))
    if view is not text:
        for q in out:  # the mark of two apostrophes starts at the first
            if q.open_at > 0 and text[q.open_at - 1 : q.open_at + 1] == "''":
                q.open_at -= 1
    return out


class CharRanges:
    """Sorted [start, end) character ranges of the text, with a containment test in O(log n)."""

    def __init__(self, ranges: Iterable[tuple[int, int]]):
        self.ranges = sorted(ranges)
        self.starts = [s for s, _ in self.ranges]

    def holds(self, char: int) -> bool:
        i = bisect.bisect_right(self.starts, char) - 1
        return i >= 0 and char < self.ranges[i][1]

    def covered(self, start: int, end: int) -> int:
        """How many characters of [start, end) lie inside the ranges."""
        return sum(max(0, min(e, end) - max(s, start)) for s, e in self.ranges)


class QuotedRegions(CharRanges):
    """Character ranges inside quotation marks (marks included): cues there are the quoted
    speaker's words, not the reporter's."""

    def __init__(self, quoted: list[Quoted]):
        super().__init__((q.open_at, q.outer_end) for q in quoted)


def markup_tags(text: str) -> list[tuple[int, int]]:
    """Character ranges of markup tags left in the text (see _MARKUP_TAG)."""
    return [m.span() for m in _MARKUP_TAG.finditer(text)]


def without_markup(text: str, tags: list[tuple[int, int]]) -> str:
    """The text with each markup tag blanked to spaces (offsets kept), so that its attributes'
    quotation marks are not paired."""
    if not tags:
        return text
    chars = list(text)
    for s, e in tags:
        chars[s:e] = " " * (e - s)
    return "".join(chars)
