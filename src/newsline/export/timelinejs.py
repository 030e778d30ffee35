"""The timeline in TimelineJS3's JSON format (``events``, ``title``, ``eras``).

Dates say only what the entry's granularity supports: a day entry has year, month and day; a
month, season or quarter entry year and month; a year or decade entry only the year; an entry
spanning more than one such unit gets an ``end_date`` too. Entries over several calendar years
also become ``eras`` where they do not overlap one another.

TimelineJS renders ``text`` and ``display_date`` as HTML, so every piece of article text is
HTML-escaped here and links are only ever http(s).
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from newsline.export.labels import human_label
from newsline.export.printable import printable
from newsline.records import Article, EntrySentence, Interval, Timeline, TimelineEntry
from newsline.temporal.intervals import month_end

# The finest date part each granularity states.
_PRECISION = {
    "day": "day",
    "week": "day",
    "month": "month",
    "season": "month",
    "quarter": "month",
    "half": "month",
    "year": "year",
    "decade": "year",
    "century": "year",
}
_PARTS = {"year": 1, "month": 2, "day": 3}
_HEADLINE_CHARS = 90


def timeline_to_timelinejs(timeline: Timeline, articles: Iterable[Article] = ()) -> str:
    """TimelineJS3 JSON text; ``articles`` (optional) lend their URLs to the citations."""
    return json.dumps(timelinejs_dict(timeline, articles), ensure_ascii=False, indent=2)


def timelinejs_dict(timeline: Timeline, articles: Iterable[Article] = ()) -> dict[str, Any]:
    """The TimelineJS3 object: a title slide, one event per entry, eras for long ranges."""
    urls = {a.id: a.source.url for a in articles if _is_web(a.source.url)}
    count = f"{len(timeline.entries)} dates from {timeline.articles} articles"
    return {
        "title": {
            "text": {
                "headline": html.escape(f"Timeline: {timeline.query}"),
                "text": f"<p>{html.escape(count)}, built by newsline.</p>",
            }
        },
        "events": [_event(entry, urls) for entry in timeline.entries],
        "eras": [_era(entry) for entry in _eras(timeline.entries)],
        "scale": "human",
    }


def date_parts(interval: Interval) -> tuple[dict[str, int], dict[str, int] | None]:
    """``start_date`` and (for a span of several units) ``end_date`` at the stated precision.

    An open end ("after March 2024") has no ``end_date``: TimelineJS cannot draw one.
    """
    parts = _PARTS[_precision(interval)]
    start = _date_object(interval.start, parts)
    if interval.end == date.max:
        return start, None
    end = _date_object(interval.end, parts)
    return start, (end if end != start else None)


def _precision(interval: Interval) -> str:
    """The granularity's precision (a year for an unknown one), finer where an end is not a
    whole unit: a range of days within months states its days."""
    start, end = interval.start, interval.end
    precision = _PRECISION.get(interval.granularity, "year")
    if end == date.max:
        end = start.replace(month=12, day=31) if precision == "year" else month_end_day(start)
    whole_months = start.day == 1 and end == month_end_day(end)
    if precision == "year" and not (whole_months and start.month == 1 and end.month == 12):
        precision = "month"
    if precision == "month" and not whole_months:
        precision = "day"
    return precision


def month_end_day(day: date) -> date:
    """The last day of ``day``'s month."""
    return month_end(day.year, day.month)


def _date_object(day: date, parts: int) -> dict[str, int]:
    return dict(list({"year": day.year, "month": day.month, "day": day.day}.items())[:parts])


def _event(entry: TimelineEntry, urls: Mapping[str, str | None]) -> dict[str, Any]:
    start, end = date_parts(entry.interval)
    event: dict[str, Any] = {
        "start_date": start,
        "display_date": html.escape(human_label(entry.interval)),
        "text": {"headline": html.escape(_headline(entry)), "text": _text(entry, urls)},
        "group": entry.interval.granularity,
        "unique_id": unique_id(entry),
        "autolink": False,
    }
    if end is not None:
        event["end_date"] = end
    media = _media(entry, urls)
    if media:
        event["media"] = media
    return event


