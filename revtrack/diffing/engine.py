"""diff-match-patch, wrapped: the only module in revtrack that imports it.

The search itself (``diff_main``) runs in fast-diff-match-patch, Google's C++
port of the same algorithm, where a wheel exists (CPython up to 3.12): same
diffs, tested against the Python engine, at 20-40x its speed. Elsewhere the
Python engine does it. The cleanups always run in the Python engine.

Units (tokens, or sentence keys) are mapped to one character each, so the
engine's character diff is a unit diff and its semantic cleanup works on whole
units. ``Diff_Timeout = 0``: a deadline would silently degrade a result to
delete-all/insert-all on a loaded machine.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache
from itertools import chain
from math import isqrt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from diff_match_patch import diff_match_patch

from revtrack.comparison import DELETE, EQUAL, INSERT
from revtrack.diffing.anchors import gram_anchors, unique_anchors

#: ``(op, count)`` runs over two unit lists.
Runs = list[tuple[str, int]]

_DMP_OP = {0: EQUAL, -1: DELETE, 1: INSERT}
_NATIVE_OP = {EQUAL: 0, DELETE: -1, INSERT: 1}
_SURROGATES = 0x800  # U+D800..U+DFFF cannot stand alone in a str diff-match-patch slices
_MAX_UNITS = 0x10FFFF - _SURROGATES

#: Above this many token pairs, a block is split on unique shared tokens first:
#: diff-match-patch's bisect is O(N*D) and two unrelated 8,000-word texts would
#: take seconds.
BIG_BLOCK = 1_000_000
#: A big block without anchors sharing fewer tokens than this is unrelated text.
UNRELATED = 0.3
#: Above this many token pairs the longest common subsequence is found natively
#: (rapidfuzz's bit-parallel Indel, O(N*M/64) in C++) rather than by
#: diff-match-patch's bisect (O(N*D) in Python: 100 ms for a rewritten section of
#: 600 words, 1-1.5 ms for a real paragraph of 100 tokens a side with half of them
#: changed); diff-match-patch's merge and semantic cleanup still shape the result.
NATIVE_LCS = 2_000
#: Longest run of tokens tried as an anchor where no single token is found once on
#: each side (:func:`revtrack.diffing.anchors.gram_anchors`).
MAX_GRAM = 32
#: Above this many unit pairs no one search runs: rapidfuzz keeps a bit matrix of
#: N*M/8 bytes (3.2 GB for two texts of 160,000 tokens in a 50-word vocabulary,
#: which have no anchor). Such a block is cut by position into pieces under it.
LCS_CAP = 100_000_000


@cache
def dmp() -> diff_match_patch:
    """The one diff-match-patch instance, made on first use: a diff that needs no search
    (a word swapped, a sentence added) never loads the engine, 2.4 ms of start-up with
    the ``urllib.parse`` it imports."""
    from diff_match_patch import diff_match_patch

    engine = diff_match_patch()
    engine.Diff_Timeout = 0  # no deadline: results must not depend on machine load
    return engine


@cache
def native_engine() -> Callable[..., list[tuple[str, str]]] | None:
    """fast-diff-match-patch's ``diff``, or None where it is not installed (no wheel for
    CPython 3.13 and later): :func:`diff_main` then runs the Python engine."""
    try:
        from fast_diff_match_patch import diff
    except ImportError:
        return None
    return diff


def diff_main(old: str, new: str) -> list[tuple[int, str]]:
    """diff-match-patch's ``diff_main(old, new, checklines=False)`` with no deadline, as
    ``(op, text)`` pairs with the Python engine's ops (-1, 0, 1).

    >>> diff_main("abcd", "abxd")
    [(0, 'ab'), (-1, 'c'), (1, 'x'), (0, 'd')]
    """
    native = native_engine()
    if native is None:
        return dmp().diff_main(old, new, False)
    # timelimit=0 is no deadline, as Diff_Timeout = 0 in the Python engine
    return [
        (_NATIVE_OP[op], text)
        for op, text in native(old, new, timelimit=0, checklines=False, cleanup="No", counts_only=False)
    ]


def _codes(count: int) -> Iterator[str]:
    """``count`` distinct characters from U+0001 up, skipping the surrogate range.

    >>> list(_codes(3))
    ['\\x01', '\\x02', '\\x03']
    """
    if count < 0xD800:
        return map(chr, range(1, count + 1))
    if count > _MAX_UNITS:
        raise OverflowError("too many distinct tokens")
    return map(chr, chain(range(1, 0xD800), range(0xE000, count + 1 + _SURROGATES)))


def diff_units(old: list[str], new: list[str], cleanup: bool) -> Runs:
    """Diff two unit lists with diff-match-patch; returns ``(op, count)`` runs.

    >>> diff_units(["a", " ", "b"], ["a", " ", "c"], cleanup=False)
    [('=', 2), ('-', 1), ('+', 1)]
    """
    vocabulary = dict.fromkeys(chain(old, new))
    code = dict(zip(vocabulary, _codes(len(vocabulary)), strict=True))
    old_coded, new_coded = "".join(map(code.__getitem__, old)), "".join(map(code.__getitem__, new))
    if len(old) * len(new) > NATIVE_LCS:
        diffs = _native_diffs(old_coded, new_coded)
    else:
        diffs = diff_main(old_coded, new_coded)
    if cleanup:
        diffs = semantic_cleanup(diffs, _WordCodes(list(vocabulary)))
    runs: Runs = []
    for op, text in diffs:  # pieces cleaned apart may leave two equalities side by side
        if runs and runs[-1][0] == _DMP_OP[op]:
            runs[-1] = (runs[-1][0], runs[-1][1] + len(text))
        elif text:
            runs.append((_DMP_OP[op], len(text)))
    return runs


class _WordCodes:
    """Whether a coded text holds the code of a word token, for :func:`semantic_cleanup`.

    Asked only of the diff's equalities, a few per diff, and answered at the first
    word code: cheaper than classifying the whole vocabulary up front.

    >>> text = "".join(_codes(3))
    >>> _WordCodes([" ", ",", "the"]).isdisjoint(text[:2]), _WordCodes([" ", ",", "the"]).isdisjoint(text)
    (True, False)
    """

    __slots__ = ("tokens",)

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens  # the token of code k + 1 (codes skip the surrogates)

    def isdisjoint(self, text: str) -> bool:
        """True when no code in ``text`` stands for a token holding a word (as a set's
        ``isdisjoint`` would answer for the set of word codes)."""
        tokens = self.tokens
        for char in text:
            code = ord(char)
            if has_word(tokens[code - 1 if code < 0xD800 else code - 1 - _SURROGATES]):
                return False
        return True


def has_word(token: str) -> bool:
    """Whether a token holds a letter or digit (spaces and punctuation do not).

    >>> has_word("the"), has_word("4pm"), has_word(" "), has_word(", ")
    (True, True, False, False)
    """
    # a whole word is the common case (one C call); \w without _ is exactly str.isalnum
    return token.isalnum() or _ALNUM.search(token) is not None


_ALNUM = re.compile(r"[^\W_]")


def semantic_cleanup(
    diffs: list[tuple[int, str]], worded: frozenset[str] | _WordCodes
) -> list[tuple[int, str]]:
    """diff-match-patch's semantic cleanup, except that an equality holding a word stays.

    The cleanup folds an equality no longer than the changes on both sides of it
    into them, so that a rewritten phrase reads as one change, not as a comb of
    shared spaces and commas. Folding a shared *word* would mark words that did
    not change ("[-the new default-]{+the default for new+}"), more than git's
    word diff marks: so the diff is cut at equalities holding a word (``worded``:
    the codes of word tokens) and diff-match-patch cleans each piece between them.

    >>> semantic_cleanup([(-1, "a"), (1, "b"), (0, " "), (-1, "c"), (1, "d")], frozenset("abcd"))
    [(-1, 'a c'), (1, 'b d')]
    >>> semantic_cleanup([(-1, "a"), (1, "b"), (0, "t"), (-1, "c"), (1, "d")], frozenset("abcdt"))
    [(-1, 'a'), (1, 'b'), (0, 't'), (-1, 'c'), (1, 'd')]
    """
    out: list[tuple[int, str]] = []
    piece: list[tuple[int, str]] = []
    for op, text in diffs:
        if op == 0 and not worded.isdisjoint(text):
            if piece:
                out.extend(_cleaned(piece))
                piece = []
            out.append((op, text))
        else:
            piece.append((op, text))
    if piece:
        out.extend(_cleaned(piece))
    return out


def _cleaned(piece: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """diff-match-patch's semantic cleanup of one piece, skipped where it cannot change
    anything: one diff, or two (with no equality between changes and no edit between
    equalities, every step of the cleanup finds nothing) unless a deletion then an
    insertion overlap: one's end equal to the other's start, which needs the first
    character of one to occur in the other."""
    if len(piece) == 1:
        return piece
    if len(piece) == 2:
        (first_op, first), (second_op, second) = piece
        if (first_op, second_op) != (-1, 1) or (second[:1] not in first and first[:1] not in second):
            return piece
    dmp().diff_cleanupSemantic(piece)
    return piece


def _native_diffs(old: str, new: str) -> list[tuple[int, str]]:
    """diff-match-patch's diff list for two coded strings, the LCS found by rapidfuzz.

    Over :data:`LCS_CAP` unit pairs both strings are cut into as many pieces, by
    position, and the pieces' diffs joined: a bounded, valid diff where nothing
    anchors a better one.

    >>> _native_diffs("abcd", "abxd")
    [(0, 'ab'), (-1, 'c'), (1, 'x'), (0, 'd')]
    """
    from rapidfuzz.distance import Indel  # only big blocks need it; keeps `revtrack diff` light

    diffs: list[tuple[int, str]] = []
    if len(old) * len(new) > LCS_CAP:
        pieces = isqrt(len(old) * len(new) // LCS_CAP) + 1  # each pair of pieces within the cap
        for k in range(pieces):
            piece_old = old[k * len(old) // pieces : (k + 1) * len(old) // pieces]
            piece_new = new[k * len(new) // pieces : (k + 1) * len(new) // pieces]
            if piece_old and piece_new:
                diffs += _native_diffs(piece_old, piece_new)
            else:
                diffs += [(-1, piece_old)] if piece_old else [(1, piece_new)] if piece_new else []
        dmp().diff_cleanupMerge(diffs)
        return diffs
    for tag, i1, i2, j1, j2 in Indel.opcodes(old, new):
        if tag == "equal":
            diffs.append((0, old[i1:i2]))
        else:  # Indel has no replace: each opcode deletes or inserts
            diffs.append((-1, old[i1:i2]) if tag == "delete" else (1, new[j1:j2]))
    # merging puts each change's deletion before its insertion, as diff_main does
    dmp().diff_cleanupMerge(diffs)
    return diffs


#: How far (in tokens) a substituted token is looked for on the other side: a
#: token found that close could be a shift, which diff-match-patch may align better.
SHIFT_WINDOW = 4


def substitution_runs(old: list[str], new: list[str]) -> Runs | None:
    """Runs for token lists of equal length that differ by substitutions only, else None.

    The common edit of a copy editor, a word swapped for another, needs no
    search: tokens pair up by position. None (leave it to diff-match-patch) when
    the lengths differ, when a changed token occurs within SHIFT_WINDOW tokens on
    the other side (a shift may align better), or when an equality is no longer
    than the changes on both sides of it and holds no word (semantic cleanup
    would merge them).
    Otherwise the runs are what diff-match-patch with semantic cleanup returns.

    >>> substitution_runs(["said", " ", "on", " ", "Monday"], ["says", " ", "on", " ", "Friday"])
    [('-', 1), ('+', 1), ('=', 3), ('-', 1), ('+', 1)]
    >>> substitution_runs(["a", " ", "b"], ["b", " ", "a"]) is None
    True
    """
    size = len(old)
    if size != len(new):
        return None
    changed = [k for k, (x, y) in enumerate(zip(old, new, strict=True)) if x != y]
    runs: Runs = []
    done = 0  # tokens consumed so far
    at = 0
    while at < len(changed):
        start = end = changed[at]
        while at < len(changed) and changed[at] == end:
            end += 1
            at += 1
        lo, hi = max(0, start - SHIFT_WINDOW), end + SHIFT_WINDOW
        near_old, near_new = old[lo:hi], new[lo:hi]
        if any(t in near_new for t in old[start:end]) or any(t in near_old for t in new[start:end]):
            return None
        if start > done:
            runs.append((EQUAL, start - done))
        runs.append((DELETE, end - start))
        runs.append((INSERT, end - start))
        done = end
    if done < size:
        runs.append((EQUAL, size - done))
    for at in range(2, len(runs) - 2):
        op, count = runs[at]
        if op == EQUAL and count <= runs[at - 1][1] and count <= runs[at + 1][1]:
            start = sum(n for o, n in runs[:at] if o != INSERT)
            if not any(map(has_word, old[start : start + count])):
                return None  # an equality without a word that the cleanup would fold in
    return runs


def diff_tokens(old: list[str], new: list[str], cleanup: bool) -> Runs:
    """Token diff as ``(op, count)`` runs, bounded in time for large, different blocks.

    Small blocks go straight to diff-match-patch. Large ones are cut at tokens that
    occur once on each side, in the same order (patience anchors), or where no
    single token does, at runs of 2, 4, ... 32 tokens that do, and each piece is
    diffed the same way. A large piece with no anchor and little in common is
    unrelated text: it is reported as replaced, which is what diff-match-patch
    would conclude after a long search. Deterministic: no deadline is involved.
    """
    if not old or not new:
        return ([(DELETE, len(old))] if old else []) + ([(INSERT, len(new))] if new else [])
    if len(old) * len(new) <= BIG_BLOCK:
        return diff_units(old, new, cleanup=cleanup)
    anchors, width = unique_anchors(old, new, skip_space=True), 1
    while not anchors and width < MAX_GRAM:
        width *= 2
        anchors = gram_anchors(old, new, width)
    if not anchors:
        shared = sum((Counter(old) & Counter(new)).values())
        if shared < UNRELATED * max(len(old), len(new)):
            return [(DELETE, len(old)), (INSERT, len(new))]
        return diff_units(old, new, cleanup=cleanup)
    runs: Runs = []
    i = j = 0
    for ai, bj in [*anchors, (len(old), len(new))]:
        runs.extend(diff_tokens(old[i:ai], new[j:bj], cleanup))
        if ai < len(old):
            runs.append((EQUAL, width))
        i, j = ai + width, bj + width
    return runs
