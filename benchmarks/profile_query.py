"""Where a timeline query spends its time: CPU seconds per stage of one ``newsline.jobs.timeline``.

The stages the query runs (reading the matching articles, their events, cross-source dating,
conflicts, building the timeline and its parts) are timed in place, in process time (CPU of this
process: other processes on a shared machine do not count), without a profiler, whose overhead
falls on Python calls and misleads about C-heavy stages (JSON, SQLite, sparse products). A
stage called inside another counts in both. With ``--profile``, the functions with the most own
CPU time too (cProfile on process time).

The store is only read (its events must be current: a stale store computes them first, in
worker processes, which this does not time); put an exported tree first on PYTHONPATH to time
older code on the same store.

Usage: .venv/bin/python benchmarks/profile_query.py STORE.db QUERY [--profile] [--top 25]
           [--large N] [--large-per-date N]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import resource
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

import newsline.jobs as jobs
import newsline.stages.timeline as timeline
from newsline.settings import Settings
from newsline.stages.timeline_options import TimelineOptions
from newsline.store import Store
from newsline.store.db import Store as SQLiteStore

SPENT: defaultdict[str, float] = defaultdict(float)
#: (module or class, function name): what is timed, in the order printed.
STAGES = [
    (SQLiteStore, "iter_matching"),
    (jobs, "article_claims"),
    (jobs, "candidate_dates"),
    (jobs, "article_events"),
    (jobs, "align"),
    (jobs, "conflicts"),
    (jobs, "build_timeline"),
    (timeline._Pool, "__init__"),
    (timeline, "fold_entries"),
    (timeline, "_summarize"),
    (timeline, "entry_evidence"),
]


def _timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            SPENT[name] += time.process_time() - started

    return run


def _timed_iterator(name: str, function: Callable[..., Iterator[Any]]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Iterator[Any]:
        items = function(*args, **kwargs)
        while True:
            started = time.process_time()
            try:
                item = next(items)
            except StopIteration:
                return
            finally:
                SPENT[name] += time.process_time() - started
            yield item

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", help="a SQLite store whose events are current")
    parser.add_argument("query")
    parser.add_argument("--profile", action="store_true", help="also cProfile the query")
    parser.add_argument("--top", type=int, default=25, help="functions to print")
    parser.add_argument(
        "--large", type=int, help="settings.large_query_articles (0: the large path always)"
    )
    parser.add_argument(
        "--large-per-date",
        type=int,
        help="settings.large_query_per_date (0: every stating article)",
    )
    args = parser.parse_args()
    for owner, name in STAGES:
        if not hasattr(owner, name):
            continue  # older code, timed without the stages it lacks
        wrap = _timed_iterator if name == "iter_matching" else _timed
        label = "_Pool" if owner is timeline._Pool else name
        setattr(owner, name, wrap(label, getattr(owner, name)))
    settings = Settings().with_(embeddings="off")
    if args.large is not None:
        settings = settings.with_(large_query_articles=args.large)
    if args.large_per_date is not None:
        settings = settings.with_(large_query_per_date=args.large_per_date)
    profiler = cProfile.Profile(time.process_time)
    with Store(args.store) as store:
        started = time.process_time()
        if args.profile:
            profiler.enable()
        result = jobs.timeline(TimelineOptions(query=args.query), store, settings)
        profiler.disable()
        total = time.process_time() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    row = {"query": args.query, "articles": result.articles, "cpu_seconds": round(total, 2)}
    row |= {"peak_mb": round(peak)} | {k: round(v, 2) for k, v in SPENT.items()}
    print(json.dumps(row))
    if args.profile:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
