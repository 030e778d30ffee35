"""Days in a list or a span share what the last of them names.

News writes several days of one month once: "on 15 and 16 October", "April 16 and 17",
"March 3-5", "3-5 March 2008", "on 1, 2 and 3 April", and lets the last date of a list carry
the year for all of its months: "on 15 October and 9 November 2007", "on 15 October and 9
November that year". The rules of :mod:`newsline.temporal.rules` see "16 October" or "April 16"
but not the bare day beside it, and they read "15 October" alone as the nearest 15 October to
the publication day. This step, run on a text's settled expressions (it depends on the text
alone), gives a date without a year the year of the next one when the two are joined by
"and", "or" or a span's "to"/"-", then adds each bare day as a mention of its own with the
month (and year) of the date it leans on. Resolution then keeps each bare day in its date's
year (:func:`same_year`): "January 14-16" said in July is one January, whichever is nearer.

A bare number is a day only when nothing says it is something else: a count ("May 5 and 6
people died", "March 3 and 5 million", "On May 15, 2009, 20 soldiers were killed": a date
that names its year ends its list), a number of an issue, page or age ("Vol. 12, 16 October",
"Smith, 25, 26 March"), or a lower number than the day it leans on ("April 29 to 5 on the
scale": lists and spans run forward).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from newsline.records import Interval, TimeMention
from newsline.temporal.patterns import YEAR

if TYPE_CHECKING:
    from newsline.temporal.tagger import _Candidate

# Kinds of a rule's spec that may hold a month and day (resolve.Spec.kind).
_DAY_OF_MONTH = {"partial", "absolute", "anaphoric_month", "month_rel_year"}
_DAY = r"(?P<word>(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)\b"
# What joins the days of a list ("1, 2 and 3") or the ends of a span ("3-5", "3 to 5").
_LIST_JOIN = r"\s*,\s*|\s+(?:and|&|or)\s+|\s*,\s*(?:and|or)\s+"
_SPAN_JOIN = r"\s*[-–—]\s*|\s+(?:to|through|until|till)\s+"
# One more day after a month-first date or its last day: "April 16| and 17|", "March 3|-5|".
_NEXT = re.compile(rf"(?P<join>{_LIST_JOIN}|{_SPAN_JOIN}){_DAY}")
# One more day before a day-first date or its first day: "|15 and |16 October".
_PREVIOUS = re.compile(
    rf"(?<![\w$£€.,/-]){_DAY}\s*(?P<join>,|[-–—]|and|&|or|to|through|until|till)\s*(?:the\s+)?$"
)
# The year a month-first list names after its last day: "June 3 and 6, 2009", "July 3-4 2008".
_YEAR_AFTER = re.compile(rf"\s*,?\s*(?P<year>{YEAR})\b")
# After a day, what says it counts something: "6 people", "6%", "6-4", "5 million".
_COUNT = re.compile(
    r"\s*(?:%|percent|per\b|[.:,]?\d|[-–]\s*\d|(?:people|men|women|children|others|of|more|"
    r"years?|days?|weeks?|months?|hours?|hrs?|minutes?|mins?|seconds?|secs?|times|points?|"
    r"games?|million|billion|thousand|hundred|km|miles?|feet|metres?|meters?|injured|wounded|"
    r"dead|killed|degrees?|a\.?m\b|p\.?m\b|[ap]m\b|GMT|BST|ET|EST)\b)"
)
# ... and after a list's "and", a plural noun does too ("between May 1 and 15 cases").
_PLURAL = re.compile(r"\s+(?!(?:was|has|is|as|this|its|his|thus|towns?)\b)[a-z]+s\b")
# A number these name is no day ("Vol. 12, 16 October", "aged 25 - 26 March").
_NUMBERED = frozenset(
    "vol no nos number page pages p pp issue chapter episode table figure fig aged age article "
    "section part round week rule".split()
)


def listed(text: str, kept: list[_Candidate]) -> list[_Candidate]:
    """``kept`` (settled, in text order) with each year shared back and the bare days of lists
    and spans added (see the module)."""
    if not kept:
        return kept
    return _bare_days(text, _shared_years(text, kept))


def same_year(
    expressions: Sequence[_Candidate], mentions: Sequence[TimeMention | None]
) -> list[TimeMention | None]:
    """Each bare day's mention in the year of the date it leans on (``mentions[i]`` is
    ``expressions[i]`` resolved, None when it was not): resolved alone, "16" of "January 14-16"
    may take another year than "January 14"."""
    out = list(mentions)
    for i, cand in enumerate(expressions):
        mention, partner = out[i], out[i + cand.lean] if cand.lean else None
        if mention is None or partner is None or mention.interval is None:
            continue
        if partner.interval is None or partner.interval.start.year == mention.interval.start.year:
            continue
        year = partner.interval.start.year
        try:
            day = mention.interval.start.replace(year=year)
        except ValueError:  # 29 February of another year
            out[i] = None
            continue
        out[i] = replace(
            mention,
            value=f"{year:04d}{mention.value[4:]}",
            interval=Interval(day, day, mention.interval.granularity),
        )
    return out


def _day_of(cand: _Candidate) -> int | None:
    """The day of the month a mention names with its month, else None."""
    spec = cand.spec
    if spec.kind in _DAY_OF_MONTH and spec.month is not None and not spec.clock:
        return spec.day
    return None


def _bare_days(text: str, kept: list[_Candidate]) -> list[_Candidate]:
    """Each bare day of a list or span as a mention with its date's month (and year)."""
    out: list[_Candidate] = []
    partners: dict[int, _Candidate] = {}  # id of a bare day's candidate -> its date's
    absorbed: list[tuple[int, int]] = []  # years a list took from the mentions
    for i, cand in enumerate(kept):
        day = _day_of(cand)
        if day is None:
            out.append(cand)
            continue
        if _day_first(text, cand):  # "1, 2 and 3 April": bare days before, lower and lower
            floor = out[-1].end if out else 0
            found = _days_before(text, floor, cand.start, day)
            bare = [
                cand._replace(start=s, end=e, spec=replace(cand.spec, day=d)) for s, e, d in found
            ]
            partners.update((id(b), cand) for b in bare)
            out.extend(bare)
            out.append(cand)
            continue
        out.append(cand)
        if cand.spec.year is not None or cand.spec.kind != "partial":
            continue  # "On May 15, 2009, 20 soldiers": a date naming its year ends its list
        ceiling = kept[i + 1].start if i + 1 < len(kept) else len(text)
        found, year = _days_after(text, cand.end, ceiling, day, kept)
        if not found:
            continue
        spec = cand.spec
        if year is not None:  # "June 3 and 6, 2009": the year is all the days'
            spec = replace(spec, kind="absolute", year=int(text[year[0] : year[1]]))
            out[-1] = cand = cand._replace(spec=spec)
            absorbed.append(year)
        for n, (s, e, d) in enumerate(found):
            end = year[1] if year is not None and n == len(found) - 1 else e
            bare = cand._replace(start=s, end=end, spec=replace(spec, day=d))
            partners[id(bare)] = cand
            out.append(bare)
    if not partners:
        return kept
    if absorbed:  # the year a list took is no mention of its own any more
        out = [c for c in out if not any(s <= c.start and c.end <= e for s, e in absorbed)]
    where = {id(c): n for n, c in enumerate(out)}
    return [
        c._replace(lean=where[id(partners[id(c)])] - n) if id(c) in partners else c
        for n, c in enumerate(out)
    ]


