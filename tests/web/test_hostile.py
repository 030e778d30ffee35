"""What a hostile-input review found in the web API, each reproduced and answered in one shape.

DNS rebinding (a Host the server is not), unbounded queries, JSON nested 100,000 deep or
holding a lone surrogate (answered 500), and the server's absolute file paths in read answers.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path, PurePath

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsline.cli import app as cli
from newsline.settings import Settings
from newsline.store import Store
from newsline.web.config import ServerConfig
from newsline.web.hosts import host_error
from newsline.web.paths import PathView
from tests.export.builders import DEMO_QUERY, EXAMPLES
from tests.web.test_api import assert_error

ARTICLE = {
    "title": "Harbour board votes to reopen pier",
    "text": "The Quillon harbour board voted on March 4, 2024 to reopen the pier.",
    "published": "2024-03-05",
}


# (bound address, allowed hosts, Host header, None or (status, code))
HOSTS = [
    ("127.0.0.1", (), "127.0.0.1:8000", None),
    ("127.0.0.1", (), "localhost:8000", None),
    ("127.0.0.1", (), "[::1]:8000", None),
    ("127.0.0.1", (), "127.0.0.2", None),  # any loopback address is this machine
    ("127.0.0.1", (), "evil.example:8000", (403, "forbidden_host")),  # rebinding
    ("127.0.0.1", (), "10.0.0.5:8000", (403, "forbidden_host")),
    ("127.0.0.1", ("news.example.org",), "News.Example.org.", None),  # case, trailing dot
    ("127.0.0.1", (), "", (400, "bad_host")),
    ("127.0.0.1", (), "a@evil.example", (400, "bad_host")),
    ("127.0.0.1", (), "evil.example/x", (400, "bad_host")),
    ("0.0.0.0", (), "192.168.1.5:8000", None),  # bound everywhere: any address literal
    ("0.0.0.0", (), "[fe80::1]:8000", None),
    ("0.0.0.0", (), "intranet-name:8000", (403, "forbidden_host")),
    ("0.0.0.0", ("intranet-name",), "intranet-name:8000", None),
    ("192.168.1.5", (), "192.168.1.5", None),
    ("192.168.1.5", (), "192.168.1.6", (403, "forbidden_host")),
    ("192.168.1.5", (), "localhost", (403, "forbidden_host")),
]


@pytest.mark.parametrize(("bound", "allowed", "header", "refused"), HOSTS)
def test_host_is_checked_against_the_bound_address(
    bound: str, allowed: tuple[str, ...], header: str, refused: tuple[int, str] | None
) -> None:
    error = host_error(header, ServerConfig(host=bound, token="t", allowed_hosts=allowed))
    assert (error and (error.status, error.code)) == refused if refused else error is None


def test_a_rebound_name_cannot_read_or_write(
    make_client: Callable[..., TestClient], fresh_store: Path
) -> None:
    client = make_client(db=str(fresh_store))
    evil = {"Host": "evil.example:8000", "Origin": "http://evil.example:8000"}
    write = client.post("/api/ingest", json=[ARTICLE], headers=evil)
    assert_error(write, 403, "forbidden_host", "evil.example")
    for path in ("/", "/health", "/api/articles", "/openapi.json", "/no-such-page"):
        assert_error(client.get(path, headers={"Host": "evil.example"}), 403, "forbidden_host")
    with Store(fresh_store) as store:
        assert store.counts()["articles"] == 0
    assert client.post("/api/ingest", json=[ARTICLE]).status_code == 200  # its own Host


def test_a_live_server_refuses_another_host(live_server: str) -> None:
    request = urllib.request.Request(live_server + "/health", headers={"Host": "evil.example"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 403
    assert json.loads(refused.value.read())["error"]["code"] == "forbidden_host"


LIMITS = Settings()
BIG_QUERIES = {
    "too many words": (" ".join(f"t{i}" for i in range(LIMITS.max_query_terms + 1)), "too many"),
    "too long": ("Brenn" + "a" * LIMITS.max_query_chars, "too long"),
}


@pytest.mark.parametrize(("query", "words"), BIG_QUERIES.values(), ids=list(BIG_QUERIES))
def test_queries_are_capped(query: str, words: str, api: TestClient, examples_store: Path) -> None:
    response = api.get("/api/timeline", params={"q": query, "any": "true"})
    assert_error(response, 400, "bad_config", words)
    result = CliRunner().invoke(cli, ["timeline", query, "--any", "--db", str(examples_store)])
    assert result.exit_code == 2
    assert words in result.stderr and "limit" in result.stderr


def test_the_largest_query_allowed_is_answered(api: TestClient) -> None:
    words = ["Brenn", "Strait", "Link", *(f"w{i}" for i in range(LIMITS.max_query_terms - 3))]
    response = api.get("/api/timeline", params={"q": " ".join(words), "any": "true"})
    assert response.status_code == 200 and response.json()["entries"]


BAD_JSON = {
    "nested 100,000 deep": ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    "nested in an article": (
        '[{"text": "x", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}]",
        "nested too deeply",
    ),
    "lone surrogate": (json.dumps([{**ARTICLE, "text": "Harbour \ud800 pier"}]), "surrogate"),
    "lone low surrogate in a title": (json.dumps([{**ARTICLE, "title": "\udc00"}]), "surrogate"),
    "not UTF-8": (b'[{"text": "caf\xe9"}]', "malformed JSON"),
}


@pytest.mark.parametrize(("body", "words"), BAD_JSON.values(), ids=list(BAD_JSON))
def test_json_bodies_that_are_no_articles_answer_400(
    body: str | bytes, words: str, make_client: Callable[..., TestClient], fresh_store: Path
) -> None:
    client = make_client(db=str(fresh_store))
    response = client.post(
        "/api/ingest", content=body, headers={"Content-Type": "application/json"}
    )
    assert_error(response, 400, "bad_input", words)
    with Store(fresh_store) as store:
        assert store.counts()["articles"] == 0


# (path, shown): uploads and fetched copies by their name, the store's folder relative to it
VIEW = PathView((PurePath("/srv/news.uploads"), PurePath("/srv/news.fetched")), PurePath("/srv"))
SHOWN = [
    ("/srv/news.uploads/0123abcd/articles.jsonl", "articles.jsonl"),
    ("/srv/news.fetched/89ef/example.org_news.html", "example.org_news.html"),
    ("/srv/corpus/dumps/day1.txt", "corpus/dumps/day1.txt"),
    ("/home/editor/private/day2.txt", "day2.txt"),
    ("/srv/news.uploads", "news.uploads"),
    ("relative/already.txt", "relative/already.txt"),
]


@pytest.mark.parametrize(("path", "shown"), SHOWN)
def test_paths_are_shown_relative(path: str, shown: str) -> None:
    assert VIEW.show(path) == shown


def test_read_answers_hold_no_server_path(
    make_client: Callable[..., TestClient], tmp_path: Path
) -> None:
    db = tmp_path / "store" / "news.db"
    db.parent.mkdir()
    assert CliRunner().invoke(cli, ["ingest", str(EXAMPLES), "--db", str(db), "-q"]).exit_code == 0
    client = make_client(db=str(db))
    assert client.post("/api/ingest", json=[ARTICLE]).json()["failures"] == []
    ids = [a["id"] for a in client.get("/api/articles").json()["articles"]]
    answers = [client.get(f"/api/articles/{i}").text for i in ids]
    answers += [client.get("/api/stories").text]
    answers += [client.get("/api/timeline", params={"q": q}).text for q in (DEMO_QUERY, "pier")]
    for text in answers:
        for secret in (str(tmp_path), str(EXAMPLES), str(EXAMPLES.parent)):
            assert secret not in text
    sources = [s for i in ids for s in client.get(f"/api/articles/{i}").json()["sources"]]
    assert "articles.jsonl" in {s["path"] for s in sources}
    with Store(db) as store:  # the store and the CLI keep the full path
        paths = {s["path"] for a in store.all_articles() for s in a["sources"]}
    assert all(Path(p).is_absolute() for p in paths)
    shown = CliRunner().invoke(cli, ["show", ids[0], "--db", str(db)]).stdout
    assert str(tmp_path) in shown or str(EXAMPLES) in shown
