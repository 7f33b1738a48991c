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

Which place a name means is decided in ``geocode.resolve`` (prominence against the document's
other places). A name the gazetteer lacks keeps its row, with null coordinates and match 'none'.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span

from newsfacts.extract.common import DisjointSpans, doc_text, sentence_at, sentence_text, slug
from newsfacts.extract.geocode import MAX_CANDIDATES, Query, Reading, resolve
from newsfacts.extract.names import lexicon, person_surnames
from newsfacts.gazetteer import Gazetteer, Place, curated, fold

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True)
class _Words:
    locative: frozenset[str]
    weak_locative: frozenset[str]
    landscape: frozenset[str]
    place_nouns: frozenset[str]
    region_nouns: frozenset[str]
    city_nouns: frozenset[str]
    event_nouns: frozenset[str]
    city_suffixes: tuple[str, ...]
    compass: frozenset[str]
    articles: frozenset[str]
    possessives: frozenset[str]
    connectors: frozenset[str]
    openers: frozenset[str]
    diseases: frozenset[str]
    disease_nouns: frozenset[str]
    storms: frozenset[str]
    team_words: frozenset[str]
    seats_of_government: frozenset[str]
    currency_signs: frozenset[str]
    sports_verbs: frozenset[str]
    site_heads: frozenset[str]
    strong_site_heads: frozenset[str]
    roads: re.Pattern
    flight_words: re.Pattern
    abbreviations: re.Pattern
    list_gap: re.Pattern  # what stands between two names of a list
    enclosure: re.Pattern  # what stands between a place and the one that holds it
    qualifying: re.Pattern  # what stands between a place and the region that qualifies it
    span_part: re.Pattern  # one place of a name spaCy read across a conjunction
    span_lead: re.Pattern  # the conjunction a part opens with


@lru_cache(maxsize=1)
def words() -> _Words:
    data = curated()
    w, no, sites = data["words"], data["not_places"], data["sites_words"]
    alternation = trie_pattern(list(data["abbreviations"]))
    return _Words(
        frozenset(w["locative"]),
        frozenset(w["weak_locative"]),
        frozenset(w["landscape"]),
        frozenset(w["place_nouns"]),
        frozenset(w["region_nouns"]),
        frozenset(w["city_nouns"]),
        frozenset(w["event_nouns"]),
        tuple(w["city_suffixes"]),
        frozenset(w["compass"]),
        frozenset(w["articles"]),
        frozenset(w["possessives"]),
        frozenset(w["connectors"]),
        frozenset(w["openers"]),
        frozenset(fold(d) for d in no["diseases"]),
        frozenset(no["disease_nouns"]),
        frozenset(no["storms"]),
        frozenset(no["team_words"]),
        frozenset(fold(n) for n in no["seats_of_government"]),
        frozenset(no["currency_signs"]),
        frozenset(no["sports_verbs"]),
        frozenset(sites["heads"]),
        frozenset(sites["strong_heads"]),
        re.compile("|".join(f"(?:{r})" for r in sites["roads"])),
        re.compile(
            r"\b(?:" + "|".join(map(re.escape, data["airports"]["flight_words"])) + r")\b", re.IGNORECASE
        ),
        # after a place and a comma, or in a party tag: 'Peoria, Ill.', '(D-Md.)'
        re.compile(r"(?:, |\b[DRI]\.?-)(" + alternation + r")(?![\w.])"),
        re.compile(rf"\s*(?:,|{_words(w['list_conjunctions'])}|, {_words(w['list_conjunctions'])})\s*"),
        # 'Kafr Nabl in Idlib', 'Jarabulus, near Aleppo', 'the Adhamiyah district of Baghdad',
        # 'the Gokwe district, Midlands province'
        re.compile(
            rf",?\s+(?:{_words(w['place_nouns'])}\s+)?{_words(w['containment_prepositions'])},?\s+"
            rf"|(?:\s+{_words(w['region_nouns'])})?,[ \t]*"
        ),
        re.compile(rf",[ \t]*|,? {_words(w['qualifying_prepositions'])} "),
        re.compile(rf"[^,]+?(?=\s+{_words(w['span_conjunctions'])}\s+|,|$)"),
        re.compile(rf"^{_words(w['span_conjunctions'])}\s+"),
    )


def _words(words: list[str]) -> str:
    """One group matching any of the words."""
    return "(?:" + "|".join(map(re.escape, words)) + ")"


# kept for the actors extractor, which imports it (it will stop doing so)
LANDSCAPE = set(curated()["words"]["landscape"])


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


@dataclass
class _Name:
    start: int
    end: int
    surface: str
    label: str
    hint: str = ""  # 'region', 'populated', 'city' (softer), 'airport' or ''
    kind: str = ""  # 'site' for a named facility the gazetteer may lack
    evidence: bool = False  # the words around it say it is a place ('in Kfraya', 'the Xinmo village')
    locative: bool = False  # after a locative preposition, even one that takes people too ('of Toco')
    lookup: str = ""  # the name to look up when it is not the surface ('Kasai' for 'Kasai province')
    acts: bool = False  # the subject of a verb or set beside a noun ('Conrad continues', 'his son, Mason')


