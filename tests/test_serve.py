"""`newsfacts serve` for real: a server process, DuckDB reading the Parquet files over HTTP in
place (byte ranges), `newsfacts query --dest URL`, media types, only the package's files."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import duckdb
import pytest
from test_publish import MODEL
from test_schemas import tables_from

from newsfacts import query
from newsfacts.publish import publish
from newsfacts.serve import CONTENT_SECURITY_POLICY, parse_range

SQL = (
    "SELECT f.value, f.category, l.name, d.title FROM figures f "
    "JOIN locations l USING (doc_id, location_id) JOIN documents d USING (doc_id)"
)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`newsfacts serve --port 0` in its own process group; yields (package folder, URL, process)."""
    dest = tmp_path_factory.mktemp("package")
    publish(tables_from({}), dest, MODEL)
    (dest / "secret.txt").write_text("not part of the package")
    # files in the data folder that the descriptor does not list: never served
    (dest / "output" / "evil.html").write_text("<script>document.title='owned'</script>")
    (dest / "output" / "notes.md").write_text("a user's notes")
    (dest / "output" / "link.parquet").symlink_to(dest / "output" / "figures.parquet")
    requests = (tmp_path_factory.mktemp("log") / "requests.log").open("w+")
    proc = subprocess.Popen(
        [sys.executable, "-m", "cli", "serve", "--dest", str(dest), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=requests,
        text=True,
        start_new_session=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
    )
    proc.requests = requests
    try:
        first = proc.stdout.readline()  # "serving DEST at http://127.0.0.1:PORT/ ..."
        assert first.startswith("serving"), first + Path(requests.name).read_text()
        url = first.split(" at ")[1].split()[0]
        yield dest, url, proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)
        requests.close()


def get(url, headers=None, method="GET"):
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_duckdb_queries_the_served_parquet_over_http(served):
    dest, url, proc = served
    con = duckdb.connect()
    query.load_httpfs(con)  # DuckDB's signed binary from duckdb-extension-httpfs, by path
    remote = con.execute(
        f"SELECT category, value FROM read_parquet('{url}output/figures.parquet')"
    ).fetchall()
    local = duckdb.sql(
        f"SELECT category, value FROM read_parquet('{dest}/output/figures.parquet')"
    ).fetchall()
    assert remote == local and remote
    assert con.execute(
        "SELECT extension_name FROM duckdb_extensions() WHERE loaded AND extension_name = 'httpfs'"
    ).fetchall() == [("httpfs",)]
    # DuckDB read the file in place, by byte ranges (the footer, then what the query needs)
    log = Path(proc.requests.name).read_text()
    assert re.search(r'"GET /output/figures\.parquet HTTP/1\.1" 206', log), log


def test_query_over_a_remote_package_gives_the_local_answer(served):
    dest, url, _ = served
    assert query.run(SQL, url) == query.run(SQL, dest)
    command = subprocess.run(
        [sys.executable, "-m", "cli", "query", SQL, "--dest", url, "--format", "csv"],
        capture_output=True,
        timeout=120,
    )
    assert command.returncode == 0, command.stderr
    assert command.stdout == query.render(*query.run(SQL, dest), "csv").encode()


