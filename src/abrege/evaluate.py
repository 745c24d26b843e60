"""``abrege evaluate``: how good are the summaries, against reference abstracts?

ROUGE is computed with the rouge-score package but with a French tokenizer: its default one
keeps only ``[a-z0-9]`` and so turns "été" into "t", which would let accents decide scores. Ours
lowercases and keeps every ``\\w+`` run, accents included, with no stemming.

Averages alone cannot say whether one method beats another on a 1,500-article set, so each
figure comes with a 95% bootstrap interval, and ``--compare`` adds a paired bootstrap test of each
method against the first (same articles resampled for both, which is far more sensitive than
comparing two intervals).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from .errors import AbregeError

METRICS = ("rouge1", "rouge2", "rougeL")
LABELS = {"rouge1": "ROUGE-1", "rouge2": "ROUGE-2", "rougeL": "ROUGE-L"}
BOOTSTRAP_SAMPLES = 1000
_TOKEN = re.compile(r"\w+")
_LEAD = re.compile(r"lead-([1-9][0-9]*)")
ORACLE = "oracle"


class FrenchTokenizer:
    """The tokenizer rouge-score calls: lowercased ``\\w+`` tokens, accents kept."""

    def tokenize(self, text: str) -> list[str]:
        return _TOKEN.findall(text.lower())


@dataclass(frozen=True)
class Example:
    """One evaluation item: an article, its reference abstract and (maybe) its title."""

    article: str
    reference: str
    title: str | None = None


@dataclass
class MethodResult:
    """Scores of one method: per-article F1 (rows = articles, columns = :data:`METRICS`), their
    means and 95% bootstrap intervals, and the paired test against the first method."""

    method: str
    scores: np.ndarray
    mean: np.ndarray
    low: np.ndarray
    high: np.ndarray
    words: float
    sentences: float
    failures: int
    ms_per_article: float = 0.0
    p_value: np.ndarray | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "method": self.method,
            "articles": int(self.scores.shape[0]),
            "failures": self.failures,
            "mean_words": round(self.words, 2),
            "mean_sentences": round(self.sentences, 3),
            "ms_per_article": round(self.ms_per_article, 3),
        }
        for k, metric in enumerate(METRICS):
            out[metric] = {
                "f1": round(float(self.mean[k]) * 100, 3),
                "ci95": [round(float(self.low[k]) * 100, 3), round(float(self.high[k]) * 100, 3)],
            }
            if self.p_value is not None:
                out[metric]["p_vs_first"] = round(float(self.p_value[k]), 4)
        return out


def scorer():
    """A rouge-score scorer for :data:`METRICS` with the French tokenizer."""
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(list(METRICS), tokenizer=FrenchTokenizer())


def rouge(predictions: Sequence[str], references: Sequence[str]) -> np.ndarray:
    """F1 of each prediction against its reference: an array (n, 3) in [0, 1]."""
    rouge_scorer = scorer()
    out = np.zeros((len(predictions), len(METRICS)))
    for i, (prediction, reference) in enumerate(zip(predictions, references, strict=True)):
        result = rouge_scorer.score(reference, prediction)
        out[i] = [result[m].fmeasure for m in METRICS]
    return out


def check_bootstrap(samples: int, seed: int) -> None:
    """Refuse what the bootstrap cannot use (no resample; a seed numpy rejects) before any
    article is summarised, rather than failing after all the work."""
    if samples < 1:
        raise AbregeError(f"bootstrap samples must be at least 1 (got {samples})")
    if seed < 0:
        raise AbregeError(f"bootstrap seed must be at least 0 (got {seed})")


def _resamples(n: int, samples: int, seed: int) -> np.ndarray:
    """The same bootstrap index sets for every method, so intervals and tests are paired."""
    check_bootstrap(samples, seed)
    return np.random.default_rng(seed).integers(0, n, size=(samples, n))


def bootstrap_interval(
    scores: np.ndarray, samples: int = BOOTSTRAP_SAMPLES, seed: int = 0, level: float = 0.95
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap interval of the mean of each column of ``scores`` (n, k)."""
    scores = np.asarray(scores, dtype=np.float64)
    means = scores[_resamples(len(scores), samples, seed)].mean(axis=1)
    tail = (1.0 - level) / 2 * 100
    return np.percentile(means, tail, axis=0), np.percentile(means, 100 - tail, axis=0)


def paired_bootstrap(
    baseline: np.ndarray, other: np.ndarray, samples: int = BOOTSTRAP_SAMPLES, seed: int = 0
) -> np.ndarray:
    """Two-sided p-value, per column, that ``other`` and ``baseline`` have the same mean.

    The per-article differences are resampled; the p-value is twice the share of resamples whose
    mean difference falls on the other side of zero from the observed one (Koehn 2004;
    Berg-Kirkpatrick et al. 2012)."""
    diff = np.asarray(other, dtype=np.float64) - np.asarray(baseline, dtype=np.float64)
    means = diff[_resamples(len(diff), samples, seed)].mean(axis=1)
    observed = diff.mean(axis=0)
    against = np.where(observed >= 0, (means <= 0).mean(axis=0), (means >= 0).mean(axis=0))
    return np.minimum(1.0, 2.0 * against)


