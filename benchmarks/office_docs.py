"""Word-processor documents (``.docx``, ``.odt``) made by Word, LibreOffice and python-docx.

    python benchmarks/office_docs.py            # fetch the files if missing, then score
    python benchmarks/office_docs.py --tree DIR # read them with the revtrack in DIR
    python benchmarks/office_docs.py --doc      # Word 97-2003 .doc files (oletools', olefile's)

The documents are the real files the python-docx and odfpy projects test with (their
sdists on PyPI, unpacked into the git-ignored ``benchmarks/.office/``): Word- and
LibreOffice-made documents with tables, styles, notes, headers, fields and images,
many of them tiny feature fixtures. Each is read through ``revtrack ingest`` (in its
own process, with the given tree first on the path) and its stored article is
compared with a reference reading of the same file: every text node of the document,
its notes, headers and footers, less tracked deletions, field codes, comments and
drawing fallbacks, tags replaced by spaces. The reference splits a word that the file
splits across runs or spans ("Para" + "graph"), so a few words count as lost where
revtrack joins them as the document shows them: the figure is a floor.
"""

from __future__ import annotations

import argparse
import collections
import html
import json
import re
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "benchmarks" / ".office"
SDISTS = {"python-docx": "1.2.0", "odfpy": "1.4.1"}
WORD = re.compile(r"\w+")
# what a reader of the document does not see as its text (see revtrack/extract/office.py)
_HIDDEN = re.compile(
    r"<w:delText[^>]*>.*?</w:delText>|<w:instrText[^>]*>.*?</w:instrText>|<mc:Fallback.*?</mc:Fallback>"
    r"|<office:annotation.*?</office:annotation>|<text:tracked-changes.*?</text:tracked-changes>",
    re.S,
)
_PARTS = re.compile(r"word/(document|footnotes|endnotes|header\d*|footer\d*)\.xml|content\.xml|styles\.xml")


def fetch() -> None:
    """Unpack the sdists' .docx and .odt files into :data:`FOLDER`."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    for name, version in SDISTS.items():
        with urllib.request.urlopen(f"https://pypi.org/simple/{name}/", timeout=60) as page:
            index = page.read().decode()
        pattern = rf'href="([^"#]+/{re.escape(name.replace("-", "_"))}-{re.escape(version)}\.tar\.gz)'
        found = re.search(pattern, index, re.IGNORECASE) or re.search(
            rf'href="([^"#]+/{re.escape(name)}-{re.escape(version)}\.tar\.gz)', index, re.IGNORECASE
        )
        with urllib.request.urlopen(found.group(1), timeout=120) as response:
            data = response.read()
        with tarfile.open(fileobj=__import__("io").BytesIO(data)) as archive:
            for member in archive.getmembers():
                if member.isfile() and member.name.endswith((".docx", ".odt")):
                    target = FOLDER / f"{name}__{Path(member.name).name}"
                    target.write_bytes(archive.extractfile(member).read())


def reference_words(path: Path) -> collections.Counter[str]:
    """The words of every text node a reader of the document sees (see the module's docstring)."""
    text = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not _PARTS.fullmatch(name):
                continue
            xml = archive.read(name).decode("utf-8", "replace")
            if name == "styles.xml":  # only the master pages' headers and footers are text there
                xml = " ".join(re.findall(r"<style:(header|footer)[^>]*>.*?</style:\1>", xml, re.S))
            text.append(re.sub(r"<[^>]+>", " ", _HIDDEN.sub(" ", xml)))
    return collections.Counter(WORD.findall(html.unescape(" ".join(text))))


def ingested(tree: Path, files: list[Path]) -> tuple[dict[str, str], dict[str, str]]:
    """Each file through ``revtrack ingest`` in its own process (so one refusal names one
    file): ``(stored text by name, refusal line by name)``."""
    rows: dict[str, str] = {}
    refused: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="office-") as work:
        for path in files:
            db = Path(work) / f"{path.name}.db"
            run = subprocess.run(
                [sys.executable, "-m", "revtrack", "ingest", str(path), "--db", str(db)],
                capture_output=True,
                text=True,
                cwd=work,
                env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
            )
            if run.returncode:
                refused[path.name] = run.stderr.strip().splitlines()[0] if run.stderr.strip() else run.stdout
                continue
            conn = sqlite3.connect(db)
            (rows[path.name],) = conn.execute(
                "SELECT group_concat(headline || ' ' || body, ' ') FROM revisions"
            ).fetchone()
            conn.close()
    return rows, refused


#: Word 97-2003 files (``--doc``): the real ones oletools and olefile test with, and the
#: ``.docx`` saved from the same document where the sdist has one (its reading is the truth).
DOC_SDISTS = {"oletools": "0.60.2", "olefile": "0.47", "msg_parser": "1.2.0"}
DOC_FOLDER = ROOT / "benchmarks" / ".office-doc"
DOC_TWINS = {"dde-test-from-office2016.doc": "dde-test.docx"}


