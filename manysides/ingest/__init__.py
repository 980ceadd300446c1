"""Stage 1, ingest: turn paths, URLs, folders, Multi-News lines, JSONL and stdin into Articles.

Every input becomes zero or more ``Article`` records with ``raw_text`` set. Flat text
leaves ``text`` empty for the clean stage to fill; an HTML page is cleaned as it is
extracted (``clean.extract_html``), so its ``text`` is set already and not cleaned twice. Inputs that can't be used are either refused with an ``InputError`` (one
input, nothing else to brief) or reported as ``Skipped`` — never dropped silently.
"""

from ._sources import ArticleInput, load_inputs, article_id, looks_html, split_multinews

__all__ = ["ArticleInput", "load_inputs", "article_id", "looks_html", "split_multinews"]
