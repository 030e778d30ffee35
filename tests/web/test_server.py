"""A real uvicorn server on 127.0.0.1 (``newsline serve``): the HTTP API and the UI in Chromium."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from tests.export.builders import DEMO_QUERY, EXAMPLES, HOSTILE_ARTICLE, PAYLOADS
from tests.web.browser import PageWatch, expect_text

TOKEN = "live-secret"  # the live_server fixture's $NEWSLINE_TOKEN


def _call(
    url: str, data: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, Any]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def _ingest_examples(url: str) -> None:
    """Upload the example corpus (and the hostile article) once, through the API."""
    status, health = _call(url + "/health")
    if health["articles"]:
        return
    files = sorted(p for p in EXAMPLES.rglob("*") if p.is_file() and p.name != "README.md")
    boundary = "newsline-test-boundary"
    parts = []
    for path in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{path.name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
            + path.read_bytes()
            + b"\r\n"
        )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    headers = {
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Authorization": f"Bearer {TOKEN}",
    }
    status, summary = _call(url + "/api/ingest", body, headers)
    assert status == 200 and summary["failures"] == [], summary
    status, _ = _call(
        url + "/api/ingest",
        json.dumps([HOSTILE_ARTICLE]).encode(),
        {"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"},
    )
    assert status == 200


def test_the_api_over_http(live_server: str) -> None:
    _ingest_examples(live_server)
    status, health = _call(live_server + "/health")
    assert status == 200 and health["token_required"] is True and health["articles"] >= 19
    status, body = _call(live_server + "/api/timeline?q=Brenn+Strait+Link&max_dates=5")
    assert status == 200 and len(body["entries"]) == 5 and body["query"] == DEMO_QUERY
    status, body = _call(live_server + "/api/articles/0000000000")
    assert status == 404 and body["error"]["code"] == "not_found"
    json_headers = {"Content-Type": "application/json"}
    status, body = _call(live_server + "/api/ingest", b"[1, 2", json_headers)
    assert status == 401 and body["error"]["code"] == "unauthorized"  # the token comes first
    status, body = _call(
        live_server + "/api/ingest", b"[1, 2", {**json_headers, "Authorization": f"Bearer {TOKEN}"}
    )
    assert (
        status == 400
        and body["error"]["code"] == "bad_input"
        and "malformed JSON" in body["error"]["message"]
    )
    status, body = _call(
        live_server + "/api/ingest",
        b"[" + b" " * (2 * 1024 * 1024) + b"]",
        {**json_headers, "Authorization": f"Bearer {TOKEN}"},
    )
    assert status == 413 and body["error"]["code"] == "payload_too_large"


def test_the_ui_builds_a_timeline_and_shows_the_cited_article(
    live_server: str, browser: Any
) -> None:
    _ingest_examples(live_server)
    watch = PageWatch(browser)
    page = watch.page
    page.goto(live_server + "/")  # with the page's CSP on: the UI must work under it
    expect_text(page.locator("#store-status"), "articles in the store")
    assert page.locator("#token-label").get_attribute("hidden") is None  # the server has a token
    page.fill("#q", DEMO_QUERY)
    page.click("#query-form button")
    page.wait_for_selector(".nl-entry")
    status, expected = _call(live_server + "/api/timeline?q=Brenn+Strait+Link")
    assert page.locator(".nl-entry").count() == len(expected["entries"])
    assert page.locator(".nl-marker").count() == len(expected["entries"])
    target = next(
        i
        for i, e in enumerate(expected["entries"])
        if "signed a treaty" in e["sentences"][0]["text"]
    )
    sentence = expected["entries"][target]["sentences"][0]
    page.locator(".nl-entry").nth(target).locator(".nl-sentence").first.click()
    page.wait_for_selector(".nl-article-title")
    assert page.locator(".nl-article-title").inner_text() == sentence["title"]
    assert page.locator(".nl-article-body mark").inner_text() == sentence.get(
        "quote", sentence["text"]
    )
    assert "q=Brenn+Strait+Link" in page.url
    shot = watch.screenshot("ui-demo-query.png")
    assert shot.stat().st_size > 10_000
    assert watch.dialogs == [] and watch.errors == []
    watch.close()


def test_the_ui_explains_each_date_and_charts_the_coverage(live_server: str, browser: Any) -> None:
    _ingest_examples(live_server)
    status, expected = _call(live_server + "/api/timeline?q=Brenn+Strait+Link")
    watch = PageWatch(browser)
    page = watch.page
    page.goto(live_server + "/?q=Brenn+Strait+Link")
    page.wait_for_selector(".nl-entry")
    assert page.locator(".nl-cov-bar").count() == len(expected["coverage"])
    assert page.locator(".nl-cov-mark").count() > 0
    assert page.locator(".nl-entry .nl-why").count() == len(expected["entries"])
    index, entry = next(
        (n, e) for n, e in enumerate(expected["entries"]) if e["label"] == "17 June 2023"
    )
    card = page.locator(".nl-entry").nth(index)
    card.locator(".nl-why summary").click()
    assert card.locator(".nl-why-text").inner_text() == entry["evidence"]["why"]
    mention = entry["evidence"]["mentions"][0]
    card.locator(".nl-why-mention .nl-evidence-link").first.click()  # fetched from the API
    expect_text(page.locator(".nl-article-body mark"), mention["text"])
    assert page.locator(".nl-article-body mark").inner_text() == mention["text"]
    page.locator(".nl-cov-mark").first.locator(".nl-cov-band").click()
    first = int(page.locator(".nl-cov-mark").first.get_attribute("data-entry") or -1)
    assert "nl-selected" in (page.locator(".nl-entry").nth(first).get_attribute("class") or "")
    watch.screenshot("ui-coverage-why.png")
    assert watch.dialogs == [] and watch.errors == []
    watch.close()


def test_the_ui_shows_hostile_articles_as_text(live_server: str, browser: Any) -> None:
    _ingest_examples(live_server)
    watch = PageWatch(browser, bypass_csp=True)  # escaping alone must hold
    page = watch.page
    page.goto(live_server + "/?q=Quillon+harbour")
    page.wait_for_selector(".nl-entry")
    page.locator(".nl-sentence").first.click()
    page.wait_for_selector(".nl-article-title")
    assert page.locator(".nl-article-title").inner_text() == HOSTILE_ARTICLE["title"]
    assert PAYLOADS["end_script"] in page.locator("body").inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("svg:not(.nl-cov-chart), img, iframe").count() == 0
    assert page.locator("svg").count() == 1 and page.locator("script").count() == 2
    assert watch.dialogs == []
    watch.close()


def test_the_ui_uploads_with_progress_and_reports_errors(
    live_server: str, browser: Any, tmp_path: Path
) -> None:
    _ingest_examples(live_server)
    watch = PageWatch(browser, bypass_csp=True)  # wait_for_function evaluates strings
    page = watch.page
    page.goto(live_server + "/")
    page.wait_for_function("document.getElementById('upload-limit').textContent.includes('MiB')")
    page.click("#upload-box summary")
    news = tmp_path / "harbour.jsonl"
    news.write_text(
        json.dumps(
            {
                "id": "ui-1",
                "title": "Harbour pilots strike",
                "text": "Harbour pilots in Tarrin went on strike on May 2, 2024.",
                "published": "2024-05-02",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    page.set_input_files("#files", str(news))
    page.click("#upload-form button")  # no token typed: the server refuses
    page.wait_for_function(
        "document.getElementById('upload-status').classList.contains('ui-error')"
    )
    assert "token" in page.locator("#upload-status").inner_text()
    page.fill("#token", TOKEN)
    page.click("#upload-form button")
    page.wait_for_function(
        "document.getElementById('upload-status').textContent.includes('new article')"
    )
    assert page.locator("#upload-status").inner_text().startswith("1 new article,")
    assert page.eval_on_selector("#upload-progress", "p => p.value") == 100
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (2 * 1024 * 1024))
    page.set_input_files("#files", str(big))
    page.click("#upload-form button")
    assert "too large" in page.locator("#upload-status").inner_text()
    assert page.locator("#upload-progress").is_hidden()
    watch.screenshot("ui-upload.png")
    watch.close()
