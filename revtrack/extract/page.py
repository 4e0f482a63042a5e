"""Structural parser for scraped pages: aggregator items, or one main article.

Two aggregator layouts occur in practice and mix on one page:

* **listing items**: ``outlet / date / - section / - outlet / headline / body``;
* **article pages**: a header (logo, a headline often printed twice, an
  ``outlet+date`` line), paragraphs, site chrome, then "related" items of the form
  ``headline / headline / outlet / date / • outlet / headline / body``.

Every item is anchored on a short *date line*. Around each anchor the parser
looks back for a header (outlet, doubled headline) and forward for bullets, a
repeated headline and the body. An anchor is an item only when it has the
item's shape: a headline that is not running text, a prose body, and an outlet,
a section or a doubled headline. A date line alone (a masthead's date, a
byline's date, an embedded post, a timeline entry) is not an item.

A page with two or more items is an aggregator page: the text before the first
item is searched for a main article (:mod:`revtrack.extract.block`), and each
item's body runs until site chrome starts (two short lines in a row) unless
more of the article follows a short gap. Any other text is one article: the
main block of a page, or, when nothing around the block looks like a page, the
whole text (a plain file keeps every word).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from revtrack.extract.accounting import listing_words
from revtrack.extract.block import Found, find_article
from revtrack.extract.dates import DateMatch
from revtrack.extract.digest import digest_articles, digest_stories
from revtrack.extract.document_kind import document_kind
from revtrack.extract.front_matter import FrontMatter, front_matter
from revtrack.extract.header import date_line
from revtrack.extract.item_body import body_paragraphs
from revtrack.extract.lines import bullet_value, could_be_outlet, is_prose, is_weekday, word_total
from revtrack.extract.paged import without_furniture
from revtrack.extract.plain import plain_article
from revtrack.extract.reflow import Logical
from revtrack.extract.spacing import read_line_breaks
from revtrack.models import Article

# How far back from a date line a header may reach, in non-blank lines.
_HEADER_REACH = 4
# An aggregator page has at least this many items of the item shape.
_MIN_ITEMS = 2


@dataclass
class _Item:
    """Working state for one anchored item while the page is parsed."""

    anchor: int
    date: DateMatch
    header_start: int
    outlet: str | None = None
    headline: str | None = None
    section: str | None = None
    body_start: int = 0
    doubled: bool = False
    bulleted: bool = False
    body: list[str] = field(default_factory=list)
    weekday: bool = False  # the date line opens with its weekday ("Thu, 14 May 2020")


def _prev_nonblank(lines: list[str], i: int, floor: int) -> int | None:
    """Index of the nearest non-blank line before ``i`` (not below ``floor``)."""
    j = i - 1
    while j >= floor:
        if lines[j].strip():
            return j
        j -= 1
    return None


def _next_nonblank(lines: list[str], i: int, ceiling: int) -> int | None:
    """Index of the first non-blank line at or after ``i`` (below ``ceiling``)."""
    j = i
    while j < ceiling:
        if lines[j].strip():
            return j
        j += 1
    return None


def _read_header(lines: list[str], item: _Item, floor: int) -> None:
    """Find outlet and headline in the lines just above the anchor."""
    header: list[int] = []
    j = item.anchor
    blanks = 0
    while len(header) < _HEADER_REACH:
        j -= 1
        if j < floor:
            break
        if not lines[j].strip():
            blanks += 1
            if blanks >= 2:  # two blank lines separate items in listings
                break
            continue
        blanks = 0
        text = lines[j].strip()
        doubled = bool(header) and lines[header[-1]].strip() == text
        if is_prose(text) and not doubled and not _is_doubled_at(lines, j, floor):
            break
        header.append(j)
    header.reverse()  # top to bottom
    texts = [lines[k].strip() for k in header]
    # A doubled line (printed twice in a row) is the headline.
    doubled_at = next((n for n in range(len(texts) - 1) if texts[n] == texts[n + 1]), None)
    glued = item.date.prefix if could_be_outlet(item.date.prefix) else None
    item.weekday = is_weekday(item.date.prefix)
    item.outlet = glued
    if doubled_at is not None:
        item.headline = texts[doubled_at]
        item.doubled = True
        rest = texts[doubled_at + 2 :]
        if rest and item.outlet is None and could_be_outlet(rest[-1]):
            item.outlet = rest[-1]
        item.header_start = header[doubled_at]
    elif texts:
        last = texts[-1]
        if item.outlet is None and could_be_outlet(last) and _headline_follows(lines, item):
            item.outlet = last
            item.header_start = header[-1]
        elif item.outlet is not None or not _headline_follows(lines, item):
            # the line above is the headline (article-page header or headline-first item)
            item.headline = last
            item.header_start = header[-1]
        else:
            item.header_start = header[-1]
    else:
        item.header_start = item.anchor


def _is_doubled_at(lines: list[str], j: int, floor: int) -> bool:
    """True when line ``j`` repeats the nearest non-blank line above it."""
    k = _prev_nonblank(lines, j, floor)
    return k is not None and lines[k].strip() == lines[j].strip()


def _headline_follows(lines: list[str], item: _Item) -> bool:
    """True when, after the anchor and its bullets, a short (headline) line comes next."""
    j = item.anchor + 1
    while j < len(lines):
        text = lines[j].strip()
        if text and bullet_value(lines[j]) is None:
            return not is_prose(text) or _is_headline_then_prose(lines, j)
        j += 1
    return False


def _is_headline_then_prose(lines: list[str], j: int) -> bool:
    """A question-style headline ("Is X passed over?") followed by a longer prose line."""
    k = _next_nonblank(lines, j + 1, len(lines))
    return (
        k is not None
        and word_total(lines[j]) <= 16
        and is_prose(lines[k])
        and word_total(lines[k]) > word_total(lines[j])
    )


def _read_after_anchor(lines: list[str], item: _Item, ceiling: int) -> None:
    """Read bullets (section, outlet), a repeated or first headline, and find the body start."""
    j = item.anchor + 1
    bullets: list[str] = []
    while j < ceiling:
        text = lines[j].strip()
        if not text:
            j += 1
            continue
        value = bullet_value(lines[j])
        if value is None:
            break
        bullets.append(value)
        j += 1
    if bullets:
        item.bulleted = True
        if item.outlet is None:
            item.outlet = bullets[-1]
        others = [b for b in bullets if b != item.outlet]
        item.section = others[0] if others else None
    k = _next_nonblank(lines, j, ceiling)
    if k is not None:
        text = lines[k].strip()
        if item.headline is None:
            item.headline = text
            k += 1
        elif text == item.headline:
            item.doubled = True
            k += 1
    item.body_start = k if k is not None else ceiling


def _anchored_items(lines: list[str], captured_at: datetime, anchors: list[int] | None = None) -> list[_Item]:
    """Items around every date line (or around the given anchor lines), headers read."""
    items: list[_Item] = []
    floor = 0
    wanted = set(anchors) if anchors is not None else None
    for i, line in enumerate(lines):
        if wanted is not None and i not in wanted:
            continue
        match = date_line(line, captured_at)
        if match is None:
            continue
        item = _Item(anchor=i, date=match, header_start=i)
        _read_header(lines, item, floor)
        items.append(item)
        floor = i + 1
    for n, item in enumerate(items):
        ceiling = items[n + 1].header_start if n + 1 < len(items) else len(lines)
        _read_after_anchor(lines, item, ceiling)
        item.body = body_paragraphs(lines, item.body_start, ceiling)
    return items


def _has_item_shape(item: _Item) -> bool:
    """A headline that is not running text; an outlet, section, doubled headline or a dateline
    opening with its weekday; and a body.

    The body is prose, except in a listing whose items carry section bullets
    (``- Politics``): there even an item with a one-line teaser is an item.
    """
    if not item.headline or not word_total(item.headline):
        return False  # a rule or a title's underline ("-----"): no words, no headline
    if word_total(item.headline) >= 25 or _ends_like_a_sentence(item.headline):
        return False  # running text (a timeline entry, a comment), not a headline
    # a date line printed with its weekday is an item's dateline as an outlet's name is (a
    # weekday is no outlet, but was read as one, and such listings depend on it)
    if not (item.outlet or item.section or item.doubled or item.weekday):
        return False
    return any(is_prose(p) for p in item.body) or item.bulleted


def _ends_like_a_sentence(text: str) -> bool:
    """A full stop after an ordinary word; an abbreviation ("State Dept.") does not count.

    >>> _ends_like_a_sentence("The firm recalled two million cars.")
    True
    >>> _ends_like_a_sentence("Talks: State Dept.")
    False
    """
    bare = text.rstrip("\"'\u2019\u201d\u00bb)")
    if not bare.endswith(".") or bare.endswith(".."):
        return False
    last = bare[:-1].split()[-1] if bare[:-1].split() else ""
    return not (last[:1].isupper() and len(last) <= 4)


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
    text: str, captured_at: datetime, chrome: Callable[[str], bool] | None = None, layout: str = "auto"
) -> PageReading:
    """Read a scraped text: aggregator items, one page's main article, or a plain text kept whole.

    ``layout`` is ``"auto"`` (decide by the evidence), ``"plain"`` (keep every
    line: one article) or ``"page"`` (read the main article even without a
    menu and footer around it). ``chrome`` says whether a line is known chrome
    of this site.
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
    reading = _read_lines(logical, front, breaks, captured_at, chrome, layout, paged)
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
) -> PageReading:
    """:func:`read_page` on the text's re-flowed lines (``paged``: what was left out of a paged
    text, for the reading's ``why``)."""
    lines = [line.text for line in logical]
    not_a_listing = ""
    document = document_kind(lines) if layout == "auto" else None
    if document is None and layout == "auto" and paged:
        # a printed document (a PDF's text, an RFC): a web page saved as text has no pages,
        # so its short lines (headings, code, tables) are the document's, not a site's chrome
        document = f"read as plain text: a printed document ({paged})"
    if document is None and layout == "auto" and front is not None:
        block = "YAML front matter" if front.fenced else "a block of fields (e-mail headers, metadata)"
        document = f'read as plain text: a text that opens with {block} naming its title ("{front.title}")'
    if document is not None:  # a changelog's entries, a source's commands: not chrome
        found = find_article(lines, 0, len(lines), captured_at, chrome)
        return PageReading("plain", plain_article(lines, found, front), logical, None, document)
    if layout != "plain" and (stories := digest_stories(lines, captured_at)):
        why = f"read as a digest: {len(stories)} stories, each a headline, its date line and paragraphs"
        return PageReading("page", digest_articles(lines, stories), logical, None, why)
    if layout != "plain":
        items = _listing_items(lines, captured_at)
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


def _listing_items(lines: list[str], captured_at: datetime) -> list[_Item]:
    """The items of an aggregator page (two or more of the item shape), or none."""
    first_pass = _anchored_items(lines, captured_at)
    shaped = [item.anchor for item in first_pass if _has_item_shape(item)]
    if len(shaped) < _MIN_ITEMS:
        return []
    if len(shaped) == len(first_pass):  # every date line is an item: nothing to read again
        return first_pass
    # read the items again without the date lines that were not items
    items = [item for item in _anchored_items(lines, captured_at, shaped) if _has_item_shape(item)]
    return items if len(items) >= _MIN_ITEMS else []


def _aggregator_articles(
    lines: list[str], items: list[_Item], captured_at: datetime, chrome: Callable[[str], bool] | None
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
