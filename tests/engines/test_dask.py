"""The Dask engine fills the store exactly as the single process does, bad files included."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsline.cli import app
from newsline.export.json import timeline_to_dict
from newsline.jobs import IngestSummary, ingest, timeline
from newsline.settings import Settings
from newsline.store import Store
from newsline.store import stories as queries
from tests.conftest import REPO, shared_path
from tests.engines.cluster import local_scheduler

# Embeddings off: the comparison is about ingest, not about whether a model is installed.
SETTINGS = Settings(embeddings="off")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A LocalCluster of 2 single-threaded worker processes, shared by this module's tests."""
    with local_scheduler(processes=True) as address:
        yield address


def ingest_dask(paths: list[str], store: Store, **options: Any) -> IngestSummary:
    from newsline.engines.dask import ingest_dask as run

    return run(paths, store, options.pop("settings", SETTINGS), **options)


def snapshot(store: Store) -> dict[str, Any]:
    """What a run leaves in the store: articles with sources, files, links, stories, failures,
    and the near-duplicate index (signatures and band keys)."""
    files = store.conn.execute("SELECT path, size, sha256, articles FROM files ORDER BY path")
    failures = store.conn.execute("SELECT run_id, path, reason FROM failures ORDER BY id")
    runs = store.conn.execute(
        "SELECT id, files, articles_new, articles_known, failures, finished FROM runs ORDER BY id"
    )
    signatures = store.conn.execute(
        "SELECT article_id, params, shingles, signature FROM minhash ORDER BY article_id"
    )
    bands = store.conn.execute(  # in either band table
        "SELECT band_key, article_id FROM minhash_bands UNION"
        " SELECT band_key, article_id FROM minhash_bands_recent ORDER BY band_key, article_id"
    )
    events = store.conn.execute("SELECT article_id, key, events FROM events ORDER BY article_id")
    return {
        "articles": store.all_articles(),
        "records": store.load_articles(),
        "files": [tuple(row) for row in files],
        "links": queries.list_links(store),
        "stories": queries.story_map(store),
        "failures": [tuple(row) for row in failures],
        "runs": [tuple(row) for row in runs],
        "signatures": [tuple(row) for row in signatures],
        "bands": [tuple(row) for row in bands],
        "events": [tuple(row) for row in events],  # computed at ingest (ingest_events)
    }


def both(tmp_path: Path, paths: list[str], scheduler: str) -> tuple[Store, Store]:
    """Ingest ``paths`` into two fresh stores, single process and Dask; the two summaries agree."""
    single = Store(tmp_path / "single.db")
    dask = Store(tmp_path / "dask.db")
    expected = ingest(paths, single, SETTINGS)
    got = ingest_dask(paths, dask, scheduler=scheduler)
    assert got.to_dict() == expected.to_dict()
    assert snapshot(dask) == snapshot(single)
    return single, dask


CORPORA = {
    "examples and seeds": (["examples", "seeds"], "Brenn Strait Link"),
    "t17 mj": (["t17/mj/articles.jsonl"], "michael jackson"),
    "t17 haiti": (["t17/haiti/articles.jsonl"], "haiti earthquake"),
}


def _paths(names: list[str]) -> list[str]:
    where = {"examples": lambda: REPO / "examples", "seeds": lambda: shared_path("seeds")}
    return [str(where[n]() if n in where else shared_path("data", *n.split("/"))) for n in names]


@pytest.mark.shared
@pytest.mark.parametrize("corpus", list(CORPORA))
def test_same_store_and_timeline_as_single_process(
    corpus: str, tmp_path: Path, scheduler: str
) -> None:
    names, query = CORPORA[corpus]
    single, dask = both(tmp_path, _paths(names), scheduler)
    with single, dask:
        assert dask.counts()["articles"] > 0
        expected = timeline_to_dict(timeline(query, single, settings=SETTINGS))
        got = timeline_to_dict(timeline(query, dask, settings=SETTINGS))
        assert expected["entries"], "the query should find a timeline"
        assert json.dumps(got, sort_keys=True) == json.dumps(expected, sort_keys=True)


GOOD = """Harbour Cranes Return to Service After Storm

The port authority said on Tuesday, March 5, 2024, that all twelve cranes damaged in last
week's storm were back in service.

Shipping lines had diverted four vessels to a neighbouring port while repairs went on.
"""
BAD = {
    "binary.bin": bytes(range(256)) * 40,
    "empty.txt": b"",
    "blank.txt": b"   \n\n  \n",
    "undecodable.txt": b"Headline\n\n" + bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 200,
    "big.txt": b"Headline\n\n" + b"word " * 400,
    "mixed.jsonl": b'{"id": "a1", "title": "Ferry timetable", "text": "The ferry company said'
    b' on Monday it would cut winter sailings.", "published": "2024-01-08"}\n{not json\n',
}


