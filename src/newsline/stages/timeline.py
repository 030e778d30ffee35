"""From dated events to a timeline: choose the dates that matter, summarize each, cite all.

Order of work:

1. group dated events into entries by their interval (a day, a month, a year, a range); the
   lead of an article published on day p reports news of p, and with ``pub_window`` 2 also of
   p - 1 (morning papers report yesterday);
2. rank entries by evidence: distinct articles that state the date explicitly (mentions made
   after the fact weigh more: they show the date mattered), plus articles reporting it
   (:func:`newsline.stages.date_features.evidence`). With ``dates="learned"`` a logistic
   regression over the dates' features ranks them instead (:mod:`newsline.models.date_ranker`,
   news-tls's "datewise"); on the T17 topics it trained on it scored a lower date F1 than the
   evidence, held out and in-sample (``benchmarks/train_date_ranker.py``), so it is an option;
3. keep the ``max_dates`` best entries (all of them when fewer), sorted by date;
4. summarize each entry with ``per_date`` sentences chosen greedily for *coverage*: the words
   that at least ``min_support`` of the entry's articles use are what the day is about, each
   weighing as many articles as use it; a sentence gains the weight of the words it adds to
   those already chosen, divided by its length to the power ``length_norm`` (concept coverage,
   as in Gillick & Favre's summarizer, so a second sentence tells something the first did
   not). The gain, scaled to the best one, is added to a preference for sentences that name
   the query, read like a chronology line and are complete (``sentence_scores.form``). An
   entry whose articles share no such word (one or two articles) falls back to the closeness
   to the date's vector, the words both the sentences stating the date and the day's reports
   use (DATEWISE's date vector), which is also the whole of ``summarizer="centroid"``.
   Near-repeats across sources and neighbouring entries are skipped (a near-repeat from
   another source, or a claim dated by matching a chosen sentence, becomes that sentence's
   ``also`` citation). With ``TimelineOptions.ranker`` a learned linear model over
   :data:`FEATURES` orders the sentences instead
   (:mod:`newsline.models.tls_ranker`); it scored lower on topics it was not trained on.
   Before summarizing, the chosen entries' mentions of one happening at a coarser date or on
   the neighbouring day fold into the entry of its finest well-supported date
   (:mod:`newsline.stages.fold`), and entries left empty make room for the next best dates;
5. an entry's sentences are shown without the time expression that dated them, which the
   entry's label carries (:mod:`newsline.stages.statement`); a conflicting version keeps its
   own, as its date is not the entry's. A plan's sentence (:mod:`newsline.stages.plans`)
   keeps its date, which is what is planned, and is marked ``expected``; no line keeps a
   chronology's date mark at its head;
6. each entry gets its evidence, from all its events and those folded into it
   (:mod:`newsline.stages.evidence`), and the timeline the matching articles' publication
   days (the coverage chart).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import TypeVar

import numpy as np

from newsline.records import (
    Article,
    Citation,
    EntrySentence,
    Event,
    Interval,
    Timeline,
    TimelineEntry,
)
from newsline.stages.align import Conflict
from newsline.stages.clean import fold
from newsline.stages.date_features import (
    DATE_FEATURES,
    Unread,
    date_features,
    evidence,
    evidence_scores,
)
from newsline.stages.evidence import article_texts, coverage, entry_evidence, index_events
from newsline.stages.fold import fold as fold_entries
from newsline.stages.plans import is_plan
from newsline.stages.query import Query
from newsline.stages.sentence_scores import FEATURES, date_vector, form, sentence_features
from newsline.stages.similarity import SentenceTexts, SentenceVectors, terms
from newsline.stages.statement import statement, without_mark
from newsline.stages.timeline_options import SUMMARIZERS, TimelineOptions

__all__ = [
    "FEATURES",
    "SUMMARIZERS",
    "TimelineOptions",
    "build_timeline",
    "candidate_features",
    "candidate_groups",
    "date_candidates",
    "sentence_features",
]


Key = tuple[date, date, str]
V = TypeVar("V")


def build_timeline(
    query: Query,
    articles: Sequence[Article],
    events: Iterable[Event],
    options: TimelineOptions,
    disputes: Sequence[Conflict] | Callable[[Sequence[Event]], Sequence[Conflict]] = (),
    analyzed: SentenceTexts | None = None,
    bodies: Mapping[str, str] | None = None,
    dates: Collection[Key] | None = None,
    unread: Mapping[Key, Unread] | None = None,
    unread_naming: Callable[[Key], bool] | None = None,
) -> Timeline:
    """A timeline for ``query`` from the events of the articles that match it.

    Each entry shows at most ``per_date`` sentences, whatever dated them; other sources' versions
    of a chosen sentence (the same text, a claim aligned to it, a close rewrite) become more
    citations of it (``also``). ``disputes`` mark the entries they touch as conflicting, with the
    other version attached (given as a function, it is asked once the dates are chosen, for
    the conflicts of the candidate sentences: ``newsline.jobs.query_events``). ``analyzed``:
    the sentences as the query's earlier stages analyzed them. ``bodies``: the articles' body
    texts by id, when ``articles`` come without them (the evidence finds its time expressions in
    the bodies of the articles it cites). ``dates``: the only dates it may choose among (a large
    query's, :func:`newsline.stages.date_claims.candidate_dates`), ``events`` those of the
    articles stating them; ``articles`` are still every match (the coverage, the headlines).
    ``unread``: a date's articles stating it whose events were not read (a large query reads
    a few hundred a date): their evidence is added to its score, and they are counted in its
    evidence; ``unread_naming`` says whether one of them has a sentence of the date naming the
    query (asked only of a date none of whose read sentences is about it: such a date is ranked
    among those about the query as it would be with every article read).
    """
    if options.ranker is not None and options.ranker.features != FEATURES:
        raise ValueError(
            f"ranker {options.ranker.name} was trained on other features than this version"
            " computes; retrain it with benchmarks/train_tls_ranker.py"
        )
    by_id = {a.id: a for a in articles}
    events = list(events)
    pool = _Pool(events, by_id, options, query, analyzed, dates, unread, unread_naming)
    if callable(disputes):
        disputes = disputes(pool.candidates)
    entries = []
    used: list[int] = []
    # A disputed claim is never dropped as a repeat: both versions must show.
    disputed = {(e.article_id, e.index) for c in disputes for e in (c.first, c.second)}
    lookup = index_events(events)
    bodies = article_texts(by_id) if bodies is None else bodies
    # an entry's cited articles' bodies read at once, not one by one; one entry's at a time,
    # not every entry's (a large query's entries cite tens of thousands of articles)
    prefetch = getattr(bodies, "prefetch", None)
    for key, rows in pool.entries():
        picked = _summarize(rows, pool, query, options, used, disputed)
        if picked:
            versions = _versions(picked, rows, pool, options)
            entry = _entry(key, versions, pool, disputes, lookup)
            folded = pool.folded.get(key, [])
            if prefetch is not None:
                prefetch(_cited(pool.groups[key], folded))
            unread = pool.unread.get(key)
            why = entry_evidence(
                pool.groups[key],
                entry.score,
                by_id,
                lookup,
                options,
                folded,
                bodies,
                0 if unread is None else unread.articles,
            )
            entries.append(replace(entry, evidence=why))
    undated = tuple(
        _entry_sentence(e, by_id, lookup, plan=pool.is_plan(e))
        for e in _unplaced(events, by_id, query)
    )
    return Timeline(
        query=query.text,
        entries=tuple(entries),
        articles=len(by_id),
        undated=undated,
        coverage=coverage(by_id.values()),
    )


def candidate_features(
    query: Query, articles: Sequence[Article], events: Iterable[Event], options: TimelineOptions
) -> list[tuple[Key, list[Event], np.ndarray]]:
    """For each chosen entry: the sentences the ranker chooses among and their features.

    This is what a sentence ranker is trained on (``benchmarks/train_tls_ranker.py``).
    """
    pool = _Pool(list(events), {a.id: a for a in articles}, options, query)
    out = []
    for key, rows in pool.entries():
        own = _unique(rows, pool.keys)
        if own:
            matrix = sentence_features(own, pool, query, options)
            out.append((key, [pool.candidates[r] for r in own], matrix))
    return out


def date_candidates(
    query: Query, articles: Sequence[Article], events: Iterable[Event], options: TimelineOptions
) -> tuple[list[Key], np.ndarray]:
    """Every candidate date of the timeline and its features (:data:`DATE_FEATURES`), before
    any is chosen: what a date ranker is trained on (``benchmarks/train_date_ranker.py``)."""
    groups = candidate_groups(query, events, options)
    return date_features(groups, {a.id: a for a in articles}, options)


def candidate_groups(
    query: Query,
    events: Iterable[Event],
    options: TimelineOptions,
    only: Collection[Key] | None = None,
) -> dict[Key, list[Event]]:
    """Every candidate date of the timeline and the events that support it, before any is
    chosen or folded: what :func:`evidence` scores (``benchmarks/date_errors.py`` reads them);
    with ``only``, those dates alone (a large query's, chosen first from its stored claims:
    :mod:`newsline.stages.date_claims`)."""
    events = list(events)
    if options.sentences == "naming":
        events = [e for e in events if query.names_any(e.text)]
    elif options.sentences == "keyword":
        events = [e for e in events if query.holds_any(e.text)]
    groups = _group(events, options)
    return groups if only is None else {k: v for k, v in groups.items() if k in only}


def _learned(
    groups: dict[Key, list[Event]], by_id: dict[str, Article], options: TimelineOptions
) -> dict[Key, float]:
    """Each date's score by the learned date ranker."""
    ranker = options.date_ranker
    if ranker is None or ranker.features != DATE_FEATURES:
        raise ValueError(
            "dates=learned needs a date ranker trained on the features this version computes;"
            " retrain it with benchmarks/train_date_ranker.py"
        )
    keys, matrix = date_features(groups, by_id, options)
    return dict(zip(keys, (float(v) for v in ranker.scores(matrix)), strict=True))


