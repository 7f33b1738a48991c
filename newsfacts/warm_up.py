"""What a run needs before its first document, loaded while Prefect's server starts.

``newsfacts run`` waits a few seconds for Prefect's temporary server (``flows/server.py``) with
one core idle. What the flow's process would load on first use anyway is loaded then instead:

- the tables' Pandera schemas (Pandera builds them on first use: ~1 s, most of it importing
  ``dask.dataframe``, which Pandera's typing looks for whenever Dask is installed);
- the language identifier's model (py3langid: ~0.5 s);
- for a run small enough to be extracted in this process (``batches.HERE_AT_MOST`` documents
  or fewer), the spaCy model and the gazetteer. A larger run extracts on worker
  processes, and the flow's process never loads them (about 200 MB it does not need).
"""

from __future__ import annotations

from pathlib import Path

from newsfacts import gazetteer, nlp
from newsfacts.batches import few_documents
from newsfacts.ingest.language import identifier


def warm_up(seeds: Path, model: str | None = None) -> None:
    """Load what a run over ``seeds`` will need first (any failure is left to the run itself)."""
    import schemas
    from schemas.descriptor import columns

    try:
        for model_class in schemas.TABLES.values():
            columns(model_class)
        identifier()
        if few_documents(seeds):
            nlp.load(model)
            gazetteer.load()
    except Exception:  # the run meets the same problem where it reports it, naming the file
        return
