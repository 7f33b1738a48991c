"""Names and titles as a terminal may show them.

File names, titles and URLs come from the input: they may hold escape sequences that rewrite the
terminal (ESC, CSI), carriage returns that overwrite a line, or bidi overrides that show a name
backwards. Ingest stores them as they are (they are data) and renders them with ``printable``
wherever a message names them.
"""

from __future__ import annotations

import unicodedata

# Format characters that change how the text around them is shown (bidi embeddings, overrides
# and isolates, marks); zero-width joiners are left alone (scripts and emoji need them).
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def printable(text: str) -> str:
    """``text`` with every control, bidi and line/paragraph-separator character shown as an
    escape (``\\x1b``, ``\\u202e``), and backslashes doubled so that the escapes are unambiguous."""
    out = []
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif char in _BIDI or unicodedata.category(char) in ("Cc", "Zl", "Zp", "Cs", "Co", "Cn"):
            out.append(_escape(char))
        else:
            out.append(char)
    return "".join(out)


def has_hidden(text: str) -> bool:
    """Whether ``printable`` would change anything but backslashes."""
    return printable(text).replace("\\\\", "") != text.replace("\\", "")
