"""A dated sentence as a timeline line: its own date left to the entry's label, nothing else."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsline.records import Event, Interval
from newsline.stages.statement import statement


@pytest.mark.parametrize(
    ("text", "mention", "shown"),
    [
        # chronology lines
        ("April 22 - The rig sinks in the gulf .", "April 22", "The rig sinks in the gulf ."),
        ("22 April: The oil rig sinks.", "22 April", "The oil rig sinks."),
        ("2022 — North Korea blames the United States.", "2022", "North Korea blames the United States."),
        ("June 15, 2010: Obama speaks from the Oval Office.", "June 15", "Obama speaks from the Oval Office."),
        # an adverbial opening the sentence
        ("On Tuesday, BP said the leak had slowed.", "Tuesday", "BP said the leak had slowed."),
        ("In 1994 the old pier was rebuilt.", "1994", "The old pier was rebuilt."),
        # an adverbial inside it
        ("BP said on Tuesday that the leak had slowed.", "Tuesday", "BP said that the leak had slowed."),
        ("BP said , on Tuesday , that the leak had slowed .", "Tuesday", "BP said that the leak had slowed ."),
        ("Kim arrived in Vladivostok on Tuesday, where he met Putin.", "Tuesday", "Kim arrived in Vladivostok, where he met Putin."),
        ("The rig exploded off Louisiana on April 20 , killing 11 workers .", "April 20", "The rig exploded off Louisiana, killing 11 workers ."),
        ("The company awards the contract in April.", "April", "The company awards the contract."),
        ("2010 — The company awards the contract in April.", "April", "The company awards the contract."),
        ("2009 — The company awards the contract in April.", "April", "2009 — The company awards the contract."),
        ("The Coast Guard discovered Saturday that oil is leaking.", "Saturday", "The Coast Guard discovered that oil is leaking."),
        ("Documents lodged in the high court last month allege negligence.", "last month", "Documents lodged in the high court allege negligence."),
        # the date does other work: the sentence stays as written
        ("April 22 was the day the rig sank.", "April 22", "April 22 was the day the rig sank."),
        ("The April 20 explosion killed 11 workers.", "April 20", "The April 20 explosion killed 11 workers."),
        ("Tuesday's vote split the council.", "Tuesday", "Tuesday's vote split the council."),
        ("On Tuesday 's opening day , the court heard him .", "Tuesday", "On Tuesday 's opening day , the court heard him ."),
        ("The talks resumed a day after Monday's breakdown.", "Monday", "The talks resumed a day after Monday's breakdown."),
        ("Ferries ran until Friday as usual.", "Friday", "Ferries ran until Friday as usual."),
        ("April 22 - Rig sinks.", "April 22", "April 22 - Rig sinks."),  # too little would be left
        ("It sank on Tuesday.", "Tuesday", "It sank on Tuesday."),
        ("Drilling crews had returned only in May, after two years.", "May", "Drilling crews had returned only in May, after two years."),
        ("Its report, published in 2001, recommends a fixed link.", "2001", "Its report, published in 2001, recommends a fixed link."),
        ("From next Tuesday , all households get a leaflet .", "next Tuesday", "From next Tuesday , all households get a leaflet ."),
    ],
)  # fmt: skip
def test_an_entry_line_leaves_its_date_to_the_label(text: str, mention: str, shown: str) -> None:
    day = Interval(date(2010, 4, 22), date(2010, 4, 22), "day")
    event = Event("a", 0, text, 0, len(text), day, "explicit", mention)
    assert statement(event) == shown
    # dated by anything but its own mention, a sentence is shown as written
    assert statement(replace(event, dated_by="published")) == text


_WORDS = (
    "On on in last this only until published said that the BP rig sank Tuesday Tuesday's 's"
    " April 22 2014 , . : — - `` '' “ ” \""
).split()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=14), st.integers(0, 14), st.integers(1, 3))
def test_a_line_is_never_longer_than_its_sentence_and_never_empty(
    words: list[str], at: int, size: int
) -> None:
    text = " ".join(words)
    mention = " ".join(words[at : at + size]) or "Tuesday"
    day = Interval(date(2010, 4, 22), date(2010, 4, 22), "day")
    shown = statement(Event("a", 0, text, 0, len(text), day, "explicit", mention))
    assert len(shown) <= len(text)
    assert shown.strip() or not text.strip()
