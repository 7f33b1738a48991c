"""Text -> locations: named places, geocoded offline against the gazetteer.

What a place name is:
- spaCy's GPE/LOC/FAC entities, and the names it labels PERSON or ORG after a locative
  preposition ('in Hammam al-Alil', 'the town of Yeoncheon') that the gazetteer knows;
- datelines in capitals at the start of a line ('BEIRUT (AP) —', 'MEXICO CITY —',
  'COLUMBIA, Ky. -'), sub-national abbreviations after a place or in a party tag ('Peoria,
  Ill.', '(D-Md.)'), numbered roads ('Interstate 95', 'the M25'), and named sites: an
  organisation's or facility's name ending in a facility word ('Royal Free Hospital', 'Pearson
  International Airport', 'Edinburgh Castle');
- whole: a name is extended over the words the gazetteer says belong to it ('U.S.' + 'Virgin
  Islands', 'Fort St.' + 'John'), a coordination is split only when the whole is not one place
  ('Bosnia and Herzegovina' stays whole, 'Iraq and Syria' is two), and a name never spans a line
  break; it is trimmed and holds no control characters.

Not places: adjectives (spaCy's NORP), bare compass words ('the North'), names inside an actor's
name ('Save the Children', 'al-Baghdadi'), storms ('Hurricane Matthew'), diseases and strains
named after places ('Ebola', 'West Nile virus'), and sports teams ('the Calgary Flames',
'Toronto beat Boston 4-1'). Word lists are in lexicons/places.toml.

Names are found in place_names.py (its words: place_words.py). Which place a name means is
decided in ``geocode.resolve`` (prominence against the document's other places) and, here, by
the document-level rules over its readings (namesakes, enclosing places, focus city and
country). A name the gazetteer lacks keeps its row, with null coordinates and match 'none'.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsfacts.extract.common import DisjointSpans, doc_text, sentence_at, sentence_text, slug
from newsfacts.extract.geocode import MAX_CANDIDATES, Query, Reading, outside, resolve
from newsfacts.extract.place_names import (
    PEER_CANDIDATES,
    PROMINENT,
    PlaceName,
    after_locative,
    is_country,
    place_names,
)
from newsfacts.extract.place_words import words
from newsfacts.gazetteer import Gazetteer, Place, fold

_PLACE_LABELS = {"GPE", "LOC", "FAC"}


@dataclass
class Location:
    location_id: str
    name: str
    place: Place | None
    match: str
    confidence: float
    aliases: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    kind: str = ""  # what a name the gazetteer lacks is known to be ('site' for a facility)
    near: Place | None = None  # where a site the gazetteer lacks is: the place its name gives


class PlaceIndex:
    """The places of one document, and the lookup figures need."""

    def __init__(self, doc: Doc, locations: list[Location]):
        self.doc = doc
        self.locations = locations

    def __iter__(self):
        return iter(self.locations)

    def __len__(self):
        return len(self.locations)

    def at(self, start: int, end: int) -> Location | None:
        for loc in self.locations:
            for s, e in loc.mentions:
                if s < end and start < e:
                    return loc
        return None

    def rows(self) -> list[dict]:
        rows = []
        for loc in self.locations:
            spans = sorted(loc.mentions)
            start, end = spans[0]
            p = loc.place or loc.near
            rows.append(
                {
                    "location_id": loc.location_id,
                    "name": loc.name,
                    "aliases": list(loc.aliases),
                    "kind": loc.place.kind if loc.place else (loc.kind or "unknown"),
                    "geonames_id": loc.place.geonames_id if loc.place else None,
                    "country_code": p.country_code if p else None,
                    "latitude": p.latitude if p else None,
                    "longitude": p.longitude if p else None,
                    "match": loc.match,
                    "confidence": loc.confidence,
                    "start": start,
                    "end": end,
                    "mentions": len(spans),
                    "mention_spans": [f"{s}:{e}" for s, e in spans],
                    "sentence": sentence_text(sentence_at(self.doc, start)),
                }
            )
        return rows


def extract_locations(doc: Doc, gazetteer: Gazetteer, actors=None) -> PlaceIndex:
    """Named places of a parsed document, one per place. With ``actors`` (an ActorIndex), places
    inside actors' names ('Save the Children', 'al-Baghdadi') are skipped."""
    text = doc_text(doc)
    if not text.strip():
        return PlaceIndex(doc, [])
    inside_actor, named_actor = _actor_spans(actors)
    found = place_names(doc, gazetteer)
    names = [
        n
        for n in found
        if not _inside_a_name(n, inside_actor, found, text)
        and not ((n.start, n.end) in named_actor and not (n.kind or _surely_a_place(n, gazetteer)))
    ]
    persons = _person_name_words(doc)
    qualified = {n.start for n in names if any(_a_state_after(n, m, text, gazetteer) for m in names)}
    names = [
        n
        for n in names
        if not (
            _stands_for_a_government(doc, n)
            or _names_a_currency(n, text)
            or _an_acronym(n, gazetteer)
            or _a_persons_name(n, persons, qualified)
            or _a_saints_institution(n, text)
            or _a_titles_article(doc, n, gazetteer)
        )
    ]
    _mark_evidence(doc, names)
    _share_evidence(names, text)
    readings, rests = _read(
        names,
        gazetteer,
        text,
        _places_in_names(doc, gazetteer, names),
        _after_compass_words(names, gazetteer),
    )
    by_id: dict[str, Location] = {}
    focus = _focus_country(readings.values(), gazetteer)
    region = _focus_region(readings.values(), gazetteer) if focus is not None else None
    focus_city: list[Place | None] = []  # computed when an unknown place first needs it
    # how many of the document's readings lie in each country, once: what a stray namesake is told by
    countries = _countries(readings)
    for n in names:
        kept, reading, stray = _reading_kept(n, readings, countries, text)
        if not kept:
            continue
        near = None
        site = n.surface.split()[-1].title() in words().site_heads  # 'Ubay Community Hospital'
        if reading is not None and _a_namesake_site(n, reading, readings, names, gazetteer):
            reading, site = None, True  # 'Bali airport' is not the airport of Bali, Cameroon
        if (
            reading is None
            or reading.outside_qualifier
            or _outside_enclosure(n, reading, readings, names, text)
        ):
            location_id, place = f"name:{slug(n.surface)}", None
            near, match, confidence = _placed_near(
                n, readings, names, text, (region, focus), focus_city, rests, gazetteer, site
            )
            if near is None and stray is not None:  # in the country most of the story's places lie in
                near, match, confidence = gazetteer.country(stray), "within", 0.3
        else:
            place, confidence = reading.place, reading.confidence
            location_id = place.location_id
            match = "curated" if place.source == "curated" else reading.how
        loc = by_id.get(location_id)
        if loc is None:
            loc = by_id[location_id] = Location(
                location_id, n.surface, place, match, confidence, kind=n.kind, near=near
            )
        elif n.surface != loc.name and n.surface not in loc.aliases:
            loc.aliases.append(n.surface)
        if (n.start, n.end) not in loc.mentions:
            loc.mentions.append((n.start, n.end))
    for loc in by_id.values():
        if loc.place and loc.place.name != loc.name and loc.place.name not in loc.aliases:
            loc.aliases.append(loc.place.name)
    return PlaceIndex(doc, sorted(by_id.values(), key=lambda loc: min(loc.mentions)))


