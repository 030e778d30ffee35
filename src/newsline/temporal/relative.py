"""Builders for expressions that need the anchor or the discourse, and for durations and sets.

"Monday", "last year", "three weeks ago", "two days later", "that year", "the past three
months", "each July", "now": each builder turns a regex match into a :class:`Spec`, or None
to reject it ("the 50-year-old" is an age, not a duration).
"""

from __future__ import annotations

import re

from newsline.temporal.absolute import RELATIVE_YEAR, mod_of, month_of, weekday_of
from newsline.temporal.lexicon import (
    DAY_PARTS,
    FREQUENCIES,
    NUMBER_WORDS,
    UNITS,
    VAGUE_AMOUNTS,
    fold,
    spelled_number,
)
from newsline.temporal.resolve import Spec

FUZZY = {
    "nearly": "APPROX",
    "almost": "APPROX",
    "about": "APPROX",
    "around": "APPROX",
    "some": "APPROX",
    "roughly": "APPROX",
    "approximately": "APPROX",
    "over": "MORE_THAN",
    "more than": "MORE_THAN",
    "less than": "LESS_THAN",
    "under": "LESS_THAN",
    "at least": "EQUAL_OR_MORE",
    "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
    "no less than": "EQUAL_OR_MORE",
}
_DETERMINER = re.compile(r"\b(?:a|an|the|its|his|her|their|our|my|your|this|that)\s+$", re.I)
_AGE = re.compile(r"(?:-| )old\b|-olds?\b", re.IGNORECASE)


#: Words that may follow a time word used as a noun or adverb ("in the future we", "daily in").
FUNCTION_WORDS = frozenset(
    """a an the and or but nor so yet if as at by for from in into of off on onto out over per
    than that then this these those to till until up upon via with within without after before
    during since through about against among around between is are was were be been will would
    shall should can could may might must do does did has have had it its he she they we you i
    me him her us them who which what when where while because though although unless whether
    not no""".split()
)


def _modifies_noun(m: re.Match[str], text: str) -> bool:
    """True when the match stands before a noun as an adjective ('a daily dose')."""
    if _DETERMINER.search(text[max(0, m.start() - 8) : m.start()]):
        return True
    following = re.match(r"\s+([A-Za-z]+)", text[m.end() : m.end() + 30])
    return bool(following) and following.group(1) not in FUNCTION_WORDS


def unit_of(word: str) -> str:
    """The TIMEX3 unit letter of a unit word: 'years' -> Y, 'centuries' -> CE."""
    word = fold(word)
    base = "century" if word.startswith("centur") else word.rstrip("s")
    return UNITS[base][0]


def amount_of(words: str) -> int | None:
    """A number from digits or words: '3', 'three', 'twenty-four', 'a'; None when vague."""
    words = fold(words).removesuffix(" of").removeprefix("a ")
    if words in VAGUE_AMOUNTS:
        return None
    if words in NUMBER_WORDS:
        return NUMBER_WORDS[words]
    spelled = spelled_number(words)
    if spelled is not None:
        return spelled
    try:
        return int(float(words.replace(",", "")))
    except (ValueError, OverflowError):  # OverflowError: 310 digits and more, beyond a float
        return None


def fuzzy_mod(words: str | None) -> str | None:
    """APPROX for 'nearly', 'about'; MORE_THAN for 'more than', 'over'; ..."""
    return FUZZY.get(fold(words or ""))


def duration_value(amount: int | None, unit: str) -> str:
    """P3M, PT4H, PXY; decades and centuries in years (two decades = P20Y, as TimeBank has it)."""
    if unit == "H" and amount and amount % 24 == 0:
        return f"P{amount // 24}D"  # "the past 24 hours" is a day, as TimeML annotators write it
    if unit in ("H", "MIN"):
        return f"PT{'X' if amount is None else amount}{unit[0]}"
    number = "X" if amount is None else amount
    if unit == "DE":
        return f"P{number if amount is None else amount * 10}{'DE' if amount is None else 'Y'}"
    if unit == "CE":
        return f"P{number if amount is None else amount * 100}{'CE' if amount is None else 'Y'}"
    if unit == "WE":
        return f"P{number}WE"
    return f"P{number}{unit}"


#: How a weekday word picks its day: before or after the anchor, the nearest, or before the
#: last date mentioned ("the previous Friday").
_WEEKDAY_WHICH = {
    "last": "last",
    "this past": "before",
    "past": "before",
    "next": "after",
    "this coming": "after",
    "coming": "after",
    "this": "nearest",
    "the previous": "anaphoric",
    "the preceding": "anaphoric",
    "the prior": "anaphoric",
}


def weekday(m: re.Match[str], text: str) -> Spec | None:
    """'Monday', 'last Friday', 'next Sunday', 'the coming Friday', 'the previous Friday'."""
    day = weekday_of(m["weekday"])
    if day is None or len(m["weekday"].rstrip(".")) <= 3 or _named_day(m, text):
        return None
    which = fold(m["which"] or "")
    how = _WEEKDAY_WHICH.get(which) or _WEEKDAY_WHICH.get(which.removeprefix("the "))
    return Spec("weekday", weekday=day, value=how)


