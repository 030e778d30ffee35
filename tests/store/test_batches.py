"""A file is written in batches, one transaction each, on both backends: a run stopped between
two batches leaves a store whose file record matches the sources stored, and the next run
completes the file with no duplicate and nothing lost."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from newsline.jobs import ingest
from newsline.settings import Settings
from newsline.store import Store

TOPICS = ["ferry", "bridge", "harbour", "council", "library", "orchard", "railway"]


def _jsonl(path: Path, count: int) -> Path:
    lines = [
        json.dumps(
            {
                "id": f"r{i}",
                "title": f"The {TOPICS[i % len(TOPICS)]} story number {i}",
                "text": f"Officials said on Monday that the {TOPICS[i % len(TOPICS)]} plan {i}"
                f" would go ahead in {2000 + i}, after a vote of {i * 7} to {i}.",
                "published": f"2024-01-{1 + i % 28:02d}",
            }
        )
        for i in range(count)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _file_row(store: Store, path: Path) -> tuple[int, int] | None:
    row = store.conn.execute(
        "SELECT articles, complete FROM files WHERE path = ?", (str(path),)
    ).fetchone()
    return None if row is None else (int(row[0]), int(row[1]))


def _sources(store: Store, path: Path) -> list[tuple[int, str]]:
    rows = store.conn.execute(
        "SELECT position, article_id FROM sources WHERE path = ? ORDER BY position", (str(path),)
    ).fetchall()
    return [(int(r[0]), str(r[1])) for r in rows]


def _stop_at_batch(monkeypatch: pytest.MonkeyPatch, stop: int) -> None:
    original = Store.write_batch
    calls = {"n": 0}

    def write_batch(self: Store, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == stop:
            raise KeyboardInterrupt
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "write_batch", write_batch)


def test_schema_has_the_batch_migration(store: Store) -> None:
    assert store.schema_version() >= 4
    assert store.conn.execute("SELECT complete FROM files").fetchall() == []


@pytest.mark.parametrize("stop_at", [2, 3, 4])
def test_a_file_stopped_between_batches_is_completed_by_the_next_run(
    new_db: Callable[[str], str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    stop_at: int,
) -> None:
    path = _jsonl(tmp_path / "wire.jsonl", 11)
    settings = Settings().with_(batch_size=3)
    with Store(new_db("reference")) as reference:
        ingest([str(path)], reference, settings)
        expected = _sources(reference, path)
    assert len(expected) == 11
    with Store(new_db("stopped")) as store:
        with monkeypatch.context() as patch:
            _stop_at_batch(patch, stop_at)
            with pytest.raises(KeyboardInterrupt):
                ingest([str(path)], store, settings)
        written = 3 * (stop_at - 1)
        assert _sources(store, path) == expected[:written]
        assert _file_row(store, path) == (written, 0)  # the record matches what is stored
        assert store.counts()["articles"] == written
        with monkeypatch.context() as patch:  # stopped again, earlier, in the re-run
            _stop_at_batch(patch, 2)
            with pytest.raises(KeyboardInterrupt):
                ingest([str(path)], store, settings)
        assert _file_row(store, path) == (written, 0)
        again = ingest([str(path)], store, settings)
        assert again.ok and again.articles_new + again.articles_known == 11
        assert again.articles_new == 11 - written
        assert _sources(store, path) == expected
        assert _file_row(store, path) == (11, 1)
        assert store.counts()["articles"] == store.counts()["sources"] == 11
        assert ingest([str(path)], store, settings).files_unchanged == 1


@pytest.mark.parametrize(("count", "batch"), [(6, 3), (7, 3), (2, 500), (0, 3)])
def test_batches_write_every_article_once(
    store: Store, tmp_path: Path, count: int, batch: int
) -> None:
    path = _jsonl(tmp_path / "wire.jsonl", count) if count else tmp_path / "wire.jsonl"
    if not count:
        path.write_text('{"title": "no text"}\n', encoding="utf-8")
    summary = ingest([str(path)], store, Settings().with_(batch_size=batch))
    assert summary.articles_new == count
    assert len(_sources(store, path)) == count
    assert _file_row(store, path) == (count, 1)


def test_a_migration_another_process_applied_meanwhile_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two processes opening an older store at once: the one that finds a migration applied
    once it holds the write lock leaves it (it failed on the version's unique key)."""
    import sqlite3

    from newsline.store import db

    path = tmp_path / "s.db"
    Store(path).close()
    migrations = list(db.MIGRATIONS)
    newest = migrations[-1]
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM schema_migrations WHERE version = ?", (newest[0],))

    def racing() -> object:
        yield from migrations[:-1]
        with sqlite3.connect(path) as other:  # the other process, between the read and the lock
            other.execute("INSERT INTO schema_migrations VALUES (?, ?)", newest[:2])
        yield newest

    monkeypatch.setattr(db, "MIGRATIONS", racing())
    store = Store(path)
    assert store.schema_version() == newest[0]
    store.close()


def test_sqlite_store_caches_more_pages_than_sqlite_default(tmp_path: Path) -> None:
    """Ingest's inserts land all over a growing file: the connection keeps CACHE_KIB of pages,
    not SQLite's 2 MiB (which read them back from the file system again and again)."""
    from newsline.store.db import CACHE_KIB

    with Store(tmp_path / "s.db") as store:
        assert store.conn.execute("PRAGMA cache_size").fetchone()[0] == -CACHE_KIB
    assert CACHE_KIB > 2048
