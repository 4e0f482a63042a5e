"""Stories: candidates weighed, verified pairs kept, then clustered without chaining.

Three entry points share one rule (:func:`~revtrack.grouping.evidence.weigh`
for pairs, :func:`~revtrack.grouping.cluster.cluster` for stories):

* :func:`group_documents` groups an in-memory list (benchmarks, tests, page diffs);
* :func:`assign` places newly stored revisions into stories incrementally;
* :func:`regroup` recomputes every story from the stored revisions.

Verified pairs are stored (``story_edges``). A story never spans two connected
sets of verified pairs, so :func:`assign` re-clusters only the connected set the
new revisions joined, and gets what :func:`regroup` would get for it: the
stories do not depend on ingest order. A story's id is the id of its oldest
revision (published time, then first capture time, then id); an id stays with
the part of a story that holds its first revision, and merged stories' ids stay
as aliases. Manual merges and splits (``story_overrides``) are honoured by all three.
"""

from __future__ import annotations

import gc
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from revtrack.grouping.candidates import LshIndex, UnionFind, candidate_pairs, prefilter
from revtrack.grouping.cluster import Link, Node, cluster
from revtrack.grouping.evidence import Doc, Evidence, calendar_facts, make_doc, weigh
from revtrack.grouping.sketch import (
    BANDS,
    KEY_BYTES,
    Features,
    K,
    band_keys,
    content_words,
    sketch_matrix,
    split_blob,
)


def verify(a: Features, b: Features) -> bool:
    """The word-and-fact rule alone (no order or calendar evidence): kept for callers of old."""
    from revtrack.grouping.evidence import verify_words

    return verify_words(a, b)[0]


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


# ------------------------------------------------------------------ in memory


def group_documents(docs: Sequence[tuple[str, str]], times: Sequence[str | None] | None = None) -> list[int]:
    """Group ``(headline, body)`` documents; returns a story label per document.

    Labels are the index of the first document of each story. ``times`` (ISO,
    one per document) lets the time evidence count.
    """
    gc_was_enabled = gc.isenabled()
    gc.disable()  # millions of small acyclic objects: the cyclic collector would rescan them
    try:
        chunk = 2048
        keys = np.empty((len(docs), BANDS), dtype=np.int64)
        low = np.empty((len(docs), K), dtype=np.uint16)
        for start in range(0, len(docs), chunk):
            values = sketch_matrix([content_words(h, b) for h, b in docs[start : start + chunk]])
            keys[start : start + chunk] = band_keys(values)
            low[start : start + chunk] = values.astype(np.uint16)
        cache: dict[int, Doc] = {}
        edges: dict[tuple[int, int], Evidence] = {}
        current = -1
        for i, j in prefilter(low, candidate_pairs(keys)).tolist():
            if i != current:  # pairs come sorted by i, with j > i: document `current` is done
                cache.pop(current, None)
                current = i
            for k in (i, j):
                if k not in cache:
                    cache[k] = make_doc(*docs[k], times[k] if times is not None else None)
            evidence = weigh(cache[i], cache[j])
            if evidence.same:
                edges[(i, j)] = evidence
        labels = list(range(len(docs)))
        by_component: dict[int, dict[tuple[str, str], Link]] = {}
        components = _components(len(docs), edges)
        root_of = {m: n for n, members in enumerate(components) for m in members}
        for (i, j), evidence in edges.items():
            by_component.setdefault(root_of[i], {})[(_name(i), _name(j))] = Link(
                evidence.strength, evidence.near_copy
            )
        for n, members in enumerate(components):
            if len(members) == 1:
                continue
            nodes = {_name(m): Node(calendar_facts(docs[m][0]), low[m]) for m in members}
            for group in cluster(nodes, by_component.get(n, {})):
                first = min(int(k) for k in group)
                for k in group:
                    labels[int(k)] = first
        return labels
    finally:
        if gc_was_enabled:
            gc.enable()


def _name(i: int) -> str:
    """A document index as an id that sorts like the index."""
    return str(i).zfill(12)


def _components(n: int, edges: Iterable[tuple[int, int]]) -> list[list[int]]:
    uf = UnionFind()
    for i in range(n):
        uf.find(i)
    for i, j in edges:
        uf.union(i, j)
    out: dict[object, list[int]] = {}
    for i in range(n):
        out.setdefault(uf.find(i), []).append(i)
    return list(out.values())


