"""One happening once: a coarser or neighbouring-day mention folds into the finest entry that
tells the same happening; a different happening, or a plan beside a fact, stays."""

from __future__ import annotations

import re
from datetime import date

import pytest

from newsline.records import Event, Interval
from newsline.stages.clean_text import find_mention, stem, whole_word_at
from newsline.stages.fold import dating_clause, fold, sentence_words
from newsline.stages.query import parse_query
from newsline.stages.timeline import TimelineOptions

QUERY = parse_query("Velmar port")
YEAR_2019 = Interval(date(2019, 1, 1), date(2019, 12, 31), "year")
YEAR_2018 = Interval(date(2018, 1, 1), date(2018, 12, 31), "year")
MAY_2019 = Interval(date(2019, 5, 1), date(2019, 5, 31), "month")
MONDAY = Interval(date(2019, 5, 13), date(2019, 5, 13), "day")
SUNDAY = Interval(date(2019, 5, 12), date(2019, 5, 12), "day")
OPENED = ("The new container terminal at Velmar opened on Monday with a ribbon cutting.", "Monday")
PLANS = {"The container terminal is scheduled to open in 2019."}


def _event(article: str, text: str, interval: Interval, mention: str | None) -> Event:
    dated_by = "explicit" if mention else "published"
    return Event(article, 0, text, 0, len(text), interval, dated_by, mention)


def _key(interval: Interval) -> tuple[date, date, str]:
    return (interval.start, interval.end, interval.granularity)


@pytest.mark.parametrize(
    ("text", "mention", "interval", "fine", "fine_interval", "fine_score", "folds"),
    [
        # the same happening at a coarser date: its clause shares what happened
        ("Since the container terminal opened in 2019, traffic at Velmar has doubled.", "2019", YEAR_2019, OPENED, MONDAY, 2.0, True),
        ("The container terminal opened in May of that year.", "May of that year", MAY_2019, OPENED, MONDAY, 2.0, True),
        # another happening of the same year stays
        ("A dock strike in 2019 cost the port three weeks of traffic.", "2019", YEAR_2019, OPENED, MONDAY, 2.0, False),
        # the shared words must be in the clause of the date: here it dates the strike
        ("After the container terminal opened, a dock strike in 2019 halted it.", "2019", YEAR_2019, OPENED, MONDAY, 2.0, False),
        # not inside the coarser date
        ("The container terminal opened in 2018, a year early.", "2018", YEAR_2018, OPENED, MONDAY, 2.0, False),
        # a plan and what happened both show
        ("The container terminal is scheduled to open in 2019.", "2019", YEAR_2019, OPENED, MONDAY, 2.0, False),
        # the finer entry is not well supported: one report of its publication day
        ("Since the container terminal opened in 2019, traffic at Velmar has doubled.", "2019", YEAR_2019, (OPENED[0], None), MONDAY, 0.5, False),
        # neighbouring days (time zones): the same report folds into the better-supported day
        ("Storm Ilse flooded the Velmar quays and sank two tugboats on Monday.", "Monday", MONDAY, ("Storm Ilse flooded the quays of Velmar and sank two tugboats on Sunday.", "Sunday"), SUNDAY, 3.0, True),
        # ... not a report dated by its publication day: that is the day's news
        ("Storm Ilse flooded the Velmar quays and sank two tugboats overnight.", None, MONDAY, ("Storm Ilse flooded the quays of Velmar and sank two tugboats on Sunday.", "Sunday"), SUNDAY, 3.0, False),
        # ... but a running story's next day is another happening
        ("Storm Ilse closed the Velmar locks to shipping on Monday.", "Monday", MONDAY, ("Storm Ilse flooded the quays of Velmar and sank two tugboats on Sunday.", "Sunday"), SUNDAY, 3.0, False),
    ],
)  # fmt: skip
def test_fold(
    text: str,
    mention: str | None,
    interval: Interval,
    fine: tuple[str, str | None],
    fine_interval: Interval,
    fine_score: float,
    folds: bool,
) -> None:
    coarse = _event("coarse", text, interval, mention)
    finer = _event("fine", fine[0], fine_interval, fine[1])
    groups = {_key(interval): [coarse], _key(fine_interval): [finer]}
    scores = {_key(interval): 1.0, _key(fine_interval): fine_score}
    folding = fold(groups, scores, lambda e: e.text in PLANS, QUERY, TimelineOptions())
    assert (folding.folded.get(_key(fine_interval)) == [coarse]) is folds
    assert folding.gone == ({_key(interval)} if folds else set())
    assert folding.own[_key(fine_interval)] == [finer]  # the finer entry never moves


