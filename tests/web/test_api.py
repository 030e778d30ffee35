"""The REST API through FastAPI's TestClient: answers, the JSON schema, and every error shape."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsline.cli import app as cli
from newsline.errors import ConfigError
from newsline.export.json import timeline_to_dict
from newsline.jobs import timeline
from newsline.stages.timeline import TimelineOptions
from newsline.store import Store
from newsline.web import ServerConfig, create_app
from newsline.web.config import config_help, is_loopback
from newsline.web.paths import PathView, public_paths
from tests.export.builders import DEMO_QUERY, EXAMPLES, HOSTILE_ARTICLE


def assert_error(response, status: int, code: str, words: str = "") -> dict:  # type: ignore[no-untyped-def]
    """The one error shape, with this status and code, and a message saying ``words``."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert {"code", "message", "status"} <= set(error)
    assert (error["status"], error["code"]) == (status, code)
    assert words.lower() in error["message"].lower() and error["message"].strip()
    return error


def _view(db: Path) -> PathView:
    return ServerConfig(db=str(db)).paths()


def test_health_counts_articles(api: TestClient) -> None:
    body = api.get("/health").json()
    assert body == {
        "status": "ok",
        "articles": 19,
        "token_required": False,
        "max_upload_bytes": 20 * 1024 * 1024,
    }


def test_articles_list_and_one_article(api: TestClient, examples_store: Path) -> None:
    body = api.get("/api/articles").json()
    with Store(examples_store) as store:
        assert body["articles"] == store.list_articles()
        first = body["articles"][0]["id"]
        shown = public_paths(store.get_article(first), _view(examples_store))
        assert api.get(f"/api/articles/{first}").json() == shown
    assert api.get(f"/api/articles/{first[:8]}").json()["id"] == first
    assert body["count"] == len(body["articles"]) == 19


def test_stories_group_reprints(api: TestClient, examples_store: Path) -> None:
    from newsline.store.stories import list_stories

    body = api.get("/api/stories").json()
    with Store(examples_store) as store:
        assert body["stories"] == public_paths(list_stories(store), _view(examples_store))
    assert body["count"] == len(body["stories"]) >= 1  # the crane story and its reprint
    titles = [a["title"] for s in body["stories"] for a in s["articles"]]
    assert any("crane" in t.lower() for t in titles)


def test_timeline_is_the_cli_json(api: TestClient, examples_store: Path) -> None:
    response = api.get("/api/timeline", params={"q": DEMO_QUERY, "max_dates": 12, "per_date": 1})
    assert response.status_code == 200
    with Store(examples_store) as store:
        expected = timeline_to_dict(
            timeline(TimelineOptions(query=DEMO_QUERY, max_dates=12, per_date=1), store)
        )
    assert response.json() == public_paths(expected, _view(examples_store))
    cli_json = CliRunner().invoke(
        cli,
        [
            "timeline",
            DEMO_QUERY,
            "--db",
            str(examples_store),
            "--max-dates",
            "12",
            "--per-date",
            "1",
            "--format",
            "json",
        ],
    )
    assert json.loads(cli_json.stdout) == expected  # the CLI shows full paths
    body = response.json()
    assert body["coverage"] and all(e["evidence"]["why"] for e in body["entries"])


def test_timeline_evidence_opens_in_the_articles_api(api: TestClient) -> None:
    """Each time expression of an entry's evidence is where its offsets say in the article the
    API serves."""
    body = api.get("/api/timeline", params={"q": DEMO_QUERY}).json()
    mentions = [m for e in body["entries"] for m in e["evidence"]["mentions"]]
    assert len(mentions) >= len(body["entries"])
    texts = {
        a: api.get(f"/api/articles/{a}").json()["text"] for a in {m["article"] for m in mentions}
    }
    assert all(texts[m["article"]][m["start"] : m["end"]] == m["text"] for m in mentions)


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"since": "2020-01-01"}, lambda e: e["end"] >= "2020-01-01"),
        ({"until": "2005-12-31"}, lambda e: e["start"] <= "2005-12-31"),
        ({"per_date": 1}, lambda e: len(e["sentences"]) == 1),
    ],
)
def test_timeline_options_are_query_parameters(api: TestClient, params: dict, check) -> None:  # type: ignore[no-untyped-def]
    body = api.get("/api/timeline", params={"q": DEMO_QUERY, **params}).json()
    assert body["entries"] and all(check(e) for e in body["entries"])


def test_any_term_widens_the_match(api: TestClient) -> None:
    every = api.get("/api/timeline", params={"q": "Tarrin coffee"}).json()
    any_term = api.get("/api/timeline", params={"q": "Tarrin coffee", "any": "true"}).json()
    assert any_term["articles"] > every["articles"]


