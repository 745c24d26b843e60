"""abrege: fast, offline, extractive summaries of French news.

>>> from abrege import summarize
>>> summarize(article).text  # doctest: +SKIP
"""

from .errors import AbregeError
from .model import ScoredSentence, Sentence, Summary
from .pipeline import METHODS, split_sentences, summarize, summarize_url

__all__ = [
    "METHODS",
    "AbregeError",
    "ScoredSentence",
    "Sentence",
    "Summary",
    "SumyTokenizer",
    "split_sentences",
    "read_url",
    "summarize",
    "summarize_url",
    "sumy_summarizer",
]
__version__ = "0.1.0"


def __getattr__(name: str):
    # The sumy bridge is loaded on first use, so `import abrege` (and the CLI) never pays for it.
    if name == "read_url":  # urllib only for callers who fetch
        from .fetch import read_url

        return read_url
    if name in ("SumyTokenizer", "sumy_summarizer"):
        from . import sumy_bridge

        return getattr(sumy_bridge, name)
    raise AttributeError(f"module 'abrege' has no attribute {name!r}")
