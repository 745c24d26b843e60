"""Score sentences: one score per sentence, higher = more worth keeping.

TextRank follows Mihalcea & Tarau (2004) exactly as sumy 0.13 computes it, so the two choose the
same sentences: edge weight = shared terms (counted with multiplicity, self-loops included) /
(log|Si| + log|Sj|), rows normalised, PageRank with damping 0.85 by power iteration until the
step is below 1e-4. That stopping rule is loose (scores are ~1% off the fixed point), so
matching sumy's choice among close sentences means running the same iteration, not solving for
the fixed point.

Where sumy loops over sentence pairs in Python, the overlaps here come from one product of the
term-by-sentence count matrix with itself. Up to :data:`DENSE_LIMIT` sentences the n x n matrix
is then formed with sumy's own NumPy operations, so the scores are bit-for-bit sumy's (even its
last-bit noise between identical sentences). Beyond, nothing n x n is formed at all (see
:func:`_grouped_textrank`): the same chain, scores equal to sumy's within floating-point
rounding (1e-14 relative), memory linear in the text.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from itertools import chain, count

import numpy as np

DAMPING = 0.85
EPSILON = 1e-4
_ZERO_DIVISION_PREVENTION = 1e-7
DENSE_LIMIT = 500  # sentences; beyond, the grouped path is as fast and its memory linear
_BLAS_THREADED_FROM = 2304 * 4  # matrix cells: OpenBLAS's threshold for a threaded product
# Sentences² x distinct terms under which counts are a dense array multiplied by BLAS: it then
# runs on one thread (OpenBLAS's threshold), and beats scipy's fixed costs on a news article.
_SMALL_PRODUCT = 65_536 * 4


def _counts(terms: Sequence[Sequence[str]], lengths: np.ndarray, dense_allowed: bool):
    """Sentence-by-term count matrix: a dense array when allowed and small (no scipy import, no
    sparse overhead on a news article), else scipy CSR."""
    n = len(terms)
    flat = list(chain.from_iterable(terms))
    vocabulary = dict(zip(dict.fromkeys(flat), count()))
    columns = np.fromiter(map(vocabulary.__getitem__, flat), dtype=np.int64, count=len(flat))
    rows = np.repeat(np.arange(n), lengths)
    width = max(len(vocabulary), 1)
    if dense_allowed and n * n * width <= _SMALL_PRODUCT:
        cells = np.bincount(rows * width + columns, minlength=n * width)
        return cells.reshape(n, width).astype(np.float64)
    from scipy.sparse import csr_matrix

    data = np.ones(len(flat), dtype=np.float64)
    return csr_matrix((data, (rows, columns)), shape=(n, width))  # duplicates are summed


def textrank(terms: Sequence[Sequence[str]]) -> np.ndarray:
    """TextRank score of each sentence, given each sentence's content terms."""
    n = len(terms)
    if n == 0:
        return np.zeros(0)
    lengths = np.fromiter(map(len, terms), dtype=np.int64, count=n)
    # math.log as sumy uses it (NumPy's vectorised log may differ in the last bit). An empty
    # sentence shares no term, so its value never reaches a weight.
    logs = np.array([math.log(k) if k else 0.0 for k in lengths.tolist()])
    dense = n <= DENSE_LIMIT
    counts = _counts(terms, lengths, dense_allowed=dense)
    if dense:
        overlap = counts @ counts.T
        if not isinstance(overlap, np.ndarray):
            overlap = overlap.toarray()
        return _dense_textrank(overlap, logs)
    return _grouped_textrank(counts.tocsr(), lengths, logs)


