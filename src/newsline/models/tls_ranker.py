"""A learned sentence ranker for timeline summaries: a linear model over a few features.

The features are computed by :func:`newsline.stages.sentence_scores.sentence_features` for every
candidate sentence of an entry; the model says how well each states the entry's news. Its
weights are plain numbers in ``tls_ranker.json`` beside this module, learned from journalists'
timelines (Timeline17) by ``benchmarks/train_tls_ranker.py``, which rewrites the file
byte-for-byte. The file also holds one model per left-out training topic, so an evaluation on
those topics can score each with weights that never saw it (leave-one-topic-out).

Training target: a candidate's ROUGE-1 F against the journalist's summary of its date. The fit
is ridge regression on features and targets centred within each entry, since only the order
inside an entry matters.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

SHIPPED = Path(__file__).with_name("tls_ranker.json")


@dataclass(frozen=True, slots=True)
class LinearRanker:
    """score(x) = sum(weights * (x - mean) / scale): higher is a better summary sentence."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    trained_on: tuple[str, ...] = ()
    name: str = "shipped"

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """One score per row of a (candidates x features) matrix."""
        if rows.shape[1] != len(self.weights):
            raise ValueError(
                f"ranker {self.name} expects {len(self.weights)} features, got {rows.shape[1]}"
            )
        mean, scale = np.asarray(self.mean), np.asarray(self.scale)
        return ((rows - mean) / scale) @ np.asarray(self.weights)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form, numbers rounded so the file is stable across platforms."""
        return {
            "name": self.name,
            "trained_on": list(self.trained_on),
            "features": list(self.features),
            "mean": [round(v, 6) for v in self.mean],
            "scale": [round(v, 6) for v in self.scale],
            "weights": [round(v, 6) for v in self.weights],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LinearRanker:
        """The ranker a :meth:`to_dict` form describes."""
        return cls(
            features=tuple(data["features"]),
            mean=tuple(float(v) for v in data["mean"]),
            scale=tuple(float(v) for v in data["scale"]),
            weights=tuple(float(v) for v in data["weights"]),
            trained_on=tuple(data.get("trained_on", ())),
            name=data.get("name", "shipped"),
        )


@dataclass(frozen=True, slots=True)
class RankerBundle:
    """The shipped ranker (all training topics) and one per left-out topic, by fingerprint."""

    shipped: LinearRanker
    held_out: dict[str, LinearRanker] = field(default_factory=dict)  # fingerprint -> model
    topics: dict[str, str] = field(default_factory=dict)  # fingerprint -> topic name

    def for_topic(self, fingerprint: str) -> tuple[LinearRanker, str]:
        """The model to score a topic with, and how it relates to the topic's ground truth."""
        if fingerprint in self.held_out:
            return self.held_out[fingerprint], "held-out (leave-one-topic-out)"
        return self.shipped, "shipped (topic unseen in training)"

    def to_json(self) -> str:
        """The file's text: sorted, indented, rounded; the same weights give the same bytes."""
        data = {
            "shipped": self.shipped.to_dict(),
            "held_out": {
                fp: {"topic": self.topics.get(fp, ""), **m.to_dict()}
                for fp, m in sorted(self.held_out.items())
            },
        }
        return json.dumps(data, indent=1, sort_keys=True) + "\n"


def load_bundle(path: Path = SHIPPED) -> RankerBundle:
    """The ranker file shipped with the package (or another one in its form)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    held = {fp: LinearRanker.from_dict(m) for fp, m in data.get("held_out", {}).items()}
    topics = {fp: m.get("topic", "") for fp, m in data.get("held_out", {}).items()}
    return RankerBundle(LinearRanker.from_dict(data["shipped"]), held, topics)


def load_ranker() -> LinearRanker:
    """The shipped sentence ranker (trained on every training topic)."""
    return load_bundle().shipped


def fingerprint(texts: Sequence[str]) -> str:
    """A content hash that names a topic by its ground truth, whatever its folder is called."""
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def fit_ranker(
    topics: Sequence[Sequence[tuple[np.ndarray, np.ndarray]]],
    features: Sequence[str],
    alpha: float = 1.0,
    trained_on: Sequence[str] = (),
    name: str = "shipped",
) -> LinearRanker:
    """Ridge regression of a candidate's quality on its features, within entries.

    ``topics`` holds, per training topic, its entries as (features matrix, targets) pairs.
    Only the order inside an entry matters, so features and targets are centred per entry and
    targets scaled to unit spread; entries where no candidate scores are skipped; every topic
    weighs the same, however many entries it has, and every entry of a topic the same.
    """
    kept = [[(x, y) for x, y in entries if len(y) > 1 and np.ptp(y) > 0] for entries in topics]
    rows = [x - x.mean(axis=0) for entries in kept for x, _ in entries]
    targets = [(y - y.mean()) / y.std() for entries in kept for _, y in entries]
    weights = [np.full(len(y), 1 / (len(entries) * len(y))) for entries in kept for _, y in entries]
    x, y, w = np.vstack(rows), np.concatenate(targets), np.sqrt(np.concatenate(weights))
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    xw = x / scale * w[:, None]
    solved = np.linalg.solve(xw.T @ xw + alpha * np.eye(x.shape[1]), xw.T @ (y * w))
    return LinearRanker(
        features=tuple(features),
        mean=tuple(0.0 for _ in features),
        scale=tuple(float(v) for v in scale),
        weights=tuple(float(v) for v in solved),
        trained_on=tuple(trained_on),
        name=name,
    )
