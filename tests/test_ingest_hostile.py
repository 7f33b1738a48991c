"""Inputs that are not what they seem (issue 12, section 3), each reproduced with a real file:
every one is a reject or a skipped record with its reason, never a hang, a traceback or a read
of something outside the seeds folder."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from newsfacts import ingest

GOOD = "Officials said 12 people were killed in Mosul on Monday.\n"


@contextmanager
def no_hang(seconds: int = 20):
    """Fail the test instead of hanging it (a FIFO opened without O_NONBLOCK blocks forever)."""

    def timeout(*_):
        raise AssertionError(f"ingest hung for {seconds} s")

    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def scan(seeds: Path):
    with no_hang():
        return ingest.scan(seeds)


def reasons(rejects) -> dict[str, str]:
    return {r.path: r.reason for r in rejects}


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    return folder


# --- only regular files are opened ---------------------------------------------------------


def test_a_fifo_as_an_article_is_rejected_without_hanging(seeds):
    os.mkfifo(seeds / "pipe.txt")
    documents, rejects = scan(seeds)
    assert [d.path for d in documents] == ["good.txt"]
    assert reasons(rejects) == {"pipe.txt": "not a regular file: it is a named pipe (FIFO) (not read)"}


def test_a_fifo_as_a_sidecar_is_rejected_without_hanging(seeds):
    (seeds / "story.txt").write_text("Aid reached 300 families.\n")
    os.mkfifo(seeds / "story.meta.json")
    documents, rejects = scan(seeds)
    assert [d.path for d in documents] == ["good.txt"]
    assert "story.meta.json: not a regular file: it is a named pipe" in reasons(rejects)["story.txt"]


def test_a_link_to_a_fifo_inside_the_seeds_is_not_read(seeds):
    os.mkfifo(seeds / "pipe")
    (seeds / "looks-like-text.txt").symlink_to(seeds / "pipe")
    _, rejects = scan(seeds)
    assert "named pipe" in reasons(rejects)["looks-like-text.txt"]


@pytest.mark.skipif(os.geteuid() != 0, reason="creating a device node needs root")
def test_a_device_node_as_an_article_is_rejected(seeds):
    os.mknod(seeds / "zero.txt", stat.S_IFCHR | 0o644, os.makedev(1, 5))  # /dev/zero's numbers
    documents, rejects = scan(seeds)
    assert [d.path for d in documents] == ["good.txt"]
    assert reasons(rejects)["zero.txt"] == "not a regular file: it is a character device (not read)"


def test_links_to_devices_outside_the_seeds_are_refused(seeds):
    (seeds / "zero.txt").symlink_to("/dev/zero")
    (seeds / "page.html").symlink_to("/dev/urandom")
    _, rejects = scan(seeds)
    assert reasons(rejects) == {
        "page.html": "symbolic link pointing outside the seeds folder (refused)",
        "zero.txt": "symbolic link pointing outside the seeds folder (refused)",
    }


def test_broken_links_and_link_loops_are_rejected(seeds):
    (seeds / "gone.txt").symlink_to(seeds / "nowhere.txt")
    (seeds / "loop-a.txt").symlink_to(seeds / "loop-b.txt")
    (seeds / "loop-b.txt").symlink_to(seeds / "loop-a.txt")
    _, rejects = scan(seeds)
    found = reasons(rejects)
    assert found["gone.txt"] == "broken symbolic link"
    assert found["loop-a.txt"] == found["loop-b.txt"] == "symbolic link loop (refused)"


def test_a_link_inside_the_seeds_is_followed(seeds):
    (seeds / "alias.txt").symlink_to(seeds / "good.txt")
    documents, rejects = scan(seeds)
    assert [d.path for d in documents] == ["alias.txt"]  # 'alias.txt' sorts first; good.txt is its copy
    assert reasons(rejects) == {"good.txt": "duplicate of alias.txt (same bytes); published once"}


# --- sidecars: same rules as articles, at most 64 KB, typed fields -----------------------------


def test_a_sidecar_linked_outside_the_seeds_is_not_read(seeds, tmp_path):
    secret = tmp_path / "secret.json"
    secret.write_text('{"title": "the contents of a file outside the seeds"}')
    (seeds / "story.txt").write_text("Aid reached 300 families.\n")
    (seeds / "story.meta.json").symlink_to(secret)
    documents, rejects = scan(seeds)
    assert all("outside the seeds" not in d.title for d in documents)
    assert reasons(rejects)["story.txt"] == (
        "its metadata file story.meta.json: symbolic link pointing outside the seeds folder (refused)"
    )


def test_a_sidecar_linked_to_dev_zero_is_refused_without_reading_it(seeds):
    (seeds / "story.txt").write_text("Aid reached 300 families.\n")
    (seeds / "story.meta.json").symlink_to("/dev/zero")
    _, rejects = scan(seeds)
    assert "symbolic link pointing outside the seeds folder" in reasons(rejects)["story.txt"]


def test_a_sidecar_over_64_kb_is_refused(seeds):
    (seeds / "story.txt").write_text("Aid reached 300 families.\n")
    (seeds / "story.meta.json").write_text(json.dumps({"title": "x" * 70_000}))
    _, rejects = scan(seeds)
    assert reasons(rejects)["story.txt"] == (
        "its metadata file story.meta.json: too large (70,013 bytes; the limit is 65,536)"
    )


@pytest.mark.parametrize(
    "sidecar, phrase",
    [
        ('{"title": {"a": 1}}', "has title of type dict; expected a string"),
        ('{"title": ["A", "B"]}', "has title of type list; expected a string"),
        ('{"title": 12}', "has title of type int; expected a string"),
        ('{"title": NaN}', "is not valid JSON (NaN is not a JSON value"),
        ('{"title": "nan"}', "has title='nan', a missing value written as text"),
        ('{"source_url": "None"}', "has source_url='None', a missing value written as text"),
        ('{"published": "2016-13-45"}', "has published='2016-13-45'; expected a real date"),
        ('{"published": "2015-02-29"}', "has published='2015-02-29'; expected a real date"),
        ('{"published": "2016-01-01\\n"}', "has published='2016-01-01\\n'; expected a real date"),
        ('{"published": "\u0662\u0660\u0661\u0666-\u0660\u0661-\u0660\u0661"}', "expected a real date"),
        ('{"published": 2016}', "has published of type int; expected a string"),
        ('{"published": "last Tuesday"}', "has published='last Tuesday'"),
        ("[1, 2]", "is not a JSON object"),
        ("{", "is not valid JSON"),
        (b"\xff\xfe{}", "is not UTF-8"),
    ],
)
def test_sidecar_fields_must_have_their_type_and_form(seeds, sidecar, phrase):
    (seeds / "story.txt").write_text("Aid reached 300 families.\n")
    data = sidecar if isinstance(sidecar, bytes) else sidecar.encode()
    (seeds / "story.meta.json").write_bytes(data)
    documents, rejects = scan(seeds)
    assert [d.path for d in documents] == ["good.txt"]
    assert phrase in reasons(rejects)["story.txt"]
    assert reasons(rejects)["story.txt"].startswith("its metadata file story.meta.json")


@pytest.mark.parametrize("published", ["2016", "2016-02", "2016-02-29"])
def test_real_dates_of_every_precision_pass(seeds, published):
    (seeds / "story.txt").write_text("Aid reached 300 families.\n")
    (seeds / "story.meta.json").write_text(json.dumps({"published": published, "title": "  Aid  "}))
    documents, rejects = scan(seeds)
    story = next(d for d in documents if d.path == "story.txt")
    assert rejects == [] and (story.published, story.title) == (published, "Aid")


def test_json_nested_100000_deep_is_a_reject_not_a_traceback(seeds):
    (seeds / "story.txt").write_text("Aid reached 300 families.\n")
    (seeds / "story.meta.json").write_text("[" * 30_000 + "]" * 30_000)  # 60 KB: under the sidecar limit
    (seeds / "export.json").write_text('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}")
    documents, rejects = scan(seeds)
    assert [d.path for d in documents] == ["good.txt"]
    assert reasons(rejects) == {
        "export.json": "the file is nested too deeply to read",
        "story.txt": "its metadata file story.meta.json is nested too deeply to read",
    }


# --- names and trees the file system barely allows ---------------------------------------------


def test_an_article_whose_sidecar_name_would_be_too_long_is_read(seeds):
    name = "a" * 251 + ".txt"  # 255 bytes: the longest name; 'aaa….meta.json' would be 261
    (seeds / name).write_text("Aid reached 300 families.\n")
    documents, rejects = scan(seeds)
    assert rejects == [] and sorted(d.path for d in documents) == sorted(["good.txt", name])
    assert next(d.doc_id for d in documents if d.path == name) == "a" * 251


def _deep_tree(root: Path, depth: int, name: str) -> None:
    """``depth`` nested folders under ``root`` and an article at the bottom, made through folder
    descriptors (the whole path is longer than the system's PATH_MAX)."""
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for _ in range(depth):
            os.mkdir(name, dir_fd=fd)
            child = os.open(name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = child
        article = os.open("deep.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(article, GOOD.replace("12", "13").encode())
        os.close(article)
    finally:
        os.close(fd)


def _remove_deep_tree(root: Path, name: str) -> None:
    """Remove a tree made by ``_deep_tree`` (shutil.rmtree recurses once per level: 1,200 levels
    are past Python's recursion limit, which would fail pytest's own clean-up of old temp folders)."""
    fds = [os.open(root, os.O_RDONLY | os.O_DIRECTORY)]
    try:
        while True:
            try:
                fds.append(os.open(name, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fds[-1]))
            except FileNotFoundError:
                break
        while fds:
            fd = fds.pop()
            for entry in os.listdir(fd):  # noqa: PTH208 (a folder descriptor, not a path)
                if entry != name:
                    os.unlink(entry, dir_fd=fd)
            if fds:
                os.rmdir(name, dir_fd=fds[-1])
            os.close(fd)
    finally:
        for fd in fds:
            os.close(fd)


@pytest.fixture
def deep_seeds():
    """A seeds folder outside pytest's temp folders (whose clean-up could not remove the tree)."""
    seeds = Path(tempfile.mkdtemp(prefix="newsfacts-deep-"))
    (seeds / "good.txt").write_text(GOOD)
    try:
        yield seeds
    finally:
        _remove_deep_tree(seeds, "folder")
        shutil.rmtree(seeds)


def test_1200_nested_folders_are_refused_past_the_depth_limit(deep_seeds):
    seeds = deep_seeds
    _deep_tree(seeds, 1_200, "folder")  # 1,200 x 7 characters: past PATH_MAX (4,096)
    documents, rejects = scan(seeds)
    assert [d.path for d in documents] == ["good.txt"]
    [deep] = rejects
    assert deep.path == "folder/" * 65 and deep.reason == "folder nested deeper than 64 levels: not read"


def test_a_path_too_long_for_the_system_is_a_reject(deep_seeds, monkeypatch):
    from newsfacts.ingest import scanner

    seeds = deep_seeds
    monkeypatch.setattr(scanner, "MAX_DEPTH", 10_000)
    _deep_tree(seeds, 700, "folder")  # 700 x 7 = 4,900 characters
    documents, rejects = scan(seeds)
    assert [d.path for d in documents] == ["good.txt"]
    assert len(rejects) == 1 and "too long for the file system" in rejects[0].reason


def test_the_reason_for_a_name_too_long_says_so():
    from newsfacts.ingest.files import why_not_read

    exc = OSError(errno.ENAMETOOLONG, "File name too long")
    assert why_not_read(exc) == "cannot read it: its name or path is too long for the file system"


# --- control and bidi characters: stored as they are, never printed raw --------------------------


def test_control_and_bidi_characters_in_names_are_stored_but_printed_escaped(seeds):
    evil = "report\x1b[2J\x1b[1;1H\u202etxt.exe\r"
    (seeds / f"{evil}.zip").write_bytes(b"PK\x03\x04")
    (seeds / "story.txt").write_text("Aid reached 300 families.\n")
    (seeds / "story.meta.json").write_text(json.dumps({"title": "Title\x1b]0;pwned\x07 \u202eevil"}))
    documents, rejects = scan(seeds)
    [reject] = rejects
    assert reject.path == f"{evil}.zip"  # stored as it is
    message = reject.message()
    assert "\x1b" not in message and "\u202e" not in message and "\r" not in message
    assert message.startswith("report\\x1b[2J\\x1b[1;1H\\u202etxt.exe\\x0d.zip: not an article")
    story = next(d for d in documents if d.path == "story.txt")
    assert story.title == "Title\x1b]0;pwned\x07 \u202eevil"


def test_printable_escapes_what_a_terminal_would_act_on():
    assert ingest.printable("plain ünïcödé – “quotes”") == "plain ünïcödé – “quotes”"
    assert ingest.printable("a\tb\nc\x7f\x9b") == "a\\x09b\\x0ac\\x7f\\x9b"
    assert ingest.printable("\u2066\u200f\u2028") == "\\u2066\\u200f\\u2028"
    assert ingest.printable("back\\slash") == "back\\\\slash"


def test_a_document_note_is_printed_escaped(seeds):
    name = "caf\x1b[31m.txt"
    (seeds / name).write_bytes("The caf\xe9 in Bogot\xe1 has closed.".encode("cp1252"))
    documents, _ = scan(seeds)
    doc = next(d for d in documents if d.path == name)
    assert doc.messages() == ["caf\\x1b[31m.txt: not valid UTF-8; decoded as Latin-1 (Windows-1252)"]
