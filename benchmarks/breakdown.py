"""Where a worker's time goes: spaCy's parse and each extractor, on a sample of the corpus, in one
process (no Prefect), the way a worker runs them (``newsfacts.extract.parsed``, then
``extract_rows`` on each parsed document).

    python benchmarks/breakdown.py SEEDS_DIR [LIMIT]  ->  prints JSON {"documents", "parse",
        "extract_actors", ..., "rest"}: seconds of CPU over the sample

``rest``: what ``extract_texts`` spends beyond the parse and the four extractors (ids, dates,
checks of each row). The benchmark scales these shares to the workers' measured CPU.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

EXTRACTORS = ["extract_actors", "extract_locations", "extract_figures", "extract_quotes"]


def main(seeds: str, limit: int = 200) -> None:
    import newsfacts.extract as extract
    from newsfacts import gazetteer, nlp

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(seeds).glob("*.txt"))[:limit]]
    language, places = nlp.load(), gazetteer.load()
    list(extract.parsed(texts[:8], language))  # warm up: the first parse allocates
    started = time.process_time()
    docs = list(extract.parsed(texts, language))
    parse = time.process_time() - started
    spent = dict.fromkeys(EXTRACTORS, 0.0)
    originals = {name: getattr(extract, name) for name in EXTRACTORS}

    def timed(name):
        def run(*args, **kwargs):
            began = time.process_time()
            try:
                return originals[name](*args, **kwargs)
            finally:
                spent[name] += time.process_time() - began

        return run

    for name in EXTRACTORS:
        setattr(extract, name, timed(name))
    started = time.process_time()
    for doc in docs:
        extract._extracted(doc, places)
    total = time.process_time() - started
    print(json.dumps({"documents": len(docs), "parse": parse, **spent, "rest": total - sum(spent.values())}))


if __name__ == "__main__":
    main(sys.argv[1], *(int(a) for a in sys.argv[2:]))
