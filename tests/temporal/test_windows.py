"""Windows around trigger words must find exactly what a scan of the whole text finds."""

from __future__ import annotations

import re
from datetime import date

import pytest

from newsline.evaluate.timeml import read_timeml, timeml_files
from newsline.temporal import Tagger, tagger
from newsline.temporal import windows as windows_module
from newsline.temporal.absolute import MOD_WORDS
from newsline.temporal.lexicon import HOLIDAYS, ORDINAL_WORDS
from newsline.temporal.patterns import lowercase, optional_as_branch
from newsline.temporal.rules import MUST_KINDS, MUST_WORDS, RULES, TRIGGER_KINDS, plain
from newsline.temporal.windows import (
    DIGIT_KINDS,
    KINDS,
    _triggers_by_word,
    cut_after_last,
    triggers,
    windows,
)
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


def test_every_must_kind_is_a_trigger_kind() -> None:
    assert {k for kinds in MUST_KINDS.values() for k in kinds} <= {*KINDS, *DIGIT_KINDS, "digit"}
    assert set(MUST_KINDS) | set(MUST_WORDS) <= set(TRIGGER_KINDS)


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("month_day", ORDINAL_WORDS),
        ("day_month", ORDINAL_WORDS),
        ("holiday", HOLIDAYS),
        ("unit_part", MOD_WORDS),
    ],
)
def test_must_words_are_in_every_word_a_rule_reads(rule: str, words: dict[str, object]) -> None:
    for word in words:
        assert any(must in word for must in MUST_WORDS[rule]), word


@pytest.mark.parametrize(
    "text",
    [
        "The vote is at 10:30 GMT on Monday; the count at 1530h and again at 09.45 UTC.",
        "He left at 9 a.m. and came back by 11pm, then at midafternoon and at midnight.",
        "On May 5th, 2011 and on the 3rd they met; May first was quiet; the 21st of June too.",
        "Dates 2011/05/06, 5/6/2011 and 06.05.2011, years 1990-95, the 1980s and the sixties.",
        "Christmas Eve, St. Patrick's Day, New Year's Eve and the Fourth of July 2012.",
        "Early this year, at year-end, in the second half of the year, mid-to-late last month.",
        "Two years later, a week earlier, the following day, that same week, the year-ago quarter.",
        "For years, over decades, within months; the weekend, last weekend, this coming weekend.",
        "TODAY'S vote, yesterday morning, the day after tomorrow, ſunday 5 ſeptember 2011.",
    ],
)
def test_windows_skipped_for_must_words_lose_nothing(text: str) -> None:
    anchor = date(2011, 9, 12)
    assert Tagger().tag(text, anchor) == Tagger(windowed=False).tag(text, anchor)
    assert Tagger().tag(text, anchor)


_FILLER = "The council met again and nothing of note was said by anyone present at the time. "


@pytest.mark.parametrize(
    "text",
    [
        _FILLER + "It lasted two years-long and then three more weeks, ending last Monday.",
        _FILLER + "In early March. The 1990s's end, the 21st century; the weekend.\nFriday",
        _FILLER + "Some five years ago-ish, in 1999, next May, on Tues. and two days\tlater",
        "in March " + _FILLER + "for six weeks " + _FILLER + "in 2011 " + _FILLER,
        "In the 1950s and Elvis'sixties.",  # "sixties" no trigger of its own (read "elvis's")
        _FILLER + "It was the 1950s, and then it'seventies music everywhere.",
    ],
)
def test_windows_ended_after_the_last_trigger_lose_nothing(text: str) -> None:
    # rules.ENDS_AT_TRIGGER: their windows end at the whitespace after the last trigger word
    anchor = date(2011, 9, 12)
    assert Tagger().tag(text, anchor) == Tagger(windowed=False).tag(text, anchor)
    assert Tagger().tag(text, anchor)


def test_lowercase_patterns_keep_escapes_and_groups() -> None:
    for rule in RULES:
        assert rule.lower.groupindex == rule.pattern.groupindex
        assert rule.lower.flags & re.IGNORECASE == 0
    assert lowercase(r"(?P<Year>GMT)\S+\b(?:EST)") == r"(?P<year>gmt)\S+\b(?:est)"


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\b(?:the\s+)?x", r"\b(?:the\s+|)x"),
        (r"(?P<m>a|b)?x", r"(?:(?P<m>a|b)|)x"),
        (r"(?:a(?:b)?)?c", r"(?:a(?:b|)|)c"),
        (r"a(?:b)??c", r"a(?:b)??c"),  # lazy: left alone
        (r"a\?+b", r"a\?+b"),  # an escaped "?" repeated is no possessive
        (r"a(?=b)?(?!c)?", r"a(?=b)?(?!c)?"),  # look-arounds too
        (r"[(]?[]?)]?\(a\)?", r"[(]?[]?)]?\(a\)?"),  # classes and escapes are no groups
        (r"(x)*(y)+(z){2}", r"(x)*(y)+(z){2}"),
    ],
)
def test_optional_groups_become_alternations(pattern: str, expected: str) -> None:
    assert optional_as_branch(pattern) == expected


