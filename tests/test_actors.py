"""Actors: found, joined, typed and named as a reader would, in news from every region."""

from __future__ import annotations

import re

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
    # events and plans are no actors
    ("Thousands of fans came to the Lagos Jazz Jubilee, the organisers said.", "Lagos Jazz Jubilee"),
    (
        "The ministry launched the Kenya National Digital Master Plan in March.",
        "Kenya National Digital Master Plan",
    ),
    # a work: what someone composed or wrote, a title in quotation marks, a character played
    ("In 1901 Enescu composed Ilinca for the Bucharest Opera.", "Ilinca"),
    ('He read his poem "Morning in Kisumu" to the crowd.', "Morning in Kisumu"),
    ("In 2005 he appeared in Night Train, another thriller, as Kofi.", "Kofi"),
    # works named in a list after a work noun, before their year, or in brackets after their maker
    (
        "He appeared in several television films, including Silent Harbour, Close to Home and Dry Season.",
        "Silent Harbour",
    ),
    ("She starred in Stoker (2013), Belle (2013) and Pride (2014).", "Stoker"),
    ("He worked with Rainer Werner Fassbinder (Querelle) and Wim Wenders.", "Querelle"),
    ("In 2004 he appeared in the comedy New York Minute as Trey, a cute boy.", "New York Minute"),
    # a work named after a person is no form of that person's name
    ("Farida Haddad directed the documentary Haddad, about her grandfather, in 2019.", "Haddad"),
    ("His rival Moise Katumbi appeared in the film Katumbi, which was banned.", "Katumbi"),
    # a name spaCy cut short of the law it names, also across 'in'
    (
        "The Senate passed the Amina Bello Safety in Schools Act. Amina Bello was a teacher.",
        "Amina Bello Safety",
    ),
    ("The Senate passed the John Lewis Voting Rights Advancement Act on Monday.", "John Lewis"),
    # a building named head first is a place
    (
        "The poet died in 1832 at the Hôpital Lariboisière, a few streets from his home in Paris.",
        "Hôpital Lariboisière",
    ),
    # initials and a number are a bill's, never a person's name
    (
        "The House passed H. R. 4417, the Clean Water Act, after Speaker Amina Diallo spoke in support of H. R. 4417.",
        "H. R. 4417",
    ),
    # a rank of nobility with its place is a title, not a person
    ("He married a daughter of the 2nd Earl of Mornington.", "2nd Earl of Mornington"),
    # an opening adverb and the title after it are no name written surname first
    ("Moreover, Mr. Okonkwo said the dam would hold.", "Mr Moreover"),
    ("Ultimately, Dr. Farah decided to close the ward in Garissa.", "Dr Ultimately"),
    ("Still, Gen. Haftar refused.\nNevertheless, Mrs. Tanaka wrote to the council.", "Mrs Nevertheless"),
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


def rows_named(extract, text):
    """{every name and alias: its row} of a text's actors."""
    return {n: row for row in extract(text)["actors"] for n in [row["name"], *row["aliases"]]}


# --- names cut or glued ---------------------------------------------------------------------
# text, name, type, aliases that must be there
WHOLE_NAMES = [
    # a hyphenated name keeps its tail, and so does its surname alone (Central Africa)
    (
        "Gabon's health minister Jean-Pierre Mba-Ndong said the clinic would reopen. Mba-Ndong spoke in Libreville.",
        "Jean-Pierre Mba-Ndong",
        "person",
        ["Mba-Ndong"],
    ),
    # West Africa: a hyphenated surname after an apposition
    (
        "Ngozi Okonjo-Iweala, the head of the World Trade Organization, said talks would resume. Okonjo-Iweala spoke in Geneva.",
        "Ngozi Okonjo-Iweala",
        "person",
        ["Okonjo-Iweala"],
    ),
    # Korea: a hyphenated given name whose tail is a lower-case syllable
    (
        "Moon Jae-in said the talks were a success. Moon flew back to Seoul.",
        "Moon Jae-in",
        "person",
        ["Moon"],
    ),
    ("UN chief Ban Ki-moon said the plan would fail.", "Ban Ki-moon", "person", []),
    # particles: the name runs over 'von der', and the surname with its particle is an alias
    (
        "European Commission President Ursula von der Leyen visited Kyiv. Von der Leyen promised more aid.",
        "Ursula von der Leyen",
        "person",
        ["Von der Leyen"],
    ),
    (
        "Saudi Crown Prince Mohammed bin Salman met the delegation in Riyadh.",
        "Mohammed bin Salman",
        "person",
        [],
    ),
    # Arabic names: the surname without 'al-' is the same person
    (
        "President Abdel Fattah al-Sisi met the king. Sisi said Egypt would mediate.",
        "Abdel Fattah al-Sisi",
        "person",
        ["Sisi"],
    ),
    # Spanish: two surnames, spaCy finding only the last the second time
    (
        "Mexican President Andrés Manuel López Obrador said the army would stay. López Obrador spoke in Culiacán.",
        "Andrés Manuel López Obrador",
        "person",
        ["López Obrador"],
    ),
    # a given name and a surname are one actor, and a person
    (
        "The novelist Chimamanda Ngozi Adichie spoke in Lagos. Adichie said the festival would go ahead.",
        "Chimamanda Ngozi Adichie",
        "person",
        ["Adichie"],
    ),
    # a suffix belongs to the name
    ("Former senator Harry F. Byrd Sr. opposed the bill.", "Harry F. Byrd Sr.", "person", []),
    # a bracket that does not close is not part of the name; the acronym still is an alias
    (
        "Officials from the Pan American Health Organization (PAHO, a regional body) said cases were rising.",
        "Pan American Health Organization",
        "organisation",
        ["PAHO"],
    ),
    # a list separator ends a name: two organisations
    (
        "The poll by Radio Free Europe/Radio Liberty found that most voters were undecided.",
        "Radio Free Europe",
        "organisation",
        [],
    ),
    # a headline's verb is not part of the name
    (
        "Obama Says Museum Will Open in May\n\nWASHINGTON -- President Obama said the museum would open.",
        "Obama",
        "person",
        [],
    ),
    # spaCy labels the given name alone and leaves the surname, the subject of 'said', unlabelled:
    # one person, never a person 'Amara' and an organisation 'Obi' (West Africa)
    ("Senator Amara Obi said the bill would pass.", "Amara Obi", "person", []),
    # Korea: a monarch's number after a titled given name is part of the name
    ("He entered the service of King Sejong I, and in 1430 he reached Hanyang.", "Sejong I", "person", []),
    # East Africa: an organisation's name goes on over 'and' after 'for', to a word joined to its last
    (
        "Funding came from the Kampala Centre for Conflict Resolution and Peacebuilding, which opened in 2015.",
        "Kampala Centre for Conflict Resolution and Peacebuilding",
        "organisation",
        [],
    ),
]


