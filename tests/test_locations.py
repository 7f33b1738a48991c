"""Locations: found, matched through spelling variants, disambiguated, kept when unknown."""

from __future__ import annotations

import re

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


# --- issue 17: the classes that go wrong on other outlets' reporting --------------------------
# Each case: a sentence written for this test, a name as written, and what its row must say:
# the country, the first-level region's name (or None), and a point within `km` of the place.


def _km(lat1, lon1, lat2, lon2):
    import math

    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(min(1.0, math.sqrt(h)))


# text, name, country, latitude, longitude, within km
NAMESAKES = [
    # a prominent place beats a small namesake in a country the article names
    (
        "The London-based insurer said claims in Ohio and Texas rose sharply.",
        "London",
        "GB",
        51.51,
        -0.13,
        25,
    ),
    (
        "EDMONTON, Ky. (AP) — Fire crews from Metcalfe County fought a barn blaze overnight.",
        "EDMONTON",
        "US",
        36.98,
        -85.61,
        25,
    ),
    (
        "Police in London, Ontario, said Western Fair would stay closed; Toronto police helped.",
        "London",
        "CA",
        42.98,
        -81.23,
        25,
    ),
    ("Officials in Paris and Lyon said France would send more police.", "Paris", "FR", 48.85, 2.35, 25),
    ("A tornado damaged homes in Paris, Texas, on Monday.", "Paris", "US", 33.66, -95.56, 25),
    ("Voters in Georgia, Ohio and Pennsylvania queued for hours.", "Georgia", "US", 32.8, -83.2, 161),
    (
        "Tbilisi said Georgia would join the talks with Armenia and Azerbaijan.",
        "Georgia",
        "GE",
        42.0,
        43.5,
        161,
    ),
    ("Ontario's premier said Toronto and Ottawa would share the money.", "Ontario", "CA", 50.0, -85.0, 161),
    ("Officials in Washington said the president would sign the bill.", "Washington", "US", 38.9, -77.04, 25),
    ("Aleppo was shelled again as talks in Geneva stalled.", "Aleppo", "SY", 36.2, 37.16, 25),
    ("Floods hit Kano and Kaduna in northern Nigeria.", "Kano", "NG", 12.0, 8.52, 25),  # Africa
    (
        "Protests spread from Santiago to Valparaiso, Chile's main port.",
        "Santiago",
        "CL",
        -33.46,
        -70.65,
        25,
    ),  # South America
    (
        "Cyclone shelters opened in Townsville and Cairns, Queensland officials said.",
        "Cairns",
        "AU",
        -16.92,
        145.77,
        25,
    ),  # Oceania
    (
        "Rescuers reached Chengdu, the capital of Sichuan province.",
        "Chengdu",
        "CN",
        30.67,
        104.07,
        25,
    ),  # Asia
    ("Flights to Heathrow were cancelled as fog covered London.", "Heathrow", "GB", 51.47, -0.46, 25),
]


@pytest.mark.parametrize("text, name, country, lat, lon, km", NAMESAKES)
def test_namesakes_read_as_the_article_means(extract, text, name, country, lat, lon, km):
    row = places_of(extract, text)[name]
    assert row["country_code"] == country, row
    assert _km(row["latitude"], row["longitude"], lat, lon) <= km, row


# text, abbreviation or dateline as written, country, latitude, longitude, within km
ABBREVIATIONS = [
    ("PEORIA, Ill. — The plant will close in March, the company said.", "Ill.", "US", 40.0, -89.2, 800),
    ("PEORIA, Ill. — The plant will close in March, the company said.", "PEORIA", "US", 40.69, -89.59, 25),
    ("A Richmond, Va., jury convicted the man on Friday.", "Va.", "US", 37.5, -78.8, 800),
    ("A Richmond, Va., jury convicted the man on Friday.", "Richmond", "US", 37.55, -77.46, 25),
    ("Sen. Ben Cardin (D-Md.) said the bill would pass.", "Md.", "US", 39.0, -76.8, 800),
    ("Fires spread near Sacramento, Calif., on Sunday.", "Calif.", "US", 37.2, -119.5, 800),
    ("The Newark, N.J., airport reopened.", "N.J.", "US", 40.2, -74.5, 800),
    ("Two Vancouver, B.C., men were charged.", "B.C.", "CA", 54.0, -125.0, 800),
    ("Bushfires closed roads west of Sydney, NSW, on Tuesday.", "NSW", "AU", -32.0, 147.0, 800),
    (
        "BEIRUT (AP) — Lebanese troops deployed along the southern border on Sunday.",
        "BEIRUT",
        "LB",
        33.89,
        35.5,
        25,
    ),
    (
        "MEXICO CITY — The central bank raised rates again on Thursday.",
        "MEXICO CITY",
        "MX",
        19.43,
        -99.13,
        25,
    ),
    ("NEW DELHI, India — Monsoon rains flooded several districts.", "NEW DELHI", "IN", 28.64, 77.22, 25),
    ("NAIROBI, Kenya (Reuters) - Kenya's central bank held rates.", "NAIROBI", "KE", -1.28, 36.82, 25),
    ("ST. LOUIS (AP) — A judge blocked the new rule on Monday.", "ST. LOUIS", "US", 38.63, -90.2, 25),
]


@pytest.mark.parametrize("text, name, country, lat, lon, km", ABBREVIATIONS)
def test_abbreviations_and_datelines(extract, text, name, country, lat, lon, km):
    row = places_of(extract, text)[name]
    assert row["country_code"] == country, row
    assert _km(row["latitude"], row["longitude"], lat, lon) <= km, row


# text, the whole name, country
WHOLE_NAMES = [
    ("Relief flights reached the U.S. Virgin Islands on Friday.", "U.S. Virgin Islands", "VI"),
    ("Peacekeepers left Bosnia and Herzegovina in 2004.", "Bosnia and Herzegovina", "BA"),
    ("Trade with Trinidad and Tobago grew last year.", "Trinidad and Tobago", "TT"),
    ("Wildfires burned near Fort St. John in northern British Columbia.", "Fort St. John", "CA"),
    ("Aid reached Papua New Guinea after the quake.", "Papua New Guinea", "PG"),
    # Portuguese, Spanish and Italian connectors inside a name
    ("Two cases were confirmed in Rio Grande do Sul, Parana and Bahia.", "Rio Grande do Sul", "BR"),
    ("Floods cut the roads around Mato Grosso do Sul on Monday.", "Mato Grosso do Sul", "BR"),
]


@pytest.mark.parametrize("text, name, country", WHOLE_NAMES)
def test_names_are_whole(extract, text, name, country):
    places = places_of(extract, text)
    assert name in places, sorted(places)
    assert places[name]["country_code"] == country


