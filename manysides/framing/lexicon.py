"""A small lexicon of loaded words, learned from BASIL's lexical-bias annotations.

BASIL (Fan et al., 2019, "In Plain Sight: Media Bias Through the Lens of Factual
Reporting") marks, in 300 articles from Fox News, the New York Times and the
Huffington Post, the spans whose *wording* carries the author's bias ("lex"
spans: "slammed", "doubled down", "ambushed"). A word is loaded when it turns up
in those spans far more often than its share of all the articles' words would
predict. For each word we take the smoothed log-ratio

    weight(w) = log2( P(lex | w) / P(lex) ),  P(lex | w) = (lex(w) + a * P(lex)) / (all(w) + a)

(a = PRIOR_TOKENS, a Dirichlet prior that pulls rare words towards "not loaded")
and keep words seen in spans at least MIN_SPAN_COUNT times with weight >=
MIN_WEIGHT. Quoted spans count too (a loaded word is loaded whoever says it); the
framing stage ignores words inside quotation marks when it scores an outlet.

What ships is our derived table (word -> weight, rounded), not BASIL's text.
Rebuild it with::

    python -m manysides.framing.lexicon --basil ../shared/data/basil --out manysides/framing/loaded_words.json
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

__all__ = ["loaded_words", "build_lexicon", "LEXICON_PATH", "tokens"]

log = logging.getLogger(__name__)

LEXICON_PATH = Path(__file__).with_name("loaded_words.json")
#: Pseudo-counts of the prior: a word needs a handful of span hits to move far from P(lex).
PRIOR_TOKENS = 8.0
#: A word seen in one or two spans may be chance; three is where the list stopped reading as noise.
MIN_SPAN_COUNT = 2
#: log2 ratio: 3.0 = eight times as likely inside a loaded span as its base rate.
MIN_WEIGHT = 3.0
#: Function words and names are never "loaded" by themselves, whatever the counts say.
_STOP = set(
    "a an the and or but if of to in on at by for with from as is are was were be been being it its this that these those "
    "he she they we i you his her their our my your him them us me who whom which what when where why how not no so than "
    "then there here has have had do does did will would can could should may might must just also very more most about "
    "into over after before up down out off again all any both each few other some such only own same too s t don "
    "it's said says trump donald obama clinton president democrats republicans democratic republican house senate gop".split()
)
_TOKEN = re.compile(r"[a-z][a-z'’-]*[a-z]|[a-z]")


def tokens(text: str) -> list[str]:
    """Lower-case word tokens (hyphenated words kept whole)."""
    return [t.replace("’", "'") for t in _TOKEN.findall(text.lower())]


def _article_text(path: Path) -> str:
    data = json.loads(path.read_text(encoding="utf-8"))
    paragraphs = data.get("body-paragraphs") or []
    return " ".join(" ".join(p) if isinstance(p, list) else str(p) for p in paragraphs)


def build_lexicon(basil_dir: Path) -> dict[str, float]:
    """word -> weight from BASIL's lexical-bias spans against all article text."""
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
    lexicon = {}
    for word, hits in in_spans.items():
        if hits < MIN_SPAN_COUNT or word in _STOP or len(word) < 3:
            continue
        total = max(overall[word], hits)
        p = (hits + PRIOR_TOKENS * base) / (total + PRIOR_TOKENS)
        weight = math.log2(p / base)
        if weight >= MIN_WEIGHT:
            lexicon[word] = round(weight, 2)
    return dict(sorted(lexicon.items(), key=lambda kv: (-kv[1], kv[0])))


@lru_cache(maxsize=1)
def loaded_words() -> dict[str, float]:
    """The shipped lexicon (empty, with a log line, if the file is missing)."""
    try:
        return dict(json.loads(LEXICON_PATH.read_text(encoding="utf-8"))["weights"])
    except (OSError, KeyError, ValueError):
        log.warning("loaded-word lexicon %s missing or unreadable; framing uses the story and the curated pairs only", LEXICON_PATH)
        return {}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Learn the loaded-word lexicon from BASIL's lexical-bias spans.")
    parser.add_argument("--basil", type=Path, required=True, help="BASIL folder with annotations/ and articles/")
    parser.add_argument("--out", type=Path, default=LEXICON_PATH)
    args = parser.parse_args(argv)
    weights = build_lexicon(args.basil)
    meta = {
        "source": "derived from BASIL (Fan et al., 2019) lexical-bias spans; word weights only, no text",
        "rule": f"log2 P(lex|w)/P(lex), prior {PRIOR_TOKENS}, min span count {MIN_SPAN_COUNT}, min weight {MIN_WEIGHT}",
        "command": "python -m manysides.framing.lexicon --basil ../shared/data/basil --out manysides/framing/loaded_words.json",
    }
    args.out.write_text(json.dumps({"meta": meta, "weights": weights}, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"{len(weights)} loaded words -> {args.out}")


if __name__ == "__main__":
    main()
