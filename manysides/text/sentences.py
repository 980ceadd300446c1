"""Sentence splitting that survives abbreviations, quotes and datelines.

pysbd (rule-based, "Golden Rules" tested) does the hard cases: "Gov. Malloy",
"U.S. Department", "9:00 p.m." (its cut between "p.m." and a time zone is undone
here). We split per paragraph (a blank line always
ends a sentence) and keep character offsets into the article text, so that every
summary sentence can be traced back to its exact place.

pysbd keeps everything after an unbalanced quote mark in one "sentence" (common
in scraped and tokenised text such as Multi-News: ``" it goes down in history. I
earned it. ...``, 100+ words). Pieces longer than ``LONG_PIECE`` words are
therefore split again at plain sentence ends (". " before a capital), never
after an abbreviation or an initial, nor inside a quotation (a speaker's
several sentences stay one quote); every part stays a verbatim span.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from ..records import Sentence
from .words import MONTH, WEEKDAYS

__all__ = [
    "split_sentences",
    "split_paragraphs",
    "sentences_of",
    "dateline_length",
    "without_dateline",
    "opens_with_dateline",
    "dateline_end",
    "sentence_starts",
    "rough_sentences",
    "opens_a_sentence",
]

_PARAGRAPH = re.compile(r"\n\s*\n")

#: Longer pysbd pieces are checked for missed sentence ends (news sentences are ~25 words).
LONG_PIECE = 45
_END = re.compile(r"(?<=[.!?])(?:\s*[\"”’])?\s+(?=(?:[\"“‘]\s?)?[A-Z])")
_QUOTES = ('"', "“", "”")
#: Scraped text sometimes loses the space between sentences ("back to Earth for tests.The
#: ability to ...", "the amplified DNA.The data"), and pysbd then joins them. A word (lower
#: case, or an acronym), its end mark, and a capitalised word is such a join; a domain
#: ("ndtv.com"), "U.S." or a title ("Mr.Smith") is not one.
_JOINED_END = re.compile(r"(?<![\w.@/])(?P<word>[a-z]{2,}|[A-Z]{2,}s?)[.!?][\"”’)]?(?=[A-Z][a-z]+\b)")
#: pysbd ends a sentence at "9:00 p.m." whenever a capital follows, so "at 9:00 p.m. ET on
#: his decision" loses its time zone, and "at 11:55 p.m. Sunday, but left late" its day, to
#: a "sentence" of its own: such a cut is undone.
_CLOCK_END = re.compile(r"\b[ap]\.m\.$", re.IGNORECASE)
_TIME_ZONE = re.compile(r"\s*(?:[ECMPA][SD]?T|GMT|UTC|BST|CET|local time|(?:" + "|".join(d.capitalize() for d in WEEKDAYS) + r")(?![’']))\b")
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr gov sen rep st jr sr inc co corp ltd gen lt sgt col capt cmdr adm prof vs no mt ft ave
    blvd dept est fig jan feb mar apr jun jul aug sep sept oct nov dec rev hon pres supt det insp""".split()
)
#: A dateline opening a paragraph (a story's first): "HARTFORD --", "WASHINGTON (AP) —",
#: "SEOUL, South Korea —", "(CNN) -". It says where the outlet filed from; out of its
#: article (a summary line, a fact) it reads as noise. A lone hyphen needs spaces
#: around it, so "COVID-19" and "U.S.-China" are not datelines.
_DATELINE = re.compile(
    r"""(?:
        [A-Z][A-Z.'’&]+(?:[\s-][A-Z][A-Z.'’&]+)*            # the place, in capitals
        (?:,\s*[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*){0,2})?  # its state or country
        (?:,\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s\d{1,2})?  # the day: "Dec 31" (Reuters)
        (?:\s*\([^()\n]{1,30}\))?                          # the agency: (AP)
      | \([A-Z][^()\n]{0,29}\)                              # or the agency alone: (CNN)
    )(?:\s*(?:--|—|–)\s*|\s+-\s+)(?=["“‘]?[A-Z0-9])""",
    re.X,
)


@lru_cache(maxsize=1)
def _segmenter():  # pysbd builds its rule tables once; reuse them
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=False)


#: Lines that end a sentence: in a text with no blank line, at least this share of them makes
#: each line a paragraph (web text scraped a paragraph a line), not a hard-wrapped page.
LINE_PARAGRAPHS_SHARE = 0.5
_ENDS_A_SENTENCE = re.compile(r"[.!?:;\"”’')\]]\s*$")


