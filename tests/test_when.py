"""Time words resolved against the publication date, and the publication date an article states:
table-driven, as the guidelines define them (ISO 8601 exactly as precise as the text)."""

from __future__ import annotations

import json
import os

import pytest

from newsfacts import ingest
from newsfacts.extract.when import dateline, find_times, published_in_text, resolve

WED = "2016-11-02"

RESOLVED = [
    # days
    ("on Monday", WED, "2016-10-31"),
    ("Wednesday", WED, "2016-11-02"),  # the publication day itself
    ("last Wednesday", WED, "2016-10-26"),
    ("next Monday", WED, "2016-11-07"),
    ("on Thursday afternoon", "2015-08-21", "2015-08-20"),
    ("Monday night", WED, "2016-10-31"),
    ("yesterday", WED, "2016-11-01"),
    ("today", WED, "2016-11-02"),
    ("last night", WED, "2016-11-01"),
    ("two days ago", WED, "2016-10-31"),
    ("three weeks ago", WED, "2016-10-12"),
    ("November 2, 2016", None, "2016-11-02"),
    ("Tuesday, March 4, 2014", None, "2014-03-04"),
    ("2 November 2016", None, "2016-11-02"),
    ("the 21st of August", "2015-08-30", "2015-08-21"),
    ("Oct. 3", WED, "2016-10-03"),
    ("December 28", "2017-01-05", "2016-12-28"),  # a day without its year is the last one past
    ("December 4", "2016-11-20", "2016-12-04"),  # ... unless it is a few weeks ahead
    ("2016-10-31", None, "2016-10-31"),
    # months and years
    ("Last October", "2016-11-03", "2016-10"),
    ("last November", "2016-11-03", "2015-11"),
    ("in October", "2016-11-03", "2016-10"),
    ("in December", "2016-11-03", "2015-12"),
    ("in June 2014", None, "2014-06"),
    ("early March", WED, "2016-03"),
    ("mid-2015", None, "2015"),
    ("in 2014", None, "2014"),
    ("last year", WED, "2015"),
    ("this year", WED, "2016"),
    ("last month", WED, "2016-10"),
    ("earlier this month", WED, "2016-11"),
    ("a month ago", WED, "2016-10"),
    ("two years ago", WED, "2014"),
    # intervals, day to day
    ("since January", "2016-11-03", "2016-01-01/2016-11-03"),
    ("since 2014", WED, "2014-01-01/2016-11-02"),
    ("since May 3", WED, "2016-05-03/2016-11-02"),
    ("between March and May", WED, "2016-03-01/2016-05-31"),
    ("in March and April 2015", None, "2015-03-01/2015-04-30"),
    ("between 2014 and 2016", None, "2014-01-01/2016-12-31"),
    ("from May 3 to May 9", WED, "2016-05-03/2016-05-09"),
    ("last week", WED, "2016-10-24/2016-10-30"),
    ("this week", WED, "2016-10-31/2016-11-02"),
    ("next week", WED, "2016-11-07/2016-11-13"),
    ("the past week", WED, "2016-10-27/2016-11-02"),
    ("the past three months", WED, "2016-08-03/2016-11-02"),
    ("in the past 24 hours", WED, "2016-11-01/2016-11-02"),
    ("last weekend", WED, "2016-10-29/2016-10-30"),
    ("the 1990s", None, "1990-01-01/1999-12-31"),
    # the present: the publication date, as precise as it is known
    ("currently", WED, "2016-11-02"),
    ("now", "2016-11", "2016-11"),
    ("at present", "2016", "2016"),
    # nothing to resolve against, or nothing that is a time
    ("on Monday", None, None),
    ("yesterday", "2016-11", None),  # a day needs the publication day
    ("last October", None, None),
    ("currently", None, None),
    ("48 hours", WED, None),
    ("February 30, 2016", None, None),
    ("", WED, None),
]


@pytest.mark.parametrize("words,published,iso", RESOLVED, ids=[f"{w!r}@{p}" for w, p, _ in RESOLVED])
def test_resolve(words, published, iso):
    found = resolve(words, published)
    assert (found.iso if found else None) == iso
    if found:
        assert found.start <= found.end
        assert found.start.isoformat() == iso.split("/")[0] or len(iso) < 10


@pytest.mark.parametrize(
    "sentence,times",
    [
        ("Last October, 1,792 people were killed.", ["Last October"]),
        ("On Friday, fishermen rescued 700 people, and on Saturday 200 more.", ["On Friday", "on Saturday"]),
        ("They may leave in May.", ["in May"]),  # 'may' the verb is no month
        ("The 2014 war ended; fighting resumed in 2014.", ["in 2014"]),  # a year alone needs 'in'
        ("The army has held the town since March 3.", ["since March 3"]),
        ("It rained between March and May 2016.", ["between March and May 2016"]),
        ("Some 8000 migrants may be currently at sea.", ["currently"]),
        ("The Sun reported it on Sat. and again on Mon. night.", ["on Sat.", "on Mon. night"]),
        ("He was held for 48 hours.", []),  # a duration, not a time
        ("March on Washington.", []),
    ],
)
def test_find_times(sentence, times):
    assert [sentence[s:e] for s, e in find_times(sentence)] == times


@pytest.mark.parametrize(
    "text,published",
    [
        ("North Korea on alert\n\nFriday, August 21, 2015\n\nThe military ...", "2015-08-21"),
        ("Title\nPublished: 4 March 2014\n\nBody.", "2014-03-04"),
        ("Title\n\nPosted on 2014-03-04\n\nBody.", "2014-03-04"),
        ("BEIRUT, Oct. 3, 2016 (Reuters) - At least 40 people were killed.", "2016-10-03"),
        ("NAIROBI, Kenya, 12 June 2019 (AFP) — Floods ...", "2019-06-12"),
        ("BEIRUT, Oct. 3 (Reuters) - At least 40 people were killed.", None),  # no year stated
        ("Title\n\nThe war began in 2003 and ended on May 1, 2011.", None),  # a date in the story
        ("Title\n\n" + "Body line.\n" * 10 + "Tuesday, March 4, 2014", None),  # too far down
    ],
)
def test_published_in_text(text, published):
    assert published_in_text(text) == published


def test_dateline_place():
    text = "BEIRUT, Oct. 3 (Reuters) - At least 40 people were killed."
    span, iso = dateline(text)
    assert span is not None and text[span[0] : span[1]] == "BEIRUT" and iso is None


def test_published_comes_from_the_sidecar_then_the_text_never_the_file_time(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nMonday, May 18, 2015\n\nBody text.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": "2015-05-19"}), encoding="utf-8")
    (tmp_path / "b.txt").write_text("Title\n\nMonday, May 18, 2015\n\nAnother body.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Title\n\nBody text with no date.", encoding="utf-8")
    os.utime(tmp_path / "c.txt", (1_400_000_000, 1_400_000_000))
    documents, rejects = ingest.scan(tmp_path)
    got = {d.path: (d.published, d.published_source) for d in documents}
    assert got == {"a.txt": ("2015-05-19", "sidecar"), "b.txt": ("2015-05-18", "text"), "c.txt": (None, None)}
    assert not rejects
    assert documents[0].row()["published_source"] == "sidecar"
