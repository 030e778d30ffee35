"""When was an article published? From metadata when given, else from where the page came
from (a full date in its path or URL), weighed against its text, else inferred from its text.

A path or URL date (``2011-01-25/``, ``2011/01/25/``, ``20110125``, the deepest one) is where a
crawler or a site filed the page: it wins over the text; where the page says otherwise of
itself (a dateline or a caption of another day) the disagreement is recorded as a conflict, as
for captions. The body is not searched for dates then (tagging every paragraph to date a page
whose day is known would be most of ingest's time).

Inference from the text weighs, in this order:

0. a dateline or byline date opening the page ("January 25 , 2011 | By ...", "Name | 22:29 UK
   time , Wednesday , 13 January 2010"): the day;
1. a caption date (a photo taken for the story, not an archive "FILE" photo): the day;
2. the newest day-dated event of the body when the lead reports that same event as current
   (a chronology published the day its last entry happens);
3. the body's newest past date as a lower bound: an article is not older than what it narrates.

When a caption date is older than that lower bound the body wins and the conflict is recorded:
the caption's day and month move to the first year the body allows; that day is kept only when
a weekday the body mentions confirms it, else only its month (or the body's year). An archive
photo's date is only a lower bound. A date known only to the month or year is stored as such,
never as a made-up day.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from itertools import islice

from newsline.records import Article, PublicationDate, TimeMention
from newsline.settings import Settings
from newsline.stages.clean_text import content_words, sentence_spans
from newsline.temporal import TextTags, tag

_FILE_CAPTION = re.compile(r"^(?:FILE|File)\s*[-–—:]\s")
# Lowercase on purpose: "may" is a modal, "May" a month.
_FUTURE = re.compile(
    r"\b(?:will|shall|would|could|may|might|plans?|planned|aims?|set to|"
    r"target|expected|due|forecasts?|projected|scheduled|next)\b",
)
_STATES_YEAR = re.compile(r"\d{4}|\d0'?s\b")
# What a text must hold for a time expression in it to state a year (:data:`_STATES_YEAR`
# without its word end): a paragraph without it is not tagged to date the page.
_MAY_STATE_YEAR = re.compile(r"\d{4}|\d0'?s")
# "by 2026", "before 2026": a bound someone sets, not a date something happened.
_BOUND_BEFORE = re.compile(r"\b(?:by|before|until|till|through)\s+(?:the\s+)?$", re.I)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def date_from_metadata(raw: str | None) -> PublicationDate:
    """A publication date given by the input's metadata, at the precision it was given."""
    if not raw or not raw.strip():
        return PublicationDate()
    raw = raw.strip()
    try:
        day = datetime.fromisoformat(raw.replace("Z", "+00:00")).date()
        return PublicationDate(day.isoformat(), "day", "metadata", (f"metadata: {raw}",))
    except ValueError:
        pass
    if re.fullmatch(r"\d{4}-\d{2}", raw):
        return PublicationDate(raw, "month", "metadata", (f"metadata: {raw}",))
    if re.fullmatch(r"\d{4}", raw):
        return PublicationDate(raw, "year", "metadata", (f"metadata: {raw}",))
    found = [m for m in tag(raw) if m.interval is not None]
    if found and found[0].interval.granularity in ("day", "month", "year"):  # type: ignore[union-attr]
        gran = found[0].interval.granularity  # type: ignore[union-attr]
        return PublicationDate(found[0].value, gran, "metadata", (f"metadata: {raw}",))
    return PublicationDate(evidence=(f"metadata date not understood: {raw!r}",))


def date_article(
    article: Article, settings: Settings, tags: TextTags | None = None
) -> Iterator[Article]:
    """The article with its publication date from its path or its text when metadata gave
    none (see the module docstring). ``tags``: the article's tagging, kept for its events."""
    if article.published.origin == "metadata":
        yield article
        return
    # the title and the first two blocks (a headline cut from the first line is the title)
    rest = (b.text for b in article.blocks if b.kind != "heading" or b.text != article.title)
    opening = (article.title, *islice(rest, 2))
    day = date_from_path(article.source.url) or date_from_path(article.source.path)
    if day is None:
        published = infer_published(article.captions, article.paragraphs, opening, tags)
    else:  # weighed against what the page says of itself: its dateline and its captions
        published = _weigh_path(day, infer_published(article.captions, (), opening, tags))
    yield replace(article, published=published)


