"""Change blocks: runs of sentences that differ between the versions, diffed word by word.

A block's sentences are matched before any word diff, so hunks stay inside
sentences and the NewsEdits actions (edited, added, deleted) are counted per
sentence:

* as many sentences on each side, each similar to its counterpart: pair by
  position (the common case, a few words changed here and there);
* otherwise a small alignment by word overlap matches similar sentences and
  leaves the rest added or deleted (a new lede sentence pushed the others down);
* with nothing similar, the block is diffed as one text.
"""

from __future__ import annotations

from revtrack.comparison import DELETE, EQUAL, INSERT
from revtrack.diffing.words import Part, word_parts
from revtrack.text import PUNCT_TO_SPACE, word_count

#: ``(edited, added, deleted)`` sentence counts of one block.
Actions = tuple[int, int, int]

#: Sentences pair by position when each pair keeps at least this share of its characters.
PAIR_SHARE = 0.5
#: Sentences match in the alignment at or above this word overlap (Jaccard).
MATCH_OVERLAP = 0.4
#: A matched pair losing or gaining this many words on one side may be a split sentence.
SPLIT_WORDS = 1
#: Blocks with more sentence pairs than this are not aligned (quadratic): one text.
MATCH_LIMIT = 400


def _has_wording(parts: list[Part]) -> bool:
    return any(op != EQUAL and not cosmetic for op, _, cosmetic, _ in parts)


def _count(units: list[str]) -> int:
    return sum(1 for unit in units if unit.strip())


def guess_actions(old_units: list[str], new_units: list[str], parts: list[Part]) -> Actions:
    """Actions of a block diffed as one text: sentences are edits while words are shared.

    >>> parts = [("=", "A b ", False, None), ("-", "c", False, None), ("+", "d. New", False, None)]
    >>> guess_actions(["A b c. "], ["A b d. ", "New. "], parts)
    (1, 1, 0)
    """
    if not _has_wording(parts):
        return (0, 0, 0)
    old, new = _count(old_units), _count(new_units)
    shared = any(op == EQUAL and text.strip() and word_count(text) for op, text, _, _ in parts)
    edits = min(old, new) if shared else 0
    return (edits, new - edits, old - edits)


def pair_parts(old_units: list[str], new_units: list[str]) -> tuple[list[Part], Actions] | None:
    """Diff sentence by sentence in order, or None when some pair is not similar."""
    out: list[Part] = []
    edited = 0
    for old, new in zip(old_units, new_units, strict=True):
        parts = word_parts(old, new)
        kept = 0
        wording = False
        for op, text, cosmetic, _ in parts:
            if op == EQUAL or (op == DELETE and cosmetic):
                kept += len(text)
            elif not cosmetic:
                wording = True
        if kept < PAIR_SHARE * max(len(old), len(new)):
            return None
        edited += wording
        out.extend(parts)
    return out, (edited, 0, 0)


def _words(unit: str) -> set[str]:
    return set(PUNCT_TO_SPACE.apply(unit.casefold()).split())


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def match_sentences(old_units: list[str], new_units: list[str]) -> list[tuple[int, int]]:
    """Pairs of similar sentences, in order on both sides, with the most overlap in total.

    >>> match_sentences(["Budget passed on Monday. ", "Leaders called it fair."],
    ...                 ["Critics warned. ", "Budget passed on Monday night."])
    [(0, 1)]
    """
    old_sets = [_words(u) for u in old_units]
    new_sets = [_words(u) for u in new_units]
    rows, cols = len(old_units), len(new_units)
    # best[i][j]: the best total overlap matching old[:i] with new[:j] (an LCS with weights)
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(1, rows + 1):
        row, above = best[i], best[i - 1]
        for j in range(1, cols + 1):
            score = _jaccard(old_sets[i - 1], new_sets[j - 1])
            take = above[j - 1] + score if score >= MATCH_OVERLAP else -1.0
            row[j] = max(above[j], row[j - 1], take)
    pairs: list[tuple[int, int]] = []
    i, j = rows, cols
    while i and j:
        if best[i][j] == best[i - 1][j]:
            i -= 1
        elif best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i -= 1
            j -= 1
    return pairs[::-1]