@pytest.mark.parametrize("text, name, actor_type, aliases", WHOLE_NAMES)
def test_whole_names(extract, text, name, actor_type, aliases):
    rows = rows_named(extract, text)
    assert name in rows, sorted(rows)
    row = rows[name]
    assert row["name"] == name
    assert row["type"] == actor_type
    assert set(aliases) <= set(row["aliases"])


# text, and two names that must be two rows: a name never spans a line break
LINE_BREAKS = [
    (
        "Funds were cut by the Nigerian Red Cross Society\nAmina Bello, a nurse in Kano, said families would suffer.",
        "Nigerian Red Cross Society",
    ),
    (
        "NTS Realty Holdings Limited Partnership\n\nThe company said it had sold two buildings.",
        "NTS Realty Holdings Limited Partnership",
    ),
    (
        "Statement by the Norwegian Refugee Council\nJan Egeland, its secretary general, said aid was blocked.",
        "Norwegian Refugee Council",
    ),
]


@pytest.mark.parametrize("text, name", LINE_BREAKS)
def test_names_never_span_a_line(extract, text, name):
    rows = extract(text)["actors"]
    assert name in [r["name"] for r in rows], rows
    for row in rows:
        for form in [row["name"], *row["aliases"]]:
            assert form == form.strip() and "\n" not in form, row


# text, a name that is a row's, and the forms no row may hold: a sentence's end is no title's dot
SENTENCE_ENDS = [
    (
        "Tadeusz Jan Kowalski (1890 – 1950) was a Polish officer. Kowalski served in Warsaw.",
        "Tadeusz Jan Kowalski",
        ["officer. Kowalski", "officer Kowalski"],
    ),
]


# text, the mended name, forms no row may hold: a name cut or glued badly by spaCy
MENDED = [
    ("Kano, Nigeria. The market burned on Sunday, police said.", None, ["Nigeria Kano"]),
    (
        "The World Health Organisation (WHO said cases rose in Geneva.",
        "World Health Organization",
        ["World Health Organisation (WHO"],
    ),
    ("Lodge members met at the Unity Lodge No. 8 hall in Accra.", None, ["Unity Lodge No"]),
    # a lower-case word before the name is not part of it; a name's own particles are
    (
        "A spokesman for the state Department of Public Works said the road was closed.",
        "Department of Public Works",
        ["state Department of Public Works"],
    ),
    ("Aides in this White House say the plan is dead.", None, ["this White House"]),
    ("Mayor Bill de Blasio said the city would appeal.", "Bill de Blasio", ["Blasio"]),
    # an adjective made of a name is no part of the next name, and alone is no name
    (
        "The ruling was welcomed by the pro-Modi Bharatiya Janata Party in Delhi.",
        "Bharatiya Janata Party",
        ["pro-Modi Bharatiya Janata Party", "pro-Modi"],
    ),
]


@pytest.mark.parametrize("text, name, never", MENDED)
def test_names_cut_or_glued_are_mended(extract, text, name, never):
    rows = extract(text)["actors"]
    if name is not None:
        assert name in [r["name"] for r in rows], rows
    for row in rows:
        assert not set(never) & {row["name"], *row["aliases"]}, row
        assert row["name"].count("(") == row["name"].count(")"), row
        assert not row["name"].endswith(("-", "&")), row


@pytest.mark.parametrize("text, name, never", SENTENCE_ENDS)
def test_names_never_span_a_sentence(extract, text, name, never):
    rows = extract(text)["actors"]
    assert name in [r["name"] for r in rows], rows
    for row in rows:
        assert not set(never) & {row["name"], *row["aliases"]}, row


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "the World Food Programme",
                "Amina Bello",
                "Save the Children (STC",
                "said",
                "\n",
                "\n\n",
                "Dr.",
                "Mrs. Lee",
                "\t",
                "Kenya",
                "-",
                "Jean-Pierre",
                "Mba-Ndong",
                "(",
                ")",
                "/",
                "Holdings Limited Partnership",
                "\u200b",
                "\x0b",
            ]
        ),
        min_size=1,
        max_size=14,
    )
)
def test_names_are_clean_whatever_the_text(parse, gazetteer, words):
    from newsfacts.extract import extract_document
    from schemas.actors import CLEAN_NAME

    text = " ".join(words)
    for row in extract_document("fuzz", parse(text), gazetteer)["actors"]:
        for form in [row["name"], *row["aliases"], *([row["role"]] if row["role"] else [])]:
            assert re.match(CLEAN_NAME, form), (form, text)
        assert row["name"].count("(") == row["name"].count(")"), row


