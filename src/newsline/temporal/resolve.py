"""Turn parsed time specs into TIMEX3 values against an anchor date, a tense and the discourse.

Specs are what rules recognise (a year, a month without a year, a weekday, "last year", "that
year"); resolution needs the article's anchor (publication date), whether the sentence speaks of
the past or the future, and the last time mentioned before (for "that year", "two days later").
Each ``kind`` of spec has one resolver in :data:`_RESOLVERS`.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from newsline.records import Interval
from newsline.temporal.dates import (
    TENSE_PENALTY_DAYS,
    UNIT_GRANULARITY,
    finer,
    last_full_quarter,
    nearest_year,
    quarter_near,
    shift,
    value_of,
    weekday_near,
)
from newsline.temporal.intervals import interval_from_value
from newsline.temporal.tense import tense_at

Resolved = tuple[str, str | None]


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
    quarter: int | None = None
    clock: str | None = None  # "22:00", "MO", "NI": a time of day that makes the mention a TIME
    spans: tuple[tuple[int, int], ...] = ()  # where each of a range's parts sits in the text


@dataclass
class Discourse:
    """What resolution needs besides the spec: anchor, tense, and the last resolved date.

    The tense is read around the expression being resolved (``place``: text, start, end) the
    first time a resolver asks for it: most expressions ("May 8, 2011", "2009", "three days")
    do not, and reading it is most of a resolution's cost."""

    anchor: date | None
    last: Interval | None = None
    history: list[Interval] = field(default_factory=list)
    # A chronology's paragraph ("2014 — ... in April"): a month without a year is in the year
    # last named, not the one nearest the anchor (news reads it the other way).
    narrative: bool = False
    # The last date of the text before this one (an earlier paragraph): an anaphor with no
    # antecedent in its own text leans on it ("... on Monday." / "Two days later, ...").
    carried: Interval | None = None
    place: tuple[str, int, int] | None = None
    told: str | None = None  # the tense of ``place``, once read
    # The day of the weekday just before this one in a pair, and where this one lies from it:
    # "after" in a span ("Wednesday to Friday"), "nearest" in a list ("Sunday or Monday",
    # "statements made Friday and Thursday"), not where the tense alone would put it ("could
    # be contained by Sunday or Monday" is no Monday gone by).
    follows: tuple[date, str] | None = None

    @property
    def tense(self) -> str:
        """ "past" | "future" | "present" | "generic" | "told" | "eve" | "next week" | "unknown"
        (:func:`tense_at`)."""
        if self.told is None:
            self.told = "unknown" if self.place is None else tense_at(*self.place)
        return self.told

    def at(self, text: str, start: int, end: int) -> None:
        """Resolve the expression ``text[start:end]`` next: its tense is read from there."""
        self.place, self.told = (text, start, end), None


def resolve(spec: Spec, disc: Discourse) -> Resolved | None:
    """(value, mod) for a spec, or None when it cannot be resolved (no anchor, say)."""
    resolver = _RESOLVERS.get(spec.kind)
    if resolver is None:
        return None
    if _any_year(spec) and disc.tense == "generic":
        found = _unresolved(spec)  # "flu season is usually over by May": any year's May
        if found is None or spec.clock is None or "T" in found[0]:
            return found
        return f"{found[0]}T{spec.clock}", found[1]  # "usually on a Saturday morning"
    try:
        done = resolver(spec, disc)
    except (OverflowError, ValueError):  # the day falls before year 1 or after 9999
        return None
    if done is None:  # with no anchor at all, keep the mention with X where the date is unknown
        return _unresolved(spec) if disc.anchor is None else None
    if not _in_calendar(done[0]):  # "next January" said on 9999-12-31
        return None
    if spec.clock is None:
        return done
    value, mod = done
    if len(value) == 10 and value[4] == "-":  # a day: the time of day goes after it
        return f"{value}T{spec.clock}", mod
    return (f"XXXX-XX-XXT{spec.clock}", mod) if value.startswith("XXXX") else None


