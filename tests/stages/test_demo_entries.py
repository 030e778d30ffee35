"""The demo corpus (examples/, the Brenn Strait Link) as its reader sees the timeline: one
happening once, plans apart from what happened, no chronology mark heading a line."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from newsline.export.json import timeline_to_dict
from newsline.export.markdown import timeline_to_markdown
from newsline.jobs import timeline
from newsline.stages.timeline import TimelineOptions
from newsline.store import Store

QUERY = TimelineOptions(query="Brenn Strait Link")
# A date with a dash or colon heading a line, as chronologies write them.
MARK = re.compile(
    r"^\s*(?:(?:early|mid|late)[- ]?)?(?:\d{1,2} [A-Z][a-z]+ |[A-Z][a-z]+ \d{1,2},? )?"
    r"\d{4}s?(?:\s*[-–/]\s*\d{2,4})?\s*(?:[:–—]|\s-\s)",
    re.IGNORECASE,
)


def _build(db: Path, options: TimelineOptions) -> dict[str, Any]:
    with Store(db) as store:
        return timeline_to_dict(timeline(options, store))


@pytest.fixture(scope="module")
def demo(demo_db: Path) -> dict[str, Any]:
    return _build(demo_db, QUERY)


def _within(entries: list[dict], year: str) -> list[dict]:
    return [e for e in entries if e["start"] >= f"{year}-01-01" and e["end"] <= f"{year}-12-31"]


def _said(entry: dict) -> str:
    return " ".join(s["text"] for s in entry["sentences"])


@pytest.mark.parametrize(
    ("year", "label", "happening", "folded_labels"),
    [
        ("2002", "14 October 2002", r"signed a treaty", {"2002", "October 2002"}),
        ("1998", "January 1998", r"ferry Solvang capsizes", {"1998"}),
        ("2010", "6 July 2010", r"halt to survey drilling", {"2010", "July 2010"}),
    ],
)
def test_one_happening_once_at_its_finest_date(
    demo: dict, year: str, label: str, happening: str, folded_labels: set[str]
) -> None:
    (entry,) = [e for e in _within(demo["entries"], year) if re.search(happening, _said(e))]
    assert entry["label"] == label
    # the coarser mentions are its support, each with its own date
    folded = entry["folded"]
    assert {_label(s) for s in folded} == folded_labels
    assert all(s["article"] and s["text"] for s in folded)
    # no other entry of that year tells it again
    others = [e for e in _within(demo["entries"], year) if e is not entry]
    assert not any(re.search(happening, _said(e)) for e in others)


def _label(sentence: dict) -> str:
    start, end = sentence["start"], sentence["end"]
    if start == end:
        return start
    if start[5:] == "01-01" and end[5:] == "12-31" and start[:4] == end[:4]:
        return start[:4]
    months = {"10": "October", "07": "July", "01": "January"}
    return f"{months[start[5:7]]} {start[:4]}"


def test_without_folding_the_treaty_stands_three_times(demo_db: Path) -> None:
    unfolded = _build(demo_db, replace(QUERY, fold=False))
    labels = [e["label"] for e in _within(unfolded["entries"], "2002")]
    assert labels == ["2002", "October 2002", "14 October 2002"]
    assert all(not e["folded"] for e in unfolded["entries"])


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("the target of opening the crossing to traffic in 2021 remained achievable", True),
        ("is scheduled to open in 2021", True),  # keeps its date: it is what is planned
        ("still expected to open the crossing to road traffic in late 2021", True),
        ("remained on course to open in 2023", True),
        ("opened to cars and trucks", False),  # what happened shows too
        ("signed a treaty committing their countries", False),
    ],
)
def test_plans_apart(demo: dict, words: str, expected: bool) -> None:
    found = [
        (entry, s)
        for entry in demo["entries"]
        for s in entry["sentences"] + entry["folded"]
        if words in s["text"]
    ]
    assert found, words
    assert all(s["expected"] is expected for _, s in found)
    if expected:  # an entry holding nothing but plans is one
        assert all(e["expected"] for e, _ in found if all(s["expected"] for s in e["sentences"]))


@pytest.mark.parametrize(
    ("words", "start"),
    [
        # "could not": the summer before the kiosk keeper spoke, no plan for the next one
        ("In the summer you could not find a place to park", "2023-06-01"),
        # a chronology's "2023 — ... by the end of the year" is the end of 2023
        ("1.3 million vehicles use it by the end of the year", "2023-09-01"),
    ],
)
def test_what_happened_stands_in_its_own_year(demo: dict, words: str, start: str) -> None:
    found = [(e, s) for e in demo["entries"] for s in e["sentences"] if words in s["text"]]
    assert found, words
    assert all(e["start"] == start and not s["expected"] for e, s in found)


def test_the_2021_opening_target_is_a_planned_entry(demo: dict) -> None:
    (entry,) = [e for e in _within(demo["entries"], "2021") if e["expected"]]
    assert "to open the crossing" in _said(entry)
    assert all(s["expected"] for s in entry["sentences"])
    assert any("target of opening" in s["text"] for s in entry["folded"])
    opened = [e for e in _within(demo["entries"], "2023") if "opened to cars" in _said(e)]
    assert [e["label"] for e in opened] == ["17 June 2023"] and not opened[0]["expected"]


def _texts(demo: dict) -> list[str]:
    out = []
    for entry in demo["entries"]:
        for s in entry["sentences"] + entry["conflicts"] + entry["folded"]:
            out += [s["text"]] + [a["text"] for a in s.get("also", [])]
    return out + [s["text"] for s in demo["undated"]]


def test_no_line_starts_with_a_chronology_mark(demo_db: Path, demo: dict) -> None:
    texts = _texts(demo)
    assert len(texts) > 40
    assert [t for t in texts if MARK.match(t)] == []
    with Store(demo_db) as store:
        markdown = timeline_to_markdown(timeline(QUERY, store))
    lines = [line[2:] for line in markdown.splitlines() if line.startswith("- ")]
    assert [line for line in lines if MARK.match(line.removeprefix("(planned) "))] == []
    assert "## September 2021 - December 2021 (planned)" in markdown
    assert "- (planned) The Brenn Link Company said it still expected" in markdown


def test_explain_names_what_was_folded_into_an_entry(demo_db: Path) -> None:
    with Store(demo_db) as store:
        text = timeline_to_markdown(timeline(QUERY, store), explain=True)
    treaty = text[text.index("## 14 October 2002") :]
    treaty = treaty[: treaty.index("\n## ")]
    folded = re.findall(r"^> - the same happening, folded in from ([^:]+):", treaty, re.M)
    assert set(folded) == {"2002", "October 2002"}
    assert "Treaty of Tarrin in October of that year" in treaty
