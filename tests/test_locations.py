"""Locations: found, matched through spelling variants, disambiguated, kept when unknown."""

from __future__ import annotations

import pytest

from newsfacts.extract.locations import extract_locations


def places_of(extract, text):
    return {row["name"]: row for row in extract(text)["locations"]}


# text, name as written, country, latitude, longitude, kind
CASES = [
    # Middle East
    ("Iraqi soldiers walk near a building in Qaraqosh, near Mosul.", "Qaraqosh", "IQ", 36.27, 43.38, "town"),
    (
        "People fled towards Mosul from the town of Hammam al-Alil in the south.",
        "Hammam al-Alil",
        "IQ",
        36.16,
        43.26,
        "town",
    ),
    (
        "IS has suffered losses in large Iraqi cities such as Al Fallūjah and Ramadi.",
        "Al Fallūjah",
        "IQ",
        33.35,
        43.78,
        "city",
    ),
    ("IS lost Falluja in 2016 after a long siege in Iraq.", "Falluja", "IQ", 33.35, 43.78, "city"),
    ("Mosul lies 400km from the capital city of Baghdad.", "Baghdad", "IQ", 33.34, 44.40, "city"),
    ("Rockets were fired at Tel Aviv and Ashkelon from Gaza.", "Tel Aviv", "IL", 32.08, 34.78, "city"),
    ("Egypt kept the Rafah crossing closed.", "Rafah crossing", "PS", 31.25, 34.26, "site"),
    (
        "The offensive is the largest in the Middle East since 2003.",
        "Middle East",
        None,
        29.0,
        41.0,
        "region",
    ),
    # Africa
    (
        "Boko Haram abducted 40 girls from a school in Borno State, Nigerian police said.",
        "Borno State",
        "NG",
        11.7,
        13.1,
        "region",
    ),
    ("Officers were deployed to Maiduguri on Monday.", "Maiduguri", "NG", 11.85, 13.16, "city"),
    ("Al-Shabab fighters attacked a base near Mogadishu in Somalia.", "Mogadishu", "SO", 2.04, 45.34, "city"),
    ("Rebels advanced on Goma in eastern Congo.", "Goma", "CD", -1.68, 29.23, "city"),
    # Asia
    ("Asylum seekers were found along the coast of Aceh, Indonesia.", "Aceh", "ID", 4.4, 96.8, "region"),
    (
        "South Korea evacuated about 80 people in the town of Yeoncheon.",
        "Yeoncheon",
        "KR",
        38.10,
        127.07,
        "town",
    ),
    (
        "The UN refugee agency runs camps near Cox's Bazar in Bangladesh.",
        "Cox's Bazar",
        "BD",
        21.44,
        92.01,
        "city",
    ),
    (
        "Governments of South East Asia were asked not to turn boats away.",
        "South East Asia",
        None,
        5.0,
        110.0,
        "region",
    ),
    # Europe
    ("President Volodymyr Zelensky thanked the troops in Kyiv.", "Kyiv", "UA", 50.45, 30.52, "city"),
    (
        "Ministers will meet in Brussels next week, officials in Belgium said.",
        "Brussels",
        "BE",
        50.85,
        4.35,
        "city",
    ),
    # The Americas
    (
        "Soldiers clashed with cartel gunmen in Culiacan, Mexico, on Thursday.",
        "Culiacan",
        "MX",
        24.80,
        -107.39,
        "city",
    ),
    ("Colombian police arrested a commander in Cali, Colombia.", "Cali", "CO", 3.43, -76.52, "city"),
    ("Venezuela denied the claim.", "Venezuela", "VE", 8.0, -66.0, "country"),
]


@pytest.mark.parametrize("text, name, country, lat, lon, kind", CASES)
def test_location(extract, text, name, country, lat, lon, kind):
    places = places_of(extract, text)
    assert name in places, sorted(places)
    row = places[name]
    assert row["country_code"] == country
    assert row["kind"] == kind
    tolerance = 0.25 if kind in ("city", "town", "site") else 4.0
    assert abs(row["latitude"] - lat) < tolerance and abs(row["longitude"] - lon) < tolerance
    assert row["match"] != "none" and 0 < row["confidence"] <= 1
    assert text[row["start"] : row["end"]] == name


def test_document_countries_disambiguate(extract):
    # Paris, Texas when the article is about the United States; Paris, France otherwise
    us = places_of(extract, "Storms hit Paris in Texas, United States, on Monday.")
    fr = places_of(extract, "Protesters marched in Paris on Monday.")
    assert us["Paris"]["country_code"] == "US" and fr["Paris"]["country_code"] == "FR"


def test_unknown_place_keeps_its_row(extract):
    places = places_of(extract, "Troops reached Qwertabad in Iraq after heavy fighting.")
    row = places.get("Qwertabad")
    if row is not None:  # only when spaCy tags it: then it is kept, unmatched
        assert row["match"] == "none" and row["latitude"] is None
        assert row["location_id"] == "name:qwertabad"


def test_coordinated_names_split(extract):
    places = places_of(extract, "The report comes after North and South Korea exchanged fire.")
    assert {"North Korea", "South Korea"} <= set(places)


# text, a name that must not be a location
NOT_PLACES = [
    ("Iraqi soldiers and Kurdish forces advanced.", "Iraqi"),
    ("Save the Children (STC) said children were trapped.", "Save"),
    ("IS top leader Abu Bakr al-Baghdadi sent a message.", "Baghdadi"),
    ("The US State Department said talks would resume.", "US"),
    ("John Kerry, the Secretary of State, called the minister.", "State"),
    ("The rockets hit the North, officials said.", "North"),
]


@pytest.mark.parametrize("text, name", NOT_PLACES)
def test_not_a_location(extract, text, name):
    for row in extract(text)["locations"]:
        assert name not in [row["name"], *row["aliases"]], row


def test_one_row_per_place(extract):
    rows = extract("Mosul is besieged. Fighting in Mosul and Al Mawsil continued.")["locations"]
    mosul = [r for r in rows if r["location_id"] == "geonames:99072"]
    assert len(mosul) == 1 and mosul[0]["mentions"] >= 2


def test_positional_api(parse, gazetteer):
    doc = parse("Fighting continued in Mosul.")
    index = extract_locations(doc, gazetteer)
    start = doc.text.index("Mosul")
    assert index.at(start, start + 5).location_id == "geonames:99072"
    assert extract_locations(parse(""), gazetteer).rows() == []
