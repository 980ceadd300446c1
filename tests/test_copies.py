"""Articles that carry one report (a wire story under several names) and articles dated far
from the others: the brief says so in its notes, so a reader does not count one report as
several outlets' agreement, or take an old report's event for the story's."""

from __future__ import annotations

from pathlib import Path

from manysides.text.copies import copied_groups

WIRE = ("The Pinewood Bridge, which carries about 18,000 vehicles a day across the Tessaly River, was closed "
        "to all traffic on Tuesday after state inspectors found a cracked steel beam beneath its eastern span. "
        "The Department of Transportation said the crack was discovered during a routine inspection on Monday "
        "afternoon. Engineers recommended an immediate closure while they assess how far the damage extends. "
        "Repairs could take up to six weeks, according to the department.")
OWN = ("Drivers who cross the Tessaly River each morning face a longer commute after the state shut the "
       "Pinewood Bridge on Tuesday. Inspectors had found a crack in a steel beam, and transport officials "
       "said the span would stay closed while engineers study it; the work may last six weeks.")


def test_a_trimmed_wire_copy_is_one_report_and_an_outlets_own_report_is_not() -> None:
    trimmed = WIRE.rsplit(" Repairs", 1)[0] + " Read more: how to get around the closure."
    assert copied_groups([WIRE, OWN, trimmed]) == [[0, 2]]
    assert copied_groups([WIRE, OWN]) == []
    assert copied_groups(["Short.", "Short."]) == []  # too few words to tell a copy


def test_a_wire_story_rewritten_in_part_is_still_one_report() -> None:
    """A tabloid runs the agency's text with a new opening and a sentence reworded (a reader
    found AP's report and the Daily Mail's rewrite of it, 78 % of five-word runs alike, counted
    as two outlets agreeing)."""
    rewrite = ("Thousands of drivers face delays after " + WIRE[4:]).replace(
        "The Department of Transportation said the crack was discovered during a routine inspection on Monday afternoon.",
        "Transport officials said a routine inspection on Monday afternoon turned up the crack.",
    ) + " Local shop owners told the paper they fear a quiet month."
    assert rewrite != WIRE and copied_groups([WIRE, OWN, rewrite], share=0.8) == []  # the old bar missed it
    assert copied_groups([WIRE, OWN, rewrite]) == [[0, 2]]


def test_the_brief_names_one_report_carried_twice_and_an_article_far_in_time(example_dir: Path) -> None:
    from manysides import brief

    texts = {p.name: p.read_text(encoding="utf-8") for p in example_dir.glob("*.txt")}
    wire = texts["1-harbor-wire.txt"]
    # another outlet runs the wire's text under its own name, trimmed of a paragraph
    copy = wire.replace("Harbor Wire | Independent news for the Tessaly Valley", "Lakeside Ledger | Your valley, your news")
    copy = "\n\n".join(p for p in copy.split("\n\n") if not p.startswith("Mayor Tobias Grant"))
    records = [
        {"text": wire, "source": "Harbor Wire", "date": "2025-04-08"},
        {"text": copy, "source": "Lakeside Ledger", "date": "2025-04-08"},
        {"text": texts["3-valley-voice-blog.txt"], "source": "Valley Voice", "date": "2025-04-09"},
        {"text": texts["4-city-press-release.txt"], "source": "City of Riverton", "date": "2024-11-02"},
    ]
    b = brief(records)
    numbers = {a.source: n for n, a in enumerate(b.articles, 1)}
    notes = " ".join(b.notes)
    assert f"Articles [{numbers['Harbor Wire']}][{numbers['Lakeside Ledger']}] carry one report" in notes
    assert f"[{numbers['City of Riverton']}] 2024-11-02" in notes and "2025-04-08" not in notes.split("around")[1].split(":", 1)[1]


def test_the_brief_names_articles_from_one_outlet(example_dir: Path) -> None:
    from manysides import brief

    texts = {p.name: p.read_text(encoding="utf-8") for p in example_dir.glob("*.txt")}
    b = brief([{"text": texts["1-harbor-wire.txt"], "source": "Harbor Wire"},
               {"text": texts["4-city-press-release.txt"], "source": "harbor wire"},
               {"text": texts["3-valley-voice-blog.txt"], "source": "Valley Voice"}])
    numbers = [n for n, a in enumerate(b.articles, 1) if a.source.lower() == "harbor wire"]
    assert any(f"Articles [{numbers[0]}][{numbers[1]}] are all from" in note for note in b.notes)


def test_editions_of_one_site_are_named_as_the_site(example_dir: Path) -> None:
    """A reader found three editions of one paper counted as three outlets."""
    from manysides import brief

    texts = {p.name: p.read_text(encoding="utf-8") for p in example_dir.glob("*.txt")}
    b = brief([{"text": texts["1-harbor-wire.txt"], "source": "europe.harborwire.com"},
               {"text": texts["4-city-press-release.txt"], "source": "www.harborwire.com"},
               {"text": texts["3-valley-voice-blog.txt"], "source": "Valley Voice"}])
    assert any("are all from harborwire.com:" in note for note in b.notes)