def _read(
    names: list[PlaceName], gazetteer: Gazetteer, text: str, context: list[str], rests: list[str]
) -> tuple[dict, dict]:
    """Each name's reading, keyed by (surface, hint, start): one query per distinct surface, hint
    and qualifier ('Paris' and 'Paris, Texas' are read apart). The ``context`` names (places
    inside organisations' names) are read with them, as support only: they give no row. The
    ``rests`` (the places after compass words: 'London' of 'North London') are read with them
    too, giving no support and no row; their readings are the second dict, by surface."""
    qualifiers = [_qualifier_of(names, i, text, gazetteer) for i in range(len(names))]
    keys = [
        (n.surface, n.hint, names[q].surface if q is not None else "")
        for n, q in zip(names, qualifiers, strict=True)
    ]
    index: dict[tuple, int] = {}
    queries: list[Query] = []
    groups = _lists(names, text)
    for n, key, group in zip(names, keys, groups, strict=True):
        if key not in index:
            index[key] = len(queries)
            queries.append(Query(n.lookup or n.surface, n.hint, group=group))
    for key, q in zip(keys, qualifiers, strict=True):
        if q is not None:
            queries[index[key]].qualifier = index[keys[q]]
    queries += [Query(surface) for surface in context]
    first_rest = len(queries)
    queries += [Query(surface, supports=False) for surface in rests]
    readings = resolve(queries, gazetteer)
    out = {(n.surface, n.hint, n.start): readings[index[k]] for n, k in zip(names, keys, strict=True)}
    return out, {surface: readings[first_rest + i] for i, surface in enumerate(rests)}


