"""Citations widened to every outlet that states the same fact, in its own words.

The summarizer cites the articles that carry a summary line word for word. The align
stage knows more: which sentences of other outlets state the same fact (a paraphrase,
with the same numbers and dates; a sentence with a conflicting value is never in the
same fact). A summary line taken from a fact's sentence therefore cites every article
of that fact, and each citation points at that article's own sentence, so a reader can
check every ``[n]`` against the words that outlet used.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from ..records import Fact, SummarySentence
from ..text.cues import named_reporters

__all__ = ["cite_fact_support"]


def cite_fact_support(summary: Sequence[SummarySentence], facts: Sequence[Fact], article_order: Sequence[str]) -> list[SummarySentence]:
    """``summary`` with each line's sources extended by the facts its source sentences belong to."""
    fact_of: dict[tuple[str, str], Fact] = {(aid, text): f for f in facts for aid, text in f.wordings.items()}
    rank = {aid: i for i, aid in enumerate(article_order)}
    out = []
    for line in summary:
        cited = dict(line.source_sentences)
        reporters = named_reporters(line.text)
        for aid, text in list(cited.items()):
            fact = fact_of.get((aid, text))
            if fact is not None:
                for other, wording in fact.wordings.items():
                    if all(r in wording for r in reporters):  # "…, CBS Boston reports" is not [2]'s word if [2] never names it
                        cited.setdefault(other, wording)
        if len(cited) == len(line.source_sentences):
            out.append(line)
            continue
        first = line.sources[0]  # the article the words are taken from stays first
        order = [first] + sorted((a for a in cited if a != first), key=lambda a: rank.get(a, len(rank)))
        out.append(replace(line, sources=tuple(order), source_sentences={a: cited[a] for a in order}))
    return out
