"""A large query's candidate dates, chosen from its articles' stored claims before any event.

A query matching tens of thousands of articles would make hundreds of thousands of events,
align and compare them all, and then show a few dozen dates. Past ``large_query_articles``
matches (:mod:`newsline.jobs`) the dates are chosen first, from each article's *claims* (the
dates its stored events state and how each was dated, read without making an event:
:func:`newsline.store.events.load_claims`). Order of work:

1. group the claims by date as the timeline groups events (the lead's ``pub_window`` days,
   the options' span and ``days_only``: :func:`newsline.stages.timeline.group_intervals`) and
   score each date as the timeline does (:func:`newsline.stages.date_features.claim_weight`:
   each article once, by its weightiest claim);
2. drop the vacuous dates and split off the background as the timeline does;
3. keep the ``large_query_dates`` x ``max_dates`` best dates of the story and as many times
   the background's places (a fifth of ``max_dates``, or what the story leaves), and the
   articles that state them: only their events are read, aligned and summarized.

What it gives up (measured on T17 forced, README): a date's score ignores the dates that
cross-source alignment would lend undated sentences (those of chronologies), and alignment
itself, the conflicts and the chronologies' undated sentences see only the chosen dates'
articles; a date whose sentences do not name the query is still ranked after those that do,
but only among the candidates; with ``dates="learned"`` the candidates are chosen by evidence
and the learned ranker orders them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from newsline.records import Article, Interval
from newsline.stages.align import might_open
from newsline.stages.date_features import Days, claim_weight
from newsline.stages.timeline import background, group_intervals, telling
from newsline.stages.timeline_options import TimelineOptions
from newsline.store.codec import Keep

Key = tuple[date, date, str]
#: Article id -> the dates its events state, each with how it was dated (each pair once).
Claims = Mapping[str, Sequence[tuple[Interval, str]]]


@dataclass(frozen=True, slots=True)
class Candidates:
    """The dates a large query's timeline chooses among, and the articles stating them."""

    dates: frozenset[Key]
    articles: frozenset[str]

    def keeps(self, options: TimelineOptions) -> Keep:
        """Which stored dated events of the stating articles to make (``codec.Keep``): those
        of a candidate date, and those that may open a chronology's entry, whatever their
        date (telling the chronologies, whose every event is read, as every match's would)."""
        known: dict[tuple[Interval, str], bool] = {}

        def keep(interval: Interval, dated_by: str, mention: str | None, text: str) -> bool:
            if might_open(dated_by, mention, text):
                return True
            wanted = known.get((interval, dated_by))
            if wanted is None:
                wanted = known[(interval, dated_by)] = any(
                    (i.start, i.end, i.granularity) in self.dates
                    for i in group_intervals(interval, dated_by, options)
                )
            return wanted

        return keep


def candidate_dates(
    claims: Claims, articles: Sequence[Article], options: TimelineOptions, per_place: float
) -> Candidates:
    """The ``per_place`` x ``max_dates`` best dates of the story and ``per_place`` x its places
    of the background by their claims' evidence, and the articles (of ``articles``, every
    match) stating them."""
    stating = claim_weights(claims, articles, options)
    scores = {key: sum(weights.values()) for key, weights in stating.items()}
    published = sorted(d for a in articles if (d := a.published.anchor()) is not None)
    scores = telling(scores, published)
    past = background(scores, published, options)
    ranked = sorted(scores, key=lambda k: (-scores[k], k))
    story = [k for k in ranked if k not in past]
    # the background takes a fifth of the places, or those the story leaves (as _choose does)
    past_places = max(options.max_dates // 5, options.max_dates - len(story))
    chosen = story[: _room(per_place, options.max_dates)]
    chosen += [k for k in ranked if k in past][: _room(per_place, past_places)]
    return Candidates(frozenset(chosen), frozenset(i for k in chosen for i in stating[k]))


def _room(per_place: float, places: int) -> int:
    """Candidates for ``places`` places, at least one when there is a place."""
    return max(int(per_place * places), 1) if places > 0 else 0


def claim_weights(
    claims: Claims, articles: Sequence[Article], options: TimelineOptions
) -> dict[Key, dict[str, float]]:
    """Each date the timeline would group the claims' events by, and the articles stating it
    with what each adds to its evidence (their sum: :func:`date_features.evidence` of the
    events' group)."""
    days = Days({a.id: a for a in articles})
    stating: dict[Key, dict[str, float]] = {}
    keys: dict[tuple[Interval, str], list[Key]] = {}  # articles share their few dates
    for article_id in sorted(claims):
        for interval, dated_by in claims[article_id]:
            weight = claim_weight(dated_by, interval, days, article_id, options)
            grouped = keys.get((interval, dated_by))
            if grouped is None:
                grouped = keys[(interval, dated_by)] = [
                    (i.start, i.end, i.granularity)
                    for i in group_intervals(interval, dated_by, options)
                ]
            for key in grouped:
                weights = stating.setdefault(key, {})
                if weight > weights.get(article_id, 0.0):
                    weights[article_id] = weight
    return stating
