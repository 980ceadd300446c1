"""Benchmark: a long undated stream through the online clusterer.

ECB+ (``bench stories``) is 982 articles; a stream of many thousands shows what grows with
it: the open groups, the candidates each article is scored against, and so the rate. The
stream is Multi-News' articles (each line of a ``.src`` file is one story, its articles
joined by ``|||||``; the line is the gold story), undated, in a shuffled order and in file
order, through ``OnlineClusterer`` with the shipped settings and with the candidate cap
switched off (``StoryConfig.max_candidates=0``). Printed: articles/s for each successive
block, overall, the open groups at the end, and BCubed against the lines (Multi-News lines
can share an event, so this is a relative check, not an absolute score).

    manysides bench stream --multinews ../shared/data/multi_news/validation.src
"""

from __future__ import annotations

import argparse
import json
import random
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, Sequence

from ..stories.cluster import OnlineClusterer, StoryConfig, assignment_threads
from ..stories.features import featurize
from ..ingest import split_multinews
from .stories import add_labelled, bcubed

__all__ = ["run", "render", "main", "load_multinews_articles"]

#: Articles of fewer words are left out (Multi-News has truncated stubs).
MIN_WORDS = 50
#: Articles per block whose rate is reported.
BLOCK = 3000


def load_multinews_articles(src: Path, limit: int | None = None, min_words: int = MIN_WORDS) -> tuple[list[str], list[int]]:
    """(article texts, the line each came from) of a Multi-News ``.src`` file."""
    texts: list[str] = []
    lines: list[int] = []
    with open(src, encoding="utf-8") as f:
        for n, line in enumerate(f):
            if limit is not None and n >= limit:
                break
            for text in split_multinews(line):
                if len(text.split()) > min_words:
                    texts.append(text)
                    lines.append(n)
    return texts, lines


def stream(features: Sequence[Any], gold: Sequence[int], config: StoryConfig) -> dict[str, Any]:
    """Add every article undated; the stories at the end, the rate per block, the open groups."""
    clusterer = OnlineClusterer(config)
    labels: list[int] = []
    rates: list[float] = []
    with assignment_threads():
        start = lap = time.perf_counter()
        for i, f in enumerate(features):
            add_labelled(clusterer, f, labels)
            if (i + 1) % BLOCK == 0:
                now = time.perf_counter()
                rates.append(BLOCK / (now - lap))
                lap = now
        seconds = time.perf_counter() - start
    p, r, f1 = bcubed(labels, gold)
    return {"rates": rates, "articles_per_s": len(features) / seconds, "open_groups": len(clusterer.groups), "p": p, "r": r, "f1": f1}


def run(src: Path, *, limit: int | None = None, seed: int = 0, min_words: int = MIN_WORDS) -> dict[str, Any]:
    texts, lines = load_multinews_articles(src, limit, min_words)
    shipped = StoryConfig()
    result: dict[str, Any] = {"articles": len(texts), "stories": len(set(lines)), "max_candidates": shipped.max_candidates, "rows": []}
    for order_name in ("shuffled", "file order"):
        order = list(range(len(texts)))
        if order_name == "shuffled":
            random.Random(seed).shuffle(order)
        features = [featurize(texts[i]) for i in order]
        gold = [lines[i] for i in order]
        for name, config in (("every candidate", replace(shipped, max_candidates=0)), (f"at most {shipped.max_candidates} (shipped)", shipped)):
            result["rows"].append({"order": order_name, "setting": name, **stream(features, gold, config)})
    return result


def render(result: dict[str, Any]) -> str:
    out = [f"Undated stream: {result['articles']} Multi-News articles, {result['stories']} lines (gold stories); rate per {BLOCK} articles, one core",
           f"{'order':<12}{'candidates scored':<26}{'art/s':>7}{'open groups':>13}{'P':>7}{'R':>7}{'F1':>7}   art/s per block"]
    for row in result["rows"]:
        blocks = ", ".join(f"{r:.0f}" for r in row["rates"])
        out.append(f"{row['order']:<12}{row['setting']:<26}{row['articles_per_s']:>7.0f}{row['open_groups']:>13}"
                   f"{row['p']:>7.3f}{row['r']:>7.3f}{row['f1']:>7.3f}   {blocks}")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="manysides.bench.stream", description=__doc__.split("\n")[0])
    parser.add_argument("--multinews", type=Path, required=True, help="a Multi-News .src file")
    parser.add_argument("--limit", type=int, default=None, help="lines (stories) to read")
    parser.add_argument("--seed", type=int, default=0, help="seed of the shuffled order")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    result = run(args.multinews, limit=args.limit, seed=args.seed)
    print(json.dumps(result, default=str) if args.json else render(result))


if __name__ == "__main__":
    main()
