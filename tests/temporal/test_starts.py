"""A pattern found from its first characters must find what a search for it finds."""

from __future__ import annotations

import re
from re import _parser as sp  # type: ignore[attr-defined]

import pytest

from newsline.temporal import starts
from newsline.temporal.rules import RULES
from newsline.temporal.starts import finder, first_chars, matches
from tests.temporal.test_windows import _FILLER, TEXTS

_A = re.ASCII


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bab|c", "ac"),
        (r"(?:the\s+|)x", "tx"),
        (r"(?P<lead>\bin\s+)?(?=\d)\d{4}", "i0123456789"),
        (r"a*b", "ab"),
        (
            r"[^\w\s]",
            "".join(
                sorted(
                    {chr(c) for c in range(128)}
                    - set(
                        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_ \t\n\r\f\v"
                    )
                )
            ),
        ),
        (r"(?<!\d)\d+(?:st|nd)", "0123456789"),
        (r"a++|(?>b)c", "ab"),
    ],
)
def test_first_chars(pattern: str, expected: str) -> None:
    assert first_chars(pattern, _A) == frozenset(expected)


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r"a?", _A),  # may match the empty string
        (r"\b(?:x|)", _A),
        (r"(a)b\1", _A),  # a reference the extra group would renumber
        (r"(a)?(?(1)b|c)", _A),
        (r"(?i:a)b", _A),  # a flag inside
        (r"ab", _A | re.IGNORECASE),
        (r"ab", 0),  # beyond ASCII
    ],
)
def test_first_chars_refuses(pattern: str, flags: int) -> None:
    assert first_chars(pattern, flags) is None
    assert finder(re.compile(pattern, flags)) is None


@pytest.mark.parametrize(
    ("pattern", "text", "after"),
    [
        ("aa", "aaaaa aa", False),  # a search resumes after its match: (0, 2), (2, 4), (6, 8)
        (r"\ba\w*", "banana a apple xa", True),  # opens a word: tried after a non-word only
        (r"(?:\bx|\b(?:y|)z)\w", "xa zb yzc -xd yyz xx", True),  # every branch meets \b first
        (r"(?:\bx|z)\w", "xa zb yzc", False),  # "z" may start inside a word
        (r"\b'?s", "'s x's s", False),  # "'" is no word character
        (r"(?:x\s*)*\by", "x y xy xxy", False),  # a repeat before \b is not followed
        (r"(?:x|xy)z?", "xyz xz xxyz", False),
        (r"\d+(?=\s)", "12 345 6", False),  # the end of the text is endpos's: no "6"
        (r"\b\d+(?=\s)", "12 345 6", True),
        (r"(?<=\s)b", "a b\tb", False),  # a look-behind sees the text before the window
        # the "after" finder's look-ahead on a match's first two characters (_pairs_pattern):
        (r"\b[ab]", "a b ab ba c", True),  # a match of one character, at a window's end too
        (r"\b\d{1,2}\b", "1 22 333 4", True),
        (r"\b(?:ab)+c", "abc ababc abac ac", True),  # a repeat's second turn
        (r"\b(?:x\s+|)y\w", "x yz xy yy x  y", True),  # an optional group, then the rest
        (r"\b(?:a|ab|)c", "c ac abc bc", True),  # an empty alternative
        (r"\b(?:a\s*)*b", "b a b aab a  a b", True),  # a repeat that may be empty
        (r"\b(?:the\s+)?(?:mid-?|late\s+)?day", "the day the midday late day mid-day", True),
    ],
)
def test_matches_are_a_search_s(pattern: str, text: str, after: bool) -> None:
    plain = re.compile(pattern, _A)
    found = finder(plain)
    assert found is not None
    assert found.after == after
    for lo in range(len(text)):
        for hi in range(lo + 1, len(text) + 1):
            expected = [m.span() for m in plain.finditer(text, lo, hi)]
            assert list(matches(found, text, lo, hi)) == expected, (lo, hi)


def test_every_rule_is_found_by_first_chars() -> None:
    assert all(rule.by_first() is not None for rule in RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_rules_found_by_first_chars_as_searched(rule) -> None:  # type: ignore[no-untyped-def]
    # the tagger's windows start and end anywhere: try a few of each text
    found = rule.by_first()
    texts = [t.lower() for t in [*TEXTS, _FILLER + "in early March 2011, at 10:30 gmt"]]
    for text in (t for t in texts if t.isascii()):
        for lo, hi in [(0, len(text)), (3, len(text) - 2), (len(text) // 3, len(text))]:
            expected = [m.span() for m in rule.lower.finditer(text, lo, hi)]
            assert list(matches(found, text, lo, hi)) == expected


@pytest.mark.parametrize(
    ("pattern", "pairs"),
    [
        (r"\bab", "(?=[a][b])"),
        (r"\b[ab]", "(?=[ab])"),  # may end after one character: no second one asked
        (r"\b(?:x\s+|)y", "(?=[x]" + starts._chars(frozenset(" \t\n\x0b\x0c\r")) + "|[y])"),
        (r"\b(?:ab)+", "(?=[a][b])"),
        (r"\ba+b", "(?=[a][ab])"),  # a repeat's second turn, or what follows it
        (r"\b\d{1,2}\b", "(?=[0123456789])"),  # one set of first characters, one branch
    ],
)
def test_pairs_of_a_pattern(pattern: str, pairs: str) -> None:
    parsed = list(sp.parse(pattern, _A))
    assert starts._pairs_pattern(parsed) == pairs


@pytest.mark.parametrize(
    "pattern",
    [
        r"a(?m)b",  # a global flag not at the start: wrapped, it would not compile
        r"(?x)ab # a closing comment",  # verbose: the wrapping's brackets would be commented out
        r"[–—]x",  # only characters beyond ASCII open a match
    ],
)
def test_finder_refuses_what_it_cannot_wrap(pattern: str) -> None:
    try:
        compiled = re.compile(pattern, re.ASCII)
    except re.error:  # (a global flag after the start is refused by re itself on newer Pythons)
        pytest.skip("re refuses the pattern itself")
    assert finder(compiled) is None
