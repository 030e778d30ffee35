"""The tagger's rules: a named, ordered table of regular expressions and the specs they yield.

Each rule is ``(name, pattern, build)``; ``build(match, text)`` returns a :class:`Spec` or None
to reject the match (a lowercase "may", a number that is money, not a year). Where several
rules match overlapping text the tagger keeps the longest match, then the earliest rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newsline.temporal.lexicon import (
    MONTH_RE,
    MONTHS,
    NUMBER_WORD_RE,
    NUMBER_WORDS,
    SEASONS,
    UNITS,
    WEEKDAY_RE,
    WEEKDAYS,
    alternation,
)
from newsline.temporal.resolve import Spec

Build = Callable[[re.Match[str], str], Spec | None]

DASH = r"\s*(?:-|–|—|to|through|until|till)\s*"
YEAR = r"(?:1[0-9]\d\d|20\d\d)"
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
MOD_WORDS = {
    "early": "START", "the beginning of": "START", "the start of": "START",
    "beginning of": "START", "start of": "START", "mid": "MID", "middle of": "MID",
    "the middle of": "MID", "late": "END", "the end of": "END", "end of": "END",
    "mid-to-late": "MID_END", "mid to late": "MID_END", "early-to-mid": "START_MID",
    "early to mid": "START_MID",
}
MOD_RE = rf"(?:{alternation(MOD_WORDS)})"
UNIT_RE = r"(?:years?|months?|weeks?|days?|decades?|centuries|century|quarters?|hours?|minutes?|weekends?|fortnights?)"
AMOUNT_RE = rf"(?:\d+(?:\.\d+)?|{NUMBER_WORD_RE})"
FUZZY = {"nearly", "almost", "about", "around", "some", "roughly", "approximately", "over", "more than"}


def _month(word: str) -> int | None:
    """A month number for a word that is written as a name (capitalized), else None."""
    clean = word.rstrip(".").strip()
    if not clean or not (clean[0].isupper()):
        return None
    return MONTHS.get(clean.lower())


def _weekday(word: str) -> int | None:
    clean = word.rstrip(".").strip()
    if not clean or not clean[0].isupper():
        return None
    return WEEKDAYS.get(clean.lower())


def _amount(word: str) -> int | None:
    word = word.lower()
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    try:
        return int(float(word))
    except ValueError:
        return None


def _unit(word: str) -> str:
    word = word.lower()
    base = "century" if word.startswith("centur") else word.rstrip("s")
    return UNITS[base][0]


def _mod(words: str | None) -> str | None:
    if not words:
        return None
    return MOD_WORDS.get(re.sub(r"\s+", " ", words.lower()).strip(" -"))


def _year2(first: int, second: str) -> int:
    """'1950-53' -> 1953: a two-digit end year takes the first year's century."""
    if len(second) == 2:
        return first // 100 * 100 + int(second)
    return int(second)


def _full_date(m: re.Match[str], text: str) -> Spec | None:
    month = _month(m["month"])
    if month is None:
        return None
    return Spec("absolute", year=int(m["year"]), month=month, day=int(re.sub(r"\D", "", m["day"])))


def _month_year(m: re.Match[str], text: str) -> Spec | None:
    month = _month(m["month"])
    if month is None:
        return None
    return Spec("absolute", year=int(m["year"]), month=month, mod=_mod(m["mod"]))


def _month_day(m: re.Match[str], text: str) -> Spec | None:
    month = _month(m["month"])
    if month is None:
        return None
    return Spec("partial", month=month, day=int(re.sub(r"\D", "", m["day"])))


def _month_alone(m: re.Match[str], text: str) -> Spec | None:
    month = _month(m["month"])
    if month is None or (m["month"].rstrip(".").lower() == "may" and not m["lead"]):
        return None
    return Spec("partial", month=month, mod=_mod(m["mod"]))


def _month_of_that_year(m: re.Match[str], text: str) -> Spec | None:
    month = _month(m["month"])
    if month is None:
        return None
    return Spec("anaphoric_month", month=month)


def _named_month(m: re.Match[str], text: str) -> Spec | None:
    month = _month(m["month"])
    if month is None:
        return None
    return Spec("named_month", month=month, amount=1 if m["which"].lower() == "next" else -1)


def _iso_date(m: re.Match[str], text: str) -> Spec | None:
    return Spec("absolute", year=int(m["year"]), month=int(m["month"]), day=int(m["day"]))


def _year(m: re.Match[str], text: str) -> Spec | None:
    before = text[max(0, m.start() - 2) : m.start()]
    after = text[m.end() : m.end() + 3]
    if re.search(r"[$€£#\d.,]\s?$", before) or re.match(r"(?:\s?%|,\d|\.\d|\d| percent)", after):
        return None
    return Spec("absolute", year=int(m["year"]), mod=_mod(m["mod"]))


