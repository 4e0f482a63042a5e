"""Archives of captures: a folder zipped or tarred reads as the folder does.

    python benchmarks/bundles.py              # this tree
    python benchmarks/bundles.py --tree DIR   # the revtrack in DIR (before: one line each)

Two real folders nobody tuned this on, each ingested three ways with ``revtrack ingest``
(a process, a fresh store, one ``--captured-at``): as the folder, as a ``.zip`` of it
(deflated, as desktops and ``zip -r`` make one) and as a ``.tar.gz``:

* ``newspaper4k pages``, ``trafilatura pages``: the extraction benchmark's real pages
  (``benchmarks/.pages``: the two projects' test pages as HTML, as w3m and lynx print them,
  and their reference texts);
* ``general``: the 357 plain documents of ``benchmarks/generalization.py`` (revisions of
  reST manuals, release notes, constitutions, books, e-mail).

Figures: captures stored, and whether the (headline, body) of every revision and the
stories they form equal the folder's.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.mail_attachments import run_revtrack  # noqa: E402

SETS = {
    "newspaper4k pages": ROOT / "benchmarks" / ".pages" / "newspaper4k",
    "trafilatura pages": ROOT / "benchmarks" / ".pages" / "trafilatura",
    "general": ROOT / "benchmarks" / ".general",
}


def ingest(tree: Path, target: Path, db: Path) -> tuple[list[dict], str, float]:
    """``revtrack ingest`` of the tree given, then its export; both run from the store's
    folder (``python -m`` puts the working folder first on the path)."""
    started = time.perf_counter()
    run = run_revtrack(tree, db.parent, "ingest", str(target), "--db", str(db), "--captured-at", "2026-01-01")
    seconds = time.perf_counter() - started
    export = run_revtrack(tree, db.parent, "export", "--db", str(db))
    rows = [json.loads(line) for line in export.stdout.splitlines()] if export.returncode == 0 else []
    return (
        rows,
        (run.stdout + run.stderr).strip().splitlines()[-1] if (run.stdout + run.stderr).strip() else "",
        seconds,
    )


def shape(rows: list[dict]) -> tuple[collections.Counter, collections.Counter]:
    """The revisions' texts, and the stories as groups of texts (ids differ between stores)."""
    texts = collections.Counter((row["headline"], row["body"]) for row in rows)
    stories: dict[str, list] = collections.defaultdict(list)
    for row in rows:
        stories[row["story_id"]].append((row["headline"], row["body"]))
    return texts, collections.Counter(tuple(sorted(group)) for group in stories.values())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", type=Path, default=ROOT, help="the revtrack source tree to run")
    args = ap.parse_args()
    for title, folder in SETS.items():
        if not folder.is_dir():
            print(f"## {title}: {folder} missing (build it with its benchmark first)")
            continue
        files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
        with tempfile.TemporaryDirectory(prefix="bundle-") as scratch:
            work = Path(scratch)
            zipped, tarred = work / f"{title}.zip", work / f"{title}.tar.gz"
            with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
                for path in files:
                    archive.write(path, path.relative_to(folder))
            with tarfile.open(tarred, "w:gz") as archive:
                for path in files:
                    archive.add(path, str(path.relative_to(folder)))
            folder_rows, folder_line, folder_s = ingest(args.tree, folder, work / "folder.db")
            want = shape(folder_rows)
            print(f"## {title} ({args.tree}): {len(files)} files")
            print(f"  folder: {folder_line}  ({folder_s:.1f} s)")
            for bundle in (zipped, tarred):
                rows, line, seconds = ingest(args.tree, bundle, work / f"{bundle.name}.db")
                got = shape(rows)
                same = "texts and stories equal the folder's" if got == want else "DIFFERENT from the folder"
                print(f"  {bundle.name}: {line}  ({seconds:.1f} s); {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
