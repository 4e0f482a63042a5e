"""Patience anchors: units found once on each side, kept in the order both sides share.

Anchors cut a long alignment into short ones: equal paragraphs, sentence keys or
tokens that occur once in each text and in the same order are taken as equal
before any search, and only the stretches between them are searched. Pure
Python, no diff engine: :mod:`revtrack.diffing.engine` searches the stretches.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence


def lis(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest run of pairs increasing in both coordinates (input sorted by the first).

    >>> lis([(0, 2), (1, 0), (2, 1), (3, 3)])
    [(1, 0), (2, 1), (3, 3)]
    """
    tails: list[int] = []  # index into pairs of the smallest tail of each length
    back: list[int] = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if pairs[tails[mid]][1] < j:
                lo = mid + 1
            else:
                hi = mid
        back[k] = tails[lo - 1] if lo else -1
        if lo == len(tails):
            tails.append(k)
        else:
            tails[lo] = k
    out: list[tuple[int, int]] = []
    k = tails[-1] if tails else -1
    while k != -1:
        out.append(pairs[k])
        k = back[k]
    return out[::-1]


def common_ends(old: list[str], new: list[str]) -> tuple[int, int]:
    """How many units the two lists share at their start and, after that, at their end.

    >>> common_ends(["a", "b", "c"], ["a", "x", "c"]), common_ends(["a"], ["a", "a"])
    ((1, 1), (1, 0))
    """
    head, limit = 0, min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return head, tail


def heaviest_chain(pairs: list[tuple[int, int]], weights: list[int]) -> list[tuple[int, int]]:
    """The pairs increasing in both coordinates with the largest total weight (input sorted
    by the first, second coordinates distinct); a Fenwick tree of prefix maxima, O(n log n).

    >>> heaviest_chain([(0, 1), (1, 0), (2, 2)], [10, 1, 1])
    [(0, 1), (2, 2)]
    >>> heaviest_chain([(0, 1), (1, 0), (2, 2)], [1, 10, 1])
    [(1, 0), (2, 2)]
    """
    if not pairs:
        return []
    if min(weights) > 0 and all(a[1] < b[1] for a, b in zip(pairs, pairs[1:], strict=False)):
        return list(pairs)  # already in order (most documents): all of it is the heaviest
    size = max(j for _, j in pairs) + 1
    # the tree's nodes as two lists, (best total, pair index) compared as a tuple would be
    # (the larger index wins a tie), without building a tuple per step
    tree_total = [0] * (size + 1)
    tree_index = [-1] * (size + 1)
    back = [-1] * len(pairs)
    totals = [0] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        best_total, best_index, pos = 0, -1, j  # the best chain ending at a second coordinate below j
        while pos > 0:
            total = tree_total[pos]
            if total > best_total or (total == best_total and tree_index[pos] > best_index):
                best_total, best_index = total, tree_index[pos]
            pos &= pos - 1
        total = totals[k] = best_total + weights[k]
        back[k] = best_index
        pos = j + 1
        while pos <= size:
            if total > tree_total[pos] or (total == tree_total[pos] and k > tree_index[pos]):
                tree_total[pos], tree_index[pos] = total, k
            pos += pos & -pos
    k = max(range(len(pairs)), key=totals.__getitem__)
    out: list[tuple[int, int]] = []
    while k != -1:
        out.append(pairs[k])
        k = back[k]
    return out[::-1]


def unique_anchors(
    old: list[str], new: list[str], skip_space: bool = False, by_length: bool = False
) -> list[tuple[int, int]]:
    """Patience anchors: units found once on each side, longest run in the same order
    (``by_length``: the run holding the most characters, so a long unit stays in place
    and the short one beside it is what moved).

    >>> unique_anchors(["a", "b", "c", "b"], ["a", "x", "c", "b"])
    [(0, 0), (2, 2)]
    >>> unique_anchors(["long one", "b", "c"], ["b", "long one", "c"], by_length=True)
    [(0, 1), (2, 2)]
    """
    count_old = Counter(old)
    count_new = Counter(new)
    where_new = {u: j for j, u in enumerate(new) if count_new[u] == 1}
    unique = [
        (i, where_new[u])
        for i, u in enumerate(old)
        if count_old[u] == 1 and u in where_new and not (skip_space and u.isspace())
    ]
    if by_length:
        return heaviest_chain(unique, [len(old[i]) for i, _ in unique])
    return lis(unique)


def gram_anchors(old: Sequence[Hashable], new: Sequence[Hashable], size: int) -> list[tuple[int, int]]:
    """Anchors on runs of ``size`` units found once on each side, in the same order and
    not overlapping: ``(i, j)`` where ``old[i:i + size] == new[j:j + size]``.

    For long texts whose every single unit repeats (a small vocabulary, a table of
    figures): runs of two, four or eight units are unique where single ones are not.

    >>> gram_anchors(list("abab-abba"), list("abab+abba"), 3)
    [(0, 0), (5, 5)]
    """
    old_grams = list(zip(*(old[k:] for k in range(size)), strict=False))  # noqa: B905 - shifted copies
    new_grams = list(zip(*(new[k:] for k in range(size)), strict=False))  # noqa: B905
    out: list[tuple[int, int]] = []
    for i, j in unique_anchors(old_grams, new_grams):
        if not out or (i >= out[-1][0] + size and j >= out[-1][1] + size):
            out.append((i, j))
    return out
