"""Stage: how each outlet frames the story, from its own text."""

from .frame import body_sentences, frame_articles
from ..text.cues import OPINION_CUTOFF, opinion_score

__all__ = ["frame_articles", "opinion_score", "body_sentences", "OPINION_CUTOFF"]
