"""Benchmark: online story clustering on ECB+ (BCubed vs subtopic and topic labels, speed).

ECB+ holds 43 topics, each with two look-alike events (subtopics ``N_ecb`` and
``N_ecbplus``: two different earthquakes, two different celebrities entering rehab...),
982 articles in all. The articles are streamed one at a time in a shuffled order
(several seeds) through ``OnlineClusterer``; the baseline clusters them all at once
(TF-IDF + average-link agglomerative clustering, distance threshold tuned).

Thresholds were calibrated on topics 1-22 ("tune"); numbers on topics 23-45 ("held
out") are the honest ones, numbers on all 982 use data the thresholds were tuned on.

Speed is articles per second through features + assignment (no fetching), on one core:
wall clock, and CPU time of this process (``cpu art/s``, steadier when the machine is shared).

    python -m manysides.bench.stories --ecbplus ../shared/data/ecbplus/ecbplus_docs.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..stories.cluster import OnlineClusterer, StoryConfig
from ..stories.features import featurize

__all__ = ["run", "render", "bcubed", "load_ecbplus", "stream_online", "StreamTiming", "TUNE_TOPICS"]

#: Topics the thresholds were calibrated on; the others are held out.
TUNE_TOPICS = frozenset(range(1, 23))


def load_ecbplus(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def bcubed(predicted: Sequence[Any], gold: Sequence[Any]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 (Bagga & Baldwin 1998; Amigó et al. 2009)."""
    pairs = Counter(zip(predicted, gold))
    size_p, size_g = Counter(predicted), Counter(gold)
    n = len(predicted)
    p = sum(c * c / size_p[k] for (k, _), c in pairs.items()) / n
    r = sum(c * c / size_g[g] for (_, g), c in pairs.items()) / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass(frozen=True, slots=True)
class StreamTiming:
    wall_s: float
    cpu_s: float
    featurize_cpu_s: float  # of cpu_s, the part spent in ``featurize``


def stream_online(docs: Sequence[dict[str, Any]], config: StoryConfig) -> tuple[list[int], StreamTiming]:
    """Stream ``docs`` (already in order) through the online clusterer; labels and timings."""
    clusterer = OnlineClusterer(config)
    labels = []
    featurize_cpu = 0.0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for d in docs:
        t = time.process_time()
        features = featurize(d["text"])
        featurize_cpu += time.process_time() - t
        labels.append(clusterer.add(features).story_id)
    return labels, StreamTiming(time.perf_counter() - wall0, time.process_time() - cpu0, featurize_cpu)


def baseline_labels(docs: Sequence[dict[str, Any]], distance: float) -> list[int]:
    """TF-IDF + average-link agglomerative clustering of everything at once."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform([d["text"] for d in docs]).toarray()
    model = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average", distance_threshold=distance)
    return model.fit_predict(x).tolist()


def _scores(labels: Sequence[int], docs: Sequence[dict[str, Any]]) -> dict[str, float]:
    p, r, f = bcubed(labels, [d["subtopic"] for d in docs])
    tp, tr, tf = bcubed(labels, [d["topic"] for d in docs])
    return {"p": p, "r": r, "f1": f, "topic_p": tp, "topic_r": tr, "topic_f1": tf, "stories": len(set(labels))}


def _shuffled(docs: Sequence[dict[str, Any]], seed: int) -> list[dict[str, Any]]:
    order = list(docs)
    random.Random(seed).shuffle(order)
    return order


def tune(docs: Sequence[dict[str, Any]], seeds: int = 3) -> dict[str, Any]:
    """Grid over the two join thresholds and the baseline's distance, on ``docs``."""
    grid = []
    for cos in (0.20, 0.22, 0.24, 0.26, 0.28, 0.30, 0.34, 0.38):
        for anc in (0.0, 0.05, 0.10, 0.15, 0.20, 0.30):
            cfg = StoryConfig(join_cosine=cos, join_anchors=anc)
            f1 = np.mean([_scores(stream_online(o := _shuffled(docs, s), cfg)[0], o)["f1"] for s in range(seeds)])
            grid.append((float(f1), cos, anc))
    grid.sort(reverse=True)
    base = max((_scores(baseline_labels(docs, d), docs)["f1"], d) for d in np.arange(0.5, 1.0, 0.025))
    return {"online_top": grid[:8], "baseline_best": base}