@pytest.mark.parametrize(
    "text",
    [
        "Showing Comfort\n\u00a0\nThe shelter in Homs opened its doors to families from Idlib.",
        "Rescue teams flew from New\nYork to Port-au-Prince.",
        "The convoy left Kabul\r\nfor Kandahar on Monday.",
        "Crews in Manila \u2028 and Cebu cleared roads.",
    ],
)
def test_names_stay_on_one_line(extract, text):
    rows = extract(text)["locations"]
    assert rows
    for row in rows:
        for name in [row["name"], *row["aliases"]]:
            assert name == name.strip() and not re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", name), row
        assert text[row["start"] : row["end"]] == row["name"]


# text, name, latitude, longitude, within km: countries at GeoNames' point, and places that had
# no coordinates (counties, seas, lakes, islands, continents)
COORDINATES = [
    ("Canada sent troops.", "Canada", 60.11, -113.64, 50),
    ("The United States sent aid.", "United States", 39.76, -98.5, 50),
    ("Deputies in Metcalfe County found the car.", "Metcalfe County", 37.0, -85.63, 50),
    ("Fishermen on Lake Victoria were rescued.", "Lake Victoria", -1.0, 33.0, 161),
    ("A cyclone formed in the Indian Ocean.", "Indian Ocean", -10.0, 75.0, 800),
    ("Migrants landed on Sicily overnight.", "Sicily", 37.6, 14.2, 161),
    ("Storms battered Luzon and Mindanao.", "Luzon", 16.0, 121.0, 161),
    ("Growth slowed across Africa.", "Africa", 7.19, 21.09, 50),
    ("Ships crossed the Strait of Gibraltar.", "Strait of Gibraltar", 35.97, -5.5, 50),
]


@pytest.mark.parametrize("text, name, lat, lon, km", COORDINATES)
def test_places_get_the_reference_point(extract, text, name, lat, lon, km):
    row = places_of(extract, text)[name]
    assert row["latitude"] is not None, row
    assert _km(row["latitude"], row["longitude"], lat, lon) <= km, row


# text, a name that must not be a location
NOT_PLACES_NAMED_LIKE_PLACES = [
    ("Hurricane Matthew struck Haiti on Tuesday.", "Matthew"),
    ("Typhoon Haiyan killed thousands in the Philippines.", "Haiyan"),
    ("The Ebola outbreak in Guinea spread to Liberia.", "Ebola"),
    ("West Nile virus cases rose in Texas this summer.", "West Nile"),
    ("Health officials confirmed Zika in Brazil.", "Zika"),
    ("The Calgary Flames beat the Edmonton Oilers 4-2 on Saturday.", "Calgary"),
    ("Toronto FC signed a new striker from Spain.", "Toronto"),
    ("His daughters, Malia and Sasha, joined him at the ceremony.", "Malia"),
    # a small town's name that acts, or that only resembles a town's, is a person's
    ('Farmers in Iowa start picking in May. "We pack the first boxes in week 19," Conrad says.', "Conrad"),
    ("Rodney Cox and his wife, Nina, live in Hugo, Oklahoma.", "Nina"),
    # a person's name after a weak locative stays a person's
    ("She sent a letter to the Pope asking for peace in Syria.", "Pope"),
]


@pytest.mark.parametrize("text, name", NOT_PLACES_NAMED_LIKE_PLACES)
def test_not_places_named_like_places(extract, text, name):
    for row in extract(text)["locations"]:
        assert name not in [row["name"], *row["aliases"]], row


# text, name, kind, country (None: no coordinates needed)
SITES = [
    ("Flights left Heathrow for Nairobi after the fog lifted.", "Heathrow", "site", "GB"),
    (
        "He landed at Toronto Pearson International Airport late on Friday.",
        "Toronto Pearson International Airport",
        "site",
        "CA",
    ),
    ("The boy was taken to St. Mary's Hospital in Paddington.", "St. Mary's Hospital", "site", None),
    ("Fans queued outside the Scotiabank Arena for hours.", "Scotiabank Arena", "site", None),
    ("Tourists returned to Edinburgh Castle in June.", "Edinburgh Castle", "site", None),
    ("Traffic on the M25 was stopped after the crash.", "M25", "site", None),
    ("A truck overturned on Interstate 95 near Baltimore.", "Interstate 95", "site", None),
    ("Protesters gathered outside the White House on Sunday.", "White House", "site", "US"),
]


@pytest.mark.parametrize("text, name, kind, country", SITES)
def test_named_sites_are_places(extract, text, name, kind, country):
    places = places_of(extract, text)
    assert name in places, sorted(places)
    row = places[name]
    assert row["kind"] == kind
    if country is not None:
        assert row["country_code"] == country and row["latitude"] is not None


def test_every_mention_has_its_span(extract):
    text = "Aid reached Mosul on Monday. Mosul's hospitals were full, and in Al Mawsil there was no power."
    row = places_of(extract, text)["Mosul"]
    spans = [tuple(int(v) for v in span.split(":")) for span in row["mention_spans"]]
    assert [text[s:e] for s, e in spans] == ["Mosul", "Mosul", "Al Mawsil"]
    assert spans[0] == (row["start"], row["end"]) and row["mentions"] == 3


