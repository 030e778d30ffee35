"""Lexical sentence similarity: TF-IDF vectors, centroids and cosines (scikit-learn).

A query vectorizes several lists of its sentences (the aligner's claims and candidates, the
dated claims that may conflict, the chosen entries' sentences), each weighed by its own IDF.
:class:`SentenceTexts` analyzes each distinct sentence once for all of them, into numbers of
words; each list's vectors are the ones a ``TfidfVectorizer`` fitted on that list alone gives:
its word counts are made and weighed here with numpy, in the vectorizer's layout and order of
arithmetic, so they are the same bits (a test compares them): scikit-learn's Python loop over
every word of every sentence was the slow part of a large query, and importing it alone took
130 MB.
"""

from __future__ import annotations

import re
from array import array
from collections import defaultdict
from collections.abc import Sequence
from itertools import count, filterfalse
from typing import Any

import numpy as np
import scipy.sparse as sp

from newsline.stages.clean_text import ascii_content_words, content_stem, content_words, words_of
from newsline.stages.english_stopwords import ENGLISH_STOPWORDS

#: Pairs of rows compared at once (their rows copied: about 400 bytes a pair).
PAIR_BAND = 100_000
#: ... and the ones of those rows at most (a long row is copied for each of its pairs).
ONES_BAND = 2_000_000

# The words SentenceVectors compares, as scikit-learn's CountVectorizer(lowercase=True,
# stop_words="english") analyzes them: lowercase, two characters or more, stopwords out. Its
# pattern is r"(?u)\b\w\w+\b"; found left to right, a greedy run of word characters starts
# and ends at a word boundary anyway, so the boundaries are left out (the same words, a
# quarter faster: the pattern no longer tests them at every character).
_TOKEN = re.compile(r"(?u)\w\w+")
_STOPWORD = ENGLISH_STOPWORDS.__contains__


def analyze(text: str) -> list[str]:
    """The words of ``text`` that :class:`SentenceVectors` weighs, in order."""
    return list(filterfalse(_STOPWORD, _TOKEN.findall(text.lower())))  # (a C loop)


def sentence_analysis(text: str) -> tuple[str, str]:
    """What a query derives from a sentence's text, as two texts of words separated by spaces
    (what ingest stores with the events, :meth:`SentenceTexts.learn` reads back): the words a
    TF-IDF vector weighs (:func:`analyze`), in order, and its distinct content words
    (:func:`~newsline.stages.clean_text.content_words`), sorted. Stored analyses are read as
    they were made: a change to either function bumps ``events.EVENTS_VERSION``."""
    if text.isascii():  # (all sentences but a few: the same words, read without a regex)
        data = text.encode("ascii")
        words = b" ".join(filterfalse(_ASCII_SKIPPED.__contains__, data.translate(_TOKENS).split()))
        return words.decode("ascii"), " ".join(sorted(ascii_content_words(data)))
    return " ".join(analyze(text)), " ".join(sorted(content_words(text)))


# An ASCII text's bytes lowercased, every character that ``\w`` does not match a space: the
# runs ``bytes.split`` gives are ``\w+``'s, whose ones of two characters or more ``_TOKEN``
# finds in its lowercase text. What :func:`analyze` leaves out, as bytes: the stopwords and
# the runs of one character.
_WORD_BYTES = b"abcdefghijklmnopqrstuvwxyz0123456789_"
_TOKENS = bytes(c + 32 if 65 <= c <= 90 else c if c in _WORD_BYTES else 32 for c in range(256))
_ASCII_SKIPPED = frozenset(
    {w.encode("ascii") for w in ENGLISH_STOPWORDS} | {bytes([c]) for c in _WORD_BYTES}
)


def terms(text: str) -> frozenset[str]:
    """The distinct words of ``text`` that :class:`SentenceVectors` would weigh."""
    return frozenset(analyze(text))


