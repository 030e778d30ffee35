"""What a weekday's own phrase says of when it is, before any verb is read.

A weekday named alone ("on Tuesday") is the one the sentence's tense points to
(:mod:`newsline.temporal.tense`); some phrases around it say more than any verb does: what
it is "ahead of" follows the telling, what lies "as soon as" it or "by" it as a possibility is
ahead, a figure "as of" it is gone by, a habit's "usual Thursday" is any week's.
:func:`day_cue` reads them, in this order: "as of" and "since" (the past), a noun's "to begin"
and a forecast "through" it (the future), "ahead of" ("told") or "the eve of" ("eve"), a day's
programme, "as soon as" and a possibility's deadline (the future).
"""

from __future__ import annotations

import re

# A search with IGNORECASE tries its words' alternatives at every position of the text (no
# literal prefix for the engine to skip to), some microseconds on a sentence; where every match
# holds one of a few lowercase strings, ``str.lower`` and ``in`` tell in a fraction of that time
# that a text holds none, and so no match (most texts: the search is made only on the others).
# Sound because the strings use no "i", "k" nor "s": IGNORECASE also takes "İ", "ı", the Kelvin
# sign and "ſ" for those, which ``lower`` does not map to them; any character it takes for
# another ASCII letter is that letter in either case, which ``lower`` maps to that letter alone
# (tested over every character in tests/temporal/test_tense_needles.py).


def may_hold(text: str, needles: tuple[str, ...]) -> bool:
    """Whether ``text.lower()`` holds one of ``needles``: false only if a search that every
    match of holds one finds nothing in ``text``."""
    lower = text.lower()
    # a loop: a generator for any() costs more than the search of a needle or two
    for needle in needles:  # noqa: SIM110
        if needle in lower:
            return True
    return False


def guarded_search(
    pattern: re.Pattern[str], needles: tuple[str, ...], text: str
) -> re.Match[str] | None:
    """``pattern.search(text)``, made only where :func:`may_hold` says ``text`` may hold a
    match (``needles``: the strings one of which every match of ``pattern`` holds)."""
    return pattern.search(text) if may_hold(text, needles) else None


# Whatever the clause's tense, a weekday these look to is ahead: "set aflame as soon as
# Wednesday", "Come Saturday , we are going".
_SOON = re.compile(r"(?:\bas\s+(?:soon|early)\s+as|(?:^|[.!?:]\s*|``\s*)Come)\s*$", re.IGNORECASE)
_SOON_NEEDLES = ("oon", "early", "come")  # :func:`may_hold`
# A weekday that what is told leads up to is after the telling, which news tells near its
# day (:func:`newsline.temporal.dates.weekday_near`, "told": "the brothers speak ... ahead of
# Saturday night 's concert . Organisers said ...", published on a Friday, is the next day;
# "Speaking ahead of the Golden Globes on Sunday , Clooney said", on a Tuesday, two days
# back), also when what it leads up to is named first ("on the eve of Obama 's meeting with
# top BP executives at the White House on Wednesday", "set the stage for his showdown meeting
# Wednesday", "may not be made until after the chairman has met with Obama at the White House
# on Wednesday"); not "ahead of schedule".
_AHEAD_OF = re.compile(
    r"\b(?:ahead\s+of|in\s+advance\s+of|the\s+eve\s+of|the\s+(?:stage|way)\s+for|run-up\s+to"
    r"|until\s+after)\s+(?:(?!schedule|time\b|expectations|"
    r"forecasts|estimates|target|plan\b)(?:[^\s,;:.()]+\s+){1,14}?(?:on\s+)?)?$",
    re.IGNORECASE,
)
# ... told on its eve, the day before it, which is no later than the day it is published.
_EVE = re.compile(r"the\s+eve\b", re.IGNORECASE)
# One clause: no stop but a list's comma ("could reach the Mississippi , Alabama and Florida
# coasts by Monday"), not one before a conjunction ("could make it worse , and on Wednesday").
CLAUSE = (
    r"(?:[^,;:()]|,(?!\s*(?:and|but|or|which|who|when|while|as|after|before|because|though|"
    r"although)\b))*"
)
# A weekday a possibility is reached by lies ahead: "oil could reach the island by late on
# Wednesday , '' NOAA said" (the saying's past tense is not the possibility's).
_DEADLINE = re.compile(
    rf"\b(?:could|may|might)\s+(?!not\b|n't\b|have\b){CLAUSE}\bby\s+(?:(?:late|early)\s+)?"
    r"(?:on\s+)?$"
)


def _deadline(before: str) -> bool:
    """Whether ``_DEADLINE`` finds something in ``before``: not without its "by" and a "could",
    "may" or "might" (it heeds case: ``in`` tells, a fraction of a search's cost)."""
    if "by" not in before or not ("could" in before or "may" in before or "might" in before):
        return False
    return _DEADLINE.search(before) is not None


