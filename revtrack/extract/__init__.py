"""Extraction: a capture's bytes become article snapshots.

:func:`decode_bytes` validates and decodes raw bytes (any encoding scrapers produce); :func:`extract_articles`
picks the layout (JSON Lines, aggregator page, or plain text) and returns
:class:`~revtrack.models.Article` values in page order. Unknown layouts degrade
to plain text; nothing here raises on content, only on undecodable input.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from revtrack.extract.decode import decode_bytes, decode_capture

if TYPE_CHECKING:
    from revtrack.models import Article

__all__ = ["decode_bytes", "decode_capture", "extract_articles"]


def extract_articles(
    text: str, captured_at: datetime, name: str = "", chrome: Callable[[str], bool] | None = None
) -> tuple[str, list[Article]]:
    """Return ``(layout, articles)`` for a decoded capture.

    ``layout`` is ``"html"`` (or ``"html-visible"``), ``"jsonl"``, ``"page"`` or
    ``"plain"``. ``chrome`` says whether a line is known chrome of the capture's
    site (learned from other captures).
    """
    # the parsers load on first use: `revtrack diff` on files needs only decoding
    from revtrack.extract.html import html_articles, is_html
    from revtrack.extract.jsonl import looks_like_jsonl, parse_jsonl
    from revtrack.extract.page import parse_page

    if is_html(name, text[:2048]):
        return html_articles(text, captured_at, name, chrome)
    if name.endswith((".jsonl", ".ndjson")) or looks_like_jsonl(text):
        return "jsonl", parse_jsonl(text, captured_at, name)
    return parse_page(text, captured_at, chrome)
