"""Extraction: a capture's bytes become article snapshots.

:func:`decode_bytes` validates and decodes raw bytes (any encoding scrapers produce);
:func:`extract_capture` picks the layout (a saved feed, HTML, JSON Lines, aggregator page,
one page's article, or plain text), returns :class:`~revtrack.models.Article` values in page order
and accounts for every line of a text capture (:mod:`revtrack.extract.accounting`).
Unknown layouts degrade to plain text; nothing here raises on content, only on
undecodable input.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from revtrack.extract.decode import decode_bytes, decode_capture
from revtrack.records import frozen

if TYPE_CHECKING:
    from revtrack.extract.accounting import Accounting
    from revtrack.models import Article

__all__ = ["Extraction", "decode_bytes", "decode_capture", "extract_articles", "extract_capture"]


@frozen
class Extraction:
    """A capture's articles, the layout they were read with, and what became of each line."""

    layout: str
    articles: list[Article]
    # every line of a text capture accounted for; None for HTML (trafilatura decides) and
    # JSON Lines (every line is an article)
    accounting: Accounting | None = None
    #: warnings about the capture's reading (a JSON field whose words were not read)
    notes: tuple[str, ...] = ()


def extract_capture(
    text: str,
    captured_at: datetime,
    name: str = "",
    chrome: Callable[[str], bool] | None = None,
    layout: str = "auto",
    document: str = "",
    encoding: str = "",
) -> Extraction:
    """Read a decoded capture into articles, and account for every line of a text capture.

    ``layout`` (``auto``, ``plain`` or ``page``) applies to text captures: a user
    who knows a folder is plain text says so, and every line is kept. ``document``
    names the word processor's document the text was read from
    (:func:`~revtrack.extract.decode.document_of`): ``auto`` reads it as plain text.
    ``chrome`` says whether a line is known chrome of the capture's site
    (learned from other captures). ``encoding`` is the one the capture's bytes were decoded
    with (:func:`decode_bytes`): a mail's parts are read from those bytes, each in the
    charset it declares.
    """
    # the parsers load on first use: `revtrack diff` on files needs only decoding
    from revtrack.extract.accounting import account_lines
    from revtrack.extract.feeds import looks_like_feed, parse_feed
    from revtrack.extract.html import html_articles, is_html
    from revtrack.extract.jsonl import (
        json_document_records,
        looks_like_jsonl,
        parse_json_document,
        parse_jsonl,
    )
    from revtrack.extract.mime import looks_like_mime
    from revtrack.extract.page import read_page

    if looks_like_mime(name, text[:8192]):
        from revtrack.extract.mail import mime_capture

        return mime_capture(text, captured_at, name, chrome, layout, encoding)
    from revtrack.extract.wire_xml import looks_like_wire

    if looks_like_wire(text):  # an agency's NITF or NewsML: a story an item
        from revtrack.extract.feeds import entry_articles
        from revtrack.extract.wire_xml import wire_entries

        stories = wire_entries(text)
        if stories:
            return Extraction("wire", entry_articles(stories, captured_at))
    if looks_like_feed(text):  # before HTML: a feed's entries often hold markup
        entries = parse_feed(text, captured_at)
        if entries is not None:  # a feed with no entry has no article (its markup is none)
            return Extraction("feed", entries)
    table = _csv_table(name, text, captured_at)
    if table is not None:
        return table
    from revtrack.extract.notebook import looks_like_notebook, notebook_extraction

    # a Jupyter notebook: its cells and their text outputs, before JSON records (a notebook is JSON)
    if looks_like_notebook(name, text[:4096]) and (notebook := notebook_extraction(text, name)):
        return notebook
    found = json_document_records(text) if not name.endswith((".jsonl", ".ndjson")) else None
    if found is not None:  # before HTML: a record's body may be markup
        articles, notes = parse_json_document(*found[:1], captured_at, name, found[1])
        return Extraction("posts" if found[1] else "json", articles, notes=notes)
    from revtrack.extract.captions import caption_extraction, looks_like_captions

    # subtitles: what is said, not when (before HTML: cues hold tags); --layout plain keeps every line
    if (
        layout != "plain"
        and looks_like_captions(name, text[:2048])
        and (captions := caption_extraction(text, name))
    ):
        return captions
    if is_html(name, text[:2048]):
        return Extraction(*html_articles(text, captured_at, name, chrome))
    from revtrack.extract.xml_text import looks_like_xml, xml_extraction

    # an XML document of no kind read above (JATS, DocBook, TEI): its text, not its markup
    if layout != "plain" and looks_like_xml(name, text) and (xml := xml_extraction(text, captured_at, name)):
        return xml
    if name.endswith((".jsonl", ".ndjson")) or looks_like_jsonl(text):
        articles, note = parse_jsonl(text, captured_at, name)
        return Extraction("jsonl", articles, notes=(note,) if note else ())
    reading = read_page(text, captured_at, chrome, layout, document)
    accounting = account_lines(
        reading.lines, reading.articles, chrome, reading.comments, reading.why, reading.furniture
    )
    return Extraction(reading.layout, reading.articles, accounting)


def _csv_table(name: str, text: str, captured_at: datetime) -> Extraction | None:
    """A CSV or TSV table of articles (:mod:`revtrack.extract.csv_records`): named so, or
    headed by a row that names a headline and a body; None for any other text."""
    from collections import Counter

    from revtrack.extract.csv_records import csv_delimiter, is_csv_name, iter_csv
    from revtrack.extract.record_fields import unread_note

    first_line = text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    if not is_csv_name(name) and (not first_line or csv_delimiter(name, first_line) is None):
        return None
    unread: Counter[str] = Counter()
    articles = list(iter_csv(text.lstrip("\ufeff").splitlines(keepends=True), captured_at, name, unread))
    note = unread_note(name or "<csv>", unread)
    return Extraction("csv", articles, notes=(note,) if note else ())


def extract_articles(
    text: str,
    captured_at: datetime,
    name: str = "",
    chrome: Callable[[str], bool] | None = None,
    document: str = "",
    encoding: str = "",
) -> tuple[str, list[Article]]:
    """Return ``(layout, articles)`` for a decoded capture (see :func:`extract_capture`).

    ``layout`` is ``"feed"``, ``"html"`` (or ``"html-visible"``), ``"jsonl"``, ``"page"`` or
    ``"plain"``.
    """
    extraction = extract_capture(text, captured_at, name, chrome, document=document, encoding=encoding)
    return extraction.layout, extraction.articles
