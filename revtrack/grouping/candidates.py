"""Candidate pairs: revisions that share an LSH band key and pass the sketch prefilter
(those sharing a headline or an address: :mod:`revtrack.grouping.identity`).

Candidates are a symmetric relation, so which pairs are weighed does not depend
on the order revisions arrive in. :class:`LshIndex` holds the band keys of
stored revisions in memory for incremental look-ups.
"""

from __future__ import annotations

import sqlite3

import numpy as np

from revtrack.grouping.sketch import BANDS, KEY_BYTES, split_blob

#: A band key shared by more revisions than this is noise (boilerplate-only or
#: empty items), not evidence: it makes no candidates. Without the cap, a page of
#: 100,000 near-empty items would make every pair a candidate.
MAX_BUCKET = 1000


def candidate_pairs(keys: np.ndarray) -> np.ndarray:
    """Index pairs ``(i, j)``, ``i < j``, of rows sharing at least one band key.

    ``keys`` has one row of band keys per document. Bands are processed one at a
    time, so memory stays proportional to the documents, not documents x bands.

    >>> candidate_pairs(np.array([[1, 2], [3, 2], [5, 6]])).tolist()
    [[0, 1]]
    """
    n, bands = keys.shape
    codes: list[np.ndarray] = []
    if n < 2:  # a capture of one article: nothing to pair within it
        return np.empty((0, 2), dtype=np.int64)
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


def merge_pairs(*parts: np.ndarray) -> np.ndarray:
    """Index pairs of several sources, each once, sorted.

    >>> merge_pairs(np.array([[0, 2], [1, 3]]), np.array([[0, 2], [0, 1]])).tolist()
    [[0, 1], [0, 2], [1, 3]]
    """
    joined = np.concatenate([p.reshape(-1, 2).astype(np.int64) for p in parts])
    return np.unique(joined, axis=0) if joined.size else joined


#: Candidate pairs whose sketches estimate a Jaccard below this are dropped before
#: exact verification (batch path only). Verification needs 0.4 (0.33 for a version
#: that grew to three times its length); at K=256 the estimate's standard deviation
#: is about 0.03, so 0.2 sits four or more deviations below anything that can pass.
PREFILTER_JACCARD = 0.2


def prefilter(
    sketches: np.ndarray, pairs: np.ndarray, chunk: int = 20_000, others: np.ndarray | None = None
) -> np.ndarray:
    """Keep the pairs whose sketch rows agree in at least ``PREFILTER_JACCARD`` of bins.

    A pair's second index is a row of ``others`` when given (stored revisions
    against new ones), else of ``sketches``.

    >>> m = np.array([[1, 2, 3, 4], [1, 2, 3, 9], [5, 6, 7, 8]], dtype=np.uint64)
    >>> prefilter(m, np.array([[0, 1], [0, 2]])).tolist()
    [[0, 1]]
    >>> prefilter(m, np.array([[2, 0], [0, 0]]), others=m[1:]).tolist()
    [[0, 0]]
    """
    right = sketches if others is None else others
    kept = []
    for start in range(0, len(pairs), chunk):
        part = pairs[start : start + chunk]
        agree = (sketches[part[:, 0]] == right[part[:, 1]]).mean(axis=1)  # 16-bit values
        kept.append(part[agree >= PREFILTER_JACCARD])
    return np.concatenate(kept) if kept else pairs


_LOW32 = np.uint64(0xFFFFFFFF)


#: Entries of the index between two entries of its coarse level (see :func:`_lower_bounds`).
COARSE_STRIDE = 64
#: Below this many entries the index is searched in one level.
COARSE_MIN = 1 << 20


def _coarse_level(packed: np.ndarray) -> np.ndarray | None:
    """Every ``COARSE_STRIDE``-th entry (the last of each block), copied: about 7 MB at a
    million revisions, which stays in cache where the 460 MB index does not."""
    if packed.size < COARSE_MIN:
        return None
    return packed[COARSE_STRIDE - 1 :: COARSE_STRIDE].copy()


