"""sumy, offline and in French: a tokenizer sumy's parsers accept, sumy's summarisers configured
with our stemmer and stop words, and their sentence ratings as abrege scores.

sumy's own French setup needs nltk's punkt download and stems with nltk's pure-Python Snowball;
here sentences come from :func:`abrege.segment.sentence_spans`, words from
:func:`abrege.tokenize.words`, stems from PyStemmer (Snowball's current French algorithm, in C,
cached; nltk's older port differs on 81 of the 31,387 words of the validation articles).
sumy itself (and nltk, which it imports: about 2 s) is imported only when a sumy method is used.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from . import tokenize
from .errors import AbregeError
from .segment import sentence_spans

# Our name -> (sumy module, class name).
SUMMARIZERS = {
    "textrank": ("sumy.summarizers.text_rank", "TextRankSummarizer"),
    "lexrank": ("sumy.summarizers.lex_rank", "LexRankSummarizer"),
    "lsa": ("sumy.summarizers.lsa", "LsaSummarizer"),
    "luhn": ("sumy.summarizers.luhn", "LuhnSummarizer"),
    "kl": ("sumy.summarizers.kl", "KLSummarizer"),
    "sumbasic": ("sumy.summarizers.sum_basic", "SumBasicSummarizer"),
}


class SumyTokenizer:
    """French tokenizer for sumy's parsers (``PlaintextParser.from_string(text, SumyTokenizer())``):
    abrege's sentence segmenter and word splitter, no download needed."""

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(paragraph[start:end] for start, end in sentence_spans(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(tokenize.words(sentence))


def sumy_summarizer(name: str):
    """sumy's summariser ``name`` (textrank, lexrank, lsa, luhn, kl, sumbasic) with abrege's
    French stemmer and stop words. Call it as sumy documents: ``summarizer(document, 3)``."""
    try:
        module_name, class_name = SUMMARIZERS[name]
    except KeyError:
        raise AbregeError(
            f"unknown sumy summarizer {name!r} (choose from {', '.join(SUMMARIZERS)})"
        ) from None
    import importlib

    summarizer = getattr(importlib.import_module(module_name), class_name)(tokenize.stem)
    summarizer.stop_words = tokenize.STOP_WORDS
    return summarizer


def sumy_document(texts: Sequence[str]):
    """A sumy document whose sentences are exactly ``texts`` (one paragraph, no heading): how
    abrege hands its own segmentation to sumy, whatever the line structure of the article."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    tokenizer = SumyTokenizer()
    return ObjectDocumentModel([Paragraph([Sentence(text, tokenizer) for text in texts])])


def sumy_scores(name: str, texts: Sequence[str]) -> np.ndarray:
    """One score per sentence from sumy's summariser ``name``: its own sentence ratings, the
    numbers its ``__call__`` sorts by, so choosing the best k reproduces sumy's choice.

    ``texts`` must be distinct (sumy keys ratings by sentence text); abrege's clean step
    guarantees it.
    """
    summarizer = sumy_summarizer(name)
    document = sumy_document(texts)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratings = _RATINGS[name](summarizer, document)
    scores = np.array([float(ratings[s]) for s in document.sentences], dtype=np.float64)
    # LexRank rates every sentence NaN when all idf are 0 (e.g. two sentences without a shared
    # term): sumy then keeps article order, as all-zero scores do. NaN is not valid JSON.
    return np.nan_to_num(scores, nan=0.0)


# How to get each summariser's ratings: these mirror the first lines of each sumy ``__call__``
# (sumy does not expose them as one method), so a sumy upgrade that changes them shows up in
# tests/test_sumy.py, which compares our choice with sumy's own ``__call__`` for every method.


def _textrank_ratings(summarizer, document) -> dict:
    return summarizer.rate_sentences(document)


def _lexrank_ratings(summarizer, document) -> dict:
    words = [summarizer._to_words_set(s) for s in document.sentences]
    tf = summarizer._compute_tf(words)
    idf = summarizer._compute_idf(words)
    matrix = summarizer._create_matrix(words, summarizer.threshold, tf, idf)
    return dict(
        zip(document.sentences, summarizer.power_method(matrix, summarizer.epsilon), strict=True)
    )


def _lsa_ratings(summarizer, document) -> dict:
    dictionary = summarizer._create_dictionary(document)
    if not dictionary:  # only stop words: sumy returns nothing, every sentence ties
        return dict.fromkeys(document.sentences, 0.0)
    import warnings

    with warnings.catch_warnings():
        # "fewer words than sentences": expected on short inputs, not the user's concern.
        warnings.simplefilter("ignore", UserWarning)
        matrix = summarizer._create_matrix(document, dictionary)
    matrix = summarizer._compute_term_frequency(matrix)
    _u, sigma, v = np.linalg.svd(matrix, full_matrices=False)
    return dict(zip(document.sentences, summarizer._compute_ranks(sigma, v), strict=True))


def _luhn_ratings(summarizer, document) -> dict:
    significant = summarizer._get_significant_words(document.words)
    return {s: summarizer.rate_sentence(s, significant) for s in document.sentences}


def _greedy_ratings(summarizer, document) -> dict:
    """KL and SumBasic pick sentences one by one; the rating is minus the pick order."""
    return summarizer._compute_ratings(document.sentences)


_RATINGS: dict[str, Callable] = {
    "textrank": _textrank_ratings,
    "lexrank": _lexrank_ratings,
    "lsa": _lsa_ratings,
    "luhn": _luhn_ratings,
    "kl": _greedy_ratings,
    "sumbasic": _greedy_ratings,
}