def run(ecbplus: Path, seeds: int = 5, limit: int | None = None, config: StoryConfig = StoryConfig(), baseline_distance: float | None = None) -> dict[str, Any]:
    docs = load_ecbplus(ecbplus)[:limit]
    held_out = [d for d in docs if d["topic"] not in TUNE_TOPICS]
    tuned_on = [d for d in docs if d["topic"] in TUNE_TOPICS]
    result: dict[str, Any] = {"articles": len(docs), "held_out_articles": len(held_out), "seeds": seeds, "config": {"join_cosine": config.join_cosine, "join_anchors": config.join_anchors}}
    for name, subset in (("all", docs), ("held_out", held_out), ("tune", tuned_on)):
        runs, timings = [], []
        for seed in range(seeds):
            order = _shuffled(subset, seed)
            labels, timing = stream_online(order, config)
            runs.append(_scores(labels, order))
            timings.append(timing)
        n = len(subset)
        result[name] = {k: float(np.mean([r[k] for r in runs])) for k in runs[0]} | {
            "f1_min": min(r["f1"] for r in runs),
            "articles_per_s": float(np.median([n / t.wall_s for t in timings])),
            "cpu_articles_per_s": float(np.median([n / t.cpu_s for t in timings])),
            "featurize_ms": float(np.median([1000 * t.featurize_cpu_s / n for t in timings])),
            "assign_ms": float(np.median([1000 * (t.cpu_s - t.featurize_cpu_s) / n for t in timings])),
        }
    distance = baseline_distance if baseline_distance is not None else _tuned_baseline_distance(tuned_on)
    t0 = time.perf_counter()
    result["baseline_all"] = _scores(baseline_labels(docs, distance), docs) | {"distance": distance, "articles_per_s": len(docs) / (time.perf_counter() - t0)}
    result["baseline_held_out"] = _scores(baseline_labels(held_out, distance), held_out)
    return result


def _tuned_baseline_distance(docs: Sequence[dict[str, Any]]) -> float:
    return float(max((_scores(baseline_labels(docs, d), docs)["f1"], d) for d in np.arange(0.5, 1.0, 0.025))[1])


def render(result: dict[str, Any]) -> str:
    rows = [f"ECB+ story clustering: {result['articles']} articles, {result['seeds']} shuffled orders; thresholds {result['config']}"]
    rows.append(f"{'method / articles':<34}{'P':>7}{'R':>7}{'F1':>7}{'F1 min':>8}{'topic F1':>10}{'stories':>9}{'art/s':>9}{'cpu art/s':>11}")
    for key, label in (("held_out", "online, held-out topics 23-45"), ("all", "online, all (tuned on 1-22)"), ("tune", "online, tuning topics 1-22")):
        r = result[key]
        rows.append(f"{label:<34}{r['p']:>7.3f}{r['r']:>7.3f}{r['f1']:>7.3f}{r['f1_min']:>8.3f}{r['topic_f1']:>10.3f}{r['stories']:>9.0f}{r['articles_per_s']:>9.0f}{r['cpu_articles_per_s']:>11.0f}")
    for key, label in (("baseline_held_out", "baseline, held-out topics"), ("baseline_all", "baseline, all (offline)")):
        r = result[key]
        speed = f"{r['articles_per_s']:>9.0f}" if "articles_per_s" in r else f"{'':>9}"
        rows.append(f"{label:<34}{r['p']:>7.3f}{r['r']:>7.3f}{r['f1']:>7.3f}{'':>8}{r['topic_f1']:>10.3f}{r['stories']:>9.0f}{speed}")
    base = result["baseline_all"]
    rows.append(f"baseline: TF-IDF + average-link, cosine distance threshold {base['distance']:.3f} (tuned on topics 1-22)")
    a = result["all"]
    rows.append(f"online CPU per article (all): features {a['featurize_ms']:.2f} ms + assignment {a['assign_ms']:.2f} ms")
    rows.append("gold: 86 subtopics (stories), 43 topics; BCubed averaged over the seeds; speed excludes fetching, one core")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ecbplus", type=Path, required=True)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--cosine", type=float, default=JOIN_DEFAULTS.join_cosine)
    parser.add_argument("--anchors", type=float, default=JOIN_DEFAULTS.join_anchors)
    parser.add_argument("--tune", action="store_true", help="grid-search thresholds on topics 1-22 and print the best")
    args = parser.parse_args(argv)
    if args.tune:
        docs = [d for d in load_ecbplus(args.ecbplus) if d["topic"] in TUNE_TOPICS]
        found = tune(docs)
        for f1, cos, anc in found["online_top"]:
            print(f"online  BCubed F1 {f1:.3f}  join_cosine {cos:.2f}  join_anchors {anc:.2f}")
        f1, distance = found["baseline_best"]
        print(f"baseline BCubed F1 {f1:.3f}  distance {distance:.3f}")
        return
    config = StoryConfig(join_cosine=args.cosine, join_anchors=args.anchors)
    print(render(run(args.ecbplus, seeds=args.seeds, limit=args.limit, config=config)))


JOIN_DEFAULTS = StoryConfig()

if __name__ == "__main__":
    main()
