"""Benchmark: the sentence-pair model on every held-out split, beside cosine peers.

For each set's held-out part (``text.pairs_data``): accuracy and F1 (paraphrase sets:
F1 of "same"; NLI and stance sets: accuracy and macro-F1), and for the paraphrase sets
the peers: MiniLM cosine and TF-IDF cosine, each at its best threshold *on the
held-out pairs themselves* (an oracle the model does not get), and the majority class.
Speed is pairs per second through the model on one core, embeddings given (the brief
has them already), surface features included.

    python -m manysides.bench.pairs --data ../shared/data/pairs
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..text.pairs import PairModel, load_pair_model, pair_inputs
from ..text.pairs_data import TASKS, Pair, load_pairs

__all__ = ["run", "render", "best_threshold_f1"]


def best_threshold_f1(scores: np.ndarray, gold: np.ndarray) -> tuple[float, float]:
    """(F1, threshold) of "score >= t means same", at the t that maximises F1."""
    order = np.argsort(-scores)
    tp = np.cumsum(gold[order] == 1)
    predicted = np.arange(1, len(scores) + 1)
    f1 = 2 * tp / (predicted + (gold == 1).sum())
    k = int(np.argmax(f1))
    return float(f1[k]), float(scores[order][k])


def _macro_f1(pred: np.ndarray, gold: np.ndarray) -> float:
    """Mean F1 over the classes the set has (FEVER has no "neutral")."""
    scores = []
    for c in np.unique(gold):
        tp = ((pred == c) & (gold == c)).sum()
        denom = (pred == c).sum() + (gold == c).sum()
        scores.append(2 * tp / denom if denom else 0.0)
    return float(np.mean(scores))


def _tfidf_cosine(pairs: Sequence[Pair]) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(sublinear_tf=True).fit([t for p in pairs for t in (p.a, p.b)])
    a, b = vec.transform([p.a for p in pairs]), vec.transform([p.b for p in pairs])
    return np.asarray(a.multiply(b).sum(1)).ravel()


def _score_set(name: str, rows: list[Pair], vectors: dict[str, np.ndarray], model: PairModel) -> dict[str, Any]:
    task = rows[0].task
    labels = TASKS[task]
    u = np.stack([vectors[p.a] for p in rows])
    v = np.stack([vectors[p.b] for p in rows])
    x = pair_inputs(u, v, [p.a for p in rows], [p.b for p in rows])
    gold = np.array([labels.index(p.label) for p in rows])
    prob = model.probabilities(x, task)
    pred = prob.argmax(1)
    if name == "fever_symmetric":  # two-way: supports vs refutes, read from the 3-way head
        pred = np.where(prob[:, 0] >= prob[:, 2], 0, 2)
    out: dict[str, Any] = {"set": name, "task": task, "pairs": len(rows), "accuracy": float((pred == gold).mean()),
                           "majority": Counter(gold.tolist()).most_common(1)[0][1] / len(gold)}
    if task == "same":
        out["f1"] = float((2 * ((pred == 1) & (gold == 1)).sum()) / ((pred == 1).sum() + (gold == 1).sum()))
        out["minilm_cosine_f1"], out["minilm_threshold"] = best_threshold_f1((u * v).sum(1), gold)
        out["tfidf_cosine_f1"], out["tfidf_threshold"] = best_threshold_f1(_tfidf_cosine(rows), gold)
    else:
        out["macro_f1"] = _macro_f1(pred, gold)
    return out


def _speed(rows: list[Pair], vectors: dict[str, np.ndarray], model: PairModel, n: int = 5000) -> float:
    rows = (rows * (n // max(1, len(rows)) + 1))[:n]
    u = np.stack([vectors[p.a] for p in rows])
    v = np.stack([vectors[p.b] for p in rows])
    started = time.perf_counter()
    for start in range(0, n, 500):  # the size of a brief's candidate batch
        s = slice(start, start + 500)
        model.relations(u[s], v[s], [p.a for p in rows[s]], [p.b for p in rows[s]])
    return n / (time.perf_counter() - started)


def run(data: Path, cache: Path, model: PairModel | None = None) -> dict[str, Any]:
    from ..text.pairs_train import embed

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    model = model or load_pair_model()
    pairs = [p for p in load_pairs(data) if p.split == "held-out"]
    vectors = embed([t for p in pairs for t in (p.a, p.b)], cache)
    by_set: dict[str, list[Pair]] = defaultdict(list)
    for p in pairs:
        by_set[p.set].append(p)
    sets = [_score_set(name, rows, vectors, model) for name, rows in sorted(by_set.items())]
    return {"sets": sets, "pairs_per_s": _speed(pairs, vectors, model)}


def render(result: dict[str, Any]) -> str:
    lines = ["Sentence-pair model on each set's held-out part (peers: cosine at its best threshold on these pairs)", "",
             f"{'set':<16} {'task':<7} {'pairs':>6} {'acc':>6} {'F1/mF1':>7} {'majority':>9} {'MiniLM cos F1':>14} {'TF-IDF cos F1':>14}"]
    for s in result["sets"]:
        f1 = s.get("f1", s.get("macro_f1", 0.0))
        peers = (f"{s['minilm_cosine_f1']:>14.3f} {s['tfidf_cosine_f1']:>14.3f}" if "minilm_cosine_f1" in s else f"{'':>14} {'':>14}")
        lines.append(f"{s['set']:<16} {s['task']:<7} {s['pairs']:>6} {s['accuracy']:>6.3f} {f1:>7.3f} {s['majority']:>9.3f} {peers}")
    lines += ["", f"speed: {result['pairs_per_s']:,.0f} pairs/s on one core (embeddings given, surface features included)"]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="manysides bench pairs", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data/pairs"))
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "manysides" / "pair_vectors.npz")
    ap.add_argument("--model", type=Path, default=None, help="a model file other than the shipped one")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    result = run(args.data, args.cache, PairModel.load(args.model) if args.model else None)
    print(json.dumps(result, indent=2) if args.json else render(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
