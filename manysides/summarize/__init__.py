"""Extractive multi-document summary (placeholder centroid version; see issue #6)."""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ..records import Sentence, SummarySentence
from ..text.embeddings import Encoder, get_encoder

__all__ = ["summarize"]


def summarize(
    sentences_by_article: Sequence[Sequence[Sentence]],
    *,
    words: int | None = 150,
    sentences: int | None = None,
    encoder: Encoder | None = None,
) -> list[SummarySentence]:
    """Pick source sentences close to the centroid that several articles support."""
    pool = [s for arts in sentences_by_article for s in arts if len(s.text.split()) >= 6]
    if not pool:
        return []
    enc = encoder or get_encoder("auto")
    vecs = enc.encode([s.text for s in pool])
    centroid = vecs.mean(0)
    sims = vecs @ vecs.T
    order = np.argsort(-(vecs @ centroid))
    chosen: list[int] = []
    used = 0
    for i in order:
        if any(sims[i, j] > 0.8 for j in chosen):
            continue
        n = len(pool[i].text.split())
        if sentences is None and words is not None and used + n > words and chosen:
            continue
        chosen.append(int(i))
        used += n
        if sentences is not None and len(chosen) >= sentences:
            break
    out = []
    for i in sorted(chosen, key=lambda i: (pool[i].index, pool[i].article_id)):
        s = pool[i]
        support = {s.article_id: s.text}
        for j, t in enumerate(pool):
            if t.article_id not in support and sims[i, j] > 0.75:
                support[t.article_id] = t.text
        out.append(SummarySentence(s.text, tuple(support), support, float(vecs[i] @ centroid)))
    return out
