"""Indentation inside a paragraph: where a hard-wrapped paragraph's later lines start.

The re-flow (:mod:`revtrack.extract.reflow`) joins a line to the next only at the same
indentation, and these are the paragraph shapes whose later lines start elsewhere: a list
item's text column, a numbered item's hanging indent, a lazy continuation at the marker's
column, and a first-line indent (wire copy, typewriter text).
"""

from __future__ import annotations

import re

from revtrack.extract.code_blocks import indent_of

# a list item: a bullet, "1." or "(a)", or a numbered section "4.1."
LIST_START = re.compile(
    r"^\s*(?:[-*+\u2022\u25aa\u2013]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|\d+(?:\.\d+)+\.?)\s+\S"
)
_BULLETS = "-*+\u2022\u25aa\u2013"
# a capital and a full stop opening a line, or after a number ("2. A. Interpret"): a lettered
# item ("B. Scope") or a name's initial
_CAPITAL_MARKER = re.compile(r"^\s*(\(?\d{1,3}[.)]\s+)?([A-Z])\.\s+(?=\S)")


def name_initials(lines: list[str]) -> set[int]:
    """Lines that open with a capital and a full stop that no lettered list holds: a name's
    initial where a wrapped sentence goes on ("N. Korea said", "W. Bush"), not an item. A
    lettered list starts at "A." (or a roman "I."), each later item's letter follows one
    already seen at a line's start (or after a number, "2. A."), and an item's later lines
    may hang at its text's column.

    >>> sorted(name_initials(["in talks where", "N. Korea said", "A. Scope", "B. Terms", "C. Fees"]))
    [1]
    >>> sorted(name_initials(["2. A. Interpret", "   B. Leave special markup", "      as it is."]))
    []
    """
    seen: set[str] = set()
    initials: set[int] = set()
    for n, line in enumerate(lines):
        match = _CAPITAL_MARKER.match(line)
        if match is None:
            continue
        letter = match.group(2)
        # an item's later lines start at its text's column (a hanging indent); a wrapped
        # sentence's at the paragraph's
        hanging = n + 1 < len(lines) and lines[n + 1].strip() and indent_of(lines[n + 1]) == match.end()
        if letter in "AI" or chr(ord(letter) - 1) in seen or hanging or match.group(1):
            seen.add(letter)
        else:
            initials.add(n)
    return initials


def hanging_lines(lines: list[str]) -> set[int]:
    """Indices of lines that continue a list item at its hanging indent (see
    :func:`item_continuation`): numbered paragraphs wrapped at four columns are prose, not
    the indented code that lines indented four columns are otherwise taken for.

    >>> sorted(hanging_lines(["1. The court", "    found that", "    the law", "", "    code"]))
    [1, 2]
    """
    out: set[int] = set()
    n = 0
    while n < len(lines) - 1:
        match = LIST_START.match(lines[n])
        if match is None:
            n += 1
            continue
        indent = item_continuation(lines[n], lines[n + 1], match.end() - 1)
        n += 1
        while n < len(lines) and lines[n].strip() and indent_of(lines[n]) == indent:
            if LIST_START.match(lines[n]):
                break
            out.add(n)
            n += 1
    return out


def first_line_indent(line: str, nxt: str) -> int:
    """The indentation a paragraph's later lines have, read from its second line: up to
    eight columns less than its first line's (a first-line indent, as typewriters and wire
    services set paragraphs, with no blank line between them), else the first line's own.

    >>> first_line_indent("   One of the smallest", "wines, the valley"), first_line_indent("  A", "  b")
    (0, 2)
    >>> first_line_indent("            A title centred", "The text")
    12
    """
    first, later = indent_of(line), indent_of(nxt)
    return later if later < first <= later + 8 else first


def continuation_indent(line: str) -> int:
    """Indentation a paragraph's later lines have: a list item's text column, else the line's own.

    >>> continuation_indent("- item text"), continuation_indent("  plain"), continuation_indent("10. ten")
    (2, 2, 4)
    """
    match = LIST_START.match(line)
    if match:
        return match.end() - 1
    return len(line) - len(line.lstrip())


def item_continuation(item: str, nxt: str, text_column: int) -> int:
    """The indentation a list item's wrapped lines have, read from its second line: the
    marker's own column (a lazy continuation, as Markdown allows), the item's text column, or
    for a numbered item one column either side of it (a hanging indent set for the list:
    "9. ", "10. " and "100. " items all wrapped at four columns); else the text's column.
    Whether the line joins is still the wrap width's call. A line between the marker and
    the text is no continuation: "(16) HEADLINE" over an indented byline.

    >>> item_continuation("1. The court found", "    that the", 3), item_continuation("1. A", "that", 3)
    (4, 0)
    >>> item_continuation("- An item", "   code", 2), item_continuation("(16) A", "   By", 5)
    (2, 5)
    """
    deeper = indent_of(nxt)
    numbered = item.lstrip()[:1] not in _BULLETS
    if deeper == indent_of(item) or text_column - numbered <= deeper <= text_column + numbered:
        return deeper
    return text_column
