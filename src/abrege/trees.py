"""Gradient-boosted trees evaluated with numpy: the default ranker's prior, without LightGBM.

``benchmarks/train_ranker.py`` learns the prior with LightGBM and writes its trees as plain
lists; reading them here keeps the runtime to numpy (LightGBM is a compiled library that not
every platform installs cleanly, and it is needed for learning only).

A tree is stored as LightGBM writes it: internal nodes numbered from 0, each with a feature,
a threshold (go left when ``value <= threshold``) and two children; a child ``c < 0`` is the
leaf ``-c - 1``. The forest's score of a row is the sum of the leaves it reaches.

For speed, every tree is walked at once: all nodes of all trees go into flat arrays, and a leaf
becomes a node that leads to itself, so that one step moves every (row, tree) pair down a level
with four array lookups and no per-node Python. The walk takes as many steps as the deepest
tree (the trainer caps the depth), whatever the number of trees.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Forest:
    """Flat node arrays of every tree (leaves included, leading to themselves), the root of
    each tree, and the number of steps that reaches every leaf."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray  # a leaf's value; 0 for an internal node
    roots: np.ndarray
    depth: int

    @classmethod
    def from_dict(cls, trees: dict[str, Sequence[Sequence[float]]]) -> Forest:
        """From the ``feature``, ``threshold``, ``left``, ``right`` and ``leaf`` lists (one
        list per tree) of a model file."""
        feature: list[int] = []
        threshold: list[float] = []
        left: list[int] = []
        right: list[int] = []
        value: list[float] = []
        roots: list[int] = []
        depth = 0
        for f, t, lo, hi, leaves in zip(
            trees["feature"],
            trees["threshold"],
            trees["left"],
            trees["right"],
            trees["leaf"],
            strict=True,
        ):
            base, inner = len(feature), len(f)

            def place(child: int, base: int = base, inner: int = inner) -> int:
                return base + (child if child >= 0 else inner - child - 1)

            feature += [int(k) for k in f]
            threshold += [float(v) for v in t]
            left += [place(int(c)) for c in lo]
            right += [place(int(c)) for c in hi]
            value += [0.0] * inner
            for k, leaf in enumerate(leaves):  # a leaf: any feature, both ways back to itself
                feature.append(0)
                threshold.append(np.inf)
                left.append(base + inner + k)
                right.append(base + inner + k)
                value.append(float(leaf))
            roots.append(base)
            depth = max(depth, _depth(lo, hi))
        return cls(
            feature=np.array(feature, dtype=np.intp),
            threshold=np.array(threshold, dtype=np.float64),
            left=np.array(left, dtype=np.intp),
            right=np.array(right, dtype=np.intp),
            value=np.array(value, dtype=np.float64),
            roots=np.array(roots, dtype=np.intp),
            depth=depth,
        )

    def predict(self, x: np.ndarray) -> np.ndarray:
        """The forest's score of each row of ``x`` (rows x features)."""
        x = np.ascontiguousarray(x, dtype=np.float64)
        n, width = x.shape
        flat = x.ravel()
        offsets = (np.arange(n) * width)[:, None]
        node = np.broadcast_to(self.roots, (n, len(self.roots)))
        for _ in range(self.depth):
            go_left = flat.take(offsets + self.feature.take(node)) <= self.threshold.take(node)
            node = np.where(go_left, self.left.take(node), self.right.take(node))
        return self.value.take(node).sum(axis=1)


def _depth(left: Sequence[float], right: Sequence[float]) -> int:
    """Steps from the root to the deepest leaf (0 for a tree that is one leaf)."""
    if not left:
        return 0
    deepest, stack = 0, [(0, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        stack += [(int(c), level + 1) for c in (left[node], right[node]) if c >= 0]
    return deepest
