"""Plans apart: a dated sentence about what is scheduled, targeted or expected for its date."""

from __future__ import annotations

from datetime import date

import pytest

from newsline.records import Event, Interval
from newsline.stages.plans import is_plan, plan_cue

YEAR = Interval(date(2021, 1, 1), date(2021, 12, 31), "year")
PUBLISHED = date(2022, 3, 1)  # after every date below: only the words can make a plan


@pytest.mark.parametrize(
    ("text", "mention", "cue"),
    [
        # plans, targets, expectations and promises
        ("The ring road is scheduled to open in 2021.", "2021", "is scheduled to"),
        ("The mayor said the target of finishing the ring road by 2021 was still realistic.", "2021", "target"),
        ("The council sets a 2021 completion target and a $90 million budget.", "2021", "target"),
        ("The first trams should run with the December timetable change.", "December", "should"),
        ("The operator said the depot remained on course to open in 2021, despite the floods.", "2021", "on course to"),
        ("The utility plans to sell its water unit in March.", "March", "plans to"),
        ("The new bridge will be handed over in 2021.", "2021", "will"),
        ("The minister is expected to resign on Friday.", "Friday", "is expected to"),
        ("Contractors promised delivery of the last carriages in June.", "June", "promised"),
        ("The 2021 deadline for the tunnel lining was missed.", "2021", "deadline"),
        # what happened
        ("The new bridge, which will carry four lanes, opened in 2021.", "2021", None),
        ("The ring road opened in 2021 as planned.", "2021", None),
        ("Voters rejected the council's tram plan in 2021.", "2021", None),
        ("The contract had been signed in 2021.", "2021", None),
        ("In March the utility sold its water unit.", "March", None),
        ("Residents were promised a new school when the estate was built in 2021.", "2021", None),
        ("Floods closed the depot, on the river bank, in September of that year.", "September of that year", None),
        ("The operator vowed Monday to pay for the repairs.", "Monday", None),
        ("The operator pledged on Tuesday to refund every fare.", "Tuesday", None),
    ],
)  # fmt: skip
def test_plan_cue(text: str, mention: str, cue: str | None) -> None:
    at = text.index(mention)
    assert plan_cue(text, at, at + len(mention)) == cue
    event = Event("a", 0, text, 0, len(text), YEAR, "explicit", mention)
    assert is_plan(event, PUBLISHED) is (cue is not None)


def test_the_last_day_of_the_calendar_is_no_overflow() -> None:
    """An article stamped 9999-12-31 (a fuzzed dump found it) is compared, not crashed on."""
    last = date.max
    text = "The trams ran on 31 December."
    day = Interval(last, last, "day")
    event = Event("a", 0, text, 0, len(text), day, "explicit", "31 December")
    assert is_plan(event, last) is False


@pytest.mark.parametrize(
    ("mention", "published", "expected"),
    [
        ("on 2 May", date(2019, 5, 1), False),  # a day after: time zones, early feed stamps
        ("tomorrow", date(2019, 5, 1), True),  # unless the words say it is still to come
        ("on 3 May", date(2019, 5, 1), True),
        # counted from a date of the story, not from the day of writing: never a plan by date
        ("a year later", date(2019, 5, 1), False),
        ("the following day", date(2019, 5, 1), False),
        ("two days after", date(2019, 5, 1), False),
    ],
)
def test_a_day_of_slack_after_publication(mention: str, published: date, expected: bool) -> None:
    day = date(2019, 5, 2) if mention in ("on 2 May", "tomorrow") else date(2019, 5, 3)
    text = f"The trams run to the airport {mention}."
    event = Event("a", 0, text, 0, len(text), Interval(day, day, "day"), "explicit", mention)
    assert is_plan(event, published) is expected


@pytest.mark.parametrize(
    ("published", "dated_by", "expected"),
    [
        (date(2019, 5, 2), "explicit", True),  # said in 2019 of 2021: it had not happened yet
        (date(2021, 12, 31), "explicit", False),  # said at the end of 2021: no cue, a report
        (None, "explicit", False),  # no publication day to compare with
        (date(2019, 5, 2), "published", False),  # a lead dated by its day reports that day's news
        (date(2019, 5, 2), "aligned", False),  # dated by another sentence: its date, not its own
    ],
)
def test_a_date_after_the_article_was_written_is_a_plan(
    published: date | None, dated_by: str, expected: bool
) -> None:
    text = "Tram services to the airport start in 2021."
    event = Event("a", 0, text, 0, len(text), YEAR, dated_by, "2021")
    assert is_plan(event, published) is expected
