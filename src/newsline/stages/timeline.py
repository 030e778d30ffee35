"""From dated events to a timeline: choose the dates that matter, summarize each, cite all.

Order of work:

1. group dated events into entries by their interval (a day, a month, a year, a range); the
   lead of an article published on day p reports news of p, and with ``pub_window`` 2 also of
   p - 1 (morning papers report yesterday);
2. rank entries by evidence: distinct articles that state the date explicitly (mentions made
   after the fact weigh more: they show the date mattered), plus articles reporting it;
3. keep the ``max_dates`` best entries (all of them when fewer), sorted by date;
4. summarize each entry with ``per_date`` sentences: those closest to the date's vector, the
   words that both the sentences stating the date and the day's reports use (DATEWISE's
   date vector), preferring sentences that name the query, read like a chronology line and
   are short, skipping near-repeats across sources and neighbouring entries.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

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
from newsline.stages.query import Query
from newsline.stages.similarity import SentenceVectors


@dataclass(frozen=True, slots=True)
class TimelineOptions:
    """How many dates and sentences, which period, and how evidence and sentences are weighed."""

    max_dates: int = 40
    per_date: int = 2
    since: date | None = None
    until: date | None = None
    day_only: bool = False
    pub_window: int = 1  # an article's lead reports the news of its day and the days before
    redundancy: float = 0.35  # cosine above which a sentence repeats one already chosen
    later_weight: float = 3.0  # extra weight of a mention made after the date
    published_weight: float = 0.5  # weight of an article that reports the date as its news
    explicit_bonus: float = 0.1  # preference for sentences that state their date
    long_words: int = 35  # sentences longer than this are penalized (timeline entries are short)
    merge_aligned: bool = True  # show other sources' aligned versions beside an entry's picks


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
    disputes: Sequence[Conflict] = (),
) -> Timeline:
    """A timeline for ``query`` from the events of the articles that match it.

    Aligned sentences join the entry of the sentence they match (every source cited);
    ``disputes`` mark the entries they touch as conflicting, with the other version attached.
    """
    by_id = {a.id: a for a in articles}
    events = list(events)
    texts = {(e.article_id, e.index): e.text for e in events}
    groups = _group(events, options)
    ranked = sorted(groups, key=lambda k: (-_evidence(groups[k], by_id, options), k))
    chosen = sorted(ranked[: options.max_dates])
    candidates = [e for k in chosen for e in groups[k]]
    vectors = SentenceVectors([e.text for e in candidates])
    entries = []
    used: list[int] = []
    # A disputed claim is never dropped as a repeat: both versions must show.
    disputed = {(e.article_id, e.index) for c in disputes for e in (c.first, c.second)}
    start = 0
    for key in chosen:
        rows = list(range(start, start + len(groups[key])))
        start += len(groups[key])
        picked = _summarize(rows, candidates, vectors, query, options, used, disputed)
        if picked:
            entries.append(_entry(key, picked, groups[key], by_id, options, disputes, texts))
    undated = tuple(_entry_sentence(e, by_id, texts) for e in _unplaced(events, by_id))
    return Timeline(query=query.text, entries=tuple(entries), articles=len(by_id), undated=undated)


def _entry(
    key: Key,
    picked: list[Event],
    group: list[Event],
    by_id: dict[str, Article],
    options: TimelineOptions,
    disputes: Sequence[Conflict],
    texts: dict[tuple[str, int], str],
) -> TimelineEntry:
    keys = {(e.article_id, e.index) for e in picked}
    # Claims from other sources dated by matching this entry's sentences join it, each cited.
    merged = picked + [
        e for e in group if options.merge_aligned and e.dated_by == "aligned" and e not in picked
    ]
    sentences = tuple(_entry_sentence(e, by_id, texts) for e in merged)
    others = [
        c.second if (c.first.article_id, c.first.index) in keys else c.first
        for c in disputes
        if (c.first.article_id, c.first.index) in keys
        or (c.second.article_id, c.second.index) in keys
    ]
    caption_doubt = any(
        e.dated_by == "published" and by_id[e.article_id].published.conflicts for e in merged
    )
    return TimelineEntry(
        interval=Interval(*key),
        sentences=sentences,
        score=_evidence(group, by_id, options),
        dated_by=sentences[0].dated_by,
        conflict=bool(others) or caption_doubt,
        conflicts=tuple(_entry_sentence(e, by_id, texts) for e in others),
    )


def _unplaced(events: list[Event], by_id: dict[str, Article]) -> list[Event]:
    """Sentences of chronologies that no date could be found for: listed, never dropped."""
    chronologies = {e.article_id for e in events if e.dated_by in ("aligned", "bounded")}
    return [e for e in events if e.article_id in chronologies and e.interval is None]


def _group(events: Iterable[Event], options: TimelineOptions) -> dict[Key, list[Event]]:
    groups: dict[Key, list[Event]] = defaultdict(list)
    for event in events:
        for interval in _intervals(event, options):
            if options.day_only and interval.granularity != "day":
                continue
            if options.since and interval.end < options.since:
                continue
            if options.until and interval.start > options.until:
                continue
            groups[(interval.start, interval.end, interval.granularity)].append(
                event if interval == event.interval else replace(event, interval=interval)
            )
    return groups


def _intervals(event: Event, options: TimelineOptions) -> list[Interval]:
    if event.interval is None:
        return []
    if event.dated_by != "published" or options.pub_window <= 1:
        return [event.interval]
    day = event.interval.start
    days = (day - timedelta(days=k) for k in range(options.pub_window))
    return [Interval(d, d, "day") for d in days]


def _evidence(events: list[Event], by_id: dict[str, Article], options: TimelineOptions) -> float:
    """Distinct articles stating the date (later ones weighing more) plus those reporting it."""
    stated: dict[str, float] = {}
    for event in events:
        weight = options.published_weight if event.dated_by == "published" else 1.0
        article = by_id.get(event.article_id)
        if event.dated_by == "explicit" and article is not None and event.interval is not None:
            day = article.published.anchor()
            if day is not None and day > event.interval.end:
                weight += options.later_weight
        stated[event.article_id] = max(stated.get(event.article_id, 0.0), weight)
    return sum(stated.values())


def _summarize(
    rows: list[int],
    candidates: list[Event],
    vectors: SentenceVectors,
    query: Query,
    options: TimelineOptions,
    used: list[int],
    disputed: set[tuple[str, int]] = frozenset(),  # type: ignore[assignment]
) -> list[Event]:
    """The entry's best sentences; aligned copies only when nothing else states the date, and
    every sentence of a bounded entry (each is a distinct claim of a chronology)."""
    rows = _unique(rows, candidates)
    if rows and all(candidates[r].dated_by == "bounded" for r in rows):
        return [candidates[r] for r in rows]
    own = [r for r in rows if candidates[r].dated_by != "aligned"] or rows
    stating = [r for r in own if candidates[r].dated_by != "published"]
    reporting = [r for r in own if candidates[r].dated_by == "published"]
    target = vectors.agreement(stating, reporting)
    scored = []
    for row in own:
        event = candidates[row]
        score = vectors.similarity_to(row, target) + _form(event, query, options)
        scored.append((-score, event.article_id, event.index, row))
    picked: list[Event] = []
    for _, _, _, row in sorted(scored):
        if len(picked) >= options.per_date:
            break
        event = candidates[row]
        repeats = any(vectors.cosine(row, other) > options.redundancy for other in used)
        if repeats and (event.article_id, event.index) not in disputed:
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
        opens = bool(event.mention) and text.startswith(event.mention or "")
        if opens and _ENTRY_MARK.match(text[len(event.mention or "") :]):
            score += 0.3  # a line of someone's chronology: "April 25 - The Coast Guard says ..."
    if text.rstrip().endswith(("...", "…", ". . .")):
        score -= 0.5
    words = len(text.split())
    if words < 6:
        score -= 0.3
    if words > options.long_words:
        score -= 0.01 * (words - options.long_words)
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


def _entry_sentence(
    event: Event, by_id: dict[str, Article], texts: dict[tuple[str, int], str]
) -> EntrySentence:
    matched = by_id.get(event.matched[0]) if event.matched else None
    return EntrySentence(
        text=event.text,
        citation=citation(by_id[event.article_id]),
        dated_by=event.dated_by or "undated",
        interval=event.interval,
        matched=citation(matched) if matched else None,
        matched_text=texts.get(event.matched) if event.matched else None,
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
