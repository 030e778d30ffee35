"""Ingest on Dask: the per-file work runs partitioned on workers, the store is written here.

The order of a run, and why:

1. The parent lists the input files exactly as ``newsline.jobs.ingest`` does, hashes each one
   and skips those the store already holds (``Store.file_done``), so a re-run stays cheap.
2. ``dask.bag.from_sequence(files, npartitions=...)``: each partition reads, decodes, splits,
   cleans and dates its files with the single process's own functions
   (``newsline.jobs.articles_from_text``), signs each article for near-duplicate search
   (MinHash and LSH band keys, ``newsline.stages.dedup``) and writes its articles as one
   Parquet shard, its signatures as another, under ``<store>.shards/run-<id>/``. Bad files come
   back as data (path, reason), never as a crash.
3. The parent loads the shards in input order with ``Store.write_file`` per file (one
   transaction each: provenance, the files table and re-run safety are those of the single
   process).
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

import hashlib
import json
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from newsline.engines.dask_dedup import link_shards, signature_table
from newsline.errors import ConfigError, InputError
from newsline.ingest import FileFailure, iter_files
from newsline.ingest.decode import decode
from newsline.ingest.files import read_bytes
from newsline.jobs import IngestSummary, articles_from_text, finish_ingest
from newsline.jobs_dedup import LinkSummary
from newsline.records import Article, Block, PublicationDate, Source
from newsline.settings import Settings
from newsline.stages.dedup import DedupParams, Signer
from newsline.store import Store

EXTRA = "pip install 'newsline[dask]'"
_TEXT = (
    "file_path file_sha256 id title captions blocks published_value published_granularity"
    " published_origin published_evidence published_conflicts published_not_before"
    " published_not_after source_path source_format source_encoding source_raw"
    " source_external_id source_url source_outlet source_encoding_note agency metadata"
).split()
_INTS = "file_size source_position source_span_start source_span_end".split()
_ROW_GROUP = 256  # articles per Parquet row group: the unit the parent reads back


def require_dask() -> None:
    """Raise a ConfigError naming the extra to install when dask's packages are missing."""
    for module in ("dask.bag", "dask.dataframe", "distributed", "pyarrow.parquet"):
        try:
            __import__(module)
        except ImportError as exc:
            raise ConfigError(
                f"--engine dask needs {module.split('.')[0]}, which is not installed: {EXTRA}"
            ) from exc


def ingest_dask(
    paths: Iterable[str],
    store: Store,
    settings: Settings | None = None,
    on_file: Callable[[Path], None] | None = None,
    scheduler: str | None = None,
    workers: int = 2,
    keep_shards: bool = False,
) -> IngestSummary:
    """Ingest like ``newsline.jobs.ingest``, with the per-file work on Dask; same store content.

    ``scheduler`` is a running dask.distributed scheduler's address; without it a LocalCluster
    of ``workers`` single-threaded processes is started and closed. The shards are removed
    after loading unless ``keep_shards``.
    """
    require_dask()
    if workers < 1:
        raise ConfigError(f"--workers must be at least 1 (got {workers})")
    settings = settings or Settings()
    shards_root = _shards_root(store)
    files = _input_files(paths, store, shards_root)
    summary = IngestSummary()
    run_id = store.begin_run("ingest")
    outcomes, todo = _triage(files, store, settings)
    # Stores that are no file share one root in /tmp: the process id keeps their runs apart.
    folder = shards_root / f"run-{run_id}{'' if _is_file(store) else f'-{os.getpid()}'}"
    try:
        linked = LinkSummary()
        if todo:
            folder.mkdir(parents=True, exist_ok=True)
            with _client(scheduler, workers) as client:
                metas = _run_partitions(client, todo, folder, settings, workers)
                outcomes.update((meta["index"], meta) for meta in metas)
                refused = _load(outcomes, store, run_id, summary, on_file)
                linked = link_shards(client, store, settings, folder, refused)
        else:
            _load(outcomes, store, run_id, summary, on_file)
    finally:
        if not keep_shards:
            shutil.rmtree(folder, ignore_errors=True)
            _remove_if_empty(shards_root)
    summary = finish_ingest(store, settings, run_id, summary)  # links what is left unsigned
    summary.near_duplicates += linked.links
    return summary


