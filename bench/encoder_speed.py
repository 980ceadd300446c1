"""MiniLM encoding time of one story's sentences, by batch size (one ONNX thread).

    python bench/encoder_speed.py [INPUT ...] [--batches 1 2 4 8 16 32] [--repeats 2]

Defaults to ../shared/seeds when present, else the example story. The sentences are the
ones a brief encodes (cleaned, split as the pipeline splits them). This is what chose
``manysides.text.embeddings.BATCH``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from manysides.clean import clean_articles
from manysides.config import BriefConfig
from manysides.ingest import load_inputs
from manysides.text import embeddings
from manysides.text.sentences import sentences_of

ROOT = Path(__file__).resolve().parents[1]


def story_sentences(inputs: list[str]) -> list[str]:
    articles, _ = load_inputs(inputs, BriefConfig())
    cleaned = clean_articles([a.raw_text for a in articles])
    return [s.text for r in cleaned for s in sentences_of("a", r.text)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*")
    parser.add_argument("--batches", type=int, nargs="+", default=[1, 2, 4, 8, 16, 32])
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    seeds = ROOT.parent / "shared" / "seeds"
    inputs = args.inputs or [str(seeds if seeds.is_dir() else ROOT / "examples" / "pinewood-bridge")]
    sentences = story_sentences(inputs)
    encoder = embeddings.MiniLMEncoder(threads=1)
    encoder.encode(sentences[:8])  # first call: onnxruntime's own warm-up
    print(f"{len(sentences)} sentences of {' '.join(inputs)}; one ONNX thread; shipped BATCH = {embeddings.BATCH}")
    shipped = embeddings.BATCH
    try:
        for batch in args.batches:
            embeddings.BATCH = batch
            times = []
            for _ in range(args.repeats):
                t0 = time.perf_counter()
                encoder.encode(sentences)
                times.append(time.perf_counter() - t0)
            print(f"  batch {batch:>3}: " + "  ".join(f"{t:.2f} s" for t in times))
    finally:
        embeddings.BATCH = shipped


if __name__ == "__main__":
    main()
