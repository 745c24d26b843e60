"""The one preparation of an article's sentences: split, then set aside what is not worth
ranking, with the scan of the kept text that the rankers read.

Serving (:func:`abrege.summarize`), evaluation (the oracle) and training
(``benchmarks/train_ranker.py``) all call :func:`prepare`, so a ranker is always scored on the
same sentences it was trained on: a change to the segmenter or the junk filter reaches all three
at once instead of letting training and serving drift apart.
"""

from __future__ import annotations

from . import clean
from .clean import Candidates
from .model import Sentence
from .segment import sentence_spans


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` with their offsets: ``s.text == text[s.start:s.end]``."""
    return [
        Sentence(index=i, text=text[start:end], start=start, end=end)
        for i, (start, end) in enumerate(sentence_spans(text))
    ]


def prepare(text: str, headline: str | None = None) -> Candidates:
    """The sentences of ``text`` worth ranking (distinct prose, junk trimmed, article order),
    with their keys and, on demand, their content terms. The ``headline`` is never one of
    them (see :func:`abrege.clean.candidates`)."""
    # Looked up on the module at each call, so benchmarks/bench_input.py can swap in a filter.
    return clean.candidates(split_sentences(text), headline, text)
