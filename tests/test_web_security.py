"""Articles and URLs are untrusted: escaping, security headers, SSRF refusals, URL handling."""

from __future__ import annotations

import re
import time
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from tests.web_fixtures import XSS_PAYLOADS, client, wait_for_job, web_db, xss_articles  # noqa: F401  (fixtures)

TEMPLATES = Path(__file__).resolve().parents[1] / "manysides" / "web" / "templates"

#: Each must be refused before any job starts, with a message saying why.
SSRF_URLS = [
    ("file:///etc/passwd", "scheme is not allowed"),
    ("ftp://example.org/story", "scheme is not allowed"),
    ("gopher://127.0.0.1:25/", "scheme is not allowed"),
    ("http://127.0.0.1:8000/api/health", "private or local address"),
    ("http://169.254.169.254/latest/meta-data/", "private or local address"),
    ("http://localhost/", "private or local address"),
    ("http://[::1]/", "private or local address"),
    ("http://2130706433/", "private or local address"),  # 127.0.0.1 as one decimal number
    ("http://10.0.0.7/intranet", "private or local address"),
    ("http://0.0.0.0:22/", "private or local address"),
]


def _tags_of(html: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every tag a browser would build from ``html``, with its attributes."""
    found: list[tuple[str, dict[str, str | None]]] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, dict(attrs)))

    Collector().feed(html)
    return found


@pytest.fixture(scope="module")
def xss_brief_id(client):
    response = client.post("/api/brief", json={"articles": xss_articles()})
    job = wait_for_job(client, response.json())
    assert job["status"] == "done", job["error"]
    return job["brief_id"]


def test_payloads_are_shown_as_text_never_as_markup(client, xss_brief_id):
    brief = client.get(f"/api/brief/{xss_brief_id}").json()["brief"]
    assert any("<script>" in a["source"] for a in brief["articles"])  # the payloads reached the brief
    pages = [client.get(f"/briefs/{xss_brief_id}").text]
    pages += [client.get(f"/briefs/{xss_brief_id}/articles/{n}").text for n in range(1, len(brief["articles"]) + 1)]
    for html in pages:
        for payload in XSS_PAYLOADS:
            assert payload not in html
        tags = _tags_of(html)
        assert [attrs for tag, attrs in tags if tag == "script"] == [{"src": "/static/app.js", "defer": None}]
        assert not {tag for tag, _ in tags} & {"svg", "iframe", "img", "style", "object", "embed"}
        assert not [a for _, attrs in tags for a in attrs if a.startswith("on")]  # no event handler attribute
        assert not [v for _, attrs in tags for k, v in attrs.items() if k == "href" and "javascript" in (v or "").lower()]
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in pages[0]  # shown, escaped


def test_downloaded_report_escapes_payloads_too(client, xss_brief_id):
    report = client.get(f"/briefs/{xss_brief_id}/report.html").text
    for payload in XSS_PAYLOADS:
        assert payload not in report
    assert "sandbox" in client.get(f"/briefs/{xss_brief_id}/report.html").headers["content-security-policy"]


def test_templates_have_no_inline_script_style_or_handlers():
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"\|\s*safe\b", text), template.name
        assert "style=" not in text, template.name
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), template.name
        assert not re.search(r"\son[a-z]+\s*=", text), template.name


@pytest.mark.parametrize("path", ["/", "/api/health", "/static/app.css", "/briefs/missing", "/openapi.json"])
def test_security_headers_on_every_response(client, path):
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"  # links to outlets carry no referrer; own posts carry their origin
    assert headers["x-frame-options"] == "DENY"


def test_only_http_urls_become_links():
    from manysides.web.app import _http_href

    assert _http_href("https://example.org/a") == "https://example.org/a"
    for bad in ("javascript:window.__xss=1", " JavaScript:alert(1)", "data:text/html,<script>", "vbscript:x", "//evil.example/"):
        assert _http_href(bad) == ""


@pytest.mark.parametrize("url, reason", SSRF_URLS)
def test_api_refuses_local_and_non_http_urls(client, url, reason):
    response = client.post("/api/brief", json={"articles": [{"url": url}, {"text": "Some article text here."}]})
    assert response.status_code == 400
    assert reason in response.json()["detail"] and url.split("//")[0] in response.json()["detail"]


@pytest.mark.parametrize("url, reason", SSRF_URLS[:6])
def test_form_refuses_local_and_non_http_urls(client, url, reason):
    page = client.post("/briefs", data={"item": [url], "source": [""]})
    assert page.status_code == 400
    assert reason in page.text


def _redirecting_transport(seen: list[str]) -> httpx.MockTransport:
    """A 'public' news site whose story redirects to the server's own loopback."""
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.host == "93.184.216.34":
            return httpx.Response(302, headers={"location": "http://127.0.0.1:8000/api/health"})
        return httpx.Response(200, text="internal secrets")
    return httpx.MockTransport(handler)


def test_a_redirect_to_loopback_is_refused_at_the_hop(tmp_path):
    from fastapi.testclient import TestClient

    from manysides.web import create_app

    seen: list[str] = []
    app = create_app(str(tmp_path / "b.db"), transport=_redirecting_transport(seen))
    story = "The council approved the new library budget on Monday after a long debate. " * 3
    with TestClient(app) as c:
        alone = wait_for_job(c, c.post("/api/brief", json={"articles": [{"url": "http://93.184.216.34/story"}]}).json())
        assert alone["status"] == "failed"
        assert "refused: 127.0.0.1 resolves to a private or local address" in alone["error"]
        mixed = wait_for_job(c, c.post("/api/brief", json={"articles": [
            {"url": "http://93.184.216.34/story"}, {"text": story, "source": "Gazette"}]}).json())
        assert mixed["status"] == "done"
        brief = c.get(f"/api/brief/{mixed['brief_id']}").json()["brief"]
        assert [s["origin"] for s in brief["skipped"]] == ["http://93.184.216.34/story"]
        assert "private or local address" in brief["skipped"][0]["reason"]
    assert seen and all("127.0.0.1" not in u for u in seen)  # the loopback hop was never requested


# --- issue #26: the local app is not open to other sites -------------------------------------


def test_a_cross_origin_form_post_is_refused_and_starts_no_job(client):
    before = client.get("/api/jobs").json() if client.get("/api/jobs").status_code == 200 else None
    refused = client.post("/briefs", data={"item": ["Some article text here, long enough."], "source": [""]},
                          headers={"Origin": "http://evil.example"})
    assert refused.status_code == 403 and "another site" in refused.json()["detail"]
    assert "content-security-policy" in refused.headers
    refused = client.post("/api/brief", json={"articles": [{"text": "x"}]}, headers={"Referer": "http://evil.example/page"})
    assert refused.status_code == 403
    if before is not None:
        assert client.get("/api/jobs").json() == before
    own = client.post("/briefs", data={"item": [""], "source": [""]}, headers={"Origin": "http://testserver"})
    assert own.status_code != 403  # the app's own form (here refused for being empty, not for its origin)


def test_only_the_listening_address_is_answered(web_db):
    from fastapi.testclient import TestClient

    from manysides.web import create_app

    app = create_app(str(web_db), allowed_hosts={"127.0.0.1", "localhost"})
    with TestClient(app, base_url="http://evil.example") as rebound:
        response = rebound.get("/")
        assert response.status_code == 400 and "content-security-policy" in response.headers
    with TestClient(app, base_url="http://127.0.0.1:8000") as local:
        assert local.get("/").status_code == 200


def test_errors_and_odd_ids_keep_the_headers_and_are_not_500s(web_db):
    from fastapi.testclient import TestClient

    from manysides.web import create_app

    app = create_app(str(web_db))

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as c:
        error = c.get("/boom")
        assert error.status_code == 500 and "a bug" not in error.text
        assert "content-security-policy" in error.headers and error.headers.get("x-content-type-options") == "nosniff"
        assert c.get("/stories/9223372036854775808").status_code == 404
        assert c.get("/docs").status_code == 404  # no page that loads scripts from a CDN


def test_a_body_that_stops_arriving_is_answered_408_not_held(tmp_path):
    """A client that sends headers and a piece of its body, then nothing (a slow-loris upload),
    gets a 408 with the security headers once the body pauses too long; the server stays up."""
    import socket

    from tests.web_fixtures import LiveServer

    with LiveServer(str(tmp_path / "slow.db"), body_idle=1.0) as server:
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
            sock.sendall(
                f"POST /api/brief HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nContent-Type: application/json\r\n"
                "Content-Length: 5000\r\n\r\n{\"articles\": [".encode()
            )
            started = time.monotonic()
            reply = sock.recv(65536).decode("latin-1")
            waited = time.monotonic() - started
            while "stopped arriving" not in reply and time.monotonic() - started < 8:  # the body may come in a second segment
                more = sock.recv(65536).decode("latin-1")
                if not more:
                    break
                reply += more
        assert reply.startswith("HTTP/1.1 408"), reply[:200]
        assert "content-security-policy" in reply.lower() and "stopped arriving" in reply
        assert waited < 8
        assert httpx.get(server.url + "/", timeout=10).status_code == 200  # still answering others
