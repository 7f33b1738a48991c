"""The contract: each Pandera model accepts a good row and rejects each kind of bad one, and the
published Table Schema is generated from the models, with a description and example everywhere."""

from __future__ import annotations

import pytest

import schemas
from newsfacts.tables import to_arrow
from newsfacts.validate import check_links, check_schema
from schemas.descriptor import arrow_schema, table_schema

TEXT = "UN said 1,000 people fled Mosul."
GOOD = {
    "documents": {
        "doc_id": "d1",
        "path": "d1.txt",
        "record": None,
        "format": "text",
        "title": "T",
        "text": TEXT,
        "sha256": "a" * 64,
        "n_chars": len(TEXT),
        "n_words": 6,
        "published": None,
        "author": None,
        "language": "en",
        "source_url": None,
        "canonical_url": None,
        "licence": None,
    },
    "figures": {
        "figure_id": "d1:fig:8",
        "doc_id": "d1",
        "text": "1,000",
        "start": 8,
        "end": 13,
        "value": 1000.0,
        "value_low": None,
        "value_high": None,
        "qualifier": "exact",
        "unit": None,
        "counted": "people",
        "category": "displaced",
        "claimant": "UN",
        "claimant_actor_id": "united-nations",
        "location": "Mosul",
        "location_id": "geonames:99072",
        "sentence": TEXT,
    },
    "actors": {
        "doc_id": "d1",
        "actor_id": "united-nations",
        "name": "United Nations",
        "aliases": ["UN"],
        "type": "organisation",
        "role": None,
        "start": 0,
        "end": 2,
        "mentions": 1,
        "sentence": TEXT,
    },
    "locations": {
        "doc_id": "d1",
        "location_id": "geonames:99072",
        "name": "Mosul",
        "aliases": [],
        "kind": "city",
        "geonames_id": 99072,
        "country_code": "IQ",
        "latitude": 36.335,
        "longitude": 43.11889,
        "match": "exact",
        "confidence": 0.9,
        "start": 26,
        "end": 31,
        "mentions": 1,
        "mention_spans": ["26:31"],
        "sentence": TEXT,
    },
    "quotes": {
        "quote_id": "d1:quote:8",
        "doc_id": "d1",
        "text": "1,000 people fled Mosul",
        "start": 8,
        "end": 31,
        "segments": "8-31",
        "words": "1,000 people fled Mosul",
        "kind": "indirect",
        "speaker": "United Nations",
        "speaker_actor_id": "united-nations",
        "speaker_mention": "the United Nations",
        "cue": "said",
        "sentence": TEXT,
    },
    "rejects": {"path": "bad.txt", "record": None, "reason": "empty file (0 bytes)", "sha256": None},
}


def problems_with(table, **changes):
    rows = [dict(GOOD[table], **changes)]
    return check_schema(table, to_arrow(table, rows))


@pytest.mark.parametrize("table", list(GOOD))
def test_a_good_row_passes(table):
    assert problems_with(table) == []


