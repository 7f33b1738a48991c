"""Figures extractor: table-driven cases from varied news reporting, links, and robustness.

Each case is a sentence written for these tests and the figure rows it must give, in order:
(text, value, value_low, value_high, qualifier, unit, category) and, where it is clear, the
counted noun phrase as an eighth item.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfacts.extract.figure_amounts import parse_number
from newsfacts.extract.figures import ROW_KEYS, extract_figures

N = None

CASES = [
    # --- conflict: killed, injured, captive, forces
    (
        "Air strikes on the market killed at least 43 civilians on Tuesday.",
        [("at least 43", 43, N, N, "lower_bound", N, "killed", "civilians")],
    ),
    (
        "Twenty-five soldiers were killed when their convoy hit a roadside bomb.",
        [("Twenty-five", 25, N, N, "exact", N, "killed", "soldiers")],
    ),
    (
        "The blast wounded 112 people, hospital officials said.",
        [("112", 112, N, N, "exact", N, "injured", "people")],
    ),
    (
        "More than 300 people were hurt in the clashes.",
        [("More than 300", 300, N, N, "lower_bound", N, "injured", "people")],
    ),
    (
        "Rebels executed a dozen prisoners in the town square.",
        [("a dozen", 12, N, N, "exact", N, "killed", "prisoners")],
    ),
    (
        "Some 40 villagers were abducted by gunmen overnight.",
        [("Some 40", 40, N, N, "approximate", N, "captive", "villagers")],
    ),
    (
        "Police arrested 27 protesters outside parliament.",
        [("27", 27, N, N, "exact", N, "captive", "protesters")],
    ),
    (
        "The group is still holding 130 hostages in the tunnels.",
        [("130", 130, N, N, "exact", N, "captive", "hostages")],
    ),
    (
        "Nearly 200 have been held hostage since the siege began.",
        [("Nearly 200", 200, N, N, "approximate", N, "captive")],
    ),
    (
        "The government has deployed 5,000 troops to the border region.",
        [("5,000", 5000, N, N, "exact", N, "forces", "troops")],
    ),
    # deploying equipment is not deploying forces
    (
        "The army deployed 40 tanks and 3,000 soldiers along the frontier.",
        [
            ("40", 40, N, N, "exact", N, "other", "tanks"),
            ("3,000", 3000, N, N, "exact", N, "forces", "soldiers"),
        ],
    ),
    (
        "The agency said it had sent 12 ambulances to the quake zone.",
        [("12", 12, N, N, "exact", N, "other", "ambulances")],
    ),
    (
        "An estimated 2,500 fighters remain in the old city.",
        [("An estimated 2,500", 2500, N, N, "approximate", N, "forces", "fighters")],
    ),
    (
        "Between 3,000 and 4,000 militants are stationed in the hills.",
        [("Between 3,000 and 4,000", 3000, 3000, 4000, "range", N, "forces", "militants")],
    ),
    (
        "The alliance said 12 of its peacekeepers died in the ambush.",
        [("12", 12, N, N, "exact", N, "killed")],
    ),
    (
        "The attack left 15 dead and 40 wounded.",
        [("15", 15, N, N, "exact", N, "killed"), ("40", 40, N, N, "exact", N, "injured")],
    ),
    (
        "Officials said 1,200 people were killed and 3,400 injured in the offensive.",
        [("1,200", 1200, N, N, "exact", N, "killed", "people"), ("3,400", 3400, N, N, "exact", N, "injured")],
    ),
    (
        "Up to 80 gunmen attacked the checkpoint at dawn.",
        [("Up to 80", 80, N, N, "upper_bound", N, "forces", "gunmen")],
    ),
    ("The death toll has risen to 57.", [("57", 57, N, N, "exact", N, "killed")]),
    (
        "Fighting has claimed more than 1,000 lives since January.",
        [("more than 1,000", 1000, N, N, "lower_bound", N, "killed", "lives")],
    ),
    (
        "Dozens of protesters were detained during the night.",
        [("Dozens", 24, 24, N, "vague", N, "captive", "protesters")],
    ),
    (
        "Tens of thousands of soldiers have massed near the frontier.",
        [("Tens of thousands", 20000, 20000, N, "vague", N, "forces", "soldiers")],
    ),
    (
        "Six journalists are missing after the boat capsized.",
        [("Six", 6, N, N, "exact", N, "missing", "journalists")],
    ),
    (
        "At least 19 people remain missing in the rubble.",
        [("At least 19", 19, N, N, "lower_bound", N, "missing", "people")],
    ),
    ("The militia freed 14 captives on Sunday.", [("14", 14, N, N, "exact", N, "captive", "captives")]),
    (
        "Gunmen kidnapped 317 schoolgirls from a boarding school.",
        [("317", 317, N, N, "exact", N, "captive", "schoolgirls")],
    ),
    (
        "Hundreds of fighters surrendered to the army.",
        [("Hundreds", 200, 200, N, "vague", N, "forces", "fighters")],
    ),
    # --- disasters: killed, injured, missing, affected
    (
        "The earthquake killed about 2,300 people and injured thousands more.",
        [
            ("about 2,300", 2300, N, N, "approximate", N, "killed", "people"),
            ("thousands", 2000, 2000, N, "vague", N, "injured"),
        ],
    ),
    (
        "Rescuers pulled 14 survivors from the collapsed building.",
        [("14", 14, N, N, "exact", N, "affected", "survivors")],
    ),
    (
        "Floods have affected 1.2 million people across the province.",
        [("1.2 million", 1.2e6, N, N, "exact", N, "affected", "people")],
    ),
    (
        "Some 600 climbers are trapped on the mountain after the avalanche.",
        [("Some 600", 600, N, N, "approximate", N, "affected", "climbers")],
    ),
    (
        "The cyclone left 250,000 people homeless.",
        [("250,000", 250000, N, N, "exact", N, "affected", "people")],
    ),
    (
        "As many as 3 million people are in need of food aid.",
        [("As many as 3 million", 3e6, N, N, "upper_bound", N, "affected", "people")],
    ),
    (
        "Eight firefighters were treated for smoke inhalation.",
        [("Eight", 8, N, N, "exact", N, "injured", "firefighters")],
    ),
    (
        "Forty-two miners drowned when the shaft flooded.",
        [("Forty-two", 42, N, N, "exact", N, "killed", "miners")],
    ),
    ("The storm made landfall 120km south of the city.", [("120km", 120, N, N, "exact", "km", "distance")]),
    (
        "Residents within 20 miles of the plant were told to stay indoors.",
        [("20 miles", 20, N, N, "exact", "mi", "distance")],
    ),
    (
        "Fires have burned through 45,000 hectares of forest.",
        [("45,000 hectares", 45000, N, N, "exact", "ha", "territory")],
    ),
    ("The landslide buried a village 300m from the river.", [("300m", 300, N, N, "exact", "m", "distance")]),
    # --- refugees and displacement
    (
        "More than 1.5 million people have fled the country since the war began.",
        [("More than 1.5 million", 1.5e6, N, N, "lower_bound", N, "displaced", "people")],
    ),
    (
        "The UN refugee agency said 40,000 refugees crossed into Chad last month.",
        [("40,000", 40000, N, N, "exact", N, "displaced", "refugees")],
    ),
    (
        "About 90,000 residents were forced to leave their homes.",
        [("About 90,000", 90000, N, N, "approximate", N, "displaced", "residents")],
    ),
    (
        "Authorities evacuated 12,000 people from low-lying coastal areas.",
        [("12,000", 12000, N, N, "exact", N, "displaced", "people")],
    ),
    (
        "The camp now shelters over 70,000 displaced people.",
        [("over 70,000", 70000, N, N, "lower_bound", N, "displaced", "displaced people")],
    ),
    (
        "Coastguards rescued 350 migrants off the coast on Friday.",
        [("350", 350, N, N, "exact", N, "affected", "migrants")],
    ),
    (
        "Roughly 6.7m Syrians remain displaced inside the country.",
        [("Roughly 6.7m", 6.7e6, N, N, "approximate", N, "displaced", "Syrians")],
    ),
    (
        "Nearly 2,000 asylum seekers arrived on the island this week.",
        [("Nearly 2,000", 2000, N, N, "approximate", N, "displaced", "asylum seekers")],
    ),
    (
        "An estimated 3,000-5,000 families are living in tents.",
        [("3,000-5,000", 3000, 3000, 5000, "range", N, "population", "families")],
    ),
    # --- population and territory
    (
        "The city, home to about 2 million people, has been under curfew for a week.",
        [("about 2 million", 2e6, N, N, "approximate", N, "population", "people")],
    ),
    (
        "There are some 21,000 people in the town, aid workers say.",
        [("some 21,000", 21000, N, N, "approximate", N, "population", "people")],
    ),
    ("The district has a population of 450,000.", [("450,000", 450000, N, N, "exact", N, "population")]),
    (
        "Government forces recaptured 14 villages in the south.",
        [("14", 14, N, N, "exact", N, "territory", "villages")],
    ),
    ("The rebels control 60% of the territory.", [("60%", 60, N, N, "exact", "percent", "territory")]),
    (
        "Army units have retaken more than a dozen towns since March.",
        [("more than a dozen", 12, N, N, "lower_bound", N, "territory", "towns")],
    ),
    # --- elections and economics
    (
        "Turnout was 62 per cent, the electoral commission said.",
        [("62 per cent", 62, N, N, "exact", "percent", "other")],
    ),
    ("The president won 53.4% of the vote.", [("53.4%", 53.4, N, N, "exact", "percent", "other")]),
    ("Inflation rose to 8.1 percent in October.", [("8.1 percent", 8.1, N, N, "exact", "percent", "other")]),
    (
        "The World Bank approved a $5 million grant for reconstruction.",
        [("$5 million", 5e6, N, N, "exact", "USD", "money")],
    ),
    ("Donors pledged US$2bn at the conference in Geneva.", [("US$2bn", 2e9, N, N, "exact", "USD", "money")]),
    ("The club was fined £300 for crowd trouble.", [("£300", 300, N, N, "exact", "GBP", "money")]),
    (
        "The company reported a loss of €43.7m for the quarter.",
        [("€43.7m", 43.7e6, N, N, "exact", "EUR", "money")],
    ),
    (
        "The kidnappers demanded a ransom of 5 million dollars.",
        [("5 million dollars", 5e6, N, N, "exact", "USD", "money")],
    ),
    (
        "Rebuilding will cost between $3 and $5 billion, the report estimates.",
        [("between $3 and $5 billion", 3e9, 3e9, 5e9, "range", "USD", "money")],
    ),
    (
        "The party won 3 to 5 seats in each of the northern districts.",
        [("3 to 5", 3, 3, 5, "range", N, "other", "seats")],
    ),
    (
        "Between 9 and 11 candidates are expected to stand.",
        [("Between 9 and 11", 9, 9, 11, "range", N, "other", "candidates")],
    ),
    (
        "Half a million voters are registered abroad.",
        [("Half a million", 5e5, N, N, "exact", N, "other", "voters")],
    ),
    (
        "Some 80 per cent of the city's buildings were damaged.",
        [("Some 80 per cent", 80, N, N, "approximate", "percent", "other")],
    ),
    (
        "The ministry said 500 or more workers would lose their jobs.",
        [("500 or more", 500, N, N, "lower_bound", N, "other", "workers")],
    ),
    (
        "Fewer than 30 lawmakers attended the session.",
        [("Fewer than 30", 30, N, N, "upper_bound", N, "other", "lawmakers")],
    ),
    ("Police fired 36 tear gas canisters at the crowd.", [("36", 36, N, N, "exact", N, "other")]),
    # --- sport: a score is no figure, and nothing is a casualty
    (
        "United beat City 3-1 on Saturday in front of 74,000 fans.",
        [("74,000", 74000, N, N, "exact", N, "other", "fans")],
    ),
    ("The striker scored two goals in the final.", [("two", 2, N, N, "exact", N, "other", "goals")]),
    ("The Senate passed the bill 52-48 after a long debate.", []),
    # --- not figures: dates, years, times, ordinals, ages, names, references, phones
    ("The war began in 2003 and ended in 2011.", []),
    ("The city fell to the militants in June 2014.", []),
    ("The ceasefire was signed on November 2, 2016.", []),
    ("The curfew starts at 10:30 pm every night.", []),
    ("Talks resumed at 9am on Monday.", []),
    ("It is the second largest city in the country.", []),
    ("She finished 3rd in the 2012 Olympics.", []),
    ("A 25-year-old man was arrested at the scene.", []),
    ("The suspect, aged 34, was released on bail.", []),
    ("Malaysia Airlines Flight 370 disappeared over the Indian Ocean.", []),
    ("The Security Council adopted Resolution 2334 by a unanimous vote.", []),
    ("Shells fell near posts 542 and 543 on the border.", []),
    ("Anyone with information should call 0800 555 0199.", []),
    ("Under Article 5, an attack on any member is an attack on all.", []),
    ("The F-16 jets took off from the base in the 1990s.", []),
    ("He has been in detention for 48 hours.", []),
    ("No one was hurt in the fire.", []),
    ("One of the victims was a teacher.", []),
    ("The 2014-15 season was suspended.", []),
    ("Covid-19 cases rose sharply.", []),
]


def _expected(rows):
    out = []
    for row in rows:
        text, value, low, high, qualifier, unit, category = row[:7]
        item = {
            "text": text,
            "value": float(value),
            "qualifier": qualifier,
            "unit": unit,
            "category": category,
            "value_low": None if low is None else float(low),
            "value_high": None if high is None else float(high),
        }
        if len(row) > 7:
            item["counted"] = row[7]
        out.append(item)
    return out


def _got(rows, expected):
    got = []
    for row, want in zip(rows, expected + [{}] * len(rows), strict=False):
        got.append(
            {
                k: row[k]
                for k in want or ("text", "value", "qualifier", "unit", "category", "value_low", "value_high")
            }
        )
    return got


@pytest.mark.parametrize("sentence,rows", CASES, ids=[c[0][:40] for c in CASES])
def test_sentence(parse, sentence, rows):
    expected = _expected(rows)
    found = extract_figures(parse(sentence))
    assert _got(found, expected) == expected


def test_cases_cover_every_category_and_qualifier():
    """The table holds a case of every category and qualifier the schema allows, and sentences
    that must give no figure."""
    from schemas.figure_categories import CATEGORIES, QUALIFIERS

    categories = {row[6] for _, rows in CASES for row in rows}
    qualifiers = {row[4] for _, rows in CASES for row in rows}
    assert categories == set(CATEGORIES)
    assert qualifiers == set(QUALIFIERS)
    assert any(not rows for _, rows in CASES)


def test_lexicon_categories_are_the_schemas():
    """Every category the lexicon defines is a schema category, tried in the schema's order."""
    import tomllib

    from newsfacts.extract.figure_lexicon import LEXICON_PATH, lexicon
    from schemas.figure_categories import CATEGORIES

    with LEXICON_PATH.open("rb") as f:
        data = tomllib.load(f)
    assert set(data["categories"]) <= set(CATEGORIES)
    measured = set(data["measure_nouns"].values())
    assert measured <= set(CATEGORIES)
    for role in ("verbs", "intransitive", "complements", "nouns"):
        assert set(lexicon().roles[role].values()) <= set(CATEGORIES)
    # the first category in the schema's order wins a word listed under two ('flee', 'leave')
    assert lexicon().roles["verbs"]["leave"] == "displaced"


