"""Briefs run as jobs in a small worker pool, so a request never waits on the pipeline.

A job goes queued -> running (stage, fraction from the pipeline's progress callback) ->
done (a stored brief id) or failed (a message a person can act on). Identical requests
share work: the content hash of the normalised inputs and options maps to a job still
running, or to a brief already stored, so fifty people posting the same story cost one
brief. Requests with URLs are never answered from stored briefs (the page may have
changed), only joined to an identical job still in flight.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import secrets
import threading
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

import httpx

from ..config import BriefConfig, FetchLimits
from ..errors import FetchError, ManysidesError
from ..ingest import fetch_page
from ..records import Skipped
from .storage import BriefStore

__all__ = ["JobManager", "Job", "BriefInput", "content_hash", "is_large", "QueueFull"]

log = logging.getLogger(__name__)

#: Queued jobs beyond this are refused (503, try again) rather than queued for minutes.
MAX_QUEUED_JOBS = 32
#: Finished jobs are forgotten after this long (their briefs stay in the database).
JOB_TTL_S = 3600.0
#: Recent request hashes remembered in memory (64 bytes + an id each).
KNOWN_BRIEFS = 10_000
#: Bumped when the pipeline's output changes enough that cached briefs should be redone.
CACHE_VERSION = 3  # 3: an HTML page's paragraphs and removed lines (the clean stage extracts pages)
#: A request carrying more text than this (characters, all articles) is briefed in a lane of
#: its own, in a worker process of its own: a request near the size cap (18 MB: about a
#: minute) neither holds up the small ones queued behind it nor holds the server's interpreter
#: while they run (`manysides bench load --large`, docs/benchmarks.md).
LARGE_JOB_CHARS = 300_000
#: A large brief's process is ended after this long, and the job fails saying so.
LARGE_JOB_SECONDS = 600.0
#: ... or once its resident memory passes this (MB), watched from the server about once a
#: second: the largest request the app accepts (18 MB, `bench load --large`'s story) peaked at
#: 2,103 MB in the worker (the job's ``worker_mb``, which the bench prints). A limit on the
#: address space (RLIMIT_AS) would trip on onnxruntime's and spaCy's reservations long before
#: any real use, so the resident size is what is watched.
LARGE_JOB_MEMORY_MB = 4_000
#: A large brief's process runs only on CPU time the small briefs leave: Linux's idle
#: scheduling class where there is one, else this "nice" value (0 normal, 19 lowest). Beside the
#: largest request, small briefs keep their pace (`bench load --large`, 2 cores: p95 3.38 s as
#: an equal, 2.39 s at nice 19, 1.11 s idle-class, as without it); under a steady stream of small
#: briefs the large one waits, up to ``LARGE_JOB_SECONDS``.
LARGE_JOB_NICENESS = 19


class BriefTooSlow(ManysidesError):
    """A large brief's worker process ran out of time or memory, or ended without a result."""


class QueueFull(ManysidesError):
    """Too many briefs are waiting; the client should retry later."""


@dataclass(frozen=True, slots=True)
class BriefInput:
    """One article as submitted: exactly one of text, html or url, plus optional names."""

    text: str = ""
    html: str = ""
    url: str = ""
    source: str = ""
    title: str = ""

    @property
    def kind(self) -> str:
        return "url" if self.url else "html" if self.html else "text"

    def normalised(self) -> dict[str, str]:
        """Line endings and outer whitespace don't change a brief, so they don't change the hash."""
        body = self.url or self.html or self.text
        return {"kind": self.kind, "body": body.replace("\r\n", "\n").strip(),
                "source": self.source.strip(), "title": self.title.strip()}


