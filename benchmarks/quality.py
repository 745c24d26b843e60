"""The validation table: abrege's methods against the lead, sumy and the greedy oracle.

    PYTHONPATH=src python benchmarks/quality.py               # ~3 min on 2 cores
    PYTHONPATH=src python benchmarks/quality.py --budgets     # also the news ranker's lengths

Scores are ROUGE-1/2/L F1 x 100 on OrangeSum valid (French tokens, accents kept, no stemming),
computed by ``abrege evaluate``'s code, with 95% bootstrap intervals and a paired bootstrap test
against LEAD-2, the baseline to beat. Like the issue's table, each sumy method is shown at its
best length among 1, 2 and 3 sentences (chosen here on ROUGE-L, so those rows are slightly
optimistic); lead-k, abrege's methods and the oracle are shown as they are.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from abrege import evaluate
from abrege.pipeline import METHODS, summarize

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ABREGE_SHARED", REPO.parent / "shared"))
VALID = SHARED / "data" / "orangesum" / "valid.jsonl"
SUMY_METHODS = ("lexrank", "lsa", "luhn", "kl", "sumbasic", "textrank")


def sumy_row(method: str, examples, progress: bool) -> evaluate.MethodResult:
    """The method at its best length (ROUGE-L) among 1-3 sentences, labelled with it."""
    results = [
        evaluate.score(
            f"{method}, {k} sent.",
            evaluate.summarizer(method, sentences=k),
            examples,
            progress,
        )
        for k in (1, 2, 3)
    ]
    return max(results, key=lambda r: r.mean[2])


def news(title: bool, **budget):
    def summarise(ex: evaluate.Example) -> list[str]:
        summary = summarize(ex.article, method="news", title=ex.title if title else None, **budget)
        return [s.text for s in summary.sentences]

    return summarise


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=VALID)
    parser.add_argument("--limit", type=int, help="only the first N articles (quick runs)")
    parser.add_argument("--budgets", action="store_true", help="news ranker length grid too")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"quality: {args.data} not found (set ABREGE_SHARED)", file=sys.stderr)
        return 2
    examples = evaluate.load(str(args.data), limit=args.limit)
    progress = not args.quiet

    def row(label, summarise):
        return evaluate.score(label, summarise, examples, progress)

    results = [row(f"lead-{k}", evaluate.summarizer(f"lead-{k}")) for k in (2, 1, 3)]
    results += [sumy_row(m, examples, progress) for m in SUMY_METHODS if m in METHODS]
    results.append(row("abrege textrank (3 sent.)", evaluate.summarizer("textrank")))
    results.append(row("abrege news, no title", news(title=False)))
    results.append(row("abrege news (default)", news(title=True)))
    if args.budgets:
        for k in (1, 2, 3):
            for w in (35, 45, 55, 65):
                results.append(row(f"news {k} sent. {w} words", news(True, sentences=k, words=w)))
    results.append(row("greedy oracle", evaluate.summarizer(evaluate.ORACLE)))
    evaluate.compare(results)
    print(f"# Validation: {args.data.name}, {len(examples)} articles\n")
    print(evaluate.table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
