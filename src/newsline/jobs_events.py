"""The events job: each article's sentence events, computed once and kept in the store.

Incremental like near-duplicate linking: only articles without events under the current key
(:func:`newsline.stages.events.events_key`) are processed, in id order, one transaction per
batch, so an interrupted run loses at most the batch in flight and the next run completes it.
Each article's extraction runs guarded (:class:`newsline.pipeline.Pipeline`): an article whose
extraction raises gets no events and a failure row instead, the others are stored, and since it
still has no events the next run (or query) computes them again.

With ``ingest_events`` ingest does this as it reads each article (:func:`with_events`, in the
same per-article stage as its dating, which shares its tagging); the store writes the events
with the article. What is left without events under the current key (older articles, a changed
key, a failed extraction) is computed here, by a query or by ``ingest --events``.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field, replace

from newsline.errors import StageError
from newsline.pipeline import Pipeline, failure_of, guard, record_path
from newsline.records import Article, Event, FileFailure, Interval
from newsline.settings import Settings
from newsline.stages.date_claims import Key, states
from newsline.stages.date_features import Unread
from newsline.stages.events import events_key, extract_events
from newsline.stages.timeline_options import TimelineOptions
from newsline.store import Store
from newsline.store import events as queries
from newsline.store.codec import Analyzed, Keep
from newsline.temporal import Tagger, TextTags

Computed = tuple[dict[str, list[Event]], list[FileFailure]]


@dataclass
class EventsSummary:
    """What deriving events did: articles that got them, and those whose extraction failed."""

    articles: int = 0
    failures: list[FileFailure] = field(default_factory=list)


def article_events(
    store: Store,
    articles: Sequence[Article],
    settings: Settings,
    undated: Callable[[Article, Sequence[Event]], bool] | None = None,
    analyzed: Analyzed | None = None,
    keep: Keep | None = None,
) -> tuple[list[Event], list[FileFailure]]:
    """The events of these articles, in their order: stored ones reused, the rest computed
    from the stored articles (and stored a few batches at a time, so the next query over them
    does not compute them again, and one cut short keeps what it computed); and the failures
    of the articles whose extraction failed (they contribute no events). ``articles`` may come
    without their bodies: those whose events are computed are read again whole.

    With ``undated`` (given an article and its dated events: whether its undated sentences
    are wanted too), the undated events of the other articles are left out, and their stored
    text not even parsed: most sentences state no date, and a query uses those of few articles.
    ``analyzed`` is given the stored analysis of each dated sentence read (for the query's
    :class:`~newsline.stages.similarity.SentenceTexts`). With ``keep`` (and ``undated``), of
    the stored dated events of an article whose undated ones are not wanted, only those it
    accepts (``codec.events_from_payload``; ``undated`` is asked with them).
    """
    key = events_key(settings)
    ids = (a.id for a in articles)
    keep = None if undated is None else keep
    known = queries.load_events(store, ids, key, undated is None, analyzed, keep)
    loaded = set(known)
    failures = _compute_missing(
        store, [a.id for a in articles if a.id not in known], settings, known
    )
    if undated is not None:
        known = _lean(store, key, articles, known, loaded, undated)
    return [event for article in articles for event in known.get(article.id, ())], failures


def article_claims(
    store: Store,
    articles: Sequence[Article],
    settings: Settings,
    names: Callable[[str], bool] | None = None,
) -> tuple[dict[str, list[tuple[Interval, str]]], list[FileFailure]]:
    """The dates each article's events state and how each was dated
    (:func:`newsline.store.events.load_claims`, with ``names``: of the sentences it accepts),
    the events of those without any computed and stored first (a few batches at a time, none
    kept: a first query over a large lazy store holds no more than a later one); and the
    failures of the articles whose extraction failed (they have no claims)."""
    key = events_key(settings)
    claims = queries.load_claims(store, (a.id for a in articles), key, names)
    missing = [a.id for a in articles if a.id not in claims]
    failures = _compute_missing(store, missing, settings)
    return claims | queries.load_claims(store, missing, key, names), failures


def unread_naming(
    store: Store,
    unread: Mapping[Key, Unread],
    names: Callable[[str], bool],
    options: TimelineOptions,
    settings: Settings,
) -> Callable[[Key], bool]:
    """Whether an article a large query did not read for a date (:class:`Unread`) has a
    sentence of that date that ``names`` accepts (it names the query). The timeline asks it of
    a capped date none of whose read sentences is about the query (it ranks the dates about
    the query first), so only then are those articles' stored sentences decoded, up to the
    first that does; each date's answer is remembered."""
    key = events_key(settings)
    known: dict[Key, bool] = {}

    def named(date: Key) -> bool:
        if date not in known:
            with closing(queries.iter_claims(store, unread[date].ids, key, names)) as found:
                known[date] = any(states(claims, date, options) for _, claims in found)
        return known[date]

    return named


