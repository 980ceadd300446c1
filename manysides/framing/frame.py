"""Per outlet: loaded terms vs neutral counterparts, opinion share, lead, whose quotes."""

from __future__ import annotations

import re
from collections import Counter
from typing import Mapping, Sequence

from ..records import Article, Fact, Framing, Quote, Sentence, TermContrast

__all__ = ["frame_articles", "opinion_score", "TERM_PAIRS"]

#: Loaded term -> neutral counterpart, for contested vocabulary of news coverage.
#: A seed list; the contrast is only reported when the story itself uses both sides.
TERM_PAIRS: dict[str, str] = {
    "illegal immigrants": "undocumented immigrants",
    "illegal immigrant": "undocumented immigrant",
    "illegal aliens": "undocumented immigrants",
    "illegal alien": "undocumented immigrant",
    "illegals": "undocumented immigrants",
    "sanctuary state": "state limiting cooperation with ICE",
    "sanctuary city": "city limiting cooperation with ICE",
    "pro-abortion": "abortion-rights",
    "pro-life": "anti-abortion",
    "death tax": "estate tax",
    "gun grabbers": "gun-control advocates",
    "regime": "government",
    "slammed": "criticized",
    "blasted": "criticized",
    "crackdown": "enforcement",
}

_FIRST_PERSON = re.compile(r"\b(I|I'm|I’m|me|my|we|our|us)\b")
_ADDRESS = re.compile(r"\b(you|your)\b", re.I)
_EVALUATIVE = re.compile(r"\b(of course|obviously|clearly|purely|absurd|ridiculous|outrageous|disgraceful|shameful|common sense|the fact of the matter|period)\b", re.I)
_EXCLAIM = re.compile(r"!\s*$")


def opinion_score(sentence: str) -> float:
    """0..1: how much a sentence reads as commentary rather than reporting.

    Text inside quotation marks is someone else's words, so it is ignored.
    """
    outside = re.sub(r"[\"“][^\"”]*[\"”]", " ", sentence)
    score = 0.0
    if _FIRST_PERSON.search(outside):
        score += 0.45
    if _ADDRESS.search(outside):
        score += 0.3
    if _EVALUATIVE.search(outside):
        score += 0.4
    if _EXCLAIM.search(outside) or outside.rstrip().endswith("?"):
        score += 0.3
    return min(score, 1.0)


def _loaded_terms(article: Article, story_text: str) -> tuple[TermContrast, ...]:
    low = article.text.lower()
    out = []
    for term, neutral in TERM_PAIRS.items():
        count = len(re.findall(rf"\b{re.escape(term)}\b", low))
        if not count:
            continue
        sentences = tuple(s for s in re.split(r"(?<=[.!?])\s+", article.text) if term in s.lower())[:3]
        used_by_others = neutral.split()[0] in story_text
        out.append(TermContrast(term, neutral if used_by_others else "", count, sentences))
    return tuple(sorted(out, key=lambda t: -t.count))


def frame_articles(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    facts: Sequence[Fact],
    quotes: Sequence[Quote],
) -> list[Framing]:
    story = " ".join(a.text.lower() for a in articles)
    out = []
    for a in articles:
        sents = sentences.get(a.id, ())
        opinions = [s.text for s in sents if opinion_score(s.text) >= 0.4]
        lead = " ".join(s.text for s in sents[:2])
        lead_sents = {s.text for s in sents[:3]}
        in_facts = sum(1 for f in facts if a.id in f.support and f.wordings.get(a.id) in lead_sents)
        speakers = Counter(q.speaker or "unknown" for q in quotes if a.id in q.sources)
        out.append(Framing(
            article_id=a.id,
            source=a.source,
            loaded_terms=_loaded_terms(a, story),
            opinion_share=round(len(opinions) / len(sents), 3) if sents else 0.0,
            opinion_sentences=tuple(opinions[:5]),
            lead=lead,
            lead_fact_share=round(in_facts / max(1, min(3, len(sents))), 3),
            quoted_speakers=dict(speakers.most_common()),
        ))
    return out
