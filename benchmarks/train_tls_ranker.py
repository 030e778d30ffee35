"""Train the learned sentence ranker on a T17-layout benchmark and write its weights.

Writes src/newsline/models/tls_ranker.json: the model trained on every topic ("shipped") and
one per topic trained on the others (leave-one-topic-out), keyed by the topic's fingerprint,
so `newsline eval tls --ranker learned` scores every training topic with weights that never
saw it. Deterministic: the same data gives the same bytes (`--check` verifies the file).
Usage: .venv/bin/python benchmarks/train_tls_ranker.py [T17_DIR] [--check]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from newsline.evaluate.datasets import read_topics
from newsline.evaluate.rouge import RougeTokenizer
from newsline.evaluate.tls_eval import protocol_options, topic_store
from newsline.evaluate.tls_training import topic_fingerprint, train_bundle, training_entries
from newsline.jobs import query_events
from newsline.models.tls_ranker import SHIPPED
from newsline.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    root = Path(args[0]) if args else ROOT.parent / "shared" / "data" / "t17"
    settings, tokenizer = Settings(), RougeTokenizer()
    data = {}
    for topic in read_topics(root):
        started = time.perf_counter()
        timelines = [(truth, protocol_options(topic, truth)) for truth in topic.timelines]
        with topic_store(topic, settings) as (store, _):
            found = query_events(timelines[0][1], store, settings)  # one query a topic
        entries = training_entries(found.query, found.articles, found.events, timelines, tokenizer)
        data[topic.name] = (topic_fingerprint(topic), entries)
        seconds = time.perf_counter() - started
        print(
            f"{topic.name}: {len(entries)} entries, {sum(len(y) for _, y in entries)} candidates, {seconds:.1f} s"
        )
    text = train_bundle(data).to_json()
    if "--check" in sys.argv:
        same = SHIPPED.read_text(encoding="utf-8") == text
        print(f"{SHIPPED}: {'identical' if same else 'DIFFERS'}")
        sys.exit(0 if same else 1)
    SHIPPED.write_text(text, encoding="utf-8")
    print(f"wrote {SHIPPED}")


if __name__ == "__main__":
    main()
