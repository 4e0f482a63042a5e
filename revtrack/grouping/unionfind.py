"""Disjoint sets (union-find with path compression), used to join revisions into stories."""

from __future__ import annotations


class UnionFind:
    """Disjoint sets over hashable items."""

    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x: object) -> object:
        """Representative of x's set (x joins as a singleton if new)."""
        parent = self.parent
        parent.setdefault(x, x)
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    def union(self, a: object, b: object) -> None:
        """Merge the sets of a and b."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
