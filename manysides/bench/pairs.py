"""Benchmark: the sentence-pair model on every held-out split, beside cosine peers, and its cost.

For each set's held-out part (``text.pairs_data``): accuracy and F1 (paraphrase sets: F1
of "same"; NLI and stance sets: accuracy and macro-F1), read through the shipped int8
model exactly as the brief reads it. Peers, for the paraphrase sets: MiniLM cosine and
TF-IDF cosine, each at its best threshold *on the held-out pairs themselves* (an oracle
the model does not get), and the majority class. Stance (FNC-1, Emergent) was not
trained: it is read from the NLI head (entails: agree, contradicts: disagree, neutral:
discusses), as a reader would ask the model. Calibration: expected calibration error of
each head on the held-out pairs its temperature was not fitted on.

Cost, on one core: the model alone on news sentences of 20-30 words (pairs/s); and what a
brief would spend: every sentence of each article against every sentence of the others
(``--articles``, by default the seeds when ``../shared`` is there, else the example
story), pre-filtered by the MiniLM cosine the brief already has (``COSINE_FLOOR``).

    manysides bench pairs --data ../shared/data/pairs
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..text.pairs import COSINE_FLOOR, HEAD_LABELS, PairJudge
from ..text.pairs_data import TASKS, Pair, load_pairs

__all__ = ["run", "render", "best_threshold_f1", "expected_calibration_error"]

log = logging.getLogger(__name__)

#: Stance read from the NLI head: its classes in TASKS["stance"] order.
_STANCE_FROM_NLI = (0, 2, 1)  # agree <- entailment, disagree <- contradiction, discuss <- neutral


def best_threshold_f1(scores: np.ndarray, gold: np.ndarray) -> tuple[float, float]:
    """(F1, threshold) of "score >= t means same", at the t that maximises F1."""
    order = np.argsort(-scores)
    tp = np.cumsum(gold[order] == 1)
    predicted = np.arange(1, len(scores) + 1)
    f1 = 2 * tp / (predicted + (gold == 1).sum())
    k = int(np.argmax(f1))
    return float(f1[k]), float(scores[order][k])


def expected_calibration_error(prob: np.ndarray, gold: np.ndarray, bins: int = 10) -> float:
    """|confidence - accuracy| over ten confidence bins, weighted by their pairs."""
    conf, right = prob.max(1), prob.argmax(1) == gold
    edges = np.linspace(0.0, 1.0, bins + 1)
    err = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        inside = (conf > lo) & (conf <= hi)
        if inside.any():
            err += inside.mean() * abs(conf[inside].mean() - right[inside].mean())
    return float(err)


def _macro_f1(pred: np.ndarray, gold: np.ndarray) -> float:
    """Mean F1 over the classes the set has (FEVER has no "neutral")."""
    scores = []
    for c in np.unique(gold):
        tp = ((pred == c) & (gold == c)).sum()
        denom = (pred == c).sum() + (gold == c).sum()
        scores.append(2 * tp / denom if denom else 0.0)
    return float(np.mean(scores))


def _tfidf_cosine(pairs: Sequence[Pair]) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(sublinear_tf=True).fit([t for p in pairs for t in (p.a, p.b)])
    a, b = vec.transform([p.a for p in pairs]), vec.transform([p.b for p in pairs])
    return np.asarray(a.multiply(b).sum(1)).ravel()


def embed(texts: Sequence[str], cache: Path | None) -> dict[str, np.ndarray]:
    """text -> its MiniLM vector, kept in ``cache`` (an .npz keyed by the texts' hashes)."""
    from ..text.embeddings import MiniLMEncoder

    unique = sorted(set(texts))
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in unique]
    have: dict[str, np.ndarray] = {}
    if cache and cache.exists():
        with np.load(cache) as z:
            have = dict(zip(z["keys"].tolist(), z["vectors"]))
    todo = [(t, k) for t, k in zip(unique, keys) if k not in have]
    if todo:
        log.info("embedding %d texts", len(todo))
        for (t, k), v in zip(todo, MiniLMEncoder(threads=1).encode([t for t, _ in todo])):
            have[k] = v
        if cache:
            cache.parent.mkdir(parents=True, exist_ok=True)
            np.savez(cache, keys=np.array(list(have)), vectors=np.stack(list(have.values())).astype(np.float32))
    return {t: have[k] for t, k in zip(unique, keys)}


