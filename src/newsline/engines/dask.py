"""Ingest on Dask: the per-file work runs partitioned on workers, the store is written here.

The order of a run, and why:

1. The parent lists the input files exactly as ``newsline.jobs.ingest`` does, hashes each one
   and skips those the store already holds (``Store.file_done``), so a re-run stays cheap.
2. ``dask.bag.from_sequence(files, npartitions=...)``: each partition reads, decodes, splits,
   cleans and dates its files with the single process's own functions
   (``newsline.jobs.file_articles``, streamed where the format allows; with ``ingest_events``
   that is also where each article's events are extracted), signs each article
   for near-duplicate search (MinHash and LSH band keys, ``newsline.stages.dedup``) and
   appends its articles to one Parquet shard, their signatures to another, a few row groups
   at a time, under ``<store>.shards/run-<id>/``. Bad files come
   back as data (path, reason), never as a crash.
3. The parent loads the shards in input order, one ``Store.write_batch`` per file (one
   transaction each: provenance, events, the files table and re-run safety are those of the
   single process).
4. Near duplicates (``newsline.engines.dask_dedup``): the band keys of this run and of the
   store are grouped by a Dask DataFrame shuffle on the key; the candidate pairs come back,
   the parent verifies them and stores signatures, links and stories in one transaction.
   ``finish_ingest`` then records failures and finishes the run, as for the single process.

Dask, distributed, pandas and pyarrow are imported here only, and only when this engine runs;
without them the engine raises a ConfigError naming the extra to install. With ``scheduler``
the workers of a running dask.distributed cluster are used: they need newsline installed and
the input files and the shard folder at the same paths.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from pathlib import Path
from typing import Any

from newsline.engines.dask_dedup import link_shards, signature_table
from newsline.errors import ConfigError, InputError, StageError
from newsline.ingest import FileFailure, iter_files
from newsline.ingest.stream import Scan, scan
from newsline.jobs import (
    IngestSummary,
    SeenArticles,
    add_events,
    events_failed,
    file_articles,
    finish_ingest,
    redate_events,
)
from newsline.jobs_dedup import LinkSummary
from newsline.jobs_events import Computed, EventsSummary, compute_events, derive_events
from newsline.pipeline import WHOLE_FILE, failure_of, guard
from newsline.records import Article, Event
from newsline.settings import Settings
from newsline.stages.dedup import DedupParams, Signer
from newsline.stages.events import events_key
from newsline.store import Store
from newsline.store.codec import (
    ARTICLE_COLUMNS,
    SOURCE_COLUMNS,
    SOURCE_INTEGERS,
    PayloadEvents,
    article_columns,
    article_from_columns,
    events_payload,
    source_columns,
)

EXTRA = "pip install 'newsline[dask]'"
_ROW_GROUP = 256  # articles per Parquet row group: the unit the parent reads back


def require_dask() -> None:
    """Raise a ConfigError naming the extra to install when dask's packages are missing."""
    for module in ("dask.bag", "dask.dataframe", "distributed", "pyarrow.parquet"):
        try:
            __import__(module)
        except ImportError as exc:
            raise ConfigError(
                f"the dask engine needs {module.split('.')[0]}, which is not installed: {EXTRA}",
                setting="engine",
            ) from exc


def ingest_dask(
    paths: Iterable[str],
    store: Store,
    settings: Settings | None = None,
    on_file: Callable[[Path], None] | None = None,
    scheduler: str | None = None,
    workers: int = 2,
    keep_shards: bool = False,
    events: bool = False,
) -> IngestSummary:
    """Ingest like ``newsline.jobs.ingest``, with the per-file work on Dask; same store content.

    ``scheduler`` is a running dask.distributed scheduler's address; without it a LocalCluster
    of ``workers`` single-threaded processes is started and closed. The shards are removed
    after loading unless ``keep_shards``. With ``events``, the sentence events of every article
    still without them are computed on the workers and stored (``jobs_events.derive_events``).
    """
    require_dask()
    if workers < 1:
        raise ConfigError(f"workers must be at least 1 (got {workers})", setting="workers")
    settings = settings or Settings()
    shards_root = _shards_root(store)
    summary = IngestSummary()
    files = _input_files(paths, store, shards_root, summary)
    run_id = store.begin_run("ingest")
    outcomes, todo = _triage(files, store, settings)
    # Stores that are no file share one root in /tmp: the process id keeps their runs apart.
    folder = shards_root / f"run-{run_id}{'' if _is_file(store) else f'-{os.getpid()}'}"
    try:
        linked = LinkSummary()
        if todo:
            # A run killed before it removed its shards left them under the same run number
            # when its store was made again: they are not this run's (linking reads them all).
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir(parents=True)
            with _client(scheduler, workers) as client:
                metas = _run_partitions(client, todo, folder, settings, workers)
                outcomes.update((meta["index"], meta) for meta in metas)
                refused = _load(outcomes, store, run_id, summary, on_file, events_key(settings))
                redate_events(store, settings, summary)
                linked = link_shards(client, store, settings, folder, refused)
                if events:
                    add_events(summary, _derive_events(client, store, settings, summary))
        else:
            _load(outcomes, store, run_id, summary, on_file, events_key(settings))
            if events:
                with _client(scheduler, workers) as client:
                    add_events(summary, _derive_events(client, store, settings, summary))
    finally:
        if not keep_shards:
            shutil.rmtree(folder, ignore_errors=True)
            _remove_if_empty(shards_root)
    summary = finish_ingest(store, settings, run_id, summary)  # links what is left unsigned
    summary.near_duplicates += linked.links
    return summary


