"""Where a figure is: the place the counted thing happened or is, as a careful reader sees it.

In order, the first that names a place decides:

1. the figure's own phrase ('600,000 children in Iraq', '3,000 stationed at Mosul');
2. its clause, outside the clause's other subjects and objects ('1,792 people killed ... across
   Iraq', not the 'civilians in Mosul' the sentence is also about; 'killed when a bomb struck a
   market in the northern city of Kirkuk');
3. the rest of its sentence;
4. the other sentences of its paragraph, those before it first;
5. the article's dateline ('BEIRUT, Oct. 3 (Reuters) -'), else the first place of its headline,
   else of its lead paragraph.

Only places used as places count: after a locative preposition, as a verb's object ('retook
Mosul'), or naming a geographic noun ('Iraq's north', 'the Mosul area'); never an origin ('aid
workers from Norway'), a nationality ('Norwegian'), a subject that acts ('Iraq and the US are
expected to ...') or a name inside another name ('the Mosul campaign'). 'The city', 'the region'
stand for the last city or region named. Among the places of one level the most specific wins
('in Qaraqosh, near Mosul, Iraq' -> Qaraqosh); places listed side by side take the country that
holds them all, or none ('in the provinces of Kandahar, Helmand and Uruzgan' -> Afghanistan). A
figure said to be everywhere ('displaced worldwide') has no place.
"""

from __future__ import annotations

from newsfacts.extract.figure_context import (
    CORE_ARGS,
    DocContext,
    PlaceMention,
    Site,
    first_of_list,
    in_subtree,
    tree_distance,
)
from newsfacts.extract.figure_context import is_locative as context_is_locative

_SPREAD = object()  # several places side by side with no place holding them all


def place_for(site: Site, ctx: DocContext):
    """The figure's Location (of the document's PlaceIndex), or None."""
    if ctx.places is None:
        return None
    sent = site.sent
    if _says_everywhere(sent, ctx):
        return None
    mentions = [m for m in ctx.place_mentions(sent) if is_locative(m, ctx)]
    if mentions:
        found = _in_sentence(site, mentions, ctx)
        if found is not None:
            return None if found is _SPREAD else found
    before, after = ctx.paragraph_sentences(sent)
    for other in before + after:
        found = sentence_place(other, ctx)
        if found is not None:
            return found
    weak = [m for m in ctx.place_mentions(sent) if _may_be_place(m)]
    if weak:  # a place the parse tied oddly ('3 million people in Somalia face famine')
        found = _in_sentence(site, weak, ctx)
        if found is not None and found is not _SPREAD:
            return found
    return article_place(ctx)


def _may_be_place(mention: PlaceMention) -> bool:
    """Not an origin, nor a subject that acts, nor a list the parse joined to one."""
    token = first_of_list(mention.token)
    if _is_origin(mention) or mention.anaphor:
        return False
    return not (
        token.dep_ in ("nsubj", "nsubjpass", "poss") or (token.dep_ == "conj" and token.head.pos_ != "PROPN")
    )


def _says_everywhere(sent, ctx: DocContext) -> bool:
    text = " " + ctx.text[sent.start_char : sent.end_char].lower() + " "
    return any(f" {phrase} " in text or f" {phrase}." in text for phrase in ctx.lexicon.nowhere)


def is_locative(mention: PlaceMention, ctx: DocContext) -> bool:
    return context_is_locative(mention.token, ctx.lexicon)


def _tier(mention: PlaceMention, site: Site) -> int:
    """0: in the figure's phrase; 1: in its clause, outside the clause's other arguments; 2: in
    the sentence."""
    token = mention.token
    if in_subtree(token, site.anchor) or in_subtree(token, site.root):
        return 0
    if in_subtree(token, site.head):
        branch = next((c for c in site.head.children if in_subtree(token, c)), None)
        if branch is None or branch.dep_ not in CORE_ARGS or in_subtree(site.root, branch):
            return 1
    return 2


