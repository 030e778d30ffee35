"""EDGE: named queries for near duplicates: signatures, band keys, links and story members.

Functions over a :class:`~newsline.store.db.Store` (tables of migration 2), so ``db.py`` stays
about articles and provenance. A story is a group of near-duplicate articles; only articles
with at least one near duplicate have a ``story_members`` row. An article without one is a
story of its own, whose id is the article id.

Band rows live in two tables (:data:`BAND_TABLES`, an LSM tree of two levels): new rows go to
the small recent one, which :func:`merge_recent_bands` empties into the main one once it holds
a share of it (:attr:`BandTiers.merge_due`); lookups read both (those holding rows). A batch's
rows land at random keys, so in one table each batch rewrote most of its pages; now it
rewrites the recent table's, and each main page is rewritten once a merge, a few times in a
store's life.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from typing import Any

import numpy as np

from newsline.stages.dedup import Link, Signature
from newsline.store.db import Store, chunks

#: Where band rows are stored: every row is in one of them (the main table first).
BAND_TABLES = ("minhash_bands", "minhash_bands_recent")
#: The recent band table is merged into the main one once it holds this many rows (about
#: 95,000 articles' worth: the 87,775 stored of the 100k benchmark's corpus never merge) ...
RECENT_BAND_ROWS = 4_000_000
#: ... or this fraction of the main table's rows, whichever is more: a merge rewrites the main
#: table, so merges come at geometric intervals (each row is rewritten a few times in a
#: store's life), while a batch rewrites a table at most this fraction of it.
RECENT_BAND_SHARE = 1 / 5


@contextmanager
def transaction(store: Store) -> Iterator[None]:
    """One write transaction: committed on success, rolled back on any error."""
    store.conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        store.conn.execute("COMMIT")
    except BaseException:
        store.conn.execute("ROLLBACK")
        raise


def unsigned_articles(
    store: Store, params_key: str, limit: int, after: str = ""
) -> list[tuple[str, str]]:
    """Up to ``limit`` (id, body) pairs with ids above ``after``, in id order, that have no
    signature made with these params (pass the last id seen to page through a large store)."""
    rows = store.conn.execute(
        "SELECT a.id, a.body FROM articles a LEFT JOIN minhash m ON m.article_id = a.id"
        " WHERE a.id > ? AND (m.article_id IS NULL OR m.params != ?) ORDER BY a.id LIMIT ?",
        (after, params_key, limit),
    )
    return [(row[0], row[1]) for row in rows]


def drop_stale_bands(store: Store, params_key: str) -> int:
    """Delete the band rows of signatures made under other params (they are signed again), so
    that :func:`write_signatures` never deletes row by row; how many went. Two index seeks when
    there are none (the usual case)."""
    stale = store.conn.execute(
        "SELECT 1 FROM minhash WHERE params < ? OR params > ? LIMIT 1", (params_key, params_key)
    ).fetchone()
    if stale is None:
        return 0
    dropped = 0
    for table in BAND_TABLES:
        cur = store.conn.execute(
            f"DELETE FROM {table} WHERE article_id IN"
            " (SELECT article_id FROM minhash WHERE params < ? OR params > ?)",
            (params_key, params_key),
        )
        dropped += int(cur.rowcount)
    return dropped


@dataclass(frozen=True, slots=True)
class BandTiers:
    """About how many band rows each band table holds: what decides a merge."""

    main: int = 0
    recent: int = 0

    def grown(self, rows: int) -> BandTiers:
        """After ``rows`` more went to the recent table."""
        return BandTiers(self.main, self.recent + rows)

    @property
    def merge_due(self) -> bool:
        """Whether the recent table has outgrown its share of the main one."""
        return self.recent >= max(RECENT_BAND_ROWS, self.main * RECENT_BAND_SHARE)


def band_tiers(store: Store, bands: int) -> BandTiers:
    """The rows of the recent band table (counted: it is small) and of the main one (estimated,
    ``bands`` a signature: counting them would read the whole table)."""
    recent = store.conn.execute("SELECT COUNT(*) FROM minhash_bands_recent").fetchone()[0]
    signed = store.conn.execute("SELECT COUNT(*) FROM minhash").fetchone()[0]
    return BandTiers(max(int(signed) * bands - int(recent), 0), int(recent))


def merge_recent_bands(store: Store, tiers: BandTiers) -> BandTiers:
    """Move the recent band table's rows into the main one (inside the caller's transaction)
    when due; the tiers after. Into an empty main table (after a Dask ingest, whose rows all
    go to the recent table) the two tables swap names: no row is copied. Otherwise the recent
    table is read in key order (its primary key), so each page of the main table is written
    once."""
    if not tiers.merge_due:
        return tiers
    main, recent = BAND_TABLES
    store.lock_table(recent)  # rows another process commits meanwhile: not deleted uncopied
    if not _holds_rows(store, main):
        # the same columns and key (migrations 8 and 11): renamed, in the transaction
        for old, new in (
            (main, "minhash_bands_swap"),
            (recent, main),
            ("minhash_bands_swap", recent),
        ):
            store.conn.execute(f"ALTER TABLE {old} RENAME TO {new}")
    else:
        store.conn.execute(  # no ORDER BY: the scan is in key order already
            f"INSERT OR IGNORE INTO {main} (band_key, article_id)"
            f" SELECT band_key, article_id FROM {recent}"
        )
        store.conn.execute(f"DELETE FROM {recent}")
    return BandTiers(tiers.main + tiers.recent, 0)


def _holds_rows(store: Store, table: str) -> bool:
    return store.conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None


def write_signatures(
    store: Store, signed: Iterable[tuple[Signature, list[int]]], params_key: str
) -> None:
    """Store (or replace) articles' signatures and add their band keys, in bulk.

    The band rows go to the recent table. An article signed again under the same params has
    the same keys (a copy met twice): they are kept. Keys of other params are gone already
    (:func:`drop_stale_bands`).
    """
    signed = list(signed)
    store.conn.executemany(
        "INSERT OR REPLACE INTO minhash (article_id, params, shingles, signature)"
        " VALUES (?, ?, ?, ?)",
        [(sig.article_id, params_key, sig.shingles, sig.values) for sig, _ in signed],
    )
    store.conn.executemany(  # in key order: each row goes next to the last one written
        "INSERT OR IGNORE INTO minhash_bands_recent (band_key, article_id) VALUES (?, ?)",
        _band_rows([sig.article_id for sig, _ in signed], [keys for _, keys in signed]),
    )


def _band_rows(ids: list[str], keys: list[list[int]]) -> Iterator[tuple[int, str]]:
    """The (band key, article id) rows of articles ``ids`` with their band ``keys``, sorted
    (by key, then id) with numpy: a Python sort of a batch's ~80,000 pairs costs more."""
    flat = np.fromiter(chain.from_iterable(keys), dtype=np.int64, count=sum(map(len, keys)))
    owners = np.repeat(np.arange(len(ids)), list(map(len, keys)))
    rank = np.empty(len(ids), dtype=np.int64)
    rank[sorted(range(len(ids)), key=ids.__getitem__)] = np.arange(len(ids))
    order = np.lexsort((rank[owners], flat))
    return zip(flat[order].tolist(), map(ids.__getitem__, owners[order].tolist()), strict=True)


