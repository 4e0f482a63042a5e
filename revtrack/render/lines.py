"""A comparison laid out as display lines for a terminal viewer.

Pure functions: segments in, lines of ``(text, kind)`` spans out, wrapped to a
width. ``kind`` is one of ``equal``, ``insert``, ``delete``, ``move``,
``cosmetic``, ``marker``, or ``fact-insert``/``fact-delete`` (a changed number,
date or name inside a change); a viewer maps kinds to styles. Text is made inert
(control characters become visible escapes) before layout.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter

from revtrack.comparison import DELETE, EQUAL, INSERT, Comparison, Segment
from revtrack.safety import inert, reveal

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
        text = inert(seg.text) if seg.op == EQUAL else reveal(seg.text)
        kind = _kind(seg)
        if kind == "cosmetic" and (not show_cosmetic or not seg.text.strip()):
            # shown as unchanged text: the half that belongs to the side drawn
            if (seg.op == DELETE) == (side == "old"):
                out.append((text, "equal"))
            continue
        if kind == "move":
            arrow = "\u2192" if seg.op == DELETE else "\u2190"
            out.append((f"{arrow}{seg.move + 1} ", "marker"))
        if kind in ("insert", "delete") and (symbols or seg.facts):
            out += _change_spans(seg, kind, symbols)
        else:
            out.append((text, kind))
    return out


def _change_spans(seg: Segment, kind: str, symbols: bool) -> list[Span]:
    """An insertion or deletion as spans: changed facts as ``fact-insert``/``fact-delete``
    and, with ``symbols``, ``{+ +}``/``[- -]`` hugging the words (edge spaces stay
    outside, where a line may break).

    >>> from revtrack.comparison import Segment
    >>> _change_spans(Segment("+", " 15 dead", facts=((1, 3, "number"),)), "insert", True)
    [(' ', 'insert'), ('{+', 'marker'), ('15', 'fact-insert'), (' dead', 'insert'), ('+}', 'marker')]
    """
    core = seg.text.strip(" ")
    if not core:
        return [(reveal(seg.text), kind)]
    lead = len(seg.text) - len(seg.text.lstrip(" "))
    inner = [
        (reveal(text), f"fact-{kind}" if fact else kind) for text, fact in seg.pieces(lead, lead + len(core))
    ]
    if symbols:
        left, right = ("{+", "+}") if kind == "insert" else ("[-", "-]")
        inner = [(left, "marker"), *inner, (right, "marker")]
    pieces = [(seg.text[:lead], kind), *inner, (seg.text[lead + len(core) :], kind)]
    return [p for p in pieces if p[0]]


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


_WORD_AND_SPACE = re.compile(r"[^ ]* ?")


def _change_meets(before_kind: str, before_text: str, kind: str, text: str) -> bool:
    """Where deleted text ends and inserted text begins (with or without markers): a break point."""
    if before_kind == "marker" and kind == "marker":
        return before_text.endswith("-]") and text.startswith("{+")
    return before_kind == "delete" and kind == "insert"


def wrap(items: list[Span], width: int) -> list[list[Span]]:
    """Break spans into lines of at most ``width`` cells, only at spaces and newlines.

    A word runs from one space to the next across spans of any kind, so a comma
    after an inserted word, or a diff marker, stays with its word; a line may
    also break where a deletion meets an insertion. A word longer than a line is cut.

    >>> [["".join(t for t, _ in line)] for line in wrap([("one two three", "equal")], 8)]
    [['one two '], ['three']]
    >>> spans_ = [("to ", "equal"), ("Seoul", "insert"), (", said", "equal")]
    >>> ["".join(t for t, _ in line) for line in wrap(spans_, 8)]
    ['to ', 'Seoul, ', 'said']
    """
    width = max(8, width)
    lines: list[list[Span]] = [[]]
    used = 0
    word_from = word_used = 0  # where the word being written began on this line, and the cells before it
    open_word = False  # the last piece ended without a space: the next may continue its word
    last_kind, last_text = "", ""
    for text, kind in items:
        for n, part in enumerate(text.split("\n")):
            if n:
                lines.append([])
                used = word_from = word_used = 0
                open_word = False
            if not part:
                continue
            narrow = part.isascii()
            for piece in _WORD_AND_SPACE.findall(part):
                if not piece:
                    continue
                core = piece[:-1] if piece[-1] == " " else piece
                if not core:  # a space alone
                    if (used or kind != "equal") and used < width:
                        lines[-1].append((" ", kind))
                        used += 1
                    open_word = False
                    continue
                size = len(core) if narrow else cell_width(core)
                joining = open_word and not _change_meets(last_kind, last_text, kind, core)
                if joining:
                    if used + size > width and word_used:  # carry the whole word to the next line
                        moved = lines[-1][word_from:]
                        del lines[-1][word_from:]
                        lines.append(moved)
                        used -= word_used
                        word_from = word_used = 0
                else:
                    if used and used + size > width:
                        lines.append([])
                        used = 0
                    word_from, word_used = len(lines[-1]), used
                while used + size > width:  # longer than a line: cut it
                    room = width - used
                    head, core = _cut_text(core, room)
                    lines[-1].append((head, kind))
                    lines.append([])
                    used = word_from = word_used = 0
                    size = len(core) if narrow else cell_width(core)
                last_kind, last_text = kind, core
                if piece[-1] == " ":
                    if used + size < width:  # the word and its space, in one piece
                        lines[-1].append((piece, kind))
                        used += size + 1
                    else:
                        lines[-1].append((core, kind))
                        used += size
                    open_word = False
                else:
                    lines[-1].append((core, kind))
                    used += size
                    open_word = True
    return [_join(line) for line in lines]


def _cut_text(text: str, room: int) -> tuple[str, str]:
    """The first ``room`` cells of ``text`` (at least one character), and the rest."""
    used = 0
    for k, ch in enumerate(text):
        w = cell_width(ch)
        if used + w > room and k:
            return text[:k], text[k:]
        used += w
    return text, ""


def _join(line: list[Span]) -> list[Span]:
    """Neighbouring spans of one kind as one span."""
    return [("".join(t for t, _ in group), kind) for kind, group in groupby(line, key=itemgetter(1))]


def _changes(lines: list[list[Span]]) -> tuple[int, ...]:
    """Indexes of the first line of each run of lines holding a change."""
    hot = [any(k not in ("equal",) for _, k in line) for line in lines]
    return tuple(n for n, h in enumerate(hot) if h and (n == 0 or not hot[n - 1]))


def inline_layout(c: Comparison, width: int, show_cosmetic: bool = True, symbols: bool = False) -> Layout:
    """Both sides interleaved in one column."""
    lines = wrap(spans(c.segments, show_cosmetic, symbols), width)
    return Layout(tuple(tuple(line) for line in lines), _changes(lines))


def _facts_within(seg: Segment, start: int, length: int) -> tuple[tuple[int, int, str], ...]:
    """``seg``'s fact spans that fall in ``text[start:start + length]``, shifted to that piece."""
    return tuple((s - start, e - start, k) for s, e, k in seg.facts if start <= s and e <= start + length)


def split_layout(c: Comparison, width: int, show_cosmetic: bool = True, symbols: bool = False) -> Layout:
    """Old text on the left, new on the right, in rows that break where either side does.

    A paragraph break on one side (a flat copy against a paragraphed one) breaks
    both columns, so the two sides stay level.
    """
    half = max(8, (width - 3) // 2)
    rows: list[tuple[list[Span], list[Span]]] = [([], [])]
    for seg in c.segments:
        breaks = "\n\n" in seg.text
        at = -2  # where the piece starts in seg.text
        for n, piece in enumerate(seg.text.split("\n\n")):
            at += 2
            if n:
                rows.append(([], []))
            if not piece:
                continue  # (an empty piece moves nothing)
            part = Segment(seg.op, piece, seg.cosmetic, seg.move, _facts_within(seg, at, len(piece)))
            if seg.op != INSERT:
                rows[-1][0].extend(spans((part,), show_cosmetic, symbols, side="old"))
            if seg.op != DELETE:
                rows[-1][1].extend(spans((part,), show_cosmetic, symbols, side="new"))
            at += len(piece)
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