# A verb of the day's programme in the present, just before a weekday: a schedule ahead ("the
# trial resumes on Monday", "it opens Wednesday").
_SCHEDULED = re.compile(
    r"\b(?:opens|begins|starts|resumes|ends|closes|meets|arrives|leaves|returns|departs|"
    r"launches|visits|travels|heads|plays|faces|hosts|sails|flies|kicks off|gets under way)"
    r"\s+(?:on\s+|again\s+(?:on\s+)?)?$",
    re.IGNORECASE,
)
# What a noun is "to begin" on a weekday lies ahead ("an operation to begin late Tuesday"),
# not what a verb went on "to start" ("began to close on Friday"), nor the first, last or only
# one to do it ("the last ship to arrive on Tuesday was a tanker").
_TO_BEGIN = re.compile(
    r"\b(?!(?:began|started|had|has|have|was|were|is|are|used|went|came|tried|failed|agreed|"
    r"decided|voted|moved|be|first|last|only)\b)(?<!first\s)(?<!last\s)(?<!only\s)"
    r"[a-z]+(?<!ed)\s+to\s+(?:begin|start|open|resume|end|close|"
    r"arrive|take\s+place)\s+(?:(?:late|early)\s+)?(?:on\s+)?$"
)
# What every match of ``_TO_BEGIN`` holds (it heeds case): "to", and one of its verbs.
_BEGIN_VERBS = ("begin", "start", "open", "resume", "end", "close", "arrive", "take")


def _to_begin(before: str) -> bool:
    """Whether ``_TO_BEGIN`` finds something in ``before``: not without "to" and one of its
    verbs (``in`` tells, a fraction of a search's cost; most texts hold none)."""
    if "to" not in before or not any(verb in before for verb in _BEGIN_VERBS):
        return False
    return _TO_BEGIN.search(before) is not None


# A forecast through a weekday: "The Weather Service predicted winds , high tides and waves
# through Sunday", "Forecasts suggest light winds through Saturday".
_FORECAST_THROUGH = re.compile(r"\bthrough\s+$")
_FORECAST = re.compile(r"\b(?:[Ff]orecast\w*|predict\w*)\b")
# A weekday a figure stands "as of" is one gone by, so is one what lasts "since" ("the 11
# workers missing since the blast about 10 p.m. CDT Tuesday night would be rescued").
_AS_OF = re.compile(
    r"\b(?:as\s+of|since)\s+(?:(?:late|early)\s+)?$|\bsince\s+the\s+(?:[^\s,;:()]+\s+){1,6}$",
    re.IGNORECASE,
)
_AS_OF_NEEDLES = ("of", "nce")  # "as of", "since" (:func:`may_hold`)
# ... not one "as of" which a rule will hold: "As of Monday , the new fees will apply".
_WILL = re.compile(r"\b(?:will|shall)\b|'ll\b", re.IGNORECASE)
# A weekday of a habit: "his usual Thursday position", "the weekly Monday briefing".
_HABIT_DAY = re.compile(r"\b(?:usual|regular|weekly|customary|traditional)\s+$", re.IGNORECASE)
# "usual", "regular", "weekly", "customary", "traditional" (:func:`may_hold`)
_HABIT_DAY_NEEDLES = ("ual", "ula", "wee", "tomary", "onal")


def day_cue(sentence: str, before: str) -> str | None:
    """The tense a weekday's own phrase gives it (``before``: the sentence's text before the
    weekday), or None when none does (the verbs decide)."""
    tail = before[-60:]
    gone = guarded_search(_AS_OF, _AS_OF_NEEDLES, tail)
    if gone and not (gone[0][:2].lower() == "as" and _WILL.search(sentence)):
        return "past"  # "that would equal $ 3.6 billion as of Wednesday", "missing since the"
    if _to_begin(tail) or (_FORECAST_THROUGH.search(before[-12:]) and _FORECAST.search(sentence)):
        return "future"  # "an operation to begin late Tuesday", "forecast ... through Sunday"
    ahead = _AHEAD_OF.search(before)
    if ahead:  # "ahead of Saturday 's concert"; "on the eve of Tuesday 's vote": its eve
        return "eve" if _EVE.match(ahead[0]) else "told"
    if (
        _SCHEDULED.search(before[-40:])
        or guarded_search(_SOON, _SOON_NEEDLES, before)
        or _deadline(before)
    ):
        return "future"  # "said the trial resumes on Monday", "as soon as Wednesday"
    return None


def habit_day(before: str) -> bool:
    """Whether the weekday is a habit's ("his usual Thursday position"): any week's."""
    return guarded_search(_HABIT_DAY, _HABIT_DAY_NEEDLES, before[-20:]) is not None
