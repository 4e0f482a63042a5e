"""Words kept on the plain-text documentation of this machine's own packages.

    python benchmarks/system_docs.py               # score every 8th file (about 265)
    python benchmarks/system_docs.py --every 1     # all of them (about 2,100)
    python benchmarks/system_docs.py --losers 10   # also list the 10 files that lose most words
    python benchmarks/system_docs.py --man 60      # score every 60th man page, rendered, instead
    python benchmarks/system_docs.py --root DIR    # the same over any folder (an unpacked sdist's docs)
    python benchmarks/system_docs.py --fetch Django==4.2 --into /tmp/sdists   # fetch and unpack one
    python benchmarks/system_docs.py --releases OLD_DIR NEW_DIR --pairs 10    # grouping over two releases

A second set nobody tuned on, read in place (nothing is copied or committed): the text files
under ``/usr/share/doc`` and ``/usr/share/common-licenses`` of a Debian or Ubuntu system, i.e.
packages' copyright files (DEP-5 fields, licence texts indented by one space), READMEs,
Debian changelogs, NEWS files, git's release notes, FAQs and licences. Gzipped files are read
decompressed; HTML, code, files outside 1-200 KB, non-UTF-8 files and duplicates (same bytes)
are left out; the rest is sorted by path and every Nth kept. The set depends on what the
machine has installed, so compare figures from one machine only. ``--man N`` reads instead
every Nth page of ``/usr/share/man/man1`` as ``man`` renders it at 80 columns (``col -bx``):
hard-wrapped, indented, with a running header and footer.

Every file is a plain file: one article, so every word must be kept. Figures: words kept (the
share of each file's words, as a multiset, found in the article made of it), files losing
words, and how many files were read as a page.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOTS = (Path("/usr/share/doc"), Path("/usr/share/common-licenses"))
WORD = re.compile(r"\w+")
CAPTURED = datetime(2026, 1, 1, tzinfo=UTC)
NOT_PROSE = {".html", ".htm", ".css", ".js", ".png", ".svg", ".py", ".sh", ".c", ".h", ".pl"}
NOT_PROSE |= {".xml", ".json", ".sgml", ".pdf", ".gif", ".el", ".vim"}


def documents(every: int, roots: tuple[Path, ...] = ROOTS) -> list[tuple[str, str]]:
    """(path, text) of every ``every``-th plain-text documentation file, sorted by path."""
    seen: set[bytes] = set()
    found: list[tuple[str, str]] = []
    for root in roots:
        for path in sorted(root.rglob("*")) if root.is_dir() else ():
            name = path.name.removesuffix(".gz")
            if path.is_symlink() or not path.is_file() or name in {"Makefile", "postinst"}:
                continue
            if Path(name).suffix.lower() in NOT_PROSE:
                continue
            raw = path.read_bytes()
            if path.name.endswith(".gz"):
                try:
                    raw = gzip.decompress(raw)
                except (OSError, EOFError):
                    continue
            if not 1000 <= len(raw) <= 200_000 or b"\0" in raw:
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                continue
            digest = hashlib.sha1(raw).digest()  # noqa: S324 - a duplicate check, not security
            if digest not in seen:
                seen.add(digest)
                found.append((str(path), text))
    return found[::every]


def man_pages(every: int) -> list[tuple[str, str]]:
    """(path, text) of every ``every``-th page of section 1 as ``man`` renders it, 80 columns."""
    found: list[tuple[str, str]] = []
    env = {**os.environ, "MANWIDTH": "80", "MAN_KEEP_FORMATTING": ""}
    for path in sorted(Path("/usr/share/man/man1").glob("*"))[every - 1 :: every]:
        try:
            shown = subprocess.run(
                ["man", "-P", "cat", str(path)], capture_output=True, env=env, timeout=20, check=False
            ).stdout
            plain = subprocess.run(["col", "-bx"], input=shown, capture_output=True, check=False).stdout
        except (OSError, subprocess.TimeoutExpired):
            continue
        text = plain.decode("utf-8", "replace")
        if len(text) >= 1000:
            found.append((str(path), text))
    return found


def _words(text: str) -> collections.Counter[str]:
    return collections.Counter(WORD.findall(text))


def score(docs: list[tuple[str, str]]) -> dict:
    """Extract each document as a capture and count the words its articles keep."""
    from revtrack.extract import extract_capture

    total = kept = 0
    losers: list[tuple[int, str, str]] = []
    layouts: collections.Counter[str] = collections.Counter()
    for path, text in docs:
        extraction = extract_capture(text, CAPTURED, path)
        layouts[extraction.layout] += 1
        got = _words("\n".join(f"{a.headline}\n{a.body}" for a in extraction.articles))
        words = _words(text)
        lost = sum((words - got).values())
        total += sum(words.values())
        kept += sum(words.values()) - lost
        if lost:
            losers.append((lost, path, extraction.layout))
    losers.sort(reverse=True)
    return {
        "files": len(docs),
        "words": total,
        "words_kept": round(kept / total, 4) if total else 1.0,
        "files_losing_words": len(losers),
        "layouts": dict(layouts),
        "losers": [{"path": p, "lost": n, "layout": layout} for n, p, layout in losers],
    }


def fetch(requirement: str, into: Path) -> Path:
    """Download ``name==version``'s sdist from the package index and unpack it under ``into``."""
    import tarfile

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.generalization import _from_index

    into.mkdir(parents=True, exist_ok=True)
    archive = _from_index(requirement, into)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into


