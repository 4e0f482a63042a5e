"""Saved feeds: RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed files, one article per entry.

A news sitemap (Google News's ``urlset`` of ``news:news`` entries) is read the same way: each
address with a news title is an article of that headline, dated, under its publication's
name, with no text; saved every hour, it tracks each headline at its address.

Scrapers and archives keep feeds as files. Read as text, a feed became one
"article" headlined ``<?xml version="1.0"?>`` with its markup for a body. Each
entry is an article instead: its title, its text (the full content where the
feed carries it, else its summary; HTML turned into the text a browser shows),
the feed's title as the outlet, the entry's link, date and author.

Parsed with the standard library (no external entities are read; the expat
bundled with CPython 3.11 refuses entity expansion bombs). A file that looks
like a feed but does not parse is read as text, as before: nothing is lost.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from email.utils import parsedate_to_datetime

from revtrack.extract.dates import find_date
from revtrack.extract.jsonl import without_surrogates
from revtrack.models import Article

_FEED_ROOTS = ("rss", "feed", "rdf")
_NEWS_SITEMAP = "google.com/schemas/sitemap-news/"
_JSON_FEED = re.compile(r"jsonfeed\.org\\?/version")


def looks_like_feed(text: str) -> bool:
    """True for an RSS, Atom or RDF document, or a JSON Feed.

    >>> looks_like_feed('<?xml version="1.0"?>\\n<rss version="2.0"><channel></channel></rss>')
    True
    >>> looks_like_feed('{"version": "https://jsonfeed.org/version/1.1", "items": []}')
    True
    >>> looks_like_feed("<html><body>rss</body></html>"), looks_like_feed("Headline\\nBody")
    (False, False)
    >>> looks_like_feed("<?xml version='1.0'?>" + "<!-- a -->" * 2000 + "<Configure/>")  # no backtracking
    False
    """
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if head.startswith("<"):
        from revtrack.extract.xml_text import root_name

        # by its local name: Atom may be written with a prefix (<atom:feed xmlns:atom=...>)
        root = (root_name(head) or "").casefold().rpartition(":")[2]
        # a news sitemap (Google News's): a headline, a date and an address an article
        return root in _FEED_ROOTS or (root == "urlset" and _NEWS_SITEMAP in head)
    # JSON may escape its slashes: "https:\/\/jsonfeed.org\/version\/1"
    return head.startswith("{") and _JSON_FEED.search(head) is not None


def parse_feed(text: str, captured_at: datetime) -> list[Article] | None:
    """The entries of a saved feed as articles, in feed order; None when it does not parse.

    >>> rss = ('<rss version="2.0"><channel><title>Harbour Gazette</title><item>'
    ...        '<title>Port reopens</title><link>https://gazette.example/port</link>'
    ...        '<description>&lt;p&gt;The port reopened.&lt;/p&gt;&lt;p&gt;Ships sailed.'
    ...        '&lt;/p&gt;</description><pubDate>Tue, 03 Mar 2026 09:30:00 GMT</pubDate>'
    ...        '</item></channel></rss>')
    >>> [entry] = parse_feed(rss, datetime(2026, 3, 4))
    >>> entry.headline, entry.body.split(), entry.outlet
    ('Port reopens', ['The', 'port', 'reopened.', 'Ships', 'sailed.'], 'Harbour Gazette')
    >>> entry.url, entry.published.iso(), entry.body.count(chr(10))
    ('https://gazette.example/port', '2026-03-03T09:30:00Z', 2)
    """
    head = text[:4096].lstrip("\ufeff \t\r\n")
    try:
        entries = _json_feed(text) if head.startswith("{") else _xml_feed(text.lstrip("\ufeff \t\r\n"))
    except (ET.ParseError, ValueError, TypeError, AttributeError, RecursionError):
        return None
    if entries is None:
        return None
    return entry_articles(entries, captured_at)


def entry_articles(entries: list[Entry], captured_at: datetime) -> list[Article]:
    """Entries (a feed's, or a wire document's stories) as articles, in order; an entry
    with neither title nor text is left out."""
    articles = []
    for position, (outlet, title, html, url, date_text, author) in enumerate(entries):
        body = html_text(html)
        headline = _one_line(title) or first_words_headline(body)
        if not headline and not body:
            continue  # an entry with nothing to read
        published = None
        if date_text:
            match = find_date(_iso(date_text), captured_at)
            published = match.published if match else None
        articles.append(
            Article(
                headline=headline or "(untitled)",
                body=body,
                outlet=_one_line(outlet),
                date_text=_one_line(date_text),
                published=published,
                position=position,
                url=_one_line(url),
                byline=_one_line(author),
            )
        )
    return articles


#: (outlet, title, HTML or text of the entry, link, date text, author)
Entry = tuple[str | None, str | None, str | None, str | None, str | None, str | None]


def _xml_feed(text: str) -> list[Entry] | None:
    """Entries of an RSS (0.9x, 1.0, 2.0) or Atom (0.3, 1.0) document, by the local names of
    its elements: feeds put them in several namespaces, or none."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError:
        # feeds are often not quite XML: read once more with the common slips mended
        repaired = declared_prefixes(xml_ampersands(text))
        if repaired == text:
            raise
        root = ET.fromstring(repaired)
    kind = _local(root.tag)
    if kind == "feed":  # Atom
        return [
            (
                _plain(_child(root, "title")),
                _plain(_child(entry, "title")),
                _markup(_child(entry, "content")) or _markup(_child(entry, "summary")),
                _atom_link(entry),
                _text(_child(entry, "published", "issued", "updated", "modified")),
                _text(_child(_child(entry, "author"), "name")),
            )
            for entry in _children(root, "entry")
        ]
    if kind == "urlset":  # a news sitemap: each <url> with a news title is an entry, no text
        return [
            (
                _plain(_child(_child(_child(url, "news"), "publication"), "name")),
                _plain(_child(_child(url, "news"), "title")),
                None,
                _text(_child(url, "loc")),
                _text(_child(_child(url, "news"), "publication_date")),
                None,
            )
            for url in _children(root, "url")
            if _child(_child(url, "news"), "title") is not None
        ]
    if kind not in ("rss", "RDF"):
        return None
    channel = _child(root, "channel")
    # RSS 2.0 items sit in the channel, RSS 1.0 items beside it; hand-made feeds do either
    items = _children(channel, "item") + _children(root, "item")
    return [
        (
            _plain(_child(channel, "title")),
            _plain(_child(item, "title")),
            _text(_child(item, "encoded", "fullitem", "body"))
            or _text(_child(item, "description", "summary")),
            _text(_child(item, "link")) or item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"),
            _text(_child(item, "pubDate", "date", "published", "updated")),
            _text(_child(item, "creator", "author")),
        )
        for item in items
    ]