@pytest.mark.parametrize(
    ("method", "url", "status", "code", "words"),
    [
        ("get", "/api/articles/ffffffffffff", 404, "not_found", "no article with id"),
        ("get", "/api/nothing-here", 404, "not_found", "no such endpoint"),
        ("delete", "/api/articles", 405, "method_not_allowed", "DELETE is not allowed"),
        ("get", "/api/timeline", 422, "invalid_request", "query.q"),
        ("get", "/api/timeline?q=", 422, "invalid_request", "query.q"),
        ("get", "/api/timeline?q=x&since=2024-13-01", 422, "invalid_request", "query.since"),
        ("get", "/api/timeline?q=x&max_dates=0", 422, "invalid_request", "query.max_dates"),
        ("get", "/api/timeline?q=x&per_date=two", 422, "invalid_request", "query.per_date"),
        ("get", "/assets/secret.py", 404, "not_found", "no such asset"),
    ],
)
def test_bad_requests_answer_in_one_shape(
    api: TestClient, method: str, url: str, status: int, code: str, words: str
) -> None:
    assert_error(getattr(api, method)(url), status, code, words)


def test_validation_errors_list_each_problem(api: TestClient) -> None:
    error = assert_error(api.get("/api/timeline?max_dates=x"), 422, "invalid_request")
    assert {d["where"] for d in error["details"]} == {"query.q", "query.max_dates"}


def test_ingest_uploaded_files(make_client: Callable[..., TestClient], fresh_store: Path) -> None:
    client = make_client(db=str(fresh_store))
    files = [
        (
            "files",
            ("story.rss", (EXAMPLES / "feeds" / "story.rss").read_bytes(), "application/rss+xml"),
        ),
        (
            "files",
            (
                "agency.jsonl",
                (EXAMPLES / "jsonl" / "agency.jsonl").read_bytes(),
                "application/x-ndjson",
            ),
        ),
    ]
    summary = client.post("/api/ingest", files=files).json()
    assert (summary["files"], summary["failures"]) == (2, [])
    assert summary["articles_new"] >= 10  # 3 feed items, 8 JSONL lines (one a near-duplicate)
    again = client.post("/api/ingest", files=files).json()
    assert again["files_unchanged"] == 2 and again["articles_new"] == 0
    assert client.get("/health").json()["articles"] == summary["articles_new"]
    kept = sorted(p.name for p in (fresh_store.parent / "fresh.uploads").rglob("*") if p.is_file())
    assert kept == ["agency.jsonl", "story.rss"]


def test_ingest_a_json_list_of_articles(
    make_client: Callable[..., TestClient], fresh_store: Path
) -> None:
    client = make_client(db=str(fresh_store))
    summary = client.post("/api/ingest", json=[HOSTILE_ARTICLE, {"title": "no text"}]).json()
    assert summary["articles_new"] == 1
    assert [f["path"] for f in summary["failures"]] == ["articles.jsonl"]
    article = client.get("/api/articles").json()["articles"][0]
    assert article["title"] == HOSTILE_ARTICLE["title"]
    assert (
        client.post("/api/ingest", json={"articles": [HOSTILE_ARTICLE]}).json()["articles_known"]
        == 1
    )


@pytest.mark.parametrize(
    ("kwargs", "status", "code", "words"),
    [
        (
            {"content": b"{not json", "headers": {"content-type": "application/json"}},
            400,
            "bad_input",
            "malformed JSON",
        ),
        ({"json": {"title": "an object, not a list"}}, 400, "bad_input", "JSON list"),
        ({"json": []}, 400, "bad_input", "non-empty"),
        (
            {"content": b"plain", "headers": {"content-type": "text/plain"}},
            415,
            "unsupported_media_type",
            "multipart",
        ),
        ({"data": {"note": "a field, no file"}, "files": {}}, 400, "bad_input", "no files"),
    ],
)
def test_bad_uploads(
    make_client: Callable[..., TestClient],
    fresh_store: Path,
    kwargs: dict,
    status: int,
    code: str,
    words: str,
) -> None:
    client = make_client(db=str(fresh_store))
    if "files" in kwargs and not kwargs["files"]:
        kwargs = {
            "data": kwargs["data"],
            "headers": {"content-type": "multipart/form-data; boundary=x"},
            "content": b'--x\r\nContent-Disposition: form-data; name="note"\r\n\r\nhi\r\n--x--\r\n',
        }
        kwargs.pop("data")
    assert_error(client.post("/api/ingest", **kwargs), status, code, words)


