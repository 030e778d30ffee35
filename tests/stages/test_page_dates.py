"""The date of a page from where it came from (path, URL) and from its dateline or byline."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsline.jobs import articles_from_text, ingest
from newsline.settings import Settings
from newsline.stages.dating import date_from_path
from newsline.store import Store


@pytest.mark.parametrize(
    ("path", "day"),
    [
        ("news/Outlet/InputDocs/2011-01-25/17.htm.txt", date(2011, 1, 25)),
        ("https://example.org/world/2011/01/25/cairo-protests.html", date(2011, 1, 25)),
        ("saved/20110125_cairo.txt", date(2011, 1, 25)),
        ("archive-2010-12-01/pages/2011-01-25/a.txt", date(2011, 1, 25)),  # the deepest
        ("saved/2011_01_25/a.txt", date(2011, 1, 25)),
        ("saved/2011-13-45/a.txt", None),  # no such day
        ("saved/2011-01/a.txt", None),  # a month is not a day
        ("saved/id-920110125777.txt", None),  # digits inside a longer number
        ("saved/2011-01/25.txt", None),  # mixed separators
        ("saved/page.txt", None),
        (None, None),
    ],
)
def test_date_from_path(path: str | None, day: date | None) -> None:
    assert date_from_path(path) == day


PAGE = """Crowds fill Tahrir square for a second day
January 26 , 2011 | By Nour Saleh , Staff Writer
Thousands of protesters returned to the square on Wednesday , defying a ban on gatherings .
Police fired tear gas as the crowds grew through the afternoon .
"""


def _article(path: str, text: str = PAGE):
    (article,), _, _ = articles_from_text(path, text, Settings())
    return article.published


def test_a_folder_named_by_its_day_dates_the_page() -> None:
    published = _article("pages/Outlet/2011-01-26/3.htm.txt")
    assert (published.value, published.granularity, published.origin) == (
        "2011-01-26",
        "day",
        "path",
    )
    assert published.evidence[0] == "path names 2011-01-26"
    assert not published.conflicts  # the byline agrees


def test_the_path_wins_and_a_disagreeing_text_is_a_conflict() -> None:
    published = _article("pages/Outlet/2011-01-27/3.htm.txt")
    assert (published.value, published.origin) == ("2011-01-27", "path")
    assert any("2011-01-26" in c for c in published.conflicts)


@pytest.mark.parametrize(
    ("opening", "day"),
    [
        ("January 26 , 2011 | By Nour Saleh , Staff Writer", "2011-01-26"),
        ("Nour Saleh | 22:29 UK time , Wednesday , 26 January 2011", "2011-01-26"),
        ("Published: 26 January 2011 14:02 GMT", "2011-01-26"),
        ("26 January 2011 Thousands of protesters returned", "2011-01-26"),
        ("By Nour Saleh The square filled again , as it had on 25 January 2011 .", None),
    ],
)
def test_a_dateline_or_byline_opening_the_page_is_text_evidence(
    opening: str, day: str | None
) -> None:
    text = PAGE.replace("January 26 , 2011 | By Nour Saleh , Staff Writer", opening)
    published = _article("pages/unsorted/3.txt", text)
    if day is None:
        assert published.origin != "text" or published.value != "2011-01-26"
    else:
        assert (published.value, published.origin) == (day, "text")
        assert any(e.startswith("dateline") for e in published.evidence)


def test_metadata_beats_the_path_and_the_path_beats_text_for_a_copy(tmp_path: Path) -> None:
    day_folder = tmp_path / "Outlet" / "2011-01-27"
    day_folder.mkdir(parents=True)
    (day_folder / "a.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "loose.txt").write_text(PAGE, encoding="utf-8")  # dated by its byline
    with Store(tmp_path / "s.db") as store:
        ingest([str(tmp_path / "loose.txt")], store)
        ingest([str(day_folder)], store)  # the same article, later, from a dated folder
        (article,) = store.all_articles()
    assert (article["published"], article["published_from"]) == ("2011-01-27", "path")
