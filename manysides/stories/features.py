"""Cheap per-article features for online story clustering.

An article becomes a sparse hashed vector of
* content words (lower-cased, stop words out, sublinear tf), and
* "anchors": names, numbers and dates, boosted and also kept as a set.

Anchors are what keep look-alike events apart: two earthquakes share "magnitude",
"killed" and "rubble", but not "Sumatra"/"Chile", "7.6"/"8.8" or "30 September".
The headline and lead say what happened, the tail drifts into background ("the last
quake here, in 2004, ..."), so the first ``LEAD_SENTENCES`` count ``LEAD_WEIGHT`` times.

Names come from the article's own use of case, not from a tagger: a word is a name when
the article writes it capitalised in mid-sentence more often than in lower case. That
one rule also finds names at the start of a sentence and in Title-Case headlines
("Lindsay Lohan Checks Into Rehab" gives "lindsay lohan", not "checks into rehab").
No spaCy here: en_core_web_sm NER costs ~16 ms for a 3-sentence lead and ~60 ms for
400 words, these heuristics ~0.5 ms, and the clustering needs hundreds of articles a
second on one core.

Hashing (crc32 into 2**20 buckets) keeps the vectors stable across processes and
machines, so they can be stored and a resumed ingest sees the same numbers.
"""

from __future__ import annotations

import math
import re
import zlib
from dataclasses import dataclass
from typing import Callable

import numpy as np

from ..text.cues import is_web_address
from ..text.sentences import rough_sentences
from ..text.words import WEEKDAYS

__all__ = ["ArticleFeatures", "featurize", "DocumentFrequencies", "DIM", "weigh", "anchor_key"]

DIM = 1 << 20
#: Anchor features count this many times a content word (tuned on ECB+ topics 1-22, see bench).
ANCHOR_BOOST = 2.0
#: Words read per article: the lead carries the event; the tail drifts into background.
MAX_WORDS = 400
#: Headline + lead sentences, whose words and anchors count ``LEAD_WEIGHT`` times. On ECB+
#: topics 1-22 this raised the within-topic pair AUC (same event vs look-alike event)
#: from 0.930 to 0.945; weights 2-4 and 2-4 sentences were all within 0.005 of it.
LEAD_SENTENCES = 3
LEAD_WEIGHT = 3.0
#: The headline (``featurize``'s title, when given) counts more than the lead: on real pages
#: the body's first sentences are often leftovers ("Photo", a newsletter prompt) or background,
#: the headline names the event. On the dated development stream (real_stories, BCubed F1,
#: whole / its halves by story-id hash): title weight 1 0.872 / 0.870 / 0.871, 3 (as the
#: lead) 0.880 / 0.877 / 0.880, 6 0.890 / 0.880 / 0.888, 10 0.888 / 0.885 / 0.888. ECB+ has
#: no titles: unchanged.
TITLE_WEIGHT = 6.0

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|\d+(?:[.,:]\d+)*(?:st|nd|rd|th)?")
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)$")
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3,
    "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_ABBR = ("", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: Words seen are hashed and lower-cased once (a stream repeats its vocabulary: ~2x
#: faster features on ECB+); each cache is emptied when it reaches this many entries.
_CACHE_SIZE = 200_000
_HASHED: dict[str, int] = {}
_LOWERED: dict[str, str] = {}
_WEEKDAYS = set(WEEKDAYS)


def _stop_words() -> frozenset[str]:
    """Words that name no event: scikit-learn's English list and the words of news copy. The
    weights and thresholds of ``stories`` were tuned with it (``manysides bench stories``):
    re-tune to change."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    extra = {"said", "says", "told", "according", "reported", "news", "new", "year", "years",
             "mr", "mrs", "ms", "dr", "http", "https", "www", "com", "html", "s", "t"}
    return frozenset(ENGLISH_STOP_WORDS | extra)


STOP = _stop_words()
#: Never names, however they are written: stop words and calendar words.
_NOT_NAMES = STOP | set(_MONTHS) | _WEEKDAYS


@dataclass(frozen=True, slots=True)
class ArticleFeatures:
    """Raw counts of one article (weighting happens at assignment, with current IDF)."""

    counts: dict[int, float]  # hashed feature -> sublinear tf (lead and anchors already boosted)
    anchors: frozenset[str]  # "e:tara reid", "n:7.6", "d:sep 30", "y:2013"
    n_words: int


def _h(feature: str) -> int:
    key = _HASHED.get(feature)
    if key is None:
        if len(_HASHED) >= _CACHE_SIZE:  # a stream's vocabulary keeps growing: start afresh
            _HASHED.clear()
        key = _HASHED[feature] = zlib.crc32(feature.encode("utf-8")) & (DIM - 1)
    return key


def _lower(tok: str) -> str:
    """The token's lower-case form, a possessive dropped ("Lohan's" -> "lohan")."""
    low = _LOWERED.get(tok)
    if low is None:
        if len(_LOWERED) >= _CACHE_SIZE:
            _LOWERED.clear()
        low = _LOWERED[tok] = _base(tok.lower()) if tok[-1] in "sS" else tok.lower()
    return low


def anchor_key(anchor: str) -> int:
    """The hashed feature an anchor is counted under (its prefix keeps it apart from words)."""
    return _h(anchor)


