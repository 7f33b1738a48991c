"""Issue 12, attack by attack: each test reproduces the attack on real files, real subprocesses and
real signals, and asserts the safe outcome.

- one document never costs the run (a failing document is a reject naming its table, column and
  value; a cache entry that fails the checks is a miss);
- nothing newsfacts did not create is harmed (a DEST holding other files, seeds and destination
  overlapping, scratch folders of dead runs);
- a run stops, fails and checks like a trusted tool (signals, disk full, read-only, a file as
  destination, an unwritable cache, `validate`, `recover`, `publish --archive`);
- titles never act on a terminal, the landing page or the Markdown dictionary.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import psutil
import pytest
from articles import FLOODS, SEED

from newsfacts import cache, ingest, pipeline, query
from newsfacts.extract import PIECE_CHARS, parsed, pieces
from newsfacts.staging import PREFIX, StagedTables
from newsfacts.validate import validate_package

NEWSFACTS = Path(sys.executable).parent / "newsfacts"
ARTICLE = FLOODS


def newsfacts(*args: str, api: str | None = None, env: dict | None = None, timeout: float = 300):
    environment = {**os.environ, **(env or {})}
    if api:
        environment["PREFECT_API_URL"] = api
    return subprocess.run(
        [str(NEWSFACTS), *args], env=environment, capture_output=True, text=True, timeout=timeout
    )


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def package_of(dest: Path) -> dict[str, bytes]:
    """The package's files (its descriptor, landing page and data), not the run's lock or key."""
    return {name: data for name, data in files_of(dest).items() if not name.startswith(".newsfacts")}


def one_line(stderr: str) -> bool:
    """An error said as a sentence: no traceback."""
    return "Traceback" not in stderr and stderr.strip() != ""


@pytest.fixture(scope="module")
def package(prefect_api, tmp_path_factory):
    """A package published from the seed and one more article (module-wide; copied per test)."""
    root = tmp_path_factory.mktemp("package")
    seeds = root / "seeds"
    seeds.mkdir()
    shutil.copy(SEED, seeds / SEED.name)
    (seeds / "bangladesh.txt").write_text(ARTICLE, encoding="utf-8")
    dest = root / "dest"
    result = newsfacts("run", "--seeds", str(seeds), "--dest", str(dest), api=prefect_api)
    assert result.returncode == 0, result.stderr[-2000:]
    return seeds, dest


@pytest.fixture
def copy_of(package, tmp_path):
    _, dest = package
    copied = tmp_path / "pkg"
    shutil.copytree(dest, copied, ignore=shutil.ignore_patterns(".newsfacts.lock"))
    return copied


# --- 1. one document never costs the run ------------------------------------------------------


def _document(name: str, text: str) -> ingest.Document:
    return ingest.Document(
        doc_id=name, path=f"{name}.txt", title=name, text=text, sha256="0" * 64, published=None
    )


def test_a_document_with_an_invalid_row_is_a_reject_and_the_rest_is_staged_byte_for_byte(extract, tmp_path):
    good, other = _document("good", ARTICLE), _document("other", SEED.read_text())
    bad = _document("bad", "Felix Marquez, a photographer, said 40 people were killed in Gao, Mali.")
    rows = {d.doc_id: {k: v for k, v in extract(d.text, "x").items()} for d in (good, other, bad)}
    outcomes = {
        d: {t: [{k: v for k, v in r.items() if k != "doc_id"} for r in rs] for t, rs in rows[d].items()}
        for d in rows
    }
    broken = json.loads(json.dumps(outcomes["bad"]))
    assert broken["actors"], "the sentence must give an actor"
    broken["actors"][0]["aliases"] = ["Felix Marquez AP Photo\n\n"]  # the alias of the issue
    typed = json.loads(json.dumps(outcomes["other"]))
    typed["figures"][0]["value"] = "forty"  # a value of the wrong type: an exception, not a problem

    with StagedTables.scratch(tmp_path / "a") as staged:
        failed, problems = pipeline.check_chunk(
            [(good, outcomes["good"]), (bad, broken), (other, typed)], staged
        )
        staged.close()
        mixed = {t: staged.path(t).read_bytes() for t in ("documents", "figures", "actors")}
    assert problems == []
    reasons = {r.path: r.reason for r in failed}
    assert sorted(reasons) == ["bad.txt", "other.txt"]
    assert reasons["bad.txt"].startswith("extraction failed: actors.aliases")
    assert "'Felix Marquez AP Photo\\n\\n'" in reasons["bad.txt"]
    assert reasons["other.txt"].startswith("extraction failed: rows: build and check:")
    assert "forty" in reasons["other.txt"]
    with StagedTables.scratch(tmp_path / "b") as staged:  # the good document alone: the same bytes
        assert pipeline.check_chunk([(good, outcomes["good"])], staged) == ([], [])
        staged.close()
        alone = {t: staged.path(t).read_bytes() for t in ("documents", "figures", "actors")}
    assert mixed == alone


class _Redo:
    """The Build's side of check_chunk: a cache that held damaged rows for ``done``."""

    def __init__(self, done: set[str], fresh: dict):
        self.done, self.fresh, self.extracted, self.remembered = done, fresh, [], []
        self.sealed: set[str] = set()  # no rows passed the checks before
        self.staged: list[str] = []

    def passed(self, documents):
        self.staged += [d.doc_id for d in documents]

    def extract_again(self, document):
        self.extracted.append(document.doc_id)
        return self.fresh[document.doc_id]

    def failed(self, document, reason):
        self.remembered.append((document.doc_id, reason))


