"""The numpy forest that scores the default ranker's prior (``abrege.trees``), against trees
walked by hand, one node at a time."""

from __future__ import annotations

import numpy as np
import pytest

from abrege.trees import Forest

# Tree 0: x0 <= 0.5 ? (x1 <= 2 ? 1 : 2) : 3.   Tree 1: a single leaf, 10.
# Tree 2: x1 <= 0 ? -1 : (x0 <= 0.25 ? (x2 <= 7 ? 4 : 5) : 6)   (three levels deep).
TREES = {
    "feature": [[0, 1], [], [1, 0, 2]],
    "threshold": [[0.5, 2.0], [], [0.0, 0.25, 7.0]],
    "left": [[1, -1], [], [-1, 2, -2]],
    "right": [[-3, -2], [], [1, -4, -3]],
    "leaf": [[1.0, 2.0, 3.0], [10.0], [-1.0, 4.0, 5.0, 6.0]],
}


def walk_by_hand(trees: dict, row: np.ndarray) -> float:
    total = 0.0
    for f, t, lo, hi, leaves in zip(
        trees["feature"], trees["threshold"], trees["left"], trees["right"], trees["leaf"]
    ):
        node = 0 if f else -1
        while node >= 0:
            node = lo[node] if row[f[node]] <= t[node] else hi[node]
        total += leaves[-node - 1]
    return total


def test_rows_reach_the_leaves_a_walk_by_hand_reaches():
    x = np.array(
        [
            [0.0, 1.0, 0.0],  # 1 + 10 + 4
            [0.5, 2.0, 8.0],  # equal to the threshold goes left: 1 + 10 + 6
            [0.1, 2.5, 8.0],  # 2 + 10 + 5
            [0.9, -1.0, 0.0],  # 3 + 10 - 1
        ]
    )
    got = Forest.from_dict(TREES).predict(x)
    assert np.array_equal(got, [15.0, 17.0, 17.0, 12.0])
    assert np.array_equal(got, [walk_by_hand(TREES, row) for row in x])


def random_tree(rng, width: int, splits: int) -> dict:
    """A random binary tree of ``splits`` internal nodes, numbered as LightGBM numbers them."""
    feature, threshold, left, right, leaves = [], [], [], [], []

    def grow(budget: int) -> int:
        if budget == 0:
            leaves.append(float(rng.normal()))
            return -len(leaves)
        k = len(feature)
        feature.append(int(rng.integers(width)))
        threshold.append(float(rng.integers(-2, 3)))  # on the grid x is drawn from: ties
        left.append(0)
        right.append(0)
        share = int(rng.integers(0, budget))
        left[k] = grow(share)
        right[k] = grow(budget - 1 - share)
        return k

    grow(splits)
    return {
        "feature": feature,
        "threshold": threshold,
        "left": left,
        "right": right,
        "leaf": leaves,
    }


@pytest.mark.parametrize("seed", range(5))
def test_random_forests_agree_with_the_walk_by_hand(seed):
    rng = np.random.default_rng(seed)
    trees = [random_tree(rng, 6, int(rng.integers(0, 20))) for _ in range(30)]
    forest = {k: [t[k] for t in trees] for k in trees[0]}
    x = rng.integers(-3, 4, size=(40, 6)).astype(float)  # many values equal to a threshold
    expected = [walk_by_hand(forest, row) for row in x]
    assert np.allclose(Forest.from_dict(forest).predict(x), expected, rtol=0, atol=1e-12)


def test_depth_is_the_longest_path():
    assert Forest.from_dict(TREES).depth == 3
    single = {k: [[]] for k in ("feature", "threshold", "left", "right")} | {"leaf": [[2.5]]}
    forest = Forest.from_dict(single)
    assert forest.depth == 0 and np.array_equal(forest.predict(np.zeros((3, 1))), [2.5] * 3)
