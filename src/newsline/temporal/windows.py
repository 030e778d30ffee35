"""Where to look: the stretches of a text near the words a rule's expressions must contain.

Running each rule over a whole text costs the same at every position, and most of a news text
holds no time at all. Every expression a rule knows contains a *trigger* of some kind: a digit,
a month name, a weekday, a unit word ("year", "quarter"), a season ... Each rule names the kinds
it needs (in :mod:`newsline.temporal.rules`); one pass over the text finds every trigger, and a
rule then runs only over windows around the triggers of its kinds, wide enough for the longest
expression and cut at whitespace so that word boundaries stay true.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsline.temporal.lexicon import (
    DAY_PARTS,
    FREQUENCIES,
    MONTHS,
    SEASONS,
    UNITS,
    WEEKDAYS,
    fold,
)

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
}
_WORD = re.compile(r"\d+|[^\W\d_]+(?:'s)?")


def _kinds_of_words() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for kind, words in KINDS.items():
        for word in words:
            table.setdefault(word, []).append(kind)
    return {word: tuple(kinds) for word, kinds in table.items()}


_KINDS_OF = _kinds_of_words()
MARGIN = 90  # characters each side of a trigger: more than the longest expression reaches


def triggers(text: str) -> dict[str, list[int]]:
    """Positions of the triggers in ``text``, by kind."""
    found: dict[str, list[int]] = {}
    for match in _WORD.finditer(text):
        word = match.group()
        if word[0].isdigit():
            found.setdefault("digit", []).append(match.start())
            continue
        word = word.lower() if word.isascii() else fold(word)
        for kind in _KINDS_OF.get(word) or _KINDS_OF.get(word.removesuffix("'s"), ()):
            found.setdefault(kind, []).append(match.start())
    return found


def windows(
    text: str, found: dict[str, list[int]], kinds: Iterable[str], margin: int = MARGIN
) -> list[tuple[int, int]]:
    """Merged (start, end) spans of ``text`` around the triggers of ``kinds``."""
    positions = sorted(p for kind in kinds for p in found.get(kind, ()))
    spans: list[tuple[int, int]] = []
    for pos in positions:
        if spans and pos + margin <= spans[-1][1]:
            continue
        start, end = _left(text, pos - margin), _right(text, pos + margin)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _left(text: str, pos: int) -> int:
    if pos <= 0:
        return 0
    return max(text.rfind(" ", 0, pos), text.rfind("\n", 0, pos)) + 1


def _right(text: str, pos: int) -> int:
    if pos >= len(text):
        return len(text)
    found = [i for i in (text.find(" ", pos), text.find("\n", pos)) if i != -1]
    return min(found) if found else len(text)
