"""Dates long before the matching articles' coverage are the story's background: they take at
most a fifth of the places while the story has dates enough, and are marked."""

from __future__ import annotations

import json

import pytest

from newsline.export.json import timeline_to_dict
from newsline.export.markdown import timeline_to_markdown
from newsline.jobs import articles_from_text
from newsline.settings import Settings
from newsline.stages.align import align
from newsline.stages.events import extract_events
from newsline.stages.query import parse_query
from newsline.stages.timeline import build_timeline
from newsline.stages.timeline_options import TimelineOptions

# Six reports of a ferry strike in March 2024; every one recalls when the line was founded
# and when it last struck, so those old dates have the most articles behind them.
NEWS = [
    "Tarrow ferry crews walked out over a pay offer",
    "Stranded Tarrow ferry passengers slept in the terminal hall",
    "The mayor urged Tarrow ferry owners to reopen talks",
    "Fishing boats carried medicine across while the Tarrow ferry stood idle",
    "A Tarrow ferry union vote backed a second week of action",
    "Tarrow ferry owners tabled an improved offer to the crews",
]
REPORTS = [
    {
        "id": f"r{day}",
        "title": f"Tarrow ferry strike, day {day}",
        "published": f"2024-03-{day:02d}",
        "source": "Harbour Gazette",
        "text": (
            f"{news} on March {day}, 2024.\n\n"
            "The Tarrow ferry line was founded in 1952 by the harbour board.\n\n"
            "Tarrow ferry crews last went on strike in 1979."
        ),
    }
    for day, news in enumerate(NEWS, start=1)
]


def _timeline(**options: object):  # noqa: ANN202
    text = "\n".join(json.dumps(r) for r in REPORTS) + "\n"
    articles, _, _ = articles_from_text("reports.jsonl", text, Settings())
    events = [e for a in articles for e in extract_events(a, Settings())]
    query = parse_query("Tarrow ferry")
    chosen = TimelineOptions(query="Tarrow ferry", max_dates=5, per_date=1, **options)
    return build_timeline(query, articles, align(articles, events, Settings()), chosen)


def test_background_takes_a_fifth_of_the_places_and_is_marked() -> None:
    made = _timeline()
    years = [e.interval.start.year for e in made.entries]
    assert len(made.entries) == 5
    assert sum(e.background for e in made.entries) == 1  # 5 // 5 places for the past
    assert sum(y == 2024 for y in years) == 4
    assert all(e.background == (e.interval.start.year < 2024) for e in made.entries)
    assert "(background: long before this coverage)" in timeline_to_markdown(made)
    assert [e["background"] for e in timeline_to_dict(made)["entries"]].count(True) == 1


@pytest.mark.parametrize(
    "options", [{"background": "mixed"}, {"since": None, "background": "mixed"}]
)
def test_mixed_ranks_the_past_with_the_story(options: dict) -> None:
    made = _timeline(**options)
    assert {1952, 1979} <= {e.interval.start.year for e in made.entries}
    assert not any(e.background for e in made.entries)


def test_a_chosen_span_has_no_background() -> None:
    from datetime import date

    made = _timeline(since=date(1900, 1, 1))
    assert not any(e.background for e in made.entries)