def content_hash(inputs: list[BriefInput], config: BriefConfig) -> str:
    key = {"v": CACHE_VERSION, "inputs": [i.normalised() for i in inputs],
           "words": config.words, "sentences": config.sentences, "encoder": config.encoder}
    return hashlib.sha256(json.dumps(key, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@dataclass
class Job:
    id: str
    content_hash: str
    status: str = "queued"  # queued | running | done | failed
    stage: str = "queued"
    fraction: float = 0.0
    brief_id: str | None = None
    error: str | None = None
    created: float = field(default_factory=time.time)
    finished: float | None = None
    worker_mb: float | None = None  # a large brief's worker process: its peak resident memory so far

    def as_dict(self) -> dict[str, Any]:
        out = {"id": self.id, "status": self.status, "stage": self.stage, "fraction": round(self.fraction, 3),
               "brief_id": self.brief_id, "error": self.error}
        if self.worker_mb is not None:
            out["worker_mb"] = round(self.worker_mb)
        return out


class JobManager:
    """Runs briefs in ``workers`` threads, and large ones (``LARGE_JOB_CHARS``) in a thread of
    their own, and remembers recent jobs in memory."""

    def __init__(self, store: BriefStore, *, workers: int = 1, fetch_limits: FetchLimits = FetchLimits(),
                 transport: httpx.BaseTransport | None = None) -> None:
        self.store = store
        self.fetch_limits = fetch_limits
        self.transport = transport  # tests inject an httpx.MockTransport; None = the network
        self.workers = workers
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="manysides-brief")
        self._large_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="manysides-brief-large")
        self._lock = threading.Lock()
        self._jobs: dict[str, Job] = {}
        self._in_flight: dict[str, str] = {}  # content hash -> job id
        self._known: OrderedDict[str, str] = OrderedDict()  # content hash -> stored brief id (recent)

    # -- submitting -----------------------------------------------------------------------
    def submit(self, inputs: list[BriefInput], config: BriefConfig) -> Job:
        """A job for these inputs: an existing one when the same request is known."""
        key = content_hash(inputs, config)
        cacheable = all(i.kind != "url" for i in inputs)
        with self._lock:
            self._forget_old()
            running = self._in_flight.get(key)
            if running and running in self._jobs:
                return self._jobs[running]
        with self._lock:
            stored = self._known.get(key) if cacheable else None
        if cacheable and stored is None:
            stored = self.store.find_by_hash(key)
        with self._lock:
            if stored:
                self._remember(key, stored)
                job = Job(id=_new_id(), content_hash=key, status="done", stage="done", fraction=1.0, brief_id=stored, finished=time.time())
                self._jobs[job.id] = job
                return job
            running = self._in_flight.get(key)  # another thread may have started it meanwhile
            if running and running in self._jobs:
                return self._jobs[running]
            queued = sum(1 for j in self._jobs.values() if j.status == "queued")
            if queued >= MAX_QUEUED_JOBS:
                raise QueueFull(f"{queued} briefs are waiting; try again in a minute")
            job = Job(id=_new_id(), content_hash=key)
            self._jobs[job.id] = job
            self._in_flight[key] = job.id
        lane = self._large_pool if is_large(inputs) else self._pool
        lane.submit(self._run, job, inputs, config, cacheable)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._large_pool.shutdown(wait=False, cancel_futures=True)

    def warm_up(self) -> None:
        """Load the models in a worker now, so the first person doesn't wait for them."""
        def load() -> None:
            try:
                from ..api import get_pipeline
                from ..text.entities import nlp

                get_pipeline(BriefConfig())
                nlp(parser=True)
            except Exception:  # warm-up is an optimisation; the first brief reports real errors
                log.exception("warm-up failed")
        self._pool.submit(load)

    # -- running --------------------------------------------------------------------------
    def _run(self, job: Job, inputs: list[BriefInput], config: BriefConfig, cacheable: bool) -> None:
        from ..api import brief as make_brief

        def progress(stage: str, fraction: float) -> None:
            with self._lock:
                job.stage, job.fraction = stage, 0.2 + 0.8 * fraction  # fetching is the first 20%

        def memory(used_mb: float) -> None:
            with self._lock:
                job.worker_mb = max(job.worker_mb or 0.0, used_mb)

        with self._lock:
            job.status, job.stage = "running", "fetch" if any(i.url for i in inputs) else "ingest"
        try:
            records, skipped = self._records(inputs, job)
            if not records:
                raise FetchError("the URLs", "none could be used: " + "; ".join(f"{s.origin}: {s.reason}" for s in skipped[:3]),
                                 "check the addresses, or paste the articles' text instead")
            if is_large(inputs):
                result = _brief_apart(records, config, progress, memory)
            else:
                result = make_brief(records, config=config, progress=progress)
            if skipped:
                result = replace(result, skipped=tuple(skipped) + result.skipped,
                                 notes=result.notes + (f"{len(skipped)} URL(s) could not be used; see 'Skipped inputs'.",))
            brief_id = self.store.save(result.to_dict(), content_hash=job.content_hash if cacheable else None)
            with self._lock:
                job.status, job.stage, job.fraction, job.brief_id = "done", "done", 1.0, brief_id
                if cacheable:
                    self._remember(job.content_hash, brief_id)
        except ManysidesError as exc:
            self._fail(job, str(exc))
        except Exception as exc:  # a bug must show as a failed job, never as a job stuck "running"
            log.exception("brief job %s failed", job.id)
            self._fail(job, f"internal error ({type(exc).__name__}); the server log has the details")
        finally:
            with self._lock:
                job.finished = time.time()
                if self._in_flight.get(job.content_hash) == job.id:
                    del self._in_flight[job.content_hash]

    def _fail(self, job: Job, message: str) -> None:
        with self._lock:
            job.status, job.error = "failed", message

    def _records(self, inputs: list[BriefInput], job: Job) -> tuple[list[dict[str, str]], list[Skipped]]:
        """The pipeline's input records; URLs fetched here (safely) so one bad URL only skips itself."""
        records: list[dict[str, str]] = []
        skipped: list[Skipped] = []
        urls = sum(1 for i in inputs if i.url)
        fetched = 0
        for item in inputs:
            names = {k: v for k, v in (("source", item.source), ("title", item.title)) if v}
            if not item.url:
                records.append({("html" if item.html else "text"): item.html or item.text, **names})
                continue
            try:
                page = fetch_page(item.url, self.fetch_limits, transport=self.transport)
            except ManysidesError as exc:
                skipped.append(Skipped(item.url, getattr(exc, "problem", str(exc))))
                continue
            records.append({("html" if page.is_html else "text"): page.text, "url": page.url, **names})
            fetched += 1
            with self._lock:
                job.fraction = 0.2 * fetched / urls
        return records, skipped

    def _remember(self, key: str, brief_id: str) -> None:
        """Keep recent hash -> brief answers in memory: a repeat POST then needs no query."""
        self._known[key] = brief_id
        self._known.move_to_end(key)
        while len(self._known) > KNOWN_BRIEFS:
            self._known.popitem(last=False)

    def _forget_old(self) -> None:
        cutoff = time.time() - JOB_TTL_S
        for job_id in [j.id for j in self._jobs.values() if j.finished and j.finished < cutoff]:
            del self._jobs[job_id]