def test_bad_files_reported_as_the_single_process_does(tmp_path: Path, scheduler: str) -> None:
    pile = tmp_path / "pile"
    pile.mkdir()
    for name, data in BAD.items():
        (pile / name).write_bytes(data)
    (pile / "good.txt").write_text(GOOD, encoding="utf-8")
    settings = Settings(embeddings="off", max_file_bytes=1500)
    single, dask = Store(tmp_path / "single.db"), Store(tmp_path / "dask.db")
    with single, dask:
        from newsline.engines.dask import ingest_dask as run

        expected = ingest([str(pile)], single, settings)
        got = run([str(pile)], dask, settings, scheduler=scheduler)
        assert len(expected.failures) >= len(BAD) - 1
        assert got.failures == expected.failures
        assert got.to_dict() == expected.to_dict()
        assert snapshot(dask) == snapshot(single)


def test_rerun_skips_unchanged_files_like_the_single_process(
    tmp_path: Path, scheduler: str
) -> None:
    paths = [str(REPO / "examples")]
    single, dask = Store(tmp_path / "single.db"), Store(tmp_path / "dask.db")
    with single, dask:
        for _ in range(2):
            expected = ingest(paths, single, SETTINGS)
            got = ingest_dask(paths, dask, scheduler=scheduler)
            assert got.to_dict() == expected.to_dict()
        assert got.files_unchanged == got.files > 0
        assert snapshot(dask) == snapshot(single)
    assert not (tmp_path / "dask.db.shards").exists(), "shards are removed after loading"


def test_shards_hold_each_file_and_article(tmp_path: Path, scheduler: str) -> None:
    import pyarrow.parquet as pq

    with Store(tmp_path / "dask.db") as store:
        ingest_dask([str(REPO / "examples")], store, scheduler=scheduler, keep_shards=True)
        shards = sorted((tmp_path / "dask.db.shards").glob("run-*/part-*.parquet"))
        rows = [row for shard in shards for row in pq.read_table(shard).to_pylist()]
        assert len(rows) == store.counts()["sources"]
        assert {r["file_path"] for r in rows} == {
            row[0] for row in store.conn.execute("SELECT path FROM files WHERE articles > 0")
        }
        assert all(len(r["file_sha256"]) == 64 and r["file_size"] > 0 for r in rows)
        assert {json.loads(r["blocks"])[0][0] for r in rows} <= {"paragraph", "heading"}


def test_stale_shards_of_a_killed_run_are_not_read(tmp_path: Path, scheduler: str) -> None:
    """A run killed before removing its shards, then its store made again: the next run gets
    the same run number, and the shards it finds there are not its own."""
    stale = tmp_path / "first.db"
    with Store(stale) as store:
        ingest_dask([str(REPO / "examples")], store, scheduler=scheduler, keep_shards=True)
    db = tmp_path / "dask.db"
    shutil.copytree(tmp_path / "first.db.shards", tmp_path / "dask.db.shards")
    jsonl = tmp_path / "jsonl"
    shutil.copytree(REPO / "examples" / "jsonl", jsonl)
    with Store(db) as dask, Store(tmp_path / "single.db") as single:
        ingest_dask([str(jsonl)], dask, scheduler=scheduler)
        ingest([str(jsonl)], single, SETTINGS)
        assert snapshot(dask) == snapshot(single)


def test_own_local_cluster_from_the_cli(tmp_path: Path, scheduler: str) -> None:
    db = str(tmp_path / "cli.db")
    args = ["ingest", str(REPO / "examples"), "--db", db, "--engine", "dask", "--workers", "2"]
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    with Store(db) as store, Store(tmp_path / "single.db") as single:
        ingest([str(REPO / "examples")], single)
        assert snapshot(store)["articles"] == snapshot(single)["articles"]


def test_missing_extra_is_a_config_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    db = tmp_path / "x.db"
    result = CliRunner().invoke(
        app, ["ingest", str(REPO / "examples"), "--db", str(db), "--engine", "dask"]
    )
    assert result.exit_code == 2
    assert "newsline[dask]" in result.output and "distributed" in result.output
    assert not db.exists(), "nothing is opened or written before the check"


def test_store_that_is_no_file_puts_shards_in_tmp(scheduler: str) -> None:
    paths = [str(REPO / "examples")]
    with Store(":memory:") as single, Store(":memory:") as dask:
        expected = ingest(paths, single, SETTINGS)
        assert ingest_dask(paths, dask, scheduler=scheduler).to_dict() == expected.to_dict()
        assert snapshot(dask) == snapshot(single)