def stored_bands(
    store: Store, params_key: str, chunk: int = 50_000
) -> Iterator[tuple[list[int], list[str]]]:
    """Every stored (band key, article) row of signatures made with these params, in chunks
    (a row in both band tables comes twice)."""
    for table in BAND_TABLES:
        cursor = store.conn.execute(
            f"SELECT b.band_key, b.article_id FROM {table} b"
            " JOIN minhash m ON m.article_id = b.article_id WHERE m.params = ?",
            (params_key,),
        )
        while rows := cursor.fetchmany(chunk):
            yield [row[0] for row in rows], [row[1] for row in rows]


def read_signature(store: Store, article_id: str) -> tuple[str, Signature] | None:
    """The stored params key and signature of an article, or None."""
    row = store.conn.execute(
        "SELECT params, shingles, signature FROM minhash WHERE article_id = ?", (article_id,)
    ).fetchone()
    if row is None:
        return None
    return row["params"], Signature(article_id, bytes(row["signature"]), row["shingles"])


def band_members(store: Store, keys: Iterable[int]) -> dict[int, list[str]]:
    """Band key -> the stored articles that have it, for these keys (those without: absent),
    looked up in key order (made distinct and sorted with numpy: a batch has ~400,000) in the
    band tables holding rows. An article in both tables (a copy the Dask engine signed again)
    comes twice.

    Which tables hold rows is asked here, in the caller's transaction, not remembered from
    the run's start: another process may have written or merged rows since (a lookup in an
    empty table costs 0.1 s a batch; asking, next to nothing)."""
    found: dict[int, list[str]] = {}
    distinct = np.unique(np.fromiter(keys, dtype=np.int64)).tolist()
    probed = [table for table in BAND_TABLES if _holds_rows(store, table)]
    for chunk in chunks(distinct):
        marks = ",".join("?" * len(chunk))
        for table in probed:
            rows = store.conn.execute(
                f"SELECT band_key, article_id FROM {table} WHERE band_key IN ({marks})", chunk
            )
            for key, article_id in rows:
                found.setdefault(key, []).append(article_id)
    return found


