"""Human labels for intervals: "12 September 2023", "July 2000", "1950-1953", "1970s"."""

from __future__ import annotations

import calendar
from datetime import date

from newsline.records import Interval
from newsline.temporal.intervals import month_end


def human_label(interval: Interval) -> str:
    """How a person writes the interval, at its granularity."""
    start, end, gran = interval.start, interval.end, interval.granularity
    if end == date.max:
        return f"after {_day_or_month(start)}"
    if gran == "range":
        return f"between {_day_or_month(start)} and {_day_or_month(end, last=True)}"
    if start == end:
        return f"{start.day} {calendar.month_name[start.month]} {start.year}"
    whole_month = start.day == 1 and end == month_end(end.year, end.month)
    whole_years = whole_month and start.month == 1 and end.month == 12
    if whole_years and start.year == end.year:
        return str(start.year)
    if whole_years and start.year % 10 == 0 and end.year == start.year + 9:
        return f"{start.year}s"
    if whole_years:
        return f"{start.year}-{end.year}"
    if whole_month and (start.year, start.month) == (end.year, end.month):
        return f"{calendar.month_name[start.month]} {start.year}"
    if gran == "decade" or (end.year - start.year) >= 2:
        return f"{start.year}-{end.year}"
    if whole_month:
        first = f"{calendar.month_name[start.month]} {start.year}"
        return f"{first} - {calendar.month_name[end.month]} {end.year}"
    return f"{start.isoformat()} - {end.isoformat()}"


def _day_or_month(day: date, last: bool = False) -> str:
    """'April 2019' for a month's first (or last) day, '2022' for a year's, else the day."""
    if (not last and day.month == 1 and day.day == 1) or (
        last and (day.month, day.day) == (12, 31)
    ):
        return str(day.year)
    edge = month_end(day.year, day.month).day if last else 1
    if day.day == edge:
        return f"{calendar.month_name[day.month]} {day.year}"
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"
