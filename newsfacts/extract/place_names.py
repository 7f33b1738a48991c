"""Finding place names in a parsed document (step 1 of the places extractor): spaCy's
GPE/LOC/FAC entities and the names it mislabels after a locative word, datelines, abbreviations,
numbered roads, named sites, prominent names and list items the gazetteer knows; each name made
whole (extended over the words the gazetteer says belong to it, a coordination split only when
the whole is no place) and clean. Which place a name means is locations.py's and geocode.py's."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from newsfacts.extract.common import DisjointSpans, doc_text
from newsfacts.extract.names import lexicon, person_surnames
from newsfacts.extract.place_words import CONTROL_CHARACTERS, PlaceWords, trie_pattern, words
from newsfacts.gazetteer import Gazetteer, curated, fold, loose


@dataclass
class PlaceName:
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
    a_person: bool = False  # after a noun for a person and 'in' ('a top golfer in Brooke Henderson')


def place_names(doc: Doc, gazetteer: Gazetteer) -> list[PlaceName]:
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


def _listed_names(
    text: str, names: list[PlaceName], gazetteer: Gazetteer, taken: DisjointSpans
) -> list[PlaceName]:
    """'eleven counties: Rogaland, Vestfold, Oslo and Hedmark': a capitalised name written in a
    list beside a region or a country is a place when the gazetteer knows it, by that very name,
    as a region of the same level and country (or as a country): spaCy misses many items of a
    long list of regions, or calls one a person."""
    w = words()
    gap = w.list_gap.pattern
    after = re.compile(rf"(?:{gap})({_LIST_ITEM})(?![\w'’-])")
    before = re.compile(rf"(?<![\w'’-])({_LIST_ITEM})(?:{gap})$")
    out: list[PlaceName] = []
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
            found = PlaceName(start, end, surface, "GPE", "", evidence=True)
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
    for place in places[:PEER_CANDIDATES]:
        if place.kind == "country":
            kinds.add(("country", ""))
        elif place.source == "admin1" and place.country_code:
            kinds.add(("admin1", place.country_code))
        elif place.source == "admin2" and place.admin1:
            kinds.add(("admin2", place.admin1))
        elif place.kind in ("city", "town") and place.admin1:
            kinds.add(("populated", place.admin1))  # 'Temryuk and Anapa', towns of one region
    return frozenset(kinds)


PEER_CANDIDATES = 3  # the readings of a list item weighed for its kind ('Oslo': the city, the county)


PROMINENT = 6.0  # prominence of a place so well known that its name alone makes it one


def _prominent_names(doc: Doc, gazetteer: Gazetteer, ents: list[Span]) -> list[PlaceName]:
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
            out.append(PlaceName(start, end, surface, "GPE"))
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


def _country_names(text: str, gazetteer: Gazetteer) -> list[PlaceName]:
    """Countries spaCy saw no place in ('hit by cholera: Burkina Faso, Cape Verde'), unless a
    capitalised word before it makes it part of another name ('New Mexico', 'Papua New Guinea')."""
    out = []
    for m in _country_pattern().finditer(text):
        before = text[max(0, m.start() - 30) : m.start()].rstrip(" ")
        last = re.search(r"(\w+)$", before)
        if last and last.group(1)[:1].isupper() and not re.search(r"[.!?:;,\n]\s*\w+$", before):
            continue
        out.append(PlaceName(m.start(), m.end(), m.group(0), "GPE", evidence=True))
    return out


_AFTER_COMMA = re.compile(r", ([A-Z][a-z]+(?: [A-Z][a-z]+){0,2})\b")


_CITY_STATE = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+){0,2}), ([A-Z][a-z]+(?: [A-Z][a-z]+){0,2})\b")


def _city_state_pairs(text: str, gazetteer: Gazetteer) -> list[PlaceName]:
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
            out.append(PlaceName(m.start(1), m.end(1), m.group(1), "GPE", "populated", evidence=True))
    return out


def _qualifying_regions(text: str, names: list[PlaceName], gazetteer: Gazetteer) -> list[PlaceName]:
    """'Clacton, Essex', 'Hugo, Oklahoma': the region or country named after a place and a comma,
    where spaCy saw no entity."""
    out = []
    for n in names:
        m = _AFTER_COMMA.match(text, n.end)
        if m is None:
            continue
        places, how = gazetteer.lookup_with_match(m.group(1))
        if how == "exact" and any(p.kind in ("region", "county", "country") for p in places[:3]):
            out.append(PlaceName(m.start(1), m.end(1), m.group(1), "GPE", "region"))
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


def _entity_names(doc: Doc, gazetteer: Gazetteer, ents: list[Span]) -> list[PlaceName]:
    """The place names among spaCy's entities (see the module's doc string)."""
    ctx = _EntityContext(doc, gazetteer, person_surnames(doc))
    w = words()
    text = doc_text(doc)
    out: list[PlaceName] = []
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
        cut = _place_after_in(gazetteer, tokens, ent.label_, text)
        if cut is not None:  # 'the Children's Hospital of Manitoba in Winnipeg': Winnipeg, then the rest
            k, place = cut
            out.append(place)
            tokens = tokens[:k]
            surface = text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
            span = (tokens[0].idx, tokens[0].idx + len(surface))
        found = _named_site(tokens, ent.label_, w) or _extended(doc, gazetteer, tokens)
        if found is not None:
            out.append(found)
        elif not _not_a_place(doc, tokens, surface, w):
            out.extend(_entity_as_place(ctx, ent.label_, tokens, surface, span[0]))  # type: ignore[index]
    return out


_ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC", "PERSON", "ORG", "NORP"})


def _part_of_name(surface: str, name: str) -> bool:
    """Whether the words written are words of the place's own name, however transliterated
    ('Marawi' of 'Marawi City', 'Douma' of Dūmā), not one of the other names GeoNames lists for it
    ('Google' for Topeka, 'Mets' for Metz)."""
    written, own = loose(fold(surface)).split(), loose(fold(name)).split()
    return any(own[k : k + len(written)] == written for k in range(len(own) - len(written) + 1))


def _place_after_in(
    gazetteer: Gazetteer, tokens: list, label: str, text: str
) -> tuple[int, PlaceName] | None:
    """An organisation's or facility's entity that spaCy ran on over 'in' and a place ('the
    Children's Hospital of Manitoba in Winnipeg', 'a bank in Charlotte'): the index of 'in' in the
    tokens and the place after it, which the gazetteer knows exactly as a city, region or
    country; None otherwise."""
    if label not in ("ORG", "FAC") or len(tokens) < 3:
        return None
    for k in range(1, len(tokens) - 1):
        if tokens[k].lower_ != "in" or not all(t.is_title for t in tokens[k + 1 :]):
            continue
        start = tokens[k + 1].idx
        surface = text[start : tokens[-1].idx + len(tokens[-1])]
        places, how = gazetteer.lookup_with_match(surface)
        if how == "exact" and places and places[0].kind in ("city", "region", "country"):
            return k, PlaceName(start, start + len(surface), surface, "GPE", evidence=True, locative=True)
        return None
    return None


def _entity_as_place(
    ctx: _EntityContext, label: str, tokens: list, surface: str, start: int
) -> list[PlaceName]:
    """The entity as place names, or none when it names no place: an adjective ('Iraqi'), an
    acronym, a person or an organisation; a country or a list of places whatever spaCy says."""
    doc, gazetteer = ctx.doc, ctx.gazetteer
    if label == "NORP":
        if surface in lexicon().demonyms or not _norp_place(doc, tokens, gazetteer):
            return []  # 'Iraqi', 'Kurdish' are adjectives; 'in Culiacan', 'eastern Aleppo' misread places
    elif surface in ctx.surnames and not gazetteer.has(surface):
        return []  # 'the brightest star in Oleksiak': a person the story names in full elsewhere
    elif label in ("PERSON", "ORG"):
        if is_country(gazetteer, surface):
            return [PlaceName(start, start + len(surface), surface, "GPE")]
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


def is_country(gazetteer: Gazetteer, surface: str) -> bool:
    places, how = gazetteer.lookup_with_match(surface)
    return how in ("exact", "alternate") and bool(places) and places[0].kind == "country" and len(surface) > 3


def _norp_place(doc: Doc, tokens: list, gazetteer: Gazetteer) -> bool:
    """A name spaCy took for an adjective that is a place: after a locative ('in Culiacan'), after
    a compass word ('eastern Aleppo'), or before a region's noun when the gazetteer knows it as a
    region ('the Central Plateau and Artibonite regions', 'the Sindh and Punjab provinces')."""
    if after_locative(doc, tokens[0].i):
        return True
    surface = doc_text(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
    after = tokens[-1].i + 1
    if after < len(doc) and doc[after].lemma_.lower() in words().region_nouns:
        return any(p.kind in ("region", "county") for p in gazetteer.lookup(surface)[:PEER_CANDIDATES])
    before = doc[tokens[0].i - 1].lower_ if tokens[0].i > 0 else ""
    return before in words().compass and gazetteer.has(surface)


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


def _extended(doc: Doc, gazetteer: Gazetteer, tokens: list) -> PlaceName | None:
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
            if (
                longer
                and "\n" not in piece
                and CONTROL_CHARACTERS.search(piece) is None
                and gazetteer.has(piece)
            ):
                best = (start, end)
    if best is None:
        return None
    return PlaceName(best[0], best[1], text[best[0] : best[1]], "LOC")


def _can_bound(left, right) -> bool:
    """A name starts with a capital and ends with one or with a landscape noun ('Sambisa forest')."""
    return (left.is_title or left.is_upper) and (
        right.is_title or right.is_upper or right.lower_ in words().landscape
    )


def _named_site(tokens: list, label: str, w: PlaceWords) -> PlaceName | None:
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
    return PlaceName(start, end, doc_text(doc)[start:end], "FAC", kind="site")


def _not_a_place(doc: Doc, tokens: list, surface: str, w: PlaceWords) -> bool:
    """Storms, diseases and strains, sports teams named after places (and their players)."""
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
    if after is not None and after.lower_ in w.team_roles:
        return True  # 'Madrid striker Ana Silva': the club's player
    return _plays(doc, tokens, w)


def _plays(doc: Doc, tokens: list, w: PlaceWords) -> bool:
    """'Toronto beat Boston 4-1': a place that plays a game, with a score in its sentence."""
    head = tokens[-1].head
    if not (head.lemma_ in w.sports_verbs or head.lower_ in w.sports_verbs):
        return False
    if tokens[-1].dep_ not in ("nsubj", "dobj", "pobj") and head.dep_ != "prep":
        return False
    return bool(re.search(r"\b\d{1,3}-\d{1,3}\b", head.sent.text))


def _with_hints(doc, gazetteer, tokens, surface, start, label, w) -> list[PlaceName]:
    """The name (or its parts, for a coordination that is not one place), with what the words
    around it say of its kind: 'Para state' is the region, 'the city of Quebec' the city."""
    if len(tokens) > 1 and tokens[-1].lower_ in w.event_nouns and not gazetteer.has(surface):
        place = doc_text(doc)[tokens[0].idx : tokens[-2].idx + len(tokens[-2])]
        if gazetteer.has(place):  # 'the South Asia Earthquake': the place is South Asia
            return _with_hints(doc, gazetteer, tokens[:-1], place, start, label, w)
    bare = _without_kind_noun(doc, gazetteer, tokens, surface, w)
    if bare is not None:  # 'Sumatra province', 'Pingliang city': the whole name, read without the noun
        end = start + len(surface)
        return [PlaceName(start, end, surface, label, bare[1], evidence=True, locative=True, lookup=bare[0])]
    end = start + len(surface)
    following = doc[tokens[-1].i + 1].lower_ if tokens[-1].i + 1 < len(doc) else ""
    hint = "region" if following in w.region_nouns else ""
    if doc_text(doc).startswith(w.city_suffixes, end):
        hint = "city"  # 'a New York-based squad'
    if tokens[0].i >= 2 and doc[tokens[0].i - 1].lower_ == "of":
        noun = doc[tokens[0].i - 2].lower_
        hint = "populated" if noun in w.city_nouns else "region" if noun in w.region_nouns else hint
    evidence = (
        after_locative(doc, tokens[0].i, strong=True)
        or following in w.landscape
        or (len(tokens) > 1 and (tokens[-1].text in w.site_heads or tokens[-1].lower_ in w.landscape))
    )
    if (" and " in surface or " or " in surface) and not gazetteer.has(surface):
        return _split_coordination(surface, start)
    locative = evidence or after_locative(doc, tokens[0].i)
    return [PlaceName(start, end, surface, label, hint, evidence=evidence, locative=locative)]


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
    if after_locative(doc, tokens[0].i, strong=strict and (how != "exact" or label == "PERSON")):
        return True
    if tokens[-1].dep_ in ("nsubj", "nsubjpass", "agent", "csubj", "appos") or how == "folded":
        return False  # an actor, or a name that only resembles a place ('Leelah' ~ Lille)
    if strict and how == "alternate" and not any(_part_of_name(surface, p.name) for p in candidates[:3]):
        return False  # only another name of a place leads to it ('Google', Topeka), no strong locative before
    if strict and how == "exact":  # the places that bear the name, not those it is another name of
        key = fold(surface)
        candidates = [p for p in candidates if fold(p.name) == key]
    return any(
        p.country_code in context or p.kind in ("country", "city") or p.source == "airport"
        for p in candidates[:3]
    )


def after_locative(doc: Doc, first: int, strong: bool = False) -> bool:
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


def _split_coordination(surface: str, start: int) -> list[PlaceName]:
    """'North and South Korea' -> 'North Korea', 'South Korea'; 'Iraq and Syria' -> both."""
    m = re.fullmatch(r"(\w+) and (\w+) (\w+)", surface)
    if m:
        first = f"{m.group(1)} {m.group(3)}"
        return [
            PlaceName(start, start + len(m.group(1)), first, "GPE"),
            PlaceName(start + m.start(2), start + len(surface), surface[m.start(2) :], "GPE"),
        ]
    out = []
    for part in words().span_part.finditer(surface):
        text = part.group(0).strip()
        text = words().span_lead.sub("", text)
        if text:
            s = start + part.start() + part.group(0).index(text)
            out.append(PlaceName(s, s + len(text), text, "GPE"))
    return out


# datelines: a place in capitals that starts a line (or follows a headline's full stop), then a
# comma, a bracket or a dash: 'BEIRUT (AP) —', 'Storm hits coast. BANTAM —'; or a line that
# starts with a city in capitals and runs on: 'DETROIT The U.S. Transportation Department ...'
_CAPS = r"[A-Z][A-Z.'’\-]*(?:[ \t][A-Z][A-Z.'’\-]*){0,3}"


_DATELINE = re.compile(r"(?m)(?:^[ \t]*|(?<=[.!?] ))(" + _CAPS + r")(?=[ \t]*(?:,|\(|—|–|-[ \t]))")


_DATELINE_RUN_ON = re.compile(r"(?m)^[ \t]*([A-Z]{3,}(?:[ \t][A-Z]{2,}){0,2})(?=[ \t][A-Z][a-z])")


def _dateline_names(text: str, gazetteer: Gazetteer) -> list[PlaceName]:
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
                out.append(PlaceName(m.start(1), m.start(1) + len(surface), surface, "GPE", "populated"))
    return out


_DATELINE_KINDS = ("city", "town", "region", "country", "county")


def _pattern_names(text: str) -> list[PlaceName]:
    """Sub-national abbreviations after a place or in a party tag, and numbered roads."""
    w = words()
    out = [
        PlaceName(m.start(1), m.end(1), m.group(1), "GPE", "region") for m in w.abbreviations.finditer(text)
    ]
    for m in w.roads.finditer(text):
        start = m.start() + 4 if m.group(0).startswith("the ") else m.start()  # 'the M25' -> 'M25'
        out.append(PlaceName(start, m.end(), text[start : m.end()], "FAC", kind="site"))
    return out
