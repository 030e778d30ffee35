"""Shared fixtures: the ../shared folder beside the checkout, and temporary stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsline.jobs import ingest
from newsline.records import Article, PublicationDate, Source
from newsline.store import Store

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED = (REPO / ".." / "shared").resolve()
DATA = Path(__file__).resolve().parent / "data"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test with a reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present (tests that read ../shared need it beside the checkout)")
    return path


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A fresh on-disk store in a temporary folder."""
    with Store(tmp_path / "test.db") as s:
        yield s


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the example corpus (the demo's), made once a module."""
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store(db) as s:
        ingest([str(EXAMPLES)], s)
    return db


def dated_article(article_id: str, day: str) -> Article:
    """A bodiless article published on ``day`` (ISO), for stages that read only its date."""
    return Article(
        id=article_id,
        title=article_id,
        captions=(),
        blocks=(),
        published=PublicationDate(day, "day", "metadata"),
        source=Source(f"{article_id}.txt", 0, "text", "utf-8", (0, 0), ""),
    )
