"""Train the default ranker (``abrege.rank_graph``); write ``src/abrege/data/graph_ranker.json.gz``.

    PYTHONPATH=src python benchmarks/train_ranker.py                       # ~10 min on 2 cores
    PYTHONPATH=src python benchmarks/train_ranker.py --cache /tmp/rows.pkl  # refits in ~6 min

Needs LightGBM (``pip install -e ".[bench]"``); the shipped model does not (:mod:`abrege.trees`).
Learn on train, choose on valid:

1. Each OrangeSum training article (21,401; never the validation or test split) is prepared
   exactly as ``abrege`` prepares it (:func:`abrege.prepare.prepare`), and the label of each
   sentence says whether the greedy ROUGE oracle picks it.
2. Web-like debris is injected into a share of the training articles (:data:`NOISE`): other
   articles' headlines as headings without punctuation and 2-5-word fragments, labelled "not
   in the summary", so that the prior learns what a fragment is on pages that have them.
3. The word features the model may read are those of :func:`abrege.rank_graph.word_keys` found
   in at least :data:`MIN_COUNT` training sentences: the common words of news writing.
4. The prior, boosted trees with LightGBM's LambdaRank objective (the sentences of one article
   are ranked against each other, as choosing a summary needs), is trained twice: with the
   title's features and without them (for articles given without a headline).
5. On OrangeSum valid, per weight set: the number of trees by ROUGE-L of the prior alone at the
   default length, then the damping of the biased PageRank; near-ties (:data:`TIE`) go to the
   larger damping. The written trees are checked to score as LightGBM does (to 1e-6, on the
   first 2,000 validation sentences).

The length budget is not learned here: it was chosen on the validation split and is written
as given below. Everything is seeded: the same data gives the same file.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import pickle
import sys
import time
from collections import Counter
from collections.abc import Sequence
from multiprocessing import Pool
from pathlib import Path

import numpy as np

from abrege import rank_graph, select
from abrege.evaluate import load, oracle_indices, rouge
from abrege.methods import get
from abrege.prepare import prepare
from abrege.tokenize import content_terms
from abrege.trees import Forest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ABREGE_SHARED", REPO.parent / "shared"))
TRAIN = SHARED / "data" / "orangesum" / "train.jsonl.gz"
VALID = SHARED / "data" / "orangesum" / "valid.jsonl"
OUTPUT = REPO / "src" / "abrege" / "data" / "graph_ranker.json.gz"
# Chosen on validation: the best ROUGE-L among budgets of at most 3 sentences and about 60 words.
BUDGET = {"sentences": 2, "words": 55}
MIN_COUNT = 200  # training sentences a word feature must appear in to be known
ROUNDS = (100, 200, 300, 400)  # numbers of trees tried on validation
# LambdaRank trees. Depth is capped so that scoring takes a few numpy steps (abrege.trees);
# the rest are LightGBM's usual guards against fitting noise.
LIGHTGBM = {
    "objective": "lambdarank",
    "lambdarank_truncation_level": 5,
    "learning_rate": 0.1,
    "num_leaves": 31,
    "max_depth": 8,
    "min_data_in_leaf": 100,
    "feature_fraction": 0.5,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "num_threads": 2,
    "deterministic": True,
    "force_row_wise": True,
    "verbose": -1,
}
NOISE = 0.3  # share of training articles given debris
SEED = 13
DAMPINGS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3)
# ROUGE-L (x 100) within which dampings count as tied on validation: a paired difference's
# standard error there is about 0.1, so this is no measurable loss, and the tie goes to the
# graph (more damping), whose centrality does not depend on where a newsroom puts the gist.
TIE = 0.05

NEWS = get("news")

Row = tuple[list[str], list[list[str]], str, np.ndarray]  # texts, terms, title, oracle labels


def article_row(line: str) -> Row | None:
    """One training article as ``abrege`` prepares it, with the oracle's labels."""
    record = json.loads(line)
    prepared = prepare(record["article"])
    if not prepared.sentences or not record.get("reference"):
        return None
    texts = prepared.texts
    labels = np.zeros(len(texts), dtype=np.int8)
    labels[oracle_indices(texts, record["reference"])] = 1
    return texts, prepared.terms(), record.get("title") or "", labels