def extract_locations(doc: Doc, gazetteer: Gazetteer, actors=None) -> PlaceIndex:
    """Named places of a parsed document, one per place. With ``actors`` (an ActorIndex), places
    inside actors' names ('Save the Children', 'al-Baghdadi') are skipped."""
    text = doc_text(doc)
    if not text.strip():
        return PlaceIndex(doc, [])
    inside_actor, named_actor = _actor_spans(actors)
    found = _place_names(doc, gazetteer)
    names = [
        n
        for n in found
        if not _inside_a_name(n, inside_actor, found, text)
        and not ((n.start, n.end) in named_actor and not (n.kind or _surely_a_place(n, gazetteer)))
    ]
    names = [n for n in names if not (_stands_for_a_government(doc, n) or _names_a_currency(n, text))]
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
    focus_city: list[Place | None] = []  # computed when an unknown place first needs it
    for n in names:
        kept, reading, stray = _reading_kept(n, readings)
        if not kept:
            continue
        near = None
        site = n.surface.split()[-1].title() in words().site_heads  # 'Ubay Community Hospital'
        if reading is not None and _a_namesake_site(n, reading, readings, names, gazetteer):
            reading, site = None, True  # 'Bali airport' is not the airport of Bali, Cameroon
        if reading is None or reading.outside_qualifier:
            location_id, place = f"name:{slug(n.surface)}", None
            near, match, confidence = _placed_near(
                n, readings, names, text, focus, focus_city, rests, gazetteer if site else None
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
    names: list[_Name], gazetteer: Gazetteer, text: str, context: list[str], rests: list[str]
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


def _places_in_names(doc: Doc, gazetteer: Gazetteer, names: list[_Name]) -> list[str]:
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


def _after_compass_words(names: list[_Name], gazetteer: Gazetteer) -> list[str]:
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


def _lists(names: list[_Name], text: str) -> list[int | None]:
    """The list each name is written in ('Indiana, Ohio, Montana and Wyoming'), by the index of
    its first name; None for a name written alone."""
    groups: list[int | None] = [None] * len(names)
    for i in range(1, len(names)):
        if words().list_gap.fullmatch(text[names[i - 1].end : names[i].start]):
            groups[i] = groups[i - 1] if groups[i - 1] is not None else i - 1
            groups[i - 1] = groups[i]
    return groups


def _qualifier_of(names: list[_Name], i: int, text: str, gazetteer: Gazetteer) -> int | None:
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
        and not _is_country(gazetteer, nxt.lookup or nxt.surface)
        and _is_country(gazetteer, names[i + 2].lookup or names[i + 2].surface)
    )
    listed = (i > 0 and gap.fullmatch(text[names[i - 1].end : names[i].start])) or (
        i + 2 < len(names) and not chained and gap.fullmatch(text[nxt.end : names[i + 2].start])
    )
    if listed and not _town_in_state(gazetteer, names[i], nxt):
        return None
    return i + 1


def _region_or_country(gazetteer: Gazetteer, name: _Name) -> bool:
    places, how = gazetteer.lookup_with_match(name.lookup or name.surface)
    return how == "exact" and any(p.kind in ("region", "county", "country") for p in places[:1])


def _town_in_state(gazetteer: Gazetteer, town: _Name, state: _Name) -> bool:
    """The first name reads first as a city or town, and one of its towns lies in the
    first-level region the second name is: 'Richmond' and 'Virginia', not 'Georgia' and 'Illinois'
    nor 'Washington' and 'Pennsylvania' (the first is a state too)."""
    towns = gazetteer.lookup(town.lookup or town.surface)
    if not towns or towns[0].kind not in ("city", "town"):
        return False
    if any(p.source == "admin1" or p.kind == "country" for p in towns[:_PEER_CANDIDATES]):
        return False  # 'Washington, Pennsylvania, Ohio': a state among states
    regions = [p for p in gazetteer.lookup(state.lookup or state.surface)[:3] if p.source == "admin1"]
    return bool(regions) and any(
        p.admin1 == regions[0].admin1 for p in towns[:MAX_CANDIDATES] if p.kind in ("city", "town")
    )


def _a_person_more_likely(n: _Name, reading) -> bool:
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
    n: _Name,
    readings: dict,
    names: list[_Name],
    text: str,
    focus: Place | None,
    focus_city: list,
    rests: dict,
    gazetteer: Gazetteer | None = None,
) -> tuple:
    """(place, match, confidence) of a name read as no place of the gazetteer: the place that
    encloses it, else (for a site, given the ``gazetteer``) the town its name starts with, else
    the article's own city (a site or neighbourhood, not a region), else the one country of the
    article's other places, else none."""
    near = _enclosing_place(n, readings, names, text, rests)
    if near is None and gazetteer is not None:  # a site: the town its name starts with
        near = _town_named_first(n, readings, gazetteer)
    if near is not None:
        return near, "within", 0.5
    if n.hint != "region":
        if not focus_city:
            focus_city.append(_focus_city(readings, text))
        if focus_city[0] is not None:
            return focus_city[0], "within", 0.3
    if focus is not None:
        return focus, "within", 0.3
    return None, "none", 0.0


def _focus_city(readings: dict, text: str) -> Place | None:
    """The article's own city, as CLIFF-CLAVIN computes a focus: the city or town it names more
    often than any other, at least twice (each name counted wherever it is written)."""
    counts: Counter = Counter()
    places = {}
    by_surface: dict = {}
    for (surface, _, _), reading in readings.items():
        if reading is not None:
            by_surface.setdefault(surface, reading)  # its first reading, as the rows take it
    for surface, reading in by_surface.items():
        if reading.place.kind not in ("city", "town") or reading.outside_qualifier:
            continue
        written = len(re.findall(rf"(?<!\w){re.escape(surface)}(?!\w)", text))
        counts[reading.place.location_id] += written
        places[reading.place.location_id] = reading.place
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    city = places[ranked[0][0]]
    # and in the country most of the article's places lie in ('Abu Shok' in a story about Darfur
    # is not in the South Sudanese city the story also names)
    countries = Counter(
        r.place.country_code for r in readings.values() if r is not None and r.place.country_code
    )
    top = countries.most_common(2)
    if not top or top[0][0] != city.country_code or (len(top) > 1 and top[1][1] == top[0][1]):
        return None
    return city


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


