"""Windows around trigger words must find exactly what a scan of the whole text finds."""

from __future__ import annotations

from datetime import date

import pytest

from newsline.evaluate.timeml import read_timeml, timeml_files
from newsline.temporal import Tagger
from newsline.temporal.rules import RULES, TRIGGER_KINDS
from newsline.temporal.windows import DIGIT_KINDS, KINDS, triggers, windows
from tests.conftest import shared_path
from tests.temporal.test_tagger import ANAPHORA, CASES

TEXTS = [case[0] for case in CASES] + [case[0] for case in ANAPHORA]


def test_every_rule_names_known_trigger_kinds() -> None:
    assert {name for name, *_ in RULES} == set(TRIGGER_KINDS)
    assert {k for kinds in TRIGGER_KINDS.values() for k in kinds} <= {*KINDS, *DIGIT_KINDS, "digit"}


def test_windows_are_cut_at_whitespace_and_merged() -> None:
    text = "word " * 100 + "in March 2020 " + "word " * 100 + "2021 " + "word " * 5
    spans = windows(text, triggers(text), ("month", "digit"))
    assert len(spans) == 2
    for start, end in spans:
        assert start == 0 or text[start - 1] == " "
        assert end == len(text) or text[end] == " "


@pytest.mark.parametrize("text", TEXTS)
def test_windowed_equals_full_scan_on_cases(text: str) -> None:
    anchor = date(2023, 9, 12)
    assert Tagger().tag(text, anchor) == Tagger(windowed=False).tag(text, anchor)


@pytest.mark.shared
def test_windowed_equals_full_scan_on_timebank() -> None:
    for path in timeml_files(shared_path("data", "timeml", "TimeBank"))[:40]:
        doc = read_timeml(path)
        assert Tagger().tag(doc.text, doc.dct) == Tagger(windowed=False).tag(doc.text, doc.dct)