def test_a_cached_entry_that_fails_the_checks_is_a_miss(extract, tmp_path):
    doc = _document("cached", ARTICLE)
    fresh = {
        t: [{k: v for k, v in r.items() if k != "doc_id"} for r in rs] for t, rs in extract(ARTICLE).items()
    }
    damaged = json.loads(json.dumps(fresh))
    damaged["figures"][0]["end"] = 10**9  # outside the text
    redo = _Redo({"cached"}, {"cached": fresh})
    with StagedTables.scratch(tmp_path) as staged:
        failed, problems = pipeline.check_chunk([(doc, damaged)], staged, redo=redo)
        assert (failed, problems) == ([], []) and redo.extracted == ["cached"] and redo.remembered == []
        assert redo.staged == ["cached"]  # its fresh rows passed: sealed
        assert staged.rows["figures"] == len(fresh["figures"])


def test_a_damaged_cache_entry_is_re_extracted_in_a_real_run(prefect_api, tmp_path):
    seeds, dest, store = tmp_path / "seeds", tmp_path / "dest", tmp_path / "cache"
    seeds.mkdir()
    (seeds / "bangladesh.txt").write_text(ARTICLE, encoding="utf-8")
    env = {"NEWSFACTS_DOC_CACHE": str(store), "SOURCE_DATE_EPOCH": "1700000000"}
    first = newsfacts("run", "--seeds", str(seeds), "--dest", str(dest), api=prefect_api, env=env)
    assert first.returncode == 0, first.stderr[-2000:]
    before = files_of(dest / "output")
    # damage the entry: rows that parse as JSON but break the offsets and the id format
    import sqlite3
    import zlib

    con = sqlite3.connect(store / cache.DATABASE)
    (key, body), *_ = con.execute("SELECT key, body FROM entries").fetchall()
    entry = json.loads(zlib.decompress(body))
    for row in entry["tables"]["figures"]:
        row["start"], row["end"] = 10**6, 10**6 + 5
    con.execute("UPDATE entries SET body = ? WHERE key = ?", (zlib.compress(json.dumps(entry).encode()), key))
    con.commit()
    con.close()
    shutil.rmtree(dest)
    second = newsfacts("run", "--seeds", str(seeds), "--dest", str(dest), api=prefect_api, env=env)
    assert second.returncode == 0, second.stderr[-2000:]
    assert "0 extraction failure(s)" in second.stdout and "failed:" not in second.stderr
    after = files_of(dest / "output")
    assert after == before


