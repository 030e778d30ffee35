"""Find and normalize time expressions in one text.

Order of work, for each text: (1) every rule of :mod:`newsline.temporal.rules` proposes matches
around the trigger words its expressions contain (:mod:`newsline.temporal.windows`), in the
windows that hold what its kept matches must (``MUST_*``), matched in the lowercased text when
it is ASCII (case-sensitive patterns skip alternatives faster) and again in the text itself;
(2) overlapping matches are settled, longest first, then the earliest rule; (3) a time of day
next to a day ("10 p.m. Wednesday", "Thursday evening") is joined to it, and the bare days of
a list or span ("April 16 and 17") join it as mentions (:mod:`newsline.temporal.lists`);
(4) the kept matches are resolved left to right, each against the anchor, the tense around it
(:mod:`newsline.temporal.tense`) and the last date mentioned before it (so "that year" and
"two days later" follow the narrative); a weekday paired with the one just before it ("by
Sunday or Monday", "Wednesday to Friday") is read from that one's day.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from datetime import date
from typing import NamedTuple

from newsline.records import Interval, TimeMention
from newsline.slots import maker
from newsline.temporal.dates import GRANULARITY_RANK, weekday_near
from newsline.temporal.lexicon import ABBREVIATIONS
from newsline.temporal.lists import listed, same_year
from newsline.temporal.resolve import Discourse, Spec, resolve, resolve_interval, resolve_parts
from newsline.temporal.rules import RULES, Rule, plain
from newsline.temporal.starts import Finder, matches
from newsline.temporal.windows import cut_after_last, triggers, windows

_ANAPHORIC = {"anaphoric_offset", "anaphoric_same", "anaphoric_month", "anaphoric_quarter"}
_DAY_KINDS = {"weekday", "partial", "absolute", "relative"}
_JOIN_GAP = re.compile(r"\s*(?:,\s*)?(?:on\s+|of\s+)?$", re.IGNORECASE)
# Granularities a later anaphor may refer back to; vaguer mentions are not antecedents.
_ANTECEDENT = {"day", "week", "month", "season", "quarter", "half", "year"}


class _Candidate(NamedTuple):
    """A rule's match, its text trimmed (``start``, ``end``), the rule's rank and its spec. A
    named tuple, as immutable as a frozen dataclass and made in a fifth of the time (whose
    ``__init__`` sets each field through ``object.__setattr__``); changed with ``_replace``."""

    start: int
    end: int
    rank: int
    spec: Spec
    lean: int = 0  # a bare day of a list: where its date is among the expressions (+1: next)


#: The rules (their ranks) each trigger kind may start.
_RANKS_OF_KIND: dict[str, tuple[int, ...]] = {
    kind: tuple(rank for rank, rule in enumerate(RULES) if kind in rule.kinds)
    for kind in {kind for rule in RULES for kind in rule.kinds}
}


def _spans_of_rule() -> tuple[int, ...]:
    """Each rule's windows as a number: rules of the same trigger kinds, ``must_text`` and
    ``ends_at_trigger`` scan the same spans of a text, found once per text."""
    keys = [(rule.kinds, rule.must_text, rule.ends_at_trigger) for rule in RULES]
    numbers = {key: n for n, key in enumerate(dict.fromkeys(keys))}
    return tuple(numbers[key] for key in keys)


_SPANS_OF_RULE = _spans_of_rule()
#: Whether a rule's matches start at the end of its group "lead" when it matched (a word
#: before the expression that the rule reads but the mention leaves out): known per rule, not
#: asked of each match.
_LEADS = tuple("lead" in rule.pattern.groupindex for rule in RULES)


class _Step(NamedTuple):
    """One rule as a text with a given set of trigger kinds runs it (:func:`_steps`)."""

    rank: int
    rule: Rule
    spans: int  # the rule's windows (_SPANS_OF_RULE)
    checked: bool  # whether its windows are checked for its must_* (_may_match)
    near: bool  # whether one of its must kinds is among the text's trigger kinds
    finder: Finder | None  # rule.by_first(), asked once here, not at each window of each text


@functools.lru_cache(maxsize=4096)
def _steps(kinds: frozenset[str]) -> tuple[_Step, ...]:
    """The rules a text whose triggers are of ``kinds`` runs, in their order. What depends on
    the kinds alone is worked out once for all such texts (a news corpus has a few thousand
    sets of kinds at most), not again for each text and rule."""
    ranks = sorted({rank for kind in kinds for rank in _RANKS_OF_KIND.get(kind, ())})
    steps = [_step(rank, not kinds.isdisjoint(RULES[rank].must_kinds)) for rank in ranks]
    return tuple(step for step in steps if step is not None)


@functools.cache
def _step(rank: int, near: bool) -> _Step | None:
    """Rule ``rank``'s step in a text with (``near``) or without a trigger of one of its must
    kinds; None when it has no window to scan there. Made once (a rule has two), not at each
    set of kinds :func:`_steps` meets (a few thousand, a tenth of them a miss of its cache)."""
    rule = RULES[rank]
    if rule.must_kinds and not near and not rule.must_words:
        return None  # no window holds a must kind, and there are no words: _may_match says no
    checked = bool(rule.must_kinds or rule.must_words)
    return _Step(rank, rule, _SPANS_OF_RULE[rank], checked, near, rule.by_first())


def _candidates(text: str, windowed: bool = True) -> list[_Candidate]:
    found: list[_Candidate] = []
    if not windowed:
        for rank, rule in enumerate(RULES):
            _scan(text, None, rule, rank, (0, len(text)), found)
        return found
    lowered = text.lower() if text.isascii() else None
    hits = triggers(text, lowered)
    if not hits:
        return found  # most sentences of news: no digit, no time word
    ascii_only = lowered is not None and plain(text)
    windows_of: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    spans_of: dict[int, list[tuple[int, int]]] = {}
    for rank, rule, key, checked, near, finder in _steps(frozenset(hits)):  # (with a trigger)
        if checked and not near and not _names_any(rule.must_words, lowered):
            continue  # no window of the text holds what the rule's kept matches must
        spans = spans_of.get(key)
        if spans is None:
            spans = spans_of[key] = _spans(text, hits, rule, lowered, windows_of, ascii_only)
        for lo, hi in spans:
            if not checked or _may_match(rule, hits, lowered, lo, hi):
                _scan(text, lowered, rule, rank, (lo, hi), found, ascii_only, finder)
    return found


def _names_any(words: tuple[str, ...], lowered: str | None) -> bool:
    """Whether the text (``lowered``, None beyond ASCII) may hold one of a rule's must words,
    as :func:`_may_match` looks for them in a window: a text whose triggers are of none of the
    rule's must kinds and which holds none of its must words anywhere has no window that holds
    one, so every window's :func:`_may_match` would say no; the rule is skipped at once."""
    if lowered is None:
        return bool(words)
    for word in words:  # noqa: SIM110 (a loop costs less than any() here)
        if word in lowered:
            return True
    return False