# --- people, places and organisations told apart -------------------------------------------
# text, name, type it must have (None: no actor of that name)
KINDS = [
    # a name after a kin noun and 'of' is a person, whatever town has the name
    ("She was born in Kano, the daughter of Riley and his wife, a nurse.", "Riley", "person"),
    # 'born' of no birth makes no person
    ("The firm Acme Holdings (born of a merger) grew in Nairobi.", "Acme Holdings", "organisation"),
    ("Mahala Joy Stone (born 1985) is an Australian cyclist.", "Mahala Joy Stone", "person"),
    # a person whose surname is a place stays a person, and never an alias of the country
    (
        "Anna Lyon, a lawyer in Paris, said France would appeal. Lyon said the ruling was unfair.",
        "Lyon",
        "person",
    ),
    (
        "Maria Lisboa, a nurse, said Portugal needed more doctors. Lisboa said the hospitals were full.",
        "Lisboa",
        "person",
    ),
    (
        "Raphael Warsaw, a city councillor, said the vote was rigged. Warsaw said he would appeal.",
        "Warsaw",
        "person",
    ),
    # a newspaper or a company is an organisation
    ("The Jordan Times reported that the ministry had closed the border.", "Jordan Times", "organisation"),
    ("The Guardian reported that Le Monde had seen the files.", "Le Monde", "organisation"),
    # an organisation's name spaCy cut at 'of' goes on
    (
        "She trained at the Webber Douglas Academy of Dramatic Art in London.",
        "Webber Douglas Academy of Dramatic Art",
        "organisation",
    ),
    # the maker of a work in a list of works stays an actor
    ("He appeared in films like Woody Allen's Match Point (2005).", "Woody Allen", "person"),
    # a newspaper in quotation marks is still an organisation
    ("As “The Wall Street Journal” wrote, the deal collapsed.", "Wall Street Journal", "organisation"),
    # a part of a body named before it: the body
    (
        "She spoke on the Floor of the House of Representatives on Tuesday.",
        "House of Representatives",
        "government",
    ),
    # an institution is never a place, whatever town the gazetteer gives its name
    (
        "The President lacked the support of the Congress, and in the Congress the vote failed.",
        "Congress",
        "government",
    ),
    # a proper noun spaCy left unlabelled that speaks is an actor
    ("Wikinews spoke with the author about her book.", "Wikinews", "organisation"),
    # a country acts: it is its government
    ("Kenya deployed 400 police officers to Haiti on Tuesday.", "Kenya", "government"),
    ("Member of House panel says U.S. has to keep Moscow out of elections.", "United States", "government"),
    ("The European Union imposed sanctions after Brazil's president met the rebels.", "Brazil", "government"),
    # a country that is only a place is no actor (it is a location)
    ("Kenya has 50 million people and a young population.", "Kenya", None),
    ("Floods hit Bangladesh and Myanmar on Sunday, killing 30 people.", "Bangladesh", None),
    ("Officials in Sudan said the Rapid Support Forces attacked El Fasher.", "Sudan", None),
    ("Iraq borders Syria, Turkey and Iran.", "Iraq", None),
    ("My family arrived in the U.S. as refugees from Vietnam.", "United States", None),
    # roads and districts are places
    ("Protesters blocked Thika Road and marched to Kasarani district.", "Thika Road", None),
    # things that do not act: events, laws, awards, buildings, storms, diseases, works
    ("She won the Caine Prize for African Writing in 2019.", "Caine Prize for African Writing", None),
    (
        "Leaders met at the Asia-Pacific Economic Cooperation Summit in Lima.",
        "Asia-Pacific Economic Cooperation Summit",
        None,
    ),
    ("Congress passed the Affordable Care Act in 2010.", "Affordable Care Act", None),
    ("Cyclone Idai destroyed Beira, and Cyclone Idai's floods reached Malawi.", "Cyclone Idai", None),
    ("COVID-19 spread quickly through the camps.", "COVID-19", None),
    ("She starred in Chasing Liberty and later wrote the novel Purple Hibiscus.", "Purple Hibiscus", None),
    (
        "The ceremony was held at the Kenyatta International Convention Centre Hall.",
        "Kenyatta International Convention Centre Hall",
        None,
    ),
    ("He studied East Asian Studies and later taught Frame Semantics.", "East Asian Studies", None),
    # an organisation's cue word at the end of a name spaCy calls a person's
    ("Members of the John Birch Society protested outside.", "John Birch Society", "organisation"),
    # a court case is no actor
    (
        "The ruling in Brown v. Board of Education was cited by the court.",
        "Brown v. Board of Education",
        None,
    ),
    # a name made only of titles is no name
    ("Madam Speaker, the Secretary of State has left.", "State", None),
]


@pytest.mark.parametrize("text, name, actor_type", KINDS)
def test_people_places_and_organisations(extract, text, name, actor_type):
    rows = rows_named(extract, text)
    if actor_type is None:
        assert name not in rows, rows.get(name)
        return
    assert name in rows, sorted(rows)
    assert rows[name]["type"] == actor_type


def test_a_surname_that_is_a_place_is_not_the_countrys_alias(extract):
    rows = extract(
        "Anna Lyon, a lawyer in Paris, said France would appeal. Lyon said the ruling was unfair."
    )["actors"]
    france = next(r for r in rows if r["name"] == "France")
    assert "Lyon" not in france["aliases"]


