"""An XML document of a kind revtrack has no reader for, read as its text, not as its markup.

A scientific article in JATS (PubMed Central, bioRxiv), a book or manual in DocBook, a
digitised text in TEI, an agency's or a tool's own dialect: read as plain text, the body was
the markup, tags and attributes included, and a file on one line could lose most of its words
to the line reader. Read as XML:

* each element that holds text of its own (a ``<p>``, a ``<title>``, a ``<td>``) is a
  paragraph, with the text of the elements inside it (``<italic>``, ``<xref>``), spaces folded;
  an element holding only other elements (a ``<sec>``, a ``<body>``) is no paragraph;
* tags, attributes, comments and processing instructions are left out; every word of
  element text is kept;
* the headline is the first ``article-title``, ``headline`` or ``title`` element, else the
  first paragraph; the date is the first ``date``/``pub-date``-like element's, from its
  ``when`` or ``iso-8601-date`` attribute, its ``year``/``month``/``day`` children or its text.

Known kinds come first (HTML and XHTML, feeds, NITF and NewsML, TTML and SAMI captions): only
what none of them reads arrives here. A document that does not parse is read as text, as before.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from revtrack.extract import Extraction
    from revtrack.extract.dates import DateMatch

#: Names of files read as XML whatever their first line.
SUFFIXES = (".xml", ".nxml", ".tei", ".dbk", ".docbook", ".jats")
_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)(?=[\s>/])")
# element names compared folded, without "-" and "_": JATS's article-title is PubMed's ArticleTitle
TITLE_NAMES = ("articletitle", "headline", "title")
DATE_NAMES = ("pubdate", "date", "published", "issued", "created")
_DATE_ATTRIBUTES = ("when", "iso-8601-date", "date", "value")


def root_name(head: str) -> str | None:
    """The name of a document's root element (prefix kept), after its XML declaration,
    comments, processing instructions and doctype; None when something else comes first.

    Read step by step: a pattern of the same (``(?:\\s|<!--.*?-->)*<name``) backtracks
    exponentially over a file of many comments whose root is another (8 KB took minutes).

    >>> root_name('<?xml version="1.0"?>\\n<!-- a -->\\n<!-- b -->\\n<!DOCTYPE x>\\n<tt:tt xmlns:tt="x">')
    'tt:tt'
    >>> root_name("Plain text"), root_name("<!-- never closed")
    (None, None)
    """
    at = 0
    while True:
        while at < len(head) and head[at] in "\ufeff \t\r\n":
            at += 1
        for opening, closing in (("<?", "?>"), ("<!--", "-->"), ("<!", ">")):
            if head.startswith(opening, at):
                end = head.find(closing, at + len(opening))
                if end < 0:
                    return None
                at = end + len(closing)
                break
        else:
            match = _ROOT.match(head, at)
            return match.group(1) if match else None


def looks_like_xml(name: str, text: str) -> bool:
    """An XML document: named so, opening with an XML declaration, or one element whose end
    tag closes the text.

    >>> looks_like_xml("a.txt", '<?xml version="1.0"?><doc/>'), looks_like_xml("a.nxml", "")
    (True, True)
    >>> looks_like_xml("a.txt", "<article><p>Hi</p></article>\\n"), looks_like_xml("a.txt", "<b>Note</b> it")
    (True, False)
    """
    if name.lower().endswith(SUFFIXES):
        return True
    head = text[:2048].lstrip("\ufeff \t\r\n")
    if head.startswith("<?xml"):
        return True
    root = _ROOT.match(head)
    return root is not None and text.rstrip().endswith(f"</{root.group(1)}>")


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _folded(tag: object) -> str:
    """An element's name as the name lists hold it: ``pub-date`` and ``PubDate`` are ``pubdate``."""
    return _local(tag).casefold().replace("-", "").replace("_", "")


def _has_own_text(element: ET.Element) -> bool:
    return bool((element.text or "").strip()) or any((child.tail or "").strip() for child in element)


