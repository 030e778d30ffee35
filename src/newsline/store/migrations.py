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
    (
        2,
        "near duplicates: minhash signatures, LSH band keys, article links, story members",
        """
        CREATE TABLE minhash (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            params TEXT NOT NULL,            -- what the signature depends on (DedupParams.key)
            shingles INTEGER NOT NULL,       -- size of the shingle set
            signature BLOB NOT NULL          -- num_perm little-endian uint32 values
        );
        CREATE TABLE minhash_bands (
            band_key INTEGER NOT NULL,       -- hash of params, band number and band values
            article_id TEXT NOT NULL REFERENCES articles(id)
        );
        CREATE INDEX minhash_bands_key ON minhash_bands(band_key);
        CREATE INDEX minhash_bands_article ON minhash_bands(article_id);
        CREATE TABLE article_links (
            article_id TEXT NOT NULL REFERENCES articles(id),
            other_id TEXT NOT NULL REFERENCES articles(id),
            containment REAL NOT NULL,       -- shorter shingle set in the longer
            jaccard REAL NOT NULL,
            PRIMARY KEY (article_id, other_id),
            CHECK (article_id < other_id)
        );
        CREATE INDEX article_links_other ON article_links(other_id);
        CREATE TABLE story_members (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            story_id TEXT NOT NULL           -- the smallest article id of the story
        );
        CREATE INDEX story_members_story ON story_members(story_id);
        """,
    ),
    (
        3,
        "when each run started (UTC), for status",
        """
        ALTER TABLE runs ADD COLUMN started TEXT
        """,
    ),
    (
        4,
        "files ingested in batches: complete once the last batch is stored",
        """
        ALTER TABLE files ADD COLUMN complete INTEGER NOT NULL DEFAULT 1
        """,
    ),
    (
        5,
        "each article's sentence events, kept under the key of what made them",
        """
        CREATE TABLE events (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            key TEXT NOT NULL,               -- stages.events.events_key: code and settings
            events TEXT NOT NULL             -- JSON list, store.events.event_to_dict
        )
        """,
    ),
    (
        6,
        # stage and error (the exception type) are NULL for bad input; record is an article id
        # or a position in the file. (No comment after an ALTER: SQLite keeps it in the schema.)
        "failures name the stage, the record and the exception of an unexpected error",
        """
        ALTER TABLE failures ADD COLUMN stage TEXT;
        ALTER TABLE failures ADD COLUMN record TEXT;
        ALTER TABLE failures ADD COLUMN error TEXT
        """,
    ),
]
