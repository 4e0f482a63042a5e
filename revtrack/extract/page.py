"""Structural parser for aggregator pages.

Two layouts occur in practice and mix on one page:

* **listing items**: ``outlet / date / - section / - outlet / headline / body``;
* **article pages**: a header (logo, a headline often printed twice, an
  ``outlet+date`` line), paragraphs, site chrome, then "related" items of the form
  ``headline / headline / outlet / date / • outlet / headline / body``.

Every item is anchored on a short *date line*. Around each anchor the parser
looks back for a header (outlet, doubled headline) and forward for bullets, a
repeated headline and the body. A body ends where the next item's header starts
or where site chrome begins: two or more short non-prose lines in a row
(a single short line followed by prose is an in-body subheading and is kept).
Text before the first anchor that holds a headline and prose is an article too
(an article page whose header carries no outlet or date).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from revtrack.extract.dates import DateMatch, find_date
from revtrack.extract.lines import bullet_value, could_be_outlet, is_prose, word_total
from revtrack.models import Article

# How far back from a date line a header may reach, in non-blank lines.
_HEADER_REACH = 4
# A date line is short: glued prefix plus date expression.
_MAX_DATE_LINE_WORDS = 10


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


def _date_line(line: str, captured_at: datetime) -> DateMatch | None:
    """A date match when the whole line is a (possibly glued) date, else None."""
    stripped = line.strip()
    if not stripped or word_total(stripped) > _MAX_DATE_LINE_WORDS or is_prose(stripped):
        return None
    match = find_date(stripped, captured_at)
    if match is None or word_total(match.prefix) > 6:
        return None
    return match


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
    item.outlet = glued
    if doubled_at is not None:
        item.headline = texts[doubled_at]
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
            k += 1
    item.body_start = k if k is not None else ceiling


def body_paragraphs(lines: list[str], start: int, end: int) -> list[str]:
    """Paragraphs from ``lines[start:end]``, cut where site chrome begins.

    Chrome is a short non-prose line followed by another short line or by nothing;
    a short line followed by prose is an in-body subheading.

    >>> body_paragraphs(["First sentence of the story here.", "Subhead line",
    ...                  "More text of the story follows.", "Comments", "", "No comments"], 0, 6)
    ['First sentence of the story here.', 'Subhead line', 'More text of the story follows.']
    """
    texts = [lines[i].strip() for i in range(start, end) if lines[i].strip()]
    kept: list[str] = []
    for n, text in enumerate(texts):
        if not is_prose(text):
            nxt = texts[n + 1] if n + 1 < len(texts) else None
            if nxt is None or not is_prose(nxt):
                break
        kept.append(text)
    return kept


def parse_page(text: str, captured_at: datetime) -> list[Article]:
    """Extract every article from an aggregator page, in page order.

    Returns an empty list when the page has no recognisable items; the caller
    then treats the file as plain text.
    """
    lines = text.splitlines()
    items: list[_Item] = []
    floor = 0
    for i, line in enumerate(lines):
        match = _date_line(line, captured_at)
        if match is None:
            continue
        item = _Item(anchor=i, date=match, header_start=i)
        _read_header(lines, item, floor)
        items.append(item)
        floor = i + 1
    articles: list[Article] = []
    lead_end = items[0].header_start if items else len(lines)
    lead = _lead_article(lines, lead_end)
    if lead is not None:
        articles.append(lead)
    for n, item in enumerate(items):
        ceiling = items[n + 1].header_start if n + 1 < len(items) else len(lines)
        _read_after_anchor(lines, item, ceiling)
        body = body_paragraphs(lines, item.body_start, ceiling)
        if not item.headline:
            continue
        articles.append(
            Article(
                headline=item.headline,
                body="\n\n".join(body),
                outlet=item.outlet,
                section=item.section,
                date_text=item.date.date_text,
                published=item.date.published,
                position=len(articles),
            )
        )
    return articles


def _lead_article(lines: list[str], end: int) -> Article | None:
    """An article in the text before the first anchored item (header without outlet/date)."""
    start = _next_nonblank(lines, 0, end)
    if start is None:
        return None
    # skip a one-word logo/alt-text line before the headline
    if word_total(lines[start]) <= 1 and not is_prose(lines[start]):
        nxt = _next_nonblank(lines, start + 1, end)
        if nxt is not None:
            start = nxt
    headline = lines[start].strip()
    j = start + 1
    nxt = _next_nonblank(lines, j, end)
    if nxt is not None and lines[nxt].strip() == headline:
        j = nxt + 1
    body = body_paragraphs(lines, j, end)
    if not body or not any(is_prose(p) for p in body):
        return None
    return Article(headline=headline, body="\n\n".join(body), position=0)
