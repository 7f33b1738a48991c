"""Each figure's place, claimant and time: passages written for these tests, from conflict,
disaster, disease, migration and economic reporting on every continent, with the place, the
claimant and the time a careful reader gives each figure (GUIDELINES, "Figures: claimant, place,
time").

A case is (passage, publication date, [(figure text, place, claimant, when), ...]): the place as
the locations table names it (its name or an alias), the claimant as the actors table names it
(or as written for a vague source), the time as ISO 8601; None where the figure must stay
unplaced, unattributed or undated.
"""

from __future__ import annotations

import re

import pytest

N = None
WED = "2016-11-02"  # a Wednesday
THU = "2016-11-03"

CASES = [
    # --- place: the figure's own clause first, the most specific place
    (
        "At least 40 people were killed on Tuesday when a bomb struck a market in the northern city of Kirkuk.",
        WED,
        [("At least 40", "Kirkuk", N, "2016-11-01")],
    ),
    (
        "Five people were killed in Cali, Colombia, on Friday, police said.",
        WED,
        [("Five", "Cali", "police", "2016-10-28")],
    ),
    (
        "Iraqi soldiers found 14 bodies in a building in Qaraqosh, near Mosul, Iraq.",
        WED,
        [("14", "Qaraqosh", N, N)],
    ),
    (
        "Last October, many civilians in Aleppo were among 912 people killed and 2,100 injured in violence across Syria.",
        THU,
        [("912", "Syria", N, "2016-10"), ("2,100", "Syria", N, "2016-10")],
    ),
    # never an origin or a nationality
    (
        "Four aid workers from Norway were killed in an ambush near Jalalabad.",
        WED,
        [("Four", "Jalalabad", N, N)],
    ),
    (
        "Six Kenyan soldiers were killed in Somalia on Sunday.",
        WED,
        [("Six", "Somalia", N, "2016-10-30")],
    ),
    (
        "Both Egypt and Jordan are expected to take in 10,000 refugees.",
        WED,
        [("10,000", N, N, N)],
    ),
    # places listed side by side: the country that holds them all
    (
        "Afghanistan's health ministry said 120 cholera cases were confirmed in Kandahar, Helmand and Uruzgan.",
        WED,
        [("120", "Afghanistan", "Afghanistan's health ministry", N)],
    ),
    # the sentence, then the paragraph
    (
        "Fighting resumed in Aden on Monday. Aid groups said 2,000 families had fled the city.",
        WED,
        [("2,000", "Aden", "Aid groups", "2016-10-31")],
    ),
    (
        "Gunmen stormed a church in Lahore on Sunday. They killed 14 worshippers.",
        WED,
        [("14", "Lahore", N, "2016-10-30")],
    ),
    (
        "The storm hit the coast of Mozambique late on Saturday. Rescuers said they had pulled 37 survivors from the rubble by Monday.",
        WED,
        [("37", "Mozambique", "Rescuers", "2016-10-31")],
    ),
    # 'the city', 'the region' stand for the last city or region named as a place
    (
        "The army retook the centre of Marawi last week. Officials said about 200,000 residents had fled the city.",
        THU,
        [("about 200,000", "Marawi", "Officials", "2016-10-24/2016-10-30")],
    ),
    # everywhere is no place
    (
        "A record 65 million people are displaced worldwide, the United Nations said.",
        WED,
        [("65 million", N, "United Nations", N)],
    ),
    (
        "The company said it would cut 4,000 jobs.",
        WED,
        [("4,000", N, "company", N)],
    ),
    # a place that is what the sentence is about
    ("Gaza is home to about 2 million people.", WED, [("about 2 million", "Gaza", N, N)]),
    ("The quake struck 80km south of Kathmandu.", WED, [("80km", "Kathmandu", N, N)]),
    # the dateline, else the headline's place
    (
        "Floods kill 200 in Kenya\n\nOn Tuesday, heavy rains swept away homes and roads. Officials said 40 more were missing.",
        "2016-05-05",
        [("200", "Kenya", N, "2016-05-03"), ("40", "Kenya", "Officials", "2016-05-03")],
    ),
    # --- claimant
    (
        "According to the United Nations, at least 400 civilians were killed in Syria in 2014.",
        WED,
        [("at least 400", "Syria", "United Nations", "2014")],
    ),
    (
        "The World Health Organization released a report on Monday. According to the report, 1,200 people have died of cholera in Yemen since January.",
        WED,
        [("1,200", "Yemen", "World Health Organization", "2016-01-01/2016-11-02")],
    ),
    (
        "A UNICEF report says 300,000 children in Nigeria are at risk of starvation.",
        WED,
        [("300,000", "Nigeria", "UNICEF", N)],
    ),
    (
        "A report by Amnesty International found that 13,000 prisoners were hanged at Saydnaya.",
        WED,
        [("13,000", "Saydnaya", "Amnesty International", N)],
    ),
    (
        "According to a news agency, village elders said the raid wounded four people in Helmand.",
        WED,
        [("four", "Helmand", "village elders", N)],
    ),
    (
        "The Syrian Observatory for Human Rights said government aircraft bombed the town of Idlib, in strikes which it says killed 12 fighters.",
        WED,
        [("12", "Idlib", "Syrian Observatory for Human Rights", N)],
    ),
    (
        "The rebels said government aircraft bombed Douma on Sunday, in strikes which they say killed 23 civilians.",
        WED,
        [("23", "Douma", "rebels", "2016-10-30")],
    ),
    (
        "Police told reporters that 17 people were arrested in Lima.",
        WED,
        [("17", "Lima", "Police", N)],
    ),
    (
        "Nearly 400 deaths were recorded by the health ministry in Sierra Leone.",
        WED,
        [("Nearly 400", "Sierra Leone", "health ministry in Sierra Leone", N)],
    ),
    (
        "Hurricane Matthew killed at least 877 people in Haiti last week, officials said.",
        "2016-10-12",
        [("at least 877", "Haiti", "officials", "2016-10-03/2016-10-09")],
    ),
    (
        "Italy's coastguard said it rescued 1,100 migrants off Libya on Tuesday.",
        "2016-11-03",
        [("1,100", "Libya", "Italy's coastguard", "2016-11-01")],
    ),
    (
        "Governor Ali Bashir visited the camp on Friday. He said 4,500 refugees from Sudan had arrived in eastern Chad since May.",
        WED,
        [("4,500", "Chad", "Ali Bashir", "2016-05-01/2016-11-02")],
    ),
    (
        "The ministry said 30 schools had been damaged in Homs. At least 12 of them were destroyed.",
        WED,
        [("30", "Homs", "ministry", N), ("At least 12", "Homs", "ministry", N)],
    ),
    (
        "The World Food Programme warned on Thursday that 3 million people in Somalia face famine.",
        "2016-11-04",
        [("3 million", "Somalia", "World Food Programme", "2016-11-03")],
    ),
    # a figure inside a direct quote is its speaker's, unless a nearer source inside the quote
    (
        '"We have counted 57 bodies in the village," said Amina Yusuf, a local official in Borno.',
        WED,
        [("57", "Borno", "Amina Yusuf", N)],
    ),
    (
        '"The shelling started at dawn. By noon, 23 houses had been destroyed," said Olena Kovalenko, who lives in Kharkiv.',
        WED,
        [("23", "Kharkiv", "Olena Kovalenko", N)],
    ),
    (
        '"The ministry says 30 people died in Homs," the mayor said.',
        WED,
        [("30", "Homs", "ministry", N)],
    ),
    # nobody vouches: the article's voice, hearsay, denials
    (
        "Floods displaced 5,000 families in Bangladesh last week.",
        "2016-08-10",
        [("5,000", "Bangladesh", N, "2016-08-01/2016-08-07")],
    ),
    (
        "Officials denied reports that 90 civilians had died in the raid on Kunduz.",
        WED,
        [("90", "Kunduz", N, N)],
    ),
    (
        "The army denied that 35 protesters were shot in Bamako.",
        WED,
        [("35", "Bamako", N, N)],
    ),
    (
        "The militia is reported to have killed 30 villagers near Beni.",
        WED,
        [("30", "Beni", N, N)],
    ),
    (
        "Troops reportedly detained 200 protesters in Harare on Friday.",
        WED,
        [("200", "Harare", N, "2016-10-28")],
    ),
    (
        "Forty deaths were reported in Kasai province.",
        WED,
        [("Forty", "Kasai province", N, N)],
    ),
    (
        "Estimates suggest about 3,000 people are still trapped in the rubble in Amatrice.",
        WED,
        [("about 3,000", "Amatrice", N, N)],
    ),
    # --- time: as precise as the article, resolved against the publication date
    (
        "Yesterday, North Korea fired 12 shells at a border post near Kaesong.",
        "2015-08-21",
        [("12", "Kaesong", N, "2015-08-20")],
    ),
    (
        "On Monday, storms killed 11 people in Oklahoma.",
        WED,
        [("11", "Oklahoma", N, "2016-10-31")],
    ),
    (
        "Boko Haram fighters abducted 276 schoolgirls from Chibok in April 2014.",
        WED,
        [("276", "Chibok", N, "2014-04")],
    ),
    (
        "More than 800,000 people were killed in Rwanda in 1994.",
        WED,
        [("More than 800,000", "Rwanda", N, "1994")],
    ),
    (
        "Between March and May, 1,600 people died of heatstroke in Pakistan.",
        "2016-11-02",
        [("1,600", "Pakistan", N, "2016-03-01/2016-05-31")],
    ),
    (
        "Health officials confirmed 35 new Ebola cases in Guinea in the past week.",
        "2015-03-14",
        [("35", "Guinea", "Health officials", "2015-03-08/2015-03-14")],
    ),
    (
        "Two days ago, a landslide buried 18 homes in Hpakant.",
        "2016-11-03",
        [("18", "Hpakant", N, "2016-11-01")],
    ),
    (
        "Some 1,500 French troops are currently deployed in Mali.",
        "2016-09-15",
        [("Some 1,500", "Mali", N, "2016-09-15")],
    ),
    (
        "Inflation rose to 8.1 percent in Nigeria in March, the central bank said.",
        "2016-11-03",
        [("8.1 percent", "Nigeria", "central bank", "2016-03")],
    ),
    (
        "The European Union pledged 50 million euros in aid for Haiti on Monday.",
        WED,
        [("50 million euros", "Haiti", N, "2016-10-31")],
    ),
    (
        "The government will deploy 2,000 police officers in Rio de Janeiro next week.",
        WED,
        [("2,000", "Rio de Janeiro", N, "2016-11-07/2016-11-13")],
    ),
    (
        "At least 60 people died when a ferry sank off the coast of Bangladesh on Saturday.",
        "2016-08-01",
        [("At least 60", "Bangladesh", N, "2016-07-30")],
    ),
    # the story's time carries to a past-tense figure, not to a present or a possibility
    (
        "Gunmen attacked a police station in Mombasa on Thursday. They killed three officers. About 25,000 people live in the district.",
        "2016-09-10",
        [("three", "Mombasa", N, "2016-09-08"), ("About 25,000", "Mombasa", N, N)],
    ),
    (
        "Monsoon rains battered Mumbai on Sunday.\n\nThe floods destroyed 400 homes.",
        "2015-12-02",
        [("400", "Mumbai", N, "2015-11-29")],
    ),
    (
        "Up to 1 million people could lose their homes in Lagos if the dam breaks.",
        WED,
        [("Up to 1 million", "Lagos", N, N)],
    ),
    (
        "The epidemic has killed more than 11,000 people in Liberia.",
        WED,
        [("more than 11,000", "Liberia", N, N)],
    ),
    (
        "About 25,000 people are held in camps near Goma.",
        WED,
        [("About 25,000", "Goma", N, N)],
    ),
    # a time about something else is not the figure's
    (
        "Mosul, which fell to the militants in June 2014, lies 400km north of Baghdad.",
        WED,
        [("400km", "Baghdad", N, N)],
    ),
    (
        "Bushfires have destroyed more than 2,000 homes in New South Wales, the state's fire service said.",
        "2020-01-05",
        [("more than 2,000", "New South Wales", "state's fire service", N)],
    ),
    (
        "Shelling in Donetsk killed three civilians overnight, local authorities said.",
        WED,
        [("three", "Donetsk", "local authorities", N)],
    ),
    # without a publication date, only absolute times resolve
    (
        "On Monday, 45 migrants drowned off the coast of Libya. In 2015, 3,771 died crossing the Mediterranean.",
        N,
        [("45", "Libya", N, N), ("3,771", "Mediterranean", N, "2015")],
    ),
    (
        "Brazil's health ministry confirmed 1,248 cases of microcephaly in Pernambuco state in November.",
        "2015-12-01",
        [("1,248", "Pernambuco", "Brazil's health ministry", "2015-11")],
    ),
    (
        "Since 2011, more than 5 million Syrians have fled to Turkey, Lebanon and Jordan.",
        "2017-03-15",
        [("more than 5 million", N, N, "2011-01-01/2017-03-15")],
    ),
]


