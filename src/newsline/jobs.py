"""The library's top-level jobs, composed from edges and stages. The CLI and web call these."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import islice
from pathlib import Path

from newsline.errors import InputError, StageError
from newsline.ingest import FileFailure, iter_files, read_documents
from newsline.ingest.decode import decode, guess_encoding
from newsline.ingest.files import read_bytes
from newsline.ingest.readers import detect_format, read_json_lines
from newsline.ingest.stream import Scan, head_text, read_lines, scan, streamable_encoding
from newsline.jobs_dedup import link_near_duplicates
from newsline.jobs_events import (
    EventsSummary,
    article_claims,
    article_events,
    compute_events,
    derive_events,
    unread_naming,
    with_events,
)
from newsline.models.embedding import load_sentence_model
from newsline.pipeline import WHOLE_FILE, Pipeline, collector_paused, failure_of, guard
from newsline.records import Article, Event, RawDocument, Timeline
from newsline.settings import Settings
from newsline.stages.align import Conflict, align, conflicts, is_chronology
from newsline.stages.clean import clean
from newsline.stages.date_claims import Candidates, Key, candidate_dates, changed_choice
from newsline.stages.date_features import Unread
from newsline.stages.dating import date_article
from newsline.stages.events import events_key
from newsline.stages.query import Query, parse_query
from newsline.stages.similarity import SentenceTexts
from newsline.stages.split import has_marker_starts, split_dump, split_lines
from newsline.stages.timeline import build_timeline
from newsline.stages.timeline_options import TimelineOptions
from newsline.store import Store
from newsline.store.events import save_events
from newsline.store.texts import StoredTexts
from newsline.temporal import TextTags


@dataclass
class IngestSummary:
    """What an ingest run did: files, articles new / already known, links, failures.

    ``failures`` holds bad input (reported, not retried) and the records a stage failed on
    (``retry``: their files are not marked done, so the next run reads them again)."""

    files: int = 0
    files_unchanged: int = 0
    articles_new: int = 0
    articles_known: int = 0
    duplicates_linked: int = 0
    near_duplicates: int = 0
    events: int = 0  # articles whose sentence events were computed and stored
    failures: list[FileFailure] = field(default_factory=list)
    dropped: Counter[str] = field(default_factory=Counter)
    #: Known articles a copy re-dated, whose events went with the old date (made again at the end)
    redated: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every file and record was read."""
        return not self.failures

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form."""
        return {
            "files": self.files,
            "files_unchanged": self.files_unchanged,
            "articles_new": self.articles_new,
            "articles_known": self.articles_known,
            "duplicates_linked": self.duplicates_linked,
            "near_duplicates": self.near_duplicates,
            "events": self.events,
            "failures": [f.to_dict() for f in self.failures],
            "dropped": dict(self.dropped),
        }


def article_stages(
    settings: Settings,
    split: bool = True,
    origin: str = "",
    event_failures: list[FileFailure] | None = None,
    seen: SeenArticles | None = None,
) -> Pipeline:
    """The per-article stages of ingest, in order: split dumps (unless the reader already
    did), clean, date (and, with ``ingest_events``, extract the events with the same tagging:
    their failures go to ``event_failures``; not for a copy of an article in ``seen``); the
    reading of file ``origin`` is guarded as the stage ``read``."""
    failures = [] if event_failures is None else event_failures
    date = partial(date_stage, settings=settings, event_failures=failures, seen=seen)
    stages = [
        ("split", partial(split_dump, settings=settings)),
        ("clean", partial(clean, settings=settings)),
        ("date", date),
    ]
    return Pipeline(stages if split else stages[1:], source="read", origin=origin)


class SeenArticles:
    """Ids of the articles an ingest run has read (up to ``limit``, then it starts again): a
    later exact copy is stored as a known article, so its events need not be made (where the
    copy gives the stored article its date, the store has them made again from the article).

    The tagger's parses are an article's own (:class:`TextTags`), not kept across articles:
    a run kept up to 50,000 paragraphs' and found 2.5 % of 100k generated articles' parses
    there (their reprints copy any earlier article), while the collector walked them all
    again and again (without: 1.5 % less CPU, 15 MB less memory)."""

    def __init__(self, limit: int = 200_000) -> None:
        self.limit = limit  # ids of 16 characters: ~20 MB
        self.ids: set[str] = set()

    def add(self, article_id: str) -> bool:
        """Remember the id; True when it was read before in this run."""
        if article_id in self.ids:
            return True
        if len(self.ids) >= self.limit:
            self.ids.clear()
        self.ids.add(article_id)
        return False


def date_stage(
    article: Article,
    settings: Settings,
    event_failures: list[FileFailure],
    seen: SeenArticles | None = None,
) -> Iterator[Article]:
    """Date the article; with ``ingest_events`` also give it its events, extracted with the
    tagging its dating made (each paragraph parsed once), unless ``seen`` read it before. A
    failed extraction leaves the article without events and adds to ``event_failures``: the
    article is stored all the same."""
    tags = TextTags()
    for dated in date_article(article, settings, tags):
        if settings.ingest_events and not (seen is not None and seen.add(dated.id)):
            dated = with_events(dated, settings, tags, event_failures)
        yield dated


def articles_from_text(
    path: str, text: str, settings: Settings, encoding: str = "utf-8", note: str | None = None
) -> tuple[list[Article], list[FileFailure], Counter[str]]:
    """Clean articles of one decoded file, its record-level failures, and drop reasons."""
    documents = read_documents(path, text, encoding, note, Path(path).suffix.lower())
    events: list[FileFailure] = []
    read = _read_articles(path, documents, article_stages(settings, True, path, events), events)
    articles = list(read.articles)
    return articles, read.failures, read.dropped()


def ingest(
    paths: Iterable[str],
    store: Store,
    settings: Settings | None = None,
    on_file: Callable[[Path], None] | None = None,
    events: bool = False,
) -> IngestSummary:
    """Ingest files and folders into the store; bad files are reported, never fatal.

    A record a stage fails on (an unexpected exception) is a failure too: the rest of its file
    is stored and the file is not marked done, so the next run reads it again. With ``events``
    the sentence events of every article still without them are computed and stored.

    A file whose exact content was ingested before from the same path is skipped, so re-running
    is safe and cheap. JSON lines and text dumps are streamed (memory does not grow with the
    file); each file's articles are written ``batch_size`` at a time, one transaction each, and
    the file is marked complete with the last, so a run killed half way through a file leaves
    whole batches and the next run completes the file.
    """
    settings = settings or Settings()
    own = {str(Path(store.path + suffix).resolve()) for suffix in ("", "-wal", "-shm", "-journal")}
    summary = IngestSummary()
    listed: list[FileFailure] = []  # what a folder holds that is no readable regular file
    files = [f for f in iter_files(paths, listed) if str(f) not in own]  # never the store itself
    summary.files += len(listed)
    summary.failures.extend(listed)
    run_id = store.begin_run("ingest")
    seen = SeenArticles()
    for path in files:
        if on_file:
            on_file(path)
        _ingest_file(path, store, settings, run_id, summary, seen)
    redate_events(store, settings, summary)
    if events:
        add_events(summary, derive_events(store, settings, skip=events_failed(summary)))
    return finish_ingest(store, settings, run_id, summary)


def redate_events(store: Store, settings: Settings, summary: IngestSummary) -> None:
    """With ``ingest_events``: the events of the known articles this run re-dated (a copy gave
    them a better-founded date, and their events made with the old one went)."""
    redated = sorted(set(summary.redated) - events_failed(summary))
    if settings.ingest_events and redated:
        made, failures = compute_events(store.load_articles(redated), settings)
        save_events(store, events_key(settings), made)
        summary.failures.extend(failures)


def add_events(summary: IngestSummary, derived: EventsSummary) -> None:
    """Count the articles that got events, and the failures of those that did not."""
    summary.events += derived.articles
    summary.failures.extend(derived.failures)


def events_failed(summary: IngestSummary) -> frozenset[str]:
    """The articles whose events this run's ingest failed to extract (not tried twice)."""
    return frozenset(
        f.record.removeprefix("article ")
        for f in summary.failures
        if f.stage == "events" and f.record
    )