# text, name, country, latitude, longitude: a place the gazetteer lacks (or has only outside the
# region written after it) is placed within the place that encloses it
ENCLOSED = [
    (
        "Police raided a slaughterhouse in Balintawak, Quezon City, on Sunday.",
        "Balintawak",
        "PH",
        14.65,
        121.05,
    ),
    ("HOLLIDAY, Mo. (AP) — A barn fire killed 40 cows on Friday.", "HOLLIDAY", "US", 38.4, -92.2),
    ("Shelling hit the village of Foua in Idlib, Syria, on Monday.", "Foua", "SY", 35.93, 36.63),
    ("A bus crashed near Wedza, Zimbabwe, killing 12 people.", "Wedza", "ZW", -20.0, 30.0),
    ("A clinic opened in Zorgville, near Lima, Peru.", "Zorgville", "PE", -12.04, -77.03),
    # a town, its province and their country are no list: the province still qualifies the town
    ("A truck was stopped in Stroud, Ontario, Canada, late on Sunday.", "Stroud", "CA", 50.0, -85.0),
    # a part of the enclosing place in lower case between the preposition and it
    (
        "Two nurses at Kelderwick Hospital in central Dublin were tested.",
        "Kelderwick Hospital",
        "IE",
        53.33,
        -6.25,
    ),
    ("Cholera spread through Zorgmara camp in northern Kenya last week.", "Zorgmara", "KE", 1.0, 38.0),
    (
        "Doctors at the Marvenho Hospital in downtown Lima treated the boy.",
        "Marvenho Hospital",
        "PE",
        -12.04,
        -77.03,
    ),
    (
        "Nurses at Quellton Hospital in western Sydney were praised.",
        "Quellton Hospital",
        "AU",
        -33.87,
        151.21,
    ),
    ("The patient was flown to Zorvan Hospital in eastern Manila.", "Zorvan Hospital", "PH", 14.6, 120.98),
    # a participle before the preposition
    (
        "A clinic opened at Adam Zorgwick Hospital located in Medan, officials in Indonesia said.",
        "Adam Zorgwick Hospital",
        "ID",
        3.58,
        98.67,
    ),
    (
        "Doctors at the Marvenho Hospital situated near Goma treated the boy.",
        "Marvenho Hospital",
        "CD",
        -1.67,
        29.23,
    ),
    # a town the gazetteer has only outside the county or country a preposition puts it in
    ("Cholera was reported in the Nyala area of Kenya, officials in Nairobi said.", "Nyala", "KE", 1.0, 38.0),
    (
        "Cholera was reported in the Kisumu area of Tanzania, officials in Dodoma said.",
        "Kisumu",
        "TZ",
        -6.0,
        35.0,
    ),
    (
        "Dead birds were found in the Springfield area of Hampshire County, in West Virginia.",
        "Springfield",
        "US",
        39.34,
        -78.76,
    ),
    # an article before the enclosing place: 'in the Swat Valley'
    ("Helicopters landed in the tourist town of Kelam in the Swat Valley.", "Kelam", "PK", 35.2, 72.4),
    # a region's noun before the comma: 'X district, Y province'
    (
        "Farmers in Zorgwe district, Mashonaland East, lost their crops to the drought.",
        "Zorgwe",
        "ZW",
        -18.21,
        31.54,
    ),
    # a site named after its town, which the document names nowhere else: that town
    (
        "At the Ubay Community Hospital, doctors in the Philippines treated 14 children.",
        "Ubay Community Hospital",
        "PH",
        10.06,
        124.47,
    ),
    (
        "The passenger flew from Baghdad to Istanbul Ataturk International Airport.",
        "Istanbul Ataturk International Airport",
        "TR",
        41.01,
        28.95,
    ),
    ("Flights from Perth Airport to Sydney were cancelled.", "Perth Airport", "AU", -31.95, 115.86),
    # a site read as a namesake in another country than the well-known place its name starts with
    ("She was stopped at Bali airport with drugs bought in Australia.", "Bali airport", "ID", -8.4, 115.2),
]


# text, site, country: a site the gazetteer has keeps its reading when the town its name starts
# with is no well-known place of another country ('Pearson' is also a small town of Georgia, US)
SITES_KEPT = [
    (
        "He landed at Pearson International Airport, outside Toronto, after a flight from Atlanta.",
        "Pearson International Airport",
        "CA",
    ),
]


@pytest.mark.parametrize("text, name, country", SITES_KEPT)
def test_a_site_keeps_its_reading_beside_a_small_namesake(extract, text, name, country):
    row = places_of(extract, text)[name]
    assert row["country_code"] == country and row["match"] != "within"


@pytest.mark.parametrize("text, name, country, lat, lon", ENCLOSED)
def test_unknown_places_lie_within_the_place_named_with_them(extract, text, name, country, lat, lon):
    row = places_of(extract, text)[name]
    assert row["match"] == "within" and row["location_id"].startswith("name:")
    assert row["country_code"] == country
    assert abs(row["latitude"] - lat) < 0.5 and abs(row["longitude"] - lon) < 0.5


# text, place, country: an event named by its place ('the South Asia Earthquake') gives the place
EVENTS = [
    ("Aid reached the villages hit by the South Asia Earthquake last month.", "South Asia", None),
    ("Survivors of the Haiti Earthquake were rehoused in new camps.", "Haiti", "HT"),
    ("Relief agencies warned that the Sahel Drought would worsen this year.", "Sahel", None),
]


@pytest.mark.parametrize("text, name, country", EVENTS)
def test_an_event_named_by_its_place_gives_the_place(extract, text, name, country):
    row = places_of(extract, text)[name]
    assert row["country_code"] == country and row["latitude"] is not None
    assert text[row["start"] : row["end"]] == name


# text, name, country: an entity ending in its kind's noun is read as the bare name, and stays whole
KIND_NOUNS = [
    ("Heavy rain fell across Sumatra province on Monday.", "Sumatra province", "ID"),
    ("Landslides buried homes in Puge county, in Sichuan, on Saturday.", "Puge county", "CN"),
]


@pytest.mark.parametrize("text, name, country", KIND_NOUNS)
def test_a_kind_noun_after_a_name_is_read_as_a_hint(extract, text, name, country):
    row = places_of(extract, text)[name]
    assert row["country_code"] == country and row["latitude"] is not None
    assert text[row["start"] : row["end"]] == name


def test_an_unknown_place_falls_back_to_the_articles_one_country(extract):
    text = "A clinic opened in Zorgville last week. Doctors from Lima and Cusco staffed it, Peru's health ministry said."
    row = places_of(extract, text)["Zorgville"]
    assert row["match"] == "within" and row["country_code"] == "PE" and row["confidence"] == 0.3
    # with places in two countries there is no one country to fall back to
    text = "A clinic opened in Zorgville last week. Doctors from Lima and La Paz staffed it."
    row = places_of(extract, text).get("Zorgville")
    assert row is None or (row["latitude"] is None and row["match"] == "none")


# a list of regions spaCy reads only in part: every item the gazetteer knows as a region of the
# same country as its neighbours (or as a country) is a place
LISTED = [
    (
        "Hens must stay indoors in seven of the country's counties: Rogaland, Vestfold, Buskerud, "
        "Telemark, Østfold, Akershus and Oppland.",
        ["Rogaland", "Vestfold", "Buskerud", "Telemark", "Østfold", "Akershus", "Oppland"],
        "NO",
    ),
    (
        "The ministry sent teams to four provinces, Limpopo, Mpumalanga, Gauteng and KwaZulu-Natal, after the outbreak.",
        ["Limpopo", "Mpumalanga", "Gauteng", "KwaZulu-Natal"],
        "ZA",
    ),
    (
        "Vets culled flocks in Nandurbar and Dhule after the first cases.",
        ["Nandurbar", "Dhule"],
        "IN",
    ),
    (
        "The dead coots were found between Temryuk and Anapa on the coast.",
        ["Temryuk", "Anapa"],
        "RU",
    ),
]


@pytest.mark.parametrize("text, names, country", LISTED)
def test_every_region_of_a_list_is_a_place(extract, text, names, country):
    found = places_of(extract, text)
    assert [(n, found[n]["country_code"]) for n in names if n in found] == [(n, country) for n in names], (
        found
    )


@pytest.mark.parametrize(
    "text, name",
    [
        ("She thanked Rogaland, Vestfold and the whole team.", "the whole team"),
        ("Teams from Gauteng, Limpopo and Apple competed.", "Apple"),
    ],
)
def test_a_list_does_not_make_any_word_a_place(extract, text, name):
    assert name not in places_of(extract, text)


