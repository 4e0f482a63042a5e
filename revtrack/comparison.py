"""What a comparison is: segments, moves and figures. No diff engine here.

:mod:`revtrack.diffing` builds these; renderers, the TUI and JSON output read
them. Kept apart so the engine module stays small and so readers of a
:class:`Comparison` never load diff-match-patch.
"""

from __future__ import annotations

from collections.abc import Iterable

from revtrack.records import Factory, frozen
from revtrack.text import word_count

EQUAL, DELETE, INSERT = "=", "-", "+"


@frozen
class Segment:
    """A run of text: kept (``=``), deleted (``-``) or inserted (``+``).

    ``cosmetic`` marks a change that vanishes under normalisation; ``move``
    links the deleted and inserted halves of a moved sentence.
    """

    op: str
    text: str
    cosmetic: bool = False
    move: int | None = None
    #: the facts (numbers, dates, names) this change adds or removes: ``(start, end, kind)``
    #: in ``text`` (:mod:`revtrack.diffing.facts`)
    facts: tuple[tuple[int, int, str], ...] = ()

    def pieces(self, start: int = 0, end: int | None = None) -> list[tuple[str, str | None]]:
        """``text[start:end]`` cut at its facts: ``(text, fact kind or None)`` pieces.

        >>> Segment("+", "rose to 15 on Monday", facts=((8, 10, "number"),)).pieces()
        [('rose to ', None), ('15', 'number'), (' on Monday', None)]
        """
        end = len(self.text) if end is None else end
        out: list[tuple[str, str | None]] = []
        at = start
        for fact_start, fact_end, kind in self.facts:
            if fact_end <= at or fact_start >= end:
                continue
            if fact_start > at:
                out.append((self.text[at:fact_start], None))
            out.append((self.text[max(at, fact_start) : min(end, fact_end)], kind))
            at = min(end, fact_end)
        if at < end:
            out.append((self.text[at:end], None))
        return out


@frozen
class Move:
    """A sentence deleted in one place and inserted in another, with its own diff."""

    id: int
    old: str
    new: str
    segments: tuple[Segment, ...]


@frozen
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
    facts_changed: int = 0  # changes whose numbers, dates or names differ (diffing.facts)

    @property
    def wording_changed(self) -> bool:
        """True when anything beyond cosmetics changed."""
        return bool(self.words_added or self.words_deleted or self.words_changed or self.sentences_moved)


@frozen
class Comparison:
    """The result of :func:`compare`."""

    segments: tuple[Segment, ...]
    moves: tuple[Move, ...] = ()
    stats: Stats = Factory(Stats)

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


#: ``(op, text, cosmetic, move id or None)``: a segment before it is built.
Part = tuple[str, str, bool, "int | None"]


def merge_parts(parts: Iterable[Part]) -> list[Part]:
    """Join neighbouring ``(op, text, cosmetic, move)`` parts with the same op, flags and move.

    Empty parts are dropped.

    >>> merge_parts([("=", "a", False, None), ("=", "b", False, None), ("-", "", False, None)])
    [('=', 'ab', False, None)]
    """
    out: list[Part] = []
    key: tuple[str, bool, int | None] | None = None
    texts: list[str] = []
    for op, text, cosmetic, move in parts:
        if not text:
            continue
        if (op, cosmetic, move) != key:
            if key is not None:
                out.append((key[0], "".join(texts), key[1], key[2]))
            key, texts = (op, cosmetic, move), [text]
        else:
            texts.append(text)
    if key is not None:
        out.append((key[0], "".join(texts), key[1], key[2]))
    return out


_new = object.__new__


