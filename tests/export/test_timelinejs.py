"""TimelineJS3 export, checked against the format's field rules and our precision rules."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser

import pytest

from newsline.export.labels import human_label
from newsline.export.timelinejs import date_parts, timeline_to_timelinejs
from newsline.records import GRANULARITIES, Article, Interval, Timeline
from tests.export.builders import PAYLOADS, mixed_timeline

_KEYS = ("year", "month", "day")
_ALLOWED_TAGS = {
    "p": set(),
    "br": set(),
    "small": set(),
    "strong": set(),
    "em": set(),
    "a": {"href", "target", "rel"},
}


@pytest.mark.parametrize(
    ("start", "end", "gran", "start_date", "end_date"),
    [
        ("2023-09-12", "2023-09-12", "day", {"year": 2023, "month": 9, "day": 12}, None),
        ("2000-07-01", "2000-07-31", "month", {"year": 2000, "month": 7}, None),
        ("2014-01-01", "2014-12-31", "year", {"year": 2014}, None),
        ("2008-01-01", "2010-12-31", "year", {"year": 2008}, {"year": 2010}),
        ("2003-01-01", "2006-12-31", "decade", {"year": 2003}, {"year": 2006}),
        ("1900-01-01", "1999-12-31", "century", {"year": 1900}, {"year": 1999}),
        (
            "2014-04-01",
            "2014-06-30",
            "quarter",
            {"year": 2014, "month": 4},
            {"year": 2014, "month": 6},
        ),
        (
            "2015-06-01",
            "2015-08-31",
            "season",
            {"year": 2015, "month": 6},
            {"year": 2015, "month": 8},
        ),
        (
            "2017-11-06",
            "2017-11-12",
            "week",
            {"year": 2017, "month": 11, "day": 6},
            {"year": 2017, "month": 11, "day": 12},
        ),
        # Ends that are not whole units at the granularity's precision: say the days.
        (
            "2020-03-14",
            "2020-04-02",
            "month",
            {"year": 2020, "month": 3, "day": 14},
            {"year": 2020, "month": 4, "day": 2},
        ),
        (
            "2019-03-01",
            "2020-02-29",
            "year",
            {"year": 2019, "month": 3},
            {"year": 2020, "month": 2},
        ),
        # A range between two bounds: as precise as its ends are.
        (
            "2019-04-01",
            "2020-06-30",
            "range",
            {"year": 2019, "month": 4},
            {"year": 2020, "month": 6},
        ),
        ("2019-01-01", "2020-12-31", "range", {"year": 2019}, {"year": 2020}),
        (
            "2019-04-03",
            "2020-06-30",
            "range",
            {"year": 2019, "month": 4, "day": 3},
            {"year": 2020, "month": 6, "day": 30},
        ),
        # An open end: the start only.
        ("2024-03-01", None, "month", {"year": 2024, "month": 3}, None),
        ("2024-03-11", None, "day", {"year": 2024, "month": 3, "day": 11}, None),
    ],
)
def test_dates_say_only_what_the_granularity_supports(
    start: str, end: str | None, gran: str, start_date: dict, end_date: dict | None
) -> None:
    interval = Interval(
        date.fromisoformat(start), date.fromisoformat(end) if end else date.max, gran
    )
    assert date_parts(interval) == (start_date, end_date)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, set[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name for name, _ in attrs}))


def _check_markup(text: str) -> None:
    parser = _Tags()
    parser.feed(text)
    for tag, attrs in parser.tags:
        assert tag in _ALLOWED_TAGS and attrs <= _ALLOWED_TAGS[tag], (tag, attrs, text)
    for href in re.findall(r'href="([^"]*)"', text):
        assert href.startswith(("http://", "https://"))


def _check_date(obj: dict, day: date, parts: int) -> None:
    assert tuple(obj) == _KEYS[:parts]
    assert all(isinstance(v, int) for v in obj.values())
    assert tuple(obj.values()) == (day.year, day.month, day.day)[:parts]


def validate_timelinejs(doc: dict, timeline: Timeline) -> None:
    """The field rules of the issue and of TimelineJS3's JSON format."""
    assert set(doc) >= {"events", "title"}
    assert doc["title"]["text"]["headline"]
    events = doc["events"]
    assert len(events) == len(timeline.entries)
    ids = [e["unique_id"] for e in events]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"nl-[\w-]+", i) for i in ids)
    for event, entry in zip(events, timeline.entries, strict=True):
        interval = entry.interval
        start, end = event["start_date"], event.get("end_date")
        parts = len(start)
        assert 1 <= parts <= 3
        if interval.granularity == "day":
            assert parts == 3
        if interval.granularity == "month":
            assert "day" not in start and "month" in start
        if interval.granularity in ("year", "decade", "century") and parts == 1:
            assert interval.start.month == 1 and interval.start.day == 1
        _check_date(start, interval.start, parts)
        if interval.end == date.max:
            assert end is None
        elif end is None:
            assert (
                interval.end - interval.start
            ).days < 366 and interval.start.year == interval.end.year
            assert tuple(interval.end.isoformat().split("-")[:parts]) == tuple(
                interval.start.isoformat().split("-")[:parts]
            )
        else:
            _check_date(end, interval.end, parts)
            assert end != start
        assert event["display_date"] == human_label(interval)
        assert event["text"]["headline"].strip() and event["text"]["text"].strip()
        _check_markup(event["text"]["text"])
        _check_markup(event["text"]["headline"])
        assert event["group"] in (*GRANULARITIES, "range")
        credit = event["media"]["credit"]
        assert credit and event["media"]["url"] == ""
        assert event["autolink"] is False
    eras = doc.get("eras", [])
    long = {
        (e.interval.start.year, e.interval.end.year)
        for e in timeline.entries
        if e.interval.start.year < e.interval.end.year < date.max.year
    }
    previous_end = None
    for era in eras:
        start, end = era["start_date"], era["end_date"]
        assert (start["year"], end["year"]) in long
        assert tuple(start.values()) <= tuple(end.values())
        if previous_end is not None:
            assert tuple(start.values()) > previous_end
        previous_end = tuple(end.values())
        assert era["text"]["headline"]