_WORKER_DIED = "the brief's worker process ended without a result (out of memory?); try fewer or shorter articles"


def _brief_apart(records: list[dict[str, str]], config: BriefConfig, progress: Any, memory: Any = lambda mb: None) -> Any:
    """The brief of ``records`` made in a worker process (ended with the server, or after
    ``LARGE_JOB_SECONDS``); its progress and its resident memory (``memory(mb)``, what the
    job reports as ``worker_mb``) are passed on as they come."""
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    worker = context.Process(target=_brief_in_worker, args=(send, records, replace(config, parse_in="thread")), daemon=True)
    worker.start()
    send.close()
    deadline = time.monotonic() + LARGE_JOB_SECONDS
    try:
        while time.monotonic() < deadline:
            _check_memory(worker.pid, memory)  # reading /proc costs microseconds; progress can come often
            if not receive.poll(min(1.0, max(0.0, deadline - time.monotonic()))):
                if not worker.is_alive() and not receive.poll(0):  # it may have sent its brief and ended since the wait
                    raise BriefTooSlow(_WORKER_DIED)
                continue
            kind, *rest = receive.recv()
            if kind == "progress":
                progress(*rest)
            elif kind == "done":
                return rest[0]
            else:
                raise BriefTooSlow(rest[0])
        raise BriefTooSlow(f"the brief took longer than {LARGE_JOB_SECONDS:.0f} s and was stopped; try fewer or shorter articles")
    except EOFError:
        raise BriefTooSlow(_WORKER_DIED) from None
    finally:
        receive.close()
        if worker.is_alive():
            worker.kill()
        worker.join(5)


def _check_memory(pid: int | None, memory: Any) -> None:
    """Pass the worker's resident memory on, and stop it past ``LARGE_JOB_MEMORY_MB`` before
    the machine's own OOM killer picks a victim."""
    used = _resident_mb(pid)
    if used is not None:
        memory(used)
    if used is not None and used > LARGE_JOB_MEMORY_MB:
        raise BriefTooSlow(
            f"the brief needed more than {LARGE_JOB_MEMORY_MB:,} MB of memory and was stopped; try fewer or shorter articles"
        )


def _resident_mb(pid: int | None) -> float | None:
    """A process's resident memory in MB, where the system says (Linux's /proc); None elsewhere."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _brief_in_worker(send: Any, records: list[dict[str, str]], config: BriefConfig) -> None:
    """A worker process's whole life: one brief, its progress and its result (or why not) sent back."""
    _yield_the_cpu()
    from ..api import brief as make_brief

    try:
        result = make_brief(records, config=config, progress=lambda stage, fraction: send.send(("progress", stage, fraction)))
        send.send(("done", result))
    except ManysidesError as exc:
        send.send(("failed", str(exc)))
    except Exception as exc:  # the server log has the parent's view; the job says what kind
        send.send(("failed", f"internal error in the brief's worker process ({type(exc).__name__})"))
    finally:
        send.close()


def _yield_the_cpu() -> None:
    """Put this process below every other (``LARGE_JOB_NICENESS``) before any model starts its
    threads, which inherit it; where the system has neither, the brief runs as it is."""
    try:
        os.nice(max(0, LARGE_JOB_NICENESS - os.nice(0)))
    except (AttributeError, OSError):
        pass
    try:
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    except (AttributeError, OSError):
        pass


def is_large(inputs: list[BriefInput]) -> bool:
    """Whether a request goes to the large lane (a URL's size is not known before fetching:
    fetches are capped, so it counts as small)."""
    return sum(len(i.text) + len(i.html) for i in inputs) > LARGE_JOB_CHARS


def _new_id() -> str:
    return secrets.token_urlsafe(12)