def paragraphs(root: ET.Element) -> list[tuple[ET.Element, str]]:
    """Each element holding text of its own, outermost first, with all the text inside it.

    >>> root = ET.fromstring("<a><t>Title</t><s><p>One <i>two</i>.</p><p>Three</p></s></a>")
    >>> [(el.tag, text) for el, text in paragraphs(root)]
    [('t', 'Title'), ('p', 'One two.'), ('p', 'Three')]
    """
    found: list[tuple[ET.Element, str]] = []

    def walk(element: ET.Element) -> None:
        if not isinstance(element.tag, str):  # a comment or a processing instruction
            return
        if _has_own_text(element):
            text = " ".join("".join(element.itertext()).split())
            if text:
                found.append((element, text))
            return
        for child in element:
            walk(child)

    walk(root)
    return found


def _date(root: ET.Element, captured_at: datetime) -> DateMatch | None:
    """The first date-like element's date: an attribute, ``year``/``month``/``day``, or text."""
    from revtrack.extract.dates import find_date

    for element in root.iter():
        if _folded(element.tag) not in DATE_NAMES:
            continue
        values = [element.get(name) for name in _DATE_ATTRIBUTES if element.get(name)]
        parts = {_folded(child.tag): (child.text or "").strip() for child in element}
        if parts.get("year", "").isdigit():
            month, day = parts.get("month", ""), parts.get("day", "")
            if month.isdigit() and day.isdigit():
                values.append(f"{parts['year']}-{int(month):02d}-{int(day):02d}")
        values.append(" ".join("".join(element.itertext()).split()))
        for value in values:
            found = find_date(value, captured_at)
            if found is not None and found.published is not None:
                return found
    return None


def xml_extraction(text: str, captured_at: datetime, name: str) -> Extraction | None:
    """An XML document's text as one article; None when it does not parse or holds no element
    text (it is read as text).

    >>> from datetime import UTC
    >>> doc = ('<?xml version="1.0"?><article><front><article-title>Fire at the port</article-title>'
    ...        '<pub-date><year>2024</year><month>3</month><day>5</day></pub-date></front>'
    ...        '<body><sec><p>The fire <italic>spread</italic>.</p></sec></body></article>')
    >>> found = xml_extraction(doc, datetime(2026, 1, 1, tzinfo=UTC), "a.xml")
    >>> found.layout, found.articles[0].headline, found.articles[0].body, found.articles[0].published.iso()
    ('xml', 'Fire at the port', '2024\\n\\n3\\n\\n5\\n\\nThe fire spread.', '2024-03-05')
    """
    from revtrack.extract import Extraction
    from revtrack.extract.accounting import Accounting
    from revtrack.extract.lines import word_total
    from revtrack.models import Article

    try:
        root = ET.fromstring(text.lstrip("\ufeff \t\r\n"))
    except (ET.ParseError, ValueError, RecursionError):
        return None
    if _local(root.tag).casefold() == "html":  # XHTML: a page, read as pages are
        from revtrack.extract.html import html_articles

        return Extraction(*html_articles(text, captured_at, name + ".html"))
    try:
        blocks = paragraphs(root)
    except RecursionError:  # nested deeper than Python walks: read as text, as before
        return None
    if not blocks:  # every word in attributes (a data file, OCR's ALTO): read as text, as before
        return None
    titled = (
        next((k for k, (el, _) in enumerate(blocks) if _folded(el.tag) == wanted), None)
        for wanted in TITLE_NAMES
    )
    at = next((k for k in titled if k is not None), 0)
    headline = blocks[at][1]
    body = "\n\n".join(block for k, (_, block) in enumerate(blocks) if k != at)
    date = _date(root, captured_at)
    article = Article(
        headline=headline,
        body=body,
        date_text=date.date_text if date else None,
        published=date.published if date else None,
    )
    why = (
        f"read as XML (a <{_local(root.tag)}> document): the text of {len(blocks)} elements,"
        " each a paragraph; tags and attributes left out"
    )
    return Extraction("xml", [article], Accounting(words=word_total(f"{headline}\n{body}"), why=why))