def _derive_events(
    client: Any, store: Store, settings: Settings, summary: IngestSummary
) -> EventsSummary:
    """``derive_events`` with each batch cut into one chunk per task and run on the workers
    (not for the articles whose events this run's ingest failed on)."""
    available = len(client.scheduler_info().get("workers", {})) or 1
    tasks = available * 4

    def compute(articles: list[Article], settings: Settings) -> Computed:
        size = -(-len(articles) // tasks)
        chunks = [articles[i : i + size] for i in range(0, len(articles), size)]
        found: dict[str, list[Event]] = {}
        failures: list[FileFailure] = []
        for part, failed in client.gather(client.map(compute_events, chunks, settings=settings)):
            found.update(part)
            failures.extend(failed)
        return found, failures

    batch = settings.batch_size * tasks
    return derive_events(store, settings, compute, batch, events_failed(summary))


# -- the parent: files, triage, loading ---------------------------------------------------------
def _shards_root(store: Store) -> Path:
    """``<store file>.shards``; a store that is no file (in memory, a database URL) uses /tmp."""
    if not _is_file(store):
        return Path(tempfile.gettempdir()) / "newsline.shards"
    return Path(store.path + ".shards").resolve()


def _is_file(store: Store) -> bool:
    return store.path != ":memory:" and "://" not in store.path


def _input_files(
    paths: Iterable[str], store: Store, shards_root: Path, summary: IngestSummary
) -> list[Path]:
    """The files ``jobs.ingest`` would read, less this engine's own shards; what a folder holds
    that is no readable regular file is counted in ``summary`` as a failure."""
    own = {str(Path(store.path + suffix).resolve()) for suffix in ("", "-wal", "-shm", "-journal")}
    listed: list[FileFailure] = []
    files = [
        f
        for f in iter_files(paths, listed)
        if str(f) not in own and not f.is_relative_to(shards_root)
    ]
    summary.files += len(listed)
    summary.failures.extend(listed)
    return files


def _triage(
    files: list[Path], store: Store, settings: Settings
) -> tuple[dict[int, dict[str, Any]], list[tuple[int, str]]]:
    """Outcomes known here (unreadable, unchanged) by input index, and the files to process."""
    outcomes: dict[int, dict[str, Any]] = {}
    todo: list[tuple[int, str]] = []
    for index, path in enumerate(files):
        name = str(path)
        try:
            digest = scan(path).sha256
        except InputError as exc:
            outcomes[index] = _meta(index, name, failures=[failure_of(name, exc)])
            continue
        if store.file_done(name, digest):
            outcomes[index] = _meta(index, name, unchanged=True)
        else:
            todo.append((index, name))
    return outcomes, todo


def _load(
    outcomes: dict[int, dict[str, Any]],
    store: Store,
    run_id: int,
    summary: IngestSummary,
    on_file: Callable[[Path], None] | None,
    key: str = "",
) -> set[str]:
    """Write each file's articles in input order, as the single process does, shard by shard,
    with the events the workers computed (stored under ``key``).

    Returns the files whose articles the store refused (their signatures must not be stored).
    """
    # Files that failed half way on a worker left rows in their shard: skipped, not stored.
    refused = {meta["path"] for meta in outcomes.values() if meta.get("partial")}
    shard: str | None = None
    groups: Iterator[tuple[str, list[Article]]] = iter(())
    pending: tuple[str, list[Article]] | None = None
    for index in sorted(outcomes):
        meta = outcomes[index]
        if on_file:
            on_file(Path(meta["path"]))
        summary.files += 1
        summary.files_unchanged += meta["unchanged"]
        summary.failures.extend(meta["failures"])
        summary.dropped.update(meta["dropped"])
        if not meta["write"]:
            continue
        if meta["shard"] != shard:
            shard, groups, pending = meta["shard"], _shard_files(meta["shard"]), None
        # A shard holds its files' articles in input order; a file without any has no rows.
        pending = pending or next(groups, None)
        while pending and pending[0] in refused:
            pending = next(groups, None)
        articles: list[Article] = []
        if pending and pending[0] == meta["path"]:
            articles, pending = pending[1], None
        try:
            # A file a stage failed on is not marked done: the next run reads it again.
            done = not meta["retry"]
            result = store.write_batch(
                meta["path"], meta["size"], meta["sha256"], articles, run_id, 0, done, key
            )
        except InputError as exc:  # text this store cannot hold (as in jobs._ingest_file)
            summary.failures.append(FileFailure(meta["path"], exc.reason))
            refused.add(meta["path"])
            continue
        summary.articles_new += result.new
        summary.articles_known += result.known
        summary.duplicates_linked += max(result.sources_added - result.new, 0)
        summary.events += result.events
        summary.redated += result.redated
    return refused


def _shard_files(path: str) -> Iterator[tuple[str, list[Article]]]:
    """A shard's articles grouped by file, in order, read one row group at a time.

    Only one file's articles are held at once, so the parent's memory does not grow with N.
    """
    import pyarrow.parquet as pq

    current: str | None = None
    articles: list[Article] = []
    shard = pq.ParquetFile(path)
    # One row group at a time: iter_batches reads ahead, and its memory grew with the shard.
    for group in range(shard.num_row_groups):
        for row in shard.read_row_group(group).to_pylist():
            if row["file_path"] != current:
                if current is not None:
                    yield current, articles
                current, articles = row["file_path"], []
            articles.append(_article_from_row(row))
    if current is not None:
        yield current, articles


def _remove_if_empty(folder: Path) -> None:
    with suppress(OSError):  # not empty (kept shards, another run) or already gone
        folder.rmdir()


# -- the cluster ----------------------------------------------------------------------------------
@contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Any]:
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except OSError as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        with client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _run_partitions(
    client: Any, todo: list[tuple[int, str]], folder: Path, settings: Settings, workers: int
) -> list[dict[str, Any]]:
    """Run the per-file work on the cluster; each partition's files' metadata, in input order."""
    import dask.bag as db

    available = len(client.scheduler_info().get("workers", {})) or workers
    # A few partitions per worker evens out files of unequal size; a file is never split.
    npartitions = max(1, min(len(todo), available * 4))
    bag = db.from_sequence(todo, npartitions=npartitions)
    metas = client.compute(bag.map_partitions(_partition, str(folder), settings)).result()
    return sorted(metas, key=lambda meta: meta["index"])


