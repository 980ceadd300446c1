"""Who said what: direct quotes and reported speech, merged across outlets (issue #3).

    quotes_of_article(article)  one article's quotes, each with sources=(article.id,)
    extract_quotes(articles)    every article's quotes, the same quote from several
                                outlets merged into one Quote carrying all of them

Stages: ``spans`` finds quoted text and joins a quote's pieces; ``attribute`` finds
the cue and the speaker with spaCy's parse and entities (``people`` resolves surnames,
titles and pronouns), and reported speech; ``merge`` folds outlets' versions together.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Sequence

from ..records import Article, Quote, Sentence
from ..text.entities import nlp
from .attribute import Attribution, attributions_of
from .merge import merge_attributions

__all__ = ["extract_quotes", "quotes_of_article", "attributions_of", "Attribution", "trustworthy"]

log = logging.getLogger(__name__)


def _keep(found: list[Attribution]) -> list[Attribution]:
    """Drop a reported statement that only wraps a direct quote of the same speaker.

    "Malloy said families are welcome "300 years ago or three days ago"" yields both;
    the brief shows the quoted words once, with the sentence around them as context.
    """
    direct = [a for a in found if a.kind == "direct"]
    out = []
    for a in found:
        if a.kind == "reported" and any(
            d.speaker == a.speaker and a.start <= d.start and d.end <= a.end + 1 for d in direct
        ):
            continue
        out.append(a)
    return out


def _attributions(
    articles: Sequence[Article], docs: Sequence[Any] | None = None, sentences: Sequence[Sequence[Sentence]] | None = None
) -> list[Attribution]:
    """``docs``: the articles already parsed by ``nlp(parser=True)`` (the pipeline parses
    once); ``sentences``: each article's sentences, if already split."""
    if docs is None:
        docs = nlp(parser=True).pipe([a.text or "" for a in articles], batch_size=8)
    split = sentences if sentences is not None else [None] * len(articles)
    found: list[Attribution] = []
    for article, doc, sents in zip(articles, docs, split):
        found.extend(_keep(attributions_of(article.id, article.text, doc, sentences=sents)))
    return found


#: A speaker a reader cannot name from the line (issue #22): a pronoun, a generic group, an
#: indefinite "a police union boss", or the outlet that reported the words.
_VAGUE_SPEAKER = re.compile(
    r"^(?:(?:he|she|they|it|we|i|you|him|her|them|this|that|these|those|one|someone|somebody|anyone)"
    r"|(?:a|an|some|several|many|other|another|two|three|both)\s.*"
    r"|(?:the\s+)?(?:officials?|authorities|police|researchers|experts|analysts|sources?|witnesses|reports?|media(?: reports)?|"
    r"critics|observers|residents|people|statement|report|the statement|spokes(?:man|woman|person)|company|agency|activity|"
    r"government|ministry|department|military|army|document|memo|letter|study|survey|video|post|tweet|page)"
    r"|(?:cnn|ap|the associated press|associated press|reuters|afp|bbc|fox news|nbc(?: news)?|abc(?: news)?|cbs(?: news)?|npr|"
    r"bloomberg|the new york times|new york times|the washington post|washington post|daily mail|newsweek|usa today|"
    r"the guardian|the times|politico|the hill|axios|the independent|sky news|al jazeera|xinhua|yonhap|kcna|tass|rt))$",
    re.I,
)
_DATELINE_CONTENT = re.compile(r"^[A-Z][A-Z .,'-]{2,}(?:,\s*[A-Z][\w.]*)?\s*[—–-]{1,2}\s")
#: Fewer words than this are a phrase, not something a reader can quote onward.
MIN_QUOTE_WORDS = 4


def trustworthy(quote: Quote) -> bool:
    """A quote the brief can show as "who said what": a speaker a reader can name, and
    content that is a statement (not a few words, not a dateline carried into the content)."""
    speaker = " ".join(quote.speaker.split())
    if not speaker or _VAGUE_SPEAKER.match(speaker) or not any(w[:1].isupper() for w in speaker.split()):
        return False
    return len(quote.text.split()) >= MIN_QUOTE_WORDS and not _DATELINE_CONTENT.match(quote.text.strip())


def quotes_of_article(article: Article) -> list[Quote]:
    """One article's quotes (a quote repeated within it appears once)."""
    return merge_attributions(_attributions([article]), [article.id])


def extract_quotes(
    articles: Sequence[Article], docs: Sequence[Any] | None = None, sentences: Sequence[Sequence[Sentence]] | None = None
) -> list[Quote]:
    """All articles' quotes, the same quote carried by several outlets merged into one."""
    found = _attributions(articles, docs, sentences)
    merged = merge_attributions(found, [a.id for a in articles])
    quotes = [q for q in merged if trustworthy(q)]
    log.info("quotes: %d found in %d articles, %d after merging, %d with a named speaker and a statement", len(found), len(articles), len(merged), len(quotes))
    return quotes
