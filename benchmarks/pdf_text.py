"""Real PDFs turned into text, as people save them: is every word kept, and the page furniture named?

    pip install pdfminer.six pypdf        # pypdf benchmark-only; pdfminer.six is the pdf extra
    python benchmarks/pdf_text.py                    # every PDF under /usr/share/doc
    python benchmarks/pdf_text.py --root DIR --show  # and each file's dropped lines
    python benchmarks/pdf_text.py --news             # the reference articles typeset (pip install reportlab)

Each PDF is turned into text by each extractor installed (pdfminer.six's ``extract_text``,
which ends every page with a form feed as ``pdftotext`` does; ``revtrack``, the call
``revtrack ingest file.pdf`` makes with the ``pdf`` extra; and pypdf, its pages joined by
form feeds), and read as ``revtrack ingest file.txt`` reads it. ``kept`` is the share
of the text's words (runs of word characters) found in the articles; the words of lines
dropped as ``page-furniture`` (page numbers, running headers and footers) are counted
apart, as ``furniture``; ``other`` is every other dropped word.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from revtrack.extract import extract_capture  # noqa: E402

WORD = re.compile(r"\w+")
CAPTURED = datetime(2026, 1, 1, tzinfo=UTC)


def extractors() -> dict[str, object]:
    """The PDF-to-text extractors installed: name -> function(path) -> text."""
    found: dict[str, object] = {}
    try:
        from pdfminer.high_level import extract_text

        found["pdfminer"] = lambda path: extract_text(str(path))
    except ImportError:
        pass
    if "pdfminer" in found:  # revtrack's own reading of a PDF's bytes (the pdf extra): the same call
        from revtrack.extract.pdf import pdf_text

        found["revtrack"] = lambda path: pdf_text(str(path), Path(path).read_bytes())[0]
    try:
        import pypdf

        found["pypdf"] = lambda path: "\f".join(
            p.extract_text() or "" for p in pypdf.PdfReader(str(path)).pages
        )
    except ImportError:
        pass
    return found


def score(text: str, name: str) -> dict[str, object]:
    """How one text is read: layout, words kept, furniture and other dropped words."""
    extraction = extract_capture(text, CAPTURED, name)
    got = collections.Counter(WORD.findall("\n".join(f"{a.headline}\n{a.body}" for a in extraction.articles)))
    want = collections.Counter(WORD.findall(text))
    dropped = extraction.accounting.dropped
    furniture = sum(len(WORD.findall(d.text)) for d in dropped if d.reason == "page-furniture")
    other = sum(len(WORD.findall(d.text)) for d in dropped if d.reason != "page-furniture")
    lost = sum((want - got).values())
    words = sum(want.values())
    return {
        "layout": extraction.layout,
        "words": words,
        "kept": 1 - lost / words if words else 1.0,
        "furniture": furniture,
        "other": other,
        "dropped": dropped,
        "why": extraction.accounting.why,
    }


def typeset_news(folder: Path) -> dict[Path, tuple[str, list[str]]]:
    """The reference articles of ``plain_layouts.py`` (Latin script: the PDF's fonts have no
    other glyphs) typeset as a newspaper's PDFs with reportlab: headline, byline, date,
    justified paragraphs, the outlet and date over each page, its number under it.
    Returns each PDF's ``(headline, paragraphs)``."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from plain_layouts import articles

    folder.mkdir(parents=True, exist_ok=True)
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    body.alignment = 4  # justified

    def furniture(canvas, doc) -> None:
        canvas.setFont("Helvetica", 8)
        canvas.drawString(72, A4[1] - 40, "Velmora Gazette")
        canvas.drawRightString(A4[0] - 72, A4[1] - 40, "March 3, 2024")
        canvas.drawCentredString(A4[0] / 2, 30, f"Page {doc.page}")

    out: dict[Path, tuple[str, list[str]]] = {}
    for label, headline, paragraphs in articles():
        text = headline + " ".join(paragraphs)
        if any(
            ord(ch) > 0x24F and ch not in "\u2013\u2014\u2018\u2019\u201c\u201d\u201e\u2026\u20ac"
            for ch in text
        ):
            continue
        path = folder / (label.replace("/", "__") + ".pdf")
        if not path.exists():
            story = [Paragraph(escape(headline), styles["Title"]), Paragraph("By Jane Doe", body)]
            story += [Paragraph("March 3, 2024", body)] + [Paragraph(escape(p), body) for p in paragraphs]
            SimpleDocTemplate(str(path), pagesize=A4).build(
                story, onFirstPage=furniture, onLaterPages=furniture
            )
        out[path] = (headline, paragraphs)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", default="/usr/share/doc", help="folder searched for *.pdf")
    ap.add_argument("--show", action="store_true", help="list each file's dropped lines")
    ap.add_argument("--news", action="store_true", help="typeset the reference articles as PDFs (reportlab)")
    args = ap.parse_args()
    tools = extractors()
    if not tools:
        print("no PDF extractor installed: pip install pdfminer.six pypdf", file=sys.stderr)
        return 2
    if args.news:
        return news(tools)
    pdfs = sorted(p for p in Path(args.root).rglob("*.pdf") if p.stat().st_size > 20_000)
    for tool, extract in tools.items():
        rows = []
        for pdf in pdfs:
            try:
                text = extract(pdf)
            except Exception as exc:  # a PDF the extractor cannot read is named, not scored
                print(f"  {tool} {pdf}: not read ({type(exc).__name__})")
                continue
            if not WORD.search(text):
                continue  # a drawing: no text
            row = score(text, pdf.name + ".txt")
            rows.append((pdf, row))
            print(
                f"{tool:>9} {row['layout']:>5} kept {row['kept']:.4f}  words {row['words']:>6}"
                f"  furniture {row['furniture']:>4}  other dropped {row['other']:>5}  {pdf}"
            )
            if args.show:
                for d in row["dropped"]:
                    print(f"{'':>12}{d.line:>6} {d.reason:<15} {d.text[:70]}")
        if rows:
            words = sum(r["words"] for _, r in rows)
            kept = sum(r["kept"] * r["words"] for _, r in rows) / words
            print(f"{tool:>9}: {len(rows)} files, {words:,} words, kept {kept:.4f}")
    return 0