def _places_in_names(doc: Doc, gazetteer: Gazetteer, names: list[PlaceName]) -> list[str]:
    """The places organisations are named after ('Enfield Council', 'Brant County OPP'): no
    locations themselves (the guidelines), but what they say of the article's geography is used
    as the other names are, as Mordecai and CLIFF use every mention. The longest run of
    capitalised words opening the name that the gazetteer knows exactly as a country, region,
    county or city; names the document also writes as a place are left to those."""
    text = doc_text(doc)
    written = {fold(n.surface) for n in names}
    out: list[str] = []
    for ent in doc.ents:
        if ent.label_ != "ORG" or len(ent) < 2:
            continue
        tokens = [t for t in ent if not (t.lower_ in words().articles and t.i == ent.start)]
        for k in range(min(3, len(tokens) - 1), 0, -1):
            head = tokens[:k]
            if not all(t.is_title for t in head):
                continue
            surface = text[head[0].idx : head[-1].idx + len(head[-1])]
            places, how = gazetteer.lookup_with_match(surface)
            if how == "exact" and places and places[0].kind in _CONTEXT_KINDS:
                if fold(surface) not in written and surface not in out:
                    out.append(surface)
                break
    return out


def _after_compass_words(names: list[PlaceName], gazetteer: Gazetteer) -> list[str]:
    """'North London', 'Mid-Jutland', 'Western Kasai': the place after the compass word of a name
    the gazetteer lacks, read with the document's names so that the part lies within it."""
    written = {fold(n.surface) for n in names}
    out = []
    for n in names:
        rest = _compass_rest(n.surface)
        fresh = rest and fold(rest) not in written and rest not in out
        if fresh and not gazetteer.has(n.surface) and gazetteer.has(rest):
            out.append(rest)
    return out


def _rest_reading(reading, readings: dict):
    """The reading of the place after a compass word that the document does not name alone: kept
    when another of its places lies in the same country, or when it names no other place."""
    if reading is None:
        return None
    if reading.local_support > 0 or all(r is None for r in readings.values()):
        return reading
    return None  # 'Central Plateau' in a story about Haiti is not in Nigeria's Plateau State


def _compass_rest(surface: str) -> str:
    """'North London' -> 'London', 'Mid-Jutland' -> 'Jutland'; '' for a name without a compass word."""
    m = re.match(r"([A-Za-z]+)[ -](?=[A-Z])", surface)
    if m is None or m.group(1).lower() not in words().compass:
        return ""
    return surface[m.end() :]


_CONTEXT_KINDS = ("country", "region", "county", "city")  # Place.kind values an organisation may bear


def _lists(names: list[PlaceName], text: str) -> list[int | None]:
    """The list each name is written in ('Indiana, Ohio, Montana and Wyoming'), by the index of
    its first name; None for a name written alone."""
    groups: list[int | None] = [None] * len(names)
    for i in range(1, len(names)):
        if words().list_gap.fullmatch(text[names[i - 1].end : names[i].start]):
            groups[i] = groups[i - 1] if groups[i - 1] is not None else i - 1
            groups[i - 1] = groups[i]
    return groups


def _qualifier_of(names: list[PlaceName], i: int, text: str, gazetteer: Gazetteer) -> int | None:
    """'Paris, Texas' / 'COLUMBIA, Ky.': the index of the name right after a comma, unless the
    names run on as a list ('Georgia, Illinois, Missouri and Ohio'); in a list of towns and
    their states ('Nashville and Cordova, Tennessee, Richmond, Virginia, ...') a town followed by
    a state that has a town of its name is still qualified by it."""
    if i + 1 >= len(names):
        return None
    nxt = names[i + 1]
    between = text[names[i].end : nxt.start]
    if not words().qualifying.fullmatch(between):
        return None
    if "," not in between and not _region_or_country(gazetteer, nxt):
        return None  # 'a rally in London in Hyde Park': only a region or country qualifies after 'in'
    gap = words().list_gap
    # 'Stroud, Ontario, Canada' is a town, its province and their country, not a list
    chained = (
        i + 2 < len(names)
        and not is_country(gazetteer, nxt.lookup or nxt.surface)
        and is_country(gazetteer, names[i + 2].lookup or names[i + 2].surface)
    )
    listed = (i > 0 and gap.fullmatch(text[names[i - 1].end : names[i].start])) or (
        i + 2 < len(names) and not chained and gap.fullmatch(text[nxt.end : names[i + 2].start])
    )
    if listed and not _town_in_state(gazetteer, names[i], nxt):
        return None
    return i + 1


def _region_or_country(gazetteer: Gazetteer, name: PlaceName) -> bool:
    places, how = gazetteer.lookup_with_match(name.lookup or name.surface)
    return how == "exact" and any(p.kind in ("region", "county", "country") for p in places[:1])


