"""Timeline summarization on a benchmark in the T17 layout, scored like news-tls, through the
product's own path.

Each topic's articles are ingested into a temporary store by :func:`newsline.jobs.ingest`, as a
user's would be (``articles.jsonl``, or the topic's folders of pages as released); for each
ground-truth timeline :func:`newsline.jobs.timeline`, the job behind ``newsline timeline`` and
``/api/timeline``, builds the timeline with the protocol as options a user has too
(:func:`protocol_options`): the topic's keywords as an any-term query, sentences holding one
of them (inside a word too, as news-tls's filter: "flu" in "influenza"), as many dates as the
ground truth has, its mean sentences per date, its first..last date, day entries only. Scores
are concat, agreement and align+ m:1 ROUGE-1/2 and date F1 (:mod:`newsline.evaluate.tls`).

Each topic runs guarded (:mod:`newsline.pipeline`), as ingest and timeline guard each article:
an article a stage fails on is left out of its topic, a topic that fails is left out of the
average, and either is listed in ``failures`` while the other topics are scored.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
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
from newsline.jobs import IngestSummary, ingest, timeline
from newsline.models.tls_ranker import LinearRanker, RankerBundle, load_bundle
from newsline.pipeline import failure_of, guard
from newsline.records import FileFailure, Timeline
from newsline.settings import Settings
from newsline.stages.timeline_options import DEFAULT_DATES, TimelineOptions
from newsline.store import Store


@dataclass
class TopicResult:
    """Scores of one topic, its timelines, and seconds spent."""

    topic: str
    scores: Scores
    per_timeline: dict[str, Scores]
    seconds: float
    articles: int  # articles stored
    unread: int  # files or records ingest could not read (empty pages, ...)
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
                    "unread": t.unread,
                    "ranker": t.ranker,
                    "timelines": {name: s.to_dict() for name, s in t.per_timeline.items()},
                }
                for t in self.topics
            },
            "failures": [f.to_dict() for f in self.failures],
        }


@contextmanager
def topic_store(topic: Topic, settings: Settings) -> Iterator[tuple[Store, IngestSummary]]:
    """A temporary store holding the topic's articles, ingested as a user's would be."""
    with (
        tempfile.TemporaryDirectory(prefix="newsline-eval-") as folder,
        Store(Path(folder) / f"{topic.name}.db") as store,
    ):
        yield store, ingest([str(p) for p in topic.inputs], store, settings)


def protocol_options(topic: Topic, truth: GroundTruthTimeline) -> TimelineOptions:
    """The news-tls protocol as a user's query: the keywords (any term), sentences holding one
    (``sentences="keyword"``: news-tls keeps a summary sentence whose lowercased text holds a
    keyword, "flu" in "influenza"), l dates, k sentences a date, the ground truth's span, days
    only."""
    dates = truth.dates
    return TimelineOptions(
        query=" ".join(topic.keywords),
        any_term=True,
        sentences="keyword",
        max_dates=len(dates),
        per_date=max(summary_length(truth), 1),
        since=dates[0],
        until=dates[-1],
        days_only=True,
    )


def as_dated_sentences(timeline: Timeline) -> dict[date, list[str]]:
    """A timeline as the metrics read it: day -> sentences."""
    return {e.interval.start: [s.text for s in e.sentences] for e in timeline.entries}


RANKERS = ("coverage", "centroid", "learned", "shipped")


def evaluate_topic(
    topic: Topic,
    settings: Settings,
    out: Path | None,
    ranker: str = "coverage",
    bundle: RankerBundle | None = None,
    dates: str = DEFAULT_DATES,
) -> TopicResult:
    """Ingest one topic into a temporary store, then build and score a timeline for each of its
    ground truths with :func:`newsline.jobs.timeline`.

    ``ranker``: ``coverage`` (the default summarizer: greedy coverage of the words the day's
    articles share), ``centroid`` (closeness to the date's vector alone, the former default),
    ``learned`` (the learned ranker, with the weights trained without this topic where it was a
    training topic) or ``shipped`` (the weights trained on every training topic: in-sample on
    those). ``dates``: how dates are ranked (``TimelineOptions.dates``; the learned date ranker
    is the shipped one, trained on the T17 topics: in-sample on those).
    """
    started = time.perf_counter()
    model, label = _ranker_for(topic, ranker, bundle)
    summarizer = "centroid" if ranker == "centroid" else "coverage"
    per_timeline: dict[str, Scores] = {}
    failures: list[FileFailure] = []
    with topic_store(topic, settings) as (store, summary):
        failures += [f for f in summary.failures if f.retry]
        for truth in topic.timelines:
            options = replace(
                protocol_options(topic, truth), ranker=model, summarizer=summarizer, dates=dates
            )
            made = timeline(options, store, settings)
            # One failure an article and stage: its ingest and its query may both report it.
            named = _named(failures)
            failures += [
                f for f in made.failures if f not in failures and (f.stage, f.record) not in named
            ]
            per_timeline[truth.name] = score_timeline(
                as_dated_sentences(made), [dict(truth.entries)]
            )
            if out is not None:
                _write(out / topic.name / f"{truth.name}.json", made)
        articles = store.counts()["articles"]
    scores = average_scores(list(per_timeline.values()))
    seconds = time.perf_counter() - started
    unread = len(summary.failures) - len([f for f in summary.failures if f.retry])
    return TopicResult(topic.name, scores, per_timeline, seconds, articles, unread, label, failures)


def _write(target: Path, made: Timeline) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(timeline_to_dict(made), ensure_ascii=False, indent=1))


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


def evaluate_tls(
    root: Path | str,
    topics: Sequence[str] | None = None,
    out: Path | None = None,
    settings: Settings | None = None,
    ranker: str = "coverage",
    dates: str = DEFAULT_DATES,
) -> EvalResult:
    """Evaluate every (or the named) topics under ``root``; the overall average is news-tls's.

    ``ranker`` chooses the sentence ranker, ``dates`` the date ranking (see
    :func:`evaluate_topic`).
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
                done = evaluate_topic(topic, settings, out, ranker, bundle, dates)
        except StageError as exc:
            result.failures.append(failure_of(str(topic.articles_path.parent), exc))
            continue
        result.topics.append(done)
        result.failures.extend(done.failures)
    every = [s for t in result.topics for s in t.per_timeline.values()]
    result.overall = average_scores(every) if every else None
    result.seconds = time.perf_counter() - started
    return result


def _named(failures: list[FileFailure]) -> set[tuple[str | None, str | None]]:
    return {(f.stage, f.record) for f in failures if f.record}
