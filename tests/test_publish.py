"""Publishing: Parquet and descriptor from the models, byte-identical re-runs, semantic versions,
atomic swap with recovery after a crash, nothing published on failure, one publisher at a time."""
from __future__ import annotations

import json
import subprocess
import sys
import threading

import pytest
from test_schemas import GOOD, tables_from

from newsfacts import publish as publish_module
from newsfacts.publish import COMPLETE, STAGE, PackageLocked, package_lock, publish, recover
from newsfacts.tables import to_arrow
from newsfacts.validate import ValidationFailed, sha256_of, validate_package

MODEL = {"name": "en_core_web_sm", "version": "3.8.0", "license": "MIT", "spacy": "3.8.18"}


def snapshot(dest):
    return {p.relative_to(dest).as_posix(): p.read_bytes()
            for p in sorted(dest.rglob("*")) if p.is_file() and not p.name.startswith(".newsfacts")}


@pytest.fixture
def tables():
    return tables_from({})


def test_published_package_is_valid_and_described(tmp_path, tables):
    result = publish(tables, tmp_path, MODEL)
    assert result.version == "1.0.0" and result.rows["figures"] == 1
    assert validate_package(tmp_path) == []
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    assert [r["name"] for r in descriptor["resources"]] == list(GOOD)
    for resource in descriptor["resources"]:
        file = tmp_path / resource["path"]
        assert resource["hash"] == f"sha256:{sha256_of(file)}"
        assert resource["mediatype"] == "application/vnd.apache.parquet"
    assert {"GeoNames" in s["title"] for s in descriptor["sources"]} >= {True}
    assert any(s["path"] == "seeds/d1.txt" for s in descriptor["sources"])


def test_frictionless_command_line_accepts_the_package(tmp_path, tables):
    publish(tables, tmp_path, MODEL)
    run = subprocess.run([sys.executable, "-m", "frictionless", "validate", str(tmp_path / "datapackage.json")],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-2000:]


def test_republishing_the_same_tables_gives_the_same_bytes(tmp_path, tables):
    publish(tables, tmp_path, MODEL)
    first = snapshot(tmp_path)
    again = publish(tables_from({}), tmp_path, MODEL)
    assert not again.changed and snapshot(tmp_path) == first


def test_new_data_is_minor_a_description_fix_patch_and_a_column_change_major(tmp_path, tables):
    publish(tables, tmp_path, MODEL)
    more = dict(GOOD["figures"], figure_id="d1:fig:9")
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

    monkeypatch.setattr(publish_module, "_fsync_tree", die)
    more = dict(GOOD["figures"], figure_id="d1:fig:9")
    with pytest.raises(KeyboardInterrupt):
        publish(tables_from({"figures": [GOOD["figures"], more]}), tmp_path, MODEL)
    assert snapshot(tmp_path) == before and validate_package(tmp_path) == []


def test_a_crash_after_the_complete_mark_is_rolled_forward(tmp_path, tables, monkeypatch):
    publish(tables, tmp_path, MODEL)
    monkeypatch.setattr(publish_module, "_swap_in", lambda dest, stage: None)  # dies before swapping
    more = dict(GOOD["figures"], figure_id="d1:fig:9")
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