def featurize(text: str, title: str = "") -> ArticleFeatures:
    """Content words and anchors of the title and the first ``MAX_WORDS`` words."""
    sentences = _sentences(f"{title}\n{text}" if title else text)
    lowered = [[_lower(t) for t in tokens] for tokens in sentences]  # once, for both passes
    names = _name_words(sentences, lowered)
    tf: dict[str, float] = {}
    anchors: dict[str, float] = {}
    for i, (tokens, lows) in enumerate(zip(sentences, lowered)):
        _collect(tokens, lows, names, tf, anchors, TITLE_WEIGHT if i == 0 and title else LEAD_WEIGHT if i < LEAD_SENTENCES else 1.0)
    counts: dict[int, float] = {}
    for word, n in tf.items():
        key = _h(word)
        counts[key] = counts.get(key, 0.0) + _sublinear(n)
    for anchor, n in anchors.items():
        key = _h(anchor)
        counts[key] = counts.get(key, 0.0) + ANCHOR_BOOST * _sublinear(n)
    return ArticleFeatures(counts, frozenset(anchors), sum(map(len, sentences)))


def _sublinear(n: float) -> float:
    return 1.0 + math.log(n)  # n >= 1: every weight is >= 1


def _sentences(text: str) -> list[list[str]]:
    """Token lists of the sentences holding the first ``MAX_WORDS`` words (bare URL lines out)."""
    out: list[list[str]] = []
    n_words = 0
    for line in text.split("\n"):
        if is_web_address(line):  # a pasted address names the outlet and the slug, not the event
            continue
        for sentence in rough_sentences(line):
            tokens = _TOKEN.findall(sentence)
            if tokens:
                out.append(tokens)
                n_words += len(tokens)
                if n_words >= MAX_WORDS:
                    return out
    return out


def _title_case(tokens: list[str]) -> bool:
    """A headline-style sentence, where capitals say nothing about names."""
    words = [t for t in tokens if len(t) > 3 and t[0].isalpha()]
    return len(words) >= 3 and sum(t[0].isupper() for t in words) >= 0.7 * len(words)


def _name_words(sentences: list[list[str]], lowered: list[list[str]]) -> frozenset[str]:
    """Words this article writes capitalised mid-sentence more often than in lower case."""
    upper: dict[str, int] = {}
    lower: dict[str, int] = {}
    for tokens, lows in zip(sentences, lowered):
        if _title_case(tokens):
            continue
        for tok, low in zip(tokens[1:], lows[1:]):  # the first word of a sentence is capitalised anyway
            if tok[0].isalpha():
                seen = upper if tok[0].isupper() else lower
                seen[low] = seen.get(low, 0) + 1
    return frozenset(w for w, n in upper.items() if n > lower.get(w, 0) and len(w) > 1 and w not in _NOT_NAMES)


def _base(low: str) -> str:
    """Drop a possessive ("lohan's" -> "lohan")."""
    return low[:-2] if low.endswith(("'s", "’s")) else low


def _collect(tokens: list[str], lows: list[str], names: frozenset[str], tf: dict[str, float], anchors: dict[str, float], weight: float) -> None:
    """Add one sentence's words and anchors (``lows``: its tokens lowered), each counting ``weight``."""
    phrase: list[str] = []

    def add(anchor: str) -> None:
        anchors[anchor] = anchors.get(anchor, 0.0) + weight

    def close_phrase() -> None:
        if phrase:
            add("e:" + " ".join(phrase))
            if len(phrase) > 1:  # "Reid" alone must also meet "Tara Reid"
                add("e:" + phrase[-1])
            phrase.clear()

    for i, (tok, low) in enumerate(zip(tokens, lows)):
        if tok[0].isdigit():
            close_phrase()
            _number(tokens, i, add)
            continue
        if low in STOP or len(low) < 2:
            close_phrase()
            continue
        tf[low] = tf.get(low, 0.0) + weight
        if low in names:
            phrase.append(low)
        else:
            close_phrase()
    close_phrase()


def _number(tokens: list[str], i: int, add: Callable[[str], None]) -> None:
    """Anchors of the number at ``tokens[i]``: a year, a plain number, a day of a month."""
    tok = _ORDINAL.sub("", tokens[i])
    if len(tok) == 4 and tok.isdigit() and tok.startswith(("19", "20")):
        add("y:" + tok)
        return
    if tok in ("0", "1"):
        return
    add("n:" + tok)
    if tok.isdigit() and 1 <= int(tok) <= 31:  # "May 03", "3 May", "May 3rd" -> "d:may 3"
        month = _MONTHS.get(tokens[i - 1].lower()) if i > 0 else None
        if month is None and i + 1 < len(tokens):
            month = _MONTHS.get(tokens[i + 1].lower())
        if month is not None:
            add(f"d:{_MONTH_ABBR[month]} {int(tok)}")


class DocumentFrequencies:
    """Online document frequencies over hashed features (the IDF of everything seen so far)."""

    def __init__(self, df: np.ndarray | None = None, n_docs: int = 0) -> None:
        self.df = df if df is not None else np.zeros(DIM, dtype=np.uint32)
        self.n_docs = n_docs

    def add(self, features: ArticleFeatures) -> None:
        keys = np.fromiter(features.counts.keys(), dtype=np.int64, count=len(features.counts))
        self.df[keys] += 1
        self.n_docs += 1

    def idf(self, keys: np.ndarray) -> np.ndarray:
        return np.log((1.0 + self.n_docs) / (1.0 + self.df[keys])) + 1.0


def weigh(features: ArticleFeatures, df: DocumentFrequencies) -> tuple[np.ndarray, np.ndarray]:
    """The article's L2-normalised TF-IDF vector as (indices int32, values float32)."""
    keys = np.fromiter(features.counts.keys(), dtype=np.int64, count=len(features.counts))
    values = np.fromiter(features.counts.values(), dtype=np.float64, count=len(features.counts))
    values = values * df.idf(keys)
    norm = float(np.linalg.norm(values)) or 1.0
    return keys.astype(np.int32), (values / norm).astype(np.float32)