def release_grouping(old: Path, new: Path) -> dict:
    """Group the documents of two releases' doc folders; truth: the same path inside the folder.

    Each file is extracted as a capture and its longest article grouped with
    :func:`revtrack.grouping.group_documents`; precision and recall are over pairs of files.
    """
    import itertools

    from revtrack.extract import extract_capture
    from revtrack.grouping import group_documents

    items: list[tuple[str, int, str, str]] = []
    for release, root in enumerate((old, new)):
        for path, text in documents(1, (root,)):
            article = max(extract_capture(text, CAPTURED, path).articles, key=lambda a: len(a.body))
            items.append((str(Path(path).relative_to(root)), release, article.headline, article.body))
    labels = group_documents([(headline, body) for _, _, headline, body in items])
    tp = fp = fn = 0
    wrong: list[str] = []
    for i, j in itertools.combinations(range(len(items)), 2):
        same, grouped = items[i][0] == items[j][0], labels[i] == labels[j]
        tp, fp, fn = tp + (same and grouped), fp + (grouped and not same), fn + (same and not grouped)
        if same != grouped:
            wrong.append(
                f"{'missed' if same else 'false'} {items[i][0]}@{items[i][1]} {items[j][0]}@{items[j][1]}"
            )
    return {
        "files": len(items),
        "true_pairs": tp + fn,
        "precision": round(tp / (tp + fp), 4) if tp + fp else 1.0,
        "recall": round(tp / (tp + fn), 4) if tp + fn else 1.0,
        "missed": fn,
        "false": fp,
        "wrong": wrong,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--every", type=int, default=8, help="keep every Nth file (default 8)")
    ap.add_argument("--losers", type=int, default=0, help="list the N files that lose the most words")
    ap.add_argument("--man", type=int, default=0, help="score every Nth rendered man page instead")
    ap.add_argument("--root", type=Path, action="append", help="read this folder instead (repeatable)")
    ap.add_argument("--fetch", help="download and unpack this sdist (name==version), then stop")
    ap.add_argument("--into", type=Path, default=Path("/tmp/sdists"), help="where --fetch unpacks")
    ap.add_argument(
        "--releases", type=Path, nargs=2, metavar=("OLD", "NEW"), help="grouping over two releases"
    )
    ap.add_argument("--pairs", type=int, default=0, help="with --releases: list N pairs grouped wrongly")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if args.fetch:
        print(fetch(args.fetch, args.into))
        return 0
    if args.releases:
        figures = release_grouping(*args.releases)
        print(
            f"files {figures['files']}  true pairs {figures['true_pairs']}"
            f"  precision {figures['precision']:.4f}  recall {figures['recall']:.4f}"
            f"  ({figures['missed']} missed, {figures['false']} false)"
        )
        for line in figures["wrong"][: args.pairs]:
            print(f"  {line}")
        return 0
    roots = tuple(args.root) if args.root else ROOTS
    docs = man_pages(args.man) if args.man > 0 else documents(max(1, args.every), roots)
    if not docs:
        print("system_docs: no documentation under /usr/share/doc on this machine", file=sys.stderr)
        return 2
    result = score(docs)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"files {result['files']}  words {result['words']:,}  words kept {result['words_kept']:.4f}")
    print(f"files losing words {result['files_losing_words']}  layouts {result['layouts']}")
    for loser in result["losers"][: args.losers]:
        print(f"  {loser['lost']:>6}  {loser['layout']:<6} {loser['path']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
