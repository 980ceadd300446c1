"""Per outlet: loaded terms vs neutral counterparts, opinion share, lead, whose quotes.

Everything is read from the outlet's own words (quotations blanked out: a loaded word
in a quote is the speaker's, not the outlet's) and compared with the other outlets
of the same story:

* loaded terms: contested terms ("illegal aliens"), the writer's verdict words
  ("rusting wreck") and BASIL/NeuS-learned loaded words ("slammed"). The neutral
  counterpart comes from the story itself: the wording other outlets use in the
  same agreed fact ("slammed" where others wrote "criticized"), else the contested
  term's counterpart when another outlet writes it ("undocumented immigrants").
  A word most other outlets use too is the story's vocabulary, not one outlet's frame.
* opinion share: the share of its body sentences that read as commentary.
* lead: its first body sentences, and how much of them is agreed fact.
* quotes: whose words it carries, and how many.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from typing import Mapping, Sequence

from ..records import Article, Fact, Framing, Quote, Sentence, TermContrast
from ..text.loaded import contested_terms, loaded_spans
from ..text.cues import OPINION_CUTOFF, is_headline, opinion_score, strip_quotes

__all__ = ["frame_articles", "opinion_score", "body_sentences", "LEAD_SENTENCES"]

#: The lead: a reader's first impression is the first two or three sentences of the body.
LEAD_SENTENCES = 3
#: Sentences shown as evidence per term and opinion sentences kept per outlet.
EVIDENCE = 3
MAX_OPINION_SENTENCES = 6
#: A loaded word used (outside quotes) by this share of the other outlets is the story's vocabulary.
SHARED_VOCABULARY = 0.5
#: A substitution counts only between short spans: longer differences are rewrites, not word choice.
MAX_SWAP_WORDS = 3
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


def body_sentences(sentences: Sequence[Sentence]) -> list[Sentence]:
    """Sentences of the article's body: headlines, captions and fragments left out."""
    return [s for s in sentences if len(s.text.split()) >= 4 and not is_headline(s.text)]


def _hits(text: str) -> list[str]:
    """Loaded spans in the writer's own voice, adjacent hits joined ("rusting wreck")."""
    outside = strip_quotes(text)
    merged: list[list[int]] = []
    for a, b in loaded_spans(outside):
        if merged and re.fullmatch(r"[\s-]*", outside[merged[-1][1] : a]):
            merged[-1][1] = b
        else:
            merged.append([a, b])
    return [" ".join(outside[a:b].lower().split()) for a, b in merged]


def _swaps(mine: str, theirs: str) -> list[tuple[str, str]]:
    """(my words, their words) where two wordings of one fact differ by a short substitution."""
    a, b = _WORD.findall(strip_quotes(mine)), _WORD.findall(strip_quotes(theirs))
    la, lb = [w.lower() for w in a], [w.lower() for w in b]
    out = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, la, lb, autojunk=False).get_opcodes():
        if op == "replace" and i2 - i1 <= MAX_SWAP_WORDS and j2 - j1 <= MAX_SWAP_WORDS:
            out.append((" ".join(la[i1:i2]), " ".join(lb[j1:j2])))
    return out


def _neutral_from_facts(article_id: str, term: str, facts: Sequence[Fact]) -> tuple[str, str]:
    """The words other outlets use where this one uses ``term`` in an agreed fact, and their sentence."""
    counts: Counter[str] = Counter()
    evidence: dict[str, str] = {}
    for fact in facts:
        mine = fact.wordings.get(article_id)
        if not mine or term not in mine.lower():
            continue
        for other, wording in fact.wordings.items():
            if other == article_id:
                continue
            for own, their in _swaps(mine, wording):
                if term in own or own in term:
                    counts[their] += 1
                    evidence.setdefault(their, wording)
    if not counts:
        return "", ""
    best = counts.most_common(1)[0][0]
    return best, evidence[best]


def _contested_neutral(term: str, others_text: str, story_text: str) -> str:
    """The counterpart of a contested term as another outlet writes it, else as the story writes it
    anywhere (a blog quoting a wire report's "undocumented immigrants"), "" if it never does."""
    for loaded, neutral, _ in contested_terms():
        if loaded.fullmatch(term):
            for text in (others_text, story_text):
                found = Counter(" ".join(m.group(0).lower().split()) for m in neutral.finditer(text))
                if found:
                    return found.most_common(1)[0][0]
    return ""


