"""TextRank: sumy's scores bit for bit on the dense path, the same choices on the sparse path
that long documents take, and the lead baseline."""

from __future__ import annotations

import random
import subprocess
import sys

import numpy as np
import pytest
from conftest import SEEDS
from sumy.summarizers.text_rank import TextRankSummarizer

from abrege import methods, rank, select
from abrege.errors import AbregeError
from abrege.pipeline import summarize
from abrege.sumy_bridge import sumy_document

VOCABULARY = [f"t{chr(97 + i)}" for i in range(26)]  # a small vocabulary: many links and ties


def random_terms(rng: random.Random, count: int) -> list[list[str]]:
    """Sentences as term lists, with the shapes that matter: empty, one term, repeats,
    identical sentences (exact ties)."""
    sentences: list[list[str]] = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.05:
            sentences.append([])
        elif roll < 0.1:
            sentences.append([rng.choice(VOCABULARY)])
        elif roll < 0.15 and sentences:
            sentences.append(list(rng.choice(sentences)))
        else:
            sentences.append(rng.choices(VOCABULARY, k=rng.randint(2, 14)))
    return sentences


def sumy_ratings(terms: list[list[str]]) -> np.ndarray:
    """sumy's own TextRank matrix and power method on sentences whose words are the terms (no
    stemmer, no stop words), by position: sumy's ``rate_sentences`` returns a dict keyed by
    sentence text, which would merge identical sentences."""
    document = sumy_document([" ".join(t) for t in terms])
    summarizer = TextRankSummarizer()
    return summarizer.power_method(summarizer._create_matrix(document), summarizer.epsilon)


@pytest.mark.parametrize("seed", range(40))
def test_textrank_is_sumys_textrank_bit_for_bit(seed):
    rng = random.Random(seed)
    terms = random_terms(rng, rng.randint(1, 60))
    assert np.array_equal(rank.textrank(terms), sumy_ratings(terms))


@pytest.mark.parametrize("count", [120, 400])
def test_textrank_is_sumys_bit_for_bit_where_blas_would_use_threads(count):
    # From about 96 sentences OpenBLAS splits sumy's products over threads; abrege runs them
    # on one thread (see rank._dense_textrank) and must still give the same bits.
    terms = random_terms(random.Random(count), count)
    assert np.array_equal(rank.textrank(terms), sumy_ratings(terms))


def test_textrank_of_nothing_is_empty():
    assert rank.textrank([]).shape == (0,)


def test_identical_sentences_tie_exactly_on_sparse_path_and_the_earlier_is_chosen(monkeypatch):
    # (On the dense path sumy's matrix-vector product may differ in the last bit between two
    # identical rows; abrege reproduces that, and its clean step removes such repeats anyway.)
    monkeypatch.setattr(rank, "DENSE_LIMIT", 0)
    terms = [["ta", "tb"], ["tc", "td", "ta"], ["ta", "tb"], ["te"]]
    scores = rank.textrank(terms)
    assert scores[0] == scores[2]
    for k in range(1, 5):
        chosen = select.choose(["a", "b", "c", "d"], scores, sentences=k)
        assert 2 not in chosen or 0 in chosen


def test_the_sentence_linking_the_others_ranks_first():
    terms = [["ta", "tb"], ["ta", "tb", "tc"], ["tb", "tc"], ["td", "tb"]]
    assert rank.textrank(terms).argmax() == 1


@pytest.mark.parametrize("seed", range(10))
def test_sparse_path_agrees_with_dense_path(seed, monkeypatch):
    rng = random.Random(seed)
    terms = random_terms(rng, rng.randint(2, 300))
    dense = rank.textrank(terms)
    monkeypatch.setattr(rank, "DENSE_LIMIT", 0)
    sparse = rank.textrank(terms)
    np.testing.assert_allclose(sparse, dense, rtol=1e-12, atol=0)
    texts = [str(i) for i in range(len(terms))]
    for k in (1, 2, 3, 5):
        assert select.choose(texts, sparse, k) == select.choose(texts, dense, k)


def test_scipy_counts_give_the_same_scores_as_dense_counts(monkeypatch):
    terms = random_terms(random.Random(7), 120)
    dense_counts = rank.textrank(terms)
    monkeypatch.setattr(rank, "_SMALL_PRODUCT", 0)
    assert np.array_equal(rank.textrank(terms), dense_counts)


def test_scipy_counts_keep_every_sentence_when_the_last_ones_have_no_term(monkeypatch):
    # The sparse count matrix must be n rows and as wide as the vocabulary even when its last
    # rows are empty (its shape cannot be inferred from the entries).
    terms = [*random_terms(random.Random(8), 60), [], []]
    dense_counts = rank.textrank(terms)
    monkeypatch.setattr(rank, "_SMALL_PRODUCT", 0)
    monkeypatch.setattr(rank, "DENSE_LIMIT", 0)
    sparse = rank.textrank(terms)
    assert sparse.shape == (62,)
    np.testing.assert_allclose(sparse, dense_counts, rtol=1e-12, atol=0)


def test_long_document_on_sparse_path_keeps_identical_sentences_tied():
    rng = random.Random(3)
    terms = random_terms(rng, 2_500)
    terms[2_400] = list(terms[10])
    scores = rank.textrank(terms)
    assert len(scores) == 2_500 and np.all(np.isfinite(scores)) and np.all(scores > 0)
    assert scores[2_400] == scores[10]


def test_lead_prefers_earlier_sentences():
    scores = rank.lead(4)
    assert list(np.argsort(-scores, kind="stable")) == [0, 1, 2, 3]
    assert list(scores) == [1.0, 0.75, 0.5, 0.25]  # shown in JSON: the share of the text left
    assert list(rank.lead(1)) == [1.0]
    assert rank.lead(0).shape == (0,)


def test_unknown_method_is_refused_with_the_registry_names():
    with pytest.raises(AbregeError, match="unknown method 'pagerank'.*textrank"):
        methods.get("pagerank")
    with pytest.raises(AbregeError, match="unknown method 'pagerank'"):
        summarize("Une phrase de test assez longue pour compter.", method="pagerank")


def test_textrank_on_an_article_imports_neither_scipy_nor_sumy():
    """The CLI's start-up cost: a news article takes the NumPy-only path."""
    code = (
        "import sys, abrege;"
        f"abrege.summarize(open({str(SEEDS[0])!r}, encoding='utf-8').read(), method='textrank');"
        "print(sorted(m for m in ('scipy', 'sumy', 'nltk') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
