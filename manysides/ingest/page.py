"""A web page as ingest reads it: whether an input is one, and what its head says.

``looks_html`` is the one rule for files, stdin, fetched pages and the web app's pasted
text and uploads. ``page_metadata`` reads the title, date, author and site name the page
declares (trafilatura's metadata reader): reading, not extraction, which is the clean
stage's (``clean.clean_html``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from ..errors import DependencyError

__all__ = ["HTML_SUFFIXES", "PageMetadata", "looks_html", "page_metadata"]

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
