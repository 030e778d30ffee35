"""Sentence events: which time each sentence of an article talks about, and how we know."""

from __future__ import annotations

import random
import re

import pytest

from newsline.jobs import articles_from_text
from newsline.settings import Settings
from newsline.stages.events import (
    _ANAPHOR_CUE,
    _ASCII_ENTITY,
    _ENTITY,
    _TRIGGER,
    _anaphor_cue,
    _may_tell_time,
    entities,
    extract_events,
)

DUMP = """Harbour Timeline

Boats at the harbour in Selby on Friday, May 10, 2024. (Reuters/Ida Holm)
TT

Harbour Timeline

Boats at the harbour in Selby on Friday, May 10, 2024. (Reuters/Ida Holm)

SELBY (Reuters) -- The harbour reopened on Friday after a month of repairs.
Its kiosk owner, who has sold coffee there since 1987, welcomed the boats.
1990s — The old pier is rebuilt. Fishing quotas shrink in 1994. Trawlers leave.
2019 — The council buys the pier in April. Repairs start in June of that year.
The new ferry will sail in June.
"""


@pytest.fixture(scope="module")
def events() -> dict[str, tuple[str | None, str | None]]:
    settings = Settings()
    (article,), _, _ = articles_from_text("harbour.txt", DUMP, settings)
    found = {}
    for event in extract_events(article, settings):
        label = event.interval.label() if event.interval else None
        found[event.text] = (label, event.dated_by)
    return found


@pytest.mark.parametrize(
    ("sentence", "label", "dated_by"),
    [
        # The dateline is cut; "on Friday" resolves against the publication day.
        ("The harbour reopened on Friday after a month of repairs.", "2024-05-10", "explicit"),
        # A date after "since" starts a state; the lead sentence takes the publication day.
        (
            "Its kiosk owner, who has sold coffee there since 1987, welcomed the boats.",
            "2024-05-10",
            "published",
        ),
        ("1990s — The old pier is rebuilt.", "1990/1999", "explicit"),
        ("Fishing quotas shrink in 1994.", "1994", "explicit"),  # its own date beats the era
        ("Trawlers leave.", "1990/1999", "explicit"),  # the era opening its paragraph
        # A chronology's year governs its months (not the April nearest the 2024 publication),
        ("2019 — The council buys the pier in April.", "2019-04", "explicit"),
        ("Repairs start in June of that year.", "2019-06", "explicit"),
        # but not outside its paragraph: this June is the one after publication.
        ("The new ferry will sail in June.", "2024-06", "explicit"),
    ],
)
def test_each_sentence_is_dated(events: dict, sentence: str, label: str, dated_by: str) -> None:
    assert events[sentence] == (label, dated_by)


CRANE = """Crane Falls at Selby Harbour

Divers at the harbour in Selby on Thursday, May 16, 2024. (Reuters/Ida Holm)
TT

Crane Falls at Selby Harbour

Divers at the harbour in Selby on Thursday, May 16, 2024. (Reuters/Ida Holm)

SELBY (Reuters) -- A harbour crane collapsed at 10 p.m. Tuesday, the port said.
Divers searched the water late on Wednesday night and found no one.
The first ferry left at 6 a.m.
Its weekly quiz show, Friday Night Live, was cancelled.
The crane had been inspected at 9 a.m. on May 2 and passed.
Its band plays every Saturday night at the harbour bar.
"""


@pytest.mark.parametrize(
    ("sentence", "label", "dated_by"),
    [
        # a time that names its day dates the sentence as the day alone would
        ("A harbour crane collapsed at 10 p.m. Tuesday, the port said.", "2024-05-14", "explicit"),
        (
            "Divers searched the water late on Wednesday night and found no one.",
            "2024-05-15",
            "explicit",
        ),
        ("The crane had been inspected at 9 a.m. on May 2 and passed.", "2024-05-02", "explicit"),
        # a show's title, a schedule and a clock alone do not
        ("Its weekly quiz show, Friday Night Live, was cancelled.", "2024-05-16", "published"),
        ("Its band plays every Saturday night at the harbour bar.", None, None),  # past the lead
        ("The first ferry left at 6 a.m.", "2024-05-16", "published"),
    ],
)
def test_a_time_naming_its_day_dates_the_sentence(sentence: str, label: str, dated_by: str) -> None:
    settings = Settings()
    (article,), _, _ = articles_from_text("crane.txt", CRANE, settings)
    found = {
        e.text: (e.interval.label() if e.interval else None, e.dated_by)
        for e in extract_events(article, settings)
    }
    assert found[sentence] == (label, dated_by)