# A day's name that is no weekday of the week spoken in: "Bloody Sunday" (1972), "Super
# Tuesday", "Good Friday" (a movable feast), "Black Monday".
_NAMED_DAY = re.compile(
    r"\b(?:Bloody|Black|Super|Good|Ash|Holy|Cyber|Palm|Easter|Maundy|Shrove|Whit|Bowl)\s+$"
)


# ... or of a paper's or show's name: "the Sunday Times reported", "Saturday Night Live";
# not across a full stop or a line ("held on Sunday. People gathered").
_NAMED_TITLE = re.compile(
    r"(?<!\.)[^\S\n]+(?:(?P<show>Night\s+Live|Live)|Times|Telegraph|Mirror|Express|Herald|Post"
    r"|People|Independent|Tribune|Star|Sport)\b"
)
# ... but after "on" a weekday is a date: "On Tuesday Independent MP Sylvia Hermon said".
_ON = re.compile(r"(?:^|\s)[Oo]n\s+$")


def _named_day(m: re.Match[str], text: str) -> bool:
    """Whether the weekday is part of a day's name (:data:`_NAMED_DAY`) or a title's."""
    start = m.start("weekday")
    if _NAMED_DAY.search(text, max(0, start - 10), start):
        return True
    title = _NAMED_TITLE.match(text, m.end("weekday"))
    if title is None:
        return False
    return bool(title["show"]) or not _ON.search(text[max(0, start - 4) : start])


def deictic_day(m: re.Match[str], text: str) -> Spec | None:
    """'today', 'yesterday', 'tomorrow'."""
    offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[fold(m["day"])]
    return Spec("relative", unit="D", amount=offset, value="day")


def this_last_next(m: re.Match[str], text: str) -> Spec | None:
    """'last year', 'this week', 'next month', 'late last year', 'the past decade'."""
    which = fold(m["which"])
    amount = RELATIVE_YEAR.get(which, -1)
    return Spec("relative", unit=unit_of(m["unit"]), amount=amount, mod=mod_of(m["mod"]))


def ago(m: re.Match[str], text: str) -> Spec | None:
    """'three years ago', 'nearly three years ago' (APPROX); 'several years ago' is PAST_REF."""
    amount = amount_of(m["amount"])
    if amount is None:
        return Spec("fixed", value="PAST_REF")
    mod = "APPROX" if fuzzy_mod(m["fuzzy"]) else None
    unit = unit_of(m["unit"])
    if unit in ("Y", "DE", "CE") and amount * {"Y": 1, "DE": 10, "CE": 100}[unit] > 1000:
        return Spec("fixed", value="PAST_REF")  # "125,000 years ago": before any calendar
    return Spec("relative", unit=unit, amount=-amount, mod=mod, value="ago")


def later(m: re.Match[str], text: str) -> Spec | None:
    """'two days later', 'a year earlier': from the last time mentioned."""
    amount = amount_of(m["amount"])
    if amount is None:
        return None
    sign = 1 if fold(m["dir"]) in ("later", "after") else -1
    mod = "APPROX" if fuzzy_mod(m["fuzzy"]) else None
    return Spec("anaphoric_offset", unit=unit_of(m["unit"]), amount=sign * amount, mod=mod)


def following(m: re.Match[str], text: str) -> Spec | None:
    """'the following month', 'the previous day'."""
    sign = -1 if fold(m["which"]) in ("previous", "preceding", "prior") else 1
    return Spec("anaphoric_offset", unit=unit_of(m["unit"]), amount=sign, value="unit")


def same(m: re.Match[str], text: str) -> Spec | None:
    """'that year', 'the same day', 'that night' (the day last mentioned, at night)."""
    if m["part"]:
        return Spec("anaphoric_same", type="TIME", unit="D", clock=DAY_PARTS[fold(m["part"])])
    return Spec("anaphoric_same", unit=unit_of(m["unit"]))


def duration(m: re.Match[str], text: str) -> Spec | None:
    """'the past three months' (P3M), 'two decades' (P20Y), 'a few days' (PXD)."""
    after = text[m.end() : m.end() + 6]
    if _AGE.match(after):
        return None
    unit = unit_of(m["unit"])
    if unit == "Q" and (m[0].rstrip().lower().endswith("-quarters") or re.match(r"\s+of\b", after)):
        return None  # "three-quarters of": a fraction
    amount = amount_of(m["amount"])
    if amount is None and fold(m["amount"]) not in VAGUE_AMOUNTS:
        return None
    if amount is not None and re.fullmatch(r"1[89]\d\d|20\d\d", m["amount"]):
        return None  # "the 1988 quarter" names a year
    mod = fuzzy_mod(m["fuzzy"])
    return Spec("fixed", type="DURATION", value=duration_value(amount, unit), mod=mod)


