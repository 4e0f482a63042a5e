"""Double-spaced text: a blank line after every wrapped line, read as the wrapped text it is.

Some tools save a wrapped text with a blank line after each line (a manuscript typed
double-spaced, a PDF's text, a page whose lines were each a paragraph), and two or more
blank lines between paragraphs, or one. Read as it is, each wrapped line stands alone: a
short line without a full stop, which is what a menu looks like, and a text so spaced
lost up to 99% of its words. A text is double-spaced when nearly every line of it has a
blank line after it (at most :data:`CLOSE_SHARE` of its lines stand right above another)
and, with the single blank lines taken out and longer runs made one, one wrap width fits
it (:func:`revtrack.extract.reflow.wrap_width`): then it is re-flowed that way. A text of
one paragraph a line keeps its blank lines: its lines are as long as its paragraphs, and no
width fits them.

:func:`read_line_breaks` is the one way a text's lines are read before any page reading:
justified gaps made one space (:mod:`revtrack.extract.justified`), double spacing closed,
then the re-flow (:mod:`revtrack.extract.reflow`).
"""

from __future__ import annotations

from revtrack.extract.justified import unjustify, unjustify_printed
from revtrack.extract.reflow import Logical, measured_pairs, read_breaks, wrap_width

#: At most this share of a double-spaced text's lines sit right above another line.
CLOSE_SHARE = 0.1
#: Fewest lines of text that show a text is double-spaced.
MIN_SPACED_LINES = 8


def close_spacing(lines: list[str]) -> tuple[list[str], list[int]] | None:
    """A double-spaced text's lines with its single blank lines taken out (and each longer run
    of blank lines made one), and each kept line's index in ``lines``; None when the text is
    not double-spaced.

    >>> import textwrap
    >>> prose = "The council met on Tuesday to debate the harbour budget again. " * 6
    >>> spaced = "\\n\\n".join(textwrap.wrap(prose, 60)).splitlines()
    >>> closed, index = close_spacing(["Budget", "", ""] + spaced)
    >>> len(spaced), len(closed), closed[2:4] == textwrap.wrap(prose, 60)[:2], index[:4]
    (13, 9, True, [0, 1, 3, 5])
    >>> close_spacing(["A paragraph a line.", "", "Another paragraph.", "", "A third."]) is None
    True
    """
    text = [n for n, line in enumerate(lines) if line.strip()]
    if len(text) < MIN_SPACED_LINES:
        return None
    close = sum(1 for n in text[:-1] if lines[n + 1].strip())
    if close > CLOSE_SHARE * len(text):
        return None
    kept: list[int] = []
    for n, line in enumerate(lines):
        if line.strip():
            kept.append(n)
        elif kept and lines[kept[-1]].strip() and n + 1 < len(lines) and not lines[n + 1].strip():
            kept.append(n)  # a run of two or more blank lines: one is kept, a paragraph's end
    closed = [lines[n] for n in kept]
    if wrap_width(closed) is None:
        return None
    return closed, kept


def spread(reflowed: list[Logical], index: list[int]) -> list[Logical]:
    """Re-flowed lines of a closed text, numbered as the lines of the text as it was."""
    return [
        Logical(line.text, index[line.first], index[line.first + line.count - 1] - index[line.first] + 1)
        for line in reflowed
    ]


def read_line_breaks(lines: list[str], printed: bool = False) -> tuple[list[Logical], str | None]:
    """A text's lines re-flowed as the paragraphs they are, and, when its line breaks show it
    was saved as a document, how (for a user): ``"hard-wrapped"`` (one width fits it),
    ``"justified to N columns"``, ``"double-spaced, hard-wrapped"`` or ``"written a clause a
    line"``; None when its lines were broken no such way (no width fits, or each paragraph has
    its own: :func:`revtrack.extract.reflow.read_breaks`; see ``PageEvidence.is_page``).
    ``printed``: the text is a printed document (paged), justified in points if at all.
    """
    unjustified, justified = unjustify(lines)
    if printed and justified is None:
        unjustified = unjustify_printed(lines)
    pairs = measured_pairs(unjustified)  # measured once for every reading below
    width = wrap_width(unjustified, pairs)
    closed = close_spacing(unjustified) if width is None else None
    if closed is not None:  # double-spaced: read without the blank line after each line
        reflowed, breaks = read_breaks(closed[0], wrap_width(closed[0]))
        reflowed = spread(reflowed, closed[1])
    else:
        reflowed, breaks = read_breaks(unjustified, width, pairs)
    if breaks == "hard-wrapped" and justified:
        breaks = f"justified to {justified} columns"
    elif breaks == "hard-wrapped" and closed is not None:
        breaks = "double-spaced, hard-wrapped"
    # wrapped at several widths is left out: a page whose related links were joined per
    # paragraph read as plain (majkaswelt.com)
    return reflowed, None if breaks == "wrapped at several widths" else breaks
