"""The main article of a single-article page, found by the shape of its lines.

A page's visible text is a header (navigation, a headline, a byline, a date,
share labels, a picture's caption), the article (prose with subheadings,
captions and the odd inline box between its paragraphs), then more chrome
(tags, related links, comments, a footer). The article is the contiguous block
of lines with the most prose in it:

* every non-blank line scores: prose scores its word count; a short line costs
  a little, more the longer the run of short lines it sits in, so a subheading
  or a caption is crossed cheaply and a navigation menu is not;
* the block is the run of lines with the highest total (Kadane's maximum
  subarray), so it starts at the first paragraph and ends at the last one;
* the header is read above the block: the headline is the title-like line
  nearest above the byline and date lines, never a byline, a time or a label.

:func:`find_article` does this for a span of lines and also says whether the
span shows page structure at all: a plain text file (a title line, then
paragraphs) has no chrome around its block and is kept whole.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from revtrack.extract.code_blocks import fenced
from revtrack.extract.dates import DateMatch, day_and_time
from revtrack.extract.evidence import (
    PageEvidence,
    in_sorted_run,
    introduces_list,
    is_document_structure,
    is_markup,
    longest_run,
    opens_with_copyright,
)
from revtrack.extract.header import Header, date_line, read_header
from revtrack.extract.lines import ends_sentence, is_byline, is_list_item, is_prose, word_total

# A prose line in a list of teasers counts for this share of its words.
_TEASER_WEIGHT = 0.15
_TEASER_CHAIN = 4
# A block with fewer words than this is not an article.
_MIN_ARTICLE_WORDS = 15


@dataclass(frozen=True)
class Found:
    """An article located in a span of lines (indices into the page's lines)."""

    headline_at: int | None
    body_start: int
    body_end: int  # exclusive
    byline: str | None
    date: DateMatch | None
    outlet: str | None
    evidence: PageEvidence  # chrome around the block: the span is a page, not a plain text
    comments: tuple[int, int] | None = None  # lines of a comment thread cut from the block

    @property
    def is_page(self) -> bool:
        """True when the span shows a web page's menu and footer around the article."""
        return self.evidence.is_page


def _kinds(lines: list[str], indices: list[int], captured_at: datetime) -> list[str]:
    """``prose``, ``sentence`` (a short full sentence), ``list`` or ``short`` for each line."""
    out = []
    for i in indices:
        text = lines[i].strip()
        if is_prose(text):
            out.append("prose")
        elif is_list_item(text) and date_line(text, captured_at) is None:  # "18. November 2019" is a date
            out.append("list")
        elif word_total(text) >= 2 and ends_sentence(text):
            out.append("sentence")
        else:
            out.append("short")
    return out


def _scores(
    lines: list[str], indices: list[int], kinds: list[str], chrome: Callable[[str], bool]
) -> list[float]:
    """Each line's contribution to a block (see the module docstring)."""
    scores: list[float] = []
    teasers = _teaser_lines(kinds)
    run = 0
    for n, (i, kind) in enumerate(zip(indices, kinds, strict=True)):
        text = lines[i].strip()
        if chrome(text):
            run += 1
            scores.append(-2.0 - 2.0 * run)
        elif kind == "prose":
            run = 0
            scores.append(word_total(text) * (_TEASER_WEIGHT if n in teasers else 1.0))
        elif kind in ("sentence", "list"):
            run = 0
            scores.append(0.5)
        elif is_markup(lines[i]):
            # a program listing, a table, a field or a section's underline is part of
            # the article, but no evidence of one
            scores.append(-0.5)
        else:
            run += 1
            # the first two short lines of a run (a subheading, a caption and its
            # credit) cost little; a long run (a menu, a link list) costs more and more
            scores.append(-2.0 - 2.0 * max(0, run - 1))
    return scores


def _teaser_lines(kinds: list[str]) -> set[int]:
    """Prose lines of a teaser list: a regular run of prose lines with short lines between.

    A list of other stories prints, for each, the same few short lines (a title,
    a byline or a date) around a one-paragraph teaser; an article's paragraphs sit
    next to each other, or a subheading or an irregular box apart.
    """
    prose = [n for n, kind in enumerate(kinds) if kind == "prose"]
    teasers: set[int] = set()
    chain: list[int] = []
    gap = -1
    for n in prose:
        between = n - chain[-1] - 1 if chain else -1
        regular = chain and between >= 2 and all(kinds[m] == "short" for m in range(chain[-1] + 1, n))
        if regular and (len(chain) == 1 or between == gap):
            chain.append(n)
            gap = between
            continue
        if len(chain) >= _TEASER_CHAIN:
            teasers.update(chain)
        chain, gap = [n], -1
        if regular:  # the previous line starts a new chain with this one
            chain, gap = [prose[prose.index(n) - 1], n], between
    if len(chain) >= _TEASER_CHAIN:
        teasers.update(chain)
    return teasers


def _comment_cut(lines: list[str], indices: list[int], first: int, last: int, captured_at: datetime) -> int:
    """Where a comment thread starts inside the block (``last`` when there is none).

    Comments are signed: a name and a date with a time of day ("Ann — 17.07.2011 @
    13:04", "Bob on March 3, 2015 at 5:12 pm"). Two or more such lines after the
    article's first paragraphs end the article at the first of them. A dated line
    without a time (an embedded post, a timeline entry) is part of the article.
    """
    signed = [
        pos
        for pos in range(first + 2, last)
        if SIGNED_TIME.search(lines[indices[pos]]) and _signed(lines[indices[pos]], captured_at)
    ]
    if len(signed) < 2:
        return last
    cut = signed[0]
    while cut > first + 1 and not is_prose(lines[indices[cut - 1]]):
        cut -= 1
    return cut


def _signed(line: str, captured_at: datetime) -> bool:
    """A line dated like a comment's signature: a date, a year right before the time of day in
    a form the date reader does not know ("Comment by Bo — 17.07, 2011 @ 13:24"), or a day
    and month with a time and no year ("Jun 20th at 2:41 am"): these two on a short line only,
    as a signature is. An indented line is code: a log's "2016-02-17 13:23:03" signs nothing."""
    if date_line(line, captured_at) is not None:
        return True
    if line[:1].isspace() or word_total(line) > _SIGNATURE_WORDS:
        return False  # code, or a sentence that mentions a time ("like 'Mar 30 23:45'")
    return _YEAR_THEN_TIME.search(line) is not None or day_and_time(line)


# a signature is a name, a date and a time, perhaps "Reply": a short line
_SIGNATURE_WORDS = 10
# a year, a few separators (", ", " @ ", " um "), the time of day
_YEAR_THEN_TIME = re.compile(r"(?<!\d)(?:19|20)\d\d\D{1,4}\d{1,2}[:h]\d{2}\b")
# a time of day as comments are signed with it: "13:04", "13h04", "5.12 Uhr", "5 pm"
SIGNED_TIME = re.compile(
    r"(?<![\d.])\d{1,2}(?::|h)\d{2}\b|\d{1,2}\.\d{2}\s*uhr|\d\s*[ap]\.?m\b", re.IGNORECASE
)


def best_block(scores: list[float]) -> tuple[int, int, float]:
    """``(start, end, total)`` of the maximum-sum run of ``scores`` (end exclusive).

    >>> best_block([-3, 20, -2, 15, -8, -8, 4])
    (1, 4, 33.0)
    """
    best = (0, 0, 0.0)
    start, total = 0, 0.0
    for n, score in enumerate(scores):
        if total <= 0:
            start, total = n, 0.0
        total += score
        if total > best[2]:
            best = (start, n + 1, float(total))
    return best


def _not_chrome(text: str) -> bool:
    return False


def find_article(
    lines: list[str],
    start: int,
    end: int,
    captured_at: datetime,
    chrome: Callable[[str], bool] | None = None,
) -> Found | None:
    """Locate the main article in ``lines[start:end]``; None when there is no prose block.

    ``chrome`` says whether a line is known chrome for this site (learned from
    other captures); such lines never count as article text.
    """
    indices = [i for i in range(start, end) if lines[i].strip()]
    if not indices:
        return None
    kinds = _kinds(lines, indices, captured_at)
    scores = _scores(lines, indices, kinds, chrome or _not_chrome)
    first, last, total = best_block(scores)
    if total < _MIN_ARTICLE_WORDS or not any(k == "prose" for k in kinds[first:last]):
        return None
    block_end = last
    last = _comment_cut(lines, indices, first, last, captured_at)
    header = read_header(lines, indices, kinds, first, captured_at)
    if header.headline_in_block:  # the block opens with its own headline: the body starts under it
        first += 1
    return Found(
        headline_at=indices[header.headline_pos] if header.headline_pos is not None else None,
        body_start=indices[first],
        body_end=indices[last - 1] + 1,
        byline=header.byline,
        date=header.date,
        outlet=header.outlet,
        # learned chrome must never turn a plain text into a page: scored without it
        evidence=_page_evidence(
            lines,
            indices,
            kinds,
            scores if chrome is None else _scores(lines, indices, kinds, _not_chrome),
            header,
            first,
            last,
            captured_at,
        ),
        comments=(indices[last], indices[block_end - 1] + 1) if last < block_end else None,
    )


def _page_evidence(
    lines: list[str],
    indices: list[int],
    kinds: list[str],
    scores: list[float],
    header: Header,
    first: int,
    last: int,
    captured_at: datetime,
) -> PageEvidence:
    """Count the menu above and the footer below the article block (see :class:`PageEvidence`).

    Learned chrome is not used here: it must never turn a plain text into a page.
    """
    head = header.headline_pos if header.headline_pos is not None else first
    headline = lines[indices[head]].strip()

    def header_field(n: int) -> bool:  # the headline again, a byline, a date: not chrome
        text = lines[indices[n]].strip()
        return text == headline or is_byline(text) or date_line(text, captured_at) is not None

    code = fenced(lines)  # a line of a fenced code block is code, however short
    sorted_list = in_sorted_run([lines[i].strip() for i in indices])
    stamped = _entry_stamps(lines, indices, kinds) | _speaker_turns(lines, indices, kinds)

    def chrome_like(n: int) -> bool:
        return (
            kinds[n] == "short"
            and not code[indices[n]]
            and not sorted_list[n]
            and n not in stamped
            and not header_field(n)
            and not introduces_list(kinds, n)
            and not is_document_structure(lines, indices, kinds, n)
        )

    footer = sum(chrome_like(n) for n in range(last, len(indices)))
    if opens_with_copyright([lines[i] for i in indices[max(0, first - 2) : first + 2]]):
        return PageEvidence(menu=0, footer=footer, title_page=True)  # front matter, not a menu
    # A run of short lines under a block of running text worth half the article's score (a
    # recipe's introduction above its ingredients, a staff list between two parts of a
    # text) is a list inside the text, not a menu: a page's menu comes before its text (a
    # sidebar's scattered blurbs above an article make no such block). Header fields sit
    # inside a menu's run without ending it.
    block_score = sum(scores[first:last])
    above = running = 0.0
    flags: list[bool] = []
    for n in range(min(head, first)):
        running = max(0.0, running) + scores[n]
        above = max(above, running)
        if n and not header_field(n):
            flags.append(chrome_like(n) and above < block_score / 2)
    return PageEvidence(menu=longest_run(flags), footer=footer)


#: Fewest time stamps on lines of their own that make a text's entries (a live blog, a log).
MIN_STAMPS = 3
# a time of day alone on its line, perhaps with its zone or "Updated": "10:32", "10.32 GMT",
# "Updated 9:05 am EST"
_TIME_STAMP = re.compile(
    r"^(?:(?:updated|posted|last updated)\s+)?\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?$",
    re.IGNORECASE,
)


def _entry_stamps(lines: list[str], indices: list[int], kinds: list[str]) -> set[int]:
    """The time stamps of a text's entries (a live blog's, a log's), each with the short line
    right under it (the entry's author or title), when :data:`MIN_STAMPS` or more lines are
    a time of day alone: the text's own structure, not a menu.

    >>> lines = ["10:32", "Jane Doe", "The council voted.", "10:15", "Jo Lee", "Members arrive.", "9:58"]
    >>> sorted(_entry_stamps(lines, list(range(7)), ["short", "short", "sentence"] * 2 + ["short"]))
    [0, 1, 3, 4, 6]
    """
    stamps = [n for n, i in enumerate(indices) if _TIME_STAMP.match(lines[i].strip())]
    if len(stamps) < MIN_STAMPS:
        return set()
    under = {n + 1 for n in stamps if n + 1 < len(indices) and kinds[n + 1] == "short"}
    return set(stamps) | under


#: Fewest lines under a recurring speaker's label that make a text a transcript.
MIN_TURNS = 3
# a speaker's label alone on its line: a name or a role and a colon ("JANE DOE:", "Q:")
_SPEAKER = re.compile(r"^[^\W\d_][^:]{0,40}:$")


def _speaker_turns(lines: list[str], indices: list[int], kinds: list[str]) -> set[int]:
    """The labels of a transcript's speakers, each with the short line right under it (a turn
    of a few words), when :data:`MIN_TURNS` or more label lines name a speaker who speaks
    again: the text's own structure, not a menu. A comment thread's "Jo says:" names each
    commenter once or twice and has a date, not the words, under it.

    >>> lines = ["JANE DOE:", "Yes.", "JO ROE:", "Why", "JANE DOE:", "Money.", "JO ROE:", "Oh", "Contact:"]
    >>> kinds = ["short", "sentence", "short", "short", "short", "sentence", "short", "short", "short"]
    >>> sorted(_speaker_turns(lines, list(range(9)), kinds))  # labels and the short turns under them
    [0, 2, 3, 4, 6, 7]
    """
    labels = [
        n for n, i in enumerate(indices) if _SPEAKER.match(lines[i].strip()) and word_total(lines[i]) <= 4
    ]
    said = collections.Counter(lines[indices[n]].strip().casefold() for n in labels)
    turns = [n for n in labels if said[lines[indices[n]].strip().casefold()] >= 2]
    if len(turns) < MIN_TURNS:
        return set()
    under = {n + 1 for n in turns if n + 1 < len(indices) and kinds[n + 1] == "short"}
    return set(turns) | under
