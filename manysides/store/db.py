"""The story store: SQLite (one file) by default, PostgreSQL for a shared server.

One code path (SQLAlchemy Core) for both. Tables:

    articles    one row per article ever ingested (duplicates too, pointing at the original)
    stories     one row per story: size, sources, first/last article time, open/closed
    embeddings  per article, vectors as float32 blobs: its TF-IDF vector (hashed indices +
                values, what a resumed ingest rebuilds the clusterer from) and MinHash signature
    briefs      the latest brief of a story (Brief.to_json)
    feeds       per feed URL: ETag / Last-Modified for conditional GETs
    meta        small key/value state (online document frequencies)

Keys are idempotent (an article's id is a hash of its text and outlet), so re-ingesting a
source adds nothing twice, and every batch commits articles, stories and state together,
so an interrupted ingest resumes from the last commit without loss.
"""

from __future__ import annotations

import json
import logging
import time
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence

import numpy as np

from ..errors import DependencyError, InputError, UsageError

__all__ = ["Store", "open_store", "StoredArticle", "StoredStory", "story_title"]

log = logging.getLogger(__name__)

#: A story without a headline is titled by the first ``TITLE_WORDS`` words of its first
#: article, read from its first ``TITLE_CHARS`` characters (so the store can recount a
#: title from a prefix of the text without loading whole articles).
TITLE_WORDS = 14
TITLE_CHARS = 400


def story_title(title: str | None, text: str) -> str:
    """The title of a story whose first article has this headline and text (the one rule
    for ``stories ingest`` and for the store's recount after a revision)."""
    return (title or "").strip() or " ".join(text[:TITLE_CHARS].split()[:TITLE_WORDS])


@dataclass(frozen=True, slots=True)
class StoredArticle:
    id: str
    story_id: int | None
    source: str
    title: str
    url: str
    date: str
    timestamp: float
    text: str
    origin: str
    duplicate_of: str | None
    anchors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StoredStory:
    id: int
    title: str
    n_articles: int  # distinct reports (duplicates not counted)
    n_copies: int  # syndicated/exact copies folded into it
    n_sources: int
    first_ts: float
    last_ts: float
    status: str  # "open" | "closed"
    spread: float  # 1 - mean cosine of members with the story when they joined
    n_divergences: int | None  # from its brief, when briefed


def _tables():
    from sqlalchemy import (
        Column, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Table, Text,
    )

    md = MetaData()
    articles = Table(
        "articles", md,
        Column("id", String(40), primary_key=True),
        Column("content_hash", String(40), nullable=False, index=True),
        Column("story_id", Integer, index=True),
        Column("duplicate_of", String(40)),
        Column("source", Text, nullable=False, default=""),
        Column("title", Text, nullable=False, default=""),
        Column("url", Text, nullable=False, default=""),
        Column("date", Text, nullable=False, default=""),
        Column("ts", Float, nullable=False),
        Column("origin", Text, nullable=False, default=""),
        Column("text", Text, nullable=False),
        Column("anchors", Text, nullable=False, default="[]"),
        Column("cosine", Float, nullable=False, default=0.0),
        Column("ingested_at", Float, nullable=False),
    )
    Index("ix_articles_url", articles.c.url)
    stories = Table(
        "stories", md,
        Column("id", Integer, primary_key=True, autoincrement=False),
        Column("title", Text, nullable=False, default=""),
        Column("n_articles", Integer, nullable=False, default=0),
        Column("n_copies", Integer, nullable=False, default=0),
        Column("sources", Text, nullable=False, default="[]"),
        Column("first_ts", Float, nullable=False),
        Column("last_ts", Float, nullable=False, index=True),
        Column("status", String(8), nullable=False, default="open", index=True),
        Column("cosine_sum", Float, nullable=False, default=0.0),
    )
    embeddings = Table(
        "embeddings", md,
        Column("article_id", String(40), ForeignKey("articles.id"), primary_key=True),
        Column("kind", String(16), primary_key=True),
        Column("dim", Integer, nullable=False),
        Column("indices", LargeBinary),  # int32, for sparse vectors
        Column("data", LargeBinary, nullable=False),  # float32 (uint64 for minhash)
    )
    briefs = Table(
        "briefs", md,
        Column("story_id", Integer, primary_key=True, autoincrement=False),
        Column("created_at", Float, nullable=False),
        Column("n_articles", Integer, nullable=False),
        Column("n_divergences", Integer, nullable=False, default=0),
        Column("json", Text, nullable=False),
    )
    feeds = Table(
        "feeds", md,
        Column("url", String(2000), primary_key=True),
        Column("etag", Text, nullable=False, default=""),
        Column("last_modified", Text, nullable=False, default=""),
        Column("fetched_at", Float, nullable=False),
    )
    meta = Table(
        "meta", md,
        Column("key", String(64), primary_key=True),
        Column("value", LargeBinary, nullable=False),
    )
    return md, articles, stories, embeddings, briefs, feeds, meta