def _score_set(name: str, rows: list[Pair], probs: dict[str, np.ndarray], vectors: dict[str, np.ndarray]) -> dict[str, Any]:
    task = rows[0].task
    gold = np.array([TASKS[task].index(p.label) for p in rows])
    if task == "same":
        pred = probs["same"].argmax(1)
    elif task == "nli":
        pred = probs["nli"].argmax(1)
        if name == "fever_symmetric":  # two-way: supports vs refutes, read from the 3-way head
            pred = np.where(probs["nli"][:, 0] >= probs["nli"][:, 2], 0, 2)
    else:
        pred = probs["nli"][:, _STANCE_FROM_NLI].argmax(1)
    out: dict[str, Any] = {"set": name, "task": task, "pairs": len(rows), "accuracy": float((pred == gold).mean()),
                           "majority": Counter(gold.tolist()).most_common(1)[0][1] / len(gold)}
    if task == "same":
        out["f1"] = float((2 * ((pred == 1) & (gold == 1)).sum()) / ((pred == 1).sum() + (gold == 1).sum()))
        cos = np.array([float(vectors[p.a] @ vectors[p.b]) for p in rows])
        out["minilm_cosine_f1"], out["minilm_threshold"] = best_threshold_f1(cos, gold)
        out["tfidf_cosine_f1"], out["tfidf_threshold"] = best_threshold_f1(_tfidf_cosine(rows), gold)
        out["same_under_floor"] = float(((cos < COSINE_FLOOR) & (gold == 1)).sum() / max(1, (gold == 1).sum()))
    else:
        out["macro_f1"] = _macro_f1(pred, gold)
    return out


def _calibration(pairs: list[Pair], probs: dict[str, np.ndarray]) -> dict[str, float]:
    """Each head's calibration error on the held-out pairs its temperature was not fitted on."""
    from ..text.pairs_cross_train import CALIBRATION_SETS, is_calibration_pair

    out = {}
    for head, sets in CALIBRATION_SETS.items():
        rows = [i for i, p in enumerate(pairs) if p.set in sets and not is_calibration_pair(p)]
        gold = np.array([HEAD_LABELS[head].index(pairs[i].label) for i in rows])
        out[head] = expected_calibration_error(probs[head][rows], gold)
    return out


