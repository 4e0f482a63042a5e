"""A comparison laid out as display lines for a terminal viewer.

Pure functions: segments in, lines of ``(text, kind)`` spans out, wrapped to a
width. ``kind`` is one of ``equal``, ``insert``, ``delete``, ``move``,
``cosmetic`` or ``marker``; a viewer maps kinds to styles. Text is made inert
(control characters become visible escapes) before layout.
"""

from __future__ import annotations

import re
import unicodedata
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
            # markers hug the words: edge spaces stay outside, where a line may break
            left, right = ("{+", "+}") if kind == "insert" else ("[-", "-]")
            core = text.strip(" ")
            lead, trail = text[: len(text) - len(text.lstrip(" "))], text[len(text.rstrip(" ")) :]
            pieces = [(lead, kind), (left, "marker"), (core, kind), (right, "marker"), (trail, kind)]
            out += [p for p in pieces if p[0]] if core else [(text, kind)]
        else:
            out.append((text, kind))
    return out


def cell_width(text: str) -> int:
    """Terminal cells a text takes: wide (CJK) characters take two, combining marks none.

    >>> cell_width("abc"), cell_width("日本"), cell_width("e\u0301")
    (3, 4, 1)
    """
    if text.isascii():
        return len(text)
    total = 0
    for ch in text:
        if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d":
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


_PIECE = re.compile(r"\n|[^\S\n]+|\S+")


def _units(items: list[Span]) -> list[tuple[list[Span], list[Span]] | None]:
    """Words with the spaces after them; ``None`` for a line break.

    A word runs from one space to the next across spans of any kind, so a comma
    after an inserted word, or a diff marker, stays with its word.
    """
    units: list[tuple[list[Span], list[Span]] | None] = []
    word: list[Span] = []
    space: list[Span] = []
    for text, kind in items:
        for piece in _PIECE.findall(text):
            if piece == "\n":
                if word or space:
                    units.append((word, space))
                units.append(None)
                word, space = [], []
            elif piece.isspace():
                space.append((piece, kind))
            else:
                if space or (word and _change_meets(word[-1], (piece, kind))):
                    # a space ended the previous word; or a deletion meets an insertion,
                    # where a line may break too ("[-Seoul-]" / "{+Washington+},")
                    units.append((word, space))
                    word, space = [], []
                word.append((piece, kind))
    if word or space:
        units.append((word, space))
    return units


def _change_meets(before: Span, after: Span) -> bool:
    """Where deleted text ends and inserted text begins (with or without markers)."""
    if before[1] == "marker" and after[1] == "marker":
        return before[0].endswith("-]") and after[0].startswith("{+")
    return before[1] == "delete" and after[1] == "insert"


def _cut(pieces: list[Span], width: int) -> tuple[list[Span], list[Span]]:
    """The first ``width`` cells of a word, and the rest (for words longer than a line)."""
    head: list[Span] = []
    used = 0
    for n, (text, kind) in enumerate(pieces):
        for k, ch in enumerate(text):
            w = cell_width(ch)
            if used + w > width and used:
                rest = [(text[k:], kind), *pieces[n + 1 :]] if text[k:] else list(pieces[n + 1 :])
                return head, rest
            head.append((ch, kind))
            used += w
    return head, []


def wrap(items: list[Span], width: int) -> list[list[Span]]:
    """Break spans into lines of at most ``width`` cells, only at spaces and newlines.

    Punctuation and diff markers stay with the word they touch; a word longer
    than a line is cut.

    >>> [["".join(t for t, _ in line)] for line in wrap([("one two three", "equal")], 8)]
    [['one two '], ['three']]
    >>> spans_ = [("to ", "equal"), ("Seoul", "insert"), (", said", "equal")]
    >>> ["".join(t for t, _ in line) for line in wrap(spans_, 8)]
    ['to ', 'Seoul, ', 'said']
    """
    width = max(8, width)
    lines: list[list[Span]] = [[]]
    used = 0
    for unit in _units(items):
        if unit is None:
            lines.append([])
            used = 0
            continue
        word, space = unit
        wlen = sum(cell_width(t) for t, _ in word)
        if used and used + wlen > width:
            lines.append([])
            used = 0
        while wlen > width:  # longer than a line: cut it
            head, word = _cut(word, width)
            lines[-1].extend(head)
            lines.append([])
            wlen = sum(cell_width(t) for t, _ in word)
        lines[-1].extend(word)
        used += wlen
        for text, kind in space:
            if not used and kind == "equal":
                continue  # no leading blanks on a wrapped line
            room = width - used
            if room <= 0:
                break
            lines[-1].append((text[:room], kind))
            used += min(len(text), room)
    return [_join(line) for line in lines]


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
