"""Benchmark: the summarizer on Multi-News (ROUGE-1/2/Lsum F1, speed), optionally with peers.

    python -m manysides.bench.multinews --src ../shared/data/multi_news/validation.src \\
        --tgt ../shared/data/multi_news/validation.tgt --limit 1000 --words 230 --peers

Any files of the Multi-News format work: one cluster a line, articles joined by
``|||||``, ``NEWLINE_CHAR`` for line breaks, the human summary on the same line
of the ``.tgt`` file (``--tgt a b c d``: several human summaries, one file each, ROUGE averaged
over them per cluster). ROUGE is rouge-score's F1 with ``use_stemmer=True``;
ROUGE-Lsum puts one sentence a line (summary sentences as the summarizer
returns them, reference sentences split by our splitter).

Honest numbers: the packaged scorer was trained on lines 1000+ of the
validation file (the only split here), so lines 0-999 (``--limit 1000``) are
held out. Speed is the summarizer as the brief calls it (features, scoring,
selection, citations) on already-split sentences; splitting is timed apart.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..records import SummarySentence
from ..summarize import Summarizer
from ..summarize.corpus import Cluster, read_clusters
from ..summarize.model import DEFAULT_MODEL
from .peers import PEERS, fill, oracle_summary

__all__ = ["run", "render", "main", "rouge_table", "order_agreement"]

#: A summary line stands for the reference sentence it shares most words with (Dice
#: over lower-cased words of 3+ letters) when they share at least this much.
ORDER_MATCH = 0.25
_ORDER_WORD = re.compile(r"\w{3,}")


def rouge_table(summaries: Sequence[Sequence[str]], clusters: Sequence[Cluster]) -> dict[str, float]:
    """Mean ROUGE-1, ROUGE-2, ROUGE-Lsum F1 (percent) of sentence lists against the references;
    a cluster with several human summaries scores the mean over them (as DUC reports)."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    totals = np.zeros(3)
    for summary, cluster in zip(summaries, clusters):
        per_reference = [scorer.score("\n".join(reference), "\n".join(summary)) for reference in cluster.references]
        totals += np.mean([[s["rouge1"].fmeasure, s["rouge2"].fmeasure, s["rougeLsum"].fmeasure] for s in per_reference], axis=0)
    r1, r2, rl = 100 * totals / max(len(clusters), 1)
    return {"rouge1": round(float(r1), 2), "rouge2": round(float(r2), 2), "rougeLsum": round(float(rl), 2)}


def order_agreement(summaries: Sequence[Sequence[SummarySentence]], clusters: Sequence[Cluster]) -> dict[str, Any]:
    """How well the order of summary lines follows the human summary's (mean Kendall tau).

    Each line is matched to the reference sentence it shares most words with
    (``ORDER_MATCH``); a cluster counts when two or more lines match two or more
    reference sentences. Besides the order shipped (reading order), two reorderings of
    the same lines: by the scorer's score, and by how many outlets carry the line.
    """
    from scipy.stats import kendalltau

    taus: dict[str, list[float]] = {"shipped": [], "score": [], "support": []}
    for summary, cluster in zip(summaries, clusters):
        refs = [set(_ORDER_WORD.findall(r.lower())) for r in cluster.reference]
        matched = [(n, _best_reference(set(_ORDER_WORD.findall(line.text.lower())), refs)) for n, line in enumerate(summary)]
        matched = [(n, at) for n, at in matched if at is not None]
        if len(matched) < 2 or len({at for _, at in matched}) < 2:
            continue
        lines, ref_order = [summary[n] for n, _ in matched], [at for _, at in matched]
        orders = {
            "shipped": list(range(len(lines))),
            "score": [-line.score for line in lines],
            "support": [(-len(line.sources), i) for i, line in enumerate(lines)],
        }
        for name, keys in orders.items():
            ranks = sorted(range(len(keys)), key=keys.__getitem__)  # position -> line; ties keep reading order
            tau = kendalltau([ranks.index(i) for i in range(len(keys))], ref_order).statistic
            if tau == tau:  # not NaN
                taus[name].append(float(tau))
    return {name: round(float(np.mean(v)), 3) if v else float("nan") for name, v in taus.items()} | {"clusters": len(taus["shipped"])}


def _best_reference(words: set[str], refs: Sequence[set[str]]) -> int | None:
    best, at = ORDER_MATCH, None
    for i, ref in enumerate(refs):
        if words and ref:
            dice = 2 * len(words & ref) / (len(words) + len(ref))
            if dice >= best:
                best, at = dice, i
    return at


def _trained_overlap(src: Path, start: int, stop: int) -> bool:
    """Whether lines start..stop of ``src`` are ones the packaged scorer was trained on."""
    try:
        info = json.loads(DEFAULT_MODEL.read_text(encoding="utf-8")).get("trained_on", {})
    except (OSError, ValueError):
        return False
    if info.get("src") != src.name:
        return False
    first, last = info.get("lines", [0, None])
    return stop > first and (last is None or start < last)


