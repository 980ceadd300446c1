"""The trained clutter model: JSON weights, numpy-only inference.

``model.json`` holds a lexicon (word weights) and boosted-tree ensembles: pass 1 scores
each line from its own and its neighbours' features; an optional pass 2 adds features
of the pass-1 probabilities (the body is one mostly contiguous block, comments come
after it), and the probability that a line is article body is then a blend of the two
(``meta["pass1_share"]`` of pass 1; the shipped model blends them, see
``train.PASS1_SHARE``). A model may also be pass 1 alone (``"pass2": null``), which
skips the second walk. Trees are stored as flat arrays and all of them are walked at
once, so a 100-line article costs a few milliseconds.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..errors import DependencyError
from .features import Lexicon, block_features, context_features, line_features

__all__ = ["TreeEnsemble", "ClutterModel", "load_model", "MODEL_PATH"]

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).with_name("model.json")


@dataclass(frozen=True)
class TreeEnsemble:
    """Boosted regression trees (log-odds), flattened: node arrays over all trees."""

    feature: np.ndarray  # int, -1 at leaves
    threshold: np.ndarray
    left: np.ndarray  # global node index
    right: np.ndarray
    value: np.ndarray
    roots: np.ndarray  # global index of each tree's root
    baseline: float
    depth: int

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> TreeEnsemble:
        return cls(
            feature=np.asarray(d["feature"], dtype=np.int64),
            threshold=np.asarray(d["threshold"], dtype=np.float64),
            left=np.asarray(d["left"], dtype=np.int64),
            right=np.asarray(d["right"], dtype=np.int64),
            value=np.asarray(d["value"], dtype=np.float64),
            roots=np.asarray(d["roots"], dtype=np.int64),
            baseline=float(d["baseline"]),
            depth=int(d["depth"]),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "feature": self.feature.tolist(), "threshold": [float(f"{t:.7g}") for t in self.threshold],
            "left": self.left.tolist(), "right": self.right.tolist(), "value": [float(f"{v:.6g}") for v in self.value],
            "roots": self.roots.tolist(), "baseline": self.baseline, "depth": self.depth,
        }

    @cached_property
    def _walk(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Node arrays in which a leaf points to itself (split on feature 0 at +inf), so
        walking needs no leaf test: a row that reached its leaf stays there. Children are
        interleaved (``child[2 * node + went_left]``): one gather a step instead of two
        and a select."""
        leaf = self.feature < 0
        idx = np.arange(len(self.feature))
        child = np.stack([np.where(leaf, idx, self.right), np.where(leaf, idx, self.left)], axis=1).ravel()
        return np.where(leaf, 0, self.feature), np.where(leaf, np.inf, self.threshold), child

    def logit(self, x: np.ndarray) -> np.ndarray:
        """Sum of every tree's leaf value for each row of ``x``."""
        if x.shape[0] == 0:
            return np.zeros(0)
        feature, threshold, child = self._walk
        node = np.broadcast_to(self.roots, (x.shape[0], len(self.roots))).copy()
        flat = np.ascontiguousarray(x).ravel()
        row_start = (np.arange(x.shape[0]) * x.shape[1])[:, None]
        for _ in range(self.depth):
            node = child[2 * node + (flat[row_start + feature[node]] <= threshold[node])]
        return self.baseline + self.value[node].sum(axis=1)

    def proba(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.logit(x)))


def ensemble_from_sklearn(clf: Any) -> TreeEnsemble:
    """Flatten a fitted sklearn HistGradientBoostingClassifier (binary) into arrays."""
    feature, threshold, left, right, value, roots = [], [], [], [], [], []
    depth = 0
    for (predictor,) in clf._predictors:
        nodes = predictor.nodes
        offset = len(feature)
        roots.append(offset)
        for nd in nodes:
            leaf = bool(nd["is_leaf"])
            feature.append(-1 if leaf else int(nd["feature_idx"]))
            threshold.append(0.0 if leaf else float(nd["num_threshold"]))
            left.append(offset + int(nd["left"]) if not leaf else offset)
            right.append(offset + int(nd["right"]) if not leaf else offset)
            value.append(float(nd["value"]) if leaf else 0.0)
            depth = max(depth, int(nd["depth"]))
    return TreeEnsemble(
        np.asarray(feature), np.asarray(threshold), np.asarray(left), np.asarray(right),
        np.asarray(value), np.asarray(roots), float(np.ravel(clf._baseline_prediction)[0]), depth + 1,
    )


@dataclass(frozen=True)
class ClutterModel:
    lexicon: Lexicon
    pass1: TreeEnsemble
    pass2: TreeEnsemble | None  # None: pass 1 alone (``meta["pass1_share"]`` 1)
    meta: dict[str, Any]

    def features1(self, lines: Sequence[str]) -> np.ndarray:
        x, _ = context_features(line_features(lines, self.lexicon))
        expected = self.meta.get("n_features1")
        if expected is not None and x.shape[1] != expected:  # trees index features by position
            raise DependencyError(
                f"the clutter model expects {expected} features, the code makes {x.shape[1]}: "
                "retrain it with `python -m manysides.clean.train --data ../shared/data/article_extraction`"
            )
        return x

    def body_probability(self, lines: Sequence[str]) -> np.ndarray:
        """P(line is article body) for each line of one text (blank lines excluded)."""
        if not lines:
            return np.zeros(0)
        x1 = self.features1(lines)
        p1 = self.pass1.proba(x1)
        share = float(self.meta.get("pass1_share", 0.0))
        if self.pass2 is None or share >= 1.0:
            return p1
        x2, _ = block_features(p1, lines)
        p2 = self.pass2.proba(np.concatenate([x1, x2], axis=1))
        return share * p1 + (1.0 - share) * p2

    def to_json(self) -> dict[str, Any]:
        return {
            "format": "manysides-clutter/1",
            "meta": self.meta,
            "lexicon": {"bias": self.lexicon.bias, "weights": {k: float(f"{v:.4g}") for k, v in self.lexicon.weights.items()}},
            "pass1": self.pass1.to_json(),
            "pass2": self.pass2.to_json() if self.pass2 is not None else None,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ClutterModel:
        lex = Lexicon(weights=dict(d["lexicon"]["weights"]), bias=float(d["lexicon"]["bias"]))
        pass2 = TreeEnsemble.from_json(d["pass2"]) if d.get("pass2") else None
        return cls(lex, TreeEnsemble.from_json(d["pass1"]), pass2, dict(d.get("meta", {})))


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> ClutterModel:
    if not path.is_file():
        raise DependencyError(
            f"the clutter model {path} is missing; train it with "
            "`python -m manysides.clean.train --data ../shared/data/article_extraction --out manysides/clean/model.json`"
        )
    return ClutterModel.from_json(json.loads(path.read_text(encoding="utf-8")))
