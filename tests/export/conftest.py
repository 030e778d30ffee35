"""Timelines for the export tests: examples, seeds, a T17 topic, a hostile article, hand-made."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsline.records import Article, Timeline
from tests.conftest import shared_path
from tests.export.builders import (
    DEMO_QUERY,
    EXAMPLES,
    HOSTILE_QUERY,
    ingest_into,
    mixed_timeline,
    store_timeline,
    t17_timeline,
    write_hostile,
)
from tests.web.browser import browser  # noqa: F401 - a fixture

Built = tuple[Timeline, list[Article]]


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("examples") / "examples.db"
    ingest_into(db, EXAMPLES)
    return db


@pytest.fixture(scope="session")
def demo(examples_db: Path) -> Built:
    return store_timeline(examples_db, DEMO_QUERY)


@pytest.fixture(scope="session")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = shared_path("seeds")
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    ingest_into(db, folder)
    return store_timeline(db, "Russia North Korea")


@pytest.fixture(scope="session")
def t17(tmp_path_factory: pytest.TempPathFactory) -> Built:
    db = tmp_path_factory.mktemp("t17") / "mj.db"
    return t17_timeline(shared_path("data", "t17"), "mj", db)


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("hostile")
    db = folder / "hostile.db"
    ingest_into(db, write_hostile(folder / "news"))
    return store_timeline(db, HOSTILE_QUERY)


@pytest.fixture(scope="session")
def mixed() -> Built:
    return mixed_timeline(), []


@pytest.fixture(scope="session", params=["demo", "seeds", "t17", "mixed"])
def built(request: pytest.FixtureRequest) -> Built:
    """Each corpus's timeline in turn (seeds and T17 skip where ../shared is absent)."""
    return request.getfixturevalue(request.param)
