"""Where to look: the stretches of a text near the words a rule's expressions must contain.

Running each rule over a whole text costs the same at every position, and most of a news text
holds no time at all. Every expression a rule knows contains a *trigger* of some kind: a digit,
a month name, a weekday, a unit word ("year", "quarter"), a season ... Each rule names the kinds
it needs (in :mod:`newsline.temporal.rules`); one pass over the text finds every trigger, and a
rule then runs only over windows around the triggers of its kinds, wide enough for the longest
expression and cut at whitespace so that word boundaries stay true. The narrower a rule's kinds
("ago" rather than any unit word, a four-digit year rather than any number), the less text it
scans: a kind may name a word only when every match of the rule holds that word whole.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from newsline.temporal.lexicon import (
    DAY_PARTS,
    FREQUENCIES,
    MONTHS,
    SEASONS,
    UNITS,
    WEEKDAYS,
    fold,
)
from newsline.temporal.patterns import YEAR, trie

_UNIT_WORDS = [*UNITS, *(f"{u}s" for u in UNITS), "centuries", "half", "period", "periods"]

#: Trigger words by kind; "digit" is any run of digits.
KINDS: dict[str, list[str]] = {
    "month": list(MONTHS),
    "weekday": list(WEEKDAYS),
    "unit": _UNIT_WORDS,
    "season": list(SEASONS),
    "daypart": list(DAY_PARTS),
    "frequency": [*FREQUENCIES, "each", "every", "per"],
    "spelled": "nineteen eighteen thousand twenties thirties forties fifties sixties "
    "seventies eighties nineties".split(),
    "deictic": "today yesterday tomorrow tonight now currently nowadays recently recent future "
    "past term ahead coming these".split(),
    "holiday": "christmas boxing new halloween valentine's valentine fourth may april st "
    "patrick's armistice veterans".split(),
    "ago": ["ago"],
    "century": ["century"],
    "half": ["half"],
    "quarter": ["quarter", "q"],  # "Q3" is the words "q" and "3"
    "few": ["few"],
    "weekend": ["weekend"],
    "unitword": _UNIT_WORDS[:-3],  # a unit a number counts: not "half", "period(s)"
    "units": "years months weeks days decades centuries hours minutes".split(),
    "nth": ["st", "nd", "rd", "th"],  # "5th" is the words "5" and "th"
    "ampm": ["am", "pm", "m", "midmorning", "midafternoon", "midevening"],  # "a.m." holds "m"
    "zone": "gmt utc bst cet cest est edt pst pdt local hrs h".split(),
}
#: Kinds of digit runs besides "digit" (any run): a year the rules read ("1998", "2023") and
#: the digits of a decade ("1990" of "1990s", "90" of "'90s").
DIGIT_KINDS = {"year": re.compile(YEAR), "decade": re.compile(r"1\d{2}0|20\d0|\d0")}
_WORD = re.compile(r"\d+|[^\W\d_]+(?:'s)?")


def _kinds_of_words() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for kind, words in KINDS.items():
        for word in words:
            table.setdefault(word, []).append(kind)
    return {word: tuple(kinds) for word, kinds in table.items()}


_KINDS_OF = _kinds_of_words()


def _kinds_of_digits() -> dict[str, tuple[str, ...]]:
    """The kinds of every run of one to four ASCII digits; a longer one is only a "digit"."""
    runs = [f"{n:0{width}d}" for width in range(1, 5) for n in range(10**width)]
    return {
        run: ("digit", *(kind for kind, digits in DIGIT_KINDS.items() if digits.fullmatch(run)))
        for run in runs
    }


#: Words and ASCII digit runs to their kinds, for :func:`triggers` in lowercase ASCII text.
_KINDS_OF_LOWER = {**_KINDS_OF, **_kinds_of_digits()}
_LONG_DIGITS = ("digit",)
MARGIN = 90  # characters each side of a trigger: more than the longest expression reaches


def _next_trigger() -> re.Pattern[str]:
    """The next trigger of a lowercase ASCII text from a word's start (``match``, not
    ``search``): the words before it are read as the word split does (``\\d+|[a-z]+(?:'s)?``),
    each whole, and skipped; then the trigger, in group ``t``: a digit run, a trigger word that
    is all its letters (with a "'s" after it, which the word split keeps), or a trigger word
    ending in "'s" whose letters alone are none. A trigger is then looked up as the word split's
    word is. (A table word of other characters is never a word of the split.)"""
    plain = trie(w for w in _KINDS_OF if re.fullmatch("[a-z]+", w))
    owned = [w for w in _KINDS_OF if re.fullmatch("[a-z]+'s", w) and w[:-2] not in _KINDS_OF]
    word = f"(?:{plain})(?![a-z])" + (f"|{trie(owned)}" if owned else "")
    trigger = rf"[0-9]++|(?:{plain})(?![a-z])(?:'s|)" + (f"|{trie(owned)}" if owned else "")
    # Possessive: a word skipped is never cut short to look for a trigger inside it. ("(?:'s|)",
    # not "(?:'s)?": the same, without a repeat's allocation at every word.) One turn of the
    # loop skips a word and the non-letters before it, not either alone: the same text skipped
    # (the words and the runs between them alternate), in half the turns of the loop.
    # ASCII-only, "[0-9]" for "\d": the text is ASCII, where both are the ten digits, but a
    # Unicode "\d" asks the Unicode tables of every character a class holding it is tried on,
    # and a class of ranges alone is one bit looked up.
    return re.compile(
        rf"(?:[^a-z0-9]*+(?!{word})[a-z]++(?:'s|))*+[^a-z0-9]*+(?P<t>{trigger})", re.ASCII
    )


_NEXT_TRIGGER = _next_trigger()


def triggers(text: str, lowered: str | None = None) -> dict[str, list[int]]:
    """Positions of the triggers in ``text``, by kind. ``lowered``: ``text.lower()``, when the
    caller has it (lowercasing a text twice costs a copy of it)."""
    if not text.isascii() or "'S" in text:
        return _triggers_by_word(text)
    # The same words, read from the text in lowercase, where the regex engine skips the words
    # that are no trigger: only a trigger costs a step in Python.
    found: dict[str, list[int]] = {}
    kinds_of = _KINDS_OF_LOWER.get
    after = _NEXT_TRIGGER.match
    if lowered is None:
        lowered = text.lower()
    at = 0
    while (match := after(lowered, at)) is not None:
        at = match.end()
        word = match["t"]
        kinds = kinds_of(word)
        if kinds is None:  # a long digit run, or a word and its "'s"
            kinds = _LONG_DIGITS if word[0] < "a" else kinds_of(word[:-2])
        for kind in kinds or ():
            found.setdefault(kind, []).append(match.start("t"))
    return found


def _triggers_by_word(text: str) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    kinds_of = _KINDS_OF
    for match in _WORD.finditer(text):
        word = match.group()
        if word[0].isdigit():
            _add_digits(found, word, match.start())
            continue
        word = word.lower() if word.isascii() else fold(word)
        kinds = kinds_of.get(word)
        if kinds is None and word.endswith("'s"):
            kinds = kinds_of.get(word[:-2])
        for kind in kinds or ():
            found.setdefault(kind, []).append(match.start())
    return found


def _add_digits(found: dict[str, list[int]], word: str, start: int) -> None:
    found.setdefault("digit", []).append(start)
    for kind, digits in DIGIT_KINDS.items():
        if digits.fullmatch(word):
            found.setdefault(kind, []).append(start)


def windows(
    text: str, found: dict[str, list[int]], kinds: Sequence[str], margin: int = MARGIN
) -> list[tuple[int, int]]:
    """Merged (start, end) spans of ``text`` around the triggers of ``kinds``."""
    if len(kinds) == 1:  # triggers() lists each kind's positions in order
        positions: Sequence[int] = found.get(kinds[0], ())
    else:
        positions = sorted(p for kind in kinds for p in found.get(kind, ()))
    spans: list[tuple[int, int]] = []
    if not positions:
        return spans
    if len(text) <= margin:  # most paragraphs: every window is the whole text
        return [(0, len(text))]
    left_of, right_of = (_left, _right) if "\n" in text else (_left_space, _right_space)
    if len(positions) == 1:  # one trigger: its window alone (the loop below, unrolled)
        pos = positions[0]
        return [(left_of(text, pos - margin), right_of(text, pos + margin))]
    start = end = -1  # the span being grown
    for pos in positions:
        if pos + margin <= end:
            continue
        left, right = left_of(text, pos - margin), right_of(text, pos + margin)
        if left <= end:
            end = right
        else:
            if end >= 0:
                spans.append((start, end))
            start, end = left, right
    spans.append((start, end))
    return spans


def cut_after_last(
    text: str, found: dict[str, list[int]], kinds: Sequence[str], spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The ``spans`` (:func:`windows` of ``kinds``) each ended at the whitespace after the word
    of its last trigger: where a rule whose matches end with a trigger word can end one."""
    if len(kinds) == 1:
        positions: Sequence[int] = found.get(kinds[0], ())
    else:
        positions = sorted(p for kind in kinds for p in found.get(kind, ()))
    right_of = _right if "\n" in text else _right_space
    cut = []
    for lo, hi in spans:
        last = positions[bisect_left(positions, hi) - 1]  # every span holds a trigger
        cut.append((lo, min(hi, right_of(text, last + 1))))
    return cut


def _left(text: str, pos: int) -> int:
    if pos <= 0:
        return 0
    space = text.rfind(" ", 0, pos)
    return max(space, text.rfind("\n", space + 1, pos)) + 1


def _right(text: str, pos: int) -> int:
    end = len(text)
    if pos >= end:
        return end
    space = text.find(" ", pos)
    if space >= 0:
        end = space
    newline = text.find("\n", pos, end)
    return end if newline < 0 else newline


def _left_space(text: str, pos: int) -> int:
    """:func:`_left` of a text without a newline (most paragraphs): one search, not two (the
    one for a newline would find none; a bounded search costs its arguments' parsing)."""
    return 0 if pos <= 0 else text.rfind(" ", 0, pos) + 1


def _right_space(text: str, pos: int) -> int:
    """:func:`_right` of a text without a newline: one search, not two."""
    if pos >= len(text):
        return len(text)
    space = text.find(" ", pos)
    return len(text) if space < 0 else space
