"""A TIMEX3 value's interval, memoized: the same as made afresh, asked once or again."""

from __future__ import annotations

from datetime import date

import pytest

from newsline.records import Interval
from newsline.temporal.intervals import interval_from_value

# (value, mod, interval or None)
VALUES = [
    ("2010-04-20", None, Interval(date(2010, 4, 20), date(2010, 4, 20), "day")),
    ("2010-04", None, Interval(date(2010, 4, 1), date(2010, 4, 30), "month")),
    ("2010-04", "START", Interval(date(2010, 4, 1), date(2010, 4, 10), "month")),
    ("2010", "END", Interval(date(2010, 9, 1), date(2010, 12, 31), "year")),
    ("2010-W16", None, Interval(date(2010, 4, 19), date(2010, 4, 25), "week")),
    ("2010-W16-WE", None, Interval(date(2010, 4, 24), date(2010, 4, 25), "week")),
    ("2010-SU", None, Interval(date(2010, 6, 1), date(2010, 8, 31), "season")),
    ("2009/2010", None, Interval(date(2009, 1, 1), date(2010, 12, 31), "year")),
    ("2010-02-30", None, None),  # no such day
    ("0000", None, None),  # no year 0
    ("XXXX-04", None, None),  # unanchored
    ("PRESENT_REF", None, None),
]


@pytest.mark.parametrize(("value", "mod", "expected"), VALUES)
def test_interval_from_value_is_the_same_made_afresh(
    value: str, mod: str | None, expected: Interval | None
) -> None:
    fresh = interval_from_value.__wrapped__(value, mod)
    assert fresh == expected
    assert interval_from_value(value, mod) == fresh
    assert interval_from_value(value, mod) == fresh  # from the memo
