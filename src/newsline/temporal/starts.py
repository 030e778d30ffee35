"""Where a rule's matches can start: its lowercase pattern found from its first characters.

A regex search tries the pattern at every position of a window. When the pattern opens with a
character class, the ``re`` engine first skips, in a tight loop, every position whose character
is not in it; when it opens with anything else (``\\b``, an optional group, a group of
alternatives: every rule of the tagger), each position costs a full match attempt, most of
which fail at once. :func:`first_chars` reads from a pattern the characters its matches can
start with, and :func:`by_first_char` writes the pattern so that the engine can skip the other
positions: ``[F](?<=(?=(?P<whole_>P))[F])`` matches the one character at each place where
``P`` matches (its first, in ``F``), the match of ``P`` there in group ``whole_``. The tagger
keeps of those the ones a search for ``P`` finds (:func:`matches`), in a third of the cost.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as sc  # type: ignore[attr-defined]
from re import _parser as sp  # type: ignore[attr-defined]
from typing import Any

#: The group of :func:`by_first_char`'s pattern holding the match of the rule's own.
WHOLE = "whole_"
_ALL = frozenset(chr(code) for code in range(128))  # ASCII: the text the patterns are for
_CATEGORIES = {
    sc.CATEGORY_DIGIT: frozenset("0123456789"),
    sc.CATEGORY_WORD: frozenset(c for c in _ALL if c.isalnum() or c == "_"),
    sc.CATEGORY_SPACE: frozenset(" \t\n\r\f\v"),
}
_CATEGORIES |= {
    sc.CATEGORY_NOT_DIGIT: _ALL - _CATEGORIES[sc.CATEGORY_DIGIT],
    sc.CATEGORY_NOT_WORD: _ALL - _CATEGORIES[sc.CATEGORY_WORD],
    sc.CATEGORY_NOT_SPACE: _ALL - _CATEGORIES[sc.CATEGORY_SPACE],
}


class _Unread(Exception):
    """A construct :func:`first_chars` does not read (the pattern is then left as it is)."""


def first_chars(pattern: str, flags: int) -> frozenset[str] | None:
    """The characters a match of ``pattern`` (compiled with ``flags``, ASCII-only and
    case-sensitive) can start with, in an ASCII text; None when it may match the empty string,
    refers back to a group (which :func:`by_first_char`'s extra group would renumber), sets a
    flag inside, or holds a construct not read here. A superset is safe (a position more is
    tried), never a subset: a look-around is read as matching nothing, an ``\\b`` too."""
    try:
        parsed = sp.parse(pattern, flags)
        if parsed.state.flags & re.IGNORECASE or not parsed.state.flags & re.ASCII:
            return None  # a letter's other case would start a match too; or beyond ASCII
        _refuse_references(parsed)
        first, empty = _sequence(parsed)
    except _Unread:
        return None
    return None if empty else frozenset(first)


def by_first_char(pattern: str, flags: int) -> re.Pattern[str] | None:
    """``pattern`` as ``[F](?<=(?=(?P<whole_>pattern))[F])``, ``F`` its :func:`first_chars`
    (None when there are none): one match at each position where ``pattern`` matches, the
    match itself in group ``whole_``. The look-behind steps back over the character just read
    and the look-ahead matches ``pattern`` from it, with the same end of the text (``endpos``)
    and the same text before it (for its ``\\b`` and look-behinds) as a search would."""
    first = first_chars(pattern, flags)
    if first is None:
        return None
    chars = "[" + "".join(re.escape(char) for char in sorted(first)) + "]"
    return re.compile(rf"{chars}(?<=(?=(?P<{WHOLE}>{pattern})){chars})", flags)


def matches(found: re.Pattern[str], text: str, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    """The (start, end) of each match ``P.finditer(text, lo, hi)`` yields, from ``found``, ``P``
    by :func:`by_first_char`. ``found`` yields every position where ``P`` matches (a nonempty
    match: P cannot match the empty string), in order; a search resumes where its last match
    ended, so the positions inside that match are passed over and the next is the search's."""
    resume = lo
    for start in found.finditer(text, lo, hi):
        at = start.start()
        if at >= resume:
            resume = start.end(WHOLE)
            yield at, resume


def _refuse_references(items: Any) -> None:
    """Raise :class:`_Unread` if ``items`` (parsed) refer back to a group anywhere."""
    for op, av in items:
        if op in (sc.GROUPREF, sc.GROUPREF_EXISTS):
            raise _Unread(op)
        for value in av if isinstance(av, (tuple, list)) else (av,):
            if isinstance(value, sp.SubPattern):
                _refuse_references(value)
            elif isinstance(value, list):  # a branch's alternatives
                for alternative in value:
                    if isinstance(alternative, sp.SubPattern):
                        _refuse_references(alternative)


def _sequence(items: Any) -> tuple[frozenset[str], bool]:
    """The first characters of a sequence of parsed items, and whether it may match empty."""
    first: frozenset[str] = frozenset()
    for op, av in items:
        chars, empty = _item(op, av)
        first |= chars
        if not empty:
            return first, False
    return first, True


def _item(op: Any, av: Any) -> tuple[frozenset[str], bool]:
    """The first characters of one parsed item, and whether it may match empty."""
    if op is sc.LITERAL:
        return frozenset(chr(av)), False
    if op is sc.NOT_LITERAL:
        return _ALL - {chr(av)}, False
    if op is sc.ANY:
        return _ALL - {"\n"}, False
    if op is sc.IN:
        return _class(av), False
    if op in (sc.AT, sc.ASSERT, sc.ASSERT_NOT):
        return frozenset(), True  # reads no character: what follows does
    if op is sc.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            raise _Unread("flags")
        return _sequence(sub)
    if op is sc.ATOMIC_GROUP:
        return _sequence(av)
    if op is sc.BRANCH:
        first: frozenset[str] = frozenset()
        empty = False
        for alternative in av[1]:
            chars, alternative_empty = _sequence(alternative)
            first |= chars
            empty = empty or alternative_empty
        return first, empty
    if op in (sc.MAX_REPEAT, sc.MIN_REPEAT, sc.POSSESSIVE_REPEAT):
        least, _most, sub = av
        chars, empty = _sequence(sub)
        return chars, empty or least == 0
    raise _Unread(op)


def _class(items: Any) -> frozenset[str]:
    chars: set[str] = set()
    negated = False
    for op, av in items:
        if op is sc.NEGATE:
            negated = True
        elif op is sc.LITERAL:
            chars.add(chr(av))
        elif op is sc.RANGE:
            chars.update(chr(code) for code in range(av[0], av[1] + 1))
        elif op is sc.CATEGORY and av in _CATEGORIES:
            chars |= _CATEGORIES[av]
        else:
            raise _Unread(op)
    return _ALL - chars if negated else _ALL & chars
