"""The brief as Markdown, for reading in a terminal or pasting into notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .._brief import Brief

__all__ = ["render_markdown", "SHOWN_FACTS", "SHOWN_DIVERGENCES", "SHOWN_QUOTES", "SHOWN_ENTITIES", "entity_entry"]

#: The divergence sections, in the order every report shows them (Markdown, HTML, web app).
#: How much of each list the report shows: a claim not shown is not made (``bench claims``
#: judges what these let through).
SHOWN_FACTS = 12
SHOWN_DIVERGENCES = 10  # of each kind
SHOWN_QUOTES = 15
SHOWN_ENTITIES = 25  # "Who and what": the most reported first
KIND_TITLES = {"conflict": "Conflicting details", "omitted": "Left out by some outlets", "only_one": "Reported by one outlet only"}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _shortened(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, cut at a word and marked, never mid-word."""
    line = _one_line(text)
    if len(line) <= limit:
        return line
    return line[: limit + 1].rsplit(" ", 1)[0].rstrip(",;:–—-") + " …"


def _disputes(brief: "Brief", line) -> str:
    """" — *[2] gives “eight weeks”*": where another outlet contests the line's (or the
    fact's) figure."""
    if not line.disputed:
        return ""
    return " — *" + "; ".join(f"{brief.citation([a])} gives “{_one_line(v)}”" for a, v in line.disputed.items()) + "*"


def _when(event) -> str:
    """The date as written, with the date it resolves to where the words alone do not say
    it ("Monday (2015-09-14)"), so that a reader can place a relative date."""
    if event.iso and event.iso[:4] not in event.date:
        return f"{event.date} ({event.iso})"
    return event.date


def timeline_entry(event) -> str:
    """One entry of "Timeline" as words: when, then what ("Monday (2015-09-14) — …")."""
    return f"{_when(event)} — {_one_line(event.text)}"


def entity_entry(entity, n_articles: int) -> str:
    """One entry of "Who and what": the name, its kind, and in how many of the articles."""
    return f"{entity.text} ({entity.label}, {len(entity.sources)}/{n_articles})"


def render_markdown(brief: "Brief", *, show_removed: bool = False) -> str:
    n = len(brief.articles)
    lines = [f"# {_one_line(brief.title)}", ""]
    lines += [f"*{n} article{'s' if n != 1 else ''}: " + "; ".join(f"[{i}] {a.source}" for i, a in enumerate(brief.articles, 1)) + "*", ""]
    for note in brief.notes:
        lines.append(f"> {note}")
    if brief.notes:
        lines.append("")
    lines += ["## Summary", ""]
    lines += [f"{_one_line(s.text)}{' …' if s.trimmed else ''} {brief.citation(s.sources)}{_disputes(brief, s)}" for s in brief.summary] or ["(no summary: too little text)"]
    lines.append("")
    if brief.facts:
        lines += ["## What the outlets agree on", ""]
        lines += [f"- {_one_line(f.text)} — **{f.support_label}** {brief.citation(f.support)}{_disputes(brief, f)}" for f in brief.facts[:SHOWN_FACTS]]
        lines.append("")
    if brief.divergences:
        lines += ["## Where they diverge", ""]
        for kind, title in KIND_TITLES.items():
            items = [d for d in brief.divergences if d.kind == kind]
            if not items:
                continue
            lines += [f"### {title}", ""]
            for d in items[:SHOWN_DIVERGENCES]:
                if kind == "omitted":  # the outlets named are the ones without it, not its sources
                    lines.append(f"- Left out by {brief.citation(d.articles)} — {_one_line(d.text)}")
                else:
                    lines.append(f"- {brief.citation(d.articles)} {_one_line(d.text)}")
                if kind == "conflict":
                    lines += [f"  - {brief.citation([a])} “{_one_line(s)}”" for a, s in d.evidence.items()]
            lines.append("")
    if brief.quotes:
        lines += ["## Quotes", ""]
        for q in brief.quotes[:SHOWN_QUOTES]:
            who = q.speaker or "unattributed"
            if q.speaker_title:
                who += f" ({q.speaker_title})"
            when = brief.another_moment(q.sources)
            dated = f" — *from an article dated {when}, apart from the others*" if when else ""
            if q.kind == "direct":
                lines.append(f"- **{who}**: “{_one_line(q.text)}” {brief.citation(q.sources)}{dated}")
            else:  # reported speech: the outlet's words for what was said, so no quotation marks
                lines.append(f"- **{who}**, reported: {_one_line(q.text)} {brief.citation(q.sources)}{dated}")
        lines.append("")
    if brief.framing:
        lines += ["## Framing by outlet", ""]
        same_leads = brief.same_leads()
        for f in brief.framing:
            lines.append(f"### [{brief.number_of(f.article_id)}] {f.source}")
            # A share is shown only where sentences were flagged: the cues find a writer's own voice
            # in some columns and miss it in others, so "0 %" would promise what they cannot check.
            if f.declared_commentary:
                share = f"; {f.opinion_share:.0%} of its sentences flagged" if f.opinion_share else ""
                how = "its address files it so" if f.declared_by_address else "the article says it is"
                lines.append(f"- Commentary: {how} (“{_shortened(f.declared_commentary, 160)}”){share}")
            elif f.opinion_share:
                lines.append(f"- Opinion/commentary: {f.opinion_share:.0%} of sentences")
            for t in f.loaded_terms:
                contrast = f" (others: “{t.neutral}”)" if t.neutral else ""
                lines.append(f"- Says “{t.term}” ×{t.count}{contrast}")
                lines.extend(f"  > {_one_line(x)}" for x in t.sentences[:1])
            same = same_leads.get(f.article_id)
            if same:
                lines.append(f"- Leads with the same words as [{same}]")
            elif f.lead:
                lines.append(f"- Leads with: {_shortened(f.lead, 240)}")
            if f.quoted_speakers:
                lines.append("- Quotes: " + ", ".join(f"{k} ({v})" for k, v in f.quoted_speakers.items()))
            lines.append("")
    if brief.entities:
        lines += ["## Who and what", ""]
        lines.append(", ".join(entity_entry(e, n) for e in brief.entities[:SHOWN_ENTITIES]))
        lines.append("")
    if brief.timeline:
        lines += ["## Timeline", ""]
        lines += [f"- **{_when(t)}** — {_one_line(t.text)} {brief.citation(t.sources)}" for t in brief.timeline]
        lines.append("")
    if brief.skipped:
        lines += ["## Skipped inputs", ""]
        lines += [f"- {s.origin}: {s.reason}" for s in brief.skipped]
        lines.append("")
    if show_removed:
        lines += ["## Removed clutter", ""]
        for i, a in enumerate(brief.articles, 1):
            lines.append(f"### [{i}] {a.source}: {len(a.removed)} line(s) removed")
            lines += [f"- line {r.line_no}: {_one_line(r.text)[:160]} — *{r.reason}*" for r in a.removed]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
