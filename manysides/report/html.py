"""The brief as one self-contained HTML file: no scripts, no external assets, all text escaped.

Jinja2 autoescaping escapes every article-derived string; nothing is marked safe.
Citation markers link to the cited sentence, highlighted in that article's clean text,
and show the source sentence on hover (CSS only, so the file works without JavaScript).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .markdown import KIND_TITLES

if TYPE_CHECKING:
    from jinja2 import Environment

    from .._brief import Brief

__all__ = ["render_html", "article_segments", "OUTLET_COLORS"]

#: Colour-blind-safe palette (Okabe-Ito), one per outlet, cycling past eight.
OUTLET_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C6D1F", "#000000")


@dataclass(frozen=True)
class Segment:
    text: str
    anchor: str = ""  # an id when this piece is a cited sentence


@lru_cache(maxsize=1)
def _env() -> "Environment":
    # Imported here: a JSON or Markdown brief never needs Jinja2 (a tenth of a cold CLI start).
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("manysides.report", "templates"), autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["oneline"] = lambda s: " ".join(str(s).split())
    return env


def _sentence_anchors(brief: "Brief") -> dict[str, dict[str, str]]:
    """article id -> cited sentence -> anchor id: one anchor per distinct sentence, however often cited."""
    out: dict[str, dict[str, str]] = {}
    for s in brief.summary:
        for aid, sentence in s.source_sentences.items():
            per = out.setdefault(aid, {})
            if sentence not in per:
                per[sentence] = f"a{brief.number_of(aid)}-s{len(per)}"
    return out


def article_segments(brief: "Brief") -> dict[str, list[list[Segment]]]:
    """Per article: paragraphs as segments, each cited sentence its own anchored segment."""
    cited = _sentence_anchors(brief)
    out = {}
    for a in brief.articles:
        paragraphs = []
        for para in [p for p in a.text.split("\n\n") if p.strip()]:
            segments = [Segment(para)]
            for sentence, anchor in cited.get(a.id, {}).items():
                segments = _split_on(segments, sentence, anchor)
            paragraphs.append(segments)
        out[a.id] = paragraphs
    return out


def _split_on(segments: list[Segment], sentence: str, anchor: str) -> list[Segment]:
    out = []
    for seg in segments:
        at = seg.text.find(sentence) if not seg.anchor else -1
        if at < 0:
            out.append(seg)
            continue
        if at:
            out.append(Segment(seg.text[:at]))
        out.append(Segment(sentence, anchor))
        if seg.text[at + len(sentence):]:
            out.append(Segment(seg.text[at + len(sentence):]))
    return out


def anchors_for(brief: "Brief") -> dict[tuple[int, str], str]:
    """(summary index, article id) -> anchor id of the cited sentence in that article's text."""
    cited = _sentence_anchors(brief)
    return {
        (i, aid): cited[aid][sentence]
        for i, s in enumerate(brief.summary)
        for aid, sentence in s.source_sentences.items()
    }


def render_html(brief: "Brief", *, show_removed: bool = True) -> str:
    colors = {a.id: OUTLET_COLORS[(n - 1) % len(OUTLET_COLORS)] for n, a in enumerate(brief.articles, 1)}
    return _env().get_template("report.html").render(
        b=brief,
        colors=colors,
        segments=article_segments(brief),
        anchors=anchors_for(brief),
        show_removed=show_removed,
        kinds=tuple(KIND_TITLES.items()),
    )
