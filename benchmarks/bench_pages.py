"""Pages as released: how many get a publication date, from what, and the furniture removed.

Each topic of a T17-layout folder is ingested into a temporary store by ``newsline ingest``'s
own function; for its stored articles the script counts the publication date's origin
(``metadata``, ``path``, ``text``, ``none``), dates the text disagrees with (conflicts), and the
page furniture kept out of the articles (``metadata.furniture``: comment lines, transcript
notices, share lines, bylines), with the files ingest reported as failures (empty pages).

Usage: .venv/bin/python benchmarks/bench_pages.py [T17RAW_DIR] [--topics mj haiti]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from newsline.evaluate.datasets import read_topics
from newsline.evaluate.tls_eval import topic_store
from newsline.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("root", nargs="?", default=str(ROOT.parent / "shared" / "data" / "t17raw"))
    parser.add_argument("--topics", nargs="*")
    args = parser.parse_args()
    total: Counter[str] = Counter()
    started = time.perf_counter()
    for topic in read_topics(args.root):
        if args.topics and topic.name not in args.topics:
            continue
        counts: Counter[str] = Counter()
        with topic_store(topic, Settings()) as (store, summary):
            for article in store.load_articles():
                counts["articles"] += 1
                counts[f"from {article.published.origin}"] += 1
                counts["conflicts"] += bool(article.published.conflicts)
                furniture = article.metadata.get("furniture", {})
                counts["pages with furniture"] += bool(furniture)
                for kind, lines in furniture.items():
                    counts[f"removed {kind}"] += lines
            counts["files failed"] = len(summary.failures)
        total.update(counts)
        print(f"{topic.name:6} {_line(counts)}")
    print(f"{'ALL':6} {_line(total)}  ({time.perf_counter() - started:.1f} s)")


def _line(c: Counter[str]) -> str:
    dated = c["articles"] - c["from none"]
    share = dated / c["articles"] if c["articles"] else 0.0
    parts = [f"{c['articles']} articles, dated {share:.1%}"]
    parts += [f"{k} {v}" for k, v in sorted(c.items()) if k not in ("articles",)]
    return "; ".join(parts)


if __name__ == "__main__":
    main()
