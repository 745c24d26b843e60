"""The library entry points: text in, sentences or a summary out.

The data flow is prepare (segment -> clean -> tokenize) -> rank -> select; each step lives in
its own module, the methods in one registry (:mod:`abrege.methods`), and this one only wires
them together.
"""

from __future__ import annotations

from . import clean, select
from .errors import AbregeError
from .keywords import keyphrases
from .methods import DEFAULT_METHOD, NAMES, get
from .model import Analysis, ScoredSentence, Summary
from .page import not_an_article
from .prepare import prepare, split_sentences

METHODS = NAMES

__all__ = [
    "DEFAULT_METHOD",
    "METHODS",
    "analyse",
    "split_sentences",
    "summarize",
    "summarize_url",
]


def summarize(
    text: str,
    sentences: int | None = None,
    words: int | None = None,
    ratio: float | None = None,
    method: str = DEFAULT_METHOD,
    title: str | None = None,
    require_article: bool = False,
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

    ``title``, the headline, is never itself a summary sentence. ``require_article``: the text
    comes from a web page, which may be a home page, a list or a template rather than an
    article; such a text is refused (:func:`abrege.page.not_an_article`).

    Raises :class:`AbregeError` when the text has no sentence to summarise, is not an article
    (with ``require_article``) or an option is invalid.
    """
    return analyse(
        text, sentences, words, ratio, method, title, require_article=require_article
    ).summary


def analyse(
    text: str,
    sentences: int | None = None,
    words: int | None = None,
    ratio: float | None = None,
    method: str = DEFAULT_METHOD,
    title: str | None = None,
    keywords: int = 0,
    require_article: bool = False,
) -> Analysis:
    """:func:`summarize`, keeping what a report shows beside the summary: the score of every
    sentence that was ranked (not only the chosen ones) and, when ``keywords`` > 0, that many
    keyphrases, all from one preparation of the text (no second split, no second ranking)."""
    check_budget(sentences, words, ratio)
    chosen_method = get(method)
    prepared = prepare(text, title)
    if require_article:
        reason = not_an_article(prepared)
        if reason:
            raise AbregeError(f"no article found in the page ({reason})")
    candidates = prepared.sentences
    if not candidates:
        raise AbregeError("no sentence found")
    scores = chosen_method.scorer(prepared, title)
    if sentences is None and words is None and ratio is None:
        length = chosen_method.default_length()
        sentences, words = length.sentences, length.words
    chosen = select.choose(
        prepared.texts, scores, sentences, words, ratio, chosen_method.zero_means_never
    )
    scored = tuple(
        ScoredSentence(index=s.index, text=s.text, start=s.start, end=s.end, score=float(scores[i]))
        for i, s in enumerate(candidates)
    )
    summary = Summary(
        sentences=tuple(scored[i] for i in chosen),
        method=method,
        warnings=clean.language_warnings(prepared.keys),
    )
    found = tuple(keyphrases(prepared, keywords, title)) if keywords > 0 else ()
    return Analysis(text=text, summary=summary, scored=scored, keywords=found, title=title)


def summarize_url(
    url: str,
    sentences: int | None = None,
    words: int | None = None,
    ratio: float | None = None,
    method: str = DEFAULT_METHOD,
    title: str | None = None,
    timeout: float | None = None,
    max_bytes: int | None = None,
) -> Summary:
    """:func:`summarize` the article of the web page at ``url`` (fetched by
    :func:`abrege.fetch.read_url`: ``timeout`` in seconds, default 20; ``max_bytes``, default
    5 MB). The page's headline is the title unless ``title`` is given; a page that holds no
    article is refused. Offsets refer to the page's article text (``read_url(url).text``).
    Raises :class:`AbregeError` with a one-line reason."""
    from .fetch import read_url  # urllib only for callers who fetch
    from .read import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT

    article = read_url(
        url,
        DEFAULT_TIMEOUT if timeout is None else timeout,
        DEFAULT_MAX_BYTES if max_bytes is None else max_bytes,
    )
    return summarize(
        article.text,
        sentences,
        words,
        ratio,
        method,
        title if title is not None else article.title,
        require_article=article.page,
    )


def check_budget(sentences: int | None, words: int | None, ratio: float | None) -> None:
    """Refuse a length no summary can have, before any work (also before a Dask job starts)."""
    if sentences is not None and sentences < 1:
        raise AbregeError("sentences must be at least 1")
    if words is not None and words < 1:
        raise AbregeError("words must be at least 1")
    if ratio is not None and not 0 < ratio <= 1:
        raise AbregeError("ratio must be in (0, 1]")