def make_segments(
    parts: list[Part], facts: list[tuple[tuple[int, int, str], ...]] | None = None
) -> tuple[Segment, ...]:
    """Segments from ``(op, text, cosmetic, move)`` parts, built without the dataclass ``__init__``.

    A frozen class refuses assignment, and its ``__init__`` checks arguments; filling
    the instance dict directly is twice as fast, and a long diff has thousands
    of segments. The result is the same frozen object.

    >>> make_segments([("-", "US", False, None)]) == (Segment("-", "US"),)
    True
    """
    out = []
    for n, (op, text, cosmetic, move) in enumerate(parts):
        segment = _new(Segment)
        segment.__dict__.update(
            op=op, text=text, cosmetic=cosmetic, move=move, facts=facts[n] if facts else ()
        )
        out.append(segment)
    return tuple(out)


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

    def finish(self, parts: list[Part], moves: tuple[Move, ...], facts_changed: int = 0) -> Stats:
        """The figures for a comparison's merged ``(op, text, cosmetic, move)`` parts."""
        added = deleted = changed = cosmetic = 0
        equal_words = 0
        kept: list[str] = []  # text on both sides, counted in one go at the end
        hunk_deleted = hunk_added = 0
        hunk_cosmetic = True
        in_hunk = False
        for op, text, is_cosmetic, move in (*parts, (EQUAL, "", False, None)):
            if op == EQUAL or move is not None:
                if in_hunk:  # a run of -/+ (moves aside) ends here
                    if hunk_cosmetic:
                        cosmetic += 1
                        equal_words += hunk_added
                    else:
                        both = min(hunk_added, hunk_deleted)
                        changed += both
                        added += hunk_added - both
                        deleted += hunk_deleted - both
                    hunk_deleted = hunk_added = 0
                    hunk_cosmetic, in_hunk = True, False
                if op != DELETE:
                    kept.append(text)
                continue
            in_hunk = True
            hunk_cosmetic = hunk_cosmetic and is_cosmetic
            if op == DELETE:
                hunk_deleted += _count_words(text)
            else:
                hunk_added += _count_words(text)
        for move in moves:  # edits made on the way count as changes too
            for seg in move.segments:
                if seg.op == INSERT and not seg.cosmetic:
                    added += _count_words(seg.text)
                elif seg.op == DELETE and not seg.cosmetic:
                    deleted += _count_words(seg.text)
        # joined with spaces the count is the sum of the parts' counts, in one C-level pass
        equal_words += word_count(" ".join(kept))
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
            facts_changed=facts_changed,
        )


def concat(first: Comparison, second: Comparison) -> Comparison:
    """One comparison of two texts made of two parts each, compared part by part.

    ``revtrack diff`` compares a document's first line (its headline) apart from
    the rest, so a changed headline never bleeds into the first paragraph's diff;
    the ops of the result still rebuild both whole texts.

    >>> a = Comparison((Segment("=", "A"),), stats=Stats(similarity=1.0))
    >>> b = Comparison((Segment("=", "\\nB"), Segment("+", " C")), stats=Stats(words_added=1))
    >>> c = concat(a, b)
    >>> c.ops, c.stats.words_added
    ([('=', 'A\\nB'), ('+', ' C')], 1)
    """
    segments = list(first.segments)
    offset = len(first.moves)
    for n, seg in enumerate(second.segments):
        if seg.move is not None:
            seg = Segment(seg.op, seg.text, seg.cosmetic, seg.move + offset, seg.facts)
        last = segments[-1] if segments else None
        if (
            n == 0
            and last is not None
            and last.op == seg.op == EQUAL
            and not (last.cosmetic or seg.cosmetic or last.move is not None or seg.move is not None)
        ):
            segments[-1] = Segment(EQUAL, last.text + seg.text)
        else:
            segments.append(seg)
    moves = (*first.moves, *(Move(m.id + offset, m.old, m.new, m.segments) for m in second.moves))
    a, b = first.stats, second.stats
    weight_a = max(1, _count_words("".join(s.text for s in first.segments)))
    weight_b = max(1, _count_words("".join(s.text for s in second.segments)))
    similarity = round((a.similarity * weight_a + b.similarity * weight_b) / (weight_a + weight_b), 4)
    stats = Stats(
        words_added=a.words_added + b.words_added,
        words_deleted=a.words_deleted + b.words_deleted,
        words_changed=a.words_changed + b.words_changed,
        sentences_added=a.sentences_added + b.sentences_added,
        sentences_deleted=a.sentences_deleted + b.sentences_deleted,
        sentences_edited=a.sentences_edited + b.sentences_edited,
        sentences_moved=a.sentences_moved + b.sentences_moved,
        cosmetic_changes=a.cosmetic_changes + b.cosmetic_changes,
        similarity=similarity,
        facts_changed=a.facts_changed + b.facts_changed,
    )
    return Comparison(tuple(segments), moves, stats)
