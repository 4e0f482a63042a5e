"""Word-level diffs on diff-match-patch (imported by :mod:`revtrack.diffing.engine` only).

:func:`compare` finds equal paragraphs first by comparing their text
(:mod:`revtrack.diffing.paragraphs`), then aligns the sentence units of the
rest (each keyed by its cosmetically normalised text), detects moved
sentences, then word-diffs inside the changed blocks
(:mod:`revtrack.diffing.blocks`: sentence by sentence when they pair up or
match by word overlap, else as one text). Inside each pair the common
prefix and suffix are trimmed at C speed and only the middle is tokenized;
every token is mapped to one character, ``Diff_Timeout = 0`` and semantic
cleanup runs on the encoded tokens (so no hunk starts or ends inside a word).
The cleanup folds shared spaces and punctuation into the changes around them
but never a shared word (:func:`revtrack.diffing.engine.semantic_cleanup`): a
reader sees a rewritten phrase as one change, and no unchanged word marked.
Segments whose two sides differ only cosmetically (quotes, dashes, whitespace,
paragraph breaks) are marked ``cosmetic``.
"""

from __future__ import annotations

from revtrack.comparison import (
    DELETE,
    EQUAL,
    INSERT,
    Comparison,
    Move,
    Stats,
    StatsCounter,
    make_segments,
    merge_parts,
)
from revtrack.diffing.align import MoveMap, exact_moves, near_moves, place_moves
from revtrack.diffing.blocks import Link, block_parts, pair_parts
from revtrack.diffing.facts import mark_comparison
from revtrack.diffing.paragraphs import Units, units
from revtrack.diffing.words import Part, cosmetic_parts, word_segments
from revtrack.text import sentences

__all__ = ["compare", "compare_revisions", "identical", "sentence_links", "word_segments"]


def _equal_parts(old_units: list[str], new_units: list[str]) -> list[Part]:
    """Parts for a stretch of sentences with equal keys (raw text may differ cosmetically)."""
    if old_units == new_units:
        return [(EQUAL, "".join(old_units), False, None)]
    parts: list[Part] = []
    same: list[str] = []
    for old, new in zip(old_units, new_units, strict=True):
        if old == new:
            same.append(old)
            continue
        if same:
            parts.append((EQUAL, "".join(same), False, None))
            same = []
        parts.extend(cosmetic_parts(old, new))
    if same:
        parts.append((EQUAL, "".join(same), False, None))
    return parts


def _plan(runs: list[tuple[str, int]]) -> list[tuple[bool, list[int], list[int]]]:
    """Walk sentence runs into equal stretches and change blocks: ``(is_block, olds, news)``."""
    plan: list[tuple[bool, list[int], list[int]]] = []
    i = j = 0
    for op, n in runs:
        if op == EQUAL:
            plan.append((False, list(range(i, i + n)), list(range(j, j + n))))
            i += n
            j += n
            continue
        if not plan or not plan[-1][0]:
            plan.append((True, [], []))
        if op == DELETE:
            plan[-1][1].extend(range(i, i + n))
            i += n
        else:
            plan[-1][2].extend(range(j, j + n))
            j += n
    return plan


def identical(text: str) -> Comparison:
    """The comparison of a text with itself: one equal segment, nothing changed (no word counted).

    >>> identical("A b.").ops, identical("A b.").stats.similarity
    ([('=', 'A b.')], 1.0)
    """
    segments = make_segments([(EQUAL, text, False, None)]) if text else ()
    return Comparison(segments, (), Stats(similarity=1.0))


def compare_revisions(old_headline: str, old_body: str, new_headline: str, new_body: str) -> Comparison:
    """The one comparison of two revisions whose figures every surface prints (log, TUI, diff,
    export, JSON): the headline compared apart from the body, as ``revtrack diff`` does.

    >>> c = compare_revisions("Vote held", "The council voted.", "Vote held", "The council voted twice.")
    >>> c.stats.words_added, c.old_text() == "Vote held\\n\\nThe council voted."
    (1, True)
    """
    from revtrack.comparison import concat

    return concat(compare(old_headline, new_headline), compare("\n\n" + old_body, "\n\n" + new_body))


