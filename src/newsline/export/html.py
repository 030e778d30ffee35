"""The timeline as ONE self-contained HTML file: an interactive, zoomable, searchable timeline
with every cited article's text in a side panel. Nothing is fetched when it opens.

Article text is untrusted. It reaches the page only (1) HTML-escaped in markup and (2) inside a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` written as ``\\u003c``,
``\\u003e``, ``\\u0026``, so no byte sequence in it can end the block or open a tag; the page's
script turns it into text nodes, never markup. A Content-Security-Policy allows only the
page's own inline script and style (by hash) and no network at all, as a second wall.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Iterable
from importlib import resources
from string import Template
from typing import Any

from newsline.export.json import timeline_to_dict
from newsline.records import Article, EntryEvidence, Timeline

_MOUNT = """
(function () {
  var data = JSON.parse(document.getElementById("newsline-data").textContent);
  var articles = data.articles || {};
  window.newslineTimeline = NewslineTimeline.mount(document.getElementById("newsline-timeline"), {
    timeline: data.timeline,
    getArticle: function (id) {
      return Object.prototype.hasOwnProperty.call(articles, id) ? articles[id] : null;
    }
  });
})();
"""
# U+2028/9 too: harmless to JSON.parse, but old engines read them as line ends in scripts.
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def timeline_to_html(timeline: Timeline, articles: Iterable[Article] = ()) -> str:
    """A standalone HTML page; ``articles`` cited by the timeline are embedded for the panel."""
    cited = cited_ids(timeline)
    data = {
        "timeline": timeline_to_dict(timeline),
        "articles": {a.id: panel_article(a) for a in articles if a.id in cited},
    }
    css = asset("timeline.css")
    js = asset("timeline.js") + _MOUNT
    summary = f"{_count(len(timeline.entries), 'date')} from {_count(timeline.articles, 'article')}"
    return Template(asset("timeline.html")).substitute(
        title=html.escape(f"Timeline: {timeline.query}"),
        summary=html.escape(summary),
        csp=html.escape(content_policy(scripts=[js], styles=[css]), quote=True),
        css=css,
        js=js,
        data=script_json(data),
    )


def panel_article(article: Article) -> dict[str, Any]:
    """What the article panel shows; the same keys as the store's article dict (a subset)."""
    return {
        "id": article.id,
        "title": article.title,
        "published": article.published.value,
        "agency": article.agency,
        "captions": list(article.captions),
        "blocks": [{"kind": b.kind, "text": b.text} for b in article.blocks],
        "sources": [{"outlet": article.source.outlet, "url": article.source.url}],
    }


def cited_ids(timeline: Timeline) -> set[str]:
    """Ids of every article the timeline cites: its sentences, the other sources' versions of
    conflicting entries, undated sentences, other sources' versions (``also``), the sentences
    that lent a date and the articles of each entry's evidence (the "why this date" links)."""
    sentences = [s for e in timeline.entries for s in (*e.sentences, *e.conflicts)] + list(
        timeline.undated
    )
    sentences += [v for s in sentences for v in s.also]
    cited = {s.citation.article for s in sentences}
    cited |= {s.matched.article for s in sentences if s.matched is not None}
    return cited | {a for e in timeline.entries if e.evidence for a in _evidence_ids(e.evidence)}


def _evidence_ids(evidence: EntryEvidence) -> set[str]:
    """The articles an entry's evidence links to: its time expressions and reports."""
    return {m.article for m in evidence.mentions} | {r.article for r in evidence.reports}


def script_json(data: object) -> str:
    """JSON that is safe inside a ``<script>`` element, whatever strings it holds."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return "".join(_JSON_ESCAPES.get(char, char) for char in text)


def content_policy(scripts: Iterable[str], styles: Iterable[str]) -> str:
    """A CSP that runs only these inline scripts and styles and loads nothing from anywhere."""
    script_hashes = " ".join(_hash(s) for s in scripts)
    style_hashes = " ".join(_hash(s) for s in styles)
    return (
        f"default-src 'none'; script-src {script_hashes}; style-src {style_hashes}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def asset(name: str) -> str:
    """A template file shipped with the package (timeline.js, timeline.css, timeline.html)."""
    return (resources.files("newsline.export") / "templates" / name).read_text(encoding="utf-8")


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")
