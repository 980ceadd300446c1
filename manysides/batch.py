"""``manysides batch``: brief many stories, in-process or on Ray, into a JSONL file.

Input: a Multi-News file (one story a line, articles separated by ``|||||``) or a story
store (a ``.db`` path or a postgresql:// URL: every story with an article).
Output: one JSON object a line, ``{"key", "line"|"story_id", "brief"}`` or ``{..., "error"}``.

Crash-safe: each record is appended, flushed and fsync'ed as soon as its brief is done,
and a rerun skips every key already briefed in the output (a torn last line, from a
crash mid-write, is cut off first). Models load once per worker: ``--engine local`` runs
one ``Pipeline`` in this process; ``--engine ray`` runs one ``BriefWorker`` actor (holding
a ``Pipeline``) per worker on a local Ray instance, or on a cluster with ``address``.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .config import BriefConfig
from .errors import DependencyError, InputError, ManysidesError, UsageError
from .ingest import split_multinews

__all__ = ["run_batch", "BatchReport", "Job", "jobs_from", "iter_jobs", "job_keys", "ENGINES"]

log = logging.getLogger(__name__)

ENGINES = ("local", "ray")
#: Jobs queued per Ray actor: one running, one waiting, so no actor idles between jobs.
IN_FLIGHT_PER_WORKER = 2


@dataclass(frozen=True, slots=True)
class Job:
    key: str  # "line:17" or "story:42": what a rerun recognises as done
    label: dict[str, Any]  # {"line": 17} or {"story_id": 42}, copied into the output
    inputs: tuple[dict[str, str], ...]  # brief() records


@dataclass(slots=True)
class BatchReport:
    total: int = 0  # jobs in the input (after --limit)
    done_before: int = 0  # skipped: already in the output
    briefed: int = 0
    failed: int = 0
    seconds: float = 0.0
    workers: int = 1
    engine: str = "local"
    errors: list[str] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.briefed / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"engine": self.engine, "workers": self.workers, "total": self.total, "done_before": self.done_before,
                "briefed": self.briefed, "failed": self.failed, "seconds": round(self.seconds, 2), "stories_per_s": round(self.per_second, 3)}


# -- inputs ------------------------------------------------------------------------------------
def _is_store(source: str) -> bool:
    return source.startswith(("postgresql://", "postgres://", "postgresql+", "sqlite:")) or source.lower().endswith((".db", ".sqlite", ".sqlite3"))


def jobs_from(source: str, *, limit: int | None = None) -> list[Job]:
    """The stories of a Multi-News file or of a story store, in order, at most ``limit``."""
    return list(iter_jobs(source, limit=limit))


def iter_jobs(source: str, *, limit: int | None = None, skip: frozenset[str] | set[str] = frozenset()) -> Iterator[Job]:
    """``jobs_from`` one at a time, leaving out the keys in ``skip``: a batch of millions
    of stories holds only the jobs in flight, never the whole input."""
    if _is_store(source):
        yield from _jobs_from_store(source, limit, skip)
        return
    for n, line in _story_lines(_multinews_path(source), limit):
        key = f"line:{n}"
        if key in skip:
            continue
        parts = [p for p in split_multinews(line.rstrip("\n")) if p.strip()]
        yield Job(key, {"line": n}, tuple({"text": p, "source": f"article {i}"} for i, p in enumerate(parts, 1)))


def job_keys(source: str, *, limit: int | None = None) -> list[str]:
    """The keys of ``jobs_from(source)``, without building the jobs."""
    if _is_store(source):
        from .store import open_store

        store = open_store(source)
        try:
            return [f"story:{sid}" for sid in store.story_ids(min_articles=1)[:limit]]
        finally:
            store.close()
    return [f"line:{n}" for n, _ in _story_lines(_multinews_path(source), limit)]


def _multinews_path(source: str) -> Path:
    path = Path(source).expanduser()
    if not path.is_file():
        raise InputError(source, "no such file", "pass a Multi-News .src file (one story a line) or a story store (.db or postgresql://)")
    return path


def _story_lines(path: Path, limit: int | None) -> Iterator[tuple[int, str]]:
    """(line number, line) of each story line, at most ``limit``; blank lines are not stories."""
    found = 0
    with open(path, encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            yield n, line
            found += 1
            if limit is not None and found >= limit:
                return


def _jobs_from_store(source: str, limit: int | None, skip: frozenset[str] | set[str]) -> Iterator[Job]:
    from .store import open_store
    from .stories.api import articles_as_inputs

    store = open_store(source)
    try:
        for sid in store.story_ids(min_articles=1)[:limit]:
            key = f"story:{sid}"
            if key not in skip:
                yield Job(key, {"story_id": sid}, tuple(articles_as_inputs(store.articles_of(sid))))
    finally:
        store.close()


# -- output ------------------------------------------------------------------------------------
def done_keys(output: Path) -> set[str]:
    """Keys already briefed in ``output``; a torn last line is cut off so appends stay valid.

    Read a line at a time (an output of a million briefs is tens of GB); each line's key
    is read from its head, which ``record_line`` always writes first."""
    if not output.exists():
        return set()
    _cut_torn_tail(output)
    keys = set()
    with open(output, "rb") as f:
        for line in f:
            key = _briefed_key(line)
            if key is not None:
                keys.add(key)
    return keys


#: ``{"key": "...", <label>, "brief": {`` at the start of a briefed record (the label is a
#: number; in JSON text a bare ``"brief": {`` cannot occur inside a string).
_BRIEFED_HEAD = re.compile(rb'\{"key": ("(?:[^"\\]|\\.)*")(?:, "[a-z_]+": -?\d+)*, "brief": \{')


def _briefed_key(line: bytes) -> str | None:
    head = _BRIEFED_HEAD.match(line)
    if head is not None:
        return json.loads(head.group(1))
    try:  # any other layout of a valid record
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    if isinstance(record, dict) and "brief" in record and isinstance(record.get("key"), str):
        return record["key"]
    return None


def _cut_torn_tail(output: Path, chunk: int = 1 << 16) -> None:
    """Cut a last line that has no newline (a crash mid-write), reading only the file's end."""
    with open(output, "r+b") as f:
        size = f.seek(0, os.SEEK_END)
        if size == 0:
            return
        f.seek(size - 1)
        if f.read(1) == b"\n":
            return
        end = size
        while end > 0:
            start = max(0, end - chunk)
            f.seek(start)
            newline = f.read(end - start).rfind(b"\n")
            if newline >= 0:
                end = start + newline + 1
                break
            end = start
        f.truncate(end)
    log.warning("%s: removed a torn last record (an interrupted run)", output)


