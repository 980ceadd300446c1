"""Cheap per-sentence features for the extractive scorer.

Everything here is computed inside one cluster from bag-of-words counts (numpy
only, no model to load), so a 20-sentence cluster costs about a millisecond:
the summarizer must keep up with a batch job on a 2-core laptop. The features
say *where* a sentence sits (news puts the gist first), *how much the other
outlets repeat it* (what several outlets report is what the story is about), and
whether it reads like opinion or page clutter rather than reporting.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..records import Sentence
from ..text.cues import gallery_captions, is_furniture

__all__ = [
    "FEATURE_NAMES",
    "ClusterFeatures",
    "cluster_features",
    "content_tokens",
    "opinion_cues",
    "clutter_score",
    "furniture_mask",
]

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NUMBER = re.compile(r"\d")

#: Function words carry no topic; a short list keeps the bag of words about content. The
#: packaged scorer was trained on features made with this list (``stop_ratio``,
#: ``content_words``): retrain to change (``manysides train summarizer``).
SCORER_STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
    now of off on once only or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves said says say
    's n't 're 've 'll 'd one two new also like get got would could may might must""".split()
)

#: Opinion cues: the voice of a columnist, not of a report.
_FIRST_PERSON = frozenset("i i'm i've i'd i'll me my mine myself we we're we've our ours us ourselves".split())
_SECOND_PERSON = frozenset("you you're you've you'll your yours yourself".split())
_EVALUATIVE = frozenset(
    """absurd amazing appalling astonishing awesome awful bad best brilliant disgraceful disgusting dumb excellent
    fantastic foolish good great horrible idiotic incredible insane laughable lousy magnificent outrageous pathetic
    ridiculous shameful shameless silly stupid terrible terrific tragic wonderful worst wrong sad shocking
    unbelievable embarrassing disastrous hypocritical disgrace shame travesty nonsense""".split()
)
#: "I think", "we believe": the writer's own view, the plainest opinion cue (counts double).
_STANCE = re.compile(r"\b(?:i|we)(?: really| just| still)? (?:think|believe|feel|guess|suspect|hope|doubt)\b")
_IMPERATIVE_START = frozenset(
    "click read watch see follow sign subscribe share join don't let's imagine consider remember think look check".split()
)
#: Page furniture that survives extraction: captions, credits, calls to action.
_CLUTTER = re.compile(
    r"(click here|subscribe|sign up|newsletter|advertisement|getty images|\bap photo\b|photo:|image:|caption|"
    r"all rights reserved|copyright|©|follow (us|him|her) on|share this|read more|related:|http|www\.|\.com\b|"
    r"@\w|\bemail\b|\bcomments?\b|\bvideo\b|\bphoto\b|javascript|cookies?|\(ap\)|\(reuters\))",
    re.IGNORECASE,
)

FEATURE_NAMES: tuple[str, ...] = (
    "position",  # sentence index in its article
    "inv_position",
    "is_first",
    "rel_position",  # index / sentences in article
    "article_rank",  # the article's place in the cluster
    "inv_article_rank",
    "n_articles",
    "n_sentences",
    "words",
    "log_words",
    "words_vs_mean",
    "truncated",  # article's last sentence cut mid-way (no end punctuation)
    "is_last",
    "centroid_sim",  # TF-IDF cosine to the cluster centroid
    "others_centroid_sim",  # ... to the centroid of the *other* articles
    "max_sim_other",  # best TF-IDF cosine to a sentence of another article
    "support_frac",  # share of content words some other article also uses
    "support_weight",  # mean number of articles using its content words
    "sumbasic",  # mean in-cluster probability of its content words
    "centroid_rank",  # rank of centroid_sim within the cluster, 0 = best
    "has_number",
    "quote_chars",
    "opinion",
    "clutter",
    "question",
    "stop_ratio",
    "content_words",
    "article_words",  # length of the sentence's article (short ones are stubs)
)


def content_tokens(text: str) -> list[str]:
    """Lower-cased content words of ``text`` (function words dropped)."""
    return [w for w in _WORD.findall(text.lower()) if w not in SCORER_STOP_WORDS and len(w) > 1]


