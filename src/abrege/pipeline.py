"""The library entry points: text in, sentences or a summary out.

The data flow is segment -> clean -> tokenize -> rank -> select; each step lives in its own
module, and this one only wires them together.
"""

from __future__ import annotations

from . import clean, rank, rank_news, select
from .errors import AbregeError
from .model import ScoredSentence, Sentence, Summary
from .segment import sentence_spans

METHODS = (*rank.METHODS, "news")
DEFAULT_METHOD = "news"


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` with their offsets: ``s.text == text[s.start:s.end]``."""
    return [
        Sentence(index=i, text=text[start:end], start=start, end=end)
        for i, (start, end) in enumerate(sentence_spans(text))
    ]


def summarize(
    text: str,
    sentences: int | None = None,
    words: int | None = None,
    ratio: float | None = None,
    method: str = DEFAULT_METHOD,
    title: str | None = None,
) -> Summary:
    """Summarise a French article by extracting its most summary-worthy sentences.

    ``method``: ``"news"`` (default; learned from French news, uses ``title`` when given),
    ``"textrank"`` (textbook, as sumy), ``"lead"`` (the first sentences), and sumy's
    ``"lexrank"``, ``"lsa"``, ``"luhn"``, ``"kl"``, ``"sumbasic"``.

    Length: ``sentences`` (at most that many), ``words`` (a word budget; the best sentence is
    kept even if longer), ``ratio`` (a share of the sentences left once repeats and junk are set
    aside). When several are given, the tightest wins. With none, "news" uses the length
    that scored best on validation (``rank_news.default_budget()``: 2 sentences, about 55
    words, as shipped); the other methods 3 sentences.

    Raises :class:`AbregeError` when the text has no sentence to summarise or an option is
    invalid.
    """
    _check_budget(sentences, words, ratio)
    if method not in METHODS:
        raise AbregeError(f"unknown method {method!r} (choose from {', '.join(METHODS)})")
    kept = clean.candidates(split_sentences(text))
    candidates = kept.sentences
    if not candidates:
        raise AbregeError("no sentence found")
    texts = [s.text for s in candidates]
    if method == "news":
        scores = rank_news.news(kept.terms(), texts, title)
        if sentences is None and words is None and ratio is None:
            budget = rank_news.default_budget()
            sentences, words = budget["sentences"], budget["words"]
    else:
        scores = rank.score(method, texts, kept.terms)
    chosen = select.choose(texts, scores, sentences, words, ratio)
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
        warnings=clean.language_warnings(kept.keys),
    )


def _check_budget(sentences: int | None, words: int | None, ratio: float | None) -> None:
    if sentences is not None and sentences < 1:
        raise AbregeError("sentences must be at least 1")
    if words is not None and words < 1:
        raise AbregeError("words must be at least 1")
    if ratio is not None and not 0 < ratio <= 1:
        raise AbregeError("ratio must be in (0, 1]")
