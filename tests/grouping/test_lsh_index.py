"""The in-memory LSH index: look-ups equal a plain binary search of the whole index."""

from __future__ import annotations

import numpy as np
import pytest

from revtrack.grouping import candidates
from revtrack.grouping.candidates import COARSE_STRIDE, MAX_BUCKET, LshIndex, _lookup

_LOW32 = np.uint64(0xFFFFFFFF)


def _plain_lookup(packed: np.ndarray, flat: np.ndarray, query_row: np.ndarray) -> np.ndarray:
    """The reference: two binary searches of the whole index per probe."""
    probe = flat.astype(np.uint64) << np.uint64(32)
    lo = np.searchsorted(packed, probe, "left")
    hi = np.searchsorted(packed, probe | _LOW32, "right")
    out = [
        (row, int(packed[k] & _LOW32))
        for row, a, b in zip(query_row.tolist(), lo.tolist(), hi.tolist(), strict=True)
        if b - a <= MAX_BUCKET
        for k in range(a, b)
    ]
    return np.array(out, dtype=np.int64).reshape(-1, 2)


def _index_with_runs(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Packed entries whose keys repeat in runs of 1, 2, 17, 300 and 1,500 (over the cap)."""
    keys = [rng.integers(0, 2**32, size=20_000, dtype=np.uint64)]
    hot = rng.choice(2**32, size=5, replace=False).astype(np.uint64)
    for key, run in zip(hot, (2, 17, 300, MAX_BUCKET, MAX_BUCKET + 500), strict=True):
        keys.append(np.full(run, key, dtype=np.uint64))
    keys = np.concatenate(keys)
    packed = np.sort((keys << np.uint64(32)) | np.arange(keys.size, dtype=np.uint64))
    return packed, hot


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_two_level_lookup_equals_a_plain_binary_search(seed):
    rng = np.random.default_rng(seed)
    packed, hot = _index_with_runs(rng)
    present = (packed[rng.integers(0, packed.size, size=3000)] >> np.uint64(32)).astype(np.uint32)
    absent = rng.integers(0, 2**32, size=3000, dtype=np.uint64).astype(np.uint32)
    edges = np.array([0, 2**32 - 1, *hot.tolist()], dtype=np.uint32)  # ends of the key range, long runs
    flat = np.sort(np.concatenate([present, absent, edges]))
    rows = rng.integers(0, 500, size=flat.size)
    coarse = packed[COARSE_STRIDE - 1 :: COARSE_STRIDE].copy()
    expected = _plain_lookup(packed, flat, rows)
    for level in (None, coarse):
        got = _lookup(packed, flat, rows, level)
        assert sorted(map(tuple, got.tolist())) == sorted(map(tuple, expected.tolist()))
    # a key at the cap makes its candidates, one over it none (the reference applies the same cap)
    at_cap = int(np.flatnonzero(flat == hot[3])[0])
    over_cap = int(np.flatnonzero(flat == hot[4])[0])
    got = _lookup(packed, flat[[at_cap, over_cap]], np.array([0, 1]), coarse)
    assert (got[:, 0] == 0).sum() == MAX_BUCKET and not (got[:, 0] == 1).any()


def test_index_built_past_the_coarse_threshold_finds_what_a_small_one_finds(monkeypatch):
    rng = np.random.default_rng(7)
    keys = rng.integers(-(2**63), 2**63 - 1, size=(3000, 64), dtype=np.int64)
    queries = np.concatenate([keys[::97], rng.integers(-(2**63), 2**63 - 1, size=(50, 64), dtype=np.int64)])
    small = LshIndex()
    small._settle([small._packed(list(range(1, 3001)), keys)])
    assert small.coarse is None
    monkeypatch.setattr(candidates, "COARSE_MIN", 1000)
    large = LshIndex()
    large._settle([large._packed(list(range(1, 3001)), keys)])
    assert large.coarse is not None and large.coarse.size == 3000 * 64 // COARSE_STRIDE
    assert large.matches(queries).tolist() == small.matches(queries).tolist()
