"""The busiest-days lead baseline on T17, scored with newsline's timeline metrics; and how long.

    .venv/bin/python benchmarks/bench_baseline_tls.py [T17_DIR] [--json]

Prints, per topic (precision and recall averaged over the topic's timelines) and over all
timelines (news-tls's average): align+ m:1 ROUGE-1/ROUGE-2 F, date F1, concat and agreement
ROUGE-1/2 F, then the seconds spent reading, predicting and scoring. The target the issue gives
for this baseline is .113 / .030 / .579 (align+ m:1 R1 F / R2 F / date F1). With ``tilse``
installed (the ``eval`` extra) it also times tilse scoring the same predictions.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from newsline.evaluate.baseline import articles_by_day, predict_timeline
from newsline.evaluate.datasets import read_topics
from newsline.evaluate.rouge import RougeTokenizer
from newsline.evaluate.tls import Scores, Timeline, average_scores, score_timeline

ROOT = Path(__file__).resolve().parents[1]
TARGET = {"align_m1_rouge_1_f": 0.113, "align_m1_rouge_2_f": 0.030, "date_f1": 0.579}


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--json"]
    t17 = Path(args[0]) if args else ROOT.parent / "shared" / "data" / "t17"
    started = time.perf_counter()
    topics = read_topics(t17)
    pairs: dict[str, list[tuple[Timeline, Timeline]]] = {}
    for topic in topics:
        days = articles_by_day(topic.articles())
        pairs[topic.name] = [(predict_timeline(days, t), t.entries) for t in topic.timelines]
    predicted = time.perf_counter()
    tokenizer = RougeTokenizer()
    per_topic = {
        name: [score_timeline(pred, [truth], tokenizer) for pred, truth in topic_pairs]
        for name, topic_pairs in pairs.items()
    }
    scored = time.perf_counter()
    rows = {name: average_scores(scores) for name, scores in per_topic.items()}
    rows["ALL"] = average_scores([s for scores in per_topic.values() for s in scores])
    seconds = {"read_and_predict": predicted - started, "score": scored - predicted}
    tilse_seconds = _time_tilse([p for topic_pairs in pairs.values() for p in topic_pairs])
    if tilse_seconds is not None:
        seconds["tilse_score"] = tilse_seconds
    if "--json" in sys.argv:
        print(json.dumps({"scores": {k: v.to_dict() for k, v in rows.items()},
                          "seconds": seconds, "target": TARGET}, indent=2))  # fmt: skip
        return
    _print_table(rows)
    print(f"target (issue) align+ m:1 R1 {TARGET['align_m1_rouge_1_f']:.3f}  "
          f"R2 {TARGET['align_m1_rouge_2_f']:.3f}  date F1 {TARGET['date_f1']:.3f}")  # fmt: skip
    print("seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in seconds.items()))


def _print_table(rows: dict[str, Scores]) -> None:
    print(f"{'topic':8} {'TLs':>3}  {'m:1 R1':>6} {'m:1 R2':>6} {'date F':>6}  "
          f"{'cat R1':>6} {'cat R2':>6} {'agr R1':>6} {'agr R2':>6}")  # fmt: skip
    for name, s in rows.items():
        values = [s.align_m1.rouge_1, s.align_m1.rouge_2, s.dates]
        rest = [s.concat.rouge_1, s.concat.rouge_2, s.agreement.rouge_1, s.agreement.rouge_2]
        print(f"{name:8} {s.timelines:>3}  " + " ".join(f"{v.f_score:6.3f}" for v in values)
              + "  " + " ".join(f"{v.f_score:6.3f}" for v in rest))  # fmt: skip


def _time_tilse(pairs: list[tuple[Timeline, Timeline]]) -> float | None:
    """Seconds tilse takes for the same three metrics, or None when it is not installed."""
    try:
        from tilse.data.timelines import GroundTruth
        from tilse.data.timelines import Timeline as TilseTimeline
        from tilse.evaluation.rouge import TimelineRougeEvaluator
    except ImportError:
        return None
    evaluator = TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"], rouge_computation="reimpl")
    started = time.perf_counter()
    for pred, truth in pairs:
        tl, gt = TilseTimeline(dict(pred)), GroundTruth([TilseTimeline(dict(truth))])
        evaluator.evaluate_concat(tl, gt)
        evaluator.evaluate_agreement(tl, gt)
        evaluator.evaluate_align_date_content_costs_many_to_one(tl, gt)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
