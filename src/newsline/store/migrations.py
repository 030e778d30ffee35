"""Schema migrations, applied in order and recorded in ``schema_migrations``.

Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "articles, sources, files, runs, failures",
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            captions TEXT NOT NULL,          -- JSON list
            blocks TEXT NOT NULL,            -- JSON list of [kind, text]
            body TEXT NOT NULL,
            published TEXT,
            published_granularity TEXT,
            published_from TEXT NOT NULL,
            published_evidence TEXT NOT NULL, -- JSON object
            agency TEXT,
            metadata TEXT NOT NULL,          -- JSON object
            first_run INTEGER
        );
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id),
            path TEXT NOT NULL,
            position INTEGER NOT NULL,
            format TEXT NOT NULL,
            encoding TEXT NOT NULL,
            encoding_note TEXT,
            span_start INTEGER NOT NULL,
            span_end INTEGER NOT NULL,
            raw TEXT NOT NULL,
            external_id TEXT,
            url TEXT,
            outlet TEXT,
            run_id INTEGER,
            UNIQUE (path, position, article_id)
        );
        CREATE INDEX sources_article ON sources(article_id);
        CREATE TABLE files (
            path TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            articles INTEGER NOT NULL,
            run_id INTEGER
        );
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            command TEXT NOT NULL,
            files INTEGER DEFAULT 0,
            articles_new INTEGER DEFAULT 0,
            articles_known INTEGER DEFAULT 0,
            failures INTEGER DEFAULT 0,
            finished INTEGER DEFAULT 0
        );
        CREATE TABLE failures (
            id INTEGER PRIMARY KEY,
            run_id INTEGER,
            path TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        """,
    ),
]