def _days_after(
    text: str, start: int, ceiling: int, day: int, kept: list[_Candidate]
) -> tuple[list[tuple[int, int, int]], tuple[int, int] | None]:
    """The bare days after a month-first date ending at ``start`` (each (start, end, day)),
    and the span of the year after them, if any."""
    found: list[tuple[int, int, int]] = []
    joins: list[str] = []
    at, last = start, day
    while True:
        match = _NEXT.match(text, at)
        if match is None or match.start("word") >= ceiling or int(match["day"]) <= last:
            break
        found.append((match.start("word"), match.end("word"), int(match["day"])))
        join = match["join"].strip()
        joins.append(
            "comma"
            if join == ","
            else "span"
            if re.fullmatch(_SPAN_JOIN, match["join"])
            else "list"
        )
        at, last = match.end(), int(match["day"])
        if joins[-1] == "span":
            break  # "March 3-5": a span has two ends
    while joins and joins[-1] == "comma":  # "April 1, 15 ...": a comma alone makes no list
        found.pop()
        joins.pop()
    if not found:
        return [], None
    end = found[-1][1]
    year = _YEAR_AFTER.match(text, end)
    if year is not None and _own(kept, year.start("year"), year.end("year")):
        return found, year.span("year")
    if _COUNT.match(text, end) or (joins[-1] == "list" and _PLURAL.match(text, end)):
        return [], None  # "May 5 and 6 people died", "between May 1 and 15 cases"
    return found, None


def _days_before(text: str, floor: int, start: int, day: int) -> list[tuple[int, int, int]]:
    """The bare days before a day-first date starting at ``start`` (each (start, end, day)),
    in text order, none before ``floor``."""
    found: list[tuple[int, int, int]] = []
    at, last = start, day
    while True:
        match = _PREVIOUS.search(text, floor, at)
        if match is None or int(match["day"]) >= last:
            break
        if match["join"] == "," and not found:
            break  # "Vol. 12, 16 October": a comma alone does not make a list
        word = re.search(r"([A-Za-z]+)\.?\s*$", text[floor : match.start()])
        if word is not None and word.group(1).lower() in _NUMBERED:
            break  # "Episode 4 - 16 October", "aged 25 - 26 March"
        found.append((match.start("word"), match.end("word"), int(match["day"])))
        at, last = match.start(), int(match["day"])
    return found[::-1]


def _own(kept: list[_Candidate], start: int, end: int) -> bool:
    """Whether no mention reaches beyond ``start:end`` while overlapping it."""
    return all(
        c.end <= start or c.start >= end or (start <= c.start and c.end <= end) for c in kept
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
            out[i] = first._replace(spec=replace(second.spec, day=first.spec.day))
            continue
        if first.spec.kind != "partial" or _day_of(first) is None or second.spec.kind == "partial":
            continue
        if first.spec.month > second.spec.month:  # type: ignore[operator]
            continue  # "December 1 and January 1, 2012" may be a year apart or more
        spec = replace(second.spec, month=first.spec.month, day=first.spec.day)
        out[i] = first._replace(spec=spec)
    return out


# Between two dates the first of which takes the second's year ("postponed from March 1 until
# June 1, 2012" names two years).
_SHARE = re.compile(r"(?:\s*,\s*|\s*[-–—/]\s*|\s+(?:and|&|or|to|through)\s+)(?:on\s+|the\s+)?")