def test_pronoun_sources_are_actor_types():
    from newsfacts.extract.figure_context import context_lexicon
    from schemas.actors import ACTOR_TYPES

    for types in context_lexicon().pronoun_types.values():
        assert set(types) <= set(ACTOR_TYPES)


@pytest.mark.parametrize(
    "text,value",
    [
        ("1,500", 1500),
        ("1.5 million", 1.5e6),
        ("2.3bn", 2.3e9),
        ("43.7m", 43.7e6),
        ("twenty-five", 25),
        ("one hundred and six", 106),
        ("two dozen", 24),
        ("three thousand five hundred", 3500),
        ("5k", 5000),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


# --- links


def test_claimant_according_to(extract):
    text = "According to the United Nations, at least 400 civilians were killed in Syria."
    row = extract(text)["figures"][0]
    assert row["claimant"] == "United Nations"
    assert row["location"] == "Syria"


def test_claimant_said_links_actor(extract):
    text = "Save the Children said that 2,000 people are trapped in Homs."
    tables = extract(text)
    row = tables["figures"][0]
    assert row["claimant"] == "Save the Children"
    actors = {a["actor_id"]: a["name"] for a in tables["actors"]}
    assert actors[row["claimant_actor_id"]] == "Save the Children"
    assert row["location"] == "Homs"
    location_ids = {loc["location_id"] for loc in tables["locations"]}
    assert row["location_id"] in location_ids


def test_no_claimant_without_attribution(extract):
    row = extract("Floods displaced 5,000 families in Bangladesh.")["figures"][0]
    assert row["claimant"] is None and row["claimant_actor_id"] is None
    assert row["location"] == "Bangladesh"


def test_links_null_without_indexes(parse):
    row = extract_figures(parse("Police in Lagos said 30 people were arrested."))[0]
    assert row["claimant_actor_id"] is None and row["location_id"] is None
    assert row["claimant"] == "Police in Lagos"


# --- contract and robustness


def _check_contract(doc, rows):
    for row in rows:
        assert tuple(row) == ROW_KEYS
        assert 0 <= row["start"] < row["end"] <= len(doc.text)
        assert doc.text[row["start"] : row["end"]] == row["text"]
        assert math.isfinite(row["value"])
        if row["value_low"] is not None:
            assert row["value_low"] <= row["value"]
        if row["value_high"] is not None:
            assert row["value"] <= row["value_high"]
        if row["qualifier"] == "range":
            assert row["value_low"] is not None and row["value_high"] is not None


def test_empty_and_huge(parse):
    assert extract_figures(parse("")) == []
    huge = "They counted " + "9" * 400 + " ants and 10**400 more, " + "1," * 300 + "0 ants."
    doc = parse(huge)
    _check_contract(doc, extract_figures(doc))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
    | st.from_regex(r"[A-Za-z $£%,.0-9\-–]{0,120}", fullmatch=True)
)
def test_never_crashes(parse, text):
    doc = parse(text)
    _check_contract(doc, extract_figures(doc))