# A full date in a path or URL: 2011-01-25, 2011/01/25, 2011_01_25, 20110125 (one separator).
_PATH_DAY = re.compile(
    r"(?<![\d])((?:19|20)\d{2})([-/_.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?![\d])"
)


def date_from_path(path: str | None) -> date | None:
    """The deepest full date a path or URL names, if any."""
    for match in reversed(list(_PATH_DAY.finditer(path or ""))):
        try:
            return date(int(match[1]), int(match[3]), int(match[4]))
        except ValueError:
            continue
    return None


def _weigh_path(day: date, text: PublicationDate) -> PublicationDate:
    """The path's day; where the text disagrees (another day, or past events after it), the
    disagreement is recorded as a conflict (a body's newest date can be misread or a plan)."""
    said = f"path names {day}"
    bound = _text_bound(text)
    conflicts = text.conflicts
    if bound is not None and bound > day:
        conflicts = (*conflicts, f"the body narrates {bound} as past, after the path's {day}")
    if text.granularity == "day" and text.value and text.value != day.isoformat():
        conflicts = (*conflicts, f"the text says {text.value}, the path {day}; the path wins")
    return PublicationDate(
        day.isoformat(), "day", "path", (said, *text.evidence), conflicts, text.not_before
    )


def _text_bound(text: PublicationDate) -> date | None:
    """The newest past day the body narrates (its evidence), if the text gave one."""
    if text.not_before:
        return date.fromisoformat(text.not_before)
    for line in text.evidence:
        found = re.search(r"published on or after (\d{4}-\d{2}-\d{2})", line)
        if found and line.startswith("body narrates"):
            return date.fromisoformat(found[1])
    return None


@dataclass(frozen=True, slots=True)
class _Dated:
    mention: TimeMention
    sentence: str


def infer_published(
    captions: tuple[str, ...],
    paragraphs: tuple[str, ...],
    opening: tuple[str, ...] = (),
    tags: TextTags | None = None,
) -> PublicationDate:
    """Publication date from captions, body paragraphs and the page's opening lines (title
    and first paragraph) alone (see the module docstring). ``tags`` tags them (one per article,
    so its events reuse the paragraphs' parse), else a fresh one."""
    tags = tags or TextTags()
    evidence: list[str] = []
    photo_day, not_before = _caption_evidence(captions, evidence, tags)
    body = [_Dated(m, s) for p in paragraphs for m, s in _past_mentions(p, tags)]
    bound = _lower_bound(body, evidence)
    if not_before and (bound is None or not_before > bound):
        bound = not_before
    dateline = _dateline(opening, tags)
    if dateline is not None and (bound is None or dateline[0] >= bound):
        evidence.append(f"dateline {dateline[1]!r} opens the page")
        return PublicationDate(dateline[0].isoformat(), "day", "text", tuple(evidence))
    if photo_day is not None:
        return _from_caption(photo_day, bound, paragraphs, evidence)
    lead_day = _lead_reported_day(body, paragraphs, evidence)
    if lead_day is not None and (bound is None or lead_day >= bound):
        return PublicationDate(lead_day.isoformat(), "day", "text", tuple(evidence))
    evidence.append("no caption date and no dated event reported as current")
    return PublicationDate(
        origin="none", evidence=tuple(evidence), not_before=bound.isoformat() if bound else None
    )


# What marks a date at the top of a page as its dateline or byline: a bar, "By", a clock time,
# "Published"/"Updated"/"Posted", or nothing before it at all.
_DATELINE_MARK = re.compile(
    r"\||\bBy\b|\d{1,2}:\d{2}|\b(?:Published|Updated|Posted|Last updated)\b"
)
_OPENING_CHARS = 120


def _dateline(opening: tuple[str, ...], tags: TextTags) -> tuple[date, str] | None:
    """The day of a dateline or byline opening the page, and its words."""
    for text in opening:
        head = text[:_OPENING_CHARS]
        for m in tags.tag(head):
            if (
                m.interval is None
                or not _DAY.match(m.value[:10])
                or not _STATES_YEAR.search(m.text)
            ):
                continue  # a day with its year (a clock time may follow: 2011-01-26T14:02)
            around = head[max(0, m.start - 40) : m.end + 25]
            if m.start == 0 or _DATELINE_MARK.search(around):
                return m.interval.start, m.text
    return None


