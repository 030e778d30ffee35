"""Timeline summarization on a benchmark in the T17 layout, scored like news-tls.

For each ground-truth timeline of a topic, newsline builds a timeline from all of the topic's
articles (they are on-topic already), with the topic's keywords selecting candidate sentences,
as many dates as the ground truth has, its mean sentences per date, dates restricted to its
first..last date and day entries only (the news-tls protocol), then scores concat, agreement
and align+ m:1 ROUGE-1/2 and date F1 with :mod:`newsline.evaluate.tls`.

Each topic, and each article's reading and events, runs guarded (:mod:`newsline.pipeline`): an
article a stage fails on is left out of its topic, a topic that fails is left out of the
average, and either is listed in ``failures`` while the other topics are scored.
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

from newsline.errors import StageError
from newsline.evaluate.baseline import summary_length
from newsline.evaluate.datasets import GroundTruthTimeline, Topic, read_topics
from newsline.evaluate.tls import Scores, average_scores, score_timeline
from newsline.evaluate.tls_training import topic_fingerprint
from newsline.export.json import timeline_to_dict
from newsline.jobs import articles_from_text
from newsline.jobs_events import Computed, compute_events
from newsline.models.tls_ranker import LinearRanker, RankerBundle, load_bundle
from newsline.pipeline import failure_of, guard
from newsline.records import Article, Event, FileFailure, Timeline
from newsline.settings import Settings
from newsline.stages.align import align
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
    failures: list[FileFailure] = field(default_factory=list)  # articles a stage failed on


@dataclass
class EvalResult:
    """Per-topic results, the news-tls average over all timelines, and what failed."""

    topics: list[TopicResult] = field(default_factory=list)
    overall: Scores | None = None
    seconds: float = 0.0
    failures: list[FileFailure] = field(default_factory=list)

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
            "failures": [f.to_dict() for f in self.failures],
        }


def topic_events(
    topic: Topic, settings: Settings, workers: int = 2, failures: list[FileFailure] | None = None
) -> tuple[list[Article], list[Event]]:
    """The topic's articles and all their sentence events (tagging runs on ``workers``); the
    articles a stage failed on are left out, and their failures added to ``failures``."""
    text = topic.articles_path.read_text(encoding="utf-8")
    articles, read_failures, _ = articles_from_text(str(topic.articles_path), text, settings)
    chunks = [articles[i::workers] for i in range(workers)] if workers > 1 else [articles]
    parts: list[Computed]
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            parts = list(pool.map(compute_events, chunks, [settings] * len(chunks)))
    else:
        parts = [compute_events(articles, settings)]
    order = {a.id: i for i, a in enumerate(articles)}
    events = sorted(
        (e for part, _ in parts for events in part.values() for e in events),
        key=lambda e: (order[e.article_id], e.index),
    )
    if failures is not None:
        failures += [f for f in read_failures if f.retry] + [f for _, fs in parts for f in fs]
    return articles, events


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
    failures: list[FileFailure] = []
    articles, events = topic_events(topic, settings, workers, failures)
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
    return TopicResult(
        topic.name, scores, per_timeline, seconds, len(articles), len(events), label, failures
    )


def _ranker_for(
    topic: Topic, ranker: str, bundle: RankerBundle | None
) -> tuple[LinearRanker | None, str]:
    check_ranker(ranker)
    if ranker in ("coverage", "centroid"):
        return None, ranker
    bundle = bundle or load_bundle()
    if ranker == "shipped":
        seen = topic_fingerprint(topic) in bundle.held_out
        return bundle.shipped, "shipped (in-sample)" if seen else "shipped (topic unseen)"
    return bundle.for_topic(topic_fingerprint(topic))


def check_ranker(ranker: str) -> None:
    """Raise ValueError for a ranker not in RANKERS (before any topic runs: misuse, no bug)."""
    if ranker not in RANKERS:
        raise ValueError(f"ranker is one of {', '.join(RANKERS)}, not {ranker!r}")


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
    check_ranker(ranker)
    settings = settings or Settings()
    bundle = load_bundle() if ranker in ("learned", "shipped") else None
    started = time.perf_counter()
    result = EvalResult()
    for topic in read_topics(root):
        if topics and topic.name not in topics:
            continue
        try:
            with guard("eval", f"topic {topic.name}"):
                done = evaluate_topic(topic, settings, out, workers, ranker, bundle)
        except StageError as exc:
            result.failures.append(failure_of(str(topic.articles_path), exc))
            continue
        result.topics.append(done)
        result.failures.extend(done.failures)
    every = [s for t in result.topics for s in t.per_timeline.values()]
    result.overall = average_scores(every) if every else None
    result.seconds = time.perf_counter() - started
    return result
