"""Where ingest spends its time: cProfile over one ``newsline.jobs.ingest`` into a fresh store.

Prints articles per CPU-second (process time: user + system of this process, the profiler's
own overhead included, so compare runs of this script with each other, not with bench_ingest)
and the functions with the most cumulative and own time.

Usage: .venv/bin/python benchmarks/profile_ingest.py DATA_DIR [--events on|off] [--top 30]
           [--sort tottime] [--no-profile]
(make DATA_DIR with ``benchmarks/gen_corpus.py /tmp/c5k -n 5000 --dump-share 0 --html-share 0``)
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import tempfile
import time
from pathlib import Path

from newsline.jobs import ingest
from newsline.settings import Settings
from newsline.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="a folder (or file) to ingest")
    parser.add_argument("--events", choices=("on", "off"), default="on", help="ingest_events")
    parser.add_argument("--top", type=int, default=30, help="functions to print")
    parser.add_argument("--sort", default="cumulative", help="pstats sort key (or tottime)")
    parser.add_argument("--no-profile", action="store_true", help="time only")
    args = parser.parse_args()
    settings = Settings(embeddings="off").with_(ingest_events=args.events == "on")
    profiler = cProfile.Profile(time.process_time)  # CPU time: other processes do not count
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "profile.db") as store:
        cpu = time.process_time()
        if not args.no_profile:
            profiler.enable()
        summary = ingest([str(args.data)], store, settings)
        profiler.disable()
        cpu = time.process_time() - cpu
        counts = store.counts()
    seen = summary.articles_new + summary.articles_known
    print(
        f"ingest_events={args.events}: {seen} articles ({counts['articles']} stored),"
        f" {cpu:.1f} CPU s, {seen / cpu:,.0f} articles per CPU-second,"
        f" failures {len(summary.failures)}"
    )
    if not args.no_profile:
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
