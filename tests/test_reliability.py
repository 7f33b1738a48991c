"""Reliability: bad input never costs the run, a crash or a second run never corrupts the
published package, the output is deterministic, and the extractors survive any text.

The slow parts run the real command, `newsfacts run`, in subprocesses that share one Prefect
test server (the `prefect_api` fixture) instead of starting a temporary one each.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from articles import FLOODS, SEED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfacts import ingest, query
from newsfacts.extract import extract_document
from newsfacts.tables import to_arrow
from newsfacts.validate import check_tables, validate_package

NEWSFACTS = Path(sys.executable).parent / "newsfacts"
SECOND_ARTICLE = FLOODS


def run(api: str, *args: str, env: dict | None = None, wait: bool = True, timeout: float = 300):
    environment = {**os.environ, "PREFECT_API_URL": api, **(env or {})}
    command = [str(NEWSFACTS), "run", *args]
    if not wait:
        return subprocess.Popen(
            command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    return subprocess.run(command, env=environment, capture_output=True, text=True, timeout=timeout)


def package_files(dest: Path) -> dict[str, bytes]:
    return {
        p.relative_to(dest).as_posix(): p.read_bytes()
        for p in sorted(dest.rglob("*"))
        if p.is_file() and not p.name.startswith(".newsfacts") and ".newsfacts-" not in p.as_posix()
    }


# --- bad input, end to end ---------------------------------------------------------------


# file name -> (bytes, None if it is published, else a phrase of its reason)
def bad_inputs(tmp: Path) -> dict[str, tuple[bytes | None, str | None]]:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"
    return {
        "empty.txt": (b"", "empty file"),
        "blank.txt": (b" \n\t \n", "only whitespace"),
        "photo.png": (png, "not an article"),
        "bundle.zip": (b"PK\x03\x04\x14\x00\x00\x00", "not an article"),
        "png-named-as-text.txt": (png, "binary"),
        "latin1.txt": ("Réfugiés: 300 familles déplacées à Gao, selon l'ONU.".encode("cp1252"), None),
        "not-utf8.txt": (bytes(range(128, 256)) * 4, "not UTF-8"),
        "utf16.txt": (codecs.BOM_UTF16_LE + "Aid reached 300 families in Gao.".encode("utf-16-le"), None),
        "nul-byte.txt": (b"Forty people were killed.\x00 More later.", "NUL"),
        "one-long-line.txt": (b"word " * 200_000, "too long for one news article"),
        "deep/er/Ménaka attack – report.txt": (
            "Gunmen killed 14 villagers near Ménaka, Mali.".encode(),
            None,
        ),
        "duplicate.txt": (SECOND_ARTICLE.encode(), "duplicate of"),
        "notes.docx": (b"PK\x03\x04", "not an article"),
    }


@pytest.fixture(scope="module")
def hostile_seeds(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    seeds = root / "seeds"
    seeds.mkdir()
    shutil.copy(SEED, seeds / SEED.name)
    (seeds / "bangladesh.txt").write_text(SECOND_ARTICLE, encoding="utf-8")
    for name, (data, _) in bad_inputs(root).items():
        (seeds / name).parent.mkdir(parents=True, exist_ok=True)
        (seeds / name).write_bytes(data)
    with (seeds / "fifty-megabytes.txt").open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    (root / "outside.txt").write_text("Not part of the seeds.")
    (seeds / "escape.txt").symlink_to(root / "outside.txt")
    return seeds


@pytest.fixture(scope="module")
def hostile_run(prefect_api, hostile_seeds, tmp_path_factory):
    dest = tmp_path_factory.mktemp("hostile-dest")
    started = time.monotonic()
    result = run(prefect_api, "--seeds", str(hostile_seeds), "--dest", str(dest))
    return dest, result, time.monotonic() - started


def test_every_bad_file_is_rejected_with_its_reason_and_the_good_ones_published(hostile_run, tmp_path):
    dest, result, seconds = hostile_run
    assert result.returncode == 0, result.stderr[-3000:]
    assert seconds < 240
    _, rejects = query.run("SELECT path, reason, sha256 FROM rejects ORDER BY path", dest)
    reasons = {path: reason for path, reason, _ in rejects}
    expected = {name: phrase for name, (_, phrase) in bad_inputs(tmp_path).items() if phrase}
    # the same text twice: the copy that sorts second is the duplicate ('bangladesh.txt' < 'duplicate.txt')
    expected["duplicate.txt"] = "duplicate of bangladesh.txt (same bytes); published once"
    expected["fifty-megabytes.txt"] = "too large"
    expected["escape.txt"] = "outside the seeds folder"
    assert sorted(reasons) == sorted(expected)
    for name, phrase in expected.items():
        assert name in reasons, f"{name} not in rejects: {sorted(reasons)}"
        assert phrase in reasons[name], (name, reasons[name])
        assert f"rejected: {name}: " in result.stderr, f"no message naming {name}"
    # the files refused before they are read have no hash; every other reject has its bytes' SHA-256
    unread = {"escape.txt", "empty.txt", "fifty-megabytes.txt", "photo.png", "bundle.zip", "notes.docx"}
    assert {path for path, _, sha in rejects if sha is None} == unread
    assert all(re.fullmatch(r"[0-9a-f]{64}", sha) for path, _, sha in rejects if path not in unread)
    _, documents = query.run("SELECT path FROM documents ORDER BY path", dest)
    assert [p for (p,) in documents] == sorted(
        [
            SEED.name,
            "deep/er/Ménaka attack – report.txt",
            "latin1.txt",
            "utf16.txt",
            "bangladesh.txt",
        ]
    )
    assert validate_package(dest) == []


def test_latin1_is_decoded_and_said_so(hostile_run):
    dest, result, _ = hostile_run
    assert "latin1.txt: not valid UTF-8; decoded as Latin-1" in result.stderr
    _, rows = query.run("SELECT text FROM documents WHERE path = 'latin1.txt'", dest)
    assert rows == [("Réfugiés: 300 familles déplacées à Gao, selon l'ONU.",)]


def test_strict_mode_exits_non_zero_and_publishes_nothing(prefect_api, hostile_seeds, tmp_path):
    result = run(prefect_api, "--seeds", str(hostile_seeds), "--dest", str(tmp_path), "--strict")
    assert result.returncode == 1 and "--strict" in result.stderr
    assert not (tmp_path / "datapackage.json").exists()


def test_an_unreadable_file_is_rejected(tmp_path, monkeypatch):
    (tmp_path / "good.txt").write_text(SECOND_ARTICLE)
    (tmp_path / "locked.txt").write_text("Some text.")
    real = os.open

    def open_(path, flags, *args, **kwargs):  # root reads any file: make this one unreadable
        if Path(path).name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_)
    documents, rejects = ingest.scan(tmp_path)
    assert [d.path for d in documents] == ["good.txt"]
    assert rejects[0].path == "locked.txt" and rejects[0].reason == "cannot read it (Permission denied)"


# --- crashes and concurrent runs ---------------------------------------------------------------


@pytest.fixture(scope="module")
def published_once(prefect_api, tmp_path_factory):
    """A package from one article, and a seeds folder with one more article."""
    root = tmp_path_factory.mktemp("crash")
    one, two = root / "one", root / "two"
    one.mkdir()
    two.mkdir()
    shutil.copy(SEED, one / SEED.name)
    shutil.copy(SEED, two / SEED.name)
    (two / "bangladesh.txt").write_text(SECOND_ARTICLE)
    dest = root / "package"
    result = run(prefect_api, "--seeds", str(one), "--dest", str(dest))
    assert result.returncode == 0, result.stderr[-2000:]
    return dest, two


def documents_in(dest: Path) -> int:
    return query.run("SELECT count(*) FROM documents", dest)[1][0][0]


@pytest.mark.parametrize("point", ["staging", "complete", "swap", "descriptor"])
def test_sigkill_while_publishing_never_leaves_a_broken_package(prefect_api, published_once, tmp_path, point):
    original, two = published_once
    dest = tmp_path / "package"
    shutil.copytree(original, dest)
    before = package_files(dest)
    result = run(prefect_api, "--seeds", str(two), "--dest", str(dest), env={"NEWSFACTS_CRASH_AT": point})
    assert result.returncode == -9, (result.returncode, result.stderr[-2000:])
    if point in ("staging", "complete"):
        # killed before the swap: the previous package is there, whole and valid
        assert package_files(dest) == before and validate_package(dest) == []
    else:
        # killed mid-swap: readers are told, and the next run (or `recover`) completes it
        assert any(p.check == "interrupted publish" for p in validate_package(dest))
    recover = subprocess.run([str(NEWSFACTS), "recover", "--dest", str(dest)], capture_output=True, text=True)
    assert recover.returncode == 0, recover.stderr
    assert validate_package(dest) == []
    assert documents_in(dest) == (1 if point == "staging" else 2)
    assert not any(p.name.startswith(".newsfacts-") for p in dest.iterdir() if p.is_dir())


def test_two_runs_at_once_give_one_valid_package(prefect_api, published_once, tmp_path):
    _original, two = published_once
    dest = tmp_path / "package"
    first = run(prefect_api, "--seeds", str(two), "--dest", str(dest), wait=False)
    second = run(prefect_api, "--seeds", str(two), "--dest", str(dest), wait=False)
    outputs = [p.communicate(timeout=300) for p in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0], [o[1][-1500:] for o in outputs]
    assert validate_package(dest) == [] and documents_in(dest) == 2
    assert sum("unchanged" in out for out, _ in outputs) == 1  # the second waited, then found it done


def test_output_is_byte_identical_whatever_the_file_order_and_hash_seed(prefect_api, tmp_path):
    texts = {
        "b-bangladesh.txt": SECOND_ARTICLE,
        SEED.name: SEED.read_text(),
        "a-gao.txt": "Gunmen killed 14 villagers near Gao, Mali, officials said.",
    }
    packages = []
    for order, seed in ((sorted(texts), "1"), (sorted(texts, reverse=True), "4242")):
        seeds, dest = tmp_path / f"seeds-{seed}", tmp_path / f"dest-{seed}"
        seeds.mkdir()
        for name in order:  # a different creation order: a different order on disk
            (seeds / name).write_text(texts[name])
        result = run(
            prefect_api,
            "--seeds",
            str(seeds),
            "--dest",
            str(dest),
            env={"PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1700000000"},
        )
        assert result.returncode == 0, result.stderr[-2000:]
        packages.append(package_files(dest))
    assert packages[0].keys() == packages[1].keys()
    different = [name for name in packages[0] if packages[0][name] != packages[1][name]]
    assert different == []
    assert json.loads(packages[0]["datapackage.json"])["created"] == "2023-11-14T22:13:20Z"


# --- the extractors on any text -------------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "said",
        "according to",
        "killed",
        "10",
        "1,000",
        "3,000-5,000",
        "about",
        "more than",
        "up to",
        "dozens",
        "a dozen",
        "1.5 million",
        "$2bn",
        "50%",
        "400km",
        "between 9 and 11",
        '"',
        "“",
        "”",
        "'",
        "«",
        "»",
        "(",
        ")",
        "[",
        "]",
        "((((((((",
        "))))",
        ",",
        ".",
        "\n",
        "\n\n",
        " ",
        "IS",
        "Islamic State (IS)",
        "the UN",
        "Mosul",
        "Iraq",
        "he",
        "she",
        "they",
        "Mr",
        "Dr.",
        "9" * 400,
        "1e308",
        "٣٤",
        "一万",
        "Ḩammām al ‘Alīl",
        "\u200b",
        "\t",
        "-",
        "—",
        "Save the Children (STC)",
    ]
)
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_any_text_gives_rows_that_pass_the_schemas(parse, gazetteer, text):
    if not text.strip():
        return
    started = time.monotonic()
    rows = extract_document("fuzz", parse(text), gazetteer)
    assert time.monotonic() - started < 10, "extraction took too long"
    document = ingest.Document(doc_id="fuzz", path="fuzz.txt", title="t", text=text, sha256="0" * 64).row()
    tables = {
        "documents": to_arrow("documents", [document]),
        "rejects": to_arrow("rejects", []),
        **{name: to_arrow(name, table_rows) for name, table_rows in rows.items()},
    }
    assert [str(p) for p in check_tables(tables)] == []
