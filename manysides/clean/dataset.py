"""Labelled flat text from labelled article pages (training and benchmark data).

Two corpora (``CORPORA``), told apart by their files: ScrapingHub's ``article_extraction/``
(``ground-truth.json``: each page's article body) and L3S-GN1's ``l3s_gn1/``
(``gold.jsonl``: each page's labelled blocks; the body is its full text, with the
headline too for the extraction benchmark; the blocks labelled supplemental, related or
comments are clutter). Each page (gzipped
HTML + its body) gives three flat texts, each a list of lines labelled body (1) or clutter (0):

* ``page``: every visible line of the page (menus, teasers, footers, comments...);
* ``recall``: what trafilatura keeps with ``favor_recall`` and comments on, the kind of
  text a user pastes, where the clutter left is subtler;
* ``default``: trafilatura's default extraction, what ``extract_html`` refines: mostly
  body, so the model also learns when *not* to remove a list or a short line.

A line is body when most of its word 4-grams occur in the ground-truth body; a line
too short for 4-grams is body when its words occur in the body in order *and* a long
body line is near it (so "Share" or "Advertisement" does not count just because the
word appears somewhere in the article). When the same text appears twice (a teaser
repeating the first paragraph), only the copy inside the body's block is body.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from ..errors import InputError
from .htmltext import visible_lines

__all__ = ["LabelledText", "load_pages", "labelled_texts", "label_lines", "is_test_page", "tokens", "CORPORA", "corpus_dir"]

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE = 4
#: Share of a line's 4-grams found in the body for the line to count as body.
BODY_SHARE = 0.5
#: A short line is body only with a long body line within this many lines.
SHORT_LINE_REACH = 2
#: Share of pages held out for testing (chosen by a hash of the page id, so stable).
TEST_SHARE = 0.3


@dataclass(frozen=True, slots=True)
class LabelledText:
    page_id: str
    view: str  # "page", "recall", "default" or "comments" (a copy with a synthetic thread)
    lines: tuple[str, ...]
    labels: tuple[int, ...]  # 1 = body, 0 = clutter
    corpus: str = ""  # the corpus folder's name, so training can weigh corpora alike


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def is_test_page(page_id: str) -> bool:
    """Held-out pages: a stable 30% of the page ids (split by page, never by line)."""
    digest = hashlib.sha1(page_id.encode()).digest()
    return digest[0] < 256 * TEST_SHARE


#: Corpus name -> its folder under ``../shared/data``.
CORPORA = {"scrapinghub": "article_extraction", "l3s": "l3s_gn1"}


def corpus_dir(corpus: str, shared_data: Path = Path("../shared/data")) -> Path:
    return shared_data / CORPORA[corpus]


def _truths(data_dir: Path, *, headline: bool) -> dict[str, str]:
    """Page id -> ground-truth body, from whichever corpus ``data_dir`` holds."""
    gold = data_dir / "gold.jsonl"
    if gold.is_file():  # L3S-GN1: the full text, after the headline if asked
        out = {}
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                parts = (row.get("headline") or "", row.get("fulltext") or "") if headline else (row.get("fulltext") or "",)
                out[row["id"]] = "\n".join(x for x in parts if x.strip())
        return out
    truth_path = data_dir / "ground-truth.json"
    if not truth_path.is_file():
        raise InputError(str(data_dir), "has no ground-truth.json or gold.jsonl",
                         "pass a labelled corpus folder (../shared/data/article_extraction or ../shared/data/l3s_gn1)")
    return {k: v.get("articleBody", "") or "" for k, v in json.loads(truth_path.read_text(encoding="utf-8")).items()}


def load_pages(data_dir: Path, *, headline: bool = False) -> Iterator[tuple[str, str, str]]:
    """(page id, html, ground-truth body) for every page of a corpus folder (``CORPORA``).

    ``headline``: L3S's truth starts with the page's headline (the extraction benchmark's
    truth). Without it, as for line labels, the truth is the full text alone, as in
    ScrapingHub's ``articleBody``: a headline labelled body on one corpus and clutter on
    the other taught the model to keep title-case teasers (the seeds' related headlines).
    L3S's labelled copy lost quotes and dashes to "?": tokens are ``\\w+`` runs
    everywhere (labels and scores), so those marks drop out on both sides.
    """
    truth = _truths(data_dir, headline=headline)
    for page_id in sorted(truth):
        path = data_dir / "html" / f"{page_id}.html.gz"
        if not path.is_file():
            log.warning("page %s has no html file; skipped", page_id)
            continue
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        yield page_id, html, truth[page_id]


def _shingles(toks: list[str]) -> list[tuple[str, ...]]:
    return [tuple(toks[i : i + SHINGLE]) for i in range(len(toks) - SHINGLE + 1)]


def label_lines(lines: list[str], body: str) -> list[int]:
    """1 for each line that belongs to the ground-truth body, else 0."""
    body_toks = tokens(body)
    body_shingles = set(_shingles(body_toks))
    body_joined = " " + " ".join(body_toks) + " "
    line_toks = [tokens(line) for line in lines]
    long_label: list[int | None] = []
    for toks in line_toks:
        if len(toks) >= SHINGLE:
            sh = _shingles(toks)
            long_label.append(int(sum(s in body_shingles for s in sh) / len(sh) >= BODY_SHARE))
        else:
            long_label.append(None)
    labels = []
    for i, toks in enumerate(line_toks):
        if long_label[i] is not None:
            labels.append(long_label[i])
            continue
        in_body = bool(toks) and f" {' '.join(toks)} " in body_joined
        near = range(max(0, i - SHORT_LINE_REACH), min(len(lines), i + SHORT_LINE_REACH + 1))
        labels.append(int(in_body and any(long_label[j] == 1 for j in near)))
    return _drop_duplicate_copies(lines, labels)


def _drop_duplicate_copies(lines: list[str], labels: list[int]) -> list[int]:
    """Keep body only on the copy of a repeated text that sits among other body lines."""
    copies: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if labels[i]:
            copies.setdefault(" ".join(tokens(line)), []).append(i)
    out = list(labels)
    for where in copies.values():
        if len(where) < 2:
            continue
        density = [sum(labels[max(0, i - 5) : i + 6]) for i in where]
        best = where[density.index(max(density))]
        for i in where:
            out[i] = int(i == best)
    return out


def trafilatura_lines(html: str, *, recall: bool) -> list[str]:
    """trafilatura's extraction as lines: generous with comments (``recall``) or its default."""
    import trafilatura

    text = trafilatura.extract(html, favor_recall=recall, include_comments=recall, include_tables=True, deduplicate=False) or ""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


VIEWS = ("page", "recall", "default")


def view_lines(html: str, view: str) -> list[str]:
    if view == "page":
        return visible_lines(html)
    return trafilatura_lines(html, recall=view == "recall")


def labelled_texts(data_dirs: Path | Sequence[Path], *, views: tuple[str, ...] = VIEWS, limit: int | None = None) -> list[LabelledText]:
    """Every page's flat text(s), each line labelled, from one corpus folder or several
    (``limit``: the first N pages of each)."""
    out = []
    for data_dir in [data_dirs] if isinstance(data_dirs, Path) else data_dirs:
        for n, (page_id, html, body) in enumerate(load_pages(data_dir)):
            if limit is not None and n >= limit:
                break
            for view in views:
                lines = view_lines(html, view)
                if lines:
                    out.append(LabelledText(page_id, view, tuple(lines), tuple(label_lines(lines, body)), data_dir.name))
    return out


def label_stats(texts: list[LabelledText]) -> Counter[str]:
    c: Counter[str] = Counter()
    for t in texts:
        c[f"{t.view}_lines"] += len(t.lines)
        c[f"{t.view}_body"] += sum(t.labels)
    return c


# Synthetic comment threads. The benchmark's pages rarely carry reader comments in their
# flat text, yet pasted articles often end in one (the "Leave a Reply", commenter
# names, timestamps). So some training texts get a thread appended, made of *other
# pages' body lines*: the words look like article prose, and only the structure (a
# thread header above or below, names, dates, numbering, after the article's end) can
# tell the model it is a comment. Generic widget wording only, never a site's.
_THREAD_HEADERS = (
    "Leave a Reply", "Leave a Comment", "Comments", "{n} Comments", "{n} comments", "{n} Responses",
    "Be the first to comment!", "Join the conversation!", "Join the discussion", "Discussion",
    "Add a comment", "Reader comments", "Show comments", "{n} thoughts on this post",
)
_SORTERS = ("sort by: newest", "sort by: latest", "Sort by Oldest", "Newest | Oldest | Most liked")
_NAMES = ("Mark T.", "jenny_k", "Robert Allen", "A. Reader", "sam1984", "Patricia", "Dave in Ohio",
          "Concerned Citizen", "Lee M", "truthseeker", "Maria Gonzalez", "Old Timer")
_WHEN = ("{d} hours ago", "March {d}, 2017 at {h}:{m:02d} pm", "{d} days ago", "{m}/{d}/2019", "Reply",
         "{d} likes", "Reply · Report")


def with_synthetic_comments(texts: list[LabelledText], *, share: float = 0.5, seed: int = 0) -> list[LabelledText]:
    """Copies of a share of ``texts`` with a reader-comment thread appended (all clutter)."""
    import random

    rng = random.Random(seed)
    prose = [line for t in texts for line, y in zip(t.lines, t.labels) if y and len(line.split()) >= 8]
    out = []
    for t in texts:
        if not prose or rng.random() >= share:
            continue
        thread = _thread(rng, prose)
        out.append(LabelledText(t.page_id, "comments", t.lines + tuple(thread), t.labels + (0,) * len(thread), t.corpus))
    return out


def _thread(rng, prose: list[str]) -> list[str]:  # noqa: ANN001 (random.Random)
    if rng.random() < 0.25:  # an empty thread: the widget's prompts and nothing else
        return [rng.choice(("Be the first to comment!", "0 Comments", "No comments yet", "Leave a Reply", "Comments"))] + (
            [rng.choice(_SORTERS)] if rng.random() < 0.5 else [])
    n = rng.randint(1, 7)
    header = rng.choice(_THREAD_HEADERS).format(n=n)
    where = rng.choice(("above", "below", "both"))
    lines = [header] if where != "below" else []
    if rng.random() < 0.3:
        lines.append(rng.choice(_SORTERS))
    numbered = rng.random() < 0.35
    for k in range(1, n + 1):
        if not numbered and rng.random() < 0.7:
            lines.append(rng.choice(_NAMES))
        if not numbered and rng.random() < 0.6:
            lines.append(rng.choice(_WHEN).format(d=rng.randint(1, 28), h=rng.randint(1, 12), m=rng.randint(0, 59)))
        for s in range(rng.randint(1, 4)):
            text = rng.choice(prose)
            lines.append(f"{k}. {text}" if numbered and s == 0 else text)
    if where != "above":
        lines.append(rng.choice(_THREAD_HEADERS[:2] + ("Leave a Reply", "Post a comment")).format(n=n))
    return lines
