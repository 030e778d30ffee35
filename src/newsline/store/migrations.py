"""Schema migrations, applied in order and recorded in ``schema_migrations``.

Never edit a migration that has shipped: add a new one. A migration is SQL in SQLite's
dialect, which the PostgreSQL store maps (``postgres.migration_sql``), unless
:data:`POSTGRES_MIGRATIONS` gives its own statements (full-text search differs); one named in
:data:`BACKFILLS` is followed, in its transaction, by a store method that fills what it made
from the articles already stored.
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
            events TEXT NOT NULL             -- JSON, store.codec.events_payload
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
    (
        7,
        "search index: each article's folded words (stages.query.index_words), prefix-searched",
        # Contentless FTS5 (only the index is kept), no positions (a term is a word prefix, never
        # a phrase); the ascii tokenizer keeps every non-ASCII character and, with these token
        # characters, each index word whole. The FTS rowid is article_terms.row: an INTEGER
        # PRIMARY KEY, which VACUUM keeps (it may renumber the articles table's implicit rowid).
        """
        CREATE TABLE article_terms (
            row INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL UNIQUE REFERENCES articles(id)
        );
        CREATE VIRTUAL TABLE article_terms_fts USING fts5(
            words, content='', detail=none, tokenize="ascii tokenchars '-_'''"
        )
        """,
    ),
    (
        8,
        "LSH band rows keyed by (band key, article): lookups read the key, no rowid or indexes;"
        " signatures indexed by parameters, to find those made under others at once",
        # Band rows are derived from the signatures in minhash (which reference the articles):
        # no foreign key, so writing an article's 42 rows does not look the article up 42 times.
        """
        CREATE TABLE minhash_bands_keyed (
            band_key INTEGER NOT NULL,
            article_id TEXT NOT NULL,
            PRIMARY KEY (band_key, article_id)
        ) WITHOUT ROWID;
        INSERT INTO minhash_bands_keyed (band_key, article_id)
            SELECT DISTINCT band_key, article_id FROM minhash_bands;
        DROP TABLE minhash_bands;
        ALTER TABLE minhash_bands_keyed RENAME TO minhash_bands;
        CREATE INDEX minhash_params ON minhash(params)
        """,
    ),
    (
        9,
        "search index merged 16 segments at a time (FTS5 automerge; the same words, no rewrite)",
        # Ingest writes one segment a batch; FTS5 merges them 4 at a time by default, rewriting
        # the whole index about log4(batches) times. 16 at a time rewrites it half as often
        # (measured: 123 -> 95 us an article on 20,000 generated articles), a query reading a
        # few more segments. A setting of the index kept in it: PostgreSQL has nothing to do.
        """
        INSERT INTO article_terms_fts (article_terms_fts, rank) VALUES ('automerge', 16)
        """,
    ),
    (
        10,
        "search index: a write batch's words held in memory up to 4 MB (FTS5 hashsize)",
        # FTS5 writes its pending words out as a new segment past 1 MB: a batch of 500
        # generated articles (about 2 MB of text) made two segments, each merged later on. One
        # a batch: 35,076 articles indexed in 3.0-3.3 CPU s instead of 3.4-4.5 (500 a
        # transaction, alternated). The same words; PostgreSQL has nothing to do.
        """
        INSERT INTO article_terms_fts (article_terms_fts, rank) VALUES ('hashsize', 4194304)
        """,
    ),
    (
        11,
        "LSH band rows of recent signatures in a small table of their own, merged into"
        " minhash_bands now and then (store.stories.merge_recent_bands)",
        # A link batch's ~400,000 rows land at random keys: in one large table each batch
        # rewrote most of its pages, so a store's linking cost grew with its size squared.
        # Existing rows stay in minhash_bands; lookups read both tables.
        """
        CREATE TABLE minhash_bands_recent (
            band_key INTEGER NOT NULL,
            article_id TEXT NOT NULL,
            PRIMARY KEY (band_key, article_id)
        ) WITHOUT ROWID
        """,
    ),
]

#: Migrations whose PostgreSQL statements are not a mapping of the SQLite ones. The search
#: index is a tsvector of the same words (GIN-indexed), cut into parts so that a huge article
#: stays under PostgreSQL's 1 MB per tsvector.
POSTGRES_MIGRATIONS: dict[int, str] = {
    7: """
        CREATE TABLE article_terms (
            article_id TEXT NOT NULL REFERENCES articles(id),
            part INTEGER NOT NULL,
            words TSVECTOR NOT NULL,
            PRIMARY KEY (article_id, part)
        );
        CREATE INDEX article_terms_words ON article_terms USING GIN (words)
        """,
    9: "",
    10: "",
}

#: Migration version -> the Store method that fills what it made from the stored articles.
BACKFILLS: dict[int, str] = {7: "index_stored_articles"}