def vague_duration(m: re.Match[str], text: str) -> Spec | None:
    """'for years', 'over the decades', 'in months': a duration of unstated length (PXY)."""
    return Spec("fixed", type="DURATION", value=duration_value(None, unit_of(m["unit"])))


def frequency(m: re.Match[str], text: str) -> Spec | None:
    """'daily', 'each year', 'every Thursday', 'each July': TIMEX3 SETs."""
    if m["adverb"]:
        if m["adverb"][0].isupper() and not m["adverb"].isupper() or _modifies_noun(m, text):
            return None  # "a daily dose", "its quarterly dividend", "Daily Telegraph"
        return Spec("fixed", type="SET", value=FREQUENCIES[fold(m["adverb"])])
    if m["weekday"]:
        day = weekday_of(m["weekday"])
        return None if day is None else Spec("fixed", type="SET", value=f"XXXX-WXX-{day + 1}")
    if m["month"]:
        month = month_of(m["month"])
        return None if month is None else Spec("fixed", type="SET", value=f"XXXX-{month:02d}")
    amount = amount_of(m["amount"]) if m["amount"] else 1
    if amount is None:
        return None
    return Spec("fixed", type="SET", value=duration_value(amount, unit_of(m["unit"])))


def reference(m: re.Match[str], text: str) -> Spec | None:
    """'now', 'currently' (PRESENT_REF), 'recently', 'in recent years' (PAST_REF), 'the
    future', 'the coming months' (FUTURE_REF)."""
    word = fold(m[0])
    if word in ("the future", "the past") and _modifies_noun(m, text):
        return None  # "the future climate", "the past decade" (another rule's)
    if "recent" in word or word.startswith(("the past", "previously", "past ")):
        return Spec("fixed", value="PAST_REF")
    if "future" in word or "coming" in word or "term" in word or "ahead" in word:
        return Spec("fixed", value="FUTURE_REF")
    return Spec("fixed", value="PRESENT_REF")


def clock(m: re.Match[str], text: str) -> Spec | None:
    """'10 p.m.', '7:15 pm', 'noon' (a day comes from a neighbour, else the anchor)."""
    if m["word"] or m["part"]:
        word = fold(m["word"] or m["part"])
        return Spec("clock", type="TIME", clock=DAY_PARTS[word], value="needs_day")
    hour, minute = int(m["hour"]), int(m["minute"] or 0)
    half = fold(m["half"]).replace(".", "")
    if not 0 <= hour <= 12 or minute > 59 or (hour == 0 and not half.startswith("a")):
        return None
    hour = hour % 12 + (12 if half.startswith("p") else 0)
    return Spec("clock", type="TIME", clock=f"{hour:02d}:{minute:02d}")


def clock24(m: re.Match[str], text: str) -> Spec | None:
    """'at 15:30', '09:00 GMT': a 24-hour clock needs a preposition or a time zone."""
    hour, minute = int(m["h24"]), int(m["m24"])
    return Spec("clock", type="TIME", clock=f"{hour:02d}:{minute:02d}")


def weekend(m: re.Match[str], text: str) -> Spec | None:
    """'this weekend', 'last weekend', 'the weekend' (the one the tense points to)."""
    which = fold(m["which"] or "the")
    amount = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0}
    return Spec("weekend", amount=amount.get(which))


def unit_part(m: re.Match[str], text: str) -> Spec | None:
    """'the end of the year', 'year-end', 'the beginning of the month': the anchor's, narrowed."""
    mod = mod_of(m["mod"]) if m["mod"] else "END"
    return Spec("relative", unit=unit_of(m["unit"]), amount=0, mod=mod)


def day_of_month(m: re.Match[str], text: str) -> Spec | None:
    """'on the 15th': the 15th of the month nearest the anchor, as the tense points."""
    return Spec("day_of_month", day=int(m["day"]))


def two_days(m: re.Match[str], text: str) -> Spec | None:
    """'the day before yesterday', 'the day after tomorrow'."""
    return Spec("relative", unit="D", amount=-2 if "yesterday" in m[0].lower() else 2, value="day")


def day_part(m: re.Match[str], text: str) -> Spec | None:
    """'this morning', 'last night', 'tonight', 'yesterday afternoon', 'Thursday evening'."""
    part = DAY_PARTS[fold(m["part"])]
    lead = fold(m["first"] or "")
    if m["weekday"]:
        day = weekday_of(m["weekday"])
        if day is None or (m["part"][0].isupper() and _named_day(m, text)):
            return None  # "Saturday Night Live"
        return Spec("weekday", type="TIME", weekday=day, clock=part)
    offset = {"yesterday": -1, "last": -1, "tomorrow": 1}.get(lead, 0)
    if lead == "last" and part not in ("NI", "EV"):
        return None
    return Spec("clock", type="TIME", clock=part, amount=offset)
