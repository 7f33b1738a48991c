"""Which place a name means: prominence weighed against the document's other places.

A name has candidates in the gazetteer (GeoNames' many Londons). As the best geoparsers do
(Mordecai 3's ranking features, CLIFF-CLAVIN's focus on the document's countries and the
Edinburgh Geoparser's population, feature type and clustering), each candidate gets a score:

- its **prominence** before any context (``Place.prominence``: log10 of its population, plus
  a bonus for its kind: a continent or country before a city of that name, a capital before
  another town, a county after the town it is named like);
- the **document's places**: how many of the other names are read, provisionally, as places of
  the candidate's country, first-level region (state, province) or county. The reading starts
  from each name's most prominent candidate and is refined twice, so that the article's places
  stay coherent: 'Edmonton' beside 'Ky.' and 'Metcalfe County' is Edmonton, Kentucky, and
  'London' beside 'Ontario' and 'Toronto' is London, Ontario, while a 'London-based' firm in a
  story that only names the United States is still London, England;
- a city or town none of the other names supports weighs less beside a namesake they support
  (LONE_PENALTY: 'Tripoli' beside Beirut and Sidon is Lebanon's), except a firm's 'X-based' seat;
- a **qualifier** written after it (``Paris, Texas``; ``COLUMBIA, Ky.``): the reading inside
  the named region or country wins;
- a **hint** in the words around it: 'Washington state' and 'the state of Georgia' are regions,
  'the city of Quebec' a city;
- how the name **matched**: an alternate or transliterated spelling counts less when another
  candidate bears the name itself.

Plain Python over the gazetteer's candidates: names in, one reading (or none) per name out.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from newsfacts.gazetteer import Gazetteer, Place, fold

MAX_CANDIDATES = 25  # the most prominent readings of a name that are weighed
ROUNDS = 2  # refinements of the provisional reading

# weights (log10 units, comparable with prominence), measured on TR-News and GeoVirus
QUALIFIER_BONUS = 5.0
HINT_BONUS = 2.0
ALTERNATE_PENALTY = 1.0
FOLDED_PENALTY = 1.5
# 'city' is the soft 'populated': it favours a city or town without ruling the others out
_HINT_KINDS = {
    "region": ("region", "county"),
    "populated": ("city", "town"),
    "city": ("city", "town"),
    "airport": ("airport",),
}


@dataclass
class Query:
    """One distinct name of a document to read: its surface, a hint from the words around it
    ('region', 'populated' or ''), the index of the query that qualifies it ('X, Y'), and the
    list it is written in: regions and countries listed together support each other."""

    surface: str
    hint: str = ""
    qualifier: int | None = None
    group: int | None = None  # the list of names it is written in ('Indiana, Ohio and Wyoming')
    supports: bool = True  # whether its reading supports the other names' readings


@dataclass
class Reading:
    place: Place
    how: str  # exact, alternate, folded
    confidence: float
    local_support: float = 0.0  # how many of the document's other places share its country or region
    # 'HOLLIDAY, Mo.' where the gazetteer's only Holliday is in Texas: the place written is in the
    # qualifying region, not the namesake the gazetteer has
    outside_qualifier: bool = False


def resolve(queries: list[Query], gazetteer: Gazetteer) -> list[Reading | None]:
    """The reading of each query (None when the gazetteer has no candidate)."""
    found = [gazetteer.lookup_with_match(q.surface) for q in queries]
    candidates = [places[:MAX_CANDIDATES] for places, _ in found]
    priors = [_priors(q, places) for q, places in zip(queries, candidates, strict=True)]
    _add_neighbours(queries, candidates, priors)
    picks = [max(range(len(p)), key=p.__getitem__) if p else None for p in priors]
    scores: list[list[float]] = priors
    # a name written twice (once with a hint) is one name: it does not support itself
    first: dict[str, int] = {}
    same = [first.setdefault(fold(q.surface), i) if q.supports else -1 for i, q in enumerate(queries)]
    context = _Context(Counter(), [])
    for _ in range(ROUNDS):
        context = _Context.of(candidates, picks, [q.group for q in queries], same)
        scores = []
        for i, (query, places) in enumerate(zip(queries, candidates, strict=True)):
            qualifier = _pick(candidates, picks, query.qualifier)
            bonuses = [context.bonus(p, same[i], query.group) for p in places]
            # a firm is 'London-based' after the city the world knows, wherever its story is
            unsupported = (
                _unsupported_penalty(places, bonuses) if query.hint != "city" else [0.0] * len(places)
            )
            scores.append(
                [
                    prior + bonus - unsupported[j] + _qualifier_bonus(p, qualifier)
                    for j, (prior, p, bonus) in enumerate(zip(priors[i], places, bonuses, strict=True))
                ]
            )
        picks = [max(range(len(s)), key=s.__getitem__) if s else None for s in scores]
    readings: list[Reading | None] = []
    for query, (_, how), places, s, pick in zip(queries, found, candidates, scores, picks, strict=True):
        if pick is None:
            readings.append(None)
            continue
        place = places[pick]
        exact = fold(place.name) == fold(query.surface)
        how = "exact" if exact and how != "folded" else how
        local = context.local(place, same[len(readings)], query.group)
        outside_ = outside(place, _pick(candidates, picks, query.qualifier))
        readings.append(Reading(place, how, _confidence(how, s, pick), local, outside_))
    return readings


NEIGHBOUR_KM = 30.0  # a town this close to a reading of another name of the document is its neighbour
NEIGHBOUR_BONUS = 1.0
NEIGHBOUR_READINGS = 3  # the likeliest readings of the other names a neighbour may be
_CELL = 0.5  # degrees: the grid the neighbours are looked for in (a cell and the eight around it)
_LOCAL_KINDS = ("city", "town", "site")  # Place.kind values placed at their own point


def _add_neighbours(queries: list[Query], candidates: list[list[Place]], priors: list[list[float]]) -> None:
    """The Edinburgh Geoparser's clustering, at the scale of a town: a city, town or site of one
    name that lies near a city, town or site of another of the document's names gains
    NEIGHBOUR_BONUS, whichever readings the names are given ('Edmonton' and 'Enfield' are two
    places of north London, not of Alberta and Connecticut)."""
    cells: dict[tuple[int, int], list[tuple[int, Place]]] = {}
    keys = [fold(q.surface) for q in queries]
    # a name read first as a town; its likeliest readings are what its neighbours are looked for among
    towns = [
        bool(p) and places[max(range(len(p)), key=p.__getitem__)].kind in _LOCAL_KINDS
        for p, places in zip(priors, candidates, strict=True)
    ]
    firsts = [max(range(len(p)), key=p.__getitem__) if p else None for p in priors]
    for i, places in enumerate(candidates):
        ranked = sorted(range(len(places)), key=priors[i].__getitem__, reverse=True)
        qualifier = _pick(candidates, firsts, queries[i].qualifier)
        if qualifier is not None:  # 'London, Kentucky' is no neighbour of a town in Ohio
            ranked = [j for j in ranked if _qualifier_bonus(places[j], qualifier)] or ranked
        for place in (places[j] for j in ranked[:NEIGHBOUR_READINGS]):
            if place.kind in _LOCAL_KINDS:
                cell = (int(place.latitude // _CELL), int(place.longitude // _CELL))
                cells.setdefault(cell, []).append((i, place))
    if len({i for members in cells.values() for i, _ in members}) < 2:
        return
    for i, places in enumerate(candidates):
        if not towns[i] or len(places) < 2:
            continue  # 'Mexico' stays the country, whatever Mexico City's neighbours
        for j, place in enumerate(places):
            if place.kind not in _LOCAL_KINDS:
                continue
            row, col = int(place.latitude // _CELL), int(place.longitude // _CELL)
            if any(
                keys[k] != keys[i] and _km(place, other) <= NEIGHBOUR_KM
                for dr in (-1, 0, 1)
                for dc in (-1, 0, 1)
                for k, other in cells.get((row + dr, col + dc), ())
            ):
                priors[i][j] += NEIGHBOUR_BONUS


def _km(a: Place, b: Place) -> float:
    """Distance in km on the local flat map (within a percent of the great circle at these ranges)."""
    dx = (b.longitude - a.longitude) * math.cos(math.radians((a.latitude + b.latitude) / 2))
    return 111.2 * math.hypot(dx, b.latitude - a.latitude)


def outside(place: Place, qualifier: Place | None) -> bool:
    """A town or city read outside the state, county or country written after it."""
    if qualifier is None or place.kind not in ("city", "town", "site"):
        return False
    if not (qualifier.source in ("admin1", "admin2") or qualifier.kind == "country"):
        return False  # a curated region has no members to check against
    if place.source == "curated" and place.country_code == qualifier.country_code:
        return False  # a curated site has no region to check: 'Fort Detrick in Maryland' is in its country
    return _qualifier_bonus(place, qualifier) == 0.0


def _priors(query: Query, places: list[Place]) -> list[float]:
    key = fold(query.surface)
    named = [fold(p.name) == key for p in places]
    any_named = any(named)
    wanted = _HINT_KINDS.get(query.hint, ())
    strict = query.hint == "populated" and any(p.kind in wanted for p in places)
    out = []
    for place, is_named in zip(places, named, strict=True):
        score = place.prominence
        if any_named and not is_named:
            score -= ALTERNATE_PENALTY
        if place.kind in wanted or place.source in wanted:
            score += HINT_BONUS
        elif strict:
            score -= 2 * HINT_BONUS  # a dateline or 'the city of X' names a populated place
        out.append(score)
    return out


LONE_PENALTY = 1.0  # a city no other name supports, beside a namesake in the story's country
LONE_SUPPORT = 2.0  # the support that namesake needs


def _unsupported_penalty(places: list[Place], bonuses: list[float]) -> list[float]:
    """'London' in a story whose other places are in Ontario: the English capital, which none of
    the story's other names supports, weighs less beside a namesake city or town that they do
    support (the story's own country, as CLIFF-CLAVIN's focus)."""
    supported = any(
        b >= LONE_SUPPORT and p.kind in ("city", "town") for p, b in zip(places, bonuses, strict=True)
    )
    if not supported:
        return [0.0] * len(places)
    return [
        LONE_PENALTY if b == 0 and p.kind in ("city", "town") else 0.0
        for p, b in zip(places, bonuses, strict=True)
    ]


def _pick(candidates: list[list[Place]], picks: list[int | None], i: int | None) -> Place | None:
    if i is None:
        return None
    pick = picks[i]
    return None if pick is None else candidates[i][pick]


def _qualifier_bonus(place: Place, qualifier: Place | None) -> float:
    """'Paris, Texas': a reading inside the qualifying region or country."""
    if qualifier is None or (
        place.kind in ("country", "region") and place.source != "curated" and qualifier.kind != "country"
    ):
        return 0.0  # a state is not qualified by another state
    if qualifier.source == "admin2" and place.admin2 and place.admin2 == qualifier.admin2:
        return QUALIFIER_BONUS
    if qualifier.source in ("admin1", "admin2") and place.admin1 and place.admin1 == qualifier.admin1:
        return QUALIFIER_BONUS
    if (
        qualifier.kind == "country"
        and place.country_code == qualifier.country_code
        and place is not qualifier
    ):
        return QUALIFIER_BONUS * 0.8
    return 0.0


# what each kind of support from the document's other names weighs, per name, and at most
_SUPPORT = {
    "country": (1.0, 2.0),  # a place of the candidate's country (the country named counts twice)
    "admin1_named": (1.5, 1.5),  # the candidate's state or province named ('Ky.', 'Ontario')
    "admin1_place": (0.75, 1.5),  # another place in that state or province
    "admin2_named": (1.5, 1.5),  # its county named ('Metcalfe County')
    "admin2_place": (0.5, 1.0),  # another place in that county
    "peer": (1.5, 3.0),  # another region of its level and country ('Ohio, Wyoming')
    "country_peer": (1.0, 2.0),  # another country named, for a country ('Benin, Niger, Nigeria')
}


class _Context:
    """What the document's names, provisionally read, say about each country, state and county."""

    def __init__(self, support: Counter, given: list[dict]):
        self.support = support
        self.given = given  # what each name's reading contributes (nothing for a repeated name)

    @classmethod
    def of(
        cls,
        candidates: list[list[Place]],
        picks: list[int | None],
        groups: list[int | None],
        same: list[int],
    ) -> _Context:
        support: Counter = Counter()
        given: list[dict] = []
        for i, (places, pick, group) in enumerate(zip(candidates, picks, groups, strict=True)):
            mine = dict(_contributions(places[pick], group)) if pick is not None and same[i] == i else {}
            support.update(mine)
            given.append(mine)
        return cls(support, given)

    def _others(self, place: Place, name: int, group: int | None) -> dict:
        mine = self.given[name] if 0 <= name < len(self.given) else {}
        support = self.support
        return {k: support.get(k, 0) - mine.get(k, 0) for k in _keys(place, group)}

    def local(self, place: Place, name: int, group: int | None = None) -> float:
        """How many other names are read in the place's country, state or county."""
        others = self._others(place, name, group)
        return float(sum(v for (kind, _), v in others.items() if kind.startswith(("admin", "country"))))

    def bonus(self, place: Place, name: int, group: int | None = None) -> float:
        """The candidate's support from the other names (this name's own reading left out: ``name``
        is the index of the name's first query)."""
        total = 0.0
        for (kind, _), count in self._others(place, name, group).items():
            if count:
                weight, cap = _SUPPORT[kind]
                total += min(cap, weight * count)
        return total


