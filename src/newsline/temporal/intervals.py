"""TIMEX3 values to day intervals, and back to labels.

Every DATE value a tagger produces maps to the closed interval of days it covers, with its
granularity; mods narrow it (START of a decade is its first three or four years). This is what
lets later stages sort and compare "July 2000", "early 2000s" and "2000-07-14".
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from newsline.records import Interval

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
_QUARTER_MONTHS = {"Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12)}
_HALF_MONTHS = {"H1": (1, 6), "H2": (7, 12)}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})X$")
_CENTURY = re.compile(r"^(\d{2})(?:XX)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_PART = re.compile(r"^(\d{4})-(SP|SU|FA|WI|Q[1-4]|H[12])$")


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def _months(year: int, first: int, last: int) -> tuple[date, date]:
    if last < first:  # winter runs over the new year
        return date(year, first, 1), month_end(year + 1, last) if year < date.max.year else date.max
    return date(year, first, 1), month_end(year, last)


# Memoized: a pure function of two strings, whose result is a frozen record (one shared is as
# good as another equal to it), asked for again and again (an article's dates, each some 6
# times an article, repeat within it and across a day's news); the look-up costs a fraction of
# the matching, the calendar's checks and the record's making.
@lru_cache(maxsize=1 << 12)
def interval_from_value(value: str, mod: str | None = None) -> Interval | None:
    """The interval a TIMEX3 DATE value covers, narrowed by its mod; None for unanchored values
    and for days the calendar cannot hold (year 0, February 30). An interval that would run
    past 9999-12-31 (the week or the winter that 9999 ends in) stops there."""
    try:
        base = _base_interval(value)
    except (OverflowError, ValueError):
        return None
    if base is None:
        return None
    return narrow(base, mod)


def _after(day: date, days: int) -> date:
    """``days`` after ``day``, or the calendar's last day when that lies beyond it."""
    return day + timedelta(days=days) if date.max - day >= timedelta(days=days) else date.max


def _base_interval(value: str) -> Interval | None:
    if "/" in value:  # a range we write as start/end
        left, right = value.split("/", 1)
        a, b = _base_interval(left), _base_interval(right)
        if a is None or b is None:
            return None
        gran = a.granularity if a.granularity == b.granularity else b.granularity
        return Interval(a.start, b.end, gran)
    if m := _DAY.match(value):
        try:
            day = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
        return Interval(day, day, "day")
    if m := _MONTH.match(value):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            return None
        return Interval(date(year, month, 1), month_end(year, month), "month")
    if m := _YEAR.match(value):
        year = int(m[1])
        return Interval(date(year, 1, 1), date(year, 12, 31), "year")
    if m := _DECADE.match(value):
        first = int(m[1]) * 10
        return Interval(date(max(first, 1), 1, 1), date(first + 9, 12, 31), "decade")
    if m := _WEEK.match(value):
        try:
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            return None
        if m[3]:  # the weekend: Saturday and Sunday (none when Saturday is past 9999-12-31)
            if date.max - monday < timedelta(days=5):
                return None
            return Interval(monday + timedelta(days=5), _after(monday, 6), "week")
        return Interval(monday, _after(monday, 6), "week")
    if m := _PART.match(value):
        return _part_interval(int(m[1]), m[2])
    if (m := _CENTURY.match(value)) and value.endswith("XX"):
        first = int(m[1]) * 100
        return Interval(date(max(first, 1), 1, 1), date(first + 99, 12, 31), "century")
    return None


def _part_interval(year: int, part: str) -> Interval:
    if part in _SEASON_MONTHS:
        start, end = _months(year, *_SEASON_MONTHS[part])
        return Interval(start, end, "season")
    if part in _QUARTER_MONTHS:
        start, end = _months(year, *_QUARTER_MONTHS[part])
        return Interval(start, end, "quarter")
    start, end = _months(year, *_HALF_MONTHS[part])
    return Interval(start, end, "half")


def narrow(interval: Interval, mod: str | None) -> Interval:
    """Apply START / MID / END (and EARLY_MID style pairs) to an interval; other mods keep it."""
    if mod not in {"START", "MID", "END", "MID_END", "START_MID"}:
        return interval
    total = (interval.end - interval.start).days + 1
    # Thirds, as HeidelTime and readers take "early", "mid" and "late".
    cuts = {
        "START": (0.0, 1 / 3),
        "MID": (1 / 3, 2 / 3),
        "END": (2 / 3, 1.0),
        "START_MID": (0.0, 2 / 3),
        "MID_END": (1 / 3, 1.0),
    }[mod]
    start = interval.start + timedelta(days=int(total * cuts[0]))
    end = interval.start + timedelta(days=max(int(total * cuts[1]) - 1, 0))
    return Interval(start, end, interval.granularity)


def interval_label(interval: Interval) -> str:
    """A compact ISO-like label at the interval's own granularity."""
    start, end, gran = interval.start, interval.end, interval.granularity
    if start == end:
        return start.isoformat()
    if gran == "month" and start.day == 1 and end == month_end(start.year, start.month):
        return f"{start.year:04d}-{start.month:02d}"
    whole_years = start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31
    if whole_years and start.year == end.year:
        return f"{start.year:04d}"
    if whole_years:
        return f"{start.year:04d}/{end.year:04d}"
    return f"{start.isoformat()}/{end.isoformat()}"
