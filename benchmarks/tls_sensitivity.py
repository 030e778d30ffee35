"""How much the timeline scores owe to the summarizer's two constants, and what held out says.

The coverage summarizer has two constants (`TimelineOptions.min_support`, `length_norm`),
chosen on the same four T17 topics it is scored on. This runs a grid over both (tagging each
topic once), prints align+ m:1 ROUGE-1/2 F and date F1 over all timelines for every setting
and for the former centroid summarizer, then a leave-one-topic-out check: for each topic, the
setting that scores best on the other three builds that topic's timelines, and the held-out
timelines are averaged as news-tls does. If the chosen default is only a lucky point, the
held-out figure falls well below it.
Usage: .venv/bin/python benchmarks/tls_sensitivity.py [T17_DIR]
"""

from __future__ import annotations

import itertools
import sys
import time
from dataclasses import replace
from pathlib import Path

from newsline.evaluate.datasets import read_topics
from newsline.evaluate.tls import Scores, average_scores, score_timeline
from newsline.evaluate.tls_eval import as_dated_sentences, protocol_options, topic_store
from newsline.jobs import query_events
from newsline.settings import Settings
from newsline.stages.timeline import TimelineOptions, build_timeline

ROOT = Path(__file__).resolve().parents[1]
SUPPORT = (2, 3, 4)
LENGTH_NORM = (0.3, 0.5, 0.7)


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "t17"
    settings = Settings()
    started = time.perf_counter()
    topics = []
    for topic in read_topics(root):
        # What jobs.timeline builds from, once a topic (the query is the same for every setting).
        with topic_store(topic, settings) as (store, _):
            first = protocol_options(topic, topic.timelines[0])
            topics.append((topic, query_events(first, store, settings)))
    print(f"ingested and tagged {len(topics)} topics in {time.perf_counter() - started:.1f} s")
    default = TimelineOptions()
    settings_grid = [("centroid", replace(default, summarizer="centroid"))] + [
        (f"coverage support={s} norm={n}", replace(default, min_support=s, length_norm=n))
        for s, n in itertools.product(SUPPORT, LENGTH_NORM)
    ]
    # scores[setting][topic] = that topic's per-timeline scores
    scores: dict[str, dict[str, list[Scores]]] = {}
    for name, base in settings_grid:
        scores[name] = {}
        for topic, found in topics:
            per = []
            for truth in topic.timelines:
                options = replace(
                    protocol_options(topic, truth),
                    summarizer=base.summarizer,
                    min_support=base.min_support,
                    length_norm=base.length_norm,
                )
                timeline = build_timeline(
                    found.query, found.articles, found.events, options, found.disputes
                )
                per.append(score_timeline(as_dated_sentences(timeline), [dict(truth.entries)]))
            scores[name][topic.name] = per
        mark = "  <- default" if base == default else ""
        print(f"{name:32} {_line(average_scores(_all(scores[name])))}{mark}")
    coverage = [name for name, _ in settings_grid if name != "centroid"]
    held_out = []
    for topic, _ in topics:
        others = [t.name for t, _ in topics if t.name != topic.name]
        best = max(
            coverage,
            key=lambda n: _f1(average_scores([s for o in others for s in scores[n][o]])),
        )
        print(f"held out {topic.name:8} chosen on the others: {best}")
        held_out += scores[best][topic.name]
    print(f"{'leave-one-topic-out':32} {_line(average_scores(held_out))}")
    print(f"total {time.perf_counter() - started:.1f} s")


def _all(per_topic: dict[str, list[Scores]]) -> list[Scores]:
    return [s for scores in per_topic.values() for s in scores]


def _f1(scores: Scores) -> float:
    return scores.align_m1.rouge_1.f_score


def _line(scores: Scores) -> str:
    return (
        f"R1 {scores.align_m1.rouge_1.f_score:.4f}  R2 {scores.align_m1.rouge_2.f_score:.4f}"
        f"  date F1 {scores.dates.f_score:.3f}"
    )


if __name__ == "__main__":
    main()
