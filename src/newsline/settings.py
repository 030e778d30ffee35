"""The one place for settings. Every field has a default and help text (a test checks it)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import Any

from newsline.errors import ConfigError


def _setting(default: Any, help: str) -> Any:  # noqa: A002 - "help" reads best here
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class Settings:
    """Knobs of the pipeline. Pass one instance down; stages never read globals."""

    db: str = _setting(
        "newsline.db",
        "Store location: a SQLite file path, or a postgresql://user@host:port/dbname URL"
        " (default newsline.db, or $NEWSLINE_DB).",
    )
    max_file_bytes: int = _setting(
        200 * 1024 * 1024,
        "Files read whole (HTML, feeds, JSON arrays) larger than this are reported and skipped;"
        " JSON lines and UTF-8 text dumps are streamed, whatever their size.",
    )
    max_article_chars: int = _setting(
        2_000_000, "Articles longer than this are reported and skipped."
    )
    max_record_chars: int = _setting(
        16_000_000,
        "A JSON line longer than this is reported and skipped, read past without being held.",
    )
    min_body_chars: int = _setting(
        1, "Articles whose cleaned body is shorter than this are dropped as empty."
    )
    headline_max_chars: int = _setting(
        250, "Longest line still taken for a headline when splitting a raw dump."
    )
    dump_marker: str = _setting(
        "TT", "The marker line scrapers put between an article's header block and its copy."
    )
    lead_sentences: int = _setting(
        5, "Sentences at the top of an article that report its news: undated, they take its date."
    )
    dates_per_sentence: int = _setting(
        1, "A sentence stating several dates counts as an event of each, up to this many."
    )
    align_min_cosine: float = _setting(
        0.6,
        "Cross-source dating: least TF-IDF cosine for an undated claim to take a date on its own"
        " (chosen on T17 for 0.9 or more of the dates lent right: benchmarks/bench_align.py).",
    )
    align_chain_cosine: float = _setting(
        0.2,
        "Cross-source dating: least cosine of a weaker match, kept only as part of a chronology"
        " retelling another in its order (align_chain matches from one source).",
    )
    align_between_cosine: float = _setting(
        0.35,
        "Cross-source dating: least weight (cosine, or meaning with a sentence model) of a weaker"
        " match kept because its date lies between the close matches around it in the chronology.",
    )
    align_consensus: int = _setting(
        3,
        "Cross-source dating: distinct articles whose close candidates state the same date that"
        " make a weaker match stand on its own.",
    )
    align_chain: int = _setting(
        3, "Cross-source dating: in-order matches from one source that make weaker matches count."
    )
    align_run_gap: int = _setting(
        21,
        "Cross-source dating: a weaker match inside an in-order run whose neighbours in the run"
        " are dated within this many days before and after it is lent the span between them"
        " (a range, not its match's day: the order confirms the span, not the day).",
    )
    align_run_span: int = _setting(
        7,
        "Cross-source dating: days either side of its match's date that such a span reaches at"
        " most (align_run_gap).",
    )
    align_run_day: int = _setting(
        3,
        "Cross-source dating: such a weaker match keeps its own day when its neighbours in the run"
        " lie within this many days before and after it (-1: never).",
    )
    align_margin: float = _setting(
        0.05,
        "Cross-source dating: candidates this close to the best must agree on its date (else on"
        " its month, which is lent instead; else no date is lent).",
    )
    align_min_shared: int = _setting(
        2, "Cross-source dating: least content words an undated claim shares with its match."
    )
    embeddings: str = _setting(
        "auto",
        "Sentence model for cross-source matching: auto (the embed extra if installed) or off.",
    )
    align_shortlist: int = _setting(
        5, "Cross-source dating: lexical candidates a sentence model re-ranks (embed extra)."
    )
    align_max_model_pairs: int = _setting(
        20_000,
        "Cross-source dating: most (claim, candidate) pairs a sentence model re-ranks per query;"
        " past it each claim's shortlist shrinks to fit (below 1, lexical similarity decides),"
        " so a query matching many articles costs no more model time than this.",
    )
    align_min_embedding: float = _setting(
        0.5, "Cross-source dating: least embedding cosine to accept a match (embed extra)."
    )
    conflict_min_cosine: float = _setting(
        0.5, "Conflicts: least cosine for two dated claims to count as the same event."
    )
    conflict_block: int = _setting(
        50, "Conflicts: only words found in at most this many claims pair claims up (blocking)."
    )
    conflicts_among: str = _setting(
        "all",
        "Conflicts, judged once the timeline has chosen its dates, for the sentences it may"
        " show: 'all' (the default) against every dated claim of the query's articles, the"
        " words' rarity and weights taken over all of them; 'chosen' only among the chosen"
        " dates' claims (less work on a big query; a few conflicts differ).",
    )
    large_query_articles: int = _setting(
        20_000,
        "A timeline query matching this many articles or more chooses its candidate dates"
        " first, from the dates its articles' stored events state"
        " (newsline.stages.date_claims), and reads, aligns and summarizes only the events of"
        " those dates (and the claims naming the query, for the conflicts) of the articles"
        " stating them: its cost and memory follow the answer, not the matches;"
        " the dates that alignment lends and the conflicts come from those articles alone, and"
        " when candidates were cut, the ranges bounding a chronology's undated lines are not"
        " shown (0: every query; below it, every match's).",
    )
    large_query_dates: float = _setting(
        1.25,
        "Large queries (large_query_articles): candidate dates per date shown, of the story and"
        " as many of its background, chosen by the evidence of their stored claims; with"
        " large_query_spare more, as the timeline's choice drops some (folded into a neighbour,"
        " or ranked after the dates naming the query).",
    )
    large_query_spare: int = _setting(
        8,
        "Large queries: candidate dates added to large_query_dates x the places, of the story"
        " and of its background (when it has places), so a short timeline's choice has room.",
    )
    large_query_per_date: int = _setting(
        100,
        "Large queries: most articles read for one candidate date (those headlined with the"
        " query first, then the weightiest claims, then by id; 0: every one). At 1M articles a"
        " date is stated by hundreds or thousands, and reading them all was half the matches"
        " and most of the query; a summary of two sentences needs far fewer. With"
        " dates='evidence' the dates are still ranked by every stating article's claim (the"
        " unread ones' evidence added to the read ones', an unread sentence naming the query"
        " keeps a date among those about it); with dates='learned' the ranker reads the"
        " articles read. The sentences a date is summarized from, its listed evidence, its"
        " outlets and first and last report, folding, the alignment and the conflicts are those"
        " of the articles read (its score and article count include its own unread ones, not"
        " those of a coarser date folded into it).",
    )
    ingest_events: bool = _setting(
        True,
        "Ingest computes each new article's sentence events as it reads it (sharing the time"
        " tagging of its paragraphs with the publication-date inference) and stores them with"
        " it, so a first query costs what a later one does; off: the first query computes them.",
    )
    event_workers: int = _setting(
        0,
        "Processes computing sentence events when a query first needs them for many articles"
        " (0: one per CPU core, at most 4; 1: in this process). The result is the same.",
    )
    event_spread_min: int = _setting(
        200, "Articles needing events from which the work is spread over event_workers."
    )
    batch_size: int = _setting(
        500, "Articles written to the store per transaction when ingesting large files."
    )
    link_batch_size: int = _setting(
        10000,
        "Near duplicates: articles signed and linked per transaction (more: fewer rewrites of"
        " the band index of a large store, more memory; the links are the same).",
    )
    minhash_perms: int = _setting(
        128, "Near duplicates: MinHash permutations per article signature (more: finer estimates)."
    )
    shingle_words: int = _setting(
        5, "Near duplicates: words per shingle (shorter shingles make same-topic stories alike)."
    )
    lsh_band_rows: int = _setting(
        3, "Near duplicates: signature values per LSH band (fewer rows: more candidates checked)."
    )
    near_duplicate_threshold: float = _setting(
        0.7, "Near duplicates: share of the shorter article's shingles the longer must contain."
    )
    near_duplicate_min_shingles: int = _setting(
        10, "Near duplicates: articles with fewer shingles than this are never linked."
    )
    near_duplicate_min_ratio: float = _setting(
        0.25, "Near duplicates: the shorter article must be at least this share of the longer."
    )

    max_query_terms: int = _setting(
        64,
        "Most words a timeline query may hold (each one is searched in every article; a longer"
        " query is refused as a usage error, HTTP 400 in the API).",
    )
    max_query_chars: int = _setting(
        1000, "Longest timeline query in characters (refused beyond, HTTP 400 in the API)."
    )

    def __post_init__(self) -> None:
        if self.embeddings not in ("auto", "off"):
            raise ConfigError(f"embeddings must be 'auto' or 'off', not {self.embeddings!r}")
        if self.conflicts_among not in ("all", "chosen"):
            raise ConfigError(
                f"conflicts_among must be 'all' or 'chosen', not {self.conflicts_among!r}"
            )

    def with_(self, **changes: Any) -> Settings:
        """A copy with some fields changed; unknown names raise ConfigError."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(unknown)}; known: {sorted(known)}")
        return replace(self, **changes)


def settings_help() -> dict[str, str]:
    """Each setting's name and help text."""
    return {f.name: f.metadata.get("help", "") for f in fields(Settings)}


def default_db() -> str:
    """The store named by $NEWSLINE_DB, else newsline.db in the current folder."""
    return os.environ.get("NEWSLINE_DB") or Settings().db
