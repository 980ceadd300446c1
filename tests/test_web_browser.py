"""End to end, as a person would use it: a real headless Chromium against the real app
under uvicorn. Screenshots go to test-artifacts/screenshots/ for a reviewer to look at.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

import pytest

from tests.web_fixtures import (  # noqa: F401  (fixtures)
    EXAMPLE, XSS_PAYLOADS, browser, live_server, outlet_name, screenshots, web_db, xss_articles,
)

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def _ws(text: str) -> str:
    return " ".join(text.split())


class Watched:
    """A page that records dialogs (alert/confirm) and CSP violations reported to the console."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.dialogs: list[str] = []
        self.csp_errors: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: self.csp_errors.append(m.text) if "Content Security Policy" in m.text else None)


@pytest.fixture()
def desktop(browser) -> Iterator[Watched]:
    context = browser.new_context(**DESKTOP, accept_downloads=True)
    yield Watched(context.new_page())
    context.close()


@pytest.fixture()
def phone(browser) -> Iterator[Watched]:
    context = browser.new_context(**PHONE)
    yield Watched(context.new_page())
    context.close()


def _fill_example(page: Any) -> None:
    files = sorted(p for p in EXAMPLE.iterdir() if p.suffix in (".txt", ".html"))
    while page.locator("#boxes .box").count() < len(files):
        page.click("#add-box")
    for n, path in enumerate(files):
        box = page.locator("#boxes .box").nth(n)
        box.locator("textarea").fill(path.read_text(encoding="utf-8"))
        if path.suffix == ".txt":
            box.locator("input[name=source]").fill(outlet_name(path))


def _wait_for_brief(page: Any) -> None:
    page.wait_for_url(re.compile(r"/briefs/[\w-]+(#.*)?$"), timeout=120_000)
    page.wait_for_selector(".summary .sentence")


def test_paste_the_example_story_and_read_the_brief(live_server, desktop, screenshots, tmp_path):
    page = desktop.page
    page.goto(live_server.url + "/")
    _fill_example(page)
    page.screenshot(path=str(screenshots / "desktop-1-home-filled.png"), full_page=True)
    page.click("#submit")
    page.wait_for_url(re.compile(r"/(jobs|briefs)/"))
    if "/jobs/" in page.url:
        page.wait_for_selector("#job-progress")
        page.screenshot(path=str(screenshots / "desktop-2-progress.png"))
    _wait_for_brief(page)
    page.screenshot(path=str(screenshots / "desktop-3-brief.png"), full_page=True)

    # the summary: quoted sentences, each with citation markers
    sources = _ws(" ".join(p.read_text(encoding="utf-8") for p in EXAMPLE.iterdir()))
    sentences = page.locator(".summary .sentence")
    assert sentences.count() >= 2
    first_text = _ws(sentences.first.evaluate("p => p.firstChild.textContent"))
    assert first_text in sources

    # hovering a marker shows the sentence in that article
    cite = page.locator(".summary .cite").first
    tip = page.locator(".summary .tip").first
    assert not tip.is_visible()
    cite.hover()
    tip.wait_for(state="visible")
    tip_text = _ws(tip.inner_text())
    assert any(_ws(s) in tip_text for s in re.split(r"(?<=[.!?])\s+", first_text)[:1])
    page.screenshot(path=str(screenshots / "desktop-4-citation-tooltip.png"))

    # clicking it opens the article, scrolled to the highlighted sentence
    href = cite.get_attribute("href")
    cite.click()
    page.wait_for_url(re.compile(r"/articles/\d+#a\d+-s\d+$"))
    mark = page.locator("mark.flash")
    assert mark.count() == 1 and mark.get_attribute("id") == href.rsplit("#", 1)[1]
    box = mark.bounding_box()
    assert box and 0 <= box["y"] < DESKTOP["viewport"]["height"] - 10  # on screen
    page.screenshot(path=str(screenshots / "desktop-5-article-highlight.png"))
    removed = page.locator("#removed details summary")
    if removed.count():
        removed.click()
        page.screenshot(path=str(screenshots / "desktop-6-removed-clutter.png"), full_page=True)

    # the outlets side by side
    page.go_back()
    page.wait_for_selector(".summary .sentence")
    page.click("#tab-compare")
    assert page.locator("#compare").is_visible() and not page.locator("#summary").is_visible()
    assert page.locator("#compare .outlet-card").count() == 4
    cards = [page.locator("#compare .outlet-card").nth(n).bounding_box() for n in range(2)]
    assert abs(cards[0]["y"] - cards[1]["y"]) < 2  # really side by side on a wide screen
    page.screenshot(path=str(screenshots / "desktop-7-side-by-side.png"), full_page=True)
    for tab in ("facts", "divergences", "quotes", "who"):
        page.click(f".tabs a[data-tab={tab}]")
        assert page.locator(f"#{tab}").is_visible()
    page.screenshot(path=str(screenshots / "desktop-8-who-and-when.png"), full_page=True)

    # the same self-contained report as the CLI's --format html
    with page.expect_download() as download:
        page.click("#download-report")
    saved = Path(download.value.path()).read_text(encoding="utf-8")
    assert saved.startswith("<!doctype html>") and "<script" not in saved
    assert first_text.split(" ")[0] in saved

    assert desktop.csp_errors == []  # our own pages never trip our own policy
    assert desktop.dialogs == []


