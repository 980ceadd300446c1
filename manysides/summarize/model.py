"""The learned sentence scorer, stored as plain JSON and evaluated with numpy.

Two kinds are understood: ``linear`` (weights over standardised features) and
``trees`` (a gradient-boosted ensemble exported from scikit-learn's
HistGradientBoostingRegressor: each node is [feature, threshold, left, right,
value, missing_left]). JSON keeps the package free of pickles (nothing executes
on load) and of a scikit-learn runtime dependency.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import UsageError
from .features import FEATURE_NAMES

__all__ = ["Scorer", "load_scorer", "DEFAULT_MODEL"]

DEFAULT_MODEL = Path(__file__).with_name("scorer.json")


@dataclass(frozen=True)
class Scorer:
    """Maps a feature matrix to one relevance score per sentence."""

    kind: str
    params: dict[str, Any]
    select: dict[str, float]  # selection settings tuned with the model (redundancy, ...)

    def score(self, matrix: np.ndarray) -> np.ndarray:
        if matrix.shape[0] == 0:
            return np.zeros(0)
        if self.kind == "linear":
            mean = np.asarray(self.params["mean"])
            scale = np.asarray(self.params["scale"])
            return ((matrix - mean) / scale) @ np.asarray(self.params["weights"]) + self.params["bias"]
        return _tree_scores(matrix, self.params)


def _tree_scores(matrix: np.ndarray, params: dict[str, Any]) -> np.ndarray:
    out = np.full(matrix.shape[0], float(params["baseline"]))
    for tree in params["trees"]:
        nodes = tree  # list of [feature, threshold, left, right, value, missing_left]; leaf: feature == -1
        for r in range(matrix.shape[0]):
            node = nodes[0]
            while node[0] >= 0:
                x = matrix[r, node[0]]
                go_left = node[5] if x != x else x <= node[1]  # x != x: NaN
                node = nodes[node[2] if go_left else node[3]]
            out[r] += node[4]
    return out


def scorer_from_dict(data: dict[str, Any]) -> Scorer:
    names = tuple(data.get("features", ()))
    if names != FEATURE_NAMES:
        raise UsageError(
            "the summarizer model was trained on other features than this code computes; "
            "retrain it with 'python -m manysides.summarize.train'"
        )
    return Scorer(data["kind"], data["params"], dict(data.get("select", {})))


@lru_cache(maxsize=4)
def load_scorer(path: str | Path = DEFAULT_MODEL) -> Scorer:
    """The scorer stored at ``path`` (the packaged model by default), loaded once."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UsageError(f"no summarizer model at {path}; build one with 'python -m manysides.summarize.train'") from exc
    return scorer_from_dict(data)
