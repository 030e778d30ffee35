"""The tagger's rules: a named, ordered table of regular expressions and the specs they yield.

Each rule is ``(name, pattern, build, trigger kinds, must kinds, must words)``;
``build(match, text)`` returns a :class:`Spec` or None to reject the match (a lowercase "may", a
number that is money, not a year); the trigger kinds say which words every match contains, so
the tagger runs the rule only near them (:mod:`newsline.temporal.windows`), and the must kinds
and words what else every kept match holds, so it skips the windows without any. Where several
rules match overlapping text the tagger keeps the longest match, then the earliest rule. The
builders live in
:mod:`newsline.temporal.absolute` (calendar expressions) and :mod:`newsline.temporal.relative`
(anchored, anaphoric, durations, sets); shared regex pieces in :mod:`newsline.temporal.patterns`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import NamedTuple

from newsline.temporal import absolute as ab
from newsline.temporal import relative as rel
from newsline.temporal.lexicon import (
    DAY_PARTS,
    FREQUENCIES,
    HOLIDAYS,
    MONTH_RE,
    ORDINAL_RE,
    WEEKDAY_RE,
    alternation,
    fold,
)
from newsline.temporal.patterns import (
    AMOUNT_RE,
    CLOCK_RE,
    DASH,
    DAYNUM,
    EARLIER,
    FUZZY_RE,
    MOD_RE,
    PARTS_RE,
    REFERENCE_RE,
    SEASON_RE,
    UNIT_RE,
    WEEKDAY_LEAD,
    WEEKDAY_WHICH,
    YEAR,
    lowercase,
    optional_as_branch,
)
from newsline.temporal.resolve import Spec
from newsline.temporal.starts import Finder, finder

Build = Callable[[re.Match[str], str], Spec | None]


def _half_year(m: re.Match[str], text: str) -> Spec | None:
    if m["year2"]:
        half = 1 if fold(m["nth"]) in ("first", "1st") else 2
        return Spec("fixed", value=f"{m['year2']}-H{half}")
    return ab.half_year(m, text)


def _unit_part(m: re.Match[str], text: str) -> Spec | None:
    if m["unit2"]:
        return Spec("relative", unit=rel.unit_of(m["unit2"]), amount=0, mod="END")
    return rel.unit_part(m, text)


_ENDS_IN_LETTER = re.compile(r"[A-Za-z]$")
_SEPARATED = re.compile(r"[:.]|\d{4}")


def _clock24(m: re.Match[str], text: str) -> Spec | None:
    # "3.30" or "at 2.46" is a number or a price unless a zone follows; "at 15:30" is a time.
    # (patterns compiled here: re.search's cache lookup costs more than the search)
    zoned = bool(_ENDS_IN_LETTER.search(m[0]))
    if not zoned and (not m["lead"] or ":" not in m[0]):
        return None
    if zoned and not _SEPARATED.search(m[0]):
        return None  # "930 GMT" is not a clock; "0930 GMT" and "9:30 GMT" are
    return rel.clock24(m, text)


def _quarter(m: re.Match[str], text: str) -> Spec | None:
    if m["nth2"]:
        year = int(m["year3"]) if m["year3"] else None
        return Spec("quarter", quarter=int(m["nth2"][1]), year=year)
    return ab.quarter(m, text)


def _day_part(m: re.Match[str], text: str) -> Spec | None:
    if m["part2"]:
        return Spec("clock", type="TIME", clock=DAY_PARTS["night"])
    return rel.day_part(m, text)


def _ago(m: re.Match[str], text: str) -> Spec | None:
    if m["amount"] is None:
        return Spec("fixed", value="PAST_REF")
    return rel.ago(m, text)


def _quarter_anaphor(m: re.Match[str], text: str) -> Spec | None:
    shifted = bool(m["ago"] or m["ago2"])
    unit = fold(m["unit"] or "")
    which = fold(m["which"] or m["det"] or "")
    if unit == "period" and not (shifted or m["year"] or which in ("latest", "same")):
        return None
    if not unit:
        return Spec("anaphoric_offset", unit="Y", amount=-1, value="comparison")
    if which in ("that", "same"):
        which = "that"
    elif which in ("current", "this"):
        which = "current"
    year = int(m["year"]) if m["year"] else None
    return Spec("anaphoric_quarter", amount=-1 if shifted else 0, value=which, year=year)


#: The trigger kinds (:mod:`newsline.temporal.windows`) every match of a rule contains one of.


_TABLE: tuple[tuple[str, str, Build], ...] = (
    (
        "iso_date",
        rf"\b(?P<year>{YEAR})-(?P<month>0[1-9]|1[0-2])-(?P<day>[0-3]\d)\b",
        ab.iso_date,
    ),
    (
        "month_day_year",
        rf"\b(?:{WEEKDAY_RE}\s*,?\s+)?(?:the\s+)?(?P<month>{MONTH_RE})\s*[,.]?\s*(?P<day>{DAYNUM})"
        rf"\s*[,.]?\s*(?:of\s+)?(?P<year>{YEAR})\b",
        ab.full_date,
    ),
    (
        "day_month_year",
        rf"\b(?:{WEEKDAY_RE}\s*,?\s+)?(?:the\s+)?(?P<day>{DAYNUM})\s+(?:of\s+)?(?P<month>{MONTH_RE})"
        rf"\s*,?\s+(?P<year>{YEAR})\b",
        ab.full_date,
    ),
    (
        "month_year",
        rf"\b(?:(?P<mod>{MOD_RE})[\s-]+)?(?P<month>{MONTH_RE})\s*,?\s+(?:of\s+)?(?P<year>{YEAR})\b",
        ab.month_year,
    ),
    (
        "half_year",
        r"\b(?:the\s+)?(?P<nth>first|second|last|latter|1st|2nd)\s+half\s+of\s+(?:(?P<year>"
        rf"{YEAR})\b|(?:fiscal\s+)?(?P<year2>{YEAR})\b|(?P<rel>this|last|next)\s+year\b|the\s+year\b)",
        _half_year,
    ),
    (
        "month_rel_year",
        rf"\b(?P<month>{MONTH_RE})(?:\s+(?P<day>{DAYNUM}))?,?\s+(?:of\s+)?"
        r"(?P<which>last|this|next)\s+year\b",
        ab.month_rel_year,
    ),
    (
        "month_of_that_year",
        rf"\b(?:(?P<day1>{DAYNUM})\s+(?:of\s+)?)?(?P<month>{MONTH_RE})(?:\s+(?P<day>{DAYNUM}))?"
        r",?\s+(?:of\s+)?(?P<which>that|the\s+same|the\s+following|the\s+next)\s+year\b",
        ab.month_of_that_year,
    ),
    (
        "month_range",
        rf"(?P<lead>\bfrom\s+|\bbetween\s+)?\b(?P<m1>{MONTH_RE})\s*(?:-|–|—|to|through|until|and)\s*"
        rf"(?P<m2>{MONTH_RE})(?!\s*\d{{1,2}}\b)(?:,?\s+(?P<year>{YEAR})\b)?",
        ab.month_range,
    ),
    (
        "month_day",
        rf"\b(?:{WEEKDAY_LEAD}?{WEEKDAY_RE}\s*,?\s+)?(?P<month>{MONTH_RE})\s*(?P<day>{DAYNUM})"
        # not a year's, a clock's or a decimal's first digits; "July 13, 14 and 15" is a list
        r"(?!\s*[,.]?\s*\d{3}|\s*[,.]?\s*\d+[.:]\d|:\d|\d|\s+\d)",
        ab.month_day,
    ),
    (
        "day_month",
        rf"\b(?:{WEEKDAY_RE}\s*,?\s+)?(?:the\s+)?(?P<day>{DAYNUM})\s+(?:of\s+)?(?P<month>{MONTH_RE})"
        r"(?!\w)(?!,?\s+\d)",
        ab.month_day,
    ),
    (
        "named_month",
        rf"\b(?:(?P<mod>{MOD_RE})[\s-]+)?(?P<which>last|next|this|this\s+past|this\s+coming)\s+"
        rf"(?P<month>{MONTH_RE})(?!\w)",
        ab.named_month,
    ),
    (
        "month_alone",
        r"(?:(?P<lead>\b(?:in|since|by|until|till|during|through|from|of|before|after|"
        r"between|and|or|to|last|early|late|mid|end\s+of)\s+)|\b)"
        rf"(?:(?P<mod>{MOD_RE})[\s-]+)?(?P<month>{MONTH_RE})(?!\w)",
        ab.month_alone,
    ),
    (
        "decade_range",
        rf"\b(?:(?P<mod1>{MOD_RE})[\s-]+)?(?P<d1>1\d{{2}}0|20\d0)'?s{DASH}(?:the\s+)?"
        rf"(?:(?P<mod2>{MOD_RE})[\s-]+)?(?P<d2>1\d{{2}}0|20\d0)'?s\b",
        ab.decade_range,
    ),
    (
        "year_range",
        rf"\b(?P<lead>from\s+|between\s+)?(?P<y1>{YEAR})(?P<dash>\s+and\s+|\s*(?:-|–|—|/|to|"
        r"through|until|till)\s*)(?P<y2>\d{4}|\d{2})\b",
        ab.year_range,
    ),
    (
        "decade",
        rf"(?:\b(?:the\s+)?(?P<mod>{MOD_RE})[\s-]+)?(?:\bthe\s+)?(?:\b(?P<decade>1\d{{2}}0|20\d0)"
        r"'?s\b|'(?P<short>\d0)s\b|\b(?P<word>twenties|thirties|forties|fifties|sixties|"
        r"seventies|eighties|nineties)\b)",
        ab.decade,
    ),
    (
        "century",
        rf"\b(?:the\s+)?(?:(?P<mod>{MOD_RE})[\s-]+)?(?P<nth>\d{{1,2}}(?:st|nd|rd|th)|{ORDINAL_RE})"
        r"[\s-]+century\b",
        ab.century,
    ),
    (
        "year",
        rf"(?:\b(?P<mod>{MOD_RE})[\s-]+|\bfiscal\s+)?\b(?P<year>{YEAR})\b",
        ab.year,
    ),
    (
        "spelled_year",
        r"\b(?:the\s+year\s+)?(?:(?P<century>nineteen|eighteen)[\s-]+(?P<tail>(?:twenty|thirty|"
        r"forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|"
        r"seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
        r"eighteen|nineteen|oh[\s-](?:one|two|three|four|five|six|seven|eight|nine))|"
        r"(?P<thousand>two\s+thousand)(?:\s+and)?(?:[\s-]+(?P<rest>(?:twenty|ten|eleven|"
        r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|"
        r"four|five|six|seven|eight|nine)(?:[\s-](?:one|two|three|four|five|six|seven|eight|"
        r"nine))?))?)\b",
        ab.spelled_year,
    ),
    (
        "quarter",
        r"\b(?:(?P<lead>(?:the|its|a|this)\s+)(?=(?:\S+\s+)?\S+-quarter)|(?:the|this)\s+)?"
        r"(?:(?P<ago>year-?ago|year-?earlier)\s+)?(?:(?P<rel>this|last|next)\s+year'?s\s+|"
        rf"(?P<year>{YEAR})\s+)?(?:(?:fiscal|calendar)[\s-]+)?(?P<nth>first|second|third|"
        r"fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal[\s-]+)?quarter\b(?:,?\s+(?:of\s+)?(?:(?:fiscal\s+)?"
        rf"(?P<year2>{YEAR})\b|(?P<rel2>this|last|next)\s+year\b))?|\b(?P<nth2>Q[1-4])\s*"
        rf"(?P<year3>{YEAR})?\b",
        _quarter,
    ),
    ("season", SEASON_RE, ab.season),
    (
        "numeric_date",
        r"\b(?:(?P<iy>(?:19|20)\d\d)[/-](?P<im>0?[1-9]|1[0-2])[/-](?P<id>[0-3]?\d)|(?P<um>0?[1-9]|1[0-2])"
        r"/(?P<ud>[0-3]?\d)/(?P<uy>(?:19|20)\d\d|\d\d)|(?P<dd>[0-3]?\d)\.(?P<dm>0?[1-9]|1[0-2])\."
        r"(?P<dy>(?:19|20)\d\d))\b(?![/.]\d)",
        ab.numeric_date,
    ),
    (
        "holiday",
        # a year after a comma only when no lowercase word follows it: "On Christmas Day , 2000
        # people were evacuated" counts people
        rf"\b(?P<name>{alternation(HOLIDAYS)})(?!\w)(?:(?:\s+|\s*,\s*(?={YEAR}\b(?!\s+[a-z])))"
        rf"(?P<year>{YEAR})\b)?",
        ab.holiday,
    ),
    (
        "unit_part",
        rf"\b(?:(?P<mod>{MOD_RE})\s+(?:the|this)\s+(?P<unit>year|month|week|decade|century)\b(?!-)|"
        r"(?P<unit2>year|month)[\s-]end\b)",
        _unit_part,
    ),
    (
        "weekend",
        r"\b(?:(?P<which>this|last|next|past|previous|coming)\s+|the\s+)weekend\b",
        rel.weekend,
    ),
    (
        "day_of_month",
        r"(?P<lead>\b(?:on|by|until|till|since|from|before|after)\s+)the\s+(?P<day>[12]?\d|3[01])"
        r"(?:st|nd|rd|th)\b(?!\s+(?:of|century|anniversary|floor|time|place|day|year|week|"
        r"round|minute|hour|birthday|amendment|century|district|street|avenue|fleet|army|"
        r"division|congress|edition|grade|hole|inning|lap|stage|percentile)\b)",
        rel.day_of_month,
    ),
    ("two_days", r"\bthe\s+day\s+(?:before\s+yesterday|after\s+tomorrow)\b", rel.two_days),
    (
        "clock24",
        r"(?:(?P<lead>\b(?:at|by|around|from|until|till|before|after|since)\s+)|\b)"
        r"(?P<h24>[01]?\d|2[0-3])[:.]?(?P<m24>[0-5]\d)(?:(?=\s*(?:GMT|UTC|BST|CET|CEST|EST|EDT|"
        r"PST|PDT|local\s+time|hrs|h)\b)(?:\s*(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|local\s+time|"
        r"hrs|h)\b)|(?<=\d)(?=\s*(?:[,;)]|$|\s+[a-z])))",
        _clock24,
    ),
    (
        "weekday",
        rf"\b{EARLIER}?(?:(?P<which>{WEEKDAY_WHICH})\s+)?(?P<weekday>{WEEKDAY_RE})(?!\w)",
        rel.weekday,
    ),
    # "today", not the "Today" programme or show
    (
        "deictic_day",
        rf"\b{EARLIER}?(?P<day>today|yesterday|tomorrow)\b(?!\s+(?:show|programme|program)\b)",
        rel.deictic_day,
    ),
    (
        "day_part",
        rf"\b{EARLIER}?(?:(?P<first>this|last|yesterday|tomorrow|today)\s+|(?P<weekday>{WEEKDAY_RE})\s+)"
        rf"(?:(?:early|late|mid)[\s-]?)?(?P<part>{PARTS_RE})\b|\b(?P<part2>tonight)\b",
        _day_part,
    ),
    (
        "clock",
        rf"\b(?:{CLOCK_RE}|(?P<word>noon|midnight)|(?:mid-?|late\s+|early\s+)?(?P<part>{PARTS_RE}))"
        r"(?!\w)",
        rel.clock,
    ),
    (
        "this_last_next",
        rf"\b(?:(?P<mod>{MOD_RE})\s+|{EARLIER})?(?:the\s+)?(?P<which>this|last|past|previous|next|coming|current)"
        r"\s+(?P<unit>year|month|week|weekend|decade|quarter|century)\b(?!s|-)",
        rel.this_last_next,
    ),
    (
        "ago",
        rf"\b(?P<fuzzy>{FUZZY_RE})?(?:(?P<amount>{AMOUNT_RE}|several|many|some)[\s-]+)?"
        rf"(?P<unit>{UNIT_RE})\s+ago\b",
        _ago,
    ),
    (
        "later",
        rf"\b(?P<fuzzy>{FUZZY_RE})?(?P<amount>{AMOUNT_RE})\s+(?P<unit>{UNIT_RE})\s+(?P<dir>later|earlier|(?:after|before)"
        r"(?=\s*(?:[,.;:)]|$)))",
        rel.later,
    ),
    (
        "following",
        r"\bthe\s+(?P<which>following|next|previous|preceding|prior)\s+"
        r"(?P<unit>day|week|month|year)\b",
        rel.following,
    ),
    (
        "same",
        r"\b(?:that|the\s+same)\s+(?:(?P<unit>day|week|month|year)\b|(?P<part>morning|"
        r"afternoon|evening|night)\b)",
        rel.same,
    ),
    (
        "quarter_anaphor",
        r"\b(?:(?P<det>the|that|its|this)\s+(?:(?P<which>latest|current|recent|most\s+recent|same|"
        rf"comparable)\s+)?(?:(?P<ago>year-?\s?(?:earlier|ago)|prior-year|year\s+earlier)\s+|"
        rf"(?P<year>{YEAR})\s+)?(?P<unit>quarter|period)|(?P<ago2>year-?(?:earlier|ago)))\b",
        _quarter_anaphor,
    ),
    (
        "duration",
        r"\b(?:the\s+(?:(?:past|last|next|first|coming|previous|following|final|latest)\s+)?)?"
        rf"(?P<fuzzy>{FUZZY_RE})?(?P<amount>{AMOUNT_RE}|several|few|many)"
        rf"(?:\s*(?:to|-|–|or)\s*(?P<amount2>{AMOUNT_RE}))?[\s-]+"
        rf"(?:(?:more|additional|straight|consecutive|full|long|trading|business)\s+)?"
        rf"(?P<unit>{UNIT_RE})\b",
        rel.duration,
    ),
    (
        "vague_duration",
        r"(?P<lead>\b(?:for|over|in|within)\s+)(?:the\s+(?:past\s+|last\s+)?)?"
        r"(?P<unit>years|months|weeks|days|decades|centuries|hours|minutes)\b(?!\s+(?:of|old|ago)\b)",
        rel.vague_duration,
    ),
    (
        "frequency",
        rf"\b(?P<adverb>{alternation(FREQUENCIES)})\b|\b(?:each|every)\s+(?:(?P<amount>"
        rf"{AMOUNT_RE}|other)\s+)?(?:(?P<weekday>{WEEKDAY_RE})|(?P<month>{MONTH_RE})|"
        r"(?P<unit>years?|months?|weeks?|days?|quarters?|hours?|decades?))(?!\w)",
        rel.frequency,
    ),
    ("reference", REFERENCE_RE, rel.reference),
)


TRIGGER_KINDS: dict[str, tuple[str, ...]] = {
    "iso_date": ("year",),
    "month_day_year": ("month",),
    "day_month_year": ("month",),
    "month_year": ("month",),
    "half_year": ("half",),
    "month_rel_year": ("month",),
    "month_of_that_year": ("month",),
    "month_range": ("month",),
    "month_day": ("month",),
    "day_month": ("month",),
    "named_month": ("month",),
    "month_alone": ("month",),
    "decade_range": ("decade",),
    "year_range": ("year",),
    "decade": ("decade", "spelled"),
    "century": ("century",),
    "year": ("year",),
    "spelled_year": ("spelled",),
    "quarter": ("quarter",),
    "season": ("season",),
    "numeric_date": ("digit",),
    "holiday": ("holiday", "month"),
    "unit_part": ("unit",),
    "weekend": ("weekend",),
    "two_days": ("deictic",),
    "day_of_month": ("nth",),
    "clock24": ("digit",),
    "weekday": ("weekday",),
    "deictic_day": ("deictic",),
    "day_part": ("daypart", "deictic"),
    "clock": ("ampm", "daypart"),
    "this_last_next": ("unit",),
    "ago": ("ago",),
    "later": ("unit",),
    "following": ("unit",),
    "same": ("unit", "daypart"),
    "quarter_anaphor": ("unit",),
    "duration": ("unitword",),
    "vague_duration": ("units",),
    "frequency": ("frequency",),
    "reference": ("deictic", "few"),
}

#: What every match a rule keeps holds besides its trigger, so that the tagger need not run the
#: rule's pattern over a window without it (most windows, for most rules): a trigger of one of
#: these kinds (a whole word, as for the trigger kinds) ...
MUST_KINDS: dict[str, tuple[str, ...]] = {
    "month_day_year": ("year",),
    "day_month_year": ("year",),
    "month_year": ("year",),
    "month_day": ("digit",),
    "day_month": ("digit",),
    "numeric_date": ("year",),
    "clock24": ("zone",),
}
#: ... or one of these strings, lowercase, anywhere (looked for in ASCII texts only, where they
#: match as the rules' case-insensitive patterns do; "_" stands for a space). A few substring
#: searches cost far less than a pattern tried at every position of a window.
_ORDINAL_PARTS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
)
_MUST_WORDS: dict[str, str] = {
    "month_rel_year": "year",
    "month_of_that_year": "year",
    "month_day": _ORDINAL_PARTS + "teenth tieth",  # every word of ORDINAL_WORDS holds one
    "day_month": _ORDINAL_PARTS + "teenth tieth",
    "named_month": "last next this",
    "decade_range": "0s 0's",
    "decade": "0s 0's ties",
    "holiday": "christmas boxing new_year halloween valentine fourth_of_july may_day april_fool "
    "patrick armistice veterans",  # every name of HOLIDAYS holds one
    "numeric_date": "/",
    "unit_part": "early beginning start mid late end half",  # every MOD_WORDS holds one
    "clock24": ":",  # _clock24 keeps a time with a colon or a zone only
    "two_days": "yesterday tomorrow",
    "deictic_day": "today yesterday tomorrow",
    "day_part": "morning afternoon evening night",
    "this_last_next": "this last past previous next coming current",
    "later": "later earlier after before",
    "following": "following next previous preceding prior",
    "same": "that same",
    "quarter_anaphor": "quarter period earlier ago",
}
MUST_WORDS = {
    name: tuple(word.replace("_", " ") for word in words.split())
    for name, words in _MUST_WORDS.items()
}

#: Besides, month and weekday rules keep a name only when capitalized (``ab.month_of``,
#: ``ab.weekday_of``; a weekday of four letters or more): a window whose text holds no such
#: name's start cannot give them a candidate ("may", "sun" and "sat" are words too).
_CAPITAL_MONTH = re.compile(r"[JFMASOND](?i:an|un|ul|eb|ar|ay|pr|ug|ep|ct|ov|ec)")
_CAPITAL_WEEKDAY = re.compile(r"[MTWFS](?i:ond|ues|edn|hur|rid|atu|und)")
MUST_TEXT: dict[str, re.Pattern[str]] = {
    **dict.fromkeys(
        "month_day_year day_month_year month_year month_rel_year month_of_that_year month_range "
        "month_day day_month named_month month_alone".split(),
        _CAPITAL_MONTH,
    ),
    "weekday": _CAPITAL_WEEKDAY,
    # digits either side of the separators (years, months and days are written in digits)
    "iso_date": re.compile(r"\d-[01]\d-[0-3]"),
    "numeric_date": re.compile(r"\d[/.-]\d"),
    "year_range": re.compile(
        r"\d(?:\s+and\s+|\s*(?:-|–|—|/|to|through|until|till)\s*)\d", re.IGNORECASE
    ),
}


#: The rules whose every match ends with one of its trigger words, at most followed by what a
#: look ahead of one character sees ("\\b", "(?!\\w)"): in a window, none of their matches
#: ends past the word of the window's last trigger, so the tagger scans a window of theirs only
#: up to the whitespace after that word (half the text, for most). Not those that read on past
#: it: an optional year ("March 2011"), a zone ("10:30 GMT"), "(?!\\s+of)". Nor ``decade``: its
#: word "sixties" glued after an apostrophe ("Elvis'sixties") is read as "elvis's" and "ixties"
#: by the trigger scan, so it is no trigger of its own but matched in a window another decade
#: opened, which ending at that decade's word would cut off.
ENDS_AT_TRIGGER = frozenset(
    "month_alone named_month year century weekday ago duration weekend".split()
)


class Rule(NamedTuple):
    r"""One row of the table, compiled, with where its matches can be (see the module doc).

    ``lower`` is ``pattern`` for an ASCII text lowercased (:func:`patterns.lowercase`, its
    optional groups as alternations: :func:`patterns.optional_as_branch`): the same matches at
    the same places, found about twice as fast. It and ``ascii_pattern`` are compiled
    ASCII-only (``re.ASCII``; the regex engine's ASCII tests of ``\b``, ``\w`` and letter case
    cost less than Unicode's at every position it tries), for an ASCII text without the
    separators ``\x1c``-``\x1f`` (:func:`plain`), where they match as the Unicode ones do
    (whose ``\s`` also matches those four); :meth:`unicode_lower` is ``lower`` for one with.
    :meth:`by_first` finds ``lower``'s matches from their first characters, faster.
    """

    name: str
    pattern: re.Pattern[str]
    lower: re.Pattern[str]
    ascii_pattern: re.Pattern[str]
    build: Build
    kinds: tuple[str, ...]
    must_kinds: tuple[str, ...]
    must_words: tuple[str, ...]
    must_text: re.Pattern[str] | None
    ends_at_trigger: bool
    ascii_must_text: re.Pattern[str] | None = None  # must_text for a text plain() says yes to

    def unicode_lower(self) -> re.Pattern[str]:
        """``lower`` as Unicode reads it, for the rare ASCII text with a separator (compiled
        when first asked, then kept: the ``re`` module's own cache may have dropped it)."""
        return _unicode(self.lower.pattern)

    def by_first(self) -> Finder | None:
        """``lower`` as :func:`starts.finder` writes it, to find its matches from their first
        characters (None where it cannot); compiled when first asked, as a process that tags
        nothing need not pay for it."""
        return _by_first(self.lower.pattern)  # (a pattern's hash reads all its code: not it)


@functools.cache
def _unicode(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _ascii(pattern: re.Pattern[str] | None) -> re.Pattern[str] | None:
    r"""``pattern`` compiled ASCII-only: the same matches in an ASCII text without the
    separators (:func:`plain`), where Unicode's ``\d``, ``\s`` and letter case read ASCII's
    characters as ASCII's do; a Unicode ``\d`` asks the Unicode tables of each character the
    search tries, ASCII's looks a bit up."""
    if pattern is None:
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.UNICODE | re.ASCII)


@functools.cache
def _by_first(lower: str) -> Finder | None:
    return finder(re.compile(lower, re.ASCII))


RULES: tuple[Rule, ...] = tuple(
    Rule(
        name,
        re.compile(pattern, re.IGNORECASE),
        re.compile(optional_as_branch(lowercase(pattern)), re.ASCII),
        re.compile(pattern, re.IGNORECASE | re.ASCII),
        build,
        TRIGGER_KINDS[name],
        MUST_KINDS.get(name, ()),
        MUST_WORDS.get(name, ()),
        MUST_TEXT.get(name),
        name in ENDS_AT_TRIGGER,
        _ascii(MUST_TEXT.get(name)),
    )
    for name, pattern, build in _TABLE
)


def plain(text: str) -> bool:
    r"""Whether ``text`` (ASCII) may be matched with the rules' ASCII-only patterns: the same
    matches as the Unicode ones, it holding none of the characters their ``\s`` differ on, the
    information separators ``\x1c``-``\x1f``. (Four searches for one character each, which
    ``str`` runs as ``memchr``, cost a tenth of one regex search for the class of the four.)"""
    return "\x1c" not in text and "\x1d" not in text and "\x1e" not in text and "\x1f" not in text
