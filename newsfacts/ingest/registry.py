"""The input formats, by file suffix: the one place that says which files ingest reads and how.

Each format names its reader module (imported when a file of that format is first read, so that
``import newsfacts.ingest`` stays light for worker processes) and whether a file holds one
article or many. Add a format: a module with ``read(source) -> Iterator[Draft | RecordReject |
FileNote]``, one entry here, a test with a real file, a line in docs/input-formats.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class Format:
    name: str  # the documents.format value
    suffixes: tuple[str, ...]  # lower-case, longest first where one ends another
    module: str  # under newsfacts.ingest
    many: bool  # a file holds many articles (records) rather than one
    label: str

    def reader(self):
        return import_module(f"newsfacts.ingest.{self.module}").read


FORMATS: tuple[Format, ...] = (
    Format("text", (".txt", ".md", ".text"), "text", False, "plain text or Markdown, one article"),
    Format("html", (".html", ".htm", ".html.gz", ".htm.gz"), "html", False, "a saved web page"),
    Format("warc", (".warc", ".warc.gz"), "warc", True, "a WARC web-archive crawl"),
    Format(
        "feed", (".rss", ".atom", ".xml", ".rss.gz", ".atom.gz", ".xml.gz"), "feed", True, "an RSS/Atom feed"
    ),
    Format("jsonl", (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"), "jsonl", True, "JSON Lines"),
    Format("json", (".json", ".json.gz"), "jsonl", True, "a JSON export (a list of objects)"),
)
_BY_SUFFIX = {suffix: fmt for fmt in FORMATS for suffix in fmt.suffixes}
SUFFIXES = tuple(sorted(_BY_SUFFIX, key=len, reverse=True))


def split_suffix(name: str) -> tuple[str, str]:
    """(stem, format suffix) of a file name; the suffix is '' for a name of no known format,
    and then the stem is the name without its last extension."""
    lower = name.lower()
    for suffix in SUFFIXES:
        if lower.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)], name[-len(suffix) :]
    return (name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name), ""


def format_of(name: str) -> Format | None:
    _, suffix = split_suffix(name)
    return _BY_SUFFIX.get(suffix.lower()) if suffix else None


def expected() -> str:
    return ", ".join(suffix for fmt in FORMATS for suffix in fmt.suffixes)
