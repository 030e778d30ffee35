"""Training data for the learned sentence ranker, from a benchmark in the T17 layout.

For each ground-truth timeline, the timeline builder's chosen entries (the news-tls protocol
of :mod:`newsline.evaluate.tls_eval`) give candidate sentences with their features
(:func:`newsline.stages.timeline.candidate_features`); a candidate's target is its ROUGE-1 F
against the journalist's summary of the nearest reference date within two days, divided by one
plus the distance, as align+ m:1 discounts a date that is off. :func:`train_bundle` fits one
model on every topic and one per left-out topic (leave-one-topic-out).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date

import numpy as np

from newsline.evaluate.datasets import GroundTruthTimeline, Topic
from newsline.evaluate.rouge import RougeTokenizer, ngrams
from newsline.models.tls_ranker import LinearRanker, RankerBundle, fingerprint, fit_ranker
from newsline.records import Article, Event
from newsline.stages.query import Query
from newsline.stages.timeline import FEATURES, TimelineOptions, candidate_features

Entries = list[tuple[np.ndarray, np.ndarray]]
NEAR_DAYS = 2
ALPHA = 1.0


def topic_fingerprint(topic: Topic) -> str:
    """A topic named by the content of its reference timelines."""
    return fingerprint(
        [
            f"{truth.name}\t{day.isoformat()}\t{sentence}"
            for truth in topic.timelines
            for day, sentences in sorted(truth.entries.items())
            for sentence in sentences
        ]
    )


def training_entries(
    query: Query,
    articles: Sequence[Article],
    candidates: Sequence[Event],
    timelines: Sequence[tuple[GroundTruthTimeline, TimelineOptions]],
    tokenizer: RougeTokenizer,
) -> Entries:
    """(features, targets) of every chosen entry of every timeline of one topic."""
    out: Entries = []
    for truth, options in timelines:
        references = {d: ngrams(tokenizer.tokens(s), 1) for d, s in truth.entries.items()}
        for key, events, matrix in candidate_features(query, articles, candidates, options):
            targets = [sentence_target(e.text, key[0], references, tokenizer) for e in events]
            out.append((matrix, np.asarray(targets)))
    return out


def sentence_target(
    text: str, day: date, references: Mapping[date, Counter[tuple[str, ...]]], tok: RougeTokenizer
) -> float:
    """ROUGE-1 F against the nearest reference summary, discounted by its distance in days."""
    predicted = ngrams(tok.tokens([text]), 1)
    best = 0.0
    for ref_day, reference in references.items():
        distance = abs((ref_day - day).days)
        if distance > NEAR_DAYS:
            continue
        hits = sum(min(count, reference[gram]) for gram, count in predicted.items())
        if hits:
            precision = hits / predicted.total()
            recall = hits / reference.total()
            best = max(best, 2 * precision * recall / (precision + recall) / (1 + distance))
    return best


def train_bundle(topics: Mapping[str, tuple[str, Entries]]) -> RankerBundle:
    """One ranker on every topic, and one per topic trained on all the others.

    ``topics`` maps a topic's name to its fingerprint and training entries.
    """
    names = sorted(topics)

    def fit(train: list[str], name: str) -> LinearRanker:
        return fit_ranker([topics[n][1] for n in train], FEATURES, ALPHA, train, name)

    shipped = fit(names, "shipped")
    held_out, labels = {}, {}
    for name in names:
        fp = topics[name][0]
        held_out[fp] = fit([n for n in names if n != name], f"without {name}")
        labels[fp] = name
    return RankerBundle(shipped, held_out, labels)
