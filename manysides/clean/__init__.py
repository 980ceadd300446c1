"""The clean stage: flat news text and HTML pages, with the clutter taken out.

    clean_articles(raw_texts)  -> [CleanResult]   one story's flat texts, cleaned together
    clean_text(raw)            -> CleanResult     one flat text
    extract_html(html, url)    -> ExtractedPage   an HTML page's article and metadata

Which lines are clutter is learned (``train.py``, on the ScrapingHub article-extraction
benchmark's pages), not a hand-kept phrase list; the trained weights ship as
``model.json``. Two shape rules sit beside the model, whatever a line's neighbours
suggest: a metadata field with no article text ("Written by:", "Published on: <date>")
goes, and so do kept lines above the article's dateline paragraph ("HARTFORD -- ...").
"""

from ._clean import EDGE_THRESHOLD, KEEP_THRESHOLD, CleanResult, clean_articles, clean_text, is_metadata_field
from .extract import ExtractedPage, extract_html

__all__ = ["CleanResult", "ExtractedPage", "EDGE_THRESHOLD", "KEEP_THRESHOLD", "clean_articles", "clean_text", "extract_html",
           "is_metadata_field"]
