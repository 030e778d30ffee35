"""Page furniture in saved text pages: reader comments, transcript notices, share lines,
update stamps.

A saved news page keeps more than the article: the readers' comment thread under it
("Posted by : name | June 24 , 2010 2:04 PM | Report abuse", "At 19:23 26th Apr 2009 , X
wrote :"), the notices that open it ("Your comments may be published ...", "Add your comment"),
transcript notices and share / print / download lines. Order of work over a page's body lines:

1. a line that opens the comment thread (a notice, or the first signed comment) ends the
   article: it and every line after it are furniture (comments follow the article); a
   signature in the first lines is the post's own byline, and only that line goes. A
   site's own notice or footer printed into the article's last line ("... Editing by X) We
   welcome comments that advance the story ...", "... An ultra-low latency infrastructure
   for electronic trading ...", a newspaper's print notice "A version appeared on p2 of the
   Main section ... Follow ... on Twitter ...", "This article appeared on p22 of ...") ends
   the article where it starts;
2. single furniture lines (transcript notices, share, print, download, "click here") go;
3. a page's update stamp printed into a line ("24 June 2010 Last updated at 14:59 GMT Help",
   "Page last updated at 05:32 GMT , Tuesday , 6 September 2011 06:32 UK") is cut out of it
   and kept apart as the page's dateline (:func:`split_stamps`: no sentence of the article,
   but what dates the page), and a server's "(an error occurred while processing this
   directive)", a photo's credit and a site's contact notice ("Letters for publication
   should be sent to : ...") go;
4. a live page's entries lose the time they were posted ("2005 Paris Hilton ...":
   :func:`clock_stamps`), also an entry printed on the line of the photo caption above it
   ("... looking for food and water 1828 US Agency ...": :func:`inner_stamps`).

The raw span of the source keeps every line; only the article's blocks lose them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from itertools import accumulate

from newsline.temporal.lexicon import MONTH_RE, WEEKDAY_RE

# A signed comment: the signature a comment system adds, or a comment's "X wrote :" opening.
_SIGNED = re.compile(
    r"\bReport abuse\b"
    r"|\bPosted by\s*:?\s*[\w.-]+.{0,40}?\|\s*\w+"
    r"|^(?:At\s+)?\d{1,2}:\d{2}.{0,40},\s*\S+\s+wrote\s*:"
    r"|^Re\s*:\s*Posted by\b",
    re.I,
)
# Notices that open a comment thread.
_THREAD = re.compile(
    r"^(?:Your comments may be published|Add your comments?\b|All comments are posted|"
    r"Comments our editors find|Have your say\b|Post a comment\b|Leave a comment\b|"
    r"Reader comments\b|Comments\s*[(\[]?\s*\d+\s*[)\]]?\s*$|Sort (?:comments )?by\s*:)",
    re.I,
)
# A comment thread's notice or a site's footer that a saved page prints into the article's
# last line: the article ends where it starts.
_TAIL = re.compile(
    r"(?P<comments>We welcome comments (?:that advance the story|on our articles)"
    r"|Views expressed in the comments do not represent|This discussion is now closed)"
    r"|(?P<footer>An ultra-low latency infrastructure for electronic trading"
    # a newspaper's print notice, then its site's widgets: "A version appeared on p2 of the
    # Main section section of the Guardian on 22.31 BST on Friday 30 April 2010 Follow ..."
    r"|(?:A version|This article) appeared on p\s?\d+ of the\b)",
    re.I,
)
_BYLINE_LINES = 3  # a signature this near the top is the post's byline, not a comment
_TRANSCRIPT = re.compile(
    r"^(?:This is a rush transcript|THIS IS A RUSH TRANSCRIPT|Transcript\s*:?\s*$|"
    r"This transcript (?:may|has been))",
    re.I,
)
_SHARE = re.compile(
    r"^(?:Share this\b|Share on\b|Print this\b|Printable version|E-?mail this\b|Email a friend|"
    r"Download (?:the|this|our)\b|Click here\b|Bookmark\b|Recommend this\b|Tweet\s*$|"
    r"(?:Share|Print|E-?mail|Comment|Recommend|Tweet)(?:\s*[|/·]\s*(?:Share|Print|E-?mail|"
    r"Comments?|Recommend|Tweet|Save|Link))+\s*$)",
    re.I,
)


# Words (lowercase) one of the patterns above needs: a line without any holds no furniture.
# Substring tests: a case-blind regex of them tries every alternative at every character.
_CUE_WORDS = (
    "report abuse", "posted by", "wrote", "comment", "have your say", "sort",
    "discussion is now closed", "ultra-low latency", "transcript", "share", "print", "mail",
    "download", "click here", "bookmark", "recommend", "tweet", "a version appeared on",
    "this article appeared on",
)  # fmt: skip


# How a line that _THREAD, _TRANSCRIPT or _SHARE takes opens, in lowercase, after its line
# break (each pattern is anchored at the line's start; a furniture word is followed by no
# letter there: "Shares fell" and "Printers ..." open no share line; "Printable version" is
# followed by anything, as _SHARE takes it), or one that _SIGNED's
# "X wrote :" takes (its clock, maybe after "at"). Searched in the text behind a line break:
# the regex engine skips from one line break to the next.
_OPENING = re.compile(
    r"\n(?:(?:share|print|e-?mail|comments?|recommend|tweet|download|bookmark"
    r"|transcript)(?![a-z])|printable version|sort |click here|have your say|post a comment"
    r"|leave a comment"
    r"|reader comments|add your comment|all comments are posted|your comments may be published"
    r"|this is a rush transcript|this transcript|(?:at )?\d[^\n]*wrote)"
)
# What _SIGNED and _TAIL match anywhere in a line holds one of these (in lowercase).
_ANYWHERE = (
    "report abuse", "posted by", "we welcome comments that advance the story",
    "we welcome comments on our articles", "views expressed in the comments do not represent",
    "this discussion is now closed", "an ultra-low latency infrastructure for electronic trading",
    "a version appeared on p", "this article appeared on p",
)  # fmt: skip


def may_hold_furniture(text: str, tidy: bool = False) -> bool:
    """False when :func:`remove_furniture` would find nothing in ``text``'s lines.

    A cue word is common in news ("share", "print", "comment"), and a line that is no
    furniture costs the line by line search all the same: ``tidy`` (each line of ``text`` its
    words joined by single spaces, as the search sees it) lets an ASCII text be looked at
    closer, with what the patterns need: a cue they may match anywhere, or a line opening as
    the anchored ones do."""
    lowered = text.lower()
    if not (tidy and text.isascii()):  # beyond ASCII, a case-blind pattern takes "ſ" for "s"
        return any(cue in lowered for cue in _CUE_WORDS)
    # (no need to look for the cue words first: each of these holds one)
    if any(phrase in lowered for phrase in _ANYWHERE):
        return True
    return _OPENING.search("\n" + lowered) is not None


def _holding(lines: list[str], cues: tuple[str, ...], joined: str | None = None) -> set[int]:
    """The numbers of the ``lines`` that hold one of ``cues``: each cue is looked for in all
    the lines at once (a line holding it is not searched again), not each line for each cue.
    ``joined``: the lines joined by line breaks, when made already."""
    joined = "\n".join(lines) if joined is None else joined
    found: set[int] = set()
    starts: list[int] = []  # where each line starts, once a cue is found (most texts: none)
    for cue in cues:
        at = joined.find(cue)
        if at >= 0 and not starts:
            starts = list(accumulate((len(line) + 1 for line in lines), initial=0))
        while at >= 0:
            number = bisect_right(starts, at) - 1
            found.add(number)
            at = joined.find(cue, starts[number + 1])
    return found


def _cued_lines(lines: list[str]) -> list[tuple[int, str]]:
    """The number and lowercase text of each line that holds a cue word, in order."""
    lowered = [line.lower() for line in lines]  # lowering may change a line's length
    return [(number, lowered[number]) for number in sorted(_holding(lowered, _CUE_WORDS))]


# What every match of _SIGNED and _TAIL holds, in lowercase: an ASCII line without any has
# none (beyond ASCII, a case-blind pattern's "s" also matches "ſ": the pattern decides).
_SIGNED_CUES = ("report abuse", "posted by", "wrote")
_TAIL_CUES = (
    "we welcome comments", "views expressed in the comments", "this discussion is now closed",
    "ultra-low latency", "a version appeared on", "this article appeared on",
)  # fmt: skip


def _search(
    pattern: re.Pattern[str], cues: tuple[str, ...], line: str, lowered: str
) -> re.Match[str] | None:
    """``pattern.search(line)``, not tried on an ASCII line whose lowercase holds no cue."""
    if line.isascii() and not any(cue in lowered for cue in cues):
        return None
    return pattern.search(line)


def remove_furniture(lines: list[str]) -> tuple[list[str], Counter[str]]:
    """The article's lines without the page's furniture, and what was removed, by kind."""
    removed: Counter[str] = Counter()
    kept: list[str] = []
    last = 0  # the lines before this one are kept or judged
    for number, lowered in _cued_lines(lines):  # most lines hold no word furniture needs
        kept += lines[last:number]
        last = number + 1
        line = lines[number]
        signed = _search(_SIGNED, _SIGNED_CUES, line, lowered)
        if signed and number < _BYLINE_LINES:
            removed["bylines"] += 1  # "Posted by X | date" heading a blog post: the post's own
            continue
        if signed or _THREAD.search(line):
            removed["comment lines"] += len(lines) - number
            return kept, removed
        tail = _search(_TAIL, _TAIL_CUES, line, lowered)
        if tail:
            removed["comment lines" if tail["comments"] else "footer lines"] += len(lines) - number
            if any(c.isalpha() for c in line[: tail.start()]):
                kept.append(line[: tail.start()].rstrip())
            return kept, removed
        if _TRANSCRIPT.search(line):
            removed["transcript notices"] += 1
        elif _SHARE.search(line):
            removed["share lines"] += 1
        else:
            kept.append(line)
    kept += lines[last:]
    return kept, removed


# A live page's entries open with the time they were posted, "2202 The commander of ...".
_CLOCK_STAMP = re.compile(r"([01]\d|2[0-3])([0-5]\d)\s+(?=[A-Z\"'`“‘(])")
_FEW_STAMPS = 3  # fewer entries so stamped are no live page
_NIGHT, _EVENING = 6 * 60, 18 * 60  # the clock turns once, at midnight: from the one to the other
# A year this far from any news is no year: a stamp outside makes the page's numbers clocks.
_YEARS = range(1000, 2051)


def clock_stamps(paragraphs: list[str]) -> list[int]:
    """Where each paragraph of a live page opens with the time it was posted (its length, 0
    for a paragraph that does not), when the page is one: at least three entries so stamped,
    in the order of the clock (newest first or oldest first, turning once at midnight); oldest
    first, one of them at least no year ("0912", "2358"), as a chronology's years ("1603 James
    VI ...", "1707 The Act of Union ...") go oldest first too. Empty when the page is no live
    page."""
    found = [_CLOCK_STAMP.match(p) for p in paragraphs]
    times = [int(m[1]) * 60 + int(m[2]) for m in found if m]
    if len(times) < _FEW_STAMPS:
        return []
    steps = list(zip(times, times[1:], strict=False))
    ahead = sum(a < b for a, b in steps) >= sum(a > b for a, b in steps)
    if ahead and all(int(m[0][:4]) in _YEARS for m in found if m):
        return []  # "1603 James VI ... 1707 The Act of Union ...": a chronology's years
    turns = [(a, b) for a, b in steps if a != b and (a < b) != ahead]
    if len(turns) > 1 or any(min(t) >= _NIGHT or max(t) < _EVENING for t in turns):
        return []
    return [m.end() if m else 0 for m in found]


# A live page's entry posted after a photo's caption, on the caption's line ("... looking for
# food and water 1828 US Agency for International Development ..."): a caption ends with no
# full stop.
_INNER_STAMP = re.compile(r"(?<=[a-z'\"”’)])\s+([01]\d|2[0-3])([0-5]\d)\s+(?=[A-Z\"'`“‘(])")
_INNER_REACH = 60  # minutes from the one neighbouring stamp when the other is missing
# Words a number goes on from: a year or a count, no stamp ("the 2004 Asian tsunami", "about
# 2000 US troops", "since the 1200 Mass").
_NOT_BEFORE_STAMP = frozenset(
    "the a an of in on at by from since about around nearly almost some over under than to "
    "for and or with its their his her our this that these those every each until till "
    "after before during between past only just approximately roughly".split()
)


def inner_stamps(paragraphs: list[str], stamps: list[int]) -> list[list[tuple[int, int]]]:
    """For each paragraph of a live page (``stamps``: :func:`clock_stamps`), the (start, end)
    of every clock stamp inside it whose time lies between the stamps of the entries around
    it: the text before it is another entry (or the photo caption the page printed above it),
    the stamp goes."""
    times = [
        int(p[:2]) * 60 + int(p[2:4]) if cut else None
        for p, cut in zip(paragraphs, stamps, strict=True)
    ]
    found: list[list[tuple[int, int]]] = []
    for number, paragraph in enumerate(paragraphs):
        spans: list[tuple[int, int]] = []
        found.append(spans)
        matches = list(_INNER_STAMP.finditer(paragraph, stamps[number]))
        if not matches:  # (most paragraphs)
            continue
        before = next((t for t in reversed(times[: number + 1]) if t is not None), None)
        after = next((t for t in times[number + 1 :] if t is not None), None)
        for m in matches:
            before_word = paragraph[max(0, m.start() - 20) : m.start()].rsplit(None, 1)[-1:]
            if before_word and before_word[0].lower() in _NOT_BEFORE_STAMP:
                continue
            if _between(int(m[1]) * 60 + int(m[2]), before, after):
                spans.append((m.start(), m.end()))
    return found


def _between(time: int, before: int | None, after: int | None) -> bool:
    """Whether a stamp's time fits between its neighbours' (either order; within an hour of
    the only one there is)."""
    known = [t for t in (before, after) if t is not None]
    if len(known) == 2:
        return min(known) <= time <= max(known)
    return bool(known) and abs(time - known[0]) <= _INNER_REACH


_CLOCK = r"\d{1,2}:\d{2}\s*(?:GMT|BST|UTC|ET|EST|EDT)?"
_DAY = rf"\d{{1,2}}\s+{MONTH_RE}\s+\d{{4}}"
# A page's update stamp, as saved pages print it into the first line of the story.
_STAMP = re.compile(
    rf"(?:\b{_DAY}\s+)?\bLast updated at {_CLOCK}(?:\s+Help\b)?"
    rf"|\bPage last updated at {_CLOCK}\s*,?\s*(?:{WEEKDAY_RE}\s*,?\s*)?{_DAY}"
    rf"(?:\s+\d{{1,2}}:\d{{2}}\s*UK\b)?",
    re.I,
)
# A wire story's dateline run into its first line: "VENICE , La. | Mon May 31 , 2010 11:12 pm
# EDT VENICE , La. -LRB- Reuters -RRB- - Oil from ...". The place printed before the bar is
# the same as the one opening the story after it and goes with the stamp (:func:`_placed`).
_WIRE = re.compile(
    r"\|\s*(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"\s+\d{1,2}\s*,?\s*\d{4}\s*,?\s+\d{1,2}:\d{2}\s*[ap]m\s+[A-Z]{2,4}\b"
)
_PLACE_WORDS = 6  # longest place name repeated around a wire dateline, in words
# A photo's credit run into the text: "Photograph : Tim Ireland\/PA Swine flu is ...".
_AGENCY = (
    r"(?:Getty Images|Rex Features|Magnum Photos|Getty|AFP|AP|PA|EPA|Reuters|Bloomberg|Corbis"
    r"|Alamy|Xinhua|Rex|pool)"
)
_PHOTO_CREDIT = re.compile(
    rf"\bPhotograph\s*:\s*(?:[^\\/.:]{{1,40}}?\s*\\?/\s*)*(?i:{_AGENCY})\b\s*"
)
# A newspaper site's contact notice printed into the page's text: "Letters for publication
# should be sent to : letters@... If you need help using the site : userhelp@... Call the
# main ... switchboard :".
_SITE_NOTICE = re.compile(
    r"Letters for publication should be sent to\s*:\s*\S+@\S+"
    r"(?:\s+If you need help using the site\s*:\s*\S+@\S+)?"
    r"(?:\s+Call the main [\w ]{1,40}? switchboard\s*:(?:\s*\+?\d[\d ()-]{5,}\d)?)?"
)
_SERVER_ERROR = re.compile(
    r"(?:-LRB-|\()\s*an error occurred while processing this directive\s*(?:-RRB-|\))", re.I
)
# Whether a line may hold any of the above (one cheap search for most lines); a wire
# dateline's cues all hold "| ", which few texts do.
_CUES = ("pdated at", "directive", "Photograph", "Letters for publication")
_WIRE_CUES = tuple(f"| {day} " for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"))
_WIRE_CUE = re.compile(r"\| (?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ")  # any of them


def stamped_lines(lines: list[str]) -> set[int]:
    """The numbers of the lines that :func:`may_hold_stamps`, found for all lines at once (a
    wire dateline's cues by one search for them all: the regex engine skips to each bar)."""
    joined = "\n".join(lines)
    found = _holding(lines, _CUES, joined)
    if "| " in joined:
        hits = [match.start() for match in _WIRE_CUE.finditer(joined)]
        if hits:
            starts = list(accumulate((len(line) + 1 for line in lines), initial=0))
            found.update(bisect_right(starts, at) - 1 for at in hits)
    return found


def may_hold_stamps(text: str) -> bool:
    """False when no line of ``text`` holds anything :func:`split_stamps` removes (substring
    tests: a regex of the cues costs 3x more)."""
    if any(cue in text for cue in _CUES):
        return True
    return "| " in text and any(cue in text for cue in _WIRE_CUES)


def _placed(line: str, start: int, end: int) -> int:
    """Where a wire dateline at ``line[start:end]`` begins: before the place name printed
    ahead of it, when the same words open the story after it ("ZURICH | ... EDT ZURICH") or
    when it is written in capitals ("VELMAR | ...")."""
    before = list(re.finditer(r"\S+", line[:start]))[-_PLACE_WORDS:]
    after = line[end:].split()[:_PLACE_WORDS]
    for size in range(len(before), 0, -1):
        if [w.group() for w in before[-size:]] == after[:size]:
            return before[-size].start()
    capitals = [w for w in before if w.group().isupper()]  # "VELMAR | ...": a place in capitals
    while before and capitals and before[-1] is capitals[-1]:
        start = before.pop().start()
        capitals.pop()
    return start


def split_stamps(line: str, removed: Counter[str]) -> list[tuple[bool, str]]:
    """The pieces of ``line`` around its update stamps, each ``(is_stamp, text)``, without
    server error notices, photo credits and site notices (what went is counted in
    ``removed``). A line
    without any is one piece."""
    if not may_hold_stamps(line):
        return [(False, line)]  # the common case, cheaply
    line, errors = _SERVER_ERROR.subn(" ", line)
    if errors:
        removed["server error notices"] += errors
    line, credits = _PHOTO_CREDIT.subn(" ", line)
    if credits:
        removed["photo credits"] += credits
    line, notices = _SITE_NOTICE.subn(" ", line)
    if notices:
        removed["site notices"] += notices
    pieces: list[tuple[bool, str]] = []
    last = 0
    stamps = [(m.start(), m.end()) for m in _STAMP.finditer(line)]
    stamps += [(_placed(line, m.start(), m.end()), m.end()) for m in _WIRE.finditer(line)]
    for start, end in sorted(stamps):
        if start < last:
            continue
        pieces.append((False, line[last:start]))
        pieces.append((True, line[start:end]))
        removed["update stamps"] += 1
        last = end
    pieces.append((False, line[last:]))
    tidy = [(stamp, " ".join(text.split())) for stamp, text in pieces]
    return [(stamp, text) for stamp, text in tidy if text]