def _in_calendar(value: str) -> bool:
    """False for a value (or either end of a range) in year 0 or after 9999."""
    return not any(
        side[:4] == "0000" or side[:5].isdigit() and len(side) > 4 for side in value.split("/")
    )


_UNKNOWN = {
    "Y": "XXXX",
    "M": "XXXX-XX",
    "W": "XXXX-WXX",
    "WE": "XXXX-WXX-WE",
    "D": "XXXX-XX-XX",
    "Q": "XXXX-QX",
    "DE": "XXX",
    "CE": "XX",
}


# What the word before a weekday says of it ("this past", "last", "next", "this"): it, not the
# sentence's tense, picks the day (:func:`newsline.temporal.dates.weekday_near`).
_WORDED = ("before", "last", "after", "nearest")


def _any_year(spec: Spec) -> bool:
    """Whether the spec names a month, season or weekday of no year in particular ("May",
    "the summer", "Monday"; not "last May", "this summer", "next Monday")."""
    if spec.kind == "partial":
        return True
    if spec.kind == "season":
        return spec.amount is None
    return spec.kind == "weekday" and spec.value not in (*_WORDED, "anaphoric")


def _unresolved(spec: Spec) -> Resolved | None:
    """A TIMEX3 value with X for what no anchor or earlier mention could fill ("last March"
    with no publication date is XXXX-03); None for a part of a day with no day, and for a date
    that names its year yet failed: it does not exist ("February 30, 2024")."""
    if spec.kind == "absolute":
        return None
    if spec.kind == "clock":
        return None if spec.value == "needs_day" else (f"XXXX-XX-XXT{spec.clock}", spec.mod)
    if spec.month is not None:
        day = f"-{spec.day:02d}" if spec.day else ""
        return f"XXXX-{spec.month:02d}{day}", spec.mod
    if spec.kind == "season":
        return f"XXXX-{spec.value}", spec.mod
    if spec.kind == "weekday" and spec.weekday is not None:
        return f"XXXX-WXX-{spec.weekday + 1}", spec.mod
    if spec.kind == "half":
        return f"XXXX-H{spec.quarter}", spec.mod
    if spec.kind == "weekend":
        return _UNKNOWN["WE"], spec.mod
    if spec.kind == "anaphoric_quarter":
        return _UNKNOWN["Q"], spec.mod
    if spec.unit in _UNKNOWN and spec.kind != "range":
        value = _UNKNOWN["D"] if spec.value == "day" else _UNKNOWN[spec.unit]
        return (f"{value}T{spec.clock}" if spec.clock else value), spec.mod
    return None


def resolve_interval(spec: Spec, value: str, mod: str | None, disc: Discourse) -> Interval | None:
    """The day interval of a resolved DATE spec; a range spans its parts, each with its mod."""
    try:
        return _interval(spec, value, mod, disc)
    except (OverflowError, ValueError):  # a value the calendar cannot hold, like year 0
        return None


def _interval(spec: Spec, value: str, mod: str | None, disc: Discourse) -> Interval | None:
    if spec.type not in ("DATE", "TIME"):
        return None
    if spec.kind == "range":
        bounds = [
            interval_from_value(*done) if done else None for done in resolve_parts(spec, disc)
        ]
        if bounds[0] is None or bounds[1] is None:
            return None
        return Interval(bounds[0].start, bounds[1].end, bounds[1].granularity)
    return interval_from_value(value.split("T")[0] if spec.type == "TIME" else value, mod)


def _absolute(spec: Spec, disc: Discourse | None) -> Resolved | None:
    assert spec.year is not None
    if spec.month is None:
        return f"{spec.year:04d}", spec.mod
    if spec.day is None:
        return f"{spec.year:04d}-{spec.month:02d}", spec.mod
    try:
        return date(spec.year, spec.month, spec.day).isoformat(), spec.mod
    except ValueError:
        return None