@pytest.mark.parametrize(
    "pattern", [r"a(?:c)?+d", r"(?:(a)?b)*+", r"(?:(a)?)++b", r"a{2}+", r"(?>(a)?b)"]
)
def test_possessive_and_atomic_patterns_are_refused(pattern: str) -> None:
    # there an alternation does not capture as the optional group does (review of h-ev9:
    # r"(?:(a)?)*+b" on "ab" captures "a", written as an alternation "")
    with pytest.raises(ValueError, match="possessive or atomic"):
        optional_as_branch(pattern)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_lower_patterns_match_as_the_lowercased_ones(rule) -> None:  # type: ignore[no-untyped-def]
    # optional groups as alternations, compiled ASCII-only: the same matches, the same groups
    plain_lower = re.compile(lowercase(rule.pattern.pattern))
    for text in [t.lower() for t in TEXTS if t.isascii()]:
        found = [(m.span(), m.groups()) for m in rule.lower.finditer(text)]
        assert found == [(m.span(), m.groups()) for m in plain_lower.finditer(text)]


def test_ascii_patterns_are_the_unicode_ones_compiled_ascii_only() -> None:
    for rule in RULES:
        assert rule.ascii_pattern.pattern == rule.pattern.pattern
        assert rule.ascii_pattern.flags & (re.IGNORECASE | re.ASCII) == re.IGNORECASE | re.ASCII
        assert rule.lower.flags & re.ASCII
        assert not rule.unicode_lower().flags & re.ASCII
        assert rule.unicode_lower().pattern == rule.lower.pattern


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Unicode's \s matches the separators \x1c-\x1f, ASCII's does not: such a text is
        # matched with the Unicode patterns, as before
        ("Talks resume on March\x1c3, 2014.", [("March\x1c3, 2014", "2014-03-03")]),
        ("He left at 10:30\x1dGMT on Monday.", [("10:30\x1dGMT on Monday", "2014-02-24T10:30")]),
        ("Talks resume on March 3, 2014.", [("March 3, 2014", "2014-03-03")]),
        ("He left at 10:30 GMT on Monday.", [("10:30 GMT on Monday", "2014-02-24T10:30")]),
    ],
)
def test_ascii_text_with_a_separator_is_matched_as_unicode_reads_it(
    text: str, expected: list[tuple[str, str]]
) -> None:
    anchor = date(2014, 3, 1)
    assert plain(text) == ("\x1c" not in text and "\x1d" not in text)
    assert [(m.text, m.value) for m in Tagger().tag(text, anchor)] == expected
    assert Tagger().tag(text, anchor) == Tagger(windowed=False).tag(text, anchor)


@pytest.mark.parametrize(
    "text",
    ["", "plain text", "\x1c", "a\x1db", "x\x1e", "\x1fy", "\x1b\x20 \x7f", "\x1c\x1f both"],
)
def test_plain_is_a_search_for_the_separators(text: str) -> None:
    # plain() looks for each separator with "in", not with the class [\x1c-\x1f]
    assert plain(text) == (re.search(r"[\x1c-\x1f]", text) is None)


@pytest.mark.parametrize(
    "text",
    [
        "it's TODAY'S vote",  # "'S" is no part of a word: the text is read word by word
        "today'snow, 5th's, Valentine's Day, St. Patrick's Day, a.m. and 10:30 GMT",
        "Café owners met on Monday, 5 March 2011",  # beyond ASCII
        # _NEXT_TRIGGER skips a word and the non-letters before it in one turn of its loop
        "",
        "no trigger at all, nothing.",
        "  -- 5th of May, 1990s & '90s; Q3 2011?! x's's year, Elvis'sixties ...",
        "St Patrick's Day, patrick'sx, Valentine's, new years eve;2011/05/06 12:30GMT",
        "ends with a trigger word: today",
        "ends with separators after one: 2011 ,.;  ",
        "12345678 0000 19th-century 2,000 days' time, the years'",
    ],
)
def test_triggers_of_a_lowercased_text_are_those_word_by_word(text: str) -> None:
    assert triggers(text) == _triggers_by_word(text)


def _every_window_candidates(text: str) -> list[object]:
    """The candidates of :func:`tagger._candidates` as it found them before its per-kinds
    steps (:func:`tagger._steps`): every rule with a trigger, every window of it checked."""
    found: list[tagger._Candidate] = []
    hits = triggers(text)
    lowered = text.lower() if text.isascii() else None
    ranks = {rank for kind in hits for rank in tagger._RANKS_OF_KIND.get(kind, ())}
    for rank in sorted(ranks):
        rule = RULES[rank]
        spans = windows(text, hits, rule.kinds)
        if rule.ends_at_trigger and lowered is not None:
            spans = cut_after_last(text, hits, rule.kinds, spans)
        if rule.must_text is not None:
            spans = [(lo, hi) for lo, hi in spans if rule.must_text.search(text, lo, hi)]
        for lo, hi in spans:
            if not (rule.must_kinds or rule.must_words) or tagger._may_match(
                rule, hits, lowered, lo, hi
            ):
                tagger._scan(text, lowered, rule, rank, (lo, hi), found, plain(text))
    return list(found)


