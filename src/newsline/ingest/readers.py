"""Read one file's text into raw documents, choosing the reader from the content.

Detection order: feed (RSS/Atom XML), HTML, JSON lines (or a JSON array), else plain text,
which the split stage later cuts into articles when it is a multi-article dump.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from newsline.errors import InputError
from newsline.ingest.markup import read_feed, read_html
from newsline.records import RawDocument

_TEXT_KEYS = ("text", "body", "content", "article", "maintext")
_TITLE_KEYS = ("title", "headline")
_DATE_KEYS = ("published", "date", "date_publish", "publication_date", "pubdate", "time")
_ID_KEYS = ("id", "_id", "guid", "uid")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def detect_format(text: str, suffix: str = "") -> str:
    """'feed', 'html', 'jsonl' or 'text' from the first characters of the content."""
    head = text.lstrip()[:2048].lower()
    if head.startswith(("<?xml", "<rss", "<feed", "<rdf:rdf")) and re.search(
        r"<(rss|feed|rdf:rdf)\b", head
    ):
        return "feed"
    if head.startswith(("<!doctype html", "<html")) or re.search(r"<(body|article|div|p)\b", head):
        return "html"
    if head.startswith(("{", "[")) or suffix in (".jsonl", ".json", ".ndjson"):
        return "jsonl"
    return "text"


def read_documents(
    path: str, text: str, encoding: str, note: str | None, suffix: str = ""
) -> Iterator[RawDocument | InputError]:
    """Raw documents of one decoded file; a bad record inside yields an InputError, not a raise."""
    fmt = detect_format(text, suffix)
    if fmt == "feed":
        yield from read_feed(path, text, encoding)
    elif fmt == "html":
        yield read_html(path, text, encoding, note)
    elif fmt == "jsonl":
        yield from read_jsonl(path, text, encoding, note)
    else:
        yield RawDocument(path, 0, text, "text", encoding, (0, len(text)), encoding_note=note)


def read_jsonl(
    path: str, text: str, encoding: str, note: str | None
) -> Iterator[RawDocument | InputError]:
    """One document per JSON line (or per element of a JSON array); bad lines become errors."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = _loads(stripped)
        except json.JSONDecodeError as exc:
            yield InputError(f"malformed JSON array: {exc.msg} at line {exc.lineno}", path)
            return
        except ValueError as exc:
            yield InputError(f"JSON array {exc}", path)
            return
        for index, item in enumerate(items if isinstance(items, list) else [items]):
            yield _json_document(path, index, item, json.dumps(item), (0, 0), encoding, note)
        return
    yield from read_json_lines(path, text.split("\n"), encoding, note)


def read_json_lines(
    path: str, lines: Iterable[str | int], encoding: str, note: str | None, limit: int = 0
) -> Iterator[RawDocument | InputError]:
    """One document per JSON line; a line too long to hold comes as its length (see
    :func:`newsline.ingest.stream.read_lines`) and is reported with its place, like a bad one."""
    offset = 0
    for number, line in enumerate(lines, start=1):
        length = line if isinstance(line, int) else len(line)
        span = (offset, offset + length)
        offset += length + 1
        if isinstance(line, int):
            yield InputError(
                f"line {number} (characters {span[0]}-{span[1]}): record longer than {limit}"
                " characters, skipped",
                path,
            )
            continue
        if not line.strip():
            continue
        try:
            item = _loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"line {number}: malformed JSON ({exc.msg})", path)
            continue
        except ValueError as exc:
            yield InputError(f"line {number}: {exc}", path)
            continue
        yield _json_document(path, number, item, line, span, encoding, note)


def _loads(text: str) -> Any:
    """json.loads, and a ValueError saying why for JSON that is valid but holds no text a
    store can keep: nested past the parser's depth, or a lone surrogate escape (``\\ud800``)."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    if _SURROGATE_ESCAPE.search(text):  # rare: only then is the parsed value checked
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("text is not valid Unicode (a lone surrogate escape)") from None
    return value


def _first(item: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        if item.get(key) not in (None, ""):
            return item[key]
    return None


def _json_document(
    path: str,
    position: int,
    item: Any,
    raw: str,
    span: tuple[int, int],
    encoding: str,
    note: str | None,
) -> RawDocument | InputError:
    if not isinstance(item, dict):
        return InputError(
            f"record {position}: expected a JSON object, got {type(item).__name__}", path
        )
    body = _first(item, _TEXT_KEYS)
    if not isinstance(body, str) or not body.strip():
        return InputError(f"record {position}: no text (looked for {', '.join(_TEXT_KEYS)})", path)
    used = set(_TEXT_KEYS + _TITLE_KEYS + _DATE_KEYS + _ID_KEYS + ("source", "url", "link"))
    url = item.get("url") or item.get("link")
    outlet = item.get("source") if isinstance(item.get("source"), str) else None
    if outlet and outlet.startswith(("http://", "https://")):
        url, outlet = url or outlet, None
    ext_id = _first(item, _ID_KEYS)
    published = _first(item, _DATE_KEYS)
    return RawDocument(
        path=path,
        position=position,
        text=body,
        format="jsonl",
        encoding=encoding,
        span=span,
        title=str(_first(item, _TITLE_KEYS) or "") or None,
        published=str(published) if published is not None else None,
        outlet=outlet,
        url=str(url) if url else None,
        external_id=str(ext_id) if ext_id is not None else None,
        metadata={k: v for k, v in item.items() if k not in used},
        structured=True,
        encoding_note=note,
    )
