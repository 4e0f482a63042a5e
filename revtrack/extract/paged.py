"""Paged text: page numbers, running headers and running footers left out at page breaks.

A PDF turned into text (``pdftotext``), an RFC, a report printed to a file: the
text is cut into pages, and at every page break a footer ("Page 3 of 7",
"Doe  Informational  [Page 3]") and a header (the outlet and date, the
document's short title) stand between two halves of a sentence. Read as they
stand, they split paragraphs, make a page's text look like a menu, and move
whenever a revision adds a line: a diff of two versions would mark every
page break as changed.

A text is **paged** when it has two or more *page-number lines* that count up
by one (a line that is only "Page 3", "Page 3 of 7", "- 3 -", "3/7", or a
line of fields, split by runs of spaces, one of which is such a number or
"[Page 3]"), each page holding text, or when it has form feeds (the page-break
character) between its pages. Then these are left out, each with a named
reason (``show --dropped``: ``page-furniture``):

* the page-number lines;
* in a text with two page breaks or more (a page number under each page makes one),
  the lines beside a page break (up to two on each
  side, of twelve words or fewer) that stand in the same place (the first line under the
  break, the second above it) at half the breaks or more, once their digits are masked,
  and are seen twice or more beside a break or at the text's top or end:
  the running header and footer, and their copies at the text's top and end (the first
  page's header, the last page's footer, beside no break).

The two halves of a page's last paragraph are then joined (the blank lines
around the break go) unless the page's last line ends a sentence, where a
paragraph may end: there one blank line stays. Whether lines join into one
paragraph is still the re-flow's call (:mod:`revtrack.extract.reflow`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A page number named so, in the languages revtrack reads most: "Page 3", "Page 3 of 7",
#: "Seite 3 von 7", "[Page 3]", "3 of 7"; the number and, if given, the page count.
_PAGE_WORD = r"(?:page|pg\.?|p\.|seite|página|pagina|страница|стр\.)"
_COUNT = r"(?:(?:\s*/\s*|\s+(?:of|von|de|di|из)\s+)(\d{1,4}))"
_NAMED_PAGE = re.compile(
    rf"^(?:{_PAGE_WORD}\s*(\d{{1,4}}){_COUNT}?|(\d{{1,4}}){_COUNT}|\[{_PAGE_WORD}\s*(\d{{1,4}})\])$",
    re.IGNORECASE,
)
#: A bare page number, "3" or "- 3 -": one only where it stands apart (see :func:`page_number`).
_BARE_PAGE = re.compile(r"^(?:[-\u2013\u2014]\s*)?(\d{1,4})(?:\s*[-\u2013\u2014])?$")
#: A bare number is a page number when it is centred or set right: this far in, or more.
_SET_APART = 20
#: Between two page numbers, at least this many lines of text (four words or more): a
#: pagination menu's "Page 1", "Page 2" stand together.
_PAGE_TEXT = 5
_FIELD_GAP = re.compile(r"\s{2,}")
#: The longest page-number form, "Página 1234 de 1234" and the like: longer lines are prose
#: (a line of fields is looked at field by field).
_SHORT = 24
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"[.!?:\u2026][\"'\u2019\u201d)\]]*$")
#: Lines on each side of a page break that may be its running header or footer.
_BESIDE = 2
#: Fewest page-number lines, counting up by one, that make a text paged.
_MIN_PAGE_LINES = 2


@dataclass(frozen=True)
class Unpaged:
    """A paged text with its page furniture left out."""

    lines: list[str]  # the text's lines without the furniture
    source: list[int]  # for each of them, its index in the text's lines
    furniture: list[int]  # indices of the lines left out
    pages: int  # how many pages the text had


def page_number(line: str) -> int | None:
    """The page number a line states, else None: a line that is only a named page number
    ("Page 3 of 7"), or a line of fields split by runs of spaces whose first or last field is
    one (an RFC's footer), or a bare number ("3", "- 3 -") centred or set right, as page
    numbers are printed. A number at the left margin is a list's, a table's or code's.

    >>> page_number("Page 3 of 7"), page_number(" " * 30 + "- 12 -")
    (3, 12)
    >>> page_number("Doe   Informational   [Page 4]")
    4
    >>> page_number("Seite 2 von 9"), page_number("3 of 7"), page_number("In 2024 the page turned") is None
    (2, 3, True)
    >>> page_number("2"), page_number("7   Miscellaneous  (including macro packages)"), page_number("0DE9")
    (None, None, None)
    """
    text = line.strip()
    if not text or len(text) > 160:
        return None
    if len(text) > _SHORT:  # only a line of fields: its first or last field
        if "  " not in text:
            return None
        fields = _FIELD_GAP.split(text)
        fields = [field for field in (fields[0], fields[-1]) if len(field) <= _SHORT]
    elif "  " in text:
        parts = _FIELD_GAP.split(text)
        fields = [text, parts[0], parts[-1]]
    else:
        fields = [text]
    for field in fields:
        match = _NAMED_PAGE.match(field)
        if match:
            number, count = next(g for g in (match.group(1), match.group(3), match.group(5)) if g), None
            count = match.group(2) or match.group(4)
            if count is None or int(number) <= int(count):
                return int(number)
    match = _BARE_PAGE.match(text)
    if match and len(line) - len(line.lstrip()) >= _SET_APART:
        return int(match.group(1))
    return None


def _page_lines(lines: list[str]) -> list[int]:
    """Indices of the page-number lines: the longest run of them counting up by one, with text
    between each two (a pagination menu's "1", "2", "3" stand together)."""
    numbered = [(n, number) for n, line in enumerate(lines) if (number := page_number(line)) is not None]
    best: list[int] = []
    chains: dict[int, list[int]] = {}  # the next page number a chain expects -> the chain
    for n, number in numbered:
        chain = chains.pop(number, None)
        if chain is not None and _text_lines(lines, chain[-1] + 1, n) < _PAGE_TEXT:
            chain = None  # (almost) nothing between two numbers: a menu, not two pages
        chain = [*chain, n] if chain is not None else [n]
        chains[number + 1] = chain
        if len(chain) > len(best):
            best = chain
    return best if len(best) >= _MIN_PAGE_LINES else []


def _one_printed_page(lines: list[str], form_feeds: list[int]) -> list[int]:
    """A text of one printed page (a one-page PDF through pdfminer or pdftotext): its one form
    feed ends the text, and the page's last line is its number, 1 ("Page 1", "Page 1 of 1").
    Returns that line's index, or nothing.

    >>> _one_printed_page(["Port opens", "", "The port opened on Monday.", "", "Page 1", "", "\f"], [6])
    [4]
    >>> _one_printed_page(["Port opens", "", "The port opened.", "", "Page 1", "\f", "More text here."], [5])
    []
    """
    if len(form_feeds) != 1 or any(line.strip() for line in lines[form_feeds[0] + 1 :]):
        return []
    last = next((k for k in range(form_feeds[0], -1, -1) if lines[k].strip(" \f\t")), None)
    return [last] if last is not None and page_number(lines[last].strip("\f")) == 1 else []


def _text_lines(lines: list[str], start: int, end: int) -> int:
    """How many lines between ``start`` and ``end`` hold four words or more."""
    return sum(1 for k in range(start, end) if len(lines[k].split()) >= 4)


def _beside(lines: list[str], at: int, step: int) -> list[int]:
    """Up to :data:`_BESIDE` non-blank lines next to line ``at``, going ``step`` (-1 up, 1 down)."""
    out: list[int] = []
    k = at + step
    while 0 <= k < len(lines) and len(out) < _BESIDE and abs(k - at) <= _BESIDE + 2:
        if lines[k].strip():
            out.append(k)
        k += step
    return out


def unpage(lines: list[str], form_feeds: list[int] | None = None) -> Unpaged | None:
    """The text without its page furniture, or None when it is not paged (or nothing at its
    page breaks is furniture: a form feed alone, as GNU texts separate their sections, changes
    nothing).

    ``form_feeds``: indices of lines that end with a form feed (a page ends there).

    >>> head = "Velmora Gazette    March 3, 2024"
    >>> one = ["The council met on Tuesday night", "to debate the harbour budget, which",
    ...        "had been put off twice since the", "storm of the winter before, and it"]
    >>> two = ["The vote was seven to two, with", "the two members from the islands",
    ...        "against it and one of them absent", "when the mayor spoke at the end."]
    >>> text = [head, "", *one, "voted to close the port", "", "Page 1 of 2",
    ...         head, "", "for a year. The mayor said so.", *two, "", "Page 2 of 2"]
    >>> result = unpage(text)
    >>> result.pages, [text[k][:8] for k in result.furniture]
    (2, ['Velmora ', 'Page 1 o', 'Velmora ', 'Page 2 o'])
    >>> result.lines[5:8]
    ['voted to close the port', 'for a year. The mayor said so.', 'The vote was seven to two, with']
    """
    numbers = _page_lines(lines) or _one_printed_page(lines, form_feeds or [])
    ends = sorted(set(numbers) | set(form_feeds or ()))
    furniture = set(numbers) | _numbered_edges(lines, form_feeds or [])
    # a page number and the form feed after it are one page break
    breaks = sum(1 for k, end in enumerate(ends) if not k or end - ends[k - 1] > _BESIDE + 2)
    # a page break's neighbours, each by its place: the lines above a page-number line or a
    # form feed (the footer) and below it (the next page's header), nearest first
    beside: dict[tuple[int, str], set[int]] = {}
    for at in ends:
        for step in (-1, 1):
            for rank, k in enumerate(_beside(lines, at, step)):
                if k not in furniture and len(lines[k].split()) <= 12:
                    beside.setdefault((step * (rank + 1), _DIGITS.sub("#", lines[k].strip())), set()).add(k)
    if breaks >= 2:  # a running line is seen at two breaks, or at one and the text's top or end
        edges: dict[str, set[int]] = {}
        for k in _text_edges(lines):
            edges.setdefault(_DIGITS.sub("#", lines[k].strip()), set()).add(k)
        for (_, key), where in beside.items():
            if len(where | edges.get(key, set())) >= 2 and len(where) * 2 >= breaks:
                # its copies at the text's top and end too: the first page's header, the
                # last page's footer (a PDF's first line was its running header, not a title)
                furniture.update(where | edges.get(key, set()))
    if not furniture:
        return None
    kept: list[str] = []
    source: list[int] = []
    page_ends = set(ends)
    pending = False  # a page ended: its blank lines and the next page's go
    for n, line in enumerate(lines):
        if n in furniture or (n in page_ends and not line.strip()):
            pending = pending or n in page_ends
            continue
        if pending:
            if not line.strip():
                continue
            _close_page(kept, source)
            pending = False
        kept.append(line)
        source.append(n)
        pending = n in page_ends  # a text line ending with a form feed: the page's last line
    while pending and kept and not kept[-1].strip():  # the last page's blank lines
        kept.pop()
        source.pop()
    after = [line for k, line in enumerate(lines[ends[-1] + 1 :], ends[-1] + 1) if k not in furniture]
    pages = breaks + (1 if _text_lines(after, 0, len(after)) else 0)
    return Unpaged(kept, source, sorted(furniture), pages)


_EDGE_NUMBER = re.compile(r"(?:^|\s)(\d{1,4})$")


def _numbered_edges(lines: list[str], form_feeds: list[int]) -> set[int]:
    """Header and footer lines that end with the page number, beside form feeds: "Chapter 2:
    Structures 4", or the number alone. A line is one when its number is one more than the
    number in the same place at the break before (the pages count up). A number that opens
    a line is left alone: section headings ("2 Structures", "2.3 Parsing") count up too.

    >>> text = ["Intro 1", "a b c d", "", "Intro 2", "e f g h", "", "Methods 3", "i j k l"]
    >>> sorted(_numbered_edges(text, [1, 4]))
    [0, 3, 6]
    """
    found: set[int] = set()
    last: dict[int, tuple[int, int]] = {}  # place beside a break -> (page number, line)
    for at in form_feeds:
        for step in (-1, 1):
            for rank, k in enumerate(_beside(lines, at, step)):
                match = _EDGE_NUMBER.search(lines[k].strip())
                if match is None or len(lines[k].split()) > 12:
                    continue
                number, place = int(match.group(1)), step * (rank + 1)
                before = last.get(place)
                if before is not None and number == before[0] + 1 and before[1] < k:
                    found.update((before[1], k))
                last[place] = (number, k)
    return found


def _text_edges(lines: list[str]) -> list[int]:
    """The first and last :data:`_BESIDE` non-blank lines: the first page's header, the last
    page's footer (no page break is beside them)."""
    filled = [k for k, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:_BESIDE] + filled[-_BESIDE:]))


