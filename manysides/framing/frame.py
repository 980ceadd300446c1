"""Per outlet: loaded terms vs neutral counterparts, opinion share, lead, whose quotes.

Everything is read from the outlet's own words (quotations blanked out: a loaded word
in a quote is the speaker's, not the outlet's) and compared with the other outlets
of the same story:

* loaded terms: contested terms ("illegal aliens"), the writer's verdict words
  ("rusting wreck") and BASIL/NeuS-learned loaded words ("slammed"), in the writer's
  own voice (not in a quote, not a capitalised name or a law's title). A term is shown
  only with its evidence from the story (issue #21): another outlet names the same
  thing in other words, found three ways: the wording other outlets use in the same
  agreed fact ("slammed" where others wrote "criticized"); the plain role noun other
  outlets give the same referent ("North Korean dictator" where others write "North
  Korean leader"); a contested term's specific counterpart written by another outlet
  ("undocumented immigrants"). A word list alone flags ordinary reporting
  ("threatened", "doubled"), so a term with no counterpart is not shown, unless it is a
  verdict or a pejorative label whole ("fiasco", "despot": ``text.loaded.SPEAKS_FOR_ITSELF``),
  which no report writes in its own voice. A word most
  other outlets use too is the story's vocabulary, not one outlet's frame.
* opinion share: the share of its body sentences in the writer's own evaluative voice
  (``text.cues.is_commentary``: no quotes, no attribution, no site prompts).
* lead: its first body sentences, and how much of them is agreed fact.
* quotes: whose words it carries, and how many.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from typing import Mapping, Sequence

from ..records import Article, Fact, Framing, Quote, Sentence, TermContrast
from ..text.sentences import dateline_end
from ..text.cues import (
    SAYING_WORD, declares_commentary, filed_as_commentary, gallery_captions, in_credited_caption, in_wire_caption, is_commentary, is_furniture, is_headline, opinion_score, running_quotes, strip_closed_quotes, strip_quotes,
)
from ..text.loaded import SPEAKS_FOR_ITSELF, contested_terms, has_loaded_term, loaded_spans, loaded_words
from ..text.words import STOP_WORDS

__all__ = ["frame_articles", "opinion_score", "body_sentences", "LEAD_SENTENCES"]

#: The lead: a reader's first impression is the first two or three sentences of the body.
LEAD_SENTENCES = 3
#: Sentences shown as evidence per term and opinion sentences kept per outlet.
EVIDENCE = 3
MAX_OPINION_SENTENCES = 6
#: A loaded word used (outside quotes) by this share of the other outlets, or by SHARED_BY of
#: them, is the story's vocabulary ("regime" in three of nineteen reports of a missile launch).
SHARED_VOCABULARY = 0.5
SHARED_BY = 2
#: A substitution counts only between short spans: longer differences are rewrites, not word choice.
MAX_SWAP_WORDS = 3
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


#: A dateline this many body sentences in, or fewer, opens the story: what comes before it is a
#: page's teaser (a video's blurb, a caption), not the lead.
DATELINE_WITHIN = 4


def _from_the_dateline(body: Sequence[Sentence]) -> Sequence[Sentence]:
    """The body from its dateline on ("MELBOURNE, Fla. — Can you feel it?"), where one opens a
    paragraph among its first sentences; else the whole body (a reader met a video's blurb,
    "CLOSE CEO of Tesla … Josh King has the story", as a report's "Leads with")."""
    for k, s in enumerate(body[:DATELINE_WITHIN]):
        if k and dateline_end(s.text) and body[k - 1].paragraph != s.paragraph:
            return body[k:]
    return body


def _once_each(body: Sequence[Sentence]) -> list[Sentence]:
    """The body with each sentence once: a page that runs its first line twice (above and under
    its photo) "led with" it twice in a reader's brief."""
    seen: set[str] = set()
    out = []
    for s in body:
        key = " ".join(s.text.split())
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def body_sentences(sentences: Sequence[Sentence]) -> list[Sentence]:
    """Sentences of the article's body: headlines, captions (a slideshow's too), credits and
    fragments left out."""
    captions = [g or w or c for g, w, c in zip(gallery_captions(sentences), in_wire_caption(sentences), in_credited_caption(sentences))]
    return [
        s for s, caption in zip(sentences, captions)
        if len(s.text.split()) >= 4 and not is_headline(s.text) and not is_furniture(s.text) and not caption
    ]


def _hits(text: str) -> list[str]:
    """Loaded spans in the writer's own voice, adjacent hits joined ("rusting wreck"); a
    capitalised word past the sentence's first is part of a name or a title ("Dangerous
    Drugs Act", "the Regime Change Caucus"), not a word choice."""
    outside = strip_quotes(text)
    return [" ".join(outside[a:b].lower().split()) for a, b in _hit_spans(outside)]


def _hit_spans(outside: str) -> list[tuple[int, int]]:
    """Spans in ``outside``: a text whose quotations are already blanked out (``strip_quotes``
    shortens the text, so spans found in it are read in it, not in the sentence as written)."""
    first_word = re.match(r"\W*", outside).end()
    merged: list[list[int]] = []
    for a, b in loaded_spans(outside):
        if a > first_word and outside[a].isupper():
            continue
        if outside[a - 1 : a] in ("'", "‘") and outside[b : b + 1] in ("'", "’"):
            continue  # "calling it a 'band-aid'": a word in single quotes is someone else's
        if _ordinary_form(outside[a:b]):
            continue
        if merged and re.fullmatch(r"[\s-]*", outside[merged[-1][1] : a]):
            merged[-1][1] = b
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def _ordinary_form(term: str) -> bool:
    """A word the learned lexicon holds as a verb or an adverb ("threatened", "doubled",
    "seized", "apparently"): in news copy these are mostly ordinary reporting. Only the
    contested terms ("slammed") and the verdict words ("fiasco") are flagged in these forms."""
    if has_loaded_term(term):
        return False
    return bool(re.search(r"(?:ed|ing|ly|s)$", term.lower()))


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
    """The counterpart of a contested term as another outlet writes it, else as the story writes
    it anywhere (a blog quoting a memo's "undocumented immigrants"), "" if it never does. Only
    specific counterparts count ("undocumented immigrants", "estate tax"): a generic one
    ("government" for "regime", "criticized" for "slammed") is in every story and says nothing
    about this referent; those need ``_role_neutral`` or an agreed fact."""
    for loaded, neutral, _ in contested_terms():
        if loaded.fullmatch(term):
            for text in (others_text, story_text):
                found = Counter(" ".join(m.group(0).lower().split()) for m in neutral.finditer(text))
                specific = [w for w, _ in found.most_common() if len(re.findall(r"\w+", w)) >= 2]
                if specific:
                    return specific[0]
    return ""


_ANCHOR_WORD = r"[A-Za-z][\w'’.-]*"


#: Loaded names for a person, a government or a group, each with the plain role nouns outlets use
#: for the same referent ("regime" / "government", never "regime" / "president"). "Extremist" is
#: not here: readers of the labelled dev stories took "extremist group" for a standard descriptor.
ROLE_CONTRASTS = (
    (r"dictators?|despots?|tyrants?|strongman", r"leaders?|president|chairman|ruler"),
    (r"regime", r"government|administration|leadership"),
    (r"thugs?|mobs?|hordes?|invaders?", r"protesters|demonstrators|crowds?|migrants|men|people|group|attackers?|fighters|militants?"),
    (r"fanatics?|maniacs?", r"attackers?|assailants?|gunm[ae]n|drivers?|suspects?|man"),
)


def _role_neutral(sentences: Sequence[str], term: str, others: Mapping[str, str]) -> str:
    """The plain role noun other outlets give the same referent where this one writes a loaded
    one: the same word before it ("North Korean dictator" / "North Korean leader") or the same
    name after it ("despot Kim Jong-un" / "leader Kim Jong-un"), counted by outlets."""
    plain_roles = next((plain for loaded, plain in ROLE_CONTRASTS if re.fullmatch(loaded, term, re.I)), "")
    if not plain_roles:
        return ""
    votes: Counter[str] = Counter()
    for sentence in sentences:
        outside = strip_quotes(sentence)
        # two capitalised words before it are one anchor: "North Korean" is not "South Korean"
        left_part = rf"(?:(?P<left>[A-Z][\w'’.-]*\s+[A-Z][\w'’.-]*|{_ANCHOR_WORD})\s+)?"
        # only the term ignores case: the anchors' capitals say which words are names
        for m in re.finditer(rf"{left_part}(?i:{re.escape(term)})\b(?:\s+(?P<right>[A-Z][\w'’-]+))?", outside):
            patterns = []
            left, right = m.group("left"), m.group("right")
            if left and left.lower() not in STOP_WORDS and not any(re.fullmatch(lo, left, re.I) for lo, _ in ROLE_CONTRASTS):
                patterns.append(rf"\b{re.escape(left)}\s+({plain_roles})\b")
            if right:
                patterns.append(rf"\b({plain_roles})\s+{re.escape(right)}\b")
            for text in others.values():
                plain = strip_closed_quotes(text)
                votes.update({w.lower() for p in patterns for w in re.findall(p, plain, re.I)})
    return votes.most_common(1)[0][0] if votes else ""


def _plain_word_for(term: str, neutral: str, weights: Mapping[str, float]) -> bool:
    """A counterpart a reader can take as the same thing said plainly: as many words as the
    term, real words, not function words, not loaded themselves ("the" for "huge", "same
    launchpad as" for "historic" are no counterparts)."""
    words = neutral.split()
    return (
        len(words) == len(term.split())
        and all(w.isalpha() and w not in STOP_WORDS for w in words)
        and not any(weights.get(w, 0) >= 3 for w in words)
        and not _hits(neutral)
    )


def _reported_before(sentence: str, term: str) -> bool:
    """A verb of saying comes before the term ("Rodriguez says the vote was a sham"): the word may
    be the speaker's, told in reported speech, not the outlet's."""
    outside = strip_quotes(sentence)
    at = outside.lower().find(term)
    return at > 0 and bool(SAYING_WORD.search(outside, 0, at))


def _loaded_terms(
    article: Article, body: Sequence[Sentence], quoted: set[int], others: Mapping[str, str], facts: Sequence[Fact], story_text: str,
) -> tuple[TermContrast, ...]:
    used: dict[str, list[str]] = defaultdict(list)
    for s in body:
        if s.index in quoted:
            continue  # a speaker's words, carried on from an earlier sentence's quote
        for term in _hits(s.text):
            used[term].append(s.text)
    others_text = "\n".join(others.values())
    others_voice = {aid: " ".join(_hits(text)) for aid, text in others.items()}
    out = []
    weights = loaded_words()
    for term, sentences in used.items():
        sharing = sum(term in voice for voice in others_voice.values())
        if others and (sharing >= SHARED_BY or sharing / len(others) >= SHARED_VOCABULARY):
            continue  # other outlets say it too: the story's word, not this outlet's choice
        neutral, _ = _neutral_from_facts(article.id, term, facts)
        if neutral and not _plain_word_for(term, neutral, weights):
            neutral = ""
        neutral = (
            neutral or _role_neutral(sentences, term, others) or _contested_neutral(term, others_text, story_text)
        )
        if not neutral:  # no other outlet says it otherwise: only a verdict or a pejorative label, in the outlet's voice
            if not SPEAKS_FOR_ITSELF.fullmatch(term):
                continue
            sentences = [t for t in sentences if not _reported_before(t, term)]
            if not sentences:
                continue
        out.append(TermContrast(term, neutral, len(sentences), tuple(dict.fromkeys(sentences))[:EVIDENCE]))
    return tuple(sorted(out, key=lambda t: (-t.count, t.term)))


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
        own = sentences.get(a.id, ())
        quoted = {s.index for s, q in zip(own, running_quotes(own)) if q}
        opinions = [s for s in body if is_commentary(s.text, quoted=s.index in quoted)]
        strongest = sorted(opinions, key=lambda s: -opinion_score(s.text))[:MAX_OPINION_SENTENCES]
        lead = _once_each(_from_the_dateline(body))[:LEAD_SENTENCES]
        others = {aid: t for aid, t in texts.items() if aid != a.id}
        declared = next((s.text for s in own if declares_commentary(s.text)), "") or (a.url if filed_as_commentary(a.url) else "")
        out.append(Framing(
            article_id=a.id,
            source=a.source,
            loaded_terms=_loaded_terms(a, body, quoted, others, facts, story_text),
            opinion_share=round(len(opinions) / len(body), 3) if body else 0.0,
            declared_commentary=declared,
            opinion_sentences=tuple(s.text for s in sorted(strongest, key=lambda s: s.index)),
            lead=" ".join(s.text for s in lead[:2]),
            lead_fact_share=_lead_fact_share(a.id, lead, facts),
            quoted_speakers=_speakers(a.id, quotes),
        ))
    return out
