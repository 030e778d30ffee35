"""A learned date ranker for timelines: a linear model over a topic's date features.

As news-tls's "datewise" method, each candidate date of a topic is described by features
(:func:`newsline.stages.date_features.date_features`) and a logistic regression says how
likely a journalist's timeline is to hold it; the timeline keeps the likeliest dates
(``TimelineOptions.dates="learned"``). The weights are plain numbers in ``date_ranker.json``
beside this module, learned from Timeline17 by ``benchmarks/train_date_ranker.py``, which
rewrites the file byte-for-byte (``--check`` verifies it). Loading reads that file only.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

SHIPPED = Path(__file__).with_name("date_ranker.json")
C = 0.1  # inverse strength of the L2 penalty (0.1 of 0.1, 1, 10: the best leave-one-topic-out)


@dataclass(frozen=True, slots=True)
class DateRanker:
    """score(x) = intercept + sum(weights * x): higher is likelier in a journalist's timeline."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    intercept: float = 0.0
    trained_on: tuple[str, ...] = ()
    name: str = "shipped"

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """One score per row of a (dates x features) matrix."""
        if rows.shape[1] != len(self.weights):
            raise ValueError(
                f"date ranker {self.name} expects {len(self.weights)} features, got {rows.shape[1]}"
            )
        return rows @ np.asarray(self.weights) + self.intercept

    def to_json(self) -> str:
        """The file's text: sorted, indented, rounded; the same weights give the same bytes."""
        data = {
            "name": self.name,
            "trained_on": list(self.trained_on),
            "features": list(self.features),
            "weights": [round(v, 6) for v in self.weights],
            "intercept": round(self.intercept, 6),
        }
        return json.dumps(data, indent=1, sort_keys=True) + "\n"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DateRanker:
        """The ranker a :meth:`to_json` form describes."""
        return cls(
            features=tuple(data["features"]),
            weights=tuple(float(v) for v in data["weights"]),
            intercept=float(data.get("intercept", 0.0)),
            trained_on=tuple(data.get("trained_on", ())),
            name=data.get("name", "shipped"),
        )


def load_date_ranker(path: Path = SHIPPED) -> DateRanker:
    """The date ranker shipped with the package (or another file in its form)."""
    return DateRanker.from_dict(json.loads(path.read_text(encoding="utf-8")))


def fit_date_ranker(
    topics: Sequence[Sequence[tuple[np.ndarray, np.ndarray]]],
    features: Sequence[str],
    trained_on: Sequence[str] = (),
    name: str = "shipped",
) -> DateRanker:
    """Logistic regression of "a journalist's timeline holds this date" on its features.

    ``topics`` holds, per training topic, its timelines as (features matrix, 0/1 labels) pairs.
    Every topic weighs the same however many timelines and dates it has, and every timeline of
    a topic the same; the fit (lbfgs) is deterministic.
    """
    from sklearn.linear_model import LogisticRegression  # training only, never at run time

    kept = [[(x, y) for x, y in timelines if len(y)] for timelines in topics]
    x = np.vstack([x for timelines in kept for x, _ in timelines])
    y = np.concatenate([y for timelines in kept for _, y in timelines])
    w = np.concatenate([np.full(len(y), 1 / (len(ts) * len(y))) for ts in kept for _, y in ts])
    w *= len(w) / w.sum()  # C keeps its meaning whatever the number of topics
    model = LogisticRegression(C=C, max_iter=5000).fit(x, y, sample_weight=w)
    return DateRanker(
        features=tuple(features),
        weights=tuple(float(v) for v in model.coef_[0]),
        intercept=float(model.intercept_[0]),
        trained_on=tuple(trained_on),
        name=name,
    )
