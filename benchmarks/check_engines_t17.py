"""The single process and the Dask engine on all of T17: the same store and the same timelines.

The suite compares the engines on two T17 topics (tests/engines/test_dask.py); this runs the
whole of ../shared/data/t17 (4 JSONL files, 2,286 articles) through both into fresh stores and
compares everything a run leaves (articles with sources, files, links, stories, failures, runs,
signatures and band keys: the suite's own ``snapshot``) and each topic's timeline, byte for
byte. Prints one line per item and exits 1 on any difference.

Usage: .venv/bin/python benchmarks/check_engines_t17.py [--out /tmp/engines-t17]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
T17 = ROOT.parent / "shared" / "data" / "t17"
QUERIES = {
    "bpoil": "oil spill",
    "h1n1": "h1n1",
    "haiti": "haiti earthquake",
    "mj": "michael jackson",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/newsline-engines-t17"))
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.engines.test_dask import SETTINGS, snapshot

    from newsline.engines.dask import ingest_dask
    from newsline.export.json import timeline_to_dict
    from newsline.jobs import ingest, timeline
    from newsline.store import Store

    shutil.rmtree(args.out, ignore_errors=True)
    args.out.mkdir(parents=True)
    paths = [str(T17 / topic / "articles.jsonl") for topic in QUERIES]
    different = 0
    with Store(args.out / "single.db") as single, Store(args.out / "dask.db") as dask:
        started = time.perf_counter()
        ingest(paths, single, SETTINGS)
        middle = time.perf_counter()
        ingest_dask(paths, dask, SETTINGS, workers=2)
        ended = time.perf_counter()
        print(f"single process {middle - started:.1f} s, dask (2 workers) {ended - middle:.1f} s")
        expected, got = snapshot(single), snapshot(dask)
        for key in expected:
            same = expected[key] == got[key]
            different += not same
            print(f"{key:12} {'same' if same else 'DIFFERENT'} ({len(expected[key])})")
        for topic, query in QUERIES.items():
            a = json.dumps(timeline_to_dict(timeline(query, single, settings=SETTINGS)))
            b = json.dumps(timeline_to_dict(timeline(query, dask, settings=SETTINGS)))
            different += a != b
            print(f"timeline {topic:6} {'same' if a == b else 'DIFFERENT'} ({len(a)} bytes)")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
