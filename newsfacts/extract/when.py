"""Time expressions: found in a sentence, resolved against the article's publication date.

Plain Python, no spaCy: the ingest step reads an article's publication date from its first lines
with it (``published_in_text``), and the figures extractor finds the time words of a sentence
(``find_times``); ``resolve`` turns those words into ISO 8601 text exactly as precise as the
article ('2016-10-31', '2016-10', '2014', '2016-01-01/2016-11-03') and the first and last day it
covers. Relative words ('on Monday', 'last October', 'yesterday', 'since January', 'currently')
need the publication date; without one they resolve to nothing, never to a guess.

A time without a year is read as the latest one not after the publication date (news reports
what happened), except a day up to 60 days ahead ('the vote on December 4'). Every word lives in
``newsfacts/lexicons/time.toml``.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from newsfacts.paths import LEXICONS

LEXICON_PATH = LEXICONS / "time.toml"
FUTURE_DAYS = 60  # a day without a year this far ahead is this year's, not last year's
WINDOW_BEFORE, WINDOW_AFTER = 40, 48  # characters around a month, day or unit word to search
YEAR = r"(?:1[89][0-9]{2}|20[0-9]{2})"


@dataclass(frozen=True)
class When:
    """A resolved time: ISO 8601 text, and the first and last day it covers."""

    iso: str
    start: date
    end: date


@dataclass(frozen=True)
class Anchor:
    """The publication date, as precise as it is known (day, month or year)."""

    day: date  # the last day it may be
    precision: str  # "day", "month", "year"


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


class TimeLexicon:
    """The time lexicon and the regular expressions built from it."""

    def __init__(self, data: dict):
        self.months = {k: int(v) for k, v in data["months"].items()}
        self.ambiguous_months = set(data["ambiguous_months"]["words"])
        self.ambiguous_weekdays = set(data["ambiguous_weekdays"]["words"])
        self.weekdays = {k: int(v) for k, v in data["weekdays"].items()}
        self.day_parts = list(data["day_parts"]["words"])
        self.relative_days = {k: int(v) for k, v in data["relative_days"].items()}
        self.present = list(data["present"]["words"])
        self.units = dict(data["units"])
        self.period = {kind: list(words) for kind, words in data["period_words"].items()}
        self.year_preps = list(data["year_prepositions"]["words"])
        self.month_modifiers = list(data["month_modifiers"]["words"])
        self.numbers = {k: int(v) for k, v in data["numbers"].items()}
        self.published_labels = list(data["published_labels"]["words"])
        intervals = data["intervals"]
        self.interval_openers = list(intervals["openers"])
        self.interval_openers_with_and = list(intervals["openers_with_and"])
        self.interval_joiners = list(intervals["joiners"])
        self.open_ended = list(intervals["open_ended"])
        self.time_preps = list(data["time_prepositions"]["words"])
        self.articles = list(data["articles"]["words"])
        self.dateline_re: re.Pattern | None = None  # built on first use
        self._compile()

    def _compile(self) -> None:
        month = rf"(?P<month>{_names(self.months, 4)})"
        article = rf"(?:(?:{_alternation(self.articles)})\s+)?"
        weekday = rf"(?P<weekday>{_names(self.weekdays, 5)})"
        day = r"(?P<day>[0-3]?[0-9])(?:st|nd|rd|th)?"
        year = rf"(?P<year>{YEAR})"
        part = rf"(?:\s+(?:{_alternation(self.day_parts)}))?"
        n = rf"(?P<n>[0-9]{{1,3}}|{_alternation(self.numbers)})"
        unit = rf"(?P<unit>{_alternation(self.units)})"
        previous, current, nxt = (_alternation(self.period[k]) for k in ("previous", "current", "next"))
        modifier = rf"(?:(?P<mod>{_alternation(self.month_modifiers)})[\s-]+(?:of\s+)?)?"
        self.point_patterns = [
            ("iso", rf"{year}-(?P<m2>[01][0-9])-(?P<d2>[0-3][0-9])"),
            ("date", rf"(?:{weekday},?\s+)?{month}\s+{day}(?![0-9])(?:,?\s+{year})?"),
            ("date", rf"(?:{weekday},?\s+)?{article}{day}\s+(?:of\s+)?{month}(?:,?\s+{year})?"),
            ("month", rf"{modifier}(?:(?P<rel>{previous}|{current}|{nxt})\s+)?{month}(?:,?\s+{year})?"),
            ("weekday", rf"(?:(?P<rel>{previous}|{current}|{nxt})\s+)?{weekday}{part}"),
            ("relday", rf"(?P<relday>{_alternation(self.relative_days)})"),
            ("ago", rf"{n}\s+{unit}\s+ago"),
            ("lastn", rf"{article}(?P<which>{previous})\s+(?:{n}\s+)?{unit}"),
            ("period", rf"(?P<rel>{previous}|{current}|{nxt})\s+{unit}"),
            ("decade", rf"{article}(?P<decade>(?:1[89]|20)[0-9]0)s"),
            ("year", rf"{modifier}{year}(?![0-9])"),
        ]
        self.points = [(kind, re.compile(rf"^{p}$", re.IGNORECASE)) for kind, p in self.point_patterns]
        # In running text: a point, "since"/"between"/"from" forms, and the present words.
        preps = _alternation(self.year_preps)
        openers, joiners = _alternation(self.interval_openers), _alternation(self.interval_joiners)
        openers_with_and = _alternation(self.interval_openers_with_and)
        # a time's words are resolved without a preposition before them, but for one that opens
        # an interval ('from March' runs to the publication date)
        lead_preps = _alternation([w for w in self.time_preps if w not in self.open_ended])
        point = "|".join(
            f"(?:{_strip_names(p)})" for _, p in self.point_patterns if not p.startswith("(?P<relday")
        )
        loose_point = rf"(?:{point}|{_alternation(self.relative_days)})"
        self.finder = re.compile(
            rf"\b(?:(?:{openers})\s+{loose_point}(?:\s+(?:{joiners})\s+{loose_point})?"
            rf"|(?:{openers_with_and})\s+{loose_point}\s+and\s+{loose_point}"
            rf"|(?:(?:{_alternation(self.time_preps)})\s+)?{loose_point}"
            rf"|{_alternation(self.present)})(?![\w-])",
            re.IGNORECASE,
        )
        # every time expression holds one of these words or a year: a cheap test first
        core = set(self.months) | set(self.weekdays) | set(self.units)
        for phrase in list(self.relative_days) + self.present:
            core.add(max(phrase.split(), key=len))  # 'at the moment' -> 'moment', not 'the'
        self.trigger = re.compile(rf"\b(?:{_alternation(core)})\b|{YEAR}|[0-9]0s\b", re.IGNORECASE)
        self.year_re = re.compile(YEAR)
        self.word_re = re.compile(r"[A-Za-z]+")
        self.year_prep_re = re.compile(rf"(?:^|\W)(?:{preps})[\s-]+$", re.IGNORECASE)
        self.present_re = re.compile(rf"^(?:{_alternation(self.present)})$", re.IGNORECASE)
        self.lead_prep_re = re.compile(rf"^(?:{lead_preps})\s+", re.IGNORECASE)
        self.interval_re = re.compile(
            rf"(?:{openers}|{openers_with_and}) (.+?) (?:{joiners}) (.+)", re.IGNORECASE
        )
        self.open_ended_re = re.compile(rf"(?:{_alternation(self.open_ended)}) (.+)", re.IGNORECASE)


def _names(words: dict[str, int], shortest_full: int) -> str:
    """Full names ('October', 'Monday'), then abbreviations that may end with a dot ('Oct.',
    'Mon.'): the dot after a full name ends the sentence, not the word."""
    longest: dict[int, str] = {}
    for w in words:  # a month's or a day's longest name is its full name however short ('May')
        if len(w) > len(longest.get(words[w], "")):
            longest[words[w]] = w
    full = [w for w in words if len(w) >= shortest_full or longest[words[w]] == w]
    short = [w for w in words if w not in full]
    return rf"(?:{_alternation(full)}|(?:{_alternation(short)})\.?)(?![a-z])"


def _strip_names(pattern: str) -> str:
    """The same pattern without group names, so that several can be joined in one regex."""
    return re.sub(r"\(\?P<[a-z0-9]+>", "(?:", pattern)


@lru_cache(maxsize=1)
def lexicon() -> TimeLexicon:
    with LEXICON_PATH.open("rb") as f:
        return TimeLexicon(tomllib.load(f))


# ---------------------------------------------------------------------------------------------
# Finding time words in text


def find_times(text: str) -> list[tuple[int, int]]:
    """Spans of time expressions in ``text`` (offsets into it), left to right. A bare year counts
    only after a time preposition ('in 2014', not 'the 2014 war'), and a month name only when
    written with a capital; 'May' alone also needs a time word before it."""
    lex = lexicon()
    found: list[tuple[int, int]] = []
    for lo, hi in _windows(text, lex):  # the full pattern only around its words: it is slow
        for m in lex.finder.finditer(text, lo, hi):
            start, end = m.span()
            if (not found or start >= found[-1][1]) and _plausible(m.group(), text, start, lex):
                found.append((start, end))
    return found


def _windows(text: str, lex: TimeLexicon) -> list[tuple[int, int]]:
    """Stretches of text around the words every time expression holds, merged."""
    out: list[tuple[int, int]] = []
    for m in lex.trigger.finditer(text):
        lo = text.rfind(" ", 0, max(0, m.start() - WINDOW_BEFORE)) + 1  # at a word's beginning
        hi = min(len(text), m.end() + WINDOW_AFTER)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _plausible(words: str, text: str, start: int, lex: TimeLexicon) -> bool:
    core = lex.lead_prep_re.sub("", words)
    has_prep = core != words or bool(lex.year_prep_re.search(text[max(0, start - 24) : start]))
    if lex.year_re.fullmatch(core):
        return has_prep  # '2014' alone is a name or a number more often than a time
    for name in lex.word_re.findall(core):
        if name.lower() in lex.months and not name[0].isupper():
            return False  # 'may', 'march': a verb, not a month
    key = core.lower().rstrip(".")
    if key in lex.ambiguous_months or key in lex.ambiguous_weekdays:
        return has_prep  # 'May', 'Sun' alone: a time only after a time word
    return True


# ---------------------------------------------------------------------------------------------
# Resolving time words


def anchor_of(published: str | None) -> Anchor | None:
    """'2016-11-03' -> that day; '2016-11' -> its last day, month precision; '2016'; else None."""
    if not published:
        return None
    m = re.fullmatch(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", published.strip())
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            return Anchor(date(year, int(month), int(day)), "day")
        if month:
            return Anchor(date(year, int(month), calendar.monthrange(year, int(month))[1]), "month")
        return Anchor(date(year, 12, 31), "year")
    except ValueError:
        return None


def resolve(words: str | None, published: str | None) -> When | None:
    """Time words -> When, against the publication date ('YYYY[-MM[-DD]]'); None when they do not
    name a time or need a publication date that is not known."""
    if not words:
        return None
    lex = lexicon()
    anchor = anchor_of(published)
    text = re.sub(r"\s+", " ", words.strip())
    m = lex.interval_re.fullmatch(text)
    if m:
        return _interval(m.group(1), m.group(2), anchor, lex)
    m = lex.open_ended_re.fullmatch(text)
    if m:
        start = _point(m.group(1), anchor, lex)
        if start is None or anchor is None or anchor.precision != "day" or start.start > anchor.day:
            return None
        return _span(start.start, anchor.day)
    if lex.present_re.match(text):
        return _as_precise(anchor) if anchor else None
    return _point(lex.lead_prep_re.sub("", text), anchor, lex)


def _interval(first: str, second: str, anchor: Anchor | None, lex: TimeLexicon) -> When | None:
    """'March and April', 'between 2014 and 2016', 'from May 3 to May 9': the second end first,
    so that a year written only there ('March and April 2016') dates the first one too."""
    end = _point(lex.lead_prep_re.sub("", second), anchor, lex)
    if end is None:
        return None
    start = _point(lex.lead_prep_re.sub("", first), Anchor(end.end, "day"), lex)
    if start is None or start.start > end.end:
        return None
    return _span(start.start, end.end)


def _span(start: date, end: date) -> When:
    return When(f"{start.isoformat()}/{end.isoformat()}", start, end)


def _day(d: date) -> When:
    return When(d.isoformat(), d, d)


def _month(year: int, month: int) -> When:
    last = calendar.monthrange(year, month)[1]
    return When(f"{year:04d}-{month:02d}", date(year, month, 1), date(year, month, last))


def _year(year: int) -> When:
    return When(f"{year:04d}", date(year, 1, 1), date(year, 12, 31))


def _as_precise(anchor: Anchor) -> When:
    if anchor.precision == "day":
        return _day(anchor.day)
    if anchor.precision == "month":
        return _month(anchor.day.year, anchor.day.month)
    return _year(anchor.day.year)


def _point(text: str, anchor: Anchor | None, lex: TimeLexicon) -> When | None:
    for kind, pattern in lex.points:
        m = pattern.match(text)
        if m:
            try:
                return _RESOLVERS[kind](m, anchor, lex)
            except (ValueError, OverflowError):
                return None  # 'February 30', a year out of range
    return None


def _rel(m: re.Match, lex: TimeLexicon) -> str:
    """'previous', 'current', 'next' or '' for the period word of a match."""
    word = re.sub(r"\s+", " ", (m.groupdict().get("rel") or "").lower())
    return next((kind for kind, words in lex.period.items() if word in words), "")


def _iso_date(m: re.Match, anchor: Anchor | None, lex: TimeLexicon) -> When | None:
    return _day(date(int(m.group("year")), int(m.group("m2")), int(m.group("d2"))))


def _calendar_date(m: re.Match, anchor: Anchor | None, lex: TimeLexicon) -> When | None:
    month, day = lex.months[m.group("month").lower().rstrip(".")], int(m.group("day"))
    if m.group("year"):
        return _day(date(int(m.group("year")), month, day))
    if anchor is None:
        return None
    found = date(anchor.day.year, month, day)
    if found > anchor.day + timedelta(days=FUTURE_DAYS):
        found = date(anchor.day.year - 1, month, day)
    return _day(found)


def _month_name(m: re.Match, anchor: Anchor | None, lex: TimeLexicon) -> When | None:
    month = lex.months[m.group("month").lower().rstrip(".")]
    if m.group("year"):
        return _month(int(m.group("year")), month)
    if anchor is None or anchor.precision == "year":
        return None
    rel, now = _rel(m, lex), anchor.day
    if rel == "next":
        year = now.year if month > now.month else now.year + 1
    elif rel == "previous":
        year = now.year if month < now.month else now.year - 1
    elif rel == "current":
        year = now.year
    else:
        year = now.year if month <= now.month else now.year - 1
    return _month(year, month)


def _weekday(m: re.Match, anchor: Anchor | None, lex: TimeLexicon) -> When | None:
    if anchor is None or anchor.precision != "day":
        return None
    wanted, now, rel = lex.weekdays[m.group("weekday").lower().rstrip(".")], anchor.day, _rel(m, lex)
    back = (now.isoweekday() - wanted) % 7
    if rel == "next":
        return _day(now + timedelta(days=(wanted - now.isoweekday()) % 7 or 7))
    if rel == "previous" and back == 0:
        back = 7  # 'last Monday' written on a Monday: a week ago
    return _day(now - timedelta(days=back))


def _relative_day(m: re.Match, anchor: Anchor | None, lex: TimeLexicon) -> When | None:
    if anchor is None or anchor.precision != "day":
        return None
    offset = lex.relative_days[re.sub(r"\s+", " ", m.group("relday").lower())]
    return _day(anchor.day + timedelta(days=offset))


def _count(m: re.Match, lex: TimeLexicon) -> int:
    n = (m.groupdict().get("n") or "1").lower()
    return int(n) if n.isdigit() else lex.numbers.get(re.sub(r"\s+", " ", n), 1)


def _unit(m: re.Match, lex: TimeLexicon) -> str:
    return lex.units[m.group("unit").lower()]


def _ago(m: re.Match, anchor: Anchor | None, lex: TimeLexicon) -> When | None:
    if anchor is None:
        return None
    n, unit, now = _count(m, lex), _unit(m, lex), anchor.day
    if unit in ("day", "week") and anchor.precision == "day":
        return _day(now - timedelta(days=n * (7 if unit == "week" else 1)))
    if unit == "month" and anchor.precision != "year":
        year, month = divmod(now.year * 12 + now.month - 1 - n, 12)
        return _month(year, month + 1)
    if unit == "year":
        return _year(now.year - n)
    return None


def _last_n(m: re.Match, anchor: Anchor | None, lex: TimeLexicon) -> When | None:
    """'the past three weeks', 'the last 24 hours': up to the publication date."""
    if anchor is None or anchor.precision != "day":
        return None
    n, unit, now = _count(m, lex), _unit(m, lex), anchor.day
    rolling = m.group("which").lower() == "past"  # 'the past week': the last seven days
    if not m.groupdict().get("n") and not rolling and unit in ("week", "month", "year", "weekend"):
        return _period_of(unit, "previous", anchor)  # 'last week': the calendar week before
    if unit == "hour":  # 'the past 24 hours': since yesterday
        return _span(now - timedelta(days=max(1, round(n / 24))), now)
    if unit in ("month", "year", "decade"):  # the same day n months back, the day after it
        months = n * {"month": 1, "year": 12, "decade": 120}[unit]
        year, month = divmod(now.year * 12 + now.month - 1 - months, 12)
        back = date(year, month + 1, min(now.day, calendar.monthrange(year, month + 1)[1]))
        return _span(back + timedelta(days=1), now)
    days = n * (7 if unit in ("week", "weekend") else 1)  # counting the publication day
    return _span(now - timedelta(days=days - 1), now) if days > 1 else _day(now)


def _period(m: re.Match, anchor: Anchor | None, lex: TimeLexicon) -> When | None:
    if anchor is None:
        return None
    return _period_of(_unit(m, lex), _rel(m, lex), anchor)


def _period_of(unit: str, rel: str, anchor: Anchor) -> When | None:
    """'last week', 'this month', 'last year', 'this weekend'."""
    now, step = anchor.day, {"previous": -1, "current": 0, "next": 1}.get(rel, 0)
    if unit == "year":
        return _year(now.year + step)
    if unit == "month" and anchor.precision != "year":
        year, month = divmod(now.year * 12 + now.month - 1 + step, 12)
        return _month(year, month + 1)
    if anchor.precision != "day":
        return None
    if unit == "week":
        monday = now - timedelta(days=now.isoweekday() - 1) + timedelta(weeks=step)
        return _span(
            monday, min(monday + timedelta(days=6), now) if step == 0 else monday + timedelta(days=6)
        )
    if unit == "weekend":
        saturday = now - timedelta(days=(now.isoweekday() - 6) % 7) + timedelta(weeks=max(step, 0))
        if step < 0 and saturday + timedelta(days=1) >= now:
            saturday -= timedelta(weeks=1)
        return _span(saturday, saturday + timedelta(days=1))
    return None


def _decade(m: re.Match, anchor: Anchor | None, lex: TimeLexicon) -> When | None:
    first = int(m.group("decade"))
    return _span(date(first, 1, 1), date(first + 9, 12, 31))


def _bare_year(m: re.Match, anchor: Anchor | None, lex: TimeLexicon) -> When | None:
    return _year(int(m.group("year")))


_RESOLVERS = {
    "iso": _iso_date,
    "date": _calendar_date,
    "month": _month_name,
    "weekday": _weekday,
    "relday": _relative_day,
    "ago": _ago,
    "lastn": _last_n,
    "period": _period,
    "decade": _decade,
    "year": _bare_year,
}


# ---------------------------------------------------------------------------------------------
# The publication date an article states


HEAD_LINES = 4  # the lines after the title where a date line or dateline may stand
_AGENCY = r"(?:\s*\((?P<agency>[A-Z][A-Za-z&. ]{0,30})\))?"


def dateline_bounds(text: str) -> tuple[tuple[int, int] | None, int | None]:
    """The span of a dateline's place and the offset where the dateline ends (after its dash)."""
    span, _, end = _dateline(text)
    return span, end