# -- the workers ----------------------------------------------------------------------------------
def _partition(items: Iterable[tuple[int, str]], folder: str, settings: Settings) -> list[dict]:
    """Process one partition's files; their articles go to one Parquet shard, their
    signatures to another, a row group at a time (a streamed file is never held whole)."""
    items = list(items)
    if not items:
        return []
    number = f"{items[0][0]:06d}"
    shard = str(Path(folder) / f"part-{number}.parquet")
    signer = Signer(DedupParams.from_settings(settings))
    metas = []
    seen = SeenArticles()  # this partition's: a copy of an article read here gets no events
    with _ShardWriter(shard, Path(folder) / f"minhash-{number}.parquet", signer) as writer:
        for index, name in items:
            meta = _process_file(index, name, settings, writer, seen)
            meta["shard"] = shard
            metas.append(meta)
    return metas


def _process_file(
    index: int, name: str, settings: Settings, writer: _ShardWriter, seen: SeenArticles
) -> dict:
    """``jobs._ingest_file``'s per-file work (``jobs.file_articles``), failures as data.

    A file that fails half way through (unreadable further on) is reported and marked
    ``partial``: the parent skips the rows it left in the shards, so nothing of it is stored
    and the next run reads it again (the single process keeps its whole batches instead and
    the next run completes the file: either way it ends complete). A record a stage failed on
    (``retry``) is reported and the file is written without being marked done, as in
    ``jobs._ingest_file``; an unexpected exception beyond the stages (signing, the shard) fails
    the file as a stage ``shard`` would.
    """
    path = Path(name)
    try:
        found = scan(path)
        read = file_articles(path, found, settings, seen)
    except (InputError, StageError) as exc:
        return _meta(index, name, failures=[failure_of(name, exc)])
    count = 0
    try:
        with guard("shard", WHOLE_FILE):
            for article in read.articles:
                writer.add(name, found, article)
                count += 1
    except (InputError, StageError) as exc:
        meta = _meta(index, name, failures=[*read.failures, failure_of(name, exc)])
        meta["partial"] = count > 0
        return meta
    failures = read.failures
    dropped = read.dropped()
    if not count and not failures:
        failures.append(FileFailure(name, "no article found: " + (", ".join(dropped) or "no text")))
    meta = _meta(index, name, failures=failures, dropped=dropped, size=found.size)
    meta.update(write=True, sha256=found.sha256, retry=read.retry)
    return meta


