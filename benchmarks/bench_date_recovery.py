"""Date recovery: how well cross-source dating dates a chronology that lost its dates.

For each ground-truth timeline of ../shared/data/t17, its dates are stripped (the date keys and
every time expression inside its sentences) and it is added, as one undated chronology, beside
the topic's articles (ingested into a store and read back with their events, aligned, as
``newsline timeline`` reads them). newsline's alignment then dates each of its sentences; we report the share
whose recovered date is exact (the right day), within 7 days, and whose interval contains the
true day (aligned or bounded), plus the share left unplaced, and the seconds spent.

Usage: .venv/bin/python benchmarks/bench_date_recovery.py [T17_DIR] [--topics mj haiti]
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

from newsline.evaluate.datasets import GroundTruthTimeline, read_topics
from newsline.evaluate.tls_eval import protocol_options, topic_store
from newsline.jobs import articles_from_text, query_events
from newsline.models.embedding import load_sentence_model
from newsline.records import Event
from newsline.settings import Settings
from newsline.stages.align import align
from newsline.stages.events import extract_events
from newsline.temporal import tag

ROOT = Path(__file__).resolve().parents[1]


def undated_chronology(truth: GroundTruthTimeline) -> tuple[str, list[date]]:
    """A dump text of the timeline without dates, and the true day of each paragraph."""
    paragraphs, days = [], []
    for day in truth.dates:
        text = " ".join(truth.entries[day])
        for mention in sorted(tag(text), key=lambda m: -m.start):
            if mention.type == "DATE":
                text = text[: mention.start] + text[mention.end :]
        paragraphs.append(" ".join(text.split()))
        days.append(day)
    return f"Timeline of events: {truth.name}\n\n" + "\n\n".join(paragraphs) + "\n", days


def score(events: list[Event], days: list[date], paragraph_of: dict[int, int]) -> dict[str, int]:
    counts = {
        "sentences": 0,
        "exact": 0,
        "within_7_days": 0,
        "in_bounds": 0,
        "aligned": 0,
        "bounded": 0,
        "unplaced": 0,
    }
    for event in events:
        truth = days[paragraph_of[event.paragraph]]
        counts["sentences"] += 1
        interval = event.interval
        if interval is None:
            counts["unplaced"] += 1
            continue
        counts[event.dated_by or "unplaced"] = counts.get(event.dated_by or "unplaced", 0) + 1
        if interval.start == interval.end == truth:
            counts["exact"] += 1
        if (
            interval.end != date.max
            and abs((interval.start - truth).days) <= 7
            and (interval.end - interval.start).days <= 14
        ):
            counts["within_7_days"] += 1
        if interval.start <= truth <= interval.end:
            counts["in_bounds"] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("root", nargs="?", default=str(ROOT.parent / "shared" / "data" / "t17"))
    parser.add_argument("--topics", nargs="*")
    parser.add_argument("--embed", action="store_true", help="re-rank with the sentence model")
    args = parser.parse_args()
    settings = Settings()
    model = load_sentence_model() if args.embed else None
    if args.embed and model is None:
        raise SystemExit("--embed needs the embed extra: pip install -e '.[embed]'")
    total: dict[str, int] = {}
    started = time.perf_counter()
    for topic in read_topics(args.root):
        if args.topics and topic.name not in args.topics:
            continue
        with topic_store(topic, settings) as (store, _):  # as a user's store holds the topic
            found = query_events(protocol_options(topic, topic.timelines[0]), store, settings)
        articles, events = found.articles, found.events
        for truth in topic.timelines:
            text, days = undated_chronology(truth)
            (chronology,), _, _ = articles_from_text(f"{truth.name}.txt", text, settings)
            own = list(extract_events(chronology, settings))
            paragraph_of = {p: i for i, p in enumerate(sorted({e.paragraph for e in own}))}
            recovered = align([*articles, chronology], [*events, *own], settings, model)
            mine = [e for e in recovered if e.article_id == chronology.id]
            counts = score(mine, days, paragraph_of)
            n = counts["sentences"]
            print(
                f"{topic.name:6} {truth.name:28} n={n:4}  exact {counts['exact'] / n:5.1%}"
                f"  ±7d {counts['within_7_days'] / n:5.1%}  in bounds {counts['in_bounds'] / n:5.1%}"
                f"  aligned {counts['aligned'] / n:5.1%}  bounded {counts['bounded'] / n:5.1%}"
                f"  unplaced {counts['unplaced'] / n:5.1%}"
            )
            for key, value in counts.items():
                total[key] = total.get(key, 0) + value
    n = total.get("sentences", 0) or 1
    print(
        f"ALL    sentences={n}  exact {total['exact'] / n:.1%}  ±7d {total['within_7_days'] / n:.1%}"
        f"  in bounds {total['in_bounds'] / n:.1%}  aligned {total['aligned'] / n:.1%}"
        f"  bounded {total['bounded'] / n:.1%}  unplaced {total['unplaced'] / n:.1%}"
        f"  ({time.perf_counter() - started:.1f} s)"
    )


if __name__ == "__main__":
    main()