def database_url(database: str | Path) -> str:
    """SQLAlchemy URL for a path (SQLite) or a postgresql:// URL (psycopg 3 driver)."""
    text = str(database)
    if text.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    if text.startswith(("postgresql+", "sqlite:")):
        return text
    if "://" in text:
        raise UsageError(f"--database {text!r}: use a file path (SQLite), sqlite:///PATH or a postgresql://USER@HOST/DB URL")
    path = Path(text).expanduser()
    if not path.parent.exists():
        raise InputError(str(path), "its folder does not exist", "create the folder or choose another path")
    return f"sqlite:///{path}"


#: The advisory lock key of the one writer (any 64-bit number the project owns: "manysides" in ASCII, truncated).
_WRITER_LOCK = 0x6D616E7973696465


def open_store(database: str | Path) -> "Store":
    return Store(database_url(database))


class Store:
    """Typed reads and idempotent writes over the story tables."""

    def __init__(self, url: str) -> None:
        try:
            from sqlalchemy import create_engine, event
        except ImportError as exc:
            raise DependencyError("the story store needs SQLAlchemy: pip install 'sqlalchemy>=2.0'") from exc
        self.url = url
        try:
            self.engine = create_engine(url, future=True)
        except ImportError as exc:
            raise DependencyError("PostgreSQL needs psycopg: pip install 'psycopg[binary]>=3.1'") from exc
        if url.startswith("sqlite"):
            @event.listens_for(self.engine, "connect")
            def _sqlite_pragmas(conn, _record):  # WAL: readers don't block the ingest
                cur = conn.cursor()
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
                cur.close()
        (self.md, self.articles, self.stories, self.embeddings, self.briefs, self.feeds, self.meta) = _tables()
        try:
            self.md.create_all(self.engine)
        except Exception as exc:  # a wrong URL, a server that isn't there
            raise InputError(_safe(url), f"cannot open the database ({type(exc).__name__}: {str(exc).splitlines()[0]})", "check the path or the postgresql:// URL") from exc

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def writer(self) -> Iterator[None]:
        """The store's one writer, for a whole ingest: a second ingest into the same store fails
        at once with a clear error instead of interleaving its stories with this one's (two
        clusterers each see only their own open stories). SQLite: an exclusive lock on a file
        beside the database; PostgreSQL: a session advisory lock."""
        busy = InputError(_safe(self.url), "is being written by another ingest", "wait for it to finish, or ingest into another database")
        if self.url.startswith("sqlite"):
            path = self.url.split("///", 1)[-1]
            if not path or path == ":memory:":
                yield
                return
            import fcntl

            with open(f"{path}.writer-lock", "a+b") as lock:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    raise busy from None
                try:
                    yield
                finally:
                    fcntl.flock(lock, fcntl.LOCK_UN)
            return
        from sqlalchemy import text

        with self.engine.connect() as conn:
            if not conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": _WRITER_LOCK}).scalar():
                raise busy
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _WRITER_LOCK})

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        with self.engine.begin() as conn:
            yield conn

    # -- articles -----------------------------------------------------------------------------
    def has_article(self, article_id: str, conn: Any = None) -> bool:
        from sqlalchemy import select

        q = select(self.articles.c.id).where(self.articles.c.id == article_id)
        return self._scalar(q, conn) is not None

    def has_url(self, url: str) -> bool:
        from sqlalchemy import select

        return bool(url) and self._scalar(select(self.articles.c.id).where(self.articles.c.url == url).limit(1)) is not None

    def original_of(self, content_hash: str, conn: Any = None) -> str | None:
        """The id of the first non-duplicate article with this content hash."""
        from sqlalchemy import select

        a = self.articles
        return self._scalar(select(a.c.id).where(a.c.content_hash == content_hash, a.c.duplicate_of.is_(None)).limit(1), conn)

    def story_of(self, article_id: str, conn: Any = None) -> int | None:
        from sqlalchemy import select

        return self._scalar(select(self.articles.c.story_id).where(self.articles.c.id == article_id), conn)

    def insert_article(self, conn: Any, row: dict[str, Any]) -> None:
        conn.execute(self.articles.insert().values(ingested_at=time.time(), **row))

    def insert_vector(self, conn: Any, article_id: str, kind: str, dim: int, data: bytes, indices: bytes | None = None) -> None:
        conn.execute(self.embeddings.insert().values(article_id=article_id, kind=kind, dim=dim, data=data, indices=indices))

    def articles_of(self, story_id: int, *, include_copies: bool = False) -> list[StoredArticle]:
        from sqlalchemy import select

        a = self.articles
        q = select(a).where(a.c.story_id == story_id)
        if not include_copies:
            q = q.where(a.c.duplicate_of.is_(None))
        with self.engine.connect() as conn:
            rows = conn.execute(q.order_by(a.c.ts, a.c.id)).mappings().all()
        return [_article(r) for r in rows]

    def count_articles(self) -> int:
        from sqlalchemy import func, select

        return int(self._scalar(select(func.count()).select_from(self.articles)) or 0)

    # -- stories ------------------------------------------------------------------------------
    def upsert_story(self, conn: Any, story_id: int, *, title: str, source: str, ts: float, cosine: float, copy: bool) -> None:
        from sqlalchemy import select

        s = self.stories
        row = conn.execute(select(s).where(s.c.id == story_id)).mappings().first()
        if row is None:
            conn.execute(s.insert().values(id=story_id, title=title, n_articles=0 if copy else 1, n_copies=1 if copy else 0,
                                           sources=json.dumps([source]), first_ts=ts, last_ts=ts, status="open", cosine_sum=0.0))
            return
        sources = json.loads(row["sources"])
        if source not in sources:
            sources.append(source)
        conn.execute(s.update().where(s.c.id == story_id).values(
            title=row["title"] or title,
            n_articles=row["n_articles"] + (0 if copy else 1),
            n_copies=row["n_copies"] + (1 if copy else 0),
            sources=json.dumps(sources),
            first_ts=min(row["first_ts"], ts), last_ts=max(row["last_ts"], ts),
            cosine_sum=row["cosine_sum"] + (0.0 if copy else cosine),
        ))

    def move_articles(self, conn: Any, moves: dict[str, int]) -> None:
        """Put clustered articles (and their copies) in other stories, after the clusterer
        revised an open story (issue #7); the stories touched are recounted from their articles.

        Set-based, whatever the number of moves: one UPDATE moves every article and copy, and
        the stories touched are recounted with aggregates (counts, times, sources, the first
        article's title), then updated, inserted (a story a split started) or deleted
        (a story the revision emptied) in one statement each.
        """
        from sqlalchemy import bindparam, case, func, select

        if not moves:
            return
        a, s = self.articles, self.stories
        ids = list(moves)
        touched = set(moves.values()) | {sid for (sid,) in conn.execute(select(a.c.story_id).where(a.c.id.in_(ids)).distinct()) if sid is not None}
        # A copy follows its original: match rows by the clustered article they stand for.
        owner = func.coalesce(a.c.duplicate_of, a.c.id)
        conn.execute(a.update().where(owner.in_(ids)).values(story_id=case(moves, value=owner)))
        touched_ids = sorted(touched)
        # A brief of a story whose members changed describes other articles: drop it, so
        # `stories show` and the web app offer a fresh one rather than a stale one.
        conn.execute(self.briefs.delete().where(self.briefs.c.story_id.in_(touched_ids)))
        clustered = a.c.duplicate_of.is_(None)
        counts = {r.story_id: r for r in conn.execute(
            select(a.c.story_id, func.sum(case((clustered, 1), else_=0)).label("n_articles"), func.count().label("n_rows"),
                   func.min(a.c.ts).label("first_ts"), func.max(a.c.ts).label("last_ts"),
                   func.sum(case((clustered, a.c.cosine), else_=0.0)).label("cosine_sum"))
            .where(a.c.story_id.in_(touched_ids)).group_by(a.c.story_id))}
        sources: dict[int, list[str]] = {}
        for sid, source in conn.execute(
                select(a.c.story_id, a.c.source).where(a.c.story_id.in_(touched_ids)).group_by(a.c.story_id, a.c.source)
                .order_by(a.c.story_id, func.min(a.c.ts), a.c.source)):
            sources.setdefault(sid, []).append(source)
        rank = func.row_number().over(partition_by=a.c.story_id, order_by=(a.c.ts, a.c.id)).label("rank")
        firsts = select(a.c.story_id, a.c.title, func.substr(a.c.text, 1, TITLE_CHARS).label("lead"), rank) \
            .where(a.c.story_id.in_(touched_ids), clustered).subquery()
        titles = {r.story_id: story_title(r.title, r.lead) for r in conn.execute(select(firsts).where(firsts.c.rank == 1))}
        existing = {sid for (sid,) in conn.execute(select(s.c.id).where(s.c.id.in_(touched_ids)))}
        rows, gone = [], []
        for sid in touched_ids:
            r = counts.get(sid)
            if r is None or not r.n_articles:  # emptied by the revision (a copy never stays without its original)
                gone.append(sid)
                continue
            rows.append({"sid": sid, "v_title": titles[sid], "v_n_articles": int(r.n_articles), "v_n_copies": int(r.n_rows - r.n_articles),
                         "v_sources": json.dumps(sources[sid]), "v_first_ts": r.first_ts, "v_last_ts": r.last_ts,
                         "v_cosine_sum": float(r.cosine_sum or 0.0)})
        if gone:
            conn.execute(s.delete().where(s.c.id.in_(gone)))
        fields = ("title", "n_articles", "n_copies", "sources", "first_ts", "last_ts", "cosine_sum")
        updates = [r for r in rows if r["sid"] in existing]
        if updates:
            conn.execute(s.update().where(s.c.id == bindparam("sid")).values({f: bindparam("v_" + f) for f in fields}), updates)
        inserts = [{"id": r["sid"], "status": "open", **{f: r["v_" + f] for f in fields}} for r in rows if r["sid"] not in existing]
        if inserts:
            conn.execute(s.insert(), inserts)

    def close_stories(self, conn: Any, story_ids: Sequence[int]) -> None:
        if story_ids:
            conn.execute(self.stories.update().where(self.stories.c.id.in_(list(story_ids))).values(status="closed"))

    def list_stories(self, *, sort: str = "newest", limit: int = 20, status: str | None = None) -> list[StoredStory]:
        from sqlalchemy import select

        s, b = self.stories, self.briefs
        q = select(s, b.c.n_divergences).select_from(s.outerjoin(b, b.c.story_id == s.c.id))
        if status:
            q = q.where(s.c.status == status)
        if sort == "newest":
            q = q.order_by(s.c.last_ts.desc(), s.c.id.desc()).limit(limit)
        elif sort == "biggest":
            q = q.order_by((s.c.n_articles + s.c.n_copies).desc(), s.c.last_ts.desc()).limit(limit)
        elif sort != "divergent":
            raise UsageError(f"--sort {sort!r}; choose newest, biggest or divergent")
        with self.engine.connect() as conn:
            rows = [_story(r) for r in conn.execute(q).mappings()]
        if sort == "divergent":  # briefed stories by their divergences, then by spread
            rows.sort(key=lambda r: (-(r.n_divergences or 0), -r.spread * (r.n_articles > 1), -r.last_ts))
            rows = rows[:limit]
        return rows

    def get_story(self, story_id: int) -> StoredStory:
        from sqlalchemy import select

        s, b = self.stories, self.briefs
        q = select(s, b.c.n_divergences).select_from(s.outerjoin(b, b.c.story_id == s.c.id)).where(s.c.id == story_id)
        row = self._first_mapping(q)
        if row is None:
            raise InputError(f"story {story_id}", "is not in the store", "run 'manysides stories list' to see the stories")
        return _story(row)

    def story_ids(self, *, min_articles: int = 1) -> list[int]:
        from sqlalchemy import select

        s = self.stories
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(select(s.c.id).where(s.c.n_articles >= min_articles).order_by(s.c.id))]

    # -- clusterer state for resuming ----------------------------------------------------------
    def open_story_vectors(self) -> Iterator[tuple[int, str, str, np.ndarray, np.ndarray, tuple[str, ...]]]:
        """(story, article, date, indices, values, anchors) of every clustered article of an
        open story, in time order (``date`` as written, "" when the article had none)."""
        from sqlalchemy import select

        a, s, e = self.articles, self.stories, self.embeddings
        q = (select(a.c.story_id, a.c.id, a.c.date, a.c.anchors, e.c.indices, e.c.data)
             .select_from(a.join(s, s.c.id == a.c.story_id).join(e, (e.c.article_id == a.c.id) & (e.c.kind == "tfidf")))
             .where(s.c.status == "open").order_by(a.c.ts, a.c.id))
        with self.engine.connect() as conn:
            for r in conn.execute(q):
                yield (r[0], r[1], r[2], np.frombuffer(r[4], dtype=np.int32), np.frombuffer(r[5], dtype=np.float32), tuple(json.loads(r[3])))

    def open_story_signatures(self) -> Iterator[tuple[str, bytes]]:
        from sqlalchemy import select

        a, s, e = self.articles, self.stories, self.embeddings
        q = (select(a.c.id, e.c.data).select_from(a.join(s, s.c.id == a.c.story_id).join(e, (e.c.article_id == a.c.id) & (e.c.kind == "minhash")))
             .where(s.c.status == "open"))
        with self.engine.connect() as conn:
            yield from ((r[0], r[1]) for r in conn.execute(q))

    def max_story_id(self) -> int:
        from sqlalchemy import func, select

        return int(self._scalar(select(func.max(self.stories.c.id))) or 0)

    # -- small state ------------------------------------------------------------------------------
    def get_meta(self, key: str) -> bytes | None:
        from sqlalchemy import select

        return self._scalar(select(self.meta.c.value).where(self.meta.c.key == key))

    def set_meta(self, conn: Any, key: str, value: bytes) -> None:
        conn.execute(self.meta.delete().where(self.meta.c.key == key))
        conn.execute(self.meta.insert().values(key=key, value=value))

    def save_array(self, conn: Any, key: str, array: np.ndarray) -> None:
        self.set_meta(conn, key, zlib.compress(array.tobytes(), 1))

    def load_array(self, key: str, dtype: Any) -> np.ndarray | None:
        data = self.get_meta(key)
        return None if data is None else np.frombuffer(zlib.decompress(data), dtype=dtype).copy()

    def feed_state(self, url: str) -> tuple[str, str]:
        from sqlalchemy import select

        row = self._first(select(self.feeds.c.etag, self.feeds.c.last_modified).where(self.feeds.c.url == url))
        return (row[0], row[1]) if row else ("", "")

    def save_feed_state(self, url: str, etag: str, last_modified: str) -> None:
        with self.transaction() as conn:
            conn.execute(self.feeds.delete().where(self.feeds.c.url == url))
            conn.execute(self.feeds.insert().values(url=url, etag=etag, last_modified=last_modified, fetched_at=time.time()))

    # -- briefs ---------------------------------------------------------------------------------
    def save_brief(self, story_id: int, brief_json: str, n_articles: int, n_divergences: int) -> None:
        with self.transaction() as conn:
            conn.execute(self.briefs.delete().where(self.briefs.c.story_id == story_id))
            conn.execute(self.briefs.insert().values(story_id=story_id, created_at=time.time(), n_articles=n_articles,
                                                     n_divergences=n_divergences, json=brief_json))

    def get_brief_json(self, story_id: int) -> tuple[str, int] | None:
        """(json, n_articles it was made from), or None."""
        from sqlalchemy import select

        row = self._first(select(self.briefs.c.json, self.briefs.c.n_articles).where(self.briefs.c.story_id == story_id))
        return (row[0], row[1]) if row else None

    # -- helpers --------------------------------------------------------------------------------
    def _scalar(self, q: Any, conn: Any = None) -> Any:
        if conn is not None:
            return conn.execute(q).scalar()
        with self.engine.connect() as c:
            return c.execute(q).scalar()

    def _first(self, q: Any, conn: Any = None) -> Any:
        if conn is not None:
            return conn.execute(q).first()
        with self.engine.connect() as c:
            return c.execute(q).first()

    def _first_mapping(self, q: Any) -> Any:
        with self.engine.connect() as c:
            return c.execute(q).mappings().first()


def _article(r: Any) -> StoredArticle:
    return StoredArticle(
        id=r["id"], story_id=r["story_id"], source=r["source"], title=r["title"], url=r["url"], date=r["date"],
        timestamp=r["ts"], text=r["text"], origin=r["origin"], duplicate_of=r["duplicate_of"], anchors=tuple(json.loads(r["anchors"])),
    )


def _story(r: Any) -> StoredStory:
    n = r["n_articles"]
    # The first article has nothing to be similar to: the spread is over the n-1 joins.
    spread = 1.0 - (r["cosine_sum"] / (n - 1)) if n > 1 else 0.0
    return StoredStory(
        id=r["id"], title=r["title"], n_articles=n, n_copies=r["n_copies"], n_sources=len(json.loads(r["sources"])),
        first_ts=r["first_ts"], last_ts=r["last_ts"], status=r["status"], spread=round(spread, 3), n_divergences=r.get("n_divergences"),
    )


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://…@{rest.split('@', 1)[1]}"
    return url