STRIKE = """Dock Strike Ends at Selby

Divers at the harbour in Selby on Thursday, May 16, 2024. (Reuters/Ida Holm)
TT

Dock Strike Ends at Selby

Divers at the harbour in Selby on Thursday, May 16, 2024. (Reuters/Ida Holm)

SELBY (Reuters) -- Dock workers walked out on Monday.
Two days later, talks resumed.
The port was built in 1998.
In November that year it opened.
The museum screens the film Selby Remembers One Year Later.

The old quay closed on 3 March 2001.
Ten years later, in 2012, the new one opened.
Dockers say today the new quay is too small.
Two decades later, they agreed.

The pilots struck on 4 May 2019.
That night, no ferry sailed.
Sales fell in the first quarter.
"""


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        # an anaphor leans on the last date of the paragraphs before its own
        ("Two days later, talks resumed.", "2024-05-15"),
        ("In November that year it opened.", "1998-11"),
        # a headline's "One Year Later" dates nothing (the lead's publication day stays)
        ("The museum screens the film Selby Remembers One Year Later.", "2024-05-16"),
        # the sentence's own date comes first ("Ten years later, in 2012")
        ("Ten years later, in 2012, the new one opened.", "2012"),
        # "today" is no story's date to count from, and no past sentence lies ahead
        ("Two decades later, they agreed.", None),
        # a paragraph whose only time words are an anaphor's or a quarter's is tagged too
        ("That night, no ferry sailed.", "2019-05-04"),
        ("Sales fell in the first quarter.", "2024-01-01/2024-03-31"),  # this year's
    ],
)
def test_an_anaphor_leans_on_the_paragraph_before(sentence: str, label: str) -> None:
    settings = Settings()
    (article,), _, _ = articles_from_text("strike.txt", STRIKE, settings)
    found = {
        e.text: e.interval.label() if e.interval else None
        for e in extract_events(article, settings)
    }
    assert found[sentence] == label


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("No time is named here at all.", False),
        ("It happened in 1998.", True),
        ("abc1", True),  # a digit anywhere
        ("The mayor said the 9 votes", True),  # a time word's start before the digit
        ("_x9_ of no words", True),  # a digit inside a word
        ("Back in January they met.", True),
        ("The janitor left.", True),  # a word starting with a time word's start ("jan")
        ("xjanuary", False),  # no word starts there
        ("_today is odd", False),  # "_" is a word's letter to \b
        ("snake_today", False),
        ("a-today", True),
        ("THAT DAY came", True),
        ("Tomorrow", True),
        ("", False),
        ("Le café ouvre en janvier", True),  # beyond ASCII: the case-insensitive pattern
        ("Le café ouvre", False),
    ],
)
def test_may_tell_time_as_its_pattern_finds(paragraph: str, expected: bool) -> None:
    # the word-by-word reading of an ASCII paragraph finds what _TRIGGER finds anywhere
    assert _may_tell_time(paragraph) is expected
    assert (_TRIGGER.search(paragraph) is not None) is expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("It sank two days later.", True),
        ("LATER, it sank.", True),
        ("The Thatcher years.", False),  # whole words only
        ("5later", False),
        ("_that", False),
        ("the next-door pier", True),
        ("It sank on April 20.", False),
        ("", False),
        ("the priority, then the prior one", True),  # a whole one after one inside a word
        ("contexts, sesame, thatch, laterally", False),  # each inside a word only
        ("that1 next_ 2same", False),  # digits and "_" are word characters
        ("Same", True),  # the whole text
        ("Afterwards\tEARLIER", True),
        ("Le même jour, plus tard: the same day", True),  # beyond ASCII: the pattern itself
        ("Le même jour", False),
    ],
)
def test_anaphor_cue_as_its_pattern_finds(paragraph: str, expected: bool) -> None:
    assert _anaphor_cue(paragraph) is expected
    assert (_ANAPHOR_CUE.search(paragraph) is not None) is expected


# _ENTITY before its repeats were made possessive: the same matches, by construction.
_ENTITY_GREEDY = re.compile(r"[A-Z](?<!\w[A-Z])[\w'’.-]*(?:\s+(?:of\s+|de\s+|al-)?[A-Z][\w'’.-]*)*")


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("Kim Jong Un met Putin in Vladivostok.", ("Kim Jong Un", "Putin", "Vladivostok")),
        ("The Bank of America said so.", ("Bank of America",)),
        ("Bashar al-Assad and Charles de Gaulle", ("Bashar al-Assad", "Charles de Gaulle")),
        ("Bashar al-Assad, Charles de Gaulle", ("Bashar al-Assad", "Charles de Gaulle")),
        ("He flew to the U.S. On Monday it rained.", ("U.S. On Monday",)),
        ("The Gulf of  \n Mexico of", ("Gulf of  \n Mexico",)),
        ("Bank of america", ("Bank",)),  # "of" and no capital after it: the name stops
        ("iPhone maker Apple's shares", ("Apple's",)),
        ("McDONALD'S O’Neil", ("McDONALD'S O’Neil",)),
        ("It A An", ("A An",)),
        ("In", ()),
        ("", ()),
        ("Émile Zola met Hugo", ("Zola", "Hugo")),  # a capital beyond ASCII opens no name
        ("Gulf\x1cOf\x1fMexico_2 X9", ("Gulf\x1cOf\x1fMexico_2 X9",)),  # \\s, \\w in ASCII
        ("aB cD_E 9F", ()),  # no name opens right after a word character
        ("New\x85York New\xa0York", ("New\x85York New\xa0York",)),  # beyond ASCII: \\s too
    ],
)
def test_entities(sentence: str, names: tuple[str, ...]) -> None:
    assert entities(sentence) == names
    assert _ENTITY.findall(sentence) == _ENTITY_GREEDY.findall(sentence)
    if sentence.isascii():
        assert _ASCII_ENTITY.findall(sentence) == _ENTITY.findall(sentence)


