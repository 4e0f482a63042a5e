"""Paragraphs first: equal paragraphs are found equal by comparing strings, before any
sentence is split, keyed or aligned.

Both texts are cut after each blank line (:func:`revtrack.text.paragraph_chunks`)
and the chunks aligned by their exact text (hashes, patience anchors). Each run
of equal chunks becomes one *stretch* unit, the same on both sides; only the
chunks between stretches are split into sentences and aligned sentence by
sentence. A long document with a few edits then costs a split of its
paragraphs, not a pass over its thousands of sentences. Moves still cross
stretches: moved sentences are paired across all change blocks afterwards.
"""

from __future__ import annotations

from itertools import accumulate

from revtrack.comparison import DELETE, EQUAL, INSERT
from revtrack.diffing.align import align
from revtrack.diffing.anchors import common_ends, unique_anchors
from revtrack.diffing.engine import Runs
from revtrack.text import cosmetic_keys, paragraph_chunks, sentences


class Units:
    """Both texts as units: sentences where they differ, one stretch per run of equal
    paragraphs; their cosmetic keys (a stretch's is ``""``: never paired as a move),
    the units' alignment runs, and how many sentences each unit holds (counted only
    when asked: :func:`revtrack.diffing.sentence_links` numbers every sentence)."""

    __slots__ = ("old", "new", "old_keys", "new_keys", "runs", "old_sizes", "new_sizes")

    def __init__(self) -> None:
        self.old: list[str] = []
        self.new: list[str] = []
        self.old_keys: list[str] = []
        self.new_keys: list[str] = []
        self.runs: Runs = []
        self.old_sizes: list[int] = []
        self.new_sizes: list[int] = []

    def add_stretch(self, text: str, count_sentences: bool) -> None:
        """A run of paragraphs equal on both sides: one unit each, aligned equal."""
        size = len(sentences(text)) if count_sentences else 1
        self.old.append(text)
        self.new.append(text)
        self.old_keys.append("")
        self.new_keys.append("")
        self.old_sizes.append(size)
        self.new_sizes.append(size)
        self.runs.append((EQUAL, 1))

    def add_changed(self, old: str, new: str) -> None:
        """Paragraphs that differ: their sentences, keyed and aligned."""
        old_units, new_units = sentences(old), sentences(new)
        old_keys, new_keys = cosmetic_keys(old, old_units), cosmetic_keys(new, new_units)
        self.old += old_units
        self.new += new_units
        self.old_keys += old_keys
        self.new_keys += new_keys
        self.old_sizes += [1] * len(old_units)
        self.new_sizes += [1] * len(new_units)
        self.runs += align(old_keys, new_keys)

    def sentence_index(self, side: str) -> list[int]:
        """Index of each unit's first sentence among all sentences of its text."""
        sizes = self.old_sizes if side == "-" else self.new_sizes
        return [0, *accumulate(sizes)][:-1]


def units(old: str, new: str, count_sentences: bool = False) -> Units | None:
    """Align two texts paragraph by paragraph, then sentence by sentence where they
    differ; None when they are large and :func:`unrelated` (nothing to align).

    >>> u = units("Same.\\n\\nOld one. Kept.\\n\\nEnd.", "Same.\\n\\nNew one. Kept.\\n\\nEnd.")
    >>> u.old, u.runs
    (['Same.\\n\\n', 'Old one. ', 'Kept.\\n\\n', 'End.'], [('=', 1), ('-', 1), ('+', 1), ('=', 1), ('=', 1)])
    """
    old_chunks, new_chunks = paragraph_chunks(old), paragraph_chunks(new)
    smaller, larger = sorted((set(old_chunks), set(new_chunks)), key=len)
    if len(smaller & larger) < RELATED_TRIPLES * len(smaller):  # few paragraphs kept: look closer
        old_units, new_units = sentences(old), sentences(new)
        if len(old_units) + len(new_units) > LARGE and unrelated(old, new, old_units, new_units):
            return None
    out = Units()
    i = j = 0
    changed_old: list[str] = []
    changed_new: list[str] = []
    for op, n in _paragraph_runs(old_chunks, new_chunks):
        if op == EQUAL:
            if changed_old or changed_new:
                out.add_changed("".join(changed_old), "".join(changed_new))
                changed_old, changed_new = [], []
            out.add_stretch("".join(old_chunks[i : i + n]), count_sentences)
            i += n
            j += n
        elif op == DELETE:
            changed_old += old_chunks[i : i + n]
            i += n
        else:
            changed_new += new_chunks[j : j + n]
            j += n
    if changed_old or changed_new:
        out.add_changed("".join(changed_old), "".join(changed_new))
    return out


