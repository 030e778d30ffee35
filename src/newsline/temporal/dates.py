"""Date arithmetic the resolvers share: shifting by units, values at a granularity, best years."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

#: TIMEX3 unit letters to granularities.
UNIT_GRANULARITY = {
    "D": "day",
    "W": "week",
    "WE": "week",
    "M": "month",
    "Q": "quarter",
    "Y": "year",
    "DE": "decade",
    "CE": "century",
}
#: Granularities from finest to coarsest, with their rank.
GRANULARITY_RANK = {
    "day": 0,
    "week": 1,
    "month": 2,
    "season": 3,
    "quarter": 3,
    "half": 4,
    "year": 5,
    "decade": 6,
    "century": 7,
}

# How far a month without a year may sit from the anchor before the tense of the sentence
# decides: a future reading of a month in a past-tense sentence (or the reverse) costs this
# many days.
TENSE_PENALTY_DAYS = 180
# "last Friday" said a day or two after a Friday is the week before's (that one is "Friday").
_LAST_NEAR_DAYS = 2


def shift_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later (clamped to the month's end)."""
    total = day.year * 12 + (day.month - 1) + months
    year, month = divmod(total, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def shift(day: date, unit: str, amount: int) -> date | None:
    """``day`` moved by ``amount`` units (D, W, WE, M, Q, Y, DE, CE); None for other units."""
    if unit == "D":
        return day + timedelta(days=amount)
    if unit in ("W", "WE"):
        return day + timedelta(weeks=amount)
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}.get(unit)
    if months is None:
        return None
    try:
        return shift_months(day, months * amount)
    except ValueError:  # before year 1 or after 9999
        return None


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


def finer(first: str, second: str) -> str:
    """The finer of two granularities."""
    rank_first = GRANULARITY_RANK.get(first, 9)
    return first if rank_first <= GRANULARITY_RANK.get(second, 9) else second


def nearest_year(anchor: date, month: int, day: int | None, tense: str) -> int:
    """The year that puts a month (and day) closest to the anchor, the tense breaking near ties.

    "Dec. 21" said on 2026-01-19 is 2025-12-21; "January" said on 1989-11-02 is 1990-01.
    """
    best_year, best_cost = anchor.year, None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        last = calendar.monthrange(year, month)[1]
        start = date(year, month, min(day or 1, last))
        end = date(year, month, min(day or last, last))
        if start <= anchor <= end:
            return year
        cost = min(abs((start - anchor).days), abs((end - anchor).days))
        if (tense == "future" and end < anchor) or (tense == "past" and start > anchor):
            cost += TENSE_PENALTY_DAYS
        if best_cost is None or cost < best_cost:
            best_year, best_cost = year, cost
    return best_year


# A story is written the day it is published or the day before: a weekday it names ahead is
# on or after that day ("BP says it hopes to resume shooting mud into the well Thursday night",
# printed on a Friday, is the night before; "would go ahead on Wednesday", "was due to start
# on Thursday", "had hoped to raise 500 pounds by cycling ... on Sunday" are the day before;
# news names a day a week on as "next Thursday").
_WRITTEN_DAYS = 1
# How many days before its publication news tells what it tells, at most: a weekday that
# what is told leads up to lies after the telling ("Speaking ahead of the Golden Globes on
# Sunday , Clooney said", published on a Tuesday, is two days back).
_TOLD_DAYS = 2
# ... and on the eve of a weekday, the day before it, told on or before the day of print ("On
# the eve of Tuesday 's vote , the president urged calm", published on a Friday, is the
# Tuesday gone by): the weekday is at most a day after the anchor, and within the week before.
_EVE_DAYS = 5


# Readings of a weekday in the seven days from this many days before the anchor.
_WEEK_FROM = {
    "future": _WRITTEN_DAYS,  # on or after the day it was written, a day before it was printed
    "nearest": 3,  # "this Friday"
    "told": _TOLD_DAYS,  # "ahead of Saturday 's concert": after its telling, told at most two
    # days before it is published
    "eve": _EVE_DAYS,  # "on the eve of Tuesday 's vote": up to the day after the anchor
}


def weekday_near(anchor: date, weekday: int, tense: str) -> date:
    """The weekday the tense points to: the last one (past), the next one (future: the day
    itself when it is that weekday, as "is due to arrive on Tuesday" said on a Tuesday, and
    the day before when it is that one's, written then), the
    first one after the anchor ("next Tuesday", "after"), the one of the calendar week after
    the anchor's ("Tuesday next week", "next week"), the nearest ("this Tuesday"), the
    first one after a telling up to two days back ("told": "ahead of Tuesday 's vote"), one
    up to a day after the anchor ("eve": "on the eve of Tuesday 's vote"), the
    latest one unless it is a day or two back, then the one before it ("last Tuesday")."""
    delta = weekday - anchor.weekday()
    back = _WEEK_FROM.get(tense)
    if back is not None:  # the one in the seven days from ``back`` days before the anchor
        delta = (delta + back) % 7 - back
    elif tense == "after":
        delta = delta % 7 or 7
    elif tense == "next week":  # "on Wednesday next week": the one of the next calendar week
        delta += 7
    elif tense == "before":  # "this past Friday", "the previous Friday": strictly before
        delta = -((-delta) % 7 or 7)
    elif tense == "last":  # "last Tuesday": the latest one, unless it is a day or two back
        # (said on a Thursday, "on Tuesday" is two days back, "last Tuesday" nine)
        delta = -((-delta) % 7 or 7)
        if delta >= -_LAST_NEAR_DAYS:
            delta -= 7
    else:
        delta = -((-delta) % 7)
    return anchor + timedelta(days=delta)


def quarter_near(anchor: date, quarter: int, tense: str) -> int:
    """The year of quarter ``quarter`` nearest the anchor: begun by then, or ahead (future)."""
    first_month = 3 * (quarter - 1) + 1
    begun = date(anchor.year, first_month, 1) <= anchor
    # Quarters are reported after they begin: "the third quarter" is this year's once it has
    # started, whatever the tense ("will report third-quarter results").
    return anchor.year if begun else anchor.year - 1


def last_full_quarter(anchor: date) -> date:
    """The first day of the last quarter that ended before the anchor."""
    this_quarter = date(anchor.year, 3 * ((anchor.month - 1) // 3) + 1, 1)
    return shift_months(this_quarter, -3)