# --- one row per actor ----------------------------------------------------------------------
# text, name, aliases that must all be in that one row
ONE_ROW = [
    # a titled surname two people share is an alias of the one of the title's sex
    (
        "Hillary Renner spoke at the rally. She thanked the volunteers. Bill Renner joined her later. "
        "Mrs. Renner left at noon.",
        "Hillary Renner",
        ["Mrs. Renner"],
    ),
    # Korean and Chinese names: the family name comes first and is used alone
    ("Kim Jong-un inspected a missile base. Kim said the tests would continue.", "Kim Jong-un", ["Kim"]),
    ("Prof. Wang Li presented the survey. Wang said the results were clear.", "Wang Li", ["Wang"]),
    # South Asia: the surname alone
    (
        "Prime Minister Shehbaz Sharif said Pakistan would rebuild. Sharif visited the flooded districts.",
        "Shehbaz Sharif",
        ["Sharif"],
    ),
    # Slavic names
    (
        "President Volodymyr Zelenskyy said the front had held. Zelenskyy thanked the troops.",
        "Volodymyr Zelenskyy",
        ["Zelenskyy"],
    ),
    (
        "Foreign ministry spokeswoman Maria Zakharova said Moscow would respond. Zakharova gave no details.",
        "Maria Zakharova",
        ["Zakharova"],
    ),
    # a name with and without its middle initial
    (
        "Eugene A. Nida wrote the report. Eugene Nida later revised it, and Nida taught it.",
        "Eugene A. Nida",
        ["Eugene Nida", "Nida"],
    ),
    # a titled surname, before and after the full name
    (
        "Mr. Walker said the budget was balanced. Scott K. Walker, the governor, signed it. Mr. Walker said cuts would come.",
        "Scott K. Walker",
        ["Mr. Walker"],
    ),
    # a given name alone where one person of the article has it (Ethiopia)
    (
        "WHO Director-General Dr. Tedros Adhanom Ghebreyesus said the outbreak was contained. Tedros thanked health workers.",
        "Tedros Adhanom Ghebreyesus",
        ["Tedros"],
    ),
    # a person known by a middle name
    (
        "Jens Otto Harry Jespersen was born in Randers. Otto Jespersen later taught in Copenhagen.",
        "Jens Otto Harry Jespersen",
        ["Otto Jespersen"],
    ),
    # a surname a relative shares: the article's main person, named first and far more often
    (
        "Mayor Maria Santos opened the clinic. Maria Santos said it would serve 5,000 families, and "
        "Maria Santos thanked donors. Her son, Pedro Santos, was there. Santos said more clinics would follow.",
        "Maria Santos",
        ["Santos"],
    ),
    # a school named by its town where the text speaks of the school
    (
        "She earned her degree from Makerere University in 1998 and taught at Makerere until 2010.",
        "Makerere University",
        ["Makerere"],
    ),
    # a given name in its short and its formal form
    (
        "Robert Kiprono led the union for a decade. Bob Kiprono said the strike would go on.",
        "Robert Kiprono",
        ["Bob Kiprono"],
    ),
    # a surname a relative shares: the person not introduced as someone's relative
    (
        "The poet Kwame Mensah wrote about the war. He went looking for his brother, Kofi Mensah, "
        "after a letter said he was hurt. Mensah later published the letters.",
        "Kwame Mensah",
        ["Mensah"],
    ),
    # a name never runs across the end of a sentence
    (
        "Amara Diop worked as a film director. Diop later ran the festival in Dakar.",
        "Amara Diop",
        ["Diop"],
    ),
    # an organisation's acronym never defined in brackets, and its first words
    (
        "Researchers at the Massachusetts Institute of Technology built the device. MIT said it would be tested.",
        "Massachusetts Institute of Technology",
        ["MIT"],
    ),
    (
        "The Church of Scientology denied the claims. The Church said it would sue.",
        "Church of Scientology",
        ["Church"],
    ),
    (
        "The bill passed the House of Representatives on Monday. The House will vote on the budget next.",
        "House of Representatives",
        ["House"],
    ),
    # an organisation's last words
    (
        "The US State Department said talks would resume. The State Department gave no date.",
        "US State Department",
        ["State Department"],
    ),
    # a fuller name spaCy leaves unlabelled, with its title and honours: the same person
    (
        "Dame Ngozi Adaeze Okonkwo DBE (born 1961) is a Nigerian architect. Ngozi Okonkwo grew up "
        "in Enugu. Okonkwo opened her first studio in Lagos.",
        "Ngozi Adaeze Okonkwo",
        ["Ngozi Okonkwo", "Okonkwo", "Dame Ngozi Adaeze Okonkwo DBE"],
    ),
    (
        "Rafael Ignacio Montoya (born 1972) is a Chilean footballer. Rafael Montoya played for "
        "Colo-Colo, and Montoya later coached the national team.",
        "Rafael Ignacio Montoya",
        ["Rafael Montoya", "Montoya"],
    ),
    # a given name alone, where one person of the article has it
    (
        "Amina Yusuf opened the clinic in Kano in 2019. Amina said it would treat 300 children a week.",
        "Amina Yusuf",
        ["Amina"],
    ),
    # a surname that a small town also has is still the person's
    (
        "The poet Walt Whitman lived in Camden. Whitman revised the book many times.",
        "Walt Whitman",
        ["Whitman"],
    ),
    # a surname spaCy calls an organisation joins the person even where a city has that name
    (
        "The director Louis Malle filmed it in 1958. Malle's next film was shot in Paris.",
        "Louis Malle",
        ["Malle"],
    ),
    # the name as written with the title before it is one of its forms
    (
        "Speaker Nancy Pelosi opened the session. Pelosi said the bill would pass.",
        "Nancy Pelosi",
        ["Speaker Nancy Pelosi", "Pelosi"],
    ),
    # another name the text gives the person: a stage or pen name, a name 'also known as'
    (
        "Ngozi Adaeze Okafor (born 12 May 1979), better known by her stage name Ngozi Star, is a "
        "Nigerian singer. Ngozi began singing in Enugu.",
        "Ngozi Adaeze Okafor",
        ["Ngozi Star", "Ngozi"],
    ),
    ("Aung Ko Win, also known as Ko Win Aung, was arrested in Yangon.", "Aung Ko Win", ["Ko Win Aung"]),
    # an East Asian name written in both orders
    ("Wang Lina left Beijing in 1990. Lina Wang later taught in Boston.", "Wang Lina", ["Lina Wang"]),
    # a given name in the form of the country a person settled in
    (
        "Pierre Kabore taught in Ouagadougou for years. In Toronto, Peter Kabore opened a school.",
        "Pierre Kabore",
        ["Peter Kabore"],
    ),
    # a parent named after 'son of' is a relative: the surname alone is the main person's
    (
        "Amara Diallo was born in Dakar, the second son of Moussa Diallo, a teacher, and Fatou "
        "Diallo, the daughter of a fisherman. Diallo studied law.",
        "Amara Diallo",
        ["Diallo"],
    ),
    # the name before a bracket that gives a birth is a person's, whatever spaCy made of it, and
    # its shorter forms join it
    (
        "Tanner Reed Colt (born May 2, 1991) is an American baseball outfielder for the Texas Rangers. Colt bats left-handed.",
        "Tanner Reed Colt",
        ["Colt"],
    ),
    (
        "Mahala Joy Stone (born in 1985 in Perth) is an Australian cyclist. Stone won in Perth.",
        "Mahala Joy Stone",
        ["Stone"],
    ),
    # a school's first word spaCy took for a person is the school where the text speaks of it
    (
        "Kofi Asante transferred to Rice University in 2010. His Rice roommate, Daniel Kim, studied law.",
        "Rice University",
        ["Rice"],
    ),
    # the other order of any two-word form, in brackets beside a native spelling
    (
        "Yumi Sato, also known as Yumiko Sato (佐藤 由美子 Sato Yumiko), wrote poems in Osaka.",
        "Yumi Sato",
        ["Yumiko Sato", "Sato Yumiko"],
    ),
    # a person's given names alone, where no one has the last of them for a surname
    (
        "Jean Baptiste Kouame Diallo was born in Abidjan. Jean Baptiste later moved to Paris.",
        "Jean Baptiste Kouame Diallo",
        ["Jean Baptiste"],
    ),
    # a name in capitals, as transcripts write people, joins the surname in capitals
    (
        "The PRESIDING OFFICER. The Senator from Ohio. Mr. BROWN. I thank Senator MBEKI. SIPHO MBEKI, the son of a miner, served well.",
        "SIPHO MBEKI",
        ["MBEKI", "Senator MBEKI"],
    ),
    # a book list writes authors surname first: one person, never a town and its country
    (
        "Some good ones:\n\nAchebe, Chinua. Things Fall Apart\n\nSoyinka, Wole and Ngugi, Thiong'o. Plays\n\n"
        "Kano, Nigeria. The market burned on Sunday.",
        "Chinua Achebe",
        ["Achebe", "Chinua"],
    ),
    # the place a family is 'of' is no part of a person's name
    (
        "Tadeusz Jan Kowalski of Lublin (1890 – 1950) was a Polish officer. Kowalski served in Warsaw.",
        "Tadeusz Jan Kowalski",
        ["Kowalski"],
    ),
    # the shorter name after the longer one is its short form
    (
        "Wanjiru Kamau studied at the Kenya Institute of Mass Communication. The Kenya Institute later hired her.",
        "Kenya Institute of Mass Communication",
        ["Kenya Institute"],
    ),
    # a title's sex picks the relative whose kin noun tells the same sex
    (
        "Bill Okafor and his wife, Grace Okafor, run the clinic in Enugu. Mrs. Okafor said it would close.",
        "Grace Okafor",
        ["Mrs. Okafor"],
    ),
    (
        "Anita Desai and her brother Rohan Desai run the shop in Pune. Mr. Desai said it would close.",
        "Rohan Desai",
        ["Mr. Desai"],
    ),
]


