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

from ..errors import InputError
from ..stories.cluster import Assignment, OnlineClusterer, StoryConfig, assignment_threads
from ..stories.features import ArticleFeatures, featurize
from ..stories.ingest import timestamp_of
from ..stories.parallel import ordered_map

__all__ = ["run", "render", "bcubed", "load_ecbplus", "stream_online", "add_labelled", "StreamTiming", "TUNE_TOPICS"]

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


def stream_online(docs: Sequence[dict[str, Any]], config: StoryConfig, *, at_arrival: list[int] | None = None, workers: int = 1) -> tuple[list[int], StreamTiming]:
    """Stream ``docs`` (already in order) through the online clusterer; labels and timings.

    The labels are each article's story at the end of the stream (after the revisions that
    moved it); ``at_arrival``, when given, is filled with the story it was first put in.
    BLAS threads as ``stories ingest`` runs them (``assignment_threads``: one; the
    revision's small matrix products lose time to a second thread). ``workers`` > 1
    featurises in that many processes while this one assigns (``stories.parallel``, as
    ``stories ingest --workers`` does); the labels are the same, the wall time includes
    starting the workers, and ``featurize_cpu_s`` is then 0 (spent in the workers).
    """
    clusterer = OnlineClusterer(config)
    labels: list[int] = []
    featurize_cpu = 0.0
    with assignment_threads():
        wall0, cpu0 = time.perf_counter(), time.process_time()
        texts = (d["text"] for d in docs)
        stream = ordered_map(featurize, texts, workers=workers) if workers > 1 else None
        for d in docs:
            if stream is None:
                t = time.process_time()
                features = featurize(d["text"])
                featurize_cpu += time.process_time() - t
            else:
                features = next(stream)
            assignment = add_labelled(clusterer, features, labels)
            if at_arrival is not None:
                at_arrival.append(assignment.story_id)
        if stream is not None:
            stream.close()
        timing = StreamTiming(time.perf_counter() - wall0, time.process_time() - cpu0, featurize_cpu)
    return labels, timing


def add_labelled(clusterer: OnlineClusterer, features: ArticleFeatures, labels: list[int]) -> Assignment:
    """Add the next article (its key: its place in ``labels``) and keep ``labels`` each
    article's current story: the new one's, and those of the earlier ones it moved."""
    assignment = clusterer.add(features, key=len(labels))
    labels.append(assignment.story_id)
    for move in assignment.moved:
        labels[move.key] = move.new_story
    return assignment


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
    """Grid over the group threshold, the story cut and the baseline's distance, on ``docs``."""
    grid = []
    for cos in (0.10, 0.12, 0.14, 0.16):
        for cut in (0.87, 0.88, 0.89, 0.90, 0.91):
            cfg = StoryConfig(join_cosine=cos, story_cut=cut)
            f1 = np.mean([_scores(stream_online(o := _shuffled(docs, s), cfg)[0], o)["f1"] for s in range(seeds)])
            grid.append((float(f1), cos, cut))
    grid.sort(reverse=True)
    base = max((_scores(baseline_labels(docs, d), docs)["f1"], d) for d in np.arange(0.5, 1.0, 0.025))
    return {"online_top": grid[:8], "baseline_best": base}


def run(ecbplus: Path, seeds: int = 5, limit: int | None = None, config: StoryConfig = StoryConfig(), baseline_distance: float | None = None,
        workers: int = 2) -> dict[str, Any]:
    """Each order is streamed twice: in one process, and with ``workers`` featurising
    processes beside the assigning one (skipped when ``workers`` is 1); both must give the
    same stories (``same_labels``)."""
    docs = load_ecbplus(ecbplus)[:limit]
    held_out = [d for d in docs if d["topic"] not in TUNE_TOPICS]
    tuned_on = [d for d in docs if d["topic"] in TUNE_TOPICS]
    result: dict[str, Any] = {"articles": len(docs), "held_out_articles": len(held_out), "seeds": seeds, "workers": workers, "same_labels": True,
                              "config": {"join_cosine": config.join_cosine, "join_anchors": config.join_anchors, "story_cut": config.story_cut,
                                         "small_group": config.small_group, "small_story_cut": config.small_story_cut}}
    for name, subset in (("all", docs), ("held_out", held_out), ("tune", tuned_on)):
        runs, timings, pipelined = [], [], []
        for seed in range(seeds):
            order = _shuffled(subset, seed)
            first: list[int] = []
            labels, timing = stream_online(order, config, at_arrival=first)
            runs.append(_scores(labels, order) | {"arrival_f1": _scores(first, order)["f1"],
                                                  "changed": sum(a != b for a, b in zip(labels, first)) / max(1, len(order))})
            timings.append(timing)
            if workers > 1:
                labels_pipelined, timing = stream_online(order, config, workers=workers)
                result["same_labels"] &= labels_pipelined == labels
                pipelined.append(timing)
        n = len(subset)
        result[name] = {k: float(np.mean([r[k] for r in runs])) for k in runs[0]} | {
            "f1_min": min(r["f1"] for r in runs),
            "articles_per_s": float(np.median([n / t.wall_s for t in timings])),
            "cpu_articles_per_s": float(np.median([n / t.cpu_s for t in timings])),
            "featurize_ms": float(np.median([1000 * t.featurize_cpu_s / n for t in timings])),
            "assign_ms": float(np.median([1000 * (t.cpu_s - t.featurize_cpu_s) / n for t in timings])),
            "pipelined_articles_per_s": float(np.median([n / t.wall_s for t in pipelined])) if pipelined else float("nan"),
        }
    distance = baseline_distance if baseline_distance is not None else _tuned_baseline_distance(tuned_on)
    t0 = time.perf_counter()
    result["baseline_all"] = _scores(baseline_labels(docs, distance), docs) | {"distance": distance, "articles_per_s": len(docs) / (time.perf_counter() - t0)}
    result["baseline_held_out"] = _scores(baseline_labels(held_out, distance), held_out)
    return result


