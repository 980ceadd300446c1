"""Run the property-based tests with many generated cases (issue #5: >= 10^4 in a run).

    python bench/fuzz.py            # HYPOTHESIS_PROFILE=fuzz: 2,500 examples per property

Prints pytest's summary and the number of generated cases (hypothesis statistics).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    env = {**os.environ, "HYPOTHESIS_PROFILE": "fuzz"}
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--hypothesis-show-statistics", "tests/test_properties.py", *sys.argv[1:]],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    seconds = time.perf_counter() - t0
    passing = sum(int(n) for n in re.findall(r"(\d+) passing", done.stdout))
    print(done.stdout.strip().splitlines()[-1])
    print(f"generated cases (passing examples): {passing}  in {seconds:.0f} s")
    sys.exit(done.returncode)


if __name__ == "__main__":
    main()