def _spans(
    text: str,
    hits: dict[str, list[int]],
    rule: Rule,
    lowered: str | None,
    windows_of: dict[tuple[str, ...], list[tuple[int, int]]],
    ascii_only: bool = False,
) -> list[tuple[int, int]]:
    """The windows ``rule`` scans in ``text`` (those of its kinds, in ``windows_of``, kept per
    text), cut after their last trigger and to those holding its ``must_text`` (ASCII-only
    when ``ascii_only``: :func:`rules.plain`, the same windows)."""
    # (beyond ASCII a pattern's "s" matches "ſ": a trigger word may not be the text's word)
    spans = windows_of.get(rule.kinds)
    if spans is None:
        spans = windows_of[rule.kinds] = windows(text, hits, rule.kinds)
    if rule.ends_at_trigger and lowered is not None:
        spans = cut_after_last(text, hits, rule.kinds, spans)
    must_text = rule.ascii_must_text if ascii_only else rule.must_text
    if must_text is not None:
        spans = [(lo, hi) for lo, hi in spans if must_text.search(text, lo, hi)]
    return spans


def _scan(
    text: str,
    lowered: str | None,
    rule: Rule,
    rank: int,
    span: tuple[int, int],
    found: list[_Candidate],
    ascii_only: bool = False,
    finder: Finder | None | bool = True,
) -> None:
    """Propose ``rule``'s matches in ``text[lo:hi]``; found in ``lowered`` (``text`` in lowercase,
    when it is ASCII) by ``rule.lower``, then matched again in ``text`` for the builder, which
    may look at letter case ("May" is a month, "may" is not). ``ascii_only``: the text may be
    matched with the rule's ASCII-only patterns (:func:`rules.plain`), the same matches.
    ``finder``: ``rule.by_first()`` when the caller has it (True: ask it here)."""
    lo, hi = span
    if lowered is None:
        for match in rule.pattern.finditer(text, lo, hi):
            if match.end() > match.start():
                _propose(text, match, rank, rule.build(match, text), found)
        return
    found_by_first = (rule.by_first() if finder is True else finder) if ascii_only else None
    if found_by_first is not None:  # the same matches as rule.lower's below, found faster
        for start, _end in matches(found_by_first, lowered, lo, hi):
            again = rule.ascii_pattern.match(text, start, hi)
            if again is not None:  # always: the same pattern at the same place
                _propose(text, again, rank, rule.build(again, text), found)
        return
    quickly, pattern = (
        (rule.lower, rule.ascii_pattern) if ascii_only else (rule.unicode_lower(), rule.pattern)
    )
    for quick in quickly.finditer(lowered, lo, hi):
        if quick.end() > quick.start():
            again = pattern.match(text, quick.start(), hi)
            if again is not None:  # always: the same pattern at the same place
                _propose(text, again, rank, rule.build(again, text), found)


