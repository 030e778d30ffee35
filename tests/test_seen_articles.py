"""An ingest run's memory of what it read: article ids, and the tagger's paragraph parses."""

from __future__ import annotations

from datetime import date

import pytest

from newsline.jobs import SeenArticles
from newsline.temporal import Tagger

LEAD = "The talks began on 3 May 2011 and resumed two days later."
OTHER = "A report from June 2010 said the plant would close next year."


@pytest.mark.parametrize(
    ("text", "anchor"),
    [(LEAD, date(2011, 5, 4)), (LEAD, date(2012, 1, 1)), (OTHER, None), (OTHER, date(2010, 6, 9))],
)
def test_a_shared_parse_tags_as_a_fresh_tagger(text: str, anchor: date | None) -> None:
    seen = SeenArticles()
    seen.tags().tag(text)  # an earlier article parsed the paragraph
    assert seen.tags().tag(text, anchor) == Tagger().tag(text, anchor)


def test_parses_are_kept_up_to_the_limit_then_start_again() -> None:
    seen = SeenArticles(parse_limit=1)
    seen.tags().tag(LEAD)
    assert list(seen.parses) == [LEAD]
    seen.tags().tag(OTHER)
    assert list(seen.parses) == [LEAD, OTHER]
    assert not seen.tags().parsed  # past the limit: the next article starts afresh