# a seat of government named for the government in it is no place; after a locative it is one
SEATS = [
    ("The Kremlin denied the report on Tuesday.", None),
    ("Downing Street said the talks would resume in March.", None),
    ("Aides discussed the tariffs at a White House meeting on Friday.", None),
    ("Zhongnanhai officials declined to comment.", None),
    ("Hundreds of people protested outside the Kremlin on Sunday.", "RU"),
    ("The president received the champions at the White House in June.", "US"),
]


@pytest.mark.parametrize("text, country", SEATS)
def test_a_seat_of_government_is_a_place_only_as_one(extract, text, country):
    rows = extract(text)["locations"]
    assert [r["country_code"] for r in rows if r["kind"] == "site"] == ([country] if country else []), rows


@pytest.mark.parametrize(
    "text, name",
    [
        ("The agency appealed for US$2.5 million to feed refugees in Chad.", "US"),
        ("Tickets cost HK$300 at the door in Kowloon.", "HK"),
        ("The miner paid A$40 million for the mine near Perth.", "A"),
    ],
)
def test_a_country_fused_to_a_currency_sign_is_no_place(extract, text, name):
    found = places_of(extract, text)
    assert name not in found and len(found) == 1, found


def test_an_unknown_place_lies_in_the_articles_own_city(extract):
    """The city an article names more often than any other is where its unknown sites lie."""
    text = (
        "Heavy rain flooded Mombasa on Monday. Officials in Mombasa said families living in "
        "Mwandoni Gardens had left their homes, and schools in Kenya stayed shut."
    )
    row, city = places_of(extract, text)["Mwandoni Gardens"], places_of(extract, text)["Mombasa"]
    assert row["match"] == "within" and row["confidence"] == 0.3
    assert (row["latitude"], row["longitude"]) == (city["latitude"], city["longitude"])
    # a region the gazetteer lacks is not put in a city
    text = "Mombasa was flooded. In Mombasa, aid came from the Zorgland region, officials in Kenya said."
    row = places_of(extract, text).get("Zorgland")
    assert row is None or row["latitude"] != city["latitude"]


# the article's own city is ranked among the cities of the country most of its places lie in: a
# city abroad named as often is no rival. text, unknown name, latitude, longitude of the city
FOCUS_CITIES = [
    (
        "A patient who had flown in from Paris was treated in Nairobi. Doctors in Nairobi said a "
        "second traveller from Paris had stayed with relatives living in Mwandoni Gardens, and "
        "clinics in Mombasa, Kisumu and Nakuru were warned, officials in Kenya said.",
        "Mwandoni Gardens",
        -1.28,
        36.82,
    ),
    (
        "Police in Leeds said the man had flown from Moscow. Detectives in Leeds said he was treated "
        "at Kelderwick Hospital after his return from Moscow, and searched houses in Bradford, "
        "Wakefield and Halifax, in England.",
        "Kelderwick Hospital",
        53.8,
        -1.55,
    ),
    (
        "Officials in Cebu said the boy had come from Tokyo. In Cebu, his family lived in Zorvana "
        "Heights, and relatives from Tokyo were traced to Iloilo, Bacolod and Dumaguete in the Philippines.",
        "Zorvana Heights",
        10.32,
        123.89,
    ),
    (
        "Health workers in Medellin said the sailor had flown from Miami. In Medellin the sick sailor "
        "was taken to Marvenho Hospital after a week in Miami, and clinics in Cali, Cartagena and "
        "Pereira in Colombia were told.",
        "Marvenho Hospital",
        6.25,
        -75.57,
    ),
]


@pytest.mark.parametrize("text, name, lat, lon", FOCUS_CITIES)
def test_the_articles_own_city_is_ranked_in_its_main_country(extract, text, name, lat, lon):
    row = places_of(extract, text)[name]
    assert row["match"] == "within" and row["confidence"] == 0.3, row
    assert _km(row["latitude"], row["longitude"], lat, lon) <= 25, row


# an unknown place of a story most of whose places lie in one state or province lies in it, not
# at the country's centre. text of the story (its unknown place 'Marvenho Gardens'), latitude and
# longitude of the region, within km
_IN_THE_REGION = (
    "Clinics in {towns} stayed open, and families living in Marvenho Gardens were told to boil "
    "water, officials in {region} said."
)
FOCUS_REGIONS = [
    (
        _IN_THE_REGION.format(towns="Charlottetown and Summerside", region="Prince Edward Island"),
        46.5,
        -63.2,
        50,
    ),
    (_IN_THE_REGION.format(towns="Pune, Nagpur and Nashik", region="Maharashtra"), 19.0, 76.4, 100),
    (
        _IN_THE_REGION.format(towns="Durban, Pietermaritzburg and Richards Bay", region="KwaZulu-Natal"),
        -29.1,
        30.9,
        100,
    ),
    (_IN_THE_REGION.format(towns="Seville, Malaga and Cordoba", region="Andalusia"), 37.4, -4.6, 100),
    # the region need not be named: its towns tell it (Arequipa, not Peru's centre)
    (_IN_THE_REGION.format(towns="Arequipa, Camana and Mollendo", region="Peru"), -16.1, -72.9, 150),
]


@pytest.mark.parametrize("text, lat, lon, km", FOCUS_REGIONS)
def test_an_unknown_place_lies_in_the_articles_main_region(extract, text, lat, lon, km):
    row = places_of(extract, text)["Marvenho Gardens"]
    assert row["match"] == "within" and row["confidence"] == 0.3, row
    assert _km(row["latitude"], row["longitude"], lat, lon) <= km, row


# a name the gazetteer lacks after a noun for a person and 'in' is that person, which spaCy often
# reads as a place; after another noun it stays a place. text, name, whether it is a place
PERSONS_AFTER_IN = [
    ("Kenya has a new hero in Eliud Kipchoge, officials in Nairobi said.", "Eliud Kipchoge", False),
    ("Brazil found a gifted striker in Marta Vieira before the match in Rio.", "Marta Vieira", False),
    ("India has a rising star in Smriti Mandhana, fans in Mumbai said.", "Smriti Mandhana", False),
    ("Canada has a world champion in Andre De Grasse, and Toronto celebrated.", "Andre De Grasse", False),
    ("Shelling hit a school in Kfraya and a market in Foua, in Idlib province.", "Kfraya", True),
]


@pytest.mark.parametrize("text, name, is_place", PERSONS_AFTER_IN)
def test_a_name_after_a_person_noun_and_in_is_the_person(extract, text, name, is_place):
    assert (name in places_of(extract, text)) is is_place


# regions coordinated before their plural noun, one of which spaCy may take for an adjective:
# text, names, country
REGIONS_BEFORE_THEIR_NOUN = [
    (
        "Most cases are in the Central Plateau and Artibonite regions, north of the capital.",
        ["Artibonite"],
        "HT",
    ),
    ("Cholera cases rose in the Ashanti and Volta regions this week.", ["Ashanti", "Volta"], "GH"),
    ("Aid reached the Amhara and Afar regions after the floods.", ["Amhara", "Afar"], "ET"),
    ("Storms hit the Bicol and Visayas regions.", ["Bicol", "Visayas"], "PH"),
]


