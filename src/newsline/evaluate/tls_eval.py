"""Timeline summarization on a benchmark in the T17 layout, scored like news-tls.

For each ground-truth timeline of a topic, newsline builds a timeline from all of the topic's
articles (they are on-topic already), with the topic's keywords selecting candidate sentences,
as many dates as the ground truth has, its mean sentences per date, dates restricted to its
first..last date and day entries only (the news-tls protocol), then scores concat, agreement
and align+ m:1 ROUGE-1/2 and date F1 with :mod:`newsline.evaluate.tls`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from newsline.evaluate.baseline import summary_length
from newsline.evaluate.datasets import GroundTruthTimeline, Topic, read_topics
from newsline.evaluate.tls import Scores, average_scores, score_timeline
from newsline.evaluate.tls_training import topic_fingerprint
from newsline.export.json import timeline_to_dict
from newsline.jobs import articles_from_text
from newsline.models.tls_ranker import LinearRanker, RankerBundle, load_bundle
from newsline.records import Article, Event, Timeline
from newsline.settings import Settings
from newsline.stages.align import align
from newsline.stages.events import extract_events
from newsline.stages.query import Query, parse_query
from newsline.stages.timeline import TimelineOptions, build_timeline


@dataclass
class TopicResult:
    """Scores of one topic, its timelines, and seconds spent."""

    topic: str
    scores: Scores
    per_timeline: dict[str, Scores]
    seconds: float
    articles: int
    events: int
    ranker: str = "coverage"  # which sentence ranker built the timelines, and how it was trained


@dataclass
class EvalResult:
    """Per-topic results and the news-tls average over all timelines."""

    topics: list[TopicResult] = field(default_factory=list)
    overall: Scores | None = None
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "overall": self.overall.to_dict() if self.overall else None,
            "seconds": round(self.seconds, 2),
            "topics": {
                t.topic: {
                    "scores": t.scores.to_dict(),
                    "seconds": round(t.seconds, 2),
                    "articles": t.articles,
                    "events": t.events,
                    "ranker": t.ranker,
                    "timelines": {name: s.to_dict() for name, s in t.per_timeline.items()},
                }
                for t in self.topics
            },
        }


def topic_events(
    topic: Topic, settings: Settings, workers: int = 2
) -> tuple[list[Article], list[Event]]:
    """The topic's articles and all their sentence events (tagging runs on ``workers``)."""
    text = topic.articles_path.read_text(encoding="utf-8")
    articles, _, _ = articles_from_text(str(topic.articles_path), text, settings)
    chunks = [articles[i::workers] for i in range(workers)] if workers > 1 else [articles]
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            parts = list(pool.map(_events_of, chunks, [settings] * len(chunks)))
    else:
        parts = [_events_of(articles, settings)]
    order = {a.id: i for i, a in enumerate(articles)}
    events = sorted(
        (e for part in parts for e in part), key=lambda e: (order[e.article_id], e.index)
    )
    return articles, events


def _events_of(articles: Sequence[Article], settings: Settings) -> list[Event]:
    return [e for a in articles for e in extract_events(a, settings)]


def options_for(truth: GroundTruthTimeline) -> TimelineOptions:
    """The news-tls protocol: l dates, k sentences, the ground truth's span, days only."""
    dates = truth.dates
    return TimelineOptions(
        max_dates=len(dates),
        per_date=summary_length(truth),
        since=dates[0],
        until=dates[-1],
        day_only=True,
        merge_aligned=False,  # exactly k sentences a date, as the protocol scores them
    )


def as_dated_sentences(timeline: Timeline) -> dict[date, list[str]]:
    """A timeline as the metrics read it: day -> sentences."""
    return {e.interval.start: [s.text for s in e.sentences] for e in timeline.entries}


RANKERS = ("coverage", "centroid", "learned", "shipped")


def evaluate_topic(
    topic: Topic,
    settings: Settings,
    out: Path | None,
    workers: int,
    ranker: str = "coverage",
    bundle: RankerBundle | None = None,
) -> TopicResult:
    """Build and score a timeline for each ground truth of one topic.

    ``ranker``: ``coverage`` (the default summarizer: greedy coverage of the words the day's
    articles share), ``centroid`` (closeness to the date's vector alone, the former default),
    ``learned`` (the learned ranker, with the weights trained without this topic where it was a
    training topic) or ``shipped`` (the weights trained on every training topic: in-sample on
    those).
    """
    started = time.perf_counter()
    model, label = _ranker_for(topic, ranker, bundle)
    summarizer = "centroid" if ranker == "centroid" else "coverage"
    articles, events = topic_events(topic, settings, workers)
    query = parse_query(" ".join(topic.keywords), any_term=True)
    candidates = keyword_events(align(articles, events, settings), query)
    per_timeline: dict[str, Scores] = {}
    for truth in topic.timelines:
        options = replace(options_for(truth), ranker=model, summarizer=summarizer)
        timeline = build_timeline(query, articles, candidates, options)
        per_timeline[truth.name] = score_timeline(
            as_dated_sentences(timeline), [dict(truth.entries)]
        )
        if out is not None:
            target = out / topic.name / f"{truth.name}.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(timeline_to_dict(timeline), ensure_ascii=False, indent=1))
    scores = average_scores(list(per_timeline.values()))
    seconds = time.perf_counter() - started
    return TopicResult(topic.name, scores, per_timeline, seconds, len(articles), len(events), label)


def _ranker_for(
    topic: Topic, ranker: str, bundle: RankerBundle | None
) -> tuple[LinearRanker | None, str]:
    if ranker not in RANKERS:
        raise ValueError(f"ranker is one of {', '.join(RANKERS)}, not {ranker!r}")
    if ranker in ("coverage", "centroid"):
        return None, ranker
    bundle = bundle or load_bundle()
    if ranker == "shipped":
        seen = topic_fingerprint(topic) in bundle.held_out
        return bundle.shipped, "shipped (in-sample)" if seen else "shipped (topic unseen)"
    return bundle.for_topic(topic_fingerprint(topic))


def keyword_events(events: Sequence[Event], query: Query) -> list[Event]:
    """Events whose sentence names at least one query term."""
    return [e for e in events if query.hits(e.text)]


def evaluate_tls(
    root: Path | str,
    topics: Sequence[str] | None = None,
    out: Path | None = None,
    settings: Settings | None = None,
    workers: int = 2,
    ranker: str = "coverage",
) -> EvalResult:
    """Evaluate every (or the named) topics under ``root``; the overall average is news-tls's.

    ``ranker`` chooses the sentence ranker (see :func:`evaluate_topic`).
    """
    settings = settings or Settings()
    bundle = load_bundle() if ranker in ("learned", "shipped") else None
    started = time.perf_counter()
    result = EvalResult()
    for topic in read_topics(root):
        if topics and topic.name not in topics:
            continue
        result.topics.append(evaluate_topic(topic, settings, out, workers, ranker, bundle))
    every = [s for t in result.topics for s in t.per_timeline.values()]
    result.overall = average_scores(every) if every else None
    result.seconds = time.perf_counter() - started
    return result
