"""A timeline: dated sentences from the articles, merged when outlets say the same."""

from __future__ import annotations

import re
from typing import Sequence

from ..records import Sentence, TimelineEvent

__all__ = ["timeline_of"]

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = re.compile(
    rf"\b((?:{_MONTHS})\.? \d{{1,2}}(?:, \d{{4}})?|(?:{_MONTHS}) \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?:in|since|by) \d{4})\b"
)
_ORDER = {d: i for i, d in enumerate("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())}


def timeline_of(sentences: Sequence[Sentence], limit: int = 12) -> list[TimelineEvent]:
    """Sentences that name a date, one per (date, leading words), in date order where known."""
    events: dict[tuple[str, str], TimelineEvent] = {}
    for s in sentences:
        m = _DATE.search(s.text)
        if not m or len(s.text.split()) < 6:
            continue
        date = m.group(1)
        key = (date.lower(), " ".join(s.text.lower().split()[:4]))
        if key in events:
            e = events[key]
            if s.article_id not in e.sources:
                events[key] = TimelineEvent(e.date, e.iso, e.text, e.sources + (s.article_id,))
            continue
        events[key] = TimelineEvent(date, _iso(date), s.text, (s.article_id,))
    ranked = sorted(events.values(), key=lambda e: (-len(e.sources), e.text))[:limit]
    return sorted(ranked, key=lambda e: (e.iso or "9999", _ORDER.get(e.date, 9), e.date))


def _iso(date: str) -> str:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return date
    m = re.fullmatch(rf"({_MONTHS})\.? (\d{{1,2}}), (\d{{4}})", date)
    if m:
        month = _MONTHS.split("|").index(m.group(1)) + 1
        return f"{m.group(3)}-{month:02d}-{int(m.group(2)):02d}"
    m = re.search(r"\d{4}", date)
    return m.group() if m else ""
