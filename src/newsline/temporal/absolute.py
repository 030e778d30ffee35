"""Builders for calendar expressions: dates, months, years, decades, centuries, quarters.

Each builder takes a regex match (from :mod:`newsline.temporal.rules`) and the whole text and
returns a :class:`Spec`, or None to reject the match: a lowercase "may" is a verb, a number
after "$" or before "%" is not a year.
"""

from __future__ import annotations

import calendar
import re

from newsline.temporal.lexicon import (
    HOLIDAYS,
    MONTHS,
    ONES,
    ORDINAL_WORDS,
    SEASONS,
    TEENS,
    TENS,
    WEEKDAYS,
    fold,
)
from newsline.temporal.resolve import Spec

MOD_WORDS = {
    "early": "START",
    "the beginning of": "START",
    "the start of": "START",
    "beginning of": "START",
    "start of": "START",
    "mid": "MID",
    "middle of": "MID",
    "the middle of": "MID",
    "late": "END",
    "the end of": "END",
    "end of": "END",
    "mid-to-late": "MID_END",
    "mid to late": "MID_END",
    "early-to-mid": "START_MID",
    "early to mid": "START_MID",
    "the early": "START",
    "the late": "END",
    "the mid": "MID",
    "the first half of": "START_MID",
    "the second half of": "MID_END",
}
QUARTER_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "q1": 1,
    "q2": 2,
    "q3": 3,
    "q4": 4,
}
#: Words that pick one of a unit's occurrences by its place from the anchor: "last March",
#: "this coming March", "the past year". Every rule's choice of these words keys into here.
RELATIVE_YEAR = {
    "last": -1,
    "this": 0,
    "next": 1,
    "past": -1,
    "previous": -1,
    "coming": 1,
    "current": 0,
    "this past": -1,
    "this coming": 1,
}
_NOT_YEAR_BEFORE = re.compile(
    r"(?:[$€£#¥]\s?|\d[.,]?|[A-Za-z]-?|\b(?:No|Nos|Room|Flight|Route|Highway|Article|Section|"
    r"Page|Suite|Apt|Gate|Platform|Bus|Model|Type|Form|Rule|Resolution)\.?\s|\bthan\s)$",
    re.IGNORECASE,
)
_NOT_YEAR_AFTER = re.compile(
    r"(?:\s?%|\s?percent|,\d|\.\d|\d|-(?:\d|[a-z])|\s?(?:[mb]n?|bn|million|billion|thousand|"
    r"hundred|people|votes|points|feet|meters|metres|miles|acres|tons|tonnes|units|jobs|"
    r"shares|barrels|troops|workers|children|dollars)\b)",
    re.IGNORECASE,
)


def mod_of(words: str | None) -> str | None:
    """The TIMEX3 (or internal) mod for words like 'early', 'mid-to-late', 'the end of'."""
    if not words:
        return None
    return MOD_WORDS.get(fold(words).strip(" -"))


def month_of(word: str) -> int | None:
    """A month number for a word written as a name (capitalized), else None ('may', 'march')."""
    clean = word.rstrip(".").strip()
    if not clean or not clean[0].isupper():
        return None
    return MONTHS.get(fold(clean))


def weekday_of(word: str) -> int | None:
    """A weekday number (Monday 0) for a capitalized weekday name, else None."""
    clean = word.rstrip(".").strip()
    if not clean or not clean[0].isupper():
        return None
    return WEEKDAYS.get(fold(clean))


def day_of(word: str) -> int | None:
    """A day of the month from '21', '21st' or 'twenty-first'."""
    digits = re.sub(r"\D", "", word)
    if digits:
        return int(digits)
    return ORDINAL_WORDS.get(fold(word))


def year2(first: int, second: str) -> int:
    """'1950-53' -> 1953: a two-digit end year takes the first year's century."""
    if len(second) == 2:
        return first // 100 * 100 + int(second)
    return int(second)


def looks_like_year(m: re.Match[str], text: str, group: str = "year") -> bool:
    """False when the digits are money, a share, a count or part of a bigger number."""
    before = text[max(0, m.start(group) - 12) : m.start(group)]
    after = text[m.end(group) : m.end(group) + 12]
    return not (_NOT_YEAR_BEFORE.search(before) or _NOT_YEAR_AFTER.match(after))