class _Pool:
    """The chosen entries' candidate sentences, their vectors and the articles they cite."""

    def __init__(
        self,
        events: list[Event],
        by_id: dict[str, Article],
        options: TimelineOptions,
        query: Query,
        analyzed: SentenceTexts | None = None,
        dates: Collection[Key] | None = None,
        unread: Mapping[Key, Unread] | None = None,
        unread_naming: Callable[[Key], bool] | None = None,
    ) -> None:
        self.by_id = by_id
        self.options = options
        self._plans: dict[tuple[str, int, str | None], bool] = {}
        # the matching articles' days, oldest first: the coverage both tests below read
        days = sorted(d for a in by_id.values() if (d := a.published.anchor()) is not None)
        self.groups = telling(candidate_groups(query, events, options, dates), days)
        self.background = background(self.groups, days, options)
        self.unread = unread or {}
        scores = evidence_scores(self.groups, by_id, options)
        for key in scores.keys() & self.unread.keys():  # ranked as if every article were read
            scores[key] += self.unread[key].evidence
        order = scores if options.dates == "evidence" else _learned(self.groups, by_id, options)
        # A date whose sentences neither name the query nor come from an article whose
        # headline does is another story's (the Ganges named India's national river, on a
        # radio listings page that names the query elsewhere): it comes after those that do,
        # to fill places or fold into them.
        self.query = query
        # a headline's capitals are no names ("Fans Mourn Jackson"): any term names it
        self.titled = {i for i, a in by_id.items() if query.names_any(a.title)}
        self._naming: dict[str, bool] = {}
        naming = {k for k, v in self.groups.items() if any(self.about(e) for e in v)}
        unsure = self.unread.keys() & self.groups.keys() - naming
        naming |= {k for k in unsure if self._unread_about(k, unread_naming)}
        ranked = sorted(self.groups, key=lambda k: (k not in naming, -order[k], k))
        self.folded: dict[Key, list[Event]] = {}
        self.chosen = self._choose(ranked, scores, query)
        self.candidates = [e for k in self.chosen for e in self.groups[k]]
        self.vectors = SentenceVectors([e.text for e in self.candidates], analyzed)
        self.keys = [fold(e.text) for e in self.candidates]  # each row's text compared
        self.copies = Counter(self.keys)
        self._terms: dict[int, tuple[frozenset[str], int]] = {}

    def unread_evidence(self, key: Key) -> float:
        """What the date's unread stating articles add to its evidence (0: all were read)."""
        unread = self.unread.get(key)
        return 0.0 if unread is None else unread.evidence

    def _unread_about(self, key: Key, named: Callable[[Key], bool] | None) -> bool:
        """Whether one of the date's unread stating articles is about the query: headlined with
        it, or (``named``, which reads their stored sentences) with a sentence of the date
        naming it."""
        if any(i in self.titled for i in self.unread[key].ids):
            return True
        return named is not None and named(key)

    def about(self, event: Event) -> bool:
        """Whether the sentence names the query or comes from an article headlined with it."""
        # the protocol's keyword filter kept only sentences holding a term: all are about it
        if event.article_id in self.titled or self.options.sentences == "keyword":
            return True
        named = self._naming.get(event.text)  # a lead is in the groups of two days
        if named is None:
            named = self._naming[event.text] = self.query.names_own(event.text)
        return named

    def is_plan(self, event: Event) -> bool:
        """Whether the sentence speaks of a plan for its date (:func:`plans.is_plan`)."""
        key = (event.article_id, event.index, event.mention)
        if key not in self._plans:
            article = self.by_id.get(event.article_id)
            published = article.published.anchor() if article is not None else None
            self._plans[key] = is_plan(event, published)
        return self._plans[key]

    def _choose(self, ranked: list[Key], scores: dict[Key, float], query: Query) -> list[Key]:
        """The best ``max_dates`` entries once folded: an entry that folds away entirely
        makes room for the next best (and stays in the folding, as it lends its support)."""
        options = self.options
        gone: set[Key] = set()
        while True:
            chosen = _choose(
                [k for k in ranked if k not in gone], self.background, options.max_dates
            )
            if not options.fold:
                return sorted(chosen)
            keys = chosen + sorted(gone)
            folding = fold_entries(
                {k: self.groups[k] for k in keys}, scores, self.is_plan, query, options
            )
            new = folding.gone - gone
            if not new or len(ranked) <= len(gone) + len(chosen):
                break
            gone |= new
        for key in keys:
            self.groups[key] = folding.own[key]
        self.folded = folding.folded
        return sorted(k for k in keys if folding.own[k])

    def terms(self, row: int) -> tuple[frozenset[str], int]:
        """The words a candidate sentence would add to a summary, and its length in words."""
        if row not in self._terms:
            text = self.candidates[row].text
            self._terms[row] = (terms(text), max(len(text.split()), 1))
        return self._terms[row]

    def entries(self) -> Iterable[tuple[Key, list[int]]]:
        """Each chosen entry's key and its rows in ``candidates``, by date."""
        start = 0
        for key in self.chosen:
            yield key, list(range(start, start + len(self.groups[key])))
            start += len(self.groups[key])


