"""A throwaway PostgreSQL server for tests: ``postgres_url`` (session-scoped).

Import it into a test module (``from tests.pg_fixture import postgres_url``) and ask for
``postgres_url``: a ``postgresql://`` URL of an empty database on a cluster made with
initdb in a temporary folder, listening on a free loopback port, stopped and removed after
the session. Skips with a reason when the PostgreSQL server binaries are not installed
(``apt-get install postgresql``). initdb refuses to run as root, so as root the cluster is
run as the ``postgres`` system user (or ``nobody``) through ``runuser``.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

__all__ = ["postgres_url", "find_postgres_bin"]


def _unavailable(why: str) -> None:
    """Skip off CI; on CI (``CI`` set by .ci/run) the PostgreSQL tests must run, so fail."""
    if os.environ.get("CI"):
        pytest.fail(f"{why}; CI must run the PostgreSQL tests (.ci/run installs postgresql)")
    pytest.skip(why)


def find_postgres_bin() -> Path | None:
    """The folder holding initdb and pg_ctl, newest version first; None if not installed."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    which = shutil.which("initdb")
    if which:
        candidates.append(os.path.realpath(which))
    for initdb in candidates:
        folder = Path(initdb).parent
        if (folder / "pg_ctl").exists():
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_as(user: str | None, argv: list[str]) -> subprocess.CompletedProcess[str]:
    cmd = ["runuser", "-u", user, "--", *argv] if user else argv
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def _cluster_user() -> str | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    _unavailable("running as root with no 'postgres' or 'nobody' user to run initdb as")
    return None


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    bindir = find_postgres_bin()
    if bindir is None:
        _unavailable("PostgreSQL server binaries (initdb, pg_ctl) not installed: apt-get install postgresql")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("psycopg (v3) not installed: pip install 'psycopg[binary]'")
    user = _cluster_user()
    root = Path(tempfile.mkdtemp(prefix="manysides-pg-"))
    data, sockets = root / "data", root / "sock"
    sockets.mkdir()
    if user:
        uid, gid = pwd.getpwnam(user).pw_uid, pwd.getpwnam(user).pw_gid
        for p in (root, sockets):
            os.chown(p, uid, gid)
    port = _free_port()
    init = _run_as(user, [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"])
    if init.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        _unavailable(f"initdb failed: {init.stderr.strip()[-300:]}")
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
    start = _run_as(user, [str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "log"), "-w", "-t", "60", "start"])
    if start.returncode != 0:
        log = (root / "log").read_text(errors="replace")[-300:] if (root / "log").exists() else start.stderr
        shutil.rmtree(root, ignore_errors=True)
        _unavailable(f"PostgreSQL did not start: {log.strip()}")
    try:
        created = _run_as(user, [str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "manysides_test"])
        if created.returncode != 0:
            pytest.fail(f"createdb failed: {created.stderr.strip()}")
        yield f"postgresql://postgres@127.0.0.1:{port}/manysides_test"
    finally:
        _run_as(user, [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(root, ignore_errors=True)