def with_debris(rows: Sequence[Row], share: float, seed: int = SEED) -> list[Row]:
    """``rows`` with web-like debris (label 0) inserted into a ``share`` of the articles: one to
    three pieces, each another article's headline without its final punctuation (a heading or
    a related link) or a 2-5-word fragment of another article's sentence (a menu item, a
    caption), put first 40% of the time (where page furniture sits) and anywhere otherwise."""
    rng = np.random.default_rng(seed)
    out: list[Row] = []
    for texts, terms, title, labels in rows:
        if rng.random() >= share:
            out.append((texts, terms, title, labels))
            continue
        texts, terms, marks = list(texts), list(terms), list(labels)
        for _ in range(int(rng.integers(1, 4))):
            other = rows[int(rng.integers(len(rows)))]
            if rng.random() < 0.5 and other[2]:
                piece = other[2].rstrip(" .!?")
            else:
                tokens = other[0][int(rng.integers(len(other[0])))].split()
                size = int(rng.integers(2, 6))
                start = int(rng.integers(0, max(1, len(tokens) - size)))
                piece = " ".join(tokens[start : start + size]).rstrip(" .!?,;:")
            if not piece:
                continue
            at = 0 if rng.random() < 0.4 else int(rng.integers(0, len(texts) + 1))
            texts.insert(at, piece)
            terms.insert(at, content_terms(piece))
            marks.insert(at, 0)
        out.append((texts, terms, title, np.array(marks, dtype=np.int8)))
    return out


def vocabulary(rows: Sequence[Row], min_count: int = MIN_COUNT) -> list[str]:
    """The word features found in at least ``min_count`` training sentences, sorted."""
    counts = Counter(k for texts, *_ in rows for t in texts for k in rank_graph.word_keys(t))
    return sorted(k for k, c in counts.items() if c >= min_count)


def design(features: Sequence[np.ndarray], texts: Sequence[Sequence[str]], index: dict[str, int]):
    """LightGBM's input: each article's rows of :data:`rank_graph.FEATURES` (``features``),
    then one 0/1 column per known word feature of its sentences (``texts``), sparse."""
    from scipy import sparse

    dense = np.vstack(features)
    known = rank_graph.KnownWords(list(index), 0)  # the lookup serving uses
    columns = [sorted(set(known.columns(text))) for article in texts for text in article]
    indptr = np.r_[0, np.cumsum([len(c) for c in columns])]
    flat = np.fromiter((j for c in columns for j in c), dtype=np.int64, count=int(indptr[-1]))
    lexical = sparse.csr_matrix(
        (np.ones(len(flat)), flat, indptr), shape=(len(columns), len(index))
    )
    return sparse.hstack([sparse.csr_matrix(dense), lexical]).tocsr()


def export(booster, rounds: int, known: Sequence[str]) -> dict:
    """The first ``rounds`` trees as :class:`abrege.trees.Forest` lists, reading all of
    :data:`rank_graph.FEATURES` and only the word features some tree splits on (renumbered)."""
    width = len(rank_graph.FEATURES)
    dump = booster.dump_model(num_iteration=rounds)["tree_info"]
    used = sorted({f for t in dump for f in _splits(t["tree_structure"]) if f >= width})
    renumber = {f: f for f in range(width)} | {f: width + j for j, f in enumerate(used)}
    trees: dict[str, list] = {k: [] for k in ("feature", "threshold", "left", "right", "leaf")}
    for tree in dump:
        for key, values in _tree(tree["tree_structure"], renumber).items():
            trees[key].append(values)
    return {
        "features": list(rank_graph.FEATURES),
        "words": [known[f - width] for f in used],
        "trees": trees,
    }


def _tree(root: dict, renumber: dict[int, int]) -> dict[str, list]:
    """One LightGBM tree as the lists :class:`abrege.trees.Forest` reads."""
    nodes: dict[str, list] = {k: [] for k in ("feature", "threshold", "left", "right", "leaf")}

    def visit(node: dict) -> int:
        if "split_index" not in node:
            nodes["leaf"].append(round(node["leaf_value"], 10))
            return -len(nodes["leaf"])
        if node["decision_type"] != "<=" or node["missing_type"] != "None":
            raise ValueError(f"unsupported split {node}")
        k = len(nodes["feature"])
        nodes["feature"].append(renumber[node["split_feature"]])
        nodes["threshold"].append(node["threshold"])
        nodes["left"].append(0)
        nodes["right"].append(0)
        nodes["left"][k] = visit(node["left_child"])
        nodes["right"][k] = visit(node["right_child"])
        return k

    visit(root)
    return nodes


def _splits(node: dict):
    if "split_index" in node:
        yield node["split_feature"]
        yield from _splits(node["left_child"])
        yield from _splits(node["right_child"])


def softmax(logits: np.ndarray, sizes: Sequence[int]) -> list[np.ndarray]:
    out, start = [], 0
    for n in sizes:
        s = logits[start : start + n]
        start += n
        e = np.exp(s - s.max()) if n else s
        out.append(e / e.sum() if n else e)
    return out