def _close_page(lines: list[str], source: list[int]) -> None:
    """At a page break: the blank lines at the end of the page go, unless its last line ends
    a sentence (where a paragraph may end: one blank line stays)."""
    while lines and not lines[-1].strip():
        lines.pop()
        source.pop()
    if lines and _SENTENCE_END.search(lines[-1].rstrip()):
        lines.append("")
        source.append(source[-1])


def form_feed_lines(text: str) -> list[int]:
    """Indices of the lines of ``text.splitlines()`` that end with a form feed.

    >>> form_feed_lines("a\\nb\\fc\\n")
    [1]
    """
    if "\f" not in text:
        return []
    return [n for n, line in enumerate(text.splitlines(keepends=True)) if line.endswith("\f")]


def without_furniture(
    text: str, lines: list[str], start: int
) -> tuple[list[str], list[int], tuple[tuple[int, str], ...], str]:
    """``lines[start:]`` without a paged text's furniture: ``(lines, each one's index in
    lines, the furniture as (index, text), what was done, for a user)``."""
    rest = lines[start:]
    unpaged = unpage(rest, [n - start for n in form_feed_lines(text) if n >= start])
    if unpaged is None:
        return rest, list(range(start, len(lines))), (), ""
    furniture = tuple((start + n, rest[n]) for n in unpaged.furniture)
    why = (
        f"paged: {unpaged.pages} page{'s' if unpaged.pages != 1 else ''}, {len(furniture)}"
        f" line{'s' if len(furniture) != 1 else ''} of page furniture left out"
        " (page numbers, running headers and footers)"
    )
    return unpaged.lines, [start + n for n in unpaged.source], furniture, why
