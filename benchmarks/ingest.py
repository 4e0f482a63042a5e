"""End-to-end ingest benchmark: ``revtrack ingest`` of JSON Lines into a fresh store.

    python benchmarks/ingest.py                       # 100,000 articles, one feed file
    python benchmarks/ingest.py --docs 1000000        # a million, ten feeds of 100,000
    python benchmarks/ingest.py --docs 20000 --slice 10000

Writes the synthetic corpus (benchmarks/corpus.py), generated and written a
slice at a time so the benchmark itself never holds it, as one JSON Lines file
per slice (a researcher's export: a 100,000-article file is about 430 MB, over
the 50 MB per-file limit that applies to other captures; feeds stream, the limit
applies per line). Each slice is ingested by the real command
``revtrack ingest FILE --db STORE`` as a subprocess, one after the other into the
same store, so the per-slice rate shows whether ingest stays linear as the store
grows. Prints each slice's seconds, articles/s and peak RSS, and the totals.

Slices are different articles, and some cost more than others whatever the
store holds (in the 1M run, slices 5 and 8 do). So after the slices, with more
than one, one more file of fresh stories is ingested into an empty store and
into a copy of the full one, twice, with the disk flushed before each run. Same
articles, same work but for the store's size: the ratios are the linearity
figure (``--no-probe`` skips it).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate  # noqa: E402


def write_slice(path: Path, n: int, seed: int) -> int:
    """One feed file of about ``n`` articles (fresh stories, their versions and templates)."""
    docs = generate(n_stories=int(n / 1.37), seed=seed)[:n]
    with path.open("w") as fh:
        for d in docs:
            fh.write(json.dumps({"headline": d.headline, "body": d.body, "outlet": "Synthetic"}))
            fh.write("\n")
    return len(docs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--slice", type=int, default=100_000, help="articles per feed file")
    parser.add_argument("--no-probe", action="store_true", help="skip the same-file linearity probe")
    args = parser.parse_args()
    slices = max(1, -(-args.docs // args.slice))
    print(f"# load average at start: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        total_docs = total_secs = 0.0
        peak = 0.0
        rates = []
        for k in range(slices):
            feed = Path(tmp) / f"part{k:03d}.jsonl"
            n = write_slice(feed, min(args.slice, args.docs - k * args.slice), seed=13 + k)
            size_mb = feed.stat().st_size / 1e6
            result, secs = ingest(feed, db)
            rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest child so far
            peak = max(peak, rss)
            feed.unlink()
            if result.returncode:
                print(result.stderr.strip())
                return
            total_docs += n
            total_secs += secs
            rates.append(n / secs)
            print(
                f"slice {k + 1}/{slices}: {n} articles ({size_mb:.0f} MB) in {secs:.1f} s,"
                f" {n / secs:.0f} articles/s;"
                f" store {db.stat().st_size / 1e6:.0f} MB; peak RSS so far {peak:.0f} MB;"
                f" load {os.getloadavg()[0]:.2f}"
            )
        print(result.stdout.strip())
        print(
            f"ingest: {total_docs:.0f} articles in {total_secs:.1f} s,"
            f" {total_docs / total_secs:.0f} articles/s,"
            f" peak RSS {peak:.0f} MB; last slice at {rates[-1] / rates[0]:.2f}x the first slice's rate"
        )
        if slices > 1 and not args.no_probe:
            probe(Path(tmp), db, args.slice, seed=1013)


def ingest(feed: Path, db: Path) -> tuple[subprocess.CompletedProcess, float]:
    """``revtrack ingest FEED --db DB`` in a process of its own; the result and its seconds."""
    cmd = [sys.executable, "-m", "revtrack", "ingest", str(feed), "--db", str(db),
           "--captured-at", "2026-01-01T00:00:00Z"]  # fmt: skip
    start = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True, env=os.environ | {"PYTHONPATH": str(ROOT)})
    return result, time.perf_counter() - start


def probe(tmp: Path, full: Path, n: int, seed: int) -> None:
    """The same file of fresh stories into an empty store, then into the full one."""
    feed = tmp / "probe.jsonl"
    n = write_slice(feed, n, seed=seed)
    secs: dict[str, list[float]] = {"empty": [], "full": []}
    for round_ in (1, 2):
        for name in ("empty", "full"):
            db = tmp / f"{name}-probe.db"
            for stale in tmp.glob(f"{name}-probe.db*"):
                stale.unlink()
            if name == "full":  # a copy: each round starts from the same full store
                shutil.copyfile(full, db)
            # flush what earlier runs wrote, so that no run pays for another's writes
            os.sync()
            result, took = ingest(feed, db)
            if result.returncode:
                print(result.stderr.strip())
                return
            secs[name].append(took)
            load = os.getloadavg()[0]
            print(f"probe {round_}: {n} articles into the {name} store in {took:.1f} s, load {load:.2f}")
    ratios = [f / e for e, f in zip(secs["empty"], secs["full"], strict=True)]
    print(
        "linearity: per-article cost into the full store "
        + " and ".join(f"{r:.2f}x" for r in ratios)
        + " into an empty one (two rounds)"
    )


if __name__ == "__main__":
    main()