def full_date(m: re.Match[str], text: str) -> Spec | None:
    """'Thursday, April 25, 2019', 'Sept, 12, 2023', '12 September 2023'."""
    month, day = month_of(m["month"]), day_of(m["day"])
    if month is None or day is None:
        return None
    return Spec("absolute", year=int(m["year"]), month=month, day=day)


def iso_date(m: re.Match[str], text: str) -> Spec | None:
    """'2023-09-12'."""
    return Spec("absolute", year=int(m["year"]), month=int(m["month"]), day=int(m["day"]))


def month_year(m: re.Match[str], text: str) -> Spec | None:
    """'December 2008', 'mid-July 2000'."""
    month = month_of(m["month"])
    if month is None:
        return None
    return Spec("absolute", year=int(m["year"]), month=month, mod=mod_of(m["mod"]))


def month_rel_year(m: re.Match[str], text: str) -> Spec | None:
    """'March 2 last year', 'July of this year'."""
    month = month_of(m["month"])
    if month is None:
        return None
    day = day_of(m["day"]) if m["day"] else None
    return Spec("month_rel_year", month=month, day=day, amount=RELATIVE_YEAR[fold(m["which"])])


def month_day(m: re.Match[str], text: str) -> Spec | None:
    """'Dec. 21', 'the 4th of July', 'Saturday, April 25': the year comes from the anchor."""
    month, day = month_of(m["month"]), day_of(m["day"])
    # 2000 is a leap year: "Feb. 29" may be a day, "Feb. 30" and "Sept. 31" never are
    if month is None or day is None or not 1 <= day <= calendar.monthrange(2000, month)[1]:
        return None
    return Spec("partial", month=month, day=day)


def month_alone(m: re.Match[str], text: str) -> Spec | None:
    """'in July', 'mid-November'; a bare 'May' needs a preposition before it."""
    month = month_of(m["month"])
    if month is None:
        return None
    word = fold(m["month"].rstrip("."))
    # "May" is a verb, "Mar" and "Jan" are names: a short or ambiguous month needs a preposition
    lead = fold(m["lead"] or "")
    if (word == "may" or len(word) <= 4) and not (m["mod"] or lead not in ("", "and", "or", "to")):
        return None
    return Spec("partial", month=month, mod=mod_of(m["mod"]))


def month_of_that_year(m: re.Match[str], text: str) -> Spec | None:
    """'July of that year', '9 November that year', 'March 2 of the following year'."""
    month = month_of(m["month"])
    if month is None:
        return None
    number = m["day1"] or m["day"]
    day = day_of(number) if number else None
    later = fold(m["which"]).split()[-1] in ("following", "next")
    return Spec("anaphoric_month", month=month, day=day, amount=int(later))


def named_month(m: re.Match[str], text: str) -> Spec | None:
    """'last March', 'this coming March', 'this September', 'late last March'."""
    month = month_of(m["month"])
    if month is None:
        return None
    amount = RELATIVE_YEAR[fold(m["which"])]
    return Spec("named_month", month=month, amount=amount, mod=mod_of(m["mod"]))


def month_range(m: re.Match[str], text: str) -> Spec | None:
    """'from March to May', 'March-May 2023'."""
    first, second = month_of(m["m1"]), month_of(m["m2"])
    if first is None or second is None:
        return None
    if m["year"]:
        year = int(m["year"])
        left = Spec("absolute", year=year if first <= second else year - 1, month=first)
        right = Spec("absolute", year=year, month=second)
    else:
        left, right = Spec("partial", month=first), Spec("partial", month=second)
    spans = (m.span("m1"), (m.start("m2"), m.end()))
    return Spec("range", parts=(left, right), spans=spans)


def numeric_date(m: re.Match[str], text: str) -> Spec | None:
    """'9/12/2023' (month first, as US news writes it), '2023/09/12', '12.09.2023' (day first)."""
    if m["iy"]:
        year_, month, day = int(m["iy"]), int(m["im"]), int(m["id"])
    elif m["dy"]:
        year_, month, day = int(m["dy"]), int(m["dm"]), int(m["dd"])
    else:
        year_, month, day = int(m["uy"]), int(m["um"]), int(m["ud"])
        year_ += 0 if year_ > 99 else (1900 if year_ > 30 else 2000)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return Spec("absolute", year=year_, month=month, day=day)