def _gap_parts(old_units: list[str], new_units: list[str]) -> tuple[list[Part], Actions]:
    """Sentences between matches: deleted, added, or (both sides) diffed as one text."""
    if old_units and new_units:
        parts = word_parts("".join(old_units), "".join(new_units))
        return parts, guess_actions(old_units, new_units, parts)
    if old_units:
        return [(DELETE, "".join(old_units), False, None)], (0, 0, _count(old_units))
    if new_units:
        return [(INSERT, "".join(new_units), False, None)], (0, _count(new_units), 0)
    return [], (0, 0, 0)


def matched_parts(old_units: list[str], new_units: list[str]) -> tuple[list[Part], Actions, bool] | None:
    """Diff matched sentences pair by pair and the rest as gaps; None when nothing matches.

    The flag is set when a matched pair lost or gained a run of words on one
    side only: the sign of a sentence split or joined, which the caller checks
    against a diff of the block as one text.
    """
    pairs = match_sentences(old_units, new_units)
    if not pairs:
        return None
    out: list[Part] = []
    totals = [0, 0, 0]
    one_sided = False
    i = j = 0
    for oi, nj in [*pairs, (len(old_units), len(new_units))]:
        parts, actions = _gap_parts(old_units[i:oi], new_units[j:nj])
        if oi < len(old_units):
            pair = word_parts(old_units[oi], new_units[nj])
            one_sided = one_sided or _one_sided_words(pair) >= SPLIT_WORDS
            parts = parts + pair
            actions = (actions[0] + _has_wording(pair), actions[1], actions[2])
        out.extend(parts)
        totals = [t + a for t, a in zip(totals, actions, strict=True)]
        i, j = oi + 1, nj + 1
    return out, (totals[0], totals[1], totals[2]), one_sided


def _one_sided_words(parts: list[Part]) -> int:
    """Words in the longest hunk that only deletes or only inserts.

    >>> _one_sided_words([("-", "Subhead here ", False, None), ("=", "Lee met", False, None)])
    2
    """
    longest = 0
    k = 0
    while k < len(parts):
        if parts[k][0] == EQUAL:
            k += 1
            continue
        end = k
        while end < len(parts) and parts[end][0] != EQUAL:
            end += 1
        # a space dropped where the joined text begins is no change of wording
        ops = {op for op, text, cosmetic, _ in parts[k:end] if not cosmetic and text.strip()}
        if len(ops) == 1:
            longest = max(longest, sum(word_count(text) for _, text, _, _ in parts[k:end]))
        k = end
    return longest


def _changed(parts: list[Part]) -> int:
    """Words marked as wording changes (a reader counts words, not characters).

    >>> _changed([("-", "Monday.", False, None), ("+", "Monday night", False, None), ("-", "“", True, None)])
    3
    """
    return sum(word_count(text) for op, text, cosmetic, _ in parts if op != EQUAL and not cosmetic)


def block_parts(
    old_units: list[str], new_units: list[str], try_pairs: bool = True
) -> tuple[list[Part], Actions]:
    """Word diff of one change block (moved sentences already taken out), with its actions."""
    if try_pairs and len(old_units) == len(new_units) > 0:
        paired = pair_parts(old_units, new_units)
        if paired is not None:
            return paired
    small = len(old_units) * len(new_units) <= MATCH_LIMIT
    if old_units and new_units and len(old_units) + len(new_units) > 2 and small:
        matched = matched_parts(old_units, new_units)
        if matched is not None:
            parts, actions, split_or_joined = matched
            if not split_or_joined:
                return parts, actions
            # a subhead glued to the next sentence in a flat copy, a sentence split
            # in two: as one text the block may show less change; keep the smaller
            whole = _gap_parts(old_units, new_units)
            return (parts, actions) if _changed(parts) <= _changed(whole[0]) else whole
    return _gap_parts(old_units, new_units)