def run(
    src: Path, tgt: Path | Sequence[Path], *, limit: int | None = 1000, words: int = 230, peers: bool = False, oracle: int = 0, start: int = 0,
    brief: bool = False, order: bool = False,
) -> dict[str, Any]:
    stop = None if limit is None else start + limit
    t0 = time.perf_counter()
    clusters = list(read_clusters(src, tgt, start=start, stop=stop))
    split_s = time.perf_counter() - t0
    summarizer = Summarizer()
    t0 = time.perf_counter()
    ours = [summarizer.summarize(c.articles, words=words, brief=brief) for c in clusters]
    seconds = time.perf_counter() - t0
    n = len(clusters)
    result: dict[str, Any] = {
        **rouge_table([[s.text for s in summary] for summary in ours], clusters),
        "clusters": n,
        "seconds": round(seconds, 2),
        "clusters_per_s": round(n / seconds, 1) if seconds else 0.0,
        "split_seconds": round(split_s, 2),
        "words": words,
        "lines": [start, start + n if stop is None else stop],
        "mean_words": round(float(np.mean([sum(len(s.text.split()) for s in summary) for summary in ours])) if ours else 0.0, 1),
        "held_out": not _trained_overlap(Path(src), start, start + n),
        "brief": brief,
        "set": Path(src).name,
        "references": round(float(np.mean([len(c.references) for c in clusters])), 2) if clusters else 0,
    }
    if order:
        result["order"] = order_agreement(ours, clusters)
    if peers:
        result["peers"] = {}
        for name, rank in PEERS.items():
            t0 = time.perf_counter()
            texts = [fill(rank(c.articles), words) for c in clusters]
            peer_s = time.perf_counter() - t0
            result["peers"][name] = {**rouge_table(texts, clusters), "clusters_per_s": round(n / peer_s, 1) if peer_s else 0.0}
    if oracle:
        subset = clusters[:oracle]
        t0 = time.perf_counter()
        texts = [oracle_summary(c.articles, " ".join(c.reference), words) for c in subset]
        result["oracle"] = {**rouge_table(texts, subset), "clusters": len(subset), "clusters_per_s": round(len(subset) / (time.perf_counter() - t0), 1)}
    return result


def render(result: dict[str, Any]) -> str:
    lines = [
        f"{result.get('set', 'Multi-News')}, lines {result['lines'][0]}-{result['lines'][1] - 1}: {result['clusters']} clusters, "
        + (f"ROUGE averaged over {result['references']:g} human summaries a cluster, " if result.get("references", 1) > 1 else "")
        + f"{result['words']}-word budget (ours: mean {result['mean_words']} words"
        + (", as the brief chooses: whole sentences, no commentary)" if result.get("brief") else ")")
        + ("" if result["held_out"] else "  [WARNING: the scorer was trained on some of these lines]"),
        f"{'method':<22}{'R-1':>7}{'R-2':>7}{'R-Lsum':>8}{'clusters/s':>12}",
        f"{'manysides':<22}{result['rouge1']:>7.2f}{result['rouge2']:>7.2f}{result['rougeLsum']:>8.2f}{result['clusters_per_s']:>12.1f}",
    ]
    for name, r in result.get("peers", {}).items():
        lines.append(f"{name:<22}{r['rouge1']:>7.2f}{r['rouge2']:>7.2f}{r['rougeLsum']:>8.2f}{r['clusters_per_s']:>12.1f}")
    if "oracle" in result:
        r = result["oracle"]
        lines.append(f"{'oracle (first ' + str(r['clusters']) + ')':<22}{r['rouge1']:>7.2f}{r['rouge2']:>7.2f}{r['rougeLsum']:>8.2f}{r['clusters_per_s']:>12.1f}")
    if "order" in result:
        o = result["order"]
        lines.append(f"line order vs the human summary's, mean Kendall tau over {o['clusters']} clusters: "
                     f"shipped (reading order) {o['shipped']:.3f}, by score {o['score']:.3f}, by outlets carrying the line {o['support']:.3f}")
    lines.append(
        f"seconds: summarizing {result['seconds']:.1f}, sentence splitting {result['split_seconds']:.1f} "
        f"(end to end {result['clusters'] / max(result['seconds'] + result['split_seconds'], 1e-9):.1f} clusters/s); one process"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="manysides.bench.multinews", description=__doc__.split("\n")[0])
    parser.add_argument("--src", type=Path, required=True, help="Multi-News-format .src file")
    parser.add_argument("--tgt", type=Path, nargs="+", required=True,
                        help="the matching .tgt file, or several (one human summary each: ROUGE is the mean over them)")
    parser.add_argument("--start", type=int, default=0, help="first line (default 0)")
    parser.add_argument("--limit", type=int, default=None, help="clusters to use (default: all from --start)")
    parser.add_argument("--words", type=int, default=230, help="word budget (default 230)")
    parser.add_argument("--peers", action="store_true", help="also run lead, LexRank, TextRank, LSA, Luhn and a TF-IDF centroid")
    parser.add_argument("--oracle", type=int, default=0, metavar="N", help="greedy extractive oracle on the first N clusters")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--as-brief", action="store_true", help="our summaries as the brief chooses them (whole sentences, no commentary)")
    parser.add_argument("--order", action="store_true", help="also score the order of the summary lines against the human summary's (Kendall tau)")
    args = parser.parse_args(argv)
    result = run(args.src, args.tgt, limit=args.limit, words=args.words, peers=args.peers, oracle=args.oracle, start=args.start, brief=args.as_brief,
                 order=args.order)
    print(json.dumps(result) if args.json else render(result))


if __name__ == "__main__":
    main()
