"""The clean stage on Article records: what the pipeline and ``stories ingest`` call.

What an article carries says what is done with it, each case by name:

* ``html``: the page is extracted and cleaned (``extract.clean_html``); ``raw_text`` becomes
  the page's visible text, in which the removed lines' numbers count;
* ``already_clean``: the text is an article body already (a JSONL record with
  ``"clean": true``, a story store's article) and is kept as given: cleaning it again
  would take lines a second time that the first pass judged body;
* otherwise flat text: the story's texts are cleaned together (``_clean.clean_articles``:
  a line several of them repeat is site furniture).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..records import Article
from ..text.words import without_invisible
from ._clean import CleanResult, clean_articles
from .extract import clean_html
from .model import ClutterModel, load_model

__all__ = ["NO_TEXT_IN_HTML", "clean_story"]

#: Why a page gave no article, in the words ingest used when it extracted pages itself.
NO_TEXT_IN_HTML = "no article text found in the HTML (a paywall, cookie wall or a page with no article?)"


def clean_story(articles: Sequence[Article], *, model: ClutterModel | None = None) -> list[Article]:
    """Every article of one story with its clean ``text``, ``removed`` lines and a title."""
    model = model or load_model()
    results = iter(clean_articles([a.raw_text for a in articles if _is_flat(a)], model=model))
    out = []
    for a in articles:
        if a.html:
            out.append(_with_html_cleaned(a, model))
        elif a.already_clean:
            out.append(replace(a, text=a.raw_text))
        else:
            out.append(_with_result(a, next(results)))
    return [replace(a, text=without_invisible(a.text), title=without_invisible(a.title)) for a in out]


def _is_flat(article: Article) -> bool:
    return not article.html and not article.already_clean


def _with_html_cleaned(article: Article, model: ClutterModel) -> Article:
    result = clean_html(article.html, article.url, model=model)
    return replace(_with_result(article, result), raw_text=result.page_text)


def _with_result(article: Article, result: CleanResult) -> Article:
    return replace(article, text=result.text, removed=tuple(result.removed), title=article.title or result.title)