def _year_range(m: re.Match[str], text: str) -> Spec | None:
    first = int(m["y1"] or m["y1a"] or m["y1b"])
    second = _year2(first, m["y2"])
    if not first < second <= first + 100 or re.match(r"\s?%|\d", text[m.end() : m.end() + 2]):
        return None
    return Spec("range", parts=(Spec("absolute", year=first), Spec("absolute", year=second)))


def _decade(m: re.Match[str], text: str) -> Spec | None:
    digits = m["decade"]
    if len(digits) == 2:  # the '90s
        digits = ("19" if int(digits) > 30 else "20") + digits
    return Spec("fixed", value=f"{digits[:3]}X", mod=_mod(m["mod"]))


def _decade_range(m: re.Match[str], text: str) -> Spec | None:
    left = Spec("fixed", value=f"{m['d1'][:3]}X", mod=_mod(m["mod1"]))
    right = Spec("fixed", value=f"{m['d2'][:3]}X", mod=_mod(m["mod2"]))
    return Spec("range", parts=(left, right))


def _weekday_rule(m: re.Match[str], text: str) -> Spec | None:
    weekday = _weekday(m["weekday"])
    if weekday is None:
        return None
    return Spec("weekday", weekday=weekday)


def _deictic_day(m: re.Match[str], text: str) -> Spec | None:
    offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[m[0].lower()]
    return Spec("relative", unit="D", amount=offset, value="day")


def _this_last_next(m: re.Match[str], text: str) -> Spec | None:
    which = m["which"].lower()
    amount = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}[which]
    return Spec("relative", unit=_unit(m["unit"]), amount=amount, mod=_mod(m["mod"]))


def _ago(m: re.Match[str], text: str) -> Spec | None:
    amount = _amount(m["amount"])
    if amount is None:
        return None
    fuzzy = (m["fuzzy"] or "").strip().lower()
    mod = "APPROX" if fuzzy in FUZZY else None
    return Spec("relative", unit=_unit(m["unit"]), amount=-amount, value="coarse", mod=mod)


def _later(m: re.Match[str], text: str) -> Spec | None:
    amount = _amount(m["amount"])
    if amount is None:
        return None
    sign = 1 if m["dir"].lower() in ("later", "after") else -1
    return Spec("anaphoric_offset", unit=_unit(m["unit"]), amount=sign * amount)


def _following(m: re.Match[str], text: str) -> Spec | None:
    sign = -1 if m["which"].lower() in ("previous", "preceding", "prior") else 1
    return Spec("anaphoric_offset", unit=_unit(m["unit"]), amount=sign, value="day")


def _same(m: re.Match[str], text: str) -> Spec | None:
    return Spec("anaphoric_same", unit=_unit(m["unit"]))


def _duration(m: re.Match[str], text: str) -> Spec | None:
    amount_word = m["amount"]
    amount = _amount(amount_word)
    after = text[m.end() : m.end() + 5].lower()
    if amount is None or after.startswith(("-old", " old")):
        return None
    unit = _unit(m["unit"])
    if unit in ("H", "MIN"):
        value = f"PT{amount}{unit[0]}"
    else:
        value = f"P{amount}{unit}"
    fuzzy = (m["fuzzy"] or "").strip().lower()
    return Spec("fixed", type="DURATION", value=value, mod="APPROX" if fuzzy in FUZZY else None)


def _present(m: re.Match[str], text: str) -> Spec | None:
    word = m[0].lower()
    value = {"recently": "PAST_REF", "the past": "PAST_REF", "the future": "FUTURE_REF"}.get(
        word, "PRESENT_REF"
    )
    return Spec("fixed", value=value)


def _season(m: re.Match[str], text: str) -> Spec | None:
    code = SEASONS[m["season"].lower()]
    if m["year"]:
        return Spec("fixed", value=f"{m['year']}-{code}")
    which = (m["which"] or "").lower()
    amount = {"last": -1, "next": 1, "this": 0}.get(which)
    if amount is None:
        return None
    return Spec("season", value=code, amount=amount)