def test_extraction_failures_are_counted_apart_and_called_bugs(prefect_api, tmp_path):
    seeds, dest, store = tmp_path / "seeds", tmp_path / "dest", tmp_path / "cache"
    seeds.mkdir()
    (seeds / "bangladesh.txt").write_text(ARTICLE, encoding="utf-8")
    shutil.copy(SEED, seeds / SEED.name)
    (seeds / "empty.txt").write_text("")
    # the cache says the extractor failed on this text (as it would after a bug in an extractor)
    from newsfacts import nlp

    documents, _ = ingest.scan(seeds)
    text = next(d.text for d in documents if d.path == "bangladesh.txt")
    cache.DocumentCache(store, cache.fingerprint(nlp.model_info(nlp.model_meta(None)))).put(
        text, "extraction failed: ValueError: a bug"
    )
    result = newsfacts(
        "run",
        "--seeds",
        str(seeds),
        "--dest",
        str(dest),
        api=prefect_api,
        env={"NEWSFACTS_DOC_CACHE": str(store)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "failed: bangladesh.txt: extraction failed: ValueError: a bug" in result.stderr
    assert "a bug in newsfacts" in result.stderr and "/issues" in result.stderr
    assert "rejected: empty.txt" in result.stderr
    assert "1 file(s) rejected, 1 extraction failure(s)" in result.stdout
    _, docs = query.run("SELECT path FROM documents", dest)
    assert docs == [(SEED.name,)]
    strict = newsfacts(
        "run",
        "--seeds",
        str(seeds),
        "--dest",
        str(tmp_path / "strict"),
        "--strict",
        api=prefect_api,
        env={"NEWSFACTS_DOC_CACHE": str(store)},
    )
    assert strict.returncode == 1 and not (tmp_path / "strict" / "datapackage.json").exists()


def test_a_parser_failure_costs_only_its_own_text(nlp, gazetteer):
    from newsfacts.extract import extract_texts

    class Flaky:
        """The real model, failing on one text (as a parser bug would), in a stream or alone."""

        def pipe(self, texts, batch_size):
            for text in texts:
                yield self(text)

        def __call__(self, text):
            if "POISON" in text:
                raise RuntimeError("the parser choked")
            return nlp(text)

    outcomes = extract_texts([ARTICLE, "POISON 40 people", SEED.read_text()[:2000]], Flaky(), gazetteer)
    assert isinstance(outcomes[0], dict) and isinstance(outcomes[2], dict)
    assert outcomes[1] == "extraction failed: parsing: RuntimeError: the parser choked"


# --- bounded work per document -------------------------------------------------------------------


def test_a_long_text_is_parsed_in_pieces_that_join_back_into_it(nlp, extract, gazetteer):
    from newsfacts.extract import extract_rows

    text = (SEED.read_text() + "\n\n") * 5  # 23,000 characters of prose, over PIECE_CHARS
    assert len(text) > PIECE_CHARS
    cut = pieces(text)
    assert "".join(cut) == text and all(len(p) <= PIECE_CHARS for p in cut) and len(cut) == 2
    assert all(p.endswith("\n\n") for p in cut[:-1])  # cut at a blank line
    doc = next(parsed([text], nlp))
    assert doc.text == text
    assert extract_rows(doc, gazetteer) == extract_rows(nlp(text), gazetteer)  # the same rows
    # a table of numbers with no line break at all is still cut, at spaces
    numbers = " ".join(str(i) for i in range(20_000))
    assert "".join(pieces(numbers)) == numbers and max(map(len, pieces(numbers))) <= PIECE_CHARS


# --- 2. never harm what newsfacts did not create -------------------------------------------------


@pytest.mark.parametrize("theirs", ["index.html", "output/notes.txt", "datapackage.json", "output/README.md"])
def test_a_dest_holding_files_newsfacts_did_not_write_is_refused(package, tmp_path, theirs):
    seeds, _ = package
    dest = tmp_path / "dest"
    (dest / theirs).parent.mkdir(parents=True, exist_ok=True)
    (dest / theirs).write_text("mine, not newsfacts's")
    (dest / "notes.md").write_text("my notes")
    before = files_of(dest)
    result = newsfacts("run", "--seeds", str(seeds), "--dest", str(dest))
    assert result.returncode == 2 and one_line(result.stderr)
    assert "did not write" in result.stderr and theirs in result.stderr and "--force" in result.stderr
    assert files_of(dest) == before


def test_notes_added_to_a_published_package_are_refused_and_force_replaces(package, copy_of, prefect_api):
    seeds, _ = package
    (copy_of / "output" / "my-analysis.txt").write_text("weeks of work")
    before = files_of(copy_of)
    refused = newsfacts("run", "--seeds", str(seeds), "--dest", str(copy_of), api=prefect_api)
    assert refused.returncode == 2 and "output/my-analysis.txt" in refused.stderr
    assert files_of(copy_of) == before
    # the package's own files are ours: a re-run over an untouched package goes ahead
    (copy_of / "output" / "my-analysis.txt").unlink()
    again = newsfacts("run", "--seeds", str(seeds), "--dest", str(copy_of), api=prefect_api)
    assert again.returncode == 0, again.stderr[-2000:]
    (copy_of / "output" / "my-analysis.txt").write_text("weeks of work")
    (seeds.parent / "more").mkdir(exist_ok=True)
    forced_seeds = seeds.parent / "more"
    shutil.copy(SEED, forced_seeds / SEED.name)
    forced = newsfacts(
        "run", "--seeds", str(forced_seeds), "--dest", str(copy_of), "--force", api=prefect_api
    )
    assert forced.returncode == 0, forced.stderr[-2000:]
    assert not (copy_of / "output" / "my-analysis.txt").exists() and validate_package(copy_of) == []


def test_seeds_inside_the_data_folder_are_refused_and_kept(tmp_path):
    dest = tmp_path / "D"
    seeds = dest / "output"
    seeds.mkdir(parents=True)
    (seeds / "article.txt").write_text(ARTICLE)
    (dest / "notes.md").write_text("a user's notes")
    before = files_of(dest)
    result = newsfacts("run", "--seeds", str(seeds), "--dest", str(dest))
    assert result.returncode == 2 and one_line(result.stderr)
    assert "inside" in result.stderr and files_of(dest) == before


@pytest.mark.parametrize("where", ["seeds/pkg", "seeds"])
def test_a_dest_inside_the_seeds_folder_is_refused(tmp_path, where):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "article.txt").write_text(ARTICLE)
    result = newsfacts("run", "--seeds", str(seeds), "--dest", str(tmp_path / where))
    assert result.returncode == 2 and "inside the seeds folder" in result.stderr
    assert sorted(p.name for p in seeds.iterdir()) == ["article.txt"]


# --- 7. stop, fail and check like a trusted tool -------------------------------------------------


def _corpus(folder: Path, n: int) -> None:
    folder.mkdir()
    text = SEED.read_text()
    for i in range(n):
        (folder / f"article-{i:04d}.txt").write_text(
            f"Report {i}\n\n{text}\nUpdate {i}: {i * 7} people were displaced.\n"
        )


def _start_run(seeds: Path, dest: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    """`newsfacts run` as a user starts it, its output captured."""
    return subprocess.Popen(
        [str(NEWSFACTS), "run", "--seeds", str(seeds), "--dest", str(dest)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_stops_the_run_its_children_and_publishes_nothing(tmp_path, signum, code):
    seeds, dest = tmp_path / "seeds", tmp_path / "dest"
    _corpus(seeds, 400)
    env = {**os.environ, "NEWSFACTS_DOC_CACHE": str(tmp_path / "cold-cache")}  # cold: extraction is slow
    env.pop("PREFECT_API_URL", None)  # Prefect's temporary server, as a user's run starts it
    proc = _start_run(seeds, dest, env)
    process = psutil.Process(proc.pid)
    deadline = time.monotonic() + 240
    tree: list[psutil.Process] = []
    while time.monotonic() < deadline:  # mid-extraction: the workers are up and parsing
        time.sleep(0.5)
        tree = process.children(recursive=True)
        if len(tree) >= 3 and any(PREFIX in p.name for p in dest.glob(f"{PREFIX}*")):
            break
    assert proc.poll() is None, proc.communicate()[1][-2000:]
    time.sleep(3)
    tree = process.children(recursive=True)
    assert len(tree) >= 3  # Prefect's server and the workers
    sent = time.monotonic()
    proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=60)
    took = time.monotonic() - sent
    assert proc.returncode == code, stderr[-3000:]
    assert took < 15
    assert "interrupted: nothing published" in stderr
    assert not OUR_FRAMES.search(stderr) and "KeyboardInterrupt" not in stderr and "Interrupted" not in stderr
    _gone, alive = psutil.wait_procs(tree, timeout=5)
    assert alive == [], [p.cmdline() for p in alive]
    assert not (dest / "datapackage.json").exists()
    assert [p.name for p in dest.iterdir() if p.name != ".newsfacts.lock"] == []


# a traceback through newsfacts's own code (Prefect's temporary server may log its own on a busy machine)
OUR_FRAMES = re.compile(r'File ".*/(newsfacts|flows|cli)/[^"]*\.py"')


def _mount_tmpfs(folder: Path, size: str) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True
    )
    return done.returncode == 0


@pytest.fixture
def small_disk(tmp_path):
    """A real, small file system (tmpfs, mounted for the test; root only)."""
    folder = tmp_path / "disk"
    if not _mount_tmpfs(folder, "8m"):
        pytest.skip("cannot mount a tmpfs here (needs root): the disk-full tests need a real small disk")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def test_disk_full_is_one_sentence_and_the_previous_package_stays(package, small_disk, prefect_api, tmp_path):
    _seeds, published = package
    dest = small_disk / "pkg"
    shutil.copytree(published, dest, ignore=shutil.ignore_patterns(".newsfacts.lock"))
    before = package_of(dest)
    more = tmp_path / "more"
    _corpus(more, 30)
    free = shutil.disk_usage(small_disk).free
    (small_disk / "filler").write_bytes(b"\0" * (free - 64 * 1024))  # 64 KB left
    result = newsfacts("run", "--seeds", str(more), "--dest", str(dest), api=prefect_api)
    assert result.returncode == 1 and one_line(result.stderr), result.stderr[-3000:]
    assert "No space left on device" in result.stderr and str(small_disk) in result.stderr
    assert not list(dest.glob(f"{PREFIX}*")) and not (dest / ".newsfacts-stage").exists()
    assert package_of(dest) == before and validate_package(dest) == []


def test_a_read_only_destination_is_one_sentence_and_the_package_stays(
    package, small_disk, prefect_api, tmp_path
):
    _seeds, published = package
    dest = small_disk / "pkg"
    shutil.copytree(published, dest, ignore=shutil.ignore_patterns(".newsfacts.lock"))
    before = files_of(dest)
    more = tmp_path / "more"
    _corpus(more, 3)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    result = newsfacts("run", "--seeds", str(more), "--dest", str(dest), api=prefect_api)
    assert result.returncode == 1 and one_line(result.stderr), result.stderr[-3000:]
    assert "Read-only file system" in result.stderr and str(dest) in result.stderr
    assert files_of(dest) == before


def test_an_unwritable_cache_folder_is_one_sentence(small_disk, prefect_api, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(ARTICLE)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    result = newsfacts(
        "run",
        "--seeds",
        str(seeds),
        "--dest",
        str(tmp_path / "dest"),
        api=prefect_api,
        env={"NEWSFACTS_CACHE": str(small_disk / "cache"), "NEWSFACTS_DOC_CACHE": str(small_disk / "docs")},
    )
    assert result.returncode == 1 and one_line(result.stderr), result.stderr[-3000:]
    assert "Read-only file system" in result.stderr and str(small_disk / "cache") in result.stderr


def test_a_destination_that_is_a_file_is_one_sentence(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(ARTICLE)
    (tmp_path / "dest").write_text("a file")
    result = newsfacts("run", "--seeds", str(seeds), "--dest", str(tmp_path / "dest"))
    assert result.returncode == 2 and "is a file, not a folder" in result.stderr and one_line(result.stderr)
    assert (tmp_path / "dest").read_text() == "a file"


def _rehash(dest: Path, rel: str) -> None:
    """Update the descriptor's size and hash of a file, as someone covering an edit would."""
    from newsfacts.publish.formats import size_of
    from newsfacts.validate import sha256_of

    descriptor = json.loads((dest / "datapackage.json").read_text())
    for res in descriptor["resources"]:
        if res["path"] == rel:
            prop = next(k for k in ("bytes", "newsfacts:bytes") if k in res)
            assert size_of(res) is not None
            res[prop] = (dest / rel).stat().st_size
            res["hash"] = f"sha256:{sha256_of(dest / rel)}"
    (dest / "datapackage.json").write_text(json.dumps(descriptor, indent=2))


def _checks(dest: Path) -> set[str]:
    return {p.check for p in validate_package(dest)}


def test_validate_catches_a_csv_copy_that_differs_even_with_its_hash_updated(copy_of):
    path = copy_of / "output" / "figures.csv"
    path.write_text(path.read_text().replace(",killed,", ",injured,", 1))
    _rehash(copy_of, "output/figures.csv")
    assert "copy of the Parquet table" in _checks(copy_of)
    hxl = copy_of / "output" / "hxl" / "actors.csv"
    hxl.write_bytes(hxl.read_bytes() + b"x,y\n")
    _rehash(copy_of, "output/hxl/actors.csv")
    problems = [str(p) for p in validate_package(copy_of)]
    assert any("output/hxl/actors.csv is not what the Parquet table gives" in p for p in problems)


def test_validate_catches_a_schema_that_differs_from_the_models_and_a_changed_type(copy_of):
    descriptor = json.loads((copy_of / "datapackage.json").read_text())
    figures = next(r for r in descriptor["resources"] if r["name"] == "figures")
    field = next(f for f in figures["schema"]["fields"] if f["name"] == "value")
    field["type"] = "string"
    (copy_of / "datapackage.json").write_text(json.dumps(descriptor, indent=2))
    result = newsfacts("validate", "--dest", str(copy_of))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "figures: schema from the models: field 'value' differs: type 'string'" in result.stderr


def test_validate_catches_a_table_whose_column_type_changed(copy_of):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = copy_of / "output" / "figures.parquet"
    table = pq.read_table(path)
    table = table.set_column(
        table.schema.get_field_index("start"),
        "start",
        pa.array([str(v) for v in table.column("start").to_pylist()]),
    )
    pq.write_table(table, path)
    _rehash(copy_of, "output/figures.parquet")
    result = newsfacts("validate", "--dest", str(copy_of))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "figures.start: column type: string, the model says int64" in result.stderr


def test_validate_catches_a_landing_page_or_dictionary_not_generated(copy_of):
    (copy_of / "index.html").write_text((copy_of / "index.html").read_text().replace("<h1>", "<h1>Hacked "))
    (copy_of / "output" / "README.md").write_text("# not the dictionary\n")
    problems = [str(p) for p in validate_package(copy_of)]
    assert "package: generated file: index.html is not the generated one" in problems
    assert "package: generated file: output/README.md is not the generated one" in problems


def test_validate_catches_resources_missing_from_the_descriptor(copy_of):
    descriptor = json.loads((copy_of / "datapackage.json").read_text())
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "quotes-csv"]
    (copy_of / "datapackage.json").write_text(json.dumps(descriptor, indent=2))
    assert "quotes-csv: resource listed: missing from the descriptor" in [
        str(p) for p in validate_package(copy_of)
    ]


def test_an_intact_package_validates(copy_of):
    result = newsfacts("validate", "--dest", str(copy_of))
    assert result.returncode == 0, result.stderr


def test_recover_on_a_folder_that_does_not_exist_says_so(tmp_path):
    result = newsfacts("recover", "--dest", str(tmp_path / "nowhere"))
    assert result.returncode == 2 and "no such folder" in result.stderr and one_line(result.stderr)
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("name", ["../../escaped", "/tmp/escaped-abs", "a/../../b"])
def test_publish_archive_never_writes_outside_its_folder(copy_of, tmp_path, name):
    from newsfacts.publish.archive import UnsafeArchive, write_archive

    descriptor = json.loads((copy_of / "datapackage.json").read_text())
    descriptor["name"] = name
    (copy_of / "datapackage.json").write_text(json.dumps(descriptor, indent=2))
    before = {p for p in tmp_path.rglob("*")}
    with pytest.raises(UnsafeArchive):
        write_archive(copy_of, check=False)  # even unchecked
    result = newsfacts("publish", "--dest", str(copy_of))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert {p for p in tmp_path.rglob("*")} == before
    assert not Path("/tmp/escaped-abs.zip").exists()


def test_publish_archive_holds_only_its_folder(copy_of, tmp_path):
    result = newsfacts("publish", "--dest", str(copy_of), "--archive", str(tmp_path / "out" / "pkg.zip"))
    assert result.returncode == 0, result.stderr
    names = zipfile.ZipFile(tmp_path / "out" / "pkg.zip").namelist()
    root = names[0].split("/")[0]
    assert all(n.startswith(root + "/") and ".." not in n.split("/") for n in names)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["pkg.zip"]


# --- 3. titles never act on a terminal, the landing page or the dictionary ------------------------

HOSTILE_TITLE = (
    "Gao \x1b[2J\x1b[31mclashes\u202e dias 04\u202c [read more](https://evil.example/x) "
    "![pixel](https://evil.example/p.png) <img src=https://evil.example/q.png> https://evil.example/z"
)


def test_hostile_titles_are_shown_visibly_and_never_become_links(prefect_api, tmp_path):
    from markdown_it import MarkdownIt

    seeds, dest = tmp_path / "seeds", tmp_path / "dest"
    seeds.mkdir()
    (seeds / "gao.txt").write_text(ARTICLE)
    (seeds / "gao.meta.json").write_text(
        json.dumps({"title": HOSTILE_TITLE, "licence": "[CC](https://evil.example)"})
    )
    result = newsfacts("run", "--seeds", str(seeds), "--dest", str(dest), api=prefect_api)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "\x1b" not in result.stdout + result.stderr and "\u202e" not in result.stdout + result.stderr
    page = (dest / "index.html").read_text()
    assert "\x1b" not in page and "\u202e" not in page and "\u202c" not in page
    assert "␛[2J" in page and "[U+202E RIGHT-TO-LEFT OVERRIDE]" in page
    assert 'href="https://evil.example' not in page and "<img src=https://evil" not in page
    readme = (dest / "output" / "README.md").read_text()
    assert "\x1b" not in readme and "\u202e" not in readme
    rendered = MarkdownIt("commonmark").enable("table").render(readme)
    assert "<a " not in rendered and "<img" not in rendered
    # every occurrence of the URL is inside a code span: no Markdown flavour autolinks it there
    outside_code = re.sub(r"<code>.*?</code>", "", rendered, flags=re.S)
    assert "evil.example" not in outside_code
    assert validate_package(dest) == []


def test_a_signal_during_the_swap_waits_for_it(tmp_path):
    from newsfacts import stopping

    caught = []

    def note(signum, frame):
        caught.append(signum)

    previous = signal.signal(signal.SIGTERM, note)
    try:
        with stopping.deferred():
            os.kill(os.getpid(), signal.SIGTERM)  # a real signal, to this process
            time.sleep(0.2)
            assert caught == []  # not yet: the swap goes on
        time.sleep(0.2)
        assert caught == [signal.SIGTERM] and stopping.published_before_stop()
    finally:
        signal.signal(signal.SIGTERM, previous)
        stopping._published.clear()


def test_a_file_name_with_escape_codes_never_reaches_the_terminal_raw(prefect_api, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text(ARTICLE)
    (seeds / "\x1b[2J\x1b[1;1Hevil\u202e.txt").write_bytes(b"")  # rejected: empty, and named
    result = newsfacts("run", "--seeds", str(seeds), "--dest", str(tmp_path / "dest"), api=prefect_api)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "\x1b" not in result.stderr + result.stdout and "\u202e" not in result.stderr + result.stdout
    assert "rejected: \\x1b[2J\\x1b[1;1Hevil\\u202e.txt: empty file" in result.stderr


@pytest.mark.parametrize("outcome", ["published", "disk error"])
def test_a_finished_run_leaves_no_process_behind(tmp_path, outcome):
    """Prefect's temporary server is this run's child: it must not outlive the run. On a loaded
    machine the server started early timed out and the flow started a second one, which outlived
    the run holding its stdout open (a benchmark and a test waited forever); this test checks the
    property on every run, though it cannot make the machine slow enough to bring that case back."""
    seeds, dest = tmp_path / "seeds", tmp_path / "dest"
    seeds.mkdir()
    (seeds / "a.txt").write_text(ARTICLE)
    env = {**os.environ, "NEWSFACTS_DOC_CACHE": str(tmp_path / "docs")}
    env.pop("PREFECT_API_URL", None)
    if outcome == "disk error":  # the cache folder is a file: the run fails with one sentence
        (tmp_path / "not-a-folder").write_text("")
        env["NEWSFACTS_CACHE"] = str(tmp_path / "not-a-folder" / "cache")
    proc = _start_run(seeds, dest, env)
    seen: dict[int, psutil.Process] = {}
    with contextlib.suppress(psutil.Error):
        parent = psutil.Process(proc.pid)
        while proc.poll() is None:
            for child in parent.children(recursive=True):
                seen.setdefault(child.pid, child)
            time.sleep(0.2)
    _, stderr = proc.communicate(timeout=120)  # returns: nothing holds the pipes any more
    assert proc.returncode == (0 if outcome == "published" else 1), stderr[-2000:]
    assert seen, "the run started no child process (Prefect's temporary server)"
    _, alive = psutil.wait_procs(list(seen.values()), timeout=10)
    assert alive == [], [p.cmdline() for p in alive]
