"""Texts that are one document by their kind, whatever their short lines look like.

Checked before any page reading (:func:`revtrack.extract.page.read_page`), with a reason
a user can read in ``revtrack show``: a release history
(:mod:`revtrack.extract.release_history`), a markup source
(:mod:`revtrack.extract.markup_source`) and a GNU Info manual (its nodes open with a
``File: x.info,  Node: Top,  Next: ...`` line, which no web page prints) and a commented
file (a configuration file or a script opening with a block of ``#`` comment lines) are
plain files, every line kept. ``--layout page`` still reads them as pages.
"""

from __future__ import annotations

import re

from revtrack.extract.markup_source import markup_source
from revtrack.extract.release_history import release_history

#: Fewest node headers that make a GNU Info manual.
MIN_INFO_NODES = 2
_INFO_NODE = re.compile(r"File: [^,\s]+,\s+Node: ")
#: Fewest ``#`` comment lines in a row, at the top, that make a commented file. A Markdown
#: heading (``# Title``) is one line under or over a blank or text, never three in a row.
MIN_COMMENT_LINES = 3
_COMMENT = re.compile(r"#(?:\s|$)")


def document_kind(lines: list[str]) -> str | None:
    """Why a text is one document by its kind, whatever its short lines look like (a release
    history, a markup source), for a user; None when its kind says nothing."""
    history = release_history(lines)
    if history is not None:
        shown = ", ".join(history[:3])
        headings = f"{len(history)} version headings newest first ({shown}, ...)"
        return f"read as plain text: a release history, {headings}"
    nodes = sum(1 for line in lines if line[:5] == "File:" and _INFO_NODE.match(line))
    if nodes >= MIN_INFO_NODES:
        return f"read as plain text: a GNU Info manual, {nodes:,} nodes"
    comments = opening_comments(lines)
    if comments >= MIN_COMMENT_LINES:
        return f"read as plain text: a commented file, it opens with {comments} '#' comment lines"
    source = markup_source(lines)
    if source is not None:
        language, commands, total = source
        return (
            f"read as plain text: a {language} source, {commands:,} of its {total:,} lines are its commands"
        )
    return None


def opening_comments(lines: list[str]) -> int:
    """How many ``#`` comment lines in a row open the text (after blank lines and a ``#!`` line).

    >>> opening_comments(["#!/bin/sh", "# Rotate the logs.", "#", "# Run daily.", "exec true"])
    3
    >>> opening_comments(["# Council votes", "", "The council voted."])
    1
    >>> opening_comments(["## Notes", "## More"])  # Markdown headings, not comments
    0
    """
    start = next((n for n, line in enumerate(lines) if line.strip()), len(lines))
    if start < len(lines) and lines[start].startswith("#!"):
        start += 1
    count = 0
    for line in lines[start:]:
        if not _COMMENT.match(line):
            break
        count += 1
    return count
