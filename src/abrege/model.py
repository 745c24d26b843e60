"""The result types shared by every step: plain dataclasses, so results are easy to inspect,
compare in tests and turn into JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Sentence:
    """A sentence of the input. ``text == source[start:end]`` always holds, where ``source`` is
    the text given to :func:`abrege.split_sentences` or :func:`abrege.summarize`: offsets are the
    contract that lets a caller highlight the sentence in the original article."""

    index: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class ScoredSentence(Sentence):
    """A sentence chosen for a summary, with the ranker's score (higher is more central)."""

    score: float = 0.0


@dataclass(frozen=True)
class Summary:
    """An extractive summary: chosen sentences in article order, never the same one twice."""

    sentences: tuple[ScoredSentence, ...]
    method: str  # the name in abrege.methods that chose the sentences
    warnings: tuple[str, ...] = field(default=())

    @property
    def text(self) -> str:
        """The summary as one paragraph: the chosen sentences joined by a space."""
        return " ".join(s.text for s in self.sentences)

    def to_dict(self) -> dict:
        """JSON-ready form (used by ``--format json``)."""
        return {
            "summary": self.text,
            "method": self.method,
            "sentences": [asdict(s) for s in self.sentences],
        }


@dataclass(frozen=True)
class Keyphrase:
    """A keyphrase of an article: ``text`` as the article writes it (its most frequent form),
    ``score`` (higher is more central), ``spans`` the ``(start, end)`` offsets of its
    occurrences, so ``source[start:end]`` is each occurrence as written (a variant with the
    same stems, e.g. singular or plural)."""

    text: str
    score: float
    spans: tuple[tuple[int, int], ...]

    def to_dict(self) -> dict:
        return {"text": self.text, "score": self.score, "spans": [list(s) for s in self.spans]}


@dataclass(frozen=True)
class Analysis:
    """What the pipeline found in one article, for outputs that show more than the summary (the
    HTML report shades every sentence by its score): the ``text`` that was ranked (offsets refer
    to it), the ``summary``, every ranked sentence with its score in article order (``scored``;
    repeats and junk are not ranked, so not there), the ``keywords`` asked for, the ``title``."""

    text: str
    summary: Summary
    scored: tuple[ScoredSentence, ...]
    keywords: tuple[Keyphrase, ...] = ()
    title: str | None = None
