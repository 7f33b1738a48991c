"""Plain-text articles (``.txt``, ``.md``, ``.text``): bytes -> text, and the checks every text passes.

Decoding: a UTF-16 byte-order mark means UTF-16; otherwise UTF-8 (a UTF-8 byte-order mark is
dropped), else Latin-1/Windows-1252 when the text clearly is (mostly ASCII, the other bytes among
letters), said in the document's notes. Line ends become ``\\n``.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from newsfacts.ingest.documents import BadInput
from newsfacts.ingest.files import read_file
from newsfacts.ingest.limits import MAX_BYTES, MAX_CHARS
from newsfacts.ingest.source import Draft, Source, sha256_of

# control characters but line breaks and tabs (\t \n \v \f): a character loop over every text
# cost ~1 ms an article in ingest, this pattern a few microseconds
_CONTROLS = re.compile("[\x00-\x08\x0d-\x1f]")


def decode(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Bytes -> text, or BadInput with the reason. Returns the text and notes for the user."""
    notes: tuple[str, ...] = ()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise BadInput(f"UTF-16 byte-order mark but invalid UTF-16 ({exc.reason})") from None
        notes = ("decoded as UTF-16 (byte-order mark)",)
    elif b"\x00" in data:
        raise BadInput("binary file: it contains NUL bytes")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            latin1 = _latin1_or_none(data)
            if latin1 is None:
                raise BadInput(
                    f"not UTF-8 text: invalid byte 0x{data[exc.start]:02x} at offset {exc.start}"
                ) from None
            text = latin1
            notes = ("not valid UTF-8; decoded as Latin-1 (Windows-1252)",)
    return checked_text(text), notes


def checked_text(text: str) -> str:
    """An article's text with line ends normalised, or BadInput: empty, too long, binary."""
    if "\x00" in text:
        raise BadInput("the text contains NUL characters")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise BadInput("no text: the file holds only whitespace")
    if len(text) > MAX_CHARS:
        longest = max(len(line) for line in text.split("\n"))
        raise BadInput(
            f"too long for one news article: {len(text):,} characters (the limit is "
            f"{MAX_CHARS:,}; its longest line has {longest:,}); split it into articles"
        )
    controls = len(_CONTROLS.findall(text))
    if controls > max(8, len(text) // 100):
        raise BadInput(f"binary file: {controls} control characters in {len(text)}")
    return text


def _latin1_or_none(data: bytes) -> str | None:
    """Text that is clearly Latin-1/Windows-1252: mostly ASCII, high bytes among letters."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    high = [c for c in text if ord(c) > 127]
    if len(high) > len(text) * 0.3:
        return None
    if sum(1 for c in high if c.isalpha() or c in "€‘’“”–—…°£©®«»·") < len(high) * 0.8:
        return None
    return text


def title_from_text(text: str, fallback: str) -> str:
    for line in text.split("\n"):
        line = line.strip()
        if line:
            return line[:200]
    return fallback


def read(source: Source) -> Iterator[Draft]:
    """A text file: one article."""
    data = read_file(source.path, source.root, MAX_BYTES)
    sha = sha256_of(data)
    try:
        text, notes = decode(data)
    except BadInput as exc:
        raise BadInput(exc.reason, sha) from None
    yield Draft(text=text, sha256=sha, notes=notes)