@pytest.mark.parametrize("text, name, aliases", ONE_ROW)
def test_every_form_of_a_name_is_one_row(extract, text, name, aliases):
    rows = {row["name"]: row for row in extract(text)["actors"]}
    assert name in rows, sorted(rows)
    assert set(aliases) <= set(rows[name]["aliases"]), rows[name]
    others = [r for n, r in rows.items() if n != name]
    for alias in aliases:
        assert all(alias not in [r["name"], *r["aliases"]] for r in others), others


# text, a person's name, a titled form that must not be among their aliases: a title of the other
# sex never joins the person, also where it is one of a couple's ('Mr. and Mrs. Haddad')
NOT_THEIR_TITLE = [
    (
        "Leila Haddad says she was frightened by the calls. Omar Haddad runs the shop. Letters "
        'came addressed to "Mr. and Mrs. Haddad, Tripoli."',
        "Omar Haddad",
        "Mrs. Haddad",
    ),
    (
        "Hillary Renner spoke first at the rally. She thanked the volunteers. Later Bill Renner "
        "joined her on the stage. Mrs. Renner left at noon.",
        "Bill Renner",
        "Mrs. Renner",
    ),
    # one bearer named in full, both titles written: the one written more often is theirs, not the first
    (
        "Daniel Okoro returned to Enugu on Monday, though Mrs. Okoro stayed in Lagos. Mr. Okoro met "
        "the governor, and later Mr. Okoro spoke to traders.",
        "Daniel Okoro",
        "Mrs. Okoro",
    ),
    # the main bearer (named first, far more often) takes the more frequent title, not both
    (
        "Bill Maran spoke in Ohio. Bill Maran thanked the donors. Later Bill Maran left for Iowa. "
        "Joan Maran was not there. Mr. Maran said the tour would go on. Mr. Maran smiled. Mrs. Maran "
        "stayed at home.",
        "Bill Maran",
        "Mrs. Maran",
    ),
    # a noun in apposition tells her sex: the president named only by title is not her
    (
        "Mr. Mensah spoke in Accra on Monday. The campaign will send Mr. Mensah and the first lady, "
        "Ama Mensah, to Kumasi next week.",
        "Ama Mensah",
        "Mr. Mensah",
    ),
]


@pytest.mark.parametrize("text, name, never", NOT_THEIR_TITLE)
def test_a_title_of_the_other_sex_is_never_an_alias(extract, text, name, never):
    rows = {row["name"]: row for row in extract(text)["actors"]}
    assert name in rows, sorted(rows)
    assert never not in rows[name]["aliases"], rows[name]


# text, two names that must be in two different rows
NEVER_MERGED = [
    # two given names that are not one name's forms
    ("Robert Kiprono and Richard Kiprono, his cousin, ran the farm.", "Robert Kiprono", "Richard Kiprono"),
    # a team named like the first word of a nickname is not that person's given name
    (
        '"Thank you, Mets Poet," she said after the game. The Mets won again, and the Mets fans cheered.',
        "Mets Poet",
        "Mets",
    ),
    # a title's sex tells two people apart
    ("Mrs. Lee said the school had closed. Mr. Lee said he had not been told.", "Mrs. Lee", "Mr. Lee"),
    (
        "Mme. Diallo said the market was calm, and M. Diallo's brother agreed. Mr. Diallo left.",
        "Mme. Diallo",
        "Mr. Diallo",
    ),
    # a woman the article tells of ('the first lady', 'she') is never a Mr. of her surname
    (
        "Michelle Abara, the first lady, visited the school. She read to the children. Mr. Abara "
        "spoke later at the palace.",
        "Michelle Abara",
        "Mr. Abara",
    ),
    (
        "Joan Ferro opened the bridge on Monday. She cut the ribbon herself. Mr. Ferro watched.",
        "Joan Ferro",
        "Mr. Ferro",
    ),
    # 'his brother' tells the other bearer of the surname is a man: 'Mrs.' is neither
    (
        "Samuel Oduya won the seat. His brother, Peter Oduya, ran the campaign. Mrs. Oduya voted early.",
        "Samuel Oduya",
        "Mrs. Oduya",
    ),
    # two people sharing a surname: the surname alone is an alias of neither
    (
        "Senator Bill Nelson met Dr. Alondra Nelson at the White House. Nelson said the budget was set.",
        "Bill Nelson",
        "Alondra Nelson",
    ),
    ("Prof. Wang Li and her sister Wang Fang spoke at the forum in Wuhan.", "Wang Li", "Wang Fang"),
    # two people of one name in either order named in one clause; a parent after 'born to'
    ("Li Wei met Wei Li, his cousin, in Shanghai.", "Li Wei", "Wei Li"),
    ("Sara Haile, born to Daniel Haile, a farmer, grew up in Gondar.", "Sara Haile", "Daniel Haile"),
    (
        "Carlos Mendoza, known to friends as a quiet man, met Luis Mendoza in Lima.",
        "Carlos Mendoza",
        "Luis Mendoza",
    ),
    # a shorter name before the longer one in the same sentence names another organisation
    (
        "Wanjiru Kamau studied at the Kenya Institute in Nairobi, as well as at the Kenya Institute of Mass Communication.",
        "Kenya Institute",
        "Kenya Institute of Mass Communication",
    ),
    # a middle initial tells two people apart
    ("George H. W. Bush and George W. Bush both spoke.", "George H. W. Bush", "George W. Bush"),
    # an organisation is never a person's row
    ("The Tata Group bought the airline, and Ratan Tata called it a homecoming.", "Tata Group", "Ratan Tata"),
    # a curated actor never becomes a form of a longer name
    (
        "The United Nations Industrial Development Organization met. The United Nations said it would help.",
        "United Nations Industrial Development Organization",
        "United Nations",
    ),
]


