"""The claims benchmark (issue #21): the claims a brief shows, keyed so labels survive, scored
against readers' labels; and the quality gate on the labelled real stories of ../shared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from manysides.bench.claims import KINDS, LABELS_PATH, Labels, claim_key, claims_of, load_labels, run, score, split_of

STORIES = Path(__file__).resolve().parents[2] / "shared" / "data" / "real_stories" / "stories.jsonl"

#: Precision floors on the labelled dev stories, per kind, pinned a little under what
#: `manysides bench claims --split dev` measured when the labels were made (docs/benchmarks.md).
#: A kind with fewer labelled claims than MIN_JUDGED is not gated (its number is noise).
#: "L" went 0.60 -> 0.55 at stop 21: captures that are not the outlet's article (a live page's
#: other entry, a search page) are left out, and the omissions labelled ok on them (the capture
#: lacked the fact) went with them (2 on dev, 20 -> 19 right of 33 -> 32); no wrong one came in.
#: "A" (agreed facts, "at least k of n") joined at stop 21, measured 0.782. Stop 22 raised
#: S 0.65 -> 0.68 and A 0.72 -> 0.76 (measured 0.711 and 0.795: lines and facts that stand alone).
#: "L" 0.55 -> 0.52 at stop 24 (22 judged, 0.545): an embedded post's words are no fact any more,
#: and two omissions of one (Musk's tweet, "left out by CBS"), labelled ok where the same
#: words as a fact were labelled a fragment, went with them (14 of 24 -> 12 of 22).
#: Stop 25 raised S 0.68 -> 0.71 (measured 0.751: repeats in other words, another moment's
#: lines, lines other outlets state weigh double) and L 0.52 -> 0.60 (0.727 on 11: omissions
#: counted by report, none by an article of another moment).
#: Stop 33 raised O 0.45 -> 0.68 (measured 0.723 since stop 32: one-outlet items that name
#: something new), A 0.76 -> 0.80 (0.827) and S 0.71 -> 0.73 (0.759, with the summary lines'
#: context-dependent tags re-judged in the summaries as they stand).
#: Stop 37 added "E", the entity list's entries (measured 0.776 on dev, 0.780 held out); stop 38
#: raised it to 0.80 (0.835 / 0.831: notices and credits set aside, one day one entry, an
#: organisation nothing marks as one listed without a kind). It added "T", the timeline's entries
#: (0.541 / 0.551 when first labelled, 0.599 / 0.564 at the end of the stop). Stop 40 raised T
#: 0.55 -> 0.62 (0.658 / 0.608: lines that write none of the story's names, and one day's events
#: told twice, out; dates of a subject's past, of an aside or of another clause than a perfect's
#: not the line's). Stop 41 raised E 0.80 -> 0.84 (0.871 / 0.877); stop 42 E 0.84 -> 0.86 (0.891 /
#: 0.890: places known or written as places, one entry per organisation) and T 0.62 -> 0.65 (0.685 /
#: 0.640: no line no date places, no caption's or chronology's past date).
#: Stop 46 added "F", framing terms (0.875 on 8 dev, 0.733 on 15 held out): a verdict or a
#: pejorative label in an outlet's own voice is shown without another outlet's counterpart.
FLOORS = {"S": 0.73, "O": 0.68, "L": 0.60, "Q": 0.95, "P": 0.75, "A": 0.80, "E": 0.88, "T": 0.65, "F": 0.75}
MIN_JUDGED = 8


def test_claims_of_the_example_brief_cover_what_the_report_shows(example_brief) -> None:
    claims = claims_of(example_brief, "example")
    kinds = {c.kind for c in claims}
    assert {"S", "C", "Q"} <= kinds <= set(KINDS)
    assert sum(c.kind == "S" for c in claims) == len(example_brief.summary)
    conflict = next(c for c in claims if c.kind == "C")
    assert "six" in conflict.text and "eight" in conflict.text
    # keys are a hash of the kind and the normalised claim, never the text itself
    assert all(len(c.key) == 16 and c.key not in c.text for c in claims)
    assert claim_key("S", "Repairs could  take six weeks.") == claim_key("S", "repairs could, take six weeks.")
    assert claim_key("S", "six weeks") != claim_key("O", "six weeks")
    # an agreed fact reads whole, its support set apart from its own dashes (labellers had read
    # "stunned at the amount — more than $284 billion. — at least 2 of 4" as cut off)
    facts = [c for c in claims if c.kind == "A"]
    assert facts and all(c.text.startswith(f.text + " ⟨") and c.text.endswith("⟩") for c, f in zip(facts, example_brief.facts))
    # the entity list is a claim too, entry by entry as "Who and what" shows it: its kind is the promise
    from manysides.report.markdown import render_markdown

    entities = [c for c in claims if c.kind == "E"]
    assert len(entities) == min(len(example_brief.entities), 25)
    assert "\n" + ", ".join(c.text for c in entities) + "\n" in render_markdown(example_brief)  # the report's own line
    # ... and so is the timeline, entry by entry: its date, the date it resolves to, its event
    events = [c for c in claims if c.kind == "T"]
    assert len(events) == len(example_brief.timeline) > 0
    report = render_markdown(example_brief).replace("**", "")
    assert all(f"- {c.text}\n" in report for c in events)
    assert len({c.key for c in events}) == len(events)


def test_score_counts_precision_misses_and_unlabelled(example_brief) -> None:
    claims = [c for c in claims_of(example_brief, "example") if c.kind in ("S", "C")]
    s0, s1 = [c for c in claims if c.kind == "S"][:2]
    conflict = next(c for c in claims if c.kind == "C")
    labels = Labels(
        claims={("example", "S", s0.key): "ok", ("example", "S", s1.key): "dangling: 'he' unnamed", ("example", "C", conflict.key): "ok: six vs eight weeks"},
        misses=[
            {"story": "example", "kind": "C", "miss": "repair time", "match": ["six", "eight"]},
            {"story": "example", "kind": "F", "miss": "a word no claim has", "match": ["zeppelin"]},
            {"story": "elsewhere", "kind": "F", "miss": "another story's", "match": ["x"]},
        ],
        coverage={"example": 4.0},
    )
    result = score(claims, labels, ["example"])
    s, c, f = (result["kinds"][k] for k in ("S", "C", "F"))
    assert (s["labelled"], s["ok"], s["precision"], s["errors"]) == (2, 1, 0.5, {"dangling": 1})
    assert (c["precision"], c["found"], c["misses"]) == (1.0, 1, 1)  # "ok: reason" is ok
    assert (f["misses"], f["found"], f["recall_of_misses"]) == (1, 0, 0.0)
    assert len(result["unlabelled"]) == len(claims) - 3 and result["coverage"] == 4.0


def test_a_summary_label_given_with_other_lines_before_it_is_listed_as_stale(example_brief) -> None:
    """"dangling" and "redundant" depend on the lines before a line: a label given when other
    lines came first is listed to be judged again (re-judging them at stop 33 changed 51)."""
    s0, s1 = [c for c in claims_of(example_brief, "example") if c.kind == "S"][:2]
    assert s0.before != s1.before  # the second line has the first before it
    claims = {("example", "S", s0.key): "ok", ("example", "S", s1.key): "redundant: says line 1 again"}
    same = Labels(claims=dict(claims), contexts={("example", "S", s0.key): s0.before, ("example", "S", s1.key): s1.before})
    assert score([s0, s1], same, ["example"])["stale"] == []
    moved = Labels(claims=dict(claims), contexts={("example", "S", s0.key): s0.before, ("example", "S", s1.key): s0.before})
    assert score([s0, s1], moved, ["example"])["stale"] == [s1]
    fragment = Labels(claims={**claims, ("example", "S", s1.key): "fragment: a caption"}, contexts=dict(moved.contexts))
    assert score([s0, s1], fragment, ["example"])["stale"] == []  # a fragment is one whatever comes before
    # a label from before contexts were recorded: "redundant" on what is now the first line repeats nothing
    old = Labels(claims={("example", "S", s0.key): "redundant: says an earlier line again", ("example", "S", s1.key): "redundant: again"})
    assert score([s0, s1], old, ["example"])["stale"] == [s0]


def test_a_line_is_scored_and_dumped_with_its_label_in_its_own_context(example_brief) -> None:
    """A line judged after two sets of lines has two labels; the dump that labellers and
    analyses read gave the latest, while the table scored the one of the line's context."""
    from manysides.bench.claims import label_of

    s0, s1 = [c for c in claims_of(example_brief, "example") if c.kind == "S"][:2]
    labels = Labels(claims={("example", "S", s1.key): "redundant: says line 3 again"},
                    contexts={("example", "S", s1.key): "another"},
                    in_context={("example", "S", s1.key, s1.before): "ok", ("example", "S", s1.key, "another"): "redundant: says line 3 again"})
    assert label_of(s1, labels) == ("ok", s1.before)
    assert score([s1], labels, ["example"])["kinds"]["S"]["ok"] == 1
    assert label_of(s0, labels) == (None, None)