def _keys(place: Place, group: int | None) -> list[tuple[str, str]]:
    """The support a candidate can receive."""
    keys = []
    if place.country_code:
        keys.append(("country", place.country_code))
    if place.admin1:
        keys += [("admin1_named", place.admin1), ("admin1_place", place.admin1)]
    if place.admin2:
        keys += [("admin2_named", place.admin2), ("admin2_place", place.admin2)]
    if _peer_key(place) and group is not None:
        keys.append(("peer", f"{group}|{_peer_key(place)}"))
    if place.kind == "country" and group is not None:
        keys.append(("country_peer", str(group)))
    return keys


def _peer_key(place: Place) -> str:
    """Regions of one level in one country are peers: 'Indiana, Ohio, Montana, Wyoming'."""
    if place.source == "admin1" and place.country_code:
        return f"admin1:{place.country_code}"
    if place.source == "admin2" and place.admin1:
        return f"admin2:{place.admin1}"
    return ""


def _contributions(place: Place | None, group: int | None) -> list[tuple[tuple[str, str], int]]:
    """The support a reading gives the other names' candidates."""
    if place is None:
        return []
    out = []
    if place.country_code:
        out.append((("country", place.country_code), 2 if place.kind == "country" else 1))
    if place.admin1:
        out.append((("admin1_named" if place.source == "admin1" else "admin1_place", place.admin1), 1))
    if place.admin2:
        out.append((("admin2_named" if place.source == "admin2" else "admin2_place", place.admin2), 1))
    if _peer_key(place) and group is not None:
        out.append((("peer", f"{group}|{_peer_key(place)}"), 1))
    if place.kind == "country" and group is not None:
        out.append((("country_peer", str(group)), 1))
    return out


def _confidence(how: str, scores: list[float], pick: int) -> float:
    """0.95 for an exact name (0.85 alternate, 0.7 folded), less when another reading came close."""
    base = {"exact": 0.95, "alternate": 0.85, "folded": 0.7}.get(how, 0.7)
    if len(scores) < 2:
        return base
    runner_up = max(s for i, s in enumerate(scores) if i != pick)
    margin = scores[pick] - runner_up
    return round(base * (0.6 + 0.4 * (1 - math.exp(-margin))), 2)
