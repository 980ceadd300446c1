"""Is there article text on a page at all? A sentence of prose, looked for.

A page of menus, link lists or a category index run together has words but no sentences:
after cleaning it is still words, so the language test sees no stop words and calls it
"other". These figures let the brief say what is true: no article text was found, and
what the page looked like. They read the page's shape only (sentence ends, case), never
a word list; German capitalises its nouns, so the pipeline asks them only of a text in no
language the stop-word test recognises (``pipeline.unbriefable``).
"""

from __future__ import annotations

import re
from statistics import median

from ..text.sentences import sentence_starts
from .features import words_of

__all__ = ["PROSE_LINE_WORDS", "PROSE_LOWER_SHARE", "PROSE_MIN_WORDS", "SHORT_LINE_WORDS", "has_prose", "page_shape",
           "prose_words"]

#: A sentence of prose has at least this many words (align.MIN_WORDS: fewer is a fragment
#: or a headline, not a statement)...
PROSE_MIN_WORDS = 6
#: ...and at least this share of its words open in lower case: a menu, a category list or a
#: run of headlines is in Title or UPPER case. On the 64 real stories' clean texts, the one
#: capture with no sentence at all is a category index (372 words); every other has at
#: least 11 words of prose (a promo banner), an article at least 20.
PROSE_LOWER_SHARE = 0.5
#: A sentence ends in . ! ? (a quote or bracket may follow); a line of this many words needs
#: no end (a video's one-line caption, 24 words, has none).
PROSE_LINE_WORDS = 12
#: A line of at most this many words is a link, a label or a heading (clean/features: the
#: model's "short" lines).
SHORT_LINE_WORDS = 5

_END = re.compile(r"[.!?…。！？][\"'”’)\]]*$")


def _is_prose(sentence: str) -> bool:
    words = words_of(sentence)
    if len(words) < PROSE_MIN_WORDS or (len(words) < PROSE_LINE_WORDS and not _END.search(sentence)):
        return False
    letters = [w for w in words if w[0].isalpha()]
    return bool(letters) and sum(w[0].islower() for w in letters) >= PROSE_LOWER_SHARE * len(letters)


def prose_words(text: str) -> int:
    """Words of ``text`` in sentences of prose (see ``PROSE_MIN_WORDS``, ``PROSE_LOWER_SHARE``)."""
    total = 0
    for line in text.splitlines():
        line = line.strip()
        cuts = [0, *sentence_starts(line), len(line)]  # the one sentence-end rule of text/
        for a, b in zip(cuts, cuts[1:]):
            if _is_prose(line[a:b].strip()):
                total += len(words_of(line[a:b]))
    return total


def has_prose(text: str) -> bool:
    """Whether ``text`` holds one sentence of prose: a page with none has no article text."""
    return prose_words(text) > 0


def page_shape(text: str) -> str:
    """What a text with no sentence of prose looked like, in a reader's words."""
    lines = [line for line in text.splitlines() if line.strip()]
    words = len(words_of(text))
    if not lines:
        return "the page is empty"
    if median(len(words_of(line)) for line in lines) <= SHORT_LINE_WORDS:
        return f"the page is navigation/links only: {len(lines)} short lines (links, labels, headings), no sentence"
    return f"the page is navigation/links only: {words:,} words of menus or lists, no sentence"
