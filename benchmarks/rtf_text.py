"""RTF documents: is every word of the document read, and nothing of its markup?

    python benchmarks/rtf_text.py               # revtrack (this tree) against striprtf and pandoc
    python benchmarks/rtf_text.py --tree DIR    # and revtrack in another checkout, side by side
    python benchmarks/rtf_text.py --worst 5     # the files each reader keeps least of

Needs the benchmark-only peers ``striprtf`` and ``pypandoc-binary`` (pandoc 3, which
both writes and reads RTF): ``pip install striprtf pypandoc-binary``.

Two sets, written into the git-ignored ``benchmarks/.rtf/`` by pandoc's RTF writer
(which escapes every non-ASCII character as ``\\uN`` with a ``?`` stand-in):

* ``news``: the reference texts of ``benchmarks/extraction.py``'s real pages of 150
  words or more (eight languages), each as an HTML file of its headline and
  paragraphs turned into RTF. Truth: the text's own words.
* ``news-docx``: the same texts turned into ``.docx`` by pandoc, read by revtrack only
  (the word processor's other format, for the same rule: such a document is read as
  plain text, since it has no site chrome).
* ``real``: RTF files made by others, from oletools' sdist (0.60.2, fetched with ``pip
  download``): Microsoft's RTF specification 1.7 as Word 2002 saved it (2 MB: tables,
  fields, a table of contents, the Mac code page) and a malformed exploit sample. No
  reading is the truth here: each peer's words (case folded, NFKC) are looked for in
  revtrack's reading, and the words each reader finds are counted.
* ``documents``: the real ``.docx`` files of ``benchmarks/office_docs.py`` (Word,
  LibreOffice and python-docx files with tables, lists, notes, headers and fields),
  turned into RTF. Truth: pandoc's own plain-text reading of the ``.docx``.

Each file is read by revtrack as ``revtrack ingest file.rtf`` reads it
(``prepare_bytes``), by striprtf and by pandoc's RTF reader. ``kept`` is the share of
the truth's words (runs of word characters, counted) found in the reading; ``junk``
the share of the reading's words that are not the truth's (control words, font names
and escapes read as text); ``headline right`` (revtrack) counts articles whose headline
is the text's title.
"""

from __future__ import annotations

import argparse
import collections
import html
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "benchmarks" / ".rtf"
WORD = re.compile(r"\w+")
#: Each set's folder and the suffix of its files (the .docx set is read by revtrack only:
#: it shows the same texts through the other word processor's format).
SETS = {"news": ".rtf", "news-docx": ".docx", "documents": ".rtf"}


def _pandoc() -> str:
    try:
        import pypandoc
    except ImportError:
        sys.exit("rtf_text.py needs pandoc: pip install pypandoc-binary striprtf")
    return pypandoc.get_pandoc_path()


def build() -> None:
    """Write both sets' RTF files and truths into :data:`FOLDER`."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    sys.path.insert(0, str(ROOT))
    from plain_layouts import articles

    pandoc = _pandoc()
    for kind in SETS:
        (FOLDER / kind).mkdir(parents=True, exist_ok=True)
    for label, headline, paragraphs in articles():
        name = label.replace("/", "__")
        page = f"<h1>{html.escape(headline)}</h1>\n"
        page += "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
        for kind, suffix in (("news", ".rtf"), ("news-docx", ".docx")):
            out = FOLDER / kind / f"{name}{suffix}"
            command = [pandoc, "-f", "html", "-t", suffix[1:], "-s", "-o", str(out)]
            subprocess.run(command, input=page.encode(), check=True)
            out.with_suffix(".truth").write_text(headline + "\n\n" + "\n\n".join(paragraphs))
    office = ROOT / "benchmarks" / ".office"
    if not office.exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "office_docs.py"), "--json"], check=True)
    for docx in sorted(office.glob("*.docx")):
        out = FOLDER / "documents" / f"{docx.stem}.rtf"
        made = subprocess.run([pandoc, str(docx), "-t", "rtf", "-s", "-o", str(out)], capture_output=True)
        plain = subprocess.run(
            [pandoc, str(docx), "-t", "plain", "--wrap=none"], capture_output=True, text=True
        )
        if made.returncode or plain.returncode or not WORD.search(plain.stdout):
            out.unlink(missing_ok=True)  # a fixture pandoc cannot read, or one with no words
            continue
        out.with_suffix(".truth").write_text(plain.stdout)


def fetch_real() -> None:
    """oletools' RTF test files into ``FOLDER / "real"`` (its sdist, through pip's index)."""
    import zipfile

    (FOLDER / "real").mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "-d", work]
        subprocess.run([*command, "oletools==0.60.2"], check=True, capture_output=True)
        [sdist] = Path(work).glob("oletools-*")
        with zipfile.ZipFile(sdist) as archive:
            for name in archive.namelist():
                if name.endswith(".rtf"):
                    (FOLDER / "real" / Path(name).name).write_bytes(archive.read(name))


def real_report(tree_readings: dict[str, dict], files: list[Path]) -> None:
    """Words found by each reader, and how many of each peer's words revtrack's reading holds."""
    import unicodedata

    def words(text: str) -> collections.Counter[str]:
        return collections.Counter(WORD.findall(unicodedata.normalize("NFKC", text).casefold()))

    peers = peer_readings(files)
    for path in files:
        print(f"  {path.name} ({path.stat().st_size:,} bytes)")
        ours = {name: words(r[path.name]["text"]) for name, r in tree_readings.items()}
        for name, counted in ours.items():
            print(f"  {'':>4}{name:>22}: {sum(counted.values()):,} words")
        mine = ours["revtrack"]
        for name, reading in peers.items():
            theirs = words(reading[path.name])
            held = sum((theirs & mine).values()) / max(1, sum(theirs.values()))
            print(f"  {'':>4}{name:>22}: {sum(theirs.values()):,} words, {held:.4f} of them in revtrack's")


def read_with_revtrack(files: list[Path]) -> dict[str, dict]:
    """Each file as ``revtrack ingest`` reads it, in this process (``revtrack`` importable)."""
    from datetime import UTC, datetime

    from revtrack.errors import InputError
    from revtrack.ingest.captures import prepare_bytes

    out = {}
    for path in files:
        try:
            prepared = prepare_bytes(
                str(path), path.read_bytes(), datetime(2026, 1, 1, tzinfo=UTC), "file", None
            )
        except InputError as exc:
            out[path.name] = {"text": "", "headline": "", "refused": str(exc)}
            continue
        text = "\n\n".join(f"{row.headline}\n\n{row.body}" for row in prepared.rows)
        out[path.name] = {"text": text, "headline": prepared.rows[0].headline, "refused": ""}
    return out


def revtrack_readings(tree: Path, files: list[Path]) -> dict[str, dict]:
    """:func:`read_with_revtrack` run with the revtrack in ``tree``, in its own process."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as listing:
        json.dump([str(p) for p in files], listing)
    run = subprocess.run(
        [sys.executable, __file__, "--worker", listing.name],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tree)},
        cwd=tempfile.gettempdir(),
        check=True,
    )
    os.unlink(listing.name)
    return json.loads(run.stdout)


