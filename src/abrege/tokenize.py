"""Turn a sentence into the content words TextRank compares: lowercase, French elisions split
off (l'État -> état), stop words dropped, Snowball French stems.

Everything per token happens in C: one regex pass over all the sentences of a text yields its
chunks (letters and digits joined by apostrophes), the clean step reads its repeat keys from them,
and a dict maps each chunk to its terms (elisions peeled, stop words dropped, stems). News
vocabulary is Zipfian, so elisions are split and the stemmer runs once per distinct chunk or word
instead of once per token (new words of a text stemmed in one call), and a batch of thousands of
articles costs little more than the regex scan."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Sequence
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
# Joins the sentences of a text for one scan; not a letter, so no chunk goes across it.
_BREAK = "\x00"
# A chunk: a run of letters and digits, apostrophes joining runs ("l'homme", "aujourd'hui",
# "covid19"). A word of _WORD, a key token (letters and digits, casefolded) and a letter of the
# language check never straddle two chunks, and none depends on what surrounds its chunk, so one
# regex pass over a text's sentences into chunks serves the repeat check, the language check and
# the terms (this pass, not the ranking, was most of the cost of a summary).
_CHUNK_OR_BREAK = re.compile(rf"[^\W_]+(?:'[^\W_]+)*|{_BREAK}")
# Chunk as written -> the space-joined terms of its words (elisions peeled off, stop words
# dropped, the rest stemmed), "" if none: one dict lookup per chunk, with _WORD only applied to
# chunks never seen before.
_TERMS: dict[str, str] = {}
_CACHE_LOCK = threading.Lock()


def stem(word: str) -> str:
    """Snowball French stem of a lowercase word (cached)."""
    return _STEMS[word]


def content_terms(text: str) -> list[str]:
    """Stems of the non-stop words of ``text``, in order, repeats kept (TextRank counts them)."""
    return sentence_terms((text,))[0]


def sentence_terms(texts: Sequence[str]) -> list[list[str]]:
    """:func:`content_terms` of each text, found for all of them at once."""
    return Scan(texts).terms()


class Scan:
    """The sentences of a text cut into chunks by one regex pass, from which both the clean
    step (:meth:`keys`) and the rankers (:meth:`terms`) read, instead of scanning the text once
    each (per-sentence scans and per-word stemmer calls were most of the cost of a summary)."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.count = len(texts)
        joined = _BREAK.join(texts)
        if joined.count(_BREAK) != len(texts) - 1:  # a text holds the separator: not a word
            joined = _BREAK.join(text.replace(_BREAK, " ") for text in texts)
        self.chunks: list[str] = _CHUNK_OR_BREAK.findall(joined.replace("’", "'"))

    def keys(self) -> list[str]:
        """Each text's runs of letters and digits, casefolded, joined by one space: what makes
        two sentences "the same" (case, accents' composition, punctuation and spacing aside).
        Chunks are casefolded after the cut, which only differs from cutting the casefolded
        text for the rare letters whose casefold is not a letter (Turkish "İ")."""
        if not self.count:
            return []
        marked = " ".join(self.chunks).casefold().replace("'", " ")
        return [piece.strip() for piece in marked.split(_BREAK)]

    def terms(self, positions: Iterable[int] | None = None) -> list[list[str]]:
        """The content terms of each text (or of the texts at ``positions``)."""
        if not self.count:
            return []
        chunks = self.chunks
        with _CACHE_LOCK:  # the caches are shared: one thread must not clear them under another
            new = set(filterfalse(_TERMS.__contains__, chunks))
            new.discard(_BREAK)
            if new:
                if len(_TERMS) + len(new) >= _Memo.MAX_SIZE:  # bounded: relearn this text's
                    _TERMS.clear()
                    new = set(chunks)
                    new.discard(_BREAK)
                _learn(new)
            _TERMS[_BREAK] = _BREAK
            marked = " ".join(filter(None, map(_TERMS.__getitem__, chunks)))
        pieces = marked.split(_BREAK)
        if positions is not None:
            pieces = [pieces[i] for i in positions]
        return [piece.split() for piece in pieces]


def _learn(chunks: set[str]) -> None:
    """Add the terms of chunks never seen: their words' stems computed in one C call."""
    split = {chunk: _WORD.findall(chunk) for chunk in chunks if not chunk.isalpha()}
    plain = chunks.difference(split)  # a chunk of letters only is one word
    words = list(plain.union(chain.from_iterable(split.values())))
    lows = list(map(str.lower, words))
    unknown = list(set(filterfalse(_STEMS.__contains__, lows)).difference(STOP_WORDS))
    if len(_STEMS) + len(unknown) >= _Memo.MAX_SIZE:
        _STEMS.clear()
    _STEMS.update(zip(unknown, _stemmer().stemWords(unknown)))
    terms = dict(zip(words, map(_term_of_lowercase, lows)))
    _TERMS.update(zip(plain, map(terms.__getitem__, plain)))
    _TERMS.update(
        (chunk, " ".join(filter(None, map(terms.__getitem__, found))))
        for chunk, found in split.items()
    )


def _term_of_lowercase(low: str) -> str:
    return "" if low in STOP_WORDS else _STEMS[low]