def test_byte_ranges_media_types_and_head(served):
    dest, url, _ = served
    data = (dest / "output" / "figures.parquet").read_bytes()
    status, headers, body = get(url + "output/figures.parquet", {"Range": "bytes=0-3"})
    assert (status, body, headers["Content-Range"]) == (206, b"PAR1", f"bytes 0-3/{len(data)}")
    assert get(url + "output/figures.parquet", {"Range": "bytes=-8"})[2] == data[-8:]
    assert get(url + "output/figures.parquet", {"Range": "bytes=10-"})[2] == data[10:]
    assert get(url + "output/figures.parquet", {"Range": f"bytes={len(data)}-"})[0] == 416
    status, headers, body = get(url + "output/figures.parquet", method="HEAD")
    assert status == 200 and int(headers["Content-Length"]) == len(data) and body == b""
    assert headers["Accept-Ranges"] == "bytes"
    expected = {
        "output/figures.parquet": "application/vnd.apache.parquet",
        "output/figures.csv": "text/csv; charset=utf-8",
        "output/hxl/figures.csv": "text/csv; charset=utf-8",
        "datapackage.json": "application/json",
        "": "text/html; charset=utf-8",
        "output/README.md": "text/markdown; charset=utf-8",
    }
    for path, media_type in expected.items():
        status, headers, body = get(url + path)
        assert status == 200 and headers["Content-Type"] == media_type, path
        assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        if path != "datapackage.json":
            assert body == (dest / (path or "index.html")).read_bytes()


def test_the_served_descriptor_names_each_resource_by_its_versions_url(served):
    """So that a client that reads the descriptor and then its files gets one version whole."""
    dest, url, _ = served
    local = json.loads((dest / "datapackage.json").read_text(encoding="utf-8"))
    status, headers, body = get(url + "datapackage.json")
    remote = json.loads(body)
    version = local["version"]
    assert headers["X-Newsfacts-Version"] == version
    assert [r["path"] for r in remote["resources"]] == [
        f"v/{version}/{r['path']}" for r in local["resources"]
    ]
    assert {k: v for k, v in remote.items() if k != "resources"} == {
        k: v for k, v in local.items() if k != "resources"
    }
    for res in remote["resources"]:
        status, _, data = get(url + res["path"])
        assert status == 200 and f"sha256:{hashlib.sha256(data).hexdigest()}" == res["hash"], res["path"]
    assert get(url + "v/0.0.1/output/figures.parquet")[0] == 404


@pytest.mark.parametrize(
    "path",
    [
        "secret.txt",
        ".newsfacts.lock",
        "output/../secret.txt",
        "..%2Fsecret.txt",
        "%2e%2e/%2e%2e/etc/passwd",
        "output/nope.csv",
        "output/evil.html",
        "output/notes.md",
        "output/link.parquet",
    ],
)
def test_only_the_package_is_served(served, path):
    assert get(served[1] + path)[0] == 404


@pytest.mark.parametrize("path", ["output/%00", "output/a%00.csv", "%ff%fe", "output/%0d%0aSet-Cookie:x"])
def test_malformed_paths_are_bad_requests(served, path):
    assert get(served[1] + path)[0] == 400


def test_the_server_stops_on_sigterm(served):
    _, url, proc = served
    assert get(url + "datapackage.json")[0] == 200
    os.killpg(proc.pid, signal.SIGTERM)
    assert proc.wait(10) == 0
    assert "stopped" in proc.stdout.read()


@pytest.mark.parametrize(
    "header, size, expected",
    [
        ("bytes=0-0", 10, (0, 0)),
        ("bytes=5-100", 10, (5, 9)),
        ("bytes=-3", 10, (7, 9)),
        ("bytes=-30", 10, (0, 9)),
        ("bytes=10-", 10, None),
        ("bytes=4-2", 10, None),
        ("bytes=-0", 10, None),
    ],
)
def test_parse_range(header, size, expected):
    assert parse_range(header, size) == expected


@pytest.mark.parametrize("header", ["bytes=0-1,4-5", "items=0-1", "bytes=-"])
def test_ranges_this_server_answers_with_the_whole_file(header):
    with pytest.raises(ValueError):
        parse_range(header, 10)


def test_query_explains_an_unreachable_package():
    command = subprocess.run(
        [sys.executable, "-m", "cli", "query", "SELECT 1", "--dest", "http://127.0.0.1:9/"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert command.returncode == 2 and "Traceback" not in command.stderr and command.stderr


def test_httpfs_matches_the_installed_duckdb():
    path = query.httpfs_extension_path()
    assert path.is_file() and f"v{duckdb.__version__}" in Path(path).parts