def _may_match(
    rule: Rule, hits: dict[str, list[int]], lowered: str | None, lo: int, hi: int
) -> bool:
    """Whether the window holds what every kept match of ``rule`` holds (its ``must_*``)."""
    for kind in rule.must_kinds:
        positions = hits.get(kind)
        if positions:
            at = bisect_left(positions, lo)
            if at < len(positions) and positions[at] < hi:
                return True
    if lowered is None:
        return bool(rule.must_words)  # beyond ASCII, "ſ" matches a pattern's "s": look anyway
    for word in rule.must_words:  # noqa: SIM110 (a loop costs less than any() here)
        if lowered.find(word, lo, hi) >= 0:
            return True
    return False


def _propose(
    text: str, match: re.Match[str], rank: int, spec: Spec | None, found: list[_Candidate]
) -> None:
    """Add a rule's match as a candidate unless its builder rejected it (``spec`` None)."""
    if spec is None:
        return
    first = match.end("lead") if _LEADS[rank] and match["lead"] else match.start()
    start, end = _trim(text, first, match.end())
    found.append(_Candidate(start, end, rank, spec))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in " \t\n,.":
        if text[end - 1] == "." and _keeps_period(text, start, end):
            break
        end -= 1
    return start, end


# The letters and periods a text ends with (a search's "$" matches at the end it is given).
_LAST_WORD = re.compile(r"[A-Za-z.]+\.$")


