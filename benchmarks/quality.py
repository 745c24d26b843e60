"""The validation table: abrege's methods against the lead, sumy and the greedy oracle.

    PYTHONPATH=src python benchmarks/quality.py               # ~3 min on 2 cores
    PYTHONPATH=src python benchmarks/quality.py --budgets     # also the news ranker's lengths
    PYTHONPATH=src python benchmarks/quality.py --debris      # articles with web-like debris
    PYTHONPATH=src python benchmarks/quality.py --against old.json     # new vs an old version
                                                 # (old.json: see benchmarks/dump_default.py)

Scores are ROUGE-1/2/L F1 x 100 on OrangeSum valid (French tokens, accents kept, no stemming),
computed by ``abrege evaluate``'s code, with 95% bootstrap intervals and a paired bootstrap test
against LEAD-2, the baseline to beat. Like the issue's table, each sumy method is shown at its
best length among 1, 2 and 3 sentences (chosen here on ROUGE-L, so those rows are slightly
optimistic); lead-k, abrege's methods and the oracle are shown as they are. The "news, prior
only" rows are the default ranker with its walk switched off (damping 0): what the graph adds.

``--debris`` scores the same articles with web-like debris put in (seeded): one to three other
articles' headlines or 2-5-word fragments on lines of their own, first or between sentences,
as on scraped pages; a ranker that prefers short fragments or trusts raw position loses there.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

from abrege import evaluate, rank_graph, select
from abrege.methods import get
from abrege.pipeline import METHODS, split_sentences, summarize
from abrege.prepare import prepare

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ABREGE_SHARED", REPO.parent / "shared"))
VALID = SHARED / "data" / "orangesum" / "valid.jsonl"
NEWS = get("news")
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


def prior_only(title: bool):
    """The default ranker without its walk (damping 0), at the default length."""
    budget = rank_graph.default_budget()

    def summarise(ex: evaluate.Example) -> list[str]:
        headline = ex.title if title else None
        prepared = prepare(ex.article, headline)
        texts = prepared.texts
        if not texts:
            return []
        scores = rank_graph.scores(texts, prepared.terms(), headline, damping=0.0)
        chosen = select.choose(
            texts, scores, budget["sentences"], budget["words"], skip_zero=NEWS.zero_means_never
        )
        return [texts[i] for i in chosen]

    return summarise


def with_debris(examples: list[evaluate.Example], seed: int = 0) -> list[evaluate.Example]:
    """The examples with one to three pieces of debris each, on lines of their own: another
    article's headline (no final punctuation) or a 2-5-word fragment of another article,
    first 40% of the time, else between two sentences."""
    rng = np.random.default_rng(seed)
    out = []
    for ex in examples:
        sentences = [s.text for s in split_sentences(ex.article)]
        for _ in range(int(rng.integers(1, 4))):
            other = examples[int(rng.integers(len(examples)))]
            if rng.random() < 0.5 and other.title:
                piece = other.title.rstrip(" .!?")
            else:
                tokens = other.article.split()
                size = int(rng.integers(2, 6))
                start = int(rng.integers(0, max(1, len(tokens) - size)))
                piece = " ".join(tokens[start : start + size]).strip(' .!?,;:«»"')
            if piece:
                at = 0 if rng.random() < 0.4 else int(rng.integers(0, len(sentences) + 1))
                sentences.insert(at, "\n" + piece + "\n")
        article = " ".join(sentences).replace(" \n", "\n").replace("\n ", "\n").strip()
        out.append(evaluate.Example(article, ex.reference, ex.title))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=VALID)
    parser.add_argument("--limit", type=int, help="only the first N articles (quick runs)")
    parser.add_argument("--budgets", action="store_true", help="news ranker length grid too")
    parser.add_argument("--debris", action="store_true", help="articles with web-like debris")
    parser.add_argument(
        "--against",
        type=Path,
        help="summaries written by benchmarks/dump_default.py (say, in an older checkout): "
        "the default is tested "
        "against them (paired bootstrap) in a second table",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"quality: {args.data} not found (set ABREGE_SHARED)", file=sys.stderr)
        return 2
    examples = evaluate.load(str(args.data), limit=args.limit)
    if args.debris:
        examples = with_debris(examples)
    progress = not args.quiet

    def row(label, summarise):
        return evaluate.score(label, summarise, examples, progress)

    results = [row(f"lead-{k}", evaluate.summarizer(f"lead-{k}")) for k in (2, 1, 3)]
    results += [sumy_row(m, examples, progress) for m in SUMY_METHODS if m in METHODS]
    results.append(row("abrege textrank (3 sent.)", evaluate.summarizer("textrank")))
    budget = rank_graph.default_budget()
    results.append(row("abrege textrank, news length", evaluate.summarizer("textrank", **budget)))
    results.append(row("abrege news, prior only, no title", prior_only(title=False)))
    results.append(row("abrege news, prior only", prior_only(title=True)))
    no_title = row("abrege news, no title", news(title=False))
    titled = row("abrege news (default)", news(title=True))
    results += [no_title, titled]
    if args.budgets:
        for k in (1, 2, 3):
            for w in (35, 45, 55, 65):
                results.append(row(f"news {k} sent. {w} words", news(True, sentences=k, words=w)))
    results.append(row("greedy oracle", evaluate.summarizer(evaluate.ORACLE)))
    evaluate.compare(results)
    debris = ", with web-like debris" if args.debris else ""
    print(f"# Validation: {args.data.name}, {len(examples)} articles{debris}\n")
    print(evaluate.table(results))
    if args.against:
        saved = json.loads(args.against.read_text(encoding="utf-8"))
        position = {id(ex): i for i, ex in enumerate(examples)}
        for key, new in (("no_title", no_title), ("title", titled)):
            old = row(f"{args.against.name}: {key}", lambda ex, s=saved[key]: s[position[id(ex)]])
            evaluate.compare([old, new])
            print(f"\n{evaluate.table([old, new])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