@pytest.mark.parametrize(
    "text",
    [
        *TEXTS,
        _FILLER * 3 + "Later that year, in March, the 1990s " + _FILLER * 2 + "two weeks ago",
        "in March " + _FILLER * 2 + "the following year " + _FILLER * 2 + "at 10:30 GMT",
        _FILLER + "on the 21st, the first of May, the twentieth " + _FILLER + "Monday 5 May",
        "no must word here: 2011 and 12 and May " + _FILLER * 2 + "by 14:00",
        "Café owners met on Monday, 5 March 2011, then a year later at 10:30 GMT",
        "ſunday 5 ſeptember 2011 and the ſame week " + _FILLER,
        "TODAY'S vote, yesterday morning, the day after tomorrow",
    ],
)
def test_rules_skipped_per_text_lose_nothing(text: str) -> None:
    # _steps drops a rule none of whose must kinds is a trigger kind of the text and which has
    # no must words; _names_any one whose must words are nowhere in the text: no window of
    # theirs would pass _may_match, so the candidates are those of every window checked
    assert tagger._candidates(text) == _every_window_candidates(text)


def _steps_made_afresh(kinds: frozenset[str]) -> list[tuple[object, ...]]:
    """:func:`tagger._steps` as it was before its steps were made once per rule (_step)."""
    made = []
    for rank in sorted({rank for kind in kinds for rank in tagger._RANKS_OF_KIND.get(kind, ())}):
        rule = RULES[rank]
        near = any(kind in kinds for kind in rule.must_kinds)
        if rule.must_kinds and not near and not rule.must_words:
            continue
        checked = bool(rule.must_kinds or rule.must_words)
        made.append((rank, rule, tagger._SPANS_OF_RULE[rank], checked, near, rule.by_first()))
    return made


@pytest.mark.parametrize(
    "kinds",
    [
        set(),  # no trigger: no step
        {"no such kind"},
        {"month"},  # rules needing a year (a must kind, no must words) dropped
        {"month", "year"},  # ... kept, near
        {"digit"},  # numeric_date: a must kind absent but must words: kept, not near
        {"digit", "zone", "year"},
        {"unit", "daypart", "deictic"},
        set(tagger._RANKS_OF_KIND),  # every kind
    ],
)
def test_steps_are_those_made_for_the_kinds_afresh(kinds: set[str]) -> None:
    # _steps takes each rule's step from _step (two a rule: near or not), not made anew
    steps = tagger._steps(frozenset(kinds))
    assert [tuple(step) for step in steps] == _steps_made_afresh(frozenset(kinds))


@pytest.mark.parametrize(
    "text",
    ["", "x", " ", "one two  three", "  lead and trail  ", "a" * 30, "tab\tis no space here"],
)
def test_window_ends_of_a_text_without_newline(text: str) -> None:
    # windows._left_space and _right_space: _left and _right without the newline search
    for pos in range(-3, len(text) + 3):
        assert windows_module._left_space(text, pos) == windows_module._left(text, pos)
        assert windows_module._right_space(text, pos) == windows_module._right(text, pos)


def test_scan_with_the_finder_given_is_the_scan_that_asks_for_it() -> None:
    # _candidates hands _scan the rule's finder from its _steps, not asked again per window
    text = "On Monday, March 3, 2014 at 10:30 GMT, two weeks ago, the 1990s and 5/6/2011."
    for rank, rule in enumerate(RULES):
        asked: list[object] = []
        given: list[object] = []
        tagger._scan(text, text.lower(), rule, rank, (0, len(text)), asked, True)
        tagger._scan(text, text.lower(), rule, rank, (0, len(text)), given, True, rule.by_first())
        assert asked == given


@pytest.mark.parametrize(
    "text",
    [
        "Talks on 2011-05-06 and 5/6/2011, 1990 to 1995, 1990-95 and 3.4.2011",
        "JANUARY, jan, Jan, jAn, Sunday, SUN, sun, Thursday, tHu, Sat and Satur",
        "no digits here at all, only words and spaces and tabs\tand\nlines",
        "1990   through\t1995, 1990and1995, 19 TO 20, 7-08-3",
    ],
)
def test_must_text_ascii_only_as_unicode_in_a_plain_text(text: str) -> None:
    # _spans searches a plain ASCII text with rule.ascii_must_text: the same places
    assert plain(text)
    for rule in RULES:
        if rule.must_text is None:
            continue
        assert rule.ascii_must_text is not None
        for lo in range(len(text)):
            for hi in (lo + 1, lo + 7, len(text)):
                unicode = rule.must_text.search(text, lo, hi)
                ascii_only = rule.ascii_must_text.search(text, lo, hi)
                assert (unicode and unicode.span()) == (ascii_only and ascii_only.span())
