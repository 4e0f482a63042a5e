"""``--format word``: the shape of ``git diff --word-diff=porcelain``, hunks and all.

git finds changed *lines* first, slides each run of added or deleted lines to
where a reader expects it (its "indent heuristic": a paragraph's blank line
goes after the paragraph), and cuts the file into hunks with three lines of
context, two changes sharing a hunk when six or fewer lines lie between them.
Each hunk's header names the line before it that starts with a letter, ``_``
or ``$`` (git's default "function" line). Only then are the words of each hunk
compared. This module does the same, so that the headers, the line numbers and
the lines of context are git's; the words inside a hunk are revtrack's own diff
(its token boundaries can differ from git's).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from revtrack.comparison import DELETE, EQUAL, INSERT, Segment
from revtrack.diffing.engine import diff_units

CONTEXT = 3  # git's default -U3
#: git's heuristic constants (xdiff/xdiffi.c), named as there.
MAX_INDENT, MAX_BLANKS, MAX_BORING, FUNC_BYTES = 200, 20, 100, 80
START_OF_FILE_PENALTY, END_OF_FILE_PENALTY = 1, 21
TOTAL_BLANK_WEIGHT, POST_BLANK_WEIGHT, INDENT_WEIGHT = -30, 6, 60
RELATIVE_INDENT_PENALTY, RELATIVE_INDENT_WITH_BLANK_PENALTY = -4, 10
RELATIVE_OUTDENT_PENALTY, RELATIVE_OUTDENT_WITH_BLANK_PENALTY = 24, 17
RELATIVE_DEDENT_PENALTY, RELATIVE_DEDENT_WITH_BLANK_PENALTY = 23, 17

_LINE = re.compile(r"[^\n]*\n|[^\n]+")


def split_lines(text: str) -> list[str]:
    """Lines as git counts them: ended by ``\\n`` only, each keeping it.

    >>> split_lines("a\\n\\nb"), split_lines("a\\n"), split_lines("")
    (['a\\n', '\\n', 'b'], ['a\\n'], [])
    """
    return _LINE.findall(text)


@dataclass
class Hunk:
    """Lines ``old_start:old_end`` of the old text against ``new_start:new_end`` of the new (0-based)."""

    old_start: int
    old_end: int
    new_start: int
    new_end: int

    def header(self, function_line: str) -> str:
        """git's ``@@ -a,b +c,d @@`` line (a count of 1 left out, an empty side at the line before).

        >>> Hunk(0, 5, 0, 3).header(""), Hunk(4, 5, 4, 4).header("Budget")
        ('@@ -1,5 +1,3 @@', '@@ -5 +4,0 @@ Budget')
        """

        def side(start: int, end: int) -> str:
            count = end - start
            first = start + 1 if count else start
            return f"{first}" if count == 1 else f"{first},{count}"

        tail = f" {function_line}" if function_line else ""
        return f"@@ -{side(self.old_start, self.old_end)} +{side(self.new_start, self.new_end)} @@{tail}"


def changed_lines(old: list[str], new: list[str]) -> tuple[list[bool], list[bool]]:
    """Which lines of each side are changed, slid as git slides them."""
    old_changed, new_changed = [False] * len(old), [False] * len(new)
    i = j = 0
    for op, count in diff_units(old, new, cleanup=False):
        if op == EQUAL:
            i, j = i + count, j + count
        elif op == DELETE:
            old_changed[i : i + count] = [True] * count
            i += count
        else:
            new_changed[j : j + count] = [True] * count
            j += count
    _compact(old, old_changed, new_changed)
    _compact(new, new_changed, old_changed)
    return old_changed, new_changed


def _indent(line: str) -> int:
    """git's ``get_indent``: columns of leading space (a tab to the next 8), -1 for a blank line."""
    width = 0
    for ch in line:
        if not ch.isspace() or ch not in " \t\n\r\f\v":
            return width
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 8 - width % 8
        if width >= MAX_INDENT:
            return MAX_INDENT
    return -1


def _blanks_then_indent(lines: list[str], order: range) -> tuple[int, int]:
    """Blank lines met walking ``order``, then the indent of the first line that is not blank
    (-1 if none; 0 after ``MAX_BLANKS`` blanks, as git stops looking there)."""
    blank = 0
    for i in order:
        indent = _indent(lines[i])
        if indent != -1:
            return blank, indent
        blank += 1
        if blank == MAX_BLANKS:
            return blank, 0
    return blank, -1


