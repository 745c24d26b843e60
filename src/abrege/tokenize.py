"""Turn a sentence into the content words TextRank compares: lowercase, French elisions split
off (l'État -> état), stop words dropped, Snowball French stems.

Everything per token happens in C: one regex pass over all the sentences of a text yields its
runs of letters, and a dict maps each run to its terms (elisions peeled, stop words dropped,
stems). News vocabulary is Zipfian, so elisions are split and the stemmer runs once per distinct
run or word instead of once per token (new words of a text stemmed in one call), and a batch of
thousands of articles costs little more than the regex scan."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources
from itertools import chain, filterfalse

ELISIONS = frozenset("l d j m n s t c qu jusqu lorsqu puisqu quoiqu presqu quelqu".split())

_LETTER = r"[^\W\d_]"
_THEN_WORD = rf"(?='{_LETTER})"  # an apostrophe, then a letter
_SINGLE = "".join(sorted(c + c.upper() for c in ELISIONS if len(c) == 1))


def _either_case(letters: str) -> str:
    # Not re.IGNORECASE: its Unicode folding would also accept look-alikes such as "ſ" that
    # str.lower() does not map to an elision.
    return "".join(f"[{c}{c.upper()}]" for c in letters)


# A word is a run of letters; an apostrophe joins letters only when the part before it is not an
# elided article/pronoun/conjunction ("aujourd'hui" stays whole, "l'homme" gives "l", "homme").
# The pattern starts with one letter (so the engine skips non-letters in C), then is either the
# end of an elision (the letter itself for l', d'...; "u" for qu'; "usqu" for jusqu'...) or the
# rest of a word. A match only starts where a word starts or right after a peeled elision, so
# chains ("s'l'...") peel one by one. Apostrophes are normalised to ' before scanning.
_ELISION_ENDS = [rf"(?<=[{_SINGLE}]){_THEN_WORD}"] + [
    rf"(?<={_either_case(e[0])}){_either_case(e[1:])}{_THEN_WORD}"
    for e in sorted(ELISIONS, key=len, reverse=True)
    if len(e) > 1
]
_WORD = re.compile(rf"{_LETTER}(?:{'|'.join(_ELISION_ENDS)}|{_LETTER}*(?:'{_LETTER}+)*)")


def _load_stop_words() -> frozenset[str]:
    text = resources.files("abrege").joinpath("data/stopwords-fr.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


STOP_WORDS: frozenset[str] = _load_stop_words()


def words(text: str) -> list[str]:
    """The words of ``text`` as they appear (original case, ’ written '), elisions split off."""
    return list(_scan(text))


@lru_cache(maxsize=16_384)
def _scan(text: str) -> tuple[str, ...]:
    # Cached (immutable, hence the tuple): the clean and select steps and sumy's bridge may each
    # need the words of the same sentence. 16k sentences (a long document read once, about
    # 25 MB at most) keep a 10,000-sentence text to a single scan.
    return tuple(_WORD.findall(text.replace("’", "'")))


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer  # PyStemmer: the Snowball algorithm in C, same stems as nltk's FrenchStemmer

    return Stemmer.Stemmer("french", 0)  # no internal cache: _STEMS is the cache (2.5x faster)


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
# Run of letters joined by apostrophes ("l'homme", "aujourd'hui") as written -> the space-joined
# terms of its words (elisions peeled off, stop words dropped, the rest stemmed), "" if none.
# Such runs never straddle a word of _WORD, and their words do not depend on what surrounds
# them, so a text's terms are its runs looked up here: a simpler regex than _WORD (about twice
# as fast) and one dict lookup per run, with _WORD only applied to runs never seen before.
_TERMS: dict[str, str] = {}
_RUN = re.compile(rf"{_LETTER}+(?:'{_LETTER}+)*")
# Joins the sentences of a text for one scan; not a letter, so no run goes across it.
_BREAK = "\x00"
_RUN_OR_BREAK = re.compile(f"{_RUN.pattern}|{_BREAK}")


def stem(word: str) -> str:
    """Snowball French stem of a lowercase word (cached)."""
    return _STEMS[word]


def content_terms(text: str) -> list[str]:
    """Stems of the non-stop words of ``text``, in order, repeats kept (TextRank counts them)."""
    return sentence_terms((text,))[0]


_CACHE_LOCK = threading.Lock()


def sentence_terms(texts: Sequence[str]) -> list[list[str]]:
    """:func:`content_terms` of each text, found for all of them at once: one regex scan of the
    joined texts and one stemmer call for the words never seen before (per-sentence scans and
    per-word stemmer calls were most of the cost of a summary)."""
    if not texts:
        return []
    joined = _BREAK.join(texts)
    if joined.count(_BREAK) != len(texts) - 1:  # a text holds the separator: not a word either
        joined = _BREAK.join(text.replace(_BREAK, " ") for text in texts)
    runs = _RUN_OR_BREAK.findall(joined.replace("’", "'"))
    with _CACHE_LOCK:  # the caches are shared: one thread must not clear them under another
        new = set(filterfalse(_TERMS.__contains__, runs))
        new.discard(_BREAK)
        if new:
            if len(_TERMS) + len(new) >= _Memo.MAX_SIZE:  # bounded: relearn this text's runs
                _TERMS.clear()
                new = set(runs)
                new.discard(_BREAK)
            _learn(new)
        _TERMS[_BREAK] = _BREAK
        marked = " ".join(filter(None, map(_TERMS.__getitem__, runs)))
    return [piece.split() for piece in marked.split(_BREAK)]


def _learn(runs: set[str]) -> None:
    """Add the terms of runs never seen: their words' stems computed in one C call."""
    elided = {run: _WORD.findall(run) for run in runs if "'" in run}
    plain = runs.difference(elided)  # a run without apostrophe is one word
    words = list(plain.union(chain.from_iterable(elided.values())))
    lows = list(map(str.lower, words))
    unknown = list(set(filterfalse(_STEMS.__contains__, lows)).difference(STOP_WORDS))
    if len(_STEMS) + len(unknown) >= _Memo.MAX_SIZE:
        _STEMS.clear()
    _STEMS.update(zip(unknown, _stemmer().stemWords(unknown)))
    terms = dict(zip(words, map(_term_of_lowercase, lows)))
    _TERMS.update(zip(plain, map(terms.__getitem__, plain)))
    _TERMS.update(
        (run, " ".join(filter(None, map(terms.__getitem__, found))))
        for run, found in elided.items()
    )


def _term_of_lowercase(low: str) -> str:
    return "" if low in STOP_WORDS else _STEMS[low]
