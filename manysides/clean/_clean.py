"""Flat text in, article body out: the clutter remover the pipeline calls.

1. split the raw text into lines (blank lines are layout, never scored);
2. the trained model (``model.py``) gives each line P(article body);
3. lines at or above ``KEEP_THRESHOLD`` are kept verbatim, in order, so the clean text
   is always a subsequence of the input's lines;
4. each removed line gets a reason (``reasons.py``), and a headline-shaped line before
   the body becomes the title.

All texts of one story can be cleaned together (``clean_articles``): a line that
recurs, word for word, in several articles of the story and is not prose (a site
tagline, "Related" list, comment-widget text) is clutter that no single page shows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..records import RemovedLine
from .features import norm_line, words_of
from .model import ClutterModel, load_model
from .reasons import LineContext, comment_thread_mask, looks_like_headline, reason_for

__all__ = ["CleanResult", "clean_text", "clean_articles", "KEEP_THRESHOLD"]

#: A line is kept when P(body) >= this. Below 0.5 on purpose: losing a body line costs
#: more than keeping a stray one (calibrated on the training pages' out-of-fold scores,
#: see ``train.py``; the held-out numbers are in ``model.json``'s meta).
KEEP_THRESHOLD = 0.35
#: A non-prose line found verbatim in at least this many *other* articles of the story
#: is shared page furniture (the cross-article cue; prose is never dropped for it,
#: since wire copy repeats whole paragraphs across outlets).
SHARED_LINE_ARTICLES = 2
#: Where the title may sit: among the first lines before the body.
TITLE_WINDOW = 8


@dataclass(frozen=True, slots=True)
class CleanResult:
    """One article's clean text, what was removed (with reasons) and its title."""

    text: str
    removed: tuple[RemovedLine, ...]
    title: str = ""


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
    keep = prob >= KEEP_THRESHOLD
    if shared:
        keep &= np.asarray([c.lower() not in shared for c in content])
    thread = comment_thread_mask(content, keep.tolist())
    first = int(np.argmax(keep)) if keep.any() else len(content)
    last = len(content) - 1 - int(np.argmax(keep[::-1])) if keep.any() else -1
    title_at = _title_index(content, keep, first)
    removed = []
    for j, i in enumerate(idx):
        if keep[j]:
            continue
        where = LineContext(before_body=j < first, after_body=j > last, in_comment_thread=thread[j])
        if j == title_at:
            reason = f"headline (kept as title) (p={1 - prob[j]:.2f})"
        elif content[j].lower() in shared and prob[j] >= KEEP_THRESHOLD:
            reason = "repeated in other articles of the story (site furniture)"
        else:
            reason = reason_for(lines[i], where, float(1 - prob[j]))
        removed.append(RemovedLine(line_no=i + 1, text=lines[i], reason=reason))
    text = _join_kept(lines, [i for j, i in enumerate(idx) if keep[j]])
    return CleanResult(text=text, removed=tuple(removed), title=content[title_at] if title_at >= 0 else "")


def _title_index(content: Sequence[str], keep: np.ndarray, first: int) -> int:
    """The longest headline-shaped removed line among the first few before the body."""
    best, best_len = -1, 0
    for j in range(min(first, TITLE_WINDOW)):
        if keep[j] or not looks_like_headline(content[j]) or content[j].endswith("?"):
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
