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
3. keep the ``large_query_dates`` x ``max_dates`` best dates of the story, and
   ``large_query_spare`` more (the timeline's choice folds some away, or ranks those whose
   sentences do not name the query last: exactly ``max_dates`` candidates would leave holes),
   and as many of the background's places (a fifth of ``max_dates``, or what the story
   leaves), and the articles that state them: only their events are read, aligned and
   summarized.

Read articles give every dated event they state (a conflict with another date of theirs is
seen, and their chronologies are told whole), but only the candidate dates form the timeline's
groups. When every date the claims state is a candidate (none cut), no date is withheld: the
timeline is the exact one over the articles stating them.

What it gives up (measured on T17 forced, README): a date's score ignores the dates that
cross-source alignment would lend undated sentences (those of chronologies); alignment and the
conflicts see only the candidate dates' articles (a sentence contradicting a shown one from an
article stating no candidate date is not read); when candidates were cut, the ranges alignment
bounds a chronology's undated lines by (``dated_by: bounded``, never a claim) are not shown, nor
any lent date that is not a candidate; a date whose sentences do not name the query is still
ranked after those that do, but only among the candidates; with ``dates="learned"`` the
candidates are chosen by evidence and the learned ranker orders them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from newsline.records import Article, Interval
from newsline.stages.date_features import Days, claim_weight
from newsline.stages.timeline import background, group_intervals, telling
from newsline.stages.timeline_options import TimelineOptions

Key = tuple[date, date, str]
#: Article id -> the dates its events state, each with how it was dated (each pair once).
Claims = Mapping[str, Sequence[tuple[Interval, str]]]


@dataclass(frozen=True, slots=True)
class Candidates:
    """The dates a large query's timeline chooses among (None: every date, none was cut), and
    the articles stating them."""

    dates: frozenset[Key] | None
    articles: frozenset[str]


#: The options whose values choose a large query's candidate dates (or its matches): a timeline
#: built with other values from the same :class:`~newsline.jobs.QueryEvents` needs its own.
CHOOSING = (
    "query",
    "any_term",
    "since",
    "until",
    "max_dates",
    "days_only",
    "sentences",
    "background",
    "background_days",
    "background_min_articles",
    "pub_window",
    "later_weight",
    "published_weight",
)


def changed_choice(chosen_for: TimelineOptions, options: TimelineOptions) -> list[str]:
    """The :data:`CHOOSING` options whose values differ between the two."""
    return [f for f in CHOOSING if getattr(chosen_for, f) != getattr(options, f)]


def candidate_dates(
    claims: Claims,
    articles: Sequence[Article],
    options: TimelineOptions,
    per_place: float,
    spare: int = 0,
) -> Candidates:
    """The ``per_place`` x ``max_dates`` (and ``spare``) best dates of the story and as many
    of the background's places by their claims' evidence, and the articles (of ``articles``,
    every match) stating them; with every date chosen, ``dates`` is None and the articles are
    every one with a claim."""
    stating = claim_weights(claims, articles, options)
    scores = {key: sum(weights.values()) for key, weights in stating.items()}
    published = sorted(d for a in articles if (d := a.published.anchor()) is not None)
    scores = telling(scores, published)
    past = background(scores, published, options)
    ranked = sorted(scores, key=lambda k: (-scores[k], k))
    story = [k for k in ranked if k not in past]
    # the background takes a fifth of the places, or those the story leaves (as _choose does)
    past_places = max(options.max_dates // 5, options.max_dates - len(story))
    chosen = story[: _room(per_place, spare, options.max_dates)]
    chosen += [k for k in ranked if k in past][: _room(per_place, spare, past_places)]
    if len(chosen) == len(ranked):  # nothing cut: the exact timeline's dates, bounded ones too
        return Candidates(None, frozenset(i for i, pairs in claims.items() if pairs))
    return Candidates(frozenset(chosen), frozenset(i for k in chosen for i in stating[k]))


def _room(per_place: float, spare: int, places: int) -> int:
    """Candidates for ``places`` places: ``per_place`` each and ``spare`` more, at least one
    when there is a place."""
    return max(math.ceil(per_place * places) + spare, 1) if places > 0 else 0


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