# "like" as "as": not the verb ("would like Christmas Eve off")
_SIMILE = re.compile(
    r"(?<!\bwould\s)(?<!\bshould\s)(?<!'d\s)\blike\s+(?:an?\s+|the\s+)?$", re.IGNORECASE
)


def holiday(m: re.Match[str], text: str) -> Spec | None:
    """'Christmas', "New Year's Eve 2019", 'last Halloween'."""
    words = m["name"]
    if not words[0].isupper() and not words.lower().startswith("the"):
        return None
    if _SIMILE.search(text, max(0, m.start() - 20), m.start()):
        return None  # "it will be like New Year 's Eve": no date
    month, day = HOLIDAYS[fold(words)]
    if m["year"]:
        return Spec("absolute", year=int(m["year"]), month=month, day=day)
    return Spec("partial", month=month, day=day)


def half_year(m: re.Match[str], text: str) -> Spec | None:
    """'the first half of 2023' (2023-H1), 'the second half of last year'."""
    half = 1 if fold(m["nth"]) in ("first", "1st") else 2
    if m["year"]:
        return Spec("fixed", value=f"{m['year']}-H{half}")
    amount = RELATIVE_YEAR.get(fold(m["rel"] or "this"), 0)
    return Spec("half", quarter=half, amount=amount)


# A name's capitalized words either side of a year: "the London 2012 Organising Committee".
_NAME_BEFORE = re.compile(r"[^.!?:;\s]\s+([A-Z][a-z]+)\s+$")
_NAME_AFTER = re.compile(r"\s+([A-Z][a-z]+)\b")
# Capitalized words that lead into a date or follow it without naming anything.
_NOT_NAME = frozenset(
    "in by since until till from after before during of to for on at through and or the"
    " early late mid spring summer autumn fall winter year christmas easter".split()
)


def _inside_name(m: re.Match[str], text: str) -> bool:
    """Whether the year stands between two capitalized words of a name, the one before it not
    opening the sentence ("the London 2012 Organising Committee", "its Vision 2030 Plan")."""
    start, end = m.span("year")
    before = _NAME_BEFORE.search(text, max(0, start - 40), start)
    after = _NAME_AFTER.match(text, end)
    if before is None or after is None:
        return False
    words = (fold(before[1]), fold(after[1]))
    return not any(w in _NOT_NAME or w in MONTHS or w in WEEKDAYS for w in words)


# A live page's clock ("at 1100 which lasted", "1257 Haitian DJ ...") read as a year long ago.
_CLOCK_YEAR_BEFORE = re.compile(r"(?:^|[.!?:;]\s+|\b(?:at|by|around|until|till)\s+)$", re.I)
_CLOCK_YEAR_MAX = 1800  # older years are rare in news; clocks from 00:00 to 17:59 are not


def _a_clock(m: re.Match[str], text: str) -> bool:
    """Whether a year before 1800 is rather a 24-hour clock: HHMM after "at" or "by", or
    heading a sentence (live pages stamp each post so)."""
    digits = m["year"]
    if int(digits) >= _CLOCK_YEAR_MAX or int(digits[2:]) > 59:
        return False
    start = m.start("year")
    return bool(_CLOCK_YEAR_BEFORE.search(text, max(0, start - 10), start))


def year(m: re.Match[str], text: str) -> Spec | None:
    """'2026', 'late 2022', 'the end of 2023' -- unless the digits are money or a count, part
    of a name, or a clock."""
    if not looks_like_year(m, text):
        return None
    if not m["mod"] and (_inside_name(m, text) or _a_clock(m, text)):
        return None
    return Spec("absolute", year=int(m["year"]), mod=mod_of(m["mod"]))


def year_range(m: re.Match[str], text: str) -> Spec | None:
    """'1945-1948', '1950-53', 'from 2011 to 2012', 'between 1990 and 1995'."""
    first = int(m["y1"])
    second = year2(first, m["y2"])
    if not first < second <= first + 100 or not looks_like_year(m, text, "y2"):
        return None
    if m["dash"].strip() == "and" and fold(m["lead"] or "") != "between":
        return None  # "in 1985 and 1987" names two years
    spans = (m.span("y1"), m.span("y2"))
    parts = (Spec("absolute", year=first), Spec("absolute", year=second))
    return Spec("range", parts=parts, spans=spans)


