"""Benchmark: neutral multi-outlet summaries on NeuS / AllSides (ROUGE and a slant rate).

NeuS (Lee et al., NAACL 2022) pairs each AllSides headline roundup's left, right and
centre articles (``*.source``: ``TITLE=> ... ARTICLE=> ...`` blocks joined by ``[SEP]``)
with the AllSides editors' neutral summary (``*.target``, same format). We summarise
the articles' bodies (titles left out: they are the most loaded lines of all) and
score against the target's body:

* ROUGE-1/2/L F1 (``rouge-score``, Porter stemming), averaged over clusters;
* slant of the output: the share of its sentences our opinion scorer flags
  (``opinion_score >= OPINION_CUTOFF``), and loaded-lexicon hits per 100 words
  (``framing.lexicon.loaded_hits``: BASIL-learned words and the contested terms).

Systems, all held to the same word budget (the last sentence cut to fit, as ours is):
``manysides`` (``summarize.Summarizer``), ``as brief`` (the same, as the brief uses it:
whole sentences within the budget, no commentary), ``lead`` (the articles' first sentences, one
article after the other: left, right, centre), ``lead-rr`` (first sentences round-robin
across the articles) and ``lexrank`` (sumy's LexRank over the same sentences). The
human ``reference`` is scored for slant too, as the target rate.

    python -m manysides.bench.neus --data ../shared/data/neus_allsides [--split val] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from ..errors import DependencyError, InputError, ManysidesError
from ..framing.train import parse_block
from ..text.loaded import loaded_hits
from ..text.cues import OPINION_CUTOFF, opinion_score
from ..records import Sentence
from ..text.sentences import sentences_of, split_sentences

__all__ = ["run", "render", "load_neus", "parse_block"]

#: Words per summary: the mean length of a val target body is 66 words (median 56).
DEFAULT_WORDS = 65
SYSTEMS = ("manysides", "lead", "lead-rr", "lexrank")

def load_neus(data: Path | tuple[Path, Path], split: str = "val", limit: int | None = None) -> list[tuple[list[str], str]]:
    """[(article bodies, reference body)] for one split; ``data`` a folder or (source, target) files."""
    src, tgt = data if isinstance(data, tuple) else (data / f"{split}.source", data / f"{split}.target")
    if not src.exists() or not tgt.exists():
        missing = src if not src.exists() else tgt
        raise InputError(str(missing), "does not exist", "pass --source FILE --target FILE, or the neus_allsides folder with --data")
    sources = src.read_text(encoding="utf-8").splitlines()
    targets = tgt.read_text(encoding="utf-8").splitlines()
    if len(sources) != len(targets):
        raise InputError(str(data), f"{split}.source and {split}.target differ in length", "use the files as published")
    out = []
    for s, t in zip(sources, targets):
        bodies = [parse_block(b)[1] for b in s.split("[SEP]")]
        out.append(([b for b in bodies if b], parse_block(t)[1]))
    return out[:limit] if limit else out


def _fit(sentences: Sequence[str], words: int) -> list[str]:
    """Sentences in the given order up to ``words``, the last cut to fit (what our selector does)."""
    out, used = [], 0
    for s in sentences:
        n = len(s.split())
        if used + n <= words:
            out.append(s)
            used += n
        elif words - used >= 5:
            out.append(" ".join(s.split()[: words - used]))
            break
        else:
            break
    return out


def _lead(articles: Sequence[Sequence[Sentence]], words: int) -> list[str]:
    return _fit([s.text for a in articles for s in a], words)


def _lead_round_robin(articles: Sequence[Sequence[Sentence]], words: int) -> list[str]:
    order = [a[k].text for k in range(max((len(a) for a in articles), default=0)) for a in articles if k < len(a)]
    return _fit(order, words)


class _Words:
    """sumy's word tokenizer needs NLTK's punkt data (not installed offline): a regex does."""

    _WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")

    def to_words(self, text: str) -> list[str]:
        return self._WORD.findall(text)


def _lexrank() -> Callable[[Sequence[Sequence[Sentence]], int], list[str]]:
    try:
        from sumy.models.dom import ObjectDocumentModel, Paragraph
        from sumy.models.dom import Sentence as SumySentence
        from sumy.nlp.stemmers import Stemmer
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.utils import get_stop_words
    except ImportError as exc:
        raise DependencyError("the LexRank peer needs sumy; install it with 'pip install sumy' (or the [bench] extra)") from exc
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    words_of = _Words()

    def summarize(articles: Sequence[Sequence[Sentence]], words: int) -> list[str]:
        doc = ObjectDocumentModel([Paragraph([SumySentence(s.text, words_of) for s in a]) for a in articles if a])
        total = sum(len(a) for a in articles)
        # sumy returns its top k in document order: the smallest k that fills the budget, cut to it
        picked: list[str] = []
        for k in range(1, total + 1):
            picked = [str(s) for s in summarizer(doc, k)]
            if sum(len(p.split()) for p in picked) >= words:
                break
        return _fit(picked, words)

    return summarize


def _manysides(model: Path | None = None) -> Callable[[Sequence[Sequence[Sentence]], int], list[str]]:
    from ..summarize import Summarizer

    summarizer = Summarizer(model) if model else Summarizer()
    return lambda articles, words: [s.text for s in summarizer.summarize(articles, words=words)]


def _manysides_brief(model: Path | None = None) -> Callable[[Sequence[Sequence[Sentence]], int], list[str]]:
    """The summary as the brief makes it: whole sentences, no commentary or unattributed quotes."""
    from ..summarize import Summarizer

    summarizer = Summarizer(model) if model else Summarizer()
    return lambda articles, words: [s.text for s in summarizer.summarize(articles, words=words, brief=True)]


def slant(sentences: Sequence[str]) -> tuple[float, float, int]:
    """(share of sentences flagged as opinion, loaded hits per 100 words, words)."""
    if not sentences:
        return 0.0, 0.0, 0
    flagged = sum(opinion_score(s) >= OPINION_CUTOFF for s in sentences)
    words = sum(len(s.split()) for s in sentences)
    hits = sum(len(loaded_hits(s)) for s in sentences)
    return flagged / len(sentences), 100.0 * hits / max(1, words), words


def run(data: Path | tuple[Path, Path], *, split: str = "val", limit: int | None = None, words: int = DEFAULT_WORDS, model: Path | None = None) -> dict[str, Any]:
    """ROUGE and slant of every system on one NeuS split (a system that cannot load is listed with why)."""
    try:
        from rouge_score import rouge_scorer
    except ImportError as exc:
        raise DependencyError("the benchmark needs rouge-score; install it with 'pip install rouge-score==0.1.2'") from exc
    clusters = load_neus(data if isinstance(data, tuple) else Path(data), split, limit)
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    systems: dict[str, Callable[[Sequence[Sequence[Sentence]], int], list[str]]] = {}
    unavailable: dict[str, str] = {}
    for name, make in (("manysides", lambda: _manysides(model)), ("as brief", lambda: _manysides_brief(model)), ("lead", lambda: _lead), ("lead-rr", lambda: _lead_round_robin), ("lexrank", _lexrank)):
        try:
            systems[name] = make()
        except (ManysidesError, OSError) as exc:
            unavailable[name] = str(exc)
    rows: dict[str, dict[str, list[float]]] = {name: {} for name in (*systems, "reference")}
    seconds = {name: 0.0 for name in systems}
    for k, (bodies, reference) in enumerate(clusters):
        articles = [sentences_of(f"a{i}", body) for i, body in enumerate(bodies)]
        _add(rows["reference"], slant(split_sentences(reference)))
        for name, system in systems.items():
            t0 = time.perf_counter()
            output = system(articles, words)
            seconds[name] += time.perf_counter() - t0
            scores = scorer.score(reference, " ".join(output))
            _add(rows[name], slant(output), {m: scores[m].fmeasure for m in ("rouge1", "rouge2", "rougeL")})
    result: dict[str, Any] = {"split": split, "clusters": len(clusters), "words": words, "opinion_cutoff": OPINION_CUTOFF, "systems": {}, "unavailable": unavailable}
    for name, cols in rows.items():
        summary = {m: float(np.mean(v)) for m, v in cols.items()}
        if name in seconds:
            summary["ms_per_cluster"] = 1000 * seconds[name] / max(1, len(clusters))
        result["systems"][name] = summary
    return result


def _add(row: dict[str, list[float]], slanted: tuple[float, float, int], rouge: dict[str, float] | None = None) -> None:
    opinion, loaded, words = slanted
    for key, value in {**(rouge or {}), "opinion_share": opinion, "loaded_per_100w": loaded, "out_words": words}.items():
        row.setdefault(key, []).append(value)


def render(result: dict[str, Any]) -> str:
    """The benchmark's numbers as a printable table."""
    lines = [
        f"NeuS/AllSides {result['split']}: {result['clusters']} clusters, {result['words']}-word budget "
        f"(ROUGE F1 x100; opinion = share of output sentences with opinion_score >= {result['opinion_cutoff']}; "
        "loaded = lexicon hits per 100 words)",
        f"{'system':<11}{'R-1':>7}{'R-2':>7}{'R-L':>7}{'opinion':>9}{'loaded':>8}{'words':>7}{'ms/cl':>8}",
    ]
    for name, s in result["systems"].items():
        rouge = "".join(f"{100 * s[m]:>7.2f}" if m in s else f"{'-':>7}" for m in ("rouge1", "rouge2", "rougeL"))
        ms = f"{s['ms_per_cluster']:>8.1f}" if "ms_per_cluster" in s else f"{'-':>8}"
        lines.append(f"{name:<11}{rouge}{s['opinion_share']:>9.3f}{s['loaded_per_100w']:>8.2f}{s['out_words']:>7.1f}{ms}")
    for name, why in result.get("unavailable", {}).items():
        lines.append(f"{name:<11}not run: {why}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="the neus_allsides folder (val.source, val.target)")
    parser.add_argument("--source", type=Path, help="a .source file: outlets' articles joined by [SEP], one story a line")
    parser.add_argument("--target", type=Path, help="the line-aligned neutral summaries (.target)")
    parser.add_argument("--split", default="val", choices=("val", "train"))
    parser.add_argument("--limit", type=int, default=None, help="at most this many clusters")
    parser.add_argument("--words", type=int, default=DEFAULT_WORDS, help="summary length in words for every system")
    parser.add_argument("--model", type=Path, default=None, help="summarizer scorer JSON (default: the shipped one)")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args(argv)
    if (args.source is None) != (args.target is None) or (args.data is None and args.source is None):
        parser.error("give --source FILE --target FILE, or --data DIR")
    data = (args.source, args.target) if args.source else args.data
    result = run(data, split=args.split, limit=args.limit, words=args.words, model=args.model)
    sys.stdout.write((json.dumps(result, indent=2) if args.json else render(result)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
