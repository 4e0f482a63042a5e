"""Ingest files with the ``revtrack`` of a given checkout, as a user would, and read them back.

Shared by the benchmarks that score a tree against another (``--tree DIR``): each file
is one ``revtrack ingest`` process of that tree into a fresh store, then ``revtrack
export``. The process runs in a scratch folder: ``python -m`` puts the working folder
first on the path, which would load this checkout instead of the tree.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def ingest_each(tree: Path, files: list[Path], captured_at: str) -> tuple[int, list[dict]]:
    """``(files refused, exported revisions)`` of ``files`` ingested one process each."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    refused = 0
    with tempfile.TemporaryDirectory() as tmp:
        revtrack = [sys.executable, "-m", "revtrack", "--db", str(Path(tmp) / "s.db")]
        for path in files:
            run = subprocess.run(
                [*revtrack, "ingest", "--captured-at", captured_at, str(path)],
                env=env,
                capture_output=True,
                cwd=tmp,
            )
            refused += run.returncode != 0
        if not (Path(tmp) / "s.db").exists():
            return refused, []
        out = subprocess.run(
            [*revtrack, "export"], env=env, capture_output=True, text=True, check=True, cwd=tmp
        )
    return refused, [json.loads(line) for line in out.stdout.splitlines()]


def print_forms(tree: Path, results: dict[str, dict], columns: list[tuple[str, str]]) -> None:
    """One line per form: ``columns`` are ``(heading, result key)``; shares print to 4 places."""
    print(f"# tree {tree}; load {os.getloadavg()[0]:.2f}")
    widths = [max(len(heading), 7) for heading, _ in columns]
    print(f"{'form':<18} " + " ".join(f"{h:>{w}}" for (h, _), w in zip(columns, widths, strict=True)))
    for form, result in results.items():
        cells = [result[key] for _, key in columns]
        shown = [f"{c:.4f}" if isinstance(c, float) else str(c) for c in cells]
        print(f"{form:<18} " + " ".join(f"{s:>{w}}" for s, w in zip(shown, widths, strict=True)))
