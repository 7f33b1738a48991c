"""A remote package is read with limits: a hostile or broken server cannot hang `query`, fill its
memory, send it to another host, or point it outside the package. A real server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from cli import main as cli
from newsfacts import query

DOTDOT = {
    "name": "x",
    "resources": [{"name": "figures", "format": "parquet", "path": "output/%2e%2e/%2e%2e/etc/passwd"}],
}


class Hostile(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):
        if self.path.startswith("/drip/"):  # a byte every 0.2 s, for ever
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            try:
                for _ in range(10_000):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                return
        elif self.path.startswith("/big/"):  # no Content-Length, 3 MB of JSON
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'{"pad": "' + b"x" * (3 << 20) + b'"}')
        elif self.path.startswith("/redirect/"):  # to another host name for the same server
            self.send_response(302)
            self.send_header(
                "Location", f"http://localhost:{self.server.server_address[1]}/dotdot/datapackage.json"
            )
            self.end_headers()
        elif self.path.startswith("/dotdot/"):
            body = json.dumps(DOTDOT).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(404)


@pytest.fixture(scope="module")
def hostile():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_dripping_server_is_cut_off_at_the_deadline(hostile):
    started = time.monotonic()
    with pytest.raises(TimeoutError, match="not read within 1 s"):
        query.fetch_descriptor(f"{hostile}/drip/", timeout=1.0)
    assert time.monotonic() - started < 1.0 + query.READ_TIMEOUT


def test_a_descriptor_over_the_size_limit_is_refused(hostile):
    with pytest.raises(ValueError, match="over the limit of 1,048,576 bytes"):
        query.fetch_descriptor(f"{hostile}/big/", max_bytes=1 << 20)


def test_a_redirect_to_another_host_is_refused(hostile, capsys):
    with pytest.raises(OSError, match="redirect to another host refused"):
        query.fetch_descriptor(f"{hostile}/redirect/")
    assert cli.main(["query", "SELECT 1", "--dest", f"{hostile}/redirect/"]) == 2
    assert "redirect to another host refused" in capsys.readouterr().err


def test_a_resource_path_with_encoded_dots_is_refused(hostile, capsys):
    with pytest.raises(ValueError, match="leaves the package"):
        query.connect_remote(f"{hostile}/dotdot/")
    assert cli.main(["query", "SELECT 1", "--dest", f"{hostile}/dotdot/"]) == 2
    assert "leaves the package" in capsys.readouterr().err