@pytest.mark.parametrize("text, names, country", REGIONS_BEFORE_THEIR_NOUN)
def test_regions_before_their_noun_are_places(extract, text, names, country):
    found = places_of(extract, text)
    for name in names:
        assert found[name]["country_code"] == country and found[name]["kind"] == "region", found


# an organisation's entity that runs on over 'in' and a place: the place is a location of its own.
# spaCy does so now and then; the entity is set here as it sets it. text, the entity, the place
ENTITIES_OVER_IN = [
    (
        "Nurses at the Mercy Clinic of Ontario in Ottawa went on strike.",
        "the Mercy Clinic of Ontario in Ottawa",
        "Ottawa",
        "CA",
    ),
    (
        "He worked for the Central Bank of Kenya in Nairobi for years.",
        "the Central Bank of Kenya in Nairobi",
        "Nairobi",
        "KE",
    ),
    (
        "She taught at the Medical College of Punjab in Lahore.",
        "the Medical College of Punjab in Lahore",
        "Lahore",
        "PK",
    ),
    (
        "He studied at the Federal University of Parana in Curitiba.",
        "the Federal University of Parana in Curitiba",
        "Curitiba",
        "BR",
    ),
    (
        "She played with the Royal Academy of Music in London.",
        "the Royal Academy of Music in London",
        "London",
        "GB",
    ),
]


@pytest.mark.parametrize("text, entity, name, country", ENTITIES_OVER_IN)
def test_a_place_after_in_inside_an_organisations_entity_is_a_place(
    parse, gazetteer, text, entity, name, country
):
    doc = parse(text)
    start = text.index(entity)
    span = doc.char_span(start, start + len(entity), label="ORG")
    doc.set_ents([span], default="outside")
    rows = {row["name"]: row for row in extract_locations(doc, gazetteer).rows()}
    assert rows[name]["country_code"] == country, rows


# a company's name that only another name of a town leads to (GeoNames lists 'Google' among
# Topeka's names) is no place without a strong locative before it: text, name
COMPANIES_NAMED_LIKE_TOWNS = [
    ("Carmakers in Detroit and tech firms such as Google have tested driverless cars in Michigan.", "Google"),
    ("Phone makers such as Samsung cut prices in Seoul and Busan this year.", "Samsung"),
    ("Sportswear brands such as Nike opened shops in Kabul and Herat last year.", "Nike"),
    ("Card firms such as Visa raised fees in Bucharest and Cluj this spring.", "Visa"),
]


@pytest.mark.parametrize("text, name", COMPANIES_NAMED_LIKE_TOWNS)
def test_a_company_named_like_a_towns_other_name_is_no_place(extract, text, name):
    assert name not in places_of(extract, text)


# but a spelling of the place's own name, or a part of it, stays a place where spaCy calls it an
# organisation or a person: text, name, country
OWN_NAMES_KEPT = [
    ("The rebels said jets bombed Douma on Sunday, killing 23 people.", "Douma", "SY"),
    ("The army retook the centre of Marawi last week.", "Marawi", "PH"),
]


@pytest.mark.parametrize("text, name, country", OWN_NAMES_KEPT)
def test_a_spelling_of_a_places_own_name_stays_a_place(extract, text, name, country):
    assert places_of(extract, text)[name]["country_code"] == country


# a place the gazetteer lacks, listed with towns it knows that lie in one state or province,
# lies in that region: text, unknown name, latitude and longitude of the region, within km
_LISTED = "Bird flu was found in the villages of {unknown} and {town}, officials in {country} said."
LISTED_WITH_TOWNS = [
    (_LISTED.format(unknown="Zorgesti", town="Dudescu", country="Romania"), "Zorgesti", 45.1, 27.6, 60),
    (_LISTED.format(unknown="Zorvanpur", town="Bhiwandi", country="India"), "Zorvanpur", 19.0, 76.4, 100),
    (_LISTED.format(unknown="Zorgoro", town="Nyeri", country="Kenya"), "Zorgoro", -0.36, 36.96, 60),
    (
        _LISTED.format(unknown="Marvenbah", town="Wagga Wagga", country="Australia"),
        "Marvenbah",
        -32.0,
        147.0,
        100,
    ),
]


@pytest.mark.parametrize("text, name, lat, lon, km", LISTED_WITH_TOWNS)
def test_an_unknown_place_lies_in_the_region_of_the_towns_listed_with_it(extract, text, name, lat, lon, km):
    row = places_of(extract, text)[name]
    assert row["match"] == "within" and row["confidence"] == 0.5, row
    assert _km(row["latitude"], row["longitude"], lat, lon) <= km, row


# a town and its state inside a list of such pairs: the state still qualifies the town
# text, name, country, latitude, longitude
PAIRS_IN_LISTS = [
    (
        "The chain has stores in Lexington and Louisville, Kentucky, Richmond, Virginia, and Dayton, Ohio.",
        "Richmond",
        "US",
        37.55,
        -77.46,
    ),
    (
        "The miner has offices in Perth and Kalgoorlie, Western Australia, Newcastle, New South Wales,"
        " and Darwin.",
        "Newcastle",
        "AU",
        -32.93,
        151.78,
    ),
    (
        "Flights link Guelph and Kitchener, Ontario, Halifax, Nova Scotia, and Regina, Saskatchewan.",
        "Halifax",
        "CA",
        44.65,
        -63.57,
    ),
]


@pytest.mark.parametrize("text, name, country, lat, lon", PAIRS_IN_LISTS)
def test_a_state_after_a_town_in_a_list_still_qualifies_it(extract, text, name, country, lat, lon):
    row = places_of(extract, text)[name]
    assert row["country_code"] == country, row
    assert _km(row["latitude"], row["longitude"], lat, lon) <= 25, row


def test_states_in_a_list_do_not_qualify_each_other(extract):
    rows = places_of(extract, "Cases rose in Washington, Pennsylvania, Ohio and Oklahoma last week.")
    assert _km(rows["Washington"]["latitude"], rows["Washington"]["longitude"], 47.5, -120.5) <= 800
    assert rows["Oklahoma"]["kind"] == "region", rows["Oklahoma"]


# a name written twice, once with a hint (a flight, 'province'), is one name: it does not lend
# itself the support of its own second reading. text, name, country, latitude, longitude
REPEATED_NAMES = [
    (
        "A graduate from Edmonton studied in Wales. She will fly from Edmonton to Shanghai, a UK charity said.",
        "Edmonton",
        "GB",
        51.63,
        -0.06,
    ),
    (
        "A nurse from Hyderabad trained in Sukkur, Pakistan. She flew out of Hyderabad on Monday.",
        "Hyderabad",
        "PK",
        25.39,
        68.37,
    ),
]