def opinion_cues(text: str) -> float:
    """The scorer's ``opinion`` feature, a count of opinion cues: first/second person,
    evaluative words, questions, exclamations, imperatives. The packaged scorer was trained
    on it: retrain to change. (The brief's 0-1 measure of a writer's voice is
    ``text.cues.opinion_score``.)

    Words inside quotation marks are someone else's voice and are not counted,
    so a report quoting "I am angry" stays a report.
    """
    unquoted = re.sub(r"[\"“”][^\"“”]*[\"“”]", " ", text)
    words = _WORD.findall(unquoted.lower())
    if not words:
        return 0.0
    cues = sum(w in _FIRST_PERSON for w in words) + sum(w in _SECOND_PERSON for w in words)
    cues += sum(w in _EVALUATIVE for w in words)
    cues += unquoted.count("?") + unquoted.count("!")
    cues += 2 * (words[0] in _IMPERATIVE_START)
    cues += 2 * len(_STANCE.findall(unquoted.lower()))
    return float(cues)


def clutter_score(text: str) -> float:
    """Count of page-furniture cues (credits, captions, calls to action, links)."""
    return float(len(_CLUTTER.findall(text)))


@dataclass(frozen=True)
class ClusterFeatures:
    """The feature matrix of one cluster and the TF-IDF vectors behind it."""

    sentences: tuple[Sentence, ...]  # flattened, article by article
    article_of: np.ndarray  # (n,) article rank of each sentence
    matrix: np.ndarray  # (n, len(FEATURE_NAMES))
    vectors: np.ndarray  # (n, vocab) L2-normalised TF-IDF rows
    #: (n,) how central each sentence is: its mean cosine to the others and its LexRank
    #: score over links to other articles (``_lexrank``), each standardised, summed and
    #: standardised again
    centrality: np.ndarray | None = None


def furniture_mask(sentences: Sequence[Sentence]) -> np.ndarray:
    """Page furniture (``text.cues.is_furniture``: captions, credits, notices, prompts; a
    gallery's captions, ``gallery_captions``), an embedded post's words (``Sentence.post``), and
    lines with no end punctuation that do not end their article (headlines, mastheads,
    bylines, captions mid-page): the last sentence of an article cut to length (Multi-News)
    is text, not a heading."""
    last = {s.article_id: k for k, s in enumerate(sentences)}
    gallery = gallery_captions(sentences)
    return np.array(
        [s.post or is_furniture(s.text) or gallery[k] or (_is_truncated(s.text) and last[s.article_id] != k) for k, s in enumerate(sentences)],
        dtype=bool,
    )


def _is_truncated(text: str) -> bool:
    return not text.rstrip().endswith((".", "!", "?", '"', "'", "”", "’", ")"))


