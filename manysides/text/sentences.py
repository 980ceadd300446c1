"""Sentence splitting that survives abbreviations, quotes and datelines.

pysbd (rule-based, "Golden Rules" tested) does the hard cases: "Gov. Malloy",
"U.S. Department", "9:00 p.m. ET". We split per paragraph (a blank line always
ends a sentence) and keep character offsets into the article text, so that every
summary sentence can be traced back to its exact place.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..records import Sentence

__all__ = ["split_sentences", "split_paragraphs", "sentences_of"]

_PARAGRAPH = re.compile(r"\n\s*\n")


@lru_cache(maxsize=1)
def _segmenter():  # pysbd builds its rule tables once; reuse them
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=False)


def split_paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, paragraph) pairs; paragraphs are separated by blank lines."""
    out, pos = [], 0
    for match in _PARAGRAPH.finditer(text):
        out.append((pos, text[pos : match.start()]))
        pos = match.end()
    out.append((pos, text[pos:]))
    return [(off, p) for off, p in out if p.strip()]


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph, stripped, in order."""
    if not paragraph.strip():
        return []
    pieces = _segmenter().segment(paragraph)
    return [p.strip() for p in pieces if p.strip()]


def sentences_of(article_id: str, text: str) -> list[Sentence]:
    """The article's sentences with character spans into ``text``."""
    out: list[Sentence] = []
    for p_index, (offset, paragraph) in enumerate(split_paragraphs(text)):
        cursor = 0
        for piece in split_sentences(paragraph):
            found = paragraph.find(piece, cursor)
            if found < 0:  # pysbd normalised something; fall back to a loose position
                found = cursor
            start = offset + found
            cursor = found + len(piece)
            out.append(Sentence(article_id, len(out), piece, start, start + len(piece), p_index))
    return out
