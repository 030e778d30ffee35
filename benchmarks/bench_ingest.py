"""Ingest rate on the T17 articles (../shared/data/t17/*/articles.jsonl), with a baseline.

Prints, in one run: the baseline (read + json.loads of every line, nothing else), newsline's
full ingest into a fresh SQLite store (decode, read, clean, date inference, store), and the
ratio. Usage: .venv/bin/python benchmarks/bench_ingest.py [T17_DIR]
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from newsline.jobs import ingest
from newsline.store import Store

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    t17 = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "t17"
    files = sorted(t17.glob("*/articles.jsonl"))
    if not files:
        sys.exit(f"no articles.jsonl under {t17}")
    started = time.perf_counter()
    lines = nonempty = 0
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            lines += 1
            nonempty += bool(json.loads(line).get("text", "").strip())
    baseline = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        started = time.perf_counter()
        summary = ingest([str(p) for p in files], store)
        elapsed = time.perf_counter() - started
        stored = store.counts()["articles"]
        sources = store.counts()["sources"]
    mb = sum(p.stat().st_size for p in files) / 1e6
    print(f"files: {len(files)}  lines: {lines}  non-empty articles: {nonempty}  {mb:.1f} MB")
    print(f"baseline read+json.loads: {baseline:.2f} s  ({lines / baseline:,.0f} lines/s)")
    print(
        f"newsline ingest:          {elapsed:.2f} s  ({lines / elapsed:,.0f} articles/s, {mb / elapsed:.2f} MB/s)"
    )
    print(f"ratio ingest/baseline:    x{elapsed / baseline:.1f}")
    print(
        f"stored: {stored} distinct articles, {sources} sources, failures: {len(summary.failures)}, dropped: {dict(summary.dropped)}"
    )


if __name__ == "__main__":
    main()
