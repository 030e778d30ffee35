"""A seeded sample of the generated time phrases: no exception, every mention well formed.

The whole grid (over 300,000 phrases) runs in ``benchmarks/bench_fuzz.py --phrases``.
"""

from __future__ import annotations

import pytest

from newsline.temporal import Tagger
from tests.robustness import phrases

SAMPLE = phrases.sample(1500, seed=13)


def test_the_grid_is_big_enough_for_the_benchmark() -> None:
    assert phrases.grid_size() >= 100_000
    assert len({p.text for p in SAMPLE}) > 1000


def test_the_sample_covers_every_anchor_and_frame() -> None:
    assert {p.anchor for p in SAMPLE} == set(phrases.ANCHORS)
    assert any(p.text.isupper() for p in SAMPLE)  # headlines in capitals
    assert any('"' in p.text for p in SAMPLE)


@pytest.mark.parametrize("chunk", range(5))
def test_generated_phrases_tag_to_valid_timex3(chunk: int) -> None:
    tagger = Tagger()
    found = {}
    for phrase in SAMPLE[chunk::5]:
        wrong = phrases.check(phrase, tagger)
        if wrong:
            found[(phrase.text, phrase.anchor)] = wrong
    assert found == {}
