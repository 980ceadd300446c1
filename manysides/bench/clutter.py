"""Benchmark: clutter removal on flat text (no HTML), on held-out pages.

Data: ``--corpus scrapinghub`` (default), the ScrapingHub article-extraction benchmark
(``../shared/data/article_extraction``), or ``--corpus l3s``, L3S-GN1's news pages
(``../shared/data/l3s_gn1``, body = labelled headline and full text). Each page becomes flat text three ways (``manysides.clean.dataset``): ``page``, every
visible line of the page (menus, teasers, footers...); ``recall``, trafilatura's
generous extraction with comments, closer to what users paste; ``default``,
trafilatura's default extraction (mostly body: the test is not to remove any of it).
A fourth, ``comments``, is half of those texts with a synthetic reader-comment thread
appended (``dataset.with_synthetic_comments``, built from the held-out pages' own lines). Every line is labelled
body / clutter against the ground-truth article body. Only the pages the model never
saw in training (``dataset.is_test_page``, 30% by a hash of the page id) are scored.

Systems, all given the same lines: ours (``clean_text``); jusText and trafilatura, fed
the flat text as an HTML page with one ``<p>`` per line (neither reads plain text, so
this is the fairest way to run them on it). Scores: line-level P/R/F1 of the body class
(pooled over lines) and token level: the benchmark's 4-gram shingle P/R/F1 per page,
averaged, against the body-labelled lines.

Each system's line errors are also counted on *twin* lines: a line whose exact text
appears in the same text under the other label too (a meal plan's "Meal 3" in the
article and again in a sidebar). No classifier that judges a line by its text can get
every twin right; the line F1 with those errors forgiven shows how much of the gap to
a perfect score they explain.

    python -m manysides.bench.clutter [--corpus scrapinghub|l3s] [--data DIR]
"""

from __future__ import annotations

import argparse
import html as htmllib
import json
import time
from pathlib import Path
from typing import Any, Callable, Sequence

from ..clean import clean_text
from ..clean.dataset import CORPORA, VIEWS, LabelledText, corpus_dir, is_test_page, labelled_texts, with_synthetic_comments
from ..clean.features import norm_line
from ..clean.metrics import benchmark_prf, line_prf, page_score

__all__ = ["run", "render", "main", "score", "twin_lines", "SYSTEMS"]


def _as_html(lines: Sequence[str]) -> str:
    body = "".join(f"<p>{htmllib.escape(line)}</p>\n" for line in lines)
    return f"<html><head><meta charset='utf-8'></head><body><article>{body}</article></body></html>"


def _ours(lines: Sequence[str]) -> list[bool]:
    kept = {norm_line(x) for x in clean_text("\n".join(lines)).text.split("\n") if x.strip()}
    return [norm_line(x) in kept for x in lines]


def _justext(lines: Sequence[str]) -> list[bool]:
    import justext

    paras = justext.justext(_as_html(lines).encode("utf-8"), justext.get_stoplist("English"))
    good = {norm_line(p.text) for p in paras if not p.is_boilerplate}
    return [norm_line(x) in good for x in lines]


def _trafilatura(lines: Sequence[str]) -> list[bool]:
    import trafilatura

    out = trafilatura.extract(_as_html(lines), include_comments=False, deduplicate=False) or ""
    good = {norm_line(x) for x in out.split("\n") if x.strip()}
    return [norm_line(x) in good for x in lines]


SYSTEMS: dict[str, Callable[[Sequence[str]], list[bool]]] = {"ours": _ours, "justext": _justext, "trafilatura": _trafilatura}


def twin_lines(t: LabelledText) -> list[bool]:
    """Per line: does its text appear in the same text under the other label too?"""
    labels: dict[str, set[bool]] = {}
    for line, g in zip(t.lines, t.labels):
        labels.setdefault(norm_line(line).lower(), set()).add(bool(g))
    return [len(labels[norm_line(line).lower()]) == 2 for line in t.lines]


