"""The story store on SQLite and PostgreSQL: roundtrip, idempotent re-ingest, resume."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Iterator

import pytest

from manysides.records import Article
from manysides.stories import ingest, list_stories, show_story
from manysides.stories.ingest import Ingestor
from manysides.store import open_store

from .test_stories import QUAKE_A, QUAKE_B, WIRE_BACKGROUND

try:  # the shared throwaway-PostgreSQL fixture, when the web tests provide it
    from .pg_fixture import postgres_url  # noqa: F401
except ImportError:

    @pytest.fixture(scope="session")
    def postgres_url() -> Iterator[str]:
        """A throwaway PostgreSQL server (Debian's package) on loopback, for this session."""
        initdb = shutil.which("initdb") or next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))), None)
        if not initdb:
            pytest.skip("no PostgreSQL binaries (apt-get install -y postgresql)")
        bindir = Path(initdb).resolve().parent
        root = Path(tempfile.mkdtemp(prefix="manysides-pg-"))
        as_user: list[str] = []
        if os.geteuid() == 0:  # initdb refuses to run as root
            as_user = ["runuser", "-u", "postgres", "--"]
            shutil.chown(root, "postgres")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        data = root / "data"
        run = lambda *args: subprocess.run(as_user + list(args), check=True, capture_output=True, timeout=60)  # noqa: E731
        run(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync")
        run(str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l", str(root / "log"), "-o", f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
        try:
            yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
        finally:
            subprocess.run(as_user + [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True, timeout=60)
            shutil.rmtree(root, ignore_errors=True)


def _articles() -> list[Article]:
    """Quake A (3 reports + an exact copy + a wire copy), quake B (2 reports), dated."""
    out = []
    for n, (source, title, text) in enumerate(QUAKE_A + QUAKE_B):
        date = f"2025-03-{4 if n < 3 else 6:02d}T{8 + n:02d}:00:00Z"
        out.append(Article(id=f"art{n}", source=source, title=title, text="", raw_text=text, date=date, origin=f"test:{n}"))
    out.append(Article(id="copy-exact", source="Echo Daily", title="", text="", raw_text=QUAKE_A[0][2], date="2025-03-04T12:00:00Z"))
    wire = QUAKE_A[1][2] + " " + WIRE_BACKGROUND
    out.insert(1, Article(id="wire-orig", source="Wire", title="", text="", raw_text=wire, date="2025-03-04T09:30:00Z"))
    out.append(Article(id="wire-copy", source="Town Crier", title="", text="", raw_text="Reported by Wire. " + wire + " Copyright Wire.", date="2025-03-04T13:00:00Z"))
    return out


def _check_store(database: str) -> None:
    store = open_store(database)
    first = ingest(_articles(), store)
    assert (first.added, first.copies, first.already_stored) == (6, 2, 0)
    stories = list_stories(store, sort="biggest")
    assert [s.n_articles for s in stories] == [4, 2]
    big = show_story(store, stories[0].id)
    assert {a.id for a in big.copies} == {"copy-exact", "wire-copy"}
    assert {c.duplicate_of for c in big.copies} == {"art0", "wire-orig"}
    assert stories[0].n_sources == 6 and stories[0].n_copies == 2
    assert list_stories(store, sort="newest")[0].id == stories[1].id  # quake B is the later one
    # Re-ingesting the same source adds nothing twice.
    again = ingest(_articles(), store)
    assert (again.added, again.copies, again.already_stored) == (0, 0, 8)
    assert store.count_articles() == 8
    # Roundtrip of a brief through the briefs table.
    store.save_brief(stories[1].id, '{"articles": []}', 2, 3)
    assert store.get_brief_json(stories[1].id) == ('{"articles": []}', 2)
    assert list_stories(store, sort="divergent")[0].id == stories[1].id
    store.close()


def test_store_roundtrip_and_idempotent_reingest_on_sqlite(tmp_path: Path) -> None:
    _check_store(str(tmp_path / "stories.db"))


@pytest.mark.postgres
def test_store_roundtrip_and_idempotent_reingest_on_postgresql(postgres_url: str) -> None:
    store = open_store(postgres_url)
    with store.transaction() as conn:  # a clean slate in a shared server
        for table in ("embeddings", "briefs", "articles", "stories", "feeds", "meta"):
            conn.exec_driver_sql(f"DELETE FROM {table}")
    store.close()
    _check_store(postgres_url)


class _Interrupted(Exception):
    pass


def _interrupted_after(articles: list[Article], n: int) -> Iterator[Article]:
    for i, a in enumerate(articles):
        if i == n:
            raise _Interrupted
        yield a


def test_interrupted_ingest_resumes_without_loss_or_double(tmp_path: Path) -> None:
    articles = _articles()
    reference = open_store(tmp_path / "ref.db")
    ingest(articles, reference)
    expected = sorted(sorted(a.id for a in show_story(reference, s).articles + show_story(reference, s).copies) for s in reference.story_ids())

    store = open_store(tmp_path / "s.db")
    with pytest.raises(_Interrupted):
        ingest(_interrupted_after(articles, 5), store, commit_every=2)  # a crash after 5 articles
    assert store.count_articles() == 4  # two batches of two were committed, the fifth was not
    resumed = ingest(articles, store, commit_every=2)
    assert resumed.already_stored == 4 and store.count_articles() == len(articles)
    got = sorted(sorted(a.id for a in show_story(store, s).articles + show_story(store, s).copies) for s in store.story_ids())
    assert got == expected  # the same stories as an uninterrupted run


def test_resumed_ingestor_rebuilds_open_stories(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    ingest(_articles()[:2], store)
    rebuilt = Ingestor(store)
    assert rebuilt.clusterer.open_story_ids() == store.story_ids()
    assert rebuilt.clusterer.df.n_docs == 2 and len(rebuilt.near) == 2