@pytest.mark.parametrize("text, name, country, lat, lon", REPEATED_NAMES)
def test_a_repeated_name_does_not_support_itself(extract, text, name, country, lat, lon):
    row = places_of(extract, text)[name]
    assert row["country_code"] == country, row
    assert _km(row["latitude"], row["longitude"], lat, lon) <= 25, row


# 'X in Y', 'X located in Y' qualify as 'X, Y' does when Y is a region or country
# text, name, country, latitude, longitude, within km
QUALIFIED_AFTER_IN = [
    ("Dead ducks were found in Fulton County located in Illinois.", "Fulton County", "US", 40.47, -90.2, 161),
    ("Cholera cases rose in Santa Cruz in Bolivia last week.", "Santa Cruz", "BO", -17.79, -63.18, 800),
    ("Flood water reached Hyderabad in Sindh on Tuesday.", "Hyderabad", "PK", 25.39, 68.37, 25),
]


@pytest.mark.parametrize("text, name, country, lat, lon, km", QUALIFIED_AFTER_IN)
def test_a_region_after_in_qualifies_the_place_before_it(extract, text, name, country, lat, lon, km):
    row = places_of(extract, text)[name]
    assert row["country_code"] == country, row
    assert _km(row["latitude"], row["longitude"], lat, lon) <= km, row


# a place the gazetteer lacks, written as 'the X <place noun> of Y', lies within Y
# text, name, country, latitude, longitude
WITHIN_AFTER_A_PLACE_NOUN = [
    ("Gunmen attacked a market in the Ghazaliya district of Baghdad.", "Ghazaliya", "IQ", 33.34, 44.40),
    ("Cholera spread through the Mathare Valley area of Nairobi.", "Mathare Valley", "KE", -1.28, 36.82),
    ("Thieves sold phones in the Tepito neighbourhood of Mexico City.", "Tepito", "MX", 19.43, -99.13),
]


@pytest.mark.parametrize("text, name, country, lat, lon", WITHIN_AFTER_A_PLACE_NOUN)
def test_an_unknown_place_lies_within_the_place_after_its_noun(extract, text, name, country, lat, lon):
    row = places_of(extract, text)[name]
    assert row["match"] == "within", row
    assert row["country_code"] == country, row
    assert _km(row["latitude"], row["longitude"], lat, lon) <= 25, row


# 'X-based': a firm or a team is based in a city; a state or country of that name still wins
# where no city of the name is as prominent. text, name, kind, country, latitude, longitude, km
BASED_IN = [
    ("A New York-based squad met the informant in Rome.", "New York", "city", "US", 40.71, -74.01, 25),
    ("The Texas-based company opened an office in Lagos.", "Texas", "region", "US", 31.5, -99.3, 800),
    ("A UK-based charity flew tents to Kathmandu.", "UK", "country", "GB", 54.0, -2.0, 800),
    (
        "The Sydney-based insurer paid claims after floods in Fiji.",
        "Sydney",
        "city",
        "AU",
        -33.87,
        151.21,
        25,
    ),
]


@pytest.mark.parametrize("text, name, kind, country, lat, lon, km", BASED_IN)
def test_a_name_fused_to_based_is_read_as_its_city(extract, text, name, kind, country, lat, lon, km):
    row = places_of(extract, text)[name]
    assert (row["kind"], row["country_code"]) == (kind, country), row
    assert _km(row["latitude"], row["longitude"], lat, lon) <= km, row


# a place an organisation is named after is no location, but it tells where the article is
# text, name, country, latitude, longitude, within km, the organisation's place (no row)
ORGANISATIONS_TELL_WHERE = [
    (
        "Deputies in Hall County searched the farm, the Texas Department of Public Safety said.",
        "Hall County",
        "US",
        34.53,
        -100.68,
        161,
        "Texas",
    ),
    (
        "Flooding closed two schools in Springfield on Monday, Illinois State Police said.",
        "Springfield",
        "US",
        39.80,
        -89.64,
        25,
        "Illinois",
    ),
]


@pytest.mark.parametrize("text, name, country, lat, lon, km, organisation_place", ORGANISATIONS_TELL_WHERE)
def test_an_organisations_place_disambiguates_but_gives_no_row(
    extract, text, name, country, lat, lon, km, organisation_place
):
    rows = places_of(extract, text)
    assert organisation_place not in rows, rows
    assert rows[name]["country_code"] == country, rows[name]
    assert _km(rows[name]["latitude"], rows[name]["longitude"], lat, lon) <= km, rows[name]


# a part of a place the gazetteer lacks, named by a compass word ('North London'), lies within it
# text, name, country, latitude, longitude
COMPASS_PARTS = [
    ("Two men were stabbed in a street fight in North London.", "North London", "GB", 51.51, -0.13),
    ("Clinics closed in East Kampala as cholera spread in Uganda.", "East Kampala", "UG", 0.32, 32.58),
    ("Clinics in North Tehran reopened, Iranian media said.", "North Tehran", "IR", 35.69, 51.42),
    ("Bushfires burned in Western Sydney.", "Western Sydney", "AU", -33.87, 151.21),
]


@pytest.mark.parametrize("text, name, country, lat, lon", COMPASS_PARTS)
def test_a_compass_part_of_a_place_lies_within_it(extract, text, name, country, lat, lon):
    row = places_of(extract, text)[name]
    assert (row["match"], row["country_code"]) == ("within", country), row
    assert _km(row["latitude"], row["longitude"], lat, lon) <= 25, row


def test_a_compass_part_is_not_put_in_a_namesake_abroad(extract):
    rows = places_of(
        extract, "Cholera spread from the Central Plateau to Port-au-Prince and Gonaives in Haiti."
    )
    assert rows["Central Plateau"]["country_code"] in ("HT", None), rows["Central Plateau"]


# towns of two names of the document that lie side by side are read together (the Edinburgh
# Geoparser's clustering): text, name, country, latitude, longitude
NEIGHBOURS = [
    ("Pupils from Edmonton and Enfield planted a garden by the school.", "Edmonton", "GB", 51.63, -0.06),
    ("Storms cut power in Newcastle and Maitland overnight.", "Newcastle", "AU", -32.93, 151.78),
]


@pytest.mark.parametrize("text, name, country, lat, lon", NEIGHBOURS)
def test_neighbouring_towns_are_read_together(extract, text, name, country, lat, lon):
    row = places_of(extract, text)[name]
    assert row["country_code"] == country, row
    assert _km(row["latitude"], row["longitude"], lat, lon) <= 25, row


def test_a_qualified_town_lends_no_neighbour_elsewhere(extract):
    rows = places_of(
        extract, "He trained in London, Kentucky, and now works in South Charleston, West Virginia."
    )
    assert (
        _km(rows["South Charleston"]["latitude"], rows["South Charleston"]["longitude"], 38.37, -81.70) <= 25
    )


