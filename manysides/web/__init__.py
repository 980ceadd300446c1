"""``manysides serve``: the web app (FastAPI, server-rendered pages, a JSON API).

    from manysides.web import create_app, serve
    serve("127.0.0.1", 8000, database=None)   # briefs in ~/.local/share/manysides/briefs.sqlite3

Needs the ``web`` extra (fastapi, uvicorn, python-multipart, sqlalchemy).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ..errors import DependencyError

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app", "serve"]

log = logging.getLogger(__name__)

_INSTALL = "the web app needs its extra: pip install 'manysides[web]'"


def create_app(database: str | None = None, **options: object) -> "FastAPI":
    """The FastAPI app; ``database`` is a path, sqlite:///… or postgresql://… (default: user data dir)."""
    try:
        from .app import create_app as _create
    except ImportError as exc:
        raise DependencyError(f"{_INSTALL} ({exc.name} is missing)") from exc
    return _create(database, **options)  # type: ignore[arg-type]


def serve(host: str = "127.0.0.1", port: int = 8000, database: str | None = None, stories: str | None = None) -> None:
    """Run the web app with uvicorn until interrupted."""
    try:
        import uvicorn
    except ImportError as exc:
        raise DependencyError(f"{_INSTALL} (uvicorn is missing)") from exc
    # Requests must name the address the server listens on (a page on another site that
    # rebinds its own name to 127.0.0.1 sends its own Host, and is refused).
    hosts = {host, "localhost", "127.0.0.1", "::1"} if host in ("127.0.0.1", "localhost", "::1") else None if host in ("0.0.0.0", "::") else {host}
    app = create_app(database, warm_up=True, announce=True, stories=stories, allowed_hosts=hosts)
    # At most 64 open connections (503 beyond), idle keep-alive closed after 5 s: slow or
    # many clients cannot hold every socket; a stalled body is the app's 408 (GuardMiddleware).
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=False, proxy_headers=False,
                limit_concurrency=64, timeout_keep_alive=5)
