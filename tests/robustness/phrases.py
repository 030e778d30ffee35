"""A generative fuzzer of English time expressions, shared by the suite and the benchmark.

The grid is modifiers ("this past", "the coming", "late last", "the first half of", "mid-",
...) x units (months, weekdays, seasons, holidays, quarters, decades, centuries, fiscal years,
bare units), plus spans and dates built from numbers in digits and words ("two weeks", "the
past 24 years", "Feb. 29, 2100"), each put in sentence frames (sentence start, after "on",
"in", "since", "by", inside quotes, a headline in capitals and in title case) and tagged
against anchors (none, the ends of the calendar, 1999-12-31, leap days). The property
(:func:`check`): the tagger raises nothing and every mention is well formed
(:func:`newsline.temporal.timex3.problems`). ``benchmarks/bench_fuzz.py --phrases`` runs the
whole grid; ``tests/robustness/test_phrases.py`` a seeded sample.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from newsline.records import TimeMention
from newsline.temporal import Tagger
from newsline.temporal.timex3 import problems

MODIFIERS = (
    "",
    "last",
    "next",
    "this",
    "past",
    "coming",
    "previous",
    "current",
    "this past",
    "this coming",
    "the past",
    "the coming",
    "the last",
    "the next",
    "the previous",
    "the following",
    "the same",
    "that",
    "early",
    "late",
    "mid",
    "mid-",
    "early next",
    "late last",
    "early this",
    "later this",
    "earlier this",
    "mid-to-late",
    "early-to-mid",
    "the first half of",
    "the second half of",
    "the first half of last",
    "the end of",
    "the end of this",
    "the beginning of",
    "the start of next",
    "the middle of",
    "the latter part of",
    "by the end of",
    "every",
    "each",
    "nearly",
    "over the past",
    "within the next",
    "since",
)
UNITS = (
    *"January February March April May June July August September October November December".split(),
    *"Jan. Feb. Sept. Dec. MARCH may".split(),
    *"Monday Tuesday Wednesday Thursday Friday Saturday Sunday Tues. Thurs.".split(),
    *"spring summer autumn fall winter Spring Winter".split(),
    "Christmas",
    "Christmas Eve",
    "New Year's Eve",
    "New Year's Day",
    "Halloween",
    "Valentine's Day",
    "Fourth of July",
    "St. Patrick's Day",
    "Thanksgiving",
    "Easter",
    "quarter",
    "first quarter",
    "third-quarter",
    "fourth fiscal quarter",
    "Q3",
    "Q4 2100",
    "1990s",
    "2000s",
    "'90s",
    "nineties",
    "1000s",
    "9990s",
    "21st century",
    "nineteenth century",
    "century",
    "decade",
    "fiscal 2024",
    "fiscal year",
    "fiscal year 2023",
    "FY2024",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "weekend",
    "day",
    "days",
    "night",
    "morning",
    "2024",
    "1999",
    "0001",
    "9999",
    "year 2100",
    "March 2024",
    "February 29",
)
#: Amounts in digits and in words, the ends of what a year or a count can be among them.
NUMBERS = (
    *"0 1 2 3 7 12 24 29 31 32 99 100 365 1000 2024 9999 10000 1,000 2.5 0.5".split(),
    "1" * 40,
    *"a an one two three eleven twenty twenty-four ninety-nine hundred several few".split(),
    "a few",
    "a couple of",
    "a dozen",
    "dozens of",
)
SPANS = (
    "{n} weeks",
    "{n} years",
    "the past {n} years",
    "the last {n} months",
    "the next {n} days",
    "the first {n} days",
    "{n} days ago",
    "{n} years ago",
    "{n} centuries ago",
    "{n} decades",
    "{n} months later",
    "{n} years earlier",
    "{n} hours",
    "{n} minutes after",
    "about {n} weeks",
    "more than {n} years",
    "{n} to {n} years",
    "every {n} years",
    "{n}-year",
    "{n} straight quarters",
    "the {n}th century",
    "the {n}s",
    "{n} a.m.",
    "{n}:30 p.m. Tuesday",
    "{n} May",
    "May {n}",
    "March {n}, 2024",
    "Q{n}",
)
#: Days of the month and years, to write dates that exist and dates that do not.
DAYS = ("1", "28", "29", "30", "31", "0", "32", "1st", "29th", "twenty-first", "thirtieth")
YEARS = ("0001", "1000", "1899", "1900", "1999", "2000", "2024", "2100", "2400", "9999")
DATES = (
    "{month} {day}, {year}",
    "{day} {month} {year}",
    "{month} {year}",
    "{year}-02-{day2}",
    "2/{day2}/{year}",
    "the {day} of {month}",
)
FRAMES = (
    "{X} the talks collapsed.",
    "The port reopened on {x}.",
    "Prices rose in {x}, officials said.",
    "Exports have fallen since {x}.",
    "The deal must close by {x}.",
    'She said "{x}" was the date.',
    "{HEADLINE}",
    "{Headline}: Ministers Meet Again",
)
ANCHORS = (
    None,
    date(1, 1, 1),
    date(9999, 12, 31),
    date(1999, 12, 31),
    date(2024, 2, 29),
    date(2100, 2, 28),
    date(2026, 1, 19),
)


@dataclass(frozen=True, slots=True)
class Phrase:
    """A sentence holding one generated expression, and the anchor to tag it against."""

    text: str
    anchor: date | None
    expression: str


def expressions() -> list[str]:
    """Every generated expression: modifier x unit, spans x numbers, dates, each once."""
    found = [f"{mod} {unit}".strip().replace("- ", "-") for mod in MODIFIERS for unit in UNITS]
    found += [span.replace("{n}", n) for span in SPANS for n in NUMBERS]
    for form, month, day, year in itertools.product(
        DATES, ("February", "Sept.", "dec"), DAYS, YEARS
    ):
        found.append(form.format(month=month, day=day, year=year, day2=day.zfill(2)[:2]))
    return list(dict.fromkeys(found))


def _framed(frame: str, expression: str) -> str:
    title = " ".join(word[:1].upper() + word[1:] for word in expression.split(" "))
    return frame.format(
        x=expression,
        X=expression[:1].upper() + expression[1:],
        HEADLINE=f"TALKS RESUME {expression.upper()}",
        Headline=title,
    )


def phrases() -> Iterator[Phrase]:
    """The whole grid, in a fixed order: expression x frame x anchor."""
    for expression in expressions():
        for frame in FRAMES:
            text = _framed(frame, expression)
            for anchor in ANCHORS:
                yield Phrase(text, anchor, expression)


def grid_size() -> int:
    """How many phrases :func:`phrases` yields."""
    return len(expressions()) * len(FRAMES) * len(ANCHORS)


def sample(count: int, seed: int = 0) -> list[Phrase]:
    """``count`` phrases of the grid chosen with a seeded generator (the same every run)."""
    grid = list(phrases())
    return random.Random(seed).sample(grid, min(count, len(grid)))


def check(phrase: Phrase, tagger: Tagger) -> list[str]:
    """What is wrong with the mentions of one phrase (empty when nothing); raises what the
    tagger raises."""
    found = []
    for mention in tagger.tag(phrase.text, phrase.anchor):
        found.extend(f"{_where(mention)}: {problem}" for problem in problems(mention))
    return found


def _where(mention: TimeMention) -> str:
    return f"{mention.text!r} -> {mention.type} {mention.value} {mention.mod or ''}".rstrip()