class SentenceTexts:
    """What one query's stages derive from its sentence texts, each derived once per distinct
    text: its words to weigh (for :class:`SentenceVectors`) and its content words, each word
    by its number."""

    def __init__(self) -> None:
        self._ids: dict[str, bytes] = {}  # text -> the numbers of its words, in order (int32)
        # word -> its number: a new word takes the next one (a counter, not the dict's own
        # length: that would be a reference cycle, left for the paused collector)
        self._numbers: defaultdict[str, int] = defaultdict(count().__next__)
        self._words: list[str] = []  # number -> word, as far as counts() needed them
        self._content: dict[str, frozenset[int]] = {}  # text -> its content words' numbers
        self._content_ids: dict[str, bytes] = {}  # text -> its content words' numbers (int32)
        self._content_numbers: defaultdict[str, int] = defaultdict(count().__next__)
        self._word_numbers = _WordNumbers(self._content_numbers)

    def learn(self, text: str, words: str, content: str) -> None:
        """Take a sentence's analysis as stored (:func:`sentence_analysis`'s two texts) instead
        of analyzing its text: a large query compares a few hundred thousand sentences, each
        stating its date (they are the ones stored analyzed), for both lists."""
        if text not in self._ids:
            self._ids[text] = array("i", map(self._numbers.__getitem__, words.split())).tobytes()
        if text not in self._content_ids:
            numbers = map(self._content_numbers.__getitem__, content.split())
            self._content_ids[text] = array("i", numbers).tobytes()

    def content_numbers(self, text: str) -> frozenset[int]:
        """The numbers of the content words of ``text`` (:func:`content_words`; those of
        :meth:`content_incidence`'s columns), remembered: a source is a candidate of many
        claims."""
        found = self._content.get(text)
        if found is None:
            found = self._content[text] = frozenset(array("i", self._content_numbers_of(text)))
        return found

    def content_incidence(self, sentences: Sequence[str]) -> Any:
        """Which content words (:func:`content_words`) each of ``sentences`` uses: a CSR array
        of ones, a row a sentence, a column a word (numbered for the query). Kept as numbers,
        not sets: a large query's dated sentences are a few hundred thousand."""
        rows = [self._content_numbers_of(s) for s in sentences]
        lengths = np.fromiter(map(len, rows), np.int64, len(rows)) // 4
        columns = np.frombuffer(b"".join(rows), np.int32)
        indptr = np.zeros(len(rows) + 1, np.int64)
        np.cumsum(lengths, out=indptr[1:])
        shape = (len(rows), len(self._content_numbers))
        return sp.csr_array((np.ones(columns.size, np.int32), columns, indptr), shape=shape)

    def _content_numbers_of(self, text: str) -> bytes:
        found = self._content_ids.get(text)
        if found is None:  # each word as written looked up once: its stem's number
            numbers = set(map(self._word_numbers.__getitem__, words_of(text)))
            numbers.discard(-1)  # the stopwords'
            found = self._content_ids[text] = array("i", numbers).tobytes()
        return found

    def word_ids(self, text: str) -> bytes:
        """The numbers of the words of ``text`` a TF-IDF vector weighs, in order, as int32
        bytes (a large query analyzes a few hundred thousand sentences)."""
        found = self._ids.get(text)
        if found is None:
            numbers, stop = self._numbers, ENGLISH_STOPWORDS  # analyze(text), inlined
            words = _TOKEN.findall(text.lower())
            ids = array("i", [numbers[w] for w in words if w not in stop])
            found = self._ids[text] = ids.tobytes()
        return found

    def counts(self, sentences: Sequence[str]) -> Any:
        """The word counts of ``sentences`` as ``CountVectorizer(dtype=float64)`` fitted on them
        lays them out (CSR), or None when they hold no word to weigh.

        The vectorizer numbers words in the order it first sees them, sorts each row's words
        by those numbers, then renumbers the columns in alphabetical order of the words
        (keeping each row's order): the floats made from the counts are summed in that order,
        so it is kept here to give the same bits.
        """
        rows = [self.word_ids(s) for s in sentences]
        lengths = np.fromiter(map(len, rows), np.int64, len(rows)) // 4
        ids = np.frombuffer(b"".join(rows), np.int32)
        if not ids.size:
            return None
        used, first, inverse = _unique(ids)
        width = len(used)
        by_sight = np.argsort(first, kind="stable")
        sight = np.empty(width, np.int64)
        sight[by_sight] = np.arange(width)
        cells = np.repeat(np.arange(len(rows), dtype=np.int64), lengths) * width + sight[inverse]
        del ids, inverse  # a large query's are tens of MB: freed before the cells are sorted
        cells, counts = np.unique(cells, return_counts=True)
        row_of, sight_of = np.divmod(cells, width)
        del cells
        if len(self._words) < len(self._numbers):
            self._words = list(self._numbers)  # numbered in insertion order
        words = [self._words[i] for i in used[by_sight].tolist()]
        alphabetical = np.empty(width, np.int32)
        alphabetical[sorted(range(width), key=words.__getitem__)] = np.arange(width, dtype=np.int32)
        indptr = np.zeros(len(rows) + 1, np.int32)
        np.cumsum(np.bincount(row_of, minlength=len(rows)), out=indptr[1:])
        return sp.csr_matrix(
            (counts.astype(np.float64), alphabetical[sight_of], indptr), shape=(len(rows), width)
        )

    def tfidf(self, sentences: Sequence[str]) -> Any:
        """The L2-normalized, sublinear TF-IDF matrix (CSR) of ``sentences``, IDF over them
        alone (``TfidfVectorizer(sublinear_tf=True)``'s); None when they hold no word to
        weigh."""
        counts = self.counts(sentences)
        if counts is not None:
            _weigh(counts)
        return counts