def model_speed(judge: PairJudge, pairs: Sequence[Pair], n: int = 1000) -> dict[str, float]:
    """Pairs/s of the model alone on one core, on news pairs whose sentences have 20-30 words."""
    news = [p for p in pairs if p.set == "mrpc" and all(20 <= len(t.split()) <= 30 for t in (p.a, p.b))]
    rows = (news * (n // max(1, len(news)) + 1))[:n]
    started = time.perf_counter()
    judge.relations([p.a for p in rows], [p.b for p in rows])
    return {"pairs_per_s": n / (time.perf_counter() - started), "words_per_sentence": float(np.mean([len(t.split()) for p in news for t in (p.a, p.b)]))}


def brief_cost(judge: PairJudge, articles: Path) -> dict[str, Any]:
    """What judging every cross-article sentence pair of a story costs, pre-filtered by cosine."""
    from ..api import brief
    from ..text.embeddings import get_encoder
    from ..text.sentences import split_paragraphs, split_sentences

    story = brief([str(articles)])
    sentences = [[s for _, para in split_paragraphs(a.text) for s in split_sentences(para)] for a in story.articles]
    vectors = [get_encoder("minilm").encode(s) for s in sentences]
    a, b, cos = [], [], []
    for i in range(len(sentences)):
        for j in range(i + 1, len(sentences)):
            sims = vectors[i] @ vectors[j].T
            for x, y in np.ndindex(*sims.shape):
                a.append(sentences[i][x]), b.append(sentences[j][y]), cos.append(float(sims[x, y]))
    started = time.perf_counter()
    rel = judge.relations(a, b, cos)
    seconds = time.perf_counter() - started
    return {"articles": len(sentences), "pairs": len(a), "asked": int(sum(c >= COSINE_FLOOR for c in cos)),
            "seconds": seconds, "pairs_per_s": len(a) / seconds, "same_or_supports": int((rel[:, :2].sum(1) > 0.5).sum())}


def run(data: Path, cache: Path | None, articles: Path | None, judge: PairJudge | None = None,
        limit: int | None = None) -> dict[str, Any]:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    judge = judge or PairJudge.load(threads=1)
    pairs = [p for p in load_pairs(data) if p.split == "held-out"]
    if limit:  # a fixed sample of each set, for quick looks only
        by: dict[str, list[Pair]] = defaultdict(list)
        for p in pairs:
            by[p.set].append(p)
        pairs = [p for rows in by.values() for p in (random.Random(0).sample(rows, limit) if len(rows) > limit else rows)]
    vectors = embed([t for p in pairs if p.task == "same" for t in (p.a, p.b)], cache)
    probs = judge.probabilities([p.a for p in pairs], [p.b for p in pairs])
    by_set: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(pairs):
        by_set[p.set].append(i)
    sets = [_score_set(name, [pairs[i] for i in idx], {h: p[idx] for h, p in probs.items()}, vectors)
            for name, idx in sorted(by_set.items())]
    result: dict[str, Any] = {"sets": sets, "calibration_ece": _calibration(pairs, probs), "model": model_speed(judge, pairs),
                              "cosine_floor": COSINE_FLOOR}
    if articles:
        result["brief"] = brief_cost(judge, articles)
    return result


def render(result: dict[str, Any]) -> str:
    lines = ["Sentence-pair model (int8 cross-encoder) on each set's held-out part; peers: cosine at its best threshold on these pairs", "",
             f"{'set':<16} {'task':<7} {'pairs':>6} {'acc':>6} {'F1/mF1':>7} {'majority':>9} {'MiniLM cos F1':>14} {'TF-IDF cos F1':>14}"]
    for s in result["sets"]:
        f1 = s.get("f1", s.get("macro_f1", 0.0))
        peers = (f"{s['minilm_cosine_f1']:>14.3f} {s['tfidf_cosine_f1']:>14.3f}" if "minilm_cosine_f1" in s else f"{'':>14} {'':>14}")
        lines.append(f"{s['set']:<16} {s['task']:<7} {s['pairs']:>6} {s['accuracy']:>6.3f} {f1:>7.3f} {s['majority']:>9.3f} {peers}")
    ece = result["calibration_ece"]
    lines += ["", "stance sets are read from the NLI head (not trained on stance)",
              f"calibration (ECE, held-out pairs outside the temperature fit): same {ece['same']:.3f}, nli {ece['nli']:.3f}",
              "'same' pairs under the cosine floor %.2f: %s" % (result["cosine_floor"], ", ".join(
                  f"{s['set']} {s['same_under_floor']:.1%}" for s in result["sets"] if "same_under_floor" in s)),
              f"model alone: {result['model']['pairs_per_s']:,.0f} pairs/s on one core "
              f"(sentences of {result['model']['words_per_sentence']:.0f} words)"]
    if "brief" in result:
        b = result["brief"]
        lines.append(f"a brief's pairs: {b['articles']} articles, {b['pairs']:,} cross-article sentence pairs, {b['asked']} over "
                     f"the cosine floor asked: {b['seconds']:.2f} s, {b['pairs_per_s']:,.0f} pairs/s")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    here = Path(__file__).resolve().parents[2]
    ap = argparse.ArgumentParser(prog="manysides bench pairs", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data/pairs"))
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "manysides" / "pair_vectors.npz",
                    help="MiniLM vectors of the pairs' texts, kept for the cosine peer")
    ap.add_argument("--articles", type=Path, default=None,
                    help="a story to time a brief's pairs on (default: ../shared/seeds, else examples/pinewood-bridge)")
    ap.add_argument("--limit", type=int, default=None, help="a fixed sample of this many pairs a set (quick looks; the numbers to report use all)")
    ap.add_argument("--delta", type=Path, default=None, help="a pair model other than the shipped one (a 'train pairs ship --to' file)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    articles = args.articles or next((p for p in (here.parent / "shared" / "seeds", here / "examples" / "pinewood-bridge") if p.is_dir()), None)
    result = run(args.data, args.cache, articles, PairJudge.load(args.delta) if args.delta else None, args.limit)
    print(json.dumps(result, indent=2) if args.json else render(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
