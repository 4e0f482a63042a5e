"""Documentation books as web pages: headlines and article text on a site nobody tuned on.

    python benchmarks/books.py            # every page of the Rust toolchain's books
    python benchmarks/books.py --worst 10

The Rust toolchain installs its books as HTML pages made by mdBook (the Rust
book, the Reference, the Rustonomicon, Rust by Example in five languages, the
Cargo and rustc books): a sidebar of every chapter, a menu bar whose one
``<h1>`` is the book's name, a hidden help box, then the chapter in ``<main>``.
They are read in place (``rustup``'s ``share/doc/rust/html``; nothing is
copied or committed) two ways: as ``revtrack ingest page.html`` reads HTML
(trafilatura, then revtrack's naming of the page), and as the visible text of
the page (the text path). The headline is right when it is the page's part of
its ``<title>`` ("What is Ownership? - The Rust Programming Language"), word
for word or with words of the site left out; the text is scored by
bag-of-words F1 against the text of ``<main>``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.extraction import f1, names_title  # noqa: E402
from revtrack.extract import extract_capture  # noqa: E402
from revtrack.extract.visible import visible_text  # noqa: E402

BOOKS = Path.home() / ".rustup" / "toolchains"
CAPTURED = datetime(2026, 1, 1, tzinfo=UTC)


def pages() -> list[Path]:
    """The books' pages of the first installed toolchain (sorted for a stable run)."""
    for toolchain in sorted(BOOKS.glob("*")):
        html = toolchain / "share" / "doc" / "rust" / "html"
        if html.is_dir():
            books = ("book", "reference", "nomicon", "rust-by-example", "rustc", "cargo", "edition-guide")
            return sorted(p for book in books for p in (html / book).rglob("*.html"))
    return []


def score(paths: list[Path]) -> dict:
    """Headline agreement and text F1 for the HTML path and the visible-text path."""
    import lxml.html

    rows = []
    for path in paths:
        raw = path.read_text(errors="replace")
        tree = lxml.html.fromstring(raw.encode())
        main, title = tree.find(".//main"), tree.findtext(".//title") or ""
        if main is None or len(main.text_content().split()) < 50 or " - " not in title:
            continue  # a redirect or a print page: no chapter
        truth, page_title = main.text_content(), title.rsplit(" - ", 1)[0]
        row = {"page": str(path)}
        for mode, text, name in (("html", raw, path.name), ("text", visible_text(raw), "page.txt")):
            articles = extract_capture(text, CAPTURED, name).articles
            best = max(articles, key=lambda a: len(a.body), default=None)
            headline, body = (best.headline, best.body) if best else ("", "")
            row[f"{mode}_headline"] = names_title(headline, page_title)
            row[f"{mode}_f1"] = f1(headline + "\n" + body, truth)[2]
        rows.append(row)
    figures = {"pages": len(rows)}
    for mode in ("html", "text"):
        figures[f"{mode}_headline_right"] = f"{sum(r[f'{mode}_headline'] for r in rows)}/{len(rows)}"
        figures[f"{mode}_f1"] = round(sum(r[f"{mode}_f1"] for r in rows) / max(1, len(rows)), 3)
    figures["rows"] = rows
    return figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--worst", type=int, default=0, help="list the N pages with the lowest HTML F1")
    args = ap.parse_args()
    paths = pages()
    if not paths:
        print(f"no Rust toolchain books under {BOOKS}: nothing to score")
        return 1
    figures = score(paths)
    rows = figures.pop("rows")
    print(", ".join(f"{k} {v}" for k, v in figures.items()))
    for row in sorted(rows, key=lambda r: r["html_f1"])[: args.worst]:
        print(f"  {row['html_f1']:.3f} {row['page']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