def choose(booster, x_valid, prepared, graphs, references) -> tuple[int, float, dict]:
    """The number of trees (ROUGE-L of the prior alone) and then the damping (within
    :data:`TIE`, the larger) that do best on validation at the default length. ``prepared``:
    the validation articles as serving prepares them; ``graphs``: their features and walk
    graphs (:func:`rank_graph.walk_graph`); ``x_valid``: their :func:`design`."""
    sizes = [len(p.texts) for p in prepared]

    def rouge_l(priors, damping):
        summaries = []
        for p, (x, graph), prior in zip(prepared, graphs, priors):
            ranked = rank_graph.walk(x, graph, prior, damping)
            chosen = select.choose(
                p.texts,
                ranked,
                BUDGET["sentences"],
                BUDGET["words"],
                skip_zero=NEWS.zero_means_never,
            )
            summaries.append(" ".join(p.texts[i] for i in chosen))
        return round(float(rouge(summaries, references)[:, 2].mean() * 100), 3)

    by_rounds = {
        r: rouge_l(softmax(booster.predict(x_valid, num_iteration=r), sizes), 0.0) for r in ROUNDS
    }
    rounds = max(by_rounds, key=by_rounds.__getitem__)
    priors = softmax(booster.predict(x_valid, num_iteration=rounds), sizes)
    by_damping = {d: rouge_l(priors, d) for d in DAMPINGS}
    best = max(by_damping.values())
    damping = max(d for d, value in by_damping.items() if value >= best - TIE)
    return rounds, damping, {"by_rounds": by_rounds, "by_damping": by_damping}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, default=TRAIN)
    parser.add_argument("--valid", type=Path, default=VALID)
    parser.add_argument("--limit", type=int, help="only the first N training articles")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--noise", type=float, default=NOISE, help="share of noised articles")
    parser.add_argument(
        "--cache",
        type=Path,
        help="keep the prepared training articles and their labels here and reuse them: "
        "labelling with the oracle is most of the run (delete the file when the preparation "
        "changes)",
    )
    args = parser.parse_args()
    for path in (args.train, args.valid):
        if not path.exists():
            print(f"train_ranker: {path} not found (set ABREGE_SHARED)", file=sys.stderr)
            return 2
    start = time.perf_counter()
    if args.cache and args.cache.exists():
        with args.cache.open("rb") as handle:
            rows = pickle.load(handle)
    else:
        with gzip.open(args.train, "rt", encoding="utf-8") as handle:
            lines = [line for line in handle if line.strip()][: args.limit]
        with Pool(2) as pool:
            rows = [r for r in pool.imap(article_row, lines, chunksize=64) if r is not None]
        if args.cache:
            with args.cache.open("wb") as handle:
                pickle.dump(rows, handle)
    rows = with_debris(rows, args.noise)
    y = np.concatenate([r[3] for r in rows]).astype(np.float64)
    sizes = np.array([len(r[0]) for r in rows])
    print(
        f"{len(rows)} articles, {len(y)} sentences, {y.mean():.1%} picked by the oracle "
        f"({time.perf_counter() - start:.0f} s)",
        file=sys.stderr,
    )
    import lightgbm

    known = vocabulary(rows)
    index = {k: j for j, k in enumerate(known)}
    valid = load(str(args.valid))
    model: dict = {
        "trained_on": f"OrangeSum train, {len(rows)} articles, greedy ROUGE-1+2 oracle labels, "
        f"debris in {args.noise:.0%} of them, {len(known)} word features seen in at least "
        f"{MIN_COUNT} sentences; trees and damping chosen on OrangeSum valid",
        "budget": BUDGET,
    }
    texts = [r[0] for r in rows]
    references = [ex.reference for ex in valid]
    for key, title in (("without_title", False), ("with_title", True)):
        x_train = [
            rank_graph.features(r[0], r[1], content_terms(r[2]) if title and r[2] else [])[0]
            for r in rows
        ]
        data = lightgbm.Dataset(design(x_train, texts, index), y, group=sizes)
        booster = lightgbm.train({**LIGHTGBM, "seed": SEED}, data, num_boost_round=max(ROUNDS))
        prepared = [prepare(ex.article, ex.title if title else None) for ex in valid]
        graphs = [
            rank_graph.walk_graph(
                p.texts, p.terms(), content_terms(ex.title) if title and ex.title else []
            )
            for p, ex in zip(prepared, valid)
        ]
        x_valid = design([x for x, _ in graphs], [p.texts for p in prepared], index)
        rounds, damping, tried = choose(booster, x_valid, prepared, graphs, references)
        params = export(booster, rounds, known)
        check = Forest.from_dict(params["trees"])
        x_check = x_valid[:2000].toarray()
        used = [index[k] + len(rank_graph.FEATURES) for k in params["words"]]
        mine = check.predict(x_check[:, list(range(len(rank_graph.FEATURES))) + used])
        theirs = booster.predict(x_valid[:2000], num_iteration=rounds)
        if not np.allclose(mine, theirs, atol=1e-6):
            raise SystemExit(f"train_ranker: exported trees score differently ({key})")
        params |= {"rounds": rounds, "damping": damping, "valid_rouge_l": tried}
        print(f"{key}: {rounds} trees, damping {damping}, valid ROUGE-L {tried}", file=sys.stderr)
        model[key] = params
    text = json.dumps(model, ensure_ascii=False, separators=(",", ":"))
    args.output.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    print(f"wrote {args.output} ({time.perf_counter() - start:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
