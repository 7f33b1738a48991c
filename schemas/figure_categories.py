"""The figures table's categories and qualifiers, in their order: one home, read by the Pandera
model (schemas/figures.py), the extractor (the order in which lexicon categories are tried) and the
landing page. Plain Python, so that the extraction workers need not import Pandera."""

# Each category with what it covers and an example, as the guidelines define them.
CATEGORIES = {
    "killed": ("people killed, dead, executed", "nearly 1,000 IS gunmen (killed)"),
    "injured": ("people injured, wounded, hurt", "1,358 injured"),
    "missing": ("people missing or unaccounted for", "40 fishermen are missing"),
    "displaced": (
        "people displaced, fleeing, evacuated, forced to leave, refugees, asylum seekers",
        "more than 1.5 million have been forced to leave",
    ),
    "captive": ("hostages, abducted, arrested, detained", "About 25,000 have been held hostage"),
    "affected": (
        "trapped, besieged, stranded, homeless, in need, at risk, rescued, affected",
        "up to 600,000 children in Iraq are trapped",
    ),
    "forces": ("troops, fighters, militants in a place or an operation", "about 50,000 Iraqi soldiers"),
    "population": ("inhabitants, residents, people living in a place", "about 21,000 people in the city"),
    "distance": ("distances", "400km from the capital"),
    "territory": (
        "villages, towns, areas, land areas (km2, hectares), shares of land",
        "more than a dozen villages",
    ),
    "money": ("amounts of money", "$5 million in aid"),
    "other": ("anything else counted or measured: shells, votes, seats, rates, fans", "36 shells"),
}

QUALIFIERS = {
    "exact": ("the number as stated", "1,792 people killed"),
    "approximate": ("about, around, nearly, almost, some, an estimated, roughly", "about 50,000"),
    "lower_bound": ("more than, over, at least, no fewer than", "more than 1.5 million"),
    "upper_bound": ("up to, as many as, fewer than, at most, less than", "up to 1 million"),
    "range": ("two bounds: value_low and value_high are set", "3,000-5,000"),
    "vague": (
        (
            "dozens (24), scores of (40), hundreds (200), thousands (2000), tens of thousands "
            "(20000), millions (2e6), several (3): value = value_low = that documented lower "
            "bound (newsfacts/lexicons/figures.toml), value_high null"
        ),
        "thousands of civilians (value 2000)",
    ),
}

__all__ = ["CATEGORIES", "QUALIFIERS"]
