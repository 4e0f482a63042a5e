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
import re
import zlib

from revtrack.errors import InputError

__all__ = ["PDF_KIND", "pdf_text"]

#: All of a PDF's compressed streams together may not inflate beyond this. pdfminer.six inflates
#: each stream whole, so a crafted file (a few hundred kilobytes of zeros compressed a thousand
#: to one) would take all the memory there is; it is refused before pdfminer sees it.
MAX_INFLATED = 512 * 1024 * 1024
# where a stream's bytes begin: after "stream" and its line end
_STREAM = re.compile(rb"stream\r?\n")

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
    _check_inflated_size(path, raw)
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


def _check_inflated_size(path: str, raw: bytes, limit: int | None = None) -> None:
    """Refuse a PDF whose deflated streams inflate past ``limit`` in all, found by inflating
    each (bounded, the output dropped) before pdfminer inflates them for real.

    >>> bomb = b"%PDF-1.4 stream\\n" + zlib.compress(bytes(2048)) + b"endstream"
    >>> _check_inflated_size("a.pdf", bomb, limit=1024)
    Traceback (most recent call last):
    ...
    revtrack.errors.InputError: a.pdf: a PDF whose compressed streams inflate past 1024 bytes (a zip bomb?)
    >>> _check_inflated_size("a.pdf", bomb)
    """
    limit = MAX_INFLATED if limit is None else limit
    total = 0
    view = memoryview(raw)  # slices without copies: a PDF may hold thousands of streams
    for match in _STREAM.finditer(raw):
        if raw[max(0, match.start() - 3) : match.start()] == b"end":
            continue  # "endstream": a stream's end, not its start
        end = raw.find(b"endstream", match.end())
        data: bytes | memoryview = view[match.end() : end if end >= 0 else len(raw)]
        inflater = zlib.decompressobj()
        try:
            while data and total <= limit:
                total += len(inflater.decompress(data, 16 << 20))
                data = inflater.unconsumed_tail
        except zlib.error:
            continue  # not deflated (or not only): pdfminer reads it as it can
        if total > limit:
            raise InputError(path, f"a PDF whose compressed streams inflate past {limit} bytes (a zip bomb?)")
