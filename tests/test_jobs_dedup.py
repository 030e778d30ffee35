"""Candidate pairs of a linking batch: shared band keys, with the store and earlier members."""

from __future__ import annotations

import pytest

from newsline.jobs_dedup import candidate_pairs

BIG = 2**62  # band keys are signed 64-bit: numpy must keep them exact


@pytest.mark.parametrize(
    ("ids", "keys", "stored", "expected"),
    [
        ([], [], {}, []),
        (["a", "b"], [[], []], {}, []),
        (["a", "b"], [[1, 2], [3, 4]], {}, []),
        (["a", "b"], [[1, 2], [2, 3]], {}, [("b", "a")]),
        # an article pairs only with earlier ones, once however many keys they share
        (["a", "b", "c"], [[1, 2], [1, 2], [2]], {}, [("b", "a"), ("c", "a"), ("c", "b")]),
        # stored articles come first, sorted with the batch's among an article's others
        (
            ["b", "d"],
            [[7], [7, -BIG]],
            {-BIG: ["c"], 7: ["a"]},
            [("b", "a"), ("d", "a"), ("d", "b"), ("d", "c")],
        ),
        # a key met twice in one article does not pair it with itself
        (["a"], [[5, 5]], {5: ["z"]}, [("a", "z")]),
        (["a", "b"], [[BIG], [BIG + 1]], {}, []),
        (["a", "b"], [[-BIG], [-BIG]], {}, [("b", "a")]),
    ],
)
def test_candidate_pairs(
    ids: list[str],
    keys: list[list[int]],
    stored: dict[int, list[str]],
    expected: list[tuple[str, str]],
) -> None:
    assert candidate_pairs(ids, keys, stored) == expected
