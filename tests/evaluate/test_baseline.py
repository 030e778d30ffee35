"""The busiest-days lead baseline: its parts on small cases, and its score floor on T17."""

from __future__ import annotations

from datetime import date

import pytest
from tests.conftest import shared_path

from newsline.evaluate.baseline import (
    busiest_days,
    lead_summary,
    predict_timeline,
    run_baseline,
    summary_length,
)
from newsline.evaluate.datasets import BenchmarkArticle, GroundTruthTimeline, read_topics

D = {day: date(2021, 2, day) for day in range(1, 29)}


def _article(day: int, *sentences: str) -> BenchmarkArticle:
    return BenchmarkArticle(f"a{day}-{len(sentences)}", "gazette", D[day], " \n".join(sentences))


def _truth(lengths: dict[int, int]) -> GroundTruthTimeline:
    entries = {D[day]: tuple(f"Event {i} ." for i in range(n)) for day, n in lengths.items()}
    return GroundTruthTimeline("t.txt", "gazette", entries)


@pytest.mark.parametrize(
    ("lengths", "k"),
    [
        ({1: 1}, 1),
        ({1: 2, 2: 3}, 2),  # 2.5 rounds half to even, as news-tls's round()
        ({1: 3, 2: 4}, 4),  # 3.5 -> 4
        ({1: 1, 2: 1, 3: 2}, 1),  # 1.33
        ({}, 0),
    ],
)
def test_summary_length(lengths: dict[int, int], k: int) -> None:
    assert summary_length(_truth(lengths)) == k


@pytest.mark.parametrize(
    ("counts", "limit", "expected"),
    [
        ({1: 5, 2: 9, 3: 7}, 2, [2, 3]),
        ({1: 4, 2: 4, 3: 4}, 2, [1, 2]),  # ties go to the earlier day
        ({1: 1, 9: 50, 2: 3}, 5, [1, 2]),  # day 9 is outside the window; fewer days than l
        ({1: 0, 2: 2}, 2, [2]),  # a day without articles is never chosen
    ],
)
def test_busiest_days(counts: dict[int, int], limit: int, expected: list[int]) -> None:
    chosen = busiest_days({D[d]: n for d, n in counts.items()}, D[1], D[5], limit)
    assert chosen == [D[d] for d in expected]


@pytest.mark.parametrize(
    ("articles", "k", "expected"),
    [
        ([("Rain falls .", "More rain .")], 2, ["Rain falls ."]),  # leads only, never second
        ([("A .",), ("B .",), ("C .",)], 2, ["A .", "B ."]),
        ([(), ("B .",)], 1, ["B ."]),  # an article without text has no lead
    ],
)
def test_lead_summary(articles: list[tuple[str, ...]], k: int, expected: list[str]) -> None:
    assert lead_summary([_article(1, *s) for s in articles], k) == expected


def test_predict_timeline() -> None:
    days = {
        D[1]: [_article(1, "Storm warning issued .")],
        D[2]: [_article(2, "River bursts its banks ."), _article(2, "Towns evacuated .")],
        D[3]: [_article(3, "Dam holds .")],
        D[8]: [_article(8, "Later news ."), _article(8, "Later still ."), _article(8, "More .")],
    }
    predicted = predict_timeline(days, _truth({1: 1, 3: 2}))
    assert predicted == {
        D[1]: ["Storm warning issued ."],
        D[2]: ["River bursts its banks .", "Towns evacuated ."],
    }


@pytest.mark.shared
def test_t17_baseline_reproduces_the_published_target() -> None:
    """The issue's figures: align+ m:1 ROUGE-1 F .113, ROUGE-2 F .030, date F1 .579."""
    result = run_baseline(read_topics(shared_path("data", "t17")))
    overall = result.overall
    assert overall.timelines == 10
    assert overall.align_m1.rouge_1.f_score == pytest.approx(0.113, abs=0.001)
    assert overall.align_m1.rouge_2.f_score == pytest.approx(0.030, abs=0.001)
    assert overall.dates.f_score == pytest.approx(0.579, abs=0.001)
    assert sorted(result.per_topic) == ["bpoil", "h1n1", "haiti", "mj"]
