"""Lexical sentence similarity: TF-IDF vectors, centroids and cosines (scikit-learn)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

# The words SentenceVectors compares: lowercase, two characters or more, English stopwords out.
_ANALYZER = CountVectorizer(lowercase=True, stop_words="english").build_analyzer()


def terms(text: str) -> frozenset[str]:
    """The distinct words of ``text`` that :class:`SentenceVectors` would weigh."""
    return frozenset(_ANALYZER(text))


class SentenceVectors:
    """L2-normalized TF-IDF vectors of a fixed list of sentences."""

    def __init__(self, sentences: Sequence[str]) -> None:
        self.matrix = None
        if sentences:
            vectorizer = TfidfVectorizer(lowercase=True, stop_words="english", sublinear_tf=True)
            try:
                self.matrix = vectorizer.fit_transform(sentences).tocsr()
            except ValueError:  # only stopwords: nothing to compare
                self.matrix = None

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
