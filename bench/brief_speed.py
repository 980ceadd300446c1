"""Whole-process time and peak memory of `manysides brief`, cold, as a user runs it.

    python bench/brief_speed.py [INPUT ...] [--runs 3]

Defaults to ../shared/seeds when present (the reference input), else the example story.
Each run is a fresh process (models loaded from disk each time). Peak memory is the
largest total resident set of the brief's whole process tree (the CLI and its spaCy side
process together), sampled every 10 ms (processes looked up every 0.1 s), and never less than the largest single
process's own maximum. Goal (issue #2): < 3 s and < 700 MB on the seeds.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _descendants(root: int) -> set[int]:
    """``root`` and every process below it (a scan of /proc: Linux only, else just root)."""
    parents = {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
        try:
            with open(f"/proc/{entry}/stat") as f:
                parents[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    tree, frontier = {root}, {root}
    while frontier:
        frontier = {p for p, pp in parents.items() if pp in frontier} - tree
        tree |= frontier
    return tree


def _rss_kb(pids: set[int]) -> int:
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
        except (OSError, ValueError, IndexError):
            continue
    return total


def one_run(inputs: list[str], fmt: str) -> tuple[float, float]:
    t0 = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "manysides.cli", "brief", *inputs, "--format", fmt],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak_kb, tree, samples = 0, {child.pid}, 0
    while child.poll() is None:
        if samples % 10 == 0:  # look for new processes every 0.1 s; read their memory every 10 ms
            tree = _descendants(child.pid)
        peak_kb = max(peak_kb, _rss_kb(tree))
        samples += 1
        time.sleep(0.01)
    seconds = time.perf_counter() - t0
    stderr = child.stderr.read() if child.stderr else ""
    if child.returncode != 0:
        raise SystemExit(f"brief failed ({child.returncode}): {stderr.strip()}")
    own_max = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak_kb, own_max) / 1024


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
