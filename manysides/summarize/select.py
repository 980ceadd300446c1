"""Budgeted, redundancy-aware choice of sentences, and their citations.

Greedy MMR (Carbonell & Goldstein 1998) under a length budget: repeatedly take
the sentence whose score, less a penalty for resembling what is already chosen,
is best; a sentence too similar to a chosen one is never taken. When the next
choice does not fit the word budget it is trimmed to the words left, at a word
boundary, if enough of it remains to say something (a verbatim prefix of the
source sentence, never an edit of it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..records import Sentence, SummarySentence

__all__ = ["SelectConfig", "select", "cite"]


@dataclass(frozen=True)
class SelectConfig:
    #: Weight of the redundancy penalty (max TF-IDF cosine to a chosen sentence).
    redundancy: float = 0.3
    #: A sentence at least this close (TF-IDF cosine) to a chosen one is a repeat.
    duplicate: float = 0.6
    #: Fill the rest of the word budget with a prefix of the next sentence when at
    #: least this many words are left (0: never trim).
    trim_min_words: int = 8
    #: Sentences shorter than this are headlines, credits or fragments, never a summary line.
    min_words: int = 5
    #: Citation: another article's sentence at least this close supports a summary line.
    support: float = 0.5


@dataclass(frozen=True)
class Pick:
    index: int  # into the cluster's flat sentence list
    text: str  # the sentence, or a prefix of it when trimmed


def _words(text: str) -> int:
    return len(text.split())


def _prefix(text: str, n_words: int) -> str:
    return " ".join(text.split()[:n_words])


def select(
    sentences: Sequence[Sentence],
    scores: np.ndarray,
    vectors: np.ndarray,
    *,
    words: int | None,
    count: int | None,
    config: SelectConfig = SelectConfig(),
) -> list[Pick]:
    """Indices (and texts) of the chosen sentences, in the order chosen."""
    n = len(sentences)
    lengths = np.array([_words(s.text) for s in sentences])
    allowed = lengths >= config.min_words
    if not allowed.any():
        allowed = lengths > 0
    picks: list[Pick] = []
    used = 0
    max_sim = np.zeros(n)
    open_ = allowed.copy()
    while open_.any():
        if count is not None and len(picks) >= count:
            break
        value = np.where(open_, scores - config.redundancy * max_sim, -np.inf)
        i = int(np.argmax(value))
        open_[i] = False
        if picks and max_sim[i] >= config.duplicate:
            continue
        text = sentences[i].text
        if count is None and words is not None and used + lengths[i] > words:
            left = words - used
            if config.trim_min_words and left >= config.trim_min_words:
                picks.append(Pick(i, _prefix(text, left)))
                break
            continue
        picks.append(Pick(i, text))
        used += int(lengths[i])
        if vectors.shape[1]:
            max_sim = np.maximum(max_sim, vectors @ vectors[i])
        if count is None and words is not None and used >= words:
            break
    return picks


def cite(
    picks: Sequence[Pick],
    sentences: Sequence[Sentence],
    similarity: np.ndarray,
    scores: np.ndarray,
    *,
    support: float,
) -> list[SummarySentence]:
    """Summary sentences in reading order, each citing every article that carries it.

    Reading order is story order: earlier-in-article first (news is written top
    down), then the article's place in the cluster, so the lead comes first.
    """
    out: list[tuple[tuple[int, str], SummarySentence]] = []
    for pick in picks:
        s = sentences[pick.index]
        cited = {s.article_id: s.text}
        for j in np.argsort(-similarity[pick.index]):
            t = sentences[int(j)]
            if similarity[pick.index, j] < support:
                break
            cited.setdefault(t.article_id, t.text)
        out.append(((s.index, pick.index), SummarySentence(pick.text, tuple(cited), cited, float(scores[pick.index]))))
    out.sort(key=lambda item: item[0])
    return [summary for _, summary in out]