@pytest.mark.parametrize("text, one, other", NEVER_MERGED)
def test_two_actors_are_never_one_row(extract, text, one, other):
    rows = extract(text)["actors"]
    holding = {n: [r["actor_id"] for r in rows if n in [r["name"], *r["aliases"]]] for n in (one, other)}
    assert holding[one] and holding[other], rows
    assert not set(holding[one]) & set(holding[other]), rows
    if one.endswith("Nelson"):
        assert all("Nelson" not in r["aliases"] for r in rows), rows


# --- titles and roles -----------------------------------------------------------------------
# text, name, role
ROLES = [
    ("Gen. Abdel Fattah al-Burhan said the army would not negotiate.", "Abdel Fattah al-Burhan", "Gen."),
    ("Dr. Priya Raman of the Indian Institute of Science said the data were sound.", "Priya Raman", "Dr."),
    (
        "Foreign ministry spokeswoman Maria Zakharova said Moscow would respond.",
        "Maria Zakharova",
        "spokeswoman",
    ),
    ("European Commission President Ursula von der Leyen visited Kyiv.", "Ursula von der Leyen", "President"),
    ("Pope Francis met Patriarch Kirill in Havana.", "Kirill", "Patriarch"),
    ("Prime Minister Shehbaz Sharif said Pakistan would rebuild.", "Shehbaz Sharif", "Prime Minister"),
    ("Mrs. Okafor said the school had closed.", "Okafor", None),  # a form of address is no role
    # a role never runs across a line break
    (
        "The film was made by Spanish\n            director Pedro Almodovar, a founder of the studio\nand its head.",
        "Pedro Almodovar",
        "director",
    ),
    # a role given after the name ends where a clause begins
    (
        "Malkia Cyril, executive director at the Center for Media Justice and whose group organised the march, spoke.",
        "Malkia Cyril",
        "executive director at the Center for Media Justice",
    ),
    # an occupation before a name, capitalised at the start of a sentence, is a role
    ("Mathematician Chen Jingrun proved the theorem in 1966.", "Chen Jingrun", "Mathematician"),
    # a given name that is also a rank of nobility stays the name
    ("Governor Earl Ray Tomblin signed the bill.", "Earl Ray Tomblin", "Governor"),
    # a dateline joined to the name by a dash is not part of the name
    ("NAIROBI, Kenya–President William Ruto said the talks would resume.", "William Ruto", "President"),
]


@pytest.mark.parametrize("text, name, role", ROLES)
def test_titles_are_roles_not_names(extract, text, name, role):
    rows = {row["name"]: row for row in extract(text)["actors"]}
    assert name in rows, sorted(rows)
    assert rows[name]["role"] == role


# --- the lookups quotes and figures use ------------------------------------------------------
# text, name looked up, the name of the actor found (None: no actor)
FIND = [
    (
        "Scott K. Walker, the governor, signed the budget. Mr. Walker said more cuts would come.",
        "Mr. Walker",
        "Scott K. Walker",
    ),
    ("Scott K. Walker, the governor, signed the budget.", "Gov. Walker", "Scott K. Walker"),
    ("Mrs. Lee said the school had closed. Mr. Lee said he had not been told.", "Mrs. Lee", "Lee"),
    ("Hillary Clinton spoke. Mrs. Clinton said the plan would work.", "Mrs. Clinton", "Hillary Clinton"),
    ("Senator Bill Nelson met Dr. Alondra Nelson at the White House.", "Nelson", None),
    ("Senator Bill Nelson met Dr. Alondra Nelson at the White House.", "Dr. Nelson", None),
    ("Kim Jong-un inspected a missile base.", "Kim", "Kim Jong-un"),
]


@pytest.mark.parametrize("text, name, found", FIND)
def test_find_by_any_form(parse, gazetteer, text, name, found):
    from newsfacts.extract.place_names import looks_like_place

    index = extract_actors(parse(text), gazetteer, is_place=looks_like_place)
    actor = index.find(name)
    assert (actor.name if actor else None) == found
    if name == "Mrs. Lee":
        assert actor is not None and "Mrs. Lee" in actor.aliases


def test_actors_do_not_import_places():
    """The places extractor's test is handed in (extract_rows), never imported: dependencies
    between extractors run through extract/__init__.py."""
    import ast
    from pathlib import Path

    import newsfacts.extract.actors as actors

    modules = sorted(Path(actors.__file__).parent.glob("actor*.py"))
    assert len(modules) >= 6  # actors.py and its parts: the guard reads them all
    for module in modules:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        places = {"newsfacts.extract.locations", "newsfacts.extract.geocode", "newsfacts.extract.place_names"}
        assert not places & imported, module.name


def test_one_titles_list_for_actors_and_quotes():
    from newsfacts.extract import speakers
    from newsfacts.extract.names import titles

    assert speakers.words().titles == titles().words  # what the quotes extractor trims off a speaker
    assert {"gen.", "dr.", "spokeswoman", "president", "mrs."} <= titles().words


# a row's names are clean: the schema rejects what issue 12 saw ('NTS Realty Holdings Limited
# Partnership\n' as an alias failed a whole run)
GOOD_ROW = {
    "doc_id": "d1",
    "actor_id": "nts-realty-holdings-limited-partnership",
    "name": "NTS Realty Holdings Limited Partnership",
    "aliases": ["NTS Realty"],
    "type": "organisation",
    "role": None,
    "start": 0,
    "end": 39,
    "mentions": 1,
    "sentence": "NTS Realty Holdings Limited Partnership",
}