def _cost(mention: PlaceMention, origin) -> int:
    token = mention.token
    cost = tree_distance(token, origin)
    if token.dep_ == "pobj" and token.head.lower_ == "from":
        cost += 2  # 'moved towards Mosul from the town of X': the destination first
    return cost + (1 if mention.anaphor else 0)


def _in_sentence(site: Site, mentions: list[PlaceMention], ctx: DocContext):
    tiers = [_tier(m, site) for m in mentions]
    best = min(tiers)
    group = [m for m, t in zip(mentions, tiers, strict=True) if t == best]
    group.sort(key=lambda m: (_cost(m, site.root), m.token.i))
    return choose(group, ctx)


def choose(group: list[PlaceMention], ctx: DocContext):
    """One place from mentions of one level, nearest first: the most specific of places that
    hold one another; for places listed side by side, the country that holds them all."""
    locations: list = []
    for m in group:
        if all(m.location is not other for other in locations):
            locations.append(m.location)
    if len(locations) == 1:
        return locations[0]
    specific = [loc for loc in locations if not any(contains(loc, other) for other in locations)]
    if len(specific) == 1:
        return specific[0]
    first = group[0]
    listed = [m for m in group if m.location in specific and _listed_together(first.token, m.token)]
    if len({id(m.location) for m in listed}) > 1:
        return _container([m.location for m in listed], ctx) or _SPREAD
    return first.location if first.location in specific else specific[0]


def _listed_together(a, b) -> bool:
    """Two tokens of one coordination or apposition: 'Kandahar, Helmand and Uruzgan'."""
    return first_of_list(a).i == first_of_list(b).i


def contains(outer, inner) -> bool:
    """Does ``outer`` hold ``inner``? A country holds the places of its country code."""
    p, q = getattr(outer, "place", None), getattr(inner, "place", None)
    if p is None or q is None or outer is inner:
        return False
    return (
        p.kind == "country"
        and q.kind != "country"
        and bool(p.country_code)
        and p.country_code == q.country_code
    )


def _container(locations: list, ctx: DocContext):
    if ctx.places is None:
        return None
    codes = {getattr(loc.place, "country_code", None) for loc in locations if loc.place is not None}
    if len(codes) != 1 or None in codes or any(loc.place is None for loc in locations):
        return None
    code = codes.pop()
    return next(
        (
            loc
            for loc in ctx.places
            if loc.place is not None and loc.place.kind == "country" and loc.place.country_code == code
        ),
        None,
    )


def sentence_place(sent, ctx: DocContext):
    """The place a sentence is about: its places used as places, nearest its root first."""
    mentions = [m for m in ctx.place_mentions(sent) if is_locative(m, ctx)]
    if not mentions:
        return None
    mentions.sort(key=lambda m: (_cost(m, sent.root), m.token.i))
    found = choose(mentions, ctx)
    if found is _SPREAD:  # 'in Iraq and Syria' around the figure's sentence: the first named
        return min(mentions, key=lambda m: m.token.i).location
    return found


def article_place(ctx: DocContext):
    """The dateline's place, else the headline's first place, else the lead's."""
    if "article_place" in ctx.memo:
        return ctx.memo["article_place"]
    found = None
    span = ctx.dateline_span
    if span is not None and ctx.places is not None:
        found = ctx.places.at(*span)
    title = ctx.title_paragraph()
    if found is None and title is not None:
        for sent in ctx.paragraph_sentence_list(title):
            named = [m for m in ctx.place_mentions(sent) if not m.anaphor and not _is_origin(m)]
            if named:  # a headline's subject is often its place: 'North Korea puts ...'
                chosen = choose(named, ctx)
                found = None if chosen is _SPREAD else chosen
                break
    lead = ctx.lead_paragraph()
    if found is None and lead is not None:
        for sent in ctx.paragraph_sentence_list(lead):
            found = sentence_place(sent, ctx)
            if found is not None:
                break
    ctx.memo["article_place"] = found
    return found


def _is_origin(mention: PlaceMention) -> bool:
    token = first_of_list(mention.token)
    return token.dep_ == "pobj" and token.head.lower_ == "from"
