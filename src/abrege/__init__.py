"""abrege: fast, offline, extractive summaries of French news.

>>> from abrege import summarize
>>> summarize(article).text  # doctest: +SKIP
"""

from .errors import AbregeError
from .keywords import keywords
from .model import Keyphrase, ScoredSentence, Sentence, Summary
from .pipeline import METHODS, split_sentences, summarize, summarize_url
from .sumy_bridge import SumyTokenizer, sumy_summarizer  # sumy itself is imported on first use
from .version import __version__ as __version__

__all__ = [
    "METHODS",
    "AbregeError",
    "Keyphrase",
    "ScoredSentence",
    "Sentence",
    "Summary",
    "SumyTokenizer",
    "keywords",
    "split_sentences",
    "read_url",
    "summarize",
    "summarize_url",
    "sumy_summarizer",
]


def __getattr__(name: str):
    if name == "read_url":  # urllib is loaded only for callers who fetch
        from .fetch import read_url

        return read_url
    raise AttributeError(f"module 'abrege' has no attribute {name!r}")
