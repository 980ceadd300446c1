"""Benchmark: how many of the claims a brief makes hold up, judged as a reader judges them.

A brief promises things: summary lines a reader can take out of their article, "5 of 6
outlets carry this" [1][2][4][5][6], "these outlets conflict", "only [2] reports", "[4]
leaves out", who said what, "this outlet says 'dictator' where the others say 'leader'",
"this sentence is commentary", "Who and what": these names, each of this kind.
Each is a *claim*. Readers labelled the claims of briefs of real multi-outlet coverage
(``../shared/data/real_stories/stories.jsonl``) against the articles, with the tags of
``../shared/CLAIMS.md``; the labels live in ``claims_labels.jsonl`` beside this file,
keyed by story id, claim kind and a hash of the claim's normalised text, never the
articles' words. They also record what a kind *missed* (a real conflict, a real
loaded term), with the words a claim that finds it must contain.

This bench briefs the stories again with the current code and reports, per kind,
precision on the claims that carry a label, recall on the labelled misses, and how
many claims have no label yet (listed with ``--unlabelled``, so the labels grow with
the code). Stories are split by a hash of their id: about a third are held out (``--split
held-out``) and are only read to report, never to tune.

    manysides bench claims --stories ../shared/data/real_stories/stories.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import InputError
from ..report.markdown import SHOWN_DIVERGENCES, SHOWN_ENTITIES, SHOWN_FACTS, SHOWN_QUOTES, entity_entry, timeline_entry

__all__ = [
    "Claim", "Labels", "claims_of", "claim_key", "load_stories", "load_labels", "split_of", "score", "run", "render", "KINDS", "LABELS_PATH",
    "brief_numbering", "write_packets", "CONTEXT_TAGS",
]

LABELS_PATH = Path(__file__).with_name("claims_labels.jsonl")

#: Claim kinds, with the letter CLAIMS.md gives each.
KINDS = {
    "S": "summary lines",
    "C": "conflicting details",
    "O": "reported by one outlet only",
    "L": "left out by some outlets",
    "Q": "quotes",
    "F": "framing terms",
    "P": "opinion sentences",
    "A": "agreed facts, at least k",
    "E": "who and what (entities)",
    "T": "timeline entries",
}
#: Tags for the entity list, which ../shared/CLAIMS.md does not cover (docs/benchmarks.md, stop
#: 37): "wrong-kind" (the label is not what it names: "Kill Bill (PERSON)", "Harvey (GPE)" for
#: Harvey Weinstein), "junk" (no name of the story: a page's words, a photo credit, a fragment),
#: "duplicate" (the same thing as an entry listed before it: "ROK" after "South Korea").
ENTITY_TAGS = ("wrong-kind", "junk", "duplicate")
#: Tags for the timeline, which CLAIMS.md does not cover either (docs/benchmarks.md, stop 38):
#: "wrong-date" (the event did not happen on the date shown, or the date it resolves to is
#: wrong), "wrong-event" (another story's event, or another person's, told as this story's),
#: "duplicate" (an event an earlier entry already gives), "dangling" (the entry does not say
#: who or what it is about), "fragment" (a caption, a heading, a sentence cut short), "trivial"
#: (no event of the story: an anecdote, a generality).
TIMELINE_TAGS = ("wrong-date", "wrong-event", "duplicate", "dangling", "fragment", "trivial")
#: Held-out share of stories, by a hash of the id (1 in HELD_OUT_MOD).
HELD_OUT_MOD = 3
#: Summary-line labels that depend on the lines before the line ("dangling": its referent is in
#: no earlier line; "redundant": an earlier line says it), and "ok", which says neither applies.
#: A label row may record those lines (``before``); where the summary now puts other lines
#: before it, the label is listed as stale, to be judged again (re-judging at stop 33 changed 51 of
#: 366 such labels).
CONTEXT_TAGS = frozenset({"ok", "dangling", "redundant"})
#: ``before`` of a summary's first line: no line before it.
FIRST_LINE = hashlib.sha1(b"").hexdigest()[:12]


@dataclass(frozen=True)
class Claim:
    """One thing a brief tells its reader, as they see it, with what a labeller needs to check it."""

    story: str
    kind: str  # a key of KINDS
    key: str  # claim_key(kind, identity)
    text: str  # the claim as the report shows it
    evidence: dict[str, str] = field(default_factory=dict)  # outlet -> its sentence
    before: str = ""  # a summary line's context: a hash of the keys of the lines before it


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w%$.]+", " ", text.lower()).split())


def claim_key(kind: str, identity: str) -> str:
    """A short stable hash of a claim: its kind and its normalised text (never the text itself)."""
    return hashlib.sha1(f"{kind}|{_normal(identity)}".encode("utf-8")).hexdigest()[:16]


def split_of(story_id: str) -> str:
    """'held-out' for about a third of the stories (a hash of the id), else 'dev'."""
    h = int(hashlib.sha1(f"manysides-claims|{story_id}".encode("utf-8")).hexdigest(), 16)
    return "held-out" if h % HELD_OUT_MOD == 0 else "dev"


def _claim(story: str, kind: str, identity: str, text: str, evidence: dict[str, str] | None = None, before: str = "") -> Claim:
    return Claim(story, kind, claim_key(kind, identity), text, evidence or {}, before)


def context_of(keys: Sequence[str]) -> str:
    """The lines before a summary line, as a short hash of their keys in order."""
    return hashlib.sha1("|".join(keys).encode("utf-8")).hexdigest()[:12]


def claims_of(brief, story: str) -> list[Claim]:
    """Every claim the brief's report shows, in the report's order."""
    src = {a.id: a.source for a in brief.articles}

    def outlets(ids: Iterable[str]) -> str:
        return ", ".join(sorted(src.get(a, a) for a in ids))

    out: list[Claim] = []
    earlier: list[str] = []
    for s in brief.summary:
        out.append(_claim(story, "S", s.text, s.text, {src.get(a, a): t for a, t in s.source_sentences.items()}, context_of(earlier)))
        earlier.append(out[-1].key)
    for f in brief.facts[:SHOWN_FACTS]:
        # the citations are the promise ("at least k of n": another outlet may say it in words
        # the matching did not join): a citation to an outlet that does not say it is the error
        count = f"{len(f.support)} of {f.n_articles}"  # the key's count: a label follows the claim as counted
        # the support in angle brackets, not after a dash: a fact with dashes of its own ("stunned
        # at the amount — more than $284 billion") read to its labellers as cut off at the first
        out.append(_claim(story, "A", f"{f.text} {count} {outlets(f.support)}", f"{f.text} ⟨{f.support_label} {brief.citation(f.support)}⟩",
                          {src.get(a, a): t for a, t in f.wordings.items()}))
    shown: Counter[str] = Counter()
    for d in brief.divergences:
        shown[d.kind] += 1
        if shown[d.kind] > SHOWN_DIVERGENCES:
            continue
        evidence = {src.get(a, a): t for a, t in d.evidence.items()}
        if d.kind == "conflict":
            values = " vs ".join(sorted(f"{v} ({src.get(a, a)})" for a, v in d.values.items()))
            out.append(_claim(story, "C", f"{d.slot} {values}", d.text + " — " + values, evidence))
        elif d.kind == "only_one":
            out.append(_claim(story, "O", f"{outlets(d.articles)} {d.text}", f"only {outlets(d.articles)}: {d.text}", evidence))
        elif d.kind == "omitted":
            # keyed on the wording the labels were made with ("…outlets, left out by 1: …")
            keyed = d.text.replace(" outlets: ", f" outlets, left out by {len(d.articles)}: ", 1)
            out.append(_claim(story, "L", f"{outlets(d.articles)} {keyed}", f"left out by {outlets(d.articles)}: {d.text}", evidence))
    for q in brief.quotes[:SHOWN_QUOTES]:
        who = q.speaker or "unattributed"
        if q.speaker_title:
            who += f" ({q.speaker_title})"
        out.append(_claim(story, "Q", f"{who} {q.kind} {q.text}", f"{who} — {q.kind}: {q.text}",
                          {src.get(a, a): t for a, t in q.contexts.items()}))
    n = len(brief.articles)
    for e in brief.entities[:SHOWN_ENTITIES]:
        out.append(_claim(story, "E", f"{e.text} {e.label}", entity_entry(e, n)))
    for t in brief.timeline:
        out.append(_claim(story, "T", f"{t.date} {t.iso} {t.text}", f"{timeline_entry(t)} {brief.citation(t.sources)}"))
    for f in brief.framing:
        for t in f.loaded_terms:
            contrast = f" (others: {t.neutral})" if t.neutral else ""
            out.append(_claim(story, "F", f"{f.source} {t.term} {t.neutral}", f"{f.source} says “{t.term}”{contrast}",
                              {f.source: " | ".join(t.sentences[:1])}))
        for sentence in f.opinion_sentences:
            out.append(_claim(story, "P", f"{f.source} {sentence}", f"{f.source}: {sentence}"))
    return out


def load_stories(path: Path, *, split: str = "all", ids: Sequence[str] = ()) -> list[dict]:
    """Stories of a real_stories-style JSONL with at least two articles (one article has no claims to compare)."""
    if not path.exists():
        raise InputError(str(path), "does not exist", "pass --stories ../shared/data/real_stories/stories.jsonl")
    stories = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        story = json.loads(line)
        sid = str(story["id"])
        if len(story.get("articles", ())) < 2 or (ids and sid not in ids):
            continue
        if split != "all" and split_of(sid) != split:
            continue
        stories.append(story)
    return stories


@dataclass
class Labels:
    """What readers said: a label per claim, the misses, and a summary coverage (1-5) per story."""

    claims: dict[tuple[str, str, str], str] = field(default_factory=dict)  # (story, kind, key) -> label
    misses: list[dict] = field(default_factory=list)  # {story, kind, miss, match}
    coverage: dict[str, float] = field(default_factory=dict)  # story -> 1..5
    contexts: dict[tuple[str, str, str], str] = field(default_factory=dict)  # (story, "S", key) -> ``before`` when labelled
    #: (story, "S", key, before) -> label: a line judged after exactly these lines. A line read
    #: after other lines (an experiment's summary) gets a row of its own, which must not
    #: overwrite how it reads where it stood before.
    in_context: dict[tuple[str, str, str, str], str] = field(default_factory=dict)


def load_labels(path: Path) -> Labels:
    """The labels JSONL: claim rows {story, kind, key, label[, before]}, miss rows {story, kind,
    miss, match}, coverage rows {story, kind: "S", coverage}. A later row for a claim wins."""
    labels = Labels()
    if not path.exists():
        return labels
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            story = str(row["story"])
            if "miss" in row:
                labels.misses.append(row)
            elif "coverage" in row:
                labels.coverage[story] = float(row["coverage"])
            else:
                labels.claims[(story, row["kind"], row["key"])] = row["label"]
                if "before" in row:
                    labels.contexts[(story, row["kind"], row["key"])] = row["before"]
                    labels.in_context[(story, row["kind"], row["key"], row["before"])] = row["label"]
                else:
                    labels.contexts.pop((story, row["kind"], row["key"]), None)
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{n}", f"is not a label row ({exc})", "fix or delete the line; see bench/claims.py for the row forms") from exc
    return labels


def brief_event(story: dict, pipeline):
    """The brief of one real_stories event, its articles given as the JSONL gives them."""
    inputs = [
        {"text": a.get("text", ""), "source": a.get("source", ""), "title": a.get("title", ""), "url": a.get("url", ""), "date": a.get("date", "")}
        for a in story["articles"]
    ]
    return pipeline.run(inputs)


def _found(miss: dict, claims: Sequence[Claim]) -> bool:
    words = [w.lower() for w in miss.get("match", ())]
    return bool(words) and any(
        c.kind == miss["kind"] and all(w in (c.text + " " + " ".join(c.evidence.values())).lower() for w in words) for c in claims
    )


def label_of(claim: Claim, labels: Labels) -> tuple[str | None, str | None]:
    """The label a claim is scored with, and the lines it was judged after (``before``): its
    label in this very context where readers gave one, else its latest."""
    label = labels.in_context.get((claim.story, claim.kind, claim.key, claim.before)) if claim.before else None
    if label is not None:
        return label, claim.before
    return labels.claims.get((claim.story, claim.kind, claim.key)), labels.contexts.get((claim.story, claim.kind, claim.key))


def score(claims: Sequence[Claim], labels: Labels, stories: Iterable[str]) -> dict:
    """Per kind: claims, labelled, ok, precision; misses, found, recall; the mean summary
    coverage of the labelled stories; and the unlabelled claims."""
    stories = set(stories)
    misses = labels.misses
    rows: dict[str, dict] = {k: {"claims": 0, "labelled": 0, "ok": 0, "errors": Counter(), "misses": 0, "found": 0} for k in KINDS}
    unlabelled, stale = [], []
    for c in claims:
        r = rows[c.kind]
        r["claims"] += 1
        label, context = label_of(c, labels)
        if label is None:
            unlabelled.append(c)
            continue
        tag = label.split(":", 1)[0].strip()
        if context is not None and context != c.before and tag in CONTEXT_TAGS:
            stale.append(c)
        elif context is None and c.kind == "S" and tag == "redundant" and c.before == FIRST_LINE:
            stale.append(c)  # labelled before contexts were recorded, and now first: it repeats nothing
        r["labelled"] += 1
        if tag == "ok":  # "ok: reason" is ok too
            r["ok"] += 1
        else:
            r["errors"][label.split(":", 1)[0].strip()] += 1
    by_story: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_story[c.story].append(c)
    for m in misses:
        if str(m["story"]) not in stories:
            continue
        r = rows[m["kind"]]
        r["misses"] += 1
        r["found"] += _found(m, by_story.get(str(m["story"]), ()))
    for r in rows.values():
        r["precision"] = round(r["ok"] / r["labelled"], 3) if r["labelled"] else None
        r["recall_of_misses"] = round(r["found"] / r["misses"], 3) if r["misses"] else None
        r["errors"] = dict(r["errors"].most_common())
    covered = [labels.coverage[s] for s in stories if s in labels.coverage]
    coverage = round(sum(covered) / len(covered), 2) if covered else None
    return {"kinds": rows, "unlabelled": unlabelled, "stale": stale, "coverage": coverage, "coverage_stories": len(covered)}


def run(stories_path: Path, labels_path: Path = LABELS_PATH, *, split: str = "dev", ids: Sequence[str] = (), pipeline=None) -> dict:
    """Brief each story and score its claims against the labels."""
    from ..pipeline import Pipeline

    stories = load_stories(stories_path, split=split, ids=ids)
    labels = load_labels(labels_path)
    own = pipeline is None
    pipeline = pipeline or Pipeline()
    claims: list[Claim] = []
    numbering: dict[str, list[int]] = {}
    t0 = time.perf_counter()
    try:
        for story in stories:
            brief = brief_event(story, pipeline)
            claims.extend(claims_of(brief, str(story["id"])))
            numbering[str(story["id"])] = brief_numbering(story, brief)
    finally:
        if own:
            pipeline.close()
    result = score(claims, labels, (str(s["id"]) for s in stories))
    result.update(split=split, stories=len(stories), seconds=round(time.perf_counter() - t0, 1), claims=claims, labels=labels,
                  numbering=numbering, story_rows={str(s["id"]): s for s in stories})
    return result


def brief_numbering(story: dict, brief) -> list[int]:
    """For each article as the brief numbers it ([1], [2], …), its place in the story's input
    (0-based). The brief numbers the articles it keeps: an input it leaves out (a search page,
    an empty article) shifts every number after it, which a labeller reading "[3]" against the
    input's third article would get wrong."""
    rows = story["articles"]
    out, j = [], 0
    for article in brief.articles:
        while j < len(rows) and not (rows[j].get("source", "") == article.source and rows[j].get("url", "") == article.url):
            j += 1
        if j == len(rows):
            break
        out.append(j)
        j += 1
    return out


