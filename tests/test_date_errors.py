"""benchmarks/date_errors.py: which dates are wrong or missed, how far from a true one, and what
each date's evidence is made of. Hand-made dates and events; no benchmark data is read."""

from __future__ import annotations

import sys
from datetime import date

import pytest

from newsline.records import Event, Interval
from tests.conftest import REPO, dated_article

sys.path.insert(0, str(REPO / "benchmarks"))
from date_errors import DateError, compare, distance_class, makeup  # noqa: E402 - a script


def _days(*days: int) -> set[date]:
    return {date(2010, 6, d) for d in days}


@pytest.mark.parametrize(
    ("chosen", "truth", "expected"),
    [
        # all right: nothing to report
        (_days(1, 2), _days(1, 2), []),
        # 3 sits next to the chosen true 2; 9 is missed, 4 days from the nearest chosen date (5)
        (
            _days(2, 3, 5),
            _days(2, 5, 9),
            [
                DateError("wrong", date(2010, 6, 3), 1, True),
                DateError("missed", date(2010, 6, 9), 4, False),
            ],
        ),
        # the nearest true date (14) was not chosen; ties go to the earlier true date
        (
            _days(12),
            _days(10, 14),
            [
                DateError("wrong", date(2010, 6, 12), 2, False),
                DateError("missed", date(2010, 6, 10), 2, False),
                DateError("missed", date(2010, 6, 14), 2, False),
            ],
        ),
        # nothing chosen: every true date missed, with no distance
        (set(), _days(4), [DateError("missed", date(2010, 6, 4), None, False)]),
    ],
)
def test_compare_lists_wrong_then_missed_dates(
    chosen: set[date], truth: set[date], expected: list[DateError]
) -> None:
    assert compare(chosen, truth) == expected


@pytest.mark.parametrize(
    ("near", "expected"),
    [(1, "1 day"), (2, "2-3 days"), (3, "2-3 days"), (4, "4+ days"), (None, "no true date")],
)
def test_distance_classes(near: int | None, expected: str) -> None:
    assert distance_class(near) == expected


# A dredging permit granted on 8 June: (article, published, how the sentence got the date)
SUPPORT = [
    ("wire", "2010-06-08", "published"),  # the day's report
    ("wire", "2010-06-08", "explicit"),  # "on Tuesday", the same article: counted once a kind
    ("daily", "2010-06-09", "explicit"),  # "on Tuesday", the next morning: after the fact
    ("weekly", "2010-06-14", "explicit"),  # "on 8 June", six days on
    ("chronology", "2010-06-20", "aligned"),  # a chronology's line matched to the report
]


def test_makeup_counts_distinct_articles_by_how_they_support_a_date() -> None:
    day = date(2010, 6, 8)
    by_id = {a: dated_article(a, p) for a, p, _ in SUPPORT}
    events = [
        Event(a, i, f"sentence {i}", 0, 1, Interval(day, day, "day"), how)
        for i, (a, _, how) in enumerate(SUPPORT)
    ]
    assert makeup(events, by_id) == {"stated": 3, "later": 2, "reported": 1, "borrowed": 1}
