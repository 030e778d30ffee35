"""The rows of one TF-IDF matrix at least a cosine close to each row of another, exactly, without
the whole product: a large query's claims times its dated sentences.

The product of a block of claims with every dated sentence costs, for each word of a claim, as
many steps as sentences use that word: the common words make most of it, and grow with the
square of the matches. Yet common words weigh little, and few pairs come close. Order of work
(prefix filtering, as in all-pairs similarity search):

1. a sentence weighing a common word (used by ``COMMON_SHARE`` of the sentences or more) above
   ``HEAVY_WEIGHT`` (a short one), or whose common words' weights have a norm above
   ``HEAVY_MASS``, is *heavy*: few are, and they are scored whole, by the sparse product;
2. of the others, what a common word can add to a cosine is bounded by its weight in the claim
   times its largest weight in them, and (Cauchy-Schwarz) the words left out add at most the
   norm of their weights in the claim times the largest norm of a sentence's common words'
   weights. Of each claim's common words, the most used
   ones are left out while those bounds stay below ``least`` (less a margin for rounding); the
   claim's other words are its *probes*;
3. the product of the claims' probes alone with those sentences gives each pair's cosine over
   its probes; with the bound of the words left out added (tighter for a pair: that norm times
   the norm of the sentence's common words), a pair that still falls short of ``least`` cannot
   reach it, and is dropped;
4. the block's claims are scored exactly against the sentences left for any of them and the
   heavy ones: a sparse product over a few thousand sentences instead of all, which sums each
   cosine over the claim's words in the claim's order, as the whole product does (the same
   bits).

Of each claim, the sentences reaching ``least`` are yielded by column, with the cosines the
whole product ``claims @ sentences.T`` holds. The constants choose how the work is split, not
what is found.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import scipy.sparse as sp

#: Cells of a product made at once (32 MB of floats): a block of claims is this over the
#: sentences.
SCORE_CELLS = 4_000_000
#: A word used by this share of the sentences or more is common (chosen by timing a 1M
#: store's 5 % query: fewer common words leave more to the product, more leave more sentences
#: to score exactly; the products then cost about half the whole product's CPU).
COMMON_SHARE = 0.08
#: A sentence weighing a common word above this is scored whole (about 1 % of them), and one
#: whose common words' weights have a norm above HEAVY_MASS.
HEAVY_WEIGHT = 0.3
HEAVY_MASS = 0.5
#: What the bound of the words left out may reach below ``least``: far above the rounding of
#: a few hundred products, far below any cosine that matters.
_MARGIN = 1e-6


def close_rows(
    claims: sp.csr_matrix, sentences: sp.csr_matrix, least: float
) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
    """For each row of ``claims`` (in order): its number, the rows of ``sentences`` whose cosine
    with it (rows are L2-normalized vectors over the same columns) is at least ``least`` (> 0),
    in order, and those cosines, with the bits ``claims @ sentences.T`` gives them."""
    count = sentences.shape[0]
    users, common, heavy, largest, mass = _sentence_bounds(sentences)
    whole, rest = np.flatnonzero(heavy), np.flatnonzero(~heavy)
    root_mass = mass[rest]
    probes, left_out, norm_out = _probes(
        claims, users, common, largest, root_mass.max(initial=0.0), least
    )
    by_word_rest = sentences[rest].T.tocsr()
    block = max(1, SCORE_CELLS // max(count, 1))
    for first in range(0, claims.shape[0], block):
        rows = claims[first : first + block]
        _, pair_column = _possible(
            probes[first : first + block] @ by_word_rest,
            left_out[first : first + block],
            norm_out[first : first + block],
            root_mass,
            least,
        )
        # the block's claims times the sentences any of them may be close to: each cosine as
        # the whole product sums it (over the claim's words, in its order)
        scored = np.union1d(rest[pair_column], whole)
        scores = rows @ sentences[scored].T.tocsr()
        close = scores.data >= least
        ends = np.concatenate(([0], np.cumsum(close)))[scores.indptr]
        columns, cosines = scored[scores.indices[close]], scores.data[close]
        for offset in range(rows.shape[0]):
            cells = slice(ends[offset], ends[offset + 1])
            order = np.argsort(columns[cells])
            yield first + offset, columns[cells][order], cosines[cells][order]


def _sentence_bounds(
    sentences: sp.csr_matrix,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """How many sentences use each word, which words are common, which sentences are heavy
    (step 1), each word's largest weight in the others, and each sentence's norm of its common
    words' weights (its cells' rows and masks freed on return: a 1M store's are tens of MB)."""
    count = sentences.shape[0]
    cell_row = np.repeat(np.arange(count), np.diff(sentences.indptr))
    users = np.bincount(sentences.indices, minlength=sentences.shape[1])
    common = users >= COMMON_SHARE * count
    in_common = common[sentences.indices]
    mass = np.sqrt(
        np.bincount(cell_row[in_common], sentences.data[in_common] ** 2, minlength=count)
    )
    heavy = mass > HEAVY_MASS
    heavy[cell_row[in_common & (sentences.data > HEAVY_WEIGHT)]] = True
    light = ~heavy[cell_row]
    largest = np.zeros(sentences.shape[1])
    np.maximum.at(largest, sentences.indices[light], sentences.data[light])
    return users, common, heavy, largest, mass


