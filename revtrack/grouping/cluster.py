"""Stories from verified pairs, without chaining.

Joining every verified pair (single linkage) lets one false pair merge two whole
stories, and lets a chain of near neighbours (A like B, B like C, C like D)
join stories whose ends have nothing in common. Here stories form like
Kruskal's spanning tree: pairs are taken strongest first, and two groups join
only when the join holds *as a whole*:

* no member of one names other calendar facts in its headline than a member of
  the other (unless those two are one text: near copies, or a long document amended);
* every member of one shares at least :data:`LINK_FLOOR` of its content words
  with every member of the other (complete linkage on the words, estimated from
  the stored MinHash sketches, so no text is read again), unless the two are a
  verified pair themselves (a stub inside the full report it grew into shares
  few of the report's words; the pair rule has weighed them and found one
  version in the other) or were seen at one article address (a live page that
  drops its oldest entries shares nothing with itself of a day before);
* no manual split keeps them apart.

Manual merges are joined first, whatever the rules say, and a story merged by
hand then takes new members by the pair rule alone. The order is a
function of the pairs alone (strength, then ids), so the stories do not depend
on the order in which revisions were ingested, and clustering one connected set
of pairs gives what clustering everything gives for that set.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

#: Every pair across a join must share at least this much of its content words.
LINK_FLOOR = 0.2
#: Past this many cross pairs, complete linkage is checked on a fixed sample of members.
MAX_CROSS_PAIRS = 40_000
_SAMPLE = 200


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


@dataclass(frozen=True)
class Node:
    """What clustering needs of a revision: its headline's calendar facts and its sketch."""

    calendar: frozenset[str]
    sketch: np.ndarray  # K 16-bit MinHash values of its content words
    addresses: frozenset[str] = frozenset()  # the article addresses it was seen at


@dataclass(frozen=True)
class Link:
    """A verified pair: how strongly it holds, and whether the texts are one text (near copies,
    or a long document amended), so that their headlines may name other dates or versions."""

    strength: float
    one_text: bool


class _Groups:
    """Disjoint groups of revision ids with their members."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.parent = {rid: rid for rid in ids}
        self.members = {rid: [rid] for rid in self.parent}

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra].extend(self.members.pop(rb))


def cluster(
    docs: dict[str, Node],
    edges: dict[tuple[str, str], Link],
    must: Iterable[tuple[str, str]] = (),
    cannot: Iterable[tuple[str, str]] = (),
) -> list[list[str]]:
    """Partition ``docs`` into stories from verified pairs (``edges``, keyed by sorted ids).

    ``must`` and ``cannot`` are manual merges and splits, as id pairs.
    """
    groups = _Groups(sorted(docs))
    cannot_pairs = {_key(a, b) for a, b in cannot}
    merged_by_hand = {x for pair in must for x in pair}
    for a, b in sorted(_key(a, b) for a, b in must):
        if a in docs and b in docs and not _blocked_by_hand(groups, a, b, cannot_pairs):
            groups.join(a, b)
    order = sorted(edges.items(), key=lambda item: (-item[1].strength, item[0]))
    for (a, b), _ in order:
        if groups.find(a) == groups.find(b):
            continue
        if _blocked_by_hand(groups, a, b, cannot_pairs):
            continue
        if not _merged_by_hand(groups, a, b, merged_by_hand) and not _consistent(groups, a, b, docs, edges):
            continue
        groups.join(a, b)
    return sorted((sorted(m) for m in groups.members.values()), key=lambda m: m[0])


def _merged_by_hand(groups: _Groups, a: str, b: str, merged: set[str]) -> bool:
    """A group that holds a manual merge takes new members by the pair rule alone."""
    if not merged:
        return False
    return any(x in merged for root in (groups.find(a), groups.find(b)) for x in groups.members[root])


def _blocked_by_hand(groups: _Groups, a: str, b: str, cannot: set[tuple[str, str]]) -> bool:
    if not cannot:
        return False
    left, right = groups.members[groups.find(a)], groups.members[groups.find(b)]
    return any(_key(x, y) in cannot for x in left for y in right)


def _consistent(
    groups: _Groups, a: str, b: str, docs: dict[str, Node], edges: dict[tuple[str, str], Link]
) -> bool:
    """Whether the groups of ``a`` and ``b`` may join (see the module docstring)."""
    left, right = groups.members[groups.find(a)], groups.members[groups.find(b)]
    if len(left) * len(right) > MAX_CROSS_PAIRS:  # a fixed sample: the same one every time
        left, right = sorted(left)[:_SAMPLE], sorted(right)[:_SAMPLE]
    left_dated = [x for x in left if docs[x].calendar]
    right_dated = [y for y in right if docs[y].calendar]
    for x in left_dated:
        for y in right_dated:
            if docs[x].calendar != docs[y].calendar:
                evidence = edges.get(_key(x, y))
                if evidence is None or not evidence.one_text:
                    return False
    right_sketches = np.stack([docs[y].sketch for y in right])
    for x in left:
        shared = (right_sketches == docs[x].sketch).mean(axis=1)  # MinHash estimate of word Jaccard
        # a pair verified on its own passes: a stub and the full report it grew into
        # share few of the report's words, and the pair rule has found one in the other;
        # so does a pair seen at one address: a live page that drops its oldest entries
        # shares nothing with itself of a day before, and is one story all the same
        for k in np.flatnonzero(shared < LINK_FLOOR):
            y = right[k]
            if _key(x, y) not in edges and not (docs[x].addresses & docs[y].addresses):
                return False
    return True