RULES: list[tuple[str, re.Pattern[str], Build]] = [
    (name, re.compile(pattern, re.IGNORECASE), build)
    for name, pattern, build in [
        ("iso_date", rf"\b(?P<year>{YEAR})-(?P<month>0[1-9]|1[0-2])-(?P<day>[0-3]\d)\b", _iso_date),
        (
            "month_day_year",
            rf"\b(?:{WEEKDAY_RE},?\s+)?(?:the\s+)?(?P<month>{MONTH_RE})\s*[,.]?\s*(?P<day>{DAYNUM})\s*[,.]?\s*(?P<year>{YEAR})\b",
            _full_date,
        ),
        (
            "day_month_year",
            rf"\b(?:{WEEKDAY_RE},?\s+)?(?P<day>{DAYNUM})\s+(?:of\s+)?(?P<month>{MONTH_RE}),?\s+(?P<year>{YEAR})\b",
            _full_date,
        ),
        (
            "month_year",
            rf"\b(?:(?P<mod>{MOD_RE})[\s-]+)?(?P<month>{MONTH_RE}),?\s+(?:of\s+)?(?P<year>{YEAR})\b",
            _month_year,
        ),
        (
            "month_of_that_year",
            rf"\b(?P<month>{MONTH_RE})\s+(?:of\s+)?(?:that|the\s+same|the\s+following|the\s+next)\s+year\b",
            _month_of_that_year,
        ),
        (
            "month_day",
            rf"\b(?:{WEEKDAY_RE},?\s+)?(?P<month>{MONTH_RE})\s*(?P<day>{DAYNUM})\b(?!\s*[,.]?\s*\d|:)",
            _month_day,
        ),
        (
            "day_month",
            rf"\b(?P<day>{DAYNUM})\s+(?:of\s+)?(?P<month>{MONTH_RE})\b(?!,?\s+\d)",
            _month_day,
        ),
        ("named_month", rf"\b(?P<which>last|next)\s+(?P<month>{MONTH_RE})(?!\w)", _named_month),
        (
            "month_alone",
            rf"(?:(?P<lead>\b(?:in|since|by|until|during|through|from|of|early|late|mid|end of)\s+)|\b)(?:(?P<mod>{MOD_RE})[\s-]+)?(?P<month>{MONTH_RE})(?!\w)",
            _month_alone,
        ),
        (
            "decade_range",
            rf"\b(?:(?P<mod1>{MOD_RE})[\s-]+)?(?P<d1>1\d{{2}}0|20\d0)'?s{DASH}(?:the\s+)?(?:(?P<mod2>{MOD_RE})[\s-]+)?(?P<d2>1\d{{2}}0|20\d0)'?s\b",
            _decade_range,
        ),
        ("year_range", rf"\b(?:from\s+(?P<y1a>{YEAR}){DASH}|between\s+(?P<y1b>{YEAR})\s+and\s+|(?P<y1>{YEAR}){DASH})(?P<y2>\d{{4}}|\d{{2}})\b", _year_range),
        (
            "decade",
            rf"(?:\b(?:the\s+)?(?P<mod>{MOD_RE})[\s-]+)?(?:\b(?P<decade>1\d{{2}}0|20\d0)'?s\b|'(?P<decade2>\d0)s\b)",
            lambda m, t: _decade(m, t) if m["decade"] else _decade_short(m, t),
        ),
        ("year", rf"(?:\b(?P<mod>{MOD_RE})[\s-]+)?\b(?P<year>{YEAR})\b", _year),
        ("weekday", rf"\b(?P<weekday>{WEEKDAY_RE})(?!\w)", _weekday_rule),
        ("deictic_day", r"\b(?:today|yesterday|tomorrow)\b", _deictic_day),
        (
            "this_last_next",
            rf"\b(?:(?P<mod>{MOD_RE})\s+)?(?P<which>this|last|past|previous|next|coming)\s+(?P<unit>year|month|week|weekend|decade|quarter)\b(?!s)",
            _this_last_next,
        ),
        (
            "ago",
            rf"\b(?P<fuzzy>nearly |almost |about |around |some |roughly |more than |over )?(?P<amount>{AMOUNT_RE})[\s-]+(?P<unit>{UNIT_RE})\s+ago\b",
            _ago,
        ),
        (
            "later",
            rf"\b(?P<amount>{AMOUNT_RE})\s+(?P<unit>{UNIT_RE})\s+(?P<dir>later|earlier|after|before)\b(?!\s+(?:the|a|an|his|her|its|their)\b)",
            _later,
        ),
        (
            "following",
            rf"\bthe\s+(?P<which>following|next|previous|preceding|prior)\s+(?P<unit>day|week|month|year)\b",
            _following,
        ),
        ("same", r"\b(?:that|the\s+same)\s+(?P<unit>day|week|month|year)\b", _same),
        (
            "duration",
            rf"\b(?:the\s+(?:past|last|next|first|coming)\s+)?(?P<fuzzy>nearly |almost |about |around |some |roughly |more than |over )?(?P<amount>{AMOUNT_RE})[\s-]+(?P<unit>{UNIT_RE})\b",
            _duration,
        ),
        ("present", r"\b(?:now|currently|nowadays|recently|the past|the future)\b", _present),
        (
            "season",
            rf"\b(?:(?P<which>this|last|next)\s+)?(?P<season>spring|summer|autumn|winter)\b(?:\s+(?:of\s+)?(?P<year>{YEAR})\b)?",
            _season,
        ),
    ]
]


def _decade_short(m: re.Match[str], text: str) -> Spec | None:
    digits = m["decade2"]
    century = "19" if int(digits) > 30 else "20"
    return Spec("fixed", value=f"{century}{digits[0]}X", mod=_mod(m["mod"]))
