"""The data dictionary, from the Pandera models: each table's columns with type, HXL hashtag,
whether required, description and example; rendered as Markdown (``output/README.md``) for the
people who download the package, and used by the landing page."""

from __future__ import annotations

import html
import re
import unicodedata

import schemas
from newsfacts.publish import formats
from schemas.descriptor import table_schema


def fields(table: str) -> list[dict]:
    """The table's columns as the descriptor gives them (generated from the model)."""
    out = []
    for field in table_schema(schemas.TABLES[table])["fields"]:
        example = field.get("example")
        out.append(
            {
                "name": field["name"],
                "type": field["type"]
                + (f" ('{field['delimiter']}'-separated)" if field.get("delimiter") else ""),
                "hxl": field.get("hxl", ""),
                "required": bool(field.get("constraints", {}).get("required")),
                "description": field.get("description", ""),
                "example": "" if example is None else str(example),
            }
        )
    return out


def formats_sentence() -> str:
    """What the package offers, from the registry of formats: "Each table comes as A, B and C."."""
    names = [fmt.summary for fmt in formats.FORMATS]
    listed = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
    return f"Each table comes as {listed}."


# Characters that must never act on a reader's screen: C0 and C1 controls (escape sequences) and
# the bidirectional formatting marks, overrides and isolates (which reorder what is shown).
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_INVISIBLE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")


def _shown(match: re.Match) -> str:
    char = match.group()
    if ord(char) < 0x20:
        return chr(0x2400 + ord(char))  # the Control Pictures: ␛ for ESC
    if char == "\x7f":
        return "\u2421"  # ␡
    name = unicodedata.name(char, "")
    return f"[U+{ord(char):04X}{' ' + name if name else ''}]"


def visible(value: object) -> str:
    """Text from an article (a title, a path) with its control and bidi characters shown as visible
    marks (ESC as ␛, U+202E as [U+202E RIGHT-TO-LEFT OVERRIDE]); other text unchanged."""
    return _INVISIBLE.sub(_shown, str(value))


# What Markdown (CommonMark, GitHub's autolinks) can turn into a link, an image, HTML or emphasis.
_ACTIVE = re.compile(r"[\[\]()<>!`*_~\\|#&]|://|www\.|@", re.IGNORECASE)


def md_untrusted(value: object) -> str:
    """Text from an article for the Markdown dictionary: visible controls, and, when it holds
    anything Markdown would act on (a link, an image, HTML, an autolinked URL), a code span, which
    Markdown shows as it is; plain text stays plain."""
    text = " ".join(visible(value).split())
    if not _ACTIVE.search(text):
        return text
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}"


def _md(value) -> str:
    """A Markdown table cell: HTML escaped (a renderer shows it as text), pipes and newlines too."""
    text = html.escape(str(value), quote=False).replace("|", "\\|")
    return " ".join(text.split()) if "\n" in text else text


def _md_path(value: object) -> str:
    """A path or URL as a code span (never a link), with a fence its backticks cannot close."""
    text = " ".join(visible(value).split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    if longest == 0:
        return f"`{_md(text)}`" if "&" not in text and "<" not in text and ">" not in text else f"` {text} `"
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}"


def _size(n: int | None) -> str:
    if n is None:
        return ""
    size: float = n
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return ""


def markdown(descriptor: dict, rows: dict[str, int]) -> str:
    """README for the data folder: what the package is, its files, and every table's columns."""
    by_name = {r["name"]: r for r in descriptor["resources"]}
    lines = [
        f"# {_md(descriptor['title'])}",
        "",
        f"Version {descriptor['version']}, created {descriptor['created']}. {_md(descriptor['description'])}",
        "",
        "Licences: "
        + "; ".join(f"{_md(lic['name'])} ({_md(lic.get('title', ''))})" for lic in descriptor["licenses"])
        + ".",
        "",
        "The package is described by `datapackage.json` (Frictionless Data Package v2) beside this "
        f"folder; `index.html` is its landing page. {formats_sentence()} Sizes and SHA-256 hashes are "
        "in the descriptor.",
        "",
        "## Files",
        "",
        "| file | table | format | size | sha256 |",
        "|---|---|---|---|---|",
    ]
    for res in descriptor["resources"]:
        size = formats.size_of(res)
        digest = (res.get("hash") or "").removeprefix("sha256:")
        lines.append(
            f"| `{res['path']}` | {res['name']} | {res['format']} | {_size(size)} | `{digest[:16]}…` |"
        )
    lines += ["", "## Sources", ""]
    for source in descriptor.get("sources", []):
        extra = f", licence {md_untrusted(source['license'])}" if source.get("license") else ""
        lines.append(f"- {md_untrusted(source['title'])} ({_md_path(source['path'])}{extra})")
    lines += ["", "## Tables", ""]
    for table, model in schemas.TABLES.items():
        res = by_name[table]
        key = res["schema"].get("primaryKey")
        lines += [
            f"### {table} ({rows.get(table, 0)} rows)",
            "",
            _md(model.__config__.description) + (f" Key: `{', '.join(key)}`." if key else ""),
            "",
            "| column | type | HXL | required | description | example |",
            "|---|---|---|---|---|---|",
        ]
        for f in fields(table):
            lines.append(
                f"| `{f['name']}` | {_md(f['type'])} | `{f['hxl']}` | {'yes' if f['required'] else 'no'} "
                f"| {_md(f['description'])} | {_md(f['example'])} |"
            )
        lines.append("")
    return "\n".join(lines)
