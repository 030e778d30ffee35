"""Markdown: a line cites a few of the other sources that reported it; --explain cites all."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from newsline.export.markdown import ALSO_SHOWN, timeline_to_markdown
from newsline.records import Citation, EntrySentence, Interval, Timeline, TimelineEntry

DAY = Interval(date(2024, 3, 4), date(2024, 3, 4), "day")


def _said(outlet: str) -> EntrySentence:
    cite = Citation(
        f"{outlet.lower()}-0001", "Dockers strike", outlet, f"{outlet}.txt", "2024-03-04"
    )
    return EntrySentence("Dockers in Velmar stopped work.", cite, "explicit", DAY)


def _timeline(others: int) -> Timeline:
    line = replace(_said("Velmar Post"), also=tuple(_said(f"Outlet{n}") for n in range(others)))
    entry = TimelineEntry(interval=DAY, sentences=(line,))
    return Timeline(query="dockers", entries=(entry,), articles=others + 1)


@pytest.mark.parametrize(
    ("others", "explain", "cited", "more"),
    [
        (0, False, 0, None),
        (ALSO_SHOWN, False, ALSO_SHOWN, None),
        (ALSO_SHOWN + 5, False, ALSO_SHOWN, "; and 5 more]_"),
        (ALSO_SHOWN + 5, True, ALSO_SHOWN + 5, None),
    ],
)
def test_a_line_cites_a_few_other_sources_and_counts_the_rest(
    others: int, explain: bool, cited: int, more: str | None
) -> None:
    text = timeline_to_markdown(_timeline(others), explain=explain)
    (line,) = [row for row in text.splitlines() if row.startswith("- Dockers")]
    assert sum(f"Outlet{n}," in line for n in range(others)) == cited
    assert (more in line) if more else ("more]_" not in line)
    assert ("also reported by" in line) is (others > 0)