def _kept(n: _Name, reading) -> bool:
    """A name the gazetteer lacks is kept where the words say it is a place; one it knows, unless
    a person is more likely meant."""
    if reading is None:
        return bool(n.kind or (n.label in _PLACE_LABELS and n.evidence))
    return not _a_person_more_likely(n, reading)


def _only_resembles(reading) -> bool:
    """A town matched only by its transliteration-blind spelling, in a country none of the
    document's other places lies in: another place of a similar name, not the one written."""
    return reading.how == "folded" and reading.place.kind == "town" and reading.local_support == 0


def _reading_kept(n: _Name, readings: dict) -> tuple[bool, Reading | None, str | None]:
    """(whether the name is kept, its reading, the country of a stray namesake's story): a
    reading that only resembles the name or is a stray namesake is no reading; a name kept only
    because of such a reading is not kept ('Lucy's windpipe')."""
    reading = readings[(n.surface, n.hint, n.start)]
    if not _kept(n, reading):
        return False, None, None
    if reading is not None and _only_resembles(reading):
        return True, None, None  # 'Foua' ~ Fuwwah, Egypt, in an article about Syria: a place unknown here
    stray = _a_stray_namesake(n, reading, readings) if reading is not None else None
    if stray is not None:
        return _kept(n, None), None, stray
    return True, reading, None


def _a_stray_namesake(n: _Name, reading, readings: dict) -> str | None:
    """A small town in a country none of the document's other places lies in, while most of them
    lie in one other country: 'Piccadilly' in a story about London is the street there, not the
    Australian village of that name the gazetteer has; so is any such town where the words say
    a region is meant ('Nyanza province' in a story about Kenya is not the Rwandan town). The
    country of most of the places, or None."""
    place = reading.place
    if place.kind != "town" or reading.local_support > 0:
        return None
    if place.prominence >= SMALL_TOWN and n.hint != "region":
        return None
    if reading.outside_qualifier:
        return None  # placed by the region written after it
    countries = Counter(
        r.place.country_code for r in readings.values() if r is not None and r.place.country_code
    )
    top = countries.most_common(2)
    if (
        top
        and top[0][0] != place.country_code
        and top[0][1] >= STRAY_FOCUS
        and (len(top) < 2 or top[0][1] > top[1][1])
    ):
        return top[0][0]
    return None


STRAY_FOCUS = 3  # readings in one country that make a lone small town elsewhere a namesake
SMALL_TOWN = 4.5  # prominence (log10 population) below which a bare name needs more evidence


_ENCLOSING_KINDS = ("city", "town", "county", "region", "country")  # Place.kind values


def _enclosing_place(n: _Name, readings: dict, names: list[_Name], text: str, rests: dict) -> Place | None:
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


def _town_named_first(n: _Name, readings: dict, gazetteer: Gazetteer) -> Place | None:
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


def _a_namesake_site(n: _Name, reading, readings: dict, names: list[_Name], gazetteer: Gazetteer) -> bool:
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


def _inside_a_name(n: _Name, actors: DisjointSpans, names: list[_Name], text: str) -> bool:
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


def _mark_evidence(doc: Doc, names: list[_Name]) -> None:
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
        strong = _after_locative(doc, first, strong=True) or following in w.landscape or ends_as_place
        n.evidence = n.evidence or strong
        n.locative = n.locative or n.evidence or _after_locative(doc, first)
        n.acts = end_token.dep_ in _ACTING_DEPS
        if flights and not n.hint and w.flight_words.search(sentence_text(sentence_at(doc, n.start))):
            n.hint = "airport"  # 'Flights left Heathrow': the airport, not Heathrow, Florida


def _share_evidence(names: list[_Name], text: str) -> None:
    """Names in one list ('the villages of Foua and Kfraya') share the evidence that they are places."""
    for a, b in itertools.pairwise(names):
        if words().list_gap.fullmatch(text[a.end : b.start]):
            a.evidence = b.evidence = a.evidence or b.evidence


def _names_a_currency(n: _Name, text: str) -> bool:
    """'US$460 million', 'HK$20': a country's abbreviation fused to a currency sign."""
    return text[n.end : n.end + 1] in words().currency_signs and n.surface.replace(".", "").isupper()


def _stands_for_a_government(doc: Doc, n: _Name) -> bool:
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
    return not _after_locative(doc, start, strong=True)


def _surely_a_place(n: _Name, gazetteer: Gazetteer) -> bool:
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


# --- finding names -----------------------------------------------------------------------------