def finish_ingest(
    store: Store, settings: Settings, run_id: int, summary: IngestSummary
) -> IngestSummary:
    """The end of every ingest, whatever the engine: link near duplicates, record the run."""
    linked = link_near_duplicates(store, settings)
    summary.near_duplicates = linked.links
    summary.failures.extend(linked.failures)
    for failure in summary.failures:
        store.add_failure(run_id, failure)
    store.finish_run(
        run_id,
        files=summary.files,
        articles_new=summary.articles_new,
        articles_known=summary.articles_known,
        failures=len(summary.failures),
    )
    return summary


def _ingest_file(
    path: Path,
    store: Store,
    settings: Settings,
    run_id: int,
    summary: IngestSummary,
    seen: SeenArticles | None = None,
) -> None:
    summary.files += 1
    name = str(path)
    try:
        found = scan(path)
        if store.file_done(name, found.sha256):
            summary.files_unchanged += 1
            return
        read = file_articles(path, found, settings, seen)
    except (InputError, StageError) as exc:
        summary.failures.append(failure_of(name, exc))
        return
    try:
        written = _write_batches(store, name, found, read, settings, run_id)
    except InputError as exc:  # unreadable further on, or text this store cannot hold
        summary.failures.extend(read.failures)
        summary.failures.append(FileFailure(name, exc.reason))
        return
    dropped = read.dropped()
    summary.failures.extend(read.failures)
    summary.dropped.update(dropped)
    if not written.articles and not read.failures:
        summary.failures.append(
            FileFailure(name, "no article found: " + (", ".join(dropped) or "no text"))
        )
    summary.articles_new += written.new
    summary.articles_known += written.known
    summary.duplicates_linked += max(written.sources_added - written.new, 0)
    summary.events += written.events
    summary.redated += written.redated


