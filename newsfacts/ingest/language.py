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

import contextlib
import hashlib
import sqlite3
from functools import lru_cache
from importlib.metadata import version
from itertools import islice
from pathlib import Path

from newsfacts.database import open_store, write_many

MIN_CHARS = 200
_VERSION = version("py3langid")
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
def identifier():
    """py3langid's identifier, its model loaded once per process."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


class Told:
    """The languages py3langid told before, by the SHA-256 of the sample it read (and its
    version): its DFA walk is pure Python, ~4 ms an article, the largest cost of reading the seeds,
    and a re-run reads the same articles again. One SQLite table, ``languages.sqlite3`` beside the
    document cache (``cache.default_dir()``), written in batches; a database that cannot be used
    (unwritable, damaged) only means telling again."""

    FLUSH = 500  # answers written per transaction
    TABLE = (
        "CREATE TABLE IF NOT EXISTS told (key TEXT PRIMARY KEY, code TEXT NOT NULL, "
        "probability REAL NOT NULL) WITHOUT ROWID"
    )

    def __init__(self, path: Path):
        self.path = path
        self.new: list[tuple[str, str, float]] = []
        self.con: sqlite3.Connection | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.con = open_store(path, (self.TABLE,), check_same_thread=False)
        except (OSError, sqlite3.Error):
            self.close()

    @staticmethod
    def key(sample: str) -> str:
        return hashlib.sha256(f"py3langid {_VERSION} {SAMPLE_CHARS}\n{sample}".encode()).hexdigest()

    def get(self, key: str) -> tuple[str, float] | None:
        if self.con is None:
            return None
        try:
            row = self.con.execute("SELECT code, probability FROM told WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            self.close()
            return None
        if row is None or not isinstance(row[0], str) or not isinstance(row[1], float):
            return None
        return row[0], row[1]

    def put(self, key: str, code: str, probability: float) -> None:
        self.new.append((key, code, probability))
        if len(self.new) >= self.FLUSH:
            self.flush()

    def flush(self) -> None:
        rows, self.new = self.new, []
        if self.con is None or not rows:
            return
        try:
            write_many(self.con, "INSERT OR REPLACE INTO told VALUES (?, ?, ?)", rows)
        except sqlite3.Error:
            self.close()

    def close(self) -> None:
        if self.con is not None:
            with contextlib.suppress(sqlite3.Error):
                self.con.close()
        self.con = None


@lru_cache(maxsize=1)
def _told() -> Told:
    from newsfacts.cache import default_dir

    return Told(default_dir() / "languages.sqlite3")


def release() -> None:
    """Drop the loaded model (the next ``detect`` loads it again); write what was told."""
    identifier.cache_clear()
    if _told.cache_info().currsize:
        _told().flush()
        _told().close()
        _told.cache_clear()


def detect(text: str) -> tuple[str, float] | None:
    """(ISO 639 code, probability) of ``text``'s language, or None when too short to tell."""
    sample = text[:SAMPLE_CHARS]
    letters = (c for c in sample if c.isalpha())
    if next(islice(letters, MIN_CHARS - 1, None), None) is None:  # fewer than MIN_CHARS: stop counting at it
        return None
    told, key = _told(), Told.key(sample)
    if (known := told.get(key)) is not None:
        return known
    code, probability = identifier().classify(sample)
    told.put(key, str(code), float(probability))
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
