"""One happening once: fold the mentions of an event at a coarser date, or on the day next to
it, into the entry of its finest well-supported date.

Articles date one happening at different granularities ("in 2002", "in October of that year",
"on Monday" in a report of 14 October 2002) and, across time zones, on neighbouring days.
Grouped by date, each mention would make an entry of its own. A sentence that states its date
(not one dated by its article's day, by another source or by its neighbours, nor an open
"after March 2024") is folded into another entry when, in order:

1. the other entry's date lies inside its own (a day in its month, a month in its year, a
   year in its range), or both are days next to each other and the other is better supported
   (higher evidence score; on a tie, the earlier day);
2. the other entry is well supported (evidence score at least ``fold_min_support``);
3. the sentence and one of the other entry's sentences tell the same happening: they share at
   least ``fold_shared`` distinctive words (stemmed; names, numbers and acts alike), words of
   neither their time expressions, the query, the story at large (words a share of
   ``fold_common`` of the entries or more use) nor common English ("since", "while", "try":
   the SMART stopwords ROUGE drops), and ``fold_step_words`` more for each step of
   granularity skipped beyond the first (day, month, year, decade, century: "June 2009"
   folds into 25 June 2009 on 2 shared words, "2009" needs 3, "the 20th century" into 1958
   needs 4). A sentence's words are those of the clause
   that holds its time expression ("... who died when the ferry Solvang capsized in 1998 was
   the first to cross" tells the capsizing), or of the whole sentence when that clause is the
   date alone ("On Tuesday, ..."). On neighbouring days both sentences must state their day
   themselves (a report dated by its publication day tells that day's news) and share one
   word more, and at least ``fold_days_share`` of the words either uses: the days of a running
   story share much;
4. both sentences are plans, or neither is (:mod:`newsline.stages.plans`): a plan and what
   happened both show.

Entries are visited finest first (then best supported first), so a sentence goes to the
finest entry that tells its happening, and an entry that folded away receives nothing. The
folded sentences become the support of the entry they join (its ``folded`` list); an entry
whose sentences all folded away is gone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from newsline.records import Event
from newsline.stages.clean_text import content_words, find_mention, stem
from newsline.stages.query import Query
from newsline.stages.timeline_options import TimelineOptions
from newsline.stopwords import SMART_STOPWORDS
from newsline.temporal.lexicon import MONTH_RE, WEEKDAY_RE

Key = tuple[date, date, str]

# Where a clause ends: "..., killing 41 people", "2002 — The prime ministers ...".
_CLAUSE_BREAK = re.compile(r"[,;:()—–]|\s-\s")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_DATE_WORD = re.compile(rf"(?:{MONTH_RE}|{WEEKDAY_RE})", re.IGNORECASE)
_TIME_WORDS = frozenset(
    "year month week day today yesterday tomorrow ago last next earlier later time decade"
    " century morning evening night weekend first second third new former latest".split()
)
# Below this many entries there is no story at large to tell common words by.
_FEW_ENTRIES = 8
# Common English: shared, these tell nothing of a happening ("since", "while", "try").
_WEAK = frozenset(stem(w) for w in SMART_STOPWORDS) | SMART_STOPWORDS
# Granularity levels by the most days an entry spans: day, week or month, season or year,
# decade (or a range of years), longer.
_LEVELS = (1, 31, 366, 3660)


@dataclass(slots=True)
class Folding:
    """Each entry's own sentences once folding is done, and those folded into it."""

    own: dict[Key, list[Event]]
    folded: dict[Key, list[Event]] = field(default_factory=dict)

    @property
    def gone(self) -> set[Key]:
        """Entries whose sentences all folded into others."""
        return {key for key, events in self.own.items() if not events}


