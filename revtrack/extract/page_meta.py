"""The page metadata revtrack keeps, found with trafilatura's own functions and no more.

``bare_extraction(with_metadata=True)`` also looks for categories, tags and a
licence (about 2.5 ms a page, a tenth of an HTML ingest) that revtrack never
stores. This runs the same steps as ``trafilatura.metadata.extract_metadata``
for title, author, URL, host name, date and site name only, in the same order on
the same tree (so the date search sees the tree as trafilatura's would), and
trims each field as trafilatura does. The functions are trafilatura's module
internals: where an upgrade renames one, :func:`page_metadata` answers None and
the caller asks ``bare_extraction`` for everything instead.
"""

from __future__ import annotations

import re
from contextlib import suppress
from html import unescape
from typing import Any

#: The fields :func:`page_metadata` fills, as ``bare_extraction``'s document names them.
FIELDS = ("title", "author", "url", "hostname", "date", "sitename")


class PageMetadata:
    """What a page says about itself: each of :data:`FIELDS`, a string or None."""

    __slots__ = FIELDS

    def __init__(self, **fields: str | None) -> None:
        for name in FIELDS:
            setattr(self, name, fields.get(name))


def page_metadata(tree: Any, date_config: dict[str, Any]) -> PageMetadata | None:
    """Title, author, URL, host, date and site name of a parsed page (None: trafilatura changed)."""
    try:
        from courlan import extract_domain
        from htmldate import find_date
        from trafilatura.metadata import (
            META_URL,
            examine_meta,
            examine_title_element,
            extract_meta_json,
            extract_sitename,
            extract_title,
            extract_url,
        )
        from trafilatura.utils import line_processing
    except ImportError:
        return None
    from revtrack.extract.byline import find_author

    found = examine_meta(tree)
    if found.author and " " not in found.author:
        found.author = None  # trafilatura drops one-word authors from meta tags
    with suppress(Exception):  # trafilatura guards its JSON-LD reader the same way
        found = extract_meta_json(tree, found)
    title = _page_named(tree, found.title or extract_title(tree), examine_title_element(tree))
    author = found.author or find_author(tree)  # extract_author's answer, without its copy and regex calls
    url = found.url or extract_url(tree, None)
    hostname = extract_domain(url, fast=True) if url else None
    date = find_date(tree, **{**date_config, "url": url})
    sitename = found.sitename or extract_sitename(tree)
    if sitename:
        sitename = sitename.lstrip("@")
        if sitename and "." not in sitename and not sitename[0].isupper():
            sitename = sitename.title()
    elif url and (match := META_URL.match(url)):
        sitename = match[1]

    def trimmed(value: object) -> str | None:  # Document.clean_and_trim, field by field
        if not isinstance(value, str):
            return None
        if len(value) > 10000:
            value = value[:9999] + "\u2026"
        return line_processing(unescape(value))

    return PageMetadata(
        title=trimmed(title),
        author=trimmed(author),
        url=trimmed(url),
        hostname=trimmed(hostname),
        date=trimmed(date),
        sitename=trimmed(sitename),
    )


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def _page_named(
    tree: Any, title: str | None, title_element: tuple[str, str | None, str | None]
) -> str | None:
    """The title found, unless the page's ``<title>`` says it names something else.

    trafilatura takes a page's only ``<h1>``, or a heading with "title" in its class,
    for its title. On a site whose every page prints the site's name as its one
    ``<h1>`` banner ("The Rust Programming Language") or hides a help box's heading
    ("Keyboard shortcuts"), that is every page's headline. The ``<title>`` element
    names the page ("What is Ownership? - The Rust Programming Language"):

    * a title sharing no word with the ``<title>`` names another thing: the part of
      the ``<title>`` that is a heading on the page, else the whole ``<title>``;
    * a title equal to the part after the ``<title>``'s separator names the site
      when the part before it is a heading on the page: that part.
    """
    whole, first, second = title_element
    if not title or not whole:
        return title
    headings = {" ".join(h.text_content().split()).casefold() for h in tree.iter("h1", "h2", "h3")}
    headed = [part for part in (first, second) if part and part.casefold() in headings]
    if not _words(title) & _words(whole):
        return headed[0] if headed else whole
    if second and title.casefold() == second.casefold() and first and first.casefold() in headings:
        return first
    return title