def _line_paragraphs(text: str) -> bool:
    """Single newlines are the paragraph breaks: no blank line anywhere, and most lines end a
    sentence. A real story's articles come a paragraph a line: read as one paragraph, a
    caption's paragraph took the whole article and a quotation ran on over all of it."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 2 or _PARAGRAPH.search(text):
        return False
    return sum(bool(_ENDS_A_SENTENCE.search(line)) for line in lines) >= LINE_PARAGRAPHS_SHARE * len(lines)


def split_paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, paragraph) pairs; paragraphs are separated by blank lines, or by each line
    break where the text has no blank line and its lines end sentences (``_line_paragraphs``)."""
    out, pos = [], 0
    breaks = re.compile(r"\n") if _line_paragraphs(text) else _PARAGRAPH
    for match in breaks.finditer(text):
        out.append((pos, text[pos : match.start()]))
        pos = match.end()
    out.append((pos, text[pos:]))
    return [(off, p) for off, p in out if p.strip()]


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph, stripped, in order."""
    return [paragraph[a:b] for a, b in _sentence_spans(paragraph)]


def _sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``paragraph``; together they cover all its text.

    pysbd's pieces only say where sentences end: a piece it altered (it drops some
    characters) is located loosely and the cut made after it, so no character of the
    paragraph is ever lost between sentences.
    """
    if not paragraph.strip():
        return []
    cuts, cursor = [], 0
    # The processor's pieces, not ``segment``: that also locates each piece in the text
    # with a regex compiled per sentence, which the loop below does with str.find.
    for piece in _segmenter().processor(paragraph).process():
        piece = piece.strip()
        if not piece:
            continue
        for part in (p for joined in _split_joined(piece) for p in _split_long(joined)):
            found = paragraph.find(part, cursor)
            if found >= 0:
                cursor = found + len(part)
                cuts.append(cursor)
    spans, start = [], 0
    # "CAPE CANAVERAL, Fla. — SpaceX's rocket ...": pysbd ends a sentence at the state's
    # abbreviation; a cut inside the paragraph's dateline is undone, so the dateline stays the
    # head of its sentence (and is left out where the sentence is shown alone)
    head = dateline_end(paragraph)
    for end in [*(c for c in cuts[:-1] if c >= head and not _cuts_a_time(paragraph, c) and not _cuts_a_name(paragraph, c)
                              and not _cuts_a_date(paragraph, c)), len(paragraph)]:
        if end <= start:
            continue
        a, b = _strip_span(paragraph, start, end)
        if a < b:
            spans.append((a, b))
        start = end
    return spans


#: What never opens a sentence: a possessive's "'s", or a word in lower case after an
#: abbreviation ("Equifax Inc.’s first earnings call", "Paulino Barros Jr. outlined").
_GOES_ON = re.compile(r"\s*(?:['’]s\b|[a-z]{2,}\b)")


def _cuts_a_name(paragraph: str, cut: int) -> bool:
    """pysbd ended a sentence at an abbreviation inside a name ("Equifax Inc.|’s first earnings
    call" left a line opening on "’s"): the cut is undone when what follows goes on."""
    return bool(_GOES_ON.match(paragraph, cut)) and _ends_with_abbreviation(_tail(paragraph, cut))


def _cuts_a_time(paragraph: str, cut: int) -> bool:
    return bool(_CLOCK_END.search(_tail(paragraph, cut).rstrip()) and _TIME_ZONE.match(paragraph, cut))


#: "it was Sun. Dec. 31, 2017": a day's abbreviation before a date ends no sentence.
_DAY_ABBREVIATION_END = re.compile(r"(?<![Tt]he )\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.$")
_DATE_GOES_ON = re.compile(rf"\s*,?\s*{MONTH}\s*\d", re.IGNORECASE)


def _cuts_a_date(paragraph: str, cut: int) -> bool:
    return bool(_DAY_ABBREVIATION_END.search(_tail(paragraph, cut).rstrip()) and _DATE_GOES_ON.match(paragraph, cut))


def _strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


#: How much of the text before a cut ``_ends_with_abbreviation`` needs: its last word. Slicing
#: the whole text before every full stop made a long line's splitting quadratic.
_TAIL = 80


def _tail(text: str, end: int) -> str:
    return text[max(0, end - _TAIL) : end]


def _ends_with_abbreviation(left: str) -> bool:
    words = left.rstrip().rstrip("\"”’").rstrip(".!?").split()
    if not words:
        return True
    word = words[-1].lower().lstrip("(\"'“‘")
    return len(word) <= 1 or "." in word or word in _ABBREVIATIONS