def peer_readings(files: list[Path]) -> dict[str, dict[str, str]]:
    """striprtf's and pandoc's readings of each file."""
    from striprtf.striprtf import rtf_to_text

    pandoc = _pandoc()
    out: dict[str, dict[str, str]] = {"striprtf": {}, "pandoc": {}}
    for path in files:
        out["striprtf"][path.name] = rtf_to_text(path.read_text(encoding="latin-1"), errors="ignore")
        run = subprocess.run([pandoc, "-f", "rtf", "-t", "plain", str(path)], capture_output=True, text=True)
        out["pandoc"][path.name] = run.stdout
    return out


def score(truth: str, reading: str) -> tuple[float, float]:
    """``(kept, junk)``: the truth's words found in the reading, and the reading's words not in the truth."""
    want, got = collections.Counter(WORD.findall(truth)), collections.Counter(WORD.findall(reading))
    common = sum((want & got).values())
    return common / max(1, sum(want.values())), 1 - common / max(1, sum(got.values()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tree", type=Path, action="append", default=[], help="also run the revtrack in DIR")
    ap.add_argument("--worst", type=int, default=0)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        files = [Path(p) for p in json.loads(Path(args.worker).read_text())]
        print(json.dumps(read_with_revtrack(files)))
        return 0
    if args.rebuild or not any(FOLDER.glob("*/*.rtf")):
        build()
    if args.rebuild or not any(FOLDER.glob("real/*.rtf")):
        fetch_real()
    trees = [("revtrack", ROOT), *((f"revtrack@{t.name}", t.resolve()) for t in args.tree)]
    real = sorted((FOLDER / "real").glob("*.rtf"))
    print(f"\n## real: {len(real)} RTF files made by others")
    real_report({name: revtrack_readings(tree, real) for name, tree in trees}, real)
    for kind, suffix in SETS.items():
        files = sorted((FOLDER / kind).glob(f"*{suffix}"))
        truths = {p.name: p.with_suffix(".truth").read_text() for p in files}
        readings = {name: revtrack_readings(tree, files) for name, tree in trees}
        peers = peer_readings(files) if suffix == ".rtf" else {}
        print(f"\n## {kind}: {len(files)} {suffix} files")
        for name, reading in [*readings.items(), *peers.items()]:
            rows = []
            for path in files:
                got = reading[path.name]
                text = got["text"] if isinstance(got, dict) else got
                kept, junk = score(truths[path.name], text)
                rows.append((kept, junk, path.name, got))
            refused = sum(1 for r in rows if isinstance(r[3], dict) and r[3]["refused"])
            line = (
                f"  {name:>22}: kept {statistics.mean(r[0] for r in rows):.4f},"
                f" junk {statistics.mean(r[1] for r in rows):.4f},"
                f" under 0.99 {sum(r[0] < 0.99 for r in rows)}, refused {refused}"
            )
            if kind.startswith("news") and isinstance(rows[0][3], dict):
                right = sum(r[3]["headline"].strip() == truths[r[2]].split("\n", 1)[0].strip() for r in rows)
                line += f", headline right {right}"
            print(line)
            for kept, junk, file, _ in sorted(rows)[: args.worst]:
                print(f"  {'':>24}{file}: kept {kept:.3f}, junk {junk:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
