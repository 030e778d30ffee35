# ruff: noqa: E501 -- the case tables read best one case a line
"""Days in a list or a span: each day is a mention, with the month and year its list names."""

from __future__ import annotations

from datetime import date

import pytest

from newsline.temporal import Tagger

ANCHOR = date(2010, 7, 15)

# (sentence, every mention as (text, interval label), in text order)
CASES = [
    (
        "Obama visited Mexico on April 16 and 17.",
        [("April 16", "2010-04-16"), ("17", "2010-04-17")],
    ),
    ("The talks ran March 3-5.", [("March 3", "2010-03-03"), ("5", "2010-03-05")]),
    ("The talks ran 3-5 March 2008.", [("3", "2008-03-03"), ("5 March 2008", "2008-03-05")]),
    ("He met them on 3 and 5 March 2008.", [("3", "2008-03-03"), ("5 March 2008", "2008-03-05")]),
    (
        "The poll ran between June 3 and 6, 2009.",
        [("June 3", "2009-06-03"), ("6, 2009", "2009-06-06")],
    ),
    (
        "They met on the 15th and 16th of October 2008.",
        [("the 15th", "2008-10-15"), ("16th of October 2008", "2008-10-16")],
    ),
    # the last date of a list names the year of all
    (
        "He was lobbied on 15 October and 9 November 2007.",
        [("15 October", "2007-10-15"), ("9 November 2007", "2007-11-09")],
    ),
    (
        "They met on October 15 and November 9, 2007.",
        [("October 15", "2007-10-15"), ("November 9, 2007", "2007-11-09")],
    ),
    (
        "Talks began in 2007. He was lobbied on 15 October and 9 November that year.",
        [("2007", "2007"), ("15 October", "2007-10-15"), ("9 November that year", "2007-11-09")],
    ),
    (
        "They met on 1, 2 and 3 April 2008.",
        [("1", "2008-04-01"), ("2", "2008-04-02"), ("3 April 2008", "2008-04-03")],
    ),
    ("The fair ran on July 3-4 2008.", [("July 3", "2008-07-03"), ("4 2008", "2008-07-04")]),
    (
        "They met on July 13, 14 and 15.",
        [("July 13", "2010-07-13"), ("14", "2010-07-14"), ("15", "2010-07-15")],
    ),
    (
        "The well was begun May 2, 12 days after the blast.",
        [("May 2", "2010-05-02"), ("12 days", None)],
    ),
    # what is no list
    ("On May 15, 2009, 20 soldiers were killed.", [("May 15, 2009", "2009-05-15")]),
    ("Between May 1 and 15 cases were reported.", [("May 1", "2010-05-01")]),
    ("Prices rose on March 3 and 5 million shares changed hands.", [("March 3", "2010-03-03")]),
    ("See Vol. 12, 16 October 2008.", [("16 October 2008", "2008-10-16")]),
    ("Smith, 25, 26 March 2009, was named.", [("26 March 2009", "2009-03-26")]),
    ("Episode 4 - 16 October 2008 aired.", [("16 October 2008", "2008-10-16")]),
    ("On May 5 and 6 people died.", [("May 5", "2010-05-05")]),
    ("The alert rose on April 29 to 5 on the scale.", [("April 29", "2010-04-29")]),
    ("Posted Feb. 7 - 18 hrs ago", [("Feb. 7", "2010-02-07")]),
    ("It won 2-1 on 5 March.", [("5 March", "2010-03-05")]),
    ("Sales rose 3.5 and 4 March", [("4 March", "2010-03-04")]),
    # a month that comes later leaves the year between unsaid
    (
        "The cut set for December 1 and January 1, 2012 was delayed.",
        [("December 1", "2009-12-01"), ("January 1, 2012", "2012-01-01")],
    ),
]


# the days of a list stay in one year, whichever its dates are nearest to alone
ANCHORED = [
    ("The meeting is January 14-16.", date(2010, 7, 16)),
    ("The meeting was May 1 and 2.", date(2010, 1, 29)),
    ("The vote was 15 to 16 October.", date(2010, 7, 15)),
]


@pytest.mark.parametrize(("sentence", "anchor"), ANCHORED)
def test_a_list_keeps_one_year(sentence: str, anchor: date) -> None:
    mentions = Tagger().tag(sentence, anchor)
    assert len(mentions) == 2
    assert len({m.value[:4] for m in mentions}) == 1, [(m.text, m.value) for m in mentions]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_list_days(sentence: str, expected: list[tuple[str, str]]) -> None:
    mentions = Tagger().tag(sentence, ANCHOR)
    assert [(m.text, m.interval.label() if m.interval else None) for m in mentions] == expected


def test_windowed_and_full_scan_agree_on_lists() -> None:
    for sentence, _ in CASES:
        windowed = Tagger().tag(sentence, ANCHOR)
        full = Tagger(windowed=False).tag(sentence, ANCHOR)
        assert [(m.start, m.end, m.value) for m in windowed] == [
            (m.start, m.end, m.value) for m in full
        ]
