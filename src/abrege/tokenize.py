"""Turn a sentence into the content words TextRank compares: lowercase, French elisions split
off (l'État -> état), stop words dropped, Snowball French stems.

Everything per token happens in C: one regex pass yields the words with elisions already split,
and a dict maps each lowercase word to its stem (or to nothing for a stop word). News vocabulary
is Zipfian, so the stemmer runs once per distinct word instead of once per token, and a batch of
thousands of articles costs little more than the regex scans.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

ELISIONS = frozenset("l d j m n s t c qu jusqu lorsqu puisqu quoiqu presqu quelqu".split())

_LETTERS = r"[^\W\d_]+"
# Longest first; each letter matched in either case without re.IGNORECASE, whose Unicode folding
# would also accept look-alikes such as "ſ" that str.lower() does not map to an elision.
_ELISION = "|".join(
    "".join(f"[{c}{c.upper()}]" for c in e) for e in sorted(ELISIONS, key=len, reverse=True)
)
# A word is a run of letters; an apostrophe joins letters only when the part before it is not an
# elided article/pronoun/conjunction ("aujourd'hui" stays whole, "l'homme" gives "l", "homme").
# The scan only ever starts a match where a word starts (a word match runs to the end of its
# letters) or right after a peeled elision, so an elision followed by an apostrophe and a letter
# is peeled there, and chains ("s'l'...") peel one by one. Apostrophes are normalised to ' first.
_WORD = re.compile(rf"(?:{_ELISION})(?='[^\W\d_])|{_LETTERS}(?:'{_LETTERS})*")


def _load_stop_words() -> frozenset[str]:
    text = resources.files("abrege").joinpath("data/stopwords-fr.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


STOP_WORDS: frozenset[str] = _load_stop_words()


def words(text: str) -> list[str]:
    """The words of ``text`` as they appear (original case, ’ written '), elisions split off."""
    return list(_scan(text))


@lru_cache(maxsize=4096)
def _scan(text: str) -> tuple[str, ...]:
    # Cached (immutable, hence the tuple): the clean, rank and select steps each need the words
    # of the same sentence, and scanning is the main cost of summarising a short article.
    return tuple(_WORD.findall(text.replace("’", "'")))


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer  # PyStemmer: the Snowball algorithm in C, same stems as nltk's FrenchStemmer

    return Stemmer.Stemmer("french")


class _Memo(dict):
    """A dict that computes a missing value on first lookup (lookups stay in C afterwards)."""

    MAX_SIZE = 500_000  # distinct words kept; a stream of junk tokens must not grow it forever

    def __init__(self, compute: Callable[[str], str]) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, word: str) -> str:
        if len(self) >= self.MAX_SIZE:
            self.clear()
        value = self[word] = self.compute(word)
        return value


_STEMS = _Memo(lambda word: _stemmer().stemWord(word))
# Lowercase word -> its stem, or "" for a stop word (then dropped).
_TERMS = _Memo(lambda word: "" if word in STOP_WORDS else _STEMS[word])


def stem(word: str) -> str:
    """Snowball French stem of a lowercase word (cached)."""
    return _STEMS[word]


def content_terms(text: str) -> list[str]:
    """Stems of the non-stop words of ``text``, in order, repeats kept (TextRank counts them)."""
    # Words hold no space, so lowering the joined string lowers each word, in one C call.
    lowered = " ".join(_scan(text)).lower().split(" ")
    return list(filter(None, map(_TERMS.__getitem__, lowered)))
