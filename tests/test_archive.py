"""`newsfacts publish`: the whole package in one zip, reproducible byte for byte, valid unzipped."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import zipfile

import pytest
from test_publish import MODEL
from test_schemas import tables_from

from newsfacts.publish import publish
from newsfacts.publish.archive import write_archive
from newsfacts.validate import validate_package


@pytest.fixture
def package(tmp_path):
    dest = tmp_path / "pkg"
    publish(tables_from({}), dest, MODEL)
    return dest


def test_the_archive_holds_the_whole_package_and_unzips_to_a_valid_one(package, tmp_path):
    archive = write_archive(package, tmp_path / "a.zip")
    descriptor = json.loads((package / "datapackage.json").read_text())
    root = f"newsfacts-{descriptor['version']}/"
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        assert zf.testzip() is None
        zf.extractall(tmp_path / "unzipped")
    expected = {"datapackage.json", "index.html", "output/README.md"} | {
        r["path"] for r in descriptor["resources"]
    }
    assert names == sorted(root + name for name in expected)
    for name in expected:
        assert (tmp_path / "unzipped" / root / name).read_bytes() == (package / name).read_bytes()
    assert validate_package(tmp_path / "unzipped" / root) == []


def test_the_archive_is_reproducible_byte_for_byte(package, tmp_path):
    first = write_archive(package, tmp_path / "first.zip").read_bytes()
    time.sleep(1.1)  # a zip records seconds/2: a clock-dependent archive would differ now
    (package / "output" / "figures.csv").touch()
    assert write_archive(package, tmp_path / "second.zip").read_bytes() == first
    with zipfile.ZipFile(tmp_path / "second.zip") as zf:
        created = json.loads((package / "datapackage.json").read_text())["created"]
        stamps = {info.date_time for info in zf.infolist()}
        modes = {info.external_attr >> 16 for info in zf.infolist()}
    y, mo, d, h, mi, sec = (int(x) for x in created[:19].replace("T", "-").replace(":", "-").split("-"))
    assert stamps == {(y, mo, d, h, mi, sec - sec % 2)}  # zip keeps even seconds
    assert modes == {0o100644}


def test_publish_command_writes_the_archive_and_refuses_an_invalid_package(package, tmp_path):
    target = tmp_path / "out" / "newsfacts.zip"
    run = subprocess.run(
        [sys.executable, "-m", "cli", "publish", "--dest", str(package), "--archive", str(target)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert f"archived: {target} ({target.stat().st_size:,} bytes)" in run.stdout
    default = subprocess.run(
        [sys.executable, "-m", "cli", "publish", "--dest", str(package)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert default.returncode == 0
    assert (package / "dist" / "newsfacts-1.0.0.zip").read_bytes() == target.read_bytes()
    (package / "output" / "quotes.csv").write_text("tampered\n")
    refused = subprocess.run(
        [
            sys.executable,
            "-m",
            "cli",
            "publish",
            "--dest",
            str(package),
            "--archive",
            str(tmp_path / "bad.zip"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert refused.returncode == 1 and "quotes" in refused.stderr and not (tmp_path / "bad.zip").exists()
