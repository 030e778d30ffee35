"""A weekday's own phrase: what it says of the weekday before any verb is read."""

from __future__ import annotations

import pytest

from newsline.temporal.day_cues import day_cue, habit_day

# (the sentence's text before the weekday, the tense its phrase gives)
CASES = [
    ("The crane stood idle as of ", "past"),
    ("The divers prepared a dive , an operation to begin late ", "future"),
    ("The shares began to close on ", None),
    ("The first to arrive on ", None),  # the first, last or only one to do it: no plan
    ("The last ferry to arrive on ", None),
    ("Forecasters predicted high seas through ", "future"),
    ("Talks went on through ", None),
    ("The brothers spoke ahead of ", "told"),
    ("The speech comes on the eve of the mayor 's meeting at the town hall on ", "eve"),
    ("The crane was finished ahead of schedule on ", None),
    ("The hearing resumes on ", "future"),
    ("The wreck would be set adrift as soon as ", "future"),
    ("The slick could reach the Velmar , Aske and Tunby quays by ", "future"),
    ("The slick could not reach the quays by ", None),
    ("The mayor met the dockers on ", None),
]


@pytest.mark.parametrize(("before", "tense"), CASES)
def test_day_cue(before: str, tense: str | None) -> None:
    assert day_cue(before + "Friday .", before) == tense


@pytest.mark.parametrize(
    ("before", "habit"),
    [("The host takes his usual ", True), ("The weekly ", True), ("The host came on ", False)],
)
def test_habit_day(before: str, habit: bool) -> None:
    assert habit_day(before) is habit
