"""Wire copy as the agencies deliver it: NITF and NewsML (1 and G2) XML.

A news agency's story reaches a newsroom as XML: NITF (a ``<nitf>`` document, its
headline in ``<hl1>``, its text in ``<body.content>``), wrapped in a NewsML-G2
``<newsItem>`` (``<contentMeta><headline>``, the text in ``<inlineXML>`` as NITF or
XHTML), several to a ``<newsMessage>``, or in NewsML 1's ``<NewsItem>`` components. Read
as text, such a file was one article headed by its XML declaration. Each story is an
article here: its headline, its text (paragraphs, subheads, lists and tables as a
browser shows them, the dateline and the closing tagline kept), its byline, the
agency as the outlet, its date and its address or identifier. Parsed with the standard
library, as feeds are (no external entity is read).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import escape

from revtrack.extract.feeds import Entry

_WIRE_ROOTS = ("nitf", "newsItem", "newsMessage", "NewsML")


def looks_like_wire(text: str) -> bool:
    """An NITF or NewsML document, by its root element.

    >>> looks_like_wire('<?xml version="1.0"?>\\n<nitf><head/></nitf>'), looks_like_wire("<rss>")
    (True, False)
    """
    from revtrack.extract.xml_text import root_name

    root = root_name(text[:4096])
    return root is not None and root.rsplit(":", 1)[-1] in _WIRE_ROOTS


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _find(node: ET.Element | None, *path: str) -> ET.Element | None:
    """The first descendant along ``path`` of local names (any depth between steps)."""
    for name in path:
        if node is None:
            return None
        node = next((el for el in node.iter() if el is not node and _local(el.tag) == name), None)
    return node


def _all_text(node: ET.Element | None) -> str | None:
    """An element's text, its children's included, spaces folded (none before punctuation
    that an indented child left: "Jo Roe , Harbour" is "Jo Roe, Harbour")."""
    if node is None:
        return None
    return re.sub(r" ([,.;:!?])", r"\1", " ".join("".join(node.itertext()).split())) or None


def _inner_html(node: ET.Element | None) -> str:
    """A block's children as HTML (NITF's body markup is HTML's: p, hl2, ul, table, ...)."""
    if node is None:
        return ""
    out = [node.text or ""]
    for child in node:
        out.append(re.sub(r"(</?)[\w.-]+:", r"\1", ET.tostring(child, encoding="unicode")))
    return "".join(out)


_BASIC_ISO = re.compile(r"^(\d{4})(\d\d)(\d\d)(?:T(\d\d)(\d\d)(\d\d)?)?(Z|[+-]\d{4})?$")


def extended_iso(value: str | None) -> str | None:
    """NITF's dates in ISO 8601's basic form as the extended form dates are read in.

    >>> extended_iso("20260303T093000Z"), extended_iso("20260303"), extended_iso("March 3")
    ('2026-03-03T09:30:00Z', '2026-03-03', 'March 3')
    """
    if not value:
        return value
    found = _BASIC_ISO.match(value.strip())
    if found is None:
        return value
    year, month, day, hour, minute, second, zone = found.groups()
    date = f"{year}-{month}-{day}"
    if hour is None:
        return date
    zone = zone if zone in (None, "Z") else f"{zone[:3]}:{zone[3:]}"
    return f"{date}T{hour}:{minute}:{second or '00'}{zone or ''}"


def _nitf_entry(nitf: ET.Element, outlet: str | None, date: str | None, address: str | None) -> Entry:
    head, body_head = _find(nitf, "head"), _find(nitf, "body.head")
    headline = _all_text(_find(body_head, "hl1")) or _all_text(_find(head, "title"))
    issue = _find(head, "date.issue")
    pubdata = _find(head, "pubdata")
    date = date or (issue.get("norm") if issue is not None else None)
    date = date or (pubdata.get("date.publication") if pubdata is not None else None)
    holder = _find(head, "doc.copyright")
    outlet = outlet or (holder.get("holder") if holder is not None else None)
    outlet = outlet or (pubdata.get("name") if pubdata is not None else None)
    # the dateline and an abstract open the text a reader sees; body.end's tagline closes it
    opening = [_all_text(_find(body_head, "dateline")), _all_text(_find(body_head, "abstract"))]
    closing = _all_text(_find(nitf, "body.end"))
    parts = [
        *(f"<p>{escape(text)}</p>" for text in opening if text),
        _inner_html(_find(nitf, "body.content")),
        f"<p>{escape(closing)}</p>" if closing else "",
    ]
    byline = _all_text(_find(body_head, "byline"))
    doc_id = _find(head, "doc-id")
    address = address or (doc_id.get("id-string") if doc_id is not None else None)
    return outlet, headline, "".join(parts), address, extended_iso(date), byline


def _g2_entry(item: ET.Element) -> Entry:
    """A NewsML-G2 ``newsItem``: its metadata, and its text as NITF or XHTML."""
    meta = _find(item, "contentMeta")
    headline = _all_text(_find(meta, "headline"))
    byline = _all_text(_find(meta, "by"))
    date = next(
        (
            _all_text(_find(item, name))
            for name in ("firstCreated", "contentCreated", "versionCreated")
            if _all_text(_find(item, name))
        ),
        None,
    )
    provider = _find(item, "provider")
    outlet = None
    if provider is not None:
        outlet = _all_text(_find(provider, "name")) or provider.get("literal") or provider.get("qcode")
    address = item.get("guid")
    inline = _find(item, "inlineXML")
    nitf = _find(inline, "nitf") if inline is not None else None
    if nitf is not None:
        entry = _nitf_entry(nitf, outlet, date, address)
        return entry[0], headline or entry[1], entry[2], entry[3], entry[4], byline or entry[5]
    body = _find(inline, "body") if inline is not None else None
    return outlet, headline, _inner_html(body if body is not None else inline), address, date, byline


def wire_entries(text: str) -> list[Entry] | None:
    """The stories of an NITF or NewsML document as feed entries (outlet, title, HTML,
    address, date, author); None when it does not parse or holds none."""
    try:
        root = ET.fromstring(text.lstrip("\ufeff \t\r\n"))
    except (ET.ParseError, ValueError, RecursionError):
        return None
    items = [el for el in root.iter() if _local(el.tag) == "newsItem"]
    if items:  # NewsML-G2: an item, or a message of several
        return [_g2_entry(item) for item in items]
    stories = [el for el in root.iter() if _local(el.tag) == "nitf"]
    # NewsML 1 carries each story's NITF inside its components; its headline in NewsLines
    return [_nitf_entry(nitf, None, None, None) for nitf in stories] or None
