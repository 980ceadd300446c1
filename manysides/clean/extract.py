"""HTML page in, article out: trafilatura's body, refined by our flat-text cleaner.

trafilatura finds the main content block from the DOM (the best open-source extractor
on the ScrapingHub benchmark); what it lets through (teaser lists, "Read more", photo
credits, newsletter boxes inside the article element) is exactly the flat-text clutter
our model is trained to remove. So: DOM extraction first, line-level cleaning second.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import DependencyError
from ._clean import clean_text
from .htmltext import visible_lines

__all__ = ["ExtractedPage", "extract_html"]


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """The article a web page carries: body text and what its metadata says."""

    text: str
    title: str = ""
    date: str = ""
    author: str = ""
    sitename: str = ""


def _trafilatura():
    try:
        import trafilatura
    except ImportError as err:  # a core dependency, but say how to fix a broken install
        raise DependencyError("HTML extraction needs trafilatura: pip install 'trafilatura>=2.0'") from err
    return trafilatura


def extract_html(html: str, url: str = "", *, strategy: str = "trafilatura+clean") -> ExtractedPage:
    """The article in ``html`` (``url`` helps metadata). ``strategy`` is for benchmarks."""
    if not html or not html.strip():
        return ExtractedPage(text="")
    traf = _trafilatura()
    doc = traf.bare_extraction(
        html, url=url or None, with_metadata=True, include_comments=False,
        favor_recall=strategy.startswith("recall"), include_tables=True,
    )
    meta = {k: (getattr(doc, k, None) or "") for k in ("title", "date", "author", "sitename")} if doc else {}
    body = (getattr(doc, "text", "") or "") if doc else ""
    if strategy == "page+clean" or (not body.strip() and strategy != "trafilatura"):
        body = "\n".join(visible_lines(html))
    if strategy != "trafilatura":
        body = clean_text(body).text
    return ExtractedPage(text=body.strip(), **{k: str(v) for k, v in meta.items()})