def news(tools: dict[str, object]) -> int:
    """Score the typeset articles: the article's own words kept, headline, read as, furniture."""
    typeset = typeset_news(ROOT / "benchmarks" / ".cache" / "pdf-news")
    for tool, extract in tools.items():
        kept, named, pages, furnished, gaps = [], 0, 0, 0, []
        for path, (headline, paragraphs) in sorted(typeset.items()):
            text = extract(path)
            extraction = extract_capture(text, CAPTURED, path.name + ".txt")
            got = collections.Counter(
                WORD.findall("\n".join(f"{a.headline}\n{a.body}" for a in extraction.articles).casefold())
            )
            want = collections.Counter(WORD.findall(f"{headline}\n{chr(10).join(paragraphs)}".casefold()))
            kept.append(sum((got & want).values()) / max(1, sum(want.values())))
            first = extraction.articles[0].headline if extraction.articles else ""
            named += " ".join(first.split()).casefold() == " ".join(headline.split()).casefold()
            pages += extraction.layout == "page"
            furnished += any(d.reason == "page-furniture" for d in extraction.accounting.dropped)
            read = sum(len([q for q in a.body.split("\n\n") if q.strip()]) for a in extraction.articles)
            gaps.append(abs(read - len(paragraphs)))
        print(
            f"{tool:>9}: {len(kept)} news PDFs, kept {sum(kept) / len(kept):.4f},"
            f" under 0.99 {sum(k < 0.99 for k in kept)}, read as pages {pages},"
            f" headline right {named}, furniture named in {furnished},"
            f" paragraph gap {sum(gaps) / len(gaps):.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