def fetch_doc() -> None:
    """The sdists' ``.doc`` files and their ``.docx`` twins into :data:`DOC_FOLDER` (pip download)."""
    DOC_FOLDER.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        for name, version in DOC_SDISTS.items():
            command = [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--no-binary",
                ":all:",
                "-d",
                work,
            ]
            subprocess.run([*command, f"{name}=={version}"], check=True, capture_output=True)
        for sdist in Path(work).iterdir():
            if sdist.name.endswith(".tar.gz"):  # msg_parser's: its Outlook messages
                with tarfile.open(sdist) as archive:
                    for member in archive.getmembers():
                        if member.isfile() and member.name.endswith(".msg"):
                            (DOC_FOLDER / Path(member.name).name).write_bytes(
                                archive.extractfile(member).read()
                            )
                continue
            with zipfile.ZipFile(sdist) as archive:
                names = archive.namelist()
                docs = {Path(n).name: n for n in names if n.endswith(".doc")}
                wanted = set(docs.values()) | {
                    n
                    for n in names
                    if n.endswith(".docx")
                    and (Path(n).stem + ".doc" in docs or Path(n).name in DOC_TWINS.values())
                }
                for member in wanted:
                    (DOC_FOLDER / Path(member).name).write_bytes(archive.read(member))


def score_doc(tree: Path) -> dict:
    """Each ``.doc`` read; where it has a ``.docx`` twin, the twin's words found in it."""
    docs = sorted([*DOC_FOLDER.glob("*.doc"), *DOC_FOLDER.glob("*.msg")])
    twins = {d.name: DOC_FOLDER / DOC_TWINS.get(d.name, d.stem + ".docx") for d in docs}
    twins = {name: twin for name, twin in twins.items() if twin.exists()}
    rows, refused = ingested(tree, docs)
    truth, _ = ingested(tree, sorted(set(twins.values())))
    headlines = _headlines(tree, docs)
    out = {}
    for doc in docs:
        got = collections.Counter(WORD.findall(rows.get(doc.name, "")))
        row: dict = {
            "words": sum(got.values()),
            "headline": headlines.get(doc.name, ""),
            "refused": refused.get(doc.name, ""),
        }
        if doc.name in twins and twins[doc.name].name in truth:
            want = collections.Counter(WORD.findall(truth[twins[doc.name].name]))
            row["twin"] = twins[doc.name].name
            row["twin_words_kept"] = round(sum((want & got).values()) / max(1, sum(want.values())), 4)
        out[doc.name] = row
    return out


def _headlines(tree: Path, files: list[Path]) -> dict[str, str]:
    """Each file's first headline as ``revtrack ingest`` stores it (one process for all)."""
    code = (
        "import json, sys\n"
        "from datetime import UTC, datetime\n"
        "from revtrack.errors import InputError\n"
        "from revtrack.ingest.captures import prepare_bytes\n"
        "out = {}\n"
        "for path in sys.argv[1:]:\n"
        "    try:\n"
        "        rows = prepare_bytes(path, open(path, 'rb').read(), datetime.now(UTC), 'file', None).rows\n"
        "        out[path.rsplit('/', 1)[-1]] = rows[0].headline\n"
        "    except InputError:\n"
        "        pass\n"
        "print(json.dumps(out))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, *map(str, files)],
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
    )
    return json.loads(run.stdout or "{}")


def score(tree: Path) -> dict:
    files = sorted(p for p in FOLDER.iterdir() if p.suffix in (".docx", ".odt"))
    rows, refused = ingested(tree, files)
    total = kept = 0
    losing = []
    for path in files:
        have = reference_words(path)
        got = collections.Counter(WORD.findall(rows.get(path.name, "")))
        total += sum(have.values())
        kept += sum((have & got).values())
        if have - got and path.name in rows:
            losing.append((path.name, sum((have - got).values()), sum(have.values())))
    return {
        "files": len(files),
        "read": len(rows),
        "refused": refused,
        "words": total,
        "words_kept": round(kept / total, 4) if total else 1.0,
        "losing": losing,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tree", type=Path, default=ROOT, help="the revtrack checkout to run")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--doc", action="store_true", help="the Word 97-2003 .doc files instead")
    args = ap.parse_args()
    if args.doc:
        if not DOC_FOLDER.exists() or not any(DOC_FOLDER.glob("*.doc")):
            fetch_doc()
        for name, row in score_doc(args.tree.resolve()).items():
            print(f"{name}: " + json.dumps(row))
        return 0
    if not FOLDER.exists() or not any(FOLDER.iterdir()):
        fetch()
    result = score(args.tree.resolve())
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(
        f"{result['files']} documents: {result['read']} read, {len(result['refused'])} refused; "
        f"words kept {result['words_kept']:.4f} of {result['words']:,} (a floor: see the docstring)"
    )
    reasons = collections.Counter(
        re.sub(r"^revtrack: \S+: ", "", line) for line in result["refused"].values()
    )
    for reason, count in reasons.most_common():
        print(f"  refused {count:>3}: {reason}")
    for name, lost, words in result["losing"]:
        print(f"  {name}: {lost} of {words} words not found as the reference splits them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
