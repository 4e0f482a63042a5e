"""An article's header above (or at the top of) its block: headline, byline, date, outlet.

The header is read from the lines above the article block that
:func:`revtrack.extract.block.find_article` located. Date lines and bylines
near the block are noted as fields; every title-like line above it is a
headline candidate, scored: a headline has a headline's length, sits just above
the byline and date, is printed twice on many pages (in the header and in a
share or breadcrumb line), and is not a caption (a full sentence), a label
("Source: X") or a count.

A *masthead* is a title-like line with a byline and a date line (or one line
that is both) right under it. When the best candidate near the block has no
field under it (a byline or date opening the block under a dek is read as its
own), a masthead wins, found in either of two places a news page puts it:

* farther up, above a run of chrome that holds no running text (no sentence
  ended by a full stop, no line over 30 words): a video playlist or a photo
  gallery's captions between a CNN headline and its story;
* at the top of the block itself: a headline ending in "!" or "?" reads as a
  short sentence and the block starts there, with the dek and byline under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from revtrack.extract.dates import DateMatch, find_date
from revtrack.extract.lines import could_be_outlet, is_byline, is_dateline_word, is_prose, word_total

# How many non-blank lines above the block the header may reach.
HEADER_REACH = 25
# How far up a masthead is looked for over lines that hold no running text.
MASTHEAD_REACH = 150
# How many lines under a headline its byline or date may sit (a dek or a reading time between).
FIELD_GAP = 4
# A line of prose this long, or ended by a full stop, is running text, not a title.
RUNNING_WORDS = 30
# A line opening with a date (and a time) may go on for this many words, split at spaces (an
# author, a count, "Updated 0203 GMT"; a place of filing in Japanese, written without spaces).
_FIELD_TAIL_WORDS = 8
_TIME_OF_DAY = re.compile(r"(?<![\d.])\d{1,2}:\d{2}(?![\d.])")
# Date lines are short: glued text plus the date expression.
_MAX_DATE_LINE_WORDS = 14


def date_line(line: str, captured_at: datetime) -> DateMatch | None:
    """A date match when the whole line is a (possibly glued or timed) date, else None.

    >>> from datetime import UTC
    >>> date_line("Updated 9:22 PM EST, Mon November 6, 2023", datetime(2024, 1, 1, tzinfo=UTC)).date_text
    'November 6, 2023'
    >>> date_line("The vote was held on 12 August 2025.", datetime(2025, 9, 1, tzinfo=UTC)) is None
    True
    >>> date_line("(22 juin 2018 @11h13)", datetime(2025, 9, 1, tzinfo=UTC)).date_text
    '22 juin 2018 @11h13'
    """
    stripped = line.strip()
    if len(stripped) > 2 and (stripped[0], stripped[-1]) in (("(", ")"), ("[", "]")):
        stripped = stripped[1:-1].strip()  # a date in brackets: "(22 juin 2018 @11h13)"
    if not stripped or word_total(stripped) > _MAX_DATE_LINE_WORDS or is_prose(stripped):
        return None
    match = find_date(stripped, captured_at)
    if match is None or word_total(match.prefix) > 8:
        return None
    return match


def dated_line(line: str, captured_at: datetime) -> DateMatch | None:
    """A date line (:func:`date_line`), or a line that opens with a date and a time of day and
    then names a few things more (an author, a comment count, where the story was filed): a
    header's field either way. Without a time, a line opening with a date may be a headline
    ("Nov 3 2022 Security Releases").

    >>> from datetime import UTC
    >>> cap = datetime(2025, 9, 1, tzinfo=UTC)
    >>> dated_line("11.09.2011, 16:20 von jovelstefan", cap).date_text
    '11.09.2011, 16:20'
    >>> dated_line("Nov 3 2022 Security Releases", cap) is None
    True
    >>> dated_line("2018年6月18日 10:01　発信地：カノ", cap).date_text
    '2018年6月18日 10:01'
    >>> dated_line("2011: 16 teams took part in the cup", cap) is None
    True
    """
    match = date_line(line, captured_at)
    if match is not None:
        return match
    stripped = line.strip()
    if is_prose(stripped):
        return None
    time = _TIME_OF_DAY.search(stripped)
    if time is not None:
        head, tail = stripped[: time.end()], stripped[time.end() :]
        match = find_date(head, captured_at)
        if match is not None and not match.prefix and len(tail.split()) <= _FIELD_TAIL_WORDS:
            return match
    return None


@dataclass
class Header:
    """What :func:`read_header` found; ``headline_pos`` indexes the non-blank lines, and
    ``headline_in_block`` says the headline is the block's own first line."""

    headline_pos: int | None = None
    byline: str | None = None
    date: DateMatch | None = None
    outlet: str | None = None
    headline_in_block: bool = False


def read_header(
    lines: list[str], indices: list[int], kinds: list[str], first: int, captured_at: datetime
) -> Header:
    """Headline, byline, date and outlet of the block starting at ``first`` (see the module
    docstring); ``indices`` are the non-blank lines, ``kinds`` their kinds."""
    header = Header()
    floor = max(0, first - HEADER_REACH)
    meta: list[int] = []
    for pos in range(first - 1, floor - 1, -1):
        if _note_field(lines[indices[pos]].strip(), header, captured_at):
            meta.append(pos)
    best: tuple[float, int] | None = None
    # a headline that was printed once more (page title, share text) is likely the one
    page_text = "\n".join(lines[indices[p]].strip() for p in range(max(0, first - 3 * HEADER_REACH), first))
    for pos in range(first - 1, floor - 1, -1):
        text = lines[indices[pos]].strip()
        if pos in meta or not title_like(text, kinds[pos]):
            continue
        n = word_total(text)
        score = 2.0 if 5 <= n <= 25 else 0.5
        score -= 0.1 * (first - pos)
        if any(0 < m - pos <= FIELD_GAP for m in meta):
            score += 3.0  # just above the byline or the date
        if page_text.count(text) > 1:
            score += 1.5
        if _FULL_STOP_END.search(text):
            score -= 2.0  # a caption: a sentence ended by a full stop (a closing quote alone
            # ends many headlines: "Gates on Russia: 'Being friendly doesn't make you friends'")
        if best is None or score > best[0]:
            best = (score, pos)
    if best is not None:
        header.headline_pos = best[1]
    if best is None or not any(0 < m - best[1] <= FIELD_GAP for m in meta):
        _masthead(lines, indices, kinds, first, None if best is None else best[1], captured_at, header)
    return header


