"""Publication dates of the seed articles, inferred from text with evidence (none has metadata)."""

from __future__ import annotations

import pytest

from newsline.jobs import ingest
from newsline.store import Store
from tests.conftest import shared_path

EXPECTED = [
    # (headline start, published, granularity, published_from, has conflict)
    ("A Timeline of the Complicated", "2023-09-12", "day", "text", False),
    ("Israeli Settler Outpost", "2026-01-19", "day", "text", False),
    ("Khartoum Markets", "2026-01", "month", "text", True),
    ("Respiratory Virus", None, None, "none", False),
    ("3 days, 640,000", None, None, "none", False),
    ("Russia-North Korea Relations", None, None, "none", False),
]


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    with Store(tmp_path_factory.mktemp("db") / "s.db") as store:
        ingest([str(shared_path("seeds"))], store)
        return store.all_articles()


@pytest.mark.parametrize(("title", "published", "granularity", "origin", "conflict"), EXPECTED)
def test_publication_date(
    articles: list[dict],
    title: str,
    published: str | None,
    granularity: str | None,
    origin: str,
    conflict: bool,
) -> None:
    article = next(a for a in articles if a["title"].startswith(title))
    assert (article["published"], article["published_granularity"]) == (published, granularity)
    assert article["published_from"] == origin
    assert bool(article["published_conflicts"]) is conflict
    if origin == "text":
        assert article["published_evidence"], "inferred dates carry their evidence"


def test_archive_photo_is_only_a_lower_bound(articles: list[dict]) -> None:
    polio = next(a for a in articles if a["title"].startswith("3 days"))
    assert polio["published_not_before"] == "2024-07-04"
    timeline = next(a for a in articles if a["title"].startswith("A Timeline"))
    assert timeline["published"] != "2019-04-25"