class _Appender:
    """Append one JSON line, flush and fsync: a finished brief survives a crash."""

    def __init__(self, path: Path) -> None:
        self._f = open(path, "a", encoding="utf-8")

    def write(self, record: dict[str, Any]) -> None:
        self._f.write(record_line(record) + "\n")
        self._f.flush()
        os.fsync(self._f.fileno())

    def close(self) -> None:
        self._f.close()


# -- the work ----------------------------------------------------------------------------------
def brief_job(pipeline: Any, job: Job) -> dict[str, Any]:
    """One output record: the brief, or the error that stopped it (never raises for bad input).

    The brief comes back as its JSON text (``brief_json``), made in the worker: the
    driver, which shares the cores with the workers, only splices it into the line.
    """
    record: dict[str, Any] = {"key": job.key, **job.label}
    try:
        brief = pipeline.run(list(job.inputs))
    except ManysidesError as exc:
        record["error"] = str(exc)
        return record
    except Exception as exc:  # a bug met on one story must not stop a batch of millions
        log.exception("%s: the brief failed", job.key)
        record["error"] = f"internal error ({type(exc).__name__}: {exc}); please report it with this story"
        return record
    record["brief_json"] = json.dumps(brief.to_dict(), ensure_ascii=False)
    record["counts"] = (len(brief.articles), len(brief.divergences))
    return record


def record_line(record: dict[str, Any]) -> str:
    """The output line of a record: ``{"key", label..., "brief": {...}}`` or ``{..., "error"}``."""
    head = {k: v for k, v in record.items() if k not in ("brief_json", "counts")}
    line = json.dumps(head, ensure_ascii=False)
    if "brief_json" not in record:
        return line
    return line[:-1] + ', "brief": ' + record["brief_json"] + "}"


def _single_thread_pipeline(config: BriefConfig) -> Any:
    """A Pipeline on one core: a one-thread encoder and spaCy's parse inline after it.

    Beside the encoder, the parse would make one worker use ~1.3 cores, and N workers
    then share N cores with less gain each; inline, N workers scale on N cores.
    """
    from .pipeline import Pipeline
    from .text.embeddings import MiniLMEncoder, get_encoder, minilm_available

    # The worker's own one-thread encoder, without loading the shared one first.
    wants_minilm = config.encoder == "minilm" or (config.encoder == "auto" and minilm_available())
    encoder = MiniLMEncoder(threads=1) if wants_minilm else get_encoder(config.encoder)
    return Pipeline(config.with_(parse_in="inline"), encoder=encoder)