def test_a_mention_goes_to_the_finest_entry_telling_its_happening() -> None:
    year = _event(
        "a", "The container terminal opened in 2019 after years of delay.", YEAR_2019, "2019"
    )
    month = _event("b", "The container terminal opened in May.", MAY_2019, "May")
    day = _event("c", OPENED[0], MONDAY, OPENED[1])
    groups = {_key(YEAR_2019): [year], _key(MAY_2019): [month], _key(MONDAY): [day]}
    scores = dict.fromkeys(groups, 2.0)
    folding = fold(groups, scores, lambda e: False, QUERY, TimelineOptions())
    assert folding.folded == {_key(MONDAY): [month, year]}
    assert folding.gone == {_key(YEAR_2019), _key(MAY_2019)}


@pytest.mark.parametrize(
    ("text", "mention", "clause", "words"),
    [
        (
            "A convoy of relatives of the 41 people who died when the ferry sank in 1998 crossed first.",
            "1998",
            "A convoy of relatives of the 41 people who died when the ferry sank in 1998 crossed first.",
            "convoy relatives 41 people died ferry sank crossed",
        ),
        (  # the year of the clause, not the one inside the era that heads the line
            "Early 2000s — After her election as governor in 2000, Ilse Maren courted shippers.",
            "2000",
            " After her election as governor in 2000",
            "election governor",
        ),
        (
            "On Tuesday, the Velmar harbour master resigned.",
            "Tuesday",
            "On Tuesday",
            "harbour master resigned",
        ),
        (
            "2002 — The two states sign the treaty in October of that year, committing both.",
            "October of that year",
            " The two states sign the treaty in October of that year",
            "states sign treaty",
        ),
    ],
)  # fmt: skip
def test_a_sentences_words_are_its_dates_clause_without_dates_and_query(
    text: str, mention: str, clause: str, words: str
) -> None:
    assert dating_clause(text, mention) == clause
    found = sentence_words(text, mention, QUERY)
    assert found >= {stem(w) for w in words.split()}
    assert not found & {"velmar", "port", "tuesday", "october", "that", "year", "2002", "1998"}


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        ("Early 2000s, then in 2000 it fell", "2000", 21),  # not inside "2000s"
        ("In 2000_x and 2000s", "2000", 3),  # no whole one: the first
        ("Sales fell in May.", "May", 14),
        ("Mayday in May", "May", 10),
        ("Über-May and éMay", "May", 5),  # "-" is no word character
        ("x²2000 ٣2000 2000", "2000", 13),  # other scripts' digits are word characters
        ("no date here", "June", -1),
        ("", "May", -1),
        ("a, b", "", 2),  # an empty mention: between two characters that are no word's
    ],
)
def test_find_mention_is_the_whole_word_pattern(text: str, mention: str, expected: int) -> None:
    pattern = re.search(rf"(?<!\w){re.escape(mention)}(?!\w)", text)
    assert find_mention(text, mention) == expected
    assert expected == (pattern.start() if pattern else text.find(mention))
    if mention:  # the whole word alone: where the pattern finds it, else -1
        assert whole_word_at(text, mention) == (pattern.start() if pattern else -1)
