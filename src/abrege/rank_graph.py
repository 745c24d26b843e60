"""The default ranker: TextRank over the article's sentence graph, biased by a learned prior.

Plain TextRank loses to "take the first two sentences" on French news: journalists put the gist
first, and centrality alone rewards long, repetitive body sentences. A learned model of position
and form alone fits one newsroom's habits. This ranker keeps TextRank's random walk at its core
and lets what is known about news decide where the walk restarts (a personalised, or biased,
PageRank, as in PositionRank (Florescu & Caragea 2017) and Biased TextRank (Kazemi et al. 2020)):

1. The graph: sentences linked by the cosine of their TF-IDF vectors (IDF over the article's
   own sentences, so nothing about any corpus's vocabulary is shipped); fragments take no part
   in the walk (:func:`prose_graph`).
2. The prior: boosted trees learned to rank an article's sentences (LightGBM's LambdaRank,
   evaluated here with numpy, see :mod:`abrege.trees`) over two kinds of features. Features of
   structure: position (counted among prose sentences, so a heading or a stray fragment
   before the lead does not shift it), length, similarity to the article's centroid, to the
   lead and to the title, the sentence's plain TextRank and PositionRank centrality and its
   degree in the graph, its form (quotes, question, digits, names, a fragment without final
   punctuation, an opening pronoun or connective that leans on the sentence before), and
   whether the lead itself looks like a hook (short, a question, off-topic). And the common
   words of French news (:func:`word_keys`): which frequent words and word pairs the sentence
   holds and which word opens it ("selon", "a annoncé", "mais"...). Only words and pairs found
   in at least 200 training sentences are known, so the model reads how news is written, not
   which topics one newsroom covered (admitting rarer words scored lower on validation). The
   softmax of the trees' scores over the article's sentences is the teleport distribution.
3. The walk: ``p = (1 - d) * prior + d * Mᵀ p``, solved exactly (one n x n linear solve), with
   ``M`` the row-normalised graph and ``d`` the damping chosen on validation. ``d = 0`` would be
   the prior alone, ``d = 0.85`` with a uniform prior plain TextRank on this graph. Where
   validation chooses ``d = 0`` for a weight set, the graph enters through the prior's
   centrality features only. A fragment scores 0 (:func:`walk`).

Learned by ``benchmarks/train_ranker.py`` on OrangeSum train and shipped as
``data/graph_ranker.json.gz`` (the trees as plain lists); scoring an article is a few numpy
steps per tree level and one small linear solve (about a millisecond).
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from itertools import chain, count
from typing import Any

import numpy as np

from .clean import Candidates
from .rank import DAMPING as TEXTRANK_DAMPING  # the plain TextRank feature: Mihalcea & Tarau's
from .tokenize import content_terms, words
from .trees import Forest

MODEL_FILE = "data/graph_ranker.json.gz"
BLOCK = 256  # sentences scored at a time: the word columns of a long text stay small
DENSE_LIMIT = 500  # sentences; beyond, the graph is kept factored (memory linear in the text)
_MAX_ITERATIONS = 1000
PROSE_WORDS = 6  # a sentence shorter than this, or without final punctuation, is a fragment
_FINAL = tuple('.!?…»"”)')
_QUOTE = re.compile('[«»"“”]')
_DIGIT = re.compile(r"\d")
# First words that make a sentence lean on the one before it (anaphora, connectives): French
# grammar, not any newsroom's vocabulary.
_PRONOUNS = frozenset(
    "il elle ils elles ce cet cette ces celui celle ceux celles cela ça on lui leur y en".split()
)
_CONNECTIVES = frozenset(
    "mais et or donc pourtant cependant toutefois néanmoins ainsi aussi enfin puis alors car "
    "d'ailleurs ailleurs également".split()
)
# Two-word openers: "plus" or "outre" alone open many plain sentences ("Plus de 300 ...").
_CONNECTIVE_PAIRS = frozenset(("par ailleurs", "en effet", "de plus", "en outre", "en revanche"))

FEATURES = (
    "pos0",
    "pos1",
    "pos2",
    "pos3",
    "pos4",
    "pos5_9",
    "rel_pos",
    "fragment",
    "log_words",
    "short",
    "long",
    "log_sentences",
    "centroid",
    "first_sim",
    "textrank",
    "degree",
    "title_share",
    "title_cos",
    "quote",
    "question",
    "digits",
    "capitals",
    "lead_words",
    "lead_question",
    "lead_centroid",
    "starts_pronoun",
    "starts_connective",
    "stop_share",
    "mean_idf",
    "position_rank",
)


def score(candidates: Candidates, title: str | None = None) -> np.ndarray:
    """Score of each prepared sentence (:func:`abrege.prepare.prepare`; higher = more
    summary-worthy): its weight in the biased PageRank. ``title``: the headline, when known."""
    return scores(candidates.texts, candidates.terms(), title)


def scores(
    texts: Sequence[str],
    terms: Sequence[Sequence[str]],
    title: str | None = None,
    damping: float | None = None,
) -> np.ndarray:
    """:func:`score` from the sentences' texts and content terms; ``damping`` overrides the
    shipped one (0 gives the learned prior alone)."""
    if not texts:
        return np.zeros(0)
    title_terms = content_terms(title) if title else []
    key = "with_title" if title_terms else "without_title"
    x, walked = walk_graph(texts, terms, title_terms)
    d = model()[key]["damping"] if damping is None else damping
    return walk(x, walked, prior(x, texts, key), d)


def walk(x: np.ndarray, graph: Graph, teleport: np.ndarray, damping: float) -> np.ndarray:
    """The sentences' scores: their mass in the biased PageRank over ``graph`` (from
    :func:`walk_graph`), except that a fragment scores 0 (never chosen, see
    :mod:`abrege.select`) unless the text has nothing else: "Mystère, par définition !" says
    nothing alone, yet fits any word budget left with a few words."""
    p = biased_pagerank(graph, teleport, damping)
    fragment = x[:, FEATURES.index("fragment")] > 0
    return p if fragment.all() else np.where(fragment, 0.0, p)


def walk_graph(
    texts: Sequence[str], terms: Sequence[Sequence[str]], title_terms: Sequence[str] = ()
) -> tuple[np.ndarray, Graph]:
    """The :func:`features` of the sentences and the graph the walk follows
    (:func:`prose_graph`): what training chooses the damping on, as serving uses them."""
    x, similarity = features(texts, terms, title_terms)
    return x, prose_graph(similarity, x[:, FEATURES.index("fragment")] > 0)


def prose_graph(similarity: Graph, fragment: np.ndarray) -> Graph:
    """The graph the walk follows: ``similarity`` without the edges of fragments (under
    :data:`PROSE_WORDS` words or without final punctuation). A short heading or caption that
    repeats the lead's words would otherwise draw the lead's mass (a cosine does not care how
    short a sentence is), which is how TextRank comes to prefer fragments on web pages; a
    fragment keeps only what the prior gives it."""
    if not fragment.any():
        return similarity
    keep = (~fragment).astype(np.float64)
    if isinstance(similarity, FactoredGraph):
        from scipy.sparse import diags

        return FactoredGraph((diags(keep) @ similarity.unit).tocsr())
    return similarity * keep[:, None] * keep[None, :]


def prior(x: np.ndarray, texts: Sequence[str], key: str) -> np.ndarray:
    """The learned teleport distribution: the softmax, over the article's sentences, of the
    trees' score of each (rows of :data:`FEATURES` in ``x``, words read from ``texts``), for
    the weight set ``key`` (``with_title`` or ``without_title``)."""
    forest, columns, known = _learned(key)
    n = len(texts)
    logit = np.empty(n)
    for low in range(0, n, BLOCK):
        high = min(n, low + BLOCK)
        block = np.zeros((high - low, len(columns) + known.size))
        block[:, : len(columns)] = x[low:high, columns]
        for row, text in enumerate(texts[low:high]):
            block[row, known.columns(text)] = 1.0
        logit[low:high] = forest.predict(block)
    weights = np.exp(logit - logit.max())
    return weights / weights.sum()


def word_keys(text: str) -> set[str]:
    """The word features of a sentence: each word (``w:``), each pair of adjacent words
    (``b:``) and the opening word (``f:``), lowercased. The model knows only the common ones."""
    tokens = [w.lower() for w in words(text)]
    keys = {"w:" + w for w in tokens}
    keys.update(f"b:{a} {b}" for a, b in zip(tokens, tokens[1:]))
    if tokens:
        keys.add("f:" + tokens[0])
    return keys


class KnownWords:
    """The word features a model reads, each with its column: :func:`word_keys` restricted to
    them, looked up without building every key of the sentence (a third of the prior's time)."""

    def __init__(self, keys: Sequence[str], first_column: int) -> None:
        self.size = len(keys)
        self.words: dict[str, int] = {}
        self.pairs: dict[tuple[str, str], int] = {}
        self.openers: dict[str, int] = {}
        for j, key in enumerate(keys, start=first_column):
            kind, _, value = key.partition(":")
            if kind == "w":
                self.words[value] = j
            elif kind == "b":
                first, _, second = value.partition(" ")
                self.pairs[first, second] = j
            else:
                self.openers[value] = j

    def columns(self, text: str) -> list[int]:
        """The columns of the known features of ``text`` (a column may repeat)."""
        tokens = [w.lower() for w in words(text)]
        if not tokens:
            return []
        get_word, get_pair = self.words.get, self.pairs.get
        found = [c for c in map(get_word, tokens) if c is not None]
        found += [c for c in map(get_pair, zip(tokens, tokens[1:])) if c is not None]
        opener = self.openers.get(tokens[0])
        return found if opener is None else [*found, opener]


@lru_cache(maxsize=2)
def _learned(key: str) -> tuple[Forest, list[int], KnownWords]:
    """The trees of weight set ``key``, the :data:`FEATURES` columns they read (by name, so the
    model file says which it uses) and the word features they read, in the columns after."""
    params = model()[key]
    columns = [FEATURES.index(name) for name in params["features"]]
    known = KnownWords(params["words"], len(columns))
    return Forest.from_dict(params["trees"]), columns, known


class FactoredGraph:
    """The sentence graph of a long text, never formed: similarity ``S = U Uᵀ`` with a zero
    diagonal, from the sparse unit TF-IDF rows ``U``. A frequent term links most pairs of
    sentences, so the n x n matrix grows with the square of the text (10,000 sentences: 800 MB)
    while ``U`` grows with its words; products with ``S`` go through ``U`` twice."""

    def __init__(self, unit) -> None:
        self.unit = unit
        self.self_similarity = np.asarray(unit.multiply(unit).sum(axis=1)).ravel()

    def times(self, v: np.ndarray) -> np.ndarray:
        return self.unit @ (self.unit.T @ v) - self.self_similarity * v

    def column(self, j: int) -> np.ndarray:
        e = np.zeros(self.unit.shape[0])
        e[j] = 1.0
        return self.times(e)


Graph = np.ndarray | FactoredGraph


def biased_pagerank(similarity: Graph, prior: np.ndarray, damping: float) -> np.ndarray:
    """Stationary distribution of the walk that follows an edge (chosen in proportion to its
    weight) with probability ``damping`` and restarts at a sentence drawn from ``prior``
    otherwise. A sentence linked to nothing restarts from the prior. Solved exactly on an
    article; by power iteration (to 1e-12) on a long text's factored graph."""
    n = len(prior)
    if damping <= 0 or n == 1:
        return prior
    if isinstance(similarity, FactoredGraph):
        return _iterated_pagerank(similarity, prior, damping)
    totals = similarity.sum(axis=1)
    transition = np.where(
        totals[:, None] > 0, similarity / np.where(totals > 0, totals, 1.0)[:, None], prior
    )
    system = np.eye(n) - damping * transition.T
    return np.linalg.solve(system, (1.0 - damping) * prior)


def _iterated_pagerank(graph: FactoredGraph, prior: np.ndarray, damping: float) -> np.ndarray:
    # S is symmetric, so Mᵀp = S (p / totals), plus the prior times the mass on dead ends.
    totals = graph.times(np.ones(len(prior)))
    linked = totals > 0
    inverse = np.where(linked, 1.0 / np.where(linked, totals, 1.0), 0.0)
    p = prior.copy()
    for _ in range(_MAX_ITERATIONS):
        step = graph.times(p * inverse) + prior * p[~linked].sum()
        following = (1.0 - damping) * prior + damping * step
        change = np.abs(following - p).sum()
        p = following
        if change <= 1e-12:
            break
    return p


def features(
    texts: Sequence[str], terms: Sequence[Sequence[str]], title_terms: Sequence[str] = ()
) -> tuple[np.ndarray, Graph]:
    """One row of :data:`FEATURES` per sentence, and the sentence graph (TF-IDF cosine, zero
    diagonal) that the walk follows."""
    n = len(texts)
    out = np.zeros((n, len(FEATURES)))
    column = {name: k for k, name in enumerate(FEATURES)}
    vectors, title_vector, title_absent, idf = _tfidf(terms, title_terms)
    if isinstance(vectors, np.ndarray):
        norms = np.sqrt((vectors * vectors).sum(axis=1))
        unit = vectors / np.where(norms > 0, norms, 1.0)[:, None]
        matrix = unit @ unit.T
        np.fill_diagonal(matrix, 0.0)
        similarity: Graph = matrix
        centroid = vectors.sum(axis=0)
        present_terms = (vectors > 0).sum(axis=1)
        idf_sums = (vectors > 0) @ idf
        column_of = lambda j: matrix[:, j]  # noqa: E731
        degree = matrix.sum(axis=1)
    else:  # a long text: sparse rows, and the graph stays factored
        from scipy.sparse import diags

        norms = np.sqrt(np.asarray(vectors.multiply(vectors).sum(axis=1)).ravel())
        unit = diags(1.0 / np.where(norms > 0, norms, 1.0)) @ vectors
        factored = FactoredGraph(unit.tocsr())
        similarity = factored
        centroid = np.asarray(vectors.sum(axis=0)).ravel()
        present = vectors.copy()
        present.data = np.ones_like(present.data)
        present_terms = np.asarray(present.sum(axis=1)).ravel()
        idf_sums = present @ idf
        column_of = factored.column
        degree = factored.times(np.ones(n))
    centroid_norm = math.sqrt(float(centroid @ centroid))
    to_centroid = unit @ centroid / centroid_norm if centroid_norm else np.zeros(n)

    tokens = [words(t) for t in texts]
    lengths = np.array([len(w) for w in tokens], dtype=np.float64)
    stripped = [t.strip() for t in texts]
    fragment = np.array(
        [length < PROSE_WORDS or not s.endswith(_FINAL) for length, s in zip(lengths, stripped)]
    )
    # Position among prose sentences: a heading or a fragment before the lead does not move it.
    prose_rank = np.cumsum(~fragment) - (~fragment)
    for k in range(5):
        out[:, column[f"pos{k}"]] = (prose_rank == k) & ~fragment
    out[:, column["pos5_9"]] = (prose_rank >= 5) & (prose_rank < 10) & ~fragment
    out[:, column["rel_pos"]] = np.arange(n) / n
    out[:, column["fragment"]] = fragment
    out[:, column["log_words"]] = np.log1p(lengths)
    out[:, column["short"]] = lengths < 8
    out[:, column["long"]] = lengths > 45
    out[:, column["log_sentences"]] = math.log(n)
    out[:, column["centroid"]] = to_centroid
    lead = int(np.argmax(~fragment)) if (~fragment).any() else 0
    # Similarity to the lead; 0 for the lead itself, which pos0 already marks.
    out[:, column["first_sim"]] = column_of(lead)
    out[:, column["textrank"]] = n * biased_pagerank(
        similarity, np.full(n, 1.0 / n), TEXTRANK_DAMPING
    )
    out[:, column["degree"]] = degree / max(n - 1, 1)
    if len(title_terms):
        title_set = set(title_terms)
        out[:, column["title_share"]] = [
            len(title_set.intersection(t)) / len(title_set) for t in terms
        ]
        title_norm = math.sqrt(float(title_vector @ title_vector) + title_absent**2)
        if title_norm:
            out[:, column["title_cos"]] = unit @ title_vector / title_norm
    out[:, column["quote"]] = [_QUOTE.search(t) is not None for t in texts]
    out[:, column["question"]] = [s.endswith("?") for s in stripped]
    out[:, column["digits"]] = [len(_DIGIT.findall(t)) / max(len(t), 1) for t in texts]
    out[:, column["capitals"]] = [
        sum(w[:1].isupper() for w in sentence[1:]) / max(length - 1, 1)
        for sentence, length in zip(tokens, lengths)
    ]
    first_words = [w[:2] for w in tokens]
    out[:, column["starts_pronoun"]] = [bool(w) and w[0].lower() in _PRONOUNS for w in first_words]
    out[:, column["starts_connective"]] = [
        bool(w) and (w[0].lower() in _CONNECTIVES or " ".join(w).lower() in _CONNECTIVE_PAIRS)
        for w in first_words
    ]
    out[:, column["stop_share"]] = 1.0 - np.fromiter(map(len, terms), float, n) / np.maximum(
        lengths, 1
    )
    out[:, column["mean_idf"]] = idf_sums / np.maximum(present_terms, 1)
    out[:, column["position_rank"]] = n * biased_pagerank(
        similarity, _position_prior(n), TEXTRANK_DAMPING
    )
    # Whether the lead is a hook rather than the gist: short, a question, or off the topic.
    out[:, column["lead_words"]] = math.log1p(lengths[lead])
    out[:, column["lead_question"]] = stripped[lead].endswith("?")
    out[:, column["lead_centroid"]] = to_centroid[lead]
    return out, similarity


def _position_prior(n: int) -> np.ndarray:
    """PositionRank's teleport: in proportion to 1 / (position + 1)."""
    weights = 1.0 / np.arange(1, n + 1)
    return weights / weights.sum()


def _tfidf(terms: Sequence[Sequence[str]], title_terms: Sequence[str]) -> tuple:
    """TF-IDF vectors of the sentences and of the title over the article's terms, with IDF over
    the article's own sentences: what is rare within the article distinguishes its sentences.
    Title terms absent from the article meet no sentence: they only count in the title's norm
    (the returned float), with the IDF of a term of no sentence."""
    n = len(terms)
    flat = list(chain.from_iterable(terms))
    vocabulary = dict(zip(dict.fromkeys(flat), count()))
    width = max(len(vocabulary), 1)
    lengths = np.fromiter(map(len, terms), dtype=np.int64, count=n)
    columns = np.fromiter(map(vocabulary.__getitem__, flat), dtype=np.int64, count=len(flat))
    rows = np.repeat(np.arange(n), lengths)
    counts: Any  # a dense array on an article, scipy CSR on a long text
    if n <= DENSE_LIMIT:
        counts = np.bincount(rows * width + columns, minlength=n * width).reshape(n, width)
        df = (counts > 0).sum(axis=0)
    else:
        from scipy.sparse import csr_matrix

        data = np.ones(len(flat))
        counts = csr_matrix((data, (rows, columns)), shape=(n, width))  # duplicates summed
        df = np.bincount(counts.indices, minlength=width)
    idf = np.log((n + 1) / (df + 1)) + 1.0
    title = np.zeros(width)
    known = [vocabulary[t] for t in title_terms if t in vocabulary]
    if known:
        np.add.at(title, known, 1.0)
    absent = [c for t, c in Counter(title_terms).items() if t not in vocabulary]
    absent_norm = math.sqrt(sum(c * c for c in absent)) * (math.log(n + 1) + 1.0)
    weighted = counts * idf if isinstance(counts, np.ndarray) else counts.multiply(idf).tocsr()
    return weighted, title * idf, absent_norm, idf


@lru_cache(maxsize=1)
def model() -> dict:
    """The shipped model: ``budget`` (the default length chosen on validation) and two weight
    sets, ``with_title`` and ``without_title``, each naming the ``features`` and the ``words``
    its ``trees`` read (in that column order), and the ``damping`` of its walk."""
    data = resources.files("abrege").joinpath(MODEL_FILE).read_bytes()
    return json.loads(gzip.decompress(data))


def default_budget() -> dict[str, int]:
    """The length used when the caller asks for none: ``{"sentences": K, "words": W}``."""
    return dict(model()["budget"])
