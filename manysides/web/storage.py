"""Where the web app keeps briefs: SQLite (one file) by default, PostgreSQL by URL.

One code path (SQLAlchemy Core) for both databases. Tables carry a ``web_`` prefix so the
web app can share a database with the stories store without clashing:

    web_schema_version   one row: the schema version this database is at
    web_briefs           one row per brief: a random id (the link), the content hash of the
                         request that made it (so identical requests reuse it), and the
                         brief itself as ``Brief.to_dict()`` JSON

Migrations are a list of functions; opening a store applies the ones the database lacks.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..errors import DependencyError, InputError, UsageError

__all__ = ["BriefStore", "StoredBrief", "database_url", "default_database_path", "SCHEMA_VERSION"]

log = logging.getLogger(__name__)

#: Bump with a new entry in ``_MIGRATIONS``.
SCHEMA_VERSION = 1

#: 16 random bytes: a brief's link can't be guessed from another one.
ID_BYTES = 16


@dataclass(frozen=True, slots=True)
class StoredBrief:
    id: str
    created: float  # unix time
    title: str
    n_articles: int
    content_hash: str | None
    data: dict[str, Any]  # Brief.to_dict()


def default_database_path() -> Path:
    """``$XDG_DATA_HOME/manysides/briefs.sqlite3`` (``~/.local/share`` when unset)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "manysides" / "briefs.sqlite3"


def database_url(database: str | None = None) -> str:
    """A SQLAlchemy URL from ``--database``, ``$MANYSIDES_DATABASE`` or the default path.

    Accepts a file path, ``sqlite:///…``, or ``postgresql://…`` (driven by psycopg v3).
    """
    value = (database or os.environ.get("MANYSIDES_DATABASE") or "").strip()
    if not value:
        path = default_database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    from ..store.db import database_url as url_of  # one parser for both stores

    return url_of(value)


class BriefStore:
    """Save and load briefs by id; find one by the content hash of its request."""

    def __init__(self, database: str | None = None) -> None:
        try:
            import sqlalchemy as sa
        except ImportError as exc:  # pragma: no cover - the web extra brings it
            raise DependencyError("the web app needs SQLAlchemy: pip install 'manysides[web]'") from exc
        self.url = database_url(database)
        self._sa = sa
        kwargs: dict[str, Any] = {"future": True}
        if self.url.startswith("sqlite"):
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        else:
            kwargs["pool_pre_ping"] = True
        try:
            self.engine = sa.create_engine(self.url, **kwargs)
        except ImportError as exc:
            raise DependencyError(f"{self.url.split(':', 1)[0]} needs its driver: pip install 'psycopg[binary]'") from exc
        if self.url.startswith("sqlite"):
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        meta = sa.MetaData()
        self.version_table = sa.Table("web_schema_version", meta, sa.Column("version", sa.Integer, nullable=False))
        self.briefs = sa.Table(
            "web_briefs", meta,
            sa.Column("id", sa.String(64), primary_key=True),
            sa.Column("created", sa.Float, nullable=False),
            sa.Column("title", sa.Text, nullable=False, default=""),
            sa.Column("n_articles", sa.Integer, nullable=False, default=0),
            sa.Column("content_hash", sa.String(64), nullable=True, index=True),
            sa.Column("data", sa.Text, nullable=False),
        )
        self._meta = meta
        try:
            self.migrate()
        except sa.exc.SQLAlchemyError as exc:  # not a database, a read-only or full disk, no server
            where = self.url.split("@")[-1] if "@" in self.url else self.url
            reason = str(exc.orig if getattr(exc, "orig", None) else exc).splitlines()[0]
            raise InputError(where, f"cannot be used for briefs ({reason})", "pass another --database, or move this file aside") from exc

    # -- schema ---------------------------------------------------------------------------
    def migrate(self) -> int:
        """Bring the database to ``SCHEMA_VERSION``; return the version it was at."""
        sa = self._sa
        with self.engine.begin() as conn:
            self.version_table.create(conn, checkfirst=True)
            current = conn.execute(sa.select(self.version_table.c.version)).scalar()
            if current is None:
                conn.execute(self.version_table.insert().values(version=0))
                current = 0
            if current > SCHEMA_VERSION:
                raise UsageError(
                    f"the database {self.url_for_humans} is at schema version {current}, newer than "
                    f"this manysides ({SCHEMA_VERSION}); upgrade manysides or use another --database"
                )
            for version in range(current + 1, SCHEMA_VERSION + 1):
                log.info("web store: migrating %s to schema version %d", self.url_for_humans, version)
                _MIGRATIONS[version](self, conn)
                conn.execute(self.version_table.update().values(version=version))
        return current

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(self._sa.select(self.version_table.c.version)).scalar() or 0)

    @property
    def url_for_humans(self) -> str:
        """The URL without a password, for messages and logs."""
        return self._sa.engine.make_url(self.url).render_as_string(hide_password=True)

    # -- briefs ---------------------------------------------------------------------------
    def save(self, data: dict[str, Any], *, content_hash: str | None = None) -> str:
        """Store a brief (``Brief.to_dict()``); return its new id."""
        brief_id = secrets.token_urlsafe(ID_BYTES)
        title = _title_of(data)
        with self.engine.begin() as conn:
            conn.execute(self.briefs.insert().values(
                id=brief_id, created=time.time(), title=title[:500],
                n_articles=len(data.get("articles", ())), content_hash=content_hash,
                data=json.dumps(data, ensure_ascii=False),
            ))
        return brief_id

    def get(self, brief_id: str) -> StoredBrief | None:
        sa = self._sa
        if not brief_id or len(brief_id) > 64:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(self.briefs).where(self.briefs.c.id == brief_id)).mappings().first()
        if row is None:
            return None
        return StoredBrief(
            id=row["id"], created=row["created"], title=row["title"], n_articles=row["n_articles"],
            content_hash=row["content_hash"], data=json.loads(row["data"]),
        )

    def find_by_hash(self, content_hash: str) -> str | None:
        """The id of the newest brief made from the same request, if any."""
        sa = self._sa
        query = (sa.select(self.briefs.c.id).where(self.briefs.c.content_hash == content_hash)
                 .order_by(self.briefs.c.created.desc()).limit(1))
        with self.engine.connect() as conn:
            return conn.execute(query).scalar()

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(self._sa.select(self._sa.func.count()).select_from(self.briefs)).scalar() or 0)

    def close(self) -> None:
        self.engine.dispose()


def _title_of(data: dict[str, Any]) -> str:
    for a in data.get("articles", ()):
        if a.get("title"):
            return str(a["title"])
    summary = data.get("summary") or ()
    return str(summary[0]["text"]) if summary else "Brief"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the page handlers read while a worker thread writes a new brief.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _create_briefs_table(store: BriefStore, conn: Any) -> None:
    store.briefs.create(conn, checkfirst=True)


#: version -> the step that brings a database from version - 1 to it.
_MIGRATIONS: dict[int, Callable[[BriefStore, Any], None]] = {1: _create_briefs_table}
