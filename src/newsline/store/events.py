"""EDGE: the stored sentence events of each article, derived data kept so queries reuse them.

Extracting events (sentences, time tagging, dating) costs far more per article than reading it,
and every timeline query needs the events of the articles it matches. So the events of an
article are computed once, the first time a query (or ``ingest --events``) needs them, and kept
in the ``events`` table (migration 5) under a key naming what they depend on
(:func:`newsline.stages.events.events_key`: the code's version and the settings used). New
articles get theirs when first needed; nothing is rebuilt; a changed key recomputes lazily.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from newsline.records import Event, Interval
from newsline.store.db import Store, chunks


def load_events(store: Store, ids: Iterable[str], key: str) -> dict[str, list[Event]]:
    """Article id -> its stored events made under ``key`` (articles without any: absent)."""
    found: dict[str, list[Event]] = {}
    for chunk in chunks(sorted(set(ids))):
        marks = ",".join("?" * len(chunk))
        rows = store.conn.execute(
            f"SELECT article_id, events FROM events WHERE key = ? AND article_id IN ({marks})",
            [key, *chunk],
        )
        for article_id, payload in rows:
            found[article_id] = [event_from_dict(article_id, item) for item in json.loads(payload)]
    return found


def save_events(store: Store, key: str, events: Mapping[str, list[Event]]) -> None:
    """Store (or replace) articles' events under ``key``, in one transaction."""
    rows = [
        (article_id, key, json.dumps([event_to_dict(e) for e in items], ensure_ascii=False))
        for article_id, items in sorted(events.items())
    ]
    store.conn.execute("BEGIN IMMEDIATE")
    try:
        store.conn.executemany(
            "INSERT OR REPLACE INTO events (article_id, key, events) VALUES (?, ?, ?)", rows
        )
        store.conn.execute("COMMIT")
    except BaseException:
        store.conn.execute("ROLLBACK")
        raise


def missing_events(store: Store, key: str, limit: int, after: str = "") -> list[str]:
    """Up to ``limit`` article ids above ``after``, in id order, without events under ``key``."""
    rows = store.conn.execute(
        "SELECT a.id FROM articles a LEFT JOIN events e ON e.article_id = a.id"
        " WHERE a.id > ? AND (e.article_id IS NULL OR e.key != ?) ORDER BY a.id LIMIT ?",
        (after, key, limit),
    )
    return [row[0] for row in rows]


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
