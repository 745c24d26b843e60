"""Score sentences: one score per sentence, higher = more worth keeping.

TextRank follows Mihalcea & Tarau (2004) exactly as sumy 0.13 computes it, so the two choose the
same sentences: edge weight = shared terms (counted with multiplicity, self-loops included) /
(log|Si| + log|Sj|), rows normalised, PageRank with damping 0.85 by power iteration until the
step is below 1e-4. That stopping rule is loose (scores are ~1% off the fixed point), so
matching sumy's choice among close sentences means running the same iteration, not solving for
the fixed point.

Where sumy loops over sentence pairs in Python, the overlaps here come from one product of the
term-by-sentence count matrix with itself. Up to :data:`DENSE_LIMIT` sentences the n x n matrix
is then formed with sumy's own NumPy operations, so the scores are bit-for-bit sumy's (ties
included). Beyond, nothing n x n is ever dense: the weights stay sparse and each iteration is
one sparse product, linear in the number of linked pairs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from itertools import chain, count

import numpy as np

from . import tokenize

DAMPING = 0.85
EPSILON = 1e-4
_ZERO_DIVISION_PREVENTION = 1e-7
DENSE_LIMIT = 2_000  # sentences; the dense n x n float matrices then take 32 MB each
_SMALL_CELLS = 250_000  # sentences x distinct terms under which counts are a dense array


def _counts(terms: Sequence[Sequence[str]], dense_allowed: bool):
    """Sentence-by-term count matrix: a dense array when allowed and small (no scipy import, no
    sparse overhead on a news article), else scipy CSR."""
    n = len(terms)
    flat = list(chain.from_iterable(terms))
    vocabulary = dict(zip(dict.fromkeys(flat), count()))
    columns = np.fromiter(map(vocabulary.__getitem__, flat), dtype=np.int64, count=len(flat))
    lengths = np.fromiter(map(len, terms), dtype=np.int64, count=n)
    rows = np.repeat(np.arange(n), lengths)
    width = max(len(vocabulary), 1)
    if dense_allowed and n * width <= _SMALL_CELLS:
        cells = np.bincount(rows * width + columns, minlength=n * width)
        return cells.reshape(n, width).astype(np.float64)
    from scipy.sparse import csr_matrix

    data = np.ones(len(flat), dtype=np.float64)
    return csr_matrix((data, (rows, columns)), shape=(n, width))  # duplicates are summed


def _log_lengths(terms: Sequence[Sequence[str]]) -> np.ndarray:
    # math.log as sumy uses it (NumPy's vectorised log may differ in the last bit). An empty
    # sentence shares no term, so its value never reaches a weight.
    return np.array([math.log(len(t)) if t else 0.0 for t in terms])


def textrank(terms: Sequence[Sequence[str]]) -> np.ndarray:
    """TextRank score of each sentence, given each sentence's content terms."""
    n = len(terms)
    if n == 0:
        return np.zeros(0)
    dense = n <= DENSE_LIMIT
    counts = _counts(terms, dense_allowed=dense)
    overlap = counts @ counts.T
    logs = _log_lengths(terms)
    if dense:
        if not isinstance(overlap, np.ndarray):
            overlap = overlap.toarray()
        return _dense_textrank(overlap, logs)
    return _sparse_textrank(overlap.tocsr(), logs)


def _dense_textrank(overlap: np.ndarray, logs: np.ndarray) -> np.ndarray:
    """sumy's matrix and power method, operation for operation."""
    n = len(logs)
    norm = logs[:, None] + logs[None, :]
    # sumy: no shared term -> 0; two one-term sentences (norm log 1 + log 1 = 0) -> the raw
    # overlap; else overlap / norm. Lengths are whole numbers, so norm is 0 or >= log 2.
    with np.errstate(divide="ignore", invalid="ignore"):
        weights = np.where(overlap == 0, 0.0, np.where(norm == 0, overlap, overlap / norm))
    weights /= weights.sum(axis=1)[:, np.newaxis] + _ZERO_DIVISION_PREVENTION
    transition = np.full((n, n), (1.0 - DAMPING) / n) + DAMPING * weights
    transposed = transition.T
    return _power_iteration(lambda p: np.dot(transposed, p), n)


def _sparse_textrank(overlap, logs: np.ndarray) -> np.ndarray:
    """The same Markov chain without the dense matrix: p' = (1-d)/n * sum(p) + d * Wᵀp, and as
    W = D⁻¹S with S symmetric, Wᵀp = S(D⁻¹p): no transpose is built. Values are computed in
    place on the product's own arrays so peak memory stays near one copy of the linked pairs."""
    n = len(logs)
    overlap.sort_indices()
    rows = np.repeat(np.arange(n, dtype=np.int32), np.diff(overlap.indptr))
    norm = logs[rows]
    norm += logs[overlap.indices]
    del rows
    nonzero = norm != 0
    np.divide(overlap.data, norm, out=overlap.data, where=nonzero)
    del norm, nonzero
    inverse = 1.0 / (np.asarray(overlap.sum(axis=1)).ravel() + _ZERO_DIVISION_PREVENTION)
    teleport = (1.0 - DAMPING) / n
    return _power_iteration(lambda p: teleport * p.sum() + DAMPING * (overlap @ (p * inverse)), n)


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


def lead(count: int) -> np.ndarray:
    """The lead baseline: earlier sentences score higher (news puts the gist first)."""
    return np.arange(count, 0, -1, dtype=np.float64) / max(count, 1)


# Methods computed by sumy's own summarisers through abrege's French tokenizer.
SUMY_METHODS = ("lexrank", "lsa", "luhn", "kl", "sumbasic")
METHODS = ("textrank", "lead", *SUMY_METHODS)


def score(method: str, texts: Sequence[str]) -> np.ndarray:
    """Scores of the sentences ``texts`` (distinct, in article order) by ``method``."""
    if method == "textrank":
        return textrank([tokenize.content_terms(text) for text in texts])
    if method == "lead":
        return lead(len(texts))
    if method in SUMY_METHODS:
        from .sumy_bridge import sumy_scores

        return sumy_scores(method, texts)
    raise ValueError(f"unknown method {method!r}")
