"""How two sentences relate: the same news, one supporting the other, a contradiction, or unrelated.

A small model of our own (``manysides train pairs``, ``text.pairs_train``) over what the
brief already has for every sentence: its MiniLM embedding, plus a few surface features
(shared content words, numbers one side has and the other lacks, negation, names). A pair
costs a matrix product, so thousands of pairs a second on one core, no encoder pass.

Three heads share one hidden layer: ``same`` (paraphrase: MRPC, QQP, STS-B), ``nli``
(entailment / neutral / contradiction: SNLI, MNLI, ANLI, SICK, FEVER) and ``stance``
(agree / disagree / discuss: FNC-1, Emergent). Each head's softmax is temperature-scaled
on pairs kept out of the fit, so its probabilities can be read as such.
:func:`relation` combines them into one calibrated distribution over four relations.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np

from ..errors import DependencyError
from .words import NEGATION as _NEGATION, content_words, numbers_in

__all__ = ["RELATIONS", "MODEL_PATH", "PairModel", "Relation", "pair_inputs", "surface_features", "load_pair_model"]

MODEL_PATH = Path(__file__).with_name("pairs_model.npz")
RELATIONS = ("same", "supports", "contradicts", "unrelated")

_NAME = re.compile(r"(?<=\s)[A-Z][A-Za-z'’-]+")


@dataclass(frozen=True)
class Relation:
    """Calibrated probabilities of each relation of ``a`` to ``b`` (they sum to 1)."""

    same: float
    supports: float
    contradicts: float
    unrelated: float

    @property
    def label(self) -> str:
        return max(RELATIONS, key=lambda r: getattr(self, r))


def _share(mine: set | frozenset, theirs: set | frozenset) -> float:
    return len(mine & theirs) / len(mine) if mine else 1.0


def surface_features(a: str, b: str) -> list[float]:
    """What an embedding blurs: a number or a name one side has and the other lacks, a negation."""
    wa, wb = content_words(a), content_words(b)
    na, nb = numbers_in(a), numbers_in(b)
    ca, cb = set(_NAME.findall(a)), set(_NAME.findall(b))
    neg_a, neg_b = len(_NEGATION.findall(a)), len(_NEGATION.findall(b))
    return [
        _share(wa, wb), _share(wb, wa),
        1.0 - _share(na, nb), 1.0 - _share(nb, na), float(bool(na)), float(bool(nb)),
        _share(ca, cb), _share(cb, ca),
        float((neg_a > 0) != (neg_b > 0)),
        math.log((len(a.split()) + 1) / (len(b.split()) + 1)),
    ]


def pair_inputs(u: np.ndarray, v: np.ndarray, a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    """The model's input rows for pairs with embeddings ``u``, ``v`` (rows L2-normalised)."""
    cos = (u * v).sum(1, keepdims=True)
    surface = np.array([surface_features(x, y) for x, y in zip(a, b)], dtype=np.float32).reshape(len(a), -1)
    return np.hstack([u * v, np.abs(u - v), u, v, cos, surface]).astype(np.float32)


class PairModel:
    """The trained head: numpy weights, no torch at run time."""

    def __init__(self, weights: Mapping[str, np.ndarray]) -> None:
        self.w = {k: np.asarray(v, dtype=np.float32) for k, v in weights.items()}

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> "PairModel":
        if not path.exists():
            raise DependencyError(f"pair model {path} is missing: reinstall manysides or run 'manysides train pairs'")
        with np.load(path) as z:
            return cls({k: z[k] for k in z.files})

    def save(self, path: Path) -> None:
        # float16 halves the file (the arrays are rounded once, at training)
        np.savez_compressed(path, **{k: v.astype(np.float16) if v.ndim == 2 else v for k, v in self.w.items()})

    def logits(self, x: np.ndarray, task: str) -> np.ndarray:
        h = np.maximum(((x - self.w["mean"]) / self.w["scale"]) @ self.w["w1"] + self.w["b1"], 0.0)
        return h @ self.w[f"w_{task}"] + self.w[f"b_{task}"]

    def probabilities(self, x: np.ndarray, task: str) -> np.ndarray:
        z = self.logits(x, task) / float(self.w[f"t_{task}"][0])
        z = np.exp(z - z.max(1, keepdims=True))
        return z / z.sum(1, keepdims=True)

    def relations(self, u: np.ndarray, v: np.ndarray, a: Sequence[str], b: Sequence[str]) -> np.ndarray:
        """(pairs, 4) probabilities of RELATIONS for ``a[i]`` to ``b[i]``: P(same) from the
        paraphrase head; the rest split by the entailment head (entails -> supports,
        contradicts, neutral -> unrelated). Two sentences on different topics read as
        "contradicts" (SNLI labels two unrelated scenes so): ask about contradiction only
        for pairs already on the same topic."""
        if not len(a):
            return np.zeros((0, len(RELATIONS)), dtype=np.float32)
        x = pair_inputs(u, v, a, b)
        same = self.probabilities(x, "same")[:, 1:2]
        nli = self.probabilities(x, "nli")  # entailment, neutral, contradiction
        rest = 1.0 - same
        return np.hstack([same, rest * nli[:, 0:1], rest * nli[:, 2:3], rest * nli[:, 1:2]])

    def relation(self, u: np.ndarray, v: np.ndarray, a: str, b: str) -> Relation:
        return Relation(*map(float, self.relations(u[None], v[None], [a], [b])[0]))


@lru_cache(maxsize=1)
def load_pair_model() -> PairModel:
    """The shipped model, read once per process (a few MB of arrays)."""
    return PairModel.load()