def test_stories_split_by_a_hash_of_the_id() -> None:
    splits = [split_of(str(i)) for i in range(300)]
    assert set(splits) == {"dev", "held-out"}
    assert 0.25 < splits.count("held-out") / len(splits) < 0.42
    assert split_of("18") == split_of("18")


def test_the_shipped_labels_carry_no_article_text() -> None:
    rows = [json.loads(line) for line in LABELS_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert rows and all(set(r) <= {"story", "kind", "key", "label", "miss", "match", "coverage", "before"} for r in rows)
    assert all(len(r["before"]) == 12 for r in rows if "before" in r)  # a hash of keys, no text
    assert all(len(r.get("label", "")) <= 80 and len(r.get("miss", "")) <= 120 for r in rows)
    labels = load_labels(LABELS_PATH)
    assert len(labels.claims) >= 900 and len({s for s, _, _ in labels.claims}) >= 30


@pytest.mark.shared
def test_claim_precision_on_the_labelled_dev_stories_holds_its_floors(shared_dir: Path) -> None:
    result = run(STORIES, split="dev")
    assert result["stories"] >= 30
    failing = {
        kind: r["precision"] for kind, r in result["kinds"].items()
        if kind in FLOORS and r["labelled"] >= MIN_JUDGED and r["precision"] < FLOORS[kind]
    }
    assert not failing, f"claim precision under its floor: {failing}"
    # the labels must keep up with the code: a change that makes many new claims relabels them
    claims = sum(r["claims"] for r in result["kinds"].values())
    assert len(result["unlabelled"]) <= 0.15 * claims, f"{len(result['unlabelled'])} of {claims} claims unlabelled"


def test_packets_number_articles_as_the_brief_cites_them(tmp_path: Path) -> None:
    """A labeller read "[3]" against the story's third input where the brief, having left a
    search page out, meant the fourth: packets number the articles as the brief does."""
    from manysides.bench.claims import brief_event, brief_numbering, write_packets
    from manysides.pipeline import Pipeline

    example = Path(__file__).resolve().parents[1] / "examples" / "pinewood-bridge"
    texts = [p.read_text(encoding="utf-8") for p in sorted(example.glob("*.txt"))]
    rows = [{"text": texts[0], "source": "harbor.example", "url": "https://harbor.example/a"},
            {"text": "Page not found. The page you requested no longer exists.", "source": "search.example", "url": "https://search.example/q"},
            {"text": texts[1], "source": "valley.example", "url": "https://valley.example/b"},
            {"text": texts[2], "source": "city.example", "url": "https://city.example/c"}]
    story = {"id": "900", "articles": rows}
    with Pipeline() as pipeline:
        brief = brief_event(story, pipeline)
    assert brief_numbering(story, brief) == [0, 2, 3]
    result = score(claims_of(brief, "900"), Labels(), ["900"])
    result.update(claims=claims_of(brief, "900"), labels=Labels(), numbering={"900": [0, 2, 3]}, story_rows={"900": story})
    (packet,) = write_packets(tmp_path, result)
    text = packet.read_text(encoding="utf-8")
    assert "### [2] valley.example" in text and "search.example" in text.split("## Inputs the brief left out")[1]

    # the summary's lines stay in its order, a labelled one as context where it stands: a new
    # first line listed after the old ones was judged as a repeat of what followed it
    lines = [c for c in claims_of(brief, "900") if c.kind == "S"]
    assert len(lines) >= 2
    later = Labels(claims={("900", "S", c.key): "ok" for c in lines[1:]})
    result.update(labels=later)
    (packet,) = write_packets(tmp_path / "order", result)
    claims_part = packet.read_text(encoding="utf-8").split("## Claims to label")[1]
    assert claims_part.index(lines[0].text) < claims_part.index(lines[1].text)
    assert f"key={lines[0].key}" in claims_part and f"key={lines[1].key}" not in claims_part
    # an entry of a list is a "duplicate" of another the list shows: the whole list comes with it
    events = [c for c in claims_of(brief, "900") if c.kind == "T"]
    assert events and "## The story's whole timeline as the brief shows it" in claims_part
    assert all(f"- {c.text}" in claims_part.split("whole timeline")[1] for c in events)
