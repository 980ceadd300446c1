"""Flat text in, article body out: the clutter remover the pipeline calls.

1. split the raw text into lines (blank lines are layout, never scored);
2. the trained model (``model.py``) gives each line P(article body);
3. lines the model keeps (``KEEP_THRESHOLD`` inside the article, ``EDGE_THRESHOLD``
   before and after it) are kept verbatim, in order, so the clean text is always a
   subsequence of the input's lines;
4. each removed line gets a reason (``reasons.py``), and a headline-shaped line before
   the body becomes the title.

All texts of one story can be cleaned together (``clean_articles``): a line that
recurs, word for word, in several articles of the story and is not prose (a site
tagline, "Related" list, comment-widget text) is clutter that no single page shows.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..records import RemovedLine
from ..text.cues import is_flattened_carousel, is_furniture, is_site_box, is_site_rail, is_web_address
from ..text.sentences import opens_with_dateline
from ..text.words import WEEKDAYS
from .features import CLUTTER_STOP_WORDS, DATE_LIKE, MONTH, norm_line, words_of
from .model import ClutterModel, load_model
from .prose import is_prose
from .reasons import LineContext, clutter_kind, comment_thread_mask, looks_like_headline, reason_for

__all__ = ["CleanResult", "clean_text", "clean_articles", "decide_keep", "is_metadata_field", "stamped_lines", "KEEP_THRESHOLD",
           "EDGE_THRESHOLD"]

#: A line between the article's first and last likely body lines (P(body) >=
#: ``EDGE_THRESHOLD``) is kept when P(body) >= this. Low on purpose: losing a body line
#: costs more than keeping a stray one. Before the first and after the last likely line,
#: where prompts and reader comments sit, a line needs P(body) >= ``EDGE_THRESHOLD``.
#: Both are the best pair of 4-fold CV on the training pages (``python -m
#: manysides.clean.train --cv``, mean token F1 of the four views): (0.15, 0.3) 0.936,
#: (0.2, 0.3) 0.936, (0.3, 0.5) (the thresholds before this retraining) 0.933. The
#: comments view (synthetic threads after the article) is no worse at edge 0.3 than 0.5.
KEEP_THRESHOLD = 0.15
EDGE_THRESHOLD = 0.3
#: A non-prose line found verbatim in at least this many *other* articles of the story
#: is shared page furniture (the cross-article cue; prose is never dropped for it,
#: since wire copy repeats whole paragraphs across outlets).
SHARED_LINE_ARTICLES = 2
#: ...unless the model itself is at least this sure the line is body.
SHARED_OVERRIDE_BELOW = 0.9
#: A dateline ("HARTFORD --") opens an article's first paragraph: a kept line above it
#: is header (a notice, a deck, a caption), when the dateline paragraph is among the
#: first ``DATELINE_WITHIN`` kept lines and the article goes on after it. On the
#: benchmark's 23 pages with such a paragraph, 1,757 of the 1,761 lines above it are
#: clutter (the 4 others: a teaser repeating the lead, a caption, a headline); measured
#: with the labels of ``dataset.labelled_texts``, all views and pages.
DATELINE_WITHIN = 3
#: Prose needed for a line to be the dateline paragraph (a "WASHINGTON —" menu is not).
DATELINE_WORDS = 12
#: Where the title may sit: among the first lines before the body.
TITLE_WINDOW = 8
#: "Pool/Jon Moore/Getty Images": slash-joined names are a credit, not a headline.
_CREDIT_SHAPE = re.compile(r"\w/\w")
# A metadata field with no article text in it: a label of one to three words that ends in
# a preposition and nothing after it ("Written by:", "Filed under:"), or a label followed
# only by a date or time ("Published on: February 27, 2017", "Updated 9:38 pm EST"). The
# model scores such a line by its neighbours and may keep it inside the article (the
# seeds' blog: "Written by:" p=0.66); by construction it holds no sentence of the article.
_EMPTY_FIELD = re.compile(r"^[^\W\d_][\w'’]*(?:\s+[\w'’]+){0,2}\s+(?:by|on|under|in|at)\s*:$", re.IGNORECASE)
# The label of a dated field: "Published on:", "Updated", "Posted:" (a colon after it,
# or a past participle without one), never a sentence's start ("On Feb. 27:", "He said").
_LABEL_THEN = re.compile(r"^([^\W\d_][\w'’]*(?:\s+[^\W\d_][\w'’]*){0,2})\s*(:?)\s+(.+)$")
_AM_PM = re.compile(r"\b[ap]\.?m\b\.?", re.IGNORECASE)
# What may stand beside the date in such a field: years, weekdays, zones ("EST"), "at".
_DATE_FILLER = re.compile(
    rf"{MONTH}|\d+(?:st|nd|rd|th)?|(?:mon|tues|wednes|thurs|fri|satur|sun)day|at|on|[a-z]{{1,2}}t|utc|gmt",
    re.IGNORECASE,
)


#: Stamped lines: a short line (at most ``STAMP_MAX_WORDS`` words) with a date or time,
#: or a commenter's "<name> says:", whose last ``STAMP_TAIL`` words, with numbers, clock times,
#: am/pm, and month and day names each read as one shape ("Jan 10, 2008 9:43:59 PM" and
#: "Jan 11, 2008 1:19:33 AM" end alike), recur on at least ``STAMP_REPEATS`` lines of
#: the text. Those with a clock time or a "says:" sign reader comments ("Posted by: ann |
#: Jan 10, 2008 4:49 PM", "Gary M on September 17, 2018 at 8:50 pm said:"): everything
#: from the first to the last is the thread, once ``STAMP_PROSE_BEFORE`` kept prose
#: lines came before it. Those with a date alone, two or fewer lines apart, are a dated
#: list ("Savage Completes Derby Move (Wednesday January 9 2008)") and go themselves; a
#: date alone spaced out is left to the model (an embedded tweet's "— Name (@name)
#: November 18, 2019" is article). The model reads each line with its neighbours and
#: keeps comment prose at p 0.9 and up. Measured on the out-of-fold probabilities of the
#: training pages of both corpora: see docs/benchmarks.md (issue #25, page text).
STAMP_MAX_WORDS = 15
STAMP_TAIL = 3
STAMP_REPEATS = 3
STAMP_PROSE_BEFORE = 3
STAMP_LIST_REACH = 2
_STAMP_TOKEN = re.compile(r"[^\W_]+(?::[^\W_]+)*")
_CLOCK = re.compile(r"\d{1,2}(?::\d\d)+")
_MONTH_OR_DAY = re.compile(rf"{MONTH}|{'|'.join(WEEKDAYS)}", re.IGNORECASE)
_SAYS = re.compile(r"\b(?:says|said|wrote|writes)\s*:$", re.IGNORECASE)
_SAYS_MAX_WORDS = 12


@dataclass(frozen=True, slots=True)
class CleanResult:
    """One article's clean text, what was removed (with reasons) and its title."""

    text: str
    removed: tuple[RemovedLine, ...]
    title: str = ""
    #: An HTML page's visible text, a block a line, in which the removed lines' numbers
    #: count ("" for flat text: they count in the input).
    page_text: str = ""


