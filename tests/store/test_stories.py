"""Near duplicates in the store: linked at ingest, incrementally, once, in any order."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsline import jobs
from newsline.cli import app
from newsline.jobs import ingest
from newsline.jobs_dedup import LinkSummary, link_near_duplicates
from newsline.settings import Settings
from newsline.stages.dedup import DedupParams, index_keys
from newsline.store import Store
from newsline.store import stories as queries
from tests.conftest import REPO
from tests.stages.test_dedup import ORIGINAL, SAME_TOPIC, _edited

#: (file name, outlet, headline, paragraphs): one wire story, three reprints, one other story.
ITEMS = [
    ("wire.jsonl", "Kessa Wire", "Fire Guts Orlvik Dock Warehouse", ORIGINAL),
    ("post.jsonl", "Orlvik Post", "Night of Flames on the Docks", _edited(ORIGINAL)),
    ("herald.jsonl", "Coast Herald", "300 Evacuated as Timber Store Burns", ORIGINAL[:-2]),
    ("gazette.jsonl", "Dock Gazette", "Warehouse Blaze: Owner Counts Cost", ORIGINAL[1:]),
    ("other.jsonl", "Kessa Wire", "Boat Shed Fire on Orlvik Docks", SAME_TOPIC),
]


def _write(folder: Path, names: list[str] | None = None) -> list[str]:
    paths = []
    for name, outlet, title, paragraphs in ITEMS:
        if names is not None and name not in names:
            continue
        record = {"title": title, "text": "\n\n".join(paragraphs), "source": outlet}
        record["published"] = "2025-05-15"
        path = folder / name
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def _titles_by_story(store: Store) -> list[list[str]]:
    return [sorted(a["title"] for a in s["articles"]) for s in queries.list_stories(store)]


def test_reprints_become_one_story_with_every_source(store: Store, tmp_path: Path) -> None:
    summary = ingest(_write(tmp_path), store)
    assert summary.ok and summary.articles_new == 5
    assert summary.near_duplicates == len(queries.list_links(store)) >= 3
    (story,) = queries.list_stories(store)
    assert sorted(a["title"] for a in story["articles"]) == sorted(t for *_, t, _ in ITEMS[:4])
    assert story["story"] == min(a["id"] for a in story["articles"])
    outlets = {s["outlet"] for a in story["articles"] for s in a["sources"]}
    assert outlets == {"Kessa Wire", "Orlvik Post", "Coast Herald", "Dock Gazette"}
    assert all(a["containment"] >= Settings().near_duplicate_threshold for a in story["articles"])


def test_reingest_adds_nothing(store: Store, tmp_path: Path) -> None:
    paths = _write(tmp_path)
    ingest(paths, store)
    links, members = queries.list_links(store), queries.story_map(store)
    again = ingest(paths, store)
    assert again.near_duplicates == 0 and again.files_unchanged == len(paths)
    assert link_near_duplicates(store).signed == 0
    assert (queries.list_links(store), queries.story_map(store)) == (links, members)


def test_links_are_incremental_and_merge_stories(store: Store, tmp_path: Path) -> None:
    """Two unlinked reprints arrive first; the original that bridges them arrives later."""
    first = ingest(_write(tmp_path, ["herald.jsonl", "gazette.jsonl"]), store)
    assert first.near_duplicates == 1  # the two share paragraphs 2 to 6
    later = ingest(_write(tmp_path, ["wire.jsonl", "post.jsonl"]), store)
    assert later.near_duplicates >= 2
    assert link_near_duplicates(store).signed == 0
    (story,) = queries.list_stories(store)
    assert len(story["articles"]) == 4
    assert set(queries.story_map(store).values()) == {story["story"]}


@pytest.mark.parametrize("order", [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 4, 0, 3, 1]])
def test_any_ingest_order_gives_the_same_stories(
    tmp_path: Path, new_db: Callable[[str], str], order: list[int]
) -> None:
    names = [ITEMS[i][0] for i in order]
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder)
    with Store(new_db("a")) as store:
        for name in names:
            ingest([str(folder / name)], store)
        result = (queries.list_links(store), queries.story_map(store))
    with Store(new_db("b")) as store:
        ingest([str(folder)], store)
        assert (queries.list_links(store), queries.story_map(store)) == result


def test_new_params_resign_without_duplicate_links(store: Store, tmp_path: Path) -> None:
    ingest(_write(tmp_path), store)
    links = queries.list_links(store)
    summary = link_near_duplicates(store, Settings().with_(minhash_perms=64, lsh_band_rows=2))
    assert summary.signed == 5 and summary.links == 0
    assert queries.list_links(store) == links
    params, signature = queries.read_signature(store, links[0].first) or ("", None)
    assert "p64" in params and signature is not None and len(signature.values) == 64 * 4
    new = DedupParams(num_perm=64, band_rows=2)
    ids = [row[0] for row in store.conn.execute("SELECT article_id FROM minhash")]
    signatures = [queries.read_signature(store, i) for i in ids]
    expected = sorted(
        (key, sig.article_id) for _, sig in filter(None, signatures) for key in index_keys(sig, new)
    )
    bands = store.conn.execute(
        "SELECT band_key, article_id FROM minhash_bands UNION"
        " SELECT band_key, article_id FROM minhash_bands_recent ORDER BY 1, 2"
    )
    assert [tuple(row) for row in bands] == expected  # the old params' rows are gone


def test_small_batches_find_the_same_links(tmp_path: Path, new_db: Callable[[str], str]) -> None:
    paths = _write(tmp_path)
    with Store(new_db("one")) as one, Store(new_db("many")) as many:
        ingest(paths, one)
        ingest(paths, many, Settings().with_(batch_size=1, link_batch_size=1))
        assert queries.list_links(one) == queries.list_links(many)


def _band_rows(store: Store) -> list[tuple[int, str]]:
    rows = store.conn.execute(
        "SELECT band_key, article_id FROM minhash_bands UNION ALL"
        " SELECT band_key, article_id FROM minhash_bands_recent ORDER BY 1, 2"
    )
    return [(row[0], row[1]) for row in rows]


@pytest.mark.parametrize(
    ("recent_rows", "merged"),
    [
        (10**9, False),  # never due: every row stays in the recent table
        (42, True),  # due after every article (one a batch)
        (100, True),  # due after every third article
    ],
)
def test_merged_band_tables_find_the_same_links(
    tmp_path: Path,
    new_db: Callable[[str], str],
    monkeypatch: pytest.MonkeyPatch,
    recent_rows: int,
    merged: bool,
) -> None:
    paths = _write(tmp_path)
    settings = Settings().with_(batch_size=1, link_batch_size=1)
    with Store(new_db("one")) as one, Store(new_db("tiers")) as tiers:
        ingest(paths, one, settings)
        monkeypatch.setattr(queries, "RECENT_BAND_ROWS", recent_rows)
        ingest(paths, tiers, settings)
        assert queries.list_links(tiers) == queries.list_links(one)
        assert queries.story_map(tiers) == queries.story_map(one)
        assert _band_rows(tiers) == _band_rows(one)  # each row once, in one table or the other
        main = tiers.conn.execute("SELECT COUNT(*) FROM minhash_bands").fetchone()[0]
        assert bool(main) == merged


@pytest.mark.parametrize(
    ("tiers", "due"),
    [
        (queries.BandTiers(), False),
        (queries.BandTiers(main=0, recent=queries.RECENT_BAND_ROWS - 1), False),
        (queries.BandTiers(main=0, recent=queries.RECENT_BAND_ROWS), True),
        (queries.BandTiers(main=10**8, recent=0), False),
        (queries.BandTiers(main=10**8, recent=queries.RECENT_BAND_ROWS), False),
        (queries.BandTiers(main=10**8, recent=int(10**8 * queries.RECENT_BAND_SHARE)), True),
    ],
)
def test_recent_bands_merge_at_a_share_of_the_main_table(
    tiers: queries.BandTiers, due: bool
) -> None:
    assert tiers.merge_due is due
    assert tiers.grown(5) == queries.BandTiers(tiers.main, tiers.recent + 5)


def _table_id(store: Store, table: str) -> int:
    """What a table is, whatever its name: its first page (SQLite) or its oid (PostgreSQL)."""
    if isinstance(store.conn, sqlite3.Connection):
        sql = "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?"
    else:
        sql = "SELECT oid FROM pg_class WHERE relname = ?"
    return int(store.conn.execute(sql, (table,)).fetchone()[0])


def test_a_merge_into_an_empty_main_table_swaps_the_tables(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As after a Dask ingest, every row is in the recent table: it becomes the main one (a
    rename, not a copy of every row), and the next rows go to an empty recent table."""
    paths = _write(tmp_path)
    ingest(paths[:3], store)
    rows, recent = _band_rows(store), _table_id(store, "minhash_bands_recent")
    monkeypatch.setattr(queries, "RECENT_BAND_ROWS", 1)
    with queries.transaction(store):
        tiers = queries.merge_recent_bands(store, queries.BandTiers(0, len(rows)))
    assert tiers == queries.BandTiers(len(rows), 0)
    assert _table_id(store, "minhash_bands") == recent  # the same table, renamed
    assert _band_rows(store) == rows
    assert store.conn.execute("SELECT COUNT(*) FROM minhash_bands_recent").fetchone()[0] == 0
    ingest(paths[3:], store)  # the rest, linked against the merged rows
    with Store(str(tmp_path / "one.db")) as one:
        ingest(paths, one)
        assert queries.list_links(store) == queries.list_links(one)
        assert queries.story_map(store) == queries.story_map(one)


