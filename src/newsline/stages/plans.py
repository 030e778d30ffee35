"""Plans apart from happenings: is a dated sentence about what is scheduled, targeted,
expected or promised for its date, rather than what happened then?

A sentence is a plan's when the time expression that dated it (``Event.mention``), in order:

1. lies more than a day after the publication day of the article that states it (nothing had
   happened on it yet when it was written: "is budgeted at $5.8 billion and opens in 2021" in
   a 2014 article; a day's slack for time zones and feeds that stamp a story a day early,
   "tomorrow" always counts), unless the expression counts from another date of the story
   rather than from the day of writing ("Sarah joined a year later", "the following
   spring"): there the future lies in the tagger's reading, not in the sentence;
2. is preceded, in its own clause, by a plan or modal cue nearer than any past-tense verb (the
   tagger's tense cues, :mod:`newsline.temporal.tense`, read the same way): "is scheduled to
   open in 2021", "said the target of opening the crossing to traffic in 2021 remained
   achievable", "trains should run with the December timetable change", "was expected to
   finish by May"; a past verb nearer to the date ("opened in 2023 as planned") ends the
   search, and so does a promise made on the date ("BP vowed Monday to pay": the vow is what
   happened then);
3. is followed by a plan noun it qualifies: "a 2012 opening target", "the 2021 deadline".

Only sentences dated by their own words can be plans: a lead sentence dated by its article's
publication day reports news of that day (an announcement of a plan is news), and a claim
dated by matching another sentence takes that sentence's date, not its own.
"""

from __future__ import annotations

import re
from datetime import date

from newsline.records import Event
from newsline.stages.clean_text import find_mention
from newsline.temporal.tense import FUTURE_PHRASES, PAST_WORDS

#: Words that make the date after them a plan's ("scheduled to open in", "target of ... in").
PLAN_WORDS = frozenset(
    "will 'll shall would should could might scheduled slated due planned plans plan planning"
    " intends intend intended aims aim aimed target targets targeted deadline goal expected"
    " expects expect promised promises pledged vowed forecast projected".split()
)
#: Plan nouns a date qualifies when it stands before them ("a 2012 opening target"); right
#: before the date's preposition they are what an act was done to ("rejects a bond plan in
#: 2005"), not what the date is a plan for.
_PLAN_NOUNS = frozenset("plan plans target targets deadline goal".split())
_PREPOSITIONS = frozenset("in on at during".split())
# Promises made on the date they stand before: "vowed Monday to pay", "pledged on Tuesday".
_SAID = frozenset("vowed promised pledged announced".split())
# The tagger's past cues that are verbs ("last", "ago" are adverbs of time: "the last trains").
_PAST_VERBS = PAST_WORDS - frozenset("ago yesterday last earlier".split())
# Expressions counting from a date of the story, not from the day of writing.
_ANAPHORIC = re.compile(r"\b(?:later|afterwards|following|thereafter)\b|\bafter\s*$", re.IGNORECASE)
# Plan phrases the words alone miss: "on course to open in 2023", "on track for 2021".
_PLAN_PHRASES = re.compile(r"\bon (?:course|track|schedule) (?:to|for)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|'[a-z]+")
# A clause ends at these: "The bridge, which will cost $5bn, opened in 2023" opened in the past.
_CLAUSE_BREAK = re.compile(r"[,;:()—–]|\s-\s")
# How far before the date a cue may stand, and how near after it a plan noun.
_BEFORE_WORDS = 12
_AFTER_WORDS = 2


def is_plan(event: Event, published: date | None) -> bool:
    """True when ``event`` speaks of a plan or expectation for its date (see the module)."""
    if event.dated_by != "explicit" or not event.mention or event.interval is None:
        return False
    if (
        published is not None
        and not _ANAPHORIC.search(event.mention)
        and (
            (event.interval.start - published).days > 1  # never past date.max
            or (event.interval.start > published and "tomorrow" in event.mention.lower())
        )
    ):
        return True
    at = find_mention(event.text, event.mention)
    if at < 0:
        return False
    return plan_cue(event.text, at, at + len(event.mention)) is not None


def plan_cue(text: str, start: int, end: int) -> str | None:
    """The word or phrase that makes the date at ``text[start:end]`` a plan's, if any."""
    before = _CLAUSE_BREAK.split(text[:start])[-1]
    phrases = [m for p in (FUTURE_PHRASES, _PLAN_PHRASES) for m in p.finditer(before)]
    phrase = max(phrases, key=lambda m: m.end(), default=None)
    words = list(_WORD.finditer(before))[::-1][:_BEFORE_WORDS]
    for position, match in enumerate(words):
        if phrase is not None and match.end() <= phrase.end():
            return phrase.group()
        word = match.group()
        if word.lower() in _SAID and _next_to_date(position, words):
            return None
        if word.lower() in PLAN_WORDS and not _object(word, position, words):
            return word
        previous = words[position + 1].group() if position + 1 < len(words) else ""
        if _past(word, previous):
            return None
    after = _WORD.findall(_CLAUSE_BREAK.split(text[end:])[0])[:_AFTER_WORDS]
    return next((w for w in after if w.lower() in _PLAN_NOUNS), None)


def _object(word: str, position: int, words: list[re.Match[str]]) -> bool:
    """A plan noun just before the date's preposition: "rejects a bond plan in 2005"."""
    return word.lower() in _PLAN_NOUNS and _next_to_date(position, words)


def _next_to_date(position: int, words: list[re.Match[str]]) -> bool:
    """The word stands right before the date, or before its preposition."""
    return position == 0 or (position == 1 and words[0].group().lower() in _PREPOSITIONS)


def _past(word: str, before: str) -> bool:
    """A past-tense verb that is not a participle after an auxiliary ("was expected" is not
    a past cue here: its auxiliary is, and "expected" came first)."""
    lower = word.lower()
    if lower not in _PAST_VERBS and not (lower.endswith("ed") and len(lower) > 4):
        return False
    return before.lower() not in ("be", "been", "being", "to")
