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
    title = found.title or extract_title(tree)
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