def _partial(spec: Spec, disc: Discourse) -> Resolved | None:
    """A month (and day) without a year: the year nearest the anchor, else the last mention's;
    in a narrative, the year of the last date named unless the sentence looks ahead."""
    assert spec.month is not None
    if disc.narrative and disc.last is not None and disc.tense != "future":
        year: int | None = disc.last.start.year  # "... in April. ... in September": still 2014
    elif disc.anchor is not None:
        year = nearest_year(disc.anchor, spec.month, spec.day, disc.tense)
    else:
        year = disc.last.start.year if disc.last else None
    if year is None:
        value = f"XXXX-{spec.month:02d}" + (f"-{spec.day:02d}" if spec.day else "")
        return value, spec.mod
    return _dated(spec, year)


def _month_rel_year(spec: Spec, disc: Discourse) -> Resolved | None:
    """'March 2 last year', 'July this year': the month in the year ``amount`` from the anchor."""
    if disc.anchor is None:
        return None
    year = disc.anchor.year + (spec.amount or 0)
    return _dated(spec, year)


def _dated(spec: Spec, year: int) -> Resolved | None:
    """The spec's month (and day) in ``year``."""
    done = Spec("absolute", year=year, month=spec.month, day=spec.day, mod=spec.mod)
    return _absolute(done, None)


def _weekday(spec: Spec, disc: Discourse) -> Resolved | None:
    """A weekday: the one before or after the anchor that the tense (or 'last', 'next') says."""
    assert spec.weekday is not None
    if spec.value == "anaphoric" and disc.last is not None:
        return weekday_near(disc.last.start, spec.weekday, "before").isoformat(), spec.mod
    if disc.anchor is None:
        return f"XXXX-WXX-{spec.weekday + 1}", spec.mod
    if disc.follows is not None and spec.value not in _WORDED:
        day, how = disc.follows
        return weekday_near(day, spec.weekday, how).isoformat(), spec.mod
    tense = spec.value if spec.value in _WORDED else disc.tense
    return weekday_near(disc.anchor, spec.weekday, tense).isoformat(), spec.mod


def _relative(spec: Spec, disc: Discourse) -> Resolved | None:
    """``amount`` units from the anchor ("last year", "three days ago")."""
    assert spec.unit is not None and spec.amount is not None
    if disc.anchor is None:
        return None
    last = disc.last
    if spec.value == "ago" and spec.unit == "Y" and last and last.granularity == "quarter":
        # "profit rose from $3 a year ago" after "the third quarter": the year-ago quarter
        day = shift(last.start, "Y", spec.amount)
        return (value_of(day, "quarter"), spec.mod) if day else None
    if disc.narrative and disc.last is not None and spec.unit == "Y" and spec.amount == 0:
        # "2023 — The crossing opens ... by the end of the year": the year the line tells of
        return value_of(disc.last.start, "year"), spec.mod
    day = shift(disc.anchor, spec.unit, spec.amount)
    if day is None:
        return None
    gran = UNIT_GRANULARITY.get(spec.unit, "day")
    return value_of(day, "day" if spec.value == "day" else gran), spec.mod


def _anaphoric_offset(spec: Spec, disc: Discourse) -> Resolved | None:
    """'two days later', 'a year earlier': from the last mention, as precise as the finer of
    the unit and that mention ("a year earlier" than 1989-Q3 is 1988-Q3). With no mention
    before it, the date it counts from is unknown: not the publication day ("She joined a
    year later" in a story published in 2011 is no 2011)."""
    assert spec.unit is not None and spec.amount is not None
    if disc.last is not None:
        base, gran = disc.last.start, disc.last.granularity
    else:  # no time mentioned yet: later than what, the text does not say
        return _unresolved(spec)
    day = shift(base, spec.unit, spec.amount)
    if day is None:
        return None
    unit_gran = UNIT_GRANULARITY.get(spec.unit, "day")
    return value_of(day, unit_gran if spec.value == "unit" else finer(unit_gran, gran)), spec.mod


def _anaphoric_same(spec: Spec, disc: Discourse) -> Resolved | None:
    """'that year', 'the same day': the last mention at the spec's granularity."""
    if disc.last is None:
        return None
    gran = UNIT_GRANULARITY.get(spec.unit or "Y", "year")
    return value_of(disc.last.start, gran), spec.mod


