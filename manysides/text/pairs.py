"""How two sentences relate: the same news, one supporting the other, a contradiction, or unrelated.

A cross-encoder of our own (issue #27). The pinned all-MiniLM-L6-v2 reads both sentences
together (``[CLS] a [SEP] b [SEP]``), so attention can match the words of one against the
other; its top layers were fine-tuned on the shared labelled pairs (``manysides train
pairs``, ``text.pairs_cross_train``) with two heads over ``[CLS]`` and the mean of the last
layer: ``same`` (paraphrase: MRPC, QQP, STS-B) and ``nli`` (entailment / neutral /
contradiction of ``b`` given ``a``: SNLI, MNLI, ANLI, SICK, FEVER).

What ships is ours and small: how fine-tuning moved each matrix, cut to rank 32, in int8,
and the heads (``pairs_cross.npz``, 1.2 MB). The encoder is the pinned fp32 base moved so,
quantized to int8 once per machine and cached, as the sentence encoder is
(``text.minilm_int8``). Run time is onnxruntime and numpy, no torch.

Each head's softmax is temperature-scaled on a calibration part of held-out pairs, so its
probabilities can be read as such. :func:`PairJudge.relations` combines them into one
distribution over four relations. A pair whose MiniLM cosine (which the brief already has)
is under ``COSINE_FLOOR`` is "unrelated" without asking the model: two sentences of two
articles are mostly about different things, and the model is 100x dearer than a cosine.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..errors import DependencyError

__all__ = ["COSINE_FLOOR", "DELTA_PATH", "DELTA_RANK", "RELATIONS", "PairJudge", "Relation", "load_pair_judge", "pair_weights",
           "read_delta", "write_delta"]

DELTA_PATH = Path(__file__).with_name("pairs_cross.npz")
RELATIONS = ("same", "supports", "contradicts", "unrelated")
#: Heads and their outputs, in the order the model gives them.
HEAD_LABELS: dict[str, tuple[str, ...]] = {"same": ("different", "same"), "nli": ("entailment", "neutral", "contradiction")}
#: Both sentences together, at most this many word pieces (the longer side is cut first).
MAX_TOKENS = 128
#: Under this MiniLM cosine a pair is unrelated without a model pass. On the held-out
#: paraphrase sets, 0.2 % of the pairs labelled "same" fall under it (``bench pairs``).
COSINE_FLOOR = 0.35
#: Bump when the graph or the delta's format changes: the cached model's name carries it.
BUILD_VERSION = 1


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


# ---------------------------------------------------------------- the shipped delta

#: Rank of each fine-tuned matrix's change from the pinned base, as shipped. Fine-tuning moves a
#: matrix along few directions: on 1,500 held-out pairs a set, rank 64 reads as the full model
#: (MRPC F1 0.842 / 0.843, SNLI 0.798 / 0.801, MNLI 0.664 / 0.665) and rank 32 within about a
#: point (0.838, 0.790, 0.658) at half its size: 1.2 MB, where the full layers took 8.1 MB.
DELTA_RANK = 32


def _int8_rows(name: str, value: np.ndarray) -> dict[str, np.ndarray]:
    scale = np.abs(value).max(1, keepdims=True) / 127 + 1e-12
    return {name + ".q": np.round(value / scale).astype(np.int8), name + ".scale": scale.astype(np.float16)}


def write_delta(path: Path, trained: dict[str, np.ndarray], base: dict[str, np.ndarray], temperatures: dict[str, float],
                rank: int = DELTA_RANK) -> None:
    """The fine-tuned weights as shipped: each matrix as its change from ``base`` cut to
    ``rank`` (two factors, int8 per row with a float16 scale a row), vectors float16, the
    heads float32, one temperature per head."""
    out: dict[str, np.ndarray] = {}
    for name, value in trained.items():
        value = np.asarray(value, dtype=np.float32)
        if name.startswith("heads."):
            out[name] = value
        elif value.ndim == 2:
            u, s, vt = np.linalg.svd(value - base[name], full_matrices=False)
            out |= _int8_rows(name + ".a", u[:, :rank] * s[:rank]) | _int8_rows(name + ".b", vt[:rank])
        else:
            out[name] = value.astype(np.float16)
    for head, t in temperatures.items():
        out[f"t_{head}"] = np.array([t], dtype=np.float32)
    np.savez_compressed(path, **out)


def read_delta(path: Path = DELTA_PATH) -> dict[str, np.ndarray]:
    """The shipped arrays as float32 (int8 factors scaled back), heads and temperatures included."""
    if not path.exists():
        raise DependencyError(f"the pair model {path} is missing: reinstall manysides or run 'manysides train pairs'")
    out: dict[str, np.ndarray] = {}
    with np.load(path) as z:
        for name in z.files:
            if name.endswith(".scale"):
                continue
            if name.endswith(".q"):
                out[name[:-2]] = z[name].astype(np.float32) * z[name[:-2] + ".scale"].astype(np.float32)
            else:
                out[name] = z[name].astype(np.float32)
    return out


def pair_weights(delta: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The encoder's weights: the pinned base, each fine-tuned matrix moved by its shipped
    low-rank change, the fine-tuned vectors put in."""
    from .minilm_int8 import base_weights

    weights = base_weights()
    for name, value in delta.items():
        if name.endswith(".a"):
            matrix = name[:-2]
            weights[matrix] = weights[matrix] + value @ delta[matrix + ".b"]
        elif not name.endswith(".b") and not name.startswith(("heads.", "t_")):
            weights[name] = value
    return weights