def write_packets(directory: Path, result: dict) -> list[Path]:
    """One Markdown packet a story for the labellers: its articles as the brief numbers them
    (inputs the brief left out listed apart, never cited), then its unlabelled claims and its
    stale summary-line labels (``CONTEXT_TAGS``), with the story's summary lines as context for
    "dangling" and "redundant" (a summary line's label row carries its ``before``). The packets
    carry the articles' text: write them outside the repository."""
    directory.mkdir(parents=True, exist_ok=True)
    labels = result["labels"].claims
    by_story: dict[str, list[Claim]] = defaultdict(list)
    for c in result["claims"]:
        by_story[c.story].append(c)
    written = []
    stale = {(c.story, c.key) for c in result.get("stale", ())}
    for story_id, claims in by_story.items():
        todo = [c for c in claims if (c.story, c.kind, c.key) not in labels or (c.story, c.key) in stale]
        if not todo:
            continue
        rows, order = result["story_rows"][story_id]["articles"], result["numbering"][story_id]
        out = [f"# Story {story_id}", "", "## Articles, numbered as the brief cites them", ""]
        for n, i in enumerate(order, 1):
            a = rows[i]
            out += [f"### [{n}] {a.get('source', '')}, {a.get('date', '')}", f"Title: {a.get('title', '')}", "", a.get("text", ""), ""]
        cited = set(order)
        left = [row for i, row in enumerate(rows) if i not in cited]
        if left:
            out += ["## Inputs the brief left out (never cited)", ""] + [f"- {a.get('source', '')}: {a.get('title', '')}" for a in left] + [""]
        out += ["## Claims to label", ""]
        # summary lines in the summary's order, labelled ones as context: "dangling" and
        # "redundant" are judged against the lines a reader has read before
        for c in [c for c in claims if c.kind == "S"] + [c for c in todo if c.kind != "S"]:
            head = f"- key={c.key} kind={c.kind}" + (f" before={c.before}" if c.before else "") if c in todo else "- (context only, already labelled) kind=S"
            out += [head, f"  claim: {c.text}"] + [f"  evidence ({outlet}): {line}" for outlet, line in c.evidence.items()]
        # an entry is a "duplicate" of another the list shows: the whole list, as context
        for kind, title in (("E", "entity list"), ("T", "timeline")):
            if any(c.kind == kind for c in todo):
                out += ["", f"## The story's whole {title} as the brief shows it (context)", ""] + [f"- {c.text}" for c in claims if c.kind == kind]
        path = directory / f"story_{story_id}.md"
        path.write_text("\n".join(out) + "\n", encoding="utf-8")
        written.append(path)
    return written