def score(texts: Sequence[LabelledText], system: Callable[[Sequence[str]], list[bool]]) -> dict[str, Any]:
    """One system's pooled line P/R/F1, mean token P/R/F1, speed, and its errors on twin lines."""
    tp = fp = fn = twin_fp = twin_fn = 0
    rows = []
    t0 = time.perf_counter()
    for t in texts:
        pred = system(t.lines)
        for p, g, twin in zip(pred, t.labels, twin_lines(t)):
            tp += p and g
            fp += p and not g
            fn += (not p) and g
            twin_fp += p and not g and twin
            twin_fn += (not p) and g and twin
        gold_text = "\n".join(x for x, g in zip(t.lines, t.labels) if g)
        pred_text = "\n".join(x for x, p in zip(t.lines, pred) if p)
        rows.append(page_score(gold_text, pred_text))
    seconds = time.perf_counter() - t0
    return {"line": line_prf(tp, fp, fn), "token": benchmark_prf(rows), "texts_per_s": len(texts) / seconds if seconds else 0.0,
            "line_errors": fp + fn, "twin_errors": twin_fp + twin_fn, "line_f1_twins_forgiven": line_prf(tp, fp - twin_fp, fn - twin_fn)["f1"]}


def run(data: Path, *, systems: Sequence[str] = tuple(SYSTEMS), limit: int | None = None) -> dict[str, Any]:
    texts = [t for t in labelled_texts(data, limit=limit) if is_test_page(t.page_id)]
    texts += with_synthetic_comments(texts, seed=1)  # same as train.py's held-out check
    result: dict[str, Any] = {"pages": len({t.page_id for t in texts}), "views": {}}
    for view in (*VIEWS, "comments"):
        subset = [t for t in texts if t.view == view]
        result["views"][view] = {
            "lines": sum(len(t.lines) for t in subset),
            "body_lines": sum(sum(t.labels) for t in subset),
            "systems": {name: score(subset, SYSTEMS[name]) for name in systems},
        }
    return result


def render(result: dict[str, Any]) -> str:
    out = [f"Clutter removal on flat text: {result['pages']} held-out pages (never used in training)"]
    for view, v in result["views"].items():
        out.append(f"\nview '{view}': {v['lines']} lines, {v['body_lines']} body")
        out.append(f"  {'system':<12} {'line P':>7} {'line R':>7} {'line F1':>7}   {'tok P':>6} {'tok R':>6} {'tok F1':>6}  texts/s"
                   f"   {'twin errors':>11} {'F1 forgiven':>11}")
        for name, s in v["systems"].items():
            ln, tk = s["line"], s["token"]
            out.append(f"  {name:<12} {ln['precision']:7.3f} {ln['recall']:7.3f} {ln['f1']:7.3f}   "
                       f"{tk['precision']:6.3f} {tk['recall']:6.3f} {tk['f1']:6.3f}  {s['texts_per_s']:7.1f}"
                       f"   {s['twin_errors']:>4} / {s['line_errors']:<4} {s['line_f1_twins_forgiven']:11.3f}")
    out.append("\n(twin errors: line errors on text that the same page also has under the other label;"
               " F1 forgiven: line F1 without them)")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Flat-text clutter removal: ours vs jusText vs trafilatura, held-out pages.")
    ap.add_argument("--corpus", choices=sorted(CORPORA), default="scrapinghub", help="labelled pages to score on (default scrapinghub)")
    ap.add_argument("--data", type=Path, default=None, help="the corpus folder (default ../shared/data/<its folder>)")
    ap.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated subset of: " + ", ".join(SYSTEMS))
    ap.add_argument("--limit", type=int, default=None, help="only the first N pages (quick runs)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)
    result = run(args.data or corpus_dir(args.corpus), systems=[s for s in args.systems.split(",") if s], limit=args.limit)
    print(json.dumps(result, default=str) if args.json else render(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
