"""Articles that carry one report: a wire story under several outlets' names.

Agencies' copy runs word for word in many outlets, trimmed to fit: the Associated Press's
text under the Washington Post's, ABC's and the New York Times' names in one story. Where
such articles agree, that is one report's word, not several outlets'. Of the 64 labelled
real stories, 15 hold such a group (pairs whose shorter text has 60 % or more of its
five-word runs in the other). Between 60 and 80 % are rewrites of one source: the Daily
Mail's of an AP report (a reader found the two counted as agreeing outlets), three outlets'
of a university's press release, a blog's of a magazine's scoop quoting the same statement.
Below, up to 55 %, are outlets that weave a few wire paragraphs into their own reporting;
they stay apart (docs/benchmarks.md, stops 24 and 38).
"""

from __future__ import annotations

import re
from typing import Sequence

from .groups import DisjointSets

__all__ = ["COPY_SHARE", "copied_groups", "whose_word"]

#: Share of the shorter text's five-word runs found in the other for two texts to be one report.
COPY_SHARE = 0.6
RUN = 5
_WORD = re.compile(r"\w+")


def _runs(text: str) -> frozenset[int]:
    words = _WORD.findall(text.lower())
    return frozenset(hash(tuple(words[i : i + RUN])) for i in range(len(words) - RUN + 1))


def copied_groups(texts: Sequence[str], share: float = COPY_SHARE) -> list[list[int]]:
    """Groups (indices into ``texts``, two or more each, in order) of texts that carry one
    report. The cost is bounded by the texts' length times their number (a brief caps both)."""
    runs = [_runs(t) for t in texts]
    sets: DisjointSets[int] = DisjointSets()
    for i in range(len(texts)):
        sets.find(i)
        for j in range(i + 1, len(texts)):
            small, large = (runs[i], runs[j]) if len(runs[i]) <= len(runs[j]) else (runs[j], runs[i])
            if len(small) >= 2 * RUN and len(small & large) >= share * len(small):
                sets.union(i, j)
    return [sorted(g) for g in sets.groups().values() if len(g) > 1]


def whose_word(ids: Sequence[str], outlets: Sequence[str], groups: Sequence[Sequence[int]]) -> dict[str, str]:
    """Id -> whose word each text carries: its outlet, or for texts that carry one report
    (``groups``, from ``copied_groups``) the first copy's outlet. Outlets agree, or leave a
    thing out, only where their words are their own."""
    word = dict(zip(ids, outlets))
    for group in groups:
        for i in group:
            word[ids[i]] = outlets[group[0]]
    return word