_AMPERSAND = re.compile(r"&(#\d{1,7};|#x[0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)?")
_XML_NAMED = frozenset(("amp", "lt", "gt", "quot", "apos"))


def xml_ampersands(text: str) -> str:
    """A feed's text with HTML's named entities as character references and a bare ``&`` as
    ``&amp;``: what feeds written by hand or by HTML templates use, and XML refuses.

    >>> xml_ampersands("<title>Caf&eacute; &amp; bar&nbsp;&#8212; Q&A &bogus;</title>")
    '<title>Caf&#233; &amp; bar&#160;&#8212; Q&amp;A &amp;bogus;</title>'
    """

    def mended(found: re.Match) -> str:
        reference = found.group(1)
        if reference is None:
            return "&amp;"
        name = reference[:-1]
        if reference.startswith("#") or name in _XML_NAMED:
            return found.group(0)
        from html.entities import name2codepoint

        code = name2codepoint.get(name)
        return f"&#{code};" if code else "&amp;" + reference

    return _AMPERSAND.sub(mended, text)


_PREFIXED = re.compile(r"</?([A-Za-z_][\w.-]*):[A-Za-z_]|\s([A-Za-z_][\w.-]*):[A-Za-z_][\w.-]*\s*=")
_DECLARED_PREFIX = re.compile(r"xmlns:([A-Za-z_][\w.-]*)\s*=")
_FEED_ROOT = re.compile(r"<(?:[\w.-]+:)?(?:rss|feed|RDF)\b")


