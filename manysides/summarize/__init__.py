"""Extractive multi-document summary: what several outlets report, cited per sentence.

1. ``features.cluster_features``: position, length, cross-article support,
   centroid similarity, opinion and clutter cues for every sentence (TF-IDF in
   the cluster; about a millisecond).
2. ``model.Scorer``: a small gradient-boosted scorer, trained on Multi-News to
   predict how much of a sentence a human summary keeps (``train.py`` rebuilds
   it; the weights ship as ``scorer.json``).
3. ``select.select``: greedy MMR under the word (or sentence) budget, the last
   sentence trimmed to a verbatim prefix to fill the budget.
4. ``select.cite``: reading order, and every article carrying a similar sentence.

The choice of sentences depends on TF-IDF only, so the brief and the Multi-News
benchmark run the very same summarizer; an encoder, when given, only widens the
citations to paraphrases.

    summarize(sentences_by_article, words=150)           # the brief
    Summarizer().summarize_many(clusters, words=230)     # bench / batch jobs
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from ..errors import UsageError
from ..records import Sentence, SummarySentence
from ..text.embeddings import Encoder
from .features import cluster_features
from .model import DEFAULT_MODEL, Scorer, load_scorer
from .select import SelectConfig, cite, select

__all__ = ["summarize", "Summarizer", "SelectConfig"]

log = logging.getLogger(__name__)


class Summarizer:
    """The scorer loaded once; ``summarize`` / ``summarize_many`` reuse it (bench, Ray batch jobs)."""

    def __init__(self, model: str | Path = DEFAULT_MODEL, config: SelectConfig | None = None) -> None:
        self.scorer: Scorer = load_scorer(str(model))
        tuned = {k: v for k, v in self.scorer.select.items() if k in SelectConfig.__dataclass_fields__}
        self.config = config or replace(SelectConfig(), **tuned)

    def summarize(
        self,
        sentences_by_article: Sequence[Sequence[Sentence]],
        *,
        words: int | None = 150,
        sentences: int | None = None,
        encoder: Encoder | None = None,
    ) -> list[SummarySentence]:
        if words is None and sentences is None:
            raise UsageError("give a summary length: words=N or sentences=N")
        if (words is not None and words <= 0) or (sentences is not None and sentences <= 0):
            raise UsageError("summary length must be positive")
        feats = cluster_features(sentences_by_article)
        if not feats.sentences:
            return []
        scores = self.scorer.score(feats.matrix)
        picks = select(feats.sentences, scores, feats.vectors, words=words, count=sentences, config=self.config)
        similarity = self._similarity(feats.sentences, feats.vectors, picks, encoder)
        return cite(picks, feats.sentences, similarity, scores, support=self.config.support)

    def summarize_many(
        self,
        clusters: Iterable[Sequence[Sequence[Sentence]]],
        *,
        words: int | None = 150,
        sentences: int | None = None,
    ) -> list[list[SummarySentence]]:
        """One summary per cluster (TF-IDF citations: no encoder call per cluster)."""
        return [self.summarize(c, words=words, sentences=sentences) for c in clusters]

    @staticmethod
    def _similarity(flat: Sequence[Sentence], vectors: np.ndarray, picks, encoder: Encoder | None) -> np.ndarray:
        """Sentence-to-sentence similarity for citations: the encoder's when it has one."""
        if encoder is None or getattr(encoder, "name", "") == "tfidf" or not picks:
            return vectors @ vectors.T
        emb = encoder.encode([s.text for s in flat])
        return emb @ emb.T


def summarize(
    sentences_by_article: Sequence[Sequence[Sentence]],
    *,
    words: int | None = 150,
    sentences: int | None = None,
    encoder: Encoder | None = None,
) -> list[SummarySentence]:
    """A cited extractive summary of one story (``words`` budget never exceeded, or ``sentences`` lines).

    ``sentences`` wins when both are given. Each summary sentence is a source
    sentence (or, for the last one, a verbatim prefix of it) with the articles
    that carry it, the one it was taken from first.
    """
    return _default().summarize(sentences_by_article, words=words, sentences=sentences, encoder=encoder)


_DEFAULT: Summarizer | None = None


def _default() -> Summarizer:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Summarizer()
    return _DEFAULT
