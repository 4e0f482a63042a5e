"""Code and hidden markup in a plain text: never wrapped prose, never a page's menu.

Markdown code fences, HTML comments on lines of their own, reST literal blocks (the
indented lines after a paragraph ending ``::`` or a code directive) and Python
sessions (``>>>`` and their output) are as long as they are: a re-flow leaves them
line for line, the wrap width is measured without them, and their short lines are
never counted as a menu or a footer.
"""

from __future__ import annotations

import re

#: a setext title's underline (a row of one punctuation character)
UNDERLINE = re.compile(r"^\s*([=\-~^\"'`#*+_:.<>])\1{2,}\s*$")
#: a Markdown code fence
FENCE = re.compile(r"^\s*(```|~~~)")


def indent_of(line: str) -> int:
    """How many whitespace characters a line starts with.

    >>> indent_of("   text"), indent_of("text")
    (3, 0)
    """
    return len(line) - len(line.lstrip())


def fenced(lines: list[str]) -> list[bool]:
    """For each line, whether it belongs to a Markdown code fence (the fences included), to
    an HTML comment standing on lines of its own (``<!-- YAML`` ... ``-->``) or to a reST
    literal block (the indented lines after a paragraph ending ``::`` or a ``code-block``
    directive): code and hidden markup, as long as they are, never wrapped prose and never
    a page's menu.

    >>> fenced(["Run it:", "```", "$ node server.js", "Worker 4324 started", "```", "Done."])
    [False, True, True, True, True, False]
    >>> fenced(["<!-- YAML", "added: v0.7.0", "-->", "Text."])
    [True, True, True, False]
    >>> fenced(["Make an array::", "", "  >>> np.zeros(2)", "  array([0., 0.])", "", "Then."])
    [False, False, True, True, False, False]
    """
    literal = _literal_blocks(lines)
    doctest = _doctest_blocks(lines)
    return [a or b or c for a, b, c in zip(_fences_and_comments(lines), literal, doctest, strict=True)]


_PROMPT = re.compile(r"^\s*>>> ")
_CODE_LIKE = re.compile(r"[()\[\]{}=]|^\s*>>> (?:import|from|def|class|for|if|print|with|@)\b")


def _doctest_blocks(lines: list[str]) -> list[bool]:
    """Python sessions (``>>> x = f(1)``, its output, up to a blank line): code. A paragraph
    of ``>>>`` lines without code or output is a thrice-quoted e-mail, prose.

    >>> _doctest_blocks([">>> np.zeros(2)", "array([0., 0.])", "", ">>> > I agree with that", ">>> > too"])
    [True, True, False, False, False]
    """
    out = [False] * len(lines)
    n = 0
    while n < len(lines):
        if not _PROMPT.match(lines[n]):
            n += 1
            continue
        end = n
        while end < len(lines) and lines[end].strip():
            end += 1
        block = lines[n:end]
        if _CODE_LIKE.search(block[0]) or any(not line.lstrip().startswith(">") for line in block):
            out[n:end] = [True] * (end - n)
        n = end
    return out


# a reST directive whose indented content is code, not prose (".. note::" holds prose)
_CODE_DIRECTIVE = re.compile(r"^\s*\.\. (?:code-block|sourcecode|code|doctest|highlight|literalinclude)::")


def _literal_blocks(lines: list[str]) -> list[bool]:
    """reST literal blocks: after a text line ending ``::`` (not a directive's, which may hold
    prose) or a code directive, the lines indented deeper than it, up to the first line that
    is not."""
    out = [False] * len(lines)
    base: int | None = None  # the introducing line's indentation, while a block may follow
    for n, line in enumerate(lines):
        if not line.strip():
            continue
        indent = indent_of(line)
        if base is not None and indent > base:
            out[n] = True
            continue
        base = None
        text = line.rstrip()
        if _CODE_DIRECTIVE.match(line) or (text.endswith("::") and not text.lstrip().startswith("..")):
            base = indent
    return out


def _fences_and_comments(lines: list[str]) -> list[bool]:
    out: list[bool] = []
    inside = comment = False
    for n, line in enumerate(lines):
        if comment:
            out.append(True)
            comment = "-->" not in line
            continue
        if not inside and line.lstrip().startswith("<!--"):
            out.append(True)
            comment = "-->" not in line
            continue
        fence = _is_fence(lines, n)
        out.append(inside or fence)
        if fence:
            inside = not inside
    return out


def _is_fence(lines: list[str], n: int) -> bool:
    """A Markdown code fence; a row under a line of text, as long as it, is a title's underline.

    >>> _is_fence(["", "~~~"], 1), _is_fence(["Title", "~~~~~"], 1), _is_fence(["Example:", "```"], 1)
    (True, False, True)
    """
    line = lines[n]
    if not FENCE.match(line):
        return False
    row = line.strip()
    above = lines[n - 1].strip() if n else ""
    return not (above and UNDERLINE.match(row) and len(row) >= max(4, len(above)))
