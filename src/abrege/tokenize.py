"""Turn a sentence into the content words TextRank compares: lowercase, French elisions split
off (l'État -> état), stop words dropped, Snowball French stems.

Stems are cached: news vocabulary is Zipfian, so a few thousand distinct words cover most
tokens and the stemmer runs once per distinct word instead of once per token.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

# A word is a run of letters; an apostrophe joins letters only when the part before it is not an
# elided article/pronoun/conjunction (so "aujourd'hui" stays whole, "l'homme" gives "homme").
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_APOSTROPHE = re.compile(r"['’]")
ELISIONS = frozenset("l d j m n s t c qu jusqu lorsqu puisqu quoiqu presqu quelqu".split())


def _load_stop_words() -> frozenset[str]:
    text = resources.files("abrege").joinpath("data/stopwords-fr.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


STOP_WORDS: frozenset[str] = _load_stop_words()


def words(text: str) -> list[str]:
    """The words of ``text`` as they appear (original case), elisions split off."""
    out: list[str] = []
    for token in _WORD.findall(text):
        parts = _APOSTROPHE.split(token)
        # Peel elided prefixes: "qu'il", "jusqu'à", "l'", also chains like "s'l'..." (rare).
        while len(parts) > 1 and parts[0].lower() in ELISIONS:
            out.append(parts.pop(0))
        out.append("'".join(parts))
    return out


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer  # PyStemmer: the Snowball algorithm in C, same stems as nltk's FrenchStemmer

    return Stemmer.Stemmer("french")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball French stem of a lowercase word."""
    return _stemmer().stemWord(word)


def content_terms(text: str, stop_words: frozenset[str] = STOP_WORDS) -> list[str]:
    """Stems of the non-stop words of ``text``, in order, repeats kept (TextRank counts them)."""
    terms = []
    for word in words(text):
        lowered = word.lower()
        if lowered not in stop_words:
            terms.append(stem(lowered))
    return terms