def _town_in_state(gazetteer: Gazetteer, town: PlaceName, state: PlaceName) -> bool:
    """The first name reads first as a city or town, and one of its towns lies in the
    first-level region the second name is: 'Richmond' and 'Virginia', not 'Georgia' and 'Illinois'
    nor 'Washington' and 'Pennsylvania' (the first is a state too)."""
    towns = gazetteer.lookup(town.lookup or town.surface)
    if not towns or towns[0].kind not in ("city", "town"):
        return False
    if any(p.source == "admin1" or p.kind == "country" for p in towns[:PEER_CANDIDATES]):
        return False  # 'Washington, Pennsylvania, Ohio': a state among states
    regions = [p for p in gazetteer.lookup(state.lookup or state.surface)[:3] if p.source == "admin1"]
    return bool(regions) and any(
        p.admin1 == regions[0].admin1 for p in towns[:MAX_CANDIDATES] if p.kind in ("city", "town")
    )


def _a_person_more_likely(n: PlaceName, reading) -> bool:
    """'His daughters, Malia and Sasha', '"We pack in week 19," Conrad says': a name whose
    reading is a small town, with no locative before it, is more likely a person's when no other
    place of the document lies in its country, when the town only resembles the name ('Nina' ~
    Neenah), or when the name acts (a verb's subject, a noun's apposition)."""
    place = reading.place
    return (
        place.kind == "town"
        and place.prominence < SMALL_TOWN
        and not (n.locative or n.evidence or n.hint or n.kind)
        and (reading.local_support == 0 or reading.how != "exact" or n.acts)
    )


_ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "appos"})  # spaCy's dependency labels


def _placed_near(
    n: PlaceName,
    readings: dict,
    names: list[PlaceName],
    text: str,
    focuses: tuple[Place | None, Place | None],
    focus_city: list,
    rests: dict,
    gazetteer: Gazetteer,
    site: bool = False,
) -> tuple:
    """(place, match, confidence) of a name read as no place of the gazetteer: the place that
    encloses it, else (for a site, given the ``gazetteer``) the town its name starts with, else
    the article's own city (a site or neighbourhood, not a region), else the one country of the
    article's other places, else none."""
    near = _enclosing_place(n, readings, names, text, rests)
    if near is None:  # 'the villages of Bumbacari and Dudescu': the region of the towns listed with it
        near = _region_of_list_mates(n, names, readings, text, gazetteer)
    if near is None and site:  # a site: the town its name starts with
        near = _town_named_first(n, readings, gazetteer)
    if near is not None:
        return near, "within", 0.5
    if n.hint != "region":
        if not focus_city:
            focus_city.append(_focus_city(readings, text, focuses[1]))
        if focus_city[0] is not None:
            return focus_city[0], "within", 0.3
    region, focus = focuses
    if region is not None and n.hint != "region":
        return region, "within", 0.3
    if focus is not None:
        return focus, "within", 0.3
    return None, "none", 0.0


def _countries(readings: dict) -> Counter:
    """How many of the document's readings lie in each country."""
    return Counter(r.place.country_code for r in readings.values() if r is not None and r.place.country_code)


def _focus_city(readings: dict, text: str, focus: Place | None) -> Place | None:
    """The article's own city, as CLIFF-CLAVIN computes a focus: the city or town it names more
    often than any other, at least twice (each name counted wherever it is written, 'north
    London' too), in the country most of the article's places lie in ('Abu Shok' in a story
    about Darfur is not in the South Sudanese city the story also names). Where more than half
    of them lie in one country (the ``focus``), only that country's cities are ranked: 'Moscow'
    written as often as London in a story about a poisoning in London is no rival."""
    top = _countries(readings).most_common(2)
    if not top or (len(top) > 1 and top[1][1] == top[0][1]):
        return None
    counts: Counter = Counter()
    places = {}
    by_surface: dict = {}
    for (surface, _, _), reading in readings.items():
        if reading is not None:
            by_surface.setdefault(surface, reading)  # its first reading, as the rows take it
    for surface, reading in by_surface.items():
        place = reading.place
        if place.kind not in ("city", "town") or reading.outside_qualifier:
            continue
        if focus is not None and place.country_code != focus.country_code:
            continue
        written = len(re.findall(rf"(?<!\w){re.escape(surface)}(?!\w)", text))
        counts[place.location_id] += written
        places[place.location_id] = place
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    city = places[ranked[0][0]]
    return city if city.country_code == top[0][0] else None


def _focus_country(readings, gazetteer: Gazetteer) -> Place | None:
    """The country most of the document's read places lie in (more than MAIN_SHARE of its
    distinct place names), or None: a place the gazetteer lacks in a story about Darfur that
    also names Khartoum's neighbours and Geneva is most likely in Sudan."""
    codes = Counter(
        r.place.country_code
        for r in {id(r): r for r in readings if r is not None}.values()
        if not r.outside_qualifier and r.place.kind in _ENCLOSING_KINDS and r.place.country_code
    )
    top = codes.most_common(1)
    if not top or top[0][1] <= MAIN_SHARE * sum(codes.values()):
        return None
    return gazetteer.country(top[0][0])


