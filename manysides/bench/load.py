"""Load benchmark of the web app: N concurrent clients posting briefs for a fixed time.

Each client loops until the deadline: ``POST /api/brief`` with the example story, then
polls the job until the brief is done. Measured per request: the POST's latency (what
the API promises: an answer at once, a job or a finished brief) and the time until the
brief exists. ``--mode same`` posts the same story every time (the cache's case: one
brief is computed, everyone else joins it or reads it); ``--mode unique`` makes every
request a new story (the pipeline's real throughput; the queue fills up and further
posts are refused with 503, counted as errors). ``--large`` adds one more client that posts,
again and again, the largest story the app accepts (articles of generated text just under the
request cap, new each time): the small clients' latencies then say whether one huge request
starves the others.

    python -m manysides.bench.load --clients 50 --duration 60
    python -m manysides.bench.load --url http://127.0.0.1:8000 --mode unique --clients 4
    python -m manysides.bench.load --clients 20 --duration 60 --large

Without ``--url`` it starts ``manysides.web.serve`` in a subprocess on a free loopback
port with a temporary SQLite database, and stops it afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import json
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
        self.worker_mb: list[float] = []  # a large brief's worker process at its peak (the job says)

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1

    def error_kinds_total(self) -> int:
        return sum(self.errors.values())


async def _brief_once(http: httpx.AsyncClient, body: dict[str, Any], timeout: float, stats: _Stats) -> float | None:
    """POST one brief and poll its job; seconds from the POST to the brief, or None (counted as an error)."""
    t0 = time.monotonic()
    try:
        response = await http.post("/api/brief", json=body, timeout=timeout)
    except httpx.HTTPError as exc:
        stats.error(type(exc).__name__)
        return None
    stats.post_s.append(time.monotonic() - t0)
    stats.statuses[response.status_code] = stats.statuses.get(response.status_code, 0) + 1
    if response.status_code not in (200, 202):
        stats.error(f"HTTP {response.status_code}")
        await asyncio.sleep(0.5)
        return None
    job = response.json()
    try:
        while job["status"] not in ("done", "failed"):
            if time.monotonic() - t0 > timeout:
                raise TimeoutError
            await asyncio.sleep(POLL_S)
            job = (await http.get(job["status_url"])).json()
    except (httpx.HTTPError, TimeoutError) as exc:
        stats.error(type(exc).__name__)
        return None
    if job.get("worker_mb") is not None:
        stats.worker_mb.append(job["worker_mb"])
    if job["status"] == "failed":
        stats.error("job failed")
        return None
    stats.brief_s.append(time.monotonic() - t0)
    return stats.brief_s[-1]


async def _client(http: httpx.AsyncClient, n: int, deadline: float, mode: str, timeout: float, stats: _Stats, started: float) -> None:
    articles = example_articles()
    k = 0
    while time.monotonic() < deadline:
        body = {"articles": articles}
        if mode == "unique":
            k += 1
            body = {"articles": [{**articles[0], "text": articles[0]["text"] + f"\n\nEditor's note {n}-{k}-{time.time_ns()}."}] + articles[1:]}
        if await _brief_once(http, body, timeout, stats) is not None and stats.first_done is None:
            stats.first_done = time.monotonic() - started


#: The largest story ``--large`` sends: this share of the app's request cap, in as many
#: articles as a request may carry, each under the per-text cap, of 12-word paragraphs.
LARGE_SHARE = 0.9
_WORDS = ("the county said crews would inspect the bridge deck again before the ferry service resumed "
          "on the river while residents waited for the council to publish its repair schedule").split()


def large_story(limits: Any, salt: str) -> list[dict[str, str]]:
    """Articles of generated paragraphs adding up to ``LARGE_SHARE`` of the request cap
    (``web.models.Limits``), each under the per-text cap (new text each call)."""
    budget, articles, k = int(LARGE_SHARE * limits.max_request_bytes), [], 0
    while budget > 1000 and len(articles) < limits.max_inputs:
        size = min(limits.max_text_chars - 1000, budget)
        paragraphs, used = [], 0
        while used < size:
            k += 1
            line = " ".join(_WORDS[(k * 7 + i) % len(_WORDS)] for i in range(11)) + f" {salt}-{k}."
            paragraphs.append(line)
            used += len(line) + 2
        articles.append({"text": "\n\n".join(paragraphs), "source": f"Large Outlet {len(articles) + 1}"})
        budget -= used
    return articles


async def _large_client(http: httpx.AsyncClient, deadline: float, timeout: float, stats: _Stats) -> None:
    while time.monotonic() < deadline:
        await _brief_once(http, {"articles": large_story(_limits(), str(time.time_ns()))}, timeout, stats)


async def _load(url: str, clients: int, duration: float, mode: str, timeout: float, large: _Stats | None = None) -> _Stats:
    stats = _Stats()
    limits = httpx.Limits(max_connections=clients + 1, max_keepalive_connections=clients + 1)
    async with httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits) as http:
        started = time.monotonic()
        deadline = started + duration
        tasks = [_client(http, n, deadline, mode, timeout, stats, started) for n in range(clients)]
        if large is not None:
            tasks.append(_large_client(http, deadline, max(timeout, 120.0), large))
        await asyncio.gather(*tasks)
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
        timeout: float = 60.0, database: str | None = None, large: bool = False) -> dict[str, Any]:
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
        large_stats = _Stats() if large else None
        stats = asyncio.run(_load(url, clients, duration, mode, timeout, large_stats))
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
        **({"large": {
            "posts": len(large_stats.post_s), "briefs_done": len(large_stats.brief_s), "errors": large_stats.error_kinds_total(),
            "error_kinds": large_stats.errors, "post_max_s": round(max(large_stats.post_s, default=float("nan")), 2),
            "brief_max_s": round(max(large_stats.brief_s, default=float("nan")), 2),
            "worker_mb_max": max(large_stats.worker_mb, default=None),
            "mb": round(sum(len(a["text"]) for a in large_story(_limits(), "x")) / 1e6, 1),
        }} if large_stats is not None else {}),
    }


def _limits() -> Any:
    from ..web.models import LIMITS

    return LIMITS


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
    if "large" in result:
        big = result["large"]
        rows.append(("beside: one client posting a", f"{big['mb']} MB story: {big['posts']} POSTs, {big['briefs_done']} briefs done "
                     f"(slowest {big['brief_max_s']} s, worker peak {big['worker_mb_max']} MB), errors {big['errors']} "
                     f"{big['error_kinds'] or ''}".strip()))
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running server (default: start one on a temporary database)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds")
    parser.add_argument("--mode", choices=("same", "unique"), default="same")
    parser.add_argument("--timeout", type=float, default=60.0, help="per request, POST until brief done")
    parser.add_argument("--large", action="store_true", help="one more client posting the largest story the app accepts, again and again")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    result = run(url=args.url, clients=args.clients, duration=args.duration, mode=args.mode, timeout=args.timeout, large=args.large)
    print(json.dumps(result, default=str) if args.json else render(result))


if __name__ == "__main__":
    main()