@pytest.mark.parametrize(
    "changes, check",
    [
        ({"name": "NTS Realty Holdings Limited Partnership\n"}, "str_matches"),
        ({"name": " Felix Marquez"}, "str_matches"),
        ({"name": "Felix\u0085Marquez"}, "str_matches"),
        ({"aliases": ["Felix Marquez AP Photo\n\n"]}, "aliases_well_formed"),
        ({"aliases": ["NTS Realty", "NTS "]}, "aliases_well_formed"),
        ({"aliases": ["NTS\tRealty"]}, "aliases_well_formed"),
        ({"role": "Prime Minister\n"}, "str_matches"),
    ],
)
def test_the_schema_rejects_names_that_are_not_clean(changes, check):
    from newsfacts.tables import to_arrow
    from newsfacts.validate import check_schema

    assert check_schema("actors", to_arrow("actors", [GOOD_ROW])) == []
    problems = check_schema("actors", to_arrow("actors", [dict(GOOD_ROW, **changes)]))
    assert any(check in p.check for p in problems), [str(p) for p in problems]


def test_a_school_by_its_town_is_the_school_only_where_the_text_speaks_of_the_school(extract):
    tables = extract(
        "The University of Ibadan opened in 1948. He studied at Ibadan and later lived in Ibadan."
    )
    school = next(r for r in tables["actors"] if r["name"] == "University of Ibadan")
    assert school["aliases"] == ["Ibadan"] and school["mentions"] == 2
    assert [r["name"] for r in tables["locations"]] == ["Ibadan"]  # 'lived in Ibadan': the city


# text, the person named right after a noun only people are, where spaCy labels nothing
AFTER_PERSON_NOUNS = [
    ("He sent the proofs privately to his friend Honoré Marchand in Lyon.", "Honoré Marchand"),
    ("Wikinews interviews Kenyan economist and author Wanjiku Kibet Tuesday.", "Wanjiku Kibet"),
    ("The lab was run by her colleague Sipho Mthembu Ndlovu for years.", "Sipho Mthembu Ndlovu"),
]


@pytest.mark.parametrize("text, name", AFTER_PERSON_NOUNS)
def test_an_unlabelled_name_after_a_person_noun_is_a_person(parse, text, name):
    from newsfacts.extract.missed_names import named_after_a_person_noun
    from newsfacts.extract.names import lexicon

    doc = parse(text)
    doc.ents = [e for e in doc.ents if e.label_ not in ("PERSON", "ORG")]  # as if spaCy had missed the name
    found = named_after_a_person_noun(doc, lexicon())
    assert [(m.canonical, m.type) for m in found] == [(name, "person")]


def test_an_organisation_label_after_a_companion_noun_is_a_person(extract):
    rows = extract("He sent the proofs to his friend Honoré Marchand. Marchand printed them.")["actors"]
    assert [(r["name"], r["type"]) for r in rows] == [("Honoré Marchand", "person")]


# a one-word name spaCy calls an organisation, named once, with no cue word of a body and
# nothing in its sentence that makes it act: a language, a product, a thing someone has
NO_SIGN_OF_ACTING = [
    ("She learnt Volapük as a girl and later taught Kotava to her students in Accra.", "Kotava"),
    ("Mwangi kept his Stanford diploma in a drawer in Mombasa.", "Stanford"),
    # a one-word name spaCy calls a person, after another person's possessive, before the noun it
    # names: that person's work
    ("In 2018 he appeared in Steven Okafor's Jonah prequel, shot in Lagos.", "Jonah"),
    # several words, one the text also writes in lower case: a product, not a firm
    (
        "Farmers near Arusha prefer Green Harvest Blend, a mix of seeds, because the blend needs less water.",
        "Green Harvest Blend",
    ),
]
# the same kind of name where the text makes it act: where someone works, a headline's subject
SIGNS_OF_ACTING = [
    ("Nakamura worked for Koyoshi before she moved to Sapporo in 2011.", "Koyoshi"),
    ("Globenews interviews Amara Obi, the mayor of Enugu", "Globenews"),
    # a title with its own 'The' that writes, mid-sentence
    ("Readers in Accra wonder how The Ladle writes its stories.", "Ladle"),
    # a body that owns something or does what a passive says, whatever town has its name
    ("Traders in Lagos welcomed Google's decision to open an office in the city.", "Google"),
    ("The app, now owned by Google, is popular in Jakarta.", "Google"),
    # a body people work for, however common its words
    (
        "The engineers of Kisumu Silver Holdings met the governor, and a spokesman for Lakeview "
        "Copper Mines declined to comment.",
        "Lakeview Copper Mines",
    ),
]


@pytest.mark.parametrize("text, name", NO_SIGN_OF_ACTING)
def test_a_name_with_no_sign_of_acting_is_no_actor(extract, text, name):
    assert name not in {n for row in extract(text)["actors"] for n in [row["name"], *row["aliases"]]}


@pytest.mark.parametrize("text, name", SIGNS_OF_ACTING)
def test_a_name_the_text_makes_act_is_an_actor(extract, text, name):
    assert name in {row["name"] for row in extract(text)["actors"]}


# a body's common noun written as a name after 'the' or 'this' inside a sentence is the body the
# text is about, whatever town has the name; an office's noun only where it acts; a common word
# that is no body's noun stays no actor
NAMED_BODIES = [
    (
        "Okonkwo sent the draft to the Academy, and the Academy rejected it within a week.",
        "Academy",
        "organisation",
    ),
    (
        "The ministers of Ghana met in Accra. The responsibility now rests upon this Assembly, which must vote by Friday.",
        "Assembly",
        "government",
    ),
    # spaCy left them unlabelled
    (
        "Mr. Tanaka handed direction of the Government to his deputy, and the new Administration promised reform in Osaka.",
        "Government",
        "government",
    ),
    (
        "Mr. Tanaka handed direction of the Government to his deputy, and the new Administration promised reform in Osaka.",
        "Administration",
        "government",
    ),
    ("Rahman said his use of the Presidency in Dhaka had been lawful.", "Presidency", None),
]


@pytest.mark.parametrize("text, name, actor_type", NAMED_BODIES)
def test_a_bodys_noun_written_as_a_name_is_that_body(extract, text, name, actor_type):
    rows = rows_named(extract, text)
    if actor_type is None:
        assert name not in rows, rows.get(name)
        return
    assert name in rows, sorted(rows)
    assert rows[name]["type"] == actor_type


