"""The article codec: every example article survives columns and back, as the store and the
Dask shards use it."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsline.jobs import ingest
from newsline.settings import Settings
from newsline.store import Store
from newsline.store.codec import (
    ARTICLE_COLUMNS,
    SOURCE_COLUMNS,
    SOURCE_INTEGERS,
    article_columns,
    article_from_columns,
    source_columns,
)
from tests.conftest import REPO


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> list:
    path: Path = tmp_path_factory.mktemp("codec") / "x.db"
    with Store(path) as store:
        ingest([str(REPO / "examples")], store, Settings(embeddings="off"))
        return store.load_articles()


def test_round_trip(articles: list) -> None:
    assert len(articles) > 10
    for article in articles:
        back = article_from_columns(article_columns(article), source_columns(article))
        assert back == article


def test_columns_are_flat_and_named(articles: list) -> None:
    for article in articles:
        columns, source = article_columns(article), source_columns(article)
        assert list(columns) == ARTICLE_COLUMNS and list(source) == SOURCE_COLUMNS
        assert all(value is None or isinstance(value, str) for value in columns.values())
        for name, value in source.items():
            kind = int if name in SOURCE_INTEGERS else str
            assert value is None or isinstance(value, kind), name


def test_columns_match_the_tables(tmp_path: Path) -> None:
    with Store(tmp_path / "t.db") as store:
        tables = {
            table: [row[1] for row in store.conn.execute(f"PRAGMA table_info({table})")]
            for table in ("articles", "sources")
        }
    assert tables["articles"] == [*ARTICLE_COLUMNS, "first_run"]
    assert set(SOURCE_COLUMNS) <= set(tables["sources"])


@pytest.mark.parametrize(
    "texts",
    [
        [],
        ["Ships queued outside the breakwater ."],
        ['He said "no" \\ then / left', "tab\there", "line\nbreak", "bell\x07 and \x1f"],
        ["DEL \x7f is kept as it is"],  # the ASCII escaping would write \u007f
        ["caf\xe9 \u2019quoted\u2019", "plain"],
        ["\u2028 a line separator", "emoji \U0001f600"],
    ],
)
def test_blocks_are_the_json_of_their_pairs(texts: list[str]) -> None:
    import json

    from newsline.records import Block
    from newsline.store.codec import _blocks_json

    blocks = tuple(Block(kind, text) for text in texts for kind in ("paragraph", "heading"))
    expected = json.dumps([[b.kind, b.text] for b in blocks], ensure_ascii=False)
    assert _blocks_json(blocks) == expected