def _keeps_period(text: str, start: int, end: int) -> bool:
    """Keep the period of an abbreviation ('Dec.', 'p.m.') but not a sentence's full stop."""
    word = _LAST_WORD.search(text, start, end)
    if word is None:
        return False
    return word.group(0).count(".") > 1 or word.group(0)[:-1].lower() in ABBREVIATIONS


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping matches: longest first, then the earliest rule, then leftmost."""
    if len(candidates) == 1:  # one match: taken as it is (two sorts and a lambda saved)
        return candidates
    taken: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-(c.end - c.start), c.rank, c.start)):
        if all(cand.end <= t.start or cand.start >= t.end for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda c: c.start)


def _join_times(text: str, kept: list[_Candidate]) -> list[_Candidate]:
    """Join a clock time and the day beside it into one TIME mention."""
    if len(kept) == 1:  # nothing beside it to join
        return kept
    out: list[_Candidate] = []
    for cand in kept:
        prev = out[-1] if out else None
        if prev is not None and _JOIN_GAP.fullmatch(text[prev.end : cand.start]):
            joined = _joined(prev, cand)
            if joined is not None:
                out[-1] = joined
                continue
        out.append(cand)
    return out


def _joined(first: _Candidate, second: _Candidate) -> _Candidate | None:
    clock, day = (first, second) if first.spec.kind == "clock" else (second, first)
    if clock.spec.kind != "clock" or day.spec.kind not in _DAY_KINDS or day.spec.clock:
        return None
    if day.spec.kind == "relative" and day.spec.unit != "D":
        return None
    if day.spec.kind in ("partial", "absolute") and day.spec.day is None:
        return None
    spec = replace(day.spec, type="TIME", clock=clock.spec.clock)
    return _Candidate(first.start, second.end, min(first.rank, second.rank), spec)


@dataclass(frozen=True, slots=True)
class Tagger:
    """A reusable tagger. Holds no state between texts; settings may grow here.

    ``windowed`` runs each rule only near its trigger words (the default, about three times
    faster); ``False`` runs every rule over the whole text, which must give the same mentions.
    """

    windowed: bool = True

    def tag(
        self,
        text: str,
        anchor: date | None = None,
        narrative: bool = False,
        carried: Interval | None = None,
    ) -> list[TimeMention]:
        """Time mentions of ``text``; relative ones resolve against ``anchor`` when given.

        ``narrative``: the text tells a story year by year (a chronology's paragraph, "2014 —
        ... in April"), so a month without a year falls in the year last named.
        ``carried``: the last date of the text before this one (an earlier paragraph of the
        same article, :func:`last_antecedent`), which an anaphor ("that year", "two days
        later") with none before it in ``text`` leans on.
        """
        return self.resolve(self.parse(text), anchor, narrative, carried)

    def parse(self, text: str) -> Parsed:
        """Steps 1-3 of the module docstring: the expressions found in ``text``, not yet
        resolved. They depend on the text alone, so one parse serves every anchor (a page's
        dating, without its date, and its events, with it)."""
        candidates = _candidates(text, self.windowed)
        if not candidates:
            return Parsed(text, ())
        return Parsed(text, tuple(listed(text, _join_times(text, _select(candidates)))))

    def resolve(
        self,
        parsed: Parsed,
        anchor: date | None = None,
        narrative: bool = False,
        carried: Interval | None = None,
    ) -> list[TimeMention]:
        """Step 4: the parsed expressions as mentions, resolved against ``anchor``; the same
        as :meth:`tag` of the parsed text."""
        if not parsed.expressions:
            return []
        disc = Discourse(anchor=anchor, narrative=narrative, carried=carried)
        mentions: list[TimeMention | None] = []
        for at, cand in enumerate(parsed.expressions):
            disc.follows = _paired_day(parsed, at, mentions[-1], disc) if at else None
            mentions.append(_resolve(parsed.text, cand, disc))
        if any(cand.lean for cand in parsed.expressions):
            mentions = same_year(parsed.expressions, mentions)
        return [m for m in mentions if m is not None]


@dataclass(frozen=True, slots=True)
class Parsed:
    """A text's time expressions found and settled but not resolved (:meth:`Tagger.parse`)."""

    text: str
    expressions: tuple[_Candidate, ...]

    def leans(self) -> bool:
        """Whether an expression may lean on a date before the text (``carried``): an anaphor;
        without one, the text resolves the same with or without it."""
        return any(_is_anaphor(cand.spec) for cand in self.expressions)


# Between the two weekdays of a pair: a span ("Thursday to Saturday") or a list ("Sunday or
# Monday", "late Monday or Tuesday", "Tuesday and Thursday").
_PAIRED = re.compile(
    r"\s*,?\s*(?:(?P<span>to|through|until|till|-|–)|or|and)\s+(?:(?:late|early)\s+)?(?:on\s+)?"
)


def _paired_day(
    parsed: Parsed, at: int, before: TimeMention | None, disc: Discourse
) -> tuple[date, str] | None:
    """The day of the weekday paired with expression ``at`` (the one just before it, resolved
    to ``before``; ``disc`` still at it) and how the second lies from it
    (``Discourse.follows``), when both are bare weekdays; else None."""
    first, second = parsed.expressions[at - 1], parsed.expressions[at]
    if before is None or before.interval is None:
        return None
    if not (_bare_weekday(first) and _bare_weekday(second)):
        return None
    if before.interval.start != before.interval.end or not before.value[:4].isdigit():
        return None
    gap = _PAIRED.fullmatch(parsed.text, first.end, second.start)
    if gap is None:
        return None
    day, how = before.interval.start, "after" if gap["span"] else "nearest"
    assert second.spec.weekday is not None
    # a pair begun before the telling, told in the past, ends before it too ("were shut on
    # Thursday and Saturday", said on a Friday, is no Saturday ahead): the tense reads it
    if (
        disc.anchor
        and day < disc.anchor < weekday_near(day, second.spec.weekday, how)
        and disc.tense == "past"
    ):
        return None
    return day, how


def _bare_weekday(cand: _Candidate) -> bool:
    """A weekday named alone ("Monday", "late Friday", "Sunday night"), not "last Monday"."""
    return cand.spec.kind == "weekday" and cand.spec.value is None


def _resolve(text: str, cand: _Candidate, disc: Discourse) -> TimeMention | None:
    disc.at(text, cand.start, cand.end)
    disc.last = _antecedent(disc.history, cand.spec)
    leaned = False
    if disc.last is None and disc.carried is not None and _is_anaphor(cand.spec):
        disc.last = _antecedent([disc.carried], cand.spec)
        leaned = disc.last is not None
    resolved = resolve(cand.spec, disc)
    if resolved is None:
        return None
    value, mod = resolved
    interval = resolve_interval(cand.spec, value, mod, disc)
    if interval is None and cand.spec.type in ("DATE", "TIME") and value[:4].isdigit():
        return None  # days the calendar cannot hold: "this weekend" said on 9999-12-31
    if (
        leaned
        and interval is not None
        and disc.anchor is not None
        and interval.start > disc.anchor
        and disc.tense != "future"
    ):
        return None  # "Two decades later, they agree ..." after "today": no 2030
    if interval is not None and _is_antecedent(cand.spec, interval):
        disc.history.append(interval)
    return _mention(
        cand.start,
        cand.end,
        text[cand.start : cand.end],
        cand.spec.type,
        value,
        mod,
        interval,
        _parts(text, cand.spec, disc),
    )


# ``TimeMention(...)``, made faster (:func:`newsline.slots.maker`): some 8 an article.
_mention = maker(TimeMention)


def _parts(text: str, spec: Spec, disc: Discourse) -> tuple[TimeMention, ...]:
    """The two ends of a range as mentions of their own ("from March to May")."""
    parts = []
    ends = (
        resolve_parts(spec, disc)
        if spec.kind == "range"
        else [resolve(p, disc) for p in spec.parts]
    )
    for part, (start, end), done in zip(spec.parts, spec.spans, ends, strict=False):
        start, end = _trim(text, start, end)
        if done is None:
            return ()
        interval = resolve_interval(part, *done, disc)
        parts.append(_mention(start, end, text[start:end], part.type, *done, interval))
    return tuple(parts)


def _is_antecedent(spec: Spec, interval: Interval) -> bool:
    """Whether later anaphors may lean on this mention. Ranges and vague spans may not, nor
    comparisons that look back ("a year earlier", "the year-ago quarter"): the story stays
    where it was."""
    if interval.granularity not in _ANTECEDENT or spec.kind == "range":
        return False
    return not (spec.kind in _ANAPHORIC and (spec.amount or 0) < 0)


def _is_anaphor(spec: Spec) -> bool:
    """Whether the expression leans on a date mentioned before ("that year", "a day later")."""
    return spec.kind in _ANAPHORIC or spec.value == "anaphoric"


def _antecedent(history: list[Interval], spec: Spec) -> Interval | None:
    """The last mention an expression may lean on: 'that year' needs a year or finer."""
    if not _is_anaphor(spec):
        return history[-1] if history else None
    if spec.kind == "anaphoric_quarter":
        wanted = GRANULARITY_RANK["quarter"]
    elif spec.kind == "anaphoric_month":
        wanted = GRANULARITY_RANK["year"]
    else:
        wanted = {"D": 0, "W": 1, "M": 2, "Q": 3, "Y": 5}.get(spec.unit or "Y", 5)
    for interval in reversed(history):
        if GRANULARITY_RANK.get(interval.granularity, 9) <= wanted:
            return interval
    return None


def last_antecedent(mentions: list[TimeMention], before: Interval | None) -> Interval | None:
    """The date a later text's anaphors lean on after ``mentions`` (a text's, in order): its
    last date that may be leaned on, else the one ``before`` it."""
    for mention in reversed(mentions):
        interval = mention.interval
        if interval is not None and interval.granularity in _ANTECEDENT and not mention.parts:
            return interval
    return before


@dataclass
class TextTags:
    """The tagging of one article's texts, each parsed once whatever asks for it.

    Dating a page tags its paragraphs without an anchor, then its events tag the same paragraphs
    against its publication day: the parse (most of the cost) is shared, and so is a resolution
    asked for twice. Use one per article, as a :class:`Tagger` (``tag`` gives the same mentions).
    """

    tagger: Tagger = field(default_factory=Tagger)
    parsed: dict[str, Parsed] = field(default_factory=dict)
    resolved: dict[tuple[str, date | None, bool, Interval | None], list[TimeMention]] = field(
        default_factory=dict
    )

    def tag(
        self,
        text: str,
        anchor: date | None = None,
        narrative: bool = False,
        carried: Interval | None = None,
    ) -> list[TimeMention]:
        """:meth:`Tagger.tag`, from this article's earlier parse of ``text`` when there is one."""
        parsed = self.parsed.get(text)
        if parsed is None:
            parsed = self.parsed[text] = self.tagger.parse(text)
        if carried is not None and not parsed.leans():
            carried = None  # nothing in the text leans on it: the mentions made without it
        key = (text, anchor, narrative, carried)
        found = self.resolved.get(key)
        if found is None:
            found = self.resolved[key] = self.tagger.resolve(parsed, anchor, narrative, carried)
        return list(found)


def tag(text: str, anchor: date | None = None) -> list[TimeMention]:
    """Tag ``text`` with a default :class:`Tagger`."""
    return Tagger().tag(text, anchor)
