"""``ingest --fetch`` against hostile URLs: non-public addresses refused without connecting,
for the first URL and every redirect; a server that trickles is cut off at the deadline.

Local servers on 127.0.0.1 only (allowed explicitly); refused addresses are never connected to.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsline.cli import app
from newsline.errors import InputError
from newsline.ingest.fetch import FetchLimits, address_refused, fetch
from tests.ingest.test_fetch import ATOM, local_server

LOCAL = ("127.0.0.1/32",)


class _Site(BaseHTTPRequestHandler):
    requests: list[str] = []  # noqa: RUF012 - shared by the handler threads on purpose
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.requests.append(self.path)
        port = self.server.server_address[1]
        redirects = {
            "/to-metadata": "http://169.254.169.254/latest/meta-data/",
            "/to-private": "http://10.0.0.1/admin",
            "/to-other-loopback": f"http://127.0.0.2:{port}/atom",
            "/to-numeric": f"http://2130706434:{port}/atom",  # 127.0.0.2
        }
        if self.path in redirects:
            self.send_response(302)
            self.send_header("Location", redirects[self.path])
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/atom":
            self._send(ATOM.encode())
        elif self.path == "/trickle-body":
            self._trickle(b"HTTP/1.1 200 OK\r\nContent-Length: 60\r\n\r\n", b"x" * 60)
        elif self.path == "/trickle-headers":
            self._trickle(b"HTTP/1.1 200 OK\r\n", b"X-Slow: " + b"y" * 52 + b"\r\n\r\n")

    def _send(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/atom+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _trickle(self, start: bytes, rest: bytes) -> None:
        """One byte every 0.1 s: each read gets data long before a per-read timeout, and the
        whole answer takes 6 s, far past the tests' 1 s deadline."""
        self.wfile.write(start)
        self.wfile.flush()
        for byte in rest:
            time.sleep(0.1)
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:
                return

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with local_server(_Site) as port:
        yield f"127.0.0.1:{port}"


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every address a socket connects to (the real connect still runs)."""
    seen: list[object] = []
    real = socket.socket.connect

    def connect(self: socket.socket, address: object) -> None:
        seen.append(address)
        real(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return seen


REFUSED = [
    ("http://127.1/", "loopback"),
    ("http://2130706433/", "loopback"),
    ("http://0x7f000001/", "loopback"),
    ("http://[::1]/", "loopback"),
    ("http://[::ffff:127.0.0.1]/", "loopback"),
    ("http://localhost:9/", "loopback"),
    ("http://10.0.0.1/", "private"),
    ("http://192.168.1.1:8080/", "private"),
    ("https://172.16.0.1/", "private"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://[fe80::1]/", "link-local"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://224.0.0.1/", "multicast"),
    ("http://100.64.0.1/", "reserved"),
]


@pytest.mark.parametrize(("url", "kind"), REFUSED)
def test_non_public_addresses_are_refused_without_connecting(
    url: str, kind: str, connections: list[object]
) -> None:
    with pytest.raises(InputError) as refused:
        fetch(url, FetchLimits(timeout=2))
    assert (
        refused.value.reason.startswith("refused:") and f"a {kind} address" in refused.value.reason
    )
    assert refused.value.path == url
    assert connections == []


@pytest.mark.parametrize(
    ("address", "limits", "allowed"),
    [
        ("93.184.216.34", FetchLimits(), True),
        ("2606:2800:220:1::1", FetchLimits(), True),
        ("10.0.0.1", FetchLimits(), False),
        ("10.0.0.1", FetchLimits(allow_private=True), True),
        ("10.1.2.3", FetchLimits(allow_networks=("10.1.2.0/24",)), True),
        ("10.1.3.3", FetchLimits(allow_networks=("10.1.2.0/24",)), False),
    ],
)
def test_which_addresses_are_allowed(address: str, limits: FetchLimits, allowed: bool) -> None:
    assert (address_refused(address, limits) is None) is allowed


@pytest.mark.parametrize(
    "path", ["/to-metadata", "/to-private", "/to-other-loopback", "/to-numeric"]
)
def test_every_redirect_is_checked(path: str, site: str, connections: list[object]) -> None:
    url = f"http://{site}{path}"
    with pytest.raises(InputError, match="refused: .* address") as refused:
        fetch(url, FetchLimits(timeout=5, allow_networks=LOCAL))
    assert refused.value.path == url
    port = int(site.rsplit(":", 1)[1])
    assert connections == [("127.0.0.1", port)]  # the first URL only


def test_the_cli_refuses_loopback_unless_allowed(site: str, tmp_path: Path) -> None:
    _Site.requests.clear()
    db = str(tmp_path / "news.db")
    url = f"http://{site}/atom".replace("127.0.0.1", "127.1")
    refused = CliRunner().invoke(app, ["ingest", "--fetch", url, "--db", db])
    assert refused.exit_code == 1
    assert "refused: 127.0.0.1 is a loopback address" in " ".join(refused.stderr.split())
    assert _Site.requests == []
    allowed = CliRunner().invoke(app, ["ingest", "--fetch", "--allow-private", url, "--db", db])
    assert allowed.exit_code == 0 and "1 new articles" in allowed.stdout
    assert _Site.requests == ["/atom"]


@pytest.mark.parametrize("path", ["/trickle-body", "/trickle-headers"])
def test_a_trickling_server_is_cut_off_at_the_deadline(path: str, site: str) -> None:
    with pytest.raises(InputError) as late:
        fetch(f"http://{site}{path}", FetchLimits(timeout=1.0, allow_networks=LOCAL))
    assert late.value.reason == "no answer within 1 s"