# ------------------------------------------------------------------ in the store


def _docs(store, conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, Doc]:
    out: dict[str, Doc] = {}
    for rid, (headline, body, when) in store.revisions_for_grouping(conn, list(ids)).items():
        out[rid] = make_doc(headline, body, when)  # ids no longer stored are left out (reextract)
    return out


#: Pairs whose missing documents are read together (one query instead of one each).
PREFETCH_PAIRS = 64


def _verified(
    store, conn: sqlite3.Connection, pairs: Iterable[tuple[str, str]]
) -> list[tuple[str, str, float, bool]]:
    """The pairs that are versions of one story, weighed with a bounded cache of documents.

    Pairs are taken in order of their first id, and a document is dropped once no
    later pair needs it, so memory follows the pairs in flight, not the batch.
    """
    ordered = sorted(pairs)
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
            cache.update(_docs(store, conn, list(ahead)))
        if a in cache and b in cache:
            evidence = weigh(cache[a], cache[b])
            if evidence.same:
                verified.append((a, b, evidence.strength, evidence.near_copy))
        for x in (a, b):
            if last_use[x] == n:
                cache.pop(x, None)
    return verified


def _nodes(store, conn: sqlite3.Connection, ids: list[str]) -> dict[str, Node]:
    out = {}
    for rid, (headline, blob) in store.grouping_nodes(conn, ids).items():
        out[rid] = Node(calendar_facts(headline), split_blob(blob)[1])
    return out


def _cluster_component(store, conn: sqlite3.Connection, component: list[str]) -> list[list[str]]:
    """Stories of one connected set of verified pairs, from stored pairs and sketches alone."""
    nodes = _nodes(store, conn, component)
    links = {
        _key(a, b): Link(strength, near)
        for a, b, strength, near in store.edges_within(conn, component)
        if a in nodes and b in nodes
    }
    must, cannot = store.overrides_within(conn, component)
    return cluster(nodes, links, must, cannot)


def recluster(store, conn: sqlite3.Connection, seeds: Iterable[str]) -> None:
    """Re-cluster the connected set of verified pairs (and manual merges) holding ``seeds``."""
    component = store.edge_component(conn, list(seeds))
    if component:
        apply_groups(store, conn, _cluster_component(store, conn, component))


def assign(store, conn: sqlite3.Connection, index: LshIndex, new: list[tuple[str, bytes]]) -> None:
    """Place newly inserted revisions (id, sketch blob) into stories.

    Runs inside the caller's transaction (the capture's), so a failed ingest
    leaves the grouping as it was. ``index`` must have been refreshed in the same
    transaction *before* the new revisions were inserted; it takes them in here,
    so a caller whose transaction rolls back must :meth:`LshIndex.reset` it.
    """
    if not new:
        return
    ids = [rid for rid, _ in new]
    keys = np.stack([split_blob(blob)[0] for _, blob in new])
    low = np.stack([split_blob(blob)[1] for _, blob in new])
    pairs = {_key(ids[i], ids[j]) for i, j in prefilter(low, candidate_pairs(keys)).tolist()}
    outer = index.matches(keys) if len(index) else np.empty((0, 2), dtype=np.int64)
    if outer.size:
        pairs.update(_stored_candidates(store, conn, ids, low, index.rowids[outer[:, 1]], outer[:, 0]))
    index.refresh(store, conn)  # now takes in the new revisions (by rowid)
    verified = _verified(store, conn, pairs)
    store.add_edges(conn, verified)
    # a new revision with no verified pair is a story of its own already: only the
    # connected sets that gained pairs are clustered again
    touched = sorted({x for a, b, _, _ in verified for x in (a, b)})
    if touched:
        recluster(store, conn, touched)


