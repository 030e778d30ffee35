"""Candidate pairs of a band-key partition (``dask_dedup._pairs_of_partition``): the pairs of
articles sharing a key, at least one of them new, as a loop over each key's members gives them."""

from __future__ import annotations

import random
from itertools import combinations

import pytest

pd = pytest.importorskip("pandas", reason="pandas not installed (pip install 'newsline[dask]')")

from newsline.engines import dask_dedup  # noqa: E402 - after the skip

Row = tuple[int, str, bool]  # band key, article id, new in this run


def loop_pairs(rows: list[Row]) -> list[tuple[str, str]]:
    """What the pairs mean: per key, its members (a copy both stored and new counts as stored),
    every two of them of which at least one is new."""
    members: dict[int, dict[str, bool]] = {}
    for key, article, new in rows:
        held = members.setdefault(key, {})
        held[article] = held.get(article, True) and new
    return sorted(
        {
            (min(a, b), max(a, b))
            for held in members.values()
            for a, b in combinations(sorted(held), 2)
            if held[a] or held[b]
        }
    )


def pairs(rows: list[Row]) -> list[tuple[str, str]]:
    frame = pd.DataFrame(rows, columns=["band_key", "id", "new"]).astype({"band_key": "int64"})
    found = dask_dedup._pairs_of_partition(frame)
    assert list(found.columns) == ["first", "second"]
    return list(zip(found["first"], found["second"], strict=True))


CASES = [
    ("empty", [], []),
    ("a key of one article", [(1, "a", True)], []),
    ("two new", [(1, "a", True), (1, "b", True)], [("a", "b")]),
    ("new with stored", [(1, "b", True), (1, "a", False)], [("a", "b")]),
    ("stored only: checked when they were signed", [(1, "a", False), (1, "b", False)], []),
    (
        "a copy both stored and new is stored",
        [(1, "a", True), (1, "a", False), (1, "b", False)],
        [],
    ),
    ("repeated rows", [(1, "a", True), (1, "a", True), (1, "b", True)], [("a", "b")]),
    (
        "a pair in two keys once",
        [(1, "a", True), (1, "b", True), (2, "a", True), (2, "b", True)],
        [("a", "b")],
    ),
    (
        "one new among stored",
        [(5, "c", True), (5, "a", False), (5, "b", False)],
        [("a", "c"), ("b", "c")],
    ),
    ("negative keys", [(-3, "x", True), (-3, "y", False)], [("x", "y")]),
]


@pytest.mark.parametrize(("rows", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_pairs_of_partition(rows: list[Row], expected: list[tuple[str, str]]) -> None:
    assert pairs(rows) == expected == loop_pairs(rows)


def test_pairs_agree_with_the_loop_on_random_partitions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Also when the joined rows are cut into many small parts."""
    rng = random.Random(7)
    for joined_rows in (1_000_000, 3):
        monkeypatch.setattr(dask_dedup, "_JOINED_ROWS", joined_rows)
        for _ in range(120):
            rows = [
                (rng.randint(-2, 6), f"{rng.randint(0, 14):02x}", rng.random() < 0.4)
                for _ in range(rng.randint(0, 40))
            ]
            assert pairs(rows) == loop_pairs(rows)
