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

import gc
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from revtrack.grouping.sketch import (
    BANDS,
    Features,
    K,
    band_keys,
    content_words,
    features,
    jaccard,
    sketch_matrix,
    split_blob,
)

#: Items shorter than this (in words) need a stricter, headline-aware rule.
SHORT_WORDS = 50
#: A band key shared by more revisions than this is noise (boilerplate-only or
#: empty items), not evidence: it makes no candidates. Without the cap, a page of
#: 100,000 near-empty items would make every pair a candidate.
MAX_BUCKET = 1000


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

    def facts() -> float:  # only when the words pass: facts cost more to collect
        return jaccard(a.facts, b.facts) if (a.facts or b.facts) else words

    if min(a.words, b.words) < SHORT_WORDS:
        headline = jaccard(a.headline_words, b.headline_words)
        return words >= 0.6 and headline >= 0.4 and facts() >= 0.5
    if words >= 0.4:
        return facts() >= 0.4 or _grew(a, b)
    return _grew(a, b)


def _grew(a: Features, b: Features) -> bool:
    """One version contains most of the other (a paragraph added or dropped)."""
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

    ``keys`` has one row of band keys per document. Bands are processed one at a
    time, so memory stays proportional to the documents, not documents x bands.

    >>> candidate_pairs(np.array([[1, 2], [3, 2], [5, 6]])).tolist()
    [[0, 1]]
    """
    n, bands = keys.shape
    codes: list[np.ndarray] = []
    for band in range(bands):
        column = keys[:, band]
        doc = np.argsort(column, kind="stable")
        flat = column[doc]
        run = np.cumsum(np.r_[True, flat[1:] != flat[:-1]])  # run id of each position
        length = np.bincount(run)[run]  # length of the run each position sits in
        keep = (length > 1) & (length <= MAX_BUCKET)
        run, doc, length = run[keep], doc[keep], length[keep]
        # documents k apart inside one run of equal keys pair up: one vectorised
        # pass per k, over positions in runs longer than k only (few once k > 1)
        k = 1
        while run.size:
            same = run[:-k] == run[k:]
            a, b = doc[:-k][same], doc[k:][same]
            codes.append(np.minimum(a, b) * n + np.maximum(a, b))
            keep = length > k + 1
            run, doc, length = run[keep], doc[keep], length[keep]
            k += 1
    if not codes:
        return np.empty((0, 2), dtype=np.int64)
    unique = np.unique(np.concatenate(codes))  # one int64 code per pair
    return np.stack([unique // n, unique % n], axis=1)


#: Candidate pairs whose sketches estimate a Jaccard below this are dropped before
#: exact verification (batch path only). Verification needs 0.4 (0.33 for a version
#: that grew to three times its length); at K=256 the estimate's standard deviation
#: is about 0.03, so 0.2 sits four or more deviations below anything that can pass.
PREFILTER_JACCARD = 0.2


def prefilter(sketches: np.ndarray, pairs: np.ndarray, chunk: int = 20_000) -> np.ndarray:
    """Keep the pairs whose sketch rows agree in at least ``PREFILTER_JACCARD`` of bins.

    >>> m = np.array([[1, 2, 3, 4], [1, 2, 3, 9], [5, 6, 7, 8]], dtype=np.uint64)
    >>> prefilter(m, np.array([[0, 1], [0, 2]])).tolist()
    [[0, 1]]
    """
    kept = []
    for start in range(0, len(pairs), chunk):
        part = pairs[start : start + chunk]
        agree = (sketches[part[:, 0]] == sketches[part[:, 1]]).mean(axis=1)  # 16-bit values
        kept.append(part[agree >= PREFILTER_JACCARD])
    return np.concatenate(kept) if kept else pairs


def group_documents(docs: Sequence[tuple[str, str]]) -> list[int]:
    """Group ``(headline, body)`` documents; returns a story label per document.

    Labels are the index of the first document of each story.
    """
    # The batch allocates millions of small acyclic objects; the cyclic collector
    # would re-scan them over and over, so it pauses for the batch.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        # sketch in chunks: word sets and 64-bit sketches never pile up in memory;
        # kept per document are 64 band keys and 256 16-bit values (as in the store)
        chunk = 2048
        keys = np.empty((len(docs), BANDS), dtype=np.int64)
        low = np.empty((len(docs), K), dtype=np.uint16)
        for start in range(0, len(docs), chunk):
            values = sketch_matrix([content_words(h, b) for h, b in docs[start : start + chunk]])
            keys[start : start + chunk] = band_keys(values)
            low[start : start + chunk] = values.astype(np.uint16)
        feats: dict[int, Features] = {}

        def feat(i: int) -> Features:
            if i not in feats:
                feats[i] = features(*docs[i])
            return feats[i]

        uf = UnionFind()
        current = -1
        for i, j in prefilter(low, candidate_pairs(keys)).tolist():
            if i != current:
                # pairs come sorted by i and j > i: document `current` is never seen again
                feats.pop(current, None)
                current = i
            if uf.find(i) != uf.find(j) and verify(feat(i), feat(j)):
                uf.union(i, j)
        roots: dict[object, int] = {}
        return [roots.setdefault(uf.find(i), i) for i in range(len(docs))]
    finally:
        if gc_was_enabled:
            gc.enable()


class LshIndex:
    """Band keys of stored revisions, in memory, for candidate look-ups.

    Loaded from the revisions' stored sketches and refreshed by rowid inside each
    capture's write transaction, so revisions written by another process count
    too. A large sorted array plus a small unsorted tail keeps appends cheap.
    """

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.low = np.empty((0, K), dtype=np.uint16)
        self.main_keys = np.empty(0, dtype=np.int64)
        self.main_owner = np.empty(0, dtype=np.int64)
        self.tail_keys = np.empty(0, dtype=np.int64)
        self.tail_owner = np.empty(0, dtype=np.int64)
        self.last_rowid = 0

    def reset(self) -> None:
        """Forget everything; the next refresh reloads from the store."""
        self.__init__()

    def refresh(self, store, conn: sqlite3.Connection) -> None:
        """Add revisions stored since the last refresh (by any process)."""
        rows = store.sketches_after(conn, self.last_rowid)
        if rows:
            self.add([rid for _, rid, _ in rows], [blob for _, _, blob in rows])
            self.last_rowid = rows[-1][0]

    def add(self, ids: list[str], blobs: list[bytes]) -> None:
        """Index revisions given their stored sketch blobs."""
        if not ids:
            return
        keys = np.stack([split_blob(b)[0] for b in blobs])
        low = np.stack([split_blob(b)[1] for b in blobs])
        owners = np.repeat(np.arange(len(self.ids), len(self.ids) + len(ids)), keys.shape[1])
        self.ids.extend(ids)
        self.low = np.concatenate([self.low, low])
        self.tail_keys = np.concatenate([self.tail_keys, keys.reshape(-1)])
        self.tail_owner = np.concatenate([self.tail_owner, owners])
        if self.tail_keys.size > max(65_536, self.main_keys.size // 8):
            keys_all = np.concatenate([self.main_keys, self.tail_keys])
            owner_all = np.concatenate([self.main_owner, self.tail_owner])
            order = np.argsort(keys_all, kind="stable")
            self.main_keys, self.main_owner = keys_all[order], owner_all[order]
            self.tail_keys = np.empty(0, dtype=np.int64)
            self.tail_owner = np.empty(0, dtype=np.int64)

    def matches(self, keys: np.ndarray) -> np.ndarray:
        """``(query row, indexed revision)`` pairs sharing a band key with ``keys`` rows."""
        n, bands = keys.shape
        flat = keys.reshape(-1)
        query_row = np.repeat(np.arange(n), bands)
        lo = np.searchsorted(self.main_keys, flat, "left")
        hi = np.searchsorted(self.main_keys, flat, "right")
        counts = hi - lo
        counts[counts > MAX_BUCKET] = 0  # see MAX_BUCKET
        rows = np.repeat(query_row, counts)
        starts = np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
        found = [np.stack([rows, self.main_owner[starts]], axis=1)]
        if self.tail_keys.size:
            hit = np.isin(self.tail_keys, flat)
            if hit.any():
                tail_keys, tail_owner = self.tail_keys[hit], self.tail_owner[hit]
                order = np.argsort(flat, kind="stable")
                lo = np.searchsorted(flat[order], tail_keys, "left")
                hi = np.searchsorted(flat[order], tail_keys, "right")
                counts = hi - lo
                idx = np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
                found.append(np.stack([query_row[order][idx], np.repeat(tail_owner, counts)], axis=1))
        pairs = np.concatenate(found)
        return np.unique(pairs, axis=0) if pairs.size else pairs


def assign(store, conn: sqlite3.Connection, index: LshIndex, new: list[tuple[str, bytes]]) -> None:
    """Place newly inserted revisions (id, sketch blob) into stories, merging bridged stories.

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
    # candidates within the batch, and against every stored revision
    inner = candidate_pairs(keys)
    inner = inner[(low[inner[:, 0]] == low[inner[:, 1]]).mean(axis=1) >= PREFILTER_JACCARD]
    outer = index.matches(keys) if index.ids else np.empty((0, 2), dtype=np.int64)
    if outer.size:
        outer = outer[(low[outer[:, 0]] == index.low[outer[:, 1]]).mean(axis=1) >= PREFILTER_JACCARD]
    pairs = [(ids[i], ids[j]) for i, j in inner.tolist()]
    pairs += [(ids[i], index.ids[j]) for i, j in outer.tolist()]
    index.refresh(store, conn)  # now takes in the new revisions (by rowid)
    cache: dict[str, Features | None] = {}

    def feats(rid: str) -> Features | None:
        if rid not in cache:
            text = store.revision_text(conn, rid)  # None: removed since it was indexed (reextract)
            cache[rid] = features(*text) if text is not None else None
        return cache[rid]

    uf = UnionFind()
    for rid in ids:
        uf.find(rid)
    for a, b in pairs:
        if uf.find(a) == uf.find(b):
            continue
        fa, fb = feats(a), feats(b)
        if fa is not None and fb is not None and verify(fa, fb):
            uf.union(a, b)
    components: dict[object, list[str]] = {}
    for rid in uf.parent:
        components.setdefault(uf.find(rid), []).append(rid)
    for members in components.values():
        if len(members) == 1 and members[0] in ids:
            continue  # a new revision alone: it is its own story already
        old_stories = store.stories_of(conn, members)
        story_ids = sorted(set(old_stories.values()) | {m for m in members if m not in old_stories})
        oldest = store.oldest_revision(conn, story_ids)
        store.set_story(conn, members, sorted(set(old_stories.values())), oldest)


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

    Story ids stay stable: a story that keeps its revisions keeps its id; a story
    split in two keeps its id on the part holding its first revision (else its
    largest part), and the other part takes the id of its own oldest revision;
    stories that now merge take the oldest of their ids, the others become aliases.
    """
    rows = store.all_revision_texts(conn)
    report = RegroupReport(revisions=len(rows), stories_before=len({r[1] for r in rows}))
    if not rows:
        return report
    labels = group_documents([(h, b) for _, _, h, b in rows])
    components: dict[int, list[int]] = {}
    for n, label in enumerate(labels):
        components.setdefault(label, []).append(n)
    comps = list(components.values())
    old_of = [r[1] for r in rows]
    holders: dict[str, list[int]] = {}
    for k, members in enumerate(comps):
        for old in dict.fromkeys(old_of[n] for n in members):
            holders.setdefault(old, []).append(k)
    owner: dict[str, int] = {}
    for old, ks in holders.items():
        if len(ks) > 1:
            report.split += 1

        def weight(k: int, old: str = old) -> tuple[bool, int, int]:
            members = comps[k]
            return (any(rows[n][0] == old for n in members), sum(old_of[n] == old for n in members), -k)

        owner[old] = max(ks, key=weight)
    story_of: dict[str, str] = {}
    aliases: dict[str, str] = {}
    for k, members in enumerate(comps):
        owned = sorted(old for old, kk in owner.items() if kk == k)
        ids = [rows[n][0] for n in members]
        if not owned:
            new_id = store.oldest_revision(conn, ids)
        elif len(owned) == 1:
            new_id = owned[0]
        else:
            report.merged += 1
            stored = [o for o in owned if o in set(ids)]  # ids that are still revisions here
            new_id = store.oldest_revision(conn, stored) if stored else owned[0]
            aliases.update({o: new_id for o in owned if o != new_id})
        story_of.update({rid: new_id for rid in ids})
    store.apply_partition(conn, story_of, aliases)
    report.stories_after = len(set(story_of.values()))
    return report