def _caption_evidence(
    captions: tuple[str, ...], evidence: list[str], tags: TextTags
) -> tuple[date | None, date | None]:
    photo_day = not_before = None
    for caption in captions:
        for m in tags.tag(caption):
            if m.interval is None or not _DAY.match(m.value):
                continue
            day = m.interval.start
            if _FILE_CAPTION.match(caption):
                evidence.append(f"archive photo dated {m.text!r}: published on or after {day}")
                not_before = max(not_before or day, day)
            elif photo_day is None:
                evidence.append(f"caption dated {m.text!r}")
                photo_day = day
    return photo_day, not_before


def _past_mentions(paragraph: str, tags: TextTags) -> Iterator[tuple[TimeMention, str]]:
    if not _MAY_STATE_YEAR.search(paragraph):
        return  # no expression in it states a year (most paragraphs)
    sentences = sentence_spans(paragraph)
    for m in tags.tag(paragraph):
        # Only dates that state their own year: a bare "November" is resolved from context.
        if m.type != "DATE" or m.interval is None or not _STATES_YEAR.search(m.text):
            continue
        sentence = sentences.at(m.start)
        if _FUTURE.search(sentence) or _BOUND_BEFORE.search(
            paragraph[max(0, m.start - 12) : m.start]
        ):
            continue
        yield m, sentence


def _lower_bound(body: list[_Dated], evidence: list[str]) -> date | None:
    if not body:
        return None
    newest = max(body, key=lambda d: d.mention.interval.start)  # type: ignore[union-attr]
    start = newest.mention.interval.start  # type: ignore[union-attr]
    evidence.append(f"body narrates {newest.mention.text!r}: published on or after {start}")
    return start


def _from_caption(
    day: date, bound: date | None, paragraphs: tuple[str, ...], evidence: list[str]
) -> PublicationDate:
    if bound is None or day >= bound:
        evidence.extend(_weekday_support(day, paragraphs))
        return PublicationDate(day.isoformat(), "day", "text", tuple(evidence))
    conflict = (
        f"caption date {day} is older than the body's evidence (on or after {bound}); body wins"
    )
    moved = _same_day_later(day, bound)
    support = _weekday_support(moved, paragraphs) if moved else []
    if moved and support:
        evidence.extend(support)
        return PublicationDate(
            moved.isoformat(), "day", "text", tuple(evidence), (conflict,), bound.isoformat()
        )
    if moved and moved.year == bound.year:
        value, gran = f"{moved.year:04d}-{moved.month:02d}", "month"
    else:
        value, gran = f"{bound.year:04d}", "year"
    return PublicationDate(value, gran, "text", tuple(evidence), (conflict,), bound.isoformat())


def _same_day_later(day: date, bound: date) -> date | None:
    """The caption's day and month in the first year that is not before the bound."""
    for year in range(bound.year, bound.year + 2):
        try:
            moved = date(year, day.month, day.day)
        except ValueError:
            continue
        if moved >= bound:
            return moved
    return None


def _weekday_support(day: date, paragraphs: tuple[str, ...]) -> list[str]:
    name = _WEEKDAYS[day.weekday()]
    if any(re.search(rf"\b{name}\b", p) for p in paragraphs):
        return [f"body mentions {name}, and {day} is a {name}"]
    return []


def _lead_reported_day(
    body: list[_Dated], paragraphs: tuple[str, ...], evidence: list[str]
) -> date | None:
    days = [d for d in body if d.mention.interval and d.mention.interval.granularity == "day"]
    if not days or not paragraphs:
        return None
    newest = max(days, key=lambda d: d.mention.interval.start)  # type: ignore[union-attr]
    lead = content_words(" ".join(paragraphs[:2])) - content_words(newest.mention.text)
    event = content_words(newest.sentence) - content_words(newest.mention.text)
    shared = lead & event
    if len(shared) >= 4 and len(shared) >= 0.5 * min(len(event), 8):
        evidence.append(
            f"newest dated event {newest.mention.text!r} is reported by the lead as current"
            f" (shared words: {', '.join(sorted(shared)[:6])})"
        )
        return newest.mention.interval.start  # type: ignore[union-attr]
    return None