def _norm(name: str | None) -> str:
    s = (name or "").lower().replace("\u2019", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"^the\s+", "", s.strip())
    return re.sub(r"\s+", " ", s)


def _names(rows: list[dict], key: str, value: str | None) -> set[str]:
    """The normalised names of the row of ``rows`` whose ``key`` is ``value``: its name and
    aliases (a place or actor is one row, whatever form of its name the figure shows)."""
    for row in rows:
        if row[key] == value:
            return {_norm(row["name"])} | {_norm(a) for a in row["aliases"] or []}
    return set()


def _figure(rows: list[dict], text: str) -> dict:
    found = [r for r in rows if r["text"] == text]
    assert found, f"no figure {text!r} among {[r['text'] for r in rows]}"
    return found[0]


@pytest.mark.parametrize("passage,published,expected", CASES, ids=[c[0][:50] for c in CASES])
def test_place_claimant_time(extract, passage, published, expected):
    tables = extract(passage, published=published)
    for text, place, claimant, when in expected:
        row = _figure(tables["figures"], text)
        got_place = (
            _names(tables["locations"], "location_id", row["location_id"]) if row["location_id"] else None
        )
        if place is None:
            assert row["location_id"] is None, (text, row["location"])
        else:
            assert got_place and _norm(place) in got_place, (text, row["location"], place)
        if claimant is None:
            assert row["claimant"] is None, (text, row["claimant"])
        else:
            names = {_norm(row["claimant"])} | _names(tables["actors"], "actor_id", row["claimant_actor_id"])
            assert _norm(claimant) in names, (text, row["claimant"], claimant)
        assert row["when"] == when, (text, row["when_text"], row["when"], when)


def test_enough_cases():
    figures = sum(len(expected) for _, _, expected in CASES)
    assert len(CASES) >= 60 and figures >= 65


def test_the_columns_agree(extract):
    """`when_start`/`when_end` bound `when`; `when_text` is the words it was read from."""
    passage = "Last October, 300 people died in landslides in Guatemala."
    row = extract(passage, published="2016-11-03")["figures"][0]
    assert (row["when"], row["when_text"]) == ("2016-10", "Last October")
    assert (row["when_start"], row["when_end"]) == ("2016-10-01", "2016-10-31")
    assert passage[passage.index(row["when_text"]) :].startswith("Last October")


def test_relative_time_needs_the_publication_date(extract):
    row = extract("On Monday, 45 migrants drowned off the coast of Libya.")["figures"][0]
    assert row["when_text"] == "On Monday"
    assert (row["when"], row["when_start"], row["when_end"]) == (None, None, None)