def _loaded_terms(article: Article, body: Sequence[Sentence], others: Mapping[str, str], facts: Sequence[Fact], story_text: str) -> tuple[TermContrast, ...]:
    used: dict[str, list[str]] = defaultdict(list)
    for s in body:
        for term in _hits(s.text):
            used[term].append(s.text)
    others_text = "\n".join(others.values())
    others_voice = {aid: " ".join(_hits(text)) for aid, text in others.items()}
    out = []
    for term, sentences in used.items():
        if others and sum(term in voice for voice in others_voice.values()) / len(others) >= SHARED_VOCABULARY:
            continue  # most outlets say it: the story's word, not this outlet's choice
        neutral, _ = _neutral_from_facts(article.id, term, facts)
        neutral = neutral or _contested_neutral(term, others_text, story_text)
        out.append(TermContrast(term, neutral, len(sentences), tuple(dict.fromkeys(sentences))[:EVIDENCE]))
    # contrasts the story itself shows first, then the most used
    return tuple(sorted(out, key=lambda t: (not t.neutral, -t.count, t.term)))


def _speakers(article_id: str, quotes: Sequence[Quote]) -> dict[str, int]:
    """Speaker -> quotes this outlet carries, a short name folded into the full one ("Grant" -> "Tobias Grant")."""
    words: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    for q in quotes:
        if article_id in q.sources:
            name = " ".join(w for w in q.speaker.split() if not re.fullmatch(r"[A-Z]\.", w)) or "unnamed"  # "Dannel P. Malloy"
            counts[name] += 1
            words[name] += len(q.text.split())
    names = list(counts)
    for short in names:
        full = [n for n in names if n != short and n.lower().endswith(" " + short.lower())]
        if len(full) == 1 and short in counts:
            counts[full[0]] += counts.pop(short)
            words[full[0]] += words.pop(short)
    folded: Counter[str] = Counter()
    spelled: dict[str, str] = {}
    for name, c in counts.items():  # "The department" and "the department" are one speaker
        key = name.lower()
        spelled.setdefault(key, name)
        folded[key] += c
        words[spelled[key]] += 0
    return {spelled[k]: c for k, c in sorted(folded.items(), key=lambda kv: (-kv[1], -words[spelled[kv[0]]], kv[0]))}


def _lead_fact_share(article_id: str, lead: Sequence[Sentence], facts: Sequence[Fact]) -> float:
    agreed = {f.wordings[article_id] for f in facts if article_id in f.wordings and len(f.support) >= 2}
    return round(sum(s.text in agreed for s in lead) / len(lead), 3) if lead else 0.0


def frame_articles(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    facts: Sequence[Fact],
    quotes: Sequence[Quote],
) -> list[Framing]:
    """One ``Framing`` per article, in the articles' order."""
    bodies = {a.id: body_sentences(sentences.get(a.id, ())) for a in articles}
    texts = {a.id: "\n".join(s.text for s in bodies[a.id]) for a in articles}
    story_text = "\n".join(texts.values())
    out = []
    for a in articles:
        body = bodies[a.id]
        scored = [(opinion_score(s.text), s) for s in body]
        opinions = [s for score, s in scored if score >= OPINION_CUTOFF]
        strongest = sorted(opinions, key=lambda s: -opinion_score(s.text))[:MAX_OPINION_SENTENCES]
        lead = body[:LEAD_SENTENCES]
        others = {aid: t for aid, t in texts.items() if aid != a.id}
        out.append(Framing(
            article_id=a.id,
            source=a.source,
            loaded_terms=_loaded_terms(a, body, others, facts, story_text),
            opinion_share=round(len(opinions) / len(body), 3) if body else 0.0,
            opinion_sentences=tuple(s.text for s in sorted(strongest, key=lambda s: s.index)),
            lead=" ".join(s.text for s in lead[:2]),
            lead_fact_share=_lead_fact_share(a.id, lead, facts),
            quoted_speakers=_speakers(a.id, quotes),
        ))
    return out
