"""Group sentences that state the same fact across articles (first version; see issue #3)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..records import Fact, Sentence

__all__ = ["align_facts", "SentenceIndex", "numbers_in"]

#: Cosine (MiniLM) above which two sentences from different outlets state the same fact.
#: Set by reading pairs on the seeds: paraphrases of the memo's points score 0.70-0.85.
SAME_FACT = 0.72

_NUMBER = re.compile(r"\b\d[\d,.]*\b")


def numbers_in(text: str) -> set[str]:
    return {m.group().rstrip(".,").replace(",", "") for m in _NUMBER.finditer(text)}


@dataclass(frozen=True)
class SentenceIndex:
    """All sentences of a story with their vectors, built once and shared by the stages."""

    sentences: tuple[Sentence, ...]
    vectors: np.ndarray  # one L2-normalised row per sentence

    @property
    def similarity(self) -> np.ndarray:
        return self.vectors @ self.vectors.T


def align_facts(index: SentenceIndex, n_articles: int, *, min_words: int = 6) -> list[Fact]:
    """Facts carried by at least two articles, most supported first."""
    sents = index.sentences
    if n_articles < 2 or not sents:
        return []
    sim = index.similarity
    eligible = [i for i, s in enumerate(sents) if len(s.text.split()) >= min_words]
    used: set[int] = set()
    facts: list[tuple[int, Fact]] = []
    # Seed from the sentences with the most cross-article matches.
    def matches(i: int) -> dict[str, int]:
        best: dict[str, int] = {}
        for j in eligible:
            a = sents[j].article_id
            if a == sents[i].article_id or sim[i, j] < SAME_FACT or numbers_in(sents[i].text) ^ numbers_in(sents[j].text):
                continue
            if a not in best or sim[i, j] > sim[i, best[a]]:
                best[a] = j
        return best

    candidates = sorted(eligible, key=lambda i: -len(matches(i)))
    for i in candidates:
        if i in used:
            continue
        group = {sents[i].article_id: i, **{a: j for a, j in matches(i).items() if j not in used}}
        if len(group) < 2:
            continue
        used.update(group.values())
        members = list(group.values())
        centre = max(members, key=lambda m: sum(sim[m, o] for o in members))
        facts.append((
            min(sents[m].index for m in members),
            Fact(
                text=sents[centre].text,
                support=tuple(group),
                wordings={a: sents[j].text for a, j in group.items()},
                n_articles=n_articles,
            ),
        ))
    facts.sort(key=lambda f: (-len(f[1].support), f[0]))
    return [f for _, f in facts]


def article_ids(sentences: Sequence[Sentence]) -> list[str]:
    return list(dict.fromkeys(s.article_id for s in sentences))