def test_rows_written_while_a_merge_runs_are_kept(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process commits band rows between the merge's copy and its delete (PostgreSQL
    runs them under two snapshots): they stay in the recent table, or wait for the merge."""
    if isinstance(store.conn, sqlite3.Connection):
        pytest.skip("SQLite: BEGIN IMMEDIATE holds the store's only write lock")
    paths = _write(tmp_path)
    ingest(paths[:4], store)
    with queries.transaction(store):  # a main table with rows: the next merge copies
        queries.merge_recent_bands(store, queries.BandTiers(10**9, 10**9))
    ingest(paths[4:], store)
    rows = _band_rows(store)
    execute = store.conn.execute
    with Store(store.path) as two:
        other = threading.Thread(
            target=two.conn.execute,
            args=(
                "INSERT INTO minhash_bands_recent (band_key, article_id) VALUES (?, ?)",
                (-1, "x"),
            ),
        )

        def copy_then_the_other_commits(sql: str, params: Any = ()) -> Any:
            cursor = execute(sql, params)
            if sql.startswith("INSERT OR IGNORE INTO minhash_bands "):
                other.start()
                other.join(timeout=2)  # done unless the merge holds it back
            return cursor

        monkeypatch.setattr(store.conn, "execute", copy_then_the_other_commits)
        with queries.transaction(store):
            queries.merge_recent_bands(store, queries.BandTiers(10**9, 10**9))
        other.join()
    assert _band_rows(store) == sorted([*rows, (-1, "x")])


def test_a_batch_looks_up_rows_another_process_wrote_after_its_run_began(
    tmp_path: Path, new_db: Callable[[str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two processes linking into one store: the other signs its article after this run
    looked at the (then empty) band tables, before this run's batch; the pair is still found."""
    wire, post = _write(tmp_path, ["wire.jsonl", "post.jsonl"])
    path = new_db("shared")
    with Store(path) as one, Store(path) as two:
        unsigned, mine = queries.unsigned_articles, set()

        def paged(store: Store, key: str, limit: int, after: str) -> list[tuple[str, str]]:
            rows = unsigned(store, key, limit, after)
            if store is two:  # it paged before wire was stored: it signs post alone
                return [row for row in rows if row[0] not in mine]
            if not after:  # this run's first page: the other process's run meanwhile
                mine.update(row[0] for row in rows)
                with monkeypatch.context() as other:
                    other.setattr(jobs, "link_near_duplicates", lambda *_: LinkSummary())
                    ingest([post], two)
                link_near_duplicates(two)
            return rows

        monkeypatch.setattr(queries, "unsigned_articles", paged)
        ingest([wire], one)
        assert len(queries.list_links(one)) == 1


