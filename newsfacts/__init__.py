"""newsfacts: news articles in, an open dataset of figures, actors, locations and quotes out.

Plain Python, no Prefect: each module is one step of the data's way
(ingest -> nlp -> extract -> publish), and ``flows/`` orchestrates them.
"""

__version__ = "0.1.0"

# Bump when extraction changes what it outputs for the same text: it keys the per-document
# cache, so a change of code re-extracts.
EXTRACTOR_VERSION = "1"
