"""Stories: candidates weighed, verified pairs kept, then clustered without chaining.

Three entry points share one rule (:func:`~revtrack.grouping.evidence.weigh`
for pairs, :func:`~revtrack.grouping.cluster.cluster` for stories):

* :func:`group_documents` groups an in-memory list (benchmarks, tests, page diffs);
* :func:`~revtrack.grouping.incremental.assign` places newly stored revisions
  into stories incrementally (:mod:`~revtrack.grouping.incremental`);
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

from revtrack.grouping.candidates import MAX_BUCKET, candidate_pairs, merge_pairs, prefilter
from revtrack.grouping.cluster import Link, Node, cluster
from revtrack.grouping.docs import Doc, calendar_facts, make_docs
from revtrack.grouping.evidence import Evidence, weigh
from revtrack.grouping.fingerprint import inner_opening_keys, value_key
from revtrack.grouping.identity import (
    contained,
    inside_pairs,
    is_article_address,
    same_value_pairs,
    stored_value_pairs,
)
from revtrack.grouping.openings import opening_words
from revtrack.grouping.sketch import BANDS, K, band_keys, document_sketches, split_blob
from revtrack.grouping.unionfind import UnionFind
from revtrack.grouping.verification import verified_pairs


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


# ------------------------------------------------------------------ in memory


def group_documents(
    docs: Sequence[tuple[str, str]],
    times: Sequence[str | None] | None = None,
    addresses: Sequence[str | None] | None = None,
) -> list[int]:
    """Group ``(headline, body)`` documents; returns a story label per document.

    Labels are the index of the first document of each story. ``times`` (ISO,
    one per document) lets the time evidence count; ``addresses`` (the URL each
    was captured from, or None) makes documents of one address candidates, as
    a store's sightings do.
    """
    gc_was_enabled = gc.isenabled()
    gc.disable()  # millions of small acyclic objects: the cyclic collector would rescan them
    try:
        chunk = 2048
        keys = np.empty((len(docs), BANDS), dtype=np.int64)
        low = np.empty((len(docs), K), dtype=np.uint16)
        words = np.empty(len(docs), dtype=np.int64)
        for start in range(0, len(docs), chunk):
            values, words[start : start + chunk] = document_sketches(docs[start : start + chunk])
            keys[start : start + chunk] = band_keys(values)
            low[start : start + chunk] = values.astype(np.uint16)
        article = [a if a and is_article_address(a) else None for a in addresses or [None] * len(docs)]
        seen_at = [frozenset([a]) if a else frozenset() for a in article]
        valued = merge_pairs(same_value_pairs([h for h, _ in docs]), same_value_pairs(article))
        openings = [opening_words(b) for _, b in docs]
        valued = merge_pairs(valued, same_value_pairs(openings))
        opening_keys = [value_key(words) if words is not None else None for words in openings]
        valued = merge_pairs(valued, inside_pairs(opening_keys, [inner_opening_keys(b) for _, b in docs]))
        pairs = merge_pairs(prefilter(low, candidate_pairs(keys)), contained(low, words, valued)).tolist()
        cache: dict[int, Doc] = {}
        calendars: dict[int, frozenset[str]] = {}  # kept for clustering, once the documents are dropped
        edges: dict[tuple[int, int], Evidence] = {}
        current = -1
        for n, (i, j) in enumerate(pairs):
            if i != current:  # pairs come sorted by i, with j > i: document `current` is done
                cache.pop(current, None)
                current = i
            if i not in cache or j not in cache:
                # made in batches: this pair's documents and those of the next pairs
                ahead = [k for pair in pairs[n : n + _MAKE_AHEAD] for k in pair if k not in cache]
                ahead = list(dict.fromkeys(ahead))
                made = make_docs(
                    [(*docs[k], times[k] if times is not None else None, seen_at[k]) for k in ahead]
                )
                cache.update(zip(ahead, made, strict=True))
                calendars.update((k, doc.calendar) for k, doc in zip(ahead, made, strict=True))
            evidence = weigh(cache[i], cache[j])
            if evidence.same:
                edges[(i, j)] = evidence
        labels = list(range(len(docs)))
        by_component: dict[int, dict[tuple[str, str], Link]] = {}
        components = _components(len(docs), edges)
        root_of = {m: n for n, members in enumerate(components) for m in members}
        for (i, j), evidence in edges.items():
            by_component.setdefault(root_of[i], {})[(_name(i), _name(j))] = Link(
                evidence.strength, evidence.one_text
            )
        for n, members in enumerate(components):
            if len(members) == 1:
                continue
            nodes = {_name(m): Node(calendars[m], low[m], seen_at[m]) for m in members}
            for group in cluster(nodes, by_component.get(n, {})):
                first = min(int(k) for k in group)
                for k in group:
                    labels[int(k)] = first
        return labels
    finally:
        if gc_was_enabled:
            gc.enable()


#: Candidate pairs whose documents are made together (one vectorised pass for all).
_MAKE_AHEAD = 256


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


def _nodes(store, conn: sqlite3.Connection, ids: list[str]) -> dict[str, Node]:
    out = {}
    seen_at = store.addresses_of_many(conn, ids)
    for rid, (headline, blob) in store.grouping_nodes(conn, ids).items():
        article = frozenset(url for url in seen_at.get(rid, ()) if is_article_address(url))
        out[rid] = Node(calendar_facts(headline), split_blob(blob)[1], article)
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
    ids, keys, low = _stored_sketches(store, conn)
    store.clear_edges(conn)
    if ids:
        candidates = prefilter(low, candidate_pairs(keys)).tolist()
        pairs = {_key(ids[i], ids[j]) for i, j in candidates}
        groups = store.same_headline_groups(conn, None, MAX_BUCKET) + store.same_address_groups(
            conn, None, MAX_BUCKET
        )
        groups += store.same_opening_groups(conn, None, MAX_BUCKET)
        groups += store.inside_opening_groups(conn, None, MAX_BUCKET)
        pairs |= stored_value_pairs(store, conn, groups, None, pairs)
        store.add_edges(conn, verified_pairs(store, conn, pairs))
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


def _stored_sketches(store, conn: sqlite3.Connection) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Ids, band keys and 16-bit values of every stored sketch, in stored order.

    Read a slice at a time into arrays of the right size: a million sketches held
    as one bytes object each (with their rows) took about 1.2 GB more.
    """
    bound = store.sketch_bound_after(conn, 0)
    keys = np.empty((bound, BANDS), dtype=np.int64)
    low = np.empty((bound, K), dtype=np.uint16)
    ids: list[str] = []
    last = 0
    while rows := store.sketches_after(conn, last, 50_000):
        for n, (_, _, blob) in enumerate(rows, len(ids)):
            keys[n], low[n] = split_blob(blob)
        ids.extend(rid for _, rid, _ in rows)
        last = rows[-1][0]
    return ids, keys[: len(ids)], low[: len(ids)]


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