def _paragraph_runs(old_chunks: list[str], new_chunks: list[str]) -> Runs:
    """Equal paragraphs only where no search is needed: equal ends, paragraphs found
    once on each side (patience anchors; of two paragraphs that swapped places the
    longer stays, the shorter moved) and equal stretches between anchors. Any
    other paragraph is left to the sentence alignment, which sees all of a changed
    region: a repeated short paragraph ("Example::") must not cut it in two.

    >>> _paragraph_runs(["a", "x", "b", "c"], ["a", "y", "b", "c"])
    [('=', 1), ('-', 1), ('+', 1), ('=', 2)]
    """
    head, tail = common_ends(old_chunks, new_chunks)
    old_middle, new_middle = (
        old_chunks[head : len(old_chunks) - tail],
        new_chunks[head : len(new_chunks) - tail],
    )
    anchors = unique_anchors(old_middle, new_middle, by_length=True)
    ends = [*anchors, (len(old_middle), len(new_middle))]
    # Most anchors sit right after the one before on both sides (a long document with a
    # few edits has thousands): only the others open a gap that needs looking at.
    gaps = [
        k
        for k, ((ai, bj), (before_i, before_j)) in enumerate(zip(ends, [(-1, -1), *anchors], strict=True))
        if ai != before_i + 1 or bj != before_j + 1
    ]
    runs: Runs = []
    equal = head  # equal paragraphs not yet written: one stretch unit for a whole run of them
    done = 0  # ends before this index are counted
    for k in gaps:
        equal += k - done  # the anchors in between, one right after another
        ai, bj = ends[k]
        i, j = (ends[k - 1][0] + 1, ends[k - 1][1] + 1) if k else (0, 0)
        if ai - i == bj - j and old_middle[i:ai] == new_middle[j:bj]:
            equal += ai - i
        else:
            if equal:
                runs.append((EQUAL, equal))
                equal = 0
            runs += [(op, n) for op, n in ((DELETE, ai - i), (INSERT, bj - j)) if n]
        equal += k < len(anchors)  # the anchor itself
        done = k + 1
    equal += max(0, len(anchors) - done) + tail  # anchors after the last gap, then the equal tail
    if equal:
        runs.append((EQUAL, equal))
    return runs


#: Sentences in both texts together above which :func:`unrelated` is checked first.
LARGE = 2000
#: Share of one text's word triples found in the other below which two large
#: texts are unrelated. Unrelated English shares a few percent ("one of the");
#: an edited version keeps far more even with a third of its words changed.
RELATED_TRIPLES = 0.1


def unrelated(old: str, new: str, old_units: list[str], new_units: list[str]) -> bool:
    """True when two texts share almost no run of three words (one linear pass each).

    Texts sharing a tenth of their sentence units word for word are related
    without counting triples (hashing whole units is several times cheaper).

    >>> unrelated("the council met on monday " * 3, "a storm hit the coast today " * 3, [], [])
    True
    """
    if old_units and new_units:
        smaller_units, larger_units = sorted((set(old_units), set(new_units)), key=len)
        if len(smaller_units & larger_units) >= RELATED_TRIPLES * len(smaller_units):
            return False
    a, b = old.split(), new.split()
    triples_a = set(zip(a, a[1:], a[2:], strict=False))  # noqa: B905 - shifted copies by design
    triples_b = set(zip(b, b[1:], b[2:], strict=False))  # noqa: B905
    smaller, larger = sorted((triples_a, triples_b), key=len)
    if not smaller:
        return False
    return len(smaller & larger) < RELATED_TRIPLES * len(smaller)
