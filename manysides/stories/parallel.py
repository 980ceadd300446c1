"""An ordered map over worker processes: the per-article work beside the sequential assignment.

Online assignment is sequential (each article sees the stories of the ones before it),
but what comes before it is not: cleaning the flat text, hashing, MinHash and features
depend on the article alone. ``ordered_map`` runs that part in worker processes, in
batches, a bounded number ahead of the consumer, and yields the results in input order,
so the main process assigns article *n* while the workers prepare *n + 1 …*. The input
is read in the calling thread (a store lookup there stays on its own connection).

With ``workers <= 1`` it is a plain in-process ``map``: same results, no processes.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from typing import Callable, Iterable, Iterator, TypeVar

from ..errors import ManysidesError

__all__ = ["ordered_map", "default_workers", "WorkerLost", "BATCH"]

T = TypeVar("T")
R = TypeVar("R")

#: Imported once by a fork server for all its workers (what the ingest's workers run).
_PRELOAD = ("manysides.stories.ingest",)
#: Items per task: one article's features take ~0.7 ms, a task's round trip ~0.2 ms.
BATCH = 16
#: Batches in flight per worker: enough that a worker never waits for the consumer's next
#: submission, few enough that an interrupted run has little prepared and unused.
AHEAD_PER_WORKER = 4


class WorkerLost(ManysidesError):
    """A worker process died (killed, or out of memory): its results are gone."""


def default_workers() -> int:
    """Worker processes to use by default: the cores this process may run on, at most 8."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(8, cores))


def ordered_map(fn: Callable[[T], R], items: Iterable[T], *, workers: int = 1, batch: int = BATCH, inline_first: int = 0) -> Iterator[R]:
    """``map(fn, items)`` with ``fn`` run in ``workers`` processes; results in input order.

    The first ``inline_first`` items are mapped in this process, and the workers start only
    if more follow (a short input does not wait for them). ``fn`` must be a module-level
    function (it is pickled by name). Closing the generator early (or an exception in the
    consumer) cancels the work not started yet. A worker that dies raises ``WorkerLost``.
    """
    source = iter(items)
    if workers <= 1:
        yield from map(fn, source)
        return
    yield from map(fn, islice(source, inline_first))
    first = list(islice(source, 1))
    if not first:
        return
    source = chain(first, source)
    with ProcessPoolExecutor(workers, mp_context=_context(), initializer=_ignore_interrupts) as pool:
        pending: deque[Future] = deque()
        try:
            while True:
                while len(pending) < workers * AHEAD_PER_WORKER:
                    chunk = list(islice(source, batch))
                    if not chunk:
                        break
                    pending.append(pool.submit(_apply, fn, chunk))
                if not pending:
                    return
                try:
                    done = pending.popleft().result()
                except BrokenProcessPool as exc:
                    raise WorkerLost("a worker process stopped unexpectedly (killed, or out of memory?): what was "
                                     "finished before it is kept; run again to resume, with fewer workers to use less memory") from exc
                yield from done
        finally:
            for future in pending:
                future.cancel()


def _apply(fn: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [fn(item) for item in chunk]


def _context():
    # fork: a worker starts in milliseconds with the parent's imports (and loaded models),
    # but forking a process that runs other threads (a progress bar's refresh) can leave a
    # child waiting on a lock no thread of its own holds: then a fork server, started clean,
    # that imports this package once for all its workers; spawn where neither exists. Fork
    # only on Linux: macOS's system libraries are not safe to fork (Python defaults to spawn there).
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(_PRELOAD))
        return context
    return multiprocessing.get_context("spawn")


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group: the parent handles it, the workers just stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()


def _exit_with_parent() -> None:
    """On Linux, ask the kernel to end this worker when the process that started it dies (a
    ``kill -9`` of the ingest left its workers running, 126 MB each); a worker whose parent
    is already gone ends now."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        parent = os.getppid()
        libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
        if os.getppid() != parent:
            os._exit(0)
    except (OSError, AttributeError):
        pass  # no prctl: the worker ends when its next task fails to arrive
