"""Sentence splitting that copes with news prose and with pre-tokenized text (T17 style).

A sentence ends at ., ! or ? (possibly followed by closing quotes or brackets) before
whitespace and an uppercase letter, digit or opening quote, unless the dot closes a known
abbreviation ("Dec.", "Mr.", "U.S.") or an initial ("Kim J. Un"), or it falls inside a
quotation that closes a little later: '"We were promised a plan. We got a bridge," he said.'
is one sentence, not a fragment with an open quote and another with a closing one (up to 400
characters; a longer or never-closed quotation is split as usual). A chronology's items run
together into one line ("... kills hundreds 1998 - Hurricane Georges destroys ...") are cut
before each item's year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm st jr sr inc ltd co corp
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat
    sun no vs etc al approx est dept univ ave blvd rd mt ft u.s u.k u.n e.g i.e a.m p.m""".split()
)
# US states as wires write them ("Venice , La. -LRB- Reuters -RRB-"): a place's end, which may
# end a sentence too; so may initials run together ("Washington, D.C. The ...").
_STATES = frozenset(
    """ala ariz calif colo conn fla kan ky la md mich minn mont neb nev okla tenn tex vt wis
    wyo""".split()
)
# What opens a sentence after such a word: an opening quote, or a capitalized common word.
_OPENS = re.compile(
    r"\s*(?:``|[\"“‘]|(?:The|A|An|He|She|It|They|We|I|But|And|In|On|At|His|Her|Its|Their"
    r"|This|That|There|Officials?)\b)"
)
# The closing quotes and brackets a sentence keeps; tokenized text spaces its '' off (" . ''").
# ("[.!?][.!?]*", not "[.!?]+": a pattern opening with a character class lets the regex
# engine skip to the next of those characters, where a repeat first is tried at every one.)
_BOUNDARY = re.compile(r"([.!?][.!?]*)((?: '')?[\"'”’)\]]*)(\s+)(?=[\"'“‘(\[`]*\s*[A-Z0-9])")
_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")  # "J", "H.W": a name's initials
_QUOTE_REACH = 400  # a quoted sentence longer than this is split as usual
# A straight double quote, not an inch mark (6"); the quote first, so that the regex engine
# looks for it alone (a pattern opening with the look behind is tried at every character).
_STRAIGHT = re.compile(r'"(?<!\d")')


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text``, trimmed of surrounding space."""
    spans: list[tuple[int, int]] = []
    start = 0
    quoted = '"' in text or "“" in text or "``" in text  # else no quotation opens
    for match in _boundaries(text):
        dot = match.start(1)
        if (
            match.group(1) == "."
            and _is_abbreviation(text, dot)
            and not (_weak(text, dot) and _OPENS.match(text, match.end(2)))
        ):
            continue  # "Dr. Murray", "Venice, La. (Reuters)"; not "Washington, D.C. The ..."
        end = match.end(2)
        if quoted and _inside_quotation(text, start, end):
            continue
        if text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = match.end(3)
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    if not ("-" in text or "–" in text or "—" in text) or _ITEM.search(text) is None:
        return spans  # none in the text, none in a sentence (most texts: not even a dash)
    return [item for span in spans for item in _items(text, *span)]


def _boundaries(text: str) -> Iterator[re.Match[str]]:
    """``_BOUNDARY.finditer(text)``; in a text whose only mark of the three is ".", by
    ``_BOUNDARY.match`` at each dot in turn (from the end of the match before), found by
    ``str.find``: a match starts at one of them, and ``finditer`` tries every position for a
    first character of the pattern, some 25 instructions each where ``find`` takes one."""
    if "!" in text or "?" in text:
        yield from _BOUNDARY.finditer(text)
        return
    at = text.find(".")
    while at >= 0:
        match = _BOUNDARY.match(text, at)
        if match is None:
            at = text.find(".", at + 1)
        else:
            yield match
            at = text.find(".", match.end())


# A chronology's item run into the line before it, its year heading it: "... kills hundreds
# 1998 - Hurricane Georges destroys ..." (a fact box whose line breaks were lost).
# (The year's first digit comes first, then "at the start or after a space" looks behind it:
# the regex engine then skips to the next 1 or 2, where a look behind first is tried at every
# character of every sentence.)
_ITEM = re.compile(r"(?:1(?<!\S1)[5-9]|2(?<!\S2)0)\d\d\s*(?:-|–|—|--)\s+(?=[A-Z])")
_FEW_ITEMS = 2  # one year and a dash may be prose; two make a list


def _items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence that runs a chronology's items together, cut before each item's year."""
    cuts = [m.start() for m in _ITEM.finditer(text, start, end)]
    if len(cuts) < _FEW_ITEMS:
        return [(start, end)]
    bounds = [start, *(c for c in cuts if c > start), end]
    return [
        _trim(text, a, b) for a, b in zip(bounds, bounds[1:], strict=False) if text[a:b].strip()
    ]


def _inside_quotation(text: str, start: int, end: int) -> bool:
    """Whether a quotation opened in ``text[start:end]`` is still open at ``end`` and closes
    before another opens, the whole sentence staying within ``_QUOTE_REACH`` characters."""
    if end - start > _QUOTE_REACH:
        return False
    marks = open_quotation(text[start:end])
    if marks is None:
        return False
    ahead = text[end : start + _QUOTE_REACH]
    if marks == ('"', '"'):
        return _STRAIGHT.search(ahead) is not None
    return _closes_first(ahead, *marks)


def open_quotation(text: str) -> tuple[str, str] | None:
    """The (opening, closing) marks of a quotation still open at the end of ``text``: curly,
    tokenized (``...'') or straight quotes; a digit's " is an inch mark, not a quote."""
    for opening, closing in (("“", "”"), ("``", "''")):
        if text.count(opening) > text.count(closing):
            return opening, closing
    if len(_STRAIGHT.findall(text)) % 2 == 1:
        return '"', '"'
    return None


def _closes_first(ahead: str, opening: str, closing: str) -> bool:
    shut, again = ahead.find(closing), ahead.find(opening)
    return shut >= 0 and (again < 0 or shut < again)


def _weak(text: str, dot: int) -> bool:
    """Whether the abbreviation ending at ``dot`` is a state's or initials run together,
    which a sentence may end with ("... of Boothville, La. `` But ...")."""
    word = _word_before(text, dot)
    return word in _STATES or ("." in word and _INITIALS.fullmatch(word) is not None)


def _word_before(text: str, dot: int) -> str:
    """The letters and dots right before ``dot``, lowercase ("h.w" before "H.W.")."""
    word_start = dot
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    return text[word_start:dot].lower()


def _is_abbreviation(text: str, dot: int) -> bool:
    word = _word_before(text, dot)
    word_start = dot - len(word)
    if not word or (word_start > 0 and text[word_start - 1].isalnum()):
        return False  # tokenized text (" . ") or a word ending in digits ("1990s.")
    return word in _ABBREVIATIONS or word in _STATES or _INITIALS.fullmatch(word) is not None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
