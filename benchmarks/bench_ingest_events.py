"""Ingest with and without events at ingest, then queries of three sizes, cold and warm.

One command: a corpus of N generated articles (``gen_corpus.py``, reused when ``--corpus``
already holds one) is ingested by ``newsline ingest DATA --db X --json`` twice, each in a fresh
subprocess into a fresh SQLite store: with events computed as articles are read (the default,
``ingest_events``) and with ``--lazy-events``. For each: articles per CPU-second (the
subprocess's user + system time, with its Dask workers' under ``--workers``, over the articles
it read), wall time, peak RSS, store size.

Then three one-word queries chosen from the store so that they match about 0.5 %, 5 % and 15 %
of its articles (the word whose document frequency in the search index is nearest each share,
among words of 5+ letters of a sample of stored articles). Each query runs in a fresh
subprocess over a fresh copy of each store, twice (cold, then warm), through
``newsline.jobs.timeline``: on the store with events made at ingest a cold query should cost
what a warm one does; on the lazy store the cold query computes and stores the events of every
matching article. Peak RSS is the query subprocess's.

Usage: .venv/bin/python benchmarks/bench_ingest_events.py [-n 100000] [--mix jsonl|generator]
           [--root /tmp/newsline-events] [--out results.json] [--skip-ingest] [--skip-queries]
           [--stores events,lazy] [--workers 2]
(``--mix jsonl``: JSONL files only, the issue's target; ``generator``: the generator's own mix of
JSONL, text dumps and HTML pages.)
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_corpus import DATA, generate  # noqa: E402 - the scripts folder is not a package

SHARES = (0.005, 0.05, 0.15)
_WORD = re.compile(r"[a-z]{5,}")


def run_ingest(data: str, db: str, lazy: bool, workers: int = 0) -> dict[str, Any]:
    """One ``newsline ingest`` in this process (the CLI entry point); its CPU and memory, with
    its Dask workers' when ``workers`` (a local cluster of that many worker processes)."""
    from newsline.cli import app

    argv = ["ingest", data, "--db", db, "--quiet", "--json", *(["--lazy-events"] if lazy else [])]
    if workers:
        argv += ["--engine", "dask", "--workers", str(workers)]
    started = time.perf_counter()
    status = 0
    try:
        app(argv, prog_name="newsline")
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else 1
    workers_usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "exit": status,
        "seconds": time.perf_counter() - started,
        "cpu_seconds": _cpu(),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        # the largest worker process (0 without workers), at least this process's RSS when it
        # started them (a spawned process starts as a copy of its parent)
        "worker_peak_mb": workers_usage.ru_maxrss / 1024 if workers else 0.0,
    }


def _cpu() -> float:
    """CPU seconds of this process and of the workers it has waited for (a lazy or stale
    store's events are computed in worker processes, a Dask ingest's work in its workers:
    their time is the command's too)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def run_query(db: str, word: str) -> dict[str, Any]:
    """Two timeline queries (cold, warm) in this process, each timed; peak RSS at the end."""
    from newsline.jobs import timeline
    from newsline.settings import Settings
    from newsline.stages.timeline_options import TimelineOptions
    from newsline.store import Store

    settings = Settings(embeddings="off")
    result: dict[str, Any] = {}
    with Store(db) as store:
        for phase in ("cold", "warm"):
            started, cpu = time.perf_counter(), _cpu()
            made = timeline(TimelineOptions(query=word), store, settings)
            result[f"{phase}_seconds"] = time.perf_counter() - started
            result[f"{phase}_cpu_seconds"] = _cpu() - cpu
            result["entries"] = len(made.entries)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _child(args: list[str]) -> dict[str, Any]:
    cmd = [sys.executable, __file__, *args]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{args[:2]} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    lines = done.stdout.strip().splitlines()
    result = json.loads(lines[-1])
    text = "\n".join(lines[:-1])
    result["summary"] = json.loads(text[text.find("{") :]) if "{" in text else {}
    return result


def ingest_row(data: Path, db: Path, lazy: bool, workers: int = 0) -> dict[str, Any]:
    """A timed ingest in a fresh subprocess into a fresh store, with the store's size."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    shutil.rmtree(str(db) + ".shards", ignore_errors=True)  # a killed Dask run's shards
    mode = "lazy" if lazy else "at-ingest"
    row = _child(["--ingest", str(data), str(db), mode, str(workers)])
    summary = row.pop("summary")
    seen = summary.get("articles_new", 0) + summary.get("articles_known", 0)
    row.update(
        events="lazy" if lazy else "at ingest",
        engine=f"dask, {workers} workers" if workers else "single process",
        articles=seen,
        stored=summary.get("articles_new", 0),
        events_stored=summary.get("events", 0),
        failures=len(summary.get("failures", [])),
        per_cpu_second=seen / row["cpu_seconds"],
        store_mb=sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 1e6,
    )
    return row