@dataclass
class FileArticles:
    """One file's clean articles as they are read, and what went wrong on the way.

    ``articles`` is a lazy iterator (a streamed file is never held whole); ``failures`` (bad
    records, then records a stage failed on, then articles stored without the events their
    extraction failed to give), ``retry`` and :meth:`dropped` are complete once it is exhausted.
    """

    articles: Iterator[Article]
    bad_records: list[FileFailure]
    pipeline: Pipeline
    event_failures: list[FileFailure] = field(default_factory=list)

    @property
    def failures(self) -> list[FileFailure]:
        """Bad records (reported), then the records a stage failed on (retried), then the
        articles whose events failed (stored; their events are computed when next needed)."""
        return self.bad_records + self.pipeline.failures + self.event_failures

    @property
    def retry(self) -> bool:
        """True when a stage failed on a record: the file must not be marked done."""
        return bool(self.pipeline.failures)

    def dropped(self) -> Counter[str]:
        """Articles dropped by the stages, by reason."""
        counts: Counter[str] = Counter()
        for count in self.pipeline.counts.values():
            counts.update(count.dropped)
        return counts


def file_articles(
    path: Path, found: Scan, settings: Settings, seen: SeenArticles | None = None
) -> FileArticles:
    """The articles of one file (streamed where its format allows), for either engine;
    ``seen``: the articles this run read before (their copies' events are not made).

    Raises InputError when the file cannot be read at all (too large to read whole, binary,
    undecodable), StageError when reading it fails unexpectedly; a bad record inside becomes a
    failure and the rest is read.
    """
    with guard("read", WHOLE_FILE):
        documents = stream_documents(path, found, settings) or whole_documents(
            path, found, settings
        )
    events: list[FileFailure] = []
    stages = article_stages(settings, False, str(path), events, seen)
    return _read_articles(str(path), documents, stages, events)


def _read_articles(
    name: str,
    documents: Iterable[RawDocument | InputError],
    stages: Pipeline,
    event_failures: list[FileFailure],
) -> FileArticles:
    """Run the documents through the stages; a document that is an error becomes a failure."""
    failures: list[FileFailure] = []

    def raw_articles() -> Iterator[RawDocument]:
        for item in documents:
            if isinstance(item, InputError):
                failures.append(FileFailure(name, item.reason))
            else:
                yield item

    return FileArticles(stages.run(raw_articles()), failures, stages, event_failures)


@dataclass
class _Written:
    articles: int = 0
    new: int = 0
    known: int = 0
    sources_added: int = 0
    events: int = 0
    redated: list[str] = field(default_factory=list)


def _write_batches(
    store: Store,
    name: str,
    found: Scan,
    read: FileArticles,
    settings: Settings,
    run_id: int,
) -> _Written:
    """Write a file's articles ``batch_size`` at a time, one transaction each; the last batch
    (possibly empty) marks the file complete, unless a stage failed on one of its records."""
    written = _Written()
    size = max(settings.batch_size, 1)
    key = events_key(settings)
    while True:
        # A batch makes tens of thousands of small records that form no cycles; the collector
        # would walk them, and the run's long-lived ones, again and again meanwhile.
        with collector_paused():
            batch = list(islice(read.articles, size))
            last = len(batch) < size
            complete = last and not read.retry
            result = store.write_batch(
                name, found.size, found.sha256, batch, run_id, written.articles, complete, key
            )
            # the batch's records freed before the collector resumes: its first collection
            # then walks only what outlives the batch (at 10k articles, 0.5 -> 0.1 CPU s)
            count = len(batch)
            del batch
        written.articles += count
        written.new += result.new
        written.known += result.known
        written.sources_added += result.sources_added
        written.events += result.events
        written.redated += result.redated
        if last:
            return written


