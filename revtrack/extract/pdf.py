"""PDF files: the text layer, page by page, read as paged text.

A PDF's words are placed glyph by glyph; pdfminer.six (the ``pdf`` extra) puts them
back into lines and paragraphs and ends each page with a form feed, as ``pdftotext``
does, and revtrack then reads that text as any paged text: running heads, footers
and page numbers dropped by name (``page-furniture``), sentences cut by a page break
joined. pdfminer.six, not pypdf, because it kept more of real PDFs' words read this
way (0.997 against 0.987 in ``benchmarks/pdf_text.py``) and more of their headlines.
A scanned PDF has no text layer: it is refused by name (it needs OCR).
"""

from __future__ import annotations

import io
import logging

from revtrack.errors import InputError

__all__ = ["PDF_KIND", "pdf_text"]

#: The kind of capture, as named in its record (its "encoding").
PDF_KIND = "pdf (text layer by pdfminer.six)"


def pdf_text(path: str, raw: bytes) -> tuple[str, str]:
    """``(text, kind)`` of a PDF's bytes: its pages' text, a form feed after each page."""
    try:
        from pdfminer.high_level import extract_text
    except ImportError:
        raise InputError(
            path, "a PDF: reading one needs the pdf extra (pip install 'revtrack[pdf]')"
        ) from None
    # pdfminer logs each oddity of a real file (a missing CropBox, a bad xref entry) as a
    # warning, which with no logging set up would reach the terminal once per page
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        text = extract_text(io.BytesIO(raw))
    except RecursionError:
        raise InputError(path, "a PDF nested too deeply to read") from None
    except Exception as exc:  # pdfminer raises its own errors and plain ones on damaged files
        detail = str(exc).splitlines()[0][:200] if str(exc) else ""
        raise InputError(
            path, f"a PDF that cannot be read ({type(exc).__name__}{': ' + detail if detail else ''})"
        ) from None
    if not text.strip():
        raise InputError(path, "a PDF with no text layer (scanned pages need OCR first)")
    return text, PDF_KIND
