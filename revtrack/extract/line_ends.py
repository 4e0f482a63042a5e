"""Where a line of plain text ends, and whether a short paragraph was wrapped.

The tests :mod:`revtrack.extract.reflow` reads a hard-wrapped text with: whether the
next line's first word would have fitted on a line (a wrapper breaks a line only when
it would not), and whether a line ends inside a sentence, at a sentence's end, or
before a capital after no punctuation (a title, a name, a field).
"""

from __future__ import annotations

import re

from revtrack.extract.columns import UNSPACED, columns
from revtrack.extract.lines import is_byline

#: A line breaks early by the wrapper's choice only when the next word would not fit
#: within this many columns of the width (hand-wrapped text is ragged).
SLACK = 10
#: Paragraphs narrower than this are as long as their lines (a menu, an address, a list
#: of names), neither wrapped nor not.
MIN_WIDTH = 36
#: Wider than this is no wrapping (a line per paragraph).
MAX_WIDTH = 132

#: Words that cannot end a sentence or a title: articles, prepositions and conjunctions
#: (English, German, French, Spanish, Italian, Portuguese, Dutch). A line that ends in one
#: goes on on the next line, whatever that starts with ("smooth sailing for" / "Thanksgiving").
FUNCTION_WORDS = frozenset(
    """a an the and or nor but of to in on at by for from with into onto than that as via per
    whose whether if because while although
    der die das den dem des ein eine einen einem einer eines und oder aber für mit von zu zum
    zur bei nach aus auf im am vom über unter durch gegen ohne um wie dass sowie
    le la les un une des du de et ou mais pour par avec sans sur dans en au aux à que qui dont
    el los las unos unas y pero del al para por con sin sobre il lo gli di della dei degli
    delle alla su che os as um uma mas do da dos das ao com em no na het een van voor bij naar
    op aan""".split()
)
# a width no line reaches: the lines of a paragraph read at it stay lines
_NEVER = 1 << 30
_QUOTE_PREFIX = re.compile(r"^[\s>|]*")
# marks of code in a line: a comment ("# prints", "// guest"), a variable ("$ver"), a
# redirection (">/dev/stderr"), a statement's end with alignment after it ("numify;   # ...")
_CODE_MARK = re.compile(r"^\s*(?:#|//)|\s(?:#|//)\s|\$\w|[<>]/|;\s{2,}")
# closing quotes, brackets and Markdown emphasis after a line's last punctuation
_CLOSERS = "'\"\u2019\u201d)\\]*_"
_CLAUSE_END = re.compile(f",[{_CLOSERS}]*$")
_SENTENCE_END = re.compile(f"[.!?\u2026;:][{_CLOSERS}]*$")
# a line of code (an assignment, braces, a backslash, a shell substitution) or a field
# ("arch: David MacKenzie"): its lines are as the author keyed them, never a clause
_CODE_OR_FIELD = re.compile(r"[{}=\\]|\$[({]|^\s*[\w.+-]{1,30}:\s")


def quote_prefix(line: str) -> str:
    """Indentation and quote marks before a line's text.

    >>> quote_prefix("> > quoted twice")
    '> > '
    """
    return _QUOTE_PREFIX.match(line).group(0)


def ends_in_function_word(line: str) -> bool:
    """Whether a line's last word is one no sentence or title ends in (:data:`FUNCTION_WORDS`),
    with no punctuation after it.

    >>> ends_in_function_word("After storm, forecasters see smooth sailing for")
    True
    >>> ends_in_function_word("Forecasters see smooth sailing for."), ends_in_function_word("Yue Du")
    (False, False)
    >>> ends_in_function_word("$ git commit -a"), ends_in_function_word("NEWS Makefile.am")
    (False, False)
    """
    words = line.split()
    # the whole last word, in lower case as inside a sentence: "-a" is a flag, "Makefile.am" a
    # file's name, "Du" a name, "N/A" a value
    return bool(words) and words[-1] in FUNCTION_WORDS


def looks_like_code(line: str) -> bool:
    """Whether a line carries a mark of code (:data:`_CODE_MARK`): its breaks are the author's.

    >>> looks_like_code("// This rule finds sequences of declarations"), looks_like_code("issue #12 is fixed")
    (True, False)
    """
    return bool(_CODE_MARK.search(line))