# a small town the gazetteer has only abroad, in a story whose places lie in one other country:
# a namesake of the place written there (placed in that country, or left out), not the village
# abroad. text, name, the country it must not be read in
STRAY_NAMESAKES = [
    (
        "Detectives closed a cafe in Piccadilly, police in London said. Officers in Manchester and Leeds were told.",
        "Piccadilly",
        "AU",
    ),
    (
        "Bars in Kings Cross closed early, police in Sydney said. Officers in Melbourne and Brisbane were told.",
        "Kings Cross",
        "GB",
    ),
    # where the words say a region is meant, a town of any size abroad is a namesake
    (
        "Cholera cases rose in Nyanza province, health officials in Nairobi, Kisumu and Mombasa said.",
        "Nyanza province",
        "RW",
    ),
]


@pytest.mark.parametrize("text, name, abroad", STRAY_NAMESAKES)
def test_a_lone_small_town_abroad_is_a_namesake(extract, text, name, abroad):
    row = places_of(extract, text).get(name)
    assert row is None or row["country_code"] != abroad, row


def test_a_small_town_abroad_with_its_country_named_stays(extract):
    text = "The Canadian minister visited Trastevere, in Italy, after talks in Ottawa, Toronto and Montreal."
    row = places_of(extract, text)["Trastevere"]
    assert row["country_code"] == "IT" and _km(row["latitude"], row["longitude"], 41.88, 12.47) <= 25, row


# bases, renamed and new regions the gazetteer finds (census places, curated sites, region names):
# text, name, country, latitude, longitude, within km
BASES_AND_REGIONS = [
    ("Soldiers returned to Fort Hood in Texas after a year in Iraq.", "Fort Hood", "US", 31.13, -97.78, 25),
    ("The Army will train at Fort Polk, Louisiana, in May.", "Fort Polk", "US", 31.05, -93.2, 25),
    ("Samples were sent to Fort Detrick in Maryland for testing.", "Fort Detrick", "US", 39.43, -77.43, 25),
    ("Marines from Camp Lejeune, North Carolina, were deployed.", "Camp Lejeune", "US", 34.67, -77.35, 25),
    ("Scientists at Porton Down in Wiltshire tested the samples.", "Porton Down", "GB", 51.13, -1.7, 25),
    (
        "The outbreak in Ituri has spread to North Kivu, officials in Kinshasa said.",
        "Ituri",
        "CD",
        1.6,
        29.6,
        161,
    ),
    ("Floods cut roads across Jammu and Kashmir on Monday.", "Jammu and Kashmir", "IN", 33.5, 75.0, 250),
    ("Rebels attacked a village near Bunia, in northeastern Congo.", "Congo", "CD", 0.0, 25.0, 800),
    ("Exports from Korea rose as Seoul and Busan ports reopened.", "Korea", "KR", 37.0, 127.5, 800),
]


@pytest.mark.parametrize("text, name, country, lat, lon, km", BASES_AND_REGIONS)
def test_bases_and_regions_the_gazetteer_finds(extract, text, name, country, lat, lon, km):
    row = places_of(extract, text)[name]
    assert row["country_code"] == country, row
    assert _km(row["latitude"], row["longitude"], lat, lon) <= km, row


# names spaCy reads as one organisation after a noun of places, split into the places they are
# even when one is written in another spelling: text, name, country, latitude, longitude
AFTER_A_NOUN_OF_PLACES = [
    (
        "The towns of Tlapa and Chilapa in Guerrero were hit hardest by the storm.",
        "Tlapa",
        "MX",
        17.55,
        -98.58,
    ),
    (
        "The towns of Tlapa and Chilapa in Guerrero were hit hardest by the storm.",
        "Chilapa",
        "MX",
        17.6,
        -99.17,
    ),
    ("The towns of Oswiecim and Wadowice in southern Poland were flooded.", "Wadowice", "PL", 49.88, 19.49),
]


@pytest.mark.parametrize("text, name, country, lat, lon", AFTER_A_NOUN_OF_PLACES)
def test_an_organisation_after_a_noun_of_places_is_its_places(extract, text, name, country, lat, lon):
    row = places_of(extract, text)[name]
    assert row["country_code"] == country and _km(row["latitude"], row["longitude"], lat, lon) <= 25, row


# a name the gazetteer lacks, after a locative, that the story gives elsewhere as a person's
# surname is the person; a place of that name stays: text, name, is a place
SURNAMES_AFTER_A_LOCATIVE = [
    (
        "Kenya's Daniel Kiprotich won in Boston. The nation has a new champion in Kiprotich, and Nairobi celebrated.",
        "Kiprotich",
        False,
    ),
    (
        "The novelist Sarah Winchester lived in Boston before she moved to Winchester, Virginia.",
        "Winchester",
        True,
    ),
]


@pytest.mark.parametrize("text, name, is_place", SURNAMES_AFTER_A_LOCATIVE)
def test_a_surname_after_a_locative_is_a_person(extract, text, name, is_place):
    assert (name in places_of(extract, text)) == is_place


# a place the gazetteer lacks, with nothing around it that holds it, lies in the country most
# of the story's places lie in; with no such country it is left unplaced: text, name, country
IN_THE_MAIN_COUNTRY = [
    (
        "Floods hit the village of Tambrakunda on Monday. Phnom Penh and Battambang sent boats, and Bangkok offered help.",
        "Tambrakunda",
        "KH",
    ),
    (
        "Floods hit the village of Tambrakunda on Monday. Phnom Penh and Bangkok sent boats.",
        "Tambrakunda",
        None,
    ),
]


@pytest.mark.parametrize("text, name, country", IN_THE_MAIN_COUNTRY)
def test_an_unknown_place_lies_in_the_main_country(extract, text, name, country):
    assert places_of(extract, text)[name]["country_code"] == country


# a famous city none of the story's other names supports gives way to a namesake they do
# support (a capital abroad beside the story's own country): text, name, country, lat, lon
UNSUPPORTED_CAPITALS = [
    ("Clashes in Tripoli spread to Beirut and Sidon, Lebanon's army said.", "Tripoli", "LB", 34.43, 35.84),
    ("Tourists crowded Georgetown and Ipoh as Malaysia reopened.", "Georgetown", "MY", 5.41, 100.34),
    (
        "Snow closed schools in London on Monday, and buses in Ontario stopped running.",
        "London",
        "CA",
        42.98,
        -81.23,
    ),
]


@pytest.mark.parametrize("text, name, country, lat, lon", UNSUPPORTED_CAPITALS)
def test_an_unsupported_capital_gives_way_to_a_supported_namesake(extract, text, name, country, lat, lon):
    row = places_of(extract, text)[name]
    assert row["country_code"] == country and _km(row["latitude"], row["longitude"], lat, lon) <= 25, row


# a player's position after a place name makes it a club's or a national side's: text, name
PLAYERS_OF_A_SIDE = [
    ("Madrid striker Ana Silva scored twice against the league leaders.", "Madrid"),
    ("The Ghana goalkeeper saved a penalty in the second half.", "Ghana"),
    ("Brisbane quarterback Tom Reilly threw for 300 yards.", "Brisbane"),
    ("The Lahore batsman hit a century before lunch.", "Lahore"),
    ("Buenos Aires midfielder Pablo Ruiz signed a new contract.", "Buenos Aires"),
]