MAIN_SHARE = 0.5


def _focus_region(readings, gazetteer: Gazetteer) -> Place | None:
    """The first-level region (state, province) more than MAIN_SHARE of the document's distinct
    read places lie in, or None: an unknown district of a story about Prince Edward Island that
    names its towns lies in the island province, not at Canada's centre 3,500 km away (GDELT and
    CLIFF fall back on the focus state before the country)."""
    distinct = [
        r.place
        for r in {id(r): r for r in readings if r is not None}.values()
        if not r.outside_qualifier and r.place.kind in _ENCLOSING_KINDS and r.place.country_code
    ]
    top = Counter(p.admin1 for p in distinct if p.admin1).most_common(1)
    if not top or top[0][1] <= MAIN_SHARE * len(distinct):
        return None
    return gazetteer.region(top[0][0])


def _kept(n: PlaceName, reading) -> bool:
    """A name the gazetteer lacks is kept where the words say it is a place; one it knows, unless
    a person is more likely meant."""
    if reading is None:  # 'a top golfer in Brooke Henderson' names the golfer
        return bool(n.kind or (n.label in _PLACE_LABELS and n.evidence and not n.a_person))
    return not _a_person_more_likely(n, reading)


def _only_resembles(reading) -> bool:
    """A town matched only by its transliteration-blind spelling, in a country none of the
    document's other places lies in: another place of a similar name, not the one written."""
    return reading.how == "folded" and reading.place.kind == "town" and reading.local_support == 0


def _reading_kept(
    n: PlaceName, readings: dict, countries: Counter, text: str
) -> tuple[bool, Reading | None, str | None]:
    """(whether the name is kept, its reading, the country of a stray namesake's story): a
    reading that only resembles the name or is a stray namesake is no reading; a name kept only
    because of such a reading is not kept ('Lucy's windpipe')."""
    reading = readings[(n.surface, n.hint, n.start)]
    if not _kept(n, reading):
        return False, None, None
    if reading is not None and _only_resembles(reading):
        return True, None, None  # 'Foua' ~ Fuwwah, Egypt, in an article about Syria: a place unknown here
    stray = _a_stray_namesake(n, reading, countries, text) if reading is not None else None
    if stray is not None:
        return _kept(n, None) or _a_natural_feature(n, text), None, stray
    return True, reading, None


def _a_stray_namesake(n: PlaceName, reading, countries: Counter, text: str) -> str | None:
    """A small town in a country none of the document's other places lies in, while most of them
    lie in one other country: 'Piccadilly' in a story about London is the street there, not the
    Australian village of that name the gazetteer has; so is any such town where the words say
    a region is meant ('Nyanza province' in a story about Kenya is not the Rwandan town), and any
    town or city abroad that a natural feature's name reads as ('the Black Forest' in a story
    about Germany is not the Colorado town). The country of most of the places, or None."""
    place = reading.place
    feature = _a_natural_feature(n, text)
    if not (place.kind == "town" or (feature and place.kind == "city")) or reading.local_support > 0:
        return None
    if place.prominence >= SMALL_TOWN and n.hint != "region" and not feature:
        return None
    if reading.outside_qualifier:
        return None  # placed by the region written after it
    top = countries.most_common(2)
    if (
        top
        and top[0][0] != place.country_code
        and top[0][1] >= STRAY_FOCUS
        and (len(top) < 2 or top[0][1] > top[1][1])
    ):
        return top[0][0]
    return None


def _a_natural_feature(n: PlaceName, text: str) -> bool:
    """'the Black Forest', 'the Central Coast': a name after 'the' that ends in a natural feature's
    noun names the feature."""
    last = n.surface.rsplit(" ", 1)[-1].lower()
    return (
        " " in n.surface
        and last in words().natural_features
        and text[max(0, n.start - 4) : n.start].lower() == "the "
    )


STRAY_FOCUS = 3  # readings in one country that make a lone small town elsewhere a namesake
SMALL_TOWN = 4.5  # prominence (log10 population) below which a bare name needs more evidence


_ENCLOSING_KINDS = ("city", "town", "county", "region", "country")  # Place.kind values


