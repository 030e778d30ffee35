"""A dated sentence as a timeline line: without the time expression its entry's label carries.

Under "22 April 2010", "April 22 - The rig sinks" reads "The rig sinks", and "BP said on
Tuesday that the leak had slowed" reads "BP said that the leak had slowed". Only the mention
that dated the sentence goes, and only where it stands as an adverbial: opening the sentence
("On Tuesday, ...", "2014 — ..."), behind on/in/last/this/early/late, or a bare day name or
relative expression ("said Tuesday that", "filed last month"). Where it does other work ("the
April 20 explosion", "Tuesday's vote", "since 1987", "a day after Monday") the sentence stays
as written. The sentence as written stays with the timeline
(:attr:`newsline.records.EntrySentence.quote`).
"""

from __future__ import annotations

import re

from newsline.records import Event
from newsline.temporal.lexicon import WEEKDAY_RE

#: What follows a chronology line's date: "April 22 - ", "22 April: ", "June 15, 2010 — ".
ENTRY_MARK = re.compile(r"\s*(?:[:–—-]|,\s*\d{4}\s*[:–—-])")
_LEAD = r"(?:on|in|last|this|early|late)"
_ERA = re.compile(r"(\d{4})\s*[:–—-]\s+")
_OPENING = re.compile(rf"^\s*(?:{_LEAD}\s+)?", re.IGNORECASE)
# Mentions that are adverbials by themselves: "said Tuesday", "filed last month".
_ADVERBIAL = re.compile(
    rf"(?:{WEEKDAY_RE}|yesterday|today|tonight|(?:last|this|next|later|earlier)\b.*)",
    re.IGNORECASE,
)
# A mention this word leans on is part of the sentence's meaning, not its date alone.
_BOUND = frozenset(
    "after before since until till by from of to between through for than and or the a an"
    " each every per next".split()
)
# Words that make the date the point: "only in May", "as early as 2001", "not until June".
_FOCUS = frozenset("only just even not as back until since from early late".split())
_MIN_WORDS = 4


def statement(event: Event) -> str:
    """The sentence without the time expression that dated it (see the module)."""
    text, mention = event.text, event.mention or ""
    if event.dated_by != "explicit" or not mention:
        return text
    if text.startswith(mention):
        mark = ENTRY_MARK.match(text, len(mention))
        if mark:  # a line of someone's chronology: "April 22 - The rig sinks"
            rest = text[mark.end() :].lstrip()
            return rest if len(rest.split()) >= 3 else text
    shorter = _without(text, mention)
    if not shorter or len(shorter.split()) < _MIN_WORDS:
        return text
    return _without_era(shorter, event)


def _without_era(text: str, event: Event) -> str:
    """A chronology line's year dropped too when the entry lies in it: "2014 — ... in April"
    under April 2014 reads without "2014 — "."""
    era = _ERA.match(text)
    interval = event.interval
    if era is None or interval is None:
        return text
    year = int(era.group(1))
    if not (interval.start.year == interval.end.year == year):
        return text
    rest = text[era.end() :]
    return rest if len(rest.split()) >= _MIN_WORDS else text


def _without(text: str, mention: str) -> str | None:
    at = text.find(mention)
    if at < 0:
        return None
    end = at + len(mention)
    after = text[end:]
    if re.match(r"\s?['’]s\b|\w", after):  # "Tuesday's vote" ("Tuesday 's" tokenized)
        return None
    before = text[:at]
    opening = _OPENING.fullmatch(before)
    if opening is not None:  # "On Tuesday, BP said ...", "In 1994 the pier ...", "Today: ..."
        separator = re.match(r"\s*[,:;–—-]\s*", after)
        if not before.strip() and separator is None:
            return None  # "April 22 was the day ...": the date is the subject
        rest = after[separator.end() :] if separator else after.lstrip()
        return rest[:1].upper() + rest[1:] if rest else None
    lead = re.search(rf"(,\s*)?\s{_LEAD}\s+$", before, re.IGNORECASE)
    if lead is None:
        word = re.search(r"(\S+)\s+$", before)
        bare = _ADVERBIAL.fullmatch(mention) is not None
        if not bare or word is None or word.group(1).lower() in _BOUND:
            return None
        cut = word.end(1)  # "said Tuesday that": the word before stays
        comma_before = False
    else:
        cut = lead.start()
        comma_before = lead.group(1) is not None
    trailing = re.match(r"\s*,", after)
    left, right = before[:cut].rstrip(), after[trailing.end() if trailing else 0 :].lstrip()
    last = left.rsplit(None, 1)[-1].lower() if left else ""
    if last in _FOCUS or (trailing and not comma_before and last.endswith("ed")):
        return None  # "only in May", "a report, published in 2001, recommends"
    if comma_before and trailing:  # "BP said, on Tuesday, that" -> "BP said that"
        joint = " "
    elif trailing:  # "in Moscow on Tuesday, where" -> "in Moscow, where"
        joint = ", "
    else:
        joint = " "
    if not right or right[0] in ".,;:!?)":
        joint = ""
    return f"{left}{joint}{right}".strip()
