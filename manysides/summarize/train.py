"""Train the sentence scorer on Multi-News-format clusters and write it as JSON.

    python -m manysides.summarize.train --src ../shared/data/multi_news/validation.src \
        --tgt ../shared/data/multi_news/validation.tgt --start 1000 \
        --out manysides/summarize/scorer.json

Target: how much of a sentence the human summary keeps, per word (unigram plus
bigram precision against the reference, ROUGE tokenisation). The budget is in
words, so value per word is what a greedy knapsack should rank by. Lines
``--start`` .. ``--stop`` train the model; the benchmark reports lines before
``--start`` (0-999 by default), which it never saw. The selection settings
(redundancy weight, duplicate threshold) are then tuned on the last
``--tune`` training clusters with a model fitted on the others, and stored in
the same file.
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
from .features import FEATURE_NAMES, cluster_features
from .model import Scorer
from .select import SelectConfig, select

__all__ = ["sentence_targets", "training_rows", "fit_trees", "rouge_f", "evaluate", "main"]

log = logging.getLogger(__name__)

#: Boosting settings: small trees, modest rounds keep scorer.json small (~200 KB) and
#: scoring fast; more rounds gained < 0.1 ROUGE-1 on held-out training clusters.
TREE_SETTINGS = dict(max_iter=150, learning_rate=0.05, max_leaf_nodes=15, min_samples_leaf=40, l2_regularization=1.0)


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


def training_rows(clusters: Sequence[Cluster]) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for c in clusters:
        feats = cluster_features(c.articles)
        if not feats.sentences:
            continue
        xs.append(feats.matrix)
        ys.append(sentence_targets([s.text for s in feats.sentences], c.reference))
    return np.vstack(xs), np.concatenate(ys)


def _export_trees(model: Any) -> dict[str, Any]:
    """HistGradientBoostingRegressor -> plain lists (see model.py for the node layout)."""
    trees = []
    for (predictor,) in model._predictors:  # one predictor per round for regression
        nodes = []
        for node in predictor.nodes:
            if node["is_leaf"]:
                nodes.append([-1, 0.0, 0, 0, round(float(node["value"]), 6), 0])
            else:
                nodes.append(
                    [int(node["feature_idx"]), float(node["num_threshold"]), int(node["left"]), int(node["right"]), 0.0, int(node["missing_go_to_left"])]
                )
        trees.append(nodes)
    return {"baseline": float(np.ravel(model._baseline_prediction)[0]), "trees": trees}


def fit_trees(x: np.ndarray, y: np.ndarray, seed: int = 0) -> Scorer:
    from sklearn.ensemble import HistGradientBoostingRegressor

    model = HistGradientBoostingRegressor(random_state=seed, early_stopping=False, **TREE_SETTINGS)
    model.fit(x, y)
    return Scorer("trees", _export_trees(model), {})


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


def evaluate(scorer: Scorer, clusters: Sequence[Cluster], *, words: int, config: SelectConfig) -> tuple[float, float]:
    """Mean ROUGE-1/2 F1 (percent) of the scorer + selection on ``clusters``."""
    r1 = r2 = 0.0
    for c in clusters:
        feats = cluster_features(c.articles)
        picks = select(feats.sentences, scorer.score(feats.matrix), feats.vectors, words=words, count=None, config=config)
        a, b = rouge_f(" ".join(p.text for p in picks), " ".join(c.reference))
        r1, r2 = r1 + a, r2 + b
    n = max(len(clusters), 1)
    return 100 * r1 / n, 100 * r2 / n


def tune_selection(train: Sequence[Cluster], tune: Sequence[Cluster], words: int) -> dict[str, float]:
    """Grid over the redundancy settings, with a model that did not see ``tune``."""
    x, y = training_rows(train)
    scorer = fit_trees(x, y)
    best: tuple[float, dict[str, float]] = (-1.0, {})
    for redundancy in (0.0, 0.2, 0.4, 0.8):
        for duplicate in (0.4, 0.5, 0.6, 0.8):
            settings = {"redundancy": redundancy, "duplicate": duplicate}
            r1, r2 = evaluate(scorer, tune, words=words, config=replace(SelectConfig(), **settings))
            log.info("tune %s: R-1 %.2f R-2 %.2f", settings, r1, r2)
            if r1 + r2 > best[0]:
                best = (r1 + r2, settings)
    return best[1]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--src", type=Path, required=True)
    parser.add_argument("--tgt", type=Path, required=True)
    parser.add_argument("--start", type=int, default=1000, help="first training line (earlier lines are held out)")
    parser.add_argument("--stop", type=int, default=None)
    parser.add_argument("--tune", type=int, default=600, help="training clusters used to tune selection (0: defaults)")
    parser.add_argument("--words", type=int, default=230, help="word budget the selection is tuned for")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    t0 = time.perf_counter()
    clusters = list(read_clusters(args.src, args.tgt, start=args.start, stop=args.stop))
    log.info("read %d clusters in %.0f s", len(clusters), time.perf_counter() - t0)
    settings: dict[str, float] = {}
    if args.tune and len(clusters) > 2 * args.tune:
        settings = tune_selection(clusters[: -args.tune], clusters[-args.tune :], args.words)
    x, y = training_rows(clusters)
    scorer = fit_trees(x, y)
    data = {
        "format": "manysides-summarizer/1",
        "kind": scorer.kind,
        "features": list(FEATURE_NAMES),
        "trained_on": {"src": args.src.name, "lines": [args.start, args.stop], "clusters": len(clusters), "sentences": int(len(y))},
        "target": "unigram + bigram precision against the reference summary",
        "select": settings,
        "params": scorer.params,
    }
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    log.info("wrote %s (%d KB) in %.0f s; selection %s", args.out, args.out.stat().st_size // 1024, time.perf_counter() - t0, settings)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
