"""Report writers: Markdown for terminals, one self-contained HTML file, JSON."""

import re

from .html import render_html
from .markdown import render_markdown

FORMATS = ("md", "json", "html")

__all__ = ["render_html", "render_markdown", "render", "FORMATS", "terminal_safe"]

#: Control characters but tab and newline: an escape sequence in a scraped title can move the
#: cursor, rewrite a line (carriage return) or set the clipboard (OSC 52) on a reader's terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """``text`` with every control character but tab and newline shown as ``\\xNN``."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def render(brief, fmt: str, *, show_removed: bool = False) -> str:
    """The brief in ``fmt`` ("md", "json" or "html")."""
    if fmt == "json":
        return brief.to_json()
    if fmt == "html":
        return render_html(brief, show_removed=True)
    return terminal_safe(render_markdown(brief, show_removed=show_removed))
