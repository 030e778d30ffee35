"""Train the learned date ranker on a T17-layout benchmark, score it, and write its weights.

Each topic is ingested into a temporary store and queried once, through the product's own path
(:func:`newsline.evaluate.tls_eval.topic_store`, :func:`newsline.jobs.query_events`). For each
ground-truth timeline under the news-tls protocol (:func:`protocol_options`), every candidate
date gets its features (:func:`newsline.stages.timeline.date_candidates`) and the label "the
journalist's timeline holds it". Then it prints align+ m:1 ROUGE-1/2 F and date F1 over all
timelines (averaged as news-tls does) for:

- ``evidence``: today's ranking (``dates="evidence"``);
- ``learned LOO``: each topic's timelines built with a model trained on the other topics;
- ``learned in-sample``: the model trained on every topic (the one shipped).

and writes src/newsline/models/date_ranker.json (the in-sample model). Deterministic: the same
data gives the same bytes; ``--check`` verifies the shipped file instead of writing it.

Usage: .venv/bin/python benchmarks/train_date_ranker.py [T17_DIR] [--check]
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from newsline.evaluate.datasets import Topic, read_topics
from newsline.evaluate.tls import Scores, average_scores, score_timeline
from newsline.evaluate.tls_eval import as_dated_sentences, protocol_options, topic_store
from newsline.jobs import QueryEvents, query_events
from newsline.models.date_ranker import SHIPPED, DateRanker, fit_date_ranker
from newsline.settings import Settings
from newsline.stages.date_features import DATE_FEATURES
from newsline.stages.timeline import date_candidates

ROOT = Path(__file__).resolve().parents[1]
Loaded = list[tuple[Topic, QueryEvents]]


def training_data(topic: Topic, found: QueryEvents) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per timeline of the topic: its candidate dates' features and whether the truth holds them."""
    out = []
    for truth in topic.timelines:
        options = protocol_options(topic, truth)
        keys, matrix = date_candidates(found.query, found.articles, found.events, options)
        days = set(truth.dates)
        out.append((matrix, np.array([int(k[0] == k[1] and k[0] in days) for k in keys])))
    return out


def scored(topic: Topic, found: QueryEvents, ranker: DateRanker | None) -> list[Scores]:
    """The topic's timelines built by the product's timeline builder, each scored."""
    per = []
    for truth in topic.timelines:
        options = protocol_options(topic, truth)
        if ranker is not None:
            options = replace(options, dates="learned", date_ranker=ranker)
        made = found.build(options)
        per.append(score_timeline(as_dated_sentences(made), [dict(truth.entries)]))
    return per


def line(scores: list[Scores]) -> str:
    mean = average_scores(scores)
    return (
        f"R1 {mean.align_m1.rouge_1.f_score:.4f}  R2 {mean.align_m1.rouge_2.f_score:.4f}"
        f"  date F1 {mean.dates.f_score:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("root", nargs="?", default=str(ROOT.parent / "shared" / "data" / "t17"))
    parser.add_argument("--check", action="store_true", help="verify the shipped file")
    args = parser.parse_args()
    settings = Settings()
    started = time.perf_counter()
    loaded: Loaded = []
    for topic in read_topics(args.root):
        with topic_store(topic, settings) as (store, _):
            loaded.append(
                (
                    topic,
                    query_events(
                        protocol_options(topic, topic.timelines[0]), store, settings
                    ).kept(),
                )
            )
    print(f"ingested and tagged {len(loaded)} topics in {time.perf_counter() - started:.1f} s")
    data = {topic.name: training_data(topic, found) for topic, found in loaded}
    names = sorted(data)
    shipped = fit_date_ranker([data[n] for n in names], DATE_FEATURES, trained_on=names)
    rows: dict[str, dict[str, list[Scores]]] = {"evidence": {}, "learned LOO": {}, "in-sample": {}}
    for topic, found in loaded:
        others = [n for n in names if n != topic.name]
        held = fit_date_ranker(
            [data[n] for n in others], DATE_FEATURES, others, f"without {topic.name}"
        )
        rows["evidence"][topic.name] = scored(topic, found, None)
        rows["learned LOO"][topic.name] = scored(topic, found, held)
        rows["in-sample"][topic.name] = scored(topic, found, shipped)
    for label, per_topic in rows.items():
        for name, scores in per_topic.items():
            print(f"  {label:12} {name:10} {line(scores)}")
        print(f"{label:23} {line([s for v in per_topic.values() for s in v])}")
    print(
        "weights: "
        + "  ".join(f"{f} {w:+.2f}" for f, w in zip(DATE_FEATURES, shipped.weights, strict=True))
    )
    text = shipped.to_json()
    if args.check:
        same = SHIPPED.read_text(encoding="utf-8") == text
        print(f"{SHIPPED}: {'identical' if same else 'DIFFERS'}")
        raise SystemExit(0 if same else 1)
    SHIPPED.write_text(text, encoding="utf-8")
    print(f"wrote {SHIPPED} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