def _lower_bounds(packed: np.ndarray, probe: np.ndarray, coarse: np.ndarray | None) -> np.ndarray:
    """``np.searchsorted(packed, probe, "left")``, in two levels when ``coarse`` is given.

    The coarse level names each probe's block of ``COARSE_STRIDE`` entries; a
    binary search inside the block, vectorised over all probes, finishes it
    in six steps. A one-level search of a million revisions' index walks most of
    its 26 steps through memory that is not in cache.
    """
    if coarse is None:
        return np.searchsorted(packed, probe, "left")
    block = np.searchsorted(coarse, probe, "left")
    lo = block * COARSE_STRIDE
    # the answer is in [lo, hi]: the block's last entry is >= probe (or the block is the short last one)
    hi = np.minimum(lo + COARSE_STRIDE - 1, packed.size)
    active = np.flatnonzero(lo < hi)
    while active.size:
        a_lo, a_hi = lo[active], hi[active]
        mid = (a_lo + a_hi) >> 1
        below = packed[mid] < probe[active]
        lo[active] = np.where(below, mid + 1, a_lo)
        hi[active] = np.where(below, a_hi, mid)
        active = active[lo[active] < hi[active]]
    return lo


#: Run lengths are counted entry by entry this far; longer runs are rare (a key
#: shared by many revisions) and are measured by one more binary search.
_SHORT_RUN = 16


def _run_lengths(packed: np.ndarray, probe: np.ndarray, lo: np.ndarray) -> np.ndarray:
    """How many entries from ``lo`` on carry each probe's key (``hi - lo`` of a second search).

    Most probes match nothing and most matches are one or two entries, so they
    are counted by stepping, not by a second binary search of the whole index.
    """
    counts = np.zeros(lo.size, dtype=np.int64)
    key_of = probe >> np.uint64(32)
    live = np.flatnonzero(lo < packed.size)
    for step in range(_SHORT_RUN):
        at = lo[live] + step
        inside = at < packed.size
        live, at = live[inside], at[inside]
        live = live[(packed[at] >> np.uint64(32)) == key_of[live]]
        if not live.size:
            return counts
        counts[live] += 1
    hi = np.searchsorted(packed, probe[live] | _LOW32, "right")
    counts[live] = hi - lo[live]
    return counts


def _lookup(
    packed: np.ndarray, flat: np.ndarray, query_row: np.ndarray, coarse: np.ndarray | None = None
) -> np.ndarray:
    """``(query row, owner)`` for every packed entry whose key equals a (sorted) query key."""
    probe = flat.astype(np.uint64) << np.uint64(32)
    lo = _lower_bounds(packed, probe, coarse)
    counts = _run_lengths(packed, probe, lo)
    counts[counts > MAX_BUCKET] = 0  # see MAX_BUCKET
    rows = np.repeat(query_row, counts)
    starts = np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
    return np.stack([rows, (packed[starts] & _LOW32).astype(np.int64)], axis=1)


