"""Placing newly stored revisions into stories, inside the capture's transaction.

Candidates are found as revisions arrive (a JSON Lines capture arrives in
slices), against the LSH index of what is stored and within the new revisions.
The pairs are weighed and the touched stories clustered once, when the capture
ends (:meth:`Assignment.finish`): a stored revision that pairs with new ones in
many slices is then read and tokenized once, not once a slice, and each
connected set is clustered once. Weighing and clustering are functions of the
pairs alone, so the stories are the ones slice-by-slice placement gave.
"""

from __future__ import annotations

import sqlite3

import numpy as np

from revtrack.grouping.candidates import MAX_BUCKET, LshIndex, candidate_pairs, prefilter
from revtrack.grouping.identity import stored_value_pairs
from revtrack.grouping.sketch import KEY_BYTES, K, split_blob
from revtrack.grouping.stories import recluster
from revtrack.grouping.verification import verified_pairs

#: Pairs held before they are weighed: a bound on memory for very large captures
#: (about 200 bytes a pair); 100,000 articles make about 76,000.
PENDING_PAIRS = 500_000


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


class Assignment:
    """Stories for the new revisions of one capture (see the module docstring).

    ``index`` must have been refreshed in the same transaction *before* the first
    new revisions were inserted; it takes each slice in, so a caller whose
    transaction rolls back must :meth:`LshIndex.reset` it.
    """

    def __init__(self, store, conn: sqlite3.Connection, index: LshIndex) -> None:
        self.store, self.conn, self.index = store, conn, index
        self.pending: set[tuple[str, str]] = set()

    def add(self, new: list[tuple[str, bytes]], seen: list[str] | None = None) -> None:
        """Find the candidate pairs of newly inserted revisions (id, sketch blob).

        ``seen``: the revisions of every newly stored sighting, new or known (default:
        the new ones). A known text seen at an address pairs with what the address held.
        """
        sighted = sorted(set(seen or []) | {rid for rid, _ in new})
        if sighted:
            addressed = self.store.same_address_groups(self.conn, sighted, MAX_BUCKET)
            self.pending.update(stored_value_pairs(self.store, self.conn, addressed, set(sighted)))
        if not new:
            return
        ids = [rid for rid, _ in new]
        keys = np.stack([split_blob(blob)[0] for _, blob in new])
        low = np.stack([split_blob(blob)[1] for _, blob in new])
        self.pending.update(_key(ids[i], ids[j]) for i, j in prefilter(low, candidate_pairs(keys)).tolist())
        outer = self.index.matches(keys) if len(self.index) else np.empty((0, 2), dtype=np.int64)
        if outer.size:
            rowids = self.index.rowids[outer[:, 1]]
            self.pending.update(stored_candidates(self.store, self.conn, ids, low, rowids, outer[:, 0]))
        # versions that kept their headline or their opening words but few of their words (a
        # stub grown into a report)
        headlined = self.store.same_headline_groups(self.conn, ids, MAX_BUCKET)
        headlined += self.store.same_opening_groups(self.conn, ids, MAX_BUCKET)
        # a version under a new lede: its opening starts a later paragraph of the other
        headlined += self.store.inside_opening_groups(self.conn, ids, MAX_BUCKET)
        self.pending.update(stored_value_pairs(self.store, self.conn, headlined, set(ids), self.pending))
        self.index.refresh(self.store, self.conn)  # now takes in the new revisions (by rowid)
        if len(self.pending) >= PENDING_PAIRS:
            self.finish()

    def finish(self) -> None:
        """Weigh the pending pairs, store the verified ones and cluster what they touch."""
        if not self.pending:
            return
        verified = verified_pairs(self.store, self.conn, self.pending)
        self.pending = set()
        self.store.add_edges(self.conn, verified)
        # a new revision with no verified pair is a story of its own already: only the
        # connected sets that gained pairs are clustered again
        touched = sorted({x for a, b, _, _ in verified for x in (a, b)})
        if touched:
            recluster(self.store, self.conn, touched)


def assign(
    store,
    conn: sqlite3.Connection,
    index: LshIndex,
    new: list[tuple[str, bytes]],
    seen: list[str] | None = None,
) -> None:
    """Place newly inserted revisions (id, sketch blob) into stories, all at once
    (``seen``: as :meth:`Assignment.add`).

    Runs inside the caller's transaction (the capture's), so a failed ingest
    leaves the grouping as it was; see :class:`Assignment` for ``index``.
    """
    assignment = Assignment(store, conn, index)
    assignment.add(new, seen)
    assignment.finish()


def stored_candidates(
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
