"""Train the sentence scorer on Multi-News-format clusters and write it as JSON.

    python -m manysides.summarize.train --src ../shared/data/multi_news/validation.src \\
        --tgt ../shared/data/multi_news/validation.tgt --start 1000 \\
        --out manysides/summarize/scorer.json

Target: how much of a sentence the human summary keeps, per word (unigram plus
bigram precision against the reference, ROUGE tokenisation). The budget is in
words, so value per word is what a greedy knapsack should rank by.

Lines ``--start`` .. ``--stop`` train the model; the benchmark reports lines
before ``--start`` (0-999 by default), which it never saw. Two stages: a
word-level ridge model (``lexicon.py``), whose out-of-fold predictions become a
feature of the boosted trees (so the trees learn how far to trust it on
sentences it did not see). The selection settings (redundancy weight,
duplicate threshold) are then tuned on the last ``--tune`` training clusters
with a model fitted on the others, and stored in the same file.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from .corpus import Cluster, ngram_counts, read_clusters, rouge_tokens
from .features import ClusterFeatures, cluster_features
from .lexicon import TOKEN_PATTERN, Lexicon
from .model import FORMAT, MODEL_FEATURES, Scorer, Trees
from .select import SelectConfig

__all__ = ["sentence_targets", "fit_lexicon", "fit_scorer", "rouge_f", "evaluate", "tune_selection", "main"]

log = logging.getLogger(__name__)

#: Boosting settings: small trees and modest rounds keep scorer.json small and scoring
#: fast; 300 rounds or 31 leaves gained < 0.1 ROUGE-1 on held-out training clusters.
TREE_SETTINGS = dict(max_iter=150, learning_rate=0.05, max_leaf_nodes=15, min_samples_leaf=40, l2_regularization=1.0)
#: Lexicon: words in at least 3 training sentences (~25k); bigrams added nothing.
LEXICON_MIN_DF = 3
LEXICON_ALPHA = 3.0
#: Selection grid (redundancy weight x duplicate threshold).
GRID = {"redundancy": (0.3, 0.5, 0.8), "duplicate": (0.3, 0.4, 0.5)}


def sentence_targets(texts: Sequence[str], reference: Sequence[str]) -> np.ndarray:
    """Per sentence: share of its unigrams plus share of its bigrams found in the reference."""
    ref = rouge_tokens(" ".join(reference))
    ref1, ref2 = ngram_counts(ref, 1), ngram_counts(ref, 2)
    out = []
    for text in texts:
        toks = rouge_tokens(text)
        if not toks:
            out.append(0.0)
            continue
        c1, c2 = ngram_counts(toks, 1), ngram_counts(toks, 2)
        p1 = sum(min(c, ref1[g]) for g, c in c1.items()) / len(toks)
        p2 = sum(min(c, ref2[g]) for g, c in c2.items()) / max(len(toks) - 1, 1)
        out.append(p1 + p2)
    return np.array(out)


class _Prepared:
    """Features and targets of the training clusters, computed once."""

    def __init__(self, clusters: Sequence[Cluster]) -> None:
        self.clusters = [c for c in clusters]
        self.features: dict[int, ClusterFeatures] = {}
        self.targets: dict[int, np.ndarray] = {}
        for c in self.clusters:
            feats = cluster_features(c.articles)
            self.features[c.line] = feats
            self.targets[c.line] = sentence_targets([s.text for s in feats.sentences], c.reference)

    def texts(self, clusters: Sequence[Cluster]) -> list[str]:
        return [s.text for c in clusters for s in self.features[c.line].sentences]

    def y(self, clusters: Sequence[Cluster]) -> np.ndarray:
        return np.concatenate([self.targets[c.line] for c in clusters])


def fit_lexicon(texts: Sequence[str], y: np.ndarray) -> Lexicon:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import Ridge

    vectorizer = TfidfVectorizer(min_df=LEXICON_MIN_DF, sublinear_tf=True, token_pattern=TOKEN_PATTERN)
    model = Ridge(alpha=LEXICON_ALPHA).fit(vectorizer.fit_transform(texts), y)
    words = vectorizer.get_feature_names_out()
    return Lexicon(
        {str(w): float(v) for w, v in zip(words, vectorizer.idf_)},
        {str(w): float(v) for w, v in zip(words, model.coef_)},
        float(model.intercept_),
    )


def _export_trees(model: Any) -> dict[str, Any]:
    """HistGradientBoostingRegressor -> node lists ``[feature, threshold, left, right, value, missing_left]``."""
    trees = []
    for (predictor,) in model._predictors:  # one predictor per round for regression
        nodes = []
        for node in predictor.nodes:
            if node["is_leaf"]:
                nodes.append([-1, 0.0, 0, 0, round(float(node["value"]), 6), 0])
            else:
                nodes.append([int(node["feature_idx"]), float(node["num_threshold"]), int(node["left"]), int(node["right"]), 0.0, int(node["missing_go_to_left"])])
        trees.append(nodes)
    return {"baseline": float(np.ravel(model._baseline_prediction)[0]), "nodes": trees}


def fit_scorer(data: _Prepared, clusters: Sequence[Cluster], seed: int = 0) -> tuple[Scorer, dict[str, Any]]:
    """Lexicon on all ``clusters``; trees on their features plus out-of-fold lexicon scores."""
    from sklearn.ensemble import HistGradientBoostingRegressor

    folds = (clusters[0::2], clusters[1::2])
    lexical: dict[int, np.ndarray] = {}
    for k, fold in enumerate(folds):
        lex = fit_lexicon(data.texts(folds[1 - k]), data.y(folds[1 - k]))
        for c in fold:
            lexical[c.line] = lex.predict([s.text for s in data.features[c.line].sentences])
    x = np.vstack([np.column_stack([data.features[c.line].matrix, lexical[c.line]]) for c in clusters])
    model = HistGradientBoostingRegressor(random_state=seed, early_stopping=False, **TREE_SETTINGS).fit(x, data.y(clusters))
    trees = _export_trees(model)
    lexicon = fit_lexicon(data.texts(clusters), data.y(clusters))
    return Scorer(lexicon, Trees.from_nodes(trees["baseline"], trees["nodes"]), {}), {"trees": trees, "lexicon": lexicon.to_dict()}


def rouge_f(summary: str, reference: str) -> tuple[float, float]:
    """ROUGE-1 and ROUGE-2 F1 (rouge-score tokenisation), fast enough for tuning loops."""
    s, r = rouge_tokens(summary), rouge_tokens(reference)
    out = []
    for n in (1, 2):
        cs, cr = ngram_counts(s, n), ngram_counts(r, n)
        hit = sum(min(c, cr[g]) for g, c in cs.items())
        p, rec = hit / max(sum(cs.values()), 1), hit / max(sum(cr.values()), 1)
        out.append(2 * p * rec / (p + rec) if hit else 0.0)
    return out[0], out[1]


def evaluate(scorer: Scorer, data: _Prepared, clusters: Sequence[Cluster], *, words: int, config: SelectConfig) -> tuple[float, float]:
    """Mean ROUGE-1/2 F1 (percent) of the scorer + selection on ``clusters``."""
    from . import Summarizer

    summarizer = Summarizer.__new__(Summarizer)
    summarizer.scorer, summarizer.config = scorer, config
    r1 = r2 = 0.0
    for c in clusters:
        feats = data.features[c.line]
        scores = scorer.score([s.text for s in feats.sentences], feats.matrix)
        picks = summarizer.pick(feats, scores, words=words, sentences=None)
        a, b = rouge_f(" ".join(p.text for p in picks), " ".join(c.reference))
        r1, r2 = r1 + a, r2 + b
    n = max(len(clusters), 1)
    return 100 * r1 / n, 100 * r2 / n


def tune_selection(data: _Prepared, train: Sequence[Cluster], tune: Sequence[Cluster], words: int) -> dict[str, float]:
    """Grid over the redundancy settings, with a model that did not see ``tune``."""
    scorer, _ = fit_scorer(data, train)
    best: tuple[float, dict[str, float]] = (-1.0, {})
    for redundancy in GRID["redundancy"]:
        for duplicate in GRID["duplicate"]:
            settings = {"redundancy": redundancy, "duplicate": duplicate}
            r1, r2 = evaluate(scorer, data, tune, words=words, config=replace(SelectConfig(), **settings))
            log.info("tune %s: R-1 %.2f R-2 %.2f", settings, r1, r2)
            if r1 + r2 > best[0]:
                best = (r1 + r2, settings)
    return best[1]


def train(clusters: Sequence[Cluster], *, tune: int = 600, words: int = 230) -> dict[str, Any]:
    """The JSON-ready model trained on ``clusters`` (selection tuned on the last ``tune``)."""
    t0 = time.perf_counter()
    data = _Prepared(clusters)
    log.info("features of %d clusters in %.0f s", len(data.clusters), time.perf_counter() - t0)
    settings: dict[str, float] = {}
    if tune and len(data.clusters) > 2 * tune:
        settings = tune_selection(data, data.clusters[:-tune], data.clusters[-tune:], words)
    _, params = fit_scorer(data, data.clusters)
    return {
        "format": FORMAT,
        "features": list(MODEL_FEATURES),
        "target": "unigram + bigram precision against the reference summary",
        "select": settings,
        **params,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="manysides.summarize.train", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--src", type=Path, required=True, help="Multi-News-format .src file (articles joined by |||||)")
    parser.add_argument("--tgt", type=Path, required=True, help="the matching .tgt file (one human summary a line)")
    parser.add_argument("--start", type=int, default=1000, help="first training line (earlier lines are held out; default 1000)")
    parser.add_argument("--stop", type=int, default=None, help="line after the last training line (default: end of file)")
    parser.add_argument("--tune", type=int, default=600, help="training clusters used to tune selection (0: defaults)")
    parser.add_argument("--words", type=int, default=230, help="word budget the selection is tuned for")
    parser.add_argument("--out", type=Path, required=True, help="where to write the model JSON")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    t0 = time.perf_counter()
    clusters = list(read_clusters(args.src, args.tgt, start=args.start, stop=args.stop))
    log.info("read %d clusters in %.0f s", len(clusters), time.perf_counter() - t0)
    model = train(clusters, tune=args.tune, words=args.words)
    model["trained_on"] = {"src": args.src.name, "lines": [args.start, args.stop], "clusters": len(clusters)}
    args.out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    log.info("wrote %s (%d KB) in %.0f s; selection %s", args.out, args.out.stat().st_size // 1024, time.perf_counter() - t0, model["select"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
