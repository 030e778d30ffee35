"""Readers for markup: HTML pages (trafilatura) and RSS/Atom feeds (feedparser)."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterator

import feedparser
import trafilatura

from newsline.errors import InputError
from newsline.records import Block, RawDocument

_HEADING_TAGS = {"head", "h1", "h2", "h3", "h4"}
_TAG = re.compile(r"<[^>]+>")


def read_html(path: str, text: str, encoding: str, note: str | None) -> RawDocument | InputError:
    """The article of a saved HTML page: title, date, and body blocks without page chrome."""
    try:
        doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura raises assorted parser errors on broken markup
        return InputError(f"HTML not parseable: {type(exc).__name__}", path)
    if doc is None or doc.body is None:
        return InputError("HTML has no article text", path)
    blocks = _blocks(doc.body, doc.title)
    if not blocks:
        return InputError("HTML has no article text", path)
    return RawDocument(
        path=path,
        position=0,
        text="\n\n".join(b.text for b in blocks),
        format="html",
        encoding=encoding,
        span=(0, len(text)),
        title=doc.title,
        published=doc.date,
        outlet=doc.sitename,
        url=doc.url,
        metadata={
            k: v for k, v in {"author": doc.author, "description": doc.description}.items() if v
        },
        structured=True,
        encoding_note=note,
        blocks=tuple(blocks),
    )


def _blocks(body: object, title: str | None) -> list[Block]:
    blocks: list[Block] = []
    for element in body:  # type: ignore[attr-defined]
        content = " ".join("".join(element.itertext()).split())
        if not content or (not blocks and title and content == title.strip()):
            continue
        kind = "heading" if element.tag in _HEADING_TAGS else "paragraph"
        blocks.append(Block(kind, content))
    return blocks


def read_feed(path: str, text: str, encoding: str) -> Iterator[RawDocument | InputError]:
    """One document per feed entry: title, summary or content, date and link."""
    try:
        parsed = feedparser.parse(text)
    except ValueError as exc:  # a declared encoding feedparser cannot even try ("\x00TF-8")
        yield InputError(f"feed not parseable: {exc}", path)
        return
    if parsed.bozo and not parsed.entries:
        yield InputError(f"feed not parseable: {parsed.get('bozo_exception')}", path)
        return
    outlet = parsed.feed.get("title")
    for index, entry in enumerate(parsed.entries):
        body = _entry_text(entry)
        if not body:
            yield InputError(f"feed entry {index}: no text", path)
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        yield RawDocument(
            path=path,
            position=index,
            text=body,
            format="feed",
            encoding=encoding,
            title=entry.get("title"),
            published=time.strftime("%Y-%m-%d", stamp) if stamp else None,
            outlet=outlet,
            url=entry.get("link"),
            external_id=entry.get("id"),
            structured=True,
        )


def _entry_text(entry: dict) -> str:  # type: ignore[type-arg]
    parts = [c.get("value", "") for c in entry.get("content", [])] or [entry.get("summary", "")]
    raw = "\n\n".join(p for p in parts if p)
    raw = re.sub(r"</p>|<br\s*/?>", "\n\n", raw, flags=re.IGNORECASE)
    paragraphs = [" ".join(html.unescape(_TAG.sub(" ", p)).split()) for p in raw.split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)