def _fixed(spec: Spec, disc: Discourse) -> Resolved | None:
    return spec.value or "", spec.mod


def _range(spec: Spec, disc: Discourse) -> Resolved | None:
    left, right = resolve_parts(spec, disc)
    if left is None or right is None:
        return None
    return f"{left[0]}/{right[0]}", spec.mod


def resolve_parts(spec: Spec, disc: Discourse) -> list[Resolved | None]:
    """A range's two ends, resolved so that it never ends before it starts: an end that names
    no year ("from November to February") moves to the year that keeps the order."""
    done = [resolve(part, disc) for part in spec.parts]
    if len(done) != 2 or done[0] is None or done[1] is None:
        return done
    first, last = interval_from_value(*done[0]), interval_from_value(*done[1])
    if first is None or last is None or last.end >= first.start:
        return done
    if spec.parts[1].kind == "partial":
        done[1] = _shift_year(done[1], 1)
    elif spec.parts[0].kind == "partial":
        done[0] = _shift_year(done[0], -1)
    return done


def _shift_year(resolved: Resolved, years: int) -> Resolved:
    value, mod = resolved
    if not value[:4].isdigit():
        return resolved
    return f"{int(value[:4]) + years:04d}{value[4:]}", mod


def _named_month(spec: Spec, disc: Discourse) -> Resolved | None:
    """'last March' (amount -1), 'next March' (1), 'this March' (0) from the anchor."""
    assert spec.month is not None
    if disc.anchor is None:
        return None
    ref = disc.anchor
    if spec.amount == 0:
        year = ref.year
    elif spec.amount == 1:
        year = ref.year + 1 if spec.month <= ref.month else ref.year
    else:  # the month just gone is "last month"; "last February" in March is a year back
        year = ref.year - 1 if spec.month >= ref.month - 1 else ref.year
    return f"{year:04d}-{spec.month:02d}", spec.mod


def _anaphoric_month(spec: Spec, disc: Discourse) -> Resolved | None:
    """'July of that year': the month (and day) in the year last mentioned, or in the year
    after it ('of the following year')."""
    assert spec.month is not None
    if disc.last is None:
        return None
    return _dated(spec, disc.last.start.year + (spec.amount or 0))


def _season(spec: Spec, disc: Discourse) -> Resolved | None:
    """'last summer' is the last one over by the anchor, 'next summer' the first one not yet
    begun, 'this summer' the anchor year's, a bare 'the summer' the nearest."""
    if disc.anchor is None:
        return None
    ref = disc.anchor
    year = ref.year
    if spec.amount is None:
        year = _nearest_season(ref, spec.value or "", disc.tense)
    elif spec.amount:
        years = range(ref.year - 2, ref.year + 2)
        spans = [(y, interval_from_value(f"{y:04d}-{spec.value}")) for y in years]
        if spec.amount < 0:
            year = max(y for y, span in spans if span and span.end < ref)
        else:
            year = min(y for y, span in spans if span and span.start > ref)
    return f"{year:04d}-{spec.value}", spec.mod


def _day_of_month(spec: Spec, disc: Discourse) -> Resolved | None:
    """'on the 15th': that day in the anchor's month or the one before or after, whichever is
    nearest (an explicit tense costs the other side, as for months)."""
    assert spec.day is not None
    ref = disc.anchor
    if ref is None:
        return f"XXXX-XX-{spec.day:02d}", spec.mod
    best, best_cost = None, None
    for months in (-1, 0, 1):
        first = shift(ref.replace(day=1), "M", months)
        if first is None or spec.day > calendar.monthrange(first.year, first.month)[1]:
            continue
        day = first.replace(day=spec.day)
        cost = abs((day - ref).days)
        if (disc.tense == "future" and day < ref) or (disc.tense == "past" and day > ref):
            cost += TENSE_PENALTY_DAYS
        if best_cost is None or cost < best_cost:
            best, best_cost = day, cost
    return (best.isoformat(), spec.mod) if best else None


