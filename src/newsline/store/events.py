"""EDGE: the stored sentence events of each article, derived data kept so queries reuse them.

Extracting events (sentences, time tagging, dating) costs far more per article than reading it,
and every timeline query needs the events of the articles it matches. So the events of an
article are computed once and kept in the ``events`` table (migration 5) under a key naming what
they depend on (:func:`newsline.stages.events.events_key`: the code's version and the settings
used). With ``ingest_events`` (the default) ingest computes a new article's events as it reads
it, and ``Store.write_batch`` stores them with the article, in one transaction; otherwise the
first query (or ``ingest --events``) that needs them does. Nothing is rebuilt: a changed key
recomputes lazily.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from newsline.records import Event, Interval
from newsline.store.codec import (
    Analyzed,
    Keep,
    events_from_payload,
    events_payload,
    payload_claims,
)
from newsline.store.db import Store, chunks

__all__ = ["iter_claims", "load_claims", "load_events", "missing_events", "save_events"]


def load_events(
    store: Store,
    ids: Iterable[str],
    key: str,
    undated: bool = True,
    analyzed: Analyzed | None = None,
    keep: Keep | None = None,
) -> dict[str, list[Event]]:
    """Article id -> its stored events made under ``key`` (articles without any: absent); only
    the dated ones unless ``undated`` (the undated sentences are then not even parsed);
    ``analyzed`` is given each dated sentence's stored analysis (``codec.events_payload``);
    with ``keep`` (not with ``undated``), only the dated events it accepts."""
    intervals: dict[tuple[str, str, str], Interval] = {}  # articles share dates: parse once
    return {
        article_id: events_from_payload(article_id, payload, intervals, undated, analyzed, keep)
        for article_id, payload in _payloads(store, ids, key)
    }


def _payloads(store: Store, ids: Iterable[str], key: str) -> Iterator[tuple[str, str]]:
    """(article id, its events' payload) of the articles ``ids`` with events under ``key``."""
    for chunk in chunks(sorted(set(ids))):
        marks = ",".join("?" * len(chunk))
        yield from store.conn.execute(
            f"SELECT article_id, events FROM events WHERE key = ? AND article_id IN ({marks})",
            [key, *chunk],
        )


def load_claims(
    store: Store, ids: Iterable[str], key: str, names: Callable[[str], bool] | None = None
) -> dict[str, list[tuple[Interval, str]]]:
    """Article id -> the dates its stored events made under ``key`` state, each with how it
    was dated (:func:`~newsline.store.codec.payload_claims`; with ``names``, of the sentences
    it accepts); articles without events under ``key``: absent. No event is made: this is what
    a large query ranks its dates by before it reads the events of the few it shows."""
    return dict(iter_claims(store, ids, key, names))


def iter_claims(
    store: Store, ids: Iterable[str], key: str, names: Callable[[str], bool] | None = None
) -> Iterator[tuple[str, list[tuple[Interval, str]]]]:
    """:func:`load_claims` one article at a time: a caller that stops at the first article it
    needs decodes no more."""
    intervals: dict[tuple[str, str, str], Interval] = {}
    for article_id, payload in _payloads(store, ids, key):
        yield article_id, payload_claims(payload, intervals, names)


def save_events(store: Store, key: str, events: Mapping[str, list[Event]]) -> None:
    """Store (or replace) articles' events under ``key``, in one transaction."""
    rows = [
        (article_id, key, events_payload(items)) for article_id, items in sorted(events.items())
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