class LshIndex:
    """Band keys of stored revisions, in memory, for candidate look-ups.

    Loaded from the revisions' stored sketches and refreshed by rowid inside each
    capture's write transaction, so revisions written by another process count
    too. A large sorted array plus a small sorted tail keeps appends cheap.

    Compact by design: each entry packs a band key cut to 32 bits above the
    32-bit position of its revision in one uint64, so sorting needs no index
    array and both arrays sort in place. Per revision: 64 entries (512 bytes)
    and its rowid; ids and the sketch values used by the prefilter are read back
    from the store for candidates only. A million revisions take about 520 MB,
    and a merge at most as much again. (A 32-bit key shared by chance makes a
    spurious candidate that the prefilter and verification drop.)
    """

    def __init__(self) -> None:
        self.rowids = np.empty(0, dtype=np.int64)
        self.main = np.empty(0, dtype=np.uint64)
        self.coarse: np.ndarray | None = None  # the main array's coarse level (see _lower_bounds)
        self.tail = np.empty(0, dtype=np.uint64)
        self.last_rowid = 0

    def __len__(self) -> int:
        return int(self.rowids.size)

    def reset(self) -> None:
        """Forget everything; the next refresh reloads from the store."""
        self.__init__()

    def refresh(self, store, conn: sqlite3.Connection) -> None:
        """Add revisions stored since the last refresh (by any process), a slice at a time.

        The entries go straight into one array of the right size, sorted in place:
        loading a store of a million revisions needs the index once, not three times.
        """
        bound = store.sketch_bound_after(conn, self.last_rowid)
        if not bound:
            return
        entries = np.empty(bound * BANDS, dtype=np.uint64)
        filled = 0
        while filled < entries.size:
            limit = min(50_000, (entries.size - filled) // BANDS)
            rowids, keys = store.band_keys_after(conn, self.last_rowid, limit, KEY_BYTES)
            if not rowids:
                break
            part = self._packed(rowids, np.frombuffer(keys, dtype=np.int64).reshape(len(rowids), BANDS))
            entries[filled : filled + part.size] = part
            filled += part.size
            self.last_rowid = rowids[-1]
        if filled < entries.size:  # deleted revisions left gaps in the rowids
            entries = entries[:filled].copy()  # the index must not pin the larger buffer
        self._settle([entries])

    def add(self, rowids: list[int], blobs: list[bytes]) -> None:
        """Index revisions given their rowids and stored sketch blobs."""
        if rowids:
            self._settle([self._entries(rowids, blobs)])

    def _entries(self, rowids: list[int], blobs: list[bytes]) -> np.ndarray:
        """Packed entries of new revisions from their stored sketch blobs."""
        return self._packed(rowids, np.stack([split_blob(b)[0] for b in blobs]))

    def _packed(self, rowids: list[int], keys: np.ndarray) -> np.ndarray:
        """Packed entries of new revisions (their positions follow the indexed ones)."""
        first = self.rowids.size
        self.rowids = np.concatenate([self.rowids, np.asarray(rowids, dtype=np.int64)])
        owners = np.arange(first, first + len(rowids), dtype=np.uint64)[:, None]
        # shifting up by 32 keeps each band key's low 32 bits without a conversion copy
        # (a million revisions hold 64 million keys)
        return ((keys.view(np.uint64) << np.uint64(32)) | owners).reshape(-1)

    def _settle(self, pending: list[np.ndarray]) -> None:
        """Sort new entries into the tail; fold the tail into the main array when it grows."""
        if not pending:
            return
        new = pending[0] if len(pending) == 1 else np.concatenate(pending)
        new.sort()  # in place: the caller's fresh array
        if not self.main.size and not self.tail.size and new.size > 65_536:
            self.main = new  # a store loaded at start: no copy
            self.coarse = _coarse_level(new)
            return
        if 8 * new.size < self.tail.size:
            # a capture's few entries into a long tail: inserted where they sort
            # (one copy of the tail) rather than sorting it all again
            tail = np.insert(self.tail, np.searchsorted(self.tail, new), new)
        else:
            tail = np.concatenate([self.tail, new])
            tail.sort()
        if tail.size > max(65_536, self.main.size // 8):
            self.tail = np.empty(0, dtype=np.uint64)
            main = np.concatenate([self.main, tail])
            del tail
            self.main, self.coarse = np.empty(0, dtype=np.uint64), None  # the old array is freed first
            main.sort()
            self.main, self.coarse = main, _coarse_level(main)
        else:
            self.tail = tail

    def matches(self, keys: np.ndarray) -> np.ndarray:
        """``(query row, indexed position)`` pairs sharing a band key with ``keys`` rows."""
        n, bands = keys.shape
        flat = keys.reshape(-1).astype(np.uint32)
        # looked up in sorted order: numpy's binary search then starts where the last
        # one ended, which keeps the part of a million revisions' keys (512 MB) it reads in cache
        order = np.argsort(flat, kind="stable")
        flat = flat[order]
        query_row = np.repeat(np.arange(n), bands)[order]
        found = [
            _lookup(packed, flat, query_row, coarse)
            for packed, coarse in ((self.main, self.coarse), (self.tail, None))
            if packed.size
        ]
        if not found:
            return np.empty((0, 2), dtype=np.int64)
        pairs = np.concatenate(found)
        if not pairs.size:
            return pairs
        # unique rows through one int64 code per pair: np.unique(axis=0) sorts
        # structured rows, several times slower
        span = int(pairs[:, 1].max()) + 1
        codes = np.unique(pairs[:, 0] * span + pairs[:, 1])
        return np.stack([codes // span, codes % span], axis=1)
