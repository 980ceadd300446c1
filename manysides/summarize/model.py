"""The learned sentence scorer, stored as plain JSON and evaluated with numpy.

Two stages, both trained by ``train.py`` on Multi-News:

* ``Lexicon``: a linear model over the sentence's words (see ``lexicon.py``);
  its prediction becomes one more feature, ``lexical``;
* a gradient-boosted tree ensemble (scikit-learn's HistGradientBoostingRegressor,
  exported node by node) over ``FEATURE_NAMES`` + ``lexical``.

JSON keeps the package free of pickles (nothing executes on load) and of a
scikit-learn runtime dependency. The trees are evaluated all at once: every
tree's current node for every sentence lives in one array, and each step of
the loop moves them all one level down (a few dozen numpy calls per cluster).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..errors import UsageError
from .features import FEATURE_NAMES
from .lexicon import Lexicon

__all__ = ["Scorer", "Trees", "load_scorer", "scorer_from_dict", "DEFAULT_MODEL", "MODEL_FEATURES", "FORMAT"]

DEFAULT_MODEL = Path(__file__).with_name("scorer.json")
FORMAT = "manysides-summarizer/2"
#: The trees' inputs: the hand-made features, then the lexicon's prediction.
MODEL_FEATURES: tuple[str, ...] = FEATURE_NAMES + ("lexical",)


@dataclass(frozen=True)
class Trees:
    """A boosted ensemble as padded arrays, shape (trees, nodes); leaves have feature -1."""

    baseline: float
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    missing_left: np.ndarray
    depth: int

    @classmethod
    def from_nodes(cls, baseline: float, trees: Sequence[Sequence[Sequence[float]]]) -> "Trees":
        """From per-tree node lists ``[feature, threshold, left, right, value, missing_left]``."""
        width = max(len(t) for t in trees)
        table = np.zeros((len(trees), width, 6))
        table[:, :, 0] = -1
        for k, nodes in enumerate(trees):
            table[k, : len(nodes)] = nodes
        feature = table[:, :, 0].astype(np.int64)
        left, right = table[:, :, 2].astype(np.int64), table[:, :, 3].astype(np.int64)
        return cls(float(baseline), feature, table[:, :, 1], left, right, table[:, :, 4], table[:, :, 5] > 0, _depth(feature, left, right))

    def predict(self, matrix: np.ndarray) -> np.ndarray:
        n_trees, n = self.feature.shape[0], matrix.shape[0]
        tree = np.arange(n_trees)[:, None]
        row = np.arange(n)[None, :]
        node = np.zeros((n_trees, n), dtype=np.int64)
        for _ in range(self.depth):
            feat = self.feature[tree, node]
            inner = feat >= 0
            x = matrix[row, np.where(inner, feat, 0)]
            go_left = np.where(np.isnan(x), self.missing_left[tree, node], x <= self.threshold[tree, node])
            node = np.where(inner, np.where(go_left, self.left[tree, node], self.right[tree, node]), node)
        return self.baseline + self.value[tree, node].sum(0)


def _depth(feature: np.ndarray, left: np.ndarray, right: np.ndarray) -> int:
    """Longest root-to-leaf path over all trees (the number of steps ``predict`` needs)."""
    best = 0
    for k in range(feature.shape[0]):
        stack = [(0, 0)]
        while stack:
            node, d = stack.pop()
            if feature[k, node] < 0:
                best = max(best, d)
            else:
                stack += [(int(left[k, node]), d + 1), (int(right[k, node]), d + 1)]
    return best


@dataclass(frozen=True)
class Scorer:
    """Maps a cluster's sentences (texts and feature matrix) to one relevance score each."""

    lexicon: Lexicon
    trees: Trees
    select: dict[str, float]  # selection settings tuned with the model (redundancy, ...)

    def inputs(self, texts: Sequence[str], matrix: np.ndarray) -> np.ndarray:
        return np.column_stack([matrix, self.lexicon.predict(texts)])

    def score(self, texts: Sequence[str], matrix: np.ndarray) -> np.ndarray:
        if matrix.shape[0] == 0:
            return np.zeros(0)
        return self.trees.predict(self.inputs(texts, matrix))


def scorer_from_dict(data: dict[str, Any]) -> Scorer:
    if data.get("format") != FORMAT or tuple(data.get("features", ())) != MODEL_FEATURES:
        raise UsageError(
            "the summarizer model was trained on other features than this code computes; "
            "retrain it with 'python -m manysides.summarize.train'"
        )
    trees = data["trees"]
    return Scorer(Lexicon.from_dict(data["lexicon"]), Trees.from_nodes(trees["baseline"], trees["nodes"]), dict(data.get("select", {})))


@lru_cache(maxsize=4)
def load_scorer(path: str | Path = DEFAULT_MODEL) -> Scorer:
    """The scorer stored at ``path`` (the packaged model by default), loaded once."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UsageError(f"no summarizer model at {path}; build one with 'python -m manysides.summarize.train'") from exc
    return scorer_from_dict(data)
