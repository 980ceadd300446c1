"""Load benchmark of the web app: N concurrent clients posting briefs for a fixed time.

Each client loops until the deadline: ``POST /api/brief`` with the example story, then
polls the job until the brief is done. Measured per request: the POST's latency (what
the API promises: an answer at once, a job or a finished brief) and the time until the
brief exists. ``--mode same`` posts the same story every time (the cache's case: one
brief is computed, everyone else joins it or reads it); ``--mode unique`` makes every
request a new story (the pipeline's real throughput; the queue fills up and further
posts are refused with 503, counted as errors).

    python -m manysides.bench.load --clients 50 --duration 60
    python -m manysides.bench.load --url http://127.0.0.1:8000 --mode unique --clients 4

Without ``--url`` it starts ``manysides.web.serve`` in a subprocess on a free loopback
port with a temporary SQLite database, and stops it afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

__all__ = ["run", "render"]

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "pinewood-bridge"
POLL_S = 0.2


def outlet_name(path: Path) -> str:
    """'1-harbor-wire.txt' -> 'Harbor Wire' (what a person would type in the outlet box)."""
    return " ".join(w.capitalize() for w in path.stem.split("-")[1:])


def example_articles() -> list[dict[str, str]]:
    """The example story as ``POST /api/brief`` articles: texts with outlet names, the HTML page as is."""
    out = []
    for p in sorted(EXAMPLE.iterdir()):
        if p.suffix == ".html":
            out.append({"html": p.read_text(encoding="utf-8")})
        elif p.suffix == ".txt":
            out.append({"text": p.read_text(encoding="utf-8"), "source": outlet_name(p)})
    return out


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Stats:
    def __init__(self) -> None:
        self.post_s: list[float] = []
        self.brief_s: list[float] = []
        self.errors: dict[str, int] = {}
        self.statuses: dict[int, int] = {}
        self.first_done: float | None = None

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


async def _client(http: httpx.AsyncClient, n: int, deadline: float, mode: str, timeout: float, stats: _Stats, started: float) -> None:
    articles = example_articles()
    k = 0
    while time.monotonic() < deadline:
        body = {"articles": articles}
        if mode == "unique":
            k += 1
            body = {"articles": [{**articles[0], "text": articles[0]["text"] + f"\n\nEditor's note {n}-{k}-{time.time_ns()}."}] + articles[1:]}
        t0 = time.monotonic()
        try:
            response = await http.post("/api/brief", json=body)
        except httpx.HTTPError as exc:
            stats.error(type(exc).__name__)
            continue
        stats.post_s.append(time.monotonic() - t0)
        stats.statuses[response.status_code] = stats.statuses.get(response.status_code, 0) + 1
        if response.status_code not in (200, 202):
            stats.error(f"HTTP {response.status_code}")
            await asyncio.sleep(0.5)
            continue
        job = response.json()
        try:
            while job["status"] not in ("done", "failed"):
                if time.monotonic() - t0 > timeout:
                    raise TimeoutError
                await asyncio.sleep(POLL_S)
                job = (await http.get(job["status_url"])).json()
        except (httpx.HTTPError, TimeoutError) as exc:
            stats.error(type(exc).__name__)
            continue
        if job["status"] == "failed":
            stats.error("job failed")
            continue
        stats.brief_s.append(time.monotonic() - t0)
        if stats.first_done is None:
            stats.first_done = time.monotonic() - started


async def _load(url: str, clients: int, duration: float, mode: str, timeout: float) -> _Stats:
    stats = _Stats()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits) as http:
        started = time.monotonic()
        deadline = started + duration
        await asyncio.gather(*(_client(http, n, deadline, mode, timeout, stats, started) for n in range(clients)))
    return stats


def _start_server(database: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    code = f"from manysides.web import serve; serve('127.0.0.1', {port}, {database!r})"
    env = {**os.environ, "PYTHONPATH": str(EXAMPLE.parents[1]) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited: {proc.stderr.read().decode(errors='replace')[-500:] if proc.stderr else ''}")
        try:
            if httpx.get(url + "/api/health", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the server did not answer within 120 s")


def run(*, url: str | None = None, clients: int = 50, duration: float = 60.0, mode: str = "same",
        timeout: float = 60.0, database: str | None = None) -> dict[str, Any]:
    """Load the app for ``duration`` seconds; return counts, rates and latencies (seconds)."""
    if mode not in ("same", "unique"):
        raise ValueError("mode is 'same' or 'unique'")
    proc = None
    tmp = None
    if url is None:
        tmp = tempfile.TemporaryDirectory(prefix="manysides-load-")
        proc, url = _start_server(database or str(Path(tmp.name) / "briefs.sqlite3"))
        time.sleep(3.0)  # let the warm-up load the models, as a running server would have
    try:
        t0 = time.monotonic()
        stats = asyncio.run(_load(url, clients, duration, mode, timeout))
        elapsed = time.monotonic() - t0
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        if tmp is not None:
            tmp.cleanup()
    posts = len(stats.post_s)
    return {
        "url": url, "mode": mode, "clients": clients, "duration_s": round(elapsed, 1),
        "posts": posts, "briefs_done": len(stats.brief_s), "errors": sum(stats.errors.values()),
        "error_kinds": stats.errors, "statuses": stats.statuses,
        "posts_per_s": round(posts / elapsed, 1) if elapsed else 0.0,
        "post_p50_s": round(_percentile(stats.post_s, 0.5), 4), "post_p95_s": round(_percentile(stats.post_s, 0.95), 4),
        "post_max_s": round(max(stats.post_s, default=float("nan")), 4),
        "brief_p50_s": round(_percentile(stats.brief_s, 0.5), 3), "brief_p95_s": round(_percentile(stats.brief_s, 0.95), 3),
        "first_brief_s": round(stats.first_done, 2) if stats.first_done is not None else None,
        "cpus": os.cpu_count(),
    }


def render(result: dict[str, Any]) -> str:
    rows = [
        ("mode", result["mode"]), ("clients", result["clients"]), ("duration", f"{result['duration_s']} s"),
        ("POSTs", result["posts"]), ("POSTs per second", result["posts_per_s"]),
        ("POST latency p50 / p95 / max", f"{result['post_p50_s'] * 1000:.0f} / {result['post_p95_s'] * 1000:.0f} / {result['post_max_s'] * 1000:.0f} ms"),
        ("briefs done", result["briefs_done"]),
        ("time to brief p50 / p95", f"{result['brief_p50_s']:.2f} / {result['brief_p95_s']:.2f} s"),
        ("first brief ready after", f"{result['first_brief_s']} s"),
        ("errors", f"{result['errors']} {result['error_kinds'] or ''}".strip()),
        ("HTTP statuses", " ".join(f"{k}:{v}" for k, v in sorted(result["statuses"].items()))),
        ("CPUs", result["cpus"]),
    ]
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running server (default: start one on a temporary database)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds")
    parser.add_argument("--mode", choices=("same", "unique"), default="same")
    parser.add_argument("--timeout", type=float, default=60.0, help="per request, POST until brief done")
    args = parser.parse_args(argv)
    print(render(run(url=args.url, clients=args.clients, duration=args.duration, mode=args.mode, timeout=args.timeout)))


if __name__ == "__main__":
    main()