# A date this long that holds the whole coverage says nothing of when ("This is the 21st
# century", "in this decade", said of the story).
_VACUOUS_DAYS = 3650


def telling(groups: Mapping[Key, V], days: list[date]) -> dict[Key, V]:
    """The groups without dates of a decade or longer that hold every matching article's day
    (``days``, sorted; open-ended bounds excepted)."""
    if not days:
        return groups
    first, last = days[0], days[-1]
    return {
        k: v
        for k, v in groups.items()
        if (k[1] - k[0]).days < _VACUOUS_DAYS
        or not (k[0] <= first and last <= k[1])
        or k[1] == date.max  # "after June 2019": bounds lent by neighbours, no statement
    }


def background(groups: Iterable[Key], days: list[date], options: TimelineOptions) -> set[Key]:
    """Dates that end well before the matching articles' coverage begins (the tenth
    percentile of their publication ``days``, sorted, less ``background_days``): the story's
    background. Not when the user chose the span, nor with ``background="mixed"``, nor with
    fewer than ``background_min_articles`` dated articles (no coverage to speak of)."""
    if options.background == "mixed" or options.since is not None:
        return set()
    if len(days) < max(options.background_min_articles, 1):
        return set()
    tenth = days[len(days) // 10]
    if (tenth - date.min).days <= options.background_days:
        return set()  # nothing lies before year 1 ("published": "0001-01-01")
    cutoff = tenth - timedelta(days=options.background_days)
    return {key for key in groups if key[1] < cutoff}


def _choose(ranked: list[Key], background: set[Key], max_dates: int) -> list[Key]:
    """The best ``max_dates`` dates: background dates take at most a fifth of the places
    while the story has enough dates of its own."""
    story = [k for k in ranked if k not in background]
    past = [k for k in ranked if k in background]
    story_places = min(len(story), max_dates - min(len(past), max_dates // 5))
    return story[:story_places] + past[: max_dates - story_places]


def _versions(
    picked: list[int], rows: list[int], pool: _Pool, options: TimelineOptions
) -> dict[int, list[int]]:
    """Each picked row with the other sources' versions of it among the entry's rows: the
    same sentence, a claim aligned to it, or one closer than ``redundancy`` (one an article)."""
    candidates = pool.candidates
    keys = {(candidates[r].article_id, candidates[r].index): r for r in picked}
    versions: dict[int, list[int]] = {r: [] for r in picked}
    cited = {r: {candidates[r].article_id} for r in picked}
    others = [r for r in _unique_per_article(rows, candidates, pool.keys) if r not in versions]
    others.sort(key=lambda r: candidates[r].matched not in keys)  # claims matched to a pick first
    closeness = pool.vectors.block(others, picked)
    for row, similarities in zip(others, closeness, strict=True):
        event = candidates[row]
        target = keys.get(event.matched) if event.matched else None
        if target is None:
            best = int(np.argmax(similarities))
            if similarities[best] <= options.redundancy:
                continue
            target = picked[best]
        if event.article_id not in cited[target]:
            cited[target].add(event.article_id)
            versions[target].append(row)
    return versions


def _unique_per_article(rows: list[int], candidates: list[Event], keys: list[str]) -> list[int]:
    """Rows without a second sentence of the same text (``keys``: each row's folded) in the
    same article."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for row in rows:
        key = (candidates[row].article_id, keys[row])
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept


def _entry(
    key: Key,
    versions: dict[int, list[int]],
    pool: _Pool,
    disputes: Sequence[Conflict],
    lookup: dict[tuple[str, int], list[Event]],
) -> TimelineEntry:
    by_id, candidates = pool.by_id, pool.candidates
    picked = [candidates[r] for r in versions]
    keys = {(e.article_id, e.index) for e in picked}
    plan = pool.is_plan
    sentences = tuple(
        replace(
            _entry_sentence(
                candidates[row], by_id, lookup, as_line=True, plan=plan(candidates[row])
            ),
            also=tuple(
                _entry_sentence(candidates[o], by_id, lookup, plan=plan(candidates[o]))
                for o in others
            ),
        )
        for row, others in versions.items()
    )
    others = [
        c.second if (c.first.article_id, c.first.index) in keys else c.first
        for c in disputes
        if (c.first.article_id, c.first.index) in keys
        or (c.second.article_id, c.second.index) in keys
    ]
    cited = picked + [candidates[o] for rows in versions.values() for o in rows]
    caption_doubt = any(
        e.dated_by == "published" and by_id[e.article_id].published.conflicts for e in cited
    )
    folded = pool.folded.get(key, [])
    return TimelineEntry(
        interval=Interval(*key),
        sentences=sentences,
        score=evidence(pool.groups[key] + folded, by_id, pool.options) + pool.unread_evidence(key),
        dated_by=sentences[0].dated_by,
        conflict=bool(others) or caption_doubt,
        conflicts=tuple(_entry_sentence(e, by_id, lookup, plan=plan(e)) for e in others),
        background=key in pool.background,
        expected=all(s.expected for s in sentences),
        folded=tuple(_entry_sentence(e, by_id, lookup, plan=plan(e)) for e in _once(folded)),
    )


def _once(events: list[Event]) -> list[Event]:
    """Each sentence once (a sentence may state two dates), by date, then source."""
    unique = {(e.article_id, e.index): e for e in events}
    return sorted(
        unique.values(),
        key=lambda e: (e.interval.start if e.interval else date.min, e.article_id, e.index),
    )


def _cited(events: list[Event], folded: list[Event]) -> set[str]:
    """The articles an entry's evidence may read: its events', the folded ones' and those of
    the sentences that lent a date."""
    cited = {e.article_id for e in events}
    cited |= {e.article_id for e in folded}
    cited |= {m[0] for e in events if (m := e.matched) is not None}
    return cited


def _unplaced(events: list[Event], by_id: dict[str, Article], query: Query) -> list[Event]:
    """Sentences of chronologies that no date could be found for and that name one of the
    query's terms: listed, never dropped (a live page's chatter naming none is not)."""
    chronologies = {e.article_id for e in events if e.dated_by in ("aligned", "bounded")}
    listed: dict[str, Event] = {}
    for e in events:
        if e.article_id in chronologies and e.interval is None and query.names_any(e.text):
            listed.setdefault(fold(without_mark(e.text)), e)  # a chronology reprinted: once
    return list(listed.values())


def _group(events: Iterable[Event], options: TimelineOptions) -> dict[Key, list[Event]]:
    groups: dict[Key, list[Event]] = defaultdict(list)
    for event in events:
        if event.interval is None:
            continue
        for interval in group_intervals(event.interval, event.dated_by, options):
            groups[(interval.start, interval.end, interval.granularity)].append(
                event if interval == event.interval else replace(event, interval=interval)
            )
    return groups


def group_intervals(
    interval: Interval, dated_by: str | None, options: TimelineOptions
) -> list[Interval]:
    """The dates a sentence dated ``interval`` (by ``dated_by``) is a candidate of: its own, or
    a lead's ``pub_window`` days; those the options' span and ``days_only`` keep."""
    if dated_by == "published" and options.pub_window > 1:
        day = interval.start
        days = (day - timedelta(days=k) for k in range(options.pub_window))
        intervals = [Interval(d, d, "day") for d in days]
    else:
        intervals = [interval]
    return [
        i
        for i in intervals
        if not (options.days_only and i.granularity != "day")
        and not (options.since and i.end < options.since)
        and not (options.until and i.start > options.until)
    ]


def _summarize(
    rows: list[int],
    pool: _Pool,
    query: Query,
    options: TimelineOptions,
    used: list[int],
    disputed: set[tuple[str, int]] = frozenset(),  # type: ignore[assignment]
) -> list[int]:
    """The entry's best ``per_date`` rows, whatever dated them (explicit, published, aligned,
    bounded): all compete on one score."""
    candidates, vectors = pool.candidates, pool.vectors
    own = _unique(rows, pool.keys)
    # What speaks of the query first: a radio listings page's "Olympic Games in 2012" never
    # summarizes a date its other sentences give to the query's story.
    own = [r for r in own if pool.about(candidates[r])] or own
    if not own:
        return []
    if options.ranker is None and options.summarizer == "coverage":
        return _cover(own, pool, query, options, used, disputed)
    if options.ranker is None:
        target = date_vector(own, candidates, vectors)
        values = [
            vectors.similarity_to(r, target) + form(candidates[r], query, options) for r in own
        ]
    else:
        values = options.ranker.scores(sentence_features(own, pool, query, options))
    scored = sorted(
        (-float(v), candidates[r].article_id, candidates[r].index, r)
        for v, r in zip(values, own, strict=True)
    )
    picked: list[int] = []
    for _, _, _, row in scored:
        if len(picked) >= options.per_date:
            break
        if _repeats(row, pool, options, used, disputed):
            continue
        picked.append(row)
        used.append(row)
    return picked


def _cover(
    own: list[int],
    pool: _Pool,
    query: Query,
    options: TimelineOptions,
    used: list[int],
    disputed: set[tuple[str, int]],
) -> list[int]:
    """Greedy concept coverage: each pick adds the most of what the entry's articles share."""
    candidates = pool.candidates
    users: dict[str, set[str]] = defaultdict(set)
    for row in own:
        for word in pool.terms(row)[0]:
            users[word].add(candidates[row].article_id)
    weight = {w: len(a) for w, a in users.items() if len(a) >= options.min_support}
    prior = {r: form(candidates[r], query, options) for r in own}
    closeness: dict[int, float] = {}
    if not weight:  # too few articles agree on anything: closeness to the date's vector
        target = date_vector(own, candidates, pool.vectors)
        closeness = {r: pool.vectors.similarity_to(r, target) for r in own}
    covered: set[str] = set()
    picked: list[int] = []
    left = list(own)
    while left and len(picked) < options.per_date:
        content = closeness or _gains(left, pool, weight, covered, options.length_norm)
        row = min(
            left,
            key=lambda r: (-(content[r] + prior[r]), candidates[r].article_id, candidates[r].index),
        )
        left.remove(row)
        if _repeats(row, pool, options, used, disputed):
            continue
        picked.append(row)
        used.append(row)
        covered |= pool.terms(row)[0]
    return picked


def _gains(
    rows: list[int], pool: _Pool, weight: dict[str, int], covered: set[str], length_norm: float
) -> dict[int, float]:
    """Weight of the words each row adds to ``covered``, per word of length, scaled to [0, 1]."""
    gains = {}
    for row in rows:
        words, length = pool.terms(row)
        gains[row] = sum(weight.get(w, 0) for w in words - covered) / length**length_norm
    best = max(gains.values(), default=0.0)
    return {r: g / best for r, g in gains.items()} if best > 0 else gains


def _repeats(
    row: int, pool: _Pool, options: TimelineOptions, used: list[int], disputed: set[tuple[str, int]]
) -> bool:
    """A near-repeat of a sentence already chosen, or a claim dated by matching one (or one it
    was dated by): another source's version, cited as such (a disputed claim never is: both
    versions must show)."""
    event = pool.candidates[row]
    key = (event.article_id, event.index)
    if key in disputed or not used:
        return False
    for other in (pool.candidates[u] for u in used):
        if event.matched == (other.article_id, other.index) or other.matched == key:
            return True
    return bool((pool.vectors.similarities(row, used) > options.redundancy).any())


def _unique(rows: list[int], keys: list[str]) -> list[int]:
    """Rows whose sentence text (``keys``: each row's folded) is not a repeat of an earlier
    row (copies across sources)."""
    seen: set[str] = set()
    kept = []
    for row in rows:
        key = keys[row]
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept


def _entry_sentence(
    event: Event,
    by_id: dict[str, Article],
    lookup: dict[tuple[str, int], list[Event]],
    as_line: bool = False,
    plan: bool = False,
) -> EntrySentence:
    """A cited sentence; ``as_line``: shown as a line of its own entry (:func:`statement`);
    ``plan``: it speaks of a plan for its date, which it keeps."""
    matched = by_id.get(event.matched[0]) if event.matched else None
    shown = statement(event, keep_date=plan) if as_line else without_mark(event.text)
    return EntrySentence(
        text=shown,
        quote=event.text if shown != event.text else None,
        citation=citation(by_id[event.article_id]),
        dated_by=event.dated_by or "undated",
        interval=event.interval,
        matched=citation(matched) if matched else None,
        matched_text=without_mark(lookup[event.matched][0].text)
        if event.matched and event.matched in lookup
        else None,
        expected=plan,
    )


def citation(article: Article) -> Citation:
    """Article id, title, outlet and source file of an article."""
    return Citation(
        article=article.id,
        title=article.title,
        source=article.source.outlet or article.agency,
        path=article.source.path,
        published=article.published.value,
    )