def _split_score(lines: list[str], split: int) -> tuple[int, int]:
    """``(effective indent, penalty)`` of cutting ``lines`` above line ``split`` (git's
    ``measure_split`` and ``score_add_split``)."""
    end_of_file = split >= len(lines)
    indent = -1 if end_of_file else _indent(lines[split])
    pre_blank, pre_indent = _blanks_then_indent(lines, range(split - 1, -1, -1))
    post_blank, post_indent = _blanks_then_indent(lines, range(split + 1, len(lines)))
    penalty = START_OF_FILE_PENALTY if pre_indent == -1 and pre_blank == 0 else 0
    penalty += END_OF_FILE_PENALTY if end_of_file else 0
    blank_after = 1 + post_blank if indent == -1 else 0
    total_blank = pre_blank + blank_after
    penalty += TOTAL_BLANK_WEIGHT * total_blank + POST_BLANK_WEIGHT * blank_after
    effective = indent if indent != -1 else post_indent
    blanks = total_blank != 0
    if effective == -1 or pre_indent == -1 or effective == pre_indent:
        pass
    elif effective > pre_indent:
        penalty += RELATIVE_INDENT_WITH_BLANK_PENALTY if blanks else RELATIVE_INDENT_PENALTY
    elif post_indent != -1 and post_indent > effective:
        penalty += RELATIVE_OUTDENT_WITH_BLANK_PENALTY if blanks else RELATIVE_OUTDENT_PENALTY
    else:
        penalty += RELATIVE_DEDENT_WITH_BLANK_PENALTY if blanks else RELATIVE_DEDENT_PENALTY
    return effective, penalty


class _Groups:
    """Runs of changed lines in one side, as git's ``xdlgroup`` walks them."""

    def __init__(self, changed: list[bool]) -> None:
        self.changed = changed
        self.start = self.end = 0
        while self._is(self.end):
            self.end += 1

    def _is(self, i: int) -> bool:
        return 0 <= i < len(self.changed) and self.changed[i]

    def next(self) -> bool:
        if self.end == len(self.changed):
            return False
        self.start = self.end + 1
        self.end = self.start
        while self._is(self.end):
            self.end += 1
        return True

    def previous(self) -> bool:
        if self.start == 0:
            return False
        self.end = self.start - 1
        self.start = self.end
        while self._is(self.start - 1):
            self.start -= 1
        return True

    def slide_down(self, lines: list[str]) -> bool:
        if self.end < len(lines) and lines[self.start] == lines[self.end]:
            self.changed[self.start], self.changed[self.end] = False, True
            self.start, self.end = self.start + 1, self.end + 1
            while self._is(self.end):
                self.end += 1
            return True
        return False

    def slide_up(self, lines: list[str]) -> bool:
        if self.start > 0 and lines[self.start - 1] == lines[self.end - 1]:
            self.start, self.end = self.start - 1, self.end - 1
            self.changed[self.start], self.changed[self.end] = True, False
            while self._is(self.start - 1):
                self.start -= 1
            return True
        return False


def _compact(lines: list[str], changed: list[bool], other_changed: list[bool]) -> None:
    """git's ``xdl_change_compact`` with the indent heuristic, on ``changed`` in place."""
    g, go = _Groups(changed), _Groups(other_changed)
    while True:
        if g.end != g.start:
            while True:
                size = g.end - g.start
                matching_other = -1
                while g.slide_up(lines):
                    go.previous()
                earliest_end = g.end
                if go.end > go.start:
                    matching_other = g.end
                while g.slide_down(lines):
                    go.next()
                    if go.end > go.start:
                        matching_other = g.end
                if size == g.end - g.start:
                    break
            if g.end == earliest_end:
                pass
            elif matching_other != -1:
                while go.end == go.start:
                    g.slide_up(lines)
                    go.previous()
            else:
                best_shift, best, boring = -1, (0, 0), 0
                for shift in range(g.end, earliest_end - 1, -1):
                    a, b = _split_score(lines, shift), _split_score(lines, shift - size)
                    score = (a[0] + b[0], a[1] + b[1])
                    better = best_shift == -1 or (
                        INDENT_WEIGHT * ((score[0] > best[0]) - (score[0] < best[0])) + score[1] - best[1] < 0
                    )
                    if better:
                        best_shift, best, boring = shift, score, 0
                    else:
                        boring += 1
                        if boring >= MAX_BORING:
                            break
                while g.end > best_shift:
                    g.slide_up(lines)
                    go.previous()
        if not g.next():
            break
        go.next()


