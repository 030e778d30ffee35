"""An article as flat columns and back: the one codec of the store's rows and the Dask shards.

An :class:`~newsline.records.Article` becomes two flat mappings of plain values (text and
integers, lists and objects as JSON text): its ``articles`` table columns and its provenance's
``sources`` table columns. ``store/db.py`` (SQLite and PostgreSQL) writes and reads them as
rows; the Dask engine writes them as Parquet columns (the source's prefixed ``source_``).
An article's sentence events, when ingest computed them, travel as one JSON text
(:func:`events_payload`), the ``events`` table's column and the shards' ``events`` column.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from newsline.records import Article, Block, Event, Interval, PublicationDate, Source

#: The ``articles`` columns :func:`article_columns` gives, in table order (all text or NULL).
ARTICLE_COLUMNS = (
    "id title captions blocks body published published_granularity published_from"
    " published_evidence agency metadata"
).split()
#: The ``sources`` columns :func:`source_columns` gives, and which of them are integers.
SOURCE_COLUMNS = (
    "path position format encoding encoding_note span_start span_end raw external_id url outlet"
).split()
SOURCE_INTEGERS = frozenset({"position", "span_start", "span_end"})


def article_columns(a: Article) -> dict[str, Any]:
    """The article's own columns (its provenance apart)."""
    pub = a.published
    evidence = {
        "evidence": list(pub.evidence),
        "conflicts": list(pub.conflicts),
        "not_before": pub.not_before,
        "not_after": pub.not_after,
    }
    return {
        "id": a.id,
        "title": a.title,
        "captions": json.dumps(list(a.captions), ensure_ascii=False),
        "blocks": json.dumps([[b.kind, b.text] for b in a.blocks], ensure_ascii=False),
        "body": a.text,
        "published": pub.value,
        "published_granularity": pub.granularity,
        "published_from": pub.origin,
        "published_evidence": json.dumps(evidence, ensure_ascii=False),
        "agency": a.agency,
        "metadata": json.dumps(a.metadata, ensure_ascii=False, sort_keys=True, default=str),
    }


def source_columns(a: Article) -> dict[str, Any]:
    """The columns of the copy this article record was read from."""
    s = a.source
    return {
        "path": s.path,
        "position": s.position,
        "format": s.format,
        "encoding": s.encoding,
        "encoding_note": s.encoding_note,
        "span_start": s.span[0],
        "span_end": s.span[1],
        "raw": s.raw,
        "external_id": s.external_id,
        "url": s.url,
        "outlet": s.outlet,
    }


def article_from_columns(row: Mapping[str, Any], source: Mapping[str, Any]) -> Article:
    """The article :func:`article_columns` and :func:`source_columns` describe."""
    evidence = json.loads(row["published_evidence"])
    return Article(
        id=row["id"],
        title=row["title"],
        captions=tuple(json.loads(row["captions"])),
        blocks=tuple(Block(kind, text) for kind, text in json.loads(row["blocks"])),
        published=PublicationDate(
            value=row["published"],
            granularity=row["published_granularity"],
            origin=row["published_from"],
            evidence=tuple(evidence["evidence"]),
            conflicts=tuple(evidence["conflicts"]),
            not_before=evidence["not_before"],
            not_after=evidence.get("not_after"),
        ),
        source=Source(
            path=source["path"],
            position=source["position"],
            format=source["format"],
            encoding=source["encoding"],
            span=(source["span_start"], source["span_end"]),
            raw=source["raw"],
            external_id=source["external_id"],
            url=source["url"],
            outlet=source["outlet"],
            encoding_note=source["encoding_note"],
        ),
        agency=row["agency"],
        metadata=json.loads(row["metadata"]),
    )


def events_payload(events: Iterable[Event]) -> str:
    """One article's events as the JSON text the store keeps (the article id is the row's)."""
    return json.dumps([event_to_dict(e) for e in events], ensure_ascii=False)


def events_from_payload(article_id: str, payload: str) -> list[Event]:
    """The events :func:`events_payload` wrote."""
    return [event_from_dict(article_id, item) for item in json.loads(payload)]


def event_to_dict(event: Event) -> dict[str, Any]:
    """A JSON-ready form of an event (the article id is the row's)."""
    interval = event.interval
    return {
        "index": event.index,
        "text": event.text,
        "start": event.start,
        "end": event.end,
        "interval": None
        if interval is None
        else [_iso(interval.start), _iso(interval.end), interval.granularity],
        "dated_by": event.dated_by,
        "mention": event.mention,
        "entities": list(event.entities),
        "paragraph": event.paragraph,
        "matched": list(event.matched) if event.matched else None,
        "similarity": event.similarity,
    }


def event_from_dict(article_id: str, item: dict[str, Any]) -> Event:
    """The event :func:`event_to_dict` wrote."""
    interval = item["interval"]
    matched = item["matched"]
    return Event(
        article_id=article_id,
        index=item["index"],
        text=item["text"],
        start=item["start"],
        end=item["end"],
        interval=None
        if interval is None
        else Interval(_day(interval[0]), _day(interval[1]), interval[2]),
        dated_by=item["dated_by"],
        mention=item["mention"],
        entities=tuple(item["entities"]),
        paragraph=item["paragraph"],
        matched=(matched[0], matched[1]) if matched else None,
        similarity=item["similarity"],
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text is not None else None
