"""The floor: bare spaCy over the same texts, with the same model and pipeline as the flow
(``newsfacts.nlp.load``), in its plain fastest setting: ``nlp.pipe`` with ``n_process`` processes
and a batch size (the benchmark tries several on a sample and uses the fastest).

    python benchmarks/spacy_floor.py SEEDS_DIR N_PROCESS [BATCH_SIZE [LIMIT]]
        ->  prints JSON {"seconds": pipe time, "load_seconds", "tokens", "documents", "batch_size"}
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(seeds: str, n_process: int, batch_size: int = 0, limit: int = 0) -> None:
    started = time.perf_counter()
    from newsfacts import nlp

    paths = sorted(Path(seeds).glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in (paths[:limit] if limit else paths)]
    batch_size = batch_size or nlp.PIPE_BATCH_SIZE
    model = nlp.load()
    loaded = time.perf_counter()
    tokens = sum(len(doc) for doc in model.pipe(texts, batch_size=batch_size, n_process=n_process))
    done = time.perf_counter()
    print(
        json.dumps(
            {
                "seconds": done - loaded,
                "load_seconds": loaded - started,
                "tokens": tokens,
                "documents": len(texts),
                "batch_size": batch_size,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], *(int(a) for a in sys.argv[2:]))
