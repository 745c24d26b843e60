"""Pick the summary from scored sentences under a length budget.

Best first, ties to the earlier sentence (as sumy does), then shown in article order. A word
budget skips a sentence that would overflow it and tries shorter ones below, but the best
sentence is always kept so a summary is never empty. A method whose 0 means "never" (``news``
scores fragments such as "Mystère, par définition !" 0) asks, with ``skip_zero``, that those
shorter ones exclude any sentence scored 0 or less: a 3-word fragment would otherwise top up
a budget left with a few words. Other methods' scores may be 0 or negative by construction
(sumy's KL-Sum and SumBasic rate by minus their pick order), so the rule is not theirs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from .tokenize import words


def sentence_limit(total: int, sentences: int | None, ratio: float | None) -> int:
    """How many sentences at most: the tightest of the limits given, every sentence when none
    is (the caller fills in a method's default length when the user asked for none)."""
    limits = []
    if sentences is not None:
        limits.append(sentences)
    if ratio is not None:
        # Rounded first: in floats 0.07 * 100 is 7.000000000000001, whose ceiling is 8.
        limits.append(max(1, math.ceil(round(ratio * total, 9))))
    return min(limits) if limits else total


def choose(
    texts: Sequence[str],
    scores: Sequence[float] | np.ndarray,
    sentences: int | None = None,
    words_: int | None = None,
    ratio: float | None = None,
    skip_zero: bool = False,
) -> list[int]:
    """Positions (into ``texts``) of the chosen sentences, in article order."""
    limit = sentence_limit(len(texts), sentences, ratio)
    order = sorted(range(len(texts)), key=lambda i: -scores[i])
    chosen: list[int] = []
    used = 0
    for i in order:
        if len(chosen) >= limit:
            break
        if words_ is not None:  # (a sentence's words are only counted for a word budget)
            length = len(words(texts[i]))
            if chosen and (used + length > words_ or (skip_zero and scores[i] <= 0)):
                continue
            used += length
        chosen.append(i)
    return sorted(chosen)
