"""Crashes the fuzz tests found, each pinned by the smallest input that showed it."""

from __future__ import annotations

import json
import re
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsline.errors import InputError
from newsline.ingest.decode import decode
from newsline.jobs import articles_from_text, ingest, timeline
from newsline.settings import Settings
from newsline.stages.clean import CREDIT
from newsline.store import Store
from newsline.temporal import tag
from tests.robustness.strategies import check_articles


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xfeA",  # UTF-16 LE BOM, odd length: truncated
        b"\xff\xfe\x00\xd8A\x00",  # UTF-16 LE BOM, a lone high surrogate
        b"\xfe\xff\x00A\x00",  # UTF-16 BE BOM, truncated
    ],
)
def test_broken_utf16_is_an_input_error(data: bytes) -> None:
    with pytest.raises(InputError, match="undecodable"):
        decode(data)


def test_broken_utf16_file_is_reported_and_the_rest_ingested(tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"\xff\xfeA\x00B")
    (folder / "b.txt").write_text("Quay Reopens\n\nThe quay reopened on Monday after repairs.\n")
    summary = ingest([str(folder)], store)
    assert [Path(f.path).name for f in summary.failures] == ["a.txt"]
    assert summary.articles_new == 1


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        ("They met the next day.", date(9999, 12, 31)),  # OverflowError in shift()
        ("SUNDAY", date(1, 1, 1)),  # OverflowError in weekday_near()
        ("OCT1", date(1, 1, 1)),  # year 0 in nearest_year()
        ("THIRD QUARTER", date(1, 1, 1)),  # year 0 in the quarter's interval
        ("Talks end tomorrow, next year at the latest.", date.max),
    ],
)
def test_anchor_at_the_end_of_the_calendar_leaves_the_day_unresolved(
    text: str, anchor: date
) -> None:
    for mention in tag(text, anchor):
        assert text[mention.start : mention.end] == mention.text


def test_article_published_on_the_last_day_of_the_calendar_gets_a_timeline(store: Store) -> None:
    line = json.dumps(
        {"title": "End", "published": "9999-12-31", "text": "Ships sail the next day and Sunday."}
    )
    articles, failures, _ = articles_from_text("end.jsonl", line, Settings())
    store.write_file("end.jsonl", len(line), "x", articles, store.begin_run("test"))
    assert timeline("ships", store).articles == 1


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        ("The works ran from March to May.", date(2000, 1, 1)),  # 2000-03/1999-05
        ("The works will run from November to February.", date(2000, 4, 10)),  # 2000-11/2000-02
    ],
)
def test_a_range_never_ends_before_it_starts(text: str, anchor: date) -> None:
    (mention,) = tag(text, anchor)
    assert mention.interval is not None
    assert mention.interval.start <= mention.interval.end


_CREDIT_BEFORE = re.compile(  # the pattern before the fix: same language, quadratic rejection
    r"\((?P<agency>[A-Z]{2,6}|Reuters|Getty Images|Bloomberg|Xinhua|Anadolu|dpa|Photo)"
    r"(?:[ -](?:Photo|EFE|Images))?(?:\s*/[^()]*)?(?:,[^()]*)?\)\s*$"
)


def test_a_long_line_of_commas_is_rejected_as_a_credit_in_linear_time() -> None:
    line = "(AP/" + ", " * 200_000 + "no closing parenthesis"  # took minutes before the fix
    started = time.perf_counter()
    assert CREDIT.search(line) is None
    assert time.perf_counter() - started < 1.0


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="(),/ APFEhotileRusdNm\n", max_size=40))
def test_the_credit_pattern_matches_what_it_matched_before(line: str) -> None:
    now, before = CREDIT.search(line), _CREDIT_BEFORE.search(line)
    assert (now and (now.span(), now["agency"])) == (before and (before.span(), before["agency"]))


@pytest.mark.parametrize(
    "text",
    [
        "\x00TT\n\nDock Workers Strike\n\nThe union said on Monday the strike would last a week.\n",
        "Dock Workers\x00 Strike\n\nThe union\x00 said on Monday the strike would last a week.\n",
    ],
)
def test_nul_in_a_dump_is_cleaned_and_the_raw_copy_keeps_its_place(text: str) -> None:
    """Found by the fuzz test: a NUL is dropped from the article, shown as U+FFFD in the raw
    copy (so PostgreSQL can hold it), and the span still fits the file."""
    (article,) = check_articles(text)
    assert "\x00" not in article.text + article.title + article.source.raw
    start, end = article.source.span
    assert len(article.source.raw) == end - start
