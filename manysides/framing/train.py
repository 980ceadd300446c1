"""Rebuild the loaded-word lexicon (``manysides/text/loaded_words.json``) from BASIL's
lexical-bias spans, optionally confirmed by NeuS; the rule is described in ``text/loaded.py``.

    python -m manysides.framing.train --basil ../shared/data/basil --neus ../shared/data/neus_allsides
"""

from __future__ import annotations

import argparse
import json
import math
import re
from collections import Counter
from pathlib import Path

from ..text.cues import strip_closed_quotes
from ..text.loaded import (
    _STOP, CONTESTED, LEXICON_PATH, MIN_SPAN_COUNT, MIN_WEIGHT, NEUS_MIN_Z, NEUS_PRIOR, PRIOR_TOKENS, tokens,
)

__all__ = ["build_lexicon", "parse_block", "main"]

_BLOCK = re.compile(r"TITLE=>\s*(?P<title>.*?)\s*ARTICLE=>\s*(?P<body>.*)", re.S)


def parse_block(block: str) -> tuple[str, str]:
    """(title, body) of one NeuS ``TITLE=> ... ARTICLE=> ...`` block."""
    m = _BLOCK.search(block)
    return (m.group("title").strip(), m.group("body").strip()) if m else ("", block.strip())


def _article_text(path: Path) -> str:
    data = json.loads(path.read_text(encoding="utf-8"))
    paragraphs = data.get("body-paragraphs") or []
    return " ".join(" ".join(p) if isinstance(p, list) else str(p) for p in paragraphs)


def _neus_z(neus_dir: Path) -> dict[str, float]:
    """Per word, how much more partisan articles use it than the neutral roundups of the same stories (z)."""
    partisan: Counter[str] = Counter()
    neutral: Counter[str] = Counter()
    src = (neus_dir / "train.source").read_text(encoding="utf-8").splitlines()
    tgt = (neus_dir / "train.target").read_text(encoding="utf-8").splitlines()
    for s, t in zip(src, tgt):
        for block in s.split("[SEP]"):
            partisan.update(tokens(strip_closed_quotes(" . ".join(parse_block(block)))))
        neutral.update(tokens(strip_closed_quotes(" . ".join(parse_block(t)))))
    n_p, n_n = sum(partisan.values()), sum(neutral.values())
    out = {}
    for w, c in partisan.items():
        a = NEUS_PRIOR * (c + neutral[w]) / (n_p + n_n)
        delta = math.log((c + a) / (n_p + NEUS_PRIOR - c - a)) - math.log((neutral[w] + a) / (n_n + NEUS_PRIOR - neutral[w] - a))
        out[w] = delta / math.sqrt(1 / (c + a) + 1 / (neutral[w] + a))
    return out


def build_lexicon(basil_dir: Path, neus_dir: Path | None = None) -> dict[str, float]:
    """word -> weight from BASIL's lexical-bias spans against all article text.

    With ``neus_dir`` (train split only), a word BASIL marked just once is kept too when
    partisan NeuS articles over-use it (z >= NEUS_MIN_Z) against the neutral roundups.
    """
    ann_files = sorted((basil_dir / "annotations").glob("*/*_ann.json"))
    if not ann_files:
        raise FileNotFoundError(f"no BASIL annotations under {basil_dir / 'annotations'}")
    in_spans: Counter[str] = Counter()
    overall: Counter[str] = Counter()
    for ann_path in ann_files:
        art_path = basil_dir / "articles" / ann_path.parent.name / ann_path.name.replace("_ann.json", ".json")
        if art_path.exists():
            overall.update(tokens(_article_text(art_path)))
        ann = json.loads(ann_path.read_text(encoding="utf-8"))
        for span in ann.get("phrase-level-annotations", []):
            if span.get("bias") == "lex":
                in_spans.update(tokens(span.get("txt", "")))
    base = sum(in_spans.values()) / max(1, sum(overall.values()))
    neus = _neus_z(neus_dir) if neus_dir is not None else {}
    lexicon = {}
    for word, hits in in_spans.items():
        if word in _STOP or len(word) < 3:
            continue
        if hits < MIN_SPAN_COUNT and neus.get(word, 0.0) < NEUS_MIN_Z:
            continue
        total = max(overall[word], hits)
        p = (hits + PRIOR_TOKENS * base) / (total + PRIOR_TOKENS)
        weight = math.log2(p / base)
        if weight >= MIN_WEIGHT:
            lexicon[word] = round(weight, 2)
    return dict(sorted(lexicon.items(), key=lambda kv: (-kv[1], kv[0])))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Learn the loaded-word lexicon from BASIL's lexical-bias spans.")
    parser.add_argument("--basil", type=Path, required=True, help="BASIL folder with annotations/ and articles/")
    parser.add_argument("--neus", type=Path, default=None, help="NeuS folder (train.source/.target) to confirm single-span words")
    parser.add_argument("--out", type=Path, default=LEXICON_PATH)
    args = parser.parse_args(argv)
    weights = build_lexicon(args.basil, args.neus)
    meta = {
        "source": "derived from BASIL (Fan et al., 2019) lexical-bias spans"
        + (" confirmed by NeuS/AllSides train (Lee et al., 2022) partisan-vs-neutral word use" if args.neus else "")
        + "; word weights only, no text",
        "rule": f"log2 P(lex|w)/P(lex), prior {PRIOR_TOKENS}, min span count {MIN_SPAN_COUNT} (1 if NeuS z >= {NEUS_MIN_Z}), min weight {MIN_WEIGHT}",
        "command": "python -m manysides.framing.train --basil ../shared/data/basil --neus ../shared/data/neus_allsides --out manysides/text/loaded_words.json",
    }
    doc = {"meta": meta, "weights": weights, "contested": list(CONTESTED)}
    args.out.write_text(json.dumps(doc, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"{len(weights)} loaded words -> {args.out}")


if __name__ == "__main__":
    main()