def test_reprints_in_a_later_run_link_to_stored_articles(tmp_path: Path, scheduler: str) -> None:
    """The band keys of earlier runs take part in the shuffle: a reprint arriving later links."""
    pile = tmp_path / "pile"
    shutil.copytree(REPO / "examples", pile)
    lines = (pile / "jsonl" / "agency.jsonl").read_text(encoding="utf-8").splitlines()
    original = json.loads(lines[3])
    paragraphs = original["text"].split("\n\n")
    reprint = {
        "id": "reprint-1",
        "title": "Crane accident: what we know",
        "text": "\n\n".join(paragraphs[: max(len(paragraphs) - 1, 1)]),
        "source": "Another Outlet",
    }
    single, dask = Store(tmp_path / "single.db"), Store(tmp_path / "dask.db")
    with single, dask:
        ingest([str(pile)], single, SETTINGS)
        ingest_dask([str(pile)], dask, scheduler=scheduler)
        before = {(link.first, link.second) for link in queries.list_links(dask)}
        (pile / "later.jsonl").write_text(json.dumps(reprint) + "\n", encoding="utf-8")
        expected = ingest([str(pile)], single, SETTINGS)
        got = ingest_dask([str(pile)], dask, scheduler=scheduler)
        assert got.to_dict() == expected.to_dict()
        assert got.articles_new == 1 and got.near_duplicates >= 1
        assert snapshot(dask) == snapshot(single)
        new = {(link.first, link.second) for link in queries.list_links(dask)} - before
        stored = {
            row[0] for row in dask.conn.execute("SELECT id FROM articles WHERE first_run = 1")
        }
        assert any(first in stored or second in stored for first, second in new)


def test_events_computed_on_the_workers_equal_the_single_process(
    tmp_path: Path, scheduler: str
) -> None:
    from newsline.jobs_events import derive_events

    paths = [str(REPO / "examples")]
    lazy = SETTINGS.with_(ingest_events=False)
    single, dask = Store(tmp_path / "single.db"), Store(tmp_path / "dask.db")
    with single, dask:
        ingest(paths, single, lazy)
        expected = derive_events(single, lazy).articles
        got = ingest_dask(paths, dask, scheduler=scheduler, events=True, settings=lazy)
        assert got.events == expected == single.counts()["articles"] > 0
        query = "SELECT article_id, key, events FROM events ORDER BY article_id"
        assert [tuple(r) for r in dask.conn.execute(query)] == [
            tuple(r) for r in single.conn.execute(query)
        ]
        assert ingest_dask(paths, dask, scheduler=scheduler, events=True, settings=lazy).events == 0
        at_ingest = Store(tmp_path / "at-ingest.db")
        with at_ingest:
            assert ingest_dask(paths, at_ingest, scheduler=scheduler).events == expected
            assert [tuple(r) for r in at_ingest.conn.execute(query)] == [
                tuple(r) for r in single.conn.execute(query)
            ], "events made on the workers as they read the articles are the lazy ones"


def test_a_file_failing_half_way_on_a_worker_leaves_nothing_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows a failed file already appended to the shard are skipped by the parent, in place."""
    pytest.importorskip("pyarrow")
    from newsline.engines import dask as engine
    from newsline.errors import InputError
    from newsline.jobs import FileArticles, file_articles

    files = [str(p) for p in sorted((REPO / "examples" / "dumps").glob("*.txt"))]
    broken = files[1]

    def failing(path: Path, found: Any, settings: Settings, seen: Any = None) -> FileArticles:
        read = file_articles(path, found, settings, seen)
        if str(path) != broken:
            return read

        def articles() -> Iterator[Any]:
            yield from read.articles
            raise InputError("unreadable: device error", str(path))

        return FileArticles(articles(), read.bad_records, read.pipeline)

    monkeypatch.setattr(engine, "file_articles", failing)
    folder = tmp_path / "shards"
    folder.mkdir()
    metas = engine._partition(list(enumerate(files)), str(folder), SETTINGS)
    assert [m["path"] for m in metas if m.get("partial")] == [broken]
    with Store(tmp_path / "dask.db") as store, Store(tmp_path / "single.db") as single:
        summary = IngestSummary()
        refused = engine._load(dict(enumerate(metas)), store, store.begin_run("t"), summary, None)
        assert refused == {broken}
        assert [f.path for f in summary.failures] == [broken]
        ingest([f for f in files if f != broken], single, SETTINGS)
        stored = {row[0] for row in store.conn.execute("SELECT path FROM sources")}
        assert stored == {row[0] for row in single.conn.execute("SELECT path FROM sources")}
        assert broken not in stored and len(stored) == len(files) - 1
