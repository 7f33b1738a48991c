"""Actors: found, joined, typed and named as a reader would, in news from every region."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.extract.actors import extract_actors


def actors_of(extract, text):
    return {row["actor_id"]: row for row in extract(text)["actors"]}


# text, actor_id, name, type, aliases that must be there, role
CASES = [
    # Middle East
    (
        "The self-proclaimed Islamic State (IS) lost ground as IS fighters fled the city.",
        "islamic-state",
        "Islamic State",
        "armed_group",
        ["IS"],
        None,
    ),
    (
        "Daesh militants shelled the town, and ISIL later claimed the attack.",
        "islamic-state",
        "Islamic State",
        "armed_group",
        ["Daesh", "ISIL"],
        None,
    ),
    (
        "The Iraqi army and Iraqi security forces entered the district on Monday.",
        "iraqi-security-forces",
        "Iraqi security forces",
        "security_force",
        ["Iraqi army"],
        None,
    ),
    (
        "Kurdish forces pushed east while the Peshmerga held the ridge.",
        "kurdish-forces",
        "Kurdish forces",
        "security_force",
        ["Peshmerga"],
        None,
    ),
    (
        "IS top leader Abu Bakr al-Baghdadi sent a message. Baghdadi is said to be in hiding.",
        "abu-bakr-al-baghdadi",
        "Abu Bakr al-Baghdadi",
        "person",
        ["Baghdadi"],
        None,
    ),
    (
        "Save the Children (STC) said 600,000 children are trapped. STC called for a pause.",
        "save-the-children",
        "Save the Children",
        "organisation",
        ["STC"],
        None,
    ),
    (
        (
            "Maurizio Crivellaro, STC Country Director in Iraq has called for action. "
            "Crivellaro said aid was blocked."
        ),
        "maurizio-crivellaro",
        "Maurizio Crivellaro",
        "person",
        ["Crivellaro"],
        "STC Country Director in Iraq",
    ),
    (
        "Prime Minister Nouri Maliki said the offensive would continue.",
        "nouri-maliki",
        "Nouri Maliki",
        "person",
        [],
        "Prime Minister",
    ),
    (
        (
            "The Israel Defense Forces (IDF) said it had struck 30 targets, and the IDF later "
            "released footage."
        ),
        "israel-defense-forces",
        "Israel Defense Forces",
        "security_force",
        ["IDF"],
        None,
    ),
    (
        ("UN Secretary-General Antonio Guterres called for a ceasefire. Guterres said aid must reach Gaza."),
        "antonio-guterres",
        "Antonio Guterres",
        "person",
        ["Guterres"],
        "UN Secretary-General",
    ),
    (
        "Houthi rebels attacked a cargo ship, and the Houthis said they would continue.",
        "houthis",
        "Houthis",
        "armed_group",
        ["Houthi rebels"],
        None,
    ),
    (
        "Washington said it was monitoring the situation closely.",
        "united-states",
        "United States",
        "government",
        ["Washington"],
        None,
    ),
    # Africa
    (
        "Al-Shabab fighters attacked a base near Mogadishu, killing 12 soldiers.",
        "al-shabab",
        "al-Shabab",
        "armed_group",
        ["Al-Shabab"],
        None,
    ),
    (
        "The African Union Mission in Somalia (AMISOM) said AMISOM troops repelled the attack.",
        "african-union-mission-in-somalia",
        "African Union Mission in Somalia",
        "organisation",
        ["AMISOM"],
        None,
    ),
    (
        "Boko Haram abducted 40 girls, Nigerian police said. The Nigerian army launched a rescue.",
        "boko-haram",
        "Boko Haram",
        "armed_group",
        [],
        None,
    ),
    (
        "Boko Haram abducted 40 girls, Nigerian police said.",
        "nigerian-police",
        "Nigerian police",
        "security_force",
        [],
        None,
    ),
    (
        "Police spokesman Ahmed Musa said officers were deployed. Musa added that two were hurt.",
        "ahmed-musa",
        "Ahmed Musa",
        "person",
        ["Musa"],
        None,
    ),
    (
        "Kenyan troops stationed in Kismayo were put on alert.",
        "kenyan-security-forces",
        "Kenyan security forces",
        "security_force",
        ["Kenyan troops"],
        None,
    ),
    # Asia
    (
        "North Korea fired artillery rounds, and the DPRK later warned of war.",
        "north-korea",
        "North Korea",
        "government",
        ["DPRK"],
        None,
    ),
    (
        "Korean Central News Agency (KCNA) reported the order, KCNA said.",
        "korean-central-news-agency",
        "Korean Central News Agency",
        "organisation",
        ["KCNA"],
        None,
    ),
    (
        "North Korea's military was placed on high alert.",
        "korean-peoples-army",
        "Korean People's Army",
        "security_force",
        ["North Korea's military"],
        None,
    ),
    (
        "The Indonesian Navy saved 200 people, and the Malaysian navy turned a boat away.",
        "malaysian-navy",
        "Malaysian Navy",
        "security_force",
        ["Malaysian navy"],
        None,
    ),
    (
        "Malaysia's Prime Minister, Najib Razak said the crisis needed a regional answer.",
        "najib-razak",
        "Najib Razak",
        "person",
        [],
        "Prime Minister",
    ),
    (
        "The US State Department said talks would resume. The State Department gave no date.",
        "us-state-department",
        "US State Department",
        "government",
        ["State Department"],
        None,
    ),
    (
        (
            "The Taliban seized Kunduz, and the United Nations Assistance Mission in Afghanistan "
            "(UNAMA) said civilians were trapped."
        ),
        "taliban",
        "Taliban",
        "armed_group",
        [],
        None,
    ),
    # Europe
    (
        "Russia's Defence Ministry claimed its forces had captured two villages.",
        "russian-defence-ministry",
        "Russian Defence Ministry",
        "government",
        [],
        None,
    ),
    (
        "Ukrainian forces repelled the assault, the Ukrainian military said.",
        "ukrainian-security-forces",
        "Ukrainian security forces",
        "security_force",
        ["Ukrainian forces", "Ukrainian military"],
        None,
    ),
    (
        (
            "NATO Secretary General Jens Stoltenberg said the alliance would keep supporting Kyiv. "
            "Stoltenberg spoke in Brussels."
        ),
        "jens-stoltenberg",
        "Jens Stoltenberg",
        "person",
        ["Stoltenberg"],
        "Secretary General",
    ),
    (
        "The European Union (EU) will discuss the plan, and the EU expects a deal.",
        "european-union",
        "European Union",
        "organisation",
        ["EU"],
        None,
    ),
    # The Americas
    (
        (
            "Colombian police arrested a commander of the Revolutionary Armed Forces of Colombia "
            "(FARC) in Cali. FARC dissidents denied it."
        ),
        "revolutionary-armed-forces-of-colombia",
        "Revolutionary Armed Forces of Colombia",
        "armed_group",
        ["FARC"],
        None,
    ),
    (
        (
            "President Andres Manuel Lopez Obrador said troops acted lawfully. Lopez Obrador spoke "
            "in Mexico City."
        ),
        "andres-manuel-lopez-obrador",
        "Andres Manuel Lopez Obrador",
        "person",
        ["Lopez Obrador"],
        "President",
    ),
    (
        "The U.S. Drug Enforcement Administration praised the operation.",
        "us-drug-enforcement-administration",
        "U.S. Drug Enforcement Administration",
        "government",
        [],
        None,
    ),
    (
        (
            "Backed by airstrikes from the US and its allies, troops advanced. The U.S. launched the "
            "war in 2003."
        ),
        "united-states",
        "United States",
        "government",
        ["U.S."],
        None,
    ),
    (
        "The Mexican government said the cartel had been weakened.",
        "mexico",
        "Mexico",
        "government",
        ["Mexican government"],
        None,
    ),
]


@pytest.mark.parametrize("text, actor_id, name, actor_type, aliases, role", CASES)
def test_actor(extract, text, actor_id, name, actor_type, aliases, role):
    actors = actors_of(extract, text)
    assert actor_id in actors, sorted(actors)
    row = actors[actor_id]
    assert row["name"] == name
    assert row["type"] == actor_type
    assert set(aliases) <= set(row["aliases"]) | {row["name"]}
    if role is not None:
        assert row["role"] == role
    assert text[row["start"] : row["end"]] in [row["name"], *row["aliases"]]


# text, a name that must not be an actor
NOT_ACTORS = [
    ("Iraqi civilians fled the fighting as locals hid in basements.", "Iraqi"),
    ("Thousands of civilians were trapped in Mosul, aid workers said.", "Mosul"),
    (
        (
            "About 25,000 people were held in lorries moving towards Mosul from the town of "
            "Hammam al-Alil in the south."
        ),
        "Hammam al-Alil",
    ),
    ("Myanmar is mainly Buddhist and the Rohingya are a minority.", "Myanmar"),
    (
        "Airstrikes hit Khan Younis overnight, Gaza officials said, as Israel and Hamas traded fire.",
        "Khan Younis",
    ),
    ("Egypt kept the Rafah crossing closed on Sunday.", "Rafah"),
    ("The kidnappers fled towards the Sambisa forest near the border, Nigerian police said.", "Sambisa"),
    ("He said this is the end, and it is not over for us.", "IS"),
    ("The alliance against the group should maintain momentum, the statement said.", "alliance"),
]


@pytest.mark.parametrize("text, name", NOT_ACTORS)
def test_not_an_actor(extract, text, name):
    for row in extract(text)["actors"]:
        assert name not in [row["name"], *row["aliases"]], row


def test_ids_agree_across_documents(extract):
    one = actors_of(extract, "IS fighters retreated after the Iraqi army advanced.")
    two = actors_of(extract, "The Islamic State group claimed the attack, Iraqi soldiers said.")
    assert {"islamic-state", "iraqi-security-forces"} <= set(one) & set(two)


def test_find_resolves_surface_forms(parse):
    doc = parse(
        "Save the Children (STC) said aid was blocked. Maurizio Crivellaro, STC Country "
        "Director in Iraq, urged action. The UN and the U.N. refugee agency agreed. "
        "Crivellaro said IS was to blame."
    )
    index = extract_actors(doc)
    assert index.find("STC").actor_id == "save-the-children"
    assert index.find("Crivellaro").actor_id == "maurizio-crivellaro"
    assert index.find("the UN").actor_id == "united-nations"
    assert index.find("Islamic State").actor_id == "islamic-state"
    assert index.find("Nobody Here") is None
    start = doc.text.index("Crivellaro said")
    assert index.at(start, start + 10).actor_id == "maurizio-crivellaro"


def test_rows_count_every_mention(extract):
    rows = actors_of(extract, "IS attacked. IS retreated. Daesh regrouped.")
    assert rows["islamic-state"]["mentions"] == 3


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_never_crashes(parse, gazetteer, text):
    from newsfacts.extract import extract_document

    tables = extract_document("fuzz", parse(text), gazetteer)
    for row in tables["actors"] + tables["locations"]:
        assert 0 <= row["start"] < row["end"] <= len(text)
