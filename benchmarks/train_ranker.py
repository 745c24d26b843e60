"""Train the default news ranker and write ``src/abrege/data/news_ranker.json``.

    PYTHONPATH=src python benchmarks/train_ranker.py            # ~6 min on 2 cores
    PYTHONPATH=src python benchmarks/train_ranker.py --cache /tmp/rows.pkl   # refits in ~2 min

Each training article (OrangeSum train, 21,401 articles; never the validation or test split) is
segmented and cleaned exactly as ``abrege`` does, every sentence gets the features of
:mod:`abrege.rank_news`, and the label says whether the greedy ROUGE oracle picks it. A logistic
regression over the features and their pairwise products is fitted twice: with the title's
features, and without them (for articles given without a headline). Only numpy and scipy are
needed. The length budget is not learned here: it was chosen on the validation split with
``benchmarks/quality.py --budgets`` and is written as given below.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import pickle
import sys
import time
from multiprocessing import Pool
from pathlib import Path

import numpy as np

from abrege import rank_news, tokenize
from abrege.evaluate import oracle_indices
from abrege.prepare import prepare

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ABREGE_SHARED", REPO.parent / "shared"))
TRAIN = SHARED / "data" / "orangesum" / "train.jsonl.gz"
OUTPUT = REPO / "src" / "abrege" / "data" / "news_ranker.json"
# Chosen on validation (benchmarks/quality.py --budgets): the best ROUGE-L among budgets of at
# most 3 sentences and about 60 words.
BUDGET = {"sentences": 2, "words": 55}
L2 = 1e-3  # on the mean log-loss: firm enough to keep the pairwise weights tame


def article_rows(line: str):
    """(features without title, features with title, oracle labels) of one training article."""
    row = json.loads(line)
    prepared = prepare(row["article"])
    if not prepared.sentences or not row.get("reference"):
        return None
    texts = prepared.texts
    terms = prepared.terms()
    title_terms = tokenize.content_terms(row.get("title") or "")
    labels = np.zeros(len(texts))
    labels[oracle_indices(texts, row["reference"])] = 1.0
    return (
        rank_news.features(texts, terms),
        rank_news.features(texts, terms, title_terms),
        labels,
    )


def fit(x: np.ndarray, y: np.ndarray) -> dict:
    """L2-regularised logistic regression on :func:`rank_news.expand` of standardised ``x``."""
    from scipy.optimize import minimize

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = rank_news.expand((x - mean) / scale)
    design = np.hstack([z, np.ones((len(z), 1))])

    def loss(w):
        margin = design @ w
        # log(1 + e^m) - y m, computed stably; its gradient is (sigmoid(m) - y).
        value = np.logaddexp(0.0, margin) - y * margin
        grad = design.T @ (1.0 / (1.0 + np.exp(-margin)) - y) / len(y)
        penalty = np.r_[w[:-1], 0.0]
        return value.mean() + L2 / 2 * penalty @ penalty, grad + L2 * penalty

    result = minimize(loss, np.zeros(design.shape[1]), jac=True, method="L-BFGS-B")
    w = result.x
    return {
        "mean": mean.round(6).tolist(),
        "scale": scale.round(6).tolist(),
        "weights": w[:-1].round(6).tolist(),
        "bias": round(float(w[-1]), 6),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, default=TRAIN)
    parser.add_argument("--limit", type=int, help="only the first N articles (quick runs)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument(
        "--cache",
        type=Path,
        help="keep the per-sentence features and labels here and reuse them: labelling with "
        "the oracle is most of the run, so trying a new fit then takes minutes (delete the "
        "file when the features change)",
    )
    args = parser.parse_args()
    if not args.train.exists():
        print(f"train_ranker: {args.train} not found (set ABREGE_SHARED)", file=sys.stderr)
        return 2
    start = time.perf_counter()
    if args.cache and args.cache.exists():
        with args.cache.open("rb") as handle:
            rows = pickle.load(handle)
    else:
        with gzip.open(args.train, "rt", encoding="utf-8") as handle:
            lines = [line for line in handle if line.strip()][: args.limit]
        with Pool() as pool:
            rows = [r for r in pool.imap(article_rows, lines, chunksize=64) if r is not None]
        if args.cache:
            with args.cache.open("wb") as handle:
                pickle.dump(rows, handle)
    y = np.concatenate([r[2] for r in rows])
    print(
        f"{len(rows)} articles, {len(y)} sentences, {y.mean():.1%} picked by the oracle "
        f"({time.perf_counter() - start:.0f} s)",
        file=sys.stderr,
    )
    model = {
        "features": list(rank_news.FEATURES),
        "trained_on": f"OrangeSum train, {len(rows)} articles, greedy ROUGE-1+2 oracle labels",
        "with_title": fit(np.vstack([r[1] for r in rows]), y),
        "without_title": fit(np.vstack([r[0] for r in rows]), y),
        "budget": BUDGET,
    }
    args.output.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.output} ({time.perf_counter() - start:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