def _place_names(doc: Doc, gazetteer: Gazetteer) -> list[_Name]:
    text = doc_text(doc)
    taken = DisjointSpans()
    out = []
    # datelines and abbreviations first: where spaCy's entity overlaps one, the pattern is right
    patterns = _dateline_names(text, gazetteer) + _pattern_names(text)
    ents = list(doc.ents)
    entities = _entity_names(doc, gazetteer, ents) + _country_names(text, gazetteer)
    for found in (patterns, entities, _prominent_names(doc, gazetteer, ents)):
        for n in sorted(found, key=lambda n: (n.start, -(n.end - n.start))):
            if not taken.overlaps(n.start, n.end):
                taken.add(n.start, n.end)
                out.append(n)
    out += [n for n in _qualifying_regions(text, out, gazetteer) if not taken.overlaps(n.start, n.end)]
    for n in _listed_names(text, out, gazetteer, taken):
        taken.add(n.start, n.end)
        out.append(n)
    for n in _city_state_pairs(text, gazetteer):
        if not taken.overlaps(n.start, n.end):
            taken.add(n.start, n.end)
            out.append(n)
    return sorted(out, key=lambda n: n.start)


def _listed_names(text: str, names: list[_Name], gazetteer: Gazetteer, taken: DisjointSpans) -> list[_Name]:
    """'eleven counties: Rogaland, Vestfold, Oslo and Hedmark': a capitalised name written in a
    list beside a region or a country is a place when the gazetteer knows it, by that very name,
    as a region of the same level and country (or as a country): spaCy misses many items of a
    long list of regions, or calls one a person."""
    w = words()
    gap = w.list_gap.pattern
    after = re.compile(rf"(?:{gap})({_LIST_ITEM})(?![\w'’-])")
    before = re.compile(rf"(?<![\w'’-])({_LIST_ITEM})(?:{gap})$")
    out: list[_Name] = []
    queue = [(n, _peer_kind(gazetteer, n.lookup or n.surface)) for n in names]
    while queue:
        n, kind = queue.pop()
        if not kind:
            continue
        for m in (after.match(text, n.end), before.search(text, max(0, n.start - 80), n.start)):
            if m is None:
                continue
            start, end, surface = m.start(1), m.end(1), m.group(1)
            first = surface.split(" ", 1)[0].split("-", 1)[0]
            if first in w.openers or fold(surface) in w.compass or taken.overlaps(start, end):
                continue
            if any(o.start < end and start < o.end for o in out) or not kind & _peer_kind(gazetteer, surface):
                continue
            found = _Name(start, end, surface, "GPE", "", evidence=True)
            out.append(found)
            queue.append((found, kind))
    return out


# one item of a list: capitalised words, hyphened parts included ('Vest-Agder', 'Østfold')
_LIST_ITEM = r"[A-ZÀ-ÖØ-Þ][\w'’]*(?:[- ][A-ZÀ-ÖØ-Þ][\w'’]*){0,3}"


def _peer_kind(gazetteer: Gazetteer, surface: str) -> frozenset[tuple[str, str]]:
    """What a name can be, as a list item: ('admin1', country) for a first-level region,
    ('admin2', its region) for a second-level one, ('populated', its region) for a city or
    town, ('country', '') for a country; nothing for a name that is not capitalised or not one
    of the gazetteer's own names."""
    if not surface[:1].isupper():
        return frozenset()
    places, how = gazetteer.lookup_with_match(surface)
    if how != "exact":
        return frozenset()
    kinds = set()
    for place in places[:_PEER_CANDIDATES]:
        if place.kind == "country":
            kinds.add(("country", ""))
        elif place.source == "admin1" and place.country_code:
            kinds.add(("admin1", place.country_code))
        elif place.source == "admin2" and place.admin1:
            kinds.add(("admin2", place.admin1))
        elif place.kind in ("city", "town") and place.admin1:
            kinds.add(("populated", place.admin1))  # 'Temryuk and Anapa', towns of one region
    return frozenset(kinds)


_PEER_CANDIDATES = 3  # the readings of a list item weighed for its kind ('Oslo': the city, the county)


PROMINENT = 6.0  # prominence of a place so well known that its name alone makes it one


def _prominent_names(doc: Doc, gazetteer: Gazetteer, ents: list[Span]) -> list[_Name]:
    """'Aleppo was shelled again', 'Migrants landed on Sicily': a run of capitalised words
    outside any entity that names, as a whole, a very prominent place (a city of a million, a
    country, a province, a sea); a word that opens a sentence ('The', 'In') is left out."""
    text = doc_text(doc)
    taken = DisjointSpans()
    for ent in ents:
        if ent.label_ in _NAMED_LABELS:
            taken.add(ent.start_char, ent.end_char)
    w = words()
    out = []
    for m in _CAPITALISED_RUN.finditer(text):
        start, surface = m.start(), m.group(0)
        first, _, rest = surface.partition(" ")
        if first in w.openers and rest:
            start, surface = start + len(first) + 1, rest
        end = start + len(surface)
        if (
            taken.overlaps(start, end)
            or fold(surface) in w.compass
            or (start > 0 and text[start - 1] in "-–")
        ):
            continue
        places, how = gazetteer.lookup_with_match(surface)
        if how == "exact" and places and places[0].prominence >= PROMINENT:
            out.append(_Name(start, end, surface, "GPE"))
    return out


_NAMED_LABELS = frozenset({"GPE", "LOC", "FAC", "PERSON", "ORG", "NORP"})  # spaCy's labels, not words
_CAPITALISED_RUN = re.compile(r"(?<![\w'’.-])[A-Z][a-z]+(?: [A-Z][a-z]+){0,3}(?![\w'’-])")


