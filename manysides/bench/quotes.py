"""Benchmark: quote and speaker extraction on PolNeAR (and BASIL as a second check).

PolNeAR (Newell et al., LREC 2018) marks every attribution in 84 political news
articles as source (speaker), cue (verb) and content spans, BRAT standoff. We score
the attributions ``manysides.quotes.attributions_of`` finds, unmerged, per article.

Matching. Spans are compared as sets of the alphanumeric characters they cover
(quotation marks, punctuation and spaces do not count, and a split quote is the union
of its pieces). A predicted content matches a gold content when their overlap over
union (Jaccard) is at least ``MATCH_JACCARD`` = 0.5; pairs are matched one-to-one,
best overlap first. A gold content is *direct* when it opens with a quotation mark,
else *reported*. Precision counts predictions of a kind, recall gold items of a kind.
A direct quote that sits inside a predicted reported statement (a partial quote
woven into "X said that ...") is scored as part of that statement, as PolNeAR
annotates it, not as a prediction of its own.

Speaker accuracy, on matched pairs whose gold has a source: the predicted speaker is
right when the mention it was read from overlaps the gold source span (so a pronoun
resolved to a name still checks against the pronoun the annotator marked), or the
names agree (the predicted surname is a word of the gold source, or the gold
source's last word is a word of the predicted speaker).

BASIL (Fan et al., EMNLP 2019) marks bias spans; 722 of them are quotes with their
speaker ("Vicente_Fox", or "other_*" for unnamed ones). For each named-speaker quote
span we look for a predicted attribution covering at least half of it and check the
speaker's surname.

    python -m manysides.bench.quotes --polnear ../shared/data/polnear --basil ../shared/data/basil
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..errors import InputError
from ..quotes.attribute import Attribution, attributions_of
from ..text.entities import nlp

__all__ = ["run", "render", "load_polnear", "load_basil", "score_article", "MATCH_JACCARD"]

#: Overlap over union of alphanumeric characters for a content span to count as found.
MATCH_JACCARD = 0.5
#: BASIL: share of the annotated quote span a prediction must cover to count as found.
BASIL_COVER = 0.5

_DOUBLE_MARKS = "\"“”„«»"
_NAME_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    content: tuple[tuple[int, int], ...]
    source: tuple[tuple[int, int], ...]  # empty when the annotator marked no source
    source_text: str
    kind: str  # "direct" | "reported"


# ---------------------------------------------------------------- loading


def _spans(field: str) -> tuple[tuple[int, int], ...]:
    return tuple((int(a), int(b)) for a, b in (part.split() for part in field.split(";")))


def _parse_ann(path: Path, text: str) -> list[GoldAttribution]:
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            label, _, where = cols[1].partition(" ")
            spans[cols[0]] = (label, _spans(where))
        elif line.startswith("E") and len(cols) >= 2:
            roles = dict(part.split(":", 1) for part in cols[1].split() if ":" in part)
            relations.append(roles)
    gold = []
    for roles in relations:
        content = spans.get(roles.get("Content", ""), ("", ()))[1]
        if not content:
            continue
        source = spans.get(roles.get("Source", ""), ("", ()))[1]
        source_text = " ".join(text[a:b] for a, b in source)
        first = text[content[0][0] : content[0][1]].lstrip()
        kind = "direct" if first[:1] in _DOUBLE_MARKS or first[:2] in ("''", "``") else "reported"
        gold.append(GoldAttribution(content, source, source_text, kind))
    return gold


def load_polnear(root: Path, limit: int | None = None) -> list[tuple[str, str, list[GoldAttribution]]]:
    """(name, text, gold attributions) per dev article; one annotator's file per article."""
    dev = root / "dev" if (root / "dev").is_dir() else root
    texts, anns = dev / "text", dev / "attributions"
    if not texts.is_dir() or not anns.is_dir():
        raise InputError(str(root), "not a PolNeAR folder (no dev/text and dev/attributions)",
                         "pass the folder holding dev/ from networkdynamics/PolNeAR")
    out = []
    for txt in sorted(texts.glob("*.txt")):
        candidates = sorted(anns.glob(txt.stem + "_*.ann"))
        if not candidates:
            continue
        text = txt.read_text(encoding="utf-8")
        out.append((txt.stem, text, _parse_ann(candidates[0], text)))
        if limit and len(out) >= limit:
            break
    return out


