"""End-to-end ingest benchmark: ``revtrack ingest`` of JSON Lines into a fresh store.

    python benchmarks/ingest.py                # 100,000 articles in 10 files
    python benchmarks/ingest.py --docs 20000

Writes the synthetic corpus (benchmarks/corpus.py) as JSON Lines files of 10,000
articles each (under the 50 MB default file limit), then times the real command
``revtrack ingest FOLDER --db STORE`` as a subprocess: extraction, hashing,
sketching, grouping and every SQLite write. Prints seconds, articles/s, store
size and the command's peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--per-file", type=int, default=10_000)
    args = parser.parse_args()
    docs = generate(n_stories=int(args.docs / 1.37), seed=13)[: args.docs]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "feed"
        folder.mkdir()
        for n in range(0, len(docs), args.per_file):
            with (folder / f"part{n // args.per_file:03d}.jsonl").open("w") as fh:
                for d in docs[n : n + args.per_file]:
                    fh.write(json.dumps({"headline": d.headline, "body": d.body, "outlet": "Synthetic"}))
                    fh.write("\n")
        size_mb = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        db = Path(tmp) / "bench.db"
        cmd = [
            sys.executable,
            "-m",
            "revtrack",
            "ingest",
            str(folder),
            "--db",
            str(db),
            "--captured-at",
            "2026-01-01T00:00:00Z",
        ]
        print(f"corpus: {len(docs)} articles, {size_mb:.0f} MB of JSON Lines")
        print("command:", " ".join(cmd[1:]))
        start = time.perf_counter()
        result = subprocess.run(
            cmd, capture_output=True, text=True, env=os.environ | {"PYTHONPATH": str(ROOT)}
        )
        secs = time.perf_counter() - start
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(result.stdout.strip() or result.stderr.strip())
        print(
            f"ingest: {secs:.1f} s, {len(docs) / secs:.0f} articles/s,"
            f" store {db.stat().st_size / 1e6:.0f} MB, peak RSS {rss:.0f} MB (target: at most 60 s)"
        )


if __name__ == "__main__":
    main()
