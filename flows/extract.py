"""The extraction task: it runs where the task runner puts it (a worker process, a Dask worker).

Kept apart from ``flows/build.py`` so that a worker imports only what parsing and extraction need
(Prefect, spaCy, the extractors and the gazetteer), not pandas, Pandera, pyarrow and Frictionless,
which only the flow's own process uses: about 150 MB less in every worker.
"""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from newsfacts import gazetteer, nlp
from newsfacts.extract import extract_texts


@task(name="extract", cache_policy=NO_CACHE)
def extract_batch(texts: list[str], model: str | None) -> list[dict | str]:
    """Parse and extract a batch of texts; the model and gazetteer load once per process. For each
    text, in order: its rows (without ids), or the reason its extraction failed."""
    return extract_texts(texts, nlp.load(model), gazetteer.load())
