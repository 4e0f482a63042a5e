"""A comparison laid out as display lines for a terminal viewer.

Pure functions: segments in, lines of ``(text, kind)`` spans out, wrapped to a
width. ``kind`` is one of ``equal``, ``insert``, ``delete``, ``move``,
``cosmetic`` or ``marker``; a viewer maps kinds to styles. Text is made inert
(control characters become visible escapes) before layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from revtrack.comparison import DELETE, EQUAL, INSERT, Comparison, Segment
from revtrack.safety import inert

Span = tuple[str, str]


@dataclass(frozen=True)
class Layout:
    """Display lines plus the indexes of lines that hold a change."""

    lines: tuple[tuple[Span, ...], ...]
    changes: tuple[int, ...]


def _kind(seg: Segment) -> str:
    if seg.op == EQUAL:
        return "equal"
    if seg.move is not None:
        return "move"
    if seg.cosmetic:
        return "cosmetic"
    return "insert" if seg.op == INSERT else "delete"


def spans(
    segments: tuple[Segment, ...], show_cosmetic: bool = True, symbols: bool = False, side: str = "both"
) -> list[Span]:
    """Flatten segments to spans; ``side`` keeps ``old``, ``new`` or ``both`` halves.

    Hidden cosmetic changes show the new text as unchanged. Moves get a marker
    naming the move (``⇄1``) so both halves can be found.

    >>> from revtrack.diffing import compare
    >>> [text for text, kind in spans(compare("a b", "a c").segments, symbols=True)]
    ['a ', '[-', 'b', '-]', '{+', 'c', '+}']
    """
    out: list[Span] = []
    for seg in segments:
        if side == "old" and seg.op == INSERT or side == "new" and seg.op == DELETE:
            continue
        text = inert(seg.text)
        kind = _kind(seg)
        if kind == "cosmetic" and (not show_cosmetic or not seg.text.strip()):
            # shown as unchanged text: the half that belongs to the side drawn
            if (seg.op == DELETE) == (side == "old"):
                out.append((text, "equal"))
            continue
        if kind == "move":
            arrow = "\u2192" if seg.op == DELETE else "\u2190"
            out.append((f"{arrow}{seg.move + 1} ", "marker"))
        if symbols and kind in ("insert", "delete"):
            left, right = ("{+", "+}") if kind == "insert" else ("[-", "-]")
            out += [(left, "marker"), (text, kind), (right, "marker")]
        else:
            out.append((text, kind))
    return out


def wrap(items: list[Span], width: int) -> list[list[Span]]:
    """Break spans into lines of at most ``width`` cells at spaces and newlines.

    >>> [["".join(t for t, _ in line)] for line in wrap([("one two three", "equal")], 8)]
    [['one two '], ['three']]
    """
    width = max(8, width)
    lines: list[list[Span]] = [[]]
    used = 0
    for text, kind in items:
        for n, part in enumerate(text.split("\n")):
            if n:
                lines.append([])
                used = 0
            for word in _words_and_spaces(part):
                while len(word) > width:  # a word longer than a line: hard break
                    if used:
                        lines.append([])
                        used = 0
                    lines[-1].append((word[:width], kind))
                    lines.append([])
                    word = word[width:]
                if used + len(word) > width and word.strip():
                    lines.append([])
                    used = 0
                if not used and not word.strip() and kind == "equal":
                    continue  # no leading blanks on a wrapped line
                lines[-1].append((word, kind))
                used += len(word)
    return [_join(line) for line in lines]


_WORD_AND_SPACE = re.compile(r"[^ ]* ?")


def _words_and_spaces(text: str) -> list[str]:
    """Each word with the single space after it (runs of spaces stay separate pieces).

    >>> _words_and_spaces("ab  c")
    ['ab ', ' ', 'c']
    """
    return [piece for piece in _WORD_AND_SPACE.findall(text) if piece]


def _join(line: list[Span]) -> list[Span]:
    out: list[Span] = []
    for text, kind in line:
        if out and out[-1][1] == kind:
            out[-1] = (out[-1][0] + text, kind)
        else:
            out.append((text, kind))
    return out


def _changes(lines: list[list[Span]]) -> tuple[int, ...]:
    """Indexes of the first line of each run of lines holding a change."""
    hot = [any(k not in ("equal",) for _, k in line) for line in lines]
    return tuple(n for n, h in enumerate(hot) if h and (n == 0 or not hot[n - 1]))


def inline_layout(c: Comparison, width: int, show_cosmetic: bool = True, symbols: bool = False) -> Layout:
    """Both sides interleaved in one column."""
    lines = wrap(spans(c.segments, show_cosmetic, symbols), width)
    return Layout(tuple(tuple(line) for line in lines), _changes(lines))


def split_layout(c: Comparison, width: int, show_cosmetic: bool = True, symbols: bool = False) -> Layout:
    """Old text on the left, new on the right, in rows that break where either side does.

    A paragraph break on one side (a flat copy against a paragraphed one) breaks
    both columns, so the two sides stay level.
    """
    half = max(8, (width - 3) // 2)
    rows: list[tuple[list[Span], list[Span]]] = [([], [])]
    for seg in c.segments:
        breaks = "\n\n" in seg.text
        for n, piece in enumerate(seg.text.split("\n\n")):
            if n:
                rows.append(([], []))
            if not piece:
                continue
            part = Segment(seg.op, piece, seg.cosmetic, seg.move)
            if seg.op != INSERT:
                rows[-1][0].extend(spans((part,), show_cosmetic, symbols, side="old"))
            if seg.op != DELETE:
                rows[-1][1].extend(spans((part,), show_cosmetic, symbols, side="new"))
        if breaks and seg.op != EQUAL and not seg.cosmetic:
            rows.append(([], []))
    lines: list[list[Span]] = []
    for left, right in rows:
        lw, rw = wrap(left, half), wrap(right, half)
        if not any(t.strip() for line in lw + rw for t, _ in line):
            continue
        for k in range(max(len(lw), len(rw))):
            lpart = lw[k] if k < len(lw) else []
            pad = half - sum(len(t) for t, _ in lpart)
            rpart = rw[k] if k < len(rw) else []
            lines.append([*lpart, (" " * pad + " \u2502 ", "equal"), *rpart])
        lines.append([(" " * half + " \u2502 ", "equal")])
    return Layout(tuple(tuple(line) for line in lines), _changes(lines))


def _paragraphs(items: list[Span]) -> list[list[Span]]:
    """Split spans at blank-line paragraph breaks (single newlines stay inside)."""
    paras: list[list[Span]] = [[]]
    for text, kind in items:
        parts = text.split("\n\n")
        for n, part in enumerate(parts):
            if n:
                paras.append([])
            if part:
                paras[-1].append((part, kind))
    return paras
