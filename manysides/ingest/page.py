"""A web page as ingest reads it: whether an input is one, and what its head says.

``fetch_page`` is how a URL is read, by ingest and by the web app alike: the safe fetcher,
the page's declared encoding, and ``looks_html``, the one rule for files, stdin, fetched
pages and the web app's pasted text and uploads. ``page_metadata`` reads the title, date, author and site name the page
declares (trafilatura's metadata reader): reading, not extraction, which is the clean
stage's (``clean.clean_html``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

from ..config import FetchLimits
from ..errors import DependencyError
from .decode import decode_bytes
from .fetch import fetch_url

if TYPE_CHECKING:
    import httpx

__all__ = ["HTML_SUFFIXES", "FetchedPage", "PageMetadata", "fetch_page", "looks_html", "page_metadata"]

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
#: How far into a text the markup test looks: a page's start, not its body.
_HEAD_CHARS = 2000


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """What a page says about itself."""

    title: str = ""
    date: str = ""
    author: str = ""
    sitename: str = ""


def looks_html(text: str, *, name: str = "", content_type: str = "") -> bool:
    """An HTML page: named so (``page.html``), served so (``text/html``), or markup by its
    start: a document start, a body, or paragraphs tagged (a pasted fragment)."""
    if name and PurePath(name).suffix.lower() in HTML_SUFFIXES:
        return True
    if "html" in content_type.lower():
        return True
    head = text[:_HEAD_CHARS].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or ("<body" in head and "</" in head) or ("<p>" in head and "</p>" in head)


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A URL's text as fetched: ``url`` is where the last redirect led."""

    text: str
    url: str
    is_html: bool


def fetch_page(url: str, limits: FetchLimits, *, transport: "httpx.BaseTransport | None" = None) -> FetchedPage:
    """Fetch ``url`` (public addresses only, capped, timed out: ``fetch_url``), decode it and
    say whether it is a page of HTML. ``transport``: None is the network; tests inject a mock."""
    fetched = fetch_url(url, limits, transport=transport)
    text = decode_bytes(fetched.content, url, max_bytes=limits.max_bytes)
    return FetchedPage(text, fetched.url, looks_html(text, content_type=fetched.content_type))


def page_metadata(html: str, url: str = "") -> PageMetadata:
    """The page's title, date, author and site name, as its head and markup declare them."""
    try:
        from trafilatura import extract_metadata
    except ImportError as err:  # a core dependency, but say how to fix a broken install
        raise DependencyError("reading HTML pages needs trafilatura: pip install 'trafilatura>=2.0'") from err
    try:
        doc = extract_metadata(html, default_url=url or None)
    except ValueError:  # a tree lxml cannot build: the page says nothing
        return PageMetadata()
    return PageMetadata(**{k: str(getattr(doc, k, None) or "") for k in ("title", "date", "author", "sitename")})
