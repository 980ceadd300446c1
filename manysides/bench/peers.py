"""Peer summarizers for the Multi-News benchmark, all fed our own sentences.

Every peer ranks a cluster's sentences; ``fill`` then takes them best first
until the word budget, trimming the last one to fill it exactly (the same
budget, and a more generous trimming rule, than ours). The sumy summarizers get
our sentences through sumy's document model (one paragraph per article) and a
regex word tokenizer, since NLTK's punkt data cannot be downloaded offline.

* ``lead``: first sentences of each article, round robin;
* ``lexrank``, ``textrank``, ``lsa``, ``luhn``: sumy, English stop words and stemmer;
* ``centroid``: TF-IDF (fitted on the cluster) cosine to the cluster centroid;
* ``oracle``: greedy ROUGE-1+2 against the reference, a ceiling, not a peer.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache
from typing import Callable, Sequence

import numpy as np

from ..errors import DependencyError
from ..records import Sentence

__all__ = ["PEERS", "fill", "rank_lead", "rank_centroid", "rank_sumy", "oracle_summary"]

Ranker = Callable[[Sequence[Sequence[Sentence]]], list[Sentence]]
_WORD = re.compile(r"\w+(?:'\w+)?")


def fill(ranked: Sequence[Sentence], words: int) -> list[str]:
    """Texts of ``ranked`` best first under the word budget, the last trimmed to fill it."""
    out, used = [], 0
    for s in ranked:
        tokens = s.text.split()
        if used + len(tokens) > words:
            if words - used > 0:
                out.append(" ".join(tokens[: words - used]))
            break
        out.append(s.text)
        used += len(tokens)
    return out


def rank_lead(articles: Sequence[Sequence[Sentence]]) -> list[Sentence]:
    """First sentence of every article, then the second of every article, ..."""
    depth = max((len(a) for a in articles), default=0)
    return [a[k] for k in range(depth) for a in articles if k < len(a)]


def rank_centroid(articles: Sequence[Sequence[Sentence]]) -> list[Sentence]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    flat = [s for a in articles for s in a]
    try:
        x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform([s.text for s in flat])
    except ValueError:  # no content words at all
        return flat
    centroid = np.asarray(x.mean(axis=0)).ravel()
    scores = x @ centroid / (np.linalg.norm(centroid) or 1.0)
    return [flat[i] for i in np.argsort(-scores, kind="stable")]


class _Words:
    """sumy tokenizer stand-in: words by regex (sentences are ours already)."""

    language = "english"

    @staticmethod
    def to_words(text: str) -> list[str]:
        return _WORD.findall(text)

    @staticmethod
    def to_sentences(text: str) -> list[str]:
        return [text]


@lru_cache(maxsize=None)
def _sumy(name: str):
    """A sumy summarizer whose ``_get_best_sentences`` returns every sentence, best first."""
    try:
        from sumy.nlp.stemmers import Stemmer
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.summarizers.lsa import LsaSummarizer
        from sumy.summarizers.luhn import LuhnSummarizer
        from sumy.summarizers.text_rank import TextRankSummarizer
        from sumy.utils import get_stop_words
    except ImportError as exc:
        raise DependencyError("the peer summarizers need sumy: pip install 'manysides[bench]'") from exc
    base = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer, "lsa": LsaSummarizer, "luhn": LuhnSummarizer}[name]

    class Ranked(base):  # type: ignore[misc, valid-type]
        @staticmethod
        def _get_best_sentences(sentences, count, rating, *args, **kwargs):
            rate = (lambda s: rating[s]) if isinstance(rating, dict) else (lambda s: rating(s, *args, **kwargs))
            rated = [(rate(s), -order, s) for order, s in enumerate(sentences)]
            rated.sort(key=lambda r: (r[0], r[1]), reverse=True)
            return tuple(s for _, _, s in rated)

    summarizer = Ranked(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return summarizer


def rank_sumy(name: str, articles: Sequence[Sequence[Sentence]]) -> list[Sentence]:
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    flat = [s for a in articles for s in a]
    paragraphs = [Paragraph([SumySentence(s.text, _Words) for s in a]) for a in articles if a]
    document = ObjectDocumentModel(paragraphs)
    by_text: dict[str, Sentence] = {}
    for s in flat:
        by_text.setdefault(s.text.strip(), s)
    try:
        with warnings.catch_warnings():  # LSA warns on every short cluster (fewer words than sentences)
            warnings.simplefilter("ignore", UserWarning)
            ranked = _sumy(name)(document, len(flat))
    except (ValueError, ZeroDivisionError, np.linalg.LinAlgError):  # degenerate cluster (no shared words)
        return flat
    out = [by_text[str(s)] for s in ranked]
    return out or flat


PEERS: dict[str, Ranker] = {
    "lead": rank_lead,
    "lexrank": lambda a: rank_sumy("lexrank", a),
    "textrank": lambda a: rank_sumy("textrank", a),
    "lsa": lambda a: rank_sumy("lsa", a),
    "luhn": lambda a: rank_sumy("luhn", a),
    "centroid": rank_centroid,
}


def oracle_summary(articles: Sequence[Sequence[Sentence]], reference: str, words: int) -> list[str]:
    """Greedy extractive oracle: add the sentence that most raises ROUGE-1+2 F1, while any does."""
    from ..summarize.train import rouge_f

    flat = [s for a in articles for s in a]
    chosen: list[int] = []
    best, used = 0.0, 0
    while True:
        candidate = None
        for i, s in enumerate(flat):
            n = len(s.text.split())
            if i in chosen or used + n > words:
                continue
            score = sum(rouge_f(" ".join(flat[j].text for j in sorted(chosen + [i])), reference))
            if score > best:
                best, candidate = score, i
        if candidate is None:
            return [flat[j].text for j in sorted(chosen)]
        chosen.append(candidate)
        used += len(flat[candidate].text.split())
