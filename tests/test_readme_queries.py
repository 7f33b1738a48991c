"""The README's queries, as a user pastes them: each runs on a published package, and "killed per
place and month" gives the toll a reader of the articles would write down."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import duckdb
import pytest
from test_landing import siege_tables
from test_publish import MODEL

from newsfacts import query
from newsfacts.publish import publish

README = Path(__file__).resolve().parent.parent / "README.md"


def readme_queries() -> list[str]:
    """The SQL of every `newsfacts query "..."` in the README's shell blocks."""
    out = []
    for block in re.findall(r"```sh\n(.*?)```", README.read_text(), flags=re.S):
        for chunk in re.split(r"\n\s*\n|\n(?=#)", block):
            lines = [line for line in chunk.splitlines() if not line.lstrip().startswith("#")]
            words = shlex.split("\n".join(lines)) if lines else []
            if (
                words[:2] == ["newsfacts", "query"]
                and len(words) > 2
                and words[2].lstrip().upper().startswith("SELECT")
            ):
                out.append(words[2])
    return out


@pytest.fixture(scope="module")
def siege(tmp_path_factory):
    dest = tmp_path_factory.mktemp("siege-queries")
    publish(siege_tables(), dest, MODEL)
    return dest


def test_the_readme_has_its_five_queries():
    assert len(readme_queries()) == 5


@pytest.mark.parametrize("sql", readme_queries())
def test_each_readme_query_runs(siege, sql):
    columns, _ = query.run(sql, siege)
    assert columns


def test_killed_per_place_and_month_gives_the_largest_toll_and_its_articles(siege):
    """Two articles report the same 40 killed in Mosul: 40 in 2 articles, not 80; the 300 killed
    'in 2016' in Syria is dated only to a year and stays out of the months."""
    [sql] = [q for q in readme_queries() if "largest_toll" in q]
    columns, rows = query.run(sql, siege)
    assert columns == ["place", "month", "articles", "largest_toll"]
    assert rows == [
        ("Mosul", "2016-10", 2, 40.0),
        ("Aleppo", "2016-11", 1, 8.0),
        ("Aleppo", "2017-01", 1, 12.0),
    ]


def test_when_must_be_quoted_as_the_readme_says(siege):
    with pytest.raises(duckdb.ParserException):
        query.run("SELECT when FROM figures", siege)
    _, rows = query.run("SELECT count(*) FROM figures WHERE \"when\" = '2016-10-17'", siege)
    assert rows == [(3,)]  # 40 and 12 in one article, 40 in another
