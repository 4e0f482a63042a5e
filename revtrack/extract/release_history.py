"""A release history (a changelog, a NEWS file) is one document, whatever its short lines say.

A changelog's entries are often short lines with no bullet ("rare crash fixed",
"Added ARM64 target") and its sections are headed by a version and a date: read
line by line, that is what a site's menu, a footer or a listing of dated items
looks like, and a plain changelog lost half of its words to "footer" and
"between items" before this rule. What no web page has is the sign a changelog
carries: **headings that name versions, newest first**. Section numbers, a
table of contents, prices and scores count up or jump around; a release history
counts down.

A *version heading* is a line of at most :data:`HEADING_WORDS` words whose first
or second word holds a dotted version (``2.13.1``, ``v1.9``, ``procps-ng-4.0.2``,
``38.0.4 - 2022-11-27``, ``Version 1.4.9``), or a title over an underline that holds
one anywhere (``What's New in IDLE 3.13.0``, then ``=====``); a date in dots
(``5.12.2026``), a price or a share (``$4.50``, ``3.5%``) is not one. A text is a release history
when it has :data:`MIN_HEADINGS` version headings or more, each over something
(a run of version lines with nothing between them, such as a site's version
switcher, counts once), and at least :data:`DOWN_SHARE` of the steps from one
heading to the next go down.
"""

from __future__ import annotations

import re

from revtrack.extract.code_blocks import UNDERLINE

#: Fewest version headings that make a release history.
MIN_HEADINGS = 5
#: Share of steps between consecutive headings that must go to an older version.
DOWN_SHARE = 0.8
#: A heading is short: a version, a date, a name, a few words ("2.14 Featured release").
HEADING_WORDS = 8

# a dotted version of 2-4 parts, not part of a longer number, a price, a share or a signed figure
_VERSION = re.compile(
    r"(?<![\w.,#$\u20ac\u00a3+])(?<!\s-)(?<!^-)[vV]?(\d{1,4}(?:\.\d{1,4}){1,3})(?!\.?\d|\s*%)"
)
_DATE_IN_DOTS = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}\Z")


def version_heading(line: str, underlined: bool = False) -> tuple[int, ...] | None:
    """The version a heading line names, as a tuple of numbers; None for any other line.

    ``underlined``: the line is a title (over an underline), so its version may stand anywhere
    in it ("What's New in IDLE 3.13.0"); otherwise it must open the line.

    >>> version_heading("procps-ng-4.0.2"), version_heading("2.13.1 Hot fix")
    ((4, 0, 2), (2, 13, 1))
    >>> version_heading("Version 1.4.9 (2008-03-26)"), version_heading("v2.0.0rc1")
    ((1, 4, 9), (2, 0, 0))
    >>> version_heading("Fixed a crash in 2.1"), version_heading("$4.50 off"), version_heading("5.12.2026")
    (None, None, None)
    >>> version_heading("What's New in IDLE 3.13.0"), version_heading("What's New in IDLE 3.13.0", True)
    (None, (3, 13, 0))
    """
    match = _VERSION.search(line)
    if match is None:
        return None  # most lines: no dotted number at all
    text = line.strip()
    words = text.split()
    if not words or len(words) > HEADING_WORDS:
        return None
    match = _VERSION.search(text)
    if match is None or _DATE_IN_DOTS.match(match.group(1)):
        return None
    if not underlined and len(text[: match.start()].split()) > 1:
        return None  # the version is not in the first two words: a sentence mentioning one
    return tuple(int(part) for part in match.group(1).split("."))


def _titled(lines: list[str]) -> list[bool]:
    """For each line, whether it is a title: one of the (up to three) lines right above an
    underline, with no blank line between (a setext title with its subtitle or its date)."""
    titled = [False] * len(lines)
    for n, line in enumerate(lines):
        if len(line) < 3 or not UNDERLINE.match(line):
            continue
        above = n - 1
        while above >= max(0, n - 3) and lines[above].strip() and not UNDERLINE.match(lines[above]):
            titled[above] = True
            above -= 1
    return titled


def release_history(lines: list[str]) -> list[str] | None:
    """The version headings of a release history, newest first; None for any other text.

    >>> release_history(["3.2", "Add X", "3.1.1", "Fix Y", "3.1", "Fix Z", "v3.0", "Add W", "2.9", "Add V"])
    ['3.2', '3.1.1', '3.1', 'v3.0', '2.9']
    >>> release_history(["1.1 Scope", "1.2 Terms", "2.1 Design", "2.2 Tests", "3.1 Notes"]) is None
    True
    >>> release_history(["Docs", "3.13", "3.12", "3.11", "3.10", "3.9", "Home"]) is None
    True
    """
    titled = _titled(lines)
    texts = [line for line in lines if line.strip()]
    flags = [title for line, title in zip(lines, titled, strict=True) if line.strip()]
    versions = [version_heading(line, title) for line, title in zip(texts, flags, strict=True)]
    # a heading heads something: a run of versions with nothing under them (a site's
    # version switcher, a table of releases) counts once, by its last line
    headings = [
        (version, texts[n].strip())
        for n, version in enumerate(versions)
        if version is not None and (n + 1 == len(versions) or versions[n + 1] is None)
    ]
    if len(headings) < MIN_HEADINGS:
        return None
    down = sum(newer[0] > older[0] for newer, older in zip(headings, headings[1:], strict=False))
    if down < DOWN_SHARE * (len(headings) - 1):
        return None
    return [text for _, text in headings]