# a town after a comma where addresses put one (after a place, or after a person at the end of a
# signed line) is a place, not a person; a word that owns or does something stays a person
PLACES_AFTER_A_COMMA = [
    ("Ana Folau was born in Nuku'alofa, Tonga, and grew up in Exeter, Devon.", "Devon", None),
    ("The fuel price is a disgrace and nobody listens to us.\n― Amina Yusuf, Kano", "Kano", None),
    ("The fuel price is a disgrace and nobody listens to us.\n― Amina Yusuf, Kano", "Amina Yusuf", "person"),
    ("Goran Petrovic grew up in Kibbutz Kinneret, Tiberias, before he moved to Haifa.", "Tiberias", None),
    (
        "It was hard to reach a decision on Obama, Obama's adviser Li Wen told reporters in Beijing.",
        "Obama",
        "person",
    ),
]


@pytest.mark.parametrize("text, name, actor_type", PLACES_AFTER_A_COMMA)
def test_a_town_after_a_comma_of_an_address_is_a_place(extract, text, name, actor_type):
    rows = rows_named(extract, text)
    if actor_type is None:
        assert name not in rows, rows.get(name)
        return
    assert name in rows, sorted(rows)
    assert rows[name]["type"] == actor_type


# a country's government named '<Government> of <the state's name>' is the country's government,
# one row with its other names; a person's office 'of' a country does not make the country act
GOVERNMENTS_OF = [
    (
        "The Government of the Republic of Ghana will repay the loan, and the Ghanaian Government has told lenders in Accra.",
        "Ghana",
        ["Government of the Republic of Ghana", "Ghanaian Government"],
    ),
    (
        "Ministers of the Government of Peru met the Government of the Plurinational State of Bolivia in La Paz.",
        "Bolivia",
        ["Government of the Plurinational State of Bolivia"],
    ),
    (
        "Ministers of the Government of Peru met the Government of the Plurinational State of Bolivia in La Paz.",
        "Peru",
        [],
    ),
]


@pytest.mark.parametrize("text, name, aliases", GOVERNMENTS_OF)
def test_the_government_of_a_country_is_that_countrys_government(extract, text, name, aliases):
    rows = {row["name"]: row for row in extract(text)["actors"]}
    assert name in rows, sorted(rows)
    assert rows[name]["type"] == "government"
    assert set(aliases) <= set(rows[name]["aliases"])


def test_a_persons_office_of_a_country_does_not_make_the_country_act(extract):
    rows = {
        row["name"] for row in extract("The President of Peru visited the Government of Chile.")["actors"]
    }
    assert "Peru" not in rows and "Chile" in rows
    assert "Government of National Unity" in {
        row["name"] for row in extract("The Government of National Unity met in Tripoli.")["actors"]
    }


def test_a_team_by_its_town_is_the_team_only_where_someone_plays_for_it(extract):
    rows = rows_named(
        extract,
        "Sun Wei signed for Guangzhou Evergrande in 2014, debuted for Guangzhou a month later and "
        "bought a flat in Guangzhou.",
    )
    team = rows["Guangzhou Evergrande"]
    assert "Guangzhou" in team["aliases"]
    assert team["mentions"] == 2  # 'in Guangzhou' is the city
    school = rows_named(extract, "Priya Nair studied at Boston University and later worked in Boston.")
    assert "Boston" not in school


# names spaCy calls a person's that are no one's: a work someone writes as their own, one plural
# of a title or occupation
NO_PERSONS = [
    ("In 1891 he wrote his Moravia Trio, one of his most successful chamber works.", "Moravia Trio"),
    ("Later he wrote his Stefan Serenade, which premiered in Prague.", "Stefan Serenade"),
    ("In 1902 she wrote her Anna Karenova, a song cycle.", "Anna Karenova"),
    (
        "We have had too many years of Harvard elites and Professors immersed in theory, Okafor said.",
        "Professors",
    ),
]


@pytest.mark.parametrize("text, name", NO_PERSONS)
def test_a_work_or_a_plural_spacy_calls_a_person_is_no_one(extract, text, name):
    rows = rows_named(extract, text)
    assert name not in rows, rows.get(name)


def test_a_relative_someone_writes_to_is_still_a_person(extract):
    rows = rows_named(extract, "She wrote her sister Amaka a letter.")
    assert "Amaka" in rows and rows["Amaka"]["type"] == "person"


# a body in one of its terms is the body: one row, the term's name an alias
TERMS_OF_A_BODY = [
    ("Today we start the work of the 119th Congress.", "Congress", "119th Congress"),
    ("The bill died with the 110th Congress.", "Congress", "110th Congress"),
]


@pytest.mark.parametrize("text, name, alias", TERMS_OF_A_BODY)
def test_a_body_in_one_of_its_terms_is_the_body(extract, text, name, alias):
    rows = {row["name"]: row for row in extract(text)["actors"]}
    assert name in rows, sorted(rows)
    assert alias in rows[name]["aliases"] and rows[name]["type"] == "government"


# a title after a work's noun keeps its own 'The'; a title and a common noun after 'of the' is
# no body's name, while a body's cue word may be written in lower case
NOT_BODIES = [
    ("She later played in the film The Wedding Party, shot in Abuja.", "Wedding Party", None),
    ("From 1921 Tanaka served as Rector of the university in Kyoto.", "Rector of the university", None),
    # what a treaty is on is part of its title
    (
        "States that signed the Treaty on the Non-Proliferation of Nuclear Weapons met in Vienna.",
        "Non-Proliferation of Nuclear Weapons",
        None,
    ),
    (
        "The chair of the House of Commons trade committee said Parliament would vote in Ottawa.",
        "House of Commons trade committee",
        "government",
    ),
]


@pytest.mark.parametrize("text, name, actor_type", NOT_BODIES)
def test_a_title_or_a_common_noun_phrase_is_no_body(extract, text, name, actor_type):
    rows = rows_named(extract, text)
    if actor_type is None:
        assert name not in rows, rows.get(name)
        return
    assert name in rows, sorted(rows)
    assert rows[name]["type"] == actor_type


# a school named like a town, a campus or an airport is the school
SCHOOLS_NAMED_LIKE_PLACES = [
    ("He taught at Ohio State University until 1961.", "Ohio State University"),
    (
        "Mendoza grew up in Texas, in San Antonio. He planned to attend the University of Texas after graduating from high school.",
        "University of Texas",
    ),
]


@pytest.mark.parametrize("text, name", SCHOOLS_NAMED_LIKE_PLACES)
def test_a_school_named_like_a_place_is_the_school(extract, text, name):
    rows = rows_named(extract, text)
    assert name in rows and rows[name]["type"] == "organisation", sorted(rows)
