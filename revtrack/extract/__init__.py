"""Extraction: a capture's bytes become article snapshots.

:func:`decode_capture` validates and decodes raw bytes; :func:`extract_articles`
picks the layout (JSON Lines, aggregator page, or plain text) and returns
:class:`~revtrack.models.Article` values in page order. Unknown layouts degrade
to plain text; nothing here raises on content, only on undecodable input.
"""

from __future__ import annotations

from datetime import datetime

from revtrack.errors import InputError
from revtrack.extract.jsonl import looks_like_jsonl, parse_jsonl
from revtrack.extract.page import parse_page
from revtrack.models import Article

__all__ = ["decode_capture", "extract_articles"]


def decode_capture(path: str, raw: bytes) -> str:
    """Decode a capture's bytes as UTF-8 text, refusing binary, invalid and empty files.

    >>> decode_capture("a.txt", "caf\u00e9".encode())
    'caf\u00e9'
    >>> decode_capture("a.bin", b"\\x00\\x01")
    Traceback (most recent call last):
    ...
    revtrack.errors.InputError: a.bin: binary file (NUL bytes), not a text capture
    """
    if not raw.strip():
        raise InputError(path, "empty file")
    if b"\x00" in raw[:65536]:
        raise InputError(path, "binary file (NUL bytes), not a text capture")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not valid UTF-8 (byte {exc.start}: {exc.reason})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def extract_articles(text: str, captured_at: datetime, name: str = "") -> tuple[str, list[Article]]:
    """Return ``(layout, articles)`` for a decoded capture.

    ``layout`` is ``"jsonl"``, ``"page"`` or ``"plain"``.
    """
    if name.endswith((".jsonl", ".ndjson")) or looks_like_jsonl(text):
        return "jsonl", parse_jsonl(text, captured_at, name)
    return parse_page(text, captured_at)
