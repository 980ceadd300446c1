"""Fixtures for the web app's tests: an app on a temporary database, a live uvicorn server,
a headless Chromium, and the example story as API requests.

Import what a test module needs: ``from tests.web_fixtures import client, live_server, ...``.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "pinewood-bridge"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install 'manysides[web]'")

from manysides.bench.load import example_articles, outlet_name  # noqa: E402  (the load bench posts the same)


def wait_for_job(client: Any, job: dict[str, Any], timeout: float = 120.0) -> dict[str, Any]:
    """Poll a job until it is done or failed."""
    deadline = time.monotonic() + timeout
    while job["status"] not in ("done", "failed"):
        assert time.monotonic() < deadline, f"job still {job['status']} after {timeout} s"
        time.sleep(0.1)
        job = client.get(job["status_url"]).json()
    return job


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("web") / "briefs.sqlite3"


@pytest.fixture(scope="session")
def client(web_db: Path) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from manysides.web import create_app

    with TestClient(create_app(str(web_db))) as c:
        yield c


@pytest.fixture(scope="session")
def example_brief_id(client: Any) -> str:
    """The example story briefed once through the API; its id."""
    response = client.post("/api/brief", json={"articles": example_articles()})
    assert response.status_code in (200, 202), response.text
    job = wait_for_job(client, response.json())
    assert job["status"] == "done", job["error"]
    return job["brief_id"]


class LiveServer:
    """The real app under uvicorn in a background thread, on a free loopback port."""

    def __init__(self, database: str, **app_options: Any) -> None:
        import uvicorn

        from manysides.web import create_app

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.app = create_app(database, **app_options)
        self.server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline and self.thread.is_alive(), "uvicorn did not start"
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(web_db: Path) -> Iterator[LiveServer]:
    with LiveServer(str(web_db)) as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium through Playwright. Skipped only off CI when Chromium is missing."""
    def unavailable(why: str) -> None:
        if os.environ.get("CI"):
            pytest.fail(f"{why}; CI must run the browser tests (.ci/run installs chromium)")
        pytest.skip(why)

    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is missing: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed: pip install playwright")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


# -- untrusted content ----------------------------------------------------------------------

#: Each would set window.__xss (or open a dialog) if it ever ran as markup or script.
XSS_PAYLOADS = (
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=2">',
    '"><svg onload=window.__xss=3>',
    "'><iframe srcdoc=\"<script>parent.__xss=4</script>\"></iframe>",
    "</textarea><script>window.__xss=5</script>",
    '<a href="javascript:window.__xss=6">x</a>',
    "<details open ontoggle=alert(7)>",
    "{{ 7*7 }}<style>body{display:none}</style>",
)


def xss_articles() -> list[dict[str, str]]:
    """Three outlets' versions of one small story, payloads in text, titles and outlet names."""
    base = [
        "The Mill Street footbridge reopened on Friday after three weeks of repairs, the city said.",
        "Crews replaced twelve wooden planks and repainted the railings, according to the works department.",
        "The repairs cost about 40,000 dollars, officials said.",
        "Residents had used a detour along the river path while the bridge was closed.",
    ]
    articles = []
    for n, (lead, tail) in enumerate((("Town Crier", "Cyclists welcomed the news."),
                                      ("Valley Post", "Some residents asked why the repairs took so long."),
                                      ("River Notes", "The next inspection is planned for the spring."))):
        payload = XSS_PAYLOADS[n % len(XSS_PAYLOADS)]
        sentences = list(base)
        sentences.insert(1 + n, f"A sign at the bridge read {XSS_PAYLOADS[(n + 3) % len(XSS_PAYLOADS)]} for days.")
        sentences.append(f"“We are glad it is open {XSS_PAYLOADS[(n + 5) % len(XSS_PAYLOADS)]},” said Mayor Ana Ruiz.")
        sentences.append(tail)
        articles.append({"text": "\n\n".join(sentences), "source": f"{lead} {payload}", "title": f"Footbridge reopens {XSS_PAYLOADS[(n + 1) % len(XSS_PAYLOADS)]}"})
    return articles