def bodies(store: Store, ids: Iterable[str]) -> dict[str, str]:
    """Article id -> body text."""
    found: dict[str, str] = {}
    for chunk in chunks(sorted(ids)):
        marks = ",".join("?" * len(chunk))
        rows = store.conn.execute(f"SELECT id, body FROM articles WHERE id IN ({marks})", chunk)
        found.update((row[0], row[1]) for row in rows)
    return found


def add_links(store: Store, links: Iterable[Link]) -> int:
    """Store verified links; a pair already linked is left as it is. Returns how many were new."""
    added = 0
    for link in links:
        cur = store.conn.execute(
            "INSERT OR IGNORE INTO article_links (article_id, other_id, containment, jaccard)"
            " VALUES (?, ?, ?, ?)",
            (link.first, link.second, link.containment, link.jaccard),
        )
        added += cur.rowcount
    return added


def stories_of(store: Store, ids: Iterable[str]) -> dict[str, str]:
    """Every member of the stories these articles belong to: article id -> story id."""
    story_ids: set[str] = set()
    for chunk in chunks(sorted(set(ids))):
        marks = ",".join("?" * len(chunk))
        rows = store.conn.execute(
            f"SELECT story_id FROM story_members WHERE article_id IN ({marks})", chunk
        )
        story_ids.update(row[0] for row in rows)
    members: dict[str, str] = {}
    for chunk in chunks(sorted(story_ids)):
        marks = ",".join("?" * len(chunk))
        rows = store.conn.execute(
            f"SELECT article_id, story_id FROM story_members WHERE story_id IN ({marks})", chunk
        )
        members.update((row[0], row[1]) for row in rows)
    return members


def set_stories(store: Store, members: Mapping[str, str]) -> int:
    """Write article -> story rows; returns how many rows changed."""
    changed = 0
    for article, story in sorted(members.items()):
        cur = store.conn.execute(
            "INSERT INTO story_members (article_id, story_id) VALUES (?, ?)"
            " ON CONFLICT(article_id) DO UPDATE SET story_id = excluded.story_id"
            " WHERE story_id != excluded.story_id",
            (article, story),
        )
        changed += cur.rowcount
    return changed


def story_map(store: Store) -> dict[str, str]:
    """Article id -> story id for every article that has near duplicates."""
    rows = store.conn.execute("SELECT article_id, story_id FROM story_members")
    return {row[0]: row[1] for row in rows}


def list_links(store: Store) -> list[Link]:
    """Every stored link, in id order."""
    rows = store.conn.execute(
        "SELECT article_id, other_id, containment, jaccard FROM article_links"
        " ORDER BY article_id, other_id"
    )
    return [Link(row[0], row[1], row[2], row[3]) for row in rows]


def list_stories(store: Store) -> list[dict[str, Any]]:
    """Stories of two or more articles, oldest first; each with its articles and their sources.

    An article's ``containment`` is its best link inside the story (how much of the shorter
    text the longer one holds).
    """
    best = _best_links(store)
    stories: dict[str, list[dict[str, Any]]] = {}
    rows = store.conn.execute(
        "SELECT m.story_id, a.id, a.title, a.published, a.agency FROM story_members m"
        " JOIN articles a ON a.id = m.article_id ORDER BY m.story_id, a.published, a.id"
    )
    for row in rows:
        stories.setdefault(row["story_id"], []).append(
            {
                "id": row["id"],
                "title": row["title"],
                "published": row["published"],
                "agency": row["agency"],
                "containment": best.get(row["id"]),
                "sources": _sources(store.conn, row["id"]),
            }
        )
    found = [{"story": story, "articles": articles} for story, articles in stories.items()]
    found.sort(key=lambda s: (_first_date(s["articles"]), s["story"]))
    return found


def _best_links(store: Store) -> dict[str, float]:
    best: dict[str, float] = {}
    for link in list_links(store):
        for article in (link.first, link.second):
            best[article] = max(best.get(article, 0.0), link.containment)
    return best


def _sources(conn: sqlite3.Connection, article_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT path, position, format, outlet, url FROM sources WHERE article_id = ?"
        " ORDER BY path, position",
        (article_id,),
    )
    return [dict(row) for row in rows]


def _first_date(articles: list[dict[str, Any]]) -> tuple[bool, str]:
    dates = [a["published"] for a in articles if a["published"]]
    return (not dates, min(dates) if dates else "")
