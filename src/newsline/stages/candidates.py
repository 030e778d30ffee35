"""A claim's lexical candidates among the dated sentences of other sources, ranked (cross-source
dating, :mod:`newsline.stages.align`), and the words two sentences have in common.

Order of work over a band of (claim, close source) pairs:

1. the content words and the claim's names each pair shares, counted by sparse products
   (:func:`shared_words`: a long claim against all its pairs at once, the others a band of
   pairs at a time, so that no band copies more than :data:`~newsline.stages.similarity.ONES_BAND`
   ones);
2. a pair is kept when its sentences come from different articles, share enough content words
   and count no kind of event differently ("a second summit" against "the first summit");
3. the kept ones ranked by cosine plus a little for each name in common, best first, ties by
   column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from itertools import repeat

import numpy as np
import scipy.sparse as sp

from newsline.records import Event
from newsline.stages.similarity import ONES_BAND, PAIR_BAND, SentenceTexts

_ORDINAL = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|last|latest)\s+(?:official\s+|ever\s+)?([a-z]+)",
    re.I,
)
# Nouns that name the same kind of event, so "second meeting" clashes with "first summit".
_EVENT_NOUN = {
    "summit": "meeting",
    "meeting": "meeting",
    "talks": "meeting",
    "visit": "visit",
    "trip": "visit",
}


class Ranking:
    """Each claim's lexical candidates, best first (:meth:`ranked`): a candidate's cosine plus a
    little for each name in common, of those from other articles that share enough content
    words (``least_shared``) and count no kind of event differently ("a second summit" against
    "the first summit"). A large query's claims have hundreds of thousands of close sources:
    the words and names each pair shares are counted a band of pairs at a time, by sparse
    products, not a pair at a time."""

    def __init__(
        self, targets: list[Event], sources: list[Event], texts: SentenceTexts, least_shared: int
    ) -> None:
        self.targets, self.sources, self.least_shared = targets, sources, least_shared
        events = [*targets, *sources]
        numbers: dict[str, int] = {}
        self.article = np.array([numbers.setdefault(e.article_id, len(numbers)) for e in events])
        self.words = texts.content_incidence([e.text for e in events])
        self.names = name_incidence(targets, events)
        self.ordinals = cache(_ordinals_of)  # a source is a candidate of many claims: read once

    def ranked(
        self, close: Iterable[tuple[Event, np.ndarray, np.ndarray]]
    ) -> Iterator[tuple[Event, list[tuple[float, int, Event]]]]:
        """Each target of ``close`` (``align._close_sources``: every target in order, with its
        close sources' columns, in order, and cosines) with its ranked candidates: (score,
        column, source), best first, ties by column."""
        band: list[tuple[int, Event, np.ndarray, np.ndarray]] = []
        pairs = 0
        for row, (target, columns, scores) in enumerate(close):
            band.append((row, target, columns, scores))
            pairs += len(columns)
            if pairs >= PAIR_BAND:
                yield from self._band(band)
                band, pairs = [], 0
        yield from self._band(band)

    def _band(
        self, band: list[tuple[int, Event, np.ndarray, np.ndarray]]
    ) -> Iterator[tuple[Event, list[tuple[float, int, Event]]]]:
        if not band:
            return
        sizes = [len(columns) for _, _, columns, _ in band]
        rows = np.repeat(np.array([row for row, _, _, _ in band], np.int64), sizes)
        columns = np.concatenate([c for _, _, c, _ in band]).astype(np.int64)
        others = columns + len(self.targets)  # the sources' rows follow the targets'
        shared = shared_words(self.words, rows, others)
        keep = (self.article[rows] != self.article[others]) & (shared >= self.least_shared)
        # as ``float(cosine) + 0.05 * names`` gives it, element by element
        value = np.concatenate([s for _, _, _, s in band]) + 0.05 * shared_words(
            self.names, rows, others
        )
        start = 0
        for size, (_, target, _, _) in zip(sizes, band, strict=True):
            cells = slice(start, start + size)
            start += size
            kept = np.flatnonzero(keep[cells]) + cells.start
            if self.ordinals(target.text):  # none (most claims): nothing can clash
                kept = kept[[not self._clash(target, int(c)) for c in columns[kept]]]
            # best first, ties by column: the columns come in order and the sort is stable
            kept = kept[np.argsort(-value[kept], kind="stable")]
            chosen = columns[kept].tolist()
            sources = [self.sources[c] for c in chosen]
            yield target, list(zip(value[kept].tolist(), chosen, sources, strict=True))

    def _clash(self, target: Event, column: int) -> bool:
        return ordinals_clash(target.text, self.sources[column].text, self.ordinals)


def name_incidence(targets: Sequence[Event], events: Sequence[Event]) -> sp.csr_array:
    """Which of the targets' names each event's sentence holds (no other name can be in common
    with a target): a CSR array of ones, a row an event, a column a name once."""
    numbers: dict[str, int] = {}
    for target in targets:
        for name in target.entities:
            numbers.setdefault(name, len(numbers))
    lengths = np.fromiter((len(e.entities) for e in events), np.int64, len(events))
    names = [name for event in events for name in event.entities]
    found = np.fromiter(map(numbers.get, names, repeat(-1)), np.int64, len(names))
    rows = np.repeat(np.arange(len(events)), lengths)[found >= 0]
    cells = np.unique(rows * max(len(numbers), 1) + found[found >= 0])  # a name once a row
    ones = np.ones(cells.size, np.int32)
    shape = (len(events), len(numbers))
    return sp.csr_array((ones, divmod(cells, max(len(numbers), 1))), shape=shape)


def ordinals_clash(
    first: str, second: str, ordinals: Callable[[str], dict[str, str]] | None = None
) -> bool:
    """True when both count the same kind of event differently ("second summit", "first summit");
    ``ordinals``: :func:`_ordinals_of`, or a remembering version of it."""
    ordinals = ordinals or _ordinals_of
    a, b = ordinals(first), ordinals(second)
    return any(noun in b and b[noun] != rank for noun, rank in a.items())


def _ordinals_of(text: str) -> dict[str, str]:
    found = {}
    for rank, noun in _ORDINAL.findall(text):
        noun = noun.lower()
        found[_EVENT_NOUN.get(noun, noun)] = rank.lower()
    return found


def shared_words(incidence: sp.csr_array, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """How many columns (words, names) each pair of rows, ``first[n]`` and ``second[n]``, of
    ``incidence`` (ones, a column once a row) has in common: a long first row (a "sentence" of
    hundreds of words) against all its pairs' rows by one product, the others a band of pairs at
    a time (:func:`_banded`)."""
    ones = np.diff(incidence.indptr)
    long = ones[first] > _LONG_ROW
    if not long.any():
        return _banded(incidence, first, second, ones)
    shared = np.zeros(len(first), np.int64)
    for row in np.unique(first[long]).tolist():
        at = np.flatnonzero(first == row)
        products = incidence[second[at]] @ incidence[[row]].T
        shared[at] = products.toarray().ravel()
    rest = np.flatnonzero(~long)
    shared[rest] = _banded(incidence, first[rest], second[rest], ones)
    return shared


_LONG_ROW = 64  # ones of a row compared with all its pairs' rows at once


def _banded(
    incidence: sp.csr_array, first: np.ndarray, second: np.ndarray, ones: np.ndarray
) -> np.ndarray:
    """:func:`shared_words` a band of pairs at a time: at most :data:`PAIR_BAND` pairs and
    :data:`ONES_BAND` ones of their rows (``ones``: each row's), as both rows of a pair are
    copied."""
    shared = np.zeros(len(first), np.int64)
    load = np.cumsum(ones[first] + ones[second])
    start = 0
    while start < len(first):
        before = int(load[start - 1]) if start else 0
        end = int(np.searchsorted(load, before + ONES_BAND, side="right"))
        end = min(max(end, start + 1), start + PAIR_BAND)
        band = slice(start, end)
        products = incidence[first[band]].multiply(incidence[second[band]])
        shared[band] = np.asarray(products.sum(axis=1)).ravel()
        start = end
    return shared
