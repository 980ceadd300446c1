"""``manysides train pairs``: fit the sentence-pair model on the shared labelled pairs.

The model is a small head over what the brief already computes for every sentence: the
int8 MiniLM embedding (``text.embeddings``) and a few surface features
(``text.pairs.surface_features``). So at run time a pair costs a matrix product, not an
encoder pass; the encoder states are reused. One hidden layer is shared by three output
heads (same / nli / stance, ``text.pairs_data.TASKS``), trained together.

Needs torch (training only: ``pip install torch==2.13.0``); the shipped file is numpy
arrays, read without torch. Deterministic for a given seed and data.

    python -m manysides.text.pairs_train --data ../shared/data/pairs --out manysides/text/pairs_model.npz
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import logging
import sys
import time
from pathlib import Path
from typing import Sequence

import numpy as np

from ..errors import DependencyError
from .embeddings import MiniLMEncoder
from .pairs import MODEL_PATH, PairModel, pair_inputs
from .pairs_data import TASKS, Pair, load_pairs

log = logging.getLogger(__name__)

HIDDEN = 512
EPOCHS = 30
BATCH = 128
LEARNING_RATE = 1e-3
WEIGHT_DECAY = 1e-4
DROPOUT = 0.5


def embed(texts: Sequence[str], cache: Path, encoder: MiniLMEncoder | None = None) -> dict[str, np.ndarray]:
    """text -> its embedding, kept in ``cache`` (an .npz keyed by the texts' hashes):
    128k texts take ~9 minutes on one core, so a second run reuses them."""
    unique = sorted(set(texts))
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in unique]
    have: dict[str, np.ndarray] = {}
    if cache.exists():
        with np.load(cache) as z:
            have = dict(zip(z["keys"].tolist(), z["vectors"]))
    todo = [t for t, k in zip(unique, keys) if k not in have]
    if todo:
        encoder = encoder or MiniLMEncoder(threads=1)
        log.info("embedding %d texts (cache %s)", len(todo), cache)
        for start in range(0, len(todo), 4096):
            chunk = todo[start:start + 4096]
            for t, v in zip(chunk, encoder.encode(chunk)):
                have[hashlib.sha1(t.encode("utf-8")).hexdigest()] = v
            log.info("  %d / %d", min(start + 4096, len(todo)), len(todo))
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cache, keys=np.array(list(have)), vectors=np.stack(list(have.values())).astype(np.float32))
    return {t: have[k] for t, k in zip(unique, keys)}


def _design(pairs: Sequence[Pair], vectors: dict[str, np.ndarray]) -> np.ndarray:
    u = np.stack([vectors[p.a] for p in pairs])
    v = np.stack([vectors[p.b] for p in pairs])
    return pair_inputs(u, v, [p.a for p in pairs], [p.b for p in pairs])


def train(pairs: Sequence[Pair], vectors: dict[str, np.ndarray], *, seed: int = 0, epochs: int = EPOCHS) -> PairModel:
    """Fit the shared layer and the three heads on the training pairs; temperatures are
    then fitted per head on a tenth of the training pairs kept out of the fit."""
    try:
        import torch
    except ImportError as e:  # pragma: no cover - training extra
        raise DependencyError("training the pair model needs torch: pip install torch==2.13.0") from e
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    train_pairs = [p for p in pairs if p.split == "train"]
    order = rng.permutation(len(train_pairs))
    calib_idx, fit_idx = order[: len(order) // 10], order[len(order) // 10 :]
    x_all = _design(train_pairs, vectors)
    mean, scale = x_all[fit_idx].mean(0), x_all[fit_idx].std(0) + 1e-6
    x_all = (x_all - mean) / scale
    task_ids = {t: i for i, t in enumerate(TASKS)}
    t_all = np.array([task_ids[p.task] for p in train_pairs])
    y_all = np.array([TASKS[p.task].index(p.label) for p in train_pairs])

    shared = torch.nn.Sequential(torch.nn.Linear(x_all.shape[1], HIDDEN), torch.nn.ReLU(), torch.nn.Dropout(DROPOUT))
    heads = torch.nn.ModuleList([torch.nn.Linear(HIDDEN, len(labels)) for labels in TASKS.values()])
    params = list(shared.parameters()) + list(heads.parameters())
    opt = torch.optim.AdamW(params, lr=LEARNING_RATE, weight_decay=WEIGHT_DECAY)
    x_t, t_t, y_t = torch.tensor(x_all, dtype=torch.float32), torch.tensor(t_all), torch.tensor(y_all)
    loss_fn = torch.nn.CrossEntropyLoss(reduction="sum")
    x_c, t_c, y_c = x_t[calib_idx], t_t[calib_idx], y_t[calib_idx]
    best_loss, best_state = np.inf, None
    for epoch in range(epochs):
        shared.train()
        perm = fit_idx[rng.permutation(len(fit_idx))]
        for start in range(0, len(perm), BATCH):
            idx = torch.tensor(perm[start : start + BATCH])
            loss = _loss(shared, heads, loss_fn, x_t[idx], t_t[idx], y_t[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
        shared.eval()
        with torch.no_grad():  # early stopping on the held-aside tenth: the heads overfit past a few epochs
            held = _loss(shared, heads, loss_fn, x_c, t_c, y_c).item()
        log.info("epoch %d: held-aside loss %.4f", epoch + 1, held)
        if held < best_loss:
            best_loss, best_state = held, (copy.deepcopy(shared.state_dict()), copy.deepcopy(heads.state_dict()))
    shared.load_state_dict(best_state[0])
    heads.load_state_dict(best_state[1])
    shared.eval()
    weights = {
        "mean": mean.astype(np.float32), "scale": scale.astype(np.float32),
        "w1": shared[0].weight.detach().numpy().T.copy(), "b1": shared[0].bias.detach().numpy().copy(),
    }
    for name, head in zip(TASKS, heads):
        weights[f"w_{name}"] = head.weight.detach().numpy().T.copy()
        weights[f"b_{name}"] = head.bias.detach().numpy().copy()
        weights[f"t_{name}"] = np.ones(1, dtype=np.float32)
    model = PairModel(weights)
    calib = [train_pairs[i] for i in calib_idx]
    for name in TASKS:
        rows = [p for p in calib if p.task == name]
        logits = model.logits(_design(rows, vectors), name)
        gold = np.array([TASKS[name].index(p.label) for p in rows])
        weights[f"t_{name}"] = np.array([_temperature(logits, gold)], dtype=np.float32)
    return PairModel(weights)


def _loss(shared, heads, loss_fn, x, tasks, y):
    """Mean cross-entropy over a batch, each pair scored by its own task's head."""
    import torch

    h = shared(x)
    loss = torch.zeros(())
    for k, head in enumerate(heads):
        rows = (tasks == k).nonzero().flatten()
        if len(rows):
            loss = loss + loss_fn(head(h[rows]), y[rows])
    return loss / len(x)


def _temperature(logits: np.ndarray, gold: np.ndarray) -> float:
    """The softmax temperature with the least log loss on held-aside pairs (a grid: cheap, and enough)."""
    best, best_loss = 1.0, np.inf
    for t in np.arange(0.5, 3.01, 0.05):
        z = logits / t
        z = z - z.max(1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(1, keepdims=True))
        loss = -logp[np.arange(len(gold)), gold].mean()
        if loss < best_loss:
            best, best_loss = float(t), loss
    return best


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="manysides train pairs", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data/pairs"), help="the shared pairs folder")
    ap.add_argument("--out", type=Path, default=MODEL_PATH, help="where to write the model (.npz)")
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "manysides" / "pair_vectors.npz",
                    help="embeddings of the pairs' texts, reused across runs")
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    started = time.perf_counter()
    pairs = load_pairs(args.data)
    vectors = embed([t for p in pairs for t in (p.a, p.b)], args.cache)
    model = train(pairs, vectors, seed=args.seed, epochs=args.epochs)
    model.save(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) from {sum(p.split == 'train' for p in pairs):,} "
          f"training pairs in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
