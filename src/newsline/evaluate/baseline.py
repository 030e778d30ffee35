"""The trivial timeline baseline that sets our targets: busiest days, summarized by their leads.

For each ground-truth timeline, with ``l`` its number of dates and ``k`` its mean number of
sentences a date (rounded with Python's ``round``, as news-tls's ``get_average_summary_length``):

1. keep the articles published between the timeline's first and last date, inclusive;
2. pick the ``l`` days with the most articles, ties going to the earlier day;
3. summarize each day with the lead (first) sentence of each of its first ``k`` articles in
   file order; a day with fewer than ``k`` articles gets a shorter summary.

Choices measured on T17 (four topics): ties to the later day raise date F1 by 0.014; filling
short days with second sentences, or taking the first article's first ``k`` sentences, lower
align+ m:1 ROUGE-1 by 0.001 and 0.008. The leads-only reading reproduces the published target.

The predictions are scored with :func:`newsline.evaluate.tls.evaluate_timelines`, precision and
recall averaged over every timeline of every topic as news-tls does.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from newsline.evaluate.datasets import BenchmarkArticle, GroundTruthTimeline, Topic
from newsline.evaluate.rouge import RougeTokenizer
from newsline.evaluate.tls import Scores, Timeline, average_scores, score_timeline


@dataclass(frozen=True, slots=True)
class BaselineResult:
    """Scores of the baseline per topic (averaged over its timelines) and over all timelines."""

    per_topic: dict[str, Scores]
    overall: Scores
    per_timeline: tuple[tuple[str, str, Scores], ...]  # (topic, timeline name, scores)


def summary_length(truth: GroundTruthTimeline) -> int:
    """``k``: mean sentences a date, rounded as news-tls rounds it (half to even)."""
    lengths = [len(sentences) for sentences in truth.entries.values()]
    return round(sum(lengths) / len(lengths)) if lengths else 0


def articles_by_day(articles: Iterable[BenchmarkArticle]) -> dict[date, list[BenchmarkArticle]]:
    """The articles grouped by publication day, file order kept within a day."""
    days: dict[date, list[BenchmarkArticle]] = defaultdict(list)
    for article in articles:
        days[article.published].append(article)
    return dict(days)


def busiest_days(counts: Mapping[date, int], start: date, end: date, limit: int) -> list[date]:
    """The ``limit`` days in ``start..end`` with the most articles, ties to the earlier day."""
    window = [(day, n) for day, n in counts.items() if start <= day <= end and n > 0]
    window.sort(key=lambda item: (-item[1], item[0]))
    return sorted(day for day, _ in window[:limit])


def lead_summary(articles: Sequence[BenchmarkArticle], k: int) -> list[str]:
    """The lead sentences of the first ``k`` articles that have any text."""
    leads = (article.sentences[:1] for article in articles)
    return [lead[0] for lead in leads if lead][:k]


def predict_timeline(
    days: Mapping[date, Sequence[BenchmarkArticle]], truth: GroundTruthTimeline
) -> Timeline:
    """The baseline timeline for one ground truth, sized ``l`` dates by ``k`` sentences."""
    if not truth.entries:
        return {}
    dates = truth.dates
    counts = Counter({day: len(articles) for day, articles in days.items()})
    chosen = busiest_days(counts, dates[0], dates[-1], len(dates))
    k = summary_length(truth)
    return {day: lead_summary(days[day], k) for day in chosen}


def run_baseline(topics: Iterable[Topic]) -> BaselineResult:
    """Predict and score the baseline for every timeline of every topic."""
    tokenizer = RougeTokenizer()
    per_timeline = []
    per_topic = {}
    for topic in topics:
        days = articles_by_day(topic.articles())
        scores = [
            score_timeline(predict_timeline(days, truth), [truth.entries], tokenizer)
            for truth in topic.timelines
        ]
        per_timeline.extend(
            (topic.name, truth.name, s) for truth, s in zip(topic.timelines, scores, strict=True)
        )
        per_topic[topic.name] = average_scores(scores)
    overall = average_scores([s for _, _, s in per_timeline])
    return BaselineResult(per_topic, overall, tuple(per_timeline))