# -- the parent: files, triage, loading ---------------------------------------------------------
def _shards_root(store: Store) -> Path:
    """``<store file>.shards``; a store that is no file (in memory, a database URL) uses /tmp."""
    if not _is_file(store):
        return Path(tempfile.gettempdir()) / "newsline.shards"
    return Path(store.path + ".shards").resolve()


def _is_file(store: Store) -> bool:
    return store.path != ":memory:" and "://" not in store.path


def _input_files(paths: Iterable[str], store: Store, shards_root: Path) -> list[Path]:
    """The files ``jobs.ingest`` would read, less this engine's own shards."""
    own = {str(Path(store.path + suffix).resolve()) for suffix in ("", "-wal", "-shm", "-journal")}
    return [f for f in iter_files(paths) if str(f) not in own and not f.is_relative_to(shards_root)]


def _triage(
    files: list[Path], store: Store, settings: Settings
) -> tuple[dict[int, dict[str, Any]], list[tuple[int, str]]]:
    """Outcomes known here (unreadable, unchanged) by input index, and the files to process."""
    outcomes: dict[int, dict[str, Any]] = {}
    todo: list[tuple[int, str]] = []
    for index, path in enumerate(files):
        name = str(path)
        try:
            digest = _sha256(read_bytes(path, settings.max_file_bytes))
        except InputError as exc:
            outcomes[index] = _meta(index, name, failures=[(name, exc.reason)])
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
) -> set[str]:
    """Write each file's articles in input order, as the single process does, shard by shard.

    Returns the files whose articles the store refused (their signatures must not be stored).
    """
    refused: set[str] = set()
    shard: str | None = None
    groups: Iterator[tuple[str, list[Article]]] = iter(())
    pending: tuple[str, list[Article]] | None = None
    for index in sorted(outcomes):
        meta = outcomes[index]
        if on_file:
            on_file(Path(meta["path"]))
        summary.files += 1
        summary.files_unchanged += meta["unchanged"]
        summary.failures.extend(FileFailure(p, r) for p, r in meta["failures"])
        summary.dropped.update(meta["dropped"])
        if not meta["write"]:
            continue
        if meta["shard"] != shard:
            shard, groups, pending = meta["shard"], _shard_files(meta["shard"]), None
        # A shard holds its files' articles in input order; a file without any has no rows.
        pending = pending or next(groups, None)
        articles: list[Article] = []
        if pending and pending[0] == meta["path"]:
            articles, pending = pending[1], None
        try:
            result = store.write_file(meta["path"], meta["size"], meta["sha256"], articles, run_id)
        except InputError as exc:  # text this store cannot hold (as in jobs._ingest_file)
            summary.failures.append(FileFailure(meta["path"], exc.reason))
            refused.add(meta["path"])
            continue
        summary.articles_new += result.new
        summary.articles_known += result.known
        summary.duplicates_linked += max(result.sources_added - result.new, 0)
    return refused