@lru_cache(maxsize=1)
def _country_pattern() -> re.Pattern:
    """Every country's name and alias as written, as one trie-shaped alternation."""
    lex = lexicon()
    names = set(lex.countries.values()) | {
        a for aliases in curated()["country_aliases"].values() for a in aliases
    }
    names = {n for n in names if len(n) > 3 or n.isupper() or "." in n}
    return re.compile(r"(?<![\w.-])" + trie_pattern(names) + r"(?![\w-])")


def trie_pattern(words: set[str] | list[str]) -> str:
    """A regular expression matching any of the strings, the longest where several match, built
    as a trie so that the engine tries each character once ('Mali|Malta|Malawi' -> 'Mal(?:i|ta|awi)')."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        branches = [re.escape(ch) + walk(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")" if len(branches) > 1 else branches[0]
        return "(?:" + body + ")?" if "" in node else body

    return "(?:" + walk(trie) + ")"


def _country_names(text: str, gazetteer: Gazetteer) -> list[_Name]:
    """Countries spaCy saw no place in ('hit by cholera: Burkina Faso, Cape Verde'), unless a
    capitalised word before it makes it part of another name ('New Mexico', 'Papua New Guinea')."""
    out = []
    for m in _country_pattern().finditer(text):
        before = text[max(0, m.start() - 30) : m.start()].rstrip(" ")
        last = re.search(r"(\w+)$", before)
        if last and last.group(1)[:1].isupper() and not re.search(r"[.!?:;,\n]\s*\w+$", before):
            continue
        out.append(_Name(m.start(), m.end(), m.group(0), "GPE", evidence=True))
    return out


_AFTER_COMMA = re.compile(r", ([A-Z][a-z]+(?: [A-Z][a-z]+){0,2})\b")


_CITY_STATE = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+){0,2}), ([A-Z][a-z]+(?: [A-Z][a-z]+){0,2})\b")


def _city_state_pairs(text: str, gazetteer: Gazetteer) -> list[_Name]:
    """'all of Hugo, Oklahoma': a place and its region after a comma, where the gazetteer has a
    place of the first name inside the second."""
    out = []
    for m in _CITY_STATE.finditer(text):
        regions = [p for p in gazetteer.lookup(m.group(2))[:3] if p.source == "admin1"]
        if not regions or fold(m.group(2)) != fold(regions[0].name):
            continue
        inside = [
            p
            for p in gazetteer.lookup(m.group(1))
            if p.admin1 == regions[0].admin1 and p.kind in ("city", "town")
        ]
        if inside:
            out.append(_Name(m.start(1), m.end(1), m.group(1), "GPE", "populated", evidence=True))
    return out


def _qualifying_regions(text: str, names: list[_Name], gazetteer: Gazetteer) -> list[_Name]:
    """'Clacton, Essex', 'Hugo, Oklahoma': the region or country named after a place and a comma,
    where spaCy saw no entity."""
    out = []
    for n in names:
        m = _AFTER_COMMA.match(text, n.end)
        if m is None:
            continue
        places, how = gazetteer.lookup_with_match(m.group(1))
        if how == "exact" and any(p.kind in ("region", "county", "country") for p in places[:3]):
            out.append(_Name(m.start(1), m.end(1), m.group(1), "GPE", "region"))
    return out


@dataclass
class _EntityContext:
    """What every entity of a document is judged against."""

    doc: Doc
    gazetteer: Gazetteer
    surnames: set[str]  # words of multi-word person names
    _countries: set[str] | None = None

    @property
    def countries(self) -> set[str]:
        """The countries the document names (needed only for a few names: computed then)."""
        if self._countries is None:
            self._countries = set()
            for ent in self.doc.ents:
                if ent.label_ == "GPE":
                    places, how = self.gazetteer.lookup_with_match(re.sub(r"^[Tt]he ", "", ent.text))
                    if how in ("exact", "alternate") and places and places[0].kind == "country":
                        self._countries.add(places[0].country_code or "")
        return self._countries


def _entity_names(doc: Doc, gazetteer: Gazetteer, ents: list[Span]) -> list[_Name]:
    """The place names among spaCy's entities (see the module's doc string)."""
    ctx = _EntityContext(doc, gazetteer, person_surnames(doc))
    w = words()
    text = doc_text(doc)
    out: list[_Name] = []
    for ent in ents:
        if ent.label_ not in _ENTITY_LABELS:
            continue
        span = _clean(doc, ent)
        tokens = _tokens(doc, *span) if span is not None else []
        if not tokens:
            continue
        surface = text[span[0] : span[1]]  # type: ignore[index]
        if fold(surface) in w.compass or not any(c.isalpha() for c in surface):
            continue
        found = _named_site(tokens, ent.label_, w) or _extended(doc, gazetteer, tokens)
        if found is not None:
            out.append(found)
        elif not _not_a_place(doc, tokens, surface, w):
            out.extend(_entity_as_place(ctx, ent.label_, tokens, surface, span[0]))  # type: ignore[index]
    return out


_ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC", "PERSON", "ORG", "NORP"})


def _entity_as_place(ctx: _EntityContext, label: str, tokens: list, surface: str, start: int) -> list[_Name]:
    """The entity as place names, or none when it names no place: an adjective ('Iraqi'), an
    acronym, a person or an organisation; a country or a list of places whatever spaCy says."""
    doc, gazetteer = ctx.doc, ctx.gazetteer
    if label == "NORP":
        if surface in lexicon().demonyms or not _norp_place(doc, tokens, gazetteer):
            return []  # 'Iraqi', 'Kurdish' are adjectives; 'in Culiacan', 'eastern Aleppo' misread places
    elif surface in ctx.surnames and not gazetteer.has(surface):
        return []  # 'the brightest star in Oleksiak': a person the story names in full elsewhere
    elif label in ("PERSON", "ORG"):
        if _is_country(gazetteer, surface):
            return [_Name(start, start + len(surface), surface, "GPE")]
        # 'Ingham or Townsville'; after a noun of places any spelling will do ('the towns of
        # Haris and Varzaqan')
        matches = ("exact", "alternate") if _after_place_noun(doc, tokens[0].i) else ("exact",)
        if label == "ORG" and _places_coordinated(gazetteer, surface, matches):
            return _split_coordination(surface, start)
        if (
            len(surface) < 3
            or surface.isupper()
            or surface in ctx.surnames
            or not looks_like_place(doc, gazetteer, tokens, surface, ctx.countries, label)
        ):
            return []  # acronyms of organisations, people, organisations
    return _with_hints(doc, gazetteer, tokens, surface, start, label, words())


def _places_coordinated(gazetteer: Gazetteer, surface: str, matches: tuple[str, ...] = ("exact",)) -> bool:
    parts = re.split(r"\s*(?:,|\band\b|\bor\b|\bto\b)\s*", surface)
    parts = [p for p in parts if p]
    return len(parts) > 1 and all(gazetteer.lookup_with_match(p)[1] in matches for p in parts)


def _after_place_noun(doc: Doc, first: int) -> bool:
    """'the towns of Haris', 'the village of Kfraya': 'of' after a noun of places."""
    if first < 2 or doc[first - 1].lower_ != "of":
        return False
    noun = doc[first - 2].lemma_.lower()
    return noun in words().place_nouns and noun not in words().articles


def _is_country(gazetteer: Gazetteer, surface: str) -> bool:
    places, how = gazetteer.lookup_with_match(surface)
    return how in ("exact", "alternate") and bool(places) and places[0].kind == "country" and len(surface) > 3


def _norp_place(doc: Doc, tokens: list, gazetteer: Gazetteer) -> bool:
    if _after_locative(doc, tokens[0].i):
        return True
    before = doc[tokens[0].i - 1].lower_ if tokens[0].i > 0 else ""
    return before in words().compass and gazetteer.has(
        doc_text(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
    )


def _breaks(doc: Doc) -> re.Pattern:
    """What ends a name in this document: a line break or a spaced dash, and any other control
    character only where the document has one (looked for once, not in every name)."""
    controls = doc.user_data.get("newsfacts_controls")
    if controls is None:  # a bool, so that the Doc still serialises
        controls = doc.user_data["newsfacts_controls"] = (
            _CONTROL_BUT_NEWLINE.search(doc_text(doc)) is not None
        )
    return _BREAKS if controls else _BREAKS_PLAIN


_CONTROL_BUT_NEWLINE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]|\s[-–—]+\s")
_BREAKS_PLAIN = re.compile(r"\n|\s[-–—]+\s")


def _clean(doc: Doc, ent: Span) -> tuple[int, int] | None:
    """The entity's offsets without a leading article, a trailing possessive, surrounding
    whitespace, and cut at the first line break or control character: a name never spans lines."""
    text = doc_text(doc)
    tokens = list(ent)
    w = words()
    while tokens and tokens[0].lower_ in w.articles:
        tokens = tokens[1:]
    while tokens and tokens[-1].text in w.possessives:
        tokens = tokens[:-1]
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    cut = _breaks(doc).search(text, start, end)
    if cut is not None:
        end = cut.start()
    while start < end and (text[start].isspace() or text[start] in "-–—,;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "-–—,;:"):
        end -= 1
    return (start, end) if end > start else None


def _tokens(doc: Doc, start: int, end: int) -> list:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _extended(doc: Doc, gazetteer: Gazetteer, tokens: list) -> _Name | None:
    """The longest name around the entity that the gazetteer knows as a whole and that stays on
    one line: 'U.S.' + 'Virgin Islands', 'Fort St.' + 'John', 'Bosnia' + 'and Herzegovina',
    'Sambisa' + 'forest'. Only words that can belong to a name are tried."""
    text = doc_text(doc)
    first, last = tokens[0].i, tokens[-1].i
    lefts = [first]
    for i in (first - 1, first - 2):
        if i < 0 or not (doc[i].is_title or doc[i].is_upper):
            break
        lefts.append(i)
    rights = [last]
    for i in range(last + 1, min(len(doc), last + 4)):
        token = doc[i]
        if not (
            token.is_title
            or token.is_upper
            or token.lower_ in words().connectors
            or token.lower_ in words().landscape
        ):
            break
        rights.append(i)
    if len(lefts) == 1 and len(rights) == 1:
        return None
    best: tuple[int, int] | None = None
    for left in lefts:
        for right in rights:
            if (left, right) == (first, last) or not _can_bound(doc[left], doc[right]):
                continue
            start, end = doc[left].idx, doc[right].idx + len(doc[right])
            piece = text[start:end]
            longer = best is None or end - start > best[1] - best[0]
            if longer and "\n" not in piece and _CONTROL.search(piece) is None and gazetteer.has(piece):
                best = (start, end)
    if best is None:
        return None
    return _Name(best[0], best[1], text[best[0] : best[1]], "LOC")


def _can_bound(left, right) -> bool:
    """A name starts with a capital and ends with one or with a landscape noun ('Sambisa forest')."""
    return (left.is_title or left.is_upper) and (
        right.is_title or right.is_upper or right.lower_ in words().landscape
    )


def _named_site(tokens: list, label: str, w: _Words) -> _Name | None:
    """'Royal Free Hospital', "St. Mary's Hospital", 'Edinburgh Castle': a name ending in a
    facility word is a named site, whatever spaCy called it (a person's name only with the words
    no person's name ends in)."""
    if len(tokens) < 2:
        return None
    last = tokens[-1].text
    two = f"{tokens[-2].text} {last}"
    heads = w.strong_site_heads if label == "PERSON" else w.site_heads
    if last not in heads and two not in heads:
        return None
    if not all(
        t.is_title
        or t.is_upper
        or t.is_punct
        or t.like_num
        or t.lower_ in w.connectors
        or t.text in w.possessives
        for t in tokens
    ):
        return None
    doc = tokens[0].doc
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return _Name(start, end, doc_text(doc)[start:end], "FAC", kind="site")


def _not_a_place(doc: Doc, tokens: list, surface: str, w: _Words) -> bool:
    """Storms, diseases and strains, sports teams named after places."""
    before = doc[tokens[0].i - 1].lower_ if tokens[0].i > 0 else ""
    before2 = f"{doc[tokens[0].i - 2].lower_} {before}" if tokens[0].i > 1 else ""
    if before in w.storms or before2 in w.storms or tokens[0].lower_ in w.storms:
        return True
    after = doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(doc) else None
    if fold(surface) in w.diseases and not (after is not None and after.lower_ in w.landscape):
        return True
    if after is not None and after.lower_ in w.disease_nouns:
        return True
    if after is not None and (after.text in w.team_words or (after.tag_ == "NNPS" and after.is_title)):
        return True  # 'Toronto FC', 'Calgary Flames'
    return _plays(doc, tokens, w)


def _plays(doc: Doc, tokens: list, w: _Words) -> bool:
    """'Toronto beat Boston 4-1': a place that plays a game, with a score in its sentence."""
    head = tokens[-1].head
    if not (head.lemma_ in w.sports_verbs or head.lower_ in w.sports_verbs):
        return False
    if tokens[-1].dep_ not in ("nsubj", "dobj", "pobj") and head.dep_ != "prep":
        return False
    return bool(re.search(r"\b\d{1,3}-\d{1,3}\b", head.sent.text))


def _with_hints(doc, gazetteer, tokens, surface, start, label, w) -> list[_Name]:
    """The name (or its parts, for a coordination that is not one place), with what the words
    around it say of its kind: 'Para state' is the region, 'the city of Quebec' the city."""
    if len(tokens) > 1 and tokens[-1].lower_ in w.event_nouns and not gazetteer.has(surface):
        place = doc_text(doc)[tokens[0].idx : tokens[-2].idx + len(tokens[-2])]
        if gazetteer.has(place):  # 'the South Asia Earthquake': the place is South Asia
            return _with_hints(doc, gazetteer, tokens[:-1], place, start, label, w)
    bare = _without_kind_noun(doc, gazetteer, tokens, surface, w)
    if bare is not None:  # 'Sumatra province', 'Pingliang city': the whole name, read without the noun
        end = start + len(surface)
        return [_Name(start, end, surface, label, bare[1], evidence=True, locative=True, lookup=bare[0])]
    end = start + len(surface)
    following = doc[tokens[-1].i + 1].lower_ if tokens[-1].i + 1 < len(doc) else ""
    hint = "region" if following in w.region_nouns else ""
    if doc_text(doc).startswith(w.city_suffixes, end):
        hint = "city"  # 'a New York-based squad'
    if tokens[0].i >= 2 and doc[tokens[0].i - 1].lower_ == "of":
        noun = doc[tokens[0].i - 2].lower_
        hint = "populated" if noun in w.city_nouns else "region" if noun in w.region_nouns else hint
    evidence = (
        _after_locative(doc, tokens[0].i, strong=True)
        or following in w.landscape
        or (len(tokens) > 1 and (tokens[-1].text in w.site_heads or tokens[-1].lower_ in w.landscape))
    )
    if (" and " in surface or " or " in surface) and not gazetteer.has(surface):
        return _split_coordination(surface, start)
    locative = evidence or _after_locative(doc, tokens[0].i)
    return [_Name(start, end, surface, label, hint, evidence=evidence, locative=locative)]


def _without_kind_noun(doc, gazetteer, tokens, surface, w) -> tuple[str, str] | None:
    """An entity that ends in a noun of its kind ('Sumatra province', 'Puge county', 'Pingliang
    city') that the gazetteer knows only without it: the bare name and the hint."""
    last = tokens[-1].lower_
    if len(tokens) < 2 or not (last in w.region_nouns or last in w.city_nouns) or gazetteer.has(surface):
        return None
    bare_tokens = tokens[:-1]
    text = doc_text(doc)
    bare = text[bare_tokens[0].idx : bare_tokens[-1].idx + len(bare_tokens[-1])]
    if not gazetteer.has(bare):
        return None
    return bare, "region" if last in w.region_nouns else "populated"


def looks_like_place(
    doc: Doc, gazetteer: Gazetteer, tokens, surface: str, context: set[str], label: str = ""
) -> bool:
    """A name spaCy called a person or organisation that is a place a reader would see:
    'in Hammam al-Alil', 'the Sambisa forest', 'hit Khan Younis', 'lost Falluja'. A subject
    that acts stays an actor; so does a name the gazetteer does not know. With the entity's
    ``label`` (the places extractor's own call), a person's name or a name only another name of
    a place leads to needs a strong locative ('sent to the Pope', 'such as Google'), and only the
    places bearing the name count."""
    after = tokens[-1].i + 1
    if after < len(doc) and doc[after].lower_ in words().landscape:
        return True
    candidates, how = gazetteer.lookup_with_match(surface)
    if not candidates:
        return False
    # an airport's short name ('Flights to Heathrow', 'Pearson') is a place after any locative
    strict = bool(label) and not any(p.source == "airport" for p in candidates[:3])
    if _after_locative(doc, tokens[0].i, strong=strict and (how != "exact" or label == "PERSON")):
        return True
    if tokens[-1].dep_ in ("nsubj", "nsubjpass", "agent", "csubj", "appos") or how == "folded":
        return False  # an actor, or a name that only resembles a place ('Leelah' ~ Lille)
    if strict and how == "exact":  # the places that bear the name, not those it is another name of
        key = fold(surface)
        candidates = [p for p in candidates if fold(p.name) == key]
    return any(
        p.country_code in context or p.kind in ("country", "city") or p.source == "airport"
        for p in candidates[:3]
    )


def _after_locative(doc: Doc, first: int, strong: bool = False) -> bool:
    """'in Hammam al-Alil', 'near the town of Yeoncheon', 'for eastern Aleppo'. ``strong``: not
    the prepositions that also take people and firms ('of', 'to', 'on', 'as')."""
    w = words()
    i = first - 1
    while i >= 0 and (doc[i].lower_ in w.place_nouns or doc[i].lower_ in w.compass):
        i -= 1
    if i < 0 or doc[i].lower_ not in w.locative:
        return False
    after_place_noun = doc[i].lower_ == "of" and i > 0 and doc[i - 1].lemma_.lower() in w.place_nouns
    if strong and doc[i].lower_ in w.weak_locative and not after_place_noun:
        return False
    if doc[i].lower_ == "to" and i > 0 and doc[i - 1].lower_ == "according":
        return False
    if doc[i].lower_ == "as" and not (i > 0 and doc[i - 1].lower_ == "such"):
        return False
    # 'Secretary of State', 'Ministry of Interior': 'of' after a capitalised title is no place
    return not (doc[i].lower_ == "of" and i > 0 and doc[i - 1].text[:1].isupper())


def _split_coordination(surface: str, start: int) -> list[_Name]:
    """'North and South Korea' -> 'North Korea', 'South Korea'; 'Iraq and Syria' -> both."""
    m = re.fullmatch(r"(\w+) and (\w+) (\w+)", surface)
    if m:
        first = f"{m.group(1)} {m.group(3)}"
        return [
            _Name(start, start + len(m.group(1)), first, "GPE"),
            _Name(start + m.start(2), start + len(surface), surface[m.start(2) :], "GPE"),
        ]
    out = []
    for part in words().span_part.finditer(surface):
        text = part.group(0).strip()
        text = words().span_lead.sub("", text)
        if text:
            s = start + part.start() + part.group(0).index(text)
            out.append(_Name(s, s + len(text), text, "GPE"))
    return out


# datelines: a place in capitals that starts a line (or follows a headline's full stop), then a
# comma, a bracket or a dash: 'BEIRUT (AP) —', 'Storm hits coast. BANTAM —'; or a line that
# starts with a city in capitals and runs on: 'DETROIT The U.S. Transportation Department ...'
_CAPS = r"[A-Z][A-Z.'’\-]*(?:[ \t][A-Z][A-Z.'’\-]*){0,3}"
_DATELINE = re.compile(r"(?m)(?:^[ \t]*|(?<=[.!?] ))(" + _CAPS + r")(?=[ \t]*(?:,|\(|—|–|-[ \t]))")
_DATELINE_RUN_ON = re.compile(r"(?m)^[ \t]*([A-Z]{3,}(?:[ \t][A-Z]{2,}){0,2})(?=[ \t][A-Z][a-z])")


def _dateline_names(text: str, gazetteer: Gazetteer) -> list[_Name]:
    """'BEIRUT (AP) —', 'MEXICO CITY —', 'ST. LOUIS, Mo. -': the capitals at a line's start,
    when the gazetteer knows them as a populated place or a region (a run-on one only as a
    city: 'DETROIT The ...')."""
    out = []
    for pattern, kinds in ((_DATELINE, _DATELINE_KINDS), (_DATELINE_RUN_ON, ("city",))):
        for m in pattern.finditer(text):
            surface = m.group(1).rstrip(".")
            if len(surface) < 3:
                continue
            places = gazetteer.lookup(surface)
            if any(p.kind in kinds for p in places[:5]):
                out.append(_Name(m.start(1), m.start(1) + len(surface), surface, "GPE", "populated"))
    return out


_DATELINE_KINDS = ("city", "town", "region", "country", "county")


def _pattern_names(text: str) -> list[_Name]:
    """Sub-national abbreviations after a place or in a party tag, and numbered roads."""
    w = words()
    out = [_Name(m.start(1), m.end(1), m.group(1), "GPE", "region") for m in w.abbreviations.finditer(text)]
    for m in w.roads.finditer(text):
        start = m.start() + 4 if m.group(0).startswith("the ") else m.start()  # 'the M25' -> 'M25'
        out.append(_Name(start, m.end(), text[start : m.end()], "FAC", kind="site"))
    return out