def choose_words(db: Path, sample: int = 3000) -> list[tuple[float, str, int]]:
    """For each share, the word whose number of matching articles is nearest it."""
    from newsline.stages.query import parse_query
    from newsline.store import Store

    with Store(str(db)) as store:
        total = store.counts()["articles"]
        counts: Counter[str] = Counter()
        for number, article in enumerate(store.iter_articles()):
            if number >= sample:
                break
            counts.update(set(_WORD.findall(f"{article.title} {article.text}".lower())))
        chosen = []
        for share in SHARES:
            near = sorted(counts, key=lambda w: (abs(counts[w] / sample - share), w))[:12]
            exact = {w: len(store.candidate_ids(parse_query(w))) for w in near}
            word = min(exact, key=lambda w: (abs(exact[w] / total - share), w))
            chosen.append((share, word, exact[word]))
    return chosen


def query_row(db: Path, word: str, copy_dir: Path) -> dict[str, Any]:
    """One word's cold and warm query over a fresh copy of the store."""
    copy = copy_dir / f"query-{db.name}"
    for suffix in ("", "-wal", "-shm"):
        source = Path(str(db) + suffix)
        if source.exists():
            shutil.copyfile(source, str(copy) + suffix)
    try:
        return _child(["--query", str(copy), word])
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(str(copy) + suffix).unlink(missing_ok=True)


def corpus_for(root: Path, n: int, mix: str) -> Path:
    """The corpus of n articles under root, generated unless already there."""
    folder = root / f"{mix}-n{n}"
    meta = folder / "corpus.json"
    if meta.exists() and json.loads(meta.read_text(encoding="utf-8")).get("articles") == n:
        return folder
    # generated in a child process: a child's peak RSS (getrusage) starts at its parent's
    # resident size when it is spawned, so a parent that had generated 1M articles itself
    # (~4 GB) would lend the ingest measured after it a peak of 4 GB
    subprocess.run([sys.executable, __file__, "--generate", str(folder), str(n), mix], check=True)
    return folder


def generate_corpus(folder: Path, n: int, mix: str) -> None:
    shares = {"dump_share": 0.0, "html_share": 0.0} if mix == "jsonl" else {}
    generate(folder, n, **shares)  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000, help="articles to generate")
    parser.add_argument("--mix", choices=("jsonl", "generator"), default="jsonl")
    parser.add_argument("--corpus", type=Path, help="an existing gen_corpus.py output folder")
    parser.add_argument("--root", type=Path, default=Path("/tmp/newsline-events"))
    parser.add_argument(
        "--stores",
        default="events,lazy",
        help="which stores to make and query: events (at ingest), lazy, or both (the default)",
    )
    parser.add_argument("--skip-ingest", action="store_true", help="reuse the stores in --root")
    parser.add_argument("--skip-queries", action="store_true", help="time the ingest only")
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    parser.add_argument(
        "--workers",
        type=int,
        default=0,
        help="ingest with --engine dask on a local cluster of this many workers (the CPU "
        "seconds then include the workers'); 0, the default, is the single process",
    )
    parser.add_argument("--ingest", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--query", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--generate", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        folder, n, mix = args.generate
        generate_corpus(Path(folder), int(n), mix)
        return
    if args.ingest:
        data, db, mode, workers = args.ingest
        print(json.dumps(run_ingest(data, db, mode == "lazy", int(workers))))
        return
    if args.query:
        print(json.dumps(run_query(*args.query)))
        return
    args.root.mkdir(parents=True, exist_ok=True)
    corpus = args.corpus or corpus_for(args.root, args.n, args.mix)
    wanted = set(args.stores.split(","))
    stores = {
        lazy: args.root / f"{corpus.name}-{'lazy' if lazy else 'events'}.db"
        for lazy in (False, True)
        if ("lazy" if lazy else "events") in wanted
    }
    results: dict[str, Any] = {"corpus": str(corpus), "ingest": [], "queries": []}
    print(
        f"{'events':10} {'articles':>8} {'CPU s':>8} {'wall s':>8} {'art/CPU-s':>9} {'peak MB':>8} {'store MB':>8}"
    )
    for lazy, db in stores.items():
        if args.skip_ingest:
            continue
        row = ingest_row(corpus / DATA, db, lazy, args.workers)
        results["ingest"].append(row)
        print(
            f"{row['events']:10} {row['articles']:8} {row['cpu_seconds']:8.1f} {row['seconds']:8.1f}"
            f" {row['per_cpu_second']:9.0f} {max(row['peak_mb'], row['worker_peak_mb']):8.0f}"
            f" {row['store_mb']:8.0f}",
            flush=True,
        )
    if args.skip_queries:
        _write(args.out, results)
        return
    words = choose_words(next(iter(stores.values())))
    print(
        f"\n{'store':10} {'word':16} {'matches':>8} {'share':>6} {'cold s':>8} {'warm s':>8} {'peak MB':>8}"
    )
    for share, word, matches in words:
        for lazy, db in stores.items():
            row = query_row(db, word, args.root)
            row.update(
                share_wanted=share,
                word=word,
                matches=matches,
                store="lazy" if lazy else "at ingest",
            )
            results["queries"].append(row)
            print(
                f"{row['store']:10} {word:16} {matches:8} {matches / max(results_total(db), 1):6.1%}"
                f" {row['cold_seconds']:8.2f} {row['warm_seconds']:8.2f} {row['peak_mb']:8.0f}",
                flush=True,
            )
    _write(args.out, results)


def _write(out: Path | None, results: dict[str, Any]) -> None:
    if out:
        out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def results_total(db: Path) -> int:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])


if __name__ == "__main__":
    main()
