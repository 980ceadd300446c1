"""Benchmark: ``manysides batch`` throughput, in-process vs Ray with 1 and 2 workers.

Each configuration briefs the same first ``--limit`` Multi-News lines into a fresh output.
"total" counts from the call (Ray start-up and model loading included); "steady" counts
from the first finished brief to the last, which is what a long batch sees.

    python -m manysides.bench.batch --multinews ../shared/data/multi_news/validation.src --limit 40
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any, Sequence

from ..batch import BatchReport, run_batch
from ..config import BriefConfig

__all__ = ["run", "render"]

CONFIGS = (("local", 1), ("ray", 1), ("ray", 2))


def _one(source: Path, engine: str, workers: int, limit: int, config: BriefConfig) -> dict[str, Any]:
    stamps: list[float] = []

    def tick(report: BatchReport) -> None:
        if report.briefed + report.failed:
            stamps.append(time.perf_counter())

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        report = run_batch(str(source), Path(tmp) / "out.jsonl", engine=engine, workers=workers, limit=limit, config=config, progress=tick)
        total = time.perf_counter() - t0
    n = report.briefed + report.failed
    steady = (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 2 and stamps[-1] > stamps[0] else 0.0
    return {"engine": engine, "workers": workers, "stories": n, "failed": report.failed, "seconds": total,
            "total_per_s": n / total if total else 0.0, "steady_per_s": steady}


def run(multinews: Path, limit: int = 40, configs: Sequence[tuple[str, int]] = CONFIGS, config: BriefConfig = BriefConfig()) -> dict[str, Any]:
    rows = [_one(multinews, engine, workers, limit, config) for engine, workers in configs]
    by = {(r["engine"], r["workers"]): r for r in rows}
    result: dict[str, Any] = {"limit": limit, "rows": rows, "encoder": config.encoder}
    if ("ray", 1) in by and ("ray", 2) in by and by[("ray", 1)]["steady_per_s"]:
        result["speedup_1_to_2_steady"] = by[("ray", 2)]["steady_per_s"] / by[("ray", 1)]["steady_per_s"]
        result["speedup_1_to_2_total"] = by[("ray", 2)]["total_per_s"] / by[("ray", 1)]["total_per_s"]
    return result


def render(result: dict[str, Any]) -> str:
    lines = [f"manysides batch on the first {result['limit']} Multi-News lines (encoder {result['encoder']})",
             f"{'engine':<8}{'workers':>8}{'stories':>9}{'failed':>8}{'seconds':>9}{'total/s':>9}{'steady/s':>10}"]
    for r in result["rows"]:
        lines.append(f"{r['engine']:<8}{r['workers']:>8}{r['stories']:>9}{r['failed']:>8}{r['seconds']:>9.1f}{r['total_per_s']:>9.2f}{r['steady_per_s']:>10.2f}")
    if "speedup_1_to_2_steady" in result:
        lines.append(f"Ray 1 -> 2 workers: x{result['speedup_1_to_2_steady']:.2f} steady, x{result['speedup_1_to_2_total']:.2f} total (goal x1.8)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--multinews", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--encoder", default="auto")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    result = run(args.multinews, limit=args.limit, config=BriefConfig(encoder=args.encoder))
    print(json.dumps(result, default=str) if args.json else render(result))


if __name__ == "__main__":
    main()