def test_each_timeline_follows_the_field_rules(built: tuple[Timeline, list[Article]]) -> None:
    timeline, articles = built
    doc = json.loads(timeline_to_timelinejs(timeline, articles))
    validate_timelinejs(doc, timeline)


def test_long_ranges_become_eras_that_do_not_overlap() -> None:
    doc = json.loads(timeline_to_timelinejs(mixed_timeline()))
    assert [(e["start_date"]["year"], e["end_date"]["year"]) for e in doc["eras"]] == [
        (1900, 1999),
        (2003, 2006),
        (2008, 2010),
        (2019, 2020),
    ]


def test_groups_conflicts_and_dating_are_shown() -> None:
    timeline = mixed_timeline()
    doc = json.loads(timeline_to_timelinejs(timeline))
    assert [e["group"] for e in doc["events"]] == [e.interval.granularity for e in timeline.entries]
    conflicted = [e for e in doc["events"] if "Conflicting dates" in e["text"]["text"]]
    assert [e["unique_id"] for e in conflicted] == ["nl-2016-04-01-2016-04-30-month"]
    assert "Another source dates this May 2016" in conflicted[0]["text"]["text"]
    assert "A rival account" in conflicted[0]["text"]["text"]
    aligned = next(e for e in doc["events"] if e["unique_id"].startswith("nl-2008"))
    assert "Dated by: aligned" in aligned["text"]["text"]
    assert (
        "Date from the matching sentence: &ldquo;2008-2010 - The crisis" in aligned["text"]["text"]
    )


def test_sources_carry_credit_and_web_links(demo: tuple[Timeline, list[Article]]) -> None:
    timeline, articles = demo
    doc = json.loads(timeline_to_timelinejs(timeline, articles))
    linked = [e for e in doc["events"] if "link" in e["media"]]
    assert linked, "the example feed and JSONL articles have URLs"
    for event in linked:
        assert event["media"]["link"].startswith("https://")
        assert f'href="{event["media"]["link"]}"' in event["text"]["text"]


def test_article_text_is_escaped(hostile: tuple[Timeline, list[Article]]) -> None:
    timeline, articles = hostile
    assert timeline.entries, "the hostile article must reach the timeline"
    text = timeline_to_timelinejs(timeline, articles)
    doc = json.loads(text)
    validate_timelinejs(doc, timeline)
    everything = json.dumps(doc)
    for payload in PAYLOADS.values():
        assert payload not in everything
    assert "&lt;script&gt;" in everything and "javascript:" not in everything