def fold(
    groups: Mapping[Key, Sequence[Event]],
    scores: Mapping[Key, float],
    is_plan: Callable[[Event], bool],
    query: Query,
    options: TimelineOptions,
) -> Folding:
    """Fold the sentences of ``groups`` (an entry's key -> its sentences) that tell a
    happening of a finer or better-supported neighbouring entry into it (see the module)."""
    words = _Words(groups, query, options.fold_common)
    order = sorted(groups, key=lambda k: ((k[1] - k[0]).days, -scores[k], k))
    folding = Folding(own={k: list(groups[k]) for k in groups})
    others = _Others(folding, words, is_plan)
    for position, key in enumerate(order):
        targets = [
            t
            for t in order[:position]
            if folding.own[t] and scores[t] >= options.fold_min_support and _near(t, key)
        ]
        if not targets:
            continue
        stay = []
        for event in folding.own[key]:
            target = None
            if event.dated_by == "explicit" and key[1] != date.max:
                target = _target(event, key, targets, others, words, is_plan, options)
            if target is None:
                stay.append(event)
            else:
                folding.folded.setdefault(target, []).append(event)
        folding.own[key] = stay
    return folding


def _near(target: Key, key: Key) -> bool:
    """The target lies inside ``key`` (and is finer), or both are neighbouring days."""
    if target[2] == key[2] == "day":
        return abs((target[0] - key[0]).days) == 1
    inside = key[0] <= target[0] and target[1] <= key[1]
    return inside and (target[1] - target[0]) < (key[1] - key[0])


def _target(
    event: Event,
    key: Key,
    targets: list[Key],
    others: _Others,
    words: _Words,
    is_plan: Callable[[Event], bool],
    options: TimelineOptions,
) -> Key | None:
    """The finest target entry telling the event's happening (the closest match on a tie)."""
    mine = words.of(event)
    if len(mine) < options.fold_shared:
        return None
    plan = is_plan(event)
    best: tuple[int, int] | None = None
    chosen = None
    for target in targets:  # finest and best supported first
        days = target[2] == key[2] == "day"
        if days and event.dated_by != "explicit":
            continue
        theirs = others.words(target, plan, days)
        needed = options.fold_shared + options.fold_step_words * _skipped(target, key)
        if days:
            share = options.fold_days_share
            shared = max((_shared(mine, t, days, needed, share) for t in theirs), default=0)
        else:  # the most words in common, if enough (_shared's test, a C loop: the most used)
            shared = max(map(len, map(mine.intersection, theirs)), default=0)
            shared = shared if shared >= needed else 0
        if shared == 0:
            continue
        rank = (-(target[1] - target[0]).days, shared)
        if best is None or rank > best:
            best, chosen = rank, target
    return chosen


class _Others:
    """The distinctive words of the sentences an event may fold with in each target entry,
    plans apart, gathered once a target (not once an event): its own sentences (final once
    it was visited) and the sentences folded into it so far (a day's neighbour matches the
    day's own sentences only, those stating their day: a chain of close matches would drift
    along a running story)."""

    def __init__(self, folding: Folding, words: _Words, is_plan: Callable[[Event], bool]):
        self._folding, self._words, self._is_plan = folding, words, is_plan
        self._found: dict[tuple[Key, bool, bool], tuple[list[frozenset[str]], list[int]]] = {}

    def words(self, target: Key, plan: bool, days: bool) -> list[frozenset[str]]:
        """The words of the target's sentences that are plans as ``plan`` says (``days``: of
        its own sentences that state their day)."""
        found = self._found.get((target, plan, days))
        if found is None:
            own = self._folding.own[target]
            kept = (o for o in own if self._is_plan(o) == plan)
            sets = [self._words.of(o) for o in kept if not days or o.dated_by == "explicit"]
            found = self._found[(target, plan, days)] = (sets, [0])
        sets, read = found
        if not days:  # the sentences folded into it since last asked
            support = self._folding.folded.get(target, [])
            sets += [self._words.of(o) for o in support[read[0] :] if self._is_plan(o) == plan]
            read[0] = len(support)
        return sets


