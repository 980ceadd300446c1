"""stories.parallel.ordered_map: worker processes, results in input order."""

from __future__ import annotations

import os

import pytest

from manysides.errors import ManysidesError
from manysides.stories.parallel import ordered_map


def _square_and_pid(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


def test_results_come_back_in_input_order_from_other_processes() -> None:
    out = list(ordered_map(_square_and_pid, range(200), workers=2, batch=7, inline_first=5))
    assert [v for v, _ in out] == [x * x for x in range(200)]
    assert {pid for _, pid in out[:5]} == {os.getpid()}  # the first ones in this process
    assert os.getpid() not in {pid for _, pid in out[5:]}  # the rest in the workers


def test_a_short_input_never_starts_workers() -> None:
    out = list(ordered_map(_square_and_pid, range(5), workers=2, inline_first=8))
    assert out == [(x * x, os.getpid()) for x in range(5)]


def test_one_worker_is_a_plain_map_and_an_empty_input_is_empty() -> None:
    assert list(ordered_map(_square_and_pid, range(3), workers=1)) == [(x * x, os.getpid()) for x in range(3)]
    assert list(ordered_map(_square_and_pid, [], workers=2)) == []


def test_closing_early_stops_reading_the_input() -> None:
    read = []

    def source():
        for x in range(10_000):
            read.append(x)
            yield x

    stream = ordered_map(_square_and_pid, source(), workers=2, batch=4)
    assert [next(stream)[0] for _ in range(3)] == [0, 1, 4]
    stream.close()
    assert len(read) < 100  # a bounded read-ahead (2 workers x 4 tasks x 4 items), not the whole input


def _dies_on_seven(x: int) -> int:
    if x == 7:
        os._exit(1)  # as the kernel's OOM killer would end it: no exception, no clean-up
    return x


def test_a_dead_worker_is_a_clear_error_not_a_hang() -> None:
    with pytest.raises(ManysidesError, match="worker process stopped unexpectedly"):
        list(ordered_map(_dies_on_seven, range(50), workers=2, batch=4))


def test_workers_end_when_their_parent_is_killed(tmp_path) -> None:
    """Issue #26: after ``kill -9`` of an ingest, its worker processes lived on."""
    import os
    import signal
    import subprocess
    import sys
    import textwrap
    import time

    pids = tmp_path / "pids"
    script = textwrap.dedent(f"""
        import os, time
        from manysides.stories.parallel import ordered_map

        def slow(x):
            with open({str(pids)!r}, "a") as f:
                f.write(f"{{os.getpid()}}\\n")
            time.sleep(60)
            return x

        for _ in ordered_map(slow, range(8), workers=2, batch=1):
            pass
    """)
    parent = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (not pids.exists() or len(set(pids.read_text().split())) < 2):
        time.sleep(0.2)
    workers = {int(p) for p in pids.read_text().split()}
    assert len(workers) >= 2
    parent.send_signal(signal.SIGKILL)
    parent.wait()

    def alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        try:  # a zombie that init has yet to reap is gone too
            with open(f"/proc/{pid}/stat") as f:
                return f.read().split(")")[-1].split()[0] != "Z"
        except OSError:
            return False

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(p) for p in workers):
        time.sleep(0.2)
    assert not any(alive(p) for p in workers)
