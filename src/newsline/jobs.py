"""The library's top-level jobs, composed from edges and stages. The CLI and web call these."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from pathlib import Path

from newsline.errors import InputError
from newsline.ingest import FileFailure, iter_files, read_documents
from newsline.ingest.decode import decode, guess_encoding
from newsline.ingest.files import read_bytes
from newsline.ingest.readers import detect_format, read_json_lines
from newsline.ingest.stream import Scan, head_text, read_lines, scan, streamable_encoding
from newsline.jobs_dedup import link_near_duplicates
from newsline.jobs_events import article_events
from newsline.models.embedding import load_sentence_model
from newsline.pipeline import Pipeline
from newsline.records import Article, RawDocument, Timeline
from newsline.settings import Settings
from newsline.stages.align import align, conflicts
from newsline.stages.clean import clean
from newsline.stages.dating import date_article
from newsline.stages.query import parse_query
from newsline.stages.split import has_marker_starts, split_dump, split_lines
from newsline.stages.timeline import TimelineOptions, build_timeline
from newsline.store import Store


@dataclass
class IngestSummary:
    """What an ingest run did: files, articles new / already known, links, failures."""

    files: int = 0
    files_unchanged: int = 0
    articles_new: int = 0
    articles_known: int = 0
    duplicates_linked: int = 0
    near_duplicates: int = 0
    events: int = 0  # articles whose sentence events were computed and stored (--events)
    failures: list[FileFailure] = field(default_factory=list)
    dropped: Counter[str] = field(default_factory=Counter)

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
            "failures": [{"path": f.path, "reason": f.reason} for f in self.failures],
            "dropped": dict(self.dropped),
        }


def article_stages(settings: Settings, split: bool = True) -> Pipeline:
    """The per-article stages of ingest, in order: split dumps (unless the reader already
    did), clean, date."""
    stages = [
        ("split", partial(split_dump, settings=settings)),
        ("clean", partial(clean, settings=settings)),
        ("date", partial(date_article, settings=settings)),
    ]
    return Pipeline(stages if split else stages[1:])


def articles_from_text(
    path: str, text: str, settings: Settings, encoding: str = "utf-8", note: str | None = None
) -> tuple[list[Article], list[FileFailure], Counter[str]]:
    """Clean articles of one decoded file, its record-level failures, and drop reasons."""
    documents = read_documents(path, text, encoding, note, Path(path).suffix.lower())
    read = _read_articles(path, documents, article_stages(settings))
    articles = list(read.articles)
    return articles, read.failures, read.dropped()


def ingest(
    paths: Iterable[str],
    store: Store,
    settings: Settings | None = None,
    on_file: Callable[[Path], None] | None = None,
) -> IngestSummary:
    """Ingest files and folders into the store; bad files are reported, never fatal.

    A file whose exact content was ingested before from the same path is skipped, so re-running
    is safe and cheap. JSON lines and text dumps are streamed (memory does not grow with the
    file); each file's articles are written ``batch_size`` at a time, one transaction each, and
    the file is marked complete with the last, so a run killed half way through a file leaves
    whole batches and the next run completes the file.
    """
    settings = settings or Settings()
    own = {str(Path(store.path + suffix).resolve()) for suffix in ("", "-wal", "-shm", "-journal")}
    files = [f for f in iter_files(paths) if str(f) not in own]  # never read the store itself
    summary = IngestSummary()
    run_id = store.begin_run("ingest")
    for path in files:
        if on_file:
            on_file(path)
        _ingest_file(path, store, settings, run_id, summary)
    return finish_ingest(store, settings, run_id, summary)


def finish_ingest(
    store: Store, settings: Settings, run_id: int, summary: IngestSummary
) -> IngestSummary:
    """The end of every ingest, whatever the engine: link near duplicates, record the run."""
    summary.near_duplicates = link_near_duplicates(store, settings).links
    for failure in summary.failures:
        store.add_failure(run_id, failure.path, failure.reason)
    store.finish_run(
        run_id,
        files=summary.files,
        articles_new=summary.articles_new,
        articles_known=summary.articles_known,
        failures=len(summary.failures),
    )
    return summary


def _ingest_file(
    path: Path, store: Store, settings: Settings, run_id: int, summary: IngestSummary
) -> None:
    summary.files += 1
    name = str(path)
    try:
        found = scan(path)
        if store.file_done(name, found.sha256):
            summary.files_unchanged += 1
            return
        read = file_articles(path, found, settings)
    except InputError as exc:
        summary.failures.append(FileFailure(name, exc.reason))
        return
    try:
        written = _write_batches(store, name, found, read.articles, settings, run_id)
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


@dataclass
class FileArticles:
    """One file's clean articles as they are read, and what went wrong on the way.

    ``articles`` is a lazy iterator (a streamed file is never held whole); ``failures`` (bad
    records) and :meth:`dropped` are complete once it is exhausted.
    """

    articles: Iterator[Article]
    failures: list[FileFailure]
    pipeline: Pipeline

    def dropped(self) -> Counter[str]:
        """Articles dropped by the stages, by reason."""
        counts: Counter[str] = Counter()
        for count in self.pipeline.counts.values():
            counts.update(count.dropped)
        return counts


def file_articles(path: Path, found: Scan, settings: Settings) -> FileArticles:
    """The articles of one file (streamed where its format allows), for either engine.

    Raises InputError when the file cannot be read at all (too large to read whole, binary,
    undecodable); a bad record inside becomes a failure and the rest is read.
    """
    documents = stream_documents(path, found, settings) or whole_documents(path, found, settings)
    return _read_articles(str(path), documents, article_stages(settings, split=False))


def _read_articles(
    name: str, documents: Iterable[RawDocument | InputError], stages: Pipeline
) -> FileArticles:
    """Run the documents through the stages; a document that is an error becomes a failure."""
    failures: list[FileFailure] = []

    def raw_articles() -> Iterator[RawDocument]:
        for item in documents:
            if isinstance(item, InputError):
                failures.append(FileFailure(name, item.reason))
            else:
                yield item

    return FileArticles(stages.run(raw_articles()), failures, stages)


@dataclass
class _Written:
    articles: int = 0
    new: int = 0
    known: int = 0
    sources_added: int = 0


def _write_batches(
    store: Store,
    name: str,
    found: Scan,
    articles: Iterator[Article],
    settings: Settings,
    run_id: int,
) -> _Written:
    """Write a file's articles ``batch_size`` at a time, one transaction each; the last batch
    (possibly empty) marks the file complete."""
    written = _Written()
    size = max(settings.batch_size, 1)
    while True:
        batch = list(islice(articles, size))
        last = len(batch) < size
        result = store.write_batch(
            name, found.size, found.sha256, batch, run_id, written.articles, last
        )
        written.articles += len(batch)
        written.new += result.new
        written.known += result.known
        written.sources_added += result.sources_added
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


def timeline(
    query_text: str,
    store: Store,
    options: TimelineOptions | None = None,
    any_term: bool = False,
    settings: Settings | None = None,
) -> Timeline:
    """The timeline for a query over the store: matching articles, their events, the entries."""
    settings = settings or Settings()
    query = parse_query(query_text, any_term=any_term)
    articles = list(store.iter_matching(query))
    model = load_sentence_model() if settings.embeddings == "auto" else None
    events = article_events(store, articles, settings)
    events = align(articles, events, settings, model)
    disputes = conflicts(events, settings)
    return build_timeline(query, articles, events, options or TimelineOptions(), disputes)
