"""Pages saved as one file by a browser (MHTML) and news sent as e-mail (``.eml``).

    python benchmarks/saved_pages.py              # build if missing, then score
    python benchmarks/saved_pages.py --tree DIR   # score another checkout the same way

Built into the git-ignored ``benchmarks/.saved-pages/`` from the real pages of
``benchmarks/extraction.py`` (build that first):

* ``mhtml``: each page as Chrome's "Webpage, Single File" writes it (``From: <Saved by
  Blink>``, ``Snapshot-Content-Location``, ``multipart/related``, the HTML
  quoted-printable, an image part beside it), under a ``.mhtml`` name;
* ``mhtml-unnamed``: the same bytes under a name without a suffix;
* ``eml-plain``: each reference text as a newsletter: ``Subject`` the title, the text
  ``text/plain; charset=utf-8``, quoted-printable;
* ``eml-alternative``: ``multipart/alternative``, the text base64 and an HTML version of it.

Each file is ingested with ``revtrack ingest`` of the tree scored (a process, a fresh
store). Figures: files refused; words kept (the reference words found in the stored
headline and body, as a multiset); for the pages, stored bodies equal to those of the
same page ingested as ``.html``; for the messages, headlines equal to the subject and
dates found.
"""

from __future__ import annotations

import base64
import collections
import json
import quopri
import shutil
import sys
from html import escape
from pathlib import Path

from benchmarks.tree_ingest import ingest_each, print_forms

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SAVED = ROOT / "benchmarks" / ".saved-pages"
FORMS = ("html", "mhtml", "mhtml-unnamed", "eml-plain", "eml-alternative")


def _mhtml(html: bytes, address: str) -> str:
    boundary = "----MultipartBoundary--revtrackBenchmark0123456789----"
    return (
        "From: <Saved by Blink>\n"
        f"Snapshot-Content-Location: {address}\n"
        "Subject: \n"
        "Date: Wed, 29 Mar 2023 18:33:42 -0000\n"
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/related;\n\ttype="text/html";\n'
        f'\tboundary="{boundary}"\n\n\n'
        f"--{boundary}\n"
        "Content-Type: text/html\n"
        "Content-ID: <frame-0@mhtml.blink>\n"
        "Content-Transfer-Encoding: quoted-printable\n"
        f"Content-Location: {address}\n\n" + quopri.encodestring(html).decode("ascii") + f"\n--{boundary}\n"
        "Content-Type: image/png\n"
        "Content-Transfer-Encoding: base64\n"
        "Content-Location: https://example.org/logo.png\n\n"
        "iVBORw0KGgo=\n"
        f"--{boundary}--\n"
    )


def _eml(title: str, text: str, alternative: bool) -> str:
    from email.header import Header

    head = (
        "From: Harbour Gazette <briefing@gazette.example>\n"
        "To: reader@example.org\n"
        f"Subject: {Header(title, 'utf-8').encode()}\n"
        "Date: Tue, 03 Mar 2026 07:00:00 +0100\n"
        "MIME-Version: 1.0\n"
    )
    if not alternative:
        body = quopri.encodestring(text.encode()).decode("ascii")
        return (
            head
            + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
            + body
        )
    html = (
        "<html><body>"
        + "".join(f"<p>{escape(p)}</p>" for p in text.split("\n") if p.strip())
        + "</body></html>"
    )
    return (
        head
        + 'Content-Type: multipart/alternative; boundary="alt"\n\n--alt\n'
        + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
        + base64.encodebytes(text.encode()).decode("ascii")
        + "\n--alt\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
        + base64.encodebytes(html.encode()).decode("ascii")
        + "\n--alt--\n"
    )


def build() -> None:
    """Write every form's files, and the reference texts and titles."""
    from benchmarks.extraction import PAGES

    if SAVED.exists():
        shutil.rmtree(SAVED)
    truth = {}
    for form in FORMS:
        (SAVED / form).mkdir(parents=True)
    for source in ("newspaper4k", "trafilatura"):
        for html in sorted((PAGES / source / "html").glob("*.html")):
            reference = PAGES / source / "truth" / f"{html.stem}.txt"
            if not reference.exists():
                continue
            stem = f"{source}.{html.stem}"
            raw = html.read_bytes()
            text = reference.read_text(errors="replace")
            title = text.strip().split("\n", 1)[0][:120]
            (SAVED / "html" / f"{stem}.html").write_bytes(raw)
            saved = _mhtml(raw, f"https://{source}.example/{html.stem}")
            (SAVED / "mhtml" / f"{stem}.mhtml").write_text(saved)
            (SAVED / "mhtml-unnamed" / stem).write_text(saved)
            (SAVED / "eml-plain" / f"{stem}.eml").write_text(_eml(title, text, alternative=False))
            (SAVED / "eml-alternative" / f"{stem}.eml").write_text(_eml(title, text, alternative=True))
            truth[stem] = {"text": text, "title": title}
    (SAVED / "truth.json").write_text(json.dumps(truth))


def _stored(tree: Path, folder: Path) -> tuple[int, dict[str, dict]]:
    """Ingest each file of ``folder``; ``(files refused, stem -> exported row)``."""
    refused, exported = ingest_each(tree, sorted(folder.iterdir()), "2026-03-04")
    rows: dict[str, dict] = {}
    for row in exported:
        for sighting in row["sightings"]:
            name = Path(sighting["path"]).name
            for suffix in (".html", ".mhtml", ".eml"):
                name = name.removesuffix(suffix)
            rows[name] = {**row, "sighting": sighting}
    return refused, rows


def score(tree: Path) -> dict[str, dict]:
    truth = json.loads((SAVED / "truth.json").read_text())
    results = {}
    as_html: dict[str, dict] = {}
    for form in FORMS:
        refused, rows = _stored(tree, SAVED / form)
        kept = total = same = titled = dated = 0
        for stem, item in truth.items():
            words = collections.Counter(item["text"].lower().split())
            total += sum(words.values())
            row = rows.get(stem)
            if row is None:
                continue
            got = collections.Counter(f"{row['headline']}\n{row['body']}".lower().split())
            kept += sum(min(n, got[w]) for w, n in words.items())
            if form == "html":
                as_html[stem] = row
            same += stem in as_html and row["body"] == as_html[stem]["body"]
            titled += row["headline"] == item["title"]
            dated += bool(row["sighting"]["published"])
        results[form] = {
            "files": len(truth),
            "refused": refused,
            "kept": kept / total if total else 1.0,
            "same_as_html": same,
            "headline_is_subject": titled,
            "dated": dated,
        }
    return results


def main() -> None:
    tree = Path(sys.argv[sys.argv.index("--tree") + 1]) if "--tree" in sys.argv else ROOT
    if not (SAVED / "truth.json").exists() or "--rebuild" in sys.argv:
        build()
    results = score(tree)
    columns = [("files", "files"), ("refused", "refused"), ("kept", "kept"), ("=html", "same_as_html")]
    print_forms(tree, results, [*columns, ("subject", "headline_is_subject"), ("dated", "dated")])


if __name__ == "__main__":
    main()
