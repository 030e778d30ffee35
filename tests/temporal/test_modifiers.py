# ruff: noqa: E501 -- the case tables read best one case a line
"""Modifiers that once missed a table, and values at the ends of the calendar: one row a class.

Each row was a crash or an invalid value found by the phrase fuzzer
(``tests/robustness/phrases.py``) or by a user ("this past March" stopped an ingest with
``KeyError: 'this past'``).
"""

from __future__ import annotations

from datetime import date

import pytest

from newsline.temporal import tag
from newsline.temporal.timex3 import problems
from tests.temporal.test_tagger import find

DCT = date(2026, 1, 19)  # a Monday

# (sentence, anchor, expression, value, mod, interval label)
MODIFIED = [
    # "this past" / "this coming" before a month: KeyError in the named-month builder
    ("This past March the river flooded.", DCT, "This past March", "2025-03", None, "2025-03"),
    (
        "This coming March the vote will be held.",
        DCT,
        "This coming March",
        "2026-03",
        None,
        "2026-03",
    ),
    (
        "Voters return this coming September.",
        DCT,
        "this coming September",
        "2026-09",
        None,
        "2026-09",
    ),
    # any run of whitespace between the words the rule matched
    ("The plant closed this  past\nMarch.", DCT, "this  past\nMarch", "2025-03", None, "2025-03"),
    # a mod before the modifier ("late last March"): the whole expression, narrowed
    (
        "Prices rose in late last March.",
        DCT,
        "late last March",
        "2025-03",
        "END",
        "2025-03-21/2025-03-31",
    ),
    (
        "Prices rise in early next March.",
        DCT,
        "early next March",
        "2026-03",
        "START",
        "2026-03-01/2026-03-10",
    ),
    # "the coming Friday" took the tense's reading (the last Friday) instead of the next one
    ("Talks resume the coming Friday.", DCT, "the coming Friday", "2026-01-23", None, "2026-01-23"),
    ("Talks ended the past Friday.", DCT, "the past Friday", "2026-01-16", None, "2026-01-16"),
    # seasons share the months' table of modifiers
    (
        "It rained this past spring.",
        DCT,
        "this past spring",
        "2025-SP",
        None,
        "2025-03-01/2025-05-31",
    ),
    (
        "Crops fail this coming winter.",
        DCT,
        "this coming winter",
        "2026-WI",
        None,
        "2026-12-01/2027-02-28",
    ),
    # letters a case-insensitive regex takes for ASCII ones (long s, dotted capital I)
    ("Sales peaked at Chri\u017ftmas.", DCT, "Chri\u017ftmas", "2025-12-25", None, "2025-12-25"),
    (
        "Sales rose in the F\u0130RST quarter.",
        DCT,
        "the F\u0130RST quarter",
        "2026-Q1",
        None,
        "2026-01-01/2026-03-31",
    ),
    ("Profits fell in the \u017fixties.", DCT, "the \u017fixties", "196X", None, "1960/1969"),
    # the ends of the calendar: a week or a winter that 9999 ends in stops at 9999-12-31
    (
        "This winter the talks collapsed.",
        date(9999, 12, 31),
        "This winter",
        "9999-WI",
        None,
        "9999-12-01/9999-12-31",
    ),
    (
        "This week the talks collapsed.",
        date(9999, 12, 31),
        "This week",
        "9999-W52",
        None,
        "9999-12-27/9999-12-31",
    ),
    # the leap days as anchors
    ("Last March the river flooded.", date(2024, 2, 29), "Last March", "2023-03", None, "2023-03"),
    (
        "Next February the river floods.",
        date(2100, 2, 28),
        "Next February",
        "2101-02",
        None,
        "2101-02",
    ),
]


@pytest.mark.parametrize(("text", "anchor", "expression", "value", "mod", "label"), MODIFIED)
def test_modified_expressions(
    text: str, anchor: date, expression: str, value: str, mod: str | None, label: str
) -> None:
    mention = find(tag(text, anchor), expression)
    assert (mention.value, mention.mod) == (value, mod)
    assert mention.interval is not None and mention.interval.label() == label
    assert problems(mention) == []


# (sentence, anchor): no mention, because the day it names is outside the calendar or none
NOTHING = [
    # "next January" on 9999-12-31 was 10000-01; "last January" on 0001-01-01 was 0000-01
    ("Next January the talks collapsed.", date(9999, 12, 31)),
    ("Next year the talks resume.", date(9999, 12, 31)),
    ("Last January the talks collapsed.", date(1, 1, 1)),
    ("Third-quarter results were weak.", date(1, 1, 1)),
    # the weekend of 9999-W52 begins on 10000-01-01
    ("This weekend the talks collapsed.", date(9999, 12, 31)),
    # days no year has: XXXX-02-31, XXXX-02-30 and XXXX-02-32 without an anchor
    ("The port reopened on Feb. 31.", None),
    ("The port reopened on Feb. 31.", DCT),
    ("The port reopened on February 30, 2024.", None),
    ("1000-02-32 the talks collapsed.", None),
]


@pytest.mark.parametrize(("text", "anchor"), NOTHING)
def test_no_mention_outside_the_calendar(text: str, anchor: date | None) -> None:
    assert tag(text, anchor) == []


def test_a_leap_day_without_a_year_stays_open() -> None:
    (mention,) = tag("The port reopened on Feb. 29.", None)
    assert (mention.value, mention.interval) == ("XXXX-02-29", None)
