"""Date features on hand-made events, the shipped date ranker, and timelines ranked by it."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from newsline.cli import app
from newsline.errors import ConfigError
from newsline.jobs import timeline
from newsline.models.date_ranker import DateRanker, load_date_ranker
from newsline.records import Event, Interval
from newsline.stages.date_features import COUNTS, DATE_FEATURES, date_features, evidence
from newsline.stages.timeline import TimelineOptions
from newsline.store import Store
from tests.conftest import EXAMPLES, dated_article

PUBLISHED = {"a1": "2024-05-10", "a2": "2024-05-03", "a3": "2024-05-01"}
# (article, day the sentence is dated to, how)
MENTIONS = [
    ("a1", "2024-05-01", "explicit"),  # 9 days later
    ("a2", "2024-05-01", "explicit"),  # 2 days later
    ("a3", "2024-05-01", "published"),  # the lead of the day's report
    ("a3", "2024-05-02", "explicit"),  # a day ahead: not later
    ("a1", "2024-05-06", "explicit"),  # 4 days later
    ("a2", "2024-05-06", "aligned"),  # lent by another source
    ("a1", "2024-05-10", "published"),
    ("a2", "2024-04-20", "explicit"),  # 13 days later, before the coverage began
]
# day -> raw count of each of COUNTS (before log scaling and dividing by the topic's largest)
RAW = {
    "2024-05-01": (8.5, 2, 2, 1, 2, (math.log1p(9) + math.log1p(2)) / 2, 0, 1, 1),
    "2024-05-02": (1.0, 1, 1, 0, 0, 0.0, 0, 0, 1),
    "2024-05-06": (5.0, 1, 1, 0, 1, math.log1p(4), 1, 0, 1),
    "2024-05-10": (0.5, 0, 0, 1, 0, 0.0, 0, 1, 0),
    "2024-04-20": (4.0, 1, 1, 0, 1, math.log1p(13), 0, 0, 0),
}
# day -> (neighbour, position, before_coverage)
SHARES = {
    "2024-05-01": (1 / 9.5, 0.0, 0.0),
    "2024-05-02": (8.5 / 9.5, 1 / 9, 0.0),
    "2024-05-06": (0.0, 5 / 9, 0.0),
    "2024-05-10": (0.0, 1.0, 0.0),
    "2024-04-20": (0.0, 0.0, 1.0),
}


def _topic() -> tuple[dict, dict]:
    by_id = {a: dated_article(a, day) for a, day in PUBLISHED.items()}
    groups: dict = {}
    for index, (article_id, day, how) in enumerate(MENTIONS):
        d = date.fromisoformat(day)
        event = Event(article_id, index, f"sentence {index}", 0, 1, Interval(d, d, "day"), how)
        groups.setdefault((d, d, "day"), []).append(event)
    return groups, by_id


def test_features_are_log_counts_over_the_topics_largest_and_shares() -> None:
    groups, by_id = _topic()
    # the weights RAW's evidence column was written with
    options = TimelineOptions(published_weight=0.5, later_weight=3.0)
    keys, matrix = date_features(groups, by_id, options)
    assert [k[0].isoformat() for k in keys] == sorted(RAW)
    assert matrix.shape == (len(RAW), len(DATE_FEATURES))
    raw = np.log1p(np.array([RAW[k[0].isoformat()] for k in keys]))
    expected = raw / raw.max(axis=0)
    np.testing.assert_allclose(matrix[:, : len(COUNTS)], expected)
    shares = np.array([SHARES[k[0].isoformat()] for k in keys])
    np.testing.assert_allclose(matrix[:, len(COUNTS) :], shares)


@pytest.mark.parametrize(
    ("day", "published_weight", "later_weight", "score"),
    [
        ("2024-05-01", 0.5, 3.0, 8.5),
        ("2024-05-01", 1.0, 0.0, 3.0),
        ("2024-05-06", 0.5, 1.0, 3.0),
        ("2024-05-10", 0.25, 3.0, 0.25),
    ],
)
def test_evidence_weighs_later_mentions_and_reports(
    day: str, published_weight: float, later_weight: float, score: float
) -> None:
    groups, by_id = _topic()
    d = date.fromisoformat(day)
    options = TimelineOptions(published_weight=published_weight, later_weight=later_weight)
    assert evidence(groups[(d, d, "day")], by_id, options) == score


def test_a_topic_without_dates_or_publication_days() -> None:
    keys, matrix = date_features({}, {}, TimelineOptions())
    assert keys == [] and matrix.shape == (0, len(DATE_FEATURES))


def test_shipped_date_ranker_loads_with_this_versions_features() -> None:
    ranker = load_date_ranker()
    assert ranker.features == DATE_FEATURES
    assert len(ranker.weights) == len(DATE_FEATURES)
    assert all(math.isfinite(w) for w in (*ranker.weights, ranker.intercept))
    assert ranker.trained_on  # the topics it was trained on are named
    assert DateRanker.from_dict(__import__("json").loads(ranker.to_json())) == ranker
    assert TimelineOptions(dates="learned").date_ranker == ranker


def test_unknown_date_ranking_is_refused() -> None:
    with pytest.raises(ConfigError, match="dates is one of"):
        TimelineOptions(dates="random")


def _days(db: Path, options: TimelineOptions) -> list[tuple[str, list[str]]]:
    with Store(db) as store:
        made = timeline(options, store)
    return [(e.interval.start.isoformat(), [s.text for s in e.sentences]) for e in made.entries]


def test_learned_dates_on_the_examples_are_deterministic(demo_db: Path) -> None:
    options = TimelineOptions(query="Brenn Strait Link", dates="learned", max_dates=8)
    first = _days(demo_db, options)
    assert len(first) == 8
    assert _days(demo_db, options) == first


def test_a_date_ranker_on_evidence_alone_keeps_the_evidence_ranking(demo_db: Path) -> None:
    weights = tuple(1.0 if f == "evidence" else 0.0 for f in DATE_FEATURES)
    alone = DateRanker(DATE_FEATURES, weights, name="evidence alone")
    options = TimelineOptions(query="Brenn Strait Link", max_dates=8)
    learned = replace(options, dates="learned", date_ranker=alone)
    assert _days(demo_db, learned) == _days(demo_db, options)
    stale = DateRanker(("evidence",), (1.0,), name="old")
    with pytest.raises(ValueError, match="retrain"):
        _days(demo_db, replace(options, dates="learned", date_ranker=stale))


@pytest.mark.parametrize(
    "command",
    [
        ["timeline", "Brenn Strait Link", "--dates", "random"],
        ["eval", "tls", str(EXAMPLES), "--dates", "random"],
    ],
)
def test_cli_refuses_an_unknown_date_ranking(command: list[str], tmp_path: Path) -> None:
    db = ["--db", str(tmp_path / "empty.db")] if command[0] == "timeline" else []
    result = CliRunner().invoke(app, command + db)
    assert result.exit_code != 0
    assert "dates is one of evidence, learned" in result.output


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2024, 5, 7), date.max),  # after the chronology's last dated line: open-ended
        (date.min, date(2024, 4, 19)),  # before its first
        (date.min, date.max),
    ],
)
def test_open_ended_bounded_dates_have_features(start: date, end: date) -> None:
    """Alignment bounds a chronology's undated lines after its last dated one up to
    ``date.max``: ``--dates learned`` over such a date overflowed (``end + 7 days``)."""
    groups, by_id = _topic()
    span = Interval(start, end, "range")
    groups[(start, end, "range")] = [Event("a1", 9, "Rescuers searched.", 0, 18, span, "bounded")]
    keys, matrix = date_features(groups, by_id, TimelineOptions())
    assert (start, end, "range") in keys and np.isfinite(matrix).all()
