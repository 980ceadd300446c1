"""A web page's visible text as lines: what a reader (or a copy-paste) sees.

Block elements (paragraphs, headings, list items, table cells, divs...) end a line,
``<br>`` too; scripts, styles and other invisible parts are dropped. This is the flat
text the clutter model is trained on (every line of a page, labelled body or not) and
what the clutter benchmark feeds to each system.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

__all__ = ["visible_lines"]

_INVISIBLE = frozenset({
    "script", "style", "noscript", "template", "svg", "head", "title", "meta", "link",
    "iframe", "object", "embed", "canvas", "select", "option", "button", "input", "textarea",
})
_BLOCK = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "h1", "h2",
    "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "td", "th",
    "thead", "tbody", "tfoot", "caption", "blockquote", "pre", "figure", "figcaption", "form",
    "fieldset", "legend", "address", "hr", "br", "body", "html", "center", "details", "summary",
    "dialog", "menu", "picture", "video", "audio",
})
_SPACE = re.compile(r"\s+")
_NEWLINE = "\n"


def visible_lines(html: str) -> list[str]:
    """Non-empty, whitespace-normalised lines of the page's visible text, in page order."""
    if not html.strip():
        return []
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    parts: list[str] = []
    _walk(root, parts)
    text = "".join(parts)
    return [line for line in (_SPACE.sub(" ", raw).strip() for raw in text.split(_NEWLINE)) if line]


def _walk(node: etree._Element, parts: list[str]) -> None:
    tag = node.tag if isinstance(node.tag, str) else ""
    tag = tag.lower()
    hidden = not tag or tag in _INVISIBLE or _is_hidden(node)
    if not hidden:
        block = tag in _BLOCK
        if block:
            parts.append(_NEWLINE)
        if node.text:
            parts.append(node.text.replace(_NEWLINE, " "))
        for child in node:
            _walk(child, parts)
        if block:
            parts.append(_NEWLINE)
    if node.tail:  # the tail belongs to the parent, visible even when this node is not
        parts.append(node.tail.replace(_NEWLINE, " "))


def _is_hidden(node: etree._Element) -> bool:
    if node.get("hidden") is not None or node.get("aria-hidden") == "true":
        return True
    style = (node.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style
