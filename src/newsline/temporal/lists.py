"""Days in a list or a span share what the last of them names.

News writes several days of one month once: "on 15 and 16 October", "April 16 and 17",
"March 3-5", "3-5 March 2008", and lets the last date of a list carry the year for all of
its months: "on 15 October and 9 November 2007", "on 15 October and 9 November that year".
The rules of :mod:`newsline.temporal.rules` see "16 October" or "April 16" but not the bare
day beside it, and they read "15 October" alone as the nearest 15 October to the publication
day. This step, run on a text's settled expressions (it depends on the text alone), adds each
bare day as a mention of its own, with the month and year of the date it leans on, and gives
a date without a year the year of the next one when the two are joined by "and", "or" or a
span's "to"/"-".

A bare number is a day only when nothing says it counts something else: "May 5 and 6 people
died" keeps "6", a count, out.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from newsline.temporal.patterns import YEAR

if TYPE_CHECKING:
    from newsline.temporal.tagger import _Candidate

# Kinds of a rule's spec that may hold a month and day (resolve.Spec.kind).
_DAY_OF_MONTH = {"partial", "absolute", "anaphoric_month", "month_rel_year"}
# What joins two dates of a list or the ends of a span.
_JOIN = r"(?:\s*,\s*|\s*[-–—/]\s*|\s+(?:and|&|or|to|through|until|till)\s+)"
# What may follow a day to say it counts something instead ("6 people", "6%", "6-4").
_COUNTS = (
    r"(?!\s*(?:%|percent|per\b|[.:,]?\d|[-–]\s*\d|(?:people|men|women|children|others|of|"
    r"more|years?|days?|weeks?|months?|hours?|hrs?|minutes?|mins?|seconds?|secs?|times|points?|games?|"
    r"a\.?m\b|p\.?m\b|[ap]m\b|GMT|BST|ET|EST)\b))"
)
_DAY = r"(?P<word>(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)\b"
# A bare day after a month-first date: "April 16| and 17|", "March 3|-5|, 2008".
_AFTER = re.compile(rf"{_JOIN}{_DAY}{_COUNTS}(?:\s*,?\s*(?P<year>{YEAR})\b)?")
# A bare day before a day-first date: "|15 and |16 October", "|3-|5 March 2008".
_BEFORE = re.compile(rf"(?<![\w$£€.,/-]){_DAY}(?:\s+(?:of\s+)?)?{_JOIN}(?:the\s+)?$")
# Between two dates the first of which takes the second's year ("postponed from March 1 until
# June 1, 2012" names two years).
_SHARE = re.compile(r"(?:\s*,\s*|\s*[-–—/]\s*|\s+(?:and|&|or|to|through)\s+)(?:on\s+|the\s+)?")


def listed(text: str, kept: list[_Candidate]) -> list[_Candidate]:
    """``kept`` (settled, in text order) with the bare days of lists and spans added and
    each year shared back (see the module)."""
    if not kept:
        return kept
    return _shared_years(text, _bare_days(text, kept))


def _day_of(cand: _Candidate) -> int | None:
    """The day of the month a mention names with its month, else None."""
    spec = cand.spec
    if spec.kind in _DAY_OF_MONTH and spec.month is not None and not spec.clock:
        return spec.day
    return None


def _bare_days(text: str, kept: list[_Candidate]) -> list[_Candidate]:
    """Each bare day of a list or span as a mention with its neighbour's month (and year)."""
    out: list[_Candidate] = []
    added = False
    for i, cand in enumerate(kept):
        day = _day_of(cand)
        if day is None:
            out.append(cand)
            continue
        after_start = out[-1].end if out else 0
        next_start = kept[i + 1].start if i + 1 < len(kept) else len(text)
        if _day_first(text, cand):  # "15 and 16 October": a bare day before, lower than its
            before = _BEFORE.search(text, after_start, cand.start)
            if before is not None and int(before["day"]) < day:
                spec = replace(cand.spec, day=int(before["day"]))
                out.append(
                    replace(cand, start=before.start("word"), end=before.end("word"), spec=spec)
                )
                added = True
            out.append(cand)
            continue
        out.append(cand)
        # "April 16 and 17": a bare day after, higher ("April 29 to 5 on the scale" is no span)
        after = _AFTER.match(text, cand.end)
        if after is None or after.start("word") >= next_start or int(after["day"]) <= day:
            continue
        spec = replace(cand.spec, day=int(after["day"]))
        end = after.end("word")
        # "June 3 and 6, 2009": the year is both days' (unless a longer expression holds it)
        if after["year"] and cand.spec.kind == "partial" and _own(kept, *after.span("year")):
            year = int(after["year"])
            spec = replace(spec, kind="absolute", year=year)
            out[-1] = replace(cand, spec=replace(cand.spec, kind="absolute", year=year))
            end = after.end("year")
        out.append(replace(cand, start=after.start("word"), end=end, spec=spec))
        added = True
    if not added:
        return kept
    # the year a list took is no mention of its own any more
    return [c for c in out if not any(o is not c and _inside(c, o) for o in out)]


def _own(kept: list[_Candidate], start: int, end: int) -> bool:
    """Whether no mention reaches beyond ``start:end`` while overlapping it."""
    return all(
        c.end <= start or c.start >= end or (start <= c.start and c.end <= end) for c in kept
    )


def _inside(inner: _Candidate, outer: _Candidate) -> bool:
    return (
        outer.start <= inner.start
        and inner.end <= outer.end
        and (outer.end - outer.start > inner.end - inner.start)
    )


def _day_first(text: str, cand: _Candidate) -> bool:
    """Whether the mention opens with its day ("16 October", "the 16th of October")."""
    head = text[cand.start : cand.end].lstrip()
    if head.lower().startswith("the "):
        head = head[4:]
    return head[:1].isdigit()


def _shared_years(text: str, kept: list[_Candidate]) -> list[_Candidate]:
    """'15 October and 9 November 2007': the first date takes the second's year (not when
    its month comes later: the year between is unsaid); 'the 15th and 16th of October': the
    first day takes the second's month."""
    out = list(kept)
    for i in range(len(out) - 2, -1, -1):
        first, second = out[i], out[i + 1]
        if first.spec.clock or _day_of(second) is None:
            continue
        if not _SHARE.fullmatch(text, first.end, second.start):
            continue
        if first.spec.kind == "day_of_month":  # "the 15th and 16th of October"
            out[i] = replace(first, spec=replace(second.spec, day=first.spec.day))
            continue
        if first.spec.kind != "partial" or _day_of(first) is None or second.spec.kind == "partial":
            continue
        if first.spec.month > second.spec.month:  # type: ignore[operator]
            continue  # "December 1 and January 1, 2012" may be a year apart or more
        spec = replace(second.spec, month=first.spec.month, day=first.spec.day)
        out[i] = replace(first, spec=spec)
    return out
