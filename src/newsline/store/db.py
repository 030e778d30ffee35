"""The SQLite store: articles once each, one provenance row per copy, runs and failures.

Writes happen in batches of one file's articles, each in one transaction (articles, their
sources, then the file's record); the file is marked complete with its last batch. An
interrupted ingest leaves whole batches or nothing, and a re-run completes the file: sources are
unique by (path, position, article), so the batches already stored add nothing twice.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsline.errors import ConfigError, NotFoundError, StorageError
from newsline.records import Article, FileFailure
from newsline.stages.query import Query, index_words, search_text
from newsline.store.codec import (
    ARTICLE_COLUMNS,
    SOURCE_COLUMNS,
    article_columns,
    article_from_columns,
    events_payload,
    source_columns,
)
from newsline.store.migrations import BACKFILLS, MIGRATIONS

#: SQLite's page cache of a connection, in KiB (its default is 2 MiB), filled only as pages are
#: read. Ingest inserts into B-trees keyed by hashes and text (sources, bands, the word index)
#: all over a growing file: with the default cache it read their pages back from the file
#: system again and again (10k generated articles: 141k reads and 234k writes of pages, 64 MiB:
#: 81k and 184k; at 100k, 10 s of the ingest's CPU in the kernel, then 7.5 s, and ~5 % less
#: CPU in all).
CACHE_KIB = 65_536
#: Ids per ``IN (...)`` query: SQLite's host-parameter limit is 999 on old builds.
CHUNK = 500
#: The ``sources`` columns an article record needs, its raw text left empty (``raw=False``).
_LEAN_SOURCE_COLUMNS = ["article_id", *(c if c != "raw" else "'' AS raw" for c in SOURCE_COLUMNS)]
#: The ``articles`` columns of a record without its body (``body=False``): no blocks.
_LEAN_ARTICLE_COLUMNS = [
    {"body": "'' AS body", "blocks": "'[]' AS blocks"}.get(c, c) for c in ARTICLE_COLUMNS
]


def chunks(items: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    """``items`` in consecutive slices of at most ``size``."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What writing one file's articles changed."""

    new: int
    known: int
    sources_added: int
    events: int = 0  # new articles stored with the events ingest computed for them
    #: Known articles a copy re-dated whose events (made with the old date) were dropped.
    redated: tuple[str, ...] = ()


#: How a store URL names PostgreSQL (anything else is a SQLite file path).
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


