"""Our timeline metrics agree with tilse 0.2.1 (reimplemented ROUGE) to within 0.002.

tilse is heavy (spaCy, numba, scikit-learn ...), so it lives in the ``eval`` extra:
``pip install -e '.[dev,eval]'``. Without it these tests skip and say so.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from tests.conftest import shared_path

from newsline.evaluate.baseline import articles_by_day, predict_timeline
from newsline.evaluate.datasets import read_topics
from newsline.evaluate.rouge_porter import porter_stem
from newsline.evaluate.tls import Scores, Timeline, score_timeline

rouge = pytest.importorskip(
    "tilse.evaluation.rouge",
    reason="tilse not installed: pip install -e '.[eval]' to check agreement with it",
)
tilse_timelines = pytest.importorskip("tilse.data.timelines")

TOLERANCE = 0.002
METRICS = {
    "concat": "evaluate_concat",
    "agreement": "evaluate_agreement",
    "align_m1": "evaluate_align_date_content_costs_many_to_one",
}

SENTENCES = [
    "Heavy rain floods the river valley and closes two bridges .",
    "The mayor orders the evacuation of low-lying districts .",
    "Engineers inspect the old dam after cracks are reported .",
    "Water levels peak at 6.2 metres , the highest since 1987 .",
    "Rescue teams reach villages cut off by the flooding .",
    "The government promises emergency funds for farmers .",
    "Insurers estimate damages at more than 300 million euros .",
    "A second storm is forecast for the weekend , officials say .",
    "Schools reopen as the water recedes from the town centre .",
    "An inquiry into the dam 's maintenance begins in March .",
    "Volunteers fill sandbags along the northern embankment .",
    "`` We lost everything , '' says a shop owner in the old quarter .",
]


def _random_timeline(rng: random.Random, start: date) -> dict[date, list[str]]:
    days = rng.sample(range(40), rng.randint(1, 9))
    return {start + timedelta(d): rng.sample(SENTENCES, rng.randint(1, 3)) for d in days}


def _tilse_scores(predicted: Timeline, references: list[Timeline]) -> dict:
    evaluator = rouge.TimelineRougeEvaluator(
        measures=["rouge_1", "rouge_2"], rouge_computation="reimpl"
    )
    pred = tilse_timelines.Timeline(dict(predicted))
    truth = tilse_timelines.GroundTruth([tilse_timelines.Timeline(dict(r)) for r in references])
    return {ours: getattr(evaluator, name)(pred, truth) for ours, name in METRICS.items()}


def _differences(ours: Scores, theirs: dict) -> list[float]:
    return [
        abs(getattr(getattr(getattr(ours, metric), order), key) - theirs[metric][order][key])
        for metric in METRICS
        for order in ("rouge_1", "rouge_2")
        for key in ("precision", "recall", "f_score")
    ]


def _max_difference(pairs: list[tuple[Timeline, list[Timeline]]]) -> float:
    worst = 0.0
    for predicted, references in pairs:
        diffs = _differences(
            score_timeline(predicted, references), _tilse_scores(predicted, references)
        )
        worst = max(worst, *diffs)
    return worst


def test_agrees_with_tilse_on_generated_timelines() -> None:
    rng = random.Random(17)
    start = date(2021, 2, 1)
    pairs = [
        (
            _random_timeline(rng, start),
            [_random_timeline(rng, start) for _ in range(rng.randint(1, 3))],
        )
        for _ in range(60)
    ]
    worst = _max_difference(pairs)
    print(f"generated timelines: max |ours - tilse| = {worst:.2e} over {len(pairs)} pairs")
    assert worst <= TOLERANCE


@pytest.mark.shared
def test_agrees_with_tilse_on_t17_timelines() -> None:
    """Each journalist timeline scored against the next one of its topic, and the baseline's
    predictions (real lead sentences) against every timeline."""
    topics = read_topics(shared_path("data", "t17"))
    pairs = []
    for topic in topics:
        truths = [dict(t.entries) for t in topic.timelines]
        pairs.extend((a, [b]) for a, b in zip(truths, truths[1:], strict=False))
        days = articles_by_day(topic.articles())
        pairs.extend((predict_timeline(days, t), [dict(t.entries)]) for t in topic.timelines)
    worst = _max_difference(pairs)
    print(f"T17 timelines: max |ours - tilse| = {worst:.2e} over {len(pairs)} pairs")
    assert worst <= TOLERANCE


@pytest.mark.shared
def test_stemmer_matches_nltk_on_t17_timeline_vocabulary() -> None:
    nltk_stem = pytest.importorskip("nltk.stem").PorterStemmer().stem
    words = {
        token
        for topic in read_topics(shared_path("data", "t17"))
        for timeline in topic.timelines
        for sentences in timeline.entries.values()
        for sentence in sentences
        for token in sentence.split()
    }
    assert [w for w in sorted(words) if porter_stem(w) != nltk_stem(w)] == []