def _unique(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``np.unique(ids, return_index=True, return_inverse=True)`` of word numbers (small
    integers, at least 0): the numbers used, in order, the place each is first seen, and each
    place's number among those used. Made by indexing, not sorting: a large query's sentences
    hold a few million words (0.37 CPU-s sorted, 0.04 indexed)."""
    size = len(ids)
    first = np.full(int(ids.max()) + 1, size, np.int64)
    np.minimum.at(first, ids, np.arange(size, dtype=np.int64))
    used = np.flatnonzero(first < size).astype(ids.dtype)
    rank = np.zeros(len(first), np.int64)
    rank[used] = np.arange(len(used))
    return used, first[used], rank[ids]


class _WordNumbers(dict[str, int]):
    """A word as written -> the number of its content word (:func:`content_stem`), -1 for a
    stopword: one lookup a word instead of stemming it, then numbering the stem."""

    def __init__(self, numbers: defaultdict[str, int]) -> None:
        super().__init__()
        self._numbers = numbers

    def __missing__(self, word: str) -> int:
        stemmed = content_stem(word)
        number = self[word] = self._numbers[stemmed] if stemmed else -1
        return number


def _weigh(counts: Any) -> None:
    """Counts (CSR) to TF-IDF in place, as ``TfidfTransformer(sublinear_tf=True)`` does it,
    operation for operation: ``1 + log(count)`` times the smoothed IDF
    ``1 + log((n + 1) / (df + 1))``, each row divided by its L2 norm, its squares summed in the
    row's order (as its C loop does: numpy's sums pair them up, which rounds differently)."""
    rows, width = counts.shape
    indptr, data = counts.indptr, counts.data
    frequency = np.bincount(counts.indices, minlength=width).astype(np.float64)
    frequency += 1.0
    idf = np.full_like(frequency, fill_value=rows + 1, dtype=np.float64)
    idf /= frequency
    np.log(idf, out=idf)
    idf += 1.0
    np.log(data, data)
    data += 1.0
    data *= idf[counts.indices]
    lengths = np.diff(indptr)
    squares = data * data
    sums = np.zeros(rows)
    for place in range(int(lengths.max(initial=0))):
        longer = np.flatnonzero(lengths > place)
        sums[longer] += squares[indptr[longer] + place]
    data /= np.repeat(np.sqrt(sums), lengths)  # an empty row has no cell to divide


class SentenceVectors:
    """L2-normalized TF-IDF vectors of a fixed list of sentences; ``texts`` shares the
    analysis of each sentence with the query's other lists."""

    def __init__(self, sentences: Sequence[str], texts: SentenceTexts | None = None) -> None:
        self.matrix = (texts or SentenceTexts()).tfidf(sentences) if sentences else None

    def centroid(self, rows: Sequence[int]) -> np.ndarray | None:
        """The normalized mean vector of some rows."""
        if self.matrix is None or not rows:
            return None
        return _normalized(np.asarray(self.matrix[list(rows)].mean(axis=0)).ravel())

    def agreement(self, first: Sequence[int], second: Sequence[int]) -> np.ndarray | None:
        """Mean of two groups' centroids on the words both use (one alone if the other is empty)."""
        a, b = self.centroid(first), self.centroid(second)
        if a is None or b is None:
            return a if b is None else b
        shared = (a > 0) & (b > 0)
        if not shared.any():
            return _normalized(a + b)
        return _normalized(np.where(shared, a + b, 0.0))

    def similarity_to(self, row: int, vector: np.ndarray | None) -> float:
        """Cosine between a row and a (normalized) vector."""
        if self.matrix is None or vector is None:
            return 0.0
        return float(self.matrix[row].dot(vector)[0])

    def cosine(self, a: int, b: int) -> float:
        """Cosine between two rows."""
        if self.matrix is None:
            return 0.0
        return float(self.matrix[a].multiply(self.matrix[b]).sum())

    def cosines(self, pairs: Sequence[tuple[int, int]]) -> np.ndarray:
        """Cosines of many row pairs at once (slicing rows one by one is the slow part), a band
        of pairs at a time (a large query's conflicts compare a million pairs: the rows of all
        of them at once took hundreds of MB)."""
        found = np.zeros(len(pairs))
        if self.matrix is None:
            return found
        for start in range(0, len(pairs), PAIR_BAND):
            band = pairs[start : start + PAIR_BAND]
            first = [a for a, _ in band]
            second = [b for _, b in band]
            products = self.matrix[first].multiply(self.matrix[second])
            found[start : start + len(band)] = np.asarray(products.sum(axis=1)).ravel()
        return found

    def block(self, rows: Sequence[int], columns: Sequence[int]) -> np.ndarray:
        """Cosines of each of ``rows`` (one row each) with each of ``columns``, dense."""
        if self.matrix is None or not rows or not columns:
            return np.zeros((len(rows), len(columns)))
        return (self.matrix[list(rows)] @ self.matrix[list(columns)].T).toarray()

    def similarities(self, row: int, others: Sequence[int]) -> np.ndarray:
        """Cosines between one row and each of ``others``."""
        return self.cosines([(row, other) for other in others])


def _normalized(vector: np.ndarray) -> np.ndarray:
    norm = np.linalg.norm(vector)
    return vector / norm if norm else vector
