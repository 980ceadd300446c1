"""The story store on SQLite and PostgreSQL: roundtrip, idempotent re-ingest, resume."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

from manysides.records import Article
from manysides.stories import StoryConfig, ingest, list_stories, show_story
from manysides.stories.ingest import Ingestor
from manysides.store import open_store
from manysides.store.db import story_title

from .test_stories import BREACH, BREACH_BRIDGE, BREACH_LOOKALIKE, QUAKE_A, QUAKE_B, SHOOTING_2_VAGUE, SHOOTING_TEMPLATE, SHOOTINGS, WIRE_BACKGROUND

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


def _clean(database: str) -> None:
    store = open_store(database)
    with store.transaction() as conn:  # a clean slate in a shared server
        for table in ("embeddings", "briefs", "articles", "stories", "feeds", "meta"):
            conn.exec_driver_sql(f"DELETE FROM {table}")
    store.close()


def test_store_roundtrip_and_idempotent_reingest_on_sqlite(tmp_path: Path) -> None:
    _check_store(str(tmp_path / "stories.db"))


@pytest.mark.postgres
def test_store_roundtrip_and_idempotent_reingest_on_postgresql(postgres_url: str) -> None:
    _clean(postgres_url)
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


# -- revisions in the store (issue #7): moves, recounts, copies, new and closed stories ------------

@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "stories.db")
    url = request.getfixturevalue("postgres_url")
    _clean(url)
    return url


def _recounted(store) -> dict[int, tuple]:
    """The stories as the articles table says they should be (counted here, in Python)."""
    from sqlalchemy import select

    with store.engine.connect() as conn:
        rows = conn.execute(select(store.articles).order_by(store.articles.c.ts, store.articles.c.id)).mappings().all()
    by_story: dict[int, list] = {}
    for r in rows:
        by_story.setdefault(r["story_id"], []).append(r)
    out = {}
    for sid, members in by_story.items():
        clustered = [r for r in members if r["duplicate_of"] is None]
        n = len(clustered)
        spread = 1.0 - sum(r["cosine"] for r in clustered) / (n - 1) if n > 1 else 0.0
        out[sid] = (n, len(members) - n, len({r["source"] for r in members}), min(r["ts"] for r in members),
                    max(r["ts"] for r in members), story_title(clustered[0]["title"], clustered[0]["text"]), round(spread, 3))
    return out


def _stored(store) -> dict[int, tuple]:
    return {s.id: (s.n_articles, s.n_copies, s.n_sources, s.first_ts, s.last_ts, s.title, s.spread)
            for s in list_stories(store, limit=1000)}


def _breach_articles() -> list[Article]:
    """The split breach story, its bridge, a copy of the exit report, and the look-alike breach."""
    out = []
    for n, (day, title, text) in enumerate([*BREACH, BREACH_BRIDGE, BREACH_LOOKALIKE]):
        hours = round(day * 24)
        date = f"2025-06-{2 + hours // 24:02d}T{hours % 24:02d}:00:00Z"
        out.append(Article(id=f"k{n}", source=f"Outlet {n}", title=title, text="", raw_text=text, date=date))
    out.insert(4, Article(id="k2-copy", source="Echo", title="", text="", raw_text=BREACH[2][2], date="2025-06-07T06:00:00Z"))
    return out


def test_a_merge_moves_the_absorbed_story_in_the_store_and_resumes_without_loss(database: str, tmp_path: Path) -> None:
    """Issue #24: the merge pass's moves reach the store (the exit's reports and their copy join
    the breach story, the exit's own story is deleted, the stories are recounted); an ingest cut
    off before or after the bridge, resumed, ends the same; re-ingesting adds nothing."""
    store = open_store(database)
    report = ingest(_breach_articles(), store, commit_every=1)
    story = {a.id: a.story_id for s in store.story_ids() for a in show_story(store, s).articles + show_story(store, s).copies}
    assert len({story[k] for k in ("k0", "k1", "k2", "k2-copy", "k3", "k4")}) == 1 and story["k5"] != story["k0"]
    assert len(store.story_ids()) == 2 and report.new_stories == 3  # the exit's story was started, then absorbed
    assert _stored(store) == _recounted(store)
    reference = _memberships(store)
    again = ingest(_breach_articles(), store)
    assert (again.added, again.already_stored) == (0, 7) and _memberships(store) == reference
    for cut in (3, 5):  # before the bridge (two open stories to rebuild), and after it
        resumed = open_store(tmp_path / f"cut{cut}.db")
        with pytest.raises(_Interrupted):
            ingest(_interrupted_after(_breach_articles(), cut), resumed, commit_every=1)
        ingest(_breach_articles(), resumed, commit_every=1)
        assert _memberships(resumed) == reference and _stored(resumed) == _recounted(resumed)


def _shooting_articles() -> list[Article]:
    articles = [Article(id=key, source=f"Outlet {n}", title="Brantmoor shooting" if key == "a2" else "", text="", raw_text=text,
                        date=f"2025-03-07T{8 + n:02d}:00:00Z") for n, (key, text) in enumerate(SHOOTINGS)]
    # Copies of the vague report b2: one stored before the revision moves b2 (it must move
    # with it), one arriving after (it must go where b2 is now, not where b2 was stored).
    articles.insert(4, Article(id="b2-copy", source="Echo", title="", text="", raw_text=SHOOTING_2_VAGUE, date="2025-03-07T20:00:00Z"))
    articles.append(Article(id="b2-late-copy", source="Late Echo", title="", text="", raw_text=SHOOTING_2_VAGUE, date="2025-03-07T21:00:00Z"))
    return articles


def test_moves_recount_the_stories_they_touch(database: str) -> None:
    store = open_store(database)
    report = ingest(_shooting_articles(), store, commit_every=2)  # moves land in later batches than their articles
    story = {a.id: a.story_id for s in store.story_ids() for a in show_story(store, s).articles + show_story(store, s).copies}
    assert story["b2"] == story["b1"] and story["b2-copy"] == story["b2-late-copy"] == story["b1"]
    assert story["a1"] == story["a2"] != story["b1"]
    assert _stored(store) == _recounted(store)
    assert report.new_stories == 3 and len(store.story_ids()) == 2  # b2's own story, emptied by the revision
    # Moves straight through the store: a2 to a story a split starts (inserted), every
    # Quillford article to a1's story (b1's story, emptied, is deleted).
    quillford, brantmoor = story["b1"], story["a1"]
    with store.transaction() as conn:
        store.move_articles(conn, {"a2": 99, **{k: brantmoor for k in ("b1", "b2", "b3", "b4", "b5")}})
    assert store.story_ids() == sorted([brantmoor, 99])
    assert store.story_of("b2-late-copy") == brantmoor and quillford not in _stored(store)
    assert _stored(store) == _recounted(store)
    assert store.get_story(99).title == "Brantmoor shooting" and store.get_story(99).status == "open"
    assert (store.get_story(brantmoor).n_articles, store.get_story(brantmoor).n_copies) == (6, 2)
    store.close()


def test_new_stories_count_the_ones_a_split_starts(tmp_path: Path) -> None:
    # In this order the arrival of b1 splits b2 off into a story of its own while b1 itself
    # joins an existing story: that split-off story is new too.
    text = dict(SHOOTINGS)
    articles = [Article(id=k, source=f"Outlet {n}", title="", text="", raw_text=text[k], date=f"2025-03-07T{8 + n:02d}:00:00Z")
                for n, k in enumerate(["a2", "b4", "b5", "b3", "b2", "b1"])]
    store = open_store(tmp_path / "s.db")
    config = StoryConfig(small_group=0)  # the split happens in a group of six: the calibrated cut there
    first = ingest(articles[:5], store, config=config)
    assert first.new_stories == len(store.story_ids()) == 3
    last = ingest(articles[5:], store, config=config)
    assert (last.added, last.new_stories) == (1, 1) and len(store.story_ids()) == 4
    assert store.story_of("b2") not in (store.story_of("b1"), store.story_of("b3"), store.story_of("b4"))
    assert _stored(store) == _recounted(store)


def test_ingest_closes_quiet_stories_and_counts_them(tmp_path: Path) -> None:
    from manysides.stories import StoryConfig

    quakes = [a for a in _articles() if a.id.startswith("art")]  # quake A: 3 reports (4-5 March), quake B: 2 (6 March)
    late = Article(id="late", source="Late Post", title="", text="", raw_text=SHOOTINGS[0][1], date="2025-03-12T08:00:00Z")
    store = open_store(tmp_path / "s.db")
    report = ingest(quakes + [late], store, config=StoryConfig(quiet_hours=96, window_hours=72))
    # On 12 March both quakes have been quiet for more than 96 h: both close, with the add of "late".
    assert report.closed_stories == 2
    statuses = {s.id: s.status for s in list_stories(store, limit=100)}
    assert statuses[store.story_of("late")] == "open"
    assert sorted(v for k, v in statuses.items() if k != store.story_of("late")) == ["closed", "closed"]


def test_ingest_assigns_under_the_benchs_blas_threads(tmp_path: Path) -> None:
    from threadpoolctl import threadpool_info

    from manysides.stories.cluster import BLAS_THREADS

    seen: list[set[int]] = []
    report = ingest(_articles()[:3], open_store(tmp_path / "s.db"),
                    progress=lambda r: seen.append({i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}))
    assert report.added == 3 and len(seen) == 3
    assert all(threads == {BLAS_THREADS} for threads in seen), seen


def test_flat_text_is_stored_without_its_page_clutter_unless_asked(tmp_path: Path, example_dir: Path) -> None:
    blog = example_dir / "3-valley-voice-blog.txt"
    raw = blog.read_text(encoding="utf-8")
    assert "ad blocker" in raw.lower()  # the page's own clutter, first line
    store = open_store(tmp_path / "clean.db")
    ingest([str(blog)], store)
    (story,) = list_stories(store, limit=5)
    (kept,) = store.articles_of(story.id)
    assert "ad blocker" not in kept.text.lower() and "ad blocker" not in story.title.lower()
    assert "Pinewood Bridge" in kept.text
    as_given = open_store(tmp_path / "raw.db")
    ingest([str(blog)], as_given, clean=False)
    (story,) = list_stories(as_given, limit=5)
    assert as_given.articles_of(story.id)[0].text == raw


def test_undated_articles_join_a_dated_one_on_content_alone(tmp_path: Path, example_dir: Path) -> None:
    # The example story: one dated web page (March 2026) and three undated text files, read
    # months later. Their reading time is no date: one story, not one per clock.
    store = open_store(tmp_path / "s.db")
    report = ingest([str(example_dir)], store)
    assert report.added == 4
    (story,) = list_stories(store, limit=5)
    assert story.n_articles == 4 and story.status == "open"
    again = Ingestor(store)  # and a resumed ingest rebuilds it the same way
    assert again.clusterer.stories and len(again.clusterer.stories) == 1


@pytest.mark.shared
def test_the_seeds_five_outlets_are_one_story(tmp_path: Path, seeds_dir: Path) -> None:
    # A press release, a wire report, a TV station, a partisan blog: one story told five
    # ways. In a group this small only a strong difference splits (cluster.SMALL_STORY_CUT).
    store = open_store(tmp_path / "s.db")
    ingest([str(seeds_dir)], store)
    assert [s.n_articles for s in list_stories(store, limit=5)] == [5]


# -- pipelined ingest (-j): workers clean and featurise, the main process assigns -----------------
TOWNS = ["Brantmoor", "Quillford", "Ashcombe", "Dunmere", "Elsworth", "Farrowgate", "Glenhollow", "Harlston", "Inverbeck", "Jessop Falls", "Kelmarsh", "Lowther"]
CHIEFS = ["Helen Osei", "Marcus Dunleavy", "Priya Ranganathan", "Tomas Ecker", "Olu Adeyemi", "Grace Whitlow", "Ivan Petrovic", "Lena Sorensen", "Ruth Calder", "Samir Haddad", "Nora Blake", "Felix Amari"]


#: Two more outlets' own wording of a template shooting (few shared 5-word runs with it: not copies).
OTHER_REPORTS = (
    "{chief}, the chief constable, told reporters that {dead} people died and {hurt} were hurt when a man fired "
    "shots inside a {town} shopping centre late on Friday. A suspect is in custody. Witnesses said shoppers hid in storerooms.",
    "A gunman killed {dead} shoppers in {town} on Friday. Officers arrested the suspect at the scene, and {hurt} people "
    "were taken to hospital, according to {chief}. The motive remains unclear, police added.",
)


def _many_articles() -> list[Article]:
    """Twelve template shootings a week apart, three outlets each, and a copy of one of them:
    36 reports plus 12 copies, more than the ingest maps in-process before its workers start."""
    out = []
    for e, (town, chief) in enumerate(zip(TOWNS, CHIEFS)):
        facts = {"town": town, "dead": 2 + e % 5, "hurt": 3 + e, "chief": chief}
        reports = [t.format(**facts) for t in (SHOOTING_TEMPLATE, *OTHER_REPORTS)]
        day = f"2025-{1 + e // 4:02d}-{3 + 7 * (e % 4):02d}"
        for n, text in enumerate(reports):
            out.append(Article(id=f"e{e}-r{n}", source=f"Outlet {n}", title="", text="", raw_text=text, date=f"{day}T{8 + n:02d}:00:00Z"))
        out.append(Article(id=f"e{e}-copy", source="Echo", title="", text="", raw_text=reports[1].upper(), date=f"{day}T12:00:00Z"))
    return out


def _memberships(store) -> list[list[str]]:
    return sorted(sorted(a.id for a in show_story(store, s).articles + show_story(store, s).copies) for s in store.story_ids())


def test_ingest_with_two_workers_makes_the_stories_of_one_process(tmp_path: Path) -> None:
    articles = _many_articles()
    one, two = open_store(tmp_path / "one.db"), open_store(tmp_path / "two.db")
    first = ingest(articles, one, workers=1)
    second = ingest(articles, two, workers=2)
    assert (second.added, second.copies) == (first.added, first.copies) == (36, 12)
    assert _memberships(two) == _memberships(one)
    assert len(_memberships(one)) == 12  # and they are the twelve shootings, each with its copy
    assert all(len({m.split("-")[0] for m in members}) == 1 for members in _memberships(one))


def test_an_interrupted_pipelined_ingest_resumes_without_loss(tmp_path: Path) -> None:
    articles = _many_articles()
    reference = open_store(tmp_path / "ref.db")
    ingest(articles, reference)
    store = open_store(tmp_path / "s.db")
    with pytest.raises(_Interrupted):  # the source fails while workers hold prepared articles
        ingest(_interrupted_after(articles, 41), store, commit_every=4, workers=2)
    kept = store.count_articles()
    assert 0 < kept <= 41 and kept % 4 == 0  # whole batches only
    resumed = ingest(articles, store, commit_every=4, workers=2)
    assert resumed.already_stored == kept and store.count_articles() == len(articles)
    assert _memberships(store) == _memberships(reference)


def test_cli_ingest_with_workers_matches_one_process(tmp_path: Path) -> None:
    import json
    import sys

    source = tmp_path / "stream.jsonl"
    source.write_text("".join(json.dumps({"text": a.raw_text, "source": a.source, "url": f"https://example.org/{a.id}", "date": a.date}) + "\n"
                              for a in _many_articles()))
    memberships = []
    for jobs in ("1", "2"):
        db = tmp_path / f"j{jobs}.db"
        done = subprocess.run([sys.executable, "-m", "manysides", "stories", "ingest", str(source), "-d", str(db), "-j", jobs],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        store = open_store(db)
        memberships.append(sorted(sorted(a.source + a.text[:40] for a in show_story(store, s).articles + show_story(store, s).copies)
                                  for s in store.story_ids()))
        store.close()
    assert memberships[0] == memberships[1] and len(memberships[0]) == 12


def test_a_jsonl_file_given_by_another_path_is_not_stored_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    feed = tmp_path / "wire" / "feed.jsonl"
    feed.parent.mkdir()
    feed.write_text("".join(json.dumps({"text": text, "date": "2025-03-04T08:00:00Z"}) + "\n" for _, _, text in QUAKE_A))
    store = open_store(tmp_path / "s.db")
    first = ingest([str(feed)], store, clean=False)  # absolute path, records without source or URL
    monkeypatch.chdir(tmp_path)
    again = ingest(["wire/feed.jsonl"], store, clean=False)  # the same file, relative
    assert first.added == len(QUAKE_A) and (again.added, again.already_stored) == (0, len(QUAKE_A))
    assert {a.source for a in show_story(store, store.story_ids()[0]).articles} <= {f"feed.jsonl:{n}" for n in range(1, len(QUAKE_A) + 1)}


def test_cli_closes_undated_stories_after_quiet_articles(tmp_path: Path) -> None:
    import json
    import sys

    texts = [QUAKE_A[0][2], SHOOTINGS[0][1], SHOOTINGS[2][1], QUAKE_A[1][2]]  # undated: no clock but the count
    stream = tmp_path / "undated.jsonl"
    stream.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts))

    def quake_stories(*flags: str) -> tuple[int, str]:
        db = tmp_path / f"s{len(flags)}.db"
        done = subprocess.run([sys.executable, "-m", "manysides", "stories", "ingest", str(stream), "-d", str(db), "--no-clean", "-j", "1", *flags],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        store = open_store(db)
        story_of = {a.text[:30]: s for s in store.story_ids() for a in show_story(store, s).articles}
        store.close()
        return len({story_of[QUAKE_A[0][2][:30]], story_of[QUAKE_A[1][2][:30]]}), done.stderr

    stories, said = quake_stories()
    assert stories == 1 and "0 closed" in said  # the default keeps the quake open across two articles
    stories, said = quake_stories("--quiet-articles", "2")
    assert stories == 2 and "1 closed" in said  # two other articles passed it: closed, the next quake report starts anew


def test_cli_keeps_a_story_open_as_long_as_the_story_config_says(tmp_path: Path) -> None:
    """Issue #20, one default per option: ``stories ingest`` used to pass its own 96 quiet
    hours, so a story closed four days after its last report though ``StoryConfig`` (what the
    stream benchmark measures) keeps it open a month (issue #24). A report six days on joins."""
    import json
    import sys

    dates = ["2025-03-04T06:00:00Z", "2025-03-04T09:00:00Z", "2025-03-10T09:00:00Z"]  # the third six days on
    stream = tmp_path / "dated.jsonl"
    stream.write_text("".join(json.dumps({"text": t, "source": s, "title": h, "date": d}) + "\n" for (s, h, t), d in zip(QUAKE_A, dates)))

    def stories(*flags: str) -> int:
        db = tmp_path / f"s{len(flags)}.db"
        done = subprocess.run([sys.executable, "-m", "manysides", "stories", "ingest", str(stream), "-d", str(db), "--no-clean", "-j", "1", *flags],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        store = open_store(db)
        n = len(store.story_ids())
        store.close()
        return n

    assert stories() == 1
    assert stories("--quiet-hours", "96") == 2  # closed after four quiet days: the late report starts anew


def test_dead_links_cookie_walls_and_menus_neither_start_nor_join_a_story(tmp_path: Path) -> None:
    """Issue #24: a stream's junk pages are counted and listed as skipped, and stored nowhere."""
    from .test_captures import NAV_PAGE, SITE_MESSAGES

    articles = [Article(id=f"q{n}", source=s, title=h, text="", raw_text=t, date="2025-03-04T08:00:00Z", origin=f"feed:{n}")
                for n, (s, h, t) in enumerate(QUAKE_A)]
    junk = [*SITE_MESSAGES.values(), NAV_PAGE]
    articles += [Article(id=f"j{n}", source="Some Site", title="", text="", raw_text=t, date="2025-03-04T09:00:00Z", origin=f"junk:{n}")
                 for n, t in enumerate(junk)]
    store = open_store(tmp_path / "s.db")
    report = ingest(articles, store)
    assert (report.added, report.new_stories) == (len(QUAKE_A), 1)
    assert sorted(s.origin for s in report.skipped) == [f"junk:{n}" for n in range(len(junk))]
    assert all("no article text found" in s.reason for s in report.skipped)
    assert store.count_articles() == len(QUAKE_A)


def test_a_second_writer_fails_at_once_and_mixes_nothing(database: str) -> None:
    """Issue #26: two ingests into one store used to interleave their stories. While one holds
    the store, another fails with a clear error and writes nothing; afterwards it can write."""
    from manysides.errors import InputError

    first, second = open_store(database), open_store(database)
    source, title, text = QUAKE_A[0]
    articles = [Article(id="w1", source=source, title=title, text=text, date="2024-01-01")]
    with first.writer():
        with pytest.raises(InputError, match="being written by another ingest"):
            ingest(articles, second, clean=False)
        assert second.count_articles() == 0
    report = ingest(articles, second, clean=False)
    assert report.added == 1 and second.count_articles() == 1
    first.close()
    second.close()


def test_stories_brief_and_brief_agree_on_the_example_story(tmp_path: Path, example_dir: Path) -> None:
    """Issue #20: the store keeps the bodies ``stories ingest`` cleaned; briefing a stored story
    must not clean them a second time (the press release lost two more lines that way)."""
    from manysides import brief
    from manysides.stories import brief_story

    store = open_store(str(tmp_path / "stories.db"))
    ingest([str(example_dir)], store)
    (story,) = list_stories(store)
    stored = brief_story(store, story.id)
    direct = brief([str(example_dir)])
    assert sorted(a.text for a in stored.articles) == sorted(a.text for a in direct.articles)
    assert [s.text for s in stored.summary] == [s.text for s in direct.summary]
    store.close()