def stream_documents(
    path: Path, found: Scan, settings: Settings
) -> Iterator[RawDocument | InputError] | None:
    """A JSON-lines file or a text dump read line by line (articles split as they come), or
    None for what is read whole (HTML, feeds, a JSON array, UTF-16, a small legacy-encoded file).
    """
    codec_note = streamable_encoding(found)
    if codec_note is None and (found.utf8 or found.size <= settings.max_file_bytes):
        return None
    codec, note = codec_note or guess_encoding(found.head)
    encoding = "utf-8" if codec.startswith("utf-8") else codec
    name = str(path)
    fmt = detect_format(head := head_text(path, codec), path.suffix.lower())
    if fmt == "jsonl" and not head.startswith("["):
        limit = settings.max_record_chars
        return read_json_lines(name, read_lines(path, codec, limit), encoding, note, limit)
    if fmt != "text":
        return None
    cap = settings.max_article_chars
    by_marker = has_marker_starts(read_lines(path, codec, cap), settings)
    template = RawDocument(name, 0, "", "text", encoding, (0, 0), encoding_note=note)
    return split_lines(read_lines(path, codec, cap), template, settings, by_marker, cap)


def whole_documents(
    path: Path, found: Scan, settings: Settings
) -> Iterator[RawDocument | InputError]:
    """The documents of a file read and decoded whole (within ``max_file_bytes``), split."""
    if found.size > settings.max_file_bytes:
        raise InputError(f"file too large ({found.size} bytes; limit {settings.max_file_bytes})")
    text, encoding, note = decode(read_bytes(path, settings.max_file_bytes))
    for item in read_documents(str(path), text, encoding, note, path.suffix.lower()):
        if isinstance(item, InputError):
            yield item
        else:
            yield from split_dump(item, settings)


@dataclass
class QueryEvents:
    """What a timeline is built from: the query, its articles (without their bodies), their
    events (dates lent across sources; the undated ones of chronologies only, as no other stage
    uses them), the conflicting claims, and the articles whose events failed."""

    query: Query
    articles: list[Article]
    events: list[Event]
    #: the conflicting claims, or how to find those a timeline shows, given its candidate
    #: sentences: judged against every dated claim, or (``conflicts_among="chosen"``) among
    #: the candidates alone
    disputes: list[Conflict] | Callable[[Sequence[Event]], list[Conflict]]
    failures: list[FileFailure]
    #: the sentences as the stages analyzed them, for the timeline's summaries to reuse
    texts: SentenceTexts = field(default_factory=SentenceTexts)
    #: the articles' body texts, read from the store when asked for (while it is open)
    bodies: Mapping[str, str] = field(default_factory=dict)
    #: a large query's candidate dates (:mod:`newsline.stages.date_claims`), ``events`` those
    #: of the articles stating them; None: every date
    dates: frozenset[Key] | None = None
    #: the options a large query chose its candidates (and articles) for; None: every match's
    #: events, good for any options
    chosen_for: TimelineOptions | None = None
    #: a large query's candidate dates' stating articles it did not read, and their evidence
    unread: Mapping[Key, Unread] = field(default_factory=dict)
    #: whether an unread article has a sentence of the date naming the query (read from the
    #: store when the timeline asks, for a date none of whose read sentences does)
    unread_naming: Callable[[Key], bool] | None = None

    def kept(self) -> QueryEvents:
        """The same, every body read now, and whether each capped date's unread articles name
        the query: for building timelines after the store closes."""
        named = self.unread_naming
        if named is not None:
            named = {k: named(k) for k in sorted(self.unread)}.__getitem__
        return replace(self, bodies=dict(self.bodies), unread_naming=named)

    def build(self, options: TimelineOptions) -> Timeline:
        """The timeline of these events with ``options`` (:func:`build_timeline`).

        Raises ValueError when a large query's candidates were chosen with other values of the
        options that choose them (:data:`~newsline.stages.date_claims.CHOOSING`): its events
        would silently be those of other dates."""
        if self.chosen_for is not None and (changed := changed_choice(self.chosen_for, options)):
            raise ValueError(
                "these events hold a large query's candidate dates, chosen with other "
                f"{', '.join(changed)}: call query_events with these options (or raise "
                "settings.large_query_articles above the matches to read every date)"
            )
        return build_timeline(
            self.query,
            self.articles,
            self.events,
            options,
            self.disputes,
            self.texts,
            self.bodies,
            self.dates,
            self.unread,
            self.unread_naming,
        )


