"""The clean stage: flat news text and HTML pages, with the clutter taken out.

    clean_story(articles)      -> [Article]       the stage on records: each article's clean text,
                                                  removed lines (with why) and title, by what it carries
    clean_articles(raw_texts)  -> [CleanResult]   one story's flat texts, cleaned together
    clean_text(raw)            -> CleanResult     one flat text
    clean_html(html, url)      -> CleanResult     an HTML page: its article as paragraphs, the page's other lines removed
    extract_html(html, url)    -> ExtractedPage   an HTML page's article and metadata (what the benchmark scores)

Ingest only reads; extraction happens here, so what was removed is kept, with its
reason, for every kind of input.

Which lines are clutter is learned (``train.py``, on the ScrapingHub article-extraction
benchmark's pages), not a hand-kept phrase list; the trained weights ship as
``model.json``. Two shape rules sit beside the model, whatever a line's neighbours
suggest: a metadata field with no article text ("Written by:", "Published on: <date>")
goes, and so do kept lines above the article's dateline paragraph ("HARTFORD -- ...").
"""

from ._clean import EDGE_THRESHOLD, KEEP_THRESHOLD, CleanResult, clean_articles, clean_text, is_metadata_field
from .articles import NO_TEXT_IN_HTML, clean_story
from .extract import ExtractedPage, clean_html, extract_html

__all__ = ["NO_TEXT_IN_HTML", "CleanResult", "ExtractedPage", "EDGE_THRESHOLD", "KEEP_THRESHOLD", "clean_articles", "clean_html", "clean_story",
           "clean_text", "extract_html", "is_metadata_field"]
