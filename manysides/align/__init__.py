"""Stage: facts the outlets agree on, and where they diverge."""

from .facts import SentenceIndex, align_facts, carried_by_others, readable_facts
from .divergence import disputes_of, find_divergences, with_disputes

__all__ = ["align_facts", "carried_by_others", "readable_facts", "find_divergences", "with_disputes", "disputes_of", "SentenceIndex"]
