"""Why a line was removed, in words a reader understands.

The model decides *whether* a line goes (``model.py``); this module only names the
kind of clutter, so that a report can say "newsletter prompt" rather than "p=0.03".
The name comes from the line's shape (headline-like, list item, short with digits),
its place (before the body, inside it, after it, below a comment-thread header) and a
few generic cue words per kind. The cues are deliberately small and site-independent;
a line that matches none is "navigation/boilerplate". Nothing here can remove a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from .features import norm_line, words_of

__all__ = ["LineContext", "reason_for", "clutter_kind", "looks_like_headline", "THREAD_HEADER"]

# (reason, cue) in priority order: the first that matches names the line.
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.IGNORECASE))
    for reason, pattern in (
        ("ad-blocker notice", r"ad[ -]?block|disable your"),
        ("browser notice", r"outdated browser|upgrade your browser|enable javascript|browser (?:is|version)"),
        ("cookie/consent notice", r"\bcookies?\b|privacy (?:policy|settings)|consent"),
        ("newsletter prompt", r"newsletter|sign ?up|subscribe|subscription|\binbox\b|\balerts?\b|e-?mail updates|become an insider|\bregister\b"),
        ("photo credit", r"\bphoto(?:s|graph)?\b|\bimages?\b|getty|\bcredit\b|\bcaption\b|\bpictured\b|\(ap\)|reuters/|/ap\b"),
        ("share/follow prompt", r"\bshare\b|facebook|twitter|google\+|instagram|linkedin|whatsapp|pinterest|follow (?:us|the)|like us"),
        ("reader comment", r"\bcomments?\b|\brepl(?:y|ies)\b|\bsort by\b|join the (?:conversation|discussion)|\bresponses\b"),
        ("related headlines", r"\brelated\b|more (?:from|on|stories|news)|\btrending\b|most (?:read|popular|viewed)|recommended|you (?:may|might) also|read (?:more|next)"),
        ("copyright/legal notice", r"©|\ball rights reserved\b|\bcopyright\b|terms of (?:use|service)|opinions expressed|\bdisclaimer\b"),
        ("byline/dateline", r"^\s*(?:by|written by|posted by|published|updated|posted)\b"),
        ("archive/update notice", r"archived article|may be outdated|last updated"),
    )
)

# Kinds whose cue names the line whatever its length (others only name short lines,
# since a long sentence that mentions "photo" or "comment" is more likely prose).
_ANY_LENGTH = frozenset({"ad-blocker notice", "browser notice", "newsletter prompt", "copyright/legal notice", "archive/update notice"})

#: A short line that opens a comment thread ("Leave a Reply", "12 Comments", "Join the
#: conversation!"): everything prose-like after it is treated as a reader comment.
THREAD_HEADER = re.compile(r"\b(?:comments?|repl(?:y|ies)|responses|discussion|conversation)\b", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,3}[.)]|[•·▪●◦‣∙*–-])\s")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


@dataclass(frozen=True, slots=True)
class LineContext:
    """Where a removed line sits relative to the kept body."""

    before_body: bool
    after_body: bool
    in_comment_thread: bool  # below (or inside a run ending in) a comment-thread header


def looks_like_headline(line: str) -> bool:
    """Headline shape: 3-25 words, most capitalised or no final full stop, no separators."""
    text = norm_line(line)
    words = words_of(text)
    if not 3 <= len(words) <= 25 or re.search(r"[|»›•]", text) or text.endswith((".", ":", ",")):
        return False
    caps = sum(w[0].isupper() or w[0].isdigit() for w in words) / len(words)
    return caps >= 0.5 or not _SENTENCE_END.search(text)


def reason_for(line: str, where: LineContext, clutter_p: float) -> str:
    """A human-readable reason, with the model's clutter probability."""
    return f"{clutter_kind(line, where)} (p={clutter_p:.2f})"


def clutter_kind(line: str, where: LineContext) -> str:
    """The kind of clutter a removed line is, in a reader's words (no probability)."""
    text = norm_line(line)
    words = words_of(text)
    short = len(words) <= 12
    for reason, cue in _CUES:
        if cue.search(text) and (short or reason in _ANY_LENGTH):
            return reason
    if where.in_comment_thread or (where.after_body and _LIST_ITEM.match(line) and len(words) >= 6):
        return "reader comment"
    if looks_like_headline(text):  # a headline-shaped line before the body is a masthead or menu
        return "navigation/boilerplate" if where.before_body else "related headlines"
    if short and any(c.isdigit() for c in text):
        return "byline/dateline"
    return "navigation/boilerplate"


def comment_thread_mask(lines: Sequence[str], kept: Sequence[bool]) -> list[bool]:
    """Lines after the body that belong to a reader-comment thread.

    A thread header (short line naming comments/replies) after the last kept line
    marks every line after the body as part of the thread; comment widgets put the
    header either above the comments or below them ("Leave a Reply" after the list).
    """
    last = max((i for i, k in enumerate(kept) if k), default=-1)
    tail = range(last + 1, len(lines))
    has_header = any(len(words_of(lines[i])) <= 8 and THREAD_HEADER.search(lines[i]) for i in tail)
    return [has_header and i > last for i in range(len(lines))]