def load_basil(root: Path, limit: int | None = None) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(article id, text, [(quote span text, speaker)]) for BASIL articles with named quotes."""
    out = []
    for ann_path in sorted((root / "annotations").glob("*/*_ann.json")):
        art_path = root / "articles" / ann_path.parent.name / ann_path.name.replace("_ann.json", ".json")
        if not art_path.exists():
            continue
        ann = json.loads(ann_path.read_text(encoding="utf-8"))
        quotes = [
            (p["txt"], p["speaker"].replace("_", " "))
            for p in ann.get("phrase-level-annotations", [])
            if p.get("quote") == "yes" and p.get("speaker") and not p["speaker"].startswith("other")
        ]
        if not quotes:
            continue
        article = json.loads(art_path.read_text(encoding="utf-8"))
        body = article.get("body-paragraphs", [])
        if isinstance(body, str):
            body = ast.literal_eval(body)
        text = "\n\n".join(" ".join(sentences) for sentences in body)
        out.append((ann_path.stem, text, quotes))
        if limit and len(out) >= limit:
            break
    return out


# ---------------------------------------------------------------- scoring


def _chars(text: str, spans: Iterable[tuple[int, int]]) -> set[int]:
    return {i for a, b in spans for i in range(a, min(b, len(text))) if text[i].isalnum()}


def _scored_predictions(found: Sequence[Attribution]) -> list[Attribution]:
    reported = [a for a in found if a.kind == "reported"]
    return [
        a for a in found
        if a.kind == "reported" or not any(r.start <= a.start and a.end <= r.end + 1 for r in reported)
    ]


def _words(text: str) -> set[str]:
    return {w.lower() for w in _NAME_WORD.findall(text)}


def speaker_correct(text: str, pred: Attribution, gold: GoldAttribution) -> bool:
    if pred.speaker_span and any(a < pred.speaker_span[1] and pred.speaker_span[0] < b for a, b in gold.source):
        return True
    if not pred.speaker or not gold.source_text:
        return False
    gold_words, pred_words = _words(gold.source_text), _words(pred.speaker)
    surname = pred.speaker.split()[-1].lower().strip(".,'’")
    gold_last = gold.source_text.split()[-1].lower().strip(".,'’") if gold.source_text.split() else ""
    return surname in gold_words or gold_last in pred_words


def score_article(text: str, found: Sequence[Attribution], gold: Sequence[GoldAttribution]) -> dict[str, Any]:
    """Counts for one article: predictions, gold, matches and right speakers per kind."""
    preds = _scored_predictions(found)
    pred_chars = [_chars(text, p.spans) for p in preds]
    gold_chars = [_chars(text, g.content) for g in gold]
    pairs = []
    for i, pc in enumerate(pred_chars):
        for j, gc in enumerate(gold_chars):
            inter = len(pc & gc)
            if inter:
                jac = inter / len(pc | gc)
                if jac >= MATCH_JACCARD:
                    pairs.append((jac, i, j))
    used_p, used_g, matches = set(), set(), []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            matches.append((i, j))
    counts: dict[str, Any] = {}
    for kind in ("direct", "reported"):
        counts[f"pred_{kind}"] = sum(p.kind == kind for p in preds)
        counts[f"gold_{kind}"] = sum(g.kind == kind for g in gold)
        counts[f"tp_pred_{kind}"] = sum(preds[i].kind == kind for i, _ in matches)
        counts[f"tp_gold_{kind}"] = sum(gold[j].kind == kind for _, j in matches)
        with_source = [(i, j) for i, j in matches if gold[j].kind == kind and gold[j].source]
        counts[f"spk_n_{kind}"] = len(with_source)
        counts[f"spk_ok_{kind}"] = sum(speaker_correct(text, preds[i], gold[j]) for i, j in with_source)
    return counts


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _run_polnear(root: Path, limit: int | None) -> dict[str, Any]:
    articles = load_polnear(root, limit)
    totals: dict[str, int] = {}
    parse_s = extract_s = 0.0
    n_found = 0
    for name, text, gold in articles:
        t0 = time.perf_counter()
        doc = nlp(parser=True)(text)
        t1 = time.perf_counter()
        found = attributions_of(name, text, doc)
        t2 = time.perf_counter()
        parse_s, extract_s, n_found = parse_s + t1 - t0, extract_s + t2 - t1, n_found + len(found)
        for key, value in score_article(text, found, gold).items():
            totals[key] = totals.get(key, 0) + value
    result: dict[str, Any] = {"articles": len(articles), "attributions": n_found}
    for kind in ("direct", "reported"):
        p, r, f = _prf(totals[f"tp_pred_{kind}"], totals[f"pred_{kind}"], totals[f"tp_gold_{kind}"], totals[f"gold_{kind}"])
        n_spk = totals[f"spk_n_{kind}"]
        result[kind] = {
            "gold": totals[f"gold_{kind}"], "predicted": totals[f"pred_{kind}"],
            "precision": p, "recall": r, "f1": f,
            "speaker_n": n_spk, "speaker_accuracy": totals[f"spk_ok_{kind}"] / n_spk if n_spk else 0.0,
        }
    tp_p = totals["tp_pred_direct"] + totals["tp_pred_reported"]
    tp_g = totals["tp_gold_direct"] + totals["tp_gold_reported"]
    n_p = totals["pred_direct"] + totals["pred_reported"]
    n_g = totals["gold_direct"] + totals["gold_reported"]
    n_spk = totals["spk_n_direct"] + totals["spk_n_reported"]
    p, r, f = _prf(tp_p, n_p, tp_g, n_g)
    result["all"] = {
        "gold": n_g, "predicted": n_p, "precision": p, "recall": r, "f1": f, "speaker_n": n_spk,
        "speaker_accuracy": (totals["spk_ok_direct"] + totals["spk_ok_reported"]) / n_spk if n_spk else 0.0,
    }
    total_s = parse_s + extract_s
    result["speed"] = {
        "parse_s": parse_s, "extract_s": extract_s,
        "articles_per_s": len(articles) / total_s if total_s else 0.0,
        "quotes_per_s": n_found / total_s if total_s else 0.0,
    }
    return result


def _surname_match(predicted: str, gold: str) -> bool:
    if not predicted:
        return False
    gold_words = _words(gold)
    return predicted.split()[-1].lower().strip(".,'’") in gold_words or gold.split()[-1].lower() in _words(predicted)


#: BASIL labels many quotes with a group ("Democratic Lawmakers", "Obama campaign") where the
#: article names the person speaking (an aide, a spokesman); the "person" rows keep speakers
#: whose label is written out in the article and names no group.
_GROUP_WORDS = frozenset(
    "campaign lawmakers democrats republicans party administration committee house senate "
    "officials group organization coalition plaintiffs catholics".split()
)


def _is_person_label(speaker: str, text: str) -> bool:
    words = speaker.split()
    return len(words) >= 2 and speaker in text and not any(w.lower() in _GROUP_WORDS for w in words)


def _run_basil(root: Path, limit: int | None) -> dict[str, Any]:
    articles = load_basil(root, limit)
    n_spans = located = found = right = person_found = person_right = 0
    t0 = time.perf_counter()
    for name, text, quotes in articles:
        attributions = attributions_of(name, text)
        for span_text, speaker in quotes:
            n_spans += 1
            at = text.find(span_text)
            if at < 0:
                continue
            located += 1
            gold = _chars(text, [(at, at + len(span_text))])
            covering = [a for a in attributions if gold and len(_chars(text, a.spans) & gold) / len(gold) >= BASIL_COVER]
            if not covering:
                continue
            found += 1
            best = min(covering, key=lambda a: len(_chars(text, a.spans)))
            ok = _surname_match(best.speaker, speaker)
            right += ok
            if _is_person_label(speaker, text):
                person_found += 1
                person_right += ok
    seconds = time.perf_counter() - t0
    return {
        "articles": len(articles), "quote_spans": n_spans, "located": located, "found": found,
        "found_share": found / located if located else 0.0,
        "speaker_accuracy": right / found if found else 0.0,
        "person_found": person_found,
        "person_speaker_accuracy": person_right / person_found if person_found else 0.0,
        "articles_per_s": len(articles) / seconds if seconds else 0.0,
    }


def run(polnear: Path | None = None, basil: Path | None = None, limit: int | None = None) -> dict[str, Any]:
    """Scores on PolNeAR dev (and BASIL when given); ``limit`` caps articles per corpus."""
    if polnear is None and basil is None:
        raise InputError("bench quotes", "no data given", "pass --polnear DIR and/or --basil DIR")
    result: dict[str, Any] = {"match_jaccard": MATCH_JACCARD}
    if polnear is not None:
        result["polnear"] = _run_polnear(Path(polnear), limit)
    if basil is not None:
        result["basil"] = _run_basil(Path(basil), limit)
    return result


def render(result: dict[str, Any]) -> str:
    """The benchmark's numbers as a printable table."""
    lines = []
    if "polnear" in result:
        pn = result["polnear"]
        lines.append(f"PolNeAR dev: {pn['articles']} articles, {pn['attributions']} attributions found "
                     f"(content match: alnum-char Jaccard >= {result['match_jaccard']})")
        lines.append(f"{'kind':<10}{'gold':>6}{'pred':>6}{'P':>7}{'R':>7}{'F1':>7}{'spk n':>7}{'spk acc':>9}")
        for kind in ("direct", "reported", "all"):
            row = pn[kind]
            lines.append(
                f"{kind:<10}{row['gold']:>6}{row['predicted']:>6}{row['precision']:>7.3f}{row['recall']:>7.3f}"
                f"{row['f1']:>7.3f}{row['speaker_n']:>7}{row['speaker_accuracy']:>9.3f}"
            )
        sp = pn["speed"]
        lines.append(f"speed: {sp['articles_per_s']:.2f} articles/s, {sp['quotes_per_s']:.1f} attributions/s "
                     f"(spaCy parse {sp['parse_s']:.1f} s, rules {sp['extract_s']:.1f} s)")
    if "basil" in result:
        b = result["basil"]
        lines.append("")
        lines.append(f"BASIL: {b['articles']} articles, {b['quote_spans']} quote spans with a named speaker, "
                     f"{b['located']} located in the text")
        lines.append(f"found (a prediction covers >= half the span): {b['found']} ({b['found_share']:.3f}); "
                     f"speaker accuracy on found: {b['speaker_accuracy']:.3f}; {b['articles_per_s']:.2f} articles/s")
        lines.append(f"of which labelled with a person's name: {b['person_found']}, "
                     f"speaker accuracy {b['person_speaker_accuracy']:.3f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", type=Path, help="PolNeAR folder (holding dev/text, dev/attributions)")
    parser.add_argument("--basil", type=Path, help="BASIL folder (holding articles/, annotations/)")
    parser.add_argument("--limit", type=int, default=None, help="at most this many articles per corpus")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args(argv)
    result = run(args.polnear, args.basil, args.limit)
    sys.stdout.write((json.dumps(result, indent=2) if args.json else render(result)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
