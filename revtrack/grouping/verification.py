"""Weighing stored candidate pairs with a bounded cache of documents.

Verification reads each revision's text from the store and turns it into a
:class:`~revtrack.grouping.evidence.Doc` (tokens, 5-word runs, facts): the
dearest step of grouping. Pairs are taken one connected set at a time, so the
pairs that need a document sit next to each other: it is made once and dropped
after its last pair. In order of ids alone, a document's first and last pair lie
far apart, and either every document stays in memory or it is made again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from revtrack.grouping.docs import Doc, make_docs
from revtrack.grouping.evidence import weigh
from revtrack.grouping.unionfind import UnionFind

#: Pairs whose missing documents are read together (one query instead of one each).
PREFETCH_PAIRS = 64
#: At most this many documents are kept at once (about 20 KB each). A connected
#: set larger than that (chained templates) then makes some documents twice.
MAX_CACHED_DOCS = 4096


def read_docs(store, conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, Doc]:
    """Verification's view of these stored revisions (ids no longer stored are left out)."""
    rows = store.revisions_for_grouping(conn, list(ids))
    return dict(zip(rows, make_docs(list(rows.values())), strict=True))


def component_order(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Pairs set by connected set (in order of each set's first pair), each set's pairs sorted.

    >>> component_order([("c", "d"), ("a", "x"), ("b", "c"), ("a", "b")])
    [('a', 'b'), ('a', 'x'), ('b', 'c'), ('c', 'd')]
    >>> component_order([("c", "d"), ("a", "x")])
    [('a', 'x'), ('c', 'd')]
    """
    ordered = sorted(set(pairs))
    sets = UnionFind()
    for a, b in ordered:
        sets.union(a, b)
    by_set: dict[object, list[tuple[str, str]]] = {}
    for pair in ordered:
        by_set.setdefault(sets.find(pair[0]), []).append(pair)
    return [pair for members in by_set.values() for pair in members]


def verified_pairs(
    store, conn: sqlite3.Connection, pairs: Iterable[tuple[str, str]]
) -> list[tuple[str, str, float, bool]]:
    """``(a, b, strength, one text)`` for the pairs that are versions of one story."""
    ordered = component_order(pairs)
    last_use: dict[str, int] = {}
    for n, (a, b) in enumerate(ordered):
        last_use[a] = last_use[b] = n
    cache: dict[str, Doc] = {}
    verified = []
    for n, (a, b) in enumerate(ordered):
        if a not in cache or b not in cache:
            # read ahead: this pair's documents and those of the next pairs, in one query
            ahead = dict.fromkeys(
                x for pair in ordered[n : n + PREFETCH_PAIRS] for x in pair if x not in cache
            )
            cache.update(read_docs(store, conn, list(ahead)))
        if a in cache and b in cache:
            evidence = weigh(cache[a], cache[b])
            if evidence.same:
                verified.append((a, b, evidence.strength, evidence.one_text))
        for x in (a, b):
            if last_use[x] == n:
                cache.pop(x, None)
        if len(cache) > MAX_CACHED_DOCS:
            cache.clear()  # memory over speed: what is needed again is read again
    return verified
