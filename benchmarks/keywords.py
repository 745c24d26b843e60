"""Keyphrases on OrangeSum valid: abrege against YAKE and a frequency baseline.

    PYTHONPATH=src python benchmarks/keywords.py            # ~1 min on 2 cores (needs '.[bench]')
    PYTHONPATH=src python benchmarks/keywords.py --show 20  # also print 20 articles' keyphrases

OrangeSum has no keyphrases, so the proxy is the headline: a good set of keyphrases names what
the article is about, and so do most of the headline's content words. "title@k" is the share of
a headline's content words (stop words dropped, Snowball stems) found among the stems of the
top k phrases, averaged over articles; "hit@k" the share of the top k phrases that share at
least one stem with the headline (a precision-like view: long phrases alone cannot raise it).
No method sees the headline. "words" is the mean length of a phrase, to read title@k with (a
longer phrase carries more stems). Time is per article, in the same run, phrases only (no
summary), after one warm-up article each.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from abrege.keywords import keywords
from abrege.tokenize import STOP_WORDS, content_terms, stem, words

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ABREGE_SHARED", REPO.parent / "shared"))
VALID = SHARED / "data" / "orangesum" / "valid.jsonl"
K = 10


def abrege_phrases(text: str) -> list[str]:
    return [k.text for k in keywords(text, n=K)]


def frequency_phrases(text: str) -> list[str]:
    """The baseline of the issue: 1-3-word n-grams without a stop word at either edge, by count
    (earlier first on a tie), one per set of stems."""
    tokens = words(text)
    lows = [t.lower() for t in tokens]
    counts: Counter = Counter()
    first: dict[tuple[str, ...], int] = {}
    for size in (1, 2, 3):
        for i in range(len(lows) - size + 1):
            gram = tuple(lows[i : i + size])
            if gram[0] in STOP_WORDS or gram[-1] in STOP_WORDS or not gram[0].isalpha():
                continue
            counts[gram] += 1
            first.setdefault(gram, i)
    ranked = sorted(counts, key=lambda g: (-counts[g], first[g]))
    chosen, seen = [], set()
    for gram in ranked:
        stems = frozenset(stem(w) for w in gram if w not in STOP_WORDS)
        if stems in seen:
            continue
        seen.add(stems)
        chosen.append(" ".join(gram))
        if len(chosen) == K:
            break
    return chosen


def yake_extractor() -> Callable[[str], list[str]]:
    import yake

    extractor = yake.KeywordExtractor(lan="fr", n=3, top=K)
    return lambda text: [phrase for phrase, _ in extractor.extract_keywords(text)]


def measure(method: Callable[[str], list[str]], examples: list[dict]) -> dict[str, float]:
    method(examples[0]["article"])  # warm-up: caches, lazy imports
    recall = {5: 0.0, 10: 0.0}
    hits = {5: 0.0, 10: 0.0}
    lengths: list[int] = []
    counted = 0
    elapsed = 0.0
    for example in examples:
        start = time.perf_counter()
        phrases = method(example["article"])
        elapsed += time.perf_counter() - start
        title = set(content_terms(example["title"]))
        if not title:
            continue
        counted += 1
        stems = [set(content_terms(p)) for p in phrases]
        lengths.extend(len(words(p)) for p in phrases)
        for k in recall:
            found = set().union(*stems[:k]) if stems[:k] else set()
            recall[k] += len(found & title) / len(title)
            hits[k] += sum(bool(s & title) for s in stems[:k]) / k
    return {
        "title@5": 100 * recall[5] / counted,
        "title@10": 100 * recall[10] / counted,
        "hit@5": 100 * hits[5] / counted,
        "hit@10": 100 * hits[10] / counted,
        "words": sum(lengths) / max(len(lengths), 1),
        "ms": 1000 * elapsed / len(examples),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=VALID)
    parser.add_argument("--limit", type=int, help="only the first N articles (quick runs)")
    parser.add_argument(
        "--show", type=int, default=0, metavar="N", help="print N articles' phrases"
    )
    parser.add_argument("--no-yake", action="store_true", help="skip YAKE (quick tuning runs)")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"keywords: {args.data} not found (set ABREGE_SHARED)", file=sys.stderr)
        return 2
    with args.data.open(encoding="utf-8") as lines:
        examples = [json.loads(line) for line in lines]
    examples = [e for e in examples if e.get("article") and e.get("title")][: args.limit]
    methods: dict[str, Callable[[str], list[str]]] = {
        "abrege": abrege_phrases,
        "frequency 1-3-grams": frequency_phrases,
    }
    if not args.no_yake:
        methods["YAKE (n=3)"] = yake_extractor()
    for example in examples[: args.show]:
        print(f"# {example['title']}")
        for name, method in methods.items():
            print(f"  {name}: {' | '.join(method(example['article']))}")
    results = {name: measure(method, examples) for name, method in methods.items()}
    print(f"{len(examples)} OrangeSum valid articles; no method sees the headline")
    columns = "title@5 | title@10 | hit@5 | hit@10 | words/phrase | ms/article | speed vs YAKE"
    print(f"| method | {columns} |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    yake_ms = results.get("YAKE (n=3)", {}).get("ms")
    for name, r in results.items():
        ratio = f"{yake_ms / r['ms']:.1f}x" if yake_ms else "-"
        print(
            f"| {name} | {r['title@5']:.1f} | {r['title@10']:.1f} | {r['hit@5']:.1f} | "
            f"{r['hit@10']:.1f} | {r['words']:.2f} | {r['ms']:.2f} | {ratio} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