def _stored_candidates(
    store, conn: sqlite3.Connection, ids: list[str], low: np.ndarray, rowids: np.ndarray, rows: np.ndarray
) -> set[tuple[str, str]]:
    """Pairs of a new revision (``rows``) and a stored one (``rowids``) that pass the prefilter.

    The stored revisions' ids and sketch values are read for candidates only, and
    compared all at once: at 100,000 articles there are about 40 band matches per
    new revision, and a Python step each cost a sixth of the ingest.
    """
    # np.unique sorts, and the parts are read in rowid order: `known` stays sorted
    found_rowids, stored_ids, values = store.sketch_values_of_rowids(
        conn, np.unique(rowids).tolist(), KEY_BYTES
    )
    if not found_rowids:
        return set()
    known = np.array(found_rowids, dtype=rowids.dtype)
    stored_low = np.frombuffer(values, dtype=np.uint16).reshape(len(found_rowids), K)
    at = np.minimum(np.searchsorted(known, rowids), known.size - 1)
    found = known[at] == rowids  # a rowid no longer stored (re-extracted) is left out
    candidates = np.stack([rows[found], at[found]], axis=1)
    kept = prefilter(low, candidates, others=stored_low).tolist()
    return {_key(ids[i], stored_ids[j]) for i, j in kept if stored_ids[j] != ids[i]}


@dataclass
class RegroupReport:
    """What a full regrouping changed."""

    revisions: int = 0
    stories_before: int = 0
    stories_after: int = 0
    split: int = 0  # stories whose revisions now sit in more than one story
    merged: int = 0  # stories that now hold revisions of more than one former story


def regroup(store, conn: sqlite3.Connection) -> RegroupReport:
    """Recompute every story from the stored revisions, inside the caller's transaction.

    Every candidate pair is weighed again (the rule may have changed since they
    were stored); manual merges and splits are kept.
    """
    before = store.story_of_all(conn)
    report = RegroupReport(revisions=len(before), stories_before=len(set(before.values())))
    rows = store.sketches_after(conn, 0)
    ids = [rid for _, rid, _ in rows]
    store.clear_edges(conn)
    if ids:
        keys = np.stack([split_blob(blob)[0] for _, _, blob in rows])
        low = np.stack([split_blob(blob)[1] for _, _, blob in rows])
        candidates = prefilter(low, candidate_pairs(keys)).tolist()
        store.add_edges(conn, _verified(store, conn, (_key(ids[i], ids[j]) for i, j in candidates)))
    groups = []
    done: set[str] = set()
    for rid in ids:
        if rid in done:
            continue
        if not store.has_edges(conn, rid):
            groups.append([rid])
            done.add(rid)
            continue
        component = store.edge_component(conn, [rid])
        done.update(component)
        groups.extend(_cluster_component(store, conn, component))
    report.split, report.merged = apply_groups(store, conn, groups)
    report.stories_after = len(groups)
    return report


def apply_groups(store, conn: sqlite3.Connection, groups: list[list[str]]) -> tuple[int, int]:
    """Write groups as stories; returns ``(stories split, stories merged)``.

    A story's id is its oldest revision's id, a function of its members alone
    (so ingest order never shows). An old id that no longer names a story
    becomes an alias of the story holding its first revision (else the largest
    share of its revisions), so links to it keep working.
    """
    ids = [rid for group in groups for rid in group]
    old_of = store.stories_of(conn, ids)
    new_ids = [store.oldest_revision(conn, members) for members in groups]
    holders: dict[str, list[int]] = {}
    for k, members in enumerate(groups):
        for old in dict.fromkeys(old_of[m] for m in members if m in old_of):
            holders.setdefault(old, []).append(k)
    split = sum(1 for ks in holders.values() if len(ks) > 1)
    # a group holding members of more than one former story (counted per group, not
    # by testing every group against every former story: that was quadratic)
    held = Counter(k for ks in holders.values() for k in ks)
    merged = sum(1 for count in held.values() if count > 1)
    aliases: dict[str, str] = {}
    live = set(new_ids)
    for old, ks in holders.items():
        if old in live:
            continue
        owner = max(
            ks, key=lambda k, old=old: (old in groups[k], sum(old_of.get(m) == old for m in groups[k]), -k)
        )
        aliases[old] = new_ids[owner]
    story_of = {rid: new_ids[k] for k, members in enumerate(groups) for rid in members}
    changed = {rid: sid for rid, sid in story_of.items() if old_of.get(rid) != sid}
    if changed or aliases:
        store.apply_partition(conn, changed, aliases)
    return split, merged
