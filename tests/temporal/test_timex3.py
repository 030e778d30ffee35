"""The TIMEX3 validator: which values, mods and intervals are well formed."""

from __future__ import annotations

from datetime import date

import pytest

from newsline.records import Interval, TimeMention
from newsline.temporal.timex3 import problems

VALID = [
    ("DATE", "2023"),
    ("DATE", "2023-09"),
    ("DATE", "2023-09-12"),
    ("DATE", "2023-W37"),
    ("DATE", "2023-W37-WE"),
    ("DATE", "2023-Q3"),
    ("DATE", "2023-H1"),
    ("DATE", "2023-SU"),
    ("DATE", "197X"),
    ("DATE", "197"),
    ("DATE", "19XX"),
    ("DATE", "XXXX-03"),
    ("DATE", "XXXX-02-29"),
    ("DATE", "XXXX-WXX-1"),
    ("DATE", "XXXX-WXX-WE"),
    ("DATE", "XXXX-QX"),
    ("DATE", "1950/1953"),
    ("DATE", "2023-03/2023-05"),
    ("DATE", "PRESENT_REF"),
    ("DATE", "PAST_REF"),
    ("DATE", "FUTURE_REF"),
    ("DATE", "0001-01-01"),
    ("DATE", "9999-12-31"),
    ("TIME", "2023-09-12T22:00"),
    ("TIME", "2023-09-12T24:00"),
    ("TIME", "1944-06-06TNI"),
    ("TIME", "XXXX-WXX-3T22:00"),
    ("DURATION", "P3M"),
    ("DURATION", "P20Y"),
    ("DURATION", "PXD"),
    ("DURATION", "PT4H"),
    ("DURATION", "PT30M"),
    ("DURATION", "P2WE"),
    ("DURATION", "PXDE"),
    ("DURATION", "P1Y2M"),
    ("SET", "P1W"),
    ("SET", "XXXX-WXX-1"),
    ("SET", "XXXX-07"),
]
INVALID = [
    ("DATE", "0000-03", "not TIMEX3"),
    ("DATE", "10000-01", "not TIMEX3"),
    ("DATE", "2023-13", "not TIMEX3"),
    ("DATE", "2023-09-32", "not TIMEX3"),
    ("DATE", "2023-W54", "not TIMEX3"),
    ("DATE", "2023-Q5", "not TIMEX3"),
    ("DATE", "XXXX-02-30", "names a day no year has"),
    ("DATE", "XXXX-09-31", "names a day no year has"),
    ("DATE", "", "not TIMEX3"),
    ("DATE", "last year", "not TIMEX3"),
    ("TIME", "2023-09-12", "not TIMEX3"),
    ("TIME", "2023-09-12T25:00", "not TIMEX3"),
    ("DURATION", "P", "not TIMEX3"),
    ("DURATION", "PT", "not TIMEX3"),
    ("DURATION", "P3", "not TIMEX3"),
    ("DURATION", "3M", "not TIMEX3"),
    ("EVENT", "2023", "is not DATE"),
]


def _mention(kind: str, value: str, **fields: object) -> TimeMention:
    return TimeMention(0, 4, "then", kind, value, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(("kind", "value"), VALID)
def test_valid_values(kind: str, value: str) -> None:
    assert problems(_mention(kind, value)) == []


@pytest.mark.parametrize(("kind", "value", "why"), INVALID)
def test_invalid_values(kind: str, value: str, why: str) -> None:
    (problem,) = problems(_mention(kind, value))
    assert why in problem


@pytest.mark.parametrize(
    ("fields", "why"),
    [
        ({"mod": "SOMETIME"}, "not a TIMEX3 mod"),
        ({"interval": Interval(date(2023, 2, 1), date(2023, 1, 1), "month")}, "runs backwards"),
        ({"interval": Interval(date(2023, 1, 1), date(2023, 1, 1), "fortnight")}, "unknown"),
    ],
)
def test_invalid_mods_and_intervals(fields: dict[str, object], why: str) -> None:
    (problem,) = problems(_mention("DATE", "2023", **fields))
    assert why in problem


def test_a_dated_value_needs_an_interval_the_calendar_holds() -> None:
    # the weekend of 9999-W52 begins on 10000-01-01: no interval the calendar holds
    (problem,) = problems(_mention("DATE", "9999-W52-WE"))
    assert "no day interval" in problem
    assert problems(_mention("DATE", "XXXX-03")) == []  # unanchored: no interval expected


def test_a_range_part_is_checked() -> None:
    part = _mention("DATE", "0000-03")
    (problem,) = problems(_mention("DATE", "2023", parts=(part,)))
    assert problem.startswith("part 'then'")
