"""Turn parsed time specs into TIMEX3 values against an anchor date, a tense and the discourse.

Specs are what rules recognise (a year, a month without a year, a weekday, "last year", "that
year"); resolution needs the article's anchor (publication date), whether the sentence speaks of
the past or the future, and the last time mentioned before (for "that year", "two days later").
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from newsline.records import Interval
from newsline.temporal.intervals import interval_from_value


@dataclass(frozen=True, slots=True)
class Spec:
    """What a rule recognised, before resolution. ``kind`` chooses the resolver."""

    kind: str
    type: str = "DATE"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    unit: str | None = None  # Y M W D Q DE CE ...
    amount: int | None = None
    value: str | None = None  # for kinds whose value needs no resolution
    mod: str | None = None
    parts: tuple[Spec, ...] = ()


@dataclass
class Discourse:
    """What resolution needs besides the spec: anchor, tense, and the last resolved date."""

    anchor: date | None
    tense: str = "past"  # "past" | "future" | "present"
    last: Interval | None = None
    history: list[Interval] = field(default_factory=list)


def shift_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later (clamped to the month's end)."""
    total = day.year * 12 + (day.month - 1) + months
    year, month = divmod(total, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def value_of(day: date, granularity: str) -> str:
    """A TIMEX3 value for a day at a granularity."""
    if granularity == "day":
        return day.isoformat()
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "week":
        iso = day.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    if granularity == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if granularity == "decade":
        return f"{day.year // 10:03d}X"
    if granularity == "century":
        return f"{day.year // 100:02d}XX"
    return f"{day.year:04d}"


_UNIT_GRANULARITY = {
    "D": "day", "W": "week", "WE": "week", "M": "month", "Q": "quarter",
    "Y": "year", "DE": "decade", "CE": "century",
}


def _year_for(month: int, day: int | None, disc: Discourse) -> int | None:
    """The year a month (and day) without a year most likely has, given the context."""
    ref = disc.anchor
    if disc.last is not None and (ref is None or disc.tense == "anaphoric"):
        return disc.last.start.year
    if ref is None:
        return disc.last.start.year if disc.last else None
    probe = date(ref.year, month, min(day or 1, calendar.monthrange(ref.year, month)[1]))
    if disc.tense == "future":
        return ref.year + 1 if probe < date(ref.year, ref.month, 1 if day is None else ref.day) else ref.year
    # Past (the news default): the most recent such month on or before the anchor.
    if day is None:
        return ref.year if month <= ref.month else ref.year - 1
    return ref.year if probe <= ref else ref.year - 1


def resolve(spec: Spec, disc: Discourse) -> tuple[str, str | None] | None:
    """(value, mod) for a spec, or None when it cannot be resolved (no anchor, say)."""
    resolver = _RESOLVERS.get(spec.kind)
    if resolver is None:
        return None
    return resolver(spec, disc)


def resolve_interval(spec: Spec, value: str, mod: str | None, disc: Discourse) -> Interval | None:
    """The day interval of a resolved DATE spec; a range spans its parts, each with its mod."""
    if spec.type != "DATE":
        return None
    if spec.kind == "range":
        bounds = []
        for part in spec.parts:
            done = resolve(part, disc)
            bounds.append(interval_from_value(*done) if done else None)
        if bounds[0] is None or bounds[1] is None:
            return None
        return Interval(bounds[0].start, bounds[1].end, bounds[1].granularity)
    return interval_from_value(value, mod)


def _absolute(spec: Spec, disc: Discourse) -> tuple[str, str | None] | None:
    assert spec.year is not None
    if spec.month is None:
        return f"{spec.year:04d}", spec.mod
    if spec.day is None:
        return f"{spec.year:04d}-{spec.month:02d}", spec.mod
    try:
        return date(spec.year, spec.month, spec.day).isoformat(), spec.mod
    except ValueError:
        return None


def _partial(spec: Spec, disc: Discourse) -> tuple[str, str | None] | None:
    assert spec.month is not None
    year = _year_for(spec.month, spec.day, disc)
    if year is None:
        value = f"XXXX-{spec.month:02d}" + (f"-{spec.day:02d}" if spec.day else "")
        return value, spec.mod
    return _absolute(Spec("absolute", year=year, month=spec.month, day=spec.day, mod=spec.mod), disc)


def _weekday(spec: Spec, disc: Discourse) -> tuple[str, str | None] | None:
    assert spec.weekday is not None
    ref = disc.anchor
    if ref is None:
        return f"XXXX-WXX-{spec.weekday + 1}", spec.mod
    delta = spec.weekday - ref.weekday()
    if disc.tense == "future":
        delta = delta % 7 or 7
    elif disc.tense == "present":
        delta = delta % 7 if delta >= 0 else delta
    else:
        delta = -((-delta) % 7)
    return (ref + timedelta(days=delta)).isoformat(), spec.mod


def _relative(spec: Spec, disc: Discourse) -> tuple[str, str | None] | None:
    """``amount`` units from the anchor (``kind='relative'``) or from the last mention."""
    assert spec.unit is not None and spec.amount is not None
    base = disc.anchor if spec.kind == "relative" else (disc.last.start if disc.last else None)
    if base is None:
        return None
    gran = _UNIT_GRANULARITY.get(spec.unit, "day")
    if spec.unit == "D":
        day = base + timedelta(days=spec.amount)
    elif spec.unit in ("W", "WE"):
        day = base + timedelta(weeks=spec.amount)
    elif spec.unit == "M":
        day = shift_months(base, spec.amount)
    elif spec.unit == "Q":
        day = shift_months(base, 3 * spec.amount)
    elif spec.unit == "Y":
        day = shift_months(base, 12 * spec.amount)
    elif spec.unit == "DE":
        day = shift_months(base, 120 * spec.amount)
    else:
        return None
    if spec.value == "coarse":  # "three years ago": said at the unit's granularity
        return value_of(day, gran), spec.mod
    return value_of(day, gran if spec.kind == "relative" and spec.value != "day" else "day"), spec.mod


def _anaphoric_same(spec: Spec, disc: Discourse) -> tuple[str, str | None] | None:
    """'that year', 'the same day': the last mention at the spec's granularity."""
    if disc.last is None:
        return None
    gran = _UNIT_GRANULARITY.get(spec.unit or "Y", "year")
    return value_of(disc.last.start, gran), spec.mod


def _fixed(spec: Spec, disc: Discourse) -> tuple[str, str | None] | None:
    return spec.value, spec.mod


def _range(spec: Spec, disc: Discourse) -> tuple[str, str | None] | None:
    left, right = (resolve(part, disc) for part in spec.parts)
    if left is None or right is None:
        return None
    return f"{left[0]}/{right[0]}", spec.mod


def _month_of_last_year(spec: Spec, disc: Discourse) -> tuple[str, str | None] | None:
    """'last March': the named month of the year before the anchor's, unless it is still ahead."""
    assert spec.month is not None
    if disc.anchor is None:
        return None
    ref = disc.anchor
    year = ref.year - 1 if spec.month >= ref.month else ref.year
    if spec.amount == 1:  # "next March"
        year = ref.year + 1 if spec.month <= ref.month else ref.year
    return f"{year:04d}-{spec.month:02d}", spec.mod


def _anaphoric_month(spec: Spec, disc: Discourse) -> tuple[str, str | None] | None:
    """'July of that year': the month in the year last mentioned."""
    assert spec.month is not None
    if disc.last is None:
        return None
    return f"{disc.last.start.year:04d}-{spec.month:02d}", spec.mod


def _season(spec: Spec, disc: Discourse) -> tuple[str, str | None] | None:
    """'last summer': the season in the anchor's year, moved by ``amount`` years."""
    if disc.anchor is None or spec.amount is None:
        return None
    return f"{disc.anchor.year + spec.amount:04d}-{spec.value}", spec.mod


_RESOLVERS = {
    "anaphoric_month": _anaphoric_month,
    "season": _season,
    "absolute": _absolute,
    "partial": _partial,
    "weekday": _weekday,
    "relative": _relative,
    "anaphoric_offset": _relative,
    "anaphoric_same": _anaphoric_same,
    "fixed": _fixed,
    "range": _range,
    "named_month": _month_of_last_year,
}
