"""The ScrapingHub article-extraction benchmark's score, re-implemented.

As in its ``evaluate.py`` (scrapinghub/article-extraction-benchmark): texts are split
into ``\\w+`` tokens (case kept), compared as multisets of 4-token shingles; each page's
TP/FP/FN are normalised to sum to 1 so long pages do not weigh more; precision is the
mean over pages with a prediction, recall the mean over pages with a truth, and F1 is
computed from those two means.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Sequence

__all__ = ["shingle_counts", "page_score", "benchmark_prf", "line_prf"]

_TOKEN = re.compile(r"\w+", re.UNICODE)
NGRAM = 4


def shingle_counts(text: str, n: int = NGRAM) -> Counter[tuple[str, ...]]:
    toks = _TOKEN.findall(text or "")
    return Counter(tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i : i + n])


def page_score(true: str, pred: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page."""
    t, p = shingle_counts(true), shingle_counts(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))


def _recall(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))


def benchmark_prf(rows: Sequence[tuple[float, float, float]]) -> dict[str, float]:
    """Mean precision and recall over pages, and the F1 of those means."""
    ps = [_precision(*r) for r in rows if r[0] + r[1] > 0]
    rs = [_recall(*r) for r in rows if r[0] + r[2] > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "pages": len(rows)}


def line_prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Pooled precision/recall/F1 of the body class over lines."""
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
