"""Aggregator pages' items: each anchored on a short date line, with its header and body.

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

The page's reading (:mod:`revtrack.extract.page`) takes two or more such items as an
aggregator page; each item's body runs until site chrome starts (two short lines in a
row) unless more of the article follows a short gap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from revtrack.extract.dates import DateMatch
from revtrack.extract.header import date_line
from revtrack.extract.item_body import body_paragraphs
from revtrack.extract.lines import bullet_value, could_be_outlet, is_prose, is_weekday, word_total

# How far back from a date line a header may reach, in non-blank lines.
_HEADER_REACH = 4
# An aggregator page has at least this many items of the item shape.
_MIN_ITEMS = 2


@dataclass
class ListingItem:
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


def _read_header(lines: list[str], item: ListingItem, floor: int) -> None:
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


def _headline_follows(lines: list[str], item: ListingItem) -> bool:
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


def _read_after_anchor(lines: list[str], item: ListingItem, ceiling: int) -> None:
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


def _anchored_items(
    lines: list[str], captured_at: datetime, anchors: list[int] | None = None
) -> list[ListingItem]:
    """Items around every date line (or around the given anchor lines), headers read."""
    items: list[ListingItem] = []
    floor = 0
    wanted = set(anchors) if anchors is not None else None
    for i, line in enumerate(lines):
        if wanted is not None and i not in wanted:
            continue
        match = date_line(line, captured_at)
        if match is None:
            continue
        item = ListingItem(anchor=i, date=match, header_start=i)
        _read_header(lines, item, floor)
        items.append(item)
        floor = i + 1
    for n, item in enumerate(items):
        ceiling = items[n + 1].header_start if n + 1 < len(items) else len(lines)
        _read_after_anchor(lines, item, ceiling)
        item.body = body_paragraphs(lines, item.body_start, ceiling)
    return items


def _has_item_shape(item: ListingItem) -> bool:
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


def listing_items(lines: list[str], captured_at: datetime) -> list[ListingItem]:
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
