"""The one registry of ranking methods: name -> how it scores sentences and how long its
summary is when the caller asks for no length.

The pipeline, the command line (``-m`` choices and help), ``abrege evaluate`` (``--compare``)
and the sumy bridge all read this table, so adding a method is one entry here and nothing else.
A scorer takes the prepared sentences (:func:`abrege.prepare.prepare`) and the headline, and
returns one score per sentence, higher = more worth keeping.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import rank, rank_graph
from .clean import Candidates
from .errors import AbregeError
from .sumy_bridge import SUMMARIZERS, sumy_scores

Scorer = Callable[[Candidates, "str | None"], np.ndarray]


@dataclass(frozen=True)
class Length:
    """A summary length: at most ``sentences`` sentences and about ``words`` words (None: no
    limit of that kind)."""

    sentences: int | None = None
    words: int | None = None

    def describe(self) -> str:
        parts = []
        if self.sentences is not None:
            parts.append(f"{self.sentences} sentence{'s' if self.sentences > 1 else ''}")
        if self.words is not None:
            parts.append(f"about {self.words} words")
        return ", ".join(parts) or "every sentence"


@dataclass(frozen=True)
class Method:
    """A ranking method. ``default_length`` is a function so that a learned method can read its
    length from its shipped model (chosen on validation) only when asked."""

    name: str
    description: str
    scorer: Scorer
    default_length: Callable[[], Length]
    uses_title: bool = False
    zero_means_never: bool = False  # a 0 score never tops up a word budget (abrege.select)


def _fixed(sentences: int) -> Callable[[], Length]:
    return lambda: Length(sentences=sentences)


def _news_length() -> Length:
    budget = rank_graph.default_budget()
    return Length(sentences=budget["sentences"], words=budget["words"])


def _sumy(name: str) -> Scorer:
    return lambda prepared, title: sumy_scores(name, prepared.texts)


DEFAULT_SENTENCES = 3

_METHODS = (
    Method(
        "news",
        "TextRank biased by a prior learned from French news (position, title, form, words)",
        rank_graph.score,
        _news_length,
        uses_title=True,
        zero_means_never=True,
    ),
    Method(
        "textrank",
        "textbook TextRank (Mihalcea & Tarau 2004), the same choice as sumy's",
        lambda prepared, title: rank.textrank(prepared.terms()),
        _fixed(DEFAULT_SENTENCES),
    ),
    Method(
        "lead",
        "the first sentences (the baseline news is measured against)",
        lambda prepared, title: rank.lead(len(prepared.sentences)),
        _fixed(DEFAULT_SENTENCES),
    ),
    *(
        Method(
            name,
            f"sumy's {name} with abrege's French words",
            _sumy(name),
            _fixed(DEFAULT_SENTENCES),
        )
        for name in SUMMARIZERS
        if name != "textrank"  # ours above, bit for bit sumy's and faster
    ),
)

REGISTRY: dict[str, Method] = {method.name: method for method in _METHODS}
NAMES: tuple[str, ...] = tuple(REGISTRY)
DEFAULT_METHOD = "news"


def get(name: str) -> Method:
    """The method called ``name``, or an :class:`AbregeError` that lists the choices."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise AbregeError(f"unknown method {name!r} (choose from {', '.join(NAMES)})") from None
