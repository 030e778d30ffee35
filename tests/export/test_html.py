"""HTML export without a browser: one self-contained file, the JSON schema reused, escaping."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from newsline.export.html import asset, panel_article, script_json, timeline_to_html
from newsline.export.json import timeline_to_dict
from newsline.records import Article, Timeline
from tests.export.builders import (
    DEMO_QUERY,
    EXAMPLES,
    HOSTILE_ARTICLE,
    PAYLOADS,
    ingest_into,
    store_timeline,
)

_PAGE_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "h1",
    "p",
    "main",
    "noscript",
    "script",
}


class _Page(HTMLParser):
    """Tags and attributes of the page, and the text of each script element."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def _page(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    return page


def test_one_file_that_needs_no_network(built: tuple[Timeline, list[Article]]) -> None:
    timeline, articles = built
    text = timeline_to_html(timeline, articles)
    page = _page(text)
    assert {tag for tag, _ in page.tags} <= _PAGE_TAGS
    for _, attrs in page.tags:
        assert not {"src", "href", "srcset", "action"} & set(attrs)
    policy = next(
        a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert policy.startswith("default-src 'none';")
    assert "http" not in policy


def test_embedded_data_is_the_timeline_json_schema(built: tuple[Timeline, list[Article]]) -> None:
    timeline, articles = built
    page = _page(timeline_to_html(timeline, articles))
    data_blocks = [text for attrs, text in page.scripts if attrs.get("type") == "application/json"]
    assert len(data_blocks) == 1
    data = json.loads(data_blocks[0])
    assert data["timeline"] == timeline_to_dict(timeline)
    said = [s for e in data["timeline"]["entries"] for s in e["sentences"] + e.get("conflicts", [])]
    said += data["timeline"]["undated"]
    said += [v for s in said for v in s.get("also", [])]
    cited = {s["article"] for s in said} | {
        s["matched"]["article"] for s in said if s.get("matched")
    }
    # and the articles "why this date" links to: where the date is said or reported
    evidence = [e["evidence"] for e in data["timeline"]["entries"] if e["evidence"]]
    cited |= {m["article"] for ev in evidence for m in ev["mentions"] + ev["reports"]}
    assert set(data["articles"]) == cited & {a.id for a in articles}
    for article in articles:
        assert data["articles"][article.id] == panel_article(article)


def test_cited_articles_are_embedded_with_their_text(demo: tuple[Timeline, list[Article]]) -> None:
    timeline, articles = demo
    page = _page(timeline_to_html(timeline, articles))
    data = json.loads(next(t for a, t in page.scripts if a.get("type") == "application/json"))
    cited = {s.citation.article for e in timeline.entries for s in e.sentences}
    assert set(data["articles"]) >= cited
    for entry in timeline.entries:
        for sentence in entry.sentences:
            article = data["articles"][sentence.citation.article]
            assert article["title"] == sentence.citation.title
            body = " ".join(b["text"] for b in article["blocks"])
            assert sentence.text.split()[0] in body


def test_the_script_is_allowed_by_its_hash_and_nothing_else_runs(
    demo: tuple[Timeline, list[Article]],
) -> None:
    text = timeline_to_html(*demo)
    page = _page(text)
    code = [t for a, t in page.scripts if a.get("type") != "application/json"]
    assert len(code) == 1
    digest = base64.b64encode(hashlib.sha256(code[0].encode()).digest()).decode()
    policy = next(
        a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert f"script-src 'sha256-{digest}';" in policy
    assert "</script" not in asset("timeline.js").lower()
    assert "innerHTML" not in asset("timeline.js")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "</script><script>alert(1)</script>",
            '"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"',
        ),
        ("<!-- x -->", '"\\u003c!-- x --\\u003e"'),
        ("a & b", '"a \\u0026 b"'),
        ("line\u2028sep", '"line\\u2028sep"'),
        ("Zoë — ’", '"Zoë — ’"'),
    ],
)
def test_script_json_escapes_what_could_end_the_block(value: str, expected: str) -> None:
    assert script_json(value) == expected
    assert json.loads(script_json(value)) == value


def test_hostile_article_is_never_written_raw(hostile: tuple[Timeline, list[Article]]) -> None:
    timeline, articles = hostile
    assert timeline.entries and articles
    text = timeline_to_html(timeline, articles)
    for payload in PAYLOADS.values():
        assert payload not in text
    for raw in ("<script>window", "</script><script>", "<svg", "<img", "<!-- </script>"):
        assert raw not in text
    assert "\\u003cscript\\u003ewindow.__pwned" in text
    page = _page(text)
    assert [t for t, _ in page.tags].count("script") == 2
    assert {tag for tag, _ in page.tags} <= _PAGE_TAGS
    data = json.loads(next(t for a, t in page.scripts if a.get("type") == "application/json"))
    article = data["articles"][articles[0].id]
    assert article["title"] == HOSTILE_ARTICLE["title"]
    assert re.search(r"javascript:", json.dumps(article))  # kept as data; the page never links it


def test_a_hostile_query_is_escaped_in_the_markup() -> None:
    from newsline.records import Timeline

    text = timeline_to_html(Timeline(query=PAYLOADS["script"] + PAYLOADS["attribute"], entries=()))
    assert PAYLOADS["script"] not in text and PAYLOADS["attribute"] not in text
    assert "<title>Timeline: &lt;script&gt;window.__pwned=&#x27;script&#x27;" in text
    page = _page(text)
    assert [t for t, _ in page.tags].count("script") == 2
    assert {tag for tag, _ in page.tags} <= _PAGE_TAGS


def test_the_page_with_its_evidence_and_coverage_is_byte_deterministic(
    demo: tuple[Timeline, list[Article]], tmp_path: Path
) -> None:
    """A second store of the same corpus gives the same page, byte for byte."""
    ingest_into(tmp_path / "again.db", EXAMPLES)
    again = store_timeline(tmp_path / "again.db", DEMO_QUERY)
    page = timeline_to_html(*demo)
    assert page == timeline_to_html(*again)
    assert '"evidence":{"mentions":[' in page and '"coverage":[{"day":' in page
