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
        "title": "T",
        "text": TEXT,
        "sha256": "a" * 64,
        "n_chars": len(TEXT),
        "n_words": 6,
        "published": None,
        "source_url": None,
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
        "kind": "indirect",
        "speaker": "United Nations",
        "speaker_actor_id": "united-nations",
        "cue": "said",
        "sentence": TEXT,
    },
    "rejects": {"path": "bad.txt", "reason": "empty file (0 bytes)", "sha256": None},
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
