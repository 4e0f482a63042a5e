"""LSH index look-ups: two-level search against one plain binary search, same index, same run.

    python benchmarks/lsh_lookup.py                      # 900,000 revisions (57.6 million entries)
    python benchmarks/lsh_lookup.py --revisions 100000

Builds the in-memory index of ``--revisions`` revisions with random band keys
(what ingest holds before a million-article store's last file), then times the
band-key look-ups of slices of 2,000 new articles (40 of them sharing keys with
stored revisions), as ingest makes them: with the coarse level
(:func:`revtrack.grouping.candidates._lower_bounds`) and with it switched off
(``np.searchsorted`` over the whole index), and the look-up before either
(a second whole-index search for the end of each key's run instead of
stepping). Prints the median per slice and the ratios, and checks all three
found the same pairs.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from revtrack.grouping import candidates  # noqa: E402
from revtrack.grouping.candidates import MAX_BUCKET, LshIndex  # noqa: E402
from revtrack.grouping.sketch import BANDS  # noqa: E402

_LOW32 = np.uint64(0xFFFFFFFF)


def two_searches(packed: np.ndarray, flat: np.ndarray, query_row: np.ndarray, coarse=None) -> np.ndarray:
    """The look-up as it was: a binary search for each key's first entry and one for its last."""
    probe = flat.astype(np.uint64) << np.uint64(32)
    lo = np.searchsorted(packed, probe, "left")
    hi = np.searchsorted(packed, probe | _LOW32, "right")
    counts = hi - lo
    counts[counts > MAX_BUCKET] = 0
    rows = np.repeat(query_row, counts)
    starts = np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
    return np.stack([rows, (packed[starts] & _LOW32).astype(np.int64)], axis=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--revisions", type=int, default=900_000)
    parser.add_argument("--slices", type=int, default=50)
    args = parser.parse_args()
    print(f"# load average at start: {os.getloadavg()[0]:.2f}")
    rng = np.random.default_rng(3)
    n = args.revisions
    keys = rng.integers(-(2**63), 2**63 - 1, size=(n, BANDS), dtype=np.int64)
    index = LshIndex()
    index._settle([index._packed(list(range(1, n + 1)), keys)])
    coarse = index.coarse
    times: dict[str, list[float]] = {"two levels": [], "one level": [], "two searches": []}
    current = candidates._lookup
    for _ in range(args.slices):
        shared = keys[rng.integers(0, n, 40)]
        fresh = rng.integers(-(2**63), 2**63 - 1, size=(1960, BANDS), dtype=np.int64)
        queries = np.concatenate([shared, fresh])
        found = {}
        for name, level, lookup in (
            ("two levels", coarse, current),
            ("one level", None, current),
            ("two searches", None, two_searches),
        ):
            index.coarse, candidates._lookup = level, lookup
            start = time.perf_counter()
            found[name] = index.matches(queries)
            times[name].append(time.perf_counter() - start)
        assert found["two levels"].tolist() == found["one level"].tolist() == found["two searches"].tolist()
    index.coarse, candidates._lookup = coarse, current
    median = {name: 1000 * float(np.median(t)) for name, t in times.items()}
    print(f"index: {n} revisions, {index.main.size} entries; coarse level {coarse is not None}")
    for name, ms in median.items():
        print(f"{name:>10}: {ms:6.1f} ms a slice of 2,000 articles (median of {args.slices})")
    for name in ("one level", "two searches"):
        print(f"ratio {name} / two levels: {median[name] / median['two levels']:.2f}x")
    print(f"# load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