@pytest.mark.parametrize("text, name", PLAYERS_OF_A_SIDE)
def test_a_players_side_is_no_place(extract, text, name):
    for row in extract(text)["locations"]:
        assert name not in [row["name"], *row["aliases"]], row


# a short word in capitals that the gazetteer knows only as a small town spelled in lower case
# is an organisation's initials: text, name
ACRONYMS = [
    ("The vast majority of BA flights left on time despite the strike.", "BA"),
    ("Passengers on BA flights from Nairobi faced delays.", "BA"),
]


@pytest.mark.parametrize("text, name", ACRONYMS)
def test_initials_are_no_small_towns(extract, text, name):
    for row in extract(text)["locations"]:
        assert name not in [row["name"], *row["aliases"]], row


# capitals that a country, region or city bears, or a dateline, stay places: text, name, country
CAPITALS_KEPT = [
    ("Flights from the UK to Spain were cancelled.", "UK", "GB"),
    ("Troops were sent to the UAE and Qatar on Friday.", "UAE", "AE"),
    ("ULM, Germany (AP) — Police closed the old town on Friday.", "ULM", "DE"),
    ("Protesters gathered in LIMA on Saturday, police said.", "LIMA", "PE"),
]


@pytest.mark.parametrize("text, name, country", CAPITALS_KEPT)
def test_capitals_a_place_bears_stay_places(extract, text, name, country):
    assert places_of(extract, text)[name]["country_code"] == country


# a one-word name that a person of the story bears, with no strong locative before it, is the
# person: text, name
A_PERSONS_NAME = [
    (
        "President Vladimir Orlov visited Kazan on Monday. Critics called the deal a gift for friends of Vladimir.",
        "Vladimir",
    ),
    (
        "Anna Ayala, 39, of Fresno, found the ring. According to her sister, Ayala called the police at once.",
        "Ayala",
    ),
    ("Dr Amir Tehran treated the wounded in Mosul. Tehran said supplies were running out.", "Tehran"),
]


@pytest.mark.parametrize("text, name", A_PERSONS_NAME)
def test_a_persons_name_is_no_place(extract, text, name):
    for row in extract(text)["locations"]:
        assert name not in [row["name"], *row["aliases"]], row


# after a strong locative, the place keeps its row beside a person of its name: text, name, country
PLACES_BESIDE_A_NAMESAKE_PERSON = [
    ("Carla Lima, a nurse, has lived in Lima since 2010.", "Lima", "PE"),
    ("George Houston was born in Houston and still works there.", "Houston", "US"),
]


@pytest.mark.parametrize("text, name, country", PLACES_BESIDE_A_NAMESAKE_PERSON)
def test_a_place_after_a_locative_stays_beside_a_namesake_person(extract, text, name, country):
    assert places_of(extract, text)[name]["country_code"] == country


# a saint's name with a possessive, written before a church's, school's or hospital's word in the
# story, is that institution's, not the town of the saint: text, name
SAINTS_INSTITUTIONS = [
    ("He earned a law degree at St. Thomas's University School of Law in Florida.", "St. Thomas"),
    (
        "Doctors at St. Mary's Hospital in Lagos saw dozens of cases. Staff at St. Mary's said the ward was full.",
        "St. Mary",
    ),
    (
        "Pupils of St. George's College in Harare sat the exams. Teachers at St. George's praised them.",
        "St. George",
    ),
    (
        "The choir of St. Vincent's Cathedral in Lima sang. Priests at St. Vincent's rang the bells.",
        "St. Vincent",
    ),
]


@pytest.mark.parametrize("text, name", SAINTS_INSTITUTIONS)
def test_a_saints_institution_is_no_town(extract, text, name):
    for row in extract(text)["locations"]:
        assert name not in [row["name"], *row["aliases"]], row


# towns named for a saint stay towns: text, name, country
SAINTS_TOWNS = [
    ("Fog closed the airport in St. John's, Newfoundland, on Monday.", "St. John", "CA"),
    ("Flooding hit St. Paul and Minneapolis overnight.", "St. Paul", "US"),
]


@pytest.mark.parametrize("text, name, country", SAINTS_TOWNS)
def test_a_town_named_for_a_saint_stays_a_town(extract, text, name, country):
    assert places_of(extract, text)[name]["country_code"] == country


# a natural feature's name after 'the' ('the Black Forest', 'the Central Coast') is the feature,
# not a town or city abroad of that name, when the story's places lie in one other country: it
# lies in that country. text, name, country
NATURAL_FEATURES = [
    (
        "Hikers were lost in the Black Forest overnight. Rescuers from Stuttgart, Freiburg and Karlsruhe joined the search.",
        "Black Forest",
        "DE",
    ),
    (
        "Fishermen on the Central Coast lost boats in the storm. Ferries from Vancouver, Nanaimo and Victoria were cancelled.",
        "Central Coast",
        "CA",
    ),
    (
        "Storms battered the Gold Coast overnight. Accra, Kumasi and Tamale reported flooding.",
        "Gold Coast",
        "GH",
    ),
    # in its own country's story the city keeps its reading
    (
        "Storms battered the Gold Coast overnight. Brisbane, Cairns and Townsville reported flooding.",
        "Gold Coast",
        "AU",
    ),
]


@pytest.mark.parametrize("text, name, country", NATURAL_FEATURES)
def test_a_natural_feature_is_no_town_abroad(extract, text, name, country):
    assert places_of(extract, text)[name]["country_code"] == country


# 'The' in capitals inside a sentence, before a name the gazetteer bears only without it, makes
# a publication's or a work's title: text, name
TITLES = [
    ("A report by The Atlantic described the talks in Cairo.", "Atlantic"),
    ("Readers of The Caribbean praised the reporting from Kingston.", "Caribbean"),
    ("A documentary called The Sahara won the prize in Nairobi.", "Sahara"),
]


@pytest.mark.parametrize("text, name", TITLES)
def test_a_title_named_like_a_place_is_no_place(extract, text, name):
    for row in extract(text)["locations"]:
        assert name not in row["name"], row


# places that bear the article, or follow a strong locative, or open the sentence, stay places:
# text, name, country (None: a region with no country)
ARTICLES_KEPT = [
    ("Envoys met in The Hague on Tuesday.", "The Hague", "NL"),
    ("Exports from The Gambia rose last year.", "The Gambia", "GM"),
    ("The Caribbean braced for the storm as Kingston closed its port.", "Caribbean", None),
]


@pytest.mark.parametrize("text, name, country", ARTICLES_KEPT)
def test_a_place_with_a_capital_article_stays_a_place(extract, text, name, country):
    assert places_of(extract, text)[name]["country_code"] == country
