"""Hard-wrapped text read as the paragraphs it is.

Plain-text documents are often wrapped at 70-80 columns: reStructuredText and
Markdown sources, e-mail, press releases, wire copy, RFCs, Project Gutenberg
books. Read line by line, each wrapped line of prose is a short line without a
full stop, which is what a menu looks like. So before any other reading, a
text's wrap width is measured and its wrapped lines are joined back into
paragraphs (the classic re-flow):

* the **wrap width** is the 90th percentile of the lengths of lines inside
  paragraphs (a line followed by another of the same indentation), between
  :data:`MIN_WIDTH` and :data:`MAX_WIDTH`; the text is hard-wrapped when at least
  :data:`MIN_WRAPPED_LINES` of those lines, and :data:`WRAPPED_SHARE` of them, end
  where the next line's first word would not have fitted;
* a text that no one width fits may be wrapped at **several widths** (a document
  edited over years, 60 columns in one section and 78 in the next): then each
  paragraph of three or more lines is measured on its own
  (:func:`paragraph_widths`), with the same share of lines that must end where
  the next word would not have fitted;
* a line **joins the next** when the next line's first word would not have fitted
  on it (with a little slack for hand wrapping): the break was the wrapper's,
  not the author's. A short line (verse, an address, a name list, a signature)
  is the author's break and stays a line;
* **structure stays**: setext underlines and the titles above them, ``#``
  headings, fenced and indented code, table rows and borders, and a change of
  indentation or quote prefix end a paragraph; a list item starts a new one
  and takes its own indented continuation lines.

A text no width fits may be written a sentence or a clause a line (*semantic line
breaks*, as Markdown and reST sources often are): its lines end where a sentence or a
clause ends, many of them inside a sentence, after a comma, a semicolon or a colon, or
before a word in lower case (:func:`clause_lines`). Its paragraphs are joined whole, as
a renderer joins them, but a line that ends in no punctuation before a capital (a title,
a name) stays a line.

Joining replaces the line break and the next line's indentation by one space
(by nothing after a word broken at its hyphen), so every word is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from revtrack.extract.code_blocks import FENCE, UNDERLINE, fenced, indent_of
from revtrack.extract.columns import columns
from revtrack.extract.dates import is_bare_date
from revtrack.extract.indents import (
    LIST_START,
    continuation_indent,
    first_line_indent,
    hanging_lines,
    item_continuation,
    name_initials,
)
from revtrack.extract.line_ends import (
    MAX_WIDTH,
    MIN_WIDTH,
    break_kind,
    ends_in_function_word,
    looks_like_code,
    narrower_paragraphs,
    next_word_overflows,
    paragraph_runs,
    quote_prefix,
    short_paragraph_widths,
)

#: Fewest interior paragraph lines that show a text is hard-wrapped.
MIN_WRAPPED_LINES = 4
#: In a hard-wrapped text, at least this share of the lines inside paragraphs end
#: where the next word would not have fitted.
WRAPPED_SHARE = 0.6
#: Fewest lines inside paragraphs that end inside a sentence in a text written a clause a line.
MIN_CLAUSE_BREAKS = 4
#: In such a text, at least this share of the lines inside paragraphs end where a sentence
#: or a clause ends.
CLAUSE_SHARE = 0.8

_TABLE_BORDER = re.compile(r"^\s*[+|][-=+|: ]*[+|]\s*$|^\s*=+(?:\s+=+)+\s*$")
_ATX_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s|$)")
_HYPHEN_BREAK = re.compile(r"[^\W\d_]-$")
# two or more spaces inside a line, not after a sentence's end: columns of a table
_COLUMN_GAP = re.compile(r"[^\s.!?:;]\s{2,}\S")
_FIELD = re.compile(r"^\s*(?::[\w -]+:|[A-Z][\w-]{0,30}:)(?:\s|$)")


@dataclass(frozen=True)
class Logical:
    """One line of the re-flowed text: its text and the source lines it was made of."""

    text: str
    first: int  # index of its first source line
    count: int  # how many source lines were joined


def _is_structure(line: str) -> bool:
    """A line that is markup or layout, never joined to its neighbours."""
    return bool(
        UNDERLINE.match(line)
        or _TABLE_BORDER.match(line)
        or _ATX_HEADING.match(line)
        or FENCE.match(line)
        or line.lstrip().startswith(("|", ".. "))
        or _COLUMN_GAP.search(line.strip())
    )


def _several_words(line: str) -> bool:
    """Whether a line holds more than one word (Chinese or Japanese, written without spaces,
    is given the benefit of the doubt).

    >>> _several_words(".gpg.keyedit.save.okay"), _several_words("."), _several_words("Answer yes")
    (False, False, True)
    >>> _several_words("北京市")
    True
    """
    text = line.strip()
    return " " in text or not text.isascii()


def wrap_width(lines: list[str], pairs: list[int] | None = None) -> int | None:
    """The column a hard-wrapped text is wrapped at, or None when it is not hard-wrapped
    (``pairs``: its :func:`measured_pairs`, when measured already).

    >>> import textwrap
    >>> prose = "The council met on Tuesday to debate the harbour budget. " * 12
    >>> wrap_width(textwrap.fill(prose, 72).splitlines())
    72
    >>> wrap_width([prose, "", prose]) is None  # a paragraph a line
    True
    >>> wrap_width(["Home", "World news today", "Politics", "Business and money", "Sport"] * 3) is None
    True
    """
    both = [(lines[n], lines[n + 1]) for n in (measured_pairs(lines) if pairs is None else pairs)]
    if len(both) < MIN_WRAPPED_LINES:
        return None
    lengths = sorted(columns(line.rstrip()) for line, _ in both)
    width = lengths[(len(lengths) * 9) // 10]
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return None
    # wrapped: most lines end where the next word would not have fitted
    wrapped = sum(1 for line, nxt in both if next_word_overflows(line, nxt, width))
    if wrapped < MIN_WRAPPED_LINES or wrapped < len(both) * WRAPPED_SHARE:
        return None
    return width


def measured_pairs(lines: list[str], lone_after_function_word: bool = False) -> list[int]:
    """Indices ``n`` where ``lines[n]`` and ``lines[n + 1]`` could be two lines of one wrapped
    paragraph: both text (not code, markup or blank), the next not a list item, same indentation
    (``lone_after_function_word``: a line of one word after a line ending in a word no sentence
    ends in is one, "smooth sailing for" / "Thanksgiving")."""
    code = fenced(lines)
    # whether each line may be measured at all, worked out once per line, not once per pair
    text = [not code[n] and bool(line.strip()) and not _is_structure(line) for n, line in enumerate(lines)]
    hanging = hanging_lines(lines)
    initials = name_initials(lines)
    return [
        n
        for n, (line, nxt) in enumerate(zip(lines, lines[1:], strict=False))
        if text[n]
        and text[n + 1]  # code is as long as it is, not wrapped; markup is layout
        # a line of one word beside a line of words (a record's key over its paragraph, a lone
        # "." ending it) is no line of that paragraph; two lines of one word each (a list of
        # file names, a block of base64) are measured as ever
        and (
            _several_words(line) == _several_words(nxt)
            or (lone_after_function_word and ends_in_function_word(line))
        )
        # a list's items are as long as they are, not wrapped ("N. Korea" is a name, not an item)
        and not (LIST_START.match(nxt) and n + 1 not in initials)
        # code and literal blocks are not measured; a list item's hanging lines are its text
        and (not line.startswith(("    ", "\t")) or n in hanging)
        and indent_of(nxt) == continuation_indent(line)
    ]


def paragraph_widths(lines: list[str], pairs: list[int] | None = None) -> list[int] | None:
    """For a text wrapped at several widths, the width each line's paragraph is wrapped at;
    None when the text is not hard-wrapped that way either.

    A document edited over years by several people is wrapped at 60 columns in one
    section and 78 in the next: one width for the whole text leaves the narrower
    paragraphs unjoined, and their short lines read as a menu. Here each paragraph of
    three or more lines is measured on its own (its longest line but the last), and a
    two-line paragraph, which cannot show a width of its own, at the median width of
    the others; the text is hard-wrapped when the lines that end where the next word
    would not have fitted are :data:`WRAPPED_SHARE` of all lines inside paragraphs.
    Paragraphs narrower than :data:`MIN_WIDTH` (an index of names under a directive, a
    list of short items) are as long as their lines, neither wrapped nor not: they
    are left out of the count.

    >>> import textwrap
    >>> prose = "The council met on Tuesday to debate the harbour budget. " * 12
    >>> text = textwrap.fill(prose, 60).splitlines() + [""] + textwrap.fill(prose, 78).splitlines()
    >>> wrap_width(text) is None, sorted(set(paragraph_widths(text)))
    (True, [60, 78])
    """
    if pairs is None:
        pairs = measured_pairs(lines)
    runs = paragraph_runs(pairs)  # the interior lines of each paragraph
    wrapped = measured = 0
    own: dict[int, int] = {}  # a paragraph's first line -> its width
    pending: list[list[int]] = []  # two-line paragraphs: measured at the others' width
    for run in runs:
        width = max(columns(lines[n].rstrip()) for n in run)
        if width < MIN_WIDTH:
            continue  # a list of names or an index, as long as its lines are: not prose
        measured += len(run)
        if len(run) < 2:
            pending.append(run)  # one interior line is always as long as the longest
            continue
        fits = sum(1 for n in run if next_word_overflows(lines[n], lines[n + 1], width))
        if width <= MAX_WIDTH and fits >= len(run) * WRAPPED_SHARE:
            own[run[0]] = width
            wrapped += fits
    if not own:
        return None
    ordered = sorted(own.values())
    default = ordered[len(ordered) // 2]
    wrapped += sum(1 for (n,) in pending if next_word_overflows(lines[n], lines[n + 1], default))
    if wrapped < MIN_WRAPPED_LINES or wrapped < measured * WRAPPED_SHARE:
        return None
    widths = [default] * len(lines)
    for run in runs:
        for n in (*run, run[-1] + 1):
            widths[n] = own.get(run[0], default)
    return widths


def clause_lines(lines: list[str], pairs: list[int] | None = None) -> bool:
    """True when a text is written a sentence or a clause a line (semantic line breaks): at
    least :data:`MIN_CLAUSE_BREAKS` lines inside paragraphs end inside a sentence (see
    :func:`revtrack.extract.line_ends.break_kind`), and :data:`CLAUSE_SHARE` of them end
    where a sentence or a clause ends. A page's text, a paragraph a line, breaks at
    sentences only; its menus break at no punctuation.

    >>> text = ["Go was launched in 2009,", "and the year since has seen", "a great many changes.",
    ...         "The compilers have improved;", "more than a hundred bugs were fixed.", "",
    ...         "The Windows port is nearly done,", "thanks to a group of contributors,",
    ...         "one of whom became a committer."]
    >>> clause_lines(text), clause_lines(["Home", "News", "Sport", "Weather", "Contact", "About"])
    (True, False)
    """
    # a line of a few words (a name in a list, a menu's item) is as long as it is: not counted
    measured = measured_pairs(lines) if pairs is None else pairs
    kinds = [break_kind(lines[n], lines[n + 1]) for n in measured if len(lines[n].split()) > 3]
    clauses = kinds.count("clause")
    return clauses >= MIN_CLAUSE_BREAKS and clauses + kinds.count("sentence") >= CLAUSE_SHARE * len(kinds)


def _joins(line: str, nxt: str, width: int | None, indent: int, initial: bool = False) -> bool:
    """True when ``nxt`` continues the paragraph that ``line`` is part of (``width`` None: the
    text is written a clause a line, and every break but one before a capital after no
    punctuation is inside the paragraph; ``initial``: ``nxt`` opens with a name's initial,
    "N. Korea", not a list item: :func:`revtrack.extract.indents.name_initials`)."""
    if not nxt.strip() or _is_structure(nxt) or (LIST_START.match(nxt) and not initial) or FENCE.match(line):
        return False
    # a date alone on a line is a field (the date under a headline), never a wrapped sentence's
    # end: that ends in a full stop ("... on\nMarch 3, 2024.")
    if is_bare_date(nxt):
        return False
    if "".join(quote_prefix(nxt).split()) != "".join(quote_prefix(line).split()):
        return False  # another quote level (tabs and spaces are indentation, not quote marks)
    if indent_of(nxt) != indent:
        return False  # indentation changed: a block quote, a code block, a new item
    if width is None:
        return break_kind(line, nxt) != "other"
    # a line that ends in "for" or "the" goes on, however short: a title typeset in a larger
    # font is wrapped narrower than the text under it ("smooth sailing for" / "Thanksgiving")
    if next_word_overflows(line, nxt, width):
        return True
    return ends_in_function_word(line) and not looks_like_code(line) and not looks_like_code(nxt)


def reflow(lines: list[str], width: int | None = None) -> list[Logical]:
    """Join the wrapped lines of a hard-wrapped text into paragraph lines.

    ``width`` defaults to :func:`wrap_width`; a text that is not hard-wrapped
    comes back a line for a line.

    >>> import textwrap
    >>> item = textwrap.fill("an item " * 10, 60, initial_indent="- ", subsequent_indent="  ")
    >>> prose = textwrap.fill("word " * 40, 60)
    >>> text = "Title\\n=====\\n\\n" + prose + "\\n\\n" + item + "\\n- a second item"
    >>> [(l.text[:24], l.count) for l in reflow(text.splitlines(), 60)]
    [('Title', 1), ('=====', 1), ('', 1), ('word word word word word', 4), ('', 1), \
('- an item an item an ite', 2), ('- a second item', 1)]
    """
    return reflow_measured(lines, wrap_width(lines) if width is None else width)


def reflow_measured(lines: list[str], width: int | None) -> list[Logical]:
    """:func:`reflow` with the text's wrap width measured already (:func:`wrap_width`):
    None when no one width fits, and then each paragraph is measured on its own."""
    return read_breaks(lines, width)[0]


def read_breaks(
    lines: list[str], width: int | None, pairs: list[int] | None = None
) -> tuple[list[Logical], str | None]:
    """The re-flowed lines and how the text's lines were broken: ``"hard-wrapped"`` (one
    ``width``, measured already by :func:`wrap_width`, fits), ``"wrapped at several widths"``
    (:func:`paragraph_widths`), ``"written a clause a line"`` (:func:`clause_lines`), or None
    (a line for a line)."""
    widths: list[int | None] | None = None
    how = None
    if width is not None:
        widths, how = [width] * len(lines), "hard-wrapped"
        narrower_paragraphs(lines, widths, measured_pairs(lines, lone_after_function_word=True))
    else:
        if pairs is None:
            pairs = measured_pairs(lines)
        several = paragraph_widths(lines, pairs)
        if several is not None:
            widths, how = list(several), "wrapped at several widths"
            narrower_paragraphs(lines, widths, measured_pairs(lines, lone_after_function_word=True))
        elif clause_lines(lines, pairs):
            widths, how = [None] * len(lines), "written a clause a line"
        elif len(pairs) < MIN_WRAPPED_LINES:
            # too few lines to show the text's width: its evidently wrapped paragraphs only,
            # and no sign that it was saved as a document (how stays None). A text with the
            # lines to show a width and none fitting was not wrapped (a line a line of lyrics)
            widths = short_paragraph_widths(lines, measured_pairs(lines, lone_after_function_word=True))
    if widths is None:
        return [Logical(line, n, 1) for n, line in enumerate(lines)], None
    return _joined(lines, widths), how


def _joined(lines: list[str], widths: list[int | None]) -> list[Logical]:
    """Each paragraph's lines joined (a line's width None: joined at clause breaks)."""
    out: list[Logical] = []
    code = fenced(lines)
    initials = name_initials(lines)  # "N. Korea" opening a wrapped line is no list item
    n = 0
    while n < len(lines):
        line = lines[n]
        if code[n] or _is_structure(line) or not line.strip() or _is_title(lines, n):
            out.append(Logical(line, n, 1))
            n += 1
            continue
        indent = continuation_indent(line)
        item = LIST_START.match(line) is not None and n not in initials
        pieces, count = [line.rstrip()], 1
        end = pieces[0][-2:]  # the joined text's last two characters
        while n + count < len(lines):
            previous, nxt = lines[n + count - 1], lines[n + count]
            if count == 1:
                indent = item_continuation(line, nxt, indent) if item else first_line_indent(line, nxt)
            if (
                code[n + count]
                or _is_title(lines, n + count)
                or not _joins(previous, nxt, widths[n], indent, n + count in initials)
            ):
                break
            # a word broken at its hyphen ("ship-" / "to-shore") is joined without a space;
            # only the text's end is looked at, and the pieces joined once: a paragraph of
            # thousands of lines took minutes when the whole text was searched and copied
            # at every line
            # (a break between two Chinese characters is joined with a space too: the words,
            # runs of word characters, stay the file's own, as a reader of the file splits them)
            glue = "" if _HYPHEN_BREAK.search(end) else " "
            # a quoted line's own quote marks go: "> " opens the paragraph once, not each line
            pieces += (glue, nxt[len(quote_prefix(nxt)) :].rstrip())
            end = (end + glue + pieces[-1])[-2:]
            count += 1
        out.append(Logical("".join(pieces), n, count))
        n += count
    return out


def _is_title(lines: list[str], n: int) -> bool:
    """A setext title: a text line with an underline right below it."""
    return n + 1 < len(lines) and bool(lines[n].strip()) and bool(UNDERLINE.match(lines[n + 1]))