def query_events(options: TimelineOptions, store: Store, settings: Settings) -> QueryEvents:
    """The articles matching the options' query and their events, aligned, with conflicts.

    An article whose events cannot be computed (a stage's unexpected exception) is left out and
    listed in ``failures``; the next query computes its events again."""
    query = parse_query(options.query, any_term=options.any_term)
    # a timeline shows no raw text, and the bodies of the few articles its evidence cites
    articles = list(store.iter_matching(query, raw=False, body=False))
    chosen = _large_query(store, articles, query, options, settings)
    failures, stating = ([], articles) if chosen is None else (chosen[1], chosen[2])
    dates = None if chosen is None else chosen[0].dates
    model = load_sentence_model() if settings.embeddings == "auto" else None
    # the undated sentences of an article take part only when it is a chronology (aligned,
    # bounded, listed when unplaced): of the others, the dated events are read
    texts = SentenceTexts()  # the dated sentences' stored analysis read with them
    chronologies: dict[str, bool] = {}  # remembered for align, which asks again

    def undated(article: Article, dated: Sequence[Event]) -> bool:
        found = chronologies[article.id] = is_chronology(article, dated)
        return found

    reads = None
    if chosen is not None and chosen[0].dates is not None:
        reads = chosen[0].reads(options, query.names_any)
    events, failed = article_events(store, stating, settings, undated, texts.learn, reads)
    failures += failed
    # a large query's other dated claims are read for the conflicts alone: no entry is of
    # their dates, and aligning them would only cost
    others: list[Event] = []
    if chosen is not None and dates is not None:
        lent = chosen[0].lends(options)
        others = [e for e in events if not lent(e)]
        events = [e for e in events if lent(e)]
    events = align(stating, events, settings, model, texts, chronologies)
    claims = events + others if others else events

    def disputes(candidates: Sequence[Event]) -> list[Conflict]:
        """The conflicts a timeline reads, found once it has chosen its dates: those of its
        candidate sentences, judged against every dated claim, or among the candidates."""
        if settings.conflicts_among == "all":
            return conflicts(claims, settings, texts, among=candidates)
        return conflicts(candidates, settings, texts)

    bodies = StoredTexts(store, (a.id for a in articles))
    chosen_for = None if chosen is None else options
    unread = {} if chosen is None else chosen[0].unread
    # a sentence about the query as the timeline judges it (names_own: with the naming filter,
    # the claims read named any term, what every such sentence does)
    named = unread_naming(store, unread, query.names_own, options, settings) if unread else None
    return QueryEvents(
        query, articles, events, disputes, failures, texts, bodies, dates, chosen_for, unread, named
    )


def _large_query(
    store: Store,
    articles: list[Article],
    query: Query,
    options: TimelineOptions,
    settings: Settings,
) -> tuple[Candidates, list[FileFailure], list[Article]] | None:
    """From ``large_query_articles`` matches on, the candidate dates chosen from the articles'
    stored claims (:mod:`newsline.stages.date_claims`; their ``dates`` None when none was
    cut), the failures of the articles whose events failed and the articles stating those
    dates (their explicitly dated sentences naming the query are read too: a conflict with a
    date not chosen is still seen); below it, None: every date, article and event."""
    if len(articles) < settings.large_query_articles:
        return None
    # the claims of the sentences the timeline's filter keeps, as candidate_groups keeps them
    names = {"naming": query.names_any, "keyword": query.holds_any}.get(options.sentences)
    claims, failures = article_claims(store, articles, settings, names)
    titles = {a.id: a.title for a in articles}
    chosen = candidate_dates(
        claims,
        articles,
        options,
        settings.large_query_dates,
        settings.large_query_spare,
        settings.large_query_per_date,
        lambda i: query.names_any(titles[i]),  # as the timeline's headlined articles
    )
    del claims
    return chosen, failures, [a for a in articles if a.id in chosen.articles]


def timeline(
    options: TimelineOptions | str, store: Store, settings: Settings | None = None
) -> Timeline:
    """The timeline for a query over the store (the job behind ``newsline timeline``,
    ``/api/timeline`` and ``newsline eval tls``): the matching articles, their events, dates
    lent across sources, conflicts, the entries. A bare string is a query with default options.
    Failed articles are listed in ``failures`` and recorded as a run's failure rows for
    ``status``."""
    if isinstance(options, str):
        options = TimelineOptions(query=options)
    with collector_paused():
        found = query_events(options, store, settings or Settings())
        built = found.build(options)
        failures = found.failures
        # freed while the collector is paused: once it runs again, its first collection walks
        # every object made in the pause that is still alive (at 13,000 matches, 0.1 CPU-s)
        del found
    store.record_failures("timeline", failures)
    return replace(built, failures=tuple(failures))
