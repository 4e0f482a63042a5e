"""Structural parser for scraped pages: aggregator items, or one main article.

A page with two or more dated items of the item shape (:mod:`revtrack.extract.listing`)
is an aggregator page: the text before the first item is searched for a main article
(:mod:`revtrack.extract.block`), and each item is an article. Any other text is one
article: the main block of a page, or, when nothing around the block looks like a page,
the whole text (a plain file keeps every word). A printed document, a digest and a text
that opens with a block of fields are read by their kind first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from revtrack.extract.accounting import listing_words
from revtrack.extract.block import Found, find_article
from revtrack.extract.digest import digest_articles, digest_stories
from revtrack.extract.document_kind import document_kind
from revtrack.extract.front_matter import FrontMatter, front_matter
from revtrack.extract.listing import ListingItem, listing_items
from revtrack.extract.paged import without_furniture
from revtrack.extract.plain import plain_article
from revtrack.extract.reflow import Logical
from revtrack.extract.spacing import read_line_breaks
from revtrack.models import Article


@dataclass(frozen=True)
class PageReading:
    """A text capture read: its layout, its articles, its lines and why it was read so."""

    layout: str  # "page" or "plain"
    articles: list[Article]
    lines: list[Logical]  # the re-flowed lines the articles were read from
    comments: tuple[int, int] | None  # lines of a comment thread that was cut, if any
    why: str  # the evidence for the layout, for a user
    furniture: tuple[tuple[int, str], ...] = ()  # a paged text's page furniture: (line index, text)


#: What ``--layout`` and a manifest's ``layout:`` accept.
LAYOUTS = ("auto", "plain", "page")


def read_page(
    text: str,
    captured_at: datetime,
    chrome: Callable[[str], bool] | None = None,
    layout: str = "auto",
    document: str = "",
) -> PageReading:
    """Read a scraped text: aggregator items, one page's main article, or a plain text kept whole.

    ``layout`` is ``"auto"`` (decide by the evidence), ``"plain"`` (keep every
    line: one article) or ``"page"`` (read the main article even without a
    menu and footer around it). ``chrome`` says whether a line is known chrome
    of this site. ``document``: the word processor's document kind the text was
    read from (a .docx, .odt or .rtf file), read as plain text under ``auto``.
    """
    source = text.splitlines()
    front = front_matter(source, captured_at)
    # a block of fields is as many lines as it has fields: the re-flow joins none of them
    taken = front.lines if front is not None else 0
    logical = [Logical(line, n, 1) for n, line in enumerate(source[:taken])]
    # a paged text's page numbers, running headers and footers are left out, each named
    rest, where, furniture, paged = without_furniture(text, source, taken)
    # its line breaks may show it was saved as a document (see PageEvidence.is_page)
    reflowed, breaks = read_line_breaks(rest, printed=bool(furniture))
    logical += [Logical(line.text, where[line.first], line.count) for line in reflowed]
    reading = _read_lines(logical, front, breaks, captured_at, chrome, layout, paged, document)
    if furniture:  # (a user's --layout reads it as asked; the why still says it was paged)
        why = reading.why if paged in reading.why else f"{reading.why}; {paged}"
        reading = replace(reading, furniture=furniture, why=why)
    return reading


def _read_lines(
    logical: list[Logical],
    front: FrontMatter | None,
    breaks: str | None,
    captured_at: datetime,
    chrome: Callable[[str], bool] | None,
    layout: str,
    paged: str = "",
    made_by: str = "",
) -> PageReading:
    """:func:`read_page` on the text's re-flowed lines (``paged``: what was left out of a paged
    text, for the reading's ``why``; ``made_by``: the word processor's document it was)."""
    lines = [line.text for line in logical]
    not_a_listing = ""
    document = None
    if layout == "auto" and made_by:
        # a document its author wrote, not a web page saved: its short lines (headings, list
        # items, a team's names) are its own, never a site's menus or footer
        document = f"read as plain text: a word processor's document ({made_by}), which has no site chrome"
    elif layout == "auto":
        document = document_kind(lines)
    if document is None and layout == "auto" and paged:
        # a printed document (a PDF's text, an RFC): a web page saved as text has no pages,
        # so its short lines (headings, code, tables) are the document's, not a site's chrome
        document = f"read as plain text: a printed document ({paged})"
    if document is None and layout == "auto" and front is not None:
        opening = f"a text that opens with {front.kind}"
        document = f'read as plain text: {opening} naming its title ("{front.title}")'
    if document is not None:  # a changelog's entries, a source's commands: not chrome
        found = find_article(lines, 0, len(lines), captured_at, chrome)
        return PageReading("plain", plain_article(lines, found, front), logical, None, document)
    if layout != "plain" and (stories := digest_stories(lines, captured_at)):
        why = f"read as a digest: {len(stories)} stories, each a headline, its date line and paragraphs"
        return PageReading("page", digest_articles(lines, stories), logical, None, why)
    if layout != "plain":
        items = listing_items(lines, captured_at)
        if items:
            articles = _aggregator_articles(lines, items, captured_at, chrome)
            held, left = listing_words(logical, articles)
            if layout == "page" or left <= held:
                why = f"read as a listing page: {len(items)} dated items, each with an outlet or a section"
                return PageReading("page", articles, logical, None, why)
            not_a_listing = (
                f"; {len(items)} dated lines are not a listing's items: they would hold {held:,} words"
                f" and leave out {left:,} words of running text and list items"
            )
    found = find_article(lines, 0, len(lines), captured_at, chrome)
    if found is not None and breaks is not None:
        found = replace(found, evidence=replace(found.evidence, hard_wrapped=True, line_breaks=breaks))
    if layout != "auto":  # the user knows better than the evidence
        why = f"read as {layout if found is not None else 'plain text'}: --layout {layout}"
    elif found is not None:
        why = found.evidence.describe() + not_a_listing
    else:
        why = "read as plain text: no block of prose" + not_a_listing
    if found is not None and (found.is_page if layout == "auto" else layout == "page"):
        articles = [_found_article(lines, found, 0, chrome)]
        return PageReading("page", articles, logical, found.comments, why)
    return PageReading("plain", plain_article(lines, found, front), logical, None, why)


def parse_page(
    text: str, captured_at: datetime, chrome: Callable[[str], bool] | None = None
) -> tuple[str, list[Article]]:
    """Extract the articles of a scraped text, in page order: ``(layout, articles)``.

    ``layout`` is ``"page"`` for an aggregator page or a page with one main
    article, and ``"plain"`` for a text that shows no page structure (kept whole).
    ``chrome`` says whether a line is known chrome of this site.
    """
    reading = read_page(text, captured_at, chrome)
    return reading.layout, reading.articles


def _aggregator_articles(
    lines: list[str], items: list[ListingItem], captured_at: datetime, chrome: Callable[[str], bool] | None
) -> list[Article]:
    articles: list[Article] = []
    lead = find_article(lines, 0, items[0].header_start, captured_at, chrome)
    if lead is not None:
        articles.append(_found_article(lines, lead, len(articles), chrome))
    for item in items:
        articles.append(
            Article(
                headline=item.headline or "",
                body="\n\n".join(item.body),
                outlet=item.outlet,
                section=item.section,
                date_text=item.date.date_text,
                published=item.date.published,
                position=len(articles),
            )
        )
    return articles


def _found_article(
    lines: list[str], found: Found, position: int, chrome: Callable[[str], bool] | None = None
) -> Article:
    """An :class:`Article` from a located main block (known chrome lines left out)."""
    if found.headline_at is not None:
        headline = lines[found.headline_at].strip()
    else:
        headline = next(line.strip() for line in lines[found.body_start : found.body_end] if line.strip())
    body = [
        line.strip()
        for line in lines[found.body_start : found.body_end]
        if line.strip() and not (chrome and chrome(line.strip()))
    ]
    if found.headline_at is None and body and body[0] == headline:
        body = body[1:]
    return Article(
        headline=headline,
        body="\n\n".join(body),
        outlet=found.outlet,
        date_text=found.date.date_text if found.date else None,
        published=found.date.published if found.date else None,
        byline=found.byline,
        position=position,
    )
