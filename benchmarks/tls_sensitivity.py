"""How much the timeline scores owe to constants chosen on the topics they are scored on.

The timeline's constants (`TimelineOptions`: the summarizer's `min_support` and `length_norm`,
the date ranking's `published_weight`, `later_weight`, `pub_window`, the folding's ...) were
chosen on the same four T17 topics they are scored on. This runs a grid over the options named
with ``--grid`` (tagging each topic once, through the product's own path), prints align+ m:1
ROUGE-1/2 F and date F1 over all timelines for every setting, then a leave-one-topic-out
check: for each topic, the setting that scores best on the other three (by ROUGE-1, or by
date F1 with ``--by date``) builds that topic's timelines, and the held-out timelines are
averaged as news-tls does. If the chosen default is only a lucky point, the held-out figure
falls well below it.

Usage:
  .venv/bin/python benchmarks/tls_sensitivity.py [T17_DIR]      # the summarizer's constants
  .venv/bin/python benchmarks/tls_sensitivity.py --by date \\
      --grid published_weight=0.25,0.5,1 later_weight=1,3,5      # the date ranking's
"""

from __future__ import annotations

import argparse
import itertools
import time
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from newsline.evaluate.datasets import read_topics
from newsline.evaluate.tls import Scores, average_scores, score_timeline
from newsline.evaluate.tls_eval import as_dated_sentences, protocol_options, topic_store
from newsline.jobs import query_events
from newsline.settings import Settings
from newsline.stages.timeline import TimelineOptions

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GRID = ("min_support=2,3,4", "length_norm=0.3,0.5,0.7")


def parse_grid(specs: list[str]) -> dict[str, list[Any]]:
    """``name=v1,v2`` per option, each value read as the option's type."""
    types = {f.name: type(getattr(TimelineOptions(), f.name)) for f in fields(TimelineOptions)}
    grid = {}
    for spec in specs:
        name, _, values = spec.partition("=")
        if name not in types:
            raise SystemExit(f"unknown option {name!r}: one of {', '.join(sorted(types))}")
        kind = types[name]
        grid[name] = [(v == "true") if kind is bool else kind(v) for v in values.split(",")]
    return grid


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("root", nargs="?", default=str(ROOT.parent / "shared" / "data" / "t17"))
    parser.add_argument("--grid", nargs="+", default=list(DEFAULT_GRID), help="name=v1,v2 ...")
    parser.add_argument("--by", choices=("r1", "date"), default="r1", help="choose settings by")
    parser.add_argument("--per-topic", action="store_true", help="each topic's figures too")
    args = parser.parse_args()
    grid = parse_grid(args.grid)
    settings = Settings()
    started = time.perf_counter()
    topics = []
    for topic in read_topics(args.root):
        # What jobs.timeline builds from, once a topic (the query is the same for every setting).
        with topic_store(topic, settings) as (store, _):
            first = protocol_options(topic, topic.timelines[0])
            topics.append((topic, query_events(first, store, settings).kept()))
    print(f"ingested and tagged {len(topics)} topics in {time.perf_counter() - started:.1f} s")
    default = TimelineOptions()
    names = list(grid)
    settings_grid = [
        (
            " ".join(f"{n}={v}" for n, v in zip(names, values, strict=True)),
            dict(zip(names, values, strict=True)),
        )
        for values in itertools.product(*grid.values())
    ]
    # scores[setting][topic] = that topic's per-timeline scores
    scores: dict[str, dict[str, list[Scores]]] = {}
    for name, changes in settings_grid:
        scores[name] = {}
        for topic, found in topics:
            per = []
            for truth in topic.timelines:
                options = replace(protocol_options(topic, truth), **changes)
                timeline = found.build(options)
                per.append(score_timeline(as_dated_sentences(timeline), [dict(truth.entries)]))
            scores[name][topic.name] = per
        mark = "  <- default" if all(getattr(default, n) == v for n, v in changes.items()) else ""
        print(f"{name:40} {_line(average_scores(_all(scores[name])))}{mark}", flush=True)
        if args.per_topic:
            for topic_name, per in scores[name].items():
                print(f"  {topic_name:38} {_line(average_scores(per))}")
    metric = _date_f1 if args.by == "date" else _r1
    held_out = []
    for topic, _ in topics:
        others = [t.name for t, _ in topics if t.name != topic.name]
        best = max(
            scores, key=lambda n: metric(average_scores([s for o in others for s in scores[n][o]]))
        )
        print(f"held out {topic.name:8} chosen on the others: {best}")
        held_out += scores[best][topic.name]
    print(f"{'leave-one-topic-out':40} {_line(average_scores(held_out))}")
    print(f"total {time.perf_counter() - started:.1f} s")


def _all(per_topic: dict[str, list[Scores]]) -> list[Scores]:
    return [s for scores in per_topic.values() for s in scores]


def _r1(scores: Scores) -> float:
    return scores.align_m1.rouge_1.f_score


def _date_f1(scores: Scores) -> float:
    return scores.dates.f_score


def _line(scores: Scores) -> str:
    return (
        f"R1 {scores.align_m1.rouge_1.f_score:.4f}  R2 {scores.align_m1.rouge_2.f_score:.4f}"
        f"  date F1 {scores.dates.f_score:.4f}"
    )


if __name__ == "__main__":
    main()