def _run_local(jobs: Iterable[Job], config: BriefConfig) -> Iterator[dict[str, Any]]:
    from .pipeline import Pipeline

    pipeline = Pipeline(config)
    for job in jobs:
        yield brief_job(pipeline, job)


def _run_ray(jobs: Iterable[Job], config: BriefConfig, workers: int, address: str | None) -> Iterator[dict[str, Any]]:
    try:
        import ray
    except ImportError as exc:
        raise DependencyError("--engine ray needs Ray: pip install 'ray>=2.9' (or use --engine local)") from exc
    started_here = not ray.is_initialized()
    if started_here:
        package_root = str(Path(__file__).resolve().parents[1])
        env = {"PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH", "")])),
               "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
               "TOKENIZERS_PARALLELISM": "false"}
        kwargs: dict[str, Any] = {"runtime_env": {"env_vars": env}, "include_dashboard": False, "log_to_driver": False,
                                  "logging_level": logging.WARNING, "configure_logging": False}
        if address:
            ray.init(address=address, **kwargs)
        else:
            ray.init(num_cpus=workers, **kwargs)

    @ray.remote(num_cpus=1)
    class BriefWorker:
        def __init__(self, cfg: BriefConfig) -> None:
            self.pipeline = _single_thread_pipeline(cfg)  # models load once per worker

        def brief(self, job: Job) -> dict[str, Any]:
            return brief_job(self.pipeline, job)

    try:
        actors = [BriefWorker.remote(config) for _ in range(workers)]
        queue = iter(jobs)
        running: dict[Any, Any] = {}

        def submit(actor: Any) -> None:
            job = next(queue, None)
            if job is not None:
                running[actor.brief.remote(job)] = actor

        for actor in actors:
            for _ in range(IN_FLIGHT_PER_WORKER):
                submit(actor)
        while running:
            ready, _ = ray.wait(list(running), num_returns=1)
            actor = running.pop(ready[0])
            submit(actor)
            yield ray.get(ready[0])
    finally:
        if started_here:
            ray.shutdown()


def run_batch(
    source: str,
    output: Path,
    *,
    engine: str = "ray",
    workers: int = 1,
    limit: int | None = None,
    address: str | None = None,
    config: BriefConfig = BriefConfig(),
    progress: Callable[[BatchReport], None] | None = None,
) -> BatchReport:
    """Brief every story of ``source`` into ``output`` (JSONL), skipping those already there."""
    if engine not in ENGINES:
        raise UsageError(f"--engine {engine!r}; choose ray or local")
    if workers < 1:
        raise UsageError(f"--workers {workers}; use 1 or more")
    if limit is not None and limit < 1:
        raise UsageError(f"--limit {limit}; use 1 or more")
    keys = job_keys(source, limit=limit)
    output = Path(output)
    if not output.parent.exists():
        raise InputError(str(output), "its folder does not exist", "create it first")
    done = done_keys(output)
    todo = iter_jobs(source, limit=limit, skip=done)
    report = BatchReport(total=len(keys), done_before=sum(k in done for k in keys), workers=workers if engine == "ray" else 1, engine=engine)
    if progress:
        progress(report)
    t0 = time.perf_counter()
    writer = _Appender(output)
    store = _open_store_of(source)
    results = _run_ray(todo, config, workers, address) if engine == "ray" else _run_local(todo, config)
    try:
        for record in results:
            writer.write(record)
            if "error" in record:
                report.failed += 1
                report.errors.append(f"{record['key']}: {record['error']}")
            else:
                report.briefed += 1
                if store is not None:
                    _save_to_store(store, record)
            if progress:
                progress(report)
    finally:
        writer.close()
        if store is not None:
            store.close()
        report.seconds = time.perf_counter() - t0
    return report


def _open_store_of(source: str) -> Any:
    if not _is_store(source):
        return None
    from .store import open_store

    return open_store(source)


def _save_to_store(store: Any, record: dict[str, Any]) -> None:
    """A story's brief also goes back to its store (``stories brief`` and the web app read it)."""
    n_articles, n_divergences = record["counts"]
    store.save_brief(record["story_id"], record["brief_json"], n_articles, n_divergences)