def _enclosing_place(
    n: PlaceName, readings: dict, names: list[PlaceName], text: str, rests: dict
) -> Place | None:
    """Where a place or site the gazetteer lacks (or has only outside the region written after
    it) lies: the place its name starts with ('Barren County Detention Center'), else the place
    after its compass word ('North London', 'Mid-Jutland'), else the place named right after it
    ('Trillium Health Centre in Mississauga', 'Balintawak, Quezon City', 'HOLLIDAY, Mo.'); 'the
    Imperio Banquet Hall on Falcon Street' has none."""
    named = {m.surface: readings.get((m.surface, m.hint, m.start)) for m in names}
    words_ = n.surface.split()
    for k in range(min(3, len(words_) - 1), 0, -1):
        reading = named.get(" ".join(words_[:k]))  # a place the document names elsewhere
        if reading is not None and not reading.outside_qualifier and reading.place.kind in _ENCLOSING_KINDS:
            return reading.place
    rest = _compass_rest(n.surface)  # 'North London' lies in London
    reading = (named.get(rest) or _rest_reading(rests.get(rest), readings)) if rest else None
    if reading is not None and not reading.outside_qualifier and reading.place.kind in _ENCLOSING_KINDS:
        return reading.place
    after = next((m for m in names if m.start >= n.end), None)
    if after is not None and words().enclosure.fullmatch(text[n.end : after.start]):
        reading = readings.get((after.surface, after.hint, after.start))
        if reading is not None and not reading.outside_qualifier and reading.place.kind in _ENCLOSING_KINDS:
            return reading.place
    return None


def _outside_enclosure(
    n: PlaceName, reading: Reading, readings: dict, names: list[PlaceName], text: str
) -> bool:
    """A town or site read outside the county, state or country a preposition puts it in ('the Rice
    Lake area of Fulton County', where the gazetteer's only Rice Lake is in Wisconsin): the place
    written lies in the enclosing place, not at the namesake. A comma is left to the qualifier
    (and to lists: 'Washington, Oregon and Idaho')."""
    if reading.place.kind not in ("city", "town", "site"):
        return False
    after = next((m for m in names if m.start >= n.end), None)
    if after is None:
        return False
    gap = text[n.end : after.start]
    if "," in gap or not words().enclosure.fullmatch(gap):
        return False
    enclosing = readings.get((after.surface, after.hint, after.start))
    return (
        enclosing is not None and not enclosing.outside_qualifier and outside(reading.place, enclosing.place)
    )


def _region_of_list_mates(
    n: PlaceName, names: list[PlaceName], readings: dict, text: str, gazetteer: Gazetteer
) -> Place | None:
    """The first-level region of the towns and cities written in one list with a place the
    gazetteer lacks, when they all lie in it ('the villages of Bumbacari and Dudescu', Dudescu
    being a village of Braila county): the place lies among them, not at its country's centre."""
    i = names.index(n)
    gap = words().list_gap
    mates = []
    for step in (-1, 1):
        j = i
        while 0 <= j + step < len(names):
            a, b = (names[j + step], names[j]) if step < 0 else (names[j], names[j + step])
            if not gap.fullmatch(text[a.end : b.start]):
                break
            j += step
            mates.append(names[j])
    regions = set()
    for m in mates:
        reading = readings.get((m.surface, m.hint, m.start))
        if reading is None:
            continue
        if (
            reading.outside_qualifier
            or reading.place.kind not in ("city", "town")
            or not reading.place.admin1
        ):
            return None  # a region or country in the list says nothing of the towns' region
        regions.add(reading.place.admin1)
    if len(regions) != 1:
        return None
    return gazetteer.region(regions.pop())


def _town_named_first(n: PlaceName, readings: dict, gazetteer: Gazetteer) -> Place | None:
    """The town a site is named after, when the document names it nowhere
    else ('the Ubay Community Hospital', 'Istanbul Ataturk International Airport'): the place of
    exactly that name in one of the countries the document's places lie in, or, with no such
    place, a place so well known that its name alone makes it one (PROMINENT)."""
    countries = {
        r.place.country_code
        for key, r in readings.items()
        if r is not None and not r.outside_qualifier and key[0] != n.surface
    }
    for head in _name_heads(n.surface):
        named = [
            p for p in gazetteer.lookup(head) if fold(p.name) == fold(head) and p.kind in _ENCLOSING_KINDS
        ]
        local = next((p for p in named if p.country_code in countries), None)
        if local is not None:
            return local
        if named and named[0].prominence >= PROMINENT:
            return named[0]
    return None


def _name_heads(surface: str) -> list[str]:
    """The first one to three words of a site's name, longest first, never the whole name
    ('Istanbul Ataturk International Airport' -> 'Istanbul Ataturk International', ...)."""
    parts = surface.split()
    return [" ".join(parts[:k]) for k in range(min(3, len(parts) - 1), 0, -1)]


