"""A large query's candidate dates, chosen from its articles' stored claims before any event.

A query matching tens of thousands of articles would make hundreds of thousands of events,
align and compare them all, and then show a few dozen dates. From ``large_query_articles``
matches on (:mod:`newsline.jobs`) the dates are chosen first, from each article's *claims* (the
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
   summarized;
4. of a date stated by more than ``large_query_per_date`` articles (at 1M a date is stated
   by hundreds or thousands, and reading every stating article was half the matches), read
   that many, those headlined with the query first, then the weightiest claims (a later
   mention before one made at the time, a statement before a report), then by id (a content
   hash: a stable sample of the rest); the claims of the others are still its evidence
   (:attr:`Candidates.unread`, added to what the read ones give), and when none of its read
   sentences is about the query, the unread articles' stored sentences of the date are asked
   whether one names it (the timeline ranks such dates first; decoded then only, up to the
   first that does), so its rank, and the dates chosen, stay what every stating article
   makes them.

Read articles give their events of the candidate dates, those that may open a chronology's entry
(chronologies are told whole) and their other explicitly dated sentences naming the query (read
for the conflicts alone: a conflict with a date not chosen is seen); only the candidate dates
form the timeline's groups. When every date the claims state is a candidate (none cut), no date
is withheld: the timeline is the exact one over the articles stating them.

What it gives up (measured on T17 forced, README): a date's score ignores the dates that
cross-source alignment would lend undated sentences (those of chronologies); alignment and the
conflicts see only the candidate dates' articles (a sentence contradicting a shown one is read
only from such an article, and when it names the query); when candidates were cut, the ranges
alignment bounds a chronology's undated lines by (``dated_by: bounded``, never a claim) are not
shown, nor any lent date that is not a candidate; a date whose sentences do not name the query
is still ranked after those that do, but only among the candidates; with ``dates="learned"`` the
candidates are chosen by evidence and the learned ranker orders them (over the articles read).
Past ``large_query_per_date`` articles a date, its summary chooses among the sentences of those
read, its evidence lists and counts them (its score counts every one), and alignment and the
conflicts see them alone (the claims of the unread articles lend no date and contradict none),
and folding sees their sentences (a date whose read sentences all fold into a finer one is gone).
On the 1M store's 5 % query (README) its 76 candidate dates are stated by 277 to 1,212 articles
each: every stating article was 26,052 of the 44,163 matches, 100 a date read 5,789, and the 40
dates shown are the same.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from newsline.records import Article, Event, Interval
from newsline.stages.align import might_open
from newsline.stages.date_features import Days, Unread, claim_weight
from newsline.stages.timeline import background, group_intervals, telling
from newsline.stages.timeline_options import TimelineOptions
from newsline.store.codec import Keep

Key = tuple[date, date, str]
#: Article id -> the dates its events state, each with how it was dated (each pair once).
Claims = Mapping[str, Sequence[tuple[Interval, str]]]


@dataclass(frozen=True, slots=True)
class Candidates:
    """The dates a large query's timeline chooses among (None: every date, none was cut), and
    the articles stating them."""

    dates: frozenset[Key] | None
    articles: frozenset[str]
    #: each candidate date's articles stating it that are not read (past the cap of articles
    #: a date) and their evidence, which the timeline adds to what it reads
    unread: Mapping[Key, Unread] = field(default_factory=dict)

    def reads(self, options: TimelineOptions, names: Callable[[str], bool]) -> Keep:
        """Which stored dated events of the stating articles to make (``codec.Keep``): those
        :meth:`lends` accepts, and the other explicitly dated ones whose sentence ``names``
        accepts (it names the query), for the conflicts alone: a contradiction shares half the
        words of a shown sentence, and those shown name the query (the dates naming it come
        first). Every explicit claim of theirs would cost 40 % more CPU and 50 % more memory
        at 1M (fourth, 5 %: 380 -> 570 MB; petroleum, 15 %: 1.34 GB)."""
        wanted = self._wanted(options)

        def keep(interval: Interval, dated_by: str, mention: str | None, text: str) -> bool:
            if wanted(interval, dated_by) or might_open(dated_by, mention, text):
                return True
            return dated_by == "explicit" and names(text)

        return keep

    def _wanted(self, options: TimelineOptions) -> Callable[[Interval, str | None], bool]:
        """Whether a date (and how it was dated) is in a candidate date's group."""
        known: dict[tuple[Interval, str | None], bool] = {}

        def wanted(interval: Interval, dated_by: str | None) -> bool:
            found = known.get((interval, dated_by))
            if found is None:
                found = known[(interval, dated_by)] = self.dates is None or any(
                    (i.start, i.end, i.granularity) in self.dates
                    for i in group_intervals(interval, dated_by, options)
                )
            return found

        return wanted

    def lends(self, options: TimelineOptions) -> Callable[[Event], bool]:
        """Which events of the stating articles alignment and the timeline read: the undated
        ones, those of a candidate date and those that may open a chronology's entry, whatever
        their date (the chronologies told as every match's would be). The other dated ones are
        read for the conflicts alone (a shown sentence contradicted by another date)."""
        wanted = self._wanted(options)

        def lent(event: Event) -> bool:
            if event.interval is None:
                return True
            if might_open(event.dated_by, event.mention, event.text):
                return True
            return wanted(event.interval, event.dated_by)

        return lent


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
    per_date: int = 0,
    headlined: Callable[[str], bool] = lambda _: False,
) -> Candidates:
    """The ``per_place`` x ``max_dates`` (and ``spare``) best dates of the story and as many
    of the background's places by their claims' evidence, and the articles (of ``articles``,
    every match) stating them, at most ``per_date`` a date (0: all; :func:`readers`, which
    reads those ``headlined`` first); with every date chosen, ``dates`` is None and the
    articles are every one with a claim (those read, when a date is stated by more)."""
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
    read, unread = readers({k: stating[k] for k in chosen}, per_date, headlined)
    if len(chosen) == len(ranked):  # nothing cut: the exact timeline's dates, bounded ones too
        every = frozenset(i for i, pairs in claims.items() if pairs)
        return Candidates(None, every if not unread else read, unread)
    return Candidates(frozenset(chosen), read, unread)


