"""Stage: how each outlet frames the story, from its own text (first version; see issue #3)."""

from .frame import frame_articles, opinion_score

__all__ = ["frame_articles", "opinion_score"]
