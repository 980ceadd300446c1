"""Stage 1, ingest: turn paths, URLs, folders, Multi-News lines, JSONL and stdin into Articles.

Every input becomes zero or more ``Article`` records with ``raw_text`` set (flat text;
for HTML, the body trafilatura extracted) and ``text`` still empty: the clean stage
fills it. Inputs that can't be used are either refused with an ``InputError`` (one
input, nothing else to brief) or reported as ``Skipped`` — never dropped silently.
"""

from ._sources import ArticleInput, load_inputs, article_id, split_multinews

__all__ = ["ArticleInput", "load_inputs", "article_id", "split_multinews"]
