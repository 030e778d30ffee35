"""What a well-formed TIMEX3 mention is: value syntax by type, mods, and a day interval.

The grammar is TimeML 1.2.1's (ISO 8601 with X for what is unknown) as newsline writes it:
dates at any granularity (``2023``, ``2023-09``, ``2023-09-12``, ``2023-W37``, ``2023-W37-WE``,
``2023-Q3``, ``2023-H1``, ``2023-SU``), decades and centuries (``197X`` / ``197``, ``19XX`` /
``19``), a time of day after a date (``2023-09-12T22:00``, ``XXXX-XX-XXTNI``), the references
``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF``, durations (``P3M``, ``P20Y``, ``PXD``, ``PT4H``,
``P2WE``), sets (a duration or a date with X: ``P1W``, ``XXXX-WXX-1``, ``XXXX-07``) and
newsline's ranges of two dates (``1950/1953``). Years run from 0001 to 9999, the calendar
Python's dates hold. :func:`problems` is what the fuzzers and tests hold every mention to.
"""

from __future__ import annotations

import calendar
import re

from newsline.records import TimeMention
from newsline.temporal.intervals import interval_from_value

_Y = r"(?:(?!0000)\d{4}|XXXX)"
_MM = r"(?:0[1-9]|1[0-2]|XX)"
_DD = r"(?:0[1-9]|[12]\d|3[01]|XX)"
_WW = r"(?:0[1-9]|[1-4]\d|5[0-3]|XX)"
_DAY_PART = r"(?:MO|MI|AF|EV|NI|DT)"
_CLOCK = rf"(?:(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?|24:00|{_DAY_PART})"
_DATE = (
    rf"{_Y}(?:-{_MM}(?:-{_DD})?|-W{_WW}(?:-(?:[1-7]|WE))?|-Q(?:[1-4]|X)|-H[12X]|-(?:SP|SU|FA|WI))?"
    r"|\d{3}X?|\d{2}(?:XX)?|XXX|XX"
)
_AMOUNT = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = rf"P(?=.)(?:{_AMOUNT}(?:Y|M|W|D|Q|DE|CE|ML|WE))*(?:T(?=.)(?:{_AMOUNT}[HMS])*)?"
_REF = r"PRESENT_REF|PAST_REF|FUTURE_REF"

VALUE_SYNTAX = {
    "DATE": re.compile(rf"(?:{_DATE})(?:T{_CLOCK})?|{_REF}|(?:{_DATE})/(?:{_DATE})"),
    "TIME": re.compile(rf"(?:{_DATE})T{_CLOCK}|{_REF}"),
    "DURATION": re.compile(rf"{_DURATION}|{_REF}"),
    "SET": re.compile(rf"{_DURATION}|(?:{_DATE})(?:T{_CLOCK})?"),
}
#: TimeML's mods, and the two newsline keeps inside (written as END and START in TimeML).
MODS = frozenset(
    "BEFORE AFTER ON_OR_BEFORE ON_OR_AFTER LESS_THAN MORE_THAN EQUAL_OR_LESS EQUAL_OR_MORE "
    "START MID END APPROX MID_END START_MID".split()
)
GRANULARITIES = frozenset("day week month season quarter half year decade century".split())
_ANCHORED = re.compile(r"\d{4}(?:-|$|/|T)")
_MONTH_DAY = re.compile(r"(?:^|/)X{4}-(\d\d)-(\d\d)")


def problems(mention: TimeMention) -> list[str]:
    """Everything wrong with a mention's type, value, mod and interval (empty when none).

    The interval must run forward (start <= end) at a known granularity, and every DATE or TIME
    whose value names a calendar year must have one: a value the calendar cannot hold (the
    weekend that would begin on 10000-01-01) is a wrong answer, not a vague one.
    """
    found = _value_problems(mention)
    if mention.mod is not None and mention.mod not in MODS:
        found.append(f"mod {mention.mod!r} is not a TIMEX3 mod")
    for part in mention.parts:
        found.extend(f"part {part.text!r}: {problem}" for problem in problems(part))
    return found


def _value_problems(mention: TimeMention) -> list[str]:
    """The value's syntax for its type; for a well-formed value, its days and interval."""
    syntax = VALUE_SYNTAX.get(mention.type)
    if syntax is None:
        return [f"type {mention.type!r} is not DATE, TIME, DURATION or SET"]
    if not syntax.fullmatch(mention.value):
        return [f"{mention.type} value {mention.value!r} is not TIMEX3"]
    day = _MONTH_DAY.search(mention.value)
    if day and int(day[2]) > calendar.monthrange(2000, int(day[1]))[1]:  # 2000: Feb. has 29
        return [f"value {mention.value!r} names a day no year has"]
    return _interval_problems(mention)


def _interval_problems(mention: TimeMention) -> list[str]:
    interval = mention.interval
    if interval is None:
        dated = mention.type in ("DATE", "TIME") and _ANCHORED.match(mention.value)
        if dated and interval_from_value(mention.value.split("T")[0]) is None:
            return [f"value {mention.value!r} has no day interval in the calendar"]
        return []
    found = []
    if interval.start > interval.end:
        found.append(f"interval {interval.start}..{interval.end} runs backwards")
    if interval.granularity not in GRANULARITIES:
        found.append(f"granularity {interval.granularity!r} is unknown")
    return found
