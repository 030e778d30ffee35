"""The events job: each article's sentence events, computed once and kept in the store.

Incremental like near-duplicate linking: only articles without events under the current key
(:func:`newsline.stages.events.events_key`) are processed, in id order, one transaction per
batch, so an interrupted run loses at most the batch in flight and the next run completes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from newsline.records import Article, Event
from newsline.settings import Settings
from newsline.stages.events import events_key, extract_events
from newsline.store import Store
from newsline.store import events as queries
from newsline.temporal import Tagger


def article_events(store: Store, articles: Sequence[Article], settings: Settings) -> list[Event]:
    """The events of these articles, in their order: stored ones reused, the rest computed
    and stored ``batch_size`` articles at a time (so the next query over them does not compute
    them again, and one cut short keeps what it computed)."""
    key = events_key(settings)
    known = queries.load_events(store, (a.id for a in articles), key)
    todo = [a for a in articles if a.id not in known]
    size = max(settings.batch_size, 1)
    for start in range(0, len(todo), size):
        made = compute_events(todo[start : start + size], settings)
        queries.save_events(store, key, made)
        known.update(made)
    return [event for article in articles for event in known[article.id]]


def compute_events(articles: Iterable[Article], settings: Settings) -> dict[str, list[Event]]:
    """Article id -> its events; pure (no store), so it can run on workers."""
    tagger = Tagger()
    return {a.id: list(extract_events(a, settings, tagger)) for a in articles}


def derive_events(
    store: Store,
    settings: Settings,
    compute: Callable[[list[Article], Settings], dict[str, list[Event]]] = compute_events,
    batch: int | None = None,
) -> int:
    """Compute and store the events of every article that has none under the current key.

    ``compute`` may run a batch elsewhere (the Dask engine passes one that spreads it over its
    workers); ``batch`` articles at a time (default ``settings.batch_size``). Returns how many
    articles got events.
    """
    key = events_key(settings)
    size = max(batch or settings.batch_size, 1)
    done, last = 0, ""
    while ids := queries.missing_events(store, key, size, last):
        last = ids[-1]
        articles = store.load_articles(ids)
        queries.save_events(store, key, compute(articles, settings))
        done += len(articles)
    return done
