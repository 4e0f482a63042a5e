"""Fully justified text: the spaces a typesetter added, read as the one space they stand for.

A text justified to a width (typewriter copy, an old newsletter or e-book, a legal
notice) stretches each wrapped line to the same width by widening the gaps between its
words: ``The  council  met on  Tuesday``. Read as it is, two spaces inside a line are
the columns of a table, so no justified line was ever re-flowed and its short lines read
as a page's menu. A text is justified when its right margin is flush: half of its lines
inside paragraphs (another line follows) end at one column, :data:`MIN_JUSTIFIED_LINES` or
more of them stretched (a gap of two or more spaces between words), each of those
spreading its spaces evenly: every gap between its words is ``q`` or ``q + 1``
spaces (a table's row puts one space inside a cell and many between cells). In such a
text the gaps of those lines become one space before the re-flow measures it; every word
is kept.
"""

from __future__ import annotations

import re
from collections import Counter

from revtrack.extract.columns import columns

#: Fewest lines stretched to one width that make a text justified.
MIN_JUSTIFIED_LINES = 4
#: Justified lines are at least this wide (a narrower run of equal lines is a list).
MIN_JUSTIFIED_WIDTH = 36
#: At least this share of the lines inside paragraphs end at the justified width.
FLUSH_SHARE = 0.5
# two or more spaces between two words (not after a sentence's end: typewriter copy puts
# two spaces there without justifying)
_GAP = re.compile(r"(?<=[^\s.!?:;]) {2,}(?=\S)")
_SPACES = re.compile(r" +")
_LETTER = re.compile(r"[^\W\d_]")


def unjustify(lines: list[str]) -> tuple[list[str], int | None]:
    """The lines with a justified text's stretched gaps made one space, and the width it is
    justified to (None, and the lines as they were, when it is not justified).

    >>> text = ["The  council met on Tuesday to debate", "the  harbour  budget, which the mayor",
    ...         "had  said  would be passed before the", "summer  recess  in  July, and after a",
    ...         "long  night  it  was sent back to the", "committee."]
    >>> lines, width = unjustify(text)
    >>> width, lines[0], lines[3]
    (37, 'The council met on Tuesday to debate', 'summer recess in July, and after a')
    >>> table = ["Name      Role        Phone", "Ann Lee   Editor      0100"] * 3
    >>> unjustify(table)[1] is None
    True
    """
    # lines inside paragraphs (another line follows): a justified paragraph's all end at one column
    inside = [n for n in range(len(lines) - 1) if lines[n].strip() and lines[n + 1].strip()]
    stretched = [n for n in inside if _GAP.search(lines[n].strip())]
    widths = Counter(columns(lines[n].rstrip()) for n in stretched)
    if not widths:
        return lines, None
    width, count = widths.most_common(1)[0]
    if count < MIN_JUSTIFIED_LINES or width < MIN_JUSTIFIED_WIDTH:
        return lines, None
    if sum(1 for n in inside if columns(lines[n].rstrip()) == width) < FLUSH_SHARE * len(inside):
        return lines, None  # a ragged right margin: stretched lines of one width by chance
    rows = {n for n in stretched if columns(lines[n].rstrip()) == width and _evenly_spread(lines[n])}
    if len(rows) < MIN_JUSTIFIED_LINES:
        return lines, None
    return [_GAP.sub(" ", line) if n in rows else line for n, line in enumerate(lines)], width


def unjustify_printed(lines: list[str]) -> list[str]:
    """A printed document's lines (a PDF's text) with the stretched gaps of its justified lines
    made one space. A PDF justifies in points, not characters, so its lines end at no one
    column: a line inside a paragraph whose gaps are all ``q`` or ``q + 1`` spaces is one.

    >>> unjustify_printed(["One  of  the  smallest  regions  with", "the boldest wines.", "", "Name   Role"])
    ['One of the smallest regions with', 'the boldest wines.', '', 'Name   Role']
    """
    out = list(lines)
    for n in range(len(lines) - 1):
        line = lines[n]
        if lines[n + 1].strip() and _GAP.search(line.strip()) and _evenly_spread(line):
            # every gap, after a full stop too: the typesetter stretched them all
            out[n] = line[: len(line) - len(line.lstrip())] + " ".join(line.split())
    return out


def _evenly_spread(line: str) -> bool:
    """Whether a line is words (four or more, half with a letter) and every gap between them
    is ``q`` or ``q + 1`` spaces.

    >>> _evenly_spread("the  harbour budget,  which"), _evenly_spread("Ann Lee   Editor      0100")
    (True, False)
    >>> _evenly_spread("|           |          +-------+-------+")  # a grid table's row
    False
    """
    tokens = line.split()
    if len(tokens) < 4 or sum(1 for token in tokens if _LETTER.search(token)) * 2 < len(tokens):
        return False
    spaces = {len(run) for run in _SPACES.findall(line.strip())}
    return max(spaces) - min(spaces) <= 1
