"""A markup source (troff, Texinfo, TeX) is one document, whatever its short lines say.

A manual page's source, a Texinfo manual or a LaTeX reference card is a plain
file, but it is written one command per line (``.SH NAME``, ``@node Top``,
``\\section{Breakpoints}``): read line by line, its short lines look like a menu
and a footer, and such files lost most of their words as a "page". A web page's
visible text has no such commands: its markup was rendered away. So a text is
read as plain when at least :data:`COMMAND_SHARE` of its non-blank lines are
commands of one of these languages:

* **troff** (man, mdoc, ms): a request or macro, ``.`` or ``'`` and one to three
  letters (``.TH``, ``.B``, ``.Nm``), or a comment ``.\\"``;
* **Texinfo**: ``@`` and a command (``@node``, ``@item``, ``@code{x}``), with at least
  one ``@end`` closing a block (a list of social-media handles has none);
* **TeX**: a control word (``\\section``, ``\\def``) or a comment (``%``) at the
  start of the line.
"""

from __future__ import annotations

import re

#: Share of non-blank lines that must be one language's commands.
COMMAND_SHARE = 0.25
#: Fewest command lines: a short text with a stray ``.B`` line is not a source.
MIN_COMMANDS = 10

_COMMANDS = {
    "troff": re.compile(r"[.'][A-Za-z]{1,3}(?:\s|$)|\.\\\""),
    "Texinfo": re.compile(r"@[a-z]+(?:\s|\{|$)"),
    "TeX": re.compile(r"\\[A-Za-z]+|%"),
}
_COMMAND_STARTS = frozenset(".'@\\%")
_TEXINFO_END = re.compile(r"@end [a-z]+\s*$")


def markup_source(lines: list[str]) -> tuple[str, int, int] | None:
    """``(language, command lines, non-blank lines)`` when the text is a markup source, else None.

    >>> markup_source([".TH NODE 1", ".SH NAME", "node - run JavaScript"] * 5)
    ('troff', 10, 15)
    >>> markup_source(["@tagesschau", "Great story!", "@zdf", "Thanks"] * 6) is None
    True
    """
    texts = [line for line in lines if line.strip()]
    # every command opens with one of these characters: one look at each line's first
    starts = [text for text in texts if text[0] in _COMMAND_STARTS]
    for language, command in _COMMANDS.items():
        count = sum(1 for text in starts if command.match(text))
        if count < max(MIN_COMMANDS, COMMAND_SHARE * len(texts)):
            continue
        if language == "Texinfo" and not any(_TEXINFO_END.match(text) for text in starts):
            continue
        return language, count, len(texts)
    return None
