"""Disjoint sets (union-find): how the stages join items into groups, pair by pair.

Quotes that are one quote, articles that carry one report, sentences that state one
figure two ways: each stage decides which pairs belong together; this joins them.
"""

from __future__ import annotations

from typing import Generic, Hashable, TypeVar

__all__ = ["DisjointSets"]

T = TypeVar("T", bound=Hashable)


class DisjointSets(Generic[T]):
    """Items joined into groups; an item is added the first time it is seen."""

    def __init__(self) -> None:
        self._parent: dict[T, T] = {}

    def find(self, item: T) -> T:
        """The item that names ``item``'s group (path halving keeps the chains short)."""
        parent = self._parent
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, keep: T, other: T) -> T:
        """Join ``other``'s group into ``keep``'s; the name of the joined group (``keep``'s)."""
        root = self.find(keep)
        self._parent[self.find(other)] = root
        return root

    def groups(self) -> dict[T, list[T]]:
        """Each group's name and its items, in the order the items were first seen."""
        out: dict[T, list[T]] = {}
        for item in list(self._parent):
            out.setdefault(self.find(item), []).append(item)
        return out