def _shard_files(path: str) -> Iterator[tuple[str, list[Article]]]:
    """A shard's articles grouped by file, in order, read one row group at a time.

    Only one file's articles are held at once, so the parent's memory does not grow with N.
    """
    import pyarrow.parquet as pq

    current: str | None = None
    articles: list[Article] = []
    for batch in pq.ParquetFile(path).iter_batches(batch_size=_ROW_GROUP):
        for row in batch.to_pylist():
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
    """Process one partition's files and write its articles as one Parquet shard."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    items = list(items)
    if not items:
        return []
    number = f"{items[0][0]:06d}"
    shard = str(Path(folder) / f"part-{number}.parquet")
    metas, rows, signed = [], [], []
    for index, name in items:
        meta, articles = _process_file(index, name, settings)
        meta["shard"] = shard
        metas.append(meta)
        rows.extend(_article_row(meta, article) for article in articles)
        signed.extend((name, article) for article in articles)
    fields = [(c, pa.string()) for c in _TEXT] + [(c, pa.int64()) for c in _INTS]
    table = pa.Table.from_pylist(rows, schema=pa.schema(fields))
    pq.write_table(table, shard, row_group_size=_ROW_GROUP)
    signer = Signer(DedupParams.from_settings(settings))
    pq.write_table(signature_table(signed, signer), Path(folder) / f"minhash-{number}.parquet")
    return metas


def _process_file(index: int, name: str, settings: Settings) -> tuple[dict, list[Article]]:
    """``jobs._ingest_file``'s per-file work, with its failures returned as data."""
    try:
        data = read_bytes(Path(name), settings.max_file_bytes)
        text, encoding, note = decode(data)
    except InputError as exc:
        return _meta(index, name, failures=[(name, exc.reason)]), []
    articles, failures, dropped = articles_from_text(name, text, settings, encoding, note)
    found = [(f.path, f.reason) for f in failures]
    if not articles and not failures:
        found.append((name, "no article found: " + (", ".join(dropped) or "no text")))
    meta = _meta(index, name, failures=found, dropped=dropped, size=len(data))
    meta.update(write=True, sha256=_sha256(data))
    return meta, articles


def _meta(
    index: int,
    name: str,
    failures: list[tuple[str, str]] | None = None,
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
        "unchanged": int(unchanged),
        "failures": failures or [],
        "dropped": dict(dropped or {}),
        "shard": None,
    }


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- articles as Parquet rows ---------------------------------------------------------------------
def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _article_row(meta: dict[str, Any], a: Article) -> dict[str, Any]:
    pub, src = a.published, a.source
    return {
        "file_path": meta["path"],
        "file_size": meta["size"],
        "file_sha256": meta["sha256"],
        "id": a.id,
        "title": a.title,
        "captions": _dumps(list(a.captions)),
        "blocks": _dumps([[b.kind, b.text] for b in a.blocks]),
        "published_value": pub.value,
        "published_granularity": pub.granularity,
        "published_origin": pub.origin,
        "published_evidence": _dumps(list(pub.evidence)),
        "published_conflicts": _dumps(list(pub.conflicts)),
        "published_not_before": pub.not_before,
        "published_not_after": pub.not_after,
        "source_path": src.path,
        "source_position": src.position,
        "source_format": src.format,
        "source_encoding": src.encoding,
        "source_span_start": src.span[0],
        "source_span_end": src.span[1],
        "source_raw": src.raw,
        "source_external_id": src.external_id,
        "source_url": src.url,
        "source_outlet": src.outlet,
        "source_encoding_note": src.encoding_note,
        "agency": a.agency,
        "metadata": _dumps(a.metadata),
    }


def _article_from_row(row: dict[str, Any]) -> Article:
    return Article(
        id=row["id"],
        title=row["title"],
        captions=tuple(json.loads(row["captions"])),
        blocks=tuple(Block(kind, text) for kind, text in json.loads(row["blocks"])),
        published=PublicationDate(
            value=row["published_value"],
            granularity=row["published_granularity"],
            origin=row["published_origin"],
            evidence=tuple(json.loads(row["published_evidence"])),
            conflicts=tuple(json.loads(row["published_conflicts"])),
            not_before=row["published_not_before"],
            not_after=row["published_not_after"],
        ),
        source=Source(
            path=row["source_path"],
            position=row["source_position"],
            format=row["source_format"],
            encoding=row["source_encoding"],
            span=(row["source_span_start"], row["source_span_end"]),
            raw=row["source_raw"],
            external_id=row["source_external_id"],
            url=row["source_url"],
            outlet=row["source_outlet"],
            encoding_note=row["source_encoding_note"],
        ),
        agency=row["agency"],
        metadata=json.loads(row["metadata"]),
    )