@pytest.mark.parametrize(
    "table, changes, check",
    [
        ("documents", {"sha256": "not-a-hash"}, "str_matches"),
        ("documents", {"doc_id": "Has Spaces"}, "str_matches"),
        ("documents", {"published": "last week"}, "str_matches"),
        ("documents", {"published": "2016-13-45"}, "published_is_a_date"),
        ("documents", {"published": "2015-02-29"}, "published_is_a_date"),
        ("documents", {"published": "2016-01-01\n"}, "published_is_a_date"),
        ("documents", {"published": "\u0662\u0660\u0661\u0666"}, "str_matches"),
        ("documents", {"format": "pdf"}, "isin"),
        ("documents", {"language": "English"}, "str_matches"),
        ("figures", {"category": "deaths"}, "isin"),
        ("figures", {"qualifier": "roughly"}, "isin"),
        ("figures", {"value": -3.0}, "greater_than_or_equal_to"),
        ("figures", {"value_low": 10.0, "value": 5.0}, "bounds_ordered"),
        ("figures", {"value_high": 10.0, "value": 50.0}, "bounds_ordered"),
        ("figures", {"qualifier": "range", "value_low": None}, "range_has_bounds"),
        ("figures", {"start": 13, "end": 8}, "offsets_ordered"),
        ("figures", {"start": -1}, "greater_than_or_equal_to"),
        ("actors", {"type": "militia"}, "isin"),
        ("actors", {"actor_id": "United Nations"}, "str_matches"),
        ("actors", {"mentions": 0}, "greater_than_or_equal_to"),
        ("locations", {"latitude": 91.0}, "in_range"),
        ("locations", {"longitude": -181.0}, "in_range"),
        ("locations", {"latitude": None}, "coordinates_paired"),
        ("locations", {"country_code": "IRQ"}, "str_matches"),
        ("locations", {"kind": "planet"}, "isin"),
        ("locations", {"confidence": 1.5}, "in_range"),
        ("locations", {"name": "Showing Comfort\n\xa0"}, "name_on_one_line"),
        ("locations", {"name": "Mosul\tcity"}, "name_on_one_line"),
        ("locations", {"aliases": ["Mawsil\n"]}, "aliases_on_one_line"),
        ("locations", {"mention_spans": ["26:31", "40:45"]}, "spans_agree"),
        ("locations", {"mention_spans": ["27:31"]}, "spans_agree"),
        ("locations", {"mention_spans": ["26-31"]}, "spans_agree"),
        ("quotes", {"kind": "rumour"}, "isin"),
        ("quotes", {"kind": "scare"}, "scare_quotes_have_no_speaker"),
        ("rejects", {"sha256": "xyz"}, "str_matches"),
    ],
)
def test_a_bad_row_is_rejected_naming_the_check(table, changes, check):
    problems = problems_with(table, **changes)
    assert problems, f"{table} accepted {changes}"
    assert any(check in p.check for p in problems), [str(p) for p in problems]


def test_two_documents_from_one_file_need_distinct_records():
    one = dict(GOOD["documents"], path="crawl.warc.gz", record="https://example.org/a", format="warc")
    two = dict(one, doc_id="d2", record="https://example.org/b")
    assert check_schema("documents", to_arrow("documents", [one, two])) == []
    assert check_schema("documents", to_arrow("documents", [one, dict(two, record=one["record"])]))
    rejects = [dict(GOOD["rejects"], record="line 3"), dict(GOOD["rejects"], record="line 4")]
    assert check_schema("rejects", to_arrow("rejects", rejects)) == []
    assert check_schema("rejects", to_arrow("rejects", [rejects[0], dict(rejects[1], record="line 3")]))


def test_duplicate_keys_are_rejected():
    rows = [GOOD["figures"], dict(GOOD["figures"])]
    assert any(p.column == "figure_id" for p in check_schema("figures", to_arrow("figures", rows)))
    actors = [GOOD["actors"], dict(GOOD["actors"], name="UN")]
    assert check_schema("actors", to_arrow("actors", actors))


def test_a_row_missing_a_required_column_is_rejected():
    row = {k: v for k, v in GOOD["figures"].items() if k != "category"}
    problems = check_schema("figures", to_arrow("figures", [row]))
    assert any(p.column == "category" and "not_nullable" in p.check for p in problems), problems


def tables_from(rows_by_table):
    return {name: to_arrow(name, rows_by_table.get(name, [GOOD[name]])) for name in GOOD}


def test_links_within_a_document_are_checked():
    assert check_links(tables_from({})) == []
    orphan = dict(GOOD["figures"], claimant_actor_id="world-bank")
    problems = check_links(tables_from({"figures": [orphan]}))
    assert [p.check for p in problems] == ["foreign key"]


def test_offsets_must_point_at_the_row_text():
    shifted = dict(GOOD["figures"], start=9, end=14)
    problems = check_links(tables_from({"figures": [shifted]}))
    assert any(p.check == "text equals documents.text[start:end]" for p in problems)
    outside = dict(GOOD["quotes"], end=500)
    assert any(p.check == "offsets inside the text" for p in check_links(tables_from({"quotes": [outside]})))


