"""Regular-expression pieces the rules share: years, days, units, amounts, mods, clocks."""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsline.temporal.absolute import MOD_WORDS
from newsline.temporal.lexicon import (
    NUMBER_WORD_RE,
    ONES,
    ORDINAL_RE,
    TEENS,
    TENS,
    alternation,
)

DASH = r"\s*(?:-|–|—|to|through|until|till|and)\s*"
YEAR = r"(?:1[0-9]\d\d|20\d\d)"
DAYNUM = rf"(?:(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b|{ORDINAL_RE})"
MOD_RE = rf"(?:{alternation(MOD_WORDS)})"
UNIT_RE = (
    r"(?:years?|months?|weeks?|days?|decades?|centuries|century|quarters?|hours?|minutes?"
    r"|weekends?|fortnights?)"
)
SPELLED_RE = rf"(?:(?:{alternation(TENS)})(?:[\s-](?:{alternation(ONES)}))?|{alternation(TEENS)})"
NUMBER_RE = r"(?<![\d,.])(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"  # 3, 2.5, 11,000; not "000"
AMOUNT_RE = rf"(?:{NUMBER_RE}|{SPELLED_RE}|{NUMBER_WORD_RE}|a\s+few|a\s+couple\s+of|couple\s+of)"
FUZZY_RE = (
    r"(?:nearly|almost|about|around|some|roughly|approximately|more\s+than|"
    r"less\s+than|no\s+more\s+than|no\s+less\s+than|at\s+least|up\s+to)\s+"
)
# "earlier this year", "late Tuesday": part of the expression (TimeML extents), no mod.
EARLIER = r"(?:(?:earlier|later|early|late)\s+)"
WEEKDAY_WHICH = (
    r"(?:the\s+)?(?:this\s+coming|this\s+past|last|next|this|coming|past|"
    r"previous|preceding|prior)"
)
WEEKDAY_LEAD = rf"(?:{WEEKDAY_WHICH}\s+)"
PARTS_RE = r"(?:morning|afternoon|evening|night)"
CLOCK_RE = (
    r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d\d))?\s*(?P<half>a\.m\.?|p\.m\.?|am\b|pm\b)"
    r"(?:\s+(?:EST|EDT|CST|CDT|PST|PDT|GMT|UTC|BST|CET|ET|PT)\b)?"
)
REFERENCE_RE = (
    r"\b(?:now|currently|nowadays|these\s+days|recently|more\s+recently|"
    r"the\s+past|the\s+(?:near\s+|distant\s+)?future|the\s+(?:near|short|long)\s+term|"
    r"recent\s+(?:years|months|weeks|days|decades)|"
    r"(?:the\s+)?(?:coming|next\s+few)\s+(?:years|months|weeks|days|decades)|"
    r"(?:the\s+)?(?:years|months|weeks|days)\s+ahead)\b"
)

SEASON_RE = (
    rf"\b(?:(?P<mod>{MOD_RE})[\s-]+)?(?:(?P<which>this\s+past|this\s+coming|last|next|this|past)"
    r"\s+|(?P<the>the\s+))?(?P<season>spring|summer|autumn|winter|fall)\b(?!-)(?:\s+(?:of\s+)?"
    rf"(?P<year>{YEAR})\b)?"
)


def lowercase(pattern: str) -> str:
    """A case-insensitive ``pattern`` for ASCII text in lowercase, to compile case-sensitive:
    the same matches, found faster (a case-insensitive alternation tries every branch where a
    case-sensitive one skips those whose first letter differs). Its letters are lowercased but
    those of escapes (``\\S``, ``\\b``) and the ``P`` of ``(?P<name>``; group names must be
    lowercase already."""
    return re.sub(
        r"\\.|\(\?P|[A-Z]+", lambda m: m[0] if m[0][0] in "\\(" else m[0].lower(), pattern
    )


#: A possessive quantifier or an atomic group, outside an escape (a class's "+" would be
#: refused too: no rule has one).
_POSSESSIVE = re.compile(r"(?<!\\)(?:[*+?}]\+|\(\?>)")


def optional_as_branch(pattern: str) -> str:
    """``pattern`` with each greedy optional group ``(X)?`` written as the alternation
    ``(?:(X)|)`` (``(?:X)?`` as ``(?:X|)``): the same matches, X tried first, then nothing. The
    regex engine runs an optional group of more than one character as a repeat, which takes
    a heap allocation each time a match attempt reaches it; an alternation takes none. Lazy
    (``??``) groups and look-arounds are left as they are. A pattern with a possessive
    quantifier or an atomic group is refused (ValueError): inside one an alternation does not
    capture as the optional group does (and CPython 3.11's ``re`` fails on some)."""
    if _POSSESSIVE.search(pattern):
        raise ValueError(f"optional_as_branch: possessive or atomic construct in {pattern!r}")
    out: list[str] = []
    opened: list[int] = []  # where in ``out`` each group still open starts
    at, size = 0, len(pattern)
    while at < size:
        char = pattern[at]
        if char == "\\":
            out.append(pattern[at : at + 2])
            at += 2
        elif char == "[":
            end = _class_end(pattern, at)
            out.append(pattern[at:end])
            at = end
        elif char == "(":
            opened.append(len(out))
            out.append(char)
            at += 1
        elif char == ")":
            start = opened.pop()
            group = "".join(out[start:]) + ")"
            at += 1
            greedy = pattern[at : at + 1] == "?" and pattern[at + 1 : at + 2] not in ("?", "+")
            if greedy and not group.startswith(("(?=", "(?!", "(?<=", "(?<!")):
                group = group[:-1] + "|)" if group.startswith("(?:") else f"(?:{group}|)"
                at += 1  # the "?" is now the empty alternative
            del out[start:]
            out.append(group)
        else:
            out.append(char)
            at += 1
    return "".join(out)


def _class_end(pattern: str, start: int) -> int:
    """Where the character class opening at ``start`` ends (after its "]")."""
    at = start + 1
    if pattern[at : at + 1] == "^":
        at += 1
    if pattern[at : at + 1] == "]":  # a "]" first is a member
        at += 1
    while pattern[at] != "]":
        at += 2 if pattern[at] == "\\" else 1
    return at + 1


_Trie = dict[str, "_Trie"]


def trie(words: Iterable[str]) -> str:
    """A regex alternation of lowercase ``words`` as a trie: one branch per next letter, so
    the engine tries a few letters at a place, not every word (an alternation of words tries
    each word's first letter). Where a word ends and a longer one goes on, an empty alternative
    comes last: the longer tried first, as an optional group would, without its allocation
    (:func:`optional_as_branch`)."""
    tree: _Trie = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def branch(node: _Trie) -> str:
        alternatives = [re.escape(char) + branch(node[char]) for char in sorted(node) if char]
        if not alternatives:
            return ""
        ends = "|" if "" in node else ""  # a word ends here too
        return "(?:" + "|".join(alternatives) + ends + ")"

    return branch(tree)
