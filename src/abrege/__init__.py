"""abrege: fast, offline, extractive summaries of French news.

>>> from abrege import summarize
>>> summarize(article).text  # doctest: +SKIP
"""

from .errors import AbregeError
from .keywords import keywords
from .model import Keyphrase, ScoredSentence, Sentence, Summary
from .pipeline import METHODS, split_sentences, summarize

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
    "summarize",
    "sumy_summarizer",
]
__version__ = "0.1.0"


def __getattr__(name: str):
    # The sumy bridge is loaded on first use, so `import abrege` (and the CLI) never pays for it.
    if name in ("SumyTokenizer", "sumy_summarizer"):
        from . import sumy_bridge

        return getattr(sumy_bridge, name)
    raise AttributeError(f"module 'abrege' has no attribute {name!r}")
