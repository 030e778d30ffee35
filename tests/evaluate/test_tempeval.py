# ruff: noqa: E501 -- the case tables read best one case a line
"""The TempEval-3 scorer on hand-made cases, and the TimeML reader and writer it relies on."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsline.evaluate.tempeval import count_document, evaluate_folder, score_corpus, scores
from newsline.evaluate.timeml import (
    Timex,
    parse_timeml,
    read_timeml,
    strip_tags,
    timeml_mod,
    timeml_value,
    write_timeml,
)
from newsline.temporal import tag

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "timeml"


def tx(
    start: int, end: int, value: str = "2023", type_: str = "DATE", function: str = "NONE"
) -> Timex:
    return Timex(start, end, "", type_, value, function=function)


# (system, gold, expected counts as (strict_sys, strict_gold, relaxed_sys, relaxed_gold,
#  value_sys, value_gold, type_sys))
CASES = [
    ([tx(0, 4)], [tx(0, 4)], (1, 1, 1, 1, 1, 1, 1)),
    ([tx(0, 4)], [tx(2, 8)], (0, 0, 1, 1, 1, 1, 1)),
    ([tx(0, 4, "2022")], [tx(0, 4)], (1, 1, 1, 1, 0, 0, 1)),
    ([tx(0, 4, type_="DURATION")], [tx(0, 4)], (1, 1, 1, 1, 1, 1, 0)),
    ([tx(0, 4)], [tx(5, 9)], (0, 0, 0, 0, 0, 0, 0)),
    ([], [tx(5, 9)], (0, 0, 0, 0, 0, 0, 0)),
    # one system span over two gold spans: both gold found, the system span pairs with one
    ([tx(0, 20)], [tx(0, 4), tx(10, 20, "2022")], (0, 0, 1, 2, 0, 1, 1)),
    # the creation time is never scored, nor a system span over it
    (
        [tx(0, 4), tx(10, 14)],
        [tx(0, 4, function="CREATION_TIME"), tx(10, 14)],
        (1, 1, 1, 1, 1, 1, 1),
    ),
]


@pytest.mark.parametrize(("system", "gold", "expected"), CASES)
def test_counts(system: list[Timex], gold: list[Timex], expected: tuple[int, ...]) -> None:
    c = count_document(system, gold)
    got = (
        c.strict_system,
        c.strict_gold,
        c.relaxed_system,
        c.relaxed_gold,
        c.value_system,
        c.value_gold,
        c.type_system,
    )
    assert got == expected


def test_scores_are_micro_averaged() -> None:
    result = score_corpus(
        [
            ([tx(0, 4), tx(10, 14, "1999")], [tx(0, 4), tx(10, 14)]),
            ([tx(0, 4)], [tx(0, 2), tx(30, 34)]),
        ]
    )
    assert result.strict == pytest.approx((2 / 3, 2 / 4, 2 * (2 / 3) * 0.5 / (2 / 3 + 0.5)))
    assert result.relaxed[0] == pytest.approx(1.0)
    assert result.relaxed[1] == pytest.approx(3 / 4)
    assert result.value_f1[0] == pytest.approx(2 / 3)
    assert result.value_accuracy == pytest.approx(2 / 3)
    assert result.counts["documents"] == 2


def test_empty_scores_are_zero() -> None:
    result = scores(count_document([], []))
    assert result.strict == (0.0, 0.0, 0.0) and result.value_accuracy == 0.0


def test_reader_strips_tags_and_keeps_offsets() -> None:
    doc = read_timeml(FIXTURES / "harbour.tml")
    assert doc.dct == date(2023, 9, 12)
    assert "<" not in doc.text and "&amp;" not in doc.text and " & " in doc.text
    assert [(t.text, t.value) for t in doc.timexes][:3] == [
        ("Monday", "2023-09-11"),
        ("July", "2023-07"),
        ("August", "2023-08"),
    ]
    assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)


def test_dct_outside_text_is_not_a_gold_timex() -> None:
    doc = read_timeml(FIXTURES / "orchard.tml")
    assert doc.dct == date(1999, 11, 2)
    assert "t0" not in {t.tid for t in doc.timexes}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("197X", "197"),
        ("19XX", "19"),
        ("1945/1948", "194"),
        ("1950/1953", "195"),
        ("1985/1999", "19"),
        ("1985/2003", "1985"),
        ("195X/196X", "19"),
        ("2023-03/2023-05", "2023"),
        ("2023-11/2024-02", "2023-11"),
        ("2023-09-12", "2023-09-12"),
        ("P3M", "P3M"),
        ("PRESENT_REF", "PRESENT_REF"),
    ],
)
def test_timeml_values(value: str, expected: str) -> None:
    assert timeml_value(value) == expected


@pytest.mark.parametrize(
    ("mod", "expected"),
    [
        ("MID_END", "END"),
        ("START_MID", "START"),
        ("APPROX", "APPROX"),
        ("WEIRD", None),
        (None, None),
    ],
)
def test_timeml_mods(mod: str | None, expected: str | None) -> None:
    assert timeml_mod(mod) == expected


def test_written_timeml_reads_back_to_the_same_text_and_tags() -> None:
    text = "Mid-to-late 2000s prices & rents rose <fast> from 1945-1948, said Sept, 12, 2023."
    mentions = tag(text, date(2023, 9, 12))
    doc = parse_timeml(write_timeml("x", text, date(2023, 9, 12), mentions))
    assert doc.text == text and doc.dct == date(2023, 9, 12)
    assert [(t.start, t.end, t.value, t.mod) for t in doc.timexes] == [
        (m.start, m.end, timeml_value(m.value), timeml_mod(m.mod)) for m in mentions
    ]
    assert doc.timexes[0].mod == "END" and doc.timexes[0].value == "200"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rain fell from March to May 2023.", [("March", "2023-03"), ("May 2023", "2023-05")]),
        ("Talks ran between 1985 and 1987.", [("1985", "1985"), ("1987", "1987")]),
        ("He served 1945-1948 at sea.", [("1945-1948", "194")]),
        ("The war of 1950-53 ended.", [("1950-53", "195")]),
    ],
)
def test_ranges_across_words_become_two_timexes(text: str, expected: list[tuple[str, str]]) -> None:
    doc = parse_timeml(write_timeml("x", text, None, tag(text, None)))
    assert [(t.text, t.value) for t in doc.timexes] == expected


def test_strip_tags_ignores_other_elements() -> None:
    text, timexes = strip_tags(
        'A <EVENT eid="e1">rise</EVENT> <TIMEX3 tid="t1" type="DATE" value="2001">in 2001</TIMEX3>.'
    )
    assert text == "A rise in 2001." and timexes[0].text == "in 2001"


def test_evaluate_folder_on_fixtures() -> None:
    result = evaluate_folder(FIXTURES)
    assert result.counts["documents"] == 2 and result.counts["gold"] == 11
    assert result.relaxed[2] >= 0.9 and result.value_f1[2] >= 0.8
