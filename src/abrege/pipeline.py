"""The library entry points: text in, sentences or a summary out.

The data flow is prepare (segment -> clean -> tokenize) -> rank -> select; each step lives in
its own module, the methods in one registry (:mod:`abrege.methods`), and this one only wires
them together.
"""

from __future__ import annotations

from . import clean, select
from .errors import AbregeError
from .methods import DEFAULT_METHOD, NAMES, get
from .model import ScoredSentence, Summary
from .prepare import prepare, split_sentences

METHODS = NAMES

__all__ = ["DEFAULT_METHOD", "METHODS", "split_sentences", "summarize"]


def summarize(
    text: str,
    sentences: int | None = None,
    words: int | None = None,
    ratio: float | None = None,
    method: str = DEFAULT_METHOD,
    title: str | None = None,
) -> Summary:
    """Summarise a French article by extracting its most summary-worthy sentences.

    ``method``: a name of :data:`abrege.METHODS`: ``"news"`` (default; learned from French
    news, uses ``title`` when given), ``"textrank"`` (textbook, as sumy), ``"lead"`` (the first
    sentences), and sumy's ``"lexrank"``, ``"lsa"``, ``"luhn"``, ``"kl"``, ``"sumbasic"``.

    Length: ``sentences`` (at most that many), ``words`` (a word budget; the best sentence is
    kept even if longer), ``ratio`` (a share of the sentences left once repeats and junk are set
    aside). When several are given, the tightest wins. With none, the method's default length
    (``abrege.methods.get(method).default_length()``: for "news" the one that scored best on
    validation, read from its shipped model).

    Raises :class:`AbregeError` when the text has no sentence to summarise or an option is
    invalid.
    """
    _check_budget(sentences, words, ratio)
    chosen_method = get(method)
    prepared = prepare(text)
    candidates = prepared.sentences
    if not candidates:
        raise AbregeError("no sentence found")
    scores = chosen_method.scorer(prepared, title)
    if sentences is None and words is None and ratio is None:
        length = chosen_method.default_length()
        sentences, words = length.sentences, length.words
    chosen = select.choose(prepared.texts, scores, sentences, words, ratio)
    return Summary(
        sentences=tuple(
            ScoredSentence(
                index=candidates[i].index,
                text=candidates[i].text,
                start=candidates[i].start,
                end=candidates[i].end,
                score=float(scores[i]),
            )
            for i in chosen
        ),
        method=method,
        warnings=clean.language_warnings(prepared.keys),
    )


def _check_budget(sentences: int | None, words: int | None, ratio: float | None) -> None:
    if sentences is not None and sentences < 1:
        raise AbregeError("sentences must be at least 1")
    if words is not None and words < 1:
        raise AbregeError("words must be at least 1")
    if ratio is not None and not 0 < ratio <= 1:
        raise AbregeError("ratio must be in (0, 1]")