def test_oversized_uploads_are_refused(
    make_client: Callable[..., TestClient], fresh_store: Path
) -> None:
    client = make_client(db=str(fresh_store), max_upload_bytes=2000)
    big = ("files", ("big.txt", b"x" * 5000, "text/plain"))
    assert_error(
        client.post("/api/ingest", files=[big]), 413, "payload_too_large", "limit 2000 bytes"
    )

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(10):
            yield b"[" + b" " * 500

    error = assert_error(
        client.post("/api/ingest", content=chunks(), headers={"content-type": "application/json"}),
        413,
        "payload_too_large",
        "limit 2000",
    )
    assert "more" in error["message"]
    assert client.get("/health").json()["articles"] == 0


def test_writes_need_the_token_when_the_server_has_one(
    make_client: Callable[..., TestClient], fresh_store: Path
) -> None:
    client = make_client(db=str(fresh_store), token="s3cret")
    body = [HOSTILE_ARTICLE]
    error = assert_error(
        client.post("/api/ingest", json=body), 401, "unauthorized", "Authorization: Bearer"
    )
    assert error["message"]
    assert client.post("/api/ingest", json=body).headers["www-authenticate"] == "Bearer"
    assert_error(
        client.post("/api/ingest", json=body, headers={"Authorization": "Bearer nope"}),
        401,
        "unauthorized",
        "does not match",
    )
    assert_error(
        client.post("/api/ingest", json=body, headers={"Authorization": "Basic s3cret"}),
        401,
        "unauthorized",
    )
    ok = client.post("/api/ingest", json=body, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200 and ok.json()["articles_new"] == 1
    assert client.get("/api/articles").status_code == 200  # reads stay open
    assert client.get("/health").json()["token_required"] is True


def test_writes_from_another_site_are_refused(api: TestClient) -> None:
    response = api.post(
        "/api/ingest", json=[HOSTILE_ARTICLE], headers={"Origin": "https://evil.example"}
    )
    assert_error(response, 403, "forbidden_origin", "another site")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("::", False),
        ("example.org", False),
    ],
)
def test_beyond_loopback_a_token_is_required(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
    if loopback:
        create_app(ServerConfig(host=host))
    else:
        with pytest.raises(ConfigError, match="give a token"):
            create_app(ServerConfig(host=host))
        create_app(ServerConfig(host=host, token="t"))


def test_serve_refuses_to_listen_openly_without_a_token(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["serve", "--host", "0.0.0.0", "--db", str(tmp_path / "x.db")],
        env={"NEWSLINE_TOKEN": ""},
    )
    assert result.exit_code == 2
    assert "--token or $NEWSLINE_TOKEN" in result.output


def test_every_server_setting_has_help() -> None:
    assert all(text.strip() for text in config_help().values())


def test_openapi_documents_the_endpoints_and_the_error_shape(api: TestClient) -> None:
    schema = api.get("/openapi.json").json()
    assert {
        "/health",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/timeline",
        "/api/ingest",
        "/api/stories",
    } <= set(schema["paths"])
    params = {p["name"] for p in schema["paths"]["/api/timeline"]["get"]["parameters"]}
    assert params == {
        "q",
        "max_dates",
        "per_date",
        "since",
        "until",
        "any",
        "days_only",
        "sentences",
        "background",
        "dates",
    }
    ingest_body = schema["paths"]["/api/ingest"]["post"]["requestBody"]["content"]
    assert {"multipart/form-data", "application/json"} <= set(ingest_body)
    assert "ErrorBody" in schema["components"]["schemas"]


def test_the_ui_page_and_its_assets(api: TestClient) -> None:
    page = api.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "script-src 'self'" in page.headers["content-security-policy"]
    for name in ("timeline.js", "timeline.css", "ui.js", "ui.css"):
        assert f"/assets/{name}" in page.text
        assert api.get(f"/assets/{name}").status_code == 200
    from newsline.export.html import asset

    assert api.get("/assets/timeline.js").text == asset("timeline.js")


@pytest.mark.parametrize("dates", ["evidence", "learned"])
def test_the_date_ranking_is_a_query_parameter(
    api: TestClient, examples_store: Path, dates: str
) -> None:
    body = api.get("/api/timeline", params={"q": DEMO_QUERY, "max_dates": 8, "dates": dates})
    with Store(examples_store) as store:
        expected = timeline_to_dict(
            timeline(TimelineOptions(query=DEMO_QUERY, max_dates=8, dates=dates), store)
        )
    assert body.status_code == 200
    assert body.json() == public_paths(expected, _view(examples_store))
    refused = api.get("/api/timeline", params={"q": DEMO_QUERY, "dates": "oracle"})
    assert refused.status_code == 422
