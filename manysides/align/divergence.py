"""Where outlets diverge: one-outlet reports, omissions, conflicting values (first version)."""

from __future__ import annotations

from typing import Sequence

from ..records import Divergence, Fact
from .facts import SAME_FACT, SentenceIndex, numbers_in

__all__ = ["find_divergences"]

#: Similar enough to be about the same thing, so differing numbers are a conflict, not two facts.
SAME_TOPIC = 0.62


def find_divergences(index: SentenceIndex, facts: Sequence[Fact], article_ids: Sequence[str], *, per_article: int = 3) -> list[Divergence]:
    out: list[Divergence] = []
    n = len(article_ids)
    if n < 2:
        return out
    out += _conflicts(index)
    out += _omissions(facts, article_ids)
    out += _only_one(index, facts, article_ids, per_article)
    return out


def _conflicts(index: SentenceIndex) -> list[Divergence]:
    sents, sim = index.sentences, index.similarity
    found = []
    for i in range(len(sents)):
        for j in range(i + 1, len(sents)):
            a, b = sents[i], sents[j]
            if a.article_id == b.article_id or sim[i, j] < SAME_TOPIC:
                continue
            na, nb = numbers_in(a.text), numbers_in(b.text)
            if na and nb and na.isdisjoint(nb):
                va, vb = ", ".join(sorted(na)), ", ".join(sorted(nb))
                found.append(Divergence(
                    kind="conflict",
                    text=f"Numbers differ: {va} vs {vb}",
                    articles=(a.article_id, b.article_id),
                    evidence={a.article_id: a.text, b.article_id: b.text},
                    slot="number",
                    values={a.article_id: va, b.article_id: vb},
                ))
    return found


def _omissions(facts: Sequence[Fact], article_ids: Sequence[str]) -> list[Divergence]:
    n = len(article_ids)
    if n < 3:
        return []
    out = []
    for fact in facts:
        missing = [a for a in article_ids if a not in fact.support]
        if len(fact.support) >= n - 1 and len(missing) == 1:
            out.append(Divergence(kind="omitted", text=f"Carried by {len(fact.support)} of {n}, not by this one: {fact.text}", articles=tuple(missing), evidence=dict(fact.wordings)))
    return out


def _only_one(index: SentenceIndex, facts: Sequence[Fact], article_ids: Sequence[str], per_article: int) -> list[Divergence]:
    in_fact = {w for f in facts for w in f.wordings.values()}
    sim = index.similarity
    sents = index.sentences
    out = []
    for a in article_ids:
        mine = [i for i, s in enumerate(sents) if s.article_id == a and s.text not in in_fact and len(s.text.split()) >= 8]
        lonely = [i for i in mine if all(sim[i, j] < SAME_FACT - 0.1 for j, t in enumerate(sents) if t.article_id != a)]
        for i in lonely[:per_article]:
            out.append(Divergence(kind="only_one", text=sents[i].text, articles=(a,), evidence={a: sents[i].text}))
    return out