def _tuned_baseline_distance(docs: Sequence[dict[str, Any]]) -> float:
    return float(max((_scores(baseline_labels(docs, d), docs)["f1"], d) for d in np.arange(0.5, 1.0, 0.025))[1])


# -- a labelled, dated stream (issue #24) ----------------------------------------------------

def load_stream(path: Path) -> list[dict[str, Any]]:
    """A labelled JSONL stream in its own order: ``{text, story, title?, date?}`` per line."""
    if not path.exists():
        raise InputError(str(path), "does not exist", "pass --stream ../shared/data/real_stories/stream.jsonl")
    docs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            if "story" not in row or not row.get("text"):
                raise InputError(f"{path}:{n}", "has no 'story' label or no 'text'", "label each line with the story it belongs to")
            docs.append(row)
    return docs


def stream_dated(docs: Sequence[dict[str, Any]], config: StoryConfig, *, dates: bool = True) -> tuple[list[int], float]:
    """Each article's final story when ``docs`` are streamed in order, with their dates (or
    without, ``dates=False``), as ``stories ingest`` assigns them; and the wall seconds."""
    clusterer = OnlineClusterer(config)
    labels: list[int] = []
    with assignment_threads():
        t0 = time.perf_counter()
        for d in docs:
            features = featurize(d["text"], d.get("title", ""))
            assignment = clusterer.add(features, timestamp_of(d.get("date", "")) if dates else None, key=len(labels))
            labels.append(assignment.story_id)
            for move in assignment.moved:
                labels[move.key] = move.new_story
        seconds = time.perf_counter() - t0
    return labels, seconds


def run_stream(path: Path, config: StoryConfig = StoryConfig(), baseline_distance: float = 0.825) -> dict[str, Any]:
    """BCubed of the online stories against the stream's labels, with and without dates, and the
    offline baseline (TF-IDF + average-link at ``baseline_distance``) in the same run."""
    docs = load_stream(path)
    gold = [d["story"] for d in docs]
    out: dict[str, Any] = {"stream": str(path), "articles": len(docs), "stories": len(set(gold))}
    for name, dates in (("online_dated", True), ("online_undated", False)):
        labels, seconds = stream_dated(docs, config, dates=dates)
        p, r, f = bcubed(labels, gold)
        out[name] = {"p": p, "r": r, "f1": f, "stories": len(set(labels)), "articles_per_s": len(docs) / seconds}
    t0 = time.perf_counter()
    labels = baseline_labels(docs, baseline_distance)
    p, r, f = bcubed(labels, gold)
    out["baseline"] = {"p": p, "r": r, "f1": f, "stories": len(set(labels)), "articles_per_s": len(docs) / (time.perf_counter() - t0), "distance": baseline_distance}
    return out


def render_stream(result: dict[str, Any]) -> str:
    rows = [f"Labelled stream {result['stream']}: {result['articles']} articles, {result['stories']} stories",
            f"{'method':<34}{'P':>7}{'R':>7}{'F1':>7}{'stories':>9}{'art/s':>9}"]
    for key, label in (("online_dated", "online, with dates (one pass)"), ("online_undated", "online, dates removed"),
                       ("baseline", f"baseline, offline (distance {result['baseline']['distance']:.3f})")):
        r = result[key]
        rows.append(f"{label:<34}{r['p']:>7.3f}{r['r']:>7.3f}{r['f1']:>7.3f}{r['stories']:>9}{r['articles_per_s']:>9.0f}")
    return "\n".join(rows)


