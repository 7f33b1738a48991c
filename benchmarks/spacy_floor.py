"""The floor: bare spaCy over the same texts, with the same model, pipeline and settings as the
flow (``newsfacts.nlp.load``; ``nlp.pipe`` with ``nlp.PIPE_BATCH_SIZE``, one process per worker
the flow uses).

    python benchmarks/spacy_floor.py SEEDS_DIR N_PROCESS   ->  prints JSON {"seconds": pipe time, ...}
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(seeds: str, n_process: int) -> None:
    started = time.perf_counter()
    from newsfacts import nlp

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(seeds).glob("*.txt"))]
    model = nlp.load()
    loaded = time.perf_counter()
    tokens = sum(len(doc) for doc in model.pipe(texts, batch_size=nlp.PIPE_BATCH_SIZE, n_process=n_process))
    done = time.perf_counter()
    print(
        json.dumps(
            {
                "seconds": done - loaded,
                "load_seconds": loaded - started,
                "tokens": tokens,
                "documents": len(texts),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