def _nearest_season(anchor: date, code: str, tense: str) -> int:
    """The year of the season nearest the anchor; the tense breaks near ties as for months."""
    best, best_cost = anchor.year, None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        span = interval_from_value(f"{year:04d}-{code}")
        if span is None:
            continue
        if span.start <= anchor <= span.end:
            return year
        cost = min(abs((span.start - anchor).days), abs((span.end - anchor).days))
        if (tense == "future" and span.end < anchor) or (tense == "past" and span.start > anchor):
            cost += TENSE_PENALTY_DAYS
        if best_cost is None or cost < best_cost:
            best, best_cost = year, cost
    return best


def _quarter(spec: Spec, disc: Discourse) -> Resolved | None:
    """'the third quarter', '1988 second quarter', 'last year's fourth quarter'."""
    assert spec.quarter is not None
    if spec.year is not None:
        year = spec.year
    elif disc.anchor is None:
        return f"XXXX-Q{spec.quarter}", spec.mod
    elif spec.amount is not None:
        year = disc.anchor.year + spec.amount
    else:
        year = quarter_near(disc.anchor, spec.quarter, disc.tense)
        year -= spec.value == "ago"  # "the year-ago third quarter"
    return f"{year:04d}-Q{spec.quarter}", spec.mod


def _anaphoric_quarter(spec: Spec, disc: Discourse) -> Resolved | None:
    """'the quarter', 'the latest quarter', 'the year-ago quarter', 'the 1988 quarter': the last
    full quarter before the anchor (the one a report speaks of), moved back ``amount`` years;
    'that quarter' is the last quarter mentioned, 'the current quarter' the anchor's."""
    if spec.value == "that" and disc.last is not None and disc.last.granularity == "quarter":
        base = disc.last.start
    elif disc.anchor is None:
        return None
    elif spec.value == "current":
        base = disc.anchor
    else:
        base = last_full_quarter(disc.anchor)
    if spec.year is not None:
        base = base.replace(year=spec.year, day=1)
    day = shift(base, "Y", spec.amount or 0)
    return (value_of(day, "quarter"), spec.mod) if day else None


def _clock(spec: Spec, disc: Discourse) -> Resolved | None:
    """A clock time alone ('7:15 p.m.'): on the anchor's day. Parts of a day need a day."""
    if spec.value == "needs_day" or disc.anchor is None:
        return None
    return (disc.anchor + timedelta(days=spec.amount or 0)).isoformat(), spec.mod


def _weekend(spec: Spec, disc: Discourse) -> Resolved | None:
    """The weekend of the anchor's week ('this'), moved by ``amount`` weeks; 'the weekend' is
    the last one in a past sentence and the coming one otherwise."""
    ref = disc.anchor
    if ref is None:
        return None
    amount = spec.amount
    if amount is None:
        amount = -1 if disc.tense == "past" and ref.weekday() < 5 else 0
    iso = (ref + timedelta(weeks=amount)).isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}-WE", spec.mod


def _half(spec: Spec, disc: Discourse) -> Resolved | None:
    """'the first half of this year': the anchor's year moved by ``amount``."""
    if disc.anchor is None:
        return None
    return f"{disc.anchor.year + (spec.amount or 0):04d}-H{spec.quarter}", spec.mod


_RESOLVERS = {
    "absolute": _absolute,
    "anaphoric_month": _anaphoric_month,
    "anaphoric_offset": _anaphoric_offset,
    "anaphoric_quarter": _anaphoric_quarter,
    "anaphoric_same": _anaphoric_same,
    "clock": _clock,
    "day_of_month": _day_of_month,
    "fixed": _fixed,
    "half": _half,
    "weekend": _weekend,
    "month_rel_year": _month_rel_year,
    "named_month": _named_month,
    "partial": _partial,
    "quarter": _quarter,
    "range": _range,
    "relative": _relative,
    "season": _season,
    "weekday": _weekday,
}
