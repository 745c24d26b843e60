"""Score sentences. Each ranker takes the sentences' content terms and returns one score per
sentence (higher = more worth keeping).

TextRank follows Mihalcea & Tarau (2004) exactly as sumy implements it, so the two choose the
same sentences: edge weight = shared terms (counted with multiplicity, self-loops included) /
(log|Si| + log|Sj|), rows normalised, PageRank with damping 0.85 by power iteration until the
step is below 1e-4. The graph is built with one sparse matrix product instead of sumy's Python
double loop, which is what makes long documents fast.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .rank_news import news

DAMPING = 0.85
EPSILON = 1e-4
_ZERO_DIVISION_PREVENTION = 1e-7


def term_matrix(terms: Sequence[Sequence[str]]):
    """Sentence-by-term count matrix (scipy CSR)."""
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    indices: list[int] = []
    indptr = [0]
    for sentence_terms in terms:
        for term in sentence_terms:
            indices.append(vocabulary.setdefault(term, len(vocabulary)))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    matrix = csr_matrix(
        (data, np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
        shape=(len(terms), max(len(vocabulary), 1)),
    )
    matrix.sum_duplicates()
    return matrix


def textrank_weights(terms: Sequence[Sequence[str]]):
    """Row-normalised TextRank edge weights (sparse, n x n)."""
    counts = term_matrix(terms)
    overlap = (counts @ counts.T).tocoo()
    lengths = np.array([len(t) for t in terms], dtype=np.float64)
    logs = np.log(np.maximum(lengths, 1.0))
    norm = logs[overlap.row] + logs[overlap.col]
    # Two one-word sentences have norm log 1 + log 1 = 0: sumy then uses the raw overlap.
    values = np.where(
        np.isclose(norm, 0.0), overlap.data, overlap.data / np.where(norm == 0, 1, norm)
    )
    from scipy.sparse import csr_matrix

    weights = csr_matrix((values, (overlap.row, overlap.col)), shape=overlap.shape)
    row_sums = np.asarray(weights.sum(axis=1)).ravel() + _ZERO_DIVISION_PREVENTION
    inverse = 1.0 / row_sums
    weights = weights.multiply(inverse[:, None]).tocsr()
    return weights


def pagerank(weights, damping: float = DAMPING, epsilon: float = EPSILON) -> np.ndarray:
    """Power iteration on (1-d)/n + d*W, never forming the dense n x n matrix."""
    n = weights.shape[0]
    transposed = weights.T.tocsr()
    p = np.full(n, 1.0 / n)
    step = 1.0
    while step > epsilon:
        nxt = (1.0 - damping) / n * p.sum() + damping * (transposed @ p)
        step = float(np.linalg.norm(nxt - p))
        p = nxt
    return p


def textrank(terms: Sequence[Sequence[str]]) -> np.ndarray:
    """TextRank score of each sentence."""
    if not terms:
        return np.zeros(0)
    return pagerank(textrank_weights(terms))


def lead(terms: Sequence[Sequence[str]]) -> np.ndarray:
    """The lead baseline: earlier sentences score higher."""
    n = len(terms)
    return np.arange(n, 0, -1, dtype=np.float64) / max(n, 1)


RANKERS = {"textrank": textrank, "lead": lead, "news": news}
