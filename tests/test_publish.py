"""Publishing: Parquet and descriptor from the models, byte-identical re-runs, semantic versions,
atomic swap with recovery after a crash, nothing published on failure, one publisher at a time."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from datetime import datetime

import pyarrow.parquet as pq
import pytest
from test_schemas import GOOD, tables_from

import schemas
from newsfacts.publish import COMPLETE, STAGE, PackageLocked, exports, package_lock, publish, recover, swap
from newsfacts.publish.version import ID_SCHEME, next_version
from newsfacts.tables import to_arrow
from newsfacts.validate import ValidationFailed, sha256_of, validate_package

MODEL = {"name": "en_core_web_sm", "version": "3.8.0", "license": "MIT", "spacy": "3.8.18"}


def snapshot(dest):
    return {
        p.relative_to(dest).as_posix(): p.read_bytes()
        for p in sorted(dest.rglob("*"))
        if p.is_file() and not p.name.startswith(".newsfacts")
    }


@pytest.fixture
def tables():
    return tables_from({})


def test_published_package_is_valid_and_described(tmp_path, tables):
    result = publish(tables, tmp_path, MODEL)
    assert result.version == "1.0.0" and result.rows["figures"] == 1
    assert validate_package(tmp_path) == []
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    assert [r["name"] for r in descriptor["resources"]] == (
        list(GOOD) + [f"{t}-csv" for t in GOOD] + [f"{t}-hxl" for t in GOOD]
    )
    for key in (
        "name",
        "id",
        "title",
        "description",
        "version",
        "created",
        "licenses",
        "sources",
        "contributors",
        "keywords",
        "homepage",
    ):
        assert descriptor[key], key
    assert re.fullmatch(r"\d+\.\d+\.\d+", descriptor["version"])
    datetime.fromisoformat(descriptor["created"].replace("Z", "+00:00"))
    assert any("GeoNames" in s["title"] for s in descriptor["sources"])
    assert any(s["title"].startswith("spaCy model en_core_web_sm") for s in descriptor["sources"])
    assert [s["path"] for s in descriptor["sources"] if s["title"] == "T"] == ["d1.txt"]
    assert {"index.html", "output/README.md"} <= set(snapshot(tmp_path))


def test_every_resource_has_its_size_hash_and_media_type(tmp_path, tables):
    """Checked here against the files, for every resource: Frictionless does not for Parquet."""
    publish(tables, tmp_path, MODEL)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        file = tmp_path / resource["path"]
        assert resource["hash"] == f"sha256:{sha256_of(file)}", resource["name"]
        if resource["format"] == "parquet":
            assert resource["mediatype"] == "application/vnd.apache.parquet"
            # a standard `bytes` would make `frictionless validate` fail: it cannot count Parquet bytes
            assert "bytes" not in resource and resource["newsfacts:bytes"] == file.stat().st_size
        else:
            assert resource["mediatype"] == "text/csv" and resource["encoding"] == "utf-8"
            assert resource["bytes"] == file.stat().st_size, resource["name"]
        for field in resource["schema"]["fields"]:
            assert field["description"] and "example" in field and field["hxl"].startswith("#"), field


def test_csv_copies_hold_the_parquet_data(tmp_path, tables):
    publish(tables, tmp_path, MODEL)
    for name in schemas.TABLES:
        plain = (tmp_path / "output" / f"{name}.csv").read_bytes()
        assert plain == exports.csv_text(name, tables[name]).encode()
        hxl_lines = (tmp_path / "output" / "hxl" / f"{name}.csv").read_bytes().split(b"\r\n", 2)
        assert hxl_lines[1].decode().split(",") == exports.hxl_tags(name)
        assert hxl_lines[0] + b"\r\n" + hxl_lines[2] == plain


@pytest.mark.parametrize("victim", ["output/figures.csv", "output/hxl/quotes.csv", "output/actors.parquet"])
def test_a_file_that_does_not_match_its_size_or_hash_is_caught(tmp_path, tables, victim):
    publish(tables, tmp_path, MODEL)
    if victim.endswith(".parquet"):  # the same data, written differently: other bytes
        pq.write_table(pq.read_table(tmp_path / victim), tmp_path / victim, compression="snappy")
    else:
        with (tmp_path / victim).open("ab") as fh:
            fh.write(b"\r\n")
    problems = validate_package(tmp_path)
    assert {p.check for p in problems if victim in p.message} >= {"bytes", "hash"}
    if victim.endswith(".csv"):  # Frictionless checks CSV sizes too
        assert any(p.check == "byte-count" for p in problems), problems


def test_a_documentation_change_is_a_patch_version(tmp_path, tables):
    publish(tables, tmp_path, MODEL)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    descriptor["resources"][1]["schema"]["fields"][0]["description"] = "an older wording"
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))
    assert publish(tables_from({}), tmp_path, MODEL).version == "1.0.1"
    assert publish(tables_from({}), tmp_path, MODEL).version == "1.0.1"  # and then no change


def test_frictionless_command_line_accepts_the_package(tmp_path, tables):
    publish(tables, tmp_path, MODEL)
    run = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", str(tmp_path / "datapackage.json")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-2000:]


def test_republishing_the_same_tables_gives_the_same_bytes(tmp_path, tables):
    publish(tables, tmp_path, MODEL)
    first = snapshot(tmp_path)
    again = publish(tables_from({}), tmp_path, MODEL)
    assert not again.changed and snapshot(tmp_path) == first


def test_new_data_is_minor_a_description_fix_patch_and_a_column_change_major(tmp_path, tables):
    publish(tables, tmp_path, MODEL)
    more = dict(GOOD["figures"], figure_id="d1:fig:8-2")
    assert publish(tables_from({"figures": [GOOD["figures"], more]}), tmp_path, MODEL).version == "1.1.0"
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    descriptor["resources"][1]["schema"]["fields"][2]["description"] = "an older wording"
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))
    assert publish(tables_from({"figures": [GOOD["figures"], more]}), tmp_path, MODEL).version == "1.1.1"
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    descriptor["resources"][1]["schema"]["fields"].pop()  # as if a column had been added since
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))
    assert publish(tables_from({"figures": [GOOD["figures"], more]}), tmp_path, MODEL).version == "2.0.0"


def test_a_package_that_fails_validation_publishes_nothing(tmp_path, tables):
    publish(tables, tmp_path, MODEL)
    before = snapshot(tmp_path)
    broken = dict(tables, figures=to_arrow("figures", [dict(GOOD["figures"], category="deaths")]))
    with pytest.raises(ValidationFailed) as failure:
        publish(broken, tmp_path, MODEL)
    assert "figures" in str(failure.value) and "category" in str(failure.value)
    assert snapshot(tmp_path) == before
    assert not (tmp_path / STAGE).exists()


def test_a_crash_before_the_complete_mark_leaves_the_old_package(tmp_path, tables, monkeypatch):
    publish(tables, tmp_path, MODEL)
    before = snapshot(tmp_path)

    def die(*args, **kwargs):
        raise KeyboardInterrupt("killed while staging")

    monkeypatch.setattr(swap, "fsync_tree", die)
    more = dict(GOOD["figures"], figure_id="d1:fig:8-2")
    with pytest.raises(KeyboardInterrupt):
        publish(tables_from({"figures": [GOOD["figures"], more]}), tmp_path, MODEL)
    assert snapshot(tmp_path) == before and validate_package(tmp_path) == []


def test_a_crash_after_the_complete_mark_is_rolled_forward(tmp_path, tables, monkeypatch):
    publish(tables, tmp_path, MODEL)
    monkeypatch.setattr(swap, "swap_in", lambda dest, stage: None)  # dies before swapping
    more = dict(GOOD["figures"], figure_id="d1:fig:8-2")
    publish(tables_from({"figures": [GOOD["figures"], more]}), tmp_path, MODEL)
    assert (tmp_path / STAGE / COMPLETE).exists()
    monkeypatch.undo()
    recover(tmp_path)
    assert json.loads((tmp_path / "datapackage.json").read_text())["version"] == "1.1.0"
    assert validate_package(tmp_path) == [] and not (tmp_path / STAGE).exists()


def test_a_second_publisher_waits_then_refuses(tmp_path, tables):
    holding, release = threading.Event(), threading.Event()

    def hold():
        with package_lock(tmp_path):
            holding.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(5)
    try:
        with pytest.raises(PackageLocked, match="being published by another run"):
            publish(tables, tmp_path, MODEL, lock_timeout=0.5)
    finally:
        release.set()
        holder.join()
    assert publish(tables, tmp_path, MODEL).version == "1.0.0"


def test_a_corrupt_parquet_file_is_reported_not_a_crash(tmp_path, tables):
    publish(tables, tmp_path, MODEL)
    (tmp_path / "output" / "figures.parquet").write_bytes(b"PAR1 this is not parquet PAR1")
    problems = validate_package(tmp_path)
    checks = {(p.table, p.check) for p in problems}
    assert ("figures", "readable Parquet") in checks and ("figures", "hash") in checks


def test_a_new_document_id_scheme_is_a_major_version(tmp_path, tables):
    """Ids are keys users join on: a package built under another rule for doc_id is a new major
    version even when the columns and constraints did not change."""
    publish(tables, tmp_path, MODEL)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    assert descriptor["newsfacts"]["id_scheme"] == ID_SCHEME
    descriptor["newsfacts"]["id_scheme"] = ID_SCHEME - 1
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))
    assert publish(tables_from({}), tmp_path, MODEL).version == "2.0.0"
    del descriptor["newsfacts"]["id_scheme"]  # a package from before the scheme was recorded: scheme 1
    assert next_version(descriptor, dict(descriptor, newsfacts={"id_scheme": 2}))[0] == "2.0.0"


def test_each_article_source_is_its_path_in_the_seeds_folder_or_its_url(tmp_path):
    documents = [
        dict(GOOD["documents"], doc_id="africa/mali", path="africa/Mali.txt", title="Mali"),
        dict(GOOD["documents"], doc_id="d1", title="Online", source_url="https://example.org/story"),
    ]
    publish(tables_from({"documents": documents}), tmp_path, MODEL)
    sources = json.loads((tmp_path / "datapackage.json").read_text())["sources"]
    assert [(s["title"], s["path"]) for s in sources[:2]] == [
        ("Mali", "africa/Mali.txt"),
        ("Online", "https://example.org/story"),
    ]