def sentence_links(old: str, new: str) -> tuple[Comparison, list[Link]]:
    """:func:`compare`, and how each sentence fared: ``(label, old index, new index)`` with
    indices into :func:`revtrack.text.sentences` of each text (blank units left out).

    Labels as NewsEdits names its sentence actions: ``Unchanged``, ``Edit``,
    ``Addition``, ``Deletion`` and ``Refactor`` (a moved sentence, edited or not);
    their counts are the comparison's sentence figures.

    >>> old, new = "The allies met. They talked. It rained.", "They talked. The allies met. It poured."
    >>> c, links = sentence_links(old, new)
    >>> sorted(links, key=str), c.stats.sentences_moved, c.stats.sentences_edited
    ([('Edit', 2, 2), ('Refactor', 0, 1), ('Unchanged', 1, 0)], 1, 1)
    """
    links: list[Link] = []
    return _compare(old, new, links), links


def compare(old: str, new: str) -> Comparison:
    """Compare two texts word by word, sentences aligned first, moves detected.

    Every segment carries a ``cosmetic`` flag; renderers hide or dim those
    (``--ignore-cosmetic``, the TUI's ``c``), so ``ops`` always rebuild both texts.

    >>> c = compare("The allies met. They talked.", "They talked. The allies met.")
    >>> c.old_text(), c.new_text(), c.stats.sentences_moved
    ('The allies met. They talked.', 'They talked. The allies met.', 1)
    """
    return _compare(old, new, None)


def _compare(old: str, new: str, links: list[Link] | None) -> Comparison:
    """:func:`compare`; ``links`` (when given) gains each sentence's fate."""
    if old == new:  # equal texts are found equal by comparing them, before any alignment
        if links is not None:
            links.extend(("Unchanged", k, k) for k, unit in enumerate(sentences(old)) if unit.strip())
        return identical(old)
    aligned = units(old, new, count_sentences=links is not None)
    if aligned is None:
        old_count, new_count = len(sentences(old)), len(sentences(new))
        if links is not None:
            links.extend(("Deletion", k, None) for k in range(old_count))
            links.extend(("Addition", None, k) for k in range(new_count))
        return _replacement(old, new, old_count, new_count)
    unit_links: list[Link] | None = None if links is None else []
    comparison = _compare_units(aligned, unit_links)
    if links is not None and unit_links is not None:
        links.extend(_sentence_numbers(unit_links, aligned))
    return comparison


def _sentence_numbers(unit_links: list[Link], aligned: Units) -> list[Link]:
    """Links between units renumbered as links between sentences (a stretch of equal
    paragraphs is one unit holding several sentences, each its own link)."""
    old_first, new_first = aligned.sentence_index("-"), aligned.sentence_index("+")
    out: list[Link] = []
    for label, x, y in unit_links:
        if x is not None and y is not None and aligned.old_sizes[x] > 1:  # a stretch, unchanged
            stretch = sentences(aligned.old[x])
            out.extend(
                (label, old_first[x] + k, new_first[y] + k) for k, unit in enumerate(stretch) if unit.strip()
            )
        else:
            out.append((label, None if x is None else old_first[x], None if y is None else new_first[y]))
    return out