def _compute_missing(
    store: Store,
    ids: list[str],
    settings: Settings,
    keep: dict[str, list[Event]] | None = None,
) -> list[FileFailure]:
    """Compute and store the events of the articles ``ids`` (read again whole), a few batches
    at a time, so a query cut short keeps what it computed; added to ``keep`` when given.
    Returns the failures of those whose extraction failed."""
    key = events_key(settings)
    failures: list[FileFailure] = []
    size = max(settings.batch_size, 1) * 4  # a spread batch pays for starting its processes
    for start in range(0, len(ids), size):
        whole = store.load_articles(ids[start : start + size], raw=False)
        made, failed = _compute_spread(whole, settings)
        queries.save_events(store, key, made)
        if keep is not None:
            keep.update(made)
        failures += failed
    return failures


def _lean(
    store: Store,
    key: str,
    articles: Sequence[Article],
    known: dict[str, list[Event]],
    loaded: set[str],
    undated: Callable[[Article, Sequence[Event]], bool],
) -> dict[str, list[Event]]:
    """Each article's dated events, or all its events where ``undated`` wants them: those
    computed now are whole, those ``loaded`` from the store are read again whole (the first
    reading parsed their dated events only)."""
    lean = {i: [e for e in events if e.interval is not None] for i, events in known.items()}
    whole = [a.id for a in articles if a.id in lean and undated(a, lean[a.id])]
    again = queries.load_events(store, [i for i in whole if i in loaded], key)
    return lean | {i: known[i] for i in whole if i not in loaded} | again


def with_events(
    article: Article, settings: Settings, tags: TextTags, failures: list[FileFailure]
) -> Article:
    """The article carrying its events (``ingest_events``), extracted with ``tags``, the
    tagging its dating made; guarded: an extraction that raises leaves the article without
    events (a query, or ``ingest --events``, computes them again) and adds a failure."""
    try:
        with guard("events", article):
            events = tuple(extract_events(article, settings, tags))
    except StageError as exc:
        failures.append(failure_of(record_path(article), exc))
        return article
    return replace(article, events=events)


def compute_events(articles: Iterable[Article], settings: Settings) -> Computed:
    """Article id -> its events, and a failure for each article whose extraction raised; pure
    (no store), so it can run on workers."""
    tagger = Tagger()
    pipeline = Pipeline([("events", lambda a: [(a.id, list(extract_events(a, settings, tagger)))])])
    return dict(pipeline.run(articles)), pipeline.failures


def _compute_spread(articles: list[Article], settings: Settings) -> Computed:
    """:func:`compute_events`, spread over ``event_workers`` processes when there are at least
    ``event_spread_min`` articles (a first query over a large store); the same result."""
    workers = settings.event_workers or min(os.cpu_count() or 1, 4)
    if workers <= 1 or len(articles) < settings.event_spread_min:
        return compute_events(articles, settings)
    chunks = [articles[i::workers] for i in range(workers)]
    # spawn, not fork: the caller may hold threads (a web server, a Dask client)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        parts = list(pool.map(compute_events, chunks, [settings] * workers))
    made: dict[str, list[Event]] = {}
    failures: list[FileFailure] = []
    for part, failed in parts:
        made.update(part)
        failures += failed
    return made, failures


def derive_events(
    store: Store,
    settings: Settings,
    compute: Callable[[list[Article], Settings], Computed] = compute_events,
    batch: int | None = None,
    skip: frozenset[str] = frozenset(),
) -> EventsSummary:
    """Compute and store the events of every article that has none under the current key.

    ``compute`` may run a batch elsewhere (the Dask engine passes one that spreads it over its
    workers); ``batch`` articles at a time (default ``settings.batch_size``). Articles in
    ``skip`` are left alone (this run's ingest just failed on them). Returns how many
    articles got events, and the failures of those whose extraction raised (left without
    events, so the next run tries them again).
    """
    key = events_key(settings)
    size = max(batch or settings.batch_size, 1)
    summary, last = EventsSummary(), ""
    while ids := queries.missing_events(store, key, size, last):
        last = ids[-1]
        if not (ids := [i for i in ids if i not in skip]):
            continue
        made, failures = compute(store.load_articles(ids), settings)
        queries.save_events(store, key, made)
        summary.articles += len(made)
        summary.failures.extend(failures)
    return summary
