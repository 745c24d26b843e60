"""abrege: fast, offline, extractive summaries of French news.

>>> from abrege import summarize
>>> summarize(article).text  # doctest: +SKIP
"""

from .errors import AbregeError
from .model import ScoredSentence, Sentence, Summary
from .pipeline import METHODS, split_sentences, summarize

__all__ = [
    "METHODS",
    "AbregeError",
    "ScoredSentence",
    "Sentence",
    "Summary",
    "split_sentences",
    "summarize",
]
__version__ = "0.1.0"
