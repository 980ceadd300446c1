"""Stage: facts the outlets agree on, and where they diverge."""

from .facts import SentenceIndex, align_facts, carried_by_others, cited_as_carried, readable_facts, without_restatements
from .divergence import contesting, disputes_of, facts_with_disputes, find_divergences, lines_with_disputes

__all__ = ["align_facts", "carried_by_others", "readable_facts", "cited_as_carried", "without_restatements", "find_divergences", "facts_with_disputes", "lines_with_disputes", "disputes_of", "contesting", "SentenceIndex"]