class Store:
    """A newsline store in one SQLite file (WAL mode).

    ``Store("postgresql://user@host:port/dbname")`` opens a
    :class:`~newsline.store.postgres.PostgresStore` instead: the same interface and queries.
    """

    def __new__(cls, path: str | Path) -> Store:
        if cls is Store and str(path).startswith(POSTGRES_SCHEMES):
            try:
                from newsline.store.postgres import PostgresStore
            except ImportError as exc:
                raise ConfigError(
                    f"a PostgreSQL store needs psycopg ({exc}): pip install 'newsline[postgres]'"
                ) from None
            return super().__new__(PostgresStore)
        return super().__new__(cls)

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.Error as exc:
            if "fts5" in str(exc):
                exc = sqlite3.Error(f"{exc}: this Python's SQLite was built without FTS5")
            raise StorageError(f"cannot open store {self.path}: {exc}") from exc

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def lock_table(self, table: str) -> None:
        """Hold back other writers of ``table`` to the end of the current transaction: nothing
        to do here, where ``BEGIN IMMEDIATE`` holds the store's only write lock."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT)"
        )
        done = {row[0] for row in self.conn.execute("SELECT version FROM schema_migrations")}
        for version, name, sql in MIGRATIONS:
            if version in done:
                continue
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                applied = self.conn.execute(
                    "SELECT 1 FROM schema_migrations WHERE version = ?", (version,)
                ).fetchone()
                if applied:  # another process opening the store applied it meanwhile
                    self.conn.execute("COMMIT")
                    continue
                for statement in sql.split(";"):
                    if statement.strip():
                        self.conn.execute(statement)
                if version in BACKFILLS:
                    getattr(self, BACKFILLS[version])()
                self.conn.execute("INSERT INTO schema_migrations VALUES (?, ?)", (version, name))
                self.conn.execute("COMMIT")
            except sqlite3.Error:
                self.conn.execute("ROLLBACK")
                raise

    def schema_version(self) -> int:
        """The newest applied migration."""
        return int(self.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0])

    # -- runs ------------------------------------------------------------------------------
    def begin_run(self, command: str) -> int:
        """Record the start of a run (with the wall-clock time, for status) and return its id."""
        started = datetime.now(UTC).isoformat(timespec="seconds")
        cur = self.conn.execute(
            "INSERT INTO runs (command, started) VALUES (?, ?)", (command, started)
        )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, **counts: int) -> None:
        """Record a run's final counts."""
        sets = ", ".join(f"{key} = ?" for key in counts)
        self.conn.execute(
            f"UPDATE runs SET {sets}, finished = 1 WHERE id = ?", (*counts.values(), run_id)
        )

    def add_failure(self, run_id: int, failure: FileFailure) -> None:
        """Remember a file or record that could not be read, or that a stage failed on."""
        self.conn.execute(
            "INSERT INTO failures (run_id, path, reason, stage, record, error)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (run_id, failure.path, failure.reason, failure.stage, failure.record, failure.error),
        )

    def record_failures(self, command: str, failures: Sequence[FileFailure]) -> None:
        """A run of ``command`` holding these failures, so ``status`` shows them; nothing when
        there are none (a query that went well leaves no run behind)."""
        if not failures:
            return
        run_id = self.begin_run(command)
        for failure in failures:
            self.add_failure(run_id, failure)
        self.finish_run(run_id, failures=len(failures))

    # -- files -----------------------------------------------------------------------------
    def file_done(self, path: str, sha256: str) -> bool:
        """True when this exact file content at this path was fully ingested before."""
        row = self.conn.execute(
            "SELECT sha256, complete FROM files WHERE path = ?", (path,)
        ).fetchone()
        return row is not None and row[0] == sha256 and bool(row[1])

    def write_file(
        self, path: str, size: int, sha256: str, articles: Iterable[Article], run_id: int
    ) -> WriteResult:
        """Store one file's articles and provenance atomically, then mark the file done."""
        return self.write_batch(path, size, sha256, articles, run_id)

    def write_batch(
        self,
        path: str,
        size: int,
        sha256: str,
        articles: Iterable[Article],
        run_id: int,
        before: int = 0,
        last: bool = True,
        events_key: str = "",
    ) -> WriteResult:
        """Store a batch of one file's articles and their provenance in one transaction.

        ``before``: the file's articles written by earlier batches of this run. The file's
        record counts the articles stored so far; ``last`` marks it complete, so a file cut short
        is read again by the next run, whose batches already stored change nothing.
        ``events_key``: the key of the events the articles carry (``Article.events``, computed
        at ingest); a new article's are stored with it. A known article's are not (they were
        made from this copy, whose date the stored article may not have), unless this copy gives
        the stored article its date (:meth:`_take_metadata_date`) and has the same blocks.
        """
        new = known = added = 0
        fresh: list[Article] = []
        with_events: dict[str, Article] = {}  # the copy whose events the stored article has
        dropped: list[str] = []  # re-dated articles whose stored events went
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            count = before
            for article in articles:
                count += 1
                inserted = self._insert_article(article, run_id, with_events, dropped)
                if inserted:
                    fresh.append(article)
                new += inserted
                known += 1 - inserted
                added += self._insert_source(article, run_id)
            self._index_words((a.id, search_text(a)) for a in fresh)
            self._insert_events(events_key, with_events.values())
            kept = [with_events[a.id].events for a in fresh if a.id in with_events]
            stored = sum(events is not None for events in kept) if events_key else 0
            redated = tuple(sorted(set(dropped) - set(with_events)))
            self._record_file(path, size, sha256, count, run_id, last)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return WriteResult(new, known, added, stored, redated)

    def _insert_events(self, key: str, articles: Iterable[Article]) -> None:
        """Store the events the articles carry (those that do) under ``key``."""
        rows = [(a.id, key, events_payload(a.events)) for a in articles if a.events is not None]
        if key and rows:
            self.conn.executemany(
                "INSERT OR REPLACE INTO events (article_id, key, events) VALUES (?, ?, ?)", rows
            )

    def _record_file(
        self, path: str, size: int, sha256: str, count: int, run_id: int, complete: bool
    ) -> None:
        if complete:
            self.conn.execute(
                "INSERT OR REPLACE INTO files (path, size, sha256, articles, run_id, complete)"
                " VALUES (?,?,?,?,?,1)",
                (path, size, sha256, count, run_id),
            )
            return
        # A re-run of a file cut short counts again from 0: keep the larger count stored for
        # the same content, so the record always matches the sources stored.
        self.conn.execute(
            "INSERT OR IGNORE INTO files (path, size, sha256, articles, run_id, complete)"
            " VALUES (?,?,?,?,?,0)",
            (path, size, sha256, count, run_id),
        )
        self.conn.execute(
            "UPDATE files SET articles = CASE WHEN sha256 = ? AND articles > ? THEN articles"
            " ELSE ? END, size = ?, sha256 = ?, run_id = ?, complete = 0 WHERE path = ?",
            (sha256, count, count, size, sha256, run_id, path),
        )

    def _insert_article(
        self, a: Article, run_id: int, with_events: dict[str, Article], dropped: list[str]
    ) -> int:
        """Insert the article unless known; note in ``with_events`` the copy whose events are
        the stored article's (a new one's; a copy's that gave it its date and has its blocks),
        in ``dropped`` a known article whose events went with its old date."""
        columns = article_columns(a)
        marks = ",".join("?" * (len(columns) + 1))
        cur = self.conn.execute(
            f"INSERT OR IGNORE INTO articles ({', '.join(columns)}, first_run) VALUES ({marks})",
            (*columns.values(), run_id),
        )
        if cur.rowcount:
            with_events[a.id] = a
        elif a.published.origin in ("metadata", "path") and self._take_metadata_date(columns):
            stored = self.conn.execute("SELECT blocks FROM articles WHERE id = ?", (a.id,))
            if a.events is not None and stored.fetchone()[0] == columns["blocks"]:
                with_events[a.id] = a  # the events of this copy, made with the date just taken
            else:
                with_events.pop(a.id, None)  # they had the old date; this copy has none
                dropped.append(a.id)
        return cur.rowcount

    def _take_metadata_date(self, columns: dict[str, Any]) -> bool:
        """A copy that states its publication date in metadata (or names it in its path) gives
        it to a stored article whose date was weaker evidence (only its path, or inferred from
        text), so the date does not depend on which copy came first. Its events depended on that
        date: they are recomputed when next needed. True when the date was taken."""
        fields = ("published", "published_granularity", "published_from", "published_evidence")
        weaker = ("'path', 'text', 'none'", "'text', 'none'")[columns["published_from"] == "path"]
        cur = self.conn.execute(
            f"UPDATE articles SET {', '.join(f'{f} = ?' for f in fields)}"
            f" WHERE id = ? AND published_from IN ({weaker})",
            (*(columns[f] for f in fields), columns["id"]),
        )
        if cur.rowcount:
            self.conn.execute("DELETE FROM events WHERE article_id = ?", (columns["id"],))
        return bool(cur.rowcount)

    def _insert_source(self, a: Article, run_id: int) -> int:
        columns = source_columns(a)
        marks = ",".join("?" * (len(columns) + 2))
        cur = self.conn.execute(
            f"INSERT OR IGNORE INTO sources (article_id, {', '.join(columns)}, run_id)"
            f" VALUES ({marks})",
            (a.id, *columns.values(), run_id),
        )
        return cur.rowcount

    # -- the search index (migration 6) -----------------------------------------------------
    def _index_words(self, texts: Iterable[tuple[str, str]]) -> None:
        """Add (article id, :func:`~newsline.stages.query.search_text`) pairs to the index, in
        bulk: the rows are numbered here (inside the caller's write transaction).

        An ASCII text goes to the index as it is: the ascii tokenizer lowers it and cuts it
        into the words :func:`~newsline.stages.query.index_words` makes of it (a word longer
        than INDEX_WORD_CHARS kept whole, which every prefix of its cut form still opens), and
        a word met twice adds nothing (no positions are kept), so the index finds the same
        articles for every prefix without the words' split in Python."""
        rows = [
            (article_id, text if text.isascii() else " ".join(index_words(text)))
            for article_id, text in texts
        ]
        if not rows:
            return
        first = int(
            self.conn.execute("SELECT COALESCE(MAX(row), 0) + 1 FROM article_terms").fetchone()[0]
        )
        self.conn.executemany(
            "INSERT INTO article_terms (row, article_id) VALUES (?, ?)",
            [(first + n, article_id) for n, (article_id, _) in enumerate(rows)],
        )
        self.conn.executemany(
            "INSERT INTO article_terms_fts (rowid, words) VALUES (?, ?)",
            [(first + n, words) for n, (_, words) in enumerate(rows)],
        )

    def index_stored_articles(self, batch: int = 1000) -> None:
        """Index every stored article (the backfill of migration 6), ``batch`` at a time."""
        last = ""
        while True:
            rows = self.conn.execute(
                "SELECT id, title, captions, body FROM articles WHERE id > ? ORDER BY id LIMIT ?",
                (last, batch),
            ).fetchall()
            if not rows:
                return
            self._index_words(
                (row[0], " ".join((row[1], *json.loads(row[2]), row[3]))) for row in rows
            )
            last = rows[-1][0]

    #: One term's candidates: articles with an index word that starts with a prefix.
    _TERM_SQL = (
        "SELECT article_id FROM article_terms WHERE row IN"
        " (SELECT rowid FROM article_terms_fts WHERE article_terms_fts MATCH ?)"
    )

    @staticmethod
    def _term_param(prefix: str) -> str:
        return f'"{prefix}"*'  # an FTS5 prefix query (a prefix holds no quote or space)

    def candidate_ids(self, query: Query) -> list[str]:
        """Ids of the articles the search index finds for ``query``, in id order: every article
        that matches it (and, for terms with letters lowering changes oddly, a few that do not)."""
        prefixes = query.index_prefixes
        combined = (" UNION " if query.any_term else " INTERSECT ").join(
            [self._TERM_SQL] * len(prefixes)
        )
        rows = self.conn.execute(
            f"SELECT article_id FROM ({combined}) AS found ORDER BY article_id",
            [self._term_param(p) for p in prefixes],
        )
        return [row[0] for row in rows]

    def iter_matching(
        self, query: Query, batch: int = 500, raw: bool = True, body: bool = True
    ) -> Iterator[Article]:
        """The articles that match ``query``, in id order, as :meth:`iter_articles` filtered by
        ``query.matches_article`` yields them; only the index's candidates are read, ``batch``
        at a time, and tested again unless the index is exact for the query. Without ``raw``
        their source's raw text is left empty (a timeline shows none of it, and it is as large
        as the article); without ``body``, their body too (no blocks: :meth:`article_texts`
        reads it for the few articles that need it)."""
        exact = query.index_exact
        for chunk in chunks(self.candidate_ids(query), batch):
            read = self.load_articles(chunk, raw, body or not exact)
            found = (a for a in read if exact or query.matches_article(a))
            yield from (found if body or exact else (replace(a, blocks=()) for a in found))

    def article_texts(self, ids: Iterable[str]) -> dict[str, str]:
        """The body texts (``Article.text``: its blocks joined) of the stored articles among
        ``ids``, by id."""
        found: dict[str, str] = {}
        for chunk in chunks(sorted(set(ids))):
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT id, blocks FROM articles WHERE id IN ({marks})", chunk
            )
            found.update((row[0], "\n\n".join(t for _, t in json.loads(row[1]))) for row in rows)
        return found

    # -- queries ---------------------------------------------------------------------------
    def list_articles(self) -> list[dict[str, Any]]:
        """One summary row per distinct article, oldest publication first, undated last."""
        rows = self.conn.execute(
            "SELECT a.id, a.title, a.published, a.published_granularity, a.published_from,"
            " a.agency, COUNT(s.id) AS sources FROM articles a LEFT JOIN sources s"
            " ON s.article_id = a.id GROUP BY a.id"
            " ORDER BY a.published IS NULL, a.published, a.title, a.id"
        )
        return [dict(row) for row in rows]

    def get_article(self, article_id: str) -> dict[str, Any]:
        """One article with captions, text and every source; a unique id prefix is enough."""
        rows = self.conn.execute(
            "SELECT * FROM articles WHERE id LIKE ? ORDER BY id LIMIT 2", (article_id + "%",)
        ).fetchall()
        if len(rows) != 1 or not article_id:
            what = "no article" if not rows else "more than one article"
            raise NotFoundError(f"{what} with id {article_id!r}")
        return self._article_dict(rows[0])

    def all_articles(self) -> list[dict[str, Any]]:
        """Every article as a full dict (with sources), in list order."""
        ids = [row["id"] for row in self.list_articles()]
        return [self.get_article(i) for i in ids]

    def _article_dict(self, row: sqlite3.Row) -> dict[str, Any]:
        sources = self.conn.execute(
            "SELECT path, position, format, encoding, encoding_note, span_start, span_end,"
            " external_id, url, outlet FROM sources WHERE article_id = ? ORDER BY path, position",
            (row["id"],),
        ).fetchall()
        evidence = json.loads(row["published_evidence"])
        return {
            "id": row["id"],
            "title": row["title"],
            "published": row["published"],
            "published_granularity": row["published_granularity"],
            "published_from": row["published_from"],
            "published_evidence": evidence["evidence"],
            "published_conflicts": evidence["conflicts"],
            "published_not_before": evidence["not_before"],
            "agency": row["agency"],
            "captions": json.loads(row["captions"]),
            "blocks": [{"kind": k, "text": t} for k, t in json.loads(row["blocks"])],
            "text": row["body"],
            "metadata": json.loads(row["metadata"]),
            "sources": [
                {
                    **{k: s[k] for k in s.keys() if not k.startswith("span_")},  # noqa: SIM118
                    "span": [s["span_start"], s["span_end"]],
                }
                for s in sources
            ],
        }

    def load_articles(
        self, ids: Iterable[str] | None = None, raw: bool = True, body: bool = True
    ) -> list[Article]:
        """Stored articles as records (first source as their provenance), in id order: every
        one, or those of ``ids`` (unknown ids are left out); without ``raw``, the source's raw
        text left empty; without ``body``, no blocks."""
        if ids is None:
            return self._load_articles("", [], raw, body)
        found: list[Article] = []
        for chunk in chunks(sorted(set(ids))):
            where = f" IN ({','.join('?' * len(chunk))})"
            found.extend(self._load_articles(where, chunk, raw, body))
        return found

    def iter_articles(self, batch: int = 2000) -> Iterator[Article]:
        """Every stored article in id order, read ``batch`` at a time: memory stays flat."""
        last = ""
        while True:
            ids = [
                row[0]
                for row in self.conn.execute(
                    "SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT ?", (last, batch)
                )
            ]
            if not ids:
                return
            yield from self.load_articles(ids)
            last = ids[-1]

    def _load_articles(
        self, where: str, params: list[str], raw: bool = True, body: bool = True
    ) -> list[Article]:
        columns = "*" if raw else ", ".join(_LEAN_SOURCE_COLUMNS)
        sources = {}
        for row in self.conn.execute(
            f"SELECT {columns} FROM sources{' WHERE article_id' + where if where else ''}"
            " ORDER BY article_id, path, position",
            params,
        ):
            sources.setdefault(row["article_id"], row)
        return [
            article_from_columns(row, sources[row["id"]])
            for row in self.conn.execute(
                f"SELECT {'*' if body else ', '.join(_LEAN_ARTICLE_COLUMNS)} FROM articles"
                f"{' WHERE id' + where if where else ''} ORDER BY id",
                params,
            )
            if row["id"] in sources
        ]

    def status(self, runs: int = 5) -> dict[str, Any]:
        """Store size, schema version, counts, the last runs and the last run's failures."""
        size = sum(
            Path(self.path + suffix).stat().st_size
            for suffix in ("", "-wal")
            if self.path != ":memory:" and Path(self.path + suffix).exists()
        )
        last = [
            dict(row)
            for row in self.conn.execute(
                "SELECT id, command, started, files, articles_new, articles_known, failures,"
                " finished FROM runs ORDER BY id DESC LIMIT ?",
                (runs,),
            )
        ]
        failures = []
        if last:
            failures = [
                dict(row)
                for row in self.conn.execute(
                    "SELECT path, reason, stage, record, error FROM failures WHERE run_id = ?"
                    " ORDER BY id",
                    (last[0]["id"],),
                )
            ]
        return {
            "store": self.path,
            "bytes": size,
            "schema": self.schema_version(),
            "counts": self.counts(),
            "runs": last,
            "last_run_failures": failures,
        }

    def counts(self) -> dict[str, int]:
        """Articles, sources, files and failures stored."""
        return {
            table: int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
            for table in ("articles", "sources", "files", "failures")
        }
