"""Fetching URLs for ingest: a local http.server on 127.0.0.1 only, never the internet.

Loopback is refused by default, so these tests allow 127.0.0.1 (``LOCAL``, ``--allow-private``);
the tests of refused addresses check that no connection is even tried."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsline.cli import app
from newsline.errors import InputError
from newsline.ingest.fetch import (
    Fetched,
    FetchLimits,
    check_url,
    fetch,
    fetch_all,
    folder_beside,
    save_fetched,
)
from newsline.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Corvena Herald: transport</title>
  <id>urn:uuid:4d1c2b1e-0000-4000-8000-000000000001</id>
  <updated>2024-03-12T08:00:00Z</updated>
  <entry>
    <title>Freight operators wait for Strait Link slots</title>
    <id>urn:uuid:4d1c2b1e-0000-4000-8000-000000000002</id>
    <link href="https://corvenaherald.example/2024/03/12/freight-slots"/>
    <updated>2024-03-12T07:30:00Z</updated>
    <content type="html">&lt;p&gt;Freight operators said on Tuesday they still had no timetable slots on the
    Brenn Strait Link, a day after Aldmark and Vessoria signed their rail agreement.&lt;/p&gt;
    &lt;p&gt;The first freight trains are not expected before 2025.&lt;/p&gt;</content>
  </entry>
</feed>
"""


class _Handler(BaseHTTPRequestHandler):
    release = threading.Event()  # /stall waits on it: the client's timeout always fires first

    routes = {
        "/page.html": (
            "text/html; charset=utf-8",
            (EXAMPLES / "html" / "haldorcourier_2014-09-22_work-begins.html").read_bytes(),
        ),
        "/news/feed": ("application/rss+xml", (EXAMPLES / "feeds" / "story.rss").read_bytes()),
        "/atom": ("application/atom+xml", ATOM.encode()),
        "/big": ("text/plain", b"x" * 5000),
    }

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self.path == "/stall":
            self.release.wait(30)
            return
        if self.path == "/to-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/file.txt")
            self.end_headers()
            return
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/page.html")
            self.end_headers()
            return
        if self.path == "/chunked-big":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"y" * 5000)
            return
        if self.path not in self.routes:
            self.send_error(404, "Not Found")
            return
        kind, body = self.routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def local_server(handler: type[BaseHTTPRequestHandler]) -> Iterator[int]:
    """An HTTP server on 127.0.0.1 (a free port) answering in threads; its port."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with local_server(_Handler) as port:
        yield f"http://127.0.0.1:{port}"
        _Handler.release.set()


LOCAL = ("127.0.0.1/32",)  # the test server's address, allowed; every other one is refused
LIMITS = FetchLimits(timeout=0.5, max_bytes=4000, allow_networks=LOCAL)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://127.0.0.1/x",
        "javascript:alert(1)",
        "127.0.0.1/page.html",
        "http://",
        "data:text/html,hi",
        "/page.html",
    ],
)
def test_only_http_urls_are_fetched(url: str) -> None:
    with pytest.raises(InputError, match="only http"):
        check_url(url)


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "HTTP 404"),
        ("/big", "too large (5000 bytes; limit 4000)"),
        ("/chunked-big", "too large (4001 bytes; limit 4000)"),
        ("/stall", "no answer within 0.5 s"),
        ("/to-ftp", "redirect to a non-http(s) URL refused"),
    ],
)
def test_failures_say_why(site: str, path: str, reason: str) -> None:
    with pytest.raises(InputError) as error:
        fetch(site + path, LIMITS)
    assert reason in error.value.reason
    assert error.value.path == site + path


def test_a_refused_port_is_a_failure_not_a_crash() -> None:
    with pytest.raises(InputError, match="cannot fetch"):
        fetch("http://127.0.0.1:9/", LIMITS)


def test_redirects_within_http_are_followed(site: str) -> None:
    fetched = fetch(site + "/moved", FetchLimits(timeout=5, allow_networks=LOCAL))
    assert fetched.url == site + "/moved" and b"<html" in fetched.data.lower()


@pytest.mark.parametrize(
    ("url", "content_type", "name"),
    [
        ("http://a.example/news/story.html", "text/html", "a.example_news_story.html"),
        ("http://a.example/news/feed", "application/rss+xml", "a.example_news_feed.xml"),
        ("http://a.example/", "text/html; charset=utf-8", "a.example.html"),
        ("http://a.example/x/../../etc/passwd", "text/plain", "a.example_x_.._.._etc_passwd.txt"),
        ("https://a.example/data", "application/json", "a.example_data.jsonl"),
    ],
)
def test_saved_by_content_hash_under_a_safe_name(
    tmp_path: Path, url: str, content_type: str, name: str
) -> None:
    path = save_fetched(Fetched(url, b"body", content_type), tmp_path)
    assert path.name == name and path.parent.parent == tmp_path
    assert path.read_bytes() == b"body"
    assert save_fetched(Fetched(url, b"body", content_type), tmp_path) == path


def test_fetch_all_keeps_going_past_failures(site: str, tmp_path: Path) -> None:
    saved, failures = fetch_all(
        [site + "/atom", site + "/missing", "file:///etc/hosts"], tmp_path, LIMITS
    )
    assert [p.suffix for p in saved] == [".xml"]
    assert [(f.path, f.reason) for f in failures] == [
        (site + "/missing", "HTTP 404 Not Found"),
        ("file:///etc/hosts", "only http:// and https:// URLs can be fetched"),
    ]


def test_ingest_fetch_reads_pages_and_feeds(site: str, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    urls = [site + "/page.html", site + "/news/feed", site + "/atom"]
    args = ["ingest", "--fetch", "--allow-private", *urls, "--db", str(db), "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        titles = {row["title"] for row in store.list_articles()}
    assert "Freight operators wait for Strait Link slots" in titles  # Atom
    assert "Brenn Strait Link opens to cars and trucks" in titles  # RSS
    assert len(titles) == 5  # the page, 3 RSS items, 1 Atom entry
    assert folder_beside(str(db), "fetched") == tmp_path / "news.fetched"
    assert len(list((tmp_path / "news.fetched").rglob("*.*"))) == 3
    again = CliRunner().invoke(app, args[:-1])
    assert again.exit_code == 0 and "3 unchanged" in again.output


def test_ingest_fetch_reports_bad_urls_and_exits_1(site: str, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    result = CliRunner().invoke(
        app,
        [
            "ingest",
            "--fetch",
            "--allow-private",
            site + "/atom",
            site + "/missing",
            "--db",
            str(db),
        ],
    )
    assert result.exit_code == 1
    assert f"{site}/missing: HTTP 404" in result.output
    assert "2 files, 1 new articles" in result.output


def test_urls_are_not_fetched_unless_asked(site: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", site + "/atom", "--db", str(tmp_path / "n.db")])
    assert result.exit_code == 2 and "no such file or folder" in result.output


@pytest.mark.parametrize(
    ("store", "expected"),
    [
        ("data/news.db", Path("data/news.fetched")),
        ("/srv/archive.sqlite", Path("/srv/archive.fetched")),
        ("postgresql://team@db.example:5432/news", Path.cwd() / "news.fetched"),
        ("postgresql://localhost/", Path.cwd() / "newsline.fetched"),
        ("postgresql://h/odd name?sslmode=require", Path.cwd() / "odd_name.fetched"),
        (":memory:", Path.cwd() / "newsline.fetched"),
    ],
)
def test_folder_beside_a_file_or_a_database_url(store: str, expected: Path) -> None:
    assert folder_beside(store, "fetched") == expected
