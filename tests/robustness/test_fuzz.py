"""Property-based tests: hostile text, bytes and dates never crash the pipeline.

Each property runs ``strategies.EXAMPLES`` examples (200; ``NEWSLINE_FUZZ_EXAMPLES=5000`` for a
long run). The properties themselves live in :mod:`tests.robustness.strategies`, shared with
``benchmarks/bench_fuzz.py``.
"""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.robustness import strategies as s

FUZZ = settings(
    max_examples=s.EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(s.dump_texts())
def test_split_and_clean_survive_any_text(text: str) -> None:
    s.check_articles(text)


@FUZZ
@given(s.mutated_dumps())
def test_split_and_clean_survive_decoded_mutated_dumps(text: str) -> None:
    # What ingest really hands over: decoded, BOM gone, line ends normalized.
    s.check_readers(text.encode("utf-8", errors="surrogatepass"), ".txt")


@FUZZ
@given(s.file_bytes(), s.SUFFIXES)
def test_decode_and_readers_survive_any_bytes(data: bytes, suffix: str) -> None:
    s.check_readers(data, suffix)


@FUZZ
@given(s.tagger_texts(), s.ANCHORS)
def test_tagger_spans_stay_in_text(text: str, anchor: date | None) -> None:
    s.check_tag(text, anchor)


@FUZZ
@given(st.lists(s.timeline_files(), min_size=1, max_size=3), s.QUERIES, st.booleans())
def test_timeline_survives_mutated_dumps(texts: list[str], query: str, any_term: bool) -> None:
    s.check_timeline(texts, query, any_term)


@FUZZ
@given(s.tagger_texts(), s.ANCHORS)
def test_windowed_tagger_finds_what_the_whole_text_tagger_finds(
    text: str, anchor: date | None
) -> None:
    s.check_windowed(text, anchor)
