"""Whole-process time and peak memory of `manysides brief`, cold, as a user runs it.

    python bench/brief_speed.py [INPUT ...] [--runs 3]

Defaults to ../shared/seeds when present (the reference input), else the example story.
Each run is a fresh process (models loaded from disk each time); peak memory is the
child's maximum resident set size. Goal (issue #2): < 3 s and < 700 MB on the seeds.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def one_run(inputs: list[str], fmt: str) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "manysides.cli", "brief", *inputs, "--format", fmt], capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"brief failed ({done.returncode}): {done.stderr.strip()}")
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak_kb, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--format", default="json")
    args = parser.parse_args()
    seeds = ROOT.parent / "shared" / "seeds"
    inputs = args.inputs or [str(seeds if seeds.is_dir() else ROOT / "examples" / "pinewood-bridge")]
    times, peaks = [], []
    for _ in range(args.runs):
        s, mb = one_run(inputs, args.format)
        times.append(s)
        peaks.append(mb)
    print(f"input: {' '.join(inputs)}")
    print(f"runs: {args.runs}  wall s: median {statistics.median(times):.2f}  min {min(times):.2f}  max {max(times):.2f}")
    print(f"peak RSS MB (max over runs): {max(peaks):.0f}")
    print("goal (issue #2): < 3 s and < 700 MB on the seeds")


if __name__ == "__main__":
    main()
