"""abrege: fast, offline, extractive summaries of French news.

>>> from abrege import summarize
>>> summarize(article).text  # doctest: +SKIP
"""

from .errors import AbregeError
from .model import ScoredSentence, Sentence, Summary
from .pipeline import METHODS, split_sentences, summarize
from .sumy_bridge import SumyTokenizer, sumy_summarizer  # sumy itself is imported on first use

__all__ = [
    "METHODS",
    "AbregeError",
    "ScoredSentence",
    "Sentence",
    "Summary",
    "SumyTokenizer",
    "split_sentences",
    "summarize",
    "sumy_summarizer",
]
__version__ = "0.1.0"
