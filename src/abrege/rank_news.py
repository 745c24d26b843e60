"""The default ranker for news: a learned mix of position, title, centrality and form.

Plain TextRank loses to "take the first two sentences" on French news, because journalists put
the gist first and centrality rewards long, repetitive body sentences instead. This ranker scores
each sentence from a few cheap features known to matter for news: where the sentence is (the
lead), how much it shares with the title, how central it is in the article (TF-IDF cosine to the
article's centroid, as in centroid summarisation), and its form (length, quotes, questions, a
trailing colon, digits, capitalised names). A logistic regression over these features and their
pairwise products (so that, say, title overlap can matter more in the lead than deep in the
body) predicts whether the greedy ROUGE oracle would pick the sentence. It is learned on the
OrangeSum training split by ``benchmarks/train_ranker.py`` and ships as ``data/news_ranker.json``;
scoring is one small matrix product in numpy, so the default stays in the milliseconds.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources

import numpy as np

from .tokenize import content_terms, words

MODEL_FILE = "data/news_ranker.json"
CLIP = 3.0

FEATURES = (
    "pos0",
    "pos1",
    "pos2",
    "pos3",
    "pos4",
    "pos5_9",
    "rel_pos",
    "log_words",
    "short",
    "long",
    "log_sentences",
    "centroid",
    "first_sim",
    "title_share",
    "title_cos",
    "quote",
    "question",
    "colon_end",
    "digits",
    "capitals",
)

_QUOTES = frozenset('«»"“”')


def features(
    texts: Sequence[str], terms: Sequence[Sequence[str]], title_terms: Sequence[str] = ()
) -> np.ndarray:
    """One row of :data:`FEATURES` per sentence."""
    n = len(texts)
    out = np.zeros((n, len(FEATURES)))
    if n == 0:
        return out
    vectors, idf = _tfidf(terms)
    centroid: Counter[str] = Counter()
    for vector in vectors:
        centroid.update(vector)
    title = _weigh(Counter(title_terms), idf, default=math.log(n + 1) + 1) if title_terms else {}
    title_set = set(title_terms)
    for i, text in enumerate(texts):
        row = out[i]
        if i < 5:
            row[i] = 1.0
        elif i < 10:
            row[5] = 1.0
        row[6] = i / n
        tokens = words(text)
        length = len(tokens)
        row[7] = math.log1p(length)
        row[8] = float(length < 8)
        row[9] = float(length > 45)
        row[10] = math.log(n)
        row[11] = _cosine(vectors[i], centroid)
        # Similarity to the lead sentence; 0 for the lead itself, which pos0 already marks
        # (a constant 1 there made the pairwise products collinear and the weights wild).
        row[12] = _cosine(vectors[i], vectors[0]) if i else 0.0
        if title_set:
            row[13] = len(title_set & set(terms[i])) / len(title_set)
            row[14] = _cosine(vectors[i], title)
        stripped = text.strip()
        row[15] = float(any(c in _QUOTES for c in stripped))
        row[16] = float(stripped.endswith("?"))
        row[17] = float(stripped.endswith(":"))
        row[18] = sum(c.isdigit() for c in text) / max(len(text), 1)
        row[19] = sum(t[:1].isupper() for t in tokens[1:]) / max(length - 1, 1)
    return out


def _tfidf(terms: Sequence[Sequence[str]]) -> tuple[list[dict[str, float]], dict[str, float]]:
    """TF-IDF vectors with IDF over the article's own sentences: no corpus statistics to ship,
    and what is rare within the article is what distinguishes its sentences."""
    n = len(terms)
    df: Counter = Counter()
    for sentence_terms in terms:
        df.update(set(sentence_terms))
    idf = {t: math.log((n + 1) / (d + 1)) + 1 for t, d in df.items()}
    return [_weigh(Counter(s), idf) for s in terms], idf


def _weigh(counts: Counter, idf: dict[str, float], default: float = 0.0) -> dict[str, float]:
    return {t: c * idf.get(t, default) for t, c in counts.items()}


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(t, 0.0) for t, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def expand(z: np.ndarray) -> np.ndarray:
    """Standardised features and all their pairwise products (squares included): what the
    logistic regression weighs. Shared with the training script so both see the same columns.

    Features are clipped to 3 standard deviations first: a sentence that repeats the title word
    for word lies far out in the tail, and an unclipped square there let a small learned
    curvature turn the best match into a penalty."""
    z = np.clip(z, -CLIP, CLIP)
    rows, cols = np.triu_indices(z.shape[1])
    return np.hstack([z, z[:, rows] * z[:, cols]])


@lru_cache(maxsize=1)
def model() -> dict:
    """The shipped model: ``{"with_title": {...}, "without_title": {...}, "budget": {...}}``, each
    weight set holding ``mean`` and ``scale`` of :data:`FEATURES` and ``weights`` and ``bias``
    over :func:`expand` of them; ``budget`` is the default length chosen on validation."""
    text = resources.files("abrege").joinpath(MODEL_FILE).read_text("utf-8")
    return json.loads(text)


def news(
    terms: Sequence[Sequence[str]], texts: Sequence[str], title: str | None = None
) -> np.ndarray:
    """Score of each sentence (higher = more summary-worthy): ``terms`` are the sentences'
    content terms, ``texts`` the sentences as written (the form features need them), ``title``
    the headline if known."""
    if not terms:
        return np.zeros(0)
    title_terms = content_terms(title) if title else []
    params = model()["with_title" if title_terms else "without_title"]
    x = features(texts, terms, title_terms)
    z = (x - np.asarray(params["mean"])) / np.asarray(params["scale"])
    return expand(z) @ np.asarray(params["weights"]) + float(params["bias"])


def default_budget() -> dict[str, int]:
    """The length used when the caller asks for none: ``{"sentences": K, "words": W}``."""
    return dict(model()["budget"])
