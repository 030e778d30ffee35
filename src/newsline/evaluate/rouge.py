"""ROUGE-1 and ROUGE-2 counts as tilse's reimplemented ROUGE computes them.

tilse (Martschat & Markert 2017) ships an approximate ROUGE, ``RougeReimplementation``, that the
timeline metrics in :mod:`newsline.evaluate.tls` are built on. This module reproduces it:

1. split each sentence on whitespace (the text is expected to be tokenized already);
2. lowercase, and drop a token if it is a SMART stopword or one of ``. , ; : `` '' - "``;
3. Porter-stem what is left (NLTK's variant, :mod:`newsline.evaluate.rouge_porter`);
4. flatten the summary into one token stream, so bigrams run across sentence boundaries;
5. count clipped n-gram matches against every reference and sum them.

With ``r`` references, precision is ``hits / (r * predicted n-grams)`` and recall is
``hits / (reference n-grams summed over references)``: the "raw" average of ROUGE-1.5.5 that
tilse uses.

:func:`approximate_rouge_1_f` is a second, cruder score tilse uses only to align dates: no
lowercasing, stemming or stopwords, and a token is dropped when it occurs *as a substring* of
``string.punctuation`` (so ``,`` and ``()`` go, ``--`` stays), a quirk kept for agreement.
"""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsline.evaluate.rouge_porter import porter_stem
from newsline.stopwords import SMART_STOPWORDS

#: The punctuation tokens tilse's ROUGE ignores besides stopwords (PTB quotes included).
ROUGE_PUNCTUATION = frozenset({".", ",", ";", ":", "``", "''", "-", '"'})


@dataclass(frozen=True, slots=True)
class RougeCounts:
    """Clipped n-gram matches and the two denominators of ROUGE precision and recall."""

    hits: float
    predicted: int
    reference: int

    def __add__(self, other: RougeCounts) -> RougeCounts:
        return RougeCounts(
            self.hits + other.hits,
            self.predicted + other.predicted,
            self.reference + other.reference,
        )

    def weighted(self, weight: float) -> RougeCounts:
        """The same counts with the matches scaled, as align weighs them by date distance."""
        return RougeCounts(weight * self.hits, self.predicted, self.reference)

    @property
    def precision(self) -> float:
        return self.hits / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.hits / self.reference if self.reference else 0.0


ZERO = RougeCounts(0, 0, 0)


class RougeTokenizer:
    """Turns summaries into ROUGE tokens, remembering the stem of every word it has seen.

    One tokenizer is meant to live for one evaluation run; the cache makes stemming a
    benchmark's worth of summaries cheap.
    """

    def __init__(self, stem: bool = True, stopwords: frozenset[str] = SMART_STOPWORDS) -> None:
        self.stem = stem
        self.ignored = stopwords | ROUGE_PUNCTUATION
        self._stems: dict[str, str] = {}

    def tokens(self, sentences: Iterable[str]) -> tuple[str, ...]:
        """The stemmed content tokens of a summary, all sentences in one stream."""
        out = []
        for sentence in sentences:
            for token in sentence.split():
                lowered = token.lower()
                if lowered not in self.ignored:
                    out.append(self._stem(lowered))
        return tuple(out)

    def _stem(self, word: str) -> str:
        if not self.stem:
            return word
        stem = self._stems.get(word)
        if stem is None:
            stem = self._stems[word] = porter_stem(word)
        return stem


def ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    """Counts of the contiguous n-grams of a token stream."""
    return Counter(zip(*(tokens[i:] for i in range(n)), strict=False))


def rouge_counts(
    predicted: Counter[tuple[str, ...]], references: Sequence[Counter[tuple[str, ...]]]
) -> RougeCounts:
    """ROUGE-n counts of predicted n-grams against each reference's n-grams, summed."""
    hits = sum(min(count, ref[gram]) for ref in references for gram, count in predicted.items())
    return RougeCounts(
        hits,
        len(references) * predicted.total(),
        sum(ref.total() for ref in references),
    )


def approximate_rouge_1_f(predicted: Sequence[str], references: Sequence[Sequence[str]]) -> float:
    """tilse's rough ROUGE-1 F1 of one summary against references, used to price alignments."""
    pred = Counter(t for s in predicted for t in s.split() if t not in string.punctuation)
    refs = [Counter(t for s in ref for t in s.split() if t not in string.punctuation)
            for ref in references]  # fmt: skip
    match = sum(min(count, ref[tok]) for tok, count in pred.items() for ref in refs)
    pred_total = len(refs) * pred.total()
    ref_total = sum(ref.total() for ref in refs)
    precision = match / pred_total if pred_total else 0
    recall = match / ref_total if ref_total else 0
    if precision + recall == 0:
        return 0
    return 2 * precision * recall / (precision + recall)