def dateline(text: str) -> tuple[tuple[int, int] | None, str | None]:
    """The span of a dateline's place ('BEIRUT' in 'BEIRUT, Oct. 3, 2016 (Reuters) -') among the
    first lines, and the date it states (ISO, only with a year); (None, None) without one."""
    span, iso, _ = _dateline(text)
    return span, iso


def _dateline(text: str) -> tuple[tuple[int, int] | None, str | None, int | None]:
    lex = lexicon()
    if lex.dateline_re is None:
        lex.dateline_re = _dateline_pattern(lex)
    for start, line in _head_lines(text):
        m = lex.dateline_re.match(line)
        if m and (m.group("date") or m.group("agency")) and m.group("place").strip():
            place = m.group("place").rstrip(" ,")
            found = resolve(m.group("date"), None) if m.group("date") else None
            return (start, start + len(place)), (found.iso if found else None), start + m.end()
    return None, None, None


def _dateline_pattern(lex: TimeLexicon) -> re.Pattern:
    month = _alternation(lex.months)
    return re.compile(
        rf"^(?P<place>[A-Z][A-Z .'’-]{{1,40}}?|[A-Z][a-z]+(?: [A-Z][a-z]+){{0,2}})"
        rf"(?:,\s+[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?,?\s+"
        rf"(?P<date>(?i:{month})\.?\s+[0-3]?[0-9](?:,\s+{YEAR})?|[0-3]?[0-9]\s+(?i:{month})(?:\s+{YEAR})?)?"
        rf"{_AGENCY}\s*[-–—:]\s+(?=\S)"
    )


def published_in_text(text: str) -> str | None:
    """The publication date an article states in its first lines: a line that is a date
    ('Tuesday, March 4, 2014', '4 March 2014', 'Published: 2014-03-04') or a dateline with a year
    ('BEIRUT, Oct. 3, 2016 (Reuters) -'). A date without its year is not a publication date."""
    lex = lexicon()
    labels = _alternation(lex.published_labels)
    for _, line in _head_lines(text):
        body = re.sub(rf"^(?:{labels})\s*:?\s*", "", line.strip(" \t*_"), flags=re.IGNORECASE)
        body = body.rstrip(" .")
        if not re.search(YEAR, body):
            continue
        found = _point(body, None, lex)
        if found is not None and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", found.iso):
            return found.iso
    return dateline(text)[1]


def _head_lines(text: str):
    """(offset, line) of the first non-empty lines: the title and the few after it."""
    offset, seen = 0, 0
    for line in text[:2000].split("\n"):
        if line.strip():
            yield offset, line
            seen += 1
            if seen > HEAD_LINES:
                return
        offset += len(line) + 1