def break_kind(line: str, nxt: str) -> str:
    """Where a line inside a paragraph ends: ``clause`` (inside a sentence: after a comma or
    before a word in lower case), ``sentence`` (after a full stop, a semicolon or a colon) or
    ``other`` (before a capital after no punctuation, or a line of code or a field).

    >>> break_kind("We set out to build a language,", "and we were surprised."), break_kind("Home", "News")
    ('clause', 'other')
    >>> break_kind("scale = 0;", "work = pi;"), break_kind("arch: David MacKenzie", "b2sum: Padraig Brady")
    ('other', 'other')
    """
    end = line.rstrip()
    if _CODE_OR_FIELD.search(end):
        return "other"
    if _CLAUSE_END.search(end):
        return "clause"
    if _SENTENCE_END.search(end):
        return "sentence"
    return "clause" if nxt.lstrip()[:1].islower() else "other"


def next_word_overflows(line: str, nxt: str, width: int) -> bool:
    """True when the first word of ``nxt`` would not have fitted at the end of ``line`` (in a
    script written without spaces, its first character, with no space before it). A quoted
    line's first word is the one after its quote marks.

    >>> next_word_overflows("> the alliance", "> modernization at", 30)
    True
    """
    words = nxt[len(quote_prefix(nxt)) :].split()
    if not words:
        return False  # a line of quote marks only: a quoted blank line
    first = words[0]
    if UNSPACED.match(first) and UNSPACED.match(line.rstrip()[-1:]):
        return columns(line.rstrip()) + columns(first[0]) > width - SLACK
    return columns(line.rstrip()) + 1 + columns(first) > width - SLACK


def paragraph_runs(pairs: list[int]) -> list[list[int]]:
    """Runs of consecutive measured pairs: each run is the interior lines of one paragraph.

    >>> paragraph_runs([0, 1, 4, 6, 7])
    [[0, 1], [4], [6, 7]]
    """
    runs: list[list[int]] = []
    for n in pairs:
        if runs and runs[-1][-1] == n - 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return runs


def wrapped_paragraph_width(lines: list[str], run: list[int], title: bool = False) -> int | None:
    """The width one paragraph was wrapped at, judged on its own lines only, or None.

    A text too short to show a width (a news brief of two wrapped paragraphs and a
    headline over two lines) has too few lines for
    :func:`revtrack.extract.reflow.wrap_width` to measure. Its paragraphs are still
    evidently wrapped when **every** line inside one (``run``: indices ``n`` of
    ``lines[n]`` followed by ``lines[n + 1]`` of the same paragraph) ends where the next
    word would not have fitted at the width of its longest line (its last one included),
    **none** ends in a capitalised word before a capital (a name,
    a title: an author's break) or is a field or code, and at least one ends **inside a
    sentence** (after a comma, or before a word in lower case); a ``title`` (:func:`title_run`)
    in Title Case needs the width test alone. The lines of a paragraph
    written a sentence a line end at full stops; a menu's items are narrower than
    :data:`MIN_WIDTH`.

    >>> brief = ["The council on Monday approved the dredging budget after", "a debate past midnight."]
    >>> wrapped_paragraph_width(brief, [0])
    56
    >>> wrapped_paragraph_width(["The council on Monday approved the budget.", "The vote was 5-4."], [0])
    """
    # the narrowest width the paragraph could have been wrapped at: its longest line, the last
    # included; no slack for hand wrapping, as a few lines are all the evidence there is
    if any("\t" in lines[n].strip() or looks_like_code(lines[n]) for n in (*run, run[-1] + 1)):
        return None  # a tab inside a line aligns columns or a comment: code, a table, fields
    width = max(columns(lines[n].rstrip()) for n in (*run, run[-1] + 1))
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return None
    if not all(next_word_overflows(lines[n], lines[n + 1], width + SLACK) for n in run):
        return None
    # a title in Title Case breaks before a capital wherever it wraps; its byline is no part of it
    # (and two notices are no title: "Copyright 2015 A. Lee." / "Copyright 2021 B. Roe")
    title_lines = [lines[n].strip() for n in (*run, run[-1] + 1)]
    if (
        title
        and all(map(_title_case, title_lines))
        and not any(map(is_byline, title_lines))
        and not any(_SENTENCE_END.search(line) for line in title_lines[:-1])
        and len({line.split()[0] for line in title_lines}) > 1
    ):
        return width
    kinds = [_sentence_goes_on(lines[n], lines[n + 1]) for n in run]
    return width if "other" not in kinds and "clause" in kinds else None


