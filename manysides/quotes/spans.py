"""Find double-quoted spans in an article and group the pieces of one quote.

A news quote is often written in pieces: ``"A," he said. "B."`` is one quote cut by
its attribution, and a quote running over several paragraphs opens each paragraph
with a quotation mark but closes only the last one. We scan each paragraph's marks
(straight marks toggle, curly marks say which way they face), then join pieces that
are separated only by punctuation, by a short cue, or by a paragraph break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.sentences import sentence_starts, split_paragraphs
from .lexicon import CLOSE_ONLY_MARKS, OPEN_ONLY_MARKS, QUOTE_MARKS, SPEECH_FORMS

__all__ = ["QuotedSpan", "QuoteGroup", "quoted_spans", "group_spans", "MAX_CUE_WORDS"]

#: A gap between two quoted pieces is a cue ("Spicer said.", "said Daryl Kimball, executive
#: director of the Arms Control Association.") when it has a verb of saying and at most this
#: many words; longer gaps are narrative of their own. PolNeAR annotates such pieces as one
#: content; 20 covers a cue with a long appositive (PolNeAR dev direct F1 when calibrated: 0.886 at 20,
#: 0.859 at 8).
MAX_CUE_WORDS = 20

_WORD = re.compile(r"[A-Za-z][\w'’-]*")
#: A name in quotation marks (a show, a book, a song, a nickname: `told "Morning Joe"`,
#: `Marcia "Cia" Price`) has at most this many words, every one of them capitalised but
#: these short function words; the longest show and book titles on PolNeAR dev have 7.
MAX_NAME_WORDS = 7
_TITLE_SMALL_WORDS = frozenset("a an the of in on at to for and or but by with from is as vs".split())
_PUNCT_GAP = re.compile(r"^[\s,;:.…—–-]*$")


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """The words between one pair of quotation marks (offsets into the article text)."""

    start: int  # first character inside the marks (whitespace trimmed)
    end: int  # one past the last character inside
    open_mark: int  # offset of the opening mark
    close_mark: int  # offset of the closing mark; the paragraph's end when left open
    paragraph: int
    closed: bool


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    """The pieces of one quote and the cue gaps that cut it."""

    pieces: tuple[QuotedSpan, ...]
    inner_gaps: tuple[tuple[int, int], ...] = ()  # text between pieces that may hold the cue

    @property
    def open_mark(self) -> int:
        return self.pieces[0].open_mark

    @property
    def close_mark(self) -> int:
        return self.pieces[-1].close_mark

    def text_of(self, text: str) -> str:
        """The quoted words; where the attribution cut them, an ellipsis marks the cut (and
        drops the comma that only led into the attribution: "safe," Vega said. "Nobody...")."""
        pieces = [text[p.start : p.end].strip(" '`").rstrip(",") for p in self.pieces]
        return " … ".join(pieces).strip()


def _paragraph_marks(paragraph: str) -> list[tuple[int, int, bool]]:
    """(open, close, closed) pairs of mark offsets within one paragraph."""
    marks = [i for i, ch in enumerate(paragraph) if ch in QUOTE_MARKS]
    chars = {paragraph[i] for i in marks}
    # A paragraph typed with one curly shape only ("”A,” he said") is read like straight marks.
    curly = bool(chars & OPEN_ONLY_MARKS) and bool(chars & CLOSE_ONLY_MARKS)
    pairs: list[tuple[int, int, bool]] = []
    open_at: int | None = None
    for i in marks:
        ch = paragraph[i]
        if open_at is None:
            line_start = paragraph.rfind("\n", 0, i) + 1
            if curly and ch in CLOSE_ONLY_MARKS and paragraph[line_start:i].strip():
                continue  # a stray closer (a typo, or the end of a quote we cannot see)
            open_at = i
        elif curly and ch in OPEN_ONLY_MARKS:
            pairs.append((open_at, i, False))  # the previous quote was never closed
            open_at = i
        else:
            pairs.append((open_at, i, True))
            open_at = None
    if open_at is not None:
        pairs.append((open_at, len(paragraph.rstrip()), False))
    return pairs


def _marks_as_one_char(text: str) -> str:
    """Typewriter doubles ('' and ``, as in some wire and NYT copy) read as one mark.

    The replacement keeps every offset: the second character becomes a space.
    """
    return text.replace("''", '" ').replace("``", '" ')


def quoted_spans(text: str) -> list[QuotedSpan]:
    """Every double-quoted span of ``text``, in order."""
    spans: list[QuotedSpan] = []
    text = _marks_as_one_char(text)
    for p_index, (offset, paragraph) in enumerate(split_paragraphs(text)):
        for open_at, close_at, closed in _paragraph_marks(paragraph):
            inner = paragraph[open_at + 1 : close_at]
            if not inner.strip():
                continue
            lead = len(inner) - len(inner.lstrip())
            start = offset + open_at + 1 + lead
            end = offset + open_at + 1 + len(inner.rstrip())
            if closed and _is_title(inner, paragraph[:open_at]):
                continue  # a name, not words anyone said
            spans.append(QuotedSpan(start, end, offset + open_at, offset + close_at, p_index, closed))
    return spans


def _is_title(inner: str, before: str) -> bool:
    """Title-case words inside the narrator's sentence (`said on "The Morning Show"`,
    `Marcia "Cia" Price`): a name of a show, a book or a person, not speech. Words that open
    their sentence, or end on a stop or a comma, are speech however they are cased."""
    words = inner.split()
    lead = before.rstrip()
    if not words or len(words) > MAX_NAME_WORDS or not lead or lead[-1] in ".!?:;\n\"“”":
        return False
    if inner.rstrip()[-1] in ".!?,;…" or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w.lower() in _TITLE_SMALL_WORDS or not w[:1].isalpha() for w in words)


def _is_cue_gap(gap: str) -> bool:
    words = _WORD.findall(gap)
    return 0 < len(words) <= MAX_CUE_WORDS and any(w.lower() in SPEECH_FORMS for w in words)


def _starts_paragraph(text: str, span: QuotedSpan) -> bool:
    line_start = text.rfind("\n", 0, span.open_mark) + 1
    return not text[line_start : span.open_mark].strip()


def group_spans(text: str, spans: list[QuotedSpan]) -> list[QuoteGroup]:
    """Join the pieces of one quote: split by a cue, by punctuation, or by paragraphs."""
    groups: list[QuoteGroup] = []
    current: list[QuotedSpan] = []
    gaps: list[tuple[int, int]] = []
    for i, span in enumerate(spans):
        if current and _continues(text, current, spans, i):
            prev = current[-1]
            if prev.paragraph == span.paragraph:
                gaps.append((prev.close_mark + 1, span.open_mark))
            current.append(span)
            continue
        if current:
            groups.append(QuoteGroup(tuple(current), tuple(gaps)))
        current, gaps = [span], []
    if current:
        groups.append(QuoteGroup(tuple(current), tuple(gaps)))
    return groups


def _continues(text: str, current: list[QuotedSpan], spans: list[QuotedSpan], i: int) -> bool:
    prev, span = current[-1], spans[i]
    if span.paragraph != prev.paragraph:
        # Multi-paragraph quote: the previous paragraph left it open, this one reopens it.
        return span.paragraph == prev.paragraph + 1 and not prev.closed and _starts_paragraph(text, span)
    gap = text[prev.close_mark + 1 : span.open_mark]
    if "\n" in gap and prev.closed:
        return False  # a closed quote, a line break: the next line's quote is its own (a caption, another speaker)
    if _PUNCT_GAP.match(gap):
        return True
    if not _is_cue_gap(gap) or len(current) > 1 and any(_is_cue_gap(text[a:b]) for a, b in _gaps(current)):
        return False
    if _narrator_leads_into(gap):
        return False
    # `"A," he said. "B," she said.` are two quotes: B must not carry a cue of its own.
    following = spans[i + 1] if i + 1 < len(spans) and spans[i + 1].paragraph == span.paragraph else None
    tail_end = following.open_mark if following else _paragraph_end(text, span.close_mark)
    tail = text[span.close_mark + 1 : tail_end]
    return not _is_cue_gap(_first_clause(tail))


#: Where a gap may hand back to the speaker's words: after punctuation (`said X, "B"`,
#: `said X. "B"`, `said X: "B"`), never straight out of the narrator's phrase.
_LEADS_INTO_QUOTE = re.compile(r"[,.:;!?…—–-]\s*$")


def _narrator_leads_into(gap: str) -> bool:
    """The next piece is a word the narrator quotes, not more of the speaker's quote (issue #22):
    woven into the narrator's own phrase (`said Olsen, waving "Go" signs`, `adding that "B" in
    ...`), or introduced by a sentence of the narrator's after the cue (`Kovacs wrote. In the
    jargon of engineers, "nominal" means ...`). The cue's own sentence ends before such words,
    and a new sentence hands back to the speaker only with a cue of its own (`He added, "B"`)."""
    if not _LEADS_INTO_QUOTE.search(gap):
        return True
    gap = gap.strip()
    starts = sentence_starts(gap)
    last = gap[starts[-1] :] if starts else ""
    return bool(_WORD.search(last)) and not _is_cue_gap(last)


def _gaps(current: list[QuotedSpan]) -> list[tuple[int, int]]:
    return [(a.close_mark + 1, b.open_mark) for a, b in zip(current, current[1:]) if a.paragraph == b.paragraph]


def _paragraph_end(text: str, pos: int) -> int:
    found = text.find("\n", pos)
    return len(text) if found < 0 else found


def _first_clause(tail: str) -> str:
    match = re.search(r"[.!?](\s|$)", tail)
    return tail[: match.start()] if match else tail