def render(result: dict) -> str:
    lines = [
        f"Claims of {result['stories']} briefs ({result['split']} stories), {result['seconds']} s",
        "",
        f"{'kind':<30} {'claims':>6} {'labelled':>8} {'precision':>9} {'misses found':>13}  errors",
    ]
    for kind, name in KINDS.items():
        r = result["kinds"][kind]
        p = f"{r['precision']:.3f}" if r["precision"] is not None else "—"
        m = f"{r['found']}/{r['misses']}" if r["misses"] else "—"
        errors = ", ".join(f"{k} {v}" for k, v in r["errors"].items())
        lines.append(f"{kind} {name:<28} {r['claims']:>6} {r['labelled']:>8} {p:>9} {m:>13}  {errors}")
    if result.get("coverage") is not None:
        lines += ["", f"summary coverage (1-5, mean of {result['coverage_stories']} stories): {result['coverage']:.2f}"]
    n = len(result["unlabelled"])
    lines += ["", f"{n} claim(s) have no label yet" + (" (list them with --unlabelled)" if n else "")]
    k = len(result.get("stale", ()))
    if k:
        lines.append(f"{k} summary line label(s) were given with other lines before them (list them with --stale)")
    return "\n".join(lines)


def _public(result: dict) -> dict:
    out = {k: v for k, v in result.items() if k not in ("claims", "unlabelled", "stale", "labels", "story_rows")}
    out["unlabelled"], out["stale"] = len(result["unlabelled"]), len(result.get("stale", ()))
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="manysides bench claims", description="Precision of a brief's claims on labelled real stories (CLAIMS.md).")
    parser.add_argument("--stories", type=Path, required=True, help="real_stories stories.jsonl")
    parser.add_argument("--labels", type=Path, default=LABELS_PATH, help="labels JSONL (default: the shipped one)")
    parser.add_argument("--split", choices=("dev", "held-out", "all"), default="dev")
    parser.add_argument("--ids", nargs="*", default=(), help="only these story ids")
    parser.add_argument("--unlabelled", type=Path, default=None, help="write the claims with no label to this JSONL")
    parser.add_argument("--stale", type=Path, default=None,
                        help="write the summary lines whose label was given with other lines before them to this JSONL")
    parser.add_argument("--dump", type=Path, default=None, help="write every claim (with its label, if any) to this JSONL")
    parser.add_argument("--packets", type=Path, default=None,
                        help="write a labelling packet a story with unlabelled claims into this folder (outside the repo: it holds the articles)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    args = parser.parse_args(argv)
    result = run(args.stories, args.labels, split=args.split, ids=args.ids)
    labels = result["labels"]
    for path, claims in ((args.unlabelled, result["unlabelled"]), (args.stale, result["stale"]), (args.dump, result["claims"])):
        if path is not None:
            with path.open("w", encoding="utf-8") as fh:
                for c in claims:
                    row = {"story": c.story, "kind": c.kind, "key": c.key, "text": c.text, "evidence": c.evidence}
                    if c.before:
                        row["before"] = c.before
                    label, _ = label_of(c, labels)  # the one the table scored it with
                    if label is not None:
                        row["label"] = label
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    if args.packets is not None:
        written = write_packets(args.packets, result)
        sys.stderr.write(f"{len(written)} packet(s) written to {args.packets}\n")
    sys.stdout.write((json.dumps(_public(result), indent=1) if args.json else render(result)) + "\n")


if __name__ == "__main__":
    main()
