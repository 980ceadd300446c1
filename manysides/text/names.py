"""When two written names are one person: the rule every stage that compares names uses
(the entity list, the quotes' speakers, the divergences' "spelt differently")."""

from __future__ import annotations

from difflib import SequenceMatcher

__all__ = ["name_variants", "same_person"]


def name_variants(a: str, b: str, *, min_ratio: float = 0.8) -> bool:
    """Two spellings of one name ('Danel' vs 'Dannel'), not two names ('Dan' vs 'Dannel' is a nickname).

    0.8 keeps one- or two-letter slips in names of five letters or more and rejects short forms.
    """
    if a == b or a[0].lower() != b[0].lower() or min(len(a), len(b)) < 4:
        return False
    return SequenceMatcher(None, a.lower(), b.lower()).ratio() >= min_ratio


def same_person(a: str, b: str) -> bool:
    """Two full names ("Dannel P. Malloy", "Danel Malloy") of one person: the same surname
    and the same or a misspelt first name; "Bill" and "Hillary" Clinton are two people."""
    (first_a, *_, last_a), (first_b, *_, last_b) = a.split(), b.split()
    return last_a.lower() == last_b.lower() and (first_a.lower() == first_b.lower() or name_variants(first_a, first_b))
