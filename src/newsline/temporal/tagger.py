"""Find and normalize time expressions in one text.

Order of work, for each text: (1) every rule of :mod:`newsline.temporal.rules` proposes matches;
(2) overlapping matches are settled, longest first, then the earliest rule; (3) the kept matches
are resolved left to right, each against the anchor, the tense of its sentence and the last
date mentioned before it (so "that year" and "two days later" follow the narrative).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from newsline.records import Interval, TimeMention
from newsline.temporal.resolve import Discourse, Spec, resolve, resolve_interval
from newsline.temporal.rules import RULES

_FUTURE = re.compile(
    r"\b(?:will|won't|shall|'ll|going to|plans? to|planned|is set to|are set to|scheduled|"
    r"expected to|to be held|upcoming|next|would)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+|\n")
_ANAPHORIC = {"anaphoric_offset", "anaphoric_same", "anaphoric_month"}


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    rank: int
    spec: Spec


def _candidates(text: str) -> list[_Candidate]:
    found = []
    for rank, (_name, pattern, build) in enumerate(RULES):
        for match in pattern.finditer(text):
            spec = build(match, text)
            if spec is not None and match.end() > match.start():
                lead = match.groupdict().get("lead")
                first = match.end("lead") if lead else match.start()
                start, end = _trim(text, first, match.end())
                found.append(_Candidate(start, end, rank, spec))
    return found


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in " \t\n,.":
        if text[end - 1] == "." and end - start <= 5:  # keep "Dec." and similar abbreviations
            break
        end -= 1
    return start, end


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping matches: longest first, then the earliest rule, then leftmost."""
    taken: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-(c.end - c.start), c.rank, c.start)):
        if all(cand.end <= t.start or cand.start >= t.end for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda c: c.start)


def _sentence(text: str, start: int, end: int) -> str:
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    right_match = _SENTENCE_END.search(text, end)
    right = right_match.start() if right_match else len(text)
    return text[left:right]


def _tense(sentence: str) -> str:
    return "future" if _FUTURE.search(sentence) else "past"


@dataclass
class Tagger:
    """A reusable tagger. Holds no state between texts; settings may grow here."""

    def tag(self, text: str, anchor: date | None = None) -> list[TimeMention]:
        """Time mentions of ``text``; relative ones resolve against ``anchor`` when given."""
        disc = Discourse(anchor=anchor)
        mentions = []
        for cand in _select(_candidates(text)):
            disc.tense = _tense(_sentence(text, cand.start, cand.end))
            if cand.spec.kind in _ANAPHORIC:
                disc.last = _last_fitting(disc.history, cand.spec)
            else:
                disc.last = disc.history[-1] if disc.history else None
            resolved = resolve(cand.spec, disc)
            if resolved is None:
                continue
            value, mod = resolved
            interval = resolve_interval(cand.spec, value, mod, disc)
            if interval is not None and interval.granularity in _GRAN_ORDER:
                disc.history.append(interval)
            mentions.append(
                TimeMention(
                    start=cand.start,
                    end=cand.end,
                    text=text[cand.start : cand.end],
                    type=cand.spec.type,
                    value=value,
                    mod=mod,
                    interval=interval,
                )
            )
        return mentions


_GRAN_ORDER = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "half": 4, "year": 5}


def _last_fitting(history: list[Interval], spec: Spec) -> Interval | None:
    """The last mention precise enough for an anaphor: 'that year' needs a year or finer."""
    wanted = {"D": 0, "W": 1, "M": 2, "Y": 5}.get(spec.unit or "Y", 5)
    if spec.kind == "anaphoric_month":
        wanted = 5
    for interval in reversed(history):
        if _GRAN_ORDER.get(interval.granularity, 9) <= wanted:
            return interval
    return None


def tag(text: str, anchor: date | None = None) -> list[TimeMention]:
    """Tag ``text`` with a default :class:`Tagger`."""
    return Tagger().tag(text, anchor)
