"""Is there article text on a page at all? A sentence of prose, looked for.

A page of menus, link lists or a category index run together has words but no sentences:
after cleaning it is still words, so the language test sees no stop words and calls it
"other". These figures let the brief say what is true: no article text was found, and
what the page looked like. They read the page's shape only (sentence ends, case), never
a word list; German capitalises its nouns, so the pipeline asks them only of a text in no
language the stop-word test recognises (``unbriefable``, asked by the brief and by
``stories ingest`` of every clean text).
"""

from __future__ import annotations

import re
from statistics import median
from typing import Iterator

from ..text.cues import is_page_message, is_site_prompt
from ..text.language import SUPPORTED, guess_language, in_other_script
from ..text.sentences import sentence_starts
from .features import words_of

__all__ = ["MIN_ARTICLE_WORDS", "PROSE_LINE_WORDS", "PROSE_LOWER_SHARE", "PROSE_MIN_WORDS", "SHORT_LINE_WORDS", "has_prose", "page_shape",
           "is_prose", "prose_words", "not_an_article", "site_message_only", "unbriefable"]

#: Fewer words than this after cleaning is a stub, a teaser or a widget, not an article.
MIN_ARTICLE_WORDS = 15
#: A site's message is a sentence or two ("Subscribe to continue reading"); a longer run with
#: such words in it is text run together (a lower-cased Multi-News article: "... advertisement
#: continue reading the main story foxx, who released ..."), not a message.
MESSAGE_MAX_WORDS = 40

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


def is_prose(sentence: str) -> bool:
    """A sentence of prose: enough words (``PROSE_MIN_WORDS``), mostly lower case (``PROSE_LOWER_SHARE``), an end."""
    words = words_of(sentence)
    if len(words) < PROSE_MIN_WORDS or (len(words) < PROSE_LINE_WORDS and not _END.search(sentence)):
        return False
    letters = [w for w in words if w[0].isalpha()]
    return bool(letters) and sum(w[0].islower() for w in letters) >= PROSE_LOWER_SHARE * len(letters)


def _sentences(text: str) -> Iterator[str]:
    """Each line's sentences, by the one sentence-end rule of text/ (``sentence_starts``)."""
    for line in text.splitlines():
        line = line.strip()
        cuts = [0, *sentence_starts(line), len(line)]
        yield from (line[a:b].strip() for a, b in zip(cuts, cuts[1:]) if line[a:b].strip())


def prose_words(text: str) -> int:
    """Words of ``text`` in sentences of prose (see ``PROSE_MIN_WORDS``, ``PROSE_LOWER_SHARE``)."""
    return sum(len(words_of(s)) for s in _sentences(text) if is_prose(s))


def has_prose(text: str) -> bool:
    """Whether ``text`` holds one sentence of prose: a page with none has no article text. A
    text set all in capitals (an old wire's) is read as if it were not: its sentences still
    end and run long, where a menu's labels do not."""
    if any(is_prose(s) for s in _sentences(text)):  # an article's first lines answer
        return True
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters) and prose_words(text.lower()) > 0


def page_shape(text: str) -> str:
    """What a text with no sentence of prose looked like, in a reader's words."""
    lines = [line for line in text.splitlines() if line.strip()]
    words = len(words_of(text))
    if not lines:
        return "the page is empty"
    if median(len(words_of(line)) for line in lines) <= SHORT_LINE_WORDS:
        return f"the page is navigation/links only: {len(lines)} short lines (links, labels, headings), no sentence"
    return f"the page is navigation/links only: {words:,} words of menus or lists, no sentence"


def site_message_only(text: str) -> bool:
    """The text is the site talking about the page (a dead link, a cookie wall, a paywall
    stub, a browser check): it has such a message, and under ``MIN_ARTICLE_WORDS`` words of
    prose besides it and the site's prompts. A paywalled article's teaser keeps its prose."""
    if not is_page_message(text):  # most texts: none anywhere
        return False
    sentences = list(_sentences(text))
    said = [len(words_of(s)) <= MESSAGE_MAX_WORDS and (is_page_message(s) or is_site_prompt(s)) for s in sentences]
    if not any(m and is_page_message(s) for s, m in zip(sentences, said)):
        return False
    news = sum(len(words_of(s)) for s, m in zip(sentences, said) if is_prose(s) and not m)
    return news < MIN_ARTICLE_WORDS


def not_an_article(text: str) -> str | None:
    """Why a clean text is no article at all (None when it may be one): nothing left, a page
    of menus and links, or the site's message about the page. ``stories ingest`` neither
    stores such a page nor lets it start or join a story; the brief skips it too
    (``unbriefable``). A page of menus is English with no sentence, which the stop-word test
    would name a language we do not support: prose is looked for first, except in a language
    the test recognises (German capitalises its nouns: never judged by its prose)."""
    if not text.strip():
        return "nothing left after removing clutter (not an article?)"
    if not is_page_message(text) and any(is_prose(s) for s in _sentences(text)):
        return None  # prose and no message from the site: the common case, decided early
    lang = guess_language(text)
    recognised_other = lang not in SUPPORTED and lang not in ("und", "other")
    if not recognised_other and not in_other_script(text):
        if not has_prose(text):
            return f"no article text found ({page_shape(text)})"
        if site_message_only(text):
            return "no article text found (the page is the site's message: not found, no access, cookies or a paywall)"
    return None


def unbriefable(text: str) -> str | None:
    """Why a clean text cannot be briefed (None when it can): too short, no article
    (``not_an_article``), or in a language we do not brief yet."""
    words = len(text.split())
    if text.strip() and words < MIN_ARTICLE_WORDS:
        return f"too short to brief ({words} words after cleaning)"
    reason = not_an_article(text)
    if reason:
        return reason
    lang = guess_language(text)
    if lang not in SUPPORTED and lang != "und":
        return f"language '{lang}' is not supported yet (English only)"
    return None