def _compare_units(aligned: Units, links: list[Link] | None) -> Comparison:
    """:func:`compare` of two texts already cut into aligned units."""
    old_units, new_units, old_keys, new_keys = aligned.old, aligned.new, aligned.old_keys, aligned.new_keys
    plan = _plan(aligned.runs)
    blocks = [(olds, news) for is_block, olds, news in plan if is_block]
    moves_at = exact_moves(blocks, old_keys, new_keys)
    rests = [
        ([x for x in olds if ("-", x) not in moves_at], [x for x in news if ("+", x) not in moves_at])
        for olds, news in blocks
    ]
    # A block whose sentences pair up with similar ones is edited in place; only
    # the other blocks can hold sentences moved with edits.
    paired_links: list[list[Link]] = [[] for _ in rests]
    paired = [
        pair_parts([old_units[x] for x in olds], [new_units[x] for x in news], block_links)
        if len(olds) == len(news)
        else None
        for (olds, news), block_links in zip(rests, paired_links, strict=True)
    ]
    unpaired = [rest for rest, parts in zip(rests, paired, strict=True) if parts is None]
    if unpaired:
        moves_at = near_moves(unpaired, old_keys, new_keys, moves_at)
    parts: list[Part] = []
    stats = StatsCounter()
    moved_text: dict[int, list[str]] = {}
    k = -1
    for is_block, olds, news in plan:
        if not is_block:
            parts.extend(_equal_parts(old_units[olds[0] : olds[-1] + 1], new_units[news[0] : news[-1] + 1]))
            if links is not None:
                links.extend(
                    ("Unchanged", x, y) for x, y in zip(olds, news, strict=True) if old_units[x].strip()
                )
            continue
        k += 1
        old_marks = _marks("-", olds, old_units, moves_at, moved_text, 0)
        new_marks = _marks("+", news, new_units, moves_at, moved_text, 1)
        old_rest = [old_units[x] for x in olds if ("-", x) not in moves_at]
        new_rest = [new_units[x] for x in news if ("+", x) not in moves_at]
        done = paired[k]
        block_links = paired_links[k]
        if done is None:
            # pairs were tried already unless near moves took sentences out since
            retry = len(old_rest) + len(new_rest) < len(rests[k][0]) + len(rests[k][1])
            block_links = []
            done = block_parts(old_rest, new_rest, try_pairs=retry, links=block_links)
        if links is not None:
            old_at = [x for x in olds if ("-", x) not in moves_at]
            new_at = [x for x in news if ("+", x) not in moves_at]
            links.extend(
                (label, None if x is None else old_at[x], None if y is None else new_at[y])
                for label, x, y in block_links
            )
        block, actions = done
        stats.add(actions)
        parts.extend(place_moves(block, old_marks, new_marks) if old_marks or new_marks else block)
    if links is not None:
        links.extend(_move_links(moves_at))
    # a move's own diff ignores the trailing whitespace the sentence had in each place
    moves = tuple(
        Move(mid, o, n, tuple(word_segments(o.rstrip(), n.rstrip())))
        for mid, (o, n) in sorted(moved_text.items())
    )
    merged = merge_parts(parts)
    spans, moves, facts_changed = mark_comparison(merged, moves)
    return Comparison(make_segments(merged, spans), moves, stats.finish(merged, moves, facts_changed))


def _replacement(old: str, new: str, old_sentences: int, new_sentences: int) -> Comparison:
    """Two unrelated texts: the old one deleted, the new one added (no search for the
    few words they share by chance, which took a minute on two 2 MB texts)."""
    stats = StatsCounter()
    stats.add((0, new_sentences, old_sentences))
    parts: list[Part] = [(op, text, False, None) for op, text in ((DELETE, old), (INSERT, new)) if text]
    return Comparison(make_segments(parts), (), stats.finish(parts, ()))


def _move_links(moves_at: MoveMap) -> list[Link]:
    """Each moved sentence as a ``Refactor`` link from where it left to where it arrived."""
    ends: dict[int, list[int | None]] = {}
    for (side, x), mid in moves_at.items():
        ends.setdefault(mid, [None, None])[0 if side == "-" else 1] = x
    return [("Refactor", a, b) for _, (a, b) in sorted(ends.items())]


def _marks(
    side: str,
    indexes: list[int],
    units: list[str],
    moves_at: MoveMap,
    moved_text: dict[int, list[str]],
    slot: int,
) -> list[tuple[int, Part]]:
    """Moved sentences of one side of a block, each at its offset among the side's other sentences."""
    marks: list[tuple[int, Part]] = []
    offset = 0
    for x in indexes:
        mid = moves_at.get((side, x))
        if mid is None:
            offset += len(units[x])
            continue
        moved_text.setdefault(mid, ["", ""])[slot] = units[x]
        marks.append((offset, (DELETE if side == "-" else INSERT, units[x], False, mid)))
    return marks