def built_pair_model(delta_path: Path = DELTA_PATH, delta: dict[str, np.ndarray] | None = None) -> Path:
    """The int8 cross-encoder file, built into the cache the first time (2-4 s); ``delta``:
    the file's arrays, where the caller has read them already."""
    import onnxruntime

    from .minilm_int8 import build, cache_dir

    delta = delta if delta is not None else read_delta(delta_path)  # a clear error if the file is missing
    digest = hashlib.sha1(delta_path.read_bytes()).hexdigest()[:12]
    path = cache_dir() / f"pairs-int8-v{BUILD_VERSION}-{digest}-ort{onnxruntime.__version__}.onnx"
    if not path.exists():
        build(path, pair_weights(delta), what="pair model")
    return path


# ---------------------------------------------------------------- inputs

def tokenizer() -> Any:
    """The packaged WordPiece tokenizer, set for pairs: the longer side cut first, no padding."""
    from tokenizers import Tokenizer

    from .embeddings import gt_model_file

    tok = Tokenizer.from_file(str(gt_model_file("tokenizer.json", "tokenizer")))
    tok.no_padding()
    tok.enable_truncation(max_length=MAX_TOKENS, strategy="longest_first")
    return tok


Encoded = tuple[list[int], list[int]]  # token ids, segment ids


