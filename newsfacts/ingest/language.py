"""The language of an article's text, told by py3langid (langid.py's model, 0.4: 180+ languages).

newsfacts's extractors read English, so an article detected in another language is rejected
with the language in the reason, unless the user asks for it (``--languages``). A language is
only decided on enough text: on the 1,325 English articles of the shared corpora py3langid is
right on every one from 300 characters on, but at 150 characters it calls 12 of them Nigerian
Pidgin or another language (with probabilities up to 0.7). So a text shorter than
``MIN_CHARS`` or a guess less sure than ``MIN_PROBABILITY`` decides nothing: the article is
kept and its language left empty.

The model is a compressed NumPy file (not a pickle), loaded when the first article is checked
(0.5-1.2 s here) and holding about 110 MB; ``release()`` lets it go once the seeds are read, so
that it does not add to the run's peak while the documents are extracted.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import islice

MIN_CHARS = 200
MIN_PROBABILITY = 0.9
SAMPLE_CHARS = 5_000  # enough to tell; a long article costs no more than this

# Names for the reasons (ISO 639-1 codes py3langid returns for news languages; others print as codes).
NAMES = {
    "ar": "Arabic",
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fa": "Persian",
    "fr": "French",
    "hi": "Hindi",
    "id": "Indonesian",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "ru": "Russian",
    "sw": "Swahili",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "zh": "Chinese",
}


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def release() -> None:
    """Drop the loaded model (the next ``detect`` loads it again)."""
    _identifier.cache_clear()


def detect(text: str) -> tuple[str, float] | None:
    """(ISO 639 code, probability) of ``text``'s language, or None when too short to tell."""
    sample = text[:SAMPLE_CHARS]
    letters = (c for c in sample if c.isalpha())
    if next(islice(letters, MIN_CHARS - 1, None), None) is None:  # fewer than MIN_CHARS: stop counting at it
        return None
    code, probability = _identifier().classify(sample)
    return str(code), float(probability)


def name(code: str) -> str:
    return f"{NAMES[code]} ({code})" if code in NAMES else code


def language_of(text: str) -> str | None:
    """The language code when py3langid is sure of it, else None."""
    found = detect(text)
    if found is None or found[1] < MIN_PROBABILITY:
        return None
    return found[0]


def refusal(code: str, wanted: frozenset[str]) -> str:
    """The reason an article in language ``code`` is not published."""
    names = ", ".join(name(c) for c in sorted(wanted))
    return (
        f"not in {names}: its text is in {name(code)} (detected by py3langid); newsfacts's "
        f"extractors read English (--languages {','.join(sorted(wanted | {code}))} publishes it)"
    )
