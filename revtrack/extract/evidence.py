"""What makes a text a web page: named evidence, and the lines a document is made of.

A page's visible text has a menu above its article and a footer below it: runs
of short navigation-like lines. A plain document has short lines too, but of its
own structure: section titles, fields, list items, tables, code, indented lines,
references, lists of names. :class:`PageEvidence` counts only the former, so a
text is read as a page only on evidence a document does not give; when in doubt
it is kept whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from revtrack.extract.dates import is_dated_entry

# Chrome lines above and below the article that make a text a page, not a plain file:
# a menu above and a footer below, or a long menu, or a long footer.
CHROME_ABOVE = 4
CHROME_BELOW = 3
MENU_ABOVE = 8
FOOTER_BELOW = 20


@dataclass(frozen=True)
class PageEvidence:
    """What makes a text a web page rather than a plain document, counted in lines.

    * ``menu``: the longest run of navigation-like lines above the article;
    * ``footer``: navigation-like lines below the article.

    A page shows a menu (:data:`CHROME_ABOVE` lines) and a footer
    (:data:`CHROME_BELOW`), or a menu of :data:`MENU_ABOVE` lines, or a footer of
    :data:`FOOTER_BELOW` lines.

    A navigation-like line is short, is not a sentence, and is not part of a
    document's own structure: not the title, a byline or a date, a list item or
    the line introducing a list or an example (``Usage example:`` over its code), a
    section title (underlined, ``#``, followed by prose, or over an indented block),
    a term over its fields, a field (``Author: X``,
    ``cli : faster``), a table row or columns (a row with empty cells between rows too,
    a border drawn in box characters), a line of code or of a fenced block, an indented
    line, a URL or address alone, a line of a list of names (``Jane Doe, Reuters``), an
    entry of a timeline or a dated log beside another (``Jan. 4, 2026: Union calls a
    walkout``), or a line of a run in alphabetical order (:func:`in_sorted_run`).
    """

    menu: int
    footer: int
    # the lines above the article are a document's title page (see :func:`opens_with_copyright`)
    title_page: bool = False
    # its line breaks show it was saved as a document: one wrap width fits it, or it is
    # justified, double-spaced or written a clause a line
    # (:func:`revtrack.extract.spacing.read_line_breaks`)
    hard_wrapped: bool = False
    line_breaks: str = "hard-wrapped"  # how its lines were broken, for a user

    @property
    def is_page(self) -> bool:
        """A menu above and a footer below, or a menu or a footer long enough alone.

        A hard-wrapped text, or one written a sentence or a clause a line, was saved
        as a document (a mail, a newsletter, a release, a Markdown source, a text
        dump): a run of short lines above or below its first block of prose is as
        likely a list of its own (a table of contents, a staff list, credits), so
        one side alone does not make it a page; a menu above and a footer below
        still do.
        """
        both = self.menu >= CHROME_ABOVE and self.footer >= CHROME_BELOW
        if self.hard_wrapped:
            return both
        return both or self.menu >= MENU_ABOVE or self.footer >= FOOTER_BELOW

    def describe(self) -> str:
        """One line for a user: the evidence and the verdict."""
        verdict = "read as a page" if self.is_page else "read as plain text"
        title_page = " (a title page above a dated copyright notice)" if self.title_page else ""
        above = "above the article" + title_page
        alone = "a menu or a footer alone does not make a page"
        wrapped = f" ({self.line_breaks}: {alone})" if self.hard_wrapped else ""
        return f"{verdict}: {self.menu} menu line(s) {above}, {self.footer} footer line(s) below{wrapped}"


# a line of a list of people: "Jane Doe, Reuters", "Ann Lee, Ministry of Health"
_NAME_LIST_LINE = re.compile(r"^[^\W\d][^,;:]{1,40},\s*[^,;:]{2,60}$")
# two or more spaces inside a line, not after a sentence's end: the columns of a table
_COLUMNS = re.compile(r"[^\s.!?:;]\s{2,}\S")
# a reference: a URL or an e-mail address alone on a line
_REFERENCE = re.compile(r"^(?:<?https?://\S+>?|\S+@\S+\.\w+)$")
_BOX_DRAWING = re.compile("^[\u2500-\u259f]")
_FIELD_LINE = re.compile(r"^(?::[\w .-]+:|[A-Za-z][\w-]{0,30} ?:)\s+\S")
# a dated copyright notice: "Copyright 1996 X Consortium", "(c) 2004, 2010 A. Lee", "© 1989 DEC"
_DATED_COPYRIGHT = re.compile(r"^(?:copyright\b|\(c\)|©)[^\n]*?\b(?:1[89]|20)\d\d\b", re.IGNORECASE)
# an underline, a heading, a fence, a directive, a table row, a reference, a term set in bold
# ("**Kind**": a page shows bold, not asterisks) or a definition (": what it means")
_MARKUP = re.compile(
    r"^(?:([=\-~^\"'`#*+_:.<>])\1{2,}$|#{1,6}\s|```|~~~|\.\. |[+|]|\[\d+\]|\*\*[^*\s][^*]*\*\*|:\s+\S)"
)


def is_document_structure(lines: list[str], indices: list[int], kinds: list[str], n: int) -> bool:
    """A short line that a document is made of: a section title, a field, markup, a table row, code,
    the lead-in of an example (a line ending ``:`` over markup or code).

    >>> lines = ["Abstract", "========", "Author: Jo", "| a | b |", "x = f(1)", "   Centred", "Home"]
    >>> [is_document_structure(lines, list(range(7)), ["short"] * 7, n) for n in range(7)]
    [True, True, True, True, True, True, False]
    >>> lines = ["BUILD FIXES:", "   o Fix the build", "\u250c\u2500\u2500", "Follow us:", "Facebook"]
    >>> [is_document_structure(lines, list(range(5)), ["short"] * 5, n) for n in (0, 2, 3)]
    [True, True, False]
    >>> lines = ["LbxGetImage", "drawable : DRAWABLE", "Ann Lee    <a@a.org>", "Bo Li", "Cy Ng    <c@a.org>"]
    >>> [is_document_structure(lines, list(range(5)), ["short"] * 5, n) for n in (0, 3)]
    [True, True]
    >>> lines = ["Usage example:", ".. code-block:: pycon", "Follow us:", "Facebook"]
    >>> [is_document_structure(lines, list(range(4)), ["short"] * 4, n) for n in (0, 2)]
    [True, False]
    """
    if is_markup(lines[indices[n]]):
        return True
    text = lines[indices[n]].strip()
    if _NAME_LIST_LINE.match(text):  # "Name, Agency" beside another: a list of names
        neighbours = [indices[m] for m in (n - 1, n + 1) if 0 <= m < len(indices)]
        if any(_NAME_LIST_LINE.match(lines[i].strip()) for i in neighbours):
            return True
    nxt = lines[indices[n + 1]].strip() if n + 1 < len(indices) else ""
    prev = lines[indices[n - 1]].strip() if n > 0 else ""
    if is_dated_entry(text) and (is_dated_entry(prev) or is_dated_entry(nxt)):
        return True  # a timeline or a dated log ("Jan. 4, 2026: Union calls a walkout")
    if _COLUMNS.search(prev) and _COLUMNS.search(nxt):
        return True  # a table's row with its other cells empty ("Aaron Kaplan" with no address)
    if _MARKUP.match(nxt) and len(set(nxt)) == 1:
        return True  # a title underlined
    if _runs_on(text, nxt):
        return True  # a line of a hand-wrapped paragraph: its sentence goes on below
    # a section title: the next line is prose or a list; or a heading over what is indented under
    # it ("BUILD FIXES:", then "   o ..."), or a term over its fields ("LbxGetImage", then
    # "drawable : DRAWABLE"). A page's visible text has no indented lines, and its menus
    # are not followed by fields
    if n + 1 < len(kinds) and kinds[n + 1] in ("prose", "list"):
        return True
    if text.endswith(":") and n + 1 < len(indices) and is_markup(lines[indices[n + 1]]):
        return True  # the lead-in of an example: "Usage example:", then ".. code-block:: pycon"
    return n + 1 < len(indices) and (lines[indices[n + 1]][:1].isspace() or bool(_FIELD_LINE.match(nxt)))


#: A line this long (in words) that runs on into the next is a paragraph's line, not a label.
RUN_ON_WORDS = 6


def _runs_on(text: str, nxt: str) -> bool:
    """Whether ``text`` is a line of a hand-wrapped paragraph: six words or more, no sentence
    ended, and the next line going on in lower case. A link label is a few words; a site's
    menu does not continue one label's sentence in the next.

    >>> _runs_on("When adding responses for endpoints that are sent data you can add", "matchers to it.")
    True
    >>> _runs_on("Home", "about us"), _runs_on("The council met on Monday in the harbour hall.", "then")
    (False, False)
    """
    if not nxt[:1].islower() or len(text.split()) < RUN_ON_WORDS:
        return False
    return text.rstrip()[-1:] not in ".!?:;"


def is_markup(line: str) -> bool:
    """Markup or layout of a plain document: an underline, a ``#`` heading, a fence, a directive,
    a table row, a field (``Author: X``), a line of code, or an indented (centred, quoted) line.

    Visible text of a web page has none of these in its menus.
    """
    text = line.strip()
    return bool(
        _MARKUP.match(text)
        or _FIELD_LINE.match(text)
        or _REFERENCE.match(text)
        or _COLUMNS.search(text)
        or looks_like_code(text)
        or _BOX_DRAWING.match(text)  # a table or a diagram drawn with box characters
        or line[:1].isspace()
        or "\t" in text  # columns: a table, the cast of a play
    )


def longest_run(flags: list[bool]) -> int:
    """Length of the longest run of True.

    >>> longest_run([True, True, False, True, True, True])
    3
    """
    best = run = 0
    for flag in flags:
        run = run + 1 if flag else 0
        best = max(best, run)
    return best


def introduces_list(kinds: list[str], n: int) -> bool:
    """A short line followed by list items ("Attendees:", then "- Ann") is part of the text."""
    return n + 1 < len(kinds) and kinds[n + 1] == "list"


_CODE = re.compile(
    r"[(){}\[\]=;<>]|^\s*(?:#|//|\.\.\.|@\w)|\w[._]\w+\(|^\s*(?:def|class|import|from|return)\s"
)


def looks_like_code(text: str) -> bool:
    """A line of a program listing: brackets, an assignment, a call, a comment.

    >>> looks_like_code("results = wait(browser, 5)"), looks_like_code("Contact us")
    (True, False)
    """
    return bool(_CODE.search(text))


#: A run of this many lines or more in alphabetical order is a sorted list, not a menu.
SORTED_RUN = 8


def in_sorted_run(texts: list[str]) -> list[bool]:
    """For each line, whether it sits in a run of :data:`SORTED_RUN` or more lines in
    alphabetical order, by their first word or by their last (a list of names sorted by
    surname): an index, a list of contributors or a glossary, which a document is made of.
    A site's menu is ordered by what matters to the site, not by the alphabet.

    >>> names = ["Aahz", "Erlend Aasland", "Ed Abahurire", "Mike Abbott", "Raj Abraham",
    ...          "David Abrahams", "Marc Abramowitz", "Ron Adam"]
    >>> all(in_sorted_run(names)), any(in_sorted_run(["Home", "World", "Politics", "Business"] * 3))
    (True, False)
    """
    out = [False] * len(texts)
    for key in (lambda t: t.split()[0].casefold(), lambda t: t.split()[-1].casefold()):
        keys = [key(t) if t.split() else "" for t in texts]
        start = 0
        for n in range(1, len(keys) + 1):
            if n == len(keys) or keys[n] < keys[n - 1]:
                if n - start >= SORTED_RUN:
                    out[start:n] = [True] * (n - start)
                start = n
    return out


def opens_with_copyright(texts: list[str]) -> bool:
    """Whether a dated copyright notice stands at the opening of an article (``texts``: the
    lines around its first line). A document puts its notice under its title page (title,
    authors, version), which is front matter, not a menu; a web page puts its notice in the
    footer, and the "©" above an article is a photo's credit, with no year.

    >>> opens_with_copyright(["X Version 11", "Copyright \u00a9 1989, 2004 The Open Group", "Permission is"])
    True
    >>> opens_with_copyright(["Politik", "\u00a9 Bild: REUTERS / Ann Lee", "Der Fahrdienst"])
    False
    """
    return any(_DATED_COPYRIGHT.match(text.strip()) for text in texts)