def pad(rows: Sequence[Encoded]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ids, segment ids and mask of a batch, padded to its longest pair only."""
    n = max(len(ids) for ids, _ in rows)
    ids = np.zeros((len(rows), n), np.int64)
    types, mask = np.zeros_like(ids), np.zeros_like(ids)
    for i, (t, s) in enumerate(rows):
        ids[i, : len(t)], types[i, : len(t)], mask[i, : len(t)] = t, s, 1
    return ids, types, mask


def pool_np(x: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """[CLS] and the mean over real tokens, side by side: what the heads read."""
    m = mask[..., None].astype(x.dtype)
    return np.concatenate([x[:, 0], (x * m).sum(1) / m.sum(1)], -1)


def _softmax(z: np.ndarray) -> np.ndarray:
    z = np.exp(z - z.max(1, keepdims=True))
    return z / z.sum(1, keepdims=True)


# ---------------------------------------------------------------- the judge

class PairJudge:
    """The run-time cross-encoder: onnxruntime for the encoder, numpy for the heads."""

    def __init__(self, session: Any, delta: dict[str, np.ndarray], batch: int = 1) -> None:
        """``batch``: pairs a model call. One by one by default: int8 activations are scaled per
        call, so in a batch a pair's probabilities would move with its neighbours (by up to 0.02)
        and their padding; one at a time costs ~7 % of the speed."""
        self.session, self.batch, self.tok = session, batch, tokenizer()
        self.heads = {h: (delta[f"heads.{h}.weight"].T.copy(), delta[f"heads.{h}.bias"]) for h in HEAD_LABELS}
        self.temperature = {h: float(delta[f"t_{h}"][0]) if f"t_{h}" in delta else 1.0 for h in HEAD_LABELS}

    @classmethod
    def load(cls, delta_path: Path = DELTA_PATH, threads: int = 1) -> "PairJudge":
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads, options.inter_op_num_threads = threads, 1
        options.log_severity_level = 3
        delta = read_delta(delta_path)
        session = ort.InferenceSession(str(built_pair_model(delta_path, delta)), options, providers=["CPUExecutionProvider"])
        return cls(session, delta)

    def logits(self, a: Sequence[str], b: Sequence[str]) -> dict[str, np.ndarray]:
        """Each head's raw scores for ``b`` given ``a``, pair by pair (one encoder pass a pair)."""
        enc = [(e.ids, e.type_ids) for e in self.tok.encode_batch(list(zip(a, b)))]
        order = sorted(range(len(enc)), key=lambda i: len(enc[i][0]))  # little padding
        out = {h: np.zeros((len(enc), len(labels)), np.float32) for h, labels in HEAD_LABELS.items()}
        for s in range(0, len(order), self.batch):
            idx = order[s : s + self.batch]
            ids, types, mask = pad([enc[i] for i in idx])
            hidden = self.session.run(["last_hidden_state"], {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})[0]
            pooled = pool_np(hidden, mask)
            for h, (w, bias) in self.heads.items():
                out[h][idx] = pooled @ w + bias
        return out

    def probabilities(self, a: Sequence[str], b: Sequence[str]) -> dict[str, np.ndarray]:
        """Each head's calibrated distribution (columns as ``HEAD_LABELS``)."""
        return {h: _softmax(z / self.temperature[h]) for h, z in self.logits(a, b).items()}

    def relations(self, a: Sequence[str], b: Sequence[str], cosines: Sequence[float] | np.ndarray | None = None) -> np.ndarray:
        """(pairs, 4) probabilities of RELATIONS for ``a[i]`` to ``b[i]``. The entailment head
        decides contradiction; the paraphrase head, of the rest, what is the same; what is
        neither is split by the entailment head (entails -> supports, neutral -> unrelated).
        The paraphrase head alone calls two sentences in the same words the same even where one
        negates the other ("would close next year" / "would never close": 0.69). With
        ``cosines`` (MiniLM, as the brief has them), pairs under ``COSINE_FLOOR`` are
        unrelated without a model pass. The NLI head learnt from SNLI, which calls two
        unrelated scenes a contradiction: ask it only about sentences on one topic (the floor
        does that)."""
        out = np.zeros((len(a), len(RELATIONS)), np.float32)
        out[:, 3] = 1.0
        ask = np.arange(len(a)) if cosines is None else np.flatnonzero(np.asarray(cosines, dtype=np.float32) >= COSINE_FLOOR)
        if len(ask):
            p = self.probabilities([a[i] for i in ask], [b[i] for i in ask])
            same, (entails, neutral, contradicts) = p["same"][:, 1], p["nli"].T
            out[ask] = np.stack([same * (1.0 - contradicts), (1.0 - same) * entails, contradicts, (1.0 - same) * neutral], 1)
        return out

    def relation(self, a: str, b: str) -> Relation:
        return Relation(*map(float, self.relations([a], [b])[0]))


@lru_cache(maxsize=1)
def load_pair_judge() -> PairJudge:
    """The shipped model, read (and built, the first time on a machine) once per process."""
    return PairJudge.load()


if __name__ == "__main__":  # make install: build the int8 pair model into the cache
    import logging

    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    print(built_pair_model())