def _level(key: Key) -> int:
    """A date's granularity: 0 a day, 1 a week or month, 2 a season or year, 3 a decade..."""
    span = (key[1] - key[0]).days + 1
    return next((n for n, most in enumerate(_LEVELS) if span <= most), len(_LEVELS))


def _skipped(target: Key, key: Key) -> int:
    """Steps of granularity between a coarser entry and a finer one, beyond the first."""
    return max(_level(key) - _level(target) - 1, 0)


def _shared(
    mine: frozenset[str], theirs: frozenset[str], days: bool, needed: int, share: float = 0.5
) -> int:
    """How many distinctive words two sentences share when that tells one happening (at
    least ``needed``; neighbouring days one more, and ``share`` of the words either uses),
    else 0."""
    shared = len(mine & theirs)
    if not days:
        return shared if shared >= needed else 0
    union = len(mine | theirs)
    enough = shared >= needed + 1 and shared >= share * union
    return shared if enough else 0


class _Words:
    """The distinctive words of each sentence, computed once for each text and time expression
    (copies of a sentence in several articles are common)."""

    def __init__(self, groups: Mapping[Key, Sequence[Event]], query: Query, common: float):
        self.query = query
        self._cache: dict[tuple[str, str | None], frozenset[str]] = {}
        self._distinct: dict[tuple[str, str | None], frozenset[str]] = {}
        self._telling: dict[str, bool] = {}  # see happening_words
        users: Counter[str] = Counter()
        for events in groups.values():
            used: set[str] = set()
            for event in events:
                used |= self._all(event)
            users.update(used)
        limit = common * len(groups)
        self.common = (
            frozenset(w for w, n in users.items() if n >= limit)
            if len(groups) >= _FEW_ENTRIES
            else frozenset()
        )

    def of(self, event: Event) -> frozenset[str]:
        """The sentence's words that may tell its happening apart."""
        key = (event.text, event.mention)
        found = self._distinct.get(key)
        if found is None:
            found = self._distinct[key] = self._all(event) - self.common
        return found

    def _all(self, event: Event) -> frozenset[str]:
        key = (event.text, event.mention)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = sentence_words(
                event.text, event.mention, self.query, self._telling
            )
        return found


def sentence_words(
    text: str, mention: str | None, query: Query, telling: dict[str, bool] | None = None
) -> frozenset[str]:
    """The words telling a sentence's happening: those of the clause of its date, or of the
    whole sentence when that clause is little more than the date ("On Tuesday, ...");
    ``telling``: see :func:`happening_words`."""
    words = happening_words(dating_clause(text, mention), mention, query, telling)
    return words if len(words) >= 2 else happening_words(text, mention, query, telling)


def dating_clause(text: str, mention: str | None) -> str:
    """The clause of ``text`` that holds ``mention`` (the whole text without one)."""
    at = find_mention(text, mention) if mention else -1
    if at < 0:
        return text
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, at)), default=0)
    end = _CLAUSE_BREAK.search(text, at + len(mention or ""))
    return text[start : end.start() if end else len(text)]


def happening_words(
    text: str, mention: str | None, query: Query, telling: dict[str, bool] | None = None
) -> frozenset[str]:
    """Stemmed content words and numbers of a sentence, without its time expression, the
    query's terms and words of time ("year", "Monday", "October"). ``telling`` remembers which
    words are no word of time nor a weak word (the caller's, for the sentences it reads)."""
    at = find_mention(text, mention) if mention else -1
    if mention and at >= 0:
        text = text[:at] + " " + text[at + len(mention) :]
    terms = tuple(s.lower() for s in query.stems)
    known = {} if telling is None else telling
    words: set[str] = set()
    for w in content_words(text):
        keep = known.get(w)
        if keep is None:
            keep = known[w] = not (w in _TIME_WORDS or w in _WEAK or _DATE_WORD.fullmatch(w))
        if keep and not w.startswith(terms):
            words.add(w)
    words.update(n.replace(",", "") for n in _NUMBER.findall(text))
    return frozenset(words)