def render(result: dict[str, Any]) -> str:
    rows = [f"ECB+ story clustering: {result['articles']} articles, {result['seeds']} shuffled orders; thresholds {result['config']}"]
    workers = result.get("workers", 1)
    rows.append(f"{'method / articles':<34}{'P':>7}{'R':>7}{'F1':>7}{'F1 min':>8}{'topic F1':>10}{'stories':>9}{'art/s':>9}{'cpu art/s':>11}"
                f"{f'art/s -j {workers}':>12}{'F1 arrival':>12}{'moved':>7}")
    for key, label in (("held_out", "online, held-out topics 23-45"), ("all", "online, all (tuned on 1-22)"), ("tune", "online, tuning topics 1-22")):
        r = result[key]
        rows.append(f"{label:<34}{r['p']:>7.3f}{r['r']:>7.3f}{r['f1']:>7.3f}{r['f1_min']:>8.3f}{r['topic_f1']:>10.3f}{r['stories']:>9.0f}{r['articles_per_s']:>9.0f}{r['cpu_articles_per_s']:>11.0f}"
                    f"{r['pipelined_articles_per_s']:>12.0f}{r['arrival_f1']:>12.3f}{r['changed']:>7.1%}")
    for key, label in (("baseline_held_out", "baseline, held-out topics"), ("baseline_all", "baseline, all (offline)")):
        r = result[key]
        speed = f"{r['articles_per_s']:>9.0f}" if "articles_per_s" in r else f"{'':>9}"
        rows.append(f"{label:<34}{r['p']:>7.3f}{r['r']:>7.3f}{r['f1']:>7.3f}{'':>8}{r['topic_f1']:>10.3f}{r['stories']:>9.0f}{speed}")
    base = result["baseline_all"]
    rows.append(f"baseline: TF-IDF + average-link, cosine distance threshold {base['distance']:.3f} (tuned on topics 1-22)")
    a = result["all"]
    rows.append(f"online CPU per article (all): features {a['featurize_ms']:.2f} ms + assignment {a['assign_ms']:.2f} ms")
    rows.append("gold: 86 subtopics (stories), 43 topics; BCubed averaged over the seeds; speed excludes fetching; art/s and cpu art/s: one process")
    if workers > 1:
        rows.append(f"art/s -j {workers}: {workers} processes featurise while this one assigns (stories ingest -j {workers}), wall time with their start-up; "
                    f"same stories as one process: {result['same_labels']}")
    rows.append("online P/R/F1: stories at the end of the stream; F1 arrival: the story each article was first put in; moved: share of articles whose final story is not the one they arrived in")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ecbplus", type=Path, default=None, help="ECB+ documents (ecbplus_docs.jsonl)")
    parser.add_argument("--stream", type=Path, default=None, help="a labelled JSONL stream ({text, story, title?, date?} a line), e.g. real_stories/stream.jsonl")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the tables")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--cosine", type=float, default=JOIN_DEFAULTS.join_cosine)
    parser.add_argument("--anchors", type=float, default=JOIN_DEFAULTS.join_anchors)
    parser.add_argument("--cut", type=float, default=JOIN_DEFAULTS.story_cut, help="average-link cut of stories within a group")
    parser.add_argument("--workers", type=int, default=2, help="also stream with this many featurising processes (1: skip)")
    parser.add_argument("--tune", action="store_true", help="grid-search thresholds on topics 1-22 and print the best")
    args = parser.parse_args(argv)
    if args.ecbplus is None and args.stream is None:
        parser.error("pass --ecbplus FILE, --stream FILE, or both")
    if args.tune:
        docs = [d for d in load_ecbplus(args.ecbplus) if d["topic"] in TUNE_TOPICS]
        found = tune(docs)
        for f1, cos, cut in found["online_top"]:
            print(f"online  BCubed F1 {f1:.3f}  join_cosine {cos:.2f}  story_cut {cut:.2f}")
        f1, distance = found["baseline_best"]
        print(f"baseline BCubed F1 {f1:.3f}  distance {distance:.3f}")
        return
    config = StoryConfig(join_cosine=args.cosine, join_anchors=args.anchors, story_cut=args.cut)
    results: dict[str, Any] = {}
    if args.ecbplus is not None:
        results["ecbplus"] = run(args.ecbplus, seeds=args.seeds, limit=args.limit, config=config, workers=args.workers)
    if args.stream is not None:
        results["stream"] = run_stream(args.stream, config)
    if args.json:
        print(json.dumps(results, indent=1, default=float))
        return
    print("\n\n".join(render(r) if name == "ecbplus" else render_stream(r) for name, r in results.items()))


JOIN_DEFAULTS = StoryConfig()

if __name__ == "__main__":
    main()
