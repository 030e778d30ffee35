"""Timeline queries over a store: article selection, cold and warm latency, peak memory.

For each query, a fresh copy of the store (so the first query is cold: no stored events for
its articles) is queried twice by ``newsline.jobs.timeline`` in a fresh subprocess: cold, then
warm. The subprocess also times the article selection alone: ``Store.iter_matching`` (the
search index) and, with ``--scan``, the full scan it replaced (every article read and matched
in Python). Each query's wall and CPU seconds (the process's and its workers', the fair
figure on a shared machine: a store whose events are stale has them recomputed in worker
processes) are printed. Peak memory is the subprocess's peak RSS (getrusage), so each query's
is its own; its workers' peak is kept apart (``workers_peak_mb``).

To measure older code in the same run, put an exported tree first on PYTHONPATH
(``git archive HEAD src | tar -x -C /tmp/x; PYTHONPATH=/tmp/x/src``): a tree without
``iter_matching`` is timed with the full scan only. A store made by older code is migrated by
the newer code when it opens it (the migration time is printed apart).

Usage: .venv/bin/python benchmarks/bench_query.py STORE.db [--queries Q ...] [--any] [--scan]
           [--copy-dir /tmp] [--out results.json]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DEFAULT_QUERIES = ["Boothville", "reservoir", "professor"]


def _timeline(timeline: Any, text: str, any_term: bool, store: Any, settings: Any) -> Any:
    """``jobs.timeline`` with one options object (this tree), or the older signature."""
    try:
        from newsline.stages.timeline_options import TimelineOptions
    except ImportError:
        return timeline(text, store, any_term=any_term, settings=settings)
    return timeline(TimelineOptions(query=text, any_term=any_term), store, settings)


def run_one(db: str, text: str, any_term: bool, scan: bool) -> dict[str, Any]:
    """Open (and migrate) the store, time the selection, then two timeline queries."""
    from newsline.jobs import timeline
    from newsline.settings import Settings
    from newsline.stages.query import parse_query
    from newsline.store import Store

    started = time.perf_counter()
    store = Store(db)
    result: dict[str, Any] = {"open_seconds": time.perf_counter() - started}
    query = parse_query(text, any_term)
    if scan or not hasattr(store, "iter_matching"):
        started = time.perf_counter()
        scanned = [a.id for a in store.iter_articles() if query.matches_article(a)]
        result.update(scan_seconds=time.perf_counter() - started, matches=len(scanned))
    if hasattr(store, "iter_matching"):
        started = time.perf_counter()
        found = [a.id for a in store.iter_matching(query)]
        result.update(index_seconds=time.perf_counter() - started, matches=len(found))
    settings = Settings().with_(embeddings="off")
    for phase in ("cold", "warm"):
        started, cpu = time.perf_counter(), _cpu()
        entries = _timeline(timeline, text, any_term, store, settings).entries
        result[f"{phase}_seconds"] = time.perf_counter() - started
        result[f"{phase}_cpu_seconds"] = _cpu() - cpu
        result["entries"] = len(entries)
    store.close()
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # events a stale store recomputes are made in worker processes: their peak, apart
    result["workers_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result["articles"] = _count(db)
    return result


def _cpu() -> float:
    """CPU seconds of this process and of the worker processes it has waited for (a stale
    store's events are recomputed in workers: their time is the query's too)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _count(db: str) -> int:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])


def measure(store: Path, text: str, any_term: bool, scan: bool, copy_dir: Path) -> dict[str, Any]:
    """One query in a subprocess over a fresh copy of the store."""
    with tempfile.TemporaryDirectory(dir=copy_dir) as folder:
        db = Path(folder) / store.name
        shutil.copyfile(store, db)
        cmd = [sys.executable, __file__, "--one", str(db), text]
        cmd += ["--any"] if any_term else []
        cmd += ["--scan"] if scan else []
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"query {text!r} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return {"query": text, "any_term": any_term, **json.loads(done.stdout.strip().splitlines()[-1])}


def _seconds(row: dict[str, Any], key: str) -> str:
    return f"{row[key]:8.2f}" if key in row else "       -"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path, nargs="?")
    parser.add_argument("--queries", nargs="+", default=DEFAULT_QUERIES)
    parser.add_argument("--any", action="store_true", help="match any term, not all")
    parser.add_argument("--scan", action="store_true", help="also time the full scan")
    parser.add_argument("--copy-dir", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--out", type=Path)
    parser.add_argument("--one", nargs=2, metavar=("DB", "QUERY"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one[0], args.one[1], args.any, args.scan)))
        return
    import newsline

    print(f"newsline from {Path(newsline.__file__).resolve().parents[1]}", flush=True)
    print(
        f"{'query':24} {'matches':>8} {'share':>6} {'open s':>8} {'scan s':>8} {'index s':>8}"
        f" {'cold s':>8} {'cold CPU':>8} {'warm s':>8} {'warm CPU':>8} {'peak MB':>8}",
        flush=True,
    )
    rows = []
    for text in args.queries:
        row = measure(args.store, text, args.any, args.scan, args.copy_dir)
        rows.append(row)
        print(
            f"{text[:24]:24} {row['matches']:8} {row['matches'] / row['articles']:6.1%}"
            f" {row['open_seconds']:8.2f} {_seconds(row, 'scan_seconds')}"
            f" {_seconds(row, 'index_seconds')} {row['cold_seconds']:8.2f}"
            f" {row['cold_cpu_seconds']:8.2f} {row['warm_seconds']:8.2f}"
            f" {row['warm_cpu_seconds']:8.2f} {row['peak_mb']:8.0f}",
            flush=True,
        )
    if args.out:
        args.out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