def _a_namesake_site(
    n: PlaceName, reading, readings: dict, names: list[PlaceName], gazetteer: Gazetteer
) -> bool:
    """A site read in another country than the place its name starts with, which the document
    names or which is well known ('Bali airport' read as the airport of Bali, Cameroon, in a story
    about Indonesia's island): a namesake, not the site written."""
    place = reading.place
    if place.kind != "site" or place.source == "curated" or len(n.surface.split()) < 2:
        return False
    named = {m.surface: readings.get((m.surface, m.hint, m.start)) for m in names if m is not n}
    for prefix in _name_heads(n.surface):
        head = named.get(prefix)
        if head is not None and head.place.kind in _ENCLOSING_KINDS:
            return head.place.country_code != place.country_code
    town = _town_named_first(n, readings, gazetteer)
    return town is not None and town.prominence >= PROMINENT and town.country_code != place.country_code


def _inside_a_name(n: PlaceName, actors: DisjointSpans, names: list[PlaceName], text: str) -> bool:
    """A place inside an actor's name ('Save the Children', 'US State Department'), unless the
    rest of that name is only other places and connectives ('Ingham or Townsville')."""
    span = actors.containing(n.start, n.end)
    if span is None:
        return False
    rest = text[span[0] : span[1]]
    for other in names:
        if span[0] <= other.start and other.end <= span[1]:
            rest = rest.replace(text[other.start : other.end], " ")
    return bool(re.search(r"[A-Z]", rest))


def _mark_evidence(doc: Doc, names: list[PlaceName]) -> None:
    """What the words around each name say: a locative before it ('in Kfraya'; a strong one for
    names the gazetteer lacks), a landscape noun after it ('the Sambisa forest'), a facility or
    landscape word ending it."""
    w = words()
    flights = w.flight_words.search(doc_text(doc)) is not None
    starts = doc.to_array("IDX").tolist() if len(doc) else []
    for n in names:
        first = bisect.bisect_right(starts, n.start) - 1
        last = bisect.bisect_left(starts, n.end) - 1
        if first < 0 or last < first:
            continue
        end_token = doc[last]
        following = doc[last + 1].lower_ if last + 1 < len(doc) else ""
        ends_as_place = last > first and (end_token.text in w.site_heads or end_token.lower_ in w.landscape)
        strong = after_locative(doc, first, strong=True) or following in w.landscape or ends_as_place
        n.evidence = n.evidence or strong
        n.locative = n.locative or n.evidence or after_locative(doc, first)
        n.acts = end_token.dep_ in _ACTING_DEPS
        n.a_person = (
            first >= 2
            and doc[first - 1].lower_ == "in"
            and doc[first - 2].lemma_.lower() in w.person_nouns_before_in
        )
        if flights and not n.hint and w.flight_words.search(sentence_text(sentence_at(doc, n.start))):
            n.hint = "airport"  # 'Flights left Heathrow': the airport, not Heathrow, Florida


def _share_evidence(names: list[PlaceName], text: str) -> None:
    """Names in one list ('the villages of Foua and Kfraya') share the evidence that they are places."""
    for a, b in itertools.pairwise(names):
        if words().list_gap.fullmatch(text[a.end : b.start]):
            a.evidence = b.evidence = a.evidence or b.evidence


def _names_a_currency(n: PlaceName, text: str) -> bool:
    """'US$460 million', 'HK$20': a country's abbreviation fused to a currency sign."""
    return text[n.end : n.end + 1] in words().currency_signs and n.surface.replace(".", "").isupper()


def _person_name_words(doc: Doc) -> set[str]:
    """The first and last words of the persons' full names in the document ('Vladimir' and
    'Putin' of 'Vladimir Putin')."""
    return {
        w
        for ent in doc.ents
        if ent.label_ == "PERSON" and len(ent) >= 2
        for w in (ent[0].text, ent[-1].text)
        if w.istitle()
    }


def _a_titles_article(doc: Doc, n: PlaceName, gazetteer: Gazetteer) -> bool:
    """'a video by The Atlantic', 'readers of The Caribbean': 'The' written in capitals inside a
    sentence, before a name the gazetteer bears only without it, makes the words a publication's
    or a work's title (a place bearing the article keeps it: 'The Hague'; after a strong locative
    the place is meant: 'exports from The Gambia')."""
    text = doc_text(doc)
    if n.surface.startswith("The "):
        start, bare = n.start, n.surface[4:]
    elif text[max(0, n.start - 4) : n.start] == "The ":
        start, bare = n.start - 4, n.surface
    else:
        return False
    span = doc.char_span(start, start + 3)
    if span is None or span[0].is_sent_start or after_locative(doc, span[0].i, strong=True):
        return False
    return gazetteer.lookup_with_match("The " + bare)[1] != "exact"