def declared_prefixes(text: str) -> str:
    """A feed whose elements use a namespace prefix it never declares (a podcast feed's
    ``itunes:`` without ``xmlns:itunes``), the prefixes declared on its root. Elements are
    read by their local names, so any namespace does.

    >>> declared_prefixes('<rss><channel><itunes:author>A</itunes:author></channel></rss>')[:51]
    '<rss xmlns:itunes="urn:revtrack:undeclared:itunes">'
    """
    used = {a or b for a, b in _PREFIXED.findall(text)} - {"xml", "xmlns"}
    missing = sorted(used - set(_DECLARED_PREFIX.findall(text)))
    root = _FEED_ROOT.search(text)
    if not missing or root is None:
        return text
    names = "".join(f' xmlns:{prefix}="urn:revtrack:undeclared:{prefix}"' for prefix in missing)
    return text[: root.end()] + names + text[root.end() :]


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""  # comments have a function tag


def _children(node: ET.Element | None, name: str) -> list[ET.Element]:
    return [] if node is None else [child for child in node if _local(child.tag) == name]


def _child(node: ET.Element | None, *names: str) -> ET.Element | None:
    """The first child of ``node`` with the first of ``names`` that it has."""
    if node is None:
        return None
    for name in names:
        for child in node:
            if _local(child.tag) == name:
                return child
    return None


def _json_feed(text: str) -> list[Entry] | None:
    feed = json.loads(text)
    if not isinstance(feed, dict) or not isinstance(feed.get("items"), list):
        return None
    outlet = _str(feed.get("title"))
    entries: list[Entry] = []
    for item in feed["items"]:
        if not isinstance(item, dict):
            continue
        authors = item.get("authors")
        if not isinstance(authors, list):  # JSON Feed 1.0 had one "author" object
            authors = [item["author"]] if isinstance(item.get("author"), dict) else []
        names = [_str(a.get("name")) for a in authors if isinstance(a, dict) and _str(a.get("name"))]
        html = _str(item.get("content_html"))
        plain = _str(item.get("content_text")) or _str(item.get("summary"))
        entries.append(
            (
                outlet,
                _str(item.get("title")),
                html if html else (_escape(plain) if plain else None),
                _str(item.get("url")) or _str(item.get("external_url")),
                _str(item.get("date_published")) or _str(item.get("date_modified")),
                ", ".join(n for n in names if n) or None,
            )
        )
    return entries


def _str(value: object) -> str | None:
    """A JSON Feed field's text (its escaped lone surrogates made U+FFFD), or None."""
    return without_surrogates(value) if isinstance(value, str) and value.strip() else None


def _escape(text: str) -> str:
    """Plain text as HTML paragraphs (for :func:`html_text`), its line breaks kept."""
    from html import escape

    return "".join(f"<p>{escape(line)}</p>" for line in text.splitlines())


def _text(found: ET.Element | None) -> str | None:
    """An element's text, its markup included for XHTML content."""
    if found is None:
        return None
    if len(found):  # Atom type="xhtml": the content is markup, not text
        inner = "".join(ET.tostring(child, encoding="unicode") for child in found)
        return (found.text or "") + inner
    return found.text


def _kind_of(found: ET.Element) -> str:
    """How a feed's text element holds its text: ``"xhtml"`` (markup as elements: Atom's
    ``type="xhtml"``), ``"html"`` (markup escaped as text: Atom's ``type="html"``, Atom 0.3's
    ``mode="escaped"``), ``"base64"`` (Atom 0.3's ``mode="base64"``, Atom 1.0's other media
    types) or ``"text"``. An RSS
    element names none; its text is HTML where it reads as markup (a title written
    ``Q&amp;amp;A`` or ``&lt;em&gt;``, as feeds do)."""
    kind = (found.get("type") or "").lower()
    mode = (found.get("mode") or "").lower()
    media = "/" in kind and not kind.startswith("text/") and not kind.endswith(("/xml", "+xml"))
    if mode == "base64" or media:  # Atom 1.0: any other media type is Base64 (RFC 4287, 4.1.3.3)
        return "base64"
    if kind in ("xhtml", "application/xhtml+xml") or len(found):
        return "xhtml" if kind != "html" and kind != "text/html" else "html"
    if kind in ("html", "text/html") or mode == "escaped":
        return "html"
    if not kind and _MARKUP.search(found.text or ""):
        return "html"
    return "text"