def _split_joined(piece: str) -> list[str]:
    """``piece`` cut where two sentences lost the space between them (three words each side at least)."""
    out, start = [], 0
    for match in _JOINED_END.finditer(piece):
        left = piece[start : match.end()]
        if match["word"].lower() in _ABBREVIATIONS:
            continue
        if len(left.split()) >= 3 and len(piece[match.end() :].split()) >= 3:
            out.append(left)
            start = match.end()
    out.append(piece[start:])
    return out


def _split_long(piece: str) -> list[str]:
    """``piece`` split again at sentence ends pysbd missed (only when it is over-long)."""
    if len(piece.split()) <= LONG_PIECE:
        return [piece]
    out, start = [], 0
    for match in _END.finditer(piece):
        left = piece[start : match.end()].rstrip()
        if len(left.split()) < 4 or len(piece[match.end() :].split()) < 4 or _ends_with_abbreviation(left):
            continue
        if sum(piece.count(q, 0, match.end()) for q in _QUOTES) % 2:
            continue  # inside a quotation: a speaker's several sentences stay one quote
        out.append(left)
        start = match.end()
    out.append(piece[start:].strip())
    return [p for p in out if p]


def dateline_length(sentences: Sequence[Sentence], k: int) -> int:
    """How many characters of ``sentences[k]`` are a dateline: one opens a paragraph, or
    there is none ("UNICEF — Save the Children..." inside a paragraph is a sentence)."""
    s = sentences[k]
    before = sentences[k - 1] if k else None
    if before is not None and (before.article_id, before.paragraph) == (s.article_id, s.paragraph):
        return 0
    return dateline_end(s.text)


def opens_with_dateline(text: str) -> bool:
    """Whether a paragraph opens with a dateline ("HARTFORD --", "(CNN) -")."""
    return dateline_end(text) > 0


#: The dash of a dateline whose place the page put on a line of its own ("ERIE, Pa. (AP)" then
#: "— A Pennsylvania woman says…"), or lost.
_DATELINE_DASH = re.compile(r"\s*(?:--|—|–|-)\s+(?=[\"“‘]?[A-Z0-9])")


def dateline_end(text: str) -> int:
    """Where the dateline opening ``text`` ends ("SEOUL, South Korea — North ..." -> the "N"); 0 if none."""
    match = _DATELINE.match(text) or _DATELINE_DASH.match(text)
    return match.end() if match else 0


def sentence_starts(text: str) -> list[int]:
    """Offsets in ``text`` where a sentence after its first begins: a '.', '!' or '?' then a
    capital, but not after an abbreviation or an initial ("Rep. G.K. Butterfield")."""
    return [m.end() for m in _END.finditer(text) if not _ends_with_abbreviation(_tail(text, m.end()))]


#: Any end mark and the space after it.
_ROUGH_END = re.compile(r"(?<=[.!?])\s+")


def rough_sentences(line: str) -> list[str]:
    """``line`` cut after every end mark: no model, no exceptions ("Mr." ends one too).
    For features that only weigh a text's first sentences (a stream's article leads, ~1,000
    articles/s), where a cut too many costs nothing; the brief's sentences are ``sentences_of``."""
    return _ROUGH_END.split(line)


def without_dateline(sentences: Sequence[Sentence], k: int) -> str:
    """The text of ``sentences[k]`` less its dateline: still a verbatim part of its article."""
    return sentences[k].text[dateline_length(sentences, k) :]


#: An embedded post's signature, which ends its line: "— Edward Snowden (@Snowden) April 3, 2016".
_POST_SIGNATURE = re.compile(r"[—–-]\s*[^—–\n()]{1,60}\(@\w{1,30}\)\s+[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4}\s*$", re.M)


def _post_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines that are an embedded post: its words, then its signature."""
    return [(text.rfind("\n", 0, m.start()) + 1, m.end()) for m in _POST_SIGNATURE.finditer(text)]


def sentences_of(article_id: str, text: str) -> list[Sentence]:
    """The article's sentences with character spans into ``text``; those of an embedded post's
    line are marked (``Sentence.post``)."""
    out: list[Sentence] = []
    posts = _post_lines(text) if "(@" in text else []
    for p_index, (offset, paragraph) in enumerate(split_paragraphs(text)):
        for a, b in _sentence_spans(paragraph):
            start, end = offset + a, offset + b
            post = any(s <= start and end <= e for s, e in posts)
            out.append(Sentence(article_id, len(out), paragraph[a:b], start, end, p_index, post))
    return out


def opens_a_sentence(text: str, start: int) -> bool:
    """The word at ``start`` opens a sentence (or a quotation or bracket at one): its capital is the
    sentence's, not a name's. A few characters back are read, not all the text before."""
    before = text[max(0, start - 12):start].rstrip(" \"“‘'(")
    return not before or before[-1] in ".!?\n:"
