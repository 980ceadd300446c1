"""Benchmark: article extraction from HTML, on a labelled corpus of news pages.

``--corpus scrapinghub`` (default): the ScrapingHub article-extraction benchmark, 181
real article pages and their ground-truth bodies; published on it: trafilatura 0.958,
newspaper4k 0.949, readability-lxml 0.922 (newspaper4k is not a peer here: offline it stalls
on L3S-GN1 pages, waiting on the network; docs/benchmarks.md). ``--corpus l3s``: 414 L3S-GN1 news pages,
the truth being each page's labelled headline and full text (``dataset.load_pages``).
Score as the ScrapingHub benchmark's own ``evaluate.py`` defines it
(``manysides.clean.metrics``): 4-token shingles, per-page normalised TP/FP/FN,
precision and recall averaged over pages, F1 of the averages.

Ours (``extract_html``: trafilatura's body refined by our trained clutter model) was
trained on 70% of the pages of each corpus, so it is reported on the held-out 30%
(never seen in training, ``dataset.is_test_page``) separately from all pages. Speed is
pages/second on this machine, one process, after one untimed page per system (imports,
model loading). Peers not installed are skipped.

    python -m manysides.bench.extract                      # ../shared/data/article_extraction
    python -m manysides.bench.extract --corpus l3s         # ../shared/data/l3s_gn1
    python -m manysides.bench.extract --html DIR --truth ground-truth.json
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import time
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Sequence

from ..clean import extract_html
from ..clean.dataset import CORPORA, corpus_dir, is_test_page, load_pages
from ..clean.metrics import benchmark_prf, page_score
from ..errors import InputError

__all__ = ["run", "render", "main", "SYSTEMS"]


def _ours(html: str) -> str:
    return extract_html(html).text


def _trafilatura(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def _readability(html: str) -> str:
    import lxml.html
    from readability import Document

    summary = Document(html).summary(html_partial=True)
    return lxml.html.fromstring(summary).text_content() if summary.strip() else ""


def _justext(html: str) -> str:
    import justext

    paras = justext.justext(html.encode("utf-8"), justext.get_stoplist("English"))
    return "\n".join(p.text for p in paras if not p.is_boilerplate)


SYSTEMS: dict[str, tuple[str, Callable[[str], str]]] = {
    "ours": ("manysides", _ours),
    "trafilatura": ("trafilatura", _trafilatura),
    "readability": ("readability-lxml", _readability),
    "justext": ("justext", _justext),
}


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def load(html_dir: Path, truth_path: Path, limit: int | None = None) -> list[tuple[str, str, str]]:
    """(id, html, truth) of a ScrapingHub-format benchmark given as an html folder and a truth file."""
    if not truth_path.is_file():
        raise InputError(str(truth_path), "not found", "pass the benchmark's ground-truth.json")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth)[:limit]:
        path = html_dir / f"{page_id}.html.gz"
        if path.is_file():
            html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
            pages.append((page_id, html, truth[page_id].get("articleBody", "") or ""))
    if not pages:
        raise InputError(str(html_dir), "holds no <id>.html.gz page of the ground truth", "pass the benchmark's html/ folder")
    return pages


def load_corpus(data_dir: Path, limit: int | None = None) -> list[tuple[str, str, str]]:
    """(id, html, truth) of every page of a corpus folder (``dataset.CORPORA``)."""
    pages = list(load_pages(data_dir, headline=True))[:limit]
    if not pages:
        raise InputError(str(data_dir), "holds no labelled page", "pass a corpus folder with html/<id>.html.gz")
    return pages


def run(html_dir: Path | None = None, truth_path: Path | None = None, *, data: Path | None = None, corpus: str = "scrapinghub",
        systems: Sequence[str] = tuple(SYSTEMS), limit: int | None = None) -> dict[str, Any]:
    """Every system on one corpus: ``html_dir`` + ``truth_path`` (ScrapingHub's format), or a
    corpus folder ``data`` (default: ``corpus``'s folder under ../shared/data)."""
    if html_dir is not None and truth_path is not None:
        pages = load(html_dir, truth_path, limit)
    else:
        pages = load_corpus(data or corpus_dir(corpus), limit)
    held = [is_test_page(pid) for pid, _, _ in pages]
    out: dict[str, Any] = {"corpus": corpus, "pages": len(pages), "held_out": sum(held), "systems": {}, "skipped": []}
    for name in systems:
        dist, fn = SYSTEMS[name]
        if name != "ours" and _version(dist) == "not installed":
            out["skipped"].append(name)
            continue
        rows, failures = [], 0
        with contextlib.suppress(Exception):  # imports and model loading, untimed: else the first system timed pays them for all
            fn(pages[0][1])
        t0 = time.perf_counter()
        for _, html, truth in pages:
            try:
                pred = fn(html)
            except Exception:  # a crashing extractor scores an empty body on that page
                pred, failures = "", failures + 1
            rows.append(page_score(truth, pred))
        seconds = time.perf_counter() - t0
        out["systems"][name] = {
            "version": _version(dist),
            "all": benchmark_prf(rows),
            "held_out": benchmark_prf([r for r, h in zip(rows, held) if h]),
            "trained_on": benchmark_prf([r for r, h in zip(rows, held) if not h]),
            "pages_per_s": len(pages) / seconds if seconds else 0.0,
            "failures": failures,
        }
    return out


def render(result: dict[str, Any]) -> str:
    title = {"scrapinghub": "ScrapingHub benchmark", "l3s": "L3S-GN1, headline + full text"}.get(result.get("corpus", ""), result.get("corpus", ""))
    out = [f"Article extraction ({title}): {result['pages']} pages, {result['held_out']} held out from training",
           f"  {'system':<12} {'version':<10} {'held-out P/R/F1':<21} {'all pages P/R/F1':<21} pages/s"]
    for name, s in result["systems"].items():
        h, a = s["held_out"], s["all"]
        out.append(f"  {name:<12} {s['version']:<10} {h['precision']:.3f} {h['recall']:.3f} {h['f1']:.3f}   "
                   f"{a['precision']:.3f} {a['recall']:.3f} {a['f1']:.3f}   {s['pages_per_s']:6.1f}"
                   + (f"  ({s['failures']} pages failed)" if s["failures"] else ""))
    if result.get("skipped"):
        out.append(f"  not installed, skipped: {', '.join(result['skipped'])}")
    out.append("Only 'ours' was trained on these pages (the non-held-out 70%); the other systems never saw them.")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="HTML article extraction: ours vs trafilatura, readability and jusText.")
    ap.add_argument("--corpus", choices=sorted(CORPORA), default="scrapinghub", help="labelled pages to score on (default scrapinghub)")
    ap.add_argument("--data", type=Path, default=None, help="the corpus folder (default ../shared/data/<its folder>)")
    ap.add_argument("--html", type=Path, default=None, help="a ScrapingHub-format html/ folder (<id>.html.gz), with --truth")
    ap.add_argument("--truth", type=Path, default=None, help="a ScrapingHub-format ground-truth.json, with --html")
    ap.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated subset of: " + ", ".join(SYSTEMS))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)
    if (args.html is None) != (args.truth is None):
        ap.error("--html and --truth go together")
    systems = [s for s in args.systems.split(",") if s]
    if unknown := set(systems) - set(SYSTEMS):
        ap.error(f"unknown systems: {', '.join(sorted(unknown))}")
    result = run(args.html, args.truth, data=args.data, corpus=args.corpus, systems=systems, limit=args.limit)
    print(json.dumps(result, default=str) if args.json else render(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
