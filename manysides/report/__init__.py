"""Report writers: Markdown for terminals, one self-contained HTML file, JSON."""

from .html import render_html
from .markdown import render_markdown

FORMATS = ("md", "json", "html")

__all__ = ["render_html", "render_markdown", "render", "FORMATS"]


def render(brief, fmt: str, *, show_removed: bool = False) -> str:
    """The brief in ``fmt`` ("md", "json" or "html")."""
    if fmt == "json":
        return brief.to_json()
    if fmt == "html":
        return render_html(brief, show_removed=True)
    return render_markdown(brief, show_removed=show_removed)