def test_ascii_entity_pattern_on_every_character() -> None:
    rng = random.Random(13)
    alphabet = [*map(chr, range(128)), *"ABC ofde al-.'"]
    for _ in range(2000):
        text = "".join(rng.choices(alphabet, k=40))
        assert _ASCII_ENTITY.findall(text) == _ENTITY.findall(text), repr(text)


# (the fields ``_event`` takes, in ``Event``'s order)
EVENT_FIELDS = [
    ("a1", 0, "Officials met on Monday.", 0, 24, "day", "explicit", "Monday", ("Officials",), 0),
    ("a1", 3, "It rained.", 40, 50, None, None, None, (), 2),
    ("b2", 1, "Lead.", 5, 10, "day", "published", None, ("Lead",), 1),
    ("", 7, "", 0, 0, "year", "explicit", "", ("A", "B"), 9),
]


@pytest.mark.parametrize("values", EVENT_FIELDS)
def test_an_event_made_fast_is_the_constructors(values: tuple) -> None:
    from dataclasses import FrozenInstanceError, fields
    from datetime import date

    from newsline.records import Event, Interval
    from newsline.stages.events import _event

    day = date(2010, 4, 20)
    grain = values[5]
    values = (*values[:5], grain and Interval(day, day, grain), *values[6:])
    made, expected = _event(*values), Event(*values)
    assert type(made) is Event
    assert made == expected and hash(made) == hash(expected)
    for field in fields(Event):
        assert getattr(made, field.name) == getattr(expected, field.name)
    with pytest.raises(FrozenInstanceError):
        made.index = 1  # type: ignore[misc]


def test_an_undated_sentence_reads_one_date_of_none() -> None:
    from newsline.stages.events import _lead_or_undated

    settings = Settings(embeddings="off")
    assert list(_lead_or_undated(None, 0, settings)) == [(None, None, None)]
    assert list(_lead_or_undated(None, settings.lead_sentences, settings)) == [(None, None, None)]


# (text, block, offset): where each block is found from ``offset`` on, as ``str.index`` finds it
BLOCKS = [
    ("First.\n\nSecond.", "First.", 0),
    ("First.\n\nSecond.", "Second.", 6),
    ("ab\n\nab\n\nab", "ab", 2),
    ("ab\n\nab\n\nab", "ab", 0),
    ("aaaa", "aa", 1),  # at the offset itself, and again after it
    ("x\n\n\nfoo", "\nfoo", 1),  # one character on
    ("x\n\n\n\n\nfoo", "foo", 1),  # further than the gap: the search finds it
    ("x\n\n", "", 1),
    ("x\n\n", "", 3),
    ("One.\n\nTwo.", "Two. ", 4),  # nowhere: ValueError, as the search's
    ("x", "", 5),  # past the end: ValueError
]


@pytest.mark.parametrize(("text", "block", "offset"), BLOCKS)
def test_block_start_is_the_search(text: str, block: str, offset: int) -> None:
    from newsline.stages.events import _block_start

    try:
        expected = text.index(block, offset)
    except ValueError:
        with pytest.raises(ValueError):
            _block_start(text, block, offset)
        return
    assert _block_start(text, block, offset) == expected


# Sentences opening with a dateline or not: the length found without the pattern's first
# branch where it cannot match is the pattern's.
DATELINES = [
    "NEW ORLEANS (AP) -- Crews worked through the night to contain the spill offshore.",
    "LONDON | Tue Apr 28 , 2009 9:03 pm BST LONDON -LRB- Reuters -RRB- - Shares fell sharply.",
    "WASHINGTON -- The president signed the bill into law on Tuesday afternoon here.",
    "WASHINGTON (local time) -- The president signed the bill into law on Tuesday.",
    "U.S. officials (speaking privately) said the talks would resume on Monday morning.",
    "US officials said the talks would resume on Monday morning in Geneva, Switzerland.",
    "The talks (held in Geneva) would resume -- AP reported -- on Monday morning there.",
    "Officials said the talks would resume on Monday morning in Geneva, Switzerland.",
    "BEIRUT, Lebanon — Protesters gathered outside parliament for a third straight day.",
    "PARIS (AFP) - Short.",
    "KABUL (Xinhua) -- Afghan forces said on Sunday they had retaken the district centre.",
    "ROME (dpa) -- Italy's parliament approved the budget after a long night of debate.",
    "",
]


@pytest.mark.parametrize("sentence", DATELINES)
def test_dateline_length_as_the_pattern_finds(sentence: str) -> None:
    from newsline.stages.events import _DATELINE, _dateline_length

    match = _DATELINE.match(sentence)
    expected = match.end() if match and match.end() < len(sentence) - 20 else 0
    assert _dateline_length(sentence) == expected