def clean_text(raw: str, *, model: ClutterModel | None = None) -> CleanResult:
    """Clean one flat text (see ``clean_articles`` to clean a story's texts together)."""
    return clean_articles([raw], model=model)[0]


def clean_articles(raw_texts: Sequence[str], *, model: ClutterModel | None = None) -> list[CleanResult]:
    """Clean every text of one story; lines shared across its articles count as clutter."""
    model = model or load_model()
    split = [_lines(raw) for raw in raw_texts]
    shared = _shared_lines(split)
    return [_clean_one(lines, model, shared) for lines in split]


def _lines(raw: str) -> list[str]:
    return (raw or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _shared_lines(split: Sequence[Sequence[str]]) -> set[str]:
    """Normalised non-prose lines present in more than SHARED_LINE_ARTICLES articles."""
    if len(split) <= SHARED_LINE_ARTICLES:
        return set()
    counts: Counter[str] = Counter()
    for lines in split:
        counts.update({norm_line(line).lower() for line in lines if line.strip() and not _is_prose(line)})
    return {key for key, n in counts.items() if n > SHARED_LINE_ARTICLES}


def _is_prose(line: str) -> bool:
    text = norm_line(line)
    return len(words_of(text)) >= 12 and text[-1:] in ".!?\"'”’)"


def _clean_one(lines: list[str], model: ClutterModel, shared: set[str]) -> CleanResult:
    idx = [i for i, line in enumerate(lines) if line.strip()]
    if not idx:
        return CleanResult(text="", removed=(), title="")
    content = [norm_line(lines[i]) for i in idx]
    prob = model.body_probability(content)
    keep = _decide(prob)
    keep |= _lead_above_body(content, prob, keep)
    if shared:  # the story-level cue overrides only a model that is not sure
        keep &= np.asarray([c.lower() not in shared or p >= SHARED_OVERRIDE_BELOW for c, p in zip(content, prob)])
    fields = np.asarray([is_metadata_field(c) for c in content])
    keep &= ~fields
    boxes = np.asarray([bool(k) and (is_site_box(c) or is_flattened_carousel(c) or is_site_rail(c)) for c, k in zip(content, keep)])  # only what is still kept: the rest needs no reason
    keep &= ~boxes
    header = _above_dateline(content, keep)
    keep &= ~header
    stamped = stamped_lines(content, keep)
    keep &= ~stamped
    thread = comment_thread_mask(content, keep.tolist())
    first = int(np.argmax(keep)) if keep.any() else len(content)
    last = len(content) - 1 - int(np.argmax(keep[::-1])) if keep.any() else -1
    title_at = _title_index(content, keep, first)
    removed = []
    for j, i in enumerate(idx):
        if keep[j]:
            continue
        where = LineContext(before_body=j < first, after_body=j > last, in_comment_thread=thread[j])
        if j == title_at and not keep[j]:
            reason = f"headline (kept as title) (p={1 - prob[j]:.2f})"
        elif fields[j] and prob[j] >= KEEP_THRESHOLD:  # the model alone kept it
            reason = "byline/dateline (a field with no article text)"
        elif boxes[j]:
            reason = "the site's prompts, playlist, slideshow or list of other stories (sign up, watch next, most read), flattened into one line"
        elif header[j]:
            reason = f"{clutter_kind(lines[i], where)}, above the article's dateline"
        elif stamped[j] and prob[j] >= KEEP_THRESHOLD:
            reason = "reader comments or a dated list (lines stamped alike with a date or time)"
        elif content[j].lower() in shared and prob[j] >= KEEP_THRESHOLD:
            reason = "repeated in other articles of the story (site furniture)"
        else:
            reason = reason_for(lines[i], where, float(1 - prob[j]))
        removed.append(RemovedLine(line_no=i + 1, text=lines[i], reason=reason))
    text = _join_kept(lines, [i for j, i in enumerate(idx) if keep[j]])
    return CleanResult(text=text, removed=tuple(removed), title=content[title_at] if title_at >= 0 else "")


#: A prose line right above the article's first kept line is its lead when the model gives it
#: at least this much: a site that sets its first paragraph apart (bold, larger) reads to the
#: model as a deck or a header, and the brief lost the lead it states the news in.
LEAD_FLOOR = 0.05
_LEAD_END = re.compile(r"[^.]\.[\"'”’)]*$")  # a statement's full stop, not "Sign up today!" or "More…"


def _lead_above_body(content: Sequence[str], prob: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """The prose lines directly above the first kept one (each a whole sentence)."""
    lead = np.zeros(len(content), dtype=bool)
    if not keep.any():
        return lead
    j = int(np.argmax(keep)) - 1
    while j >= 0 and _reads_as_lead(content[j]) and prob[j] >= LEAD_FLOOR:
        lead[j] = True
        j -= 1
    return lead


def _reads_as_lead(line: str) -> bool:
    """A whole statement (prose, by the one rule of ``prose.is_prose``, ending on a full stop), not furniture."""
    return is_prose(line) and bool(_LEAD_END.search(line)) and not is_furniture(line)


def _above_dateline(content: Sequence[str], keep: np.ndarray) -> np.ndarray:
    """Kept lines above the article's dateline paragraph (see ``DATELINE_WITHIN``)."""
    header = np.zeros(len(content), dtype=bool)
    kept = np.flatnonzero(keep)
    for rank, j in enumerate(kept[: DATELINE_WITHIN]):
        if len(words_of(content[j])) >= DATELINE_WORDS and opens_with_dateline(content[j]):
            if rank and len(kept) - rank > 2:
                header[kept[:rank]] = True
            break
    return header


def _stamp_key(line: str) -> str | None:
    """The shape of a stamped line's end (see ``STAMP_TAIL``), or None for another line."""
    n = len(words_of(line))
    if n > STAMP_MAX_WORDS:
        return None
    if n <= _SAYS_MAX_WORDS and _SAYS.search(line):
        return "<says>"
    if not DATE_LIKE.search(line):
        return None
    shapes = []
    for tok in _STAMP_TOKEN.findall(line):
        if _CLOCK.fullmatch(tok):
            shapes.append("<time>")
        elif tok.isdigit():
            shapes.append("<num>")
        elif tok.lower() in ("am", "pm"):
            shapes.append("<am/pm>")
        elif _MONTH_OR_DAY.fullmatch(tok):
            shapes.append("<month>")
        else:
            shapes.append(tok.lower())
    return " ".join(shapes[-STAMP_TAIL:])


def stamped_lines(content: Sequence[str], keep: np.ndarray) -> np.ndarray:
    """A comment thread or a dated list, found by lines stamped alike (``STAMP_REPEATS``)."""
    out = np.zeros(len(content), dtype=bool)
    keys = [_stamp_key(c) for c in content]
    counts = Counter(k for k in keys if k)
    prose = None
    for key, n in counts.items():
        if n < STAMP_REPEATS:
            continue
        at = [j for j, k in enumerate(keys) if k == key]
        if key == "<says>" or "<time>" in key.split():
            if prose is None:
                prose = np.asarray([len(words_of(c)) >= 10 for c in content])
            if int((prose[: at[0]] & keep[: at[0]]).sum()) >= STAMP_PROSE_BEFORE:
                out[at[0] : at[-1] + 1] = True
        else:
            for a, b in zip(at, at[1:]):
                if b - a <= STAMP_LIST_REACH:
                    out[a] = out[b] = True
    return out


def is_metadata_field(line: str) -> bool:
    """A byline or date field that carries no article text (see ``_EMPTY_FIELD``)."""
    if _EMPTY_FIELD.match(line):
        return True
    m = _LABEL_THEN.match(line)
    if not m or not DATE_LIKE.search(m.group(3)):
        return False
    label = m.group(1).split()
    if label[0].lower() in CLUTTER_STOP_WORDS or not (m.group(2) or any(w.lower().endswith("ed") for w in label)):
        return False
    return all(_DATE_FILLER.fullmatch(w) for w in re.findall(r"[^\W_]+", _AM_PM.sub(" ", m.group(3))))


def _decide(prob: np.ndarray) -> np.ndarray:
    return decide_keep(prob, keep=KEEP_THRESHOLD, edge=EDGE_THRESHOLD)


def decide_keep(prob: np.ndarray, *, keep: float, edge: float) -> np.ndarray:
    """Keep mask: ``keep`` inside the article (first to last line >= ``edge``), ``edge`` outside it."""
    sure = np.flatnonzero(prob >= edge)
    if not len(sure):  # a short or odd text where nothing is likely body: the plain threshold
        return prob >= keep
    pos = np.arange(len(prob))
    inside = (pos >= sure[0]) & (pos <= sure[-1])
    return np.where(inside, prob >= keep, prob >= edge)


def _title_index(content: Sequence[str], keep: np.ndarray, first: int) -> int:
    """The longest headline-shaped line among the first few, up to the body's first line
    (never a web address: a URL pasted above the text gave ECB+ articles their slug as a
    title, which the story clusterer weighs six times).

    The body's first line itself may be the headline when the model kept it (it stays
    in the text: the title is read, never cut, from body lines).
    """
    best, best_len = -1, 0
    for j in range(min(first + 1, TITLE_WINDOW, len(content))):
        if not looks_like_headline(content[j]) or content[j].endswith("?") or _CREDIT_SHAPE.search(content[j]) or is_web_address(content[j]):
            continue
        n = len(words_of(content[j]))
        if n >= 5 and n > best_len:
            best, best_len = j, n
    return best


def _join_kept(lines: Sequence[str], kept: Sequence[int]) -> str:
    """Kept lines verbatim; one blank line where the input had blank lines between them."""
    out: list[str] = []
    for n, i in enumerate(kept):
        if n and any(not lines[k].strip() for k in range(kept[n - 1] + 1, i)):
            out.append("")
        out.append(lines[i])
    return "\n".join(out)