@pytest.mark.parametrize("table", list(schemas.TABLES))
def test_table_schema_is_generated_from_the_model_with_docs_everywhere(table):
    model = schemas.TABLES[table]
    schema = table_schema(model)
    names = [f["name"] for f in schema["fields"]]
    assert names == list(model.to_schema().columns) == arrow_schema(model).names
    for field in schema["fields"]:
        assert field.get("description"), f"{table}.{field['name']} has no description"
        assert "example" in field, f"{table}.{field['name']} has no example"
    assert schema["primaryKey"]
    for fk in schema.get("foreignKeys", []):
        assert fk["reference"]["resource"] in schemas.TABLES


def test_categories_and_enums_come_from_the_model():
    fields = {f["name"]: f for f in table_schema(schemas.FigureSchema)["fields"]}
    from schemas.figures import CATEGORIES

    assert fields["category"]["constraints"]["enum"] == sorted(CATEGORIES)
    assert [c["value"] for c in fields["category"]["categories"]] == list(CATEGORIES)
    assert fields["value"]["constraints"] == {"minimum": 0}


def _example_frame(column, name):
    import pandas as pd

    return pd.DataFrame({name: [(column.metadata or {}).get("example")]})


@pytest.mark.parametrize(
    "table, name",
    [(table, name) for table, model in schemas.TABLES.items() for name in model.to_schema().columns],
)
def test_every_example_passes_its_own_fields_checks(table, name):
    """The examples are published (descriptor, dictionary, landing page): each must be a value
    its column accepts."""
    import copy

    column = copy.deepcopy(schemas.TABLES[table].to_schema().columns[name])
    column.coerce = True  # the example's Python type, not the column's dtype, is under test
    column.validate(_example_frame(column, name), lazy=True)


def test_a_bad_example_is_caught_by_the_same_check():
    import copy

    import pandera.errors

    column = copy.deepcopy(schemas.DocumentSchema.to_schema().columns["sha256"])
    column.metadata = dict(column.metadata, example="3f5c0a...e1")
    with pytest.raises(pandera.errors.SchemaErrors, match="str_matches"):
        column.validate(_example_frame(column, "sha256"), lazy=True)


def test_ids_are_made_and_checked_from_the_models_formats():
    from newsfacts.extract import with_ids

    assert schemas.id_formats()["figures"] == {"figure_id": "{doc_id}:fig:{start}"}
    rows = {"figures": [{"start": 8, "end": 13}, {"start": 8, "end": 20}], "actors": [{"start": 0}]}
    ids = with_ids("d1", rows)
    assert [r["figure_id"] for r in ids["figures"]] == ["d1:fig:8", "d1:fig:8-2"]
    assert ids["actors"] == [{"start": 0, "doc_id": "d1"}]
    wrong = dict(GOOD["figures"], figure_id="d1:figure:8")
    problems = check_links(tables_from({"figures": [wrong]}))
    assert [(p.column, p.check) for p in problems] == [("figure_id", "id format")]
    tie = dict(GOOD["quotes"], quote_id="d1:quote:8-2")
    assert check_links(tables_from({"quotes": [tie]})) == []


def test_same_document_links_come_from_the_models_keys():
    from newsfacts.validate import links

    checked = {
        (t, link.column, link.target) for t in schemas.EXTRACTED for link in links(t) if link.same_document
    }
    assert checked == {
        ("figures", "claimant_actor_id", "actors"),
        ("figures", "location_id", "locations"),
        ("quotes", "speaker_actor_id", "actors"),
    }
    # the same place in another document is not this document's place
    two_documents = [GOOD["documents"], dict(GOOD["documents"], doc_id="d2", path="d2.txt")]
    here = tables_from({"documents": two_documents})
    assert check_links(here) == []
    elsewhere = tables_from({"documents": two_documents, "locations": [dict(GOOD["locations"], doc_id="d2")]})
    assert [(p.table, p.column, p.check) for p in check_links(elsewhere)] == [
        ("figures", "location_id", "foreign key")
    ]
