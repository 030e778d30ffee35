"""Copies of one article that differ in what they know: the stored article must not depend on
which copy was read first. A copy stating its publication date in metadata gives the date to
an article whose date was only inferred (or missing), on both backends."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from newsline.jobs import ingest
from newsline.jobs_events import article_events
from newsline.settings import Settings
from newsline.store import Store

SETTINGS = Settings(embeddings="off")
BODY = [
    "Harbour pilots in Tarrin walked out over pay and rosters, halting ferry traffic.",
    "The port authority said talks would resume once both sides had met the mediator.",
]
DUMP = "Harbour pilots strike in Tarrin\n\n" + "\n\n".join(BODY) + "\n"
RECORD = {
    "id": "x1",
    "title": "Pilots strike",
    "text": "\n\n".join(BODY),
    "published": "2024-05-02",
}


def _files(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    (folder / "dump.txt").write_text(DUMP, encoding="utf-8")
    (folder / "feed.jsonl").write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    return {"dump": folder / "dump.txt", "jsonl": folder / "feed.jsonl"}


@pytest.mark.parametrize("order", [("dump", "jsonl"), ("jsonl", "dump")])
def test_metadata_date_wins_whatever_the_order(
    order: tuple[str, str], new_db: Callable[[str], str], tmp_path: Path
) -> None:
    files = _files(tmp_path / "in")
    with Store(new_db("copies")) as store:
        for name in order:
            ingest([str(files[name])], store, SETTINGS)
        (article,) = store.load_articles()
        assert store.counts()["sources"] == 2
        assert (article.published.value, article.published.origin) == ("2024-05-02", "metadata")


def test_stored_events_follow_the_new_date(new_db: Callable[[str], str], tmp_path: Path) -> None:
    files = _files(tmp_path / "in")
    with Store(new_db("events")) as store:
        ingest([str(files["dump"])], store, SETTINGS)
        before, _ = article_events(store, store.load_articles(), SETTINGS)
        assert not any(e.dated_by == "published" for e in before), "no date known yet"
        ingest([str(files["jsonl"])], store, SETTINGS)
        after, _ = article_events(store, store.load_articles(), SETTINGS)
        dated = [e for e in after if e.dated_by == "published"]
        assert dated and all(str(e.interval.start) == "2024-05-02" for e in dated)