def test_at_phone_width_with_uploaded_files(live_server, phone, screenshots):
    page = phone.page
    page.goto(live_server.url + "/")
    page.set_input_files("#files", [str(p) for p in sorted(EXAMPLE.iterdir()) if p.suffix in (".txt", ".html")])
    page.screenshot(path=str(screenshots / "phone-1-home.png"), full_page=True)
    page.tap("#submit")
    _wait_for_brief(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 376  # nothing wider than the screen
    page.screenshot(path=str(screenshots / "phone-2-brief.png"), full_page=True)

    # a tap shows the source sentence; the link in it opens the article
    wrap = page.locator(".summary .cite-wrap").nth(1)
    wrap.locator(".cite").tap()
    tip = wrap.locator(".tip")
    tip.wait_for(state="visible")
    assert "/briefs/" in page.url and "/articles/" not in page.url  # the tap did not navigate
    tip_box = tip.bounding_box()
    assert tip_box["x"] >= 0 and tip_box["x"] + tip_box["width"] <= 376
    page.screenshot(path=str(screenshots / "phone-3-citation-tapped.png"))
    tip.locator("a.open").tap()
    page.wait_for_url(re.compile(r"/articles/\d+"))
    page.screenshot(path=str(screenshots / "phone-4-article.png"))

    page.go_back()
    page.wait_for_selector(".summary .sentence")
    page.locator("#tab-compare").tap()
    cards = page.locator("#compare .outlet-card")
    assert cards.count() == 4
    assert page.evaluate("document.documentElement.scrollWidth") <= 376
    page.screenshot(path=str(screenshots / "phone-5-side-by-side.png"), full_page=True)
    assert phone.csp_errors == [] and phone.dialogs == []


def test_xss_payloads_never_run(live_server, desktop, screenshots):
    import httpx

    page = desktop.page
    with httpx.Client(base_url=live_server.url, timeout=60) as http:
        job = http.post("/api/brief", json={"articles": xss_articles()}).json()
        while job["status"] not in ("done", "failed"):
            job = http.get(job["status_url"]).json()
    assert job["status"] == "done", job["error"]
    urls = [f"/briefs/{job['brief_id']}"] + [f"/briefs/{job['brief_id']}/articles/{n}" for n in (1, 2, 3)]
    for url in urls:
        page.goto(live_server.url + url)
        page.wait_for_load_state("load")
        for cite in page.locator(".summary .cite").all()[:3]:
            cite.hover()
        for tab in ("compare", "quotes", "who", "articles"):
            if page.locator(f".tabs a[data-tab={tab}]").count():
                page.click(f".tabs a[data-tab={tab}]")
        assert page.evaluate("window.__xss") is None, url
        text = page.locator("body").inner_text()
        assert "window.__xss=1" in text or "window.__xss" in text  # visible as text
    page.screenshot(path=str(screenshots / "xss-article-page.png"), full_page=True)

    # and in the form: a javascript: URL and markup in a box come back as an escaped error
    page.goto(live_server.url + "/")
    page.locator("#boxes textarea").first.fill("javascript:window.__xss=9")
    page.locator("#boxes input[name=source]").first.fill(XSS_PAYLOADS[0])
    page.click("#submit")
    page.wait_for_selector("#form-errors")
    assert "scheme is not allowed" in page.locator("#form-errors").inner_text()
    assert page.locator("#boxes input[name=source]").first.input_value() == XSS_PAYLOADS[0]
    page.screenshot(path=str(screenshots / "xss-form-error.png"), full_page=True)
    assert page.evaluate("window.__xss") is None
    assert desktop.dialogs == []
