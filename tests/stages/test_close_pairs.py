"""Close pairs without the whole product: the same sentences, the same cosines bit for bit, as
the sparse product of every claim with every sentence, whichever way the work is split."""

from __future__ import annotations

import random

import numpy as np
import pytest

from newsline.stages import close_pairs
from newsline.stages.close_pairs import close_rows
from newsline.stages.similarity import SentenceTexts

# Words most sentences use (common), words a few use, and names: wire reports of one story.
COMMON = "ferry harbour council strike crossing".split()
USUAL = "tarrin brenn strait dockers pilots tuesday repairs vote engineers storm".split()
RARE = [f"quay{n}" for n in range(40)]


def _sentences(count: int, seed: int) -> list[str]:
    draw = random.Random(seed)
    made = []
    for _ in range(count):
        size = draw.choice((2, 3, 5, 8, 13))  # short ones weigh their words heavily
        words = draw.sample(COMMON, min(size, 3)) + draw.sample(USUAL, min(size, 4))
        words += draw.sample(RARE, max(size - 7, 0))
        draw.shuffle(words)
        made.append(" ".join(words).capitalize() + ".")
    return made


def _whole_product(claims, sentences, least):  # type: ignore[no-untyped-def]
    product = (claims @ sentences.T.tocsr()).tocsr()
    found = []
    for row in range(product.shape[0]):
        cells = slice(product.indptr[row], product.indptr[row + 1])
        close = product.data[cells] >= least
        columns, scores = product.indices[cells][close], product.data[cells][close]
        order = np.argsort(columns)
        found.append((columns[order], scores[order]))
    return found


@pytest.mark.parametrize(
    ("least", "common_share", "heavy_weight", "heavy_mass", "cells"),
    [
        (0.2, 0.08, 0.3, 0.5, 4_000_000),  # the defaults
        (0.05, 0.08, 0.3, 0.5, 4_000_000),  # a low bar: little can be left out
        (0.6, 0.08, 0.3, 0.5, 4_000_000),  # a high bar: most common words left out
        (0.2, 0.08, 0.0, 0.5, 4_000_000),  # every sentence heavy: all by the product
        (0.2, 0.08, 1.0, 0.0, 4_000_000),  # every sentence heavy by its common words' norm
        (0.2, 2.0, 0.3, 0.5, 4_000_000),  # no word common: every word a probe
        (0.2, 0.0, 1.0, 1.0, 4_000_000),  # every word common, no sentence heavy
        (0.2, 0.08, 0.3, 0.5, 500),  # blocks of a few claims
    ],
)
def test_the_same_pairs_and_bits_as_the_whole_product(
    monkeypatch: pytest.MonkeyPatch,
    least: float,
    common_share: float,
    heavy_weight: float,
    heavy_mass: float,
    cells: int,
) -> None:
    monkeypatch.setattr(close_pairs, "COMMON_SHARE", common_share)
    monkeypatch.setattr(close_pairs, "HEAVY_WEIGHT", heavy_weight)
    monkeypatch.setattr(close_pairs, "HEAVY_MASS", heavy_mass)
    monkeypatch.setattr(close_pairs, "SCORE_CELLS", cells)
    matrix = SentenceTexts().tfidf(_sentences(40, 1) + _sentences(400, 2))
    claims, sentences = matrix[:40], matrix[40:]
    expected = _whole_product(claims, sentences, least)
    found = list(close_rows(claims, sentences, least))
    assert [row for row, _, _ in found] == list(range(40))
    assert sum(len(columns) for columns, _ in expected) > 0
    for (columns, scores), (_, got_columns, got_scores) in zip(expected, found, strict=True):
        assert got_columns.tolist() == columns.tolist()
        assert got_scores.tobytes() == scores.tobytes()


def test_claims_without_close_sentences_are_yielded_empty() -> None:
    matrix = SentenceTexts().tfidf(["Ferry harbour strike.", "Quay7 quay9 engineers vote."])
    found = list(close_rows(matrix[:1], matrix[1:], 0.2))
    assert len(found) == 1
    assert found[0][0] == 0 and found[0][1].size == 0 and found[0][2].size == 0
