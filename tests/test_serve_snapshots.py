"""The server under a publish, hostile clients and odd files: consistent versions, bounded
connections, only regular files. A real server on 127.0.0.1 and real publishes."""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
import urllib.error
import urllib.request

import pytest
from test_publish import MODEL
from test_schemas import GOOD, tables_from

from newsfacts.publish import publish
from newsfacts.serve import PackageUnavailable, make_server, serve_in_thread


def get(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def package_with(dest, n: int):
    """The one-row package, with the document's title made version n (its data changes)."""
    publish(tables_from({"documents": [dict(GOOD["documents"], title=f"version {n}")]}), dest, MODEL)


def test_a_client_reading_the_descriptor_then_its_files_gets_one_version_while_publishes_swap(tmp_path):
    dest = tmp_path / "package"
    package_with(dest, 0)
    server, url = serve_in_thread(dest)
    stop = threading.Event()
    published = []

    def publisher():
        n = 1
        while not stop.is_set():
            package_with(dest, n)
            published.append(n)
            n += 1

    thread = threading.Thread(target=publisher)
    thread.start()
    polls, mismatches, versions = 0, [], set()
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and (len(published) < 6 or polls < 150):
            status, _, body = get(url + "datapackage.json")
            assert status == 200
            descriptor = json.loads(body)
            versions.add(descriptor["version"])
            for res in descriptor["resources"]:
                status, _, data = get(url + res["path"])
                if status != 200 or f"sha256:{hashlib.sha256(data).hexdigest()}" != res["hash"]:
                    mismatches.append((descriptor["version"], res["path"], status))
            polls += 1
    finally:
        stop.set()
        thread.join()
        server.shutdown()
        server.server_close()
    assert len(published) >= 6 and len(versions) >= 3, (published, versions)
    assert mismatches == []


def test_earlier_versions_stay_at_their_urls(tmp_path):
    dest = tmp_path / "package"
    package_with(dest, 0)
    server, url = serve_in_thread(dest)
    try:
        first = json.loads(get(url + "datapackage.json")[2])
        package_with(dest, 1)
        second = json.loads(get(url + "datapackage.json")[2])
        assert first["version"] != second["version"]
        for descriptor in (first, second):
            res = next(r for r in descriptor["resources"] if r["name"] == "documents")
            status, headers, data = get(url + res["path"])
            assert status == 200 and headers["X-Newsfacts-Version"] == descriptor["version"]
            assert f"sha256:{hashlib.sha256(data).hexdigest()}" == res["hash"]
    finally:
        server.shutdown()
        server.server_close()


def test_idle_connections_are_closed_and_the_number_at_once_is_bounded(tmp_path):
    dest = tmp_path / "package"
    package_with(dest, 0)
    threads_before = threading.active_count()
    server, url = serve_in_thread(dest, max_connections=8, idle_timeout=2.0)
    host, port = server.server_address[:2]
    idle = [socket.create_connection((host, port), timeout=10) for _ in range(8)]
    try:
        for sock in idle:  # one request each, answered: the connection is served, then idle
            sock.sendall(b"HEAD /datapackage.json HTTP/1.1\r\nHost: test\r\n\r\n")
            assert sock.recv(4096).startswith(b"HTTP/1.1 200")
        extra = socket.create_connection((host, port), timeout=5)
        assert extra.recv(64).startswith(b"HTTP/1.1 503")
        extra.close()
        for sock in idle:  # each idle connection is closed by the server after its timeout
            assert sock.recv(64) == b""
        time.sleep(0.2)
        assert get(url + "datapackage.json")[0] == 200  # the slots are free again
        assert threading.active_count() <= threads_before + 2  # the server's own thread, and one just ending
    finally:
        for sock in idle:
            sock.close()
        server.shutdown()
        server.server_close()


def test_a_package_file_replaced_by_a_symlink_is_not_served(tmp_path):
    dest = tmp_path / "package"
    package_with(dest, 0)
    (tmp_path / "elsewhere.parquet").write_bytes((dest / "output" / "figures.parquet").read_bytes())
    (dest / "output" / "figures.parquet").unlink()
    (dest / "output" / "figures.parquet").symlink_to(tmp_path / "elsewhere.parquet")
    with pytest.raises(PackageUnavailable, match="symbolic link"):
        make_server(dest, port=0)


def test_a_data_folder_that_is_a_symlink_is_not_served(tmp_path):
    dest = tmp_path / "package"
    package_with(dest, 0)
    (dest / "output").rename(tmp_path / "real-output")
    (dest / "output").symlink_to(tmp_path / "real-output")
    with pytest.raises(PackageUnavailable, match="symbolic link"):
        make_server(dest, port=0)
