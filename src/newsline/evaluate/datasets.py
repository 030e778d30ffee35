"""Readers for timeline-summarization benchmarks in the layout news-tls uses (Timeline17, Crisis).

A dataset is a folder of topics; each topic folder holds

- ``articles.jsonl``: one article a line, ``{id, source, published: YYYY-MM-DD, text}``, the text
  already tokenized, one sentence a line;
- ``timelines.jsonl``: one journalist timeline a line, ``{source, name, timeline}`` with
  ``timeline`` a list of ``[date, [sentences]]``;
- ``keywords.json``: the topic's query words.

A topic as its authors released it (T17 raw) has, instead of ``articles.jsonl``, folders of
plain-text pages (``<Outlet>/InputDocs/<YYYY-MM-DD>/<n>.htm.txt``): those folders are its input.

Timeline dates are read as news-tls reads them, and every departure from a plain ISO day is
noted on the record with its reason:

- a date that is not a valid day but starts with a valid ``YYYY-MM`` (T17's ``2011-04-0``) is
  read as the first of that month, as the ``arrow`` parser of news-tls's time did;
- any other unparseable date is dropped;
- when a date occurs twice the later summary wins (news-tls's ``Timeline`` builds a dict).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from newsline.errors import InputError


@dataclass(frozen=True, slots=True)
class GroundTruthTimeline:
    """A journalist's timeline: date -> the sentences written for that day."""

    name: str
    source: str
    entries: Mapping[date, tuple[str, ...]]
    notes: tuple[str, ...] = ()  # entries repaired or dropped, each with the reason

    @property
    def dates(self) -> list[date]:
        """The timeline's dates, earliest first."""
        return sorted(self.entries)


@dataclass(frozen=True, slots=True)
class BenchmarkArticle:
    """One input article of a benchmark topic; ``text`` holds one tokenized sentence a line."""

    id: str
    source: str
    published: date
    text: str

    @property
    def sentences(self) -> list[str]:
        """The non-empty sentences, in order; the first is the lead (often fused with the title)."""
        return [line.strip() for line in self.text.split("\n") if line.strip()]


@dataclass(frozen=True, slots=True)
class Topic:
    """One benchmark topic: where its articles are, its reference timelines and keywords."""

    name: str
    articles_path: Path
    timelines: tuple[GroundTruthTimeline, ...]
    keywords: tuple[str, ...]

    @property
    def inputs(self) -> tuple[Path, ...]:
        """What to ingest: ``articles.jsonl``, or else the topic's folders of pages."""
        if self.articles_path.is_file():
            return (self.articles_path,)
        return tuple(sorted(p for p in self.articles_path.parent.iterdir() if p.is_dir()))

    def articles(self) -> Iterator[BenchmarkArticle]:
        """The topic's articles, read lazily in file order."""
        return read_articles(self.articles_path)


def read_topics(root: Path | str) -> list[Topic]:
    """Every topic folder under ``root`` (those holding a ``timelines.jsonl``), sorted by name."""
    root = Path(root)
    if not root.is_dir():
        raise InputError("not a folder of benchmark topics", str(root))
    folders = sorted(p for p in root.iterdir() if (p / "timelines.jsonl").is_file())
    if not folders:
        raise InputError("no topic folder with a timelines.jsonl", str(root))
    return [read_topic(folder) for folder in folders]


def read_topic(folder: Path | str) -> Topic:
    """One topic folder; its articles are not read until asked for."""
    folder = Path(folder)
    has_pages = any(p.is_dir() for p in folder.iterdir()) if folder.is_dir() else False
    if not (folder / "articles.jsonl").is_file() and not has_pages:
        raise InputError(
            "no articles: a topic holds an articles.jsonl or folders of pages as released",
            str(folder),
        )
    keywords_path = folder / "keywords.json"
    keywords = json.loads(keywords_path.read_text("utf-8")) if keywords_path.is_file() else []
    return Topic(
        name=folder.name,
        articles_path=folder / "articles.jsonl",
        timelines=read_timelines(folder / "timelines.jsonl"),
        keywords=tuple(keywords),
    )


def read_timelines(path: Path | str) -> tuple[GroundTruthTimeline, ...]:
    """The reference timelines of a ``timelines.jsonl`` file, blank lines skipped."""
    timelines = []
    for number, record in _jsonl(Path(path)):
        try:
            timelines.append(parse_timeline(record))
        except (KeyError, TypeError, ValueError) as error:
            raise InputError(f"line {number}: not a timeline ({error})", str(path)) from error
    return tuple(timelines)


def parse_timeline(record: Mapping[str, Any]) -> GroundTruthTimeline:
    """A timeline record ``{source, name, timeline: [[date, [sentences]], ...]}``."""
    entries: dict[date, tuple[str, ...]] = {}
    notes: list[str] = []
    for day, sentences in record["timeline"]:
        parsed = parse_timeline_date(str(day), notes)
        if parsed is None:
            continue
        if parsed in entries:
            notes.append(f"duplicate date {parsed}: the later summary replaces the earlier")
        entries[parsed] = tuple(str(s) for s in sentences)
    return GroundTruthTimeline(
        name=str(record.get("name", "")),
        source=str(record.get("source", "")),
        entries=dict(sorted(entries.items())),
        notes=tuple(notes),
    )


def parse_timeline_date(text: str, notes: list[str]) -> date | None:
    """An ISO day; a broken day of a valid month is its first day; else None. Notes why."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        month = date.fromisoformat(text[:7] + "-01") if text[4:5] == "-" else None
    except ValueError:
        month = None
    if month is None:
        notes.append(f"unparseable date {text!r}: entry dropped")
    else:
        notes.append(f"date {text!r} is no day: read as {month} (the month's first day)")
    return month


def read_articles(path: Path | str) -> Iterator[BenchmarkArticle]:
    """The articles of an ``articles.jsonl`` file; a record without a valid date is an error."""
    for number, record in _jsonl(Path(path)):
        try:
            yield BenchmarkArticle(
                id=str(record["id"]),
                source=str(record.get("source", "")),
                published=date.fromisoformat(record["published"]),
                text=str(record["text"]),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise InputError(f"line {number}: not an article ({error})", str(path)) from error


def _jsonl(path: Path) -> Iterator[tuple[int, Any]]:
    if not path.is_file():
        raise InputError("file not found", str(path))
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(f"line {number}: not JSON ({error.msg})", str(path)) from error