def _title_case(line: str) -> bool:
    """Whether every word of four letters or more in a line starts with a capital (Title Case
    leaves "the", "of", "on" in lower case).

    >>> _title_case("Intensified Israeli Surveillance Has Put the West"), _title_case("Bank on Lockdown")
    (True, True)
    >>> _title_case("Die Ablehnung von Gendersprache, medial produziert"), _title_case("on the")
    (False, False)
    """
    words = [word.strip("\"'\u2018\u2019\u201c\u201d(),:;!?.") for word in line.split()]
    significant = [word for word in words if len(word) > 3 and word[:1].isalpha()]
    return bool(significant) and all(word[:1].isupper() for word in significant)


def title_run(lines: list[str], runs: list[list[int]]) -> list[int] | None:
    """The text's title, when it is wrapped: its first paragraph of two or three lines, with
    nothing above it but short lines (a running head, a date), or None.

    >>> title_run(["Gazette", "", "Intensified Surveillance Has Put the West", "Bank on Lockdown"], [[2]])
    [2]
    """
    if not runs or len(runs[0]) > 2:
        return None
    above = lines[: runs[0][0]]
    return runs[0] if all(columns(line.rstrip()) < MIN_WIDTH for line in above) else None


def _sentence_goes_on(line: str, nxt: str) -> str:
    """:func:`break_kind`, where a line that ends in a word in lower case before a capital is
    ``maybe`` (German capitalises its nouns: "immer" / "Wettbewerb"; a headline in sentence
    case ends in one too), not an author's break, and inside a sentence when that word cannot
    end one (:func:`ends_in_function_word`); a title or a name ends in a capital ("said
    Mayor" / "Jane Doe").

    >>> _sentence_goes_on("Ob Energie oder Telekommunikation: fast immer", "Wettbewerb besser")
    'maybe'
    >>> _sentence_goes_on("Ob Energie oder Telekommunikation: fast durch", "Wettbewerb besser")
    'clause'
    >>> _sentence_goes_on("The statement was read by Mayor", "Jane Doe")
    'other'
    >>> _sentence_goes_on("Thus Satan, talking to his nearest mate,", "With head uplift above the wave")
    'maybe'
    """
    kind = break_kind(line, nxt)
    if kind == "clause" and nxt.lstrip()[:1].isupper() and _CLAUSE_END.search(line.rstrip()):
        return "maybe"  # a comma before a capital: verse ("his nearest mate," / "With head"), names
    if kind == "other" and not _CODE_OR_FIELD.search(line):
        if ends_in_function_word(line):
            return "clause"
        words = line.split()
        if words and words[-1][:1].islower():
            return "maybe"
    return kind


def narrower_paragraphs(lines: list[str], widths: list[int | None], pairs: list[int]) -> None:
    """Give each paragraph evidently wrapped narrower than the width it was to be read at its
    own width (a title typeset in a larger font over the text, "The nonstop sparring match" /
    "between the conservative justice and ..."), as :func:`short_paragraph_widths` finds them
    (``pairs``: :func:`revtrack.extract.reflow.measured_pairs`, a lone word after a function
    word included)."""
    runs = paragraph_runs(pairs)
    title = title_run(lines, runs)
    for run in runs:
        own = wrapped_paragraph_width(lines, run, title=run is title)
        if own is not None and own < (widths[run[0]] or 0) - SLACK:
            for n in (*run, run[-1] + 1):
                widths[n] = own


def short_paragraph_widths(lines: list[str], pairs: list[int]) -> list[int | None] | None:
    """For a text too short to measure (a brief, a note), the width of each paragraph that is
    evidently wrapped on its own (:func:`wrapped_paragraph_width`),
    and for every other line a width no line reaches, so that it stays a line; None when no
    paragraph is.

    >>> from revtrack.extract.reflow import _joined, measured_pairs
    >>> lines = ["Council approves the harbour dredging budget after a long", "debate over costs",
    ...          "", "The council on Monday approved the dredging budget after", "a debate past midnight."]
    >>> [line.text for line in _joined(lines, short_paragraph_widths(lines, measured_pairs(lines)))]
    ['Council approves the harbour dredging budget after a long debate over costs', '', \
'The council on Monday approved the dredging budget after a debate past midnight.']
    """
    widths: list[int | None] = [_NEVER] * len(lines)
    found = False
    runs = paragraph_runs(pairs)
    title = title_run(lines, runs)
    for run in runs:
        width = wrapped_paragraph_width(lines, run, title=run is title)
        if width is not None:
            found = True
            for n in (*run, run[-1] + 1):
                widths[n] = width
    return widths if found else None
