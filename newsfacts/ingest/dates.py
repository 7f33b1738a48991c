"""Publication dates: a real calendar date, written as precisely as the source gives it.

``documents.published`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` in ASCII digits. A sidecar must
give exactly that (``2016-13-45``, ``"2016-01-01\\n"`` and Arabic-Indic digits are refused); page
metadata, feeds and JSON exports give ISO 8601 dates or date-times, of which the day is kept.
"""

from __future__ import annotations

import datetime as dt
import re
import time

_PRECISE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", re.ASCII)
# An ISO 8601 date-time as scrapers write it: the date, then ' ' or 'T' and the time.
_DATETIME = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2})?\S*)?", re.ASCII
)
EARLIEST = 1000  # a year before this is a typo or a placeholder, not a news article's date


def _checked(year: str, month: str | None, day: str | None) -> str | None:
    y = int(year)
    if y < EARLIEST or y > dt.date.today().year + 1:
        return None
    try:
        if day is not None and month is not None:
            return dt.date(y, int(month), int(day)).isoformat()
        if month is not None:
            return dt.date(y, int(month), 1).isoformat()[:7]
    except ValueError:
        return None
    return year


def exact_date(value: str) -> str | None:
    """``value`` if it is exactly ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real date, else
    None (no spaces, no trailing newline, ASCII digits only)."""
    match = _PRECISE.fullmatch(value)
    return _checked(*match.groups()) if match else None


def iso_date(value: str) -> str | None:
    """The day of an ISO 8601 date or date-time (``2019-11-20T12:00:00Z`` -> ``2019-11-20``), a
    precise date as ``exact_date`` reads it, or None."""
    value = value.strip()
    match = _DATETIME.fullmatch(value)
    if match:
        return _checked(*match.groups())
    return exact_date(value)


def from_struct(value: time.struct_time | None) -> str | None:
    """A date from a ``time.struct_time`` (feedparser's parsed dates), or None."""
    if value is None:
        return None
    return _checked(f"{value.tm_year:04d}", f"{value.tm_mon:02d}", f"{value.tm_mday:02d}")
