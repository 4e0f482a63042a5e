"""Candidate pairs: revisions that share an LSH band key and pass the sketch prefilter.

Candidates are a symmetric relation, so which pairs are weighed does not depend
on the order revisions arrive in. :class:`LshIndex` holds the band keys of
stored revisions in memory for incremental look-ups.
"""

from __future__ import annotations

import sqlite3

import numpy as np

from revtrack.grouping.sketch import split_blob

#: A band key shared by more revisions than this is noise (boilerplate-only or
#: empty items), not evidence: it makes no candidates. Without the cap, a page of
#: 100,000 near-empty items would make every pair a candidate.
MAX_BUCKET = 1000


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


def _lookup(
    sorted_keys: np.ndarray, owner: np.ndarray, flat: np.ndarray, query_row: np.ndarray
) -> np.ndarray:
    """``(query row, owner)`` for every sorted key equal to a (sorted) query key."""
    lo = np.searchsorted(sorted_keys, flat, "left")
    hi = np.searchsorted(sorted_keys, flat, "right")
    counts = hi - lo
    counts[counts > MAX_BUCKET] = 0  # see MAX_BUCKET
    rows = np.repeat(query_row, counts)
    starts = np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
    return np.stack([rows, owner[starts].astype(np.int64)], axis=1)


class LshIndex:
    """Band keys of stored revisions, in memory, for candidate look-ups.

    Loaded from the revisions' stored sketches and refreshed by rowid inside each
    capture's write transaction, so revisions written by another process count
    too. A large sorted array plus a small unsorted tail keeps appends cheap.

    Compact by design: per revision it keeps 64 band keys cut to 32 bits and 64
    owner positions (512 bytes) and its rowid; ids and the sketch values used by
    the prefilter are read back from the store for candidates only. A million
    revisions take about 520 MB. (A 32-bit key shared by chance makes a spurious
    candidate that the prefilter and verification drop.)
    """

    def __init__(self) -> None:
        self.rowids = np.empty(0, dtype=np.int64)
        self.main_keys = np.empty(0, dtype=np.uint32)
        self.main_owner = np.empty(0, dtype=np.int32)
        self.tail_keys = np.empty(0, dtype=np.uint32)
        self.tail_owner = np.empty(0, dtype=np.int32)
        self.last_rowid = 0

    def __len__(self) -> int:
        return int(self.rowids.size)

    def reset(self) -> None:
        """Forget everything; the next refresh reloads from the store."""
        self.__init__()

    def refresh(self, store, conn: sqlite3.Connection) -> None:
        """Add revisions stored since the last refresh (by any process), a slice at a time."""
        while True:
            rows = store.sketches_after(conn, self.last_rowid, limit=50_000)
            if not rows:
                return
            self.add([rowid for rowid, _, _ in rows], [blob for _, _, blob in rows])
            self.last_rowid = rows[-1][0]

    def add(self, rowids: list[int], blobs: list[bytes]) -> None:
        """Index revisions given their rowids and stored sketch blobs."""
        if not rowids:
            return
        keys = np.stack([split_blob(b)[0] for b in blobs]).astype(np.uint32)  # the low 32 bits
        owners = np.repeat(
            np.arange(self.rowids.size, self.rowids.size + len(rowids), dtype=np.int32), keys.shape[1]
        )
        self.rowids = np.concatenate([self.rowids, np.asarray(rowids, dtype=np.int64)])
        # the tail stays sorted too (two sorted runs: the stable sort merges them in
        # linear time), so a look-up never scans it
        tail_keys = np.concatenate([self.tail_keys, keys.reshape(-1)])
        tail_owner = np.concatenate([self.tail_owner, owners])
        if tail_keys.size > max(65_536, self.main_keys.size // 8):
            tail_keys = np.concatenate([self.main_keys, tail_keys])
            tail_owner = np.concatenate([self.main_owner, tail_owner])
            order = np.argsort(tail_keys, kind="stable")
            self.main_keys, self.main_owner = tail_keys[order], tail_owner[order]
            self.tail_keys = np.empty(0, dtype=np.uint32)
            self.tail_owner = np.empty(0, dtype=np.int32)
        else:
            order = np.argsort(tail_keys, kind="stable")
            self.tail_keys, self.tail_owner = tail_keys[order], tail_owner[order]

    def matches(self, keys: np.ndarray) -> np.ndarray:
        """``(query row, indexed position)`` pairs sharing a band key with ``keys`` rows."""
        n, bands = keys.shape
        flat = keys.reshape(-1).astype(np.uint32)
        # looked up in sorted order: numpy's binary search then starts where the last
        # one ended, which keeps a million revisions' keys (256 MB) in cache: 5x faster
        order = np.argsort(flat, kind="stable")
        flat = flat[order]
        query_row = np.repeat(np.arange(n), bands)[order]
        found = [
            _lookup(sorted_keys, owner, flat, query_row)
            for sorted_keys, owner in ((self.main_keys, self.main_owner), (self.tail_keys, self.tail_owner))
            if sorted_keys.size
        ]
        if not found:
            return np.empty((0, 2), dtype=np.int64)
        pairs = np.concatenate(found)
        return np.unique(pairs, axis=0) if pairs.size else pairs
