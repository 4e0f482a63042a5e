"""Story grouping: LSH candidates, verification of every candidate, union-find.

Two entry points share one verification rule:

* :func:`group_documents` groups an in-memory list (benchmarks, tests, batch use);
* :func:`assign` places newly stored revisions into stories incrementally.

The partition does not depend on ingest order: candidates are the pairs that
share an LSH band key (a symmetric relation), each is verified by a symmetric
rule, and stories are the connected components. A story's id is the id of its
oldest revision (published time, then first capture time, then id); when a story
is merged into another or gets an older revision, its old id stays as an alias.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

import numpy as np

from revtrack.sketch import Features, band_keys, features, jaccard, sketch_values

#: Items shorter than this (in words) need a stricter, headline-aware rule.
SHORT_WORDS = 50


def _containment(a: frozenset[str], b: frozenset[str]) -> float:
    small = min(len(a), len(b))
    return len(a & b) / small if small else 1.0


def verify(a: Features, b: Features) -> bool:
    """True when two revisions are versions of one story.

    Body words must overlap and so must the facts (numbers and names): templated
    stories share their words but not their facts; stories sharing a quote share
    neither broadly. A version that grew or shrank a lot is caught by containment.

    >>> f = features("Lee, Trump to meet", "Lee Jae Myung and Donald Trump meet in Washington on Aug. 25 "
    ...              "to discuss tariffs, troops and the alliance, officials in Seoul said Tuesday.")
    >>> verify(f, f)
    True
    """
    words = jaccard(a.content_words, b.content_words)
    facts = jaccard(a.facts, b.facts) if (a.facts or b.facts) else words
    if min(a.words, b.words) < SHORT_WORDS:
        headline = jaccard(a.headline_words, b.headline_words)
        return words >= 0.6 and facts >= 0.5 and headline >= 0.4
    if words >= 0.4 and facts >= 0.4:
        return True
    return _containment(a.content_words, b.content_words) >= 0.8 and _containment(a.facts, b.facts) >= 0.7


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


def candidate_pairs(keys: np.ndarray) -> np.ndarray:
    """Index pairs ``(i, j)``, ``i < j``, of rows sharing at least one band key.

    ``keys`` has one row of band keys per document.

    >>> candidate_pairs(np.array([[1, 2], [3, 2], [5, 6]])).tolist()
    [[0, 1]]
    """
    n, bands = keys.shape
    flat = keys.reshape(-1)
    doc = np.repeat(np.arange(n), bands)
    order = np.lexsort((doc, flat))
    flat, doc = flat[order], doc[order]
    pairs: set[tuple[int, int]] = set()
    # boundaries of runs of equal keys; only runs longer than one make pairs
    starts = np.flatnonzero(np.r_[True, flat[1:] != flat[:-1]])
    ends = np.r_[starts[1:], flat.size]
    for s, e in zip(starts[ends - starts > 1], ends[ends - starts > 1], strict=True):
        members = np.unique(doc[s:e])
        for x in range(members.size):
            for y in range(x + 1, members.size):
                pairs.add((int(members[x]), int(members[y])))
    return np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)


def group_documents(docs: Sequence[tuple[str, str]]) -> list[int]:
    """Group ``(headline, body)`` documents; returns a story label per document.

    Labels are the index of the first document of each story.
    """
    feats = [features(h, b) for h, b in docs]
    keys = np.stack([band_keys(sketch_values(f.content_words)) for f in feats]) if feats else None
    uf = UnionFind()
    if keys is not None:
        for i, j in candidate_pairs(keys):
            if verify(feats[i], feats[j]):
                uf.union(int(i), int(j))
    roots: dict[object, int] = {}
    return [roots.setdefault(uf.find(i), i) for i in range(len(docs))]


def assign(store, conn: sqlite3.Connection, new_ids: list[str]) -> None:
    """Place newly inserted revisions into stories, merging stories they bridge.

    Runs inside the caller's transaction (the capture's), so a failed ingest
    leaves the grouping as it was.
    """
    if not new_ids:
        return
    keys = store.band_keys(conn, new_ids)
    ids = list(keys)
    # within the batch: vectorised; against stored revisions: an indexed join
    matches = []
    if ids:
        pairs = candidate_pairs(np.stack([keys[i] for i in ids]))
        matches = [(ids[i], ids[j]) for i, j in pairs]
    matches += store.band_matches(conn, keys)
    store.insert_bands(conn, keys)
    cache: dict[str, Features] = {}

    def feats(rid: str) -> Features:
        if rid not in cache:
            headline, body = store.revision_text(conn, rid)
            cache[rid] = features(headline, body)
        return cache[rid]

    uf = UnionFind()
    for rid in new_ids:
        uf.find(rid)
    for a, b in matches:
        if uf.find(a) != uf.find(b) and verify(feats(a), feats(b)):
            uf.union(a, b)
    components: dict[object, list[str]] = {}
    for rid in uf.parent:
        components.setdefault(uf.find(rid), []).append(rid)
    for members in components.values():
        old_stories = store.stories_of(conn, members)
        story_ids = sorted(set(old_stories.values()) | {m for m in members if m not in old_stories})
        oldest = store.oldest_revision(conn, story_ids)
        store.set_story(conn, members, sorted(set(old_stories.values())), oldest)
