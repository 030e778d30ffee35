"""From dated events to a timeline: choose the dates that matter, summarize each, cite all.

Order of work:

1. group dated events into entries by their interval (a day, a month, a year, a range);
2. rank entries by evidence: distinct articles that state the date explicitly, plus distinct
   articles published that day whose lead reports it, mentions in later articles counting
   double as they show the date mattered after the fact;
3. keep the ``max_dates`` best entries (all of them when fewer), sorted by date;
4. summarize each entry with ``per_date`` sentences: those closest to the centroid of the
   entry's candidates (TF-IDF), preferring sentences that name the query and state the date
   themselves, skipping near-repeats across sources and neighbouring entries.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from newsline.records import (
    Article,
    Citation,
    EntrySentence,
    Event,
    Interval,
    Timeline,
    TimelineEntry,
)
from newsline.stages.clean import fold
from newsline.stages.query import Query, word_set
from newsline.stages.similarity import SentenceVectors


@dataclass(frozen=True, slots=True)
class TimelineOptions:
    """How many dates and sentences, which period, and at what granularity."""

    max_dates: int = 40
    per_date: int = 2
    since: date | None = None
    until: date | None = None
    day_only: bool = False
    redundancy: float = 0.35  # cosine above which a sentence repeats one already chosen
    later_weight: float = 1.0  # extra weight of a mention made after the date
    fresh_days: int | None = None  # if set, summarize from articles published this soon after
    explicit_bonus: float = 0.1  # preference for sentences that state their date


Key = tuple[date, date, str]
_ENTRY_MARK = re.compile(r"\s*(?:[:–—-]|,\s*\d{4}\s*[:–—-])")
_SCRAPED = re.compile(
    r"\d{1,2}:\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?\s*(?:BST|GMT|EDT|EST|UTC|ET)\b"
    r"|\||\\\*|\bwrote\s*:|^By [A-Z]",
    re.I,
)
_MODAL = re.compile(r"\b(?:will|would|could|might|may|forecast|expected to)\b")


def build_timeline(
    query: Query,
    articles: Sequence[Article],
    events: Iterable[Event],
    options: TimelineOptions,
    context: Iterable[Event] = (),
) -> Timeline:
    """A timeline for ``query`` from the events of the articles that match it.

    ``context`` events (sentences that do not name the query) do not become candidates but
    help describe what each date is about.
    """
    by_id = {a.id: a for a in articles}
    groups = _group(events, options)
    ranked = sorted(groups, key=lambda k: (-_evidence(groups[k], by_id, options), k))
    chosen = sorted(ranked[: options.max_dates])
    around = _group(context, options)
    candidates = [e for k in chosen for e in groups[k]]
    extra = [e for k in chosen for e in around.get(k, ())]
    vectors = SentenceVectors([e.text for e in candidates + extra])
    base = len(candidates)
    context_rows = {k: [] for k in chosen}
    for offset, event in enumerate(extra):
        assert event.interval is not None
        key = (event.interval.start, event.interval.end, event.interval.granularity)
        context_rows[key].append(base + offset)
    entries = []
    used: list[int] = []
    for key in chosen:
        group = _fresh(groups[key], by_id, options) or groups[key]
        picked = _summarize(group, candidates, vectors, query, options, used, context_rows[key])
        if picked:
            sentences = tuple(_entry_sentence(e, by_id) for e in picked)
            entries.append(
                TimelineEntry(
                    interval=Interval(*key),
                    sentences=sentences,
                    score=_evidence(groups[key], by_id, options),
                    dated_by=sentences[0].dated_by,
                )
            )
    return Timeline(query=query.text, entries=tuple(entries), articles=len(by_id))


def _group(events: Iterable[Event], options: TimelineOptions) -> dict[Key, list[Event]]:
    groups: dict[Key, list[Event]] = defaultdict(list)
    for event in events:
        interval = event.interval
        if interval is None or (options.day_only and interval.granularity != "day"):
            continue
        if options.since and interval.end < options.since:
            continue
        if options.until and interval.start > options.until:
            continue
        groups[(interval.start, interval.end, interval.granularity)].append(event)
    return groups


def _fresh(events: list[Event], by_id: dict[str, Article], options: TimelineOptions) -> list[Event]:
    """Events told close to the date (news, not retrospectives), when published dates allow."""
    if options.fresh_days is None:
        return events
    kept = []
    for event in events:
        day = by_id[event.article_id].published.anchor()
        if day is None or event.interval is None:
            continue
        if event.interval.start <= day and (day - event.interval.end).days <= options.fresh_days:
            kept.append(event)
    return kept


def _evidence(events: list[Event], by_id: dict[str, Article], options: TimelineOptions) -> float:
    """Distinct articles stating the date (later ones weighing more) plus those reporting it."""
    stated: dict[str, float] = {}
    for event in events:
        article = by_id.get(event.article_id)
        weight = 1.0
        if event.dated_by == "explicit" and article is not None and event.interval is not None:
            day = article.published.anchor()
            if day is not None and day > event.interval.end:
                weight += options.later_weight
        stated[event.article_id] = max(stated.get(event.article_id, 0.0), weight)
    return sum(stated.values())


def _summarize(
    group: list[Event],
    candidates: list[Event],
    vectors: SentenceVectors,
    query: Query,
    options: TimelineOptions,
    used: list[int],
    context_rows: Sequence[int] = (),
) -> list[Event]:
    index_of = {id(e): i for i, e in enumerate(candidates)}
    rows = _unique([index_of[id(e)] for e in group], candidates)
    centroid = vectors.centroid([*rows, *context_rows])
    scored = []
    for row in rows:
        event = candidates[row]
        score = vectors.similarity_to(row, centroid) + _form(event, query, options)
        scored.append((-score, event.article_id, event.index, row))
    picked: list[Event] = []
    for _, _, _, row in sorted(scored):
        if len(picked) >= options.per_date:
            break
        if any(vectors.cosine(row, other) > options.redundancy for other in used):
            continue
        picked.append(candidates[row])
        used.append(row)
    return picked


def _form(event: Event, query: Query, options: TimelineOptions) -> float:
    """Prefer sentences that state the event: name the query, open with their date, complete."""
    text = event.text
    score = 0.3 * query.hits(text) / max(len(query.stems), 1)
    if event.dated_by == "explicit":
        score += options.explicit_bonus
        if (
            event.mention
            and text.startswith(event.mention)
            and _ENTRY_MARK.match(text[len(event.mention) :])
        ):
            score += 0.3  # a line of someone's chronology: "April 25 - The Coast Guard says ..."
    if text.rstrip().endswith(("...", "…", ". . .")):
        score -= 0.5
    if len(text.split()) < 6:
        score -= 0.3
    if _MODAL.search(text):
        score -= 0.1
    if _SCRAPED.search(text):
        score -= 0.5  # page furniture: timestamps, bylines, bullet lists
    return score


def _unique(rows: list[int], candidates: list[Event]) -> list[int]:
    """Rows whose sentence text is not a repeat of an earlier row (copies across sources)."""
    seen: set[str] = set()
    kept = []
    for row in rows:
        key = fold(candidates[row].text)
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept


def _entry_sentence(event: Event, by_id: dict[str, Article]) -> EntrySentence:
    assert event.interval is not None and event.dated_by is not None
    return EntrySentence(
        text=event.text,
        citation=citation(by_id[event.article_id]),
        dated_by=event.dated_by,
        interval=event.interval,
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


def keyword_density(text: str, query: Query) -> float:
    """Share of query terms a text names (0..1)."""
    return sum(query.words_match(word_set(text))) / max(len(query.stems), 1)


def log1p(x: float) -> float:
    """log(1 + x), for evidence counts."""
    return math.log1p(x)
