"""newsfacts: news articles in, an open dataset of figures, actors, locations and quotes out.

Plain Python, no Prefect: each module is one step of the data's way
(ingest -> nlp -> extract -> validate -> publish); ``flows/`` orchestrates them and ``cli/``
is the command line over both.
"""

from importlib.metadata import PackageNotFoundError, version

try:  # the version is declared once, in pyproject.toml
    __version__ = version("newsfacts")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"

# Bump when extraction changes what it outputs for the same text: it keys the per-document
# cache, so a change of code re-extracts.
EXTRACTOR_VERSION = "1"