def _a_saints_institution(n: PlaceName, text: str) -> bool:
    """ "St. John's University", "officials at St. Paul's said" in a story that names St. Paul's
    Hospital: a saint's name with a possessive is a church's, school's or hospital's where the
    story writes it before such a word; 'St. John's, Newfoundland' and 'St. Paul' stay towns."""
    w = words()
    if n.surface.split(" ", 1)[0] not in w.saint_words or text[n.end : n.end + 2] not in w.possessives:
        return False
    institution = re.escape(n.surface) + r"['’]s\s+(?:" + "|".join(w.saint_institutions) + r")\b"
    return re.search(institution, text) is not None


def _a_state_after(n: PlaceName, m: PlaceName, text: str, gazetteer: Gazetteer) -> bool:
    """'Winchester, Virginia': a first- or second-level region written after the name and a
    comma (a country there may open the sentence's clause: 'According to Conrad, South Africa
    ...')."""
    if text[n.end : m.start] != ", ":
        return False
    places = gazetteer.lookup(m.lookup or m.surface)
    return bool(places) and places[0].kind in ("region", "county")


def _a_persons_name(n: PlaceName, persons: set[str], qualified: set[int]) -> bool:
    """'a friend of Vladimir' in a story about Vladimir Putin, 'Georgia began skating' in one
    about Georgia Stevens: a one-word name that a person of the story bears, with no strong
    locative before it ('in Georgia' stays the place) and no state or county written after it and
    a comma ('moved to Winchester, Virginia'; ``qualified`` holds those names' starts), is the
    person."""
    if n.surface not in persons or " " in n.surface or n.evidence or n.hint or n.kind:
        return False
    return n.start not in qualified


ACRONYM_LETTERS = 4  # the longest name in capitals read as an acronym ('BA', 'NATO')
ACRONYM_TOWN = 5.0  # prominence below which a town is too small to be what capitals stand for


def _an_acronym(n: PlaceName, gazetteer: Gazetteer) -> bool:
    """'BA flights', 'the UN said', 'a NATO base': a short word in capitals that the gazetteer
    knows only as a small town spelled in lower case ('Ba', Fiji; 'Un', India; 'Nato', the
    Philippines) is an organisation's initials, not the town. Datelines ('ULM, Germany' reads a
    hint) and names that a country, region or airport bears ('UK', 'NSW') stay places."""
    letters = n.surface.replace(".", "")
    if n.hint or n.kind or not (letters.isalpha() and letters.isupper() and len(letters) <= ACRONYM_LETTERS):
        return False
    places = gazetteer.lookup(n.surface)[:MAX_CANDIDATES]
    return bool(places) and all(
        p.kind in ("town", "city")
        and p.source == "geonames"
        and p.name != n.surface
        and p.prominence < ACRONYM_TOWN
        for p in places
    )


def _stands_for_a_government(doc: Doc, n: PlaceName) -> bool:
    """'The Kremlin denies', 'a White House meeting': a seat of government named for the
    government in it, not as the place (it is one after a locative: 'a ceremony at the White
    House', unless it modifies the noun there: 'at a White House meeting')."""
    w = words()
    surface = n.surface
    first_word = surface.split(" ", 1)[0]
    if first_word.lower() in w.articles:
        surface = surface[len(first_word) + 1 :]
    if fold(surface) not in w.seats_of_government:
        return False
    span = doc.char_span(n.start, n.end, alignment_mode="expand")
    if span is None:
        return False
    last, first = span[-1], span[0]
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if last.dep_ in ("compound", "amod", "nmod") or (after is not None and after.text in w.possessives):
        return True
    start = first.i  # the locative stands before the article: 'outside the Kremlin'
    if first.lower_ not in w.articles and start > 0 and doc[start - 1].lower_ in w.articles:
        start -= 1
    return not after_locative(doc, start, strong=True)


def _surely_a_place(n: PlaceName, gazetteer: Gazetteer) -> bool:
    """A country, region or city named exactly, that spaCy tagged as a place or an organisation: a
    place even where an actor's mention holds it ('Northern Territory' read as an organisation)."""
    if n.label not in ("GPE", "LOC", "ORG"):
        return False
    places, how = gazetteer.lookup_with_match(n.surface)
    return how == "exact" and any(p.kind in ("country", "region", "county", "city") for p in places[:3])


def _actor_spans(actors) -> tuple[DisjointSpans, set[tuple[int, int]]]:
    """Every actor mention (they do not overlap), and those of persons and organisations
    (never a place themselves)."""
    spans = DisjointSpans()
    if actors is None:
        return spans, set()
    for actor in actors:
        for s, e in actor.mentions:
            spans.add(s, e)
    named = {
        (s, e)
        for actor in actors
        if actor.type in ("person", "organisation", "armed_group")
        for s, e in actor.mentions
    }
    return spans, named
