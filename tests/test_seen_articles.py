"""An ingest run's memory of what it read: the ids of its articles, up to a limit."""

from __future__ import annotations

from newsline.jobs import SeenArticles


def test_an_id_read_before_is_seen_until_the_memory_starts_again() -> None:
    seen = SeenArticles(limit=2)
    assert [seen.add(i) for i in ("a", "b", "a")] == [False, False, True]
    assert not seen.add("c")  # at the limit: the ids start again with "c"
    assert [seen.add(i) for i in ("a", "c")] == [False, True]
