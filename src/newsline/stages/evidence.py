"""Why an entry has its date, and when the matching articles appeared.

:func:`entry_evidence` reads every event an entry's date was grouped from (not only the
sentences shown), in this order:

1. the time expressions that gave the date: each explicit sentence's own, found in its
   article's text (a chronology paragraph's era is found where the paragraph opens it); an
   aligned claim's is the one of the sentence it matched, in that sentence's article; then
   those of the sentences folded into the entry (:mod:`newsline.stages.fold`: the same
   happening at a coarser date, "June 2009" for 25 June 2009);
2. the lead sentences dated by their article's publication day (the article reports the date
   as its news);
3. the articles that state the date (by a time expression or their publication day), their
   named outlets and their first and last publication days;
4. the claims that borrowed the date: ``aligned`` with the claim they matched and how close,
   ``bounded`` with the dated neighbours around them in their chronology;
5. one sentence for a reader: who states the date, in the words most of them use, who states
   it at a coarser date, and what the entry's score counts.

Lists take articles in turns (each one's first expression, then each one's second, ...) and
are cut to ``evidence_items``; the counts cover all.
:func:`coverage` counts the matching articles per publication day for the coverage chart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from newsline.records import (
    Article,
    DateMention,
    DateReport,
    DateSource,
    EntryEvidence,
    Event,
    Interval,
    LentDate,
)
from newsline.stages.timeline_options import TimelineOptions

Key = tuple[str, int]


class article_texts(dict[str, str]):  # noqa: N801 - used like a function that returns a mapping
    """Article id -> its body text (``Article.text``) for the articles of ``by_id``, each
    joined from its blocks once, when first asked for."""

    def __init__(self, by_id: Mapping[str, Article]) -> None:
        super().__init__()
        self._by_id = by_id

    def __missing__(self, article_id: str) -> str:
        text = self[article_id] = self._by_id[article_id].text
        return text


def index_events(events: Iterable[Event]) -> dict[Key, list[Event]]:
    """Events by (article id, sentence index): a sentence stating two dates has two."""
    found: dict[Key, list[Event]] = {}
    for event in events:
        found.setdefault((event.article_id, event.index), []).append(event)
    return found


def entry_evidence(
    events: Sequence[Event],
    score: float,
    by_id: dict[str, Article],
    lookup: dict[Key, list[Event]],
    options: TimelineOptions,
    folded: Sequence[Event] = (),
    bodies: Mapping[str, str] | None = None,
    unread: int = 0,
) -> EntryEvidence:
    """The evidence behind an entry made of ``events`` (and the coarser ``folded`` mentions
    of the same happening) scored ``score`` (module docstring); ``lookup``
    (:func:`index_events`) finds the sentences that lent or bound a date; ``bodies``
    (:func:`article_texts` of ``by_id`` unless given) the articles' texts; ``unread``: the
    articles stating the date whose events a large query did not read, counted apart."""
    bodies = article_texts(by_id) if bodies is None else bodies
    mentions: set[DateMention] = set()
    reports: set[DateReport] = set()
    lent: set[LentDate] = set()
    for event in events:
        if event.dated_by == "explicit":
            mentions.update(_located(event, by_id, bodies))
        elif event.dated_by == "published":
            reports.update(_report(event, by_id))
        elif event.dated_by in ("aligned", "bounded"):
            lent.add(_lent(event, lookup))
            source = _matched(event, lookup)
            if source is not None:
                mentions.update(_located(source, by_id, bodies))

    def folded_mentions(days: bool) -> set[DateMention]:
        """Those of the folded sentences dated a neighbouring day (time zones) or coarser."""
        found = {
            m
            for e in folded
            if (e.interval is not None and e.interval.granularity == "day") == days
            for m in _located(e, by_id, bodies)
        }
        return found - mentions

    coarser, next_day = folded_mentions(days=False), folded_mentions(days=True)
    stating = {m.article for m in mentions | coarser | next_day} | {r.article for r in reports}
    outlets = {o for a in stating if (o := _outlet(by_id.get(a)))}
    days = sorted(d for a in stating if a in by_id and (d := by_id[a].published.anchor()))
    limit = max(options.evidence_items, 0)
    own = _by_turns(sorted(mentions, key=lambda m: (m.article, m.start, m.end)))
    ordered_coarser = _by_turns(sorted(coarser, key=lambda m: (m.article, m.start, m.end)))
    ordered_next = _by_turns(sorted(next_day, key=lambda m: (m.article, m.start, m.end)))
    ordered_reports = _by_turns(sorted(reports, key=lambda r: (r.article, r.start)))
    ordered_lent = sorted(lent, key=lambda c: (c.dated_by, c.article, c.text))
    told = _stated(own, ordered_coarser, ordered_next, ordered_reports, len(outlets))
    if unread:
        more = f"{_count(unread, 'more article')} {_verb(unread, 'state')} it, not read"
        told = f"{told}; {more}" if told else more
    why = _why(told, ordered_lent, score, options)
    ordered_mentions = own + ordered_coarser + ordered_next
    return EntryEvidence(
        mentions=tuple(ordered_mentions[:limit]),
        reports=tuple(ordered_reports[:limit]),
        articles=len(stating) + unread,
        outlets=len(outlets),
        first_reported=days[0].isoformat() if days else None,
        last_reported=days[-1].isoformat() if days else None,
        lent=tuple(ordered_lent[:limit]),
        why=why,
    )


def _by_turns(items: list[Any]) -> list[Any]:
    """Items (sorted by article) taking turns: each article's first, then each one's second...
    so a list cut to its first few names as many articles as it can."""
    seen: Counter[str] = Counter()
    ranked = []
    for n, item in enumerate(items):
        ranked.append((seen[item.article], n, item))
        seen[item.article] += 1
    return [item for _, _, item in sorted(ranked, key=lambda r: r[:2])]


def coverage(articles: Iterable[Article]) -> tuple[tuple[date, int], ...]:
    """How many of ``articles`` were published each day (those without a known day left out)."""
    days = Counter(d for a in articles if (d := a.published.anchor()) is not None)
    return tuple(sorted(days.items()))


def _located(
    event: Event, by_id: dict[str, Article], bodies: Mapping[str, str]
) -> list[DateMention]:
    """The event's time expression with its offsets in its article's text: in the sentence,
    else (a chronology era dating the paragraph's later sentences) the nearest before it."""
    article = by_id.get(event.article_id)
    if article is None or not event.mention:
        return []
    text = bodies[article.id]
    at = text.find(event.mention, event.start, event.end)
    if at < 0:
        at = text.rfind(event.mention, 0, event.start)
    if at < 0:
        return []  # never an offset that does not hold the expression
    return [DateMention(event.mention, article.id, at, at + len(event.mention))]


def _report(event: Event, by_id: dict[str, Article]) -> list[DateReport]:
    article = by_id.get(event.article_id)
    if article is None or article.published.value is None:
        return []
    return [DateReport(event.text, article.id, event.start, event.end, article.published.value)]


def _matched(event: Event, lookup: dict[Key, list[Event]]) -> Event | None:
    """The dated sentence an aligned claim matched: the version stating the date it lent."""
    if event.dated_by != "aligned" or event.matched is None:
        return None
    versions = [e for e in lookup.get(event.matched, []) if e.interval is not None]
    same = [e for e in versions if e.mention == event.mention] if event.mention else []
    overlapping = [e for e in versions if event.interval and _overlap(e.interval, event.interval)]
    return next(iter(same or overlapping or versions), None)


def _overlap(a: Interval | None, b: Interval) -> bool:
    return a is not None and a.start <= b.end and b.start <= a.end


def _lent(event: Event, lookup: dict[Key, list[Event]]) -> LentDate:
    if event.dated_by == "aligned":
        source = _matched(event, lookup)
        return LentDate(
            event.text,
            event.article_id,
            "aligned",
            matched=_source(source),
            similarity=event.similarity if event.mention else None,
        )
    sides = [_source(_dated(lookup.get(key, []))) for key in event.neighbours]
    return LentDate(
        event.text,
        event.article_id,
        "bounded",
        before=sides[0] if sides else None,
        after=sides[1] if len(sides) > 1 else None,
    )


def _dated(versions: list[Event]) -> Event | None:
    """The version of a neighbour that bounds: its dated (explicit or aligned) one."""
    return next((e for e in versions if e.dated_by in ("explicit", "aligned")), None)


def _source(event: Event | None) -> DateSource | None:
    if event is None:
        return None
    return DateSource(event.text, event.article_id, event.interval)


def _outlet(article: Article | None) -> str | None:
    if article is None:
        return None
    return article.source.outlet or article.agency


def _stated(
    mentions: list[DateMention],
    coarser: list[DateMention],
    next_day: list[DateMention],
    reports: list[DateReport],
    outlets: int,
) -> str:
    """Who states the date: "stated by 7 articles from 3 outlets: 6 name it ("25 June
    2009"), 1 names it at a coarser date ("June 2009")", quoting the words most of them use;
    mentions of the neighbouring day folded in (time zones) are counted apart too."""
    naming = {m.article for m in mentions}
    broader = {m.article for m in coarser} - naming
    beside = {m.article for m in next_day} - naming - broader
    reporting = {r.article for r in reports}
    stating = naming | broader | beside | reporting
    if not stating:
        return ""
    how = []
    if naming:
        how.append(
            f"{len(naming)} {_verb(len(naming), 'name')} it (\u201c{_usual(mentions)}\u201d)"
        )
    for group, found, said in (
        (broader, coarser, "it at a coarser date"),
        (beside, next_day, "the day next to it (time zones)"),
    ):
        if group:
            quoted = _usual([m for m in found if m.article in group])
            how.append(f"{len(group)} {_verb(len(group), 'name')} {said} (\u201c{quoted}\u201d)")
    if reporting:
        how.append(
            f"{len(reporting)} {_verb(len(reporting), 'report')} it as news on the day"
            f" {'it was' if len(reporting) == 1 else 'they were'} published"
        )
    where = f" from {_count(outlets, 'outlet')}" if outlets else ""
    return f"stated by {_count(len(stating), 'article')}{where}: {', '.join(how)}"


def _usual(mentions: list[DateMention]) -> str:
    """The expression most articles use (compared without case and spacing; on a tie the
    first in turn order), as one of them wrote it."""
    said: dict[str, set[str]] = {}
    first: dict[str, str] = {}
    for mention in mentions:
        form = " ".join(mention.text.lower().split())
        said.setdefault(form, set()).add(mention.article)
        first.setdefault(form, mention.text)
    best = max(said, key=lambda f: len(said[f]))  # max keeps the first of equals
    return first[best]


def _why(told: str, lent: list[LentDate], score: float, options: TimelineOptions) -> str:
    """One plain sentence: who states the date, who borrowed it, what the score counts."""
    parts = [told] if told else []
    aligned = sum(c.dated_by == "aligned" for c in lent)
    if aligned:
        parts.append(
            f"{_count(aligned, 'undated claim')} {_verb(aligned, 'take')} it from a closely"
            " matching dated sentence of another source"
        )
    closed = sum(c.dated_by == "bounded" and c.after is not None for c in lent)
    if closed:
        parts.append(
            f"{_count(closed, 'undated claim')} of a chronology {_verb(closed, 'lie')}"
            " between its dated entries"
        )
    open_ended = len(lent) - aligned - closed
    if open_ended:
        parts.append(
            f"{_count(open_ended, 'undated claim')} of a chronology {_verb(open_ended, 'come')}"
            " after its last dated entry"
        )
    text = "; ".join(parts) if parts else "no source states this date"
    return (
        f"{text[0].upper()}{text[1:]}; score {score:g}: each article dating it counts 1"
        f" ({options.published_weight:g} when it only reports the date on its publication day)"
        f" and {options.later_weight:g} more when it names the date after it happened."
    )


def _verb(number: int, verb: str) -> str:
    """The verb agreeing with a count: "1 article names", "2 articles name"."""
    if number != 1:
        return verb
    return verb + ("es" if verb.endswith("s") else "s")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")
