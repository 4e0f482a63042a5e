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
#: How one sentence fared, NewsEdits' way: ``(label, old index, new index)``, an index
#: None on the side it is missing from; labels ``Unchanged``, ``Edit``, ``Addition``,
#: ``Deletion`` (and ``Refactor`` for moves, in :func:`revtrack.diffing.sentence_links`).
Link = tuple[str, "int | None", "int | None"]

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


def pair_parts(
    old_units: list[str], new_units: list[str], links: list[Link] | None = None
) -> tuple[list[Part], Actions] | None:
    """Diff sentence by sentence in order, or None when some pair is not similar.

    ``links`` (when given) gains each pair, labelled, on success only.
    """
    out: list[Part] = []
    edited = added = deleted = 0
    found: list[Link] = []
    for k, (old, new) in enumerate(zip(old_units, new_units, strict=True)):
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
        out.extend(parts)
        if old.strip() and new.strip():
            edited += wording
            found.append(("Edit" if wording else "Unchanged", k, k))
        elif new.strip():  # a blank unit ("\n\n") paired with text: the text was added
            added += 1
            found.append(("Addition", None, k))
        elif old.strip():
            deleted += 1
            found.append(("Deletion", k, None))
    if links is not None:
        links.extend(found)
    return out, (edited, added, deleted)


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


def _gap_parts(
    old_units: list[str], new_units: list[str], links: list[Link] | None = None, at: tuple[int, int] = (0, 0)
) -> tuple[list[Part], Actions]:
    """Sentences between matches: deleted, added, or (both sides) diffed as one text.

    ``links`` gains each sentence's fate, indices offset by ``at``; a gap diffed as
    one text pairs its first sentences by position, as many as it counts edits.
    """
    if old_units and new_units:
        parts = word_parts("".join(old_units), "".join(new_units))
        actions = guess_actions(old_units, new_units, parts)
    elif old_units:
        parts, actions = [(DELETE, "".join(old_units), False, None)], (0, 0, _count(old_units))
    elif new_units:
        parts, actions = [(INSERT, "".join(new_units), False, None)], (0, _count(new_units), 0)
    else:
        return [], (0, 0, 0)
    if links is not None:
        links.extend(_gap_links(old_units, new_units, actions, at))
    return parts, actions


def _word_owners(units: list[str]) -> list[int]:
    """For each word of the units joined, the index of the unit holding it.

    >>> _word_owners(["A b. ", "C. "])
    [0, 0, 1]
    """
    return [k for k, unit in enumerate(units) for _ in unit.split()]


def _first_words(units: list[str]) -> list[tuple[int, int]]:
    """``(unit index, index of its first word among all words)`` of each unit holding words.

    >>> _first_words(["A b. ", " ", "C. "])
    [(0, 0), (2, 2)]
    """
    out, words = [], 0
    for k, unit in enumerate(units):
        count = len(unit.split())
        if count:
            out.append((k, words))
        words += count
    return out


def _gap_links(
    old_units: list[str], new_units: list[str], actions: Actions, at: tuple[int, int]
) -> list[Link]:
    """A gap's sentences as links: ``edited`` pairs by position, the rest added or deleted;
    with no wording change at all, every sentence is unchanged (joined or split ones
    matched to the last sentence of the other side).

    >>> _gap_links(["A b. ", "C d."], ["A b. C d."], (0, 0, 0), (0, 0))
    [('Unchanged', 0, 0), ('Unchanged', 1, 0)]
    >>> _gap_links(["A b c."], ["A x c.", "New one."], (1, 1, 0), (3, 5))
    [('Edit', 3, 5), ('Addition', None, 6)]
    """
    olds = [at[0] + k for k, unit in enumerate(old_units) if unit.strip()]
    news = [at[1] + k for k, unit in enumerate(new_units) if unit.strip()]
    if not any(actions) and olds and news:
        # no wording changed: sentences joined or split where a re-flow moved a line break.
        # Each sentence goes with the one of the other side that holds its first word.
        old_of, new_of = _word_owners(old_units), _word_owners(new_units)
        pairs = {(k, new_of[min(first, len(new_of) - 1)]) for k, first in _first_words(old_units)}
        pairs |= {(old_of[min(first, len(old_of) - 1)], k) for k, first in _first_words(new_units)}
        return [("Unchanged", at[0] + x, at[1] + y) for x, y in sorted(pairs)]
    edited = actions[0]
    links: list[Link] = [("Edit", x, y) for x, y in zip(olds[:edited], news[:edited], strict=True)]
    links += [("Deletion", x, None) for x in olds[edited:]]
    links += [("Addition", None, y) for y in news[edited:]]
    return links


def matched_parts(
    old_units: list[str], new_units: list[str], links: list[Link] | None = None
) -> tuple[list[Part], Actions, bool] | None:
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
        parts, actions = _gap_parts(old_units[i:oi], new_units[j:nj], links, (i, j))
        if oi < len(old_units):
            pair = word_parts(old_units[oi], new_units[nj])
            one_sided = one_sided or _one_sided_words(pair) >= SPLIT_WORDS
            parts = parts + pair
            actions = (actions[0] + _has_wording(pair), actions[1], actions[2])
            if links is not None:
                links.append(("Edit" if _has_wording(pair) else "Unchanged", oi, nj))
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
    old_units: list[str], new_units: list[str], try_pairs: bool = True, links: list[Link] | None = None
) -> tuple[list[Part], Actions]:
    """Word diff of one change block (moved sentences already taken out), with its actions.

    ``links`` (when given) gains each sentence's fate, indices into the two lists.
    """
    if try_pairs and len(old_units) == len(new_units) > 0:
        paired = pair_parts(old_units, new_units, links)
        if paired is not None:
            return paired
    small = len(old_units) * len(new_units) <= MATCH_LIMIT
    if old_units and new_units and len(old_units) + len(new_units) > 2 and small:
        matched_links: list[Link] | None = [] if links is not None else None
        matched = matched_parts(old_units, new_units, matched_links)
        if matched is not None:
            parts, actions, split_or_joined = matched
            whole_links: list[Link] | None = [] if links is not None else None
            # a subhead glued to the next sentence in a flat copy, a sentence split
            # in two: as one text the block may show less change; keep the smaller
            if split_or_joined:
                whole = _gap_parts(old_units, new_units, whole_links)
                if _changed(parts) > _changed(whole[0]):
                    if links is not None:
                        links.extend(whole_links or [])
                    return whole
            if links is not None:
                links.extend(matched_links or [])
            return parts, actions
    return _gap_parts(old_units, new_units, links)
