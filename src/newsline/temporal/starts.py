"""Where a rule's matches can start: its lowercase pattern found from there, in ASCII text.

A regex search tries the pattern at every position of a window. When the pattern opens with a
character class, the ``re`` engine first skips, in a tight loop, every position whose character
is not in it; when it opens with anything else (``\\b``, an optional group, a group of
alternatives: every rule of the tagger), each position costs a full match attempt, most of
which fail at once. :func:`first_chars` reads from a pattern the characters its matches can
start with, and :func:`finder` writes the pattern so that the engine skips the other positions
(or, when every match opens a word, all but those after a word), matching the pattern itself
in a look-ahead there. :func:`matches` keeps of those places the ones a search finds: the same
matches, in about half the cost.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as sc  # type: ignore[attr-defined]
from re import _parser as sp  # type: ignore[attr-defined]
from typing import Any, NamedTuple

#: The group of :func:`by_first_char`'s pattern holding the match of the rule's own.
WHOLE = "whole_"
_ALL = frozenset(chr(code) for code in range(128))  # ASCII: the text the patterns are for
_CATEGORIES = {
    sc.CATEGORY_DIGIT: frozenset("0123456789"),
    sc.CATEGORY_WORD: frozenset(c for c in _ALL if c.isalnum() or c == "_"),
    sc.CATEGORY_SPACE: frozenset(" \t\n\r\f\v"),
}
_CATEGORIES |= {  # (an ASCII-only pattern's, as the parser reads them)
    sc.CATEGORY_NOT_DIGIT: _ALL - _CATEGORIES[sc.CATEGORY_DIGIT],
    sc.CATEGORY_NOT_WORD: _ALL - _CATEGORIES[sc.CATEGORY_WORD],
    sc.CATEGORY_NOT_SPACE: _ALL - _CATEGORIES[sc.CATEGORY_SPACE],
}


_NON_WORD = _ALL - _CATEGORIES[sc.CATEGORY_WORD]


class _Unread(Exception):
    """A construct :func:`first_chars` does not read (the pattern is then left as it is)."""


def first_chars(pattern: str, flags: int) -> frozenset[str] | None:
    """The characters a match of ``pattern`` (compiled with ``flags``, ASCII-only and
    case-sensitive) can start with, in an ASCII text; None when it may match the empty string,
    refers back to a group (which :func:`finder`'s extra group would renumber), sets a flag
    inside, or holds a construct not read here. A superset is safe (a position more is
    tried), never a subset: a look-around is read as matching nothing, a word boundary too."""
    read = _read(pattern, flags)
    return None if read is None else read[0]


def _read(pattern: str, flags: int) -> tuple[frozenset[str], list[Any]] | None:
    """:func:`first_chars` of ``pattern``, and the pattern parsed (parsed once: the parser
    costs as much as the compiler)."""
    try:
        parsed = sp.parse(pattern, flags)
        if parsed.state.flags & re.IGNORECASE or not parsed.state.flags & re.ASCII:
            return None  # a letter's other case would start a match too; or beyond ASCII
        _refuse_references(parsed)
        first, empty = _sequence(parsed)
    except _Unread:
        return None
    return None if empty else (frozenset(first), list(parsed))


class Finder(NamedTuple):
    """A pattern ``P`` written to be found faster (:func:`finder`), for :func:`matches`."""

    found: re.Pattern[str]  # one match per place where P matches, P's match in group whole_
    pattern: re.Pattern[str]  # P itself
    after: bool  # ``found`` matches the character before each place (P opens words only)


def finder(pattern: re.Pattern[str]) -> Finder | None:
    r"""``pattern`` (``P``, ASCII-only, case-sensitive) written for the regex engine to skip
    the places where it cannot match, in a tight loop, not a match attempt each; None where
    :func:`first_chars` cannot say. ``F`` being its first characters: when every match of
    ``P`` opens a word (``\b`` met before any character is read, then a word character),
    ``[W](?=[F])(?=(?P<whole_>P))``, ``W`` the characters of no word: the engine stops only
    after a word, where ``P`` is tried, its match kept by the look-ahead. Else
    ``[F](?<=(?=(?P<whole_>P))[F])``: the look-behind steps back over the character read and
    the look-ahead matches ``P`` from it. Either way with the same end of the text
    (``endpos``) and the same text before (for ``\b`` and look-behinds) as a search."""
    read = _read(pattern.pattern, pattern.flags)
    if read is None:
        return None
    first, parsed = read
    if not first:
        return None  # only characters beyond ASCII open a match: no class of them to skip to
    source, flags, chars = pattern.pattern, pattern.flags, _chars(first)
    try:
        if first <= _CATEGORIES[sc.CATEGORY_WORD] and _opens_a_word(parsed):
            try:
                pairs = _pairs_pattern(parsed)
            except _Unread:  # (every construct _read reads is read: not met)
                pairs = ""
            found = re.compile(
                rf"{_chars(_NON_WORD)}(?={chars}){pairs}(?=(?P<{WHOLE}>{source}))", flags
            )
            return Finder(found, pattern, after=True)
        found = re.compile(rf"{chars}(?<=(?=(?P<{WHOLE}>{source})){chars})", flags)
    except re.error:
        # the pattern does not read the same inside another (a global inline flag, which must
        # open a pattern; a verbose pattern's closing comment): searched as it is
        return None
    return Finder(found, pattern, after=False)


def matches(finder: Finder, text: str, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    """The (start, end) of each match ``P.finditer(text, lo, hi)`` yields, ``P`` the pattern
    of ``finder``, found by it. It yields every place where ``P`` matches (a nonempty match:
    P cannot match the empty string), in order; a search resumes where its last match ended,
    so the places inside that match are passed over and the next is the search's."""
    resume = lo
    if not finder.after:
        for start in finder.found.finditer(text, lo, hi):
            at = start.start()
            if at >= resume:
                resume = start.end(WHOLE)
                yield at, resume
        return
    if lo == 0:  # no character before the text's first: P tried there alone
        first = finder.pattern.match(text, 0, hi)
        if first is not None:
            resume = first.end()
            yield 0, resume
    # the character before lo read too: a word opening at lo follows it
    for start in finder.found.finditer(text, max(lo - 1, 0), hi):
        at = start.end()
        if at >= resume:
            resume = start.end(WHOLE)
            yield at, resume


#: Where a match may end: after its first character, any second one, or none, may follow.
_END = ""


def _pairs_pattern(parsed: list[Any]) -> str:
    """A look-ahead every match of the parsed pattern meets at its start, on its first two
    characters: ``(?=a[bc]|d|...)``, each first character with the second ones that may
    follow it (alone where the match may end after it, or any may follow). The ``after``
    finder tries ``P`` only past it: most words that open with a first character of ``P``
    ("the", "a", "to") go on with no second one of it, and a full attempt of ``P`` costs far
    more than the look-ahead, whose branches the regex engine skips on their first letter.
    A superset of the pairs (a second character more) is safe, never a subset."""
    firsts_of: dict[frozenset[str], set[str]] = {}  # the first characters of each second set
    for char, seconds in _pairs(parsed, frozenset({_END})).items():
        unbound = _END in seconds or seconds >= _ALL - {"\n"}
        firsts_of.setdefault(frozenset() if unbound else seconds, set()).add(char)
    # one branch per set of second characters ("[1-9][0-9nrst]", not one per digit): fewer
    # branches to try, and a smaller pattern to compile
    alternatives = sorted(
        _chars(frozenset(firsts)) + (_chars(seconds) if seconds else "")
        for seconds, firsts in firsts_of.items()
    )
    return "(?=" + "|".join(alternatives) + ")"


def _pairs(items: Any, follow: frozenset[str]) -> dict[str, frozenset[str]]:
    """The first characters of a sequence of parsed items, each with the characters that may
    come second (``follow``: those that may come after the sequence, _END for its end)."""
    found: dict[str, frozenset[str]] = {}
    items = list(items)
    for at, (op, av) in enumerate(items):
        rest_first, rest_empty = _sequence(items[at + 1 :])
        after = rest_first | follow if rest_empty else rest_first
        for char, seconds in _item_pairs(op, av, after).items():
            found[char] = found.get(char, frozenset()) | seconds
        if not _item(op, av)[1]:  # the item reads a character: the rest cannot start
            break
    return found


def _item_pairs(op: Any, av: Any, follow: frozenset[str]) -> dict[str, frozenset[str]]:
    """:func:`_pairs` of one parsed item (read as :func:`_item` reads it)."""
    if op in (sc.LITERAL, sc.NOT_LITERAL, sc.ANY, sc.IN):
        return dict.fromkeys(_item(op, av)[0], follow)  # one character: then what follows
    if op in (sc.AT, sc.ASSERT, sc.ASSERT_NOT):
        return {}
    if op is sc.SUBPATTERN:
        return _pairs(av[3], follow)
    if op is sc.ATOMIC_GROUP:
        return _pairs(av, follow)
    if op is sc.BRANCH:
        found: dict[str, frozenset[str]] = {}
        for alternative in av[1]:
            for char, seconds in _pairs(alternative, follow).items():
                found[char] = found.get(char, frozenset()) | seconds
        return found
    if op in (sc.MAX_REPEAT, sc.MIN_REPEAT, sc.POSSESSIVE_REPEAT):
        _least, most, sub = av
        # a second turn of the repeat may follow the first (its first characters, or what
        # follows the repeat when a turn may be empty: the union covers both)
        again = _sequence(sub)[0] | follow if most > 1 else follow
        return _pairs(sub, again)
    raise _Unread(op)


def _chars(chars: frozenset[str]) -> str:
    return "[" + "".join(re.escape(char) for char in sorted(chars)) + "]"


def _opens_a_word(items: list[Any], rest: tuple[Any, ...] = ()) -> bool:
    r"""Whether every way through ``items`` then ``rest`` (parsed) meets ``\b`` before it
    reads a character; a repeat or an atomic group before one is not followed (False)."""
    for at, (op, av) in enumerate(items):
        if op is sc.AT and av is sc.AT_BOUNDARY:
            return True
        if op in (sc.AT, sc.ASSERT, sc.ASSERT_NOT):
            continue  # reads no character
        after = (*items[at + 1 :], *rest)
        if op is sc.SUBPATTERN:
            return _opens_a_word(list(av[3]), after)
        if op is sc.BRANCH:
            return all(_opens_a_word(list(alternative), after) for alternative in av[1])
        return False
    return _opens_a_word(list(rest)) if rest else False


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
