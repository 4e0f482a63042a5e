"""Batch benchmark: ``revtrack batch`` on a 2-worker LocalCluster, against one process.

    python benchmarks/batch.py                        # 100,000 articles
    python benchmarks/batch.py --docs 1000000         # a million (ten feeds of 100,000)
    python benchmarks/batch.py --docs 100000 --single # also `revtrack ingest` of the same files

The corpus is the ingest benchmark's (benchmarks/ingest.py: same generator, same
seeds, one JSON Lines file per 100,000 articles). Prints the run's time,
articles/s, each worker's peak RSS (sampled every half second), the driver's peak
RSS, the rows each shuffle moved and the bytes written between steps, and with
``--single`` the single-process ingest of the same files in the same run.
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.ingest import write_slice  # noqa: E402


def _rss() -> int:
    import psutil

    return psutil.Process().memory_info().rss


def _folder_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> None:
    from revtrack.batch.run import BatchOptions, connect, run_batch
    from revtrack.grouping.sketch import BANDS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--slice", type=int, default=100_000, help="articles per feed file")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--feeds", help="keep the generated feeds in this folder (and reuse them)")
    parser.add_argument("--memory-limit", default="2GB", help="per worker (Dask spills past 60%%)")
    parser.add_argument("--shuffle", default="tasks", choices=["p2p", "tasks"])
    parser.add_argument("--figures", action="store_true", help="also compute export's diff figures")
    parser.add_argument("--single", action="store_true", help="also run `revtrack ingest` on the same files")
    args = parser.parse_args()
    print(f"# load average at start: {os.getloadavg()[0]:.2f}")
    progress = logging.StreamHandler(sys.stdout)  # each step as it ends (not Dask's own logs)
    progress.setFormatter(logging.Formatter("# %(asctime)s %(message)s", datefmt="%H:%M:%S"))
    logging.getLogger("revtrack.batch").addHandler(progress)
    logging.getLogger("revtrack.batch").setLevel(logging.INFO)
    with tempfile.TemporaryDirectory() as tmp:
        feeds = []
        folder = Path(args.feeds) if args.feeds else Path(tmp) / "feeds"
        folder.mkdir(parents=True, exist_ok=True)
        for k in range(max(1, -(-args.docs // args.slice))):
            feed = folder / f"part{k:03d}-{args.slice}.jsonl"
            if not feed.exists():  # a folder given with --feeds keeps them for the next run
                write_slice(feed, min(args.slice, args.docs - k * args.slice), seed=13 + k)
            feeds.append(feed)
        size_mb = sum(f.stat().st_size for f in feeds) / 1e6
        print(f"# {args.docs} articles in {len(feeds)} JSON Lines file(s), {size_mb:.0f} MB")
        options = BatchOptions(
            out=str(Path(tmp) / "out"),
            workers=args.workers,
            memory_limit=args.memory_limit,
            keep_work=True,
            figures=args.figures,
            shuffle=args.shuffle,
        )
        client, cluster = connect(options)  # the LocalCluster `revtrack batch` makes
        peaks: dict[str, int] = {}
        samples: list[tuple[float, int]] = []  # (time, largest worker RSS)
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.5):
                try:
                    found = client.run(_rss)
                except Exception:  # noqa: BLE001 - a sample lost while the cluster is busy
                    continue
                for worker, rss in found.items():
                    peaks[worker] = max(peaks.get(worker, 0), rss)
                samples.append((time.perf_counter(), max(found.values(), default=0)))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        out = Path(tmp) / "out"
        loads = [os.getloadavg()[0]]
        began = time.perf_counter()
        report = run_batch(
            [str(f) for f in feeds],
            options,
            client=client,
        )
        loads.append(os.getloadavg()[0])
        done.set()
        sampler.join()
        work_mb = _folder_bytes(out / "_work") / 1e6
        client.close()
        cluster.close()
        driver_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        n = report.sightings
        print(
            f"batch: {n} articles in {report.seconds:.1f} s, {n / report.seconds:.0f} articles/s,"
            f" {args.workers} workers, memory limit {args.memory_limit} each, {args.shuffle} shuffles;"
            f" load {loads[0]:.2f} -> {loads[1]:.2f}"
        )
        edge = began
        shown = []
        for step, secs in report.steps.items():
            inside = [rss for t, rss in samples if edge <= t <= edge + secs]
            shown.append(f"{step} {secs:.1f} s ({max(inside, default=0) / 1e6:.0f} MB)")
            edge += secs
        print("  steps (seconds, largest worker RSS): " + ", ".join(shown))
        for worker, rss in sorted(peaks.items()):
            print(f"  peak RSS {worker}: {rss / 1e6:.0f} MB")
        print(f"  driver peak RSS: {driver_mb:.0f} MB")
        print(
            f"  shuffled rows: sightings {n}, band keys {report.revisions * BANDS},"
            f" pairs left by the prefilter {report.candidates} (joined with both texts),"
            f" verified pairs {report.verified}"
            f" x {report.rounds} component round(s); partitions {report.partitions}"
        )
        print(
            f"  band-key shuffle about {report.revisions * BANDS * 13 / 1e6:.0f} MB;"
            f" intermediate Parquet written {work_mb:.0f} MB; stories {report.stories}"
        )
        if args.single:
            db = Path(tmp) / "single.db"
            start = time.perf_counter()
            cmd = [sys.executable, "-m", "revtrack", "ingest", *map(str, feeds), "--db", str(db)]
            subprocess.run(cmd, check=True, capture_output=True, env=os.environ | {"PYTHONPATH": str(ROOT)})
            secs = time.perf_counter() - start
            child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(
                f"single process (revtrack ingest): {secs:.1f} s, {n / secs:.0f} articles/s,"
                f" peak RSS {child:.0f} MB; batch/single time ratio {report.seconds / secs:.2f}"
                f"; load {os.getloadavg()[0]:.2f}"
            )


if __name__ == "__main__":
    main()