def hunks(old_changed: list[bool], new_changed: list[bool], context: int = CONTEXT) -> list[Hunk]:
    """The hunks of a line diff: changes with ``context`` lines around, joined when at most
    ``2 * context`` unchanged lines lie between them (as git's ``xdl_get_hunk``)."""
    changes: list[tuple[int, int, int, int]] = []  # old start, old count, new start, new count
    i = j = 0
    while i < len(old_changed) or j < len(new_changed):
        if (i < len(old_changed) and old_changed[i]) or (j < len(new_changed) and new_changed[j]):
            i0, j0 = i, j
            while i < len(old_changed) and old_changed[i]:
                i += 1
            while j < len(new_changed) and new_changed[j]:
                j += 1
            changes.append((i0, i - i0, j0, j - j0))
        else:
            i, j = i + 1, j + 1
    out: list[Hunk] = []
    for old_start, old_count, new_start, new_count in changes:
        if out and old_start - out[-1].old_end <= 2 * context:
            last = out[-1]
        else:
            last = Hunk(max(old_start - context, 0), 0, max(new_start - context, 0), 0)
            out.append(last)
        last.old_end, last.new_end = old_start + old_count, new_start + new_count
    for hunk in out:
        hunk.old_end = min(hunk.old_end + context, len(old_changed))
        hunk.new_end = min(hunk.new_end + context, len(new_changed))
    return out


def function_line(line: str) -> str | None:
    """git's default function line: one starting with a letter, ``_`` or ``$`` (ASCII, as git's
    ``isalpha`` in the C locale), its first 80 bytes, trailing space trimmed.

    >>> function_line("Budget talks\\n"), function_line("  indented"), function_line("\\u00c9t\\u00e9")
    ('Budget talks', None, None)
    """
    if not line or not (line[0].isascii() and (line[0].isalpha() or line[0] in "_$")):
        return None
    return line.encode("utf-8")[:FUNC_BYTES].decode("utf-8", "ignore").rstrip()


def porcelain(
    old_text: str,
    new_text: str,
    words: Callable[[str, str], list[Segment]],
    render: Callable[[Segment], str],
) -> list[str]:
    """The hunks of ``git diff --word-diff=porcelain`` for two texts: each header, then the
    hunk's words (``words`` compares two texts, ``render`` prints a segment's text)."""
    old, new = split_lines(old_text), split_lines(new_text)
    old_changed, new_changed = changed_lines(old, new)
    out: list[str] = []
    function, searched_to = "", -1
    prefix = {EQUAL: " ", DELETE: "-", INSERT: "+"}
    for hunk in hunks(old_changed, new_changed):
        # git looks back from the line before the hunk to where it looked last, else keeps the last
        for n in range(hunk.old_start - 1, searched_to, -1):
            found = function_line(old[n])
            if found is not None:
                function = found
                break
        searched_to = hunk.old_start - 1
        out.append(hunk.header(function))
        i, j = hunk.old_start, hunk.new_start
        while i < hunk.old_end or j < hunk.new_end:
            if not (i < hunk.old_end and old_changed[i]) and not (j < hunk.new_end and new_changed[j]):
                out += [" " + render(Segment(EQUAL, old[i].rstrip("\n"))), "~"]  # a line of context
                i, j = i + 1, j + 1
                continue
            i0, j0 = i, j  # a block of changed lines: its words are compared
            while i < hunk.old_end and old_changed[i]:
                i += 1
            while j < hunk.new_end and new_changed[j]:
                j += 1
            for seg in _joined(words("".join(old[i0:i]), "".join(new[j0:j]))):
                for n, piece in enumerate(seg.text.split("\n")):
                    if n:
                        out.append("~")
                    if piece:
                        out.append(prefix[seg.op] + render(Segment(seg.op, piece)))
            if out[-1] != "~":  # a last line without a newline still ends with one
                out.append("~")
    return out


def _joined(segments: list[Segment]) -> list[Segment]:
    """Runs of one op joined, so text shown as unchanged (a re-flow) stays on its line."""
    out: list[Segment] = []
    for seg in segments:
        if out and out[-1].op == seg.op:
            out[-1] = Segment(seg.op, out[-1].text + seg.text)
        else:
            out.append(Segment(seg.op, seg.text))
    return out
