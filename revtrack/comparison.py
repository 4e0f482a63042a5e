"""What a comparison is: segments, moves and figures. No diff engine here.

:mod:`revtrack.diffing` builds these; renderers, the TUI and JSON output read
them. Kept apart so the engine module stays small and so readers of a
:class:`Comparison` never load diff-match-patch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from revtrack.text import word_count

EQUAL, DELETE, INSERT = "=", "-", "+"


@dataclass(frozen=True)
class Segment:
    """A run of text: kept (``=``), deleted (``-``) or inserted (``+``).

    ``cosmetic`` marks a change that vanishes under normalisation; ``move``
    links the deleted and inserted halves of a moved sentence.
    """

    op: str
    text: str
    cosmetic: bool = False
    move: int | None = None


@dataclass(frozen=True)
class Move:
    """A sentence deleted in one place and inserted in another, with its own diff."""

    id: int
    old: str
    new: str
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Stats:
    """Counts for one comparison (NewsEdits sentence actions included)."""

    words_added: int = 0
    words_deleted: int = 0
    words_changed: int = 0
    sentences_added: int = 0
    sentences_deleted: int = 0
    sentences_edited: int = 0
    sentences_moved: int = 0
    cosmetic_changes: int = 0
    similarity: float = 1.0

    @property
    def wording_changed(self) -> bool:
        """True when anything beyond cosmetics changed."""
        return bool(self.words_added or self.words_deleted or self.words_changed or self.sentences_moved)


@dataclass(frozen=True)
class Comparison:
    """The result of :func:`compare`."""

    segments: tuple[Segment, ...]
    moves: tuple[Move, ...] = ()
    stats: Stats = field(default_factory=Stats)

    @property
    def ops(self) -> list[tuple[str, str]]:
        """``(op, text)`` pairs: ``=``/``-`` rebuild the old text, ``=``/``+`` the new."""
        return [(s.op, s.text) for s in self.segments]

    def old_text(self) -> str:
        """The old side rebuilt from the segments."""
        return "".join(s.text for s in self.segments if s.op != INSERT)

    def new_text(self) -> str:
        """The new side rebuilt from the segments."""
        return "".join(s.text for s in self.segments if s.op != DELETE)


def merge(segments: list[Segment]) -> list[Segment]:
    """Join neighbours with the same op, flags and move id; drop empty segments."""
    out: list[Segment] = []
    for s in segments:
        if not s.text:
            continue
        if out and (out[-1].op, out[-1].cosmetic, out[-1].move) == (s.op, s.cosmetic, s.move):
            out[-1] = Segment(s.op, out[-1].text + s.text, s.cosmetic, s.move)
        else:
            out.append(s)
    return out


def _count_words(text: str) -> int:
    if text.isalnum():  # one plain word, the commonest change: no split needed
        return 1
    return word_count(text) if text.strip() else 0


class StatsCounter:
    """Accumulates sentence actions while :func:`compare` walks its blocks."""

    def __init__(self) -> None:
        self.added = self.deleted = self.edited = 0

    def add(self, actions: tuple[int, int, int]) -> None:
        """Count one change block's sentence actions: ``(edited, added, deleted)``."""
        self.edited += actions[0]
        self.added += actions[1]
        self.deleted += actions[2]

    def finish(self, segments: list[Segment], moves: tuple[Move, ...]) -> Stats:
        added = deleted = changed = cosmetic = 0
        equal_words = 0
        k = 0
        while k < len(segments):
            s = segments[k]
            if s.op == EQUAL or s.move is not None:
                if s.op == EQUAL or s.op == INSERT:
                    equal_words += _count_words(s.text)
                k += 1
                continue
            end = k
            d = a = 0
            is_cosmetic = True
            while end < len(segments) and segments[end].op != EQUAL and segments[end].move is None:
                seg = segments[end]
                is_cosmetic &= seg.cosmetic
                if seg.op == DELETE:
                    d += _count_words(seg.text)
                else:
                    a += _count_words(seg.text)
                end += 1
            if is_cosmetic:
                cosmetic += 1
                equal_words += a
            else:
                c = min(a, d)
                changed += c
                added += a - c
                deleted += d - c
            k = end
        for move in moves:  # edits made on the way count as changes too
            for seg in move.segments:
                if seg.op == INSERT and not seg.cosmetic:
                    added += _count_words(seg.text)
                elif seg.op == DELETE and not seg.cosmetic:
                    deleted += _count_words(seg.text)
        total = equal_words + added + changed + equal_words + deleted + changed
        similarity = 1.0 if total == 0 else round(2 * equal_words / total, 4)
        return Stats(
            words_added=added,
            words_deleted=deleted,
            words_changed=changed,
            sentences_added=self.added,
            sentences_deleted=self.deleted,
            sentences_edited=self.edited,
            sentences_moved=len(moves),
            cosmetic_changes=cosmetic,
            similarity=similarity,
        )