def spelled_year(m: re.Match[str], text: str) -> Spec | None:
    """'nineteen ninety-six', 'the year two thousand', 'two thousand and one'."""
    if m["thousand"]:
        rest = m["rest"]
        value = 2000 + (_spelled_below_hundred(rest) if rest else 0)
    else:
        century = TEENS[fold(m["century"])] * 100
        value = century + _spelled_below_hundred(m["tail"])
    return Spec("absolute", year=value)


def _spelled_below_hundred(words: str) -> int:
    parts = fold(words).replace("-", " ").split()
    total = 0
    for word in parts:
        total += TENS.get(word) or TEENS.get(word) or ONES.get(word) or 0
    return total


def decade(m: re.Match[str], text: str) -> Spec | None:
    """'the 1990s', 'early 2000s', "the '90s", 'the nineties'."""
    if m["decade"]:
        digits = m["decade"]
    elif m["short"]:
        digits = ("19" if int(m["short"]) > 30 else "20") + m["short"]
    else:
        digits = str(1900 + TENS[fold(m["word"]).removesuffix("ies") + "y"])
    return Spec("fixed", value=f"{digits[:3]}X", mod=mod_of(m["mod"]))


def decade_range(m: re.Match[str], text: str) -> Spec | None:
    """'Mid-1950s through 1960s', 'the 1980s-1990s'."""
    left = Spec("fixed", value=f"{m['d1'][:3]}X", mod=mod_of(m["mod1"]))
    right = Spec("fixed", value=f"{m['d2'][:3]}X", mod=mod_of(m["mod2"]))
    first_end = m.end("d1") + len(re.match(r"'?s?", text[m.end("d1") :])[0])  # type: ignore[index]
    spans = ((m.start(), first_end), (m.start("mod2") if m["mod2"] else m.start("d2"), m.end()))
    return Spec("range", parts=(left, right), spans=spans)


def century(m: re.Match[str], text: str) -> Spec | None:
    """'the 20th century', 'the nineteenth century', 'the early 21st century'."""
    number = day_of(m["nth"])
    if number is None or not 1 <= number <= 30:
        return None
    return Spec("fixed", value=f"{number - 1:02d}XX", mod=mod_of(m["mod"]))


def quarter(m: re.Match[str], text: str) -> Spec | None:
    """'the third quarter', 'fourth-quarter', "last year's first quarter", 'Q3 2023'."""
    number = QUARTER_WORDS[fold(m["nth"])]
    year_text = m["year"] or m["year2"]
    if year_text:
        return Spec("quarter", quarter=number, year=int(year_text))
    which = m["rel"] or m["rel2"]
    if which:
        return Spec("quarter", quarter=number, amount=RELATIVE_YEAR[fold(which)])
    return Spec("quarter", quarter=number, value="ago" if m["ago"] else None)


def season(m: re.Match[str], text: str) -> Spec | None:
    """'summer 2019', 'last winter', 'this past spring', 'the summer of 1969'."""
    word = fold(m["season"])
    code = SEASONS[word]
    if m["year"]:
        return Spec("fixed", value=f"{m['year']}-{code}", mod=mod_of(m["mod"]))
    which = fold(m["which"] or "")
    if which in RELATIVE_YEAR:
        return Spec("season", value=code, amount=RELATIVE_YEAR[which], mod=mod_of(m["mod"]))
    # A bare season ("in winter", "the summer") is the one nearest the anchor; "fall" only
    # after "the" or "in", and a capitalized one mid-sentence is a name ("Ed Winter").
    before = text[max(0, m.start() - 12) : m.start()]
    lead = re.search(r"\b(?:in|during|over|by|until|till|since|through|before|after)\s+$", before)
    capital_name = m["season"][0].isupper() and re.search(r"[A-Z]\w*\s+$", before)
    if not (m["the"] or m["mod"] or lead) or capital_name:
        return None
    return Spec("season", value=code, mod=mod_of(m["mod"]))
