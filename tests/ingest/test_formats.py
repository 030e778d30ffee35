"""JSONL of the T17 layout, HTML pages and feeds ingest with their metadata."""

from __future__ import annotations

import json
from pathlib import Path

from newsline.ingest.readers import detect_format
from newsline.jobs import articles_from_text, ingest
from newsline.settings import Settings
from newsline.store import Store
from tests.conftest import shared_path

PAGE = """<!DOCTYPE html><html><head><title>Tram line opens | Riverside Herald</title>
<meta property="og:site_name" content="Riverside Herald">
<meta property="article:published_time" content="2024-05-14T08:30:00+00:00"></head>
<body><nav><a href="/">Home</a> <a href="/city">City</a></nav>
<div class="cookie">We use cookies. <button>Accept</button></div>
<article><h1>Tram line opens after four years of works</h1>
<p>The first tram on the new eastern line left the central station at 6 a.m. on Tuesday, carrying
commuters who had waited four years for the route to open.</p>
<h2>Delays and costs</h2>
<p>The project ran two years late and cost a third more than planned, the city's transport
department said in a statement, blaming supply problems and a contractor dispute.</p>
</article><footer>Copyright Riverside Herald. Related: <a href="/x">Bus fares rise</a></footer></body></html>"""

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Valley News</title><link>https://valley.example/</link>
<item><title>Dam inspection finds no damage</title><link>https://valley.example/dam</link>
<pubDate>Wed, 10 Apr 2024 09:00:00 GMT</pubDate>
<description>&lt;p&gt;Engineers who inspected the dam after last week's tremor found no damage, the water board said.&lt;/p&gt;</description></item>
<item><title>School reopens</title><link>https://valley.example/school</link>
<pubDate>Thu, 11 Apr 2024 07:00:00 GMT</pubDate>
<description>The village school reopened on Thursday after repairs to its roof.</description></item>
</channel></rss>"""


def test_format_detection() -> None:
    assert detect_format(PAGE) == "html"
    assert detect_format(FEED) == "feed"
    assert detect_format('{"text": "x"}\n') == "jsonl"
    assert detect_format("Headline\n\nBody.") == "text"


def test_html_page_keeps_article_drops_chrome() -> None:
    (article,), failures, _ = articles_from_text("page.html", PAGE, Settings())
    assert not failures
    assert article.title == "Tram line opens after four years of works"
    assert article.published.value == "2024-05-14" and article.published.origin == "metadata"
    assert [b.kind for b in article.blocks] == ["paragraph", "heading", "paragraph"]
    assert "cookies" not in article.text and "Bus fares" not in article.text


def test_feed_entries_become_articles() -> None:
    articles, failures, _ = articles_from_text("valley.rss", FEED, Settings())
    assert not failures
    assert [(a.title, a.published.value) for a in articles] == [
        ("Dam inspection finds no damage", "2024-04-10"),
        ("School reopens", "2024-04-11"),
    ]
    assert articles[0].text.startswith("Engineers who inspected") and "<p>" not in articles[0].text
    assert articles[0].source.url == "https://valley.example/dam"


def test_t17_articles_all_stored(tmp_path: Path) -> None:
    files = sorted(shared_path("data", "t17").glob("*/articles.jsonl"))
    ids = {
        json.loads(line)["id"]
        for f in files
        for line in f.read_text().splitlines()
        if json.loads(line)["text"].strip()
    }
    with Store(tmp_path / "t17.db") as store:
        summary = ingest([str(f) for f in files], store)
        assert summary.ok
        stored = {row[0] for row in store.conn.execute("SELECT external_id FROM sources")}
    # Two Reuters records hold nothing but the site's footer: dropped as empty, and said so.
    assert summary.dropped == {"empty article: no body text": 2}
    assert ids - stored == {"reuters-2009-05-07-327", "reuters-2009-06-11-182"}
    assert stored <= ids
