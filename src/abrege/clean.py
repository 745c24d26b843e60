"""Decide which sentences may compete for the summary.

Scraped news repeats itself (seed 004 holds its whole text twice) and carries fragments with no
words at all. A repeated sentence must count once, or the ranker rewards the scraper's copy-paste
and the summary says the same thing twice; the first occurrence is kept so offsets point at it.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Sentence
from .tokenize import words


def sentence_key(text: str) -> str:
    """What makes two sentences "the same": their words, case and punctuation aside."""
    return " ".join(words(text)).lower()


def keep(sentences: Iterable[Sentence]) -> list[Sentence]:
    """The sentences worth ranking: those with words, each distinct sentence once."""
    seen: set[str] = set()
    kept = []
    for sentence in sentences:
        key = sentence_key(sentence.text)
        if not key or key in seen:
            continue
        seen.add(key)
        kept.append(sentence)
    return kept
