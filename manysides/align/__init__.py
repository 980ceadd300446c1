"""Stage: facts the outlets agree on, and where they diverge."""

from .facts import SentenceIndex, align_facts
from .divergence import find_divergences

__all__ = ["align_facts", "find_divergences", "SentenceIndex"]
