"""Kill ``newsline ingest`` at random moments and check that nothing is lost or doubled.

A generated corpus (``tests/robustness/crash.py``: small dumps and JSON-lines files, some
articles copied into a second file, some reprinted with a paragraph added) is ingested once
without interruption: the reference. Then, in rounds on a fresh store, ingest is started and
SIGKILLed at random moments (after a random number of files plus up to 50 ms; one kill in
five once every file is done, inside the near-duplicate phase), several times per store; after
each kill the store is checked (``PRAGMA integrity_check``, foreign keys, no duplicate
article ids or sources, every stored file with all its sources and no source without its
file); after the round's last kill ingest runs to completion and the store is compared with
the reference: same article ids, same sources, same files, every article signed, same
near-duplicate links and stories. Articles lost and duplicates created must be 0.

Usage: .venv/bin/python benchmarks/bench_kill.py [--kills 50] [--per-store 2] [--files 300]
       [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.robustness import crash  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50, help="SIGKILLs in all.")
    parser.add_argument("--per-store", type=int, default=2, help="Kills before a full re-run.")
    parser.add_argument("--files", type=int, default=300, help="Files in the generated corpus.")
    parser.add_argument("--seed", type=int, default=1, help="Seed of the kill moments.")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = crash.make_corpus(root / "in", files=args.files)
        started = time.perf_counter()
        done = crash.run_ingest(corpus.folder, root / "reference.db")
        if done.returncode != 0:
            print(done.stderr)
            return 1
        reference = crash.snapshot(root / "reference.db")
        print(
            f"corpus: {corpus.files} files, {len(reference.articles)} articles,"
            f" {reference.source_rows} sources, {len(reference.links)} near-duplicate links;"
            f" uninterrupted ingest {time.perf_counter() - started:.1f} s"
        )
        totals: Counter[str] = Counter()
        problems: Counter[str] = Counter()
        moments: list[int | None] = []
        rounds = 0
        while len(moments) < args.kills:
            rounds += 1
            db = root / f"round{rounds}.db"
            for _ in range(min(args.per_store, args.kills - len(moments))):
                moments.append(crash.kill_at_random(corpus.folder, db, corpus.files, rng))
                problems.update(crash.consistency_problems(crash.snapshot(db)))
            final_run = crash.run_ingest(corpus.folder, db)
            if final_run.returncode != 0:
                problems[f"re-run exit {final_run.returncode}"] += 1
            final = crash.snapshot(db)
            problems.update(crash.consistency_problems(final))
            totals.update(crash.differences(final, reference))
        landed = [m for m in moments if m is not None]
        in_link_phase = sum(m == corpus.files for m in landed)
        print(
            f"kills: {len(moments)} in {rounds} stores; {len(landed)} landed in a run"
            f" ({in_link_phase} after the last file, in the near-duplicate phase);"
            f" files done at the kills: {sorted(landed)}"
        )
        print(f"integrity after every kill and re-run: {dict(problems) or 'ok'}")
        print(f"articles lost: {totals['articles_lost']} (must be 0)")
        print(f"duplicates created: {totals['duplicates']} (must be 0)")
        others = {k: v for k, v in totals.items() if k not in ("articles_lost", "duplicates")}
        print(f"other differences from the uninterrupted run: {others}")
        bad = problems or any(totals.values())
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