def readers(
    stating: Mapping[Key, Mapping[str, float]],
    per_date: int,
    headlined: Callable[[str], bool] = lambda _: False,
) -> tuple[frozenset[str], dict[Key, Unread]]:
    """The articles read for these dates (each date's stating articles, those ``headlined``
    with the query first, then the weightiest claim, then by id; at most ``per_date`` a date,
    0: all), and each capped date's articles not read and their evidence, which keeps its rank
    what every stating article makes it. Headlined first: their sentences are about the query
    (the timeline ranks the dates of such sentences first) and summarize it best; then a later
    mention before one made at the time, and a stable sample of the rest."""
    read: set[str] = set()
    for weights in stating.values():
        if 0 < per_date < len(weights):
            first = sorted(weights, key=lambda i: (not headlined(i), -weights[i], i))
            read.update(first[:per_date])
        else:
            read.update(weights)
    unread = {}
    for key, weights in stating.items():
        left = [w for i, w in weights.items() if i not in read]
        if left:
            ids = tuple(sorted(i for i in weights if i not in read))
            unread[key] = Unread(ids, sum(left))
    return frozenset(read), unread


def states(claims: Sequence[tuple[Interval, str]], key: Key, options: TimelineOptions) -> bool:
    """Whether one of an article's claims is in the group of the date ``key``, as
    :func:`claim_weights` and the timeline group them (a lead's, in each of its window's
    days)."""
    return any(
        (i.start, i.end, i.granularity) == key
        for interval, dated_by in claims
        for i in group_intervals(interval, dated_by, options)
    )


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