def _note_field(text: str, header: Header, captured_at: datetime) -> bool:
    """Note a date line or a byline in ``header`` (the first found of each wins); True if it is one."""
    match = dated_line(text, captured_at)
    if match is not None:
        if header.date is None:
            header.date = match
            if could_be_outlet(match.prefix) and not is_dateline_word(match.prefix):
                header.outlet = match.prefix
        return True
    if is_byline(text):
        header.byline = header.byline or text
        return True
    return False


def _masthead(
    lines: list[str],
    indices: list[int],
    kinds: list[str],
    first: int,
    best: int | None,
    captured_at: datetime,
    header: Header,
) -> None:
    """Where the best headline candidate has no field under it above the block: read its
    fields at the top of the block, or take a masthead (a title-like line over a byline
    and a date) that opens the block or sits above it with no running text in between."""

    def field_at(m: int) -> bool:
        # a wrapped line of running text may read as a byline ("He started out by authoring
        # ... and later was" over "asked to join"): not prose, and not running on in lower case
        after = lines[indices[m + 1]].lstrip()[:1] if m + 1 < len(indices) else ""
        return kinds[m] != "prose" and not after.islower()

    def fields_under(pos: int, end: int) -> tuple[bool, bool]:
        """Whether a byline, and a date line, sit within FIELD_GAP lines under ``pos``."""
        under = [
            lines[indices[m]].strip() for m in range(pos + 1, min(pos + 1 + FIELD_GAP, end)) if field_at(m)
        ]
        return any(map(is_byline, under)), any(dated_line(text, captured_at) is not None for text in under)

    def take(pos: int, end: int) -> None:
        header.headline_pos = pos
        header.date = header.byline = header.outlet = None  # the masthead's own fields
        for m in range(pos + 1, min(pos + 1 + FIELD_GAP, end)):
            if field_at(m):
                _note_field(lines[indices[m]].strip(), header, captured_at)

    if best is not None and any(fields_under(best, len(indices))):
        if header.date is None and header.byline is None:  # a dek between: its fields open the block
            take(best, len(indices))
        return
    opening = lines[indices[first]].strip()
    # a headline of 14 words reads as prose; no full stop ends it
    in_block = (
        first + 1 < len(indices) and title_like(opening, kinds[first]) and not _FULL_STOP_END.search(opening)
    )
    if in_block and all(fields_under(first, len(indices))):
        take(first, len(indices))
        header.headline_in_block = True
        return
    for pos in range(first - 1, max(-1, first - 1 - MASTHEAD_REACH), -1):
        text = lines[indices[pos]].strip()
        if kinds[pos] == "prose" and (_FULL_STOP_END.search(text) or word_total(text) > RUNNING_WORDS):
            break  # running text above the block (a teaser's): another story's header, not this one
        if (
            dated_line(text, captured_at) is None
            and title_like(text, kinds[pos])
            and all(fields_under(pos, first))
        ):
            take(pos, first)
            return


def title_like(text: str, kind: str) -> bool:
    """A line that may be a headline: a few words, not a sentence of running text.

    >>> title_like("Rates rise again as inflation bites", "short"), title_like("Share", "short")
    (True, False)
    """
    n = word_total(text)
    if n < 3 or n > 30 or kind == "list" or (n == 3 and any(ch.isdigit() for ch in text)):
        return False
    if text.endswith((":", ",", ";", "\uff1a")) or text.startswith(("\u00a9", "(c)", "Photo", "Image")):
        return False
    if is_byline(text) or _is_label(text) or _BREADCRUMB.search(text) or not any(ch.isalpha() for ch in text):
        return False
    if text.endswith(")") and "(" in text and word_total(text[text.rindex("(") :]) <= 4:
        return False  # a caption's credit: "(AP)", "(Photo: Reuters)"
    return kind != "prose" or word_total(text) < 25


# A full stop (Latin, CJK, Arabic, Devanagari) or an ellipsis at the end, closing quotes
# or brackets after it: not "?" or "!", which end headlines as often as sentences.
_FULL_STOP_END = re.compile(
    r"[.\u2026\u3002\uff61\u06d4\u0964\u0965][\"'\u2019\u201d)\]\u300d\u300f\uff09\u00bb]*$"
)
_BREADCRUMB = re.compile(r"\s[>\u00bb\u203a/|]\s.*\s[>\u00bb\u203a/|]\s|\s[>\u00bb\u203a]\s")


def _is_label(text: str) -> bool:
    """ "Source: X", "Fotos: Y", "来源：新华网": a short label and a short value.

    >>> _is_label("来源：   中国日报网"), _is_label("外国专家：中美合作共赢符合国际社会利益")
    (True, False)
    """
    for colon in (":", "\uff1a"):
        if colon in text:
            label, _, value = text.partition(colon)
            return word_total(label) <= 3 and word_total(value) <= 3
    return False
