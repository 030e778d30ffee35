"""What a timeline's candidate dates are known by: the evidence score and the features of a
learned date ranker (news-tls's "datewise" regression over date features).

Order of work:

1. :func:`evidence` scores one date's group of events: distinct articles that state the date
   (a mention made after the fact weighs ``later_weight`` more), plus ``published_weight``
   for an article whose lead reports it as its news. This ranks dates by default
   (``TimelineOptions.dates="evidence"``) and sets what folding counts as well supported;
2. :func:`date_features` describes every date of a topic by :data:`DATE_FEATURES`: counts of
   what states it, reports it and lends it, of the articles published on it and in the week
   after, where it lies in the coverage, and how it compares with its neighbouring days.
   Counts are log-scaled and divided by the topic's largest, so that a model learned on one
   topic transfers to another of another size (``newsline.models.date_ranker``).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from newsline.records import Article, Event, Interval
from newsline.stages.timeline_options import TimelineOptions

Key = tuple[date, date, str]

# Log-scaled counts, each divided by the topic's largest (0 when no date has any).
COUNTS = (
    "evidence",  # the evidence score (:func:`evidence`)
    "stating",  # distinct articles stating the date explicitly
    "mentions",  # explicit mentions of the date
    "reporting",  # distinct articles whose lead reports the date as the day's news
    "later",  # distinct articles stating the date after it ended
    "later_days",  # mean log days between the date and the later mentions
    "borrowed",  # distinct articles lending the date to a sentence (aligned or bounded)
    "published_on",  # matching articles published on the date
    "published_after",  # matching articles published in the week after the date
)
# Already in [0, 1].
SHARES = (
    "neighbour",  # the stronger neighbouring day's evidence over the sum of both
    "position",  # where the date lies in the coverage: 0 its first day, 1 its last
    "before_coverage",  # 1 when the date ends before the first article appeared
)
DATE_FEATURES = COUNTS + SHARES
AFTER_DAYS = 7


@dataclass(frozen=True, slots=True)
class Unread:
    """A large query's candidate date's stating articles whose events were not read (past
    ``large_query_per_date``, :mod:`newsline.stages.date_claims`): which (by id; the timeline
    asks whether one is about the query when none read is), and the evidence their claims give
    the date (:func:`claim_weight`, each article once by its weightiest)."""

    ids: tuple[str, ...]
    evidence: float

    @property
    def articles(self) -> int:
        """How many stating articles were not read."""
        return len(self.ids)


def evidence(events: list[Event], by_id: Mapping[str, Article], options: TimelineOptions) -> float:
    """Distinct articles stating the date (later ones weighing more) plus those reporting it."""
    return _evidence(events, Days(by_id), options)


def evidence_scores(
    groups: Mapping[Key, list[Event]], by_id: Mapping[str, Article], options: TimelineOptions
) -> dict[Key, float]:
    """:func:`evidence` of each date's group, each article's day read once for all of them (a
    large query's dates hold hundreds of thousands of events): the same scores."""
    days = Days(by_id)
    return {key: _evidence(events, days, options) for key, events in groups.items()}


def _evidence(events: list[Event], days: Days, options: TimelineOptions) -> float:
    """:func:`evidence` with each article's day read from ``days``; a mention is later when
    :func:`later_days` finds it so."""
    stated: dict[str, float] = {}
    for event in events:
        weight = claim_weight(event.dated_by, event.interval, days, event.article_id, options)
        stated[event.article_id] = max(stated.get(event.article_id, 0.0), weight)
    return sum(stated.values())


def claim_weight(
    dated_by: str | None,
    interval: Interval | None,
    days: Mapping[str, date | None],
    article_id: str,
    options: TimelineOptions,
) -> float:
    """What one article's sentence dated ``interval`` by ``dated_by`` adds to its date's
    evidence (an article counts once, by its weightiest): ``published_weight`` for a lead
    reporting its publication day, 1 for a statement, ``later_weight`` more for one made after
    the date (``days``: article id -> its publication day)."""
    weight = options.published_weight if dated_by == "published" else 1.0
    if dated_by == "explicit" and interval is not None:
        day = days[article_id]
        if day is not None and day > interval.end:
            weight += options.later_weight
    return weight


class Days(dict[str, "date | None"]):
    """Article id -> its publication day (None when unknown, or not among ``by_id``), read
    when first asked for."""

    def __init__(self, by_id: Mapping[str, Article]) -> None:
        super().__init__()
        self.by_id = by_id

    def __missing__(self, article_id: str) -> date | None:
        article = self.by_id.get(article_id)
        day = self[article_id] = article.published.anchor() if article is not None else None
        return day


def date_features(
    groups: Mapping[Key, list[Event]], by_id: Mapping[str, Article], options: TimelineOptions
) -> tuple[list[Key], np.ndarray]:
    """The dates in key order and a (dates x :data:`DATE_FEATURES`) matrix, normalized per
    topic (the dates of ``groups``)."""
    keys = sorted(groups)
    days = sorted(d for a in by_id.values() if (d := a.published.anchor()) is not None)
    scores = evidence_scores({k: groups[k] for k in keys}, by_id, options)
    counts = np.array([_counts(groups[k], k, by_id, days, scores[k]) for k in keys]).reshape(
        len(keys), len(COUNTS)
    )
    counts = _normalized(np.log1p(counts))
    shares = np.array([_shares(k, scores, days) for k in keys]).reshape(len(keys), len(SHARES))
    return keys, np.hstack([counts, shares])


def _normalized(counts: np.ndarray) -> np.ndarray:
    """Each column divided by its largest value (a topic's sizes differ, their shape less)."""
    top = counts.max(axis=0, initial=0.0)
    return np.divide(counts, top, out=np.zeros_like(counts), where=top > 0)


def _counts(
    events: list[Event], key: Key, by_id: Mapping[str, Article], days: list[date], score: float
) -> list[float]:
    def articles(kind: str) -> int:
        return len({e.article_id for e in events if e.dated_by == kind})

    borrowed = {e.article_id for e in events if e.dated_by in ("aligned", "bounded")}
    lags = {e.article_id: lag for e in events if (lag := later_days(e, by_id)) is not None}
    start, end = key[0], key[1]
    after = _plus(end, AFTER_DAYS)
    return [
        score,
        articles("explicit"),
        sum(e.dated_by == "explicit" for e in events),
        articles("published"),
        len(lags),
        sum(math.log1p(v) for v in lags.values()) / len(lags) if lags else 0.0,
        len(borrowed),
        bisect_right(days, end) - bisect_left(days, start),
        bisect_right(days, after) - bisect_right(days, end),
    ]


def _shares(key: Key, scores: Mapping[Key, float], days: list[date]) -> list[float]:
    own = scores[key]
    near = max(
        (scores.get(_shifted(key, step), 0.0) for step in (-1, 1)),
        default=0.0,
    )
    neighbour = near / (own + near) if own + near > 0 else 0.0
    if not days:
        return [neighbour, 0.0, 0.0]
    span = max((days[-1] - days[0]).days, 1)
    position = min(max((key[0] - days[0]).days / span, 0.0), 1.0)
    return [neighbour, position, float(key[1] < days[0])]


def _shifted(key: Key, step: int) -> Key:
    return (_plus(key[0], step), _plus(key[1], step), key[2])


def _plus(day: date, days: int) -> date:
    """``day`` moved by ``days``, held at the calendar's ends: a range alignment bounds a
    chronology's last undated lines by is open-ended (``date.max``), and has no day after."""
    if days >= 0:
        return day + timedelta(days=days) if (date.max - day).days >= days else date.max
    return day + timedelta(days=days) if (day - date.min).days >= -days else date.min


def later_days(event: Event, by_id: Mapping[str, Article]) -> int | None:
    """Days between the end of an explicitly stated date and its statement, when after it."""
    article = by_id.get(event.article_id)
    if event.dated_by != "explicit" or article is None or event.interval is None:
        return None
    day = article.published.anchor()
    if day is None or day <= event.interval.end:
        return None
    return (day - event.interval.end).days