def cluster_features(sentences_by_article: Sequence[Sequence[Sentence]]) -> ClusterFeatures:
    """Features of every sentence of a cluster (articles in the given order)."""
    articles = [list(a) for a in sentences_by_article if a]
    flat = [s for a in articles for s in a]
    n = len(flat)
    if n == 0:
        return ClusterFeatures((), np.zeros(0, int), np.zeros((0, len(FEATURE_NAMES))), np.zeros((0, 0)))
    article_of = np.array([k for k, a in enumerate(articles) for _ in a])
    tokens = [content_tokens(s.text) for s in flat]
    vocab: dict[str, int] = {}
    for toks in tokens:
        for t in toks:
            vocab.setdefault(t, len(vocab))
    counts = np.zeros((n, max(len(vocab), 1)), dtype=np.float64)
    for i, toks in enumerate(tokens):
        for t in toks:
            counts[i, vocab[t]] += 1.0
    n_art = len(articles)
    per_article = np.zeros((n_art, counts.shape[1]))
    np.add.at(per_article, article_of, counts)
    art_df = (per_article > 0).sum(0)  # in how many articles each word occurs
    sent_df = (counts > 0).sum(0)
    idf = np.log((n + 1) / (sent_df + 1)) + 1.0
    tfidf = counts * idf
    norms = np.linalg.norm(tfidf, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    vectors = tfidf / norms

    centroid = tfidf.sum(0)
    c_norm = np.linalg.norm(centroid) or 1.0
    centroid_sim = vectors @ centroid / c_norm
    art_tfidf = per_article * idf
    others_sim = np.zeros(n)
    for k in range(n_art):
        other = art_tfidf.sum(0) - art_tfidf[k]
        o_norm = np.linalg.norm(other)
        if o_norm > 0:
            rows = article_of == k
            others_sim[rows] = vectors[rows] @ other / o_norm
    sims = vectors @ vectors.T
    degree = _standardised((sims.sum(1) - np.diag(sims)) / max(n - 1, 1))
    same = article_of[:, None] == article_of[None, :]
    # LexRank over links between different articles only: a page's related-story list or
    # gallery is a clique of its own, and the story is what the outlets share
    centrality = _standardised(degree + _standardised(_lexrank(np.where(same, 0.0, sims))))
    max_sim_other = np.where(same, 0.0, sims).max(1) if n_art > 1 else np.zeros(n)
    prob = counts.sum(0) / max(counts.sum(), 1.0)
    ranks = np.empty(n)
    ranks[np.argsort(-centroid_sim, kind="stable")] = np.arange(n)
    mean_words = np.mean([len(s.text.split()) for s in flat])
    article_words = [sum(len(s.text.split()) for s in a) for a in articles]

    rows = []
    for i, s in enumerate(flat):
        k = int(article_of[i])
        in_article = len(articles[k])
        pos = sum(1 for j in range(i) if article_of[j] == k)
        words = len(s.text.split())
        toks = tokens[i]
        idx = [vocab[t] for t in toks]
        if idx:
            own = per_article[k, idx] > 0
            support_frac = float(np.mean(art_df[idx] - own > 0))
            support_weight = float(np.mean(art_df[idx] - 1))
            sumbasic = float(np.mean(prob[idx]))
        else:
            support_frac = support_weight = sumbasic = 0.0
        all_words = _WORD.findall(s.text.lower())
        rows.append(
            (
                min(pos, 30),
                1.0 / (pos + 1),
                float(pos == 0),
                pos / in_article,
                min(k, 10),
                1.0 / (k + 1),
                n_art,
                n,
                words,
                math.log1p(words),
                words / mean_words,
                float(_is_truncated(s.text)),
                float(pos == in_article - 1),
                centroid_sim[i],
                others_sim[i],
                max_sim_other[i],
                support_frac,
                support_weight,
                sumbasic * 100,
                ranks[i] / n,
                float(bool(_NUMBER.search(s.text))),
                s.text.count('"') + s.text.count("“") + s.text.count("”"),
                opinion_cues(s.text),
                clutter_score(s.text),
                float("?" in s.text),
                (len(all_words) - len(toks)) / max(len(all_words), 1),
                len(toks),
                math.log1p(article_words[k]),
            )
        )
    return ClusterFeatures(tuple(flat), article_of, np.array(rows, dtype=np.float64), vectors, centrality)


#: LexRank's graph (Erkan & Radev 2004): sentences joined where their TF-IDF cosine is above
#: 0.1, a random walk that jumps anywhere with probability 0.15. On DUC 2006's first 25
#: clusters (four references) threshold 0.05 / 0.1 / 0.15 / 0.2 gave R-1 38.34 / 38.07 / 37.53 /
#: 36.97 alone, and 38.55 summed with the degree form (which alone gave 37.65); 38.45 with
#: links inside an article dropped, which real pages need (docs/benchmarks.md, stop 20).
LEXRANK_THRESHOLD, LEXRANK_DAMPING, LEXRANK_STEPS = 0.1, 0.85, 50


def _lexrank(sims: np.ndarray) -> np.ndarray:
    """Each sentence's stationary probability on the thresholded similarity graph: central
    where central sentences point to it, not only where many do (the degree form)."""
    n = len(sims)
    if n < 2:
        return np.ones(n)
    graph = (sims > LEXRANK_THRESHOLD).astype(np.float64)
    np.fill_diagonal(graph, 0.0)
    out = graph.sum(1, keepdims=True)
    walk = np.divide(graph, out, out=np.full_like(graph, 1.0 / n), where=out > 0)  # a lone sentence jumps anywhere
    p = np.full(n, 1.0 / n)
    for _ in range(LEXRANK_STEPS):
        p = (1 - LEXRANK_DAMPING) / n + LEXRANK_DAMPING * (walk.T @ p)
    return p


def _standardised(x: np.ndarray) -> np.ndarray:
    spread = x.std() if len(x) > 1 else 0.0
    return (x - x.mean()) / spread if spread > 0 else np.zeros(len(x))
