"""Safe fetching: schemes, private addresses (also after redirects), caps and time-outs.

A real HTTP server on loopback plays the hostile web; ``allow_private=True`` lets the
tests reach it, and the refusals are tested with it off.
"""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

import httpx
import pytest

from manysides.config import FetchLimits
from manysides.errors import FetchError
from manysides.ingest.fetch import check_url, fetch_url

ARTICLE = b"<html><body><article><p>" + b"The council met on Monday and voted for the plan. " * 20 + b"</p></article></body></html>"


class Hostile(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/article":
            self._send(200, ARTICLE)
        elif self.path == "/loop":
            self._redirect("/loop")
        elif self.path == "/to-article":
            self._redirect("/article")
        elif self.path == "/slow":
            time.sleep(3)
            self._send(200, ARTICLE)
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(1000):  # 64 MB if nobody stops reading
                    self.wfile.write(b"x" * 65536)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif self.path == "/gone":
            self._send(404, b"not here")

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, to: str) -> None:
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()


class QuietServer(ThreadingHTTPServer):
    """A client that gave up (timeouts are the point here) is not an error worth a traceback."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001
        import sys

        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Hostile)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


LOOSE = FetchLimits(allow_private=True, timeout_s=1.0, max_bytes=1_000_000, max_redirects=3)


@pytest.mark.parametrize(
    "url,reason",
    [
        ("file:///etc/passwd", "file scheme is not allowed"),
        ("gopher://example.org/", "gopher scheme is not allowed"),
        ("http://127.0.0.1/admin", "private or local address"),
        ("http://localhost:8080/", "private or local address"),
        ("http://169.254.169.254/latest/meta-data/", "private or local address"),
        ("http://10.0.0.5/", "private or local address"),
        ("http://[::1]/", "private or local address"),
        ("http://0.0.0.0/", "private or local address"),
    ],
)
def test_refuses_non_public_targets(url: str, reason: str) -> None:
    with pytest.raises(FetchError, match=reason):
        check_url(url)


def test_refuses_a_redirect_to_loopback() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://127.0.0.1/secret"})

    # The first hop is a public literal address, so only the redirect's target is refused.
    with pytest.raises(FetchError, match="private or local address"):
        fetch_url("http://93.184.216.34/story", transport=httpx.MockTransport(handler))


def test_fetches_through_redirects(server: str) -> None:
    page = fetch_url(f"{server}/to-article", LOOSE)
    assert page.url.endswith("/article") and b"voted for the plan" in page.content


def test_redirect_loop_is_cut(server: str) -> None:
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetch_url(f"{server}/loop", LOOSE)


def test_slow_server_times_out(server: str) -> None:
    with pytest.raises(FetchError, match="timed out"):
        fetch_url(f"{server}/slow", LOOSE)


def test_huge_response_is_capped(server: str) -> None:
    with pytest.raises(FetchError, match="larger than 1 MB"):
        fetch_url(f"{server}/huge", LOOSE)


def test_http_error_status(server: str) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_url(f"{server}/gone", LOOSE)


def test_loopback_refused_by_default(server: str) -> None:
    with pytest.raises(FetchError, match="private or local"):
        fetch_url(f"{server}/article")