def unique_id(entry: TimelineEntry) -> str:
    """A stable HTML id from the entry's interval (entries are unique by interval)."""
    interval = entry.interval
    return f"nl-{interval.start.isoformat()}-{interval.end.isoformat()}-{interval.granularity}"


def _headline(entry: TimelineEntry) -> str:
    text = printable(entry.sentences[0].text) if entry.sentences else human_label(entry.interval)
    if len(text) > _HEADLINE_CHARS:
        text = text[:_HEADLINE_CHARS].rsplit(" ", 1)[0] + " …"
    return text


def _text(entry: TimelineEntry, urls: Mapping[str, str | None]) -> str:
    paragraphs = [_sentence_html(s, urls) for s in entry.sentences]
    others = entry.conflicts
    if entry.conflict:
        paragraphs.insert(0, "<p><strong>Conflicting dates:</strong> sources disagree.</p>")
    for other in others:
        when = html.escape(human_label(other.interval)) if other.interval else "no date"
        paragraphs.append(f"<p><em>Another source dates this {when}:</em></p>")
        paragraphs.append(_sentence_html(other, urls))
    if entry.dated_by != "explicit":
        paragraphs.append(f"<p><em>Dated by: {html.escape(entry.dated_by)}</em></p>")
    return "".join(paragraphs)


def _sentence_html(sentence: EntrySentence, urls: Mapping[str, str | None]) -> str:
    cite = sentence.citation
    where = html.escape(", ".join(p for p in (cite.source, cite.published) if p))
    title = html.escape(cite.title)
    url = urls.get(cite.article)
    if url:
        href = html.escape(url, quote=True)
        title = f'<a href="{href}" target="_blank" rel="noopener">{title}</a>'
    lent = ""
    if sentence.matched is not None:
        said = html.escape(printable(sentence.matched_text))
        lender = sentence.matched
        who = html.escape(", ".join(p for p in (lender.source, lender.title) if p))
        lent = f"<br><small>Date from the matching sentence: &ldquo;{said}&rdquo; ({who})</small>"
    also = "; ".join(
        html.escape(", ".join(p for p in (s.citation.source, s.citation.title) if p))
        for s in sentence.also
    )
    told = f"<br><small>Also reported by: {also}</small>" if also else ""
    text = ("<em>(planned)</em> " if sentence.expected else "") + html.escape(
        printable(sentence.text)
    )
    return f"<p>{text}<br><small>{where}: {title}</small>{lent}{told}</p>"


def _media(entry: TimelineEntry, urls: Mapping[str, str | None]) -> dict[str, str] | None:
    """The sources as a credit line (no media ``url``: TimelineJS then shows none)."""
    seen: list[str] = []
    for sentence in entry.sentences:
        name = sentence.citation.source or sentence.citation.title
        if name not in seen:
            seen.append(name)
    if not seen:
        return None
    media = {"url": "", "credit": html.escape("; ".join(seen))}
    links = [urls.get(s.citation.article) for s in entry.sentences]
    link = next((url for url in links if url), None)
    if link:
        media["link"] = link
    return media


def _eras(entries: Iterable[TimelineEntry]) -> list[TimelineEntry]:
    """Entries over several calendar years, earliest first, none overlapping another."""
    long = [
        e
        for e in entries
        if e.interval.end != date.max and e.interval.end.year > e.interval.start.year
    ]
    long.sort(key=lambda e: (e.interval.start, -(e.interval.end - e.interval.start).days))
    chosen: list[TimelineEntry] = []
    for entry in long:
        if not chosen or entry.interval.start > chosen[-1].interval.end:
            chosen.append(entry)
    return chosen


def _era(entry: TimelineEntry) -> dict[str, Any]:
    start, end = date_parts(entry.interval)
    return {
        "start_date": start,
        "end_date": end or start,
        "text": {"headline": html.escape(human_label(entry.interval))},
    }


def _is_web(url: str | None) -> bool:
    return bool(url) and str(url).lower().startswith(("http://", "https://"))
