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
