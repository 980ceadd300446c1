"""Polite feed reading: robots.txt respected, one request per host per interval, and
conditional GETs (the feed's ETag / Last-Modified are kept in the store).

Every request goes through ``manysides.ingest.fetch.fetch_url`` (the one safe fetcher:
http(s) only, public addresses only, capped); a thin transport wrapper adds the
conditional headers and records the status and validators of the answer.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from ..config import FetchLimits
from ..errors import FetchError
from ..ingest.fetch import USER_AGENT, Fetched, fetch_url

__all__ = ["PoliteFetcher", "FeedEntry", "read_feed", "MIN_HOST_INTERVAL_S"]

log = logging.getLogger(__name__)

#: Seconds between two requests to one host (robots.txt's Crawl-delay wins when larger).
MIN_HOST_INTERVAL_S = 1.0


class _RecordingTransport(httpx.BaseTransport):
    """Adds conditional-GET headers to the request; remembers the answer's status and validators."""

    def __init__(self, extra_headers: dict[str, str], inner: httpx.BaseTransport | None = None) -> None:
        self._owns_inner = inner is None  # a transport given (a test's mock) is its owner's to close
        self._inner = inner or httpx.HTTPTransport()
        self._extra = extra_headers
        self.status = 0
        self.headers: httpx.Headers = httpx.Headers()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        for k, v in self._extra.items():
            request.headers[k] = v
        response = self._inner.handle_request(request)
        self.status = response.status_code
        self.headers = response.headers
        return response

    def close(self) -> None:
        if self._owns_inner:
            self._inner.close()


@dataclass(slots=True)
class Answer:
    status: int  # 200, 304 ("not modified"), or the HTTP error status (0: no answer)
    fetched: Fetched | None
    etag: str = ""
    last_modified: str = ""


@dataclass(slots=True)
class PoliteFetcher:
    """GETs that wait their turn per host and ask robots.txt first."""

    limits: FetchLimits = FetchLimits()
    min_interval_s: float = MIN_HOST_INTERVAL_S
    sleep: Callable[[float], None] = time.sleep
    transport: httpx.BaseTransport | None = None  # what every request goes through (None: the network; tests inject a mock)
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, RobotFileParser | None] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, url: str, *, etag: str = "", last_modified: str = "") -> Answer:
        """GET ``url`` unless robots.txt disallows it (FetchError); 304 when not modified."""
        if not self.allowed(url):
            raise FetchError(url, "robots.txt disallows fetching it", "ask the site for a feed you may read")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get(url, headers)

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        if host not in self._robots:
            self._robots[host] = self._read_robots(host)
        robots = self._robots[host]
        return True if robots is None else robots.can_fetch(USER_AGENT, url)

    def _read_robots(self, host: str) -> RobotFileParser | None:
        answer = self._get(host + "/robots.txt", {}, raise_errors=False)
        robots = RobotFileParser()
        if answer.status >= 500 or answer.status == 0:
            robots.parse(["User-agent: *", "Disallow: /"])  # the site is down: don't hammer it
            return robots
        if answer.fetched is None or answer.status >= 400:
            return None  # no robots.txt: everything is allowed
        robots.parse(answer.fetched.content.decode("utf-8", "replace").splitlines())
        return robots

    def _get(self, url: str, headers: dict[str, str], raise_errors: bool = True) -> Answer:
        self._wait_turn(url)
        transport = _RecordingTransport(headers, self.transport)
        try:
            fetched = fetch_url(url, self.limits, transport=transport)
        except FetchError:
            if raise_errors:
                raise
            return Answer(transport.status, None)
        finally:
            transport.close()
        h = transport.headers
        if transport.status == 304:
            return Answer(304, None, h.get("etag", headers.get("If-None-Match", "")), h.get("last-modified", headers.get("If-Modified-Since", "")))
        return Answer(transport.status, fetched, h.get("etag", ""), h.get("last-modified", ""))

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc
        with self._lock:
            robots = self._robots.get(f"{urlsplit(url).scheme}://{host}")
            delay = max(self.min_interval_s, float((robots.crawl_delay(USER_AGENT) if robots else None) or 0))
            wait = self._last.get(host, -1e18) + delay - time.monotonic()
            if wait > 0:
                self.sleep(wait)
            self._last[host] = time.monotonic()


@dataclass(frozen=True, slots=True)
class FeedEntry:
    link: str
    title: str
    date: str  # ISO 8601 when the feed gives one
    source: str  # the feed's title


def read_feed(content: bytes, feed_url: str) -> list[FeedEntry]:
    """Entries of an RSS/Atom document, newest feeds' quirks handled by feedparser."""
    import feedparser

    parsed = feedparser.parse(content)
    if parsed.bozo and not parsed.entries:
        raise FetchError(feed_url, f"is not an RSS or Atom feed ({parsed.get('bozo_exception', 'unreadable')})", "pass the feed's URL, not a page's")
    source = parsed.feed.get("title", "") or urlsplit(feed_url).hostname or ""
    entries = []
    for e in parsed.entries:
        link = e.get("link", "")
        if not link:
            continue
        stamp = e.get("published_parsed") or e.get("updated_parsed")
        date = time.strftime("%Y-%m-%dT%H:%M:%SZ", stamp) if stamp else ""
        entries.append(FeedEntry(link, e.get("title", ""), date, source))
    return entries
