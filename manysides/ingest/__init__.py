"""Stage 1, ingest: turn paths, URLs, folders, Multi-News lines, JSONL and stdin into Articles.

Ingest only reads: bytes, text, HTML and metadata. Every input becomes zero or more
``Article`` records carrying what was read: ``raw_text`` for flat text (``already_clean``
when a JSONL record says ``"clean": true``), ``html`` for a web page (with the title, date,
author and site name its head declares, ``page.py``). ``text`` stays empty: extraction and
cleaning are the clean stage's (``clean.clean_story``). Inputs that can't be used are
either refused with an ``InputError`` (one input, nothing else to brief) or reported as
``Skipped`` — never dropped silently.
"""

from ._sources import ArticleInput, load_inputs, article_id, drop_copies, split_multinews
from .page import FetchedPage, fetch_page, looks_html

__all__ = ["ArticleInput", "FetchedPage", "load_inputs", "article_id", "drop_copies", "fetch_page", "looks_html", "split_multinews"]
