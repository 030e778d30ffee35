"""The lowercase strings that every match of a case-blind search holds, tried before it
(``day_cues.may_hold``): a text without them has no match; and the words a case-heeding search
needs (``day_cues._deadline``)."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable

import pytest

from newsline.temporal.day_cues import (
    _AS_OF,
    _AS_OF_NEEDLES,
    _DEADLINE,
    _HABIT_DAY,
    _HABIT_DAY_NEEDLES,
    _SOON,
    _SOON_NEEDLES,
    _TO_BEGIN,
    _deadline,
    _to_begin,
    may_hold,
)
from newsline.temporal.tense import (
    _FUTURE_NEEDLES,
    _HABIT_NEEDLES,
    _HABITUAL,
    _REPORTED_NEEDLES,
    _REPORTED_THAT,
    _SINCE,
    _SINCE_NEEDLES,
    _SUPPOSED_DONE,
    _SUPPOSED_NEEDLES,
    FUTURE_PHRASES,
)

# (search, its needles)
SEARCHES = [
    (FUTURE_PHRASES, _FUTURE_NEEDLES),
    (_HABITUAL, _HABIT_NEEDLES),
    (_REPORTED_THAT, _REPORTED_NEEDLES),
    (_SOON, _SOON_NEEDLES),
    (_HABIT_DAY, _HABIT_DAY_NEEDLES),
    (_SINCE, _SINCE_NEEDLES),
    (_SUPPOSED_DONE, _SUPPOSED_NEEDLES),
    (_AS_OF, _AS_OF_NEEDLES),
]
# Texts each search matches, in any case, and with the characters case-blindness also takes for
# "i", "k" and "s" ("İ", "ı", "ſ"): each must hold a needle.
MATCHED = [
    (FUTURE_PHRASES, "he is going to sign"),
    (FUTURE_PHRASES, "IS EXPECTED TO"),
    (FUTURE_PHRASES, "They Were About To leave"),
    (FUTURE_PHRASES, "she hopes to have"),
    (FUTURE_PHRASES, "we had hoped to"),
    (FUTURE_PHRASES, "ıs set to"),
    (FUTURE_PHRASES, "İS LİKELY TO"),
    (FUTURE_PHRASES, "it haſ to"),
    (FUTURE_PHRASES, "they have to"),
    (_HABITUAL, "it usually snows"),
    (_HABITUAL, "TYPİCALLY"),
    (_HABITUAL, "uſually"),
    (_HABITUAL, "Traditionally"),
    (_HABITUAL, "they often go"),
    (_HABITUAL, "SELDOM"),
    (_HABITUAL, "ſeldom"),
    (_HABITUAL, "it rarely rains"),
    (_HABITUAL, "frequently"),
    (_HABITUAL, "tends to"),
    (_HABITUAL, "tendſ to"),
    (_HABITUAL, "they tend to"),
    (_HABITUAL, "tended to"),
    (_HABITUAL, "GENERALLY"),
    (_REPORTED_THAT, "he said that on "),
    (_REPORTED_THAT, "SAİD THAT "),
    (_REPORTED_THAT, "told reporters that\n"),
    (_REPORTED_THAT, "predicted That "),
    (_SOON, "set aflame as soon as "),
    (_SOON, "AS EARLY AS"),
    (_SOON, "aſ ſoon aſ "),
    (_SOON, "Come "),
    (_SOON, "he said . COME\n"),
    (_HABIT_DAY, "his usual "),
    (_HABIT_DAY, "uſual "),
    (_HABIT_DAY, "the REGULAR "),
    (_HABIT_DAY, "the weekly "),
    (_HABIT_DAY, "the weeKly "),
    (_HABIT_DAY, "cuſtomary "),
    (_HABIT_DAY, "TRADİTİONAL\n"),
    (_SINCE, "missing since "),
    (_SINCE, "SİNCE THE "),
    (_SINCE, "ſınce the\n"),
    (_SUPPOSED_DONE, "are expected to have died in "),
    (_SUPPOSED_DONE, "WERE FEARED TO HAVE LOST "),
    (_SUPPOSED_DONE, "is thought to 've left "),
    (_AS_OF, "$ 3.6 billion as of "),
    (_AS_OF, "AS OF LATE "),
    (_AS_OF, "aſ of\n"),
    (_AS_OF, "missing since early "),
    (_AS_OF, "SİNCE "),
    (_AS_OF, "since the blast about 10 p.m. CDT "),
]
# Texts without a match, with or without a needle: the search is the judge either way.
UNMATCHED = [
    "the usual time",
    "a plan to",
    "said the minister",
    "the rally",
    "",
]


@pytest.mark.parametrize(("search", "text"), MATCHED)
def test_a_match_holds_a_needle(search: re.Pattern[str], text: str) -> None:
    assert search.search(text) is not None
    needles = next(n for s, n in SEARCHES if s is search)
    assert may_hold(text, needles)


@pytest.mark.parametrize("text", UNMATCHED)
@pytest.mark.parametrize(("search", "needles"), SEARCHES)
def test_no_needle_no_match(search: re.Pattern[str], needles: tuple[str, ...], text: str) -> None:
    assert may_hold(text, needles) or search.search(text) is None


def test_needles_avoid_the_letters_case_blindness_widens() -> None:
    assert not any(set(n) & set("iks") for _, needles in SEARCHES for n in needles)


@pytest.mark.parametrize(
    "letter", sorted({c for _, needles in SEARCHES for n in needles for c in n if c.isalpha()})
)
def test_case_blind_letter_is_that_letter_lowered(letter: str) -> None:
    # every character a case-blind search takes for the letter lowers to the letter alone
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    for found in re.finditer(letter, everything, re.IGNORECASE):
        assert found[0].lower() == letter


# (quick test, its search, text before a weekday, whether the search finds something): the
# searches that heed case, tried only on texts holding the words every match holds
CASE_HEEDING = [
    (_deadline, _DEADLINE, "oil could reach the island by ", True),
    (_deadline, _DEADLINE, "it may be over by late on ", True),
    (_deadline, _DEADLINE, "they might finish by early ", True),
    (_deadline, _DEADLINE, "they might not finish by ", False),
    (_deadline, _DEADLINE, "could make it worse , and by ", False),
    (_deadline, _DEADLINE, "oil reached the island by ", False),
    (_deadline, _DEADLINE, "it Could reach the island by ", False),
    (_deadline, _DEADLINE, "the fire could spread ", False),
    (_deadline, _DEADLINE, "", False),
    (_to_begin, _TO_BEGIN, "an operation to begin late ", True),
    (_to_begin, _TO_BEGIN, "the hearing to resume on ", True),
    (_to_begin, _TO_BEGIN, "a meeting to take place ", True),
    (_to_begin, _TO_BEGIN, "talks to end early on ", True),
    (_to_begin, _TO_BEGIN, "began to close on ", False),
    (_to_begin, _TO_BEGIN, "the last ship to arrive on ", False),
    (_to_begin, _TO_BEGIN, "an operation To begin ", False),
    (_to_begin, _TO_BEGIN, "an operation to BEGIN ", False),
    (_to_begin, _TO_BEGIN, "a plan to start work on ", False),
    (_to_begin, _TO_BEGIN, "", False),
]


@pytest.mark.parametrize(("quick", "search", "before", "expected"), CASE_HEEDING)
def test_case_heeding_search_as_its_quick_test(
    quick: Callable[[str], bool], search: re.Pattern[str], before: str, expected: bool
) -> None:
    assert quick(before) is expected
    assert (search.search(before) is not None) is expected
