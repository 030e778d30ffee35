"""Lexical sentence similarity: TF-IDF vectors, centroids and cosines (scikit-learn).

A query vectorizes several lists of its sentences (the aligner's claims and candidates, the
dated claims that may conflict, the chosen entries' sentences), each weighed by its own IDF.
:class:`SentenceTexts` analyzes each distinct sentence once for all of them; each list's vectors
are the ones a ``TfidfVectorizer`` fitted on that list alone gives (it is one, given the
analyzed words).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from newsline.stages.clean_text import content_words

# The words SentenceVectors compares: lowercase, two characters or more, English stopwords out.
_ANALYZER = CountVectorizer(lowercase=True, stop_words="english").build_analyzer()


def terms(text: str) -> frozenset[str]:
    """The distinct words of ``text`` that :class:`SentenceVectors` would weigh."""
    return frozenset(_ANALYZER(text))


class SentenceTexts:
    """What one query's stages derive from its sentence texts, each derived once per distinct
    text: its words to weigh (for :class:`SentenceVectors`) and its content words."""

    def __init__(self) -> None:
        self._words: dict[str, tuple[str, ...]] = {}
        self._content: dict[str, set[str]] = {}

    def content_words(self, text: str) -> set[str]:
        """:func:`~newsline.stages.clean_text.content_words` of ``text`` (shared: do not change)."""
        found = self._content.get(text)
        if found is None:
            found = self._content[text] = content_words(text)
        return found

    def words(self, text: str) -> tuple[str, ...]:
        """The words of ``text`` a TF-IDF vector weighs, in order (shared: do not change)."""
        found = self._words.get(text)
        if found is None:  # one string per word, however many sentences use it
            found = self._words[text] = tuple(map(sys.intern, _ANALYZER(text)))
        return found

    def tfidf(self, sentences: Sequence[str]) -> Any:
        """The L2-normalized, sublinear TF-IDF matrix (CSR) of ``sentences``, IDF over them
        alone; None when they hold no word to weigh."""
        vectorizer = TfidfVectorizer(analyzer=self.words, sublinear_tf=True)
        try:
            return vectorizer.fit_transform(sentences).tocsr()
        except ValueError:  # only stopwords: nothing to compare
            return None


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
        """Cosines of many row pairs at once (slicing rows one by one is the slow part)."""
        if self.matrix is None or not pairs:
            return np.zeros(len(pairs))
        first = [a for a, _ in pairs]
        second = [b for _, b in pairs]
        products = self.matrix[first].multiply(self.matrix[second])
        return np.asarray(products.sum(axis=1)).ravel()

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