_MARKUP = re.compile(r"</?[A-Za-z][\w:-]*[^<>]*>|&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});")


def _markup(found: ET.Element | None) -> str | None:
    """A feed's text element as HTML, whatever way it holds its text (:func:`_kind_of`).

    >>> _markup(ET.fromstring('<title type="html">Q&amp;amp;A &lt;b&gt;now&lt;/b&gt;</title>'))
    'Q&amp;A <b>now</b>'
    >>> _markup(ET.fromstring('<t type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">A <b>b</b>'
    ...                       '</div></t>'))
    '<div>A <b>b</b></div>'
    >>> _markup(ET.fromstring('<title type="text">1 &lt; 2</title>'))
    '<p>1 &lt; 2</p>'
    """
    if found is None:
        return None
    kind = _kind_of(found)
    if kind == "xhtml":
        return _xhtml(found)
    if kind == "html":  # typepad put its escaped markup inside a <div>: its text is the markup
        return "".join(found.itertext())
    text = found.text or ""
    if kind == "base64":
        import base64
        import binascii
        from contextlib import suppress

        with suppress(binascii.Error, ValueError):  # not base64 after all: its text as written
            text = base64.b64decode(text).decode("utf-8", "replace")
    return _escape(text)


def _plain(found: ET.Element | None) -> str | None:
    """A feed's title (or a name) as the plain text a reader sees, on one line.

    >>> _plain(ET.fromstring('<title type="html">Example &lt;b&gt;Atom&lt;/b&gt;</title>'))
    'Example Atom'
    >>> _plain(ET.fromstring('<title>Fish &amp;amp; chips</title>'))
    'Fish & chips'
    >>> _plain(ET.fromstring('<title>1 &lt; 2</title>'))
    '1 < 2'
    """
    html = _markup(found)
    return " ".join(html_text(html).split()) or None if html else None


def _xhtml(node: ET.Element) -> str:
    """Inline XHTML as HTML, its elements by their local names (no namespace prefixes)."""
    from html import escape

    parts = [escape(node.text or "", quote=False)]
    for child in node:
        tag = _local(child.tag)
        parts.append(f"<{tag}>{_xhtml(child)}</{tag}>{escape(child.tail or '', quote=False)}")
    return "".join(parts)


def _atom_link(entry: ET.Element) -> str | None:
    links = _children(entry, "link")
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href")
    return next((link.get("href") or link.text for link in links if link.get("href") or link.text), None)


def html_text(html: str | None) -> str:
    """The text a browser shows for an entry's HTML, a paragraph a block."""
    if not html or not html.strip():
        return ""
    from revtrack.extract.visible import visible_text

    lines = [" ".join(line.split()) for line in visible_text(html).splitlines()]
    return "\n\n".join(line for line in lines if line)


def _one_line(text: str | None) -> str | None:
    return " ".join(text.split()) or None if text else None


def first_words_headline(body: str, limit: int = 12) -> str:
    """A headline for an entry without a title: the opening words of its text."""
    words = body.split()
    return " ".join(words[:limit]) + (" \u2026" if len(words) > limit else "")


def _iso(date_text: str) -> str:
    """RFC 822 dates (RSS) as ISO 8601, which :func:`~revtrack.extract.dates.find_date` reads;
    other text as it is."""
    try:
        return parsedate_to_datetime(date_text.strip()).isoformat()
    except (TypeError, ValueError, IndexError):
        return date_text.strip()