def _possible(
    partial: sp.csr_matrix,
    left_out: np.ndarray,
    norm_out: np.ndarray,
    root_mass: np.ndarray,
    least: float,
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (rows, columns of ``partial``: cosines over the probes) that may reach
    ``least`` with what the words left out add at most (step 3): a row's bound first, over
    every pair, then the pair's own (the norm of the sentence's common words, ``root_mass``)
    over those left."""
    counts = np.diff(partial.indptr)
    maybe = np.flatnonzero(partial.data >= np.repeat(least - _MARGIN - left_out, counts))
    rows = np.searchsorted(partial.indptr, maybe, side="right") - 1
    columns = partial.indices[maybe].astype(np.int64)
    pair = norm_out[rows] * root_mass[columns]
    kept = partial.data[maybe] + pair >= least - _MARGIN
    return rows[kept], columns[kept]


def _probes(
    claims: sp.csr_matrix,
    users: np.ndarray,
    common: np.ndarray,
    largest: np.ndarray,
    most_mass: float,
    least: float,
) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray]:
    """The claims with their probe words only (step 2), and for each the two bounds of the
    words it left out: what they add at most, and the norm of their weights."""
    indptr, words, weights = claims.indptr, claims.indices, claims.data
    lengths = np.diff(indptr)
    row_of = np.repeat(np.arange(claims.shape[0]), lengths)
    order = np.lexsort((-users[words], row_of))  # each row's words, the most used first
    weight = weights[order]
    linear = _running(weight * largest[words[order]], indptr, lengths)
    norm = np.sqrt(_running(weight * weight, indptr, lengths))
    bound = np.minimum(linear, norm * most_mass)
    # common words come first: the words left out are a prefix of each row (bounds only grow)
    out = (bound < least - _MARGIN) & common[words[order]]
    left_out, norm_out = np.zeros(claims.shape[0]), np.zeros(claims.shape[0])
    np.maximum.at(left_out, row_of[out], bound[out])
    np.maximum.at(norm_out, row_of[out], norm[out])
    kept = order[~out]
    probes = sp.csr_matrix((weights[kept], (row_of[kept], words[kept])), shape=claims.shape)
    return probes, left_out, norm_out


def _running(values: np.ndarray, indptr: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Each row's running sum of ``values`` (cells laid out by ``indptr``)."""
    total = np.cumsum(values)
    opening = np.repeat(indptr[:-1], lengths)  # each cell's row's first cell
    return total - total[opening] + values[opening]
