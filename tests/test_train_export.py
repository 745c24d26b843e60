"""benchmarks/train_ranker.py's export of LightGBM trees to the model file, on a dump written by
hand in LightGBM's ``dump_model`` format (no LightGBM needed): renumbered word columns, leaf
numbering, single-leaf trees, and splits the numpy forest cannot follow refused."""

from __future__ import annotations

import sys

import numpy as np
import pytest
from conftest import REPO

from abrege import rank_graph
from abrege.trees import Forest

sys.path.insert(0, str(REPO / "benchmarks"))
import train_ranker  # noqa: E402

WIDTH = len(rank_graph.FEATURES)
KNOWN = ["w:alpha", "w:beta", "b:selon la", "f:mais", "w:gamma", "w:delta"]


def split(feature, threshold, left, right, missing="None"):
    return {
        "split_index": 0,
        "split_feature": feature,
        "threshold": threshold,
        "decision_type": "<=",
        "missing_type": missing,
        "left_child": left,
        "right_child": right,
    }


def leaf(value):
    return {"leaf_index": 0, "leaf_value": value}


# Tree 0: word 5 ("w:delta") absent ? 1 : (feature 2 <= 0.3 ? 2 : 3). Tree 1: one leaf, 0.5.
# Tree 2: word 2 ("b:selon la") absent ? -1 : 4.
DUMP = [
    split(WIDTH + 5, 0.5, leaf(1.0), split(2, 0.3, leaf(2.0), leaf(3.0))),
    {"leaf_value": 0.5},
    split(WIDTH + 2, 0.5, leaf(-1.0), leaf(4.0)),
]


class Booster:
    def __init__(self, trees):
        self.trees = trees

    def dump_model(self, num_iteration):
        return {"tree_info": [{"tree_structure": t} for t in self.trees[:num_iteration]]}


def by_hand(row_dense, present):
    first = 1.0 if "w:delta" not in present else (2.0 if row_dense[2] <= 0.3 else 3.0)
    third = 4.0 if "b:selon la" in present else -1.0
    return first + 0.5 + third


def test_exported_trees_read_only_the_words_they_split_on_and_score_as_written():
    params = train_ranker.export(Booster(DUMP), 3, KNOWN)
    assert params["features"] == list(rank_graph.FEATURES)
    assert params["words"] == ["b:selon la", "w:delta"]  # in column order, others dropped
    forest = Forest.from_dict(params["trees"])
    rng = np.random.default_rng(0)
    for present in ({"w:delta"}, {"b:selon la"}, set(), {"w:delta", "b:selon la"}):
        dense = rng.random((4, WIDTH))
        words = np.array([[k in present for k in params["words"]]] * 4, dtype=float)
        got = forest.predict(np.hstack([dense, words]))
        assert np.allclose(got, [by_hand(row, present) for row in dense])


def test_export_takes_the_first_rounds_only():
    params = train_ranker.export(Booster(DUMP), 2, KNOWN)
    assert len(params["trees"]["feature"]) == 2 and params["words"] == ["w:delta"]


def test_a_split_with_a_missing_value_direction_is_refused():
    tree = split(1, 0.5, leaf(0.0), leaf(1.0), missing="NaN")
    with pytest.raises(ValueError, match="unsupported split"):
        train_ranker.export(Booster([tree]), 1, KNOWN)