def test_example_corpus_links_the_crane_reprint(store: Store) -> None:
    summary = ingest([str(REPO / "examples")], store)
    assert summary.near_duplicates == 1
    assert _titles_by_story(store) == [
        [
            "Strait Link Work Halted After Fatal Crane Accident",
            "Two Workers Killed in Crane Collapse on Strait Link Island",
        ]
    ]
    (story,) = queries.list_stories(store)
    paths = [s["path"].rsplit("/", 1)[-1] for a in story["articles"] for s in a["sources"]]
    assert paths == ["agency.jsonl", "agency.jsonl"]


@pytest.mark.parametrize("reverse", [False, True])
def test_store_keeps_one_row_per_pair(store: Store, tmp_path: Path, reverse: bool) -> None:
    assert store.schema_version() >= 2
    ingest(_write(tmp_path, ["wire.jsonl", "herald.jsonl"]), store)
    (link,) = queries.list_links(store)
    pair = (link.second, link.first) if reverse else (link.first, link.second)
    with pytest.raises(store.conn.IntegrityError):
        store.conn.execute("INSERT INTO article_links VALUES (?, ?, 1.0, 1.0)", pair)


def test_stories_command(tmp_path: Path, new_db: Callable[[str], str]) -> None:
    db = new_db("cli")
    runner = CliRunner()
    empty = runner.invoke(app, ["stories", "--db", db])
    assert empty.exit_code == 0 and "no near-duplicate stories" in empty.output
    folder = tmp_path / "in"
    folder.mkdir()
    ingested = runner.invoke(app, ["ingest", "-q", "--db", db, *_write(folder)])
    assert ingested.exit_code == 0 and "near-duplicate links" in ingested.output
    listed = runner.invoke(app, ["stories", "--db", db, "--json"])
    assert listed.exit_code == 0
    (story,) = json.loads(listed.output)
    assert len(story["articles"]) == 4
    table = runner.invoke(app, ["stories", "--db", db])
    assert "Fire Guts Orlvik" in table.output and "Coast Herald" in table.output