def load(
    path: str,
    article_field: str = "article",
    reference_field: str = "reference",
    title_field: str | None = "title",
    limit: int | None = None,
) -> list[Example]:
    """Examples from a JSON Lines file (``.gz`` accepted). A missing title is fine; a missing
    article or reference is an error naming the line, since scoring without it is meaningless."""
    import gzip

    opener = gzip.open if path.endswith(".gz") else open
    examples: list[Example] = []
    try:
        with opener(path, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                if limit is not None and len(examples) >= limit:
                    break
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as error:
                    raise AbregeError(f"{path}:{number}: not JSON ({error.msg})") from None
                if not isinstance(row, dict):
                    raise AbregeError(f"{path}:{number}: not a JSON object")
                for name in (article_field, reference_field):
                    if not isinstance(row.get(name), str):
                        raise AbregeError(f"{path}:{number}: no text field {name!r}")
                title = row.get(title_field) if title_field else None
                examples.append(
                    Example(
                        row[article_field],
                        row[reference_field],
                        title if isinstance(title, str) and title.strip() else None,
                    )
                )
    except OSError as error:
        raise AbregeError(f"{path}: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise AbregeError(f"{path}: not UTF-8 text (byte {error.start})") from None
    except EOFError:
        raise AbregeError(f"{path}: truncated compressed file") from None
    if not examples:
        raise AbregeError(f"{path}: no example")
    return examples


def summarizer(method: str, **budget) -> Callable[[Example], list[str]]:
    """A function from example to summary sentences for a method name of ``--compare``.

    ``lead-K`` is the first K sentences (a fixed baseline: length options do not apply);
    ``oracle`` is the greedy oracle, which reads the reference; anything else is a method of
    :func:`abrege.summarize`, with the length options and the example's title."""
    from .methods import NAMES
    from .pipeline import summarize

    match = _LEAD.fullmatch(method)
    if match:
        k = int(match.group(1))
        return lambda ex: _texts(summarize(ex.article, sentences=k, method="lead"))
    if method == ORACLE:
        return lambda ex: oracle_summary(ex.article, ex.reference)
    if method not in NAMES:
        raise AbregeError(
            f"unknown method {method!r} (choose from lead-1, lead-2, lead-3, {ORACLE}, "
            f"{', '.join(NAMES)})"
        )
    return lambda ex: _texts(summarize(ex.article, method=method, title=ex.title, **budget))


def _texts(summary) -> list[str]:
    return [s.text for s in summary.sentences]


def oracle_summary(article: str, reference: str) -> list[str]:
    """The greedy oracle's summary of ``article`` (see :func:`oracle_indices`)."""
    from .prepare import prepare

    sentences = prepare(article).texts
    return [sentences[i] for i in oracle_indices(sentences, reference)]


def oracle_indices(sentences: Sequence[str], reference: str) -> list[int]:
    """The greedy oracle: add the sentence that most raises ROUGE-1 + ROUGE-2 F1 against the
    reference until none does (Nallapati et al. 2017). An upper bound on what choosing whole
    sentences can reach, and the labels the news ranker learns from. Positions, sorted."""
    rouge_scorer = _oracle_scorer()
    chosen: list[int] = []
    best = 0.0
    while True:
        candidate, gain = None, best
        for i in range(len(sentences)):
            if i in chosen:
                continue
            text = " ".join(sentences[j] for j in sorted([*chosen, i]))
            result = rouge_scorer.score(reference, text)
            value = result["rouge1"].fmeasure + result["rouge2"].fmeasure
            if value > gain:
                candidate, gain = i, value
        if candidate is None:
            return sorted(chosen)
        chosen.append(candidate)
        best = gain


@lru_cache(maxsize=1)
def _oracle_scorer():
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(["rouge1", "rouge2"], tokenizer=FrenchTokenizer())


def evaluate(
    examples: Sequence[Example],
    methods: Sequence[str],
    progress: bool = True,
    samples: int = BOOTSTRAP_SAMPLES,
    seed: int = 0,
    **budget,
) -> list[MethodResult]:
    """Summarise every example with each method and score it; the first method is the
    baseline of the paired tests."""
    check_bootstrap(samples, seed)
    summarizers = [summarizer(m, **budget) for m in methods]
    results = [
        score(m, s, examples, progress, samples, seed)
        for m, s in zip(methods, summarizers, strict=True)
    ]
    compare(results, samples, seed)
    return results


def score(
    label: str,
    summarise: Callable[[Example], list[str]],
    examples: Sequence[Example],
    progress: bool = True,
    samples: int = BOOTSTRAP_SAMPLES,
    seed: int = 0,
) -> MethodResult:
    """Scores of one system. An article it cannot summarise scores 0 and counts as a failure
    (that is what a user would get: nothing)."""
    summaries, failures = [], 0
    start = time.perf_counter()
    for ex in _progress(examples, label, progress):
        try:
            summaries.append(summarise(ex))
        except AbregeError:
            summaries.append([])
            failures += 1
    seconds = time.perf_counter() - start
    texts = [" ".join(sentences) for sentences in summaries]
    scores = rouge(texts, [ex.reference for ex in examples])
    low, high = bootstrap_interval(scores, samples, seed)
    tokenizer = FrenchTokenizer()
    return MethodResult(
        method=label,
        scores=scores,
        mean=scores.mean(axis=0),
        low=low,
        high=high,
        words=float(np.mean([len(tokenizer.tokenize(t)) for t in texts])),
        sentences=float(np.mean([len(sentences) for sentences in summaries])),
        failures=failures,
        ms_per_article=1000 * seconds / len(examples),
    )


def compare(results: Sequence[MethodResult], samples: int = BOOTSTRAP_SAMPLES, seed: int = 0):
    """Paired bootstrap test of every result against the first."""
    for result in results[1:]:
        result.p_value = paired_bootstrap(results[0].scores, result.scores, samples, seed)


def _progress(items: Sequence, label: str, enabled: bool) -> Iterable:
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=label, unit="art", file=sys.stderr, leave=False, mininterval=0.5)


def table(results: Sequence[MethodResult]) -> str:
    """A plain-text table: F1 x 100 with 95% intervals, then words and the paired test."""
    header = [
        "method",
        *(LABELS[m] for m in METRICS),
        "words",
        "sents",
        "ms/art",
        "p vs " + results[0].method,
    ]
    rows = [header]
    for r in results:
        cells = [r.method]
        for k in range(len(METRICS)):
            cells.append(f"{r.mean[k] * 100:5.2f} [{r.low[k] * 100:5.2f}, {r.high[k] * 100:5.2f}]")
        cells.append(f"{r.words:.1f}")
        cells.append(f"{r.sentences:.2f}")
        cells.append(f"{r.ms_per_article:.1f}")
        cells.append("-" if r.p_value is None else " ".join(f"{p:.3f}" for p in r.p_value))
        rows.append(cells)
    widths = [max(len(row[c]) for row in rows) for c in range(len(header))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    notes = [
        f"{len(results[0].scores)} articles; F1 x 100 [95% bootstrap interval]; words = mean "
        "summary length;\nms/art = time to summarise one article; p = paired bootstrap test "
        "against the first method (R-1 R-2 R-L)."
    ]
    notes += [
        f"{r.method}: {r.failures} article(s) could not be summarised (scored 0)"
        for r in results
        if r.failures
    ]
    return "\n".join(lines + notes)


def build_parser() -> argparse.ArgumentParser:
    from .options import add_length_options, non_negative_int, positive_int

    parser = argparse.ArgumentParser(
        prog="abrege evaluate",
        description="Summarise every article of a JSON Lines file and print ROUGE-1/2/L F1 "
        "against its reference (French tokens, accents kept) with 95% bootstrap intervals.",
        epilog="examples:\n"
        "  abrege evaluate valid.jsonl\n"
        "  abrege evaluate valid.jsonl --compare lead-2 textrank default\n"
        "  abrege evaluate data.jsonl --reference-field summary --json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("data", metavar="DATA.jsonl", help="one JSON object a line (.gz ok)")
    parser.add_argument(
        "-m", "--method", default=None, help="method to evaluate (default: the default method)"
    )
    parser.add_argument(
        "--compare",
        nargs="+",
        metavar="METHOD",
        help="several methods side by side, tested against the first: lead-1, lead-2, lead-3, "
        "oracle (greedy, reads the reference), default, or any method of abrege -m",
    )
    add_length_options(parser)
    parser.add_argument("--article-field", default="article", metavar="NAME")
    parser.add_argument("--reference-field", default="reference", metavar="NAME")
    parser.add_argument(
        "--title-field",
        default="title",
        metavar="NAME",
        help="field with the title, used when present (default: title; '' to ignore titles)",
    )
    parser.add_argument("--limit", type=positive_int, metavar="N", help="only the first N examples")
    parser.add_argument(
        "--samples",
        type=positive_int,
        default=BOOTSTRAP_SAMPLES,
        metavar="N",
        help=f"bootstrap samples (default: {BOOTSTRAP_SAMPLES})",
    )
    parser.add_argument(
        "--seed", type=non_negative_int, default=0, metavar="N", help="bootstrap seed (default: 0)"
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from .methods import DEFAULT_METHOD

    args = build_parser().parse_args(argv)
    methods = args.compare or [args.method or DEFAULT_METHOD]
    methods = [DEFAULT_METHOD if m == "default" else m for m in methods]
    budget = {"sentences": args.sentences, "words": args.words, "ratio": args.ratio}
    try:
        for method in methods:
            summarizer(method, **budget)
        examples = load(
            args.data,
            args.article_field,
            args.reference_field,
            args.title_field or None,
            args.limit,
        )
        results = evaluate(
            examples,
            methods,
            progress=not args.quiet,
            samples=args.samples,
            seed=args.seed,
            **budget,
        )
    except AbregeError as error:
        print(f"abrege evaluate: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    if args.json:
        json.dump([r.to_dict() for r in results], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(table(results))
    return 0
