"""Timeline summarization on T17: newsline beside the trivial baseline, with seconds per topic.

One run prints, per topic and over all timelines (news-tls averaging), align+ m:1 ROUGE-1/2 F
and date F1 for the lead baseline and for newsline, newsline's ratio to the baseline, and the
seconds newsline spent per topic (reading, splitting, tagging, dating, building and scoring).
Usage: .venv/bin/python benchmarks/bench_tls.py [T17_DIR] [--ranker coverage|centroid|learned|shipped]
(learned: leave-one-topic-out weights on the topics it was trained on, i.e. held-out scores;
shipped: the weights trained on every topic, in-sample on those).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from newsline.evaluate.baseline import run_baseline
from newsline.evaluate.datasets import read_topics
from newsline.evaluate.tls import Scores
from newsline.evaluate.tls_eval import evaluate_tls

ROOT = Path(__file__).resolve().parents[1]


def triple(s: Scores) -> tuple[float, float, float]:
    return s.align_m1.rouge_1.f_score, s.align_m1.rouge_2.f_score, s.dates.f_score


def main() -> None:
    args = sys.argv[1:]
    ranker = "coverage"
    if "--ranker" in args:
        at = args.index("--ranker")
        ranker = args[at + 1]
        del args[at : at + 2]
    root = Path(args[0]) if args else ROOT.parent / "shared" / "data" / "t17"
    started = time.perf_counter()
    baseline = run_baseline(read_topics(root))
    base_seconds = time.perf_counter() - started
    result = evaluate_tls(root, ranker=ranker)
    print(f"sentence ranker: {ranker}")
    print(f"{'topic':8} {'baseline R1/R2/date':>22} {'newsline R1/R2/date':>22} {'seconds':>8}")
    for topic in result.topics:
        b, n = triple(baseline.per_topic[topic.topic]), triple(topic.scores)
        print(
            f"{topic.topic:8} {b[0]:6.3f} {b[1]:6.3f} {b[2]:6.3f}   {n[0]:6.3f} {n[1]:6.3f} {n[2]:6.3f} {topic.seconds:8.1f}  {topic.ranker}"
        )
    assert result.overall is not None
    b, n = triple(baseline.overall), triple(result.overall)
    print(
        f"{'all':8} {b[0]:6.3f} {b[1]:6.3f} {b[2]:6.3f}   {n[0]:6.3f} {n[1]:6.3f} {n[2]:6.3f} {result.seconds:8.1f}"
    )
    print(
        f"ratio newsline/baseline: R1 x{n[0] / b[0]:.2f}  R2 x{n[1] / b[1]:.2f}  date x{n[2] / b[2]:.2f}"
    )
    print(f"baseline took {base_seconds:.1f} s (reads and scores only)")


if __name__ == "__main__":
    main()
