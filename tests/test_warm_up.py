"""While Prefect's server starts, a run loads what it will need first: the model and the gazetteer
only for a run of a few articles (a larger run extracts on workers; its flow process never needs
them)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CODE = (
    "import sys; from pathlib import Path; from newsfacts import nlp, gazetteer; "
    "from newsfacts.warm_up import warm_up; warm_up(Path(sys.argv[1])); "
    "print(nlp.load.cache_info().currsize, gazetteer.load.cache_info().currsize, 'pandera' in sys.modules)"
)


def _warmed(seeds: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", CODE, str(seeds)], cwd=REPO, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_a_run_of_one_article_loads_the_model_and_the_gazetteer_early(tmp_path):
    (tmp_path / "article.txt").write_text("Rebels shelled the town of Kidal on Monday.\n", encoding="utf-8")
    assert _warmed(tmp_path) == "1 1 True"


def test_a_large_run_loads_the_schemas_but_not_the_model(tmp_path):
    for i in range(80):
        (tmp_path / f"article-{i}.txt").write_text("Rebels shelled the town of Kidal.\n", encoding="utf-8")
    assert _warmed(tmp_path) == "0 0 True"