def _dense_textrank(overlap: np.ndarray, logs: np.ndarray) -> np.ndarray:
    """sumy's matrix and power method, operation for operation (in place where sumy allocates:
    the same roundings, a third of the memory)."""
    n = len(logs)
    norm = logs[:, None] + logs[None, :]
    # sumy: no shared term -> 0 (0 / norm is 0 too); two one-term sentences (norm log 1 + log 1
    # = 0) -> the raw overlap; else overlap / norm. Lengths are whole, so norm is 0 or >= log 2.
    weights = overlap
    np.divide(weights, norm, out=weights, where=norm != 0)
    del norm
    weights /= weights.sum(axis=1)[:, np.newaxis] + _ZERO_DIVISION_PREVENTION
    weights *= DAMPING  # sumy: full((n, n), (1 - d) / n) + d * weights
    weights += (1.0 - DAMPING) / n
    transposed = weights.T
    if n * n < _BLAS_THREADED_FROM:
        return _power_iteration(lambda p: np.dot(transposed, p), n)
    # OpenBLAS splits larger products over threads: on a busy machine (or with one abrege per
    # core) each of the hundreds of small products then waits for a descheduled thread, 10 to
    # 50 times slower. One thread gives the same bits (each output has one thread either way).
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1, user_api="blas"):
        return _power_iteration(lambda p: np.dot(transposed, p), n)


def _grouped_textrank(counts, lengths: np.ndarray, logs: np.ndarray) -> np.ndarray:
    """The same Markov chain without forming the sentence-by-sentence weights, whose number of
    non-zeros grows with the square of the length when a frequent term (the verb "a" is in 40%
    of news sentences) links most pairs.

    Weights are S = (C Cᵀ) / (log|Si| + log|Sj|), and W = D⁻¹S row-normalised, so the step is
    p' = (1-d)/n * sum(p) + d * S(D⁻¹p), S symmetric. The denominator only depends on the two
    lengths, which take few distinct values: grouping sentences by length, S x is
    sum over lengths L of (1 / (log|Si| + log L)) * (C (Cᵀ x_L)), with x_L the part of x on
    sentences of L terms. One bincount and one sparse product per step, linear in the terms of
    the text times the number of distinct lengths; memory stays that of C plus a few
    n x (lengths) arrays: 10,000 news sentences take under 100 MB.
    """
    n = len(lengths)
    distinct, group = np.unique(lengths, return_inverse=True)  # length 0 groups nothing
    distinct_logs = np.array([math.log(k) if k else 0.0 for k in distinct.tolist()])
    norm = logs[:, None] + distinct_logs[None, :]
    factor = np.ones_like(norm)  # a zero norm (one-term sentences): sumy keeps the raw overlap
    np.divide(1.0, norm, out=factor, where=norm != 0)
    width = len(distinct)
    # Cᵀ x_L for every L at once: each stored count C[i, t] adds C[i, t] * x[i] to cell
    # (t, group of i), one bincount over the stored counts.
    entry_rows = np.repeat(np.arange(n), np.diff(counts.indptr))
    cells = counts.indices.astype(np.int64) * width + group[entry_rows]
    size = counts.shape[1] * width

    def similarity_times(x: np.ndarray) -> np.ndarray:
        by_term = np.bincount(cells, weights=counts.data * x[entry_rows], minlength=size)
        return np.einsum("ij,ij->i", counts @ by_term.reshape(-1, width), factor)

    inverse = 1.0 / (similarity_times(np.ones(n)) + _ZERO_DIVISION_PREVENTION)
    teleport = (1.0 - DAMPING) / n
    return _power_iteration(
        lambda p: teleport * p.sum() + DAMPING * similarity_times(p * inverse), n
    )


def _power_iteration(advance: Callable[[np.ndarray], np.ndarray], n: int) -> np.ndarray:
    """Iterate from the uniform vector until a step's Euclidean norm is at most EPSILON (as
    sumy: ``np.linalg.norm`` of a vector is ``sqrt(x.dot(x))``, computed here directly)."""
    p = np.full(n, 1.0 / n)
    while True:
        following = advance(p)
        difference = following - p
        p = following
        if math.sqrt(difference.dot(difference)) <= EPSILON:
            return p


def lead(n: int) -> np.ndarray:
    """The lead baseline over ``n`` sentences: earlier sentences score higher (news puts the
    gist first). It reads no word, so it is not given any."""
    return np.arange(n, 0, -1, dtype=np.float64) / max(n, 1)