class _ShardWriter:
    """Appends articles (and their signatures) to a partition's two shards, a few row groups at
    a time, so a worker holds a bounded number of articles whatever the file size."""

    def __init__(self, shard: str, minhash: Path, signer: Signer) -> None:
        self.paths = (shard, minhash)
        self.signer = signer
        self.rows: list[dict[str, Any]] = []
        self.signed: list[tuple[str, Article]] = []
        self.writers: list[Any] = []

    def __enter__(self) -> _ShardWriter:
        return self

    def add(self, name: str, found: Scan, article: Article) -> None:
        """One article of file ``name``."""
        meta = {"path": name, "size": found.size, "sha256": found.sha256}
        self.rows.append(_article_row(meta, article))
        self.signed.append((name, article))
        if len(self.rows) >= _ROW_GROUP * 4:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self.writers:
            self.writers = [
                pq.ParquetWriter(self.paths[0], _shard_schema()),
                pq.ParquetWriter(self.paths[1], signature_table([], self.signer).schema),
            ]
        articles = pa.Table.from_pylist(self.rows, schema=self.writers[0].schema)
        self.writers[0].write_table(articles, row_group_size=_ROW_GROUP)
        self.writers[1].write_table(signature_table(self.signed, self.signer))
        self.rows, self.signed = [], []

    def __exit__(self, *exc: object) -> None:
        if self.rows or not self.writers:
            self._flush()
        for writer in self.writers:
            writer.close()


def _meta(
    index: int,
    name: str,
    failures: list[FileFailure] | None = None,
    unchanged: bool = False,
    dropped: Counter[str] | None = None,
    size: int = 0,
) -> dict[str, Any]:
    return {
        "index": index,
        "path": name,
        "size": size,
        "sha256": "",
        "write": False,
        "retry": False,
        "unchanged": int(unchanged),
        "failures": failures or [],
        "dropped": dict(dropped or {}),
        "shard": None,
    }


# -- articles as Parquet rows ---------------------------------------------------------------------
#: A shard row: the file, then the store's own article and source columns (``store.codec``),
#: then the article's events when ingest computed them (``codec.events_payload``, else null).
_FILE_COLUMNS = [("file_path", "text"), ("file_size", "int"), ("file_sha256", "text")]


def _shard_schema() -> Any:
    import pyarrow as pa

    kinds = {"text": pa.string(), "int": pa.int64()}
    fields = [(name, kinds[kind]) for name, kind in _FILE_COLUMNS]
    fields += [(name, pa.string()) for name in ARTICLE_COLUMNS]
    fields += [
        (f"source_{name}", pa.int64() if name in SOURCE_INTEGERS else pa.string())
        for name in SOURCE_COLUMNS
    ]
    fields.append(("events", pa.string()))
    return pa.schema(fields)


def _article_row(meta: dict[str, Any], a: Article) -> dict[str, Any]:
    row = {"file_path": meta["path"], "file_size": meta["size"], "file_sha256": meta["sha256"]}
    row.update(article_columns(a))
    row.update((f"source_{name}", value) for name, value in source_columns(a).items())
    row["events"] = events_payload(a.events) if a.events is not None else None
    return row


def _article_from_row(row: dict[str, Any]) -> Article:
    article = article_from_columns(row, {name: row[f"source_{name}"] for name in SOURCE_COLUMNS})
    if row["events"] is None:
        return article
    return replace(article, events=PayloadEvents(article.id, row["events"]))
